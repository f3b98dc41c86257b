"""The storyline that sends every request example of the OpenAPI document in a sensible order:
one complaint from registration to withdrawal, a signal escalated, a STEM answer's signal
resolved, privacy duties, staff, audit and the analysis. Each step names its operationId, who
sends it, and where its path's values come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

ANNA = "anna.jansen@example.nl"
"""The mediator the examples add, assign and sign in as."""


@dataclass(frozen=True)
class Step:
    operation: str
    caller: str
    path: dict[str, str] = field(default_factory=dict)
    """Path parameter: the name under which an earlier answer's value was kept, or the value."""
    keep: tuple[str, str] | None = None
    """Keep this field of the answer under this name, for later steps' paths."""
    query: dict[str, str] = field(default_factory=dict)
    later: timedelta | None = None
    """Move the clock on this much before the step (retention lists need years)."""
    answer: str | None = None
    """The status expected when it is not the operation's usual success (its `also` example)."""


C = {"case_id": "complaint"}
S = {"case_id": "signal"}
STORY: tuple[Step, ...] = (
    Step("readHealth", "nobody"),
    Step("addStaffMember", "admin", keep=("email", "anna")),
    Step("changeStaffMember", "admin", {"email": "anna"}),
    Step("listStaff", "admin"),
    Step("proposeDestructionList", "admin", answer="200"),  # nothing is due yet
    Step("importRegister", "admin"),
    Step("importRegister", "admin", answer="200"),  # the same file again adds nothing
    Step("readMe", "anna"),
    Step("changeMe", "anna"),
    Step("registerComplaint", "intake", keep=("id", "complaint")),
    Step("listComplaints", "intake"),
    Step("readComplaint", "intake", C),
    Step("acknowledgeComplaint", "intake", C),
    Step("assignMediator", "mediator", C),
    Step("holdComplaintConversation", "anna", C),
    Step("markAgreementDone", "anna", {**C, "number": "1"}),
    Step("sendMinutes", "anna", C),
    Step("suspendComplaint", "anna", C),
    Step("resumeComplaint", "anna", C),
    Step("extendDeadline", "anna", C),
    Step("referToCommittee", "anna", C),
    Step("recordRuling", "anna", C),
    Step("giveApology", "anna", C),
    Step("communicateMeasures", "anna", C),
    Step("markMeasureDone", "anna", {**C, "number": "1"}),
    Step("writeMeasureSummary", "manager", {**C, "number": "1"}),
    Step("approveMeasureSummary", "manager2", {**C, "number": "1"}),
    Step("setThemes", "anna", C),
    Step("readComplaintDeadlines", "anna", C),
    Step("closeComplaint", "anna", C),
    Step("reopenComplaint", "anna", C),
    Step("readComplaintHistory", "anna", C),
    Step("readComplaintTimeline", "auditor", C),
    Step("placeComplaintHold", "admin", C),
    Step("liftComplaintHold", "admin", C),
    Step("withdrawComplaint", "anna", C),
    Step("registerSignal", "intake", keep=("id", "signal")),
    Step("listSignals", "intake"),
    Step("readSignal", "intake", S),
    Step("acknowledgeSignal", "intake", S),
    Step("holdSignalConversation", "anna", S),
    Step("readSignalDeadlines", "anna", S),
    Step("placeSignalHold", "admin", S),
    Step("liftSignalHold", "admin", S),
    Step("escalateSignal", "anna", S),
    Step("readSignalHistory", "anna", S),
    Step("readSignalTimeline", "manager", S),
    Step("recordStemResponse", "intake", keep=("signal_id", "stem_signal")),
    Step("resolveSignal", "anna", {"case_id": "stem_signal"}),
    Step("readQueue", "anna"),
    Step("runSweep", "admin"),
    Step("requestSubjectAccess", "admin", keep=("id", "request")),
    Step("readSubjectAccess", "admin", {"request_id": "request"}),
    Step("exportSubjectAccess", "admin", {"request_id": "request"}),
    Step("readComplaintsAnalysis", "manager", query={"from": "2026-01-01", "to": "2026-12-31"}),
    Step("readEventLog", "auditor"),
    Step("verifyChain", "auditor"),
    Step("readAccessLog", "auditor"),
    Step("proposeDestructionList", "admin", keep=("id", "list"), later=timedelta(days=800)),
    Step("listDestructionLists", "admin"),
    Step("readDestructionList", "manager", {"list_id": "list"}),
    Step("approveDestructionList", "manager", {"list_id": "list"}),
    Step("erasePerson", "admin"),
)
