"""Passwords: at least 12 characters and none of the few thousand most common, hashed with
argon2id (argon2-cffi's defaults); the hash is the only thing ever stored or compared."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import InvalidValue

MINIMUM_LENGTH = 12
_HASHER = PasswordHasher()  # argon2id, the library's current recommended parameters


@cache
def _common() -> frozenset[str]:
    text = files("application").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def check_strength(password: str) -> None:
    """Refuse a short password, or a common one also when digits or signs are added to it."""
    if len(password) < MINIMUM_LENGTH:
        raise InvalidValue(f"a password has at least {MINIMUM_LENGTH} characters", "password")
    lowered = password.lower()
    stem = re.sub(r"[\d\W_]+$", "", lowered)
    repeated = re.fullmatch(r"(.+?)\1+", lowered)
    if {lowered, stem, repeated.group(1) if repeated else ""} & _common():
        raise InvalidValue(
            "this password is one of the most common ones; choose another", "password"
        )


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """The same work whether or not there is a hash, so timing does not tell who exists."""
    try:
        return _HASHER.verify(stored_hash or _nobodys_hash(), password) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _nobodys_hash() -> str:
    return _HASHER.hash("a password nobody has, to spend the same time checking it")
