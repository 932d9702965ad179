"""`gasdesk demo --db FILE [--size N]`: the demo office without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from gasdesk.cli import common
from gasdesk.services.core.errors import ValidationError


def cmd_demo(args: argparse.Namespace) -> int:
    from gasdesk.services import demo

    if not args.db:  # never the default database: the demo goes to a file of its own
        common.err("gasdesk demo 需要 --db 文件：演示营业厅只写进它自己的文件。" if args.lang == "zh"
                   else "gasdesk demo needs --db FILE: the demo office goes to a file of its own.")
        return 1  # refused (2 would say the database is unusable)
    target = Path(args.db)
    if target.exists() and target.stat().st_size > 0:
        raise ValidationError(
            f"文件已存在，不会覆盖：{target}", f"The file exists and will not be overwritten: {target}"
        )
    with common.opened(args, create=True) as db, db.write() as s:
        demo.build(s, size=args.size)
    common.out(common.words(f"演示营业厅已写入 {target}", f"demo office written to {target}"))
    return 0


def register(sub: argparse._SubParsersAction, common_options: argparse.ArgumentParser) -> None:
    w = common.words
    d = common.command(sub, "demo", w("不开窗口，把演示营业厅写进 --db 文件",
                                      "build the demo office database in the --db file, without the GUI"),
                       common_options)
    d.add_argument("--size", type=common.integer("--size", 0, 5_000_000), default=0,
                   help=w("另外生成的户数（供性能测试）", "extra generated accounts (for benchmarks)"))
    d.set_defaults(func=cmd_demo)
