"""Fixtures shared by the service tests of several domains (each imported from its support module).

The tests mirror the source layout (core/, office/, accounts/, ...). The helper modules live
beside the tests they grew from: accounts/accounts_support.py (an office with a compound, valid
IDs, accounts at any status), billing/billing_support.py (a tariff, a reading) and
printing/printing_support.py (a PDF's text). Their folders go on sys.path here, so a test
anywhere imports them by name, as pytest does for a test's own folder.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _folder in (HERE / "accounts", HERE / "billing", HERE / "printing"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from accounts_support import office  # noqa: E402, F401  (the accounts tests' office: area, compound, actors)
