"""The casework application: registers complaints, runs commands on them and reads them back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Mapper

from application.errors import CaseNotFound, VersionMismatch
from application.personal_data import PersonalDataMapper, PersonalDataVault
from application.policies import Policies
from application.ports import Clock, ReferenceNumbers
from domain.complaint import Complaint
from domain.deadlines import Clock as DeadlineClock
from domain.flagging import Flagged
from domain.signal import Signal
from domain.values import ClockName

A = TypeVar("A", bound=Aggregate)
C = TypeVar("C", bound=Flagged)
ENVELOPE = {"originator_id", "originator_version", "timestamp", "originator_topic", "at", "actor"}


@dataclass(frozen=True)
class NewComplaint:
    received_at: datetime
    channel: str
    complainant: dict[str, Any]
    dossier_ref: str
    subject: str
    description: str
    team: str
    external_ref: str | None = None
    signal_id: UUID | None = None


@dataclass(frozen=True)
class HistoryEntry:
    position: int
    type: str
    at: datetime
    recorded_at: datetime
    actor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class TimelineStep:
    entry: HistoryEntry
    status: str
    clocks: list[DeadlineClock]
    open_flags: list[dict[str, Any]]


def history_entry(event: Any) -> HistoryEntry:
    fields = vars(event)
    return HistoryEntry(
        position=event.originator_version,
        type=type(event).__name__,
        at=fields["at"],
        recorded_at=event.timestamp,
        actor=fields["actor"],
        data={k: v for k, v in fields.items() if k not in ENVELOPE},
    )


class Casework(Application[UUID]):
    """Complaints (and later signals) as event-sourced aggregates in one log."""

    name = "gehoord"

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        references: Callable[[Casework], ReferenceNumbers],
        policies: Policies,
        vault: Callable[[Casework], PersonalDataVault],
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.policies = policies
        self.references = references(self)
        self.vault = vault(self)
        assert isinstance(self.mapper, PersonalDataMapper)
        self.mapper.vault = self.vault

    def construct_mapper(self) -> Mapper[UUID]:
        """The library's mapper, sealing personal data per person (the vault is set after)."""
        return PersonalDataMapper(super().construct_mapper(), vault=None)  # type: ignore[arg-type]

    def person_for(self, complainant: dict[str, Any] | None) -> UUID:
        """One pseudonymous person per e-mail address; without one, a person of its own."""
        email = (complainant or {}).get("email")
        return self.vault.person_for_email(email) if email else uuid4()

    # -- commands ------------------------------------------------------------------------------

    def register(self, new: NewComplaint, actor: str) -> Complaint:
        complaint = self.new_complaint(new, actor)
        self.save(complaint)
        return complaint

    def new_complaint(
        self, new: NewComplaint, actor: str, person_id: UUID | None = None
    ) -> Complaint:
        """A received complaint, judged and numbered, not yet saved (so many can share a save).

        `person_id` keeps the person of a signal the complaint grew from."""
        now = self.clock.now()
        year = new.received_at.year
        number = self.references.next(f"complaint:{year}")
        complaint = Complaint.receive(
            reference=f"K-{year}-{number:05d}",
            at=new.received_at,
            actor=actor,
            now=now,
            channel=new.channel,
            complainant=new.complainant,
            dossier_ref=new.dossier_ref,
            subject=new.subject,
            description=new.description,
            team=new.team,
            external_ref=new.external_ref,
            signal_id=new.signal_id,
            person_id=person_id or self.person_for(new.complainant),
        )
        self.judge(complaint, now)
        return complaint

    def change(
        self,
        case_id: UUID,
        expected_version: int | None,
        decide: Callable[[Complaint, datetime], None],
    ) -> Complaint:
        """Load the complaint, let `decide` run one of its commands at `now`, and save."""
        return self.change_case(Complaint, case_id, expected_version, decide)

    def change_case(
        self,
        kind: type[C],
        case_id: UUID,
        expected_version: int | None,
        decide: Callable[[C, datetime], None],
    ) -> C:
        """Load a case of `kind`, run one command at `now`, judge its flags, and save."""
        case = self._case(kind, case_id, None)
        if expected_version is not None and expected_version != case.version:
            raise VersionMismatch(f"the case is at version {case.version}, not {expected_version}")
        now = self.clock.now()
        decide(case, now)
        self.judge(case, now)
        self.save(case)
        return case

    def sweep_case(self, case_id: UUID, at: datetime) -> tuple[int, int]:
        """Bring one case's flags in line with its clocks at `at`; (raised, cleared)."""
        case = self._case(Flagged, case_id, None)
        changes = self.judge(case, at)
        if case.pending_events:
            self.save(case)
        return changes

    def judge(self, case: Flagged, at: datetime) -> tuple[int, int]:
        """Every change is judged at once: a command that meets a condition clears its flag."""
        expected = self.policies.expected_flags(case, at)
        return case.reconcile_flags(expected, at=at, now=self.clock.now())

    def extend(
        self,
        complaint: Complaint,
        *,
        clock: ClockName,
        weeks: int,
        reason: str,
        actor: str,
        now: datetime,
    ) -> None:
        """Extend a clock within the cap of the policy in force when the case was received."""
        policy = self.policies.book.in_force_at(complaint.received_at)
        complaint.extend(
            clock=clock,
            weeks=weeks,
            reason=reason,
            actor=actor,
            now=now,
            max_extensions=policy.max_extensions,
            max_weeks=policy.max_extension_weeks,
        )

    # -- queries -------------------------------------------------------------------------------

    def complaint(
        self, case_id: UUID, as_of: datetime | None = None, version: int | None = None
    ) -> Complaint:
        return self._case(Complaint, case_id, as_of, version)

    def signal(
        self, case_id: UUID, as_of: datetime | None = None, version: int | None = None
    ) -> Signal:
        return self._case(Signal, case_id, as_of, version)

    def history(self, kind: type[Aggregate], case_id: UUID) -> list[HistoryEntry]:
        """Every event of the case, oldest first; 404 when the id is not a case of `kind`."""
        return [history_entry(e) for e in self._events_of(kind, case_id)]

    def _events_of(self, kind: type[Aggregate], case_id: UUID) -> list[Any]:
        events: list[Any] = list(self.events.get(case_id))
        if not events or type(events[0]).__qualname__ != f"{kind.__name__}.Received":
            raise CaseNotFound(f"no {kind.__name__.lower()} with id {case_id}")
        return events

    def timeline(self, kind: type[Flagged], case_id: UUID) -> list[TimelineStep]:
        """Each event with the case's status, clocks and open flags right after it was recorded,
        replayed through the same aggregate and deadline code that serves the case itself."""
        steps: list[TimelineStep] = []
        case: Any = None
        for event in self._events_of(kind, case_id):
            case = event.mutate(case)
            entry = history_entry(event)
            steps.append(
                TimelineStep(
                    entry=entry,
                    status=str(case.status),
                    clocks=self.policies.clocks(case, entry.recorded_at),
                    open_flags=[dict(flag) for _, flag in sorted(case.open_flags.items())],
                )
            )
        return steps

    def _case(
        self, kind: type[A], case_id: UUID, as_of: datetime | None, version: int | None = None
    ) -> A:
        """The case of `kind` with this id, now, at a version, or as known at `as_of`."""
        try:
            case: Aggregate
            if as_of is None:
                case = self.repository.get(case_id, version=version)
            else:
                case = self._replay(case_id, as_of)
        except AggregateNotFoundError:
            raise CaseNotFound(f"no case with id {case_id}") from None
        if not isinstance(case, kind):
            raise CaseNotFound(f"no {kind.__name__.lower()} with id {case_id}")
        return case

    def _replay(self, case_id: UUID, as_of: datetime) -> Aggregate:
        """The case as the service knew it at `as_of`: only events recorded by then."""
        stored: Iterable[Any] = self.events.get(case_id)
        known = (e for e in stored if e.timestamp <= as_of)
        case: Aggregate | None = None
        for event in known:
            case = event.mutate(case)
        if case is None:
            raise AggregateNotFoundError(case_id)
        return case
