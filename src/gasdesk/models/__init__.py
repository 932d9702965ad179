"""SQLAlchemy models, one module per domain. Importing this package registers them all."""

from gasdesk.models.accounts import (
    Account,
    AccountNumberCounter,
    AccountStatus,
    AccountType,
    Attachment,
    Contract,
    GasOnEvent,
    GasOnHousehold,
    Meter,
)
from gasdesk.models.address import Area, Compound
from gasdesk.models.audit import AuditEntry
from gasdesk.models.base import Base
from gasdesk.models.billing import Bill, BillLine, BillStatus, PriceNotice, TariffSchedule, TariffTier
from gasdesk.models.cashier import (
    DunningMark,
    DunningOutcome,
    Receipt,
    ReceiptKind,
    ReceiptSeries,
    ReceiptStatus,
    Remittance,
    ShiftClosing,
)
from gasdesk.models.counters import Counter
from gasdesk.models.depot import (
    CustomerKind,
    Cylinder,
    CylinderMovement,
    CylinderRefusal,
    CylinderSize,
    CylinderState,
    DepotTransaction,
    LpgCustomer,
    StockCount,
    StockCountLine,
)
from gasdesk.models.depot_money import Coupon, CouponBook, CouponHandover, CouponStatus, DepositSlip, DepositStatus
from gasdesk.models.ledger import LedgerAllocation, LedgerEntry, LedgerPosting, Party, Shift
from gasdesk.models.premises import Premises
from gasdesk.models.printing import PrintJob
from gasdesk.models.readings import Reading, ReadingFollowUp, ReadingKind, ReadingStatus, Route, RouteCycle, RouteStop
from gasdesk.models.users import Role, Setting, User

__all__ = [
    "Account",
    "AccountNumberCounter",
    "AccountStatus",
    "AccountType",
    "Area",
    "Attachment",
    "AuditEntry",
    "Base",
    "Bill",
    "BillLine",
    "BillStatus",
    "Compound",
    "Contract",
    "Counter",
    "Coupon",
    "CouponBook",
    "CouponHandover",
    "CouponStatus",
    "CustomerKind",
    "Cylinder",
    "CylinderMovement",
    "CylinderRefusal",
    "CylinderSize",
    "CylinderState",
    "DepositSlip",
    "DepositStatus",
    "DepotTransaction",
    "DunningMark",
    "DunningOutcome",
    "GasOnEvent",
    "GasOnHousehold",
    "LedgerAllocation",
    "LedgerEntry",
    "LedgerPosting",
    "LpgCustomer",
    "Meter",
    "Party",
    "Premises",
    "PriceNotice",
    "PrintJob",
    "Reading",
    "ReadingFollowUp",
    "ReadingKind",
    "ReadingStatus",
    "Receipt",
    "ReceiptKind",
    "ReceiptSeries",
    "ReceiptStatus",
    "Remittance",
    "Role",
    "Route",
    "RouteCycle",
    "RouteStop",
    "Setting",
    "Shift",
    "ShiftClosing",
    "StockCount",
    "StockCountLine",
    "TariffSchedule",
    "TariffTier",
    "User",
]
