"""How each lifecycle event moves a complaint's status."""

from domain.values import Outcome, Status

_OPEN_BEFORE_COMMITTEE = (
    Status.RECEIVED,
    Status.ACKNOWLEDGED,
    Status.IN_CONVERSATION,
    Status.RESOLVED,
)


def status_after(status: Status, event_name: str, data: dict[str, object]) -> Status:
    """The status a complaint has after an event of `event_name` with `data` is applied."""
    if event_name == "Acknowledged":
        return Status.ACKNOWLEDGED if status == Status.RECEIVED else status
    if event_name == "ConversationHeld":
        if status not in _OPEN_BEFORE_COMMITTEE:
            return status
        resolved = data.get("outcome") == Outcome.RESOLVED
        return Status.RESOLVED if resolved else Status.IN_CONVERSATION
    if event_name == "ReferredToCommittee":
        return Status.REFERRED
    if event_name == "RulingReceived":
        return Status.RULED
    if event_name in ("ApologyGiven", "MeasuresCommunicated"):
        return Status.ANSWERED if status == Status.RULED else status
    if event_name == "Closed":
        return Status.CLOSED
    if event_name == "Withdrawn":
        return Status.WITHDRAWN
    if event_name == "Reopened":
        return Status(str(data["status"]))
    return status
