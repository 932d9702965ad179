"""Registers by area (按区域登记造册) and the new-account list, as DataFrames, PDFs and workbooks.

Both reports read the same columns through one query (``_account_frame``): selected columns,
not ORM objects, streamed from the database in chunks of CHUNK rows (``yield_per``) and turned
into a DataFrame chunk by chunk, so a register of tens of thousands of accounts costs one pass
and a few tens of MB. The balance is a correlated SUM over the account's ledger entries
(index on ledger_entries.account_id), never a stored figure.

Personal data is masked on every register, on paper and in the workbook alike (the files
leave the office): ID numbers as 110************1234, phones as 138****5678.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import pandas as pd
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from gasdesk.models import Account, AccountStatus, Area, Compound, LedgerEntry, Premises
from gasdesk.services.accounts.identity import mask_id, mask_phone
from gasdesk.services.accounts.records import address_string
from gasdesk.services.core import labels, settings
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound, ValidationError
from gasdesk.services.core.permissions import require
from gasdesk.services.printing.document import Col, Sheet, Table, sheet_pdf
from gasdesk.services.printing.fonts import configured_font
from gasdesk.services.reports.tables import report_xlsx

CHUNK = 5000
ZERO = Decimal("0.00")
STREET = "（街道地址）"  # the compound column of shops and factories on a street

MASK_NOTE = "证件号码和电话已隐去部分数字。"
BALANCE_NOTE = "余额 = 预存款及多缴款 − 欠费（正数为用户可用余额，负数为欠费；不含押金）。"

# Which date makes an account "new" in the new-account list.
Basis = Literal["opened", "signed", "applied"]
BASIS_COLUMN = {"opened": Account.opened_on, "signed": Account.contract_signed_on, "applied": Account.applied_on}
BASIS_ZH = {"opened": "通气开户日期", "signed": "签约日期", "applied": "申请日期"}

# The account columns every register and list shows, in order.
ACCOUNT_COLUMNS = (
    Col("片区", 24), Col("小区", 30), Col("户号", 22), Col("户主", 24), Col("证件号", 38),
    Col("电话", 26), Col("地址", 68), Col("类型", 15), Col("状态", 19), Col("开户日期", 22, "date"),
    Col("余额", 24, "money"),
)
STATUS_ORDER = [labels.text(labels.ACCOUNT_STATUS, s, "zh") for s in AccountStatus]


@dataclass(frozen=True)
class RegisterData:
    """A register: its scope in words, the accounts in address order, status counts per compound."""

    title: str
    scope: str
    accounts: pd.DataFrame  # columns: ACCOUNT_COLUMNS' names
    counts: pd.DataFrame  # columns: 片区, 小区, one per status (STATUS_ORDER), 合计; a last 合计 row


# ---- reading -------------------------------------------------------------------------------


def _balance_column():  # type: ignore[no-untyped-def]
    """The customer's usable balance: −SUM of every entry outside the prepayment bucket
    (= prepayment credit − ledger balance; deposits net to nothing here)."""
    owed = func.coalesce(
        func.sum(case((LedgerEntry.bucket != "prepayment", LedgerEntry.amount), else_=0)), 0
    )
    return select(owed).where(LedgerEntry.account_id == Account.id).scalar_subquery()


def _base_query(date_column: InstrumentedAttribute[Any] = Account.opened_on) -> Select[Any]:
    return (
        select(
            Area.name.label("area_name"),
            Compound.name.label("compound_name"),
            Account.number,
            Account.holder_name,
            Account.holder_id_number,
            Account.phone,
            Premises.compound_id,
            Premises.building,
            Premises.unit,
            Premises.room,
            Premises.street,
            Account.type,
            Account.status,
            date_column.label("day"),
            _balance_column().label("owed"),
        )
        .join(Premises, Premises.id == Account.premises_id)
        .join(Area, Area.id == Account.area_id)
        .outerjoin(Compound, Compound.id == Premises.compound_id)
    )


def _address_order(q: Select[Any]) -> Select[Any]:
    """Area, compound (street premises last), then building/unit/room in natural order:
    shorter first, so room 2 comes before room 10 (portable to PostgreSQL, unlike a CAST)."""
    parts = []
    for col in (Premises.building, Premises.unit, Premises.room):
        parts += [func.length(col), col]
    return q.order_by(Area.code, Premises.compound_id.is_(None), Compound.name, *parts, Premises.street,
                      Account.number, Account.id)


def _account_frame(session: Session, q: Select[Any]) -> pd.DataFrame:
    names = [c.name for c in ACCOUNT_COLUMNS]
    chunks: list[pd.DataFrame] = []
    result = session.execute(q.execution_options(yield_per=CHUNK))
    for rows in result.partitions():
        chunks.append(pd.DataFrame.from_records(
            [(
                r.area_name,
                r.compound_name or STREET,
                r.number or "",
                r.holder_name,
                mask_id(r.holder_id_number),
                mask_phone(r.phone),
                address_string(r, r.compound_name or ""),  # the row carries the premises fields it reads
                labels.text(labels.ACCOUNT_TYPE, r.type, "zh"),
                labels.text(labels.ACCOUNT_STATUS, r.status, "zh"),
                r.day,
                ZERO - r.owed,  # not -owed: that would print -0.00
            ) for r in rows],
            columns=names,
        ))
    if not chunks:
        return pd.DataFrame({n: pd.Series(dtype=object) for n in names})
    return pd.concat(chunks, ignore_index=True)


def _status_counts(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["片区", "小区", *STATUS_ORDER, "合计"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    table = (
        frame.groupby(["片区", "小区", "状态"], sort=False).size()
        .unstack("状态", fill_value=0)
        .reindex(columns=STATUS_ORDER, fill_value=0)
    )
    table["合计"] = table.sum(axis=1)
    table = table.reset_index()
    total = {"片区": "合计", "小区": "", **{c: int(table[c].sum()) for c in [*STATUS_ORDER, "合计"]}}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    return table[cols].astype({c: "int64" for c in [*STATUS_ORDER, "合计"]})


def _scope(session: Session, area_id: int | None, compound_id: int | None,
           q: Select[Any] | None = None) -> tuple[str, Select[Any]]:
    """The words for the scope and the filter it puts on the query (the register's by default);
    unknown ids are refused."""
    q = _base_query() if q is None else q
    words = []
    if area_id is not None:
        area = session.get(Area, area_id)
        if area is None:
            raise NotFound("片区不存在。", "The area does not exist.")
        words.append(f"{area.name}（{area.code}）")
        q = q.where(Account.area_id == area_id)
    if compound_id is not None:
        compound = session.get(Compound, compound_id)
        if compound is None:
            raise NotFound("小区不存在。", "The compound does not exist.")
        if area_id is not None and compound.area_id != area_id:
            raise ValidationError(f"小区“{compound.name}”不在所选片区内。",
                                  f"The compound {compound.name!r} is not in the chosen area.")
        if area_id is None:
            area = session.get(Area, compound.area_id)
            words.append(area.name if area else "")
        words.append(compound.name)
        q = q.where(Premises.compound_id == compound_id)
    return (" · ".join(words) or "全部片区"), q


def area_register(
    session: Session, actor: Actor, *, area_id: int | None = None, compound_id: int | None = None
) -> RegisterData:
    """Every account of the area / compound (all of them when neither is given), in address order."""
    require(session, actor, "report.registers")
    scope, q = _scope(session, area_id, compound_id)
    frame = _account_frame(session, _address_order(q))
    return RegisterData("用户登记册（按区域登记造册）", scope, frame, _status_counts(frame))


def _counted() -> Select[Any]:
    return select(func.count(Account.id)).join(Premises, Premises.id == Account.premises_id)


def area_register_size(
    session: Session, actor: Actor, *, area_id: int | None = None, compound_id: int | None = None
) -> int:
    """How many accounts the register would list: cheap, so the UI can decide to preview or not."""
    require(session, actor, "report.registers")
    _words, q = _scope(session, area_id, compound_id, _counted())
    return int(session.scalar(q) or 0)


def _check_range(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise ValidationError(f"开始日期 {date_from} 晚于结束日期 {date_to}。",
                              f"The start date {date_from} is after the end date {date_to}.")


def _new_in(session: Session, q: Select[Any], day: InstrumentedAttribute[Any], date_from: date, date_to: date,
            area_id: int | None) -> Select[Any]:
    """Filter ``q`` to accounts whose ``day`` is in the range (both included), in the area if given."""
    _check_range(date_from, date_to)
    q = q.where(day >= date_from, day <= date_to)
    if area_id is not None:
        if session.get(Area, area_id) is None:
            raise NotFound("片区不存在。", "The area does not exist.")
        q = q.where(Account.area_id == area_id)
    return q


def new_accounts(
    session: Session, actor: Actor, *, date_from: date, date_to: date, area_id: int | None = None,
    basis: Basis = "opened",
) -> pd.DataFrame:
    """Accounts whose ``basis`` date (default: the gas-on day, when the account opened) falls in
    [date_from, date_to], both included, by that date. The date column is named for the basis."""
    require(session, actor, "report.registers")
    day = BASIS_COLUMN[basis]
    q = _new_in(session, _base_query(day), day, date_from, date_to, area_id)
    frame = _account_frame(session, q.order_by(day, Area.code, Account.number, Account.id))
    return frame.rename(columns={"开户日期": BASIS_ZH[basis]})


def new_accounts_size(
    session: Session, actor: Actor, *, date_from: date, date_to: date, area_id: int | None = None,
    basis: Basis = "opened",
) -> int:
    """How many accounts the new-account list would show (refusing what new_accounts refuses)."""
    require(session, actor, "report.registers")
    day = BASIS_COLUMN[basis]
    return int(session.scalar(_new_in(session, _counted(), day, date_from, date_to, area_id)) or 0)


# ---- rendering -----------------------------------------------------------------------------

COUNT_COLUMNS = (
    Col("片区", 26), Col("小区", 36), *(Col(s, 18, "count") for s in STATUS_ORDER), Col("合计", 18, "count"),
)


def _printed_by(actor: Actor) -> str:
    return actor.name or actor.login


def register_report(session: Session, actor: Actor, data: RegisterData) -> Sheet:
    n_compounds = data.accounts.groupby(["片区", "小区"]).ngroups if not data.accounts.empty else 0
    return Sheet(
        title=data.title,
        subtitle_lines=[f"范围：{data.scope}    共 {len(data.accounts)} 户，{n_compounds} 个小区/街道"],
        office=settings.get(session, "office_name"),
        printed_by=_printed_by(actor),
        tables=[
            Table("登记册", data.accounts, ACCOUNT_COLUMNS, group_by=("片区", "小区")),
            Table("状态统计", data.counts, COUNT_COLUMNS, heading="状态统计（户）", numbered=False),
        ],
        notes=[BALANCE_NOTE, MASK_NOTE],
    )


def area_register_pdf(
    session: Session, actor: Actor, *, area_id: int | None = None, compound_id: int | None = None,
    invariant: bool = False, printed_at: datetime | None = None,
) -> bytes:
    """A4 landscape: a section per compound, then the status counts."""
    data = area_register(session, actor, area_id=area_id, compound_id=compound_id)
    return sheet_pdf(register_report(session, actor, data), font=configured_font(session), invariant=invariant,
                     printed_at=printed_at)


def area_register_xlsx(
    session: Session, actor: Actor, *, area_id: int | None = None, compound_id: int | None = None
) -> bytes:
    """Two sheets: 登记册 (every account, compound as a column) and 状态统计."""
    data = area_register(session, actor, area_id=area_id, compound_id=compound_id)
    return report_xlsx(register_report(session, actor, data))


def new_accounts_report(
    session: Session, actor: Actor, *, date_from: date, date_to: date, area_id: int | None, basis: Basis
) -> Sheet:
    frame = new_accounts(session, actor, date_from=date_from, date_to=date_to, area_id=area_id, basis=basis)
    date_col = BASIS_ZH[basis]
    # By date, so the area is a column; the address names the compound; no balance on this list.
    columns = [Col(date_col, 24, "date"), *(c for c in ACCOUNT_COLUMNS if c.name not in ("开户日期", "小区", "余额"))]
    area = session.get(Area, area_id) if area_id is not None else None
    return Sheet(
        title=f"新开户清单（按{date_col}）",
        subtitle_lines=[f"{date_col}：{date_from} 至 {date_to}    范围：{area.name if area else '全部片区'}"
                        f"    共 {len(frame)} 户"],
        office=settings.get(session, "office_name"),
        printed_by=_printed_by(actor),
        tables=[Table("新开户", frame, columns)],
        notes=[MASK_NOTE],
    )


def new_accounts_pdf(
    session: Session, actor: Actor, *, date_from: date, date_to: date, area_id: int | None = None,
    basis: Basis = "opened", invariant: bool = False, printed_at: datetime | None = None,
) -> bytes:
    report = new_accounts_report(session, actor, date_from=date_from, date_to=date_to, area_id=area_id,
                                  basis=basis)
    return sheet_pdf(report, font=configured_font(session), invariant=invariant, printed_at=printed_at)


def new_accounts_xlsx(
    session: Session, actor: Actor, *, date_from: date, date_to: date, area_id: int | None = None,
    basis: Basis = "opened",
) -> bytes:
    report = new_accounts_report(session, actor, date_from=date_from, date_to=date_to, area_id=area_id,
                                  basis=basis)
    return report_xlsx(report)
