"""The one place that knows the roles and which actions each may take."""

from enum import StrEnum


class Role(StrEnum):
    INTAKE = "intake"
    MEDIATOR = "mediator"
    MANAGER = "manager"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Action(StrEnum):
    REGISTER_CASE = "register_case"
    ACKNOWLEDGE_CASE = "acknowledge_case"
    WORK_CASE = "work_case"
    READ_CASE = "read_case"
    READ_HISTORY = "read_history"
    READ_QUEUE = "read_queue"
    RUN_SWEEP = "run_sweep"
    RECORD_STEM = "record_stem"
    READ_TIMELINE = "read_timeline"
    READ_AUDIT = "read_audit"
    ERASE_PERSON = "erase_person"
    READ_REPORTS = "read_reports"
    SUMMARISE_MEASURES = "summarise_measures"
    IMPORT_REGISTER = "import_register"
    MANAGE_STAFF = "manage_staff"
    READ_SELF = "read_self"
    ANSWER_SUBJECT_ACCESS = "answer_subject_access"
    PROPOSE_DESTRUCTION = "propose_destruction"
    APPROVE_DESTRUCTION = "approve_destruction"
    HOLD_CASE = "hold_case"


R = Role
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.REGISTER_CASE: frozenset({R.INTAKE, R.MEDIATOR}),
    Action.ACKNOWLEDGE_CASE: frozenset({R.INTAKE, R.MEDIATOR}),
    Action.WORK_CASE: frozenset({R.MEDIATOR}),
    Action.READ_CASE: frozenset({R.INTAKE, R.MEDIATOR, R.MANAGER, R.AUDITOR}),
    Action.READ_HISTORY: frozenset({R.MEDIATOR, R.MANAGER, R.AUDITOR}),
    Action.READ_QUEUE: frozenset({R.MEDIATOR, R.MANAGER}),
    Action.RUN_SWEEP: frozenset({R.ADMIN}),
    Action.RECORD_STEM: frozenset({R.INTAKE}),
    Action.READ_TIMELINE: frozenset({R.AUDITOR, R.MANAGER}),
    Action.READ_AUDIT: frozenset({R.AUDITOR}),
    Action.ERASE_PERSON: frozenset({R.ADMIN}),
    Action.READ_REPORTS: frozenset({R.MANAGER}),
    Action.SUMMARISE_MEASURES: frozenset({R.MANAGER}),
    Action.IMPORT_REGISTER: frozenset({R.ADMIN}),
    Action.MANAGE_STAFF: frozenset({R.ADMIN}),
    Action.READ_SELF: frozenset(Role),
    Action.ANSWER_SUBJECT_ACCESS: frozenset({R.ADMIN}),
    Action.PROPOSE_DESTRUCTION: frozenset({R.ADMIN}),
    Action.APPROVE_DESTRUCTION: frozenset({R.MANAGER, R.ADMIN}),
    Action.HOLD_CASE: frozenset({R.ADMIN}),
}


def may(role: Role, action: Action) -> bool:
    """Whether a token of `role` may take `action`."""
    return role in PERMISSIONS[action]
