"""The Signal aggregate's rules and the STEM trigger rule, as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from domain.errors import InvalidMoment, NotAllowed
from domain.policy import DEFAULT_POLICY_BOOK
from domain.signal import Signal
from domain.stem import StemRule, stem_trigger
from domain.values import SignalStatus

PERSON = UUID(int=1)

RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = RECEIVED + timedelta(days=20)
M = "mediator:anna"


def signal() -> Signal:
    return Signal.receive(
        person_id=PERSON,
        book=DEFAULT_POLICY_BOOK,
        reference="S-2026-00001",
        at=RECEIVED,
        actor="intake:ilse",
        now=NOW,
        channel="phone",
        dossier_ref="D-1",
        summary="Moeder voelt zich niet gehoord",
    )


def day(n: int) -> datetime:
    return RECEIVED + timedelta(days=n)


def test_a_signal_is_acknowledged_once() -> None:
    s = signal()
    s.acknowledge(at=day(1), actor=M, now=NOW)
    assert s.status == SignalStatus.ACKNOWLEDGED
    with pytest.raises(NotAllowed, match="already been acknowledged"):
        s.acknowledge(at=day(2), actor=M, now=NOW)


def test_a_conversation_then_resolution_ends_the_signal() -> None:
    s = signal()
    s.hold_conversation(at=day(2), actor=M, now=NOW, participants=["Moeder"], outcome="Uitgelegd")
    assert s.status == SignalStatus.IN_CONVERSATION
    s.resolve(at=day(3), actor=M, now=NOW, outcome="Opgelost")
    assert s.status == SignalStatus.RESOLVED


@pytest.mark.parametrize("ending", ["resolve", "escalate"])
def test_nothing_is_allowed_after_resolving_or_escalating(ending: str) -> None:
    s = signal()
    if ending == "resolve":
        s.resolve(at=day(1), actor=M, now=NOW, outcome="Opgelost")
    else:
        s.escalate(complaint_id=uuid4(), at=day(1), actor=M, now=NOW)
    for command in (
        lambda: s.acknowledge(at=day(2), actor=M, now=NOW),
        lambda: s.hold_conversation(at=day(2), actor=M, now=NOW, participants=[], outcome="x"),
        lambda: s.resolve(at=day(2), actor=M, now=NOW, outcome="x"),
        lambda: s.escalate(complaint_id=uuid4(), at=day(2), actor=M, now=NOW),
    ):
        with pytest.raises(NotAllowed, match="already"):
            command()


def test_an_escalated_signal_names_its_complaint() -> None:
    s = signal()
    complaint_id = uuid4()
    s.escalate(complaint_id=complaint_id, at=day(4), actor=M, now=NOW)
    assert (s.status, s.complaint_id, s.escalated_at) == (
        SignalStatus.ESCALATED,
        str(complaint_id),
        day(4),
    )


def test_an_effective_time_before_receipt_is_refused() -> None:
    with pytest.raises(InvalidMoment):
        signal().acknowledge(at=RECEIVED - timedelta(hours=1), actor=M, now=NOW)


RULE = StemRule(threshold=2, drop=2)


def scores(c: int, h: int, a: int) -> dict[str, int]:
    return {"collaboration": c, "heard": h, "agreements_clear": a}


@pytest.mark.parametrize(
    ("now", "before", "rule", "reason"),
    [
        (scores(4, 4, 4), None, RULE, None),  # a first response, all high
        (scores(5, 5, 5), scores(5, 5, 5), RULE, None),  # all high, no drop
        (scores(4, 2, 4), None, RULE, "'heard' scored 2 (at or below the threshold of 2)"),
        (scores(1, 5, 5), scores(1, 5, 5), RULE, "'collaboration' scored 1"),
        (scores(3, 3, 3), None, RULE, None),  # first response: nothing to drop from
        (scores(5, 3, 5), scores(5, 5, 5), RULE, "'heard' dropped from 5 to 3 (a drop of 2"),
        (scores(5, 4, 5), scores(5, 5, 5), RULE, None),  # a drop of 1 is below the limit
        (scores(3, 3, 3), None, StemRule(threshold=3, drop=2), "'collaboration' scored 3"),
        (scores(4, 4, 4), scores(5, 5, 5), StemRule(threshold=2, drop=1), "dropped from 5 to 4"),
    ],
)
def test_the_stem_trigger_rule(
    now: dict[str, int], before: dict[str, int] | None, rule: StemRule, reason: str | None
) -> None:
    found = stem_trigger(now, before, rule)
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found and found.startswith("STEM: ")
