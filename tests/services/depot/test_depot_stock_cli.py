"""The depot's stock from the command line: a batch to the plant and back, an inspection batch
passed and failed, custody against a slip, the stock sheet, a count that differs, and the
reminders; each refusal in words with exit 1 and nothing stored."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from depot_support import Depot
from printing_support import pdf_text
from test_depot_cli import cli  # noqa: F401  (the fixture)

from gasdesk.services.depot import dates


def test_batches_custody_and_the_stock_sheet_from_the_cli(cli, depot: Depot,  # type: ignore[no-untyped-def]  # noqa: F811
                                                          tmp_path: Path) -> None:
    owner = depot.customer(phone="13912345678")
    depot.cylinders("E-01~04", inspected="2025-06-01", state="empty")
    due = dates.add_years(date.today() + timedelta(days=12), -4).isoformat()
    depot.cylinders("OWN-01", inspected=due, owner=owner.number)
    code, _out, err = cli("depot", "plant", "send", "E-01~03", "OWN-01", "--document", "CZ-9")
    assert code == 1 and "OWN-01" in err and "不是空瓶在库" in err
    code, out, err = cli("depot", "plant", "send", "E-01~03", "--document", "CZ-9", "--json")
    assert code == 0, err
    assert json.loads(out) == {"kind": "to_plant", "document": "CZ-9", "serials": ["E-01", "E-02", "E-03"],
                               "count": 3, "scrapped": [], "replayed": False}
    code, out, err = cli("depot", "plant", "receive", "E-01~03", "--document", "CZ-9")
    assert code == 0 and "充装满瓶入库：钢瓶 3 只" in out, err
    code, out, err = cli("depot", "inspection", "back", "E-04", "--document", "JY-1", "--passed")
    assert code == 1 and "没有送检" in err
    code, out, err = cli("depot", "reminders", "--days", "30", "--json")
    assert code == 0, err
    assert json.loads(out) == [{"serial": "OWN-01", "size": "YSP35.5", "state": "with_customer",
                                "next_inspection_due": (date.today() + timedelta(days=12)).isoformat(),
                                "customer": owner.number, "name": "王五", "phone": "13912345678"}]
    slip = tmp_path / "slip.pdf"
    code, out, err = cli("depot", "custody", "take", "--customer", owner.number, "OWN-01", "--slip", str(slip))
    assert code == 0 and "D01-K-0000001" in out, err
    assert "顾客钢瓶代存单" in pdf_text(slip.read_bytes())
    code, out, err = cli("depot", "stock-list", "--json", "-o", str(tmp_path / "stock.pdf"))
    assert code == 0, err
    assert json.loads(out)["totals"] == [{"size": "YSP35.5", "state": "empty", "count": 1},
                                         {"size": "YSP35.5", "state": "full", "count": 3},
                                         {"size": "YSP35.5", "state": "in_custody", "count": 1}]
    assert "钢瓶库存表" in pdf_text((tmp_path / "stock.pdf").read_bytes())
    code, _out, err = cli("depot", "count", "E-01~04")
    assert code == 1 and "少 1 只" in err and "请写明原因" in err
    code, out, err = cli("depot", "count", "E-01~04", "--explain", "OWN-01 在后院待送检", "--json")
    assert code == 0, err
    assert (json.loads(out)["missing"], json.loads(out)["expected"]) == (["OWN-01"], 5)
    code, out, err = cli("depot", "custody", "back", "D01-K-0000001")
    assert code == 0 and "已发还 OWN-01" in out, err
    code, _out, err = cli("depot", "custody", "back", "D01-K-0000001")
    assert code == 1 and "已经发还" in err
