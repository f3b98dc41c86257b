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
