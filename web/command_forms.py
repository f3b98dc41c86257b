"""Every command on a complaint as a form: its fields, who may use it, the API schema that
checks it, and the named use case it becomes. The case page draws them; complaint_forms runs
them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from api.schemas.common import AtBody, ReasonBody
from api.schemas.complaints import (
    ApologyBody,
    AssignBody,
    ConversationBody,
    ExtendBody,
    MeasuresBody,
    MinutesBody,
    RulingBody,
)
from application.complaint_use_cases import (
    AcknowledgeComplaint,
    AssignMediator,
    ChangeComplaint,
    CloseComplaint,
    ExtendDeadline,
    GiveApology,
    RecordRuling,
    ReferToCommittee,
    ReopenComplaint,
    ResumeComplaint,
    SendMinutes,
    SuspendComplaint,
    WithdrawComplaint,
)
from application.roles import Action
from web.forms import day, moment
from web.words import OUTCOME, VERDICT

AGREEMENT_ROWS = 3


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # moment, text, textarea, select, number, lines
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass(frozen=True)
class CommandForm:
    name: str
    title: str
    action: Action
    schema: type[BaseModel]
    command: Callable[[UUID, Any], ChangeComplaint]
    fields: tuple[Field, ...]
    button: str
    to_body: Callable[[CommandForm, Mapping[str, str]], dict[str, Any]] | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def field_id(self, name: str) -> str:
        return f"{self.name}-{name}"

    def body(self, form: Mapping[str, str]) -> dict[str, Any]:
        if self.to_body is not None:
            return self.to_body(self, form)
        values = {f.name: read(f, form.get(self.field_id(f.name), "")) for f in self.fields}
        return {**values, **self.extra}

    def field_ids(self) -> dict[tuple[str | int, ...], str]:
        return {(f.name,): self.field_id(f.name) for f in self.fields}


def read(spec: Field, text: str) -> Any:
    text = text.strip()
    if spec.kind == "moment":
        return moment(text)
    if spec.kind == "number":
        return int(text) if text.isdigit() else (text or None)
    if spec.kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text or None


def conversation_body(form_spec: CommandForm, form: Mapping[str, str]) -> dict[str, Any]:
    agreements = []
    for row in range(1, AGREEMENT_ROWS + 1):
        what = form.get(form_spec.field_id(f"afspraak-{row}"), "").strip()
        due = form.get(form_spec.field_id(f"afspraak-{row}-datum"), "").strip()
        if what or due:
            agreements.append({"description": what or None, "due": day(due)})
    return {
        "at": moment(form.get(form_spec.field_id("at"), "")),
        "participants": read(
            Field("p", "", "lines"), form.get(form_spec.field_id("participants"), "")
        ),
        "outcome": form.get(form_spec.field_id("outcome")) or None,
        "agreements": agreements,
    }


AT = Field("at", "Wanneer", "moment", hint="Datum en tijd, Nederlandse tijd")
REASON = Field("reason", "Reden", "textarea")
CHOICE_OUTCOME = tuple(OUTCOME.items())
CHOICE_VERDICT = tuple(VERDICT.items())


def _with_reason(name: str, title: str, step: Any, button: str) -> CommandForm:
    return CommandForm(
        name,
        title,
        Action.WORK_CASE,
        ReasonBody,
        lambda case_id, b: step(case_id, b.at, b.reason),
        (AT, REASON),
        button,
    )


FORMS: tuple[CommandForm, ...] = (
    CommandForm(
        "bevestigen",
        "Ontvangst bevestigen",
        Action.ACKNOWLEDGE_CASE,
        AtBody,
        lambda case_id, b: AcknowledgeComplaint(case_id, b.at),
        (AT,),
        "Ontvangst bevestigen",
    ),
    CommandForm(
        "toewijzen",
        "Klachtbemiddelaar toewijzen",
        Action.WORK_CASE,
        AssignBody,
        lambda case_id, b: AssignMediator(case_id, b.mediator),
        (Field("mediator", "Klachtbemiddelaar", "mediators"),),
        "Toewijzen",
    ),
    CommandForm(
        "gesprek",
        "Klachtgesprek vastleggen",
        Action.WORK_CASE,
        ConversationBody,
        lambda case_id, b: b.command(case_id),
        (
            AT,
            Field("participants", "Deelnemers", "textarea", hint="Eén naam per regel"),
            Field("outcome", "Uitkomst", "select", CHOICE_OUTCOME),
        ),
        "Gesprek vastleggen",
        to_body=conversation_body,
    ),
    CommandForm(
        "verslag",
        "Verslag versturen",
        Action.WORK_CASE,
        MinutesBody,
        lambda case_id, b: SendMinutes(case_id, b.at, b.sent_to),
        (AT, Field("sent_to", "Verstuurd aan")),
        "Verslag vastleggen",
    ),
    CommandForm(
        "verwijzen",
        "Doorverwijzen naar de klachtencommissie",
        Action.WORK_CASE,
        AtBody,
        lambda case_id, b: ReferToCommittee(case_id, b.at),
        (AT,),
        "Doorverwijzen",
    ),
    CommandForm(
        "uitspraak",
        "Uitspraak van de commissie",
        Action.WORK_CASE,
        RulingBody,
        lambda case_id, b: RecordRuling(case_id, b.at, b.verdict),
        (AT, Field("verdict", "Uitspraak", "select", CHOICE_VERDICT)),
        "Uitspraak vastleggen",
    ),
    CommandForm(
        "excuses",
        "Excuses aanbieden",
        Action.WORK_CASE,
        ApologyBody,
        lambda case_id, b: GiveApology(case_id, b.at, b.summary),
        (AT, Field("summary", "Samenvatting", "textarea")),
        "Excuses vastleggen",
    ),
    CommandForm(
        "maatregelen",
        "Maatregelen meedelen",
        Action.WORK_CASE,
        MeasuresBody,
        lambda case_id, b: b.command(case_id),
        (AT, Field("measures", "Maatregelen", "lines", hint="Eén maatregel per regel")),
        "Maatregelen vastleggen",
    ),
    CommandForm(
        "verlengen",
        "Beslistermijn verlengen",
        Action.WORK_CASE,
        ExtendBody,
        lambda case_id, b: ExtendDeadline(case_id, b.clock, b.weeks, b.reason, b.at),
        (AT, Field("weeks", "Aantal weken", "number"), REASON),
        "Termijn verlengen",
        extra={"clock": "decision"},
    ),
    _with_reason("opschorten", "Opschorten", SuspendComplaint, "Opschorten"),
    _with_reason("hervatten", "Hervatten", ResumeComplaint, "Hervatten"),
    _with_reason("intrekken", "Intrekking vastleggen", WithdrawComplaint, "Intrekking vastleggen"),
    _with_reason("sluiten", "Klacht sluiten", CloseComplaint, "Klacht sluiten"),
    _with_reason("heropenen", "Klacht heropenen", ReopenComplaint, "Heropenen"),
)
BY_NAME = {form.name: form for form in FORMS}
