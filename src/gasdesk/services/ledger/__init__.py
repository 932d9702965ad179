"""The ledger: posting (post, replay, reverse) and reading (entries, balances).

The package's public names are re-exported here (``ledger.post``, ``ledger.Balances``): the
ledger is one small API every money domain calls, and it imports nothing but core.
"""

from gasdesk.services.ledger.entries import ZERO, Balances, EntryInfo, balances, entries
from gasdesk.services.ledger.posting import (
    KINDS,
    METHODS,
    Line,
    Payment,
    PostingResult,
    find_posting,
    post,
    replay,
    reverse,
    submission_key,
)

__all__ = [
    "KINDS", "METHODS", "ZERO", "Balances", "EntryInfo", "Line", "Payment", "PostingResult", "balances", "entries",
    "find_posting", "post", "replay", "reverse", "submission_key",
]
