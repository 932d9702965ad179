"""`gasdesk report ...` and `gasdesk gas-on sheet`: files written, role checks, refusals."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from accounts_support import Office
from openpyxl import load_workbook
from printing_support import pdf_text
from sqlalchemy import select

from gasdesk.cli import main
from gasdesk.models import AuditEntry
from gasdesk.services.accounts import gas_on_days

ROLE_PASSWORD = "secret-123"  # every role's password in tests/conftest.py


@pytest.fixture
def cli(office: Office, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GASDESK_PASSWORD", ROLE_PASSWORD)

    def run(*argv: str, user: str = "clerk") -> tuple[int, str, str]:
        code = main([*argv, "--db", office.db.url.render_as_string(hide_password=False), "--user", user])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def audit_actions(office: Office) -> list[str]:
    with office.db.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_register_pdf_by_area_code(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("in_service", name="张三")
    out = tmp_path / "register.pdf"
    code, stdout, _ = cli("report", "register", "--area", "01", "--out", str(out))
    assert code == 0
    assert stdout.startswith(f"已写入 {out}（PDF，")
    assert stdout.rstrip().endswith("城东片区（01）用户登记册，共 1 户")
    text = pdf_text(out.read_bytes())
    assert "城东片区 · 阳光花园（1 户）" in text and "张三" in text
    assert not list(tmp_path.glob("*.tmp"))  # gasdesk.files wrote it under a temporary name, then renamed


def test_register_xlsx_by_compound(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("application", name="李四")
    out = tmp_path / "register.xlsx"
    code, stdout, _ = cli("report", "register", "--compound", str(office.compound_id), "--out", str(out))
    assert code == 0 and "共 1 户" in stdout
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    assert wb.sheetnames == ["登记册", "状态统计"]
    assert wb["登记册"]["D2"].value == "李四"


def test_new_accounts_list(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("in_service", name="张三")  # gas-on 2026-01-12
    out = tmp_path / "new.xlsx"
    code, stdout, _ = cli("report", "new-accounts", "--from", "2026-01-01", "--to", "2026-01-31", "--out", str(out))
    assert code == 0
    assert "按通气开户日期的新开户清单 2026-01-01 至 2026-01-31，共 1 户" in stdout
    assert load_workbook(io.BytesIO(out.read_bytes()))["新开户"]["D2"].value == "张三"


def test_gas_on_sheet_reprint_is_audited(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("installed", name="王五")
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 2, 1))
    out = tmp_path / "sheet.pdf"
    code, stdout, _ = cli("gas-on", "sheet", str(event.id), "--out", str(out))
    assert code == 0 and "的签收单" in stdout
    assert "print.reprint" not in audit_actions(office)
    code, stdout, _ = cli("gas-on", "sheet", str(event.id), "--copy", "--out", str(out))
    assert code == 0 and "（副本，已记入审计日志）" in stdout
    assert "副本 COPY" in pdf_text(out.read_bytes())
    assert audit_actions(office).count("print.reprint") == 1


def test_gas_on_sheet_file_is_a_saved_print_job(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.models import PrintJob

    office.account_at("installed", name="王五")
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 2, 1))
    out = tmp_path / "sheet.pdf"
    assert cli("gas-on", "sheet", str(event.id), "--out", str(out))[0] == 0
    assert cli("gas-on", "sheet", str(event.id), "--copy", "--out", str(out))[0] == 0
    with office.db.read() as s:
        rows = [(r.document_kind, r.document_id, r.copy, r.outcome, r.target)
                for r in s.scalars(select(PrintJob).order_by(PrintJob.id))]
    assert rows == [("gas_on_sheet", str(event.id), False, "saved", str(out.resolve())),
                    ("gas_on_sheet", str(event.id), True, "saved", str(out.resolve()))]


def test_a_missing_folder_is_refused_before_anything_is_made(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office.account_at("installed", name="王五")
    with office.db.write() as s:
        event = gas_on_days.plan_event(s, office.clerk, office.compound_id, planned_on=date(2026, 2, 1))
    before = audit_actions(office)
    out = tmp_path / "nowhere" / "sheet.pdf"
    code, _, err = cli("gas-on", "sheet", str(event.id), "--copy", "--out", str(out))
    assert code == 1 and err.strip() == f"文件夹不存在：{out.parent}"
    assert audit_actions(office) == before  # no reprint audited for a sheet never written
    code, _, err = cli("report", "register", "--out", str(tmp_path / "nowhere" / "r.xlsx"))
    assert code == 1 and "文件夹不存在" in err


def test_role_without_the_right_writes_nothing(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "register.pdf"
    code, _, err = cli("report", "register", "--out", str(out), user="depot")
    assert code == 3
    assert "无权执行此操作：打印和导出用户登记册" in err
    assert not out.exists()
    assert audit_actions(office)[-1] == "permission.denied"


@pytest.mark.parametrize(("argv", "message"), [
    (("report", "register", "--area", "09"), "没有代码为 09 的片区。"),
    (("report", "new-accounts", "--from", "2026-02-30", "--to", "2026-03-01"), "日期格式应为 2026-01-31：2026-02-30"),
    (("report", "new-accounts", "--from", "2026-03-01", "--to", "2026-02-01"),
     "开始日期 2026-03-01 晚于结束日期 2026-02-01。"),
])
def test_refusals_say_why(office: Office, cli, tmp_path: Path, argv: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.pdf"
    code, _, err = cli(*argv, "--out", str(out))
    assert code == 1
    assert err.strip() == message
    assert not out.exists()


def test_output_must_be_pdf_or_xlsx(office: Office, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("report", "register", "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "输出文件须以 .pdf 或 .xlsx 结尾" in err
    code, _, err = cli("gas-on", "sheet", "1", "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "输出文件须以 .pdf 结尾" in err
