"""How the counter shows and reads money, volumes and dates, and the names of things.

Money is typed into line edits and read as ``Decimal`` (never through a float spin box);
``money()`` from gasdesk.money does the exact conversion and its half-up rounding.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from gasdesk.money import money, volume

CTX = "Counter"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def yuan(amount: Decimal | None) -> str:
    """¥1,234.50 (exact: a Decimal formatted, never a float)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


def m3(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.3f}".rstrip("0").rstrip(".") + " m³"


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def spaced_number(number: str | None) -> str:
    """010000123 → 01 000012 3: area, sequence, check digit, as printed on bills."""
    if not number:
        return ""
    return f"{number[:2]} {number[2:-1]} {number[-1]}" if len(number) == 9 else number


# ---- input fields ----------------------------------------------------------------------------

_MONEY_RE = QRegularExpression(r"^\d{0,8}([.]\d{0,2})?$")
_READING_RE = QRegularExpression(r"^\d{0,9}([.]\d{0,3})?$")


def money_field(placeholder: str = "0.00") -> QLineEdit:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(_MONEY_RE, field))
    field.setPlaceholderText(placeholder)
    field.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    field.setMaximumWidth(180)
    return field


def reading_field() -> QLineEdit:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(_READING_RE, field))
    field.setPlaceholderText("0.000")
    field.setMaximumWidth(180)
    return field


def read_money(field: QLineEdit) -> Decimal:
    """Empty means 0.00; the validator already keeps letters and signs out."""
    text = field.text().strip() or "0"
    try:
        return money(Decimal(text))
    except InvalidOperation:
        raise ValueError(text) from None


def read_reading(field: QLineEdit) -> Decimal | None:
    text = field.text().strip()
    if not text:
        return None
    try:
        return volume(Decimal(text))
    except InvalidOperation:
        raise ValueError(text) from None


def date_field(value: date | None = None) -> QDateEdit:
    field = QDateEdit()
    field.setDisplayFormat("yyyy-MM-dd")
    field.setCalendarPopup(True)
    field.setDate(QDate(value) if value else QDate.currentDate())
    field.setMaximumWidth(180)
    return field


def read_date(field: QDateEdit) -> date:
    return field.date().toPython()  # type: ignore[no-any-return]


def named(table: dict[str, str]) -> dict[str, str]:
    """A table of code → English source name, translated for display."""
    return {code: tr(name) for code, name in table.items()}


def coded_combo(items: dict[str, str], current: str | None = None) -> QComboBox:
    """A combo of code → shown name; the code is kept as the item's data."""
    combo = QComboBox()
    for code, name in items.items():
        combo.addItem(name, code)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


# ---- names (English source, Chinese from the .qm) -----------------------------------------

ACCOUNT_TYPES = {
    "residential": QT_TRANSLATE_NOOP("Counter", "Residential"),
    "commercial": QT_TRANSLATE_NOOP("Counter", "Commercial"),
    "industrial": QT_TRANSLATE_NOOP("Counter", "Industrial"),
    "public": QT_TRANSLATE_NOOP("Counter", "Public institution"),
}

METHODS = {
    "cash": QT_TRANSLATE_NOOP("Counter", "Cash"),
    "card": QT_TRANSLATE_NOOP("Counter", "Bank card"),
    "wechat": QT_TRANSLATE_NOOP("Counter", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Counter", "Alipay"),
    "transfer": QT_TRANSLATE_NOOP("Counter", "Bank transfer"),
    "cheque": QT_TRANSLATE_NOOP("Counter", "Cheque"),
}

ATTACHMENT_KINDS = {
    "contract": QT_TRANSLATE_NOOP("Counter", "Contract scan"),
    "id_photo": QT_TRANSLATE_NOOP("Counter", "ID card photo"),
    "other": QT_TRANSLATE_NOOP("Counter", "Other"),
}

HISTORY_ACTIONS = {
    "account.apply": QT_TRANSLATE_NOOP("Counter", "Application"),
    "account.sign": QT_TRANSLATE_NOOP("Counter", "Contract signed"),
    "account.sign_contract": QT_TRANSLATE_NOOP("Counter", "Opening fees posted"),
    "account.number": QT_TRANSLATE_NOOP("Counter", "Number assigned"),
    "account.plan_install": QT_TRANSLATE_NOOP("Counter", "Installation planned"),
    "account.install": QT_TRANSLATE_NOOP("Counter", "Installed"),
    "account.gas_on": QT_TRANSLATE_NOOP("Counter", "Gas on"),
    "account.start_service": QT_TRANSLATE_NOOP("Counter", "In service"),
    "account.suspend": QT_TRANSLATE_NOOP("Counter", "Suspended"),
    "account.resume": QT_TRANSLATE_NOOP("Counter", "Resumed"),
    "account.close": QT_TRANSLATE_NOOP("Counter", "Closed"),
    "account.rename": QT_TRANSLATE_NOOP("Counter", "Renamed"),
    "account.transfer": QT_TRANSLATE_NOOP("Counter", "Transferred"),
    "account.transfer_refund": QT_TRANSLATE_NOOP("Counter", "Refund to old holder"),
    "account.update_phones": QT_TRANSLATE_NOOP("Counter", "Phones changed"),
    "account.register_meter": QT_TRANSLATE_NOOP("Counter", "Meter registered"),
    "account.replace_meter": QT_TRANSLATE_NOOP("Counter", "Meter replaced"),
    "account.settle": QT_TRANSLATE_NOOP("Counter", "Settlement"),
    "account.attach": QT_TRANSLATE_NOOP("Counter", "File attached"),
    "ledger.post": QT_TRANSLATE_NOOP("Counter", "Posting"),
    "ledger.reverse": QT_TRANSLATE_NOOP("Counter", "Reversal"),
    "gas_on.mark": QT_TRANSLATE_NOOP("Counter", "Gas-on day outcome"),
}


HISTORY_FIELDS = {
    "status": QT_TRANSLATE_NOOP("Counter", "status"),
    "reason": QT_TRANSLATE_NOOP("Counter", "reason"),
    "on": QT_TRANSLATE_NOOP("Counter", "date"),
    "planned_on": QT_TRANSLATE_NOOP("Counter", "planned for"),
    "installer_team": QT_TRANSLATE_NOOP("Counter", "team"),
    "holder_name": QT_TRANSLATE_NOOP("Counter", "holder"),
    "id_number": QT_TRANSLATE_NOOP("Counter", "ID"),
    "phone": QT_TRANSLATE_NOOP("Counter", "phone"),
    "phone2": QT_TRANSLATE_NOOP("Counter", "second phone"),
    "funds": QT_TRANSLATE_NOOP("Counter", "funds"),
    "consent": QT_TRANSLATE_NOOP("Counter", "consent"),
    "carried_prepayment": QT_TRANSLATE_NOOP("Counter", "prepayment carried over"),
    "carried_deposits": QT_TRANSLATE_NOOP("Counter", "deposits carried over"),
    "refunded": QT_TRANSLATE_NOOP("Counter", "refunded"),
    "serial": QT_TRANSLATE_NOOP("Counter", "meter"),
    "initial_reading": QT_TRANSLATE_NOOP("Counter", "initial reading"),
    "final_reading": QT_TRANSLATE_NOOP("Counter", "final reading"),
    "balance": QT_TRANSLATE_NOOP("Counter", "balance"),
    "household_size": QT_TRANSLATE_NOOP("Counter", "household"),
    "type": QT_TRANSLATE_NOOP("Counter", "type"),
    "filename": QT_TRANSLATE_NOOP("Counter", "file"),
    "outcome": QT_TRANSLATE_NOOP("Counter", "outcome"),
    "note": QT_TRANSLATE_NOOP("Counter", "note"),
}
# Technical keys the page shows elsewhere (the ledger tab, the number in the header).
HISTORY_SKIP = {"number", "entries", "posting_id", "premises_id", "sha256", "size", "event_id", "digits",
                "installed_on", "removed_on", "kind"}


def name_of(table: dict[str, str], code: str | None) -> str:
    return tr(table[code]) if code in table else (code or "")
