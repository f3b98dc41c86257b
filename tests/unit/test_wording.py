"""Explanations as phrases: said in English as the domain wrote them, and kept as JSON data that
reads back to the same phrase."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from domain.wording import SkippedDays, Steps, from_column, from_data, phrase, say, to_data

HELD = datetime(2026, 4, 24, 8, tzinfo=UTC)
SKIPPED = ((date(2026, 4, 25), "Saturday"), (date(2026, 4, 27), "King's Day (Koningsdag)"))
WORDS = phrase(
    "{rule}. {steps}; due end of {due}.",
    rule=phrase("Minutes are due {days} working days after the conversation", days=5),
    steps=Steps(
        (
            phrase("{label} {at}", label=phrase("conversation held"), at=HELD),
            phrase("skipped {days}", days=SkippedDays(SKIPPED)),
        )
    ),
    due=date(2026, 5, 1),
)


def test_a_phrase_is_said_in_english_with_its_blanks_filled() -> None:
    assert say(WORDS) == (
        "Minutes are due 5 working days after the conversation. Conversation held "
        "Fri 24 Apr 2026 10:00; skipped Sat 25 Apr, Mon 27 Apr (King's Day (Koningsdag)); "
        "due end of Fri 1 May 2026."
    )


def test_a_phrase_survives_json_and_its_moments_are_written_in_utc_with_z() -> None:
    text = json.dumps(to_data(WORDS))
    assert '"2026-04-24T08:00:00Z"' in text
    assert from_data(json.loads(text)) == WORDS


def test_a_stored_column_reads_as_english_and_its_phrase_or_as_plain_old_text() -> None:
    assert from_column(json.dumps(to_data(WORDS), separators=(",", ":"))) == (say(WORDS), WORDS)
    assert from_column("Written before phrases.") == ("Written before phrases.", None)
