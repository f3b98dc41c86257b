"""The application's errors: what went wrong around the domain, not inside it."""


class ApplicationError(Exception):
    """Raised when a use case cannot be carried out."""


class CaseNotFound(ApplicationError):
    """Raised when no case has the given id (or it did not exist yet at the asked moment)."""


class VersionMismatch(ApplicationError):
    """Raised when `If-Match` names a version other than the case's current one."""


class ConcurrentChange(ApplicationError):
    """Raised when a command kept colliding with other writes to the same case."""


class IdempotencyKeyReused(ApplicationError):
    """Raised when an Idempotency-Key is sent again with a different request."""


class TokenNameTaken(ApplicationError):
    """Raised when a token is created under a name that is already in use."""


class UnknownToken(ApplicationError):
    """Raised when a token name or secret matches no active token."""


class BadCursor(ApplicationError):
    """Raised when a paging cursor is not one this service handed out."""


class RegisterUnreadable(ApplicationError):
    """Raised when a register file is not a CSV or XLSX file that can be read at all."""


class TooManyFailures(ApplicationError):
    """Raised when an address failed to authenticate too often within a minute."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("too many failed authentications from this address")
        self.retry_after_seconds = retry_after_seconds
