"""Password hashing: Argon2id at OWASP's parameters. Passwords are never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from gasdesk.services.core.errors import ValidationError

# OWASP: Argon2id, m=19 MiB, t=2, p=1. The encoded hash carries these parameters.
PRODUCTION_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_HASHER = PRODUCTION_HASHER
MIN_LENGTH = 6


def use_hasher(hasher: PasswordHasher | None) -> PasswordHasher:
    """Hash (and judge needs_rehash) with ``hasher`` from now on; None goes back to the production
    parameters. Returns the hasher it replaces. For the test suite only (cheap parameters make
    a test's sign-ins take microseconds): the program itself never calls it."""
    global _HASHER
    previous, _HASHER = _HASHER, hasher or PRODUCTION_HASHER
    return previous


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"密码至少需要 {MIN_LENGTH} 位。", f"A password needs at least {MIN_LENGTH} characters."
        )
    if password.strip() != password:
        raise ValidationError("密码首尾不能有空格。", "A password cannot begin or end with a space.")


def hash_password(password: str) -> str:
    check_strength(password)
    return _HASHER.hash(password)


def verify(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
