"""Run Python's cyclic garbage collector on the GUI thread only.

Automatic collection starts on whichever thread happens to allocate; when it
runs on a runner worker and finalises a Qt object there, PySide crashes (seen
in our test runs as a segfault inside QThreadPool). Anki solves it the same
way: automatic collection off, and a timer on the GUI thread collects by the
same thresholds Python would have used.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 > self.threshold[0]:
            generation = 0
            if count1 > self.threshold[1]:
                generation = 1
                if count2 > self.threshold[2]:
                    generation = 2
            gc.collect(generation)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
