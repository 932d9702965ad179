"""Fixtures shared by the service tests of several domains (each imported from its support module)."""

from accounts_support import office  # noqa: F401  (the accounts tests' office: area, compound, actors)
