"""How the counter shows and reads money, volumes and dates (the names of things come from
services.core.labels, in both languages).

Money is typed into line edits and read as ``Decimal`` (never through a float spin box);
``money()`` from gasdesk.money does the exact conversion and its half-up rounding.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from gasdesk.money import money, volume
from gasdesk.services.core import labels
from gasdesk.services.core.audit_words import m3, yuan  # the one way money and volumes are written

__all__ = ["m3", "yuan"]  # the counter's widgets write fmt.yuan / fmt.m3
from gasdesk.ui.forms import check_on_leave

CTX = "Counter"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


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
    return check_on_leave(field, money)  # the one parser, as the service reads it


def reading_field() -> QLineEdit:
    field = QLineEdit()
    field.setValidator(QRegularExpressionValidator(_READING_RE, field))
    field.setPlaceholderText("0.000")
    field.setMaximumWidth(180)
    return field


def read_money(field: QLineEdit) -> Decimal:
    """Empty means 0.00; the validator already keeps letters and signs out."""
    return money(field.text().strip() or "0")  # the one parser: its refusals are ValueErrors too


def read_reading(field: QLineEdit) -> Decimal | None:
    text = field.text().strip()
    if not text:
        return None
    return volume(text)


def date_field(value: date | None = None) -> QDateEdit:
    field = QDateEdit()
    field.setDisplayFormat("yyyy-MM-dd")
    field.setCalendarPopup(True)
    field.setDate(QDate(value) if value else QDate.currentDate())
    field.setMaximumWidth(180)
    return field


def read_date(field: QDateEdit) -> date:
    return field.date().toPython()  # type: ignore[no-any-return]


def named(table: labels.Table) -> dict[str, str]:
    """A label table as code → name in the program's language (for combos)."""
    return {code: label.text() for code, label in table.items()}


def method_combo(current: str = "cash") -> QComboBox:
    """The payment methods, cash first chosen."""
    return coded_combo(named(labels.PAYMENT_METHOD), current)


def coded_combo(items: dict[str, str], current: str | None = None) -> QComboBox:
    """A combo of code → shown name; the code is kept as the item's data."""
    combo = QComboBox()
    for code, name in items.items():
        combo.addItem(name, code)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


# Technical keys of an audit row the page shows elsewhere (the ledger tab, the number in the header).
def name_of(table: labels.Table, code: str | None) -> str:
    """The name of a code from services.core.labels, in the program's language."""
    return labels.text(table, code)
