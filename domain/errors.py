"""The domain's errors: each says which rule a command broke."""


class DomainError(Exception):
    """Raised when a command breaks a rule of the domain."""


class NotAllowed(DomainError):
    """Raised when a command is not allowed in the case's current state."""


class ExtensionRefused(NotAllowed):
    """Raised when a deadline extension exceeds the cap or names a clock that cannot be extended."""


class InvalidValue(DomainError):
    """Raised when a value given to a command cannot be right; `field` names it in the request."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class InvalidMoment(InvalidValue):
    """Raised when an effective time (`at`) lies before receipt or too far in the future."""

    def __init__(self, message: str, field: str = "at") -> None:
        super().__init__(message, field)
