"""The ledger: posting (record, post, replay), corrections (void a posting, reverse an entry),
allocations, parties, shifts, and reading (entries, balances).

The package's public names are re-exported here (``ledger.post``, ``ledger.Balances``): the
ledger is one small API every money domain calls, and it imports nothing but core.
"""

from gasdesk.services.ledger.allocations import AllocationInfo, open_amount
from gasdesk.services.ledger.entries import ZERO, Balances, EntryInfo, balances, entries, party_balances
from gasdesk.services.ledger.posting import (
    KINDS,
    METHODS,
    Line,
    Payment,
    PostingResult,
    find_posting,
    post,
    record,
    replay,
    submission_key,
    write_posting,
)
from gasdesk.services.ledger.voids import mirror_posting, reverse, void_posting

__all__ = [
    "KINDS", "METHODS", "ZERO", "AllocationInfo", "Balances", "EntryInfo", "Line", "Payment", "PostingResult",
    "balances", "entries", "find_posting",
    "mirror_posting", "open_amount", "party_balances", "post", "record", "replay", "reverse",
    "submission_key", "void_posting", "write_posting",
]
