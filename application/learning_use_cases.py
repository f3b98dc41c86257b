"""Following measures through and naming a complaint's themes: the learning loop's use cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.complaint_use_cases import ChangeComplaint
from application.use_case import Context
from domain.complaint import Complaint
from domain.errors import InvalidValue


@dataclass(frozen=True)
class MarkMeasureDone(ChangeComplaint):
    """A measure is done, with evidence of what changed; also after the complaint was closed."""

    case_id: UUID
    number: int
    at: datetime
    evidence: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.mark_measure_done(
            number=self.number,
            at=self.at,
            evidence=self.evidence,
            actor=context.actor,
            now=context.now,
        )


@dataclass(frozen=True)
class WriteMeasureSummary(ChangeComplaint):
    """A manager writes the public summary of a measure, for the published analysis."""

    case_id: UUID
    number: int
    text: str

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.write_measure_summary(
            number=self.number, text=self.text, actor=context.actor, now=context.now
        )


@dataclass(frozen=True)
class ApproveMeasureSummary(ChangeComplaint):
    """Another manager approves the summary; only approved summaries are ever published."""

    case_id: UUID
    number: int

    def decide(self, complaint: Complaint, context: Context) -> None:
        complaint.approve_measure_summary(number=self.number, actor=context.actor, now=context.now)


@dataclass(frozen=True)
class SetThemes(ChangeComplaint):
    """Replace the complaint's themes with ones from the configured list (GEHOORD_THEMES)."""

    case_id: UUID
    themes: tuple[str, ...]
    at: datetime | None = None

    def decide(self, complaint: Complaint, context: Context) -> None:
        for number, theme in enumerate(self.themes):
            if theme not in context.themes:
                known = ", ".join(context.themes)
                raise InvalidValue(
                    f"{theme!r} is not a configured theme; the themes are: {known}",
                    field=f"themes.{number}",
                )
        complaint.set_themes(
            themes=self.themes,
            at=self.at or context.now,
            actor=context.actor,
            now=context.now,
        )
