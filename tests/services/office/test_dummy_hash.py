"""An unknown login is checked against a stored dummy hash, so that it takes as long as a wrong
password: the dummy must carry the production Argon2 parameters, whatever they become."""

from __future__ import annotations

from gasdesk.services.office import passwords, users


def test_the_dummy_hash_has_the_production_parameters() -> None:
    assert not passwords.PRODUCTION_HASHER.check_needs_rehash(users._DUMMY_HASH)
    assert passwords.PRODUCTION_HASHER.verify(users._DUMMY_HASH, "not-a-real-password")
