"""Where in a tariff file a problem is, and the one refusal that lists them all.

Shared by the file's checks (``tariff_file``) and loading (``tariffs``): both collect every problem
and refuse the whole file in one ValidationError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gasdesk.services.core import labels
from gasdesk.services.core.errors import ValidationError

MAX_PROBLEMS = 30  # listed in a refusal; the rest are counted


@dataclass(frozen=True)
class At:
    """Where in the file: the schedule (from 1), the tier (from 1) and the key."""

    schedule: int | None = None
    tier: int | None = None
    key: str = ""
    named: tuple[str, dt.date] | None = None  # the schedule's type and day, once they are known

    def of(self, key: str) -> At:
        return At(self.schedule, self.tier, f"{self.key}.{key}" if self.key else key, self.named)

    def words(self, zh: str, en: str) -> tuple[str, str]:
        where_zh = "" if self.schedule is None else f"第 {self.schedule} 个 schedule"
        where_en = "" if self.schedule is None else f"schedule {self.schedule}"
        if self.named is not None:
            where_zh += f"（{self.named[0]}，{self.named[1]}）"
            where_en += f" ({self.named[0]}, {self.named[1]})"
        if self.tier is not None:
            where_zh += f" 第 {self.tier} 档"
            where_en += f", tier {self.tier}"
        if self.key:
            where_zh += (f"的 {self.key}" if self.tier is not None else f" 的 {self.key}") if where_zh else self.key
            where_en += f", {self.key}" if where_en else self.key
        return (f"{where_zh}：{zh}" if where_zh else zh), (f"{where_en}: {en}" if where_en else en)


class Problems:
    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, at: At, zh: str, en: str) -> None:
        self.found.append(at.words(zh, en))

    def refusal(self, name: str | None) -> ValidationError:
        n = len(self.found)
        shown_rows = self.found[:MAX_PROBLEMS]
        more = n - len(shown_rows)
        what_zh = f"气价文件 {name} " if name else "这些气价"
        what_en = f"The tariff file {name}" if name else "These tariffs"
        zh = "\n".join([f"{what_zh}有 {n} 处问题，整个文件没有载入（什么也没有保存）：",
                        *(f"  {z}" for z, _ in shown_rows), *([f"  ……还有 {more} 处"] if more else [])])
        en = "\n".join([f"{what_en} {'has 1 problem' if n == 1 else f'has {n} problems'}; nothing in it was "
                        "loaded (nothing was stored):",
                        *(f"  {e}" for _, e in shown_rows), *([f"  … and {more} more"] if more else [])])
        return ValidationError(zh, en, field="file")


def type_name(code: str, lang: str) -> str:
    return labels.text(labels.ACCOUNT_TYPE, code, lang)
