"""The console's main menu: each page's link, shown only to roles the role table lets use it."""

from __future__ import annotations

from dataclasses import dataclass

from application.roles import Action, Role, may


@dataclass(frozen=True)
class MenuItem:
    path: str
    label: str
    action: Action


MENU = (
    MenuItem("/werkvoorraad", "Werkvoorraad", Action.READ_QUEUE),
    MenuItem("/klachten", "Klachten", Action.READ_CASE),
    MenuItem("/signalen", "Signalen", Action.READ_CASE),
    MenuItem("/stem", "STEM", Action.RECORD_STEM),
    MenuItem("/overzicht", "Overzicht", Action.READ_REPORTS),
    MenuItem("/audit", "Audit", Action.READ_AUDIT),
    MenuItem("/beheer", "Beheer", Action.MANAGE_STAFF),
    MenuItem("/beheer/bewaren", "Bewaren", Action.APPROVE_DESTRUCTION),
    MenuItem("/mijn-gegevens", "Mijn gegevens", Action.READ_SELF),
)


def menu_for(role: Role) -> list[MenuItem]:
    return [item for item in MENU if may(role, item.action)]


def start_page(role: Role) -> str:
    """Where a role starts its day: the first page of its menu."""
    return menu_for(role)[0].path
