"""Value types of the complaint domain: channels, verdicts, outcomes and statuses."""

from enum import StrEnum


class Channel(StrEnum):
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    WEB = "web"
    SOCIAL_MEDIA = "social_media"
    IN_PERSON = "in_person"
    STEM = "stem"
    SIGNAL = "signal"


class Verdict(StrEnum):
    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    UNFOUNDED = "unfounded"
    INADMISSIBLE = "inadmissible"

    @property
    def is_upheld(self) -> bool:
        return self in (Verdict.UPHELD, Verdict.PARTLY_UPHELD)


class Outcome(StrEnum):
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"


class Status(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_CONVERSATION = "in_conversation"
    RESOLVED = "resolved"
    REFERRED = "referred"
    RULED = "ruled"
    ANSWERED = "answered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self in (Status.CLOSED, Status.WITHDRAWN)


class ClockName(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"
    MINUTES = "minutes"
    DECISION = "decision"
    UPHELD_RESPONSE = "upheld_response"
    AGREEMENT = "agreement"
    SIGNAL_ACKNOWLEDGEMENT = "signal_acknowledgement"
    SIGNAL_OPEN = "signal_open"
    MEASURE = "measure"
    SUBJECT_ACCESS = "subject_access"


class SignalChannel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    SOCIAL_MEDIA = "social_media"
    STEM = "stem"
    STAFF = "staff"
    CLIENT_COUNCIL = "client_council"
    OTHER = "other"


class SignalStatus(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_CONVERSATION = "in_conversation"
    RESOLVED = "resolved"
    ESCALATED = "escalated"

    @property
    def is_final(self) -> bool:
        return self in (SignalStatus.RESOLVED, SignalStatus.ESCALATED)
