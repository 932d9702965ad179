"""`gasdesk tariff load FILE` and `gasdesk tariff show [--json]`: the price schedules.

``load`` checks the whole file (TOML, or the same structure in JSON; see
services/billing/tariffs.py and resources/tariffs/sample.toml) before anyone signs in, then
stores its new schedules in one transaction, or none: it prints each schedule stored or
already there and exits 0, or prints every problem and exits 1. ``show --json`` prints
``{"schedule": [...]}``, the file's own shape: saved as a .json file it loads again.
"""

from __future__ import annotations

import argparse
from typing import Any

from gasdesk.cli import common
from gasdesk.services.core import labels


def _named(customer_type: str, day: object) -> str:
    kind = labels.text(labels.ACCOUNT_TYPE, customer_type)
    return common.words(f"{kind}气价（{day} 起）", f"{kind} tariff from {day}")


def cmd_load(args: argparse.Namespace) -> int:
    from gasdesk.services.billing import tariffs
    from gasdesk.services.core.runner import run

    inputs = tariffs.parse_file(args.file)  # refused in words before anyone signs in
    with common.opened(args) as db:
        actor = common.login(db, args)
        loaded = run(db, actor, lambda s: tariffs.load(s, actor, inputs, name=args.file))
    if args.json:
        common.dump_json(common.plain(loaded))
        return 0
    for s in loaded.stored:
        common.out(common.words(f"已载入：{_named(s.customer_type, s.effective_from)}",
                                f"stored: {_named(s.customer_type, s.effective_from)}"))
    for s in loaded.skipped:
        common.out(common.words(f"已有相同的，未重复载入：{_named(s.customer_type, s.effective_from)}",
                                f"already stored, skipped: {_named(s.customer_type, s.effective_from)}"))
    common.out(common.words(f"载入 {len(loaded.stored)} 个气价，{len(loaded.skipped)} 个已有相同的。",
                            f"{len(loaded.stored)} stored, {len(loaded.skipped)} already stored."))
    return 0


def _m3(text: str) -> str:
    """A bound as a person writes it: "350.000" -> "350", "350.500" -> "350.5"."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def _tier_line(n: int, tier: dict[str, Any], lower: str | None) -> str:
    cost = common.words(f"{tier['price']} 元/立方米", f"{tier['price']} yuan/m³")
    if "up_to_m3" in tier:
        span = f"{_m3(lower or '0')}–{_m3(tier['up_to_m3'])} m³"
    elif lower:
        span = common.words(f"{_m3(lower)} m³ 以上", f"above {_m3(lower)} m³")
    else:
        span = common.words("全部用量", "all use")
    return common.words(f"    第 {n} 档  {cost}  {span}", f"    tier {n}  {cost}  {span}")


def _schedule_lines(s: dict[str, Any]) -> list[str]:
    head = _named(s["customer_type"], s["effective_from"])
    if s["customer_type"] == "residential":
        head += common.words(f"  阶梯年度自 {s['year_start']} 起", f"  tariff year from {s['year_start']}")
    if "large_household" in s:
        large = s["large_household"]
        head += common.words(f"  {large['min_persons']} 人及以上家庭每档加 {_m3(large['extra_m3'])} m³",
                             f"  households of {large['min_persons']} or more: +{_m3(large['extra_m3'])} m³ a tier")
    if "late_fee" in s:
        late = s["late_fee"]
        head += common.words(f"  滞纳金每日 {late['daily_rate']}，宽限 {late['grace_days']} 天",
                             f"  late fee {late['daily_rate']} a day after {late['grace_days']} days' grace")
    lines, lower = [head], None
    for n, tier in enumerate(s["tiers"], start=1):
        lines.append(_tier_line(n, tier, lower))
        lower = tier.get("up_to_m3")
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    from gasdesk.services.billing import tariffs
    from gasdesk.services.core.runner import run

    with common.opened(args) as db:
        actor = common.login(db, args)
        shown = run(db, actor, lambda s: tariffs.show(s, actor), write=False)
    if args.json:
        common.dump_json({"schedule": shown})
        return 0
    for s in shown:
        for line in _schedule_lines(s):
            common.out(line)
    if not shown:
        common.out(common.words("还没有载入任何气价。", "No tariff has been loaded yet."))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    t = common.command(sub, "tariff", w("气价（价格表）：载入文件，查看已存的价格表",
                                        "tariffs (price schedules): load a file, show what is stored"))
    tsub = t.add_subparsers(dest="tariff_command", required=True)
    load = common.command(tsub, "load", w("载入气价文件：要么全部载入，要么一条也不载（管理员）",
                                          "load a tariff file, all of it or nothing (admin)"), common_options)
    load.add_argument("file", help=w("由 [[schedule]] 表组成的 TOML 文件，或同样结构的 JSON",
                                     "TOML of [[schedule]] tables, or the same in JSON")
                      + w("（见 resources/tariffs/sample.toml）", " (see resources/tariffs/sample.toml)"))
    common.json_flag(load, "以 JSON 输出载入了哪些、跳过了哪些", "what was stored and skipped, as JSON")
    load.set_defaults(func=cmd_load)
    show = common.command(tsub, "show", w("列出所有已存的价格表，格式与文件相同",
                                          "every stored schedule, in the file's shape"), common_options)
    common.json_flag(show, '{"schedule": [...]}：存成 .json 文件可以再载入',
                     '{"schedule": [...]}: loadable again as a .json file')
    show.set_defaults(func=cmd_show)
