"""Registers by area and the new-account list: exact rows, masked personal data, PDF and xlsx."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from accounts_support import Office, make_id
from openpyxl import load_workbook
from printing_support import pdf_pages, pdf_text
from sqlalchemy import text

from gasdesk.models.users import Role
from gasdesk.services.accounts import opening, records
from gasdesk.services.accounts.identity import mask_id
from gasdesk.services.core.actor import Actor
from gasdesk.services.core.errors import NotFound, PermissionDenied, ValidationError
from gasdesk.services.office import address
from gasdesk.services.reports import registers, tables

D = Decimal
ACCOUNT_COLUMNS = ["片区", "小区", "户号", "户主", "证件号", "电话", "地址", "类型", "状态", "开户日期", "余额"]
ZHANG_ID = make_id(901)


@dataclass
class Registers:
    office: Office
    empty_area_id: int
    east_lake_id: int
    numbers: dict[str, str]


def _apply(o: Office, name: str, premises: records.PremisesInput, account_type: str = "residential") -> int:
    with o.db.write() as s:
        return opening.apply(s, o.clerk, account_type=account_type, holder=o.holder(name), premises=premises,
                              applied_on=date(2026, 2, 1)).id


@pytest.fixture
def reg(office: Office) -> Registers:
    """Area 01 with two compounds and a street shop, accounts in several states; area 02 empty."""
    o = office
    with o.db.write() as s:
        empty = address.add_area(s, o.admin, "02", "城西片区")
        lake = address.add_compound(s, o.admin, o.area_id, "东湖小区", "东湖路 6 号")
    ids = {
        "张三": o.account_at("in_service", name="张三", id_number=ZHANG_ID),  # 阳光花园 3栋2单元101
        "李四": o.account_at("application", name="李四"),  # 102
        "王五": o.account_at("suspended", name="王五"),  # 103
        "赵六": o.account_at("closed", name="赵六"),  # 104
        # Rooms 10 and 9 of building 1: natural order puts 9 first.
        "钱七": _apply(o, "钱七", records.PremisesInput(compound_id=o.compound_id, building="1", unit="1", room="10")),
        "孙八": _apply(o, "孙八", records.PremisesInput(compound_id=o.compound_id, building="1", unit="1", room="9")),
        "周九": _apply(o, "周九", records.PremisesInput(compound_id=lake.id, building="2", unit="1", room="301")),
        "老王面馆": _apply(o, "老王面馆", records.PremisesInput(area_id=o.area_id, street="建设路 20 号"),
                          "commercial"),
    }
    with o.db.read() as s:
        numbers = {n: records.account_summary(s, o.clerk, i).number or "" for n, i in ids.items()}
    return Registers(o, empty.id, lake.id, numbers)


def read(o: Office, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with o.db.read() as s:
        return fn(s, *args, **kw)


def test_register_rows_in_address_order_with_masked_pii_and_balances(reg: Registers) -> None:
    o = reg.office
    data = read(o, registers.area_register, o.clerk, area_id=o.area_id)
    assert data.scope == "城东片区（01）"
    assert list(data.accounts.columns) == ACCOUNT_COLUMNS
    rows = [tuple(r) for r in data.accounts.itertuples(index=False, name=None)]
    n = reg.numbers
    assert rows == [
        ("城东片区", "东湖小区", "", "周九", rows[0][4], "138****5678", "东湖小区 2栋1单元301", "居民", "申请", None,
         D("0.00")),
        ("城东片区", "阳光花园", "", "孙八", rows[1][4], "138****5678", "阳光花园 1栋1单元9", "居民", "申请", None,
         D("0.00")),
        ("城东片区", "阳光花园", "", "钱七", rows[2][4], "138****5678", "阳光花园 1栋1单元10", "居民", "申请", None,
         D("0.00")),
        ("城东片区", "阳光花园", n["张三"], "张三", mask_id(ZHANG_ID), "138****5678", "阳光花园 3栋2单元101", "居民",
         "在用", date(2026, 1, 12), D("300.00")),
        ("城东片区", "阳光花园", "", "李四", rows[4][4], "138****5678", "阳光花园 3栋2单元102", "居民", "申请", None,
         D("0.00")),
        ("城东片区", "阳光花园", n["王五"], "王五", rows[5][4], "138****5678", "阳光花园 3栋2单元103", "居民", "停气",
         date(2026, 1, 12), D("300.00")),
        ("城东片区", "阳光花园", "", "赵六", rows[6][4], "138****5678", "阳光花园 3栋2单元104", "居民", "已销户", None,
         D("0.00")),
        ("城东片区", registers.STREET, "", "老王面馆", rows[7][4], "138****5678", "建设路 20 号", "商业", "申请", None,
         D("0.00")),
    ]
    assert mask_id(ZHANG_ID) == ZHANG_ID[:3] + "*" * 11 + ZHANG_ID[-4:]
    assert all(len(r[4]) == 18 and r[4][3:14] == "*" * 11 for r in rows)
    assert str(rows[0][10]) == "0.00"  # never -0.00


def test_status_counts_per_compound_with_a_total_row(reg: Registers) -> None:
    o = reg.office
    counts = read(o, registers.area_register, o.clerk, area_id=o.area_id).counts
    assert list(counts.columns) == ["片区", "小区", "申请", "已签约", "已编号", "已安排安装", "已安装", "已通气",
                                    "在用", "停气", "已销户", "合计"]
    assert [tuple(r) for r in counts.itertuples(index=False, name=None)] == [
        ("城东片区", "东湖小区", 1, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        ("城东片区", "阳光花园", 3, 0, 0, 0, 0, 0, 1, 1, 1, 6),
        ("城东片区", registers.STREET, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1),
        ("合计", "", 5, 0, 0, 0, 0, 0, 1, 1, 1, 8),
    ]


def test_scope_by_compound_and_refusals_for_unknown_or_mismatched_scope(reg: Registers) -> None:
    o = reg.office
    data = read(o, registers.area_register, o.clerk, compound_id=reg.east_lake_id)
    assert data.scope == "城东片区 · 东湖小区"
    assert list(data.accounts["户主"]) == ["周九"]
    everything = read(o, registers.area_register, o.clerk)
    assert everything.scope == "全部片区" and len(everything.accounts) == 8
    with pytest.raises(NotFound):
        read(o, registers.area_register, o.clerk, area_id=999)
    with pytest.raises(ValidationError) as info:
        read(o, registers.area_register, o.clerk, area_id=reg.empty_area_id, compound_id=reg.east_lake_id)
    assert info.value.zh == "小区“东湖小区”不在所选片区内。"


def test_reading_in_small_chunks_gives_the_same_register(reg: Registers, monkeypatch: pytest.MonkeyPatch) -> None:
    o = reg.office
    whole = read(o, registers.area_register, o.clerk).accounts
    monkeypatch.setattr(registers, "CHUNK", 3)
    chunked = read(o, registers.area_register, o.clerk).accounts
    assert chunked.equals(whole)


def test_register_pdf_sections_per_compound_masked_ids_and_counts(reg: Registers) -> None:
    o = reg.office
    pdf = read(o, registers.area_register_pdf, o.clerk, area_id=o.area_id, invariant=True)
    txt = pdf_text(pdf)
    assert "用户登记册（按区域登记造册）" in txt
    assert "范围：城东片区（01） 共 8 户，3 个小区/街道" in txt
    assert "城东片区 · 阳光花园（6 户）" in txt
    assert "城东片区 · 东湖小区（1 户）" in txt
    assert "城东片区 · （街道地址）（1 户）" in txt
    assert mask_id(ZHANG_ID) in txt
    assert ZHANG_ID not in txt
    assert "13812345678" not in txt
    assert reg.numbers["张三"] in txt
    assert "300.00" in txt
    assert "状态统计（户）" in txt
    assert "合计 5 0 0 0 0 0 1 1 1 8" in txt
    assert "余额 = 预存款及多缴款 − 欠费" in txt


def test_register_pdf_is_reproducible_in_invariant_mode(reg: Registers) -> None:
    o = reg.office
    first = read(o, registers.area_register_pdf, o.clerk, invariant=True)
    assert read(o, registers.area_register_pdf, o.clerk, invariant=True) == first


def test_empty_area_prints_and_exports_no_records(reg: Registers) -> None:
    o = reg.office
    data = read(o, registers.area_register, o.clerk, area_id=reg.empty_area_id)
    assert data.accounts.empty and data.counts.empty
    txt = pdf_text(read(o, registers.area_register_pdf, o.clerk, area_id=reg.empty_area_id))
    assert "范围：城西片区（02） 共 0 户，0 个小区/街道" in txt
    assert txt.count("（无记录）") == 2  # the register and the counts
    wb = load_workbook(io.BytesIO(read(o, registers.area_register_xlsx, o.clerk, area_id=reg.empty_area_id)))
    assert wb["登记册"]["A2"].value == "（无记录）"
    assert wb["状态统计"]["A2"].value == "（无记录）"


def test_register_xlsx_two_sheets_exact_cells(reg: Registers) -> None:
    o = reg.office
    wb = load_workbook(io.BytesIO(read(o, registers.area_register_xlsx, o.clerk, area_id=o.area_id)))
    assert wb.sheetnames == ["登记册", "状态统计"]
    ws = wb["登记册"]
    assert [c.value for c in ws[1]] == ACCOUNT_COLUMNS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.max_row == 9
    zhang = [c.value for c in ws[5]]
    assert zhang == ["城东片区", "阳光花园", reg.numbers["张三"], "张三", mask_id(ZHANG_ID), "138****5678",
                     "阳光花园 3栋2单元101", "居民", "在用", datetime(2026, 1, 12), 300]
    assert ws["J5"].number_format == "yyyy-mm-dd"
    assert ws["K5"].number_format == "#,##0.00"
    assert ws["J6"].value is None and ws["K6"].value == 0
    assert ws.column_dimensions["E"].width == 19  # 证件号: 38 mm on paper
    assert ws.column_dimensions["G"].width == 34  # 地址
    counts = wb["状态统计"]
    assert [c.value for c in counts[5]] == ["合计", None, 5, 0, 0, 0, 0, 0, 1, 1, 1, 8]
    cells = [c for sheet in wb for row in sheet.iter_rows() for c in row]
    assert ZHANG_ID not in {c.value for c in cells}


def test_formulas_in_names_export_as_text(reg: Registers) -> None:
    o = reg.office
    evil = ['=HYPERLINK("http://evil.example/x","点我")', "+1+1", "-2+3", "@SUM(A1:A9)"]
    for i, name in enumerate(evil):
        _apply(o, name, records.PremisesInput(compound_id=reg.east_lake_id, building="9", unit="1", room=str(i + 1)))
    with o.db.write() as s:  # as an import might have stored it
        s.execute(text("UPDATE accounts SET holder_name = :n WHERE holder_name = '周九'"), {"n": "\t=1+1"})
    wb = load_workbook(io.BytesIO(read(o, registers.area_register_xlsx, o.clerk, compound_id=reg.east_lake_id)))
    ws = wb["登记册"]
    names = [ws.cell(row=r, column=4) for r in range(2, ws.max_row + 1)]
    assert sorted(c.value for c in names) == sorted(["'\t=1+1", *("'" + n for n in evil)])
    assert all(c.data_type == "s" for c in names)
    assert all(c.data_type != "f" for sheet in wb for row in sheet.iter_rows() for c in row)


def test_new_accounts_by_gas_on_date_inclusive_range(reg: Registers) -> None:
    o = reg.office
    frame = read(o, registers.new_accounts, o.clerk, date_from=date(2026, 1, 12), date_to=date(2026, 1, 12))
    assert list(frame.columns) == [*ACCOUNT_COLUMNS[:9], "通气开户日期", "余额"]
    assert list(frame["户主"]) == ["张三", "王五"]
    assert list(frame["通气开户日期"]) == [date(2026, 1, 12)] * 2
    none = read(o, registers.new_accounts, o.clerk, date_from=date(2026, 1, 13), date_to=date(2026, 12, 31))
    assert none.empty


def test_new_accounts_by_application_date_and_area(reg: Registers) -> None:
    o = reg.office
    frame = read(o, registers.new_accounts, o.clerk, date_from=date(2026, 2, 1), date_to=date(2026, 2, 28),
                 basis="applied", area_id=o.area_id)
    assert sorted(frame["户主"]) == sorted(["钱七", "孙八", "周九", "老王面馆"])
    assert read(o, registers.new_accounts, o.clerk, date_from=date(2026, 2, 1), date_to=date(2026, 2, 28),
                basis="applied", area_id=reg.empty_area_id).empty


def test_new_accounts_refuses_a_reversed_range(reg: Registers) -> None:
    o = reg.office
    with pytest.raises(ValidationError) as info:
        read(o, registers.new_accounts, o.clerk, date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))
    assert info.value.zh == "开始日期 2026-02-01 晚于结束日期 2026-01-01。"


def test_new_accounts_pdf_and_xlsx_through_the_same_renderers(reg: Registers) -> None:
    o = reg.office
    kw = {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
    txt = pdf_text(read(o, registers.new_accounts_pdf, o.clerk, invariant=True, **kw))
    assert "新开户清单（按通气开户日期）" in txt
    assert "通气开户日期：2026-01-01 至 2026-01-31 范围：全部片区 共 2 户" in txt
    assert mask_id(ZHANG_ID) in txt and ZHANG_ID not in txt
    assert "2026-01-12" in txt
    wb = load_workbook(io.BytesIO(read(o, registers.new_accounts_xlsx, o.clerk, **kw)))
    assert wb.sheetnames == ["新开户"]
    ws = wb["新开户"]
    assert [c.value for c in ws[1]] == ["通气开户日期", "片区", *ACCOUNT_COLUMNS[2:9]]
    assert [c.value for c in ws[2]] == [datetime(2026, 1, 12), "城东片区", reg.numbers["张三"], "张三",
                                        mask_id(ZHANG_ID), "138****5678", "阳光花园 3栋2单元101", "居民", "在用"]
    assert ws.max_row == 3


@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.ADMIN])
def test_registers_are_for_the_counter_and_the_office(reg: Registers, actors: dict[Role, Actor],
                                                     role: Role) -> None:
    o = reg.office
    assert len(read(o, registers.area_register, actors[role]).accounts) == 8
    assert read(o, registers.area_register_size, actors[role]) == 8
    kw = {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
    assert len(read(o, registers.new_accounts, actors[role], **kw)) == 2
    assert read(o, registers.new_accounts_size, actors[role], **kw) == 2


def test_register_sizes_follow_the_scope(reg: Registers) -> None:
    o = reg.office
    assert read(o, registers.area_register_size, o.clerk, area_id=o.area_id, compound_id=reg.east_lake_id) == 1
    assert read(o, registers.area_register_size, o.clerk, area_id=reg.empty_area_id) == 0
    assert read(o, registers.new_accounts_size, o.clerk, date_from=date(2026, 2, 1), date_to=date(2026, 2, 1),
                basis="applied") == 4
    with pytest.raises(ValidationError) as info:
        read(o, registers.new_accounts_size, o.clerk, date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))
    assert info.value.zh == "开始日期 2026-02-01 晚于结束日期 2026-01-01。"


@pytest.mark.parametrize("role", [Role.DEPOT, Role.READER])
@pytest.mark.parametrize("fn", [registers.area_register, registers.area_register_pdf, registers.area_register_xlsx,
                                registers.area_register_size])
def test_register_refused_to_roles_without_the_registers_permission(office: Office, actors: dict[Role, Actor],
                                                                   role: Role, fn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied) as info:
        read(office, fn, actors[role])
    assert "打印和导出用户登记册" in info.value.zh


@pytest.mark.parametrize("role", [Role.DEPOT, Role.READER])
@pytest.mark.parametrize("fn", [registers.new_accounts, registers.new_accounts_pdf, registers.new_accounts_xlsx,
                                registers.new_accounts_size])
def test_new_accounts_refused_to_roles_without_the_registers_permission(office: Office, actors: dict[Role, Actor],
                                                                       role: Role, fn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        read(office, fn, actors[role], date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))


def test_report_pages_are_never_blank_whatever_the_row_count() -> None:
    cols = [tables.Col("片区", 30), tables.Col("户主", 30), tables.Col("余额", 30, "money")]
    for n in range(20, 34):
        frame = pd.DataFrame({"片区": ["城东片区"] * n, "户主": [f"用户{i}" for i in range(n)],
                              "余额": [D("1.00")] * n})
        report = tables.Report("测试", [tables.ReportTable("a", frame, cols, group_by=("片区",)),
                                        tables.ReportTable("b", frame.head(3), cols, heading="小结")],
                               notes=["说明"])
        pages = pdf_pages(tables.report_pdf(report))
        assert all("用户" in p for p in pages), n
