"""Audit rows in words, in Chinese or English: the one renderer behind the account page's history
tab, the supervisor's audit log and the command line.

An audit row keeps codes (``account.sign_contract``, ``residential``, ``[['opening_fee', '200.00',
None]]``) because they are evidence and scripts read them; a person reads them here: the action,
its fields, statuses, kinds and methods by their names from ``core.labels``, amounts as ¥1,234.50,
volumes in m³. A code no table knows is shown as itself.

The balance after a money action is not taken from the row: a posting's row stores the ledger's
own sum (owed > 0, so 0.00 after a signing that left ¥300 of prepayment), while the counter's 余额
is ``Balances.available``. ``balances_after`` derives it from the ledger, the one truth, for the
rows being shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from gasdesk.models import LedgerEntry, LedgerPosting
from gasdesk.services.core import labels
from gasdesk.services.core.errors import current_language

# Fields whose values are money, volumes, or codes of a table (by field; by action where one
# field name means different things).
_CONTRACT_FEES = ("opening_fee", "installation_fee", "prepayment", "deposit")  # account.contract: charged and listed
MONEY_FIELDS = frozenset({"balance", "amount", "refunded", "carried_prepayment", "carried_deposits",
                          *_CONTRACT_FEES, *(f"{k}_list" for k in _CONTRACT_FEES)})
VOLUME_FIELDS = frozenset({"initial_reading", "final_reading"})
FIELD_CODES: dict[str, labels.Table] = {
    "status": labels.ACCOUNT_STATUS, "type": labels.ACCOUNT_TYPE, "kind": labels.LEDGER_KIND,
    "method": labels.PAYMENT_METHOD, "outcome": labels.GAS_ON_OUTCOME, "funds": labels.TRANSFER_FUNDS,
    "role": labels.ROLE, "document": labels.DOCUMENT_KIND, "active": labels.YES_NO,
}
ACTION_CODES: dict[tuple[str, str], labels.Table] = {
    ("account.attach", "kind"): labels.ATTACHMENT_KIND,
    ("counter.add", "kind"): labels.COUNTER_KIND,
    ("dunning.mark", "outcome"): labels.DUNNING_OUTCOME,
    ("gas_on.finish", "status"): labels.GAS_ON_STATUS,
    ("login.failed", "reason"): labels.LOGIN_FAILURE,
}

# What the account page's history leaves out: keys the page shows elsewhere (the number in the
# header, the entries in the ledger tab) or that mean nothing to a clerk. The audit log shows all.
HISTORY_SKIP = frozenset({"number", "posting_id", "premises_id", "sha256", "size", "event_id", "digits"})

ARROW = " → "
EMPTY: tuple[object, ...] = (None, "", [], {})
FREE_TEXT_CHARS = 40  # a typed value (a reason, a note, a path) in the audit log; longer ones end with …


def _lang(lang: str | None) -> str:
    return "en" if (lang or current_language()) == "en" else "zh"


def _decimal(value: Decimal | str) -> Decimal | None:
    """The value as an exact, finite number, or None (shown then as it was stored)."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def yuan(amount: Decimal | str | None) -> str:
    """¥1,234.50 (negative: -¥50.00), exact; what is not an amount is shown as it is."""
    if amount is None or amount == "":
        return ""
    value = _decimal(amount)
    if value is None:
        return str(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}¥{abs(value):,.2f}"


def m3(value: Decimal | str | None) -> str:
    """12.5 m³ (trailing zeros dropped); what is not a volume is shown as it is."""
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return str(value)
    return f"{number:,.3f}".rstrip("0").rstrip(".") + " m³"


def action_text(action: str, lang: str | None = None) -> str:
    return labels.text(labels.AUDIT_ACTION, action, _lang(lang))


def entity_text(entity: str, lang: str | None = None) -> str:
    return labels.text(labels.AUDIT_ENTITY, entity, _lang(lang))


def entity_id_text(entity: str, entity_id: str, lang: str | None = None) -> str:
    """The row's entity id; a refused action names the permission, in words."""
    return labels.text(labels.PERMISSION, entity_id, _lang(lang)) if entity == "action" else entity_id


def field_text(key: str, lang: str | None = None) -> str:
    return labels.text(labels.HISTORY_FIELD, key, _lang(lang))


def entry_text(kind: str, amount: object, method: str | None = None, lang: str | None = None) -> str:
    """One ledger line: 收款 -¥2,000.00（支付宝）."""
    lang = _lang(lang)
    text = f"{labels.text(labels.LEDGER_KIND, kind, lang)} {yuan(str(amount))}"
    if method:
        name = labels.text(labels.PAYMENT_METHOD, method, lang)
        text += f" ({name})" if lang == "en" else f"（{name}）"
    return text


def entries_text(entries: object, lang: str | None = None) -> str:
    """A posting's stored lines ``[[kind, amount, method], ...]`` in words; anything else as it is."""
    if not isinstance(entries, list) or not all(isinstance(e, list | tuple) and len(e) == 3 for e in entries):
        return _plain(entries)
    lang = _lang(lang)
    sep = ", " if lang == "en" else "、"
    return sep.join(entry_text(str(kind), amount, method, lang) for kind, amount, method in entries)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def value_text(action: str, key: str, value: object, lang: str | None = None) -> str:
    """One field's value in words: a code by its name, money as ¥, volumes in m³, lines of a posting."""
    lang = _lang(lang)
    if value is None:
        return ""
    if key == "entries":
        return entries_text(value, lang)
    if key in MONEY_FIELDS:
        return yuan(str(value))
    if key == "changed_from_list" and isinstance(value, list):  # fees the clerk changed, by name
        return labels.joined(labels.LEDGER_KIND, value, lang)
    if key in VOLUME_FIELDS:
        return m3(str(value))
    found = ACTION_CODES.get((action, key)) or FIELD_CODES.get(key)
    if found is not None:
        return labels.text(found, value, lang)
    return _plain(value)


FIRST = ("status", "entries", "balance")  # a money action reads: its lines, then the balance they left


def _order(keys: Iterable[str]) -> list[str]:
    """Fields in the order the field table lists them (``FIRST`` first), unknown ones after, by name."""
    known = [*FIRST, *(k for k in labels.HISTORY_FIELD if k not in FIRST)]
    return sorted(keys, key=lambda k: (known.index(k) if k in known else len(known), k))


def _short(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def describe(
    action: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    balance: Decimal | None = None,
    skip: Iterable[str] = (),
    lang: str | None = None,
    value_chars: int | None = None,
    total_chars: int | None = None,
) -> str:
    """What the step did, field by field, in words: ``状态：已编号 → 已安排安装；安装班组：安装一队``.

    A field changed reads ``old → new``, a new one ``new``, one only before (the old meter's final
    reading, the entry a reversal undid) ``old``; unchanged and
    empty values and the ``skip`` keys are left out. ``balance`` (from ``balances_after``) is the
    counter's 余额 after a money action and replaces the row's stored ledger sum. ``value_chars``
    cuts long typed values, ``total_chars`` the whole text (the audit log's one-line column)."""
    lang = _lang(lang)
    before, after = dict(before or {}), dict(after or {})
    if balance is not None:
        before.pop("balance", None)
        after["balance"] = str(balance)
    skipped = set(skip)
    sep, colon = ("; ", ": ") if lang == "en" else ("；", "：")

    def shown(key: str, value: object) -> str:
        text = value_text(action, key, value, lang)
        coded = key == "entries" or key in MONEY_FIELDS or key in VOLUME_FIELDS
        return text if coded else _short(text, value_chars)

    parts = []
    for key in _order(set(before) | set(after)):
        if key in skipped:
            continue
        old, new = before.get(key), after.get(key)
        if key in before and key in after and old == new:
            continue
        if old in EMPTY:  # new, or filled in
            if new not in EMPTY:
                parts.append(f"{field_text(key, lang)}{colon}{shown(key, new)}")
        else:
            tail = f"{ARROW}{shown(key, new)}" if key in after else ""
            parts.append(f"{field_text(key, lang)}{colon}{shown(key, old)}{tail}")
    return _short(sep.join(parts), total_chars)


def history_text(action: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None, *,
                 balance: Decimal | None = None, lang: str | None = None) -> str:
    """The account page's history line: ``describe`` without the keys the page shows elsewhere."""
    return describe(action, before, after, balance=balance, skip=HISTORY_SKIP, lang=lang)


def entry_note(reason: str, reversal_of: int | None, reversed_by: int | None, *, tendered: Decimal | None = None,
               change_given: Decimal | None = None, lang: str | None = None) -> str:
    """A ledger entry's note: its reason, the cash handed over and the change, and what it reverses
    or what reversed it."""
    lang = _lang(lang)
    en = lang == "en"
    parts = [reason] if reason else []
    if tendered is not None:
        parts.append(f"tendered {yuan(tendered)}, change {yuan(change_given or Decimal(0))}" if en
                     else f"实收 {yuan(tendered)}，找零 {yuan(change_given or Decimal(0))}")
    if reversal_of is not None:
        parts.append(f"reverses entry {reversal_of}" if en else f"冲正记录 {reversal_of}")
    if reversed_by is not None:
        parts.append(f"reversed by entry {reversed_by}" if en else f"已被记录 {reversed_by} 冲正")
    return ("; " if en else "；").join(parts)


def posting_id_of(after: Mapping[str, Any] | None) -> int | None:
    """The posting a money action's audit row names, if it names one."""
    value = (after or {}).get("posting_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def balances_after(session: Session, posting_ids: Iterable[int]) -> dict[int, Decimal]:
    """The counter's 余额 (``Balances.available``: prepayment plus overpayment minus arrears) of each
    posting's party right after that posting, from the ledger itself, in one query."""
    ids = sorted(set(posting_ids))
    if not ids:
        return {}
    entry = LedgerEntry
    q = (
        select(
            LedgerPosting.id,
            func.coalesce(func.sum(entry.amount), 0),
            func.coalesce(func.sum(case((entry.bucket == "prepayment", entry.amount), else_=0)), 0),
        )
        .join(entry, (entry.party_id == LedgerPosting.party_id) & (entry.posting_id <= LedgerPosting.id))
        .where(LedgerPosting.id.in_(ids))
        .group_by(LedgerPosting.id)
    )
    return {pid: Decimal(prepayment) - Decimal(total) for pid, total, prepayment in session.execute(q)}


def actions_named(text: str) -> list[str]:
    """The audit actions whose name, in Chinese or English, contains ``text`` (the log's filter)."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    return [code for code, label in labels.AUDIT_ACTION.items()
            if wanted in label.zh.casefold() or wanted in label.en.casefold()]
