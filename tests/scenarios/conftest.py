"""The scenarios build their accounts with the accounts tests' office (area, compound, actors)."""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).parents[1] / "services" / "accounts"))  # accounts_support lives there

from accounts_support import office  # noqa: F401
