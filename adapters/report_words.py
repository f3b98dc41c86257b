"""The words of the published analysis, in Dutch (the default) and English, and how numbers,
dates and months are written in each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from domain.calendar import AMSTERDAM

DASH = "\u2013"  # an en dash, for ranges and for "not shown"

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Klachtenanalyse",
        "made": "Gemaakt op",
        "publishable": (
            "Deze analyse is openbaar. Er staan geen namen, dossiernummers of vrije tekst in, "
            "behalve samenvattingen van maatregelen die twee managers hebben goedgekeurd. "
            "Aantallen van 1 tot {limit} klachten, signalen of personen staan er als {hidden}. "
            "Waar een verschil met een totaal ze zou verraden, staat ook een groter aantal of "
            "een 0 als {hidden}. Percentages op tijd staan er "
            "alleen waar minstens {judged} zaken zijn beoordeeld."
        ),
        "heard": "Wat we hoorden",
        "heard_text": "{complaints} klachten en {signals} signalen van onvrede.",
        "per_month": "Klachten en signalen per maand",
        "complaints": "klachten",
        "signals": "signalen",
        "by_channel": "Klachten per kanaal",
        "by_team": "Klachten per team",
        "by_verdict": "Oordelen van de klachtencommissie",
        "by_theme": "Klachten per thema",
        "signal_outcome": "Wat er met signalen gebeurde",
        "speed": "Hoe snel we reageerden",
        "norms": "De normen",
        "norms_text": "Elke termijn wordt beoordeeld met de normen die golden toen hij begon.",
        "version": "versie",
        "working_days": "Werkdagen",
        "median": "mediaan {median}, 90% binnen {p90} ({cases} zaken)",
        "too_few": "te weinig zaken om te tonen ({cases})",
        "on_time": "Op tijd, per norm",
        "on_time_chart": "Percentage op tijd, per norm",
        "judged": "{share} van {judged} beoordeeld",
        "not_enough": "minder dan {judged} beoordeeld",
        "minutes_chart": "Werkdagen van gesprek tot verslag (norm: {norm})",
        "norm": "norm",
        "upheld": "Wat we deden met gegronde klachten",
        "answered_chart": "Hoe gegronde oordelen werden beantwoord",
        "upheld_text": "{rulings} (deels) gegronde oordelen; met excuses beantwoord: {share}.",
        "measures": "Maatregelen",
        "measures_table": "Maatregelen na gegronde klachten",
        "summaries": "Wat we veranderden",
        "no_summaries": "Nog geen goedgekeurde samenvattingen.",
        "none": "geen",
        "page": "Pagina",
        "of": "van",
        "section": "onderdeel",
        "item": "onderwerp",
        "value": "waarde",
    },
    "en": {
        "title": "Complaints analysis",
        "made": "Made on",
        "publishable": (
            "This analysis is public. It holds no names, dossier numbers or free text, except "
            "summaries of measures that two managers approved. Counts of 1 to {limit} "
            "complaints, signals or people are shown as {hidden}. Where a difference from a "
            "total would reveal them, a larger count or a 0 is shown as {hidden} too. Shares "
            "on time are shown only where at least {judged} "
            "cases were judged."
        ),
        "heard": "What we heard",
        "heard_text": "{complaints} complaints and {signals} signals of dissatisfaction.",
        "per_month": "Complaints and signals per month",
        "complaints": "complaints",
        "signals": "signals",
        "by_channel": "Complaints by channel",
        "by_team": "Complaints by team",
        "by_verdict": "Rulings of the complaints committee",
        "by_theme": "Complaints by theme",
        "signal_outcome": "What happened to signals",
        "speed": "How fast we answered",
        "norms": "The norms",
        "norms_text": "Each deadline is judged by the norms in force when it started.",
        "version": "version",
        "working_days": "Working days",
        "median": "median {median}, 90% within {p90} ({cases} cases)",
        "too_few": "too few cases to show ({cases})",
        "on_time": "On time, per norm",
        "on_time_chart": "Share on time, per norm",
        "judged": "{share} of {judged} judged",
        "not_enough": "fewer than {judged} judged",
        "minutes_chart": "Working days from conversation to minutes (norm: {norm})",
        "norm": "norm",
        "upheld": "What we did with upheld complaints",
        "answered_chart": "How upheld rulings were answered",
        "upheld_text": "{rulings} (partly) upheld rulings; answered with an apology: {share}.",
        "measures": "Measures",
        "measures_table": "Measures after upheld complaints",
        "summaries": "What we changed",
        "no_summaries": "No approved summaries yet.",
        "none": "none",
        "page": "Page",
        "of": "of",
        "section": "section",
        "item": "item",
        "value": "value",
    },
}

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "letter": "brief",
        "email": "e-mail",
        "phone": "telefoon",
        "web": "website",
        "social_media": "sociale media",
        "in_person": "persoonlijk",
        "stem": "STEM",
        "signal": "vanuit een signaal",
        "upheld": "gegrond",
        "partly_upheld": "deels gegrond",
        "unfounded": "ongegrond",
        "inadmissible": "niet-ontvankelijk",
        "resolved": "opgelost",
        "escalated": "klacht geworden",
        "open": "nog open",
        "apology_and_measures": "excuses en maatregelen",
        "apology_only": "alleen excuses",
        "measures_only": "alleen maatregelen",
        "unanswered": "niet beantwoord",
        "acknowledgement": "ontvangstbevestiging",
        "minutes": "gespreksverslag",
        "decision": "beslissing op de klacht",
        "upheld_response": "reactie op een gegrond oordeel",
        "signal_acknowledgement": "reactie op een signaal",
        "to_acknowledgement": "tot de ontvangstbevestiging",
        "to_minutes": "van gesprek tot verslag",
        "to_answer_after_upheld": "tot de reactie op een gegrond oordeel",
        "taken": "genomen",
        "done_on_time": "op tijd uitgevoerd",
        "done_late": "te laat uitgevoerd",
        "overdue": "over de datum",
        "open_measures": "loopt nog",
        "acknowledgement_days": "ontvangstbevestiging: {n} werkdagen",
        "minutes_days": "gespreksverslag: {n} werkdagen",
        "decision_weeks": "beslissing: {n} weken",
        "upheld_response_months": "reactie op gegrond oordeel: {n} maand(en)",
        "signal_acknowledgement_days": "reactie op signaal: {n} werkdagen",
        "measure_warn_days": "waarschuwing maatregel: {n} werkdagen vooraf",
    },
    "en": {
        "social_media": "social media",
        "in_person": "in person",
        "signal": "from a signal",
        "partly_upheld": "partly upheld",
        "escalated": "became a complaint",
        "apology_and_measures": "apology and measures",
        "apology_only": "apology only",
        "measures_only": "measures only",
        "unanswered": "not answered",
        "upheld_response": "answer after an upheld ruling",
        "signal_acknowledgement": "answer to a signal",
        "to_acknowledgement": "to acknowledgement",
        "to_minutes": "from conversation to minutes",
        "to_answer_after_upheld": "to the answer after an upheld ruling",
        "done_on_time": "done on time",
        "done_late": "done late",
        "open_measures": "still running",
        "acknowledgement_days": "acknowledgement: {n} working days",
        "minutes_days": "minutes: {n} working days",
        "decision_weeks": "decision: {n} weeks",
        "upheld_response_months": "answer after an upheld ruling: {n} month(s)",
        "signal_acknowledgement_days": "answer to a signal: {n} working days",
        "measure_warn_days": "measure warning: {n} working days before",
    },
}


class Words:
    """One language's words, numbers and dates for the report."""

    def __init__(self, language: str) -> None:
        self.language = language if language in WORDS else "nl"
        self._words = WORDS[self.language]
        self._labels = LABELS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def label(self, key: str) -> str:
        return self._labels.get(key, key.replace("_", " "))

    def number(self, value: Any) -> str:
        """Counts and medians as people write them; a hidden count stays "<5"."""
        if isinstance(value, int | float):
            return format_decimal(value, locale=self.language)
        return str(value)

    def percent(self, value: int | None) -> str:
        return DASH if value is None else f"{value}%"

    def day(self, moment: date | datetime) -> str:
        if isinstance(moment, datetime):
            moment = moment.astimezone(AMSTERDAM).date()
        return format_date(moment, format="long", locale=self.language)

    def month(self, key: str) -> str:
        """ "2026-03" as "mrt 2026" (or "Mar 2026")."""
        year, month = key.split("-")
        name = get_month_names("abbreviated", locale=self.language)[int(month)]
        return f"{name.rstrip('.')} {year}"
