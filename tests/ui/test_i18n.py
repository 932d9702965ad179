"""The Chinese translation is complete and keeps every placeholder; the compiled .qm is current."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator

from gasdesk.paths import shipped

I18N = shipped("resources") / "i18n"
TS = I18N / "gasdesk_zh_CN.ts"
PLACEHOLDER = re.compile(r"%\d+|\{\w*\}")


def _messages() -> list[tuple[str, str, str, str | None]]:
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source") or "", translation.text or "", translation.get("type")))
    return out


def test_every_message_is_translated() -> None:
    messages = _messages()
    assert len(messages) > 100
    unfinished = [(c, s) for c, s, t, kind in messages if kind in {"unfinished", "vanished", "obsolete"} or not t]
    assert unfinished == []


def test_placeholders_match_between_source_and_translation() -> None:
    mismatched = [
        (c, s, t) for c, s, t, _ in _messages()
        if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(t))
    ]
    assert mismatched == []


def test_the_compiled_qm_carries_the_translation(qapp) -> None:  # type: ignore[no-untyped-def]
    translator = QTranslator()
    assert translator.load("gasdesk_zh_CN", str(I18N))
    for context, source, translation, _ in _messages():
        assert translator.translate(context, source) == translation, (context, source)
    assert QCoreApplication.translate("Workplaces", "Administration") == "系统管理"
