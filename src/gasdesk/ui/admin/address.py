"""Administration: the address tree of areas (片区) and their compounds (小区)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gasdesk.services.core.changes import Change
from gasdesk.services.office import address
from gasdesk.services.office.address import AreaInfo, CompoundInfo
from gasdesk.ui.buttons import shortcut_button
from gasdesk.ui.context import AppContext
from gasdesk.ui.forms import FormDialog
from gasdesk.ui.messages import ask, show_info

_INFO = Qt.ItemDataRole.UserRole


class AreaDialog(FormDialog):
    """Add an area (code and name) or rename one (name only)."""

    def __init__(self, ctx: AppContext, area: AreaInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.ctx, self.area = ctx, area
        self.setObjectName("areaDialog")
        self.setWindowTitle(self.tr("Add area") if area is None else self.tr("Rename area"))
        self.code = QLineEdit(area.code if area else "")
        self.code.setMaxLength(2)
        self.code.setToolTip(self.tr("Two digits: the start of the area's account numbers."))
        if area is None:
            self.add_row(self.tr("Area code:"), self.code)
        self.name = self.add_row(self.tr("Area name:"), QLineEdit(area.name if area else ""))
        self.finish("" if area is None else self.tr("Area %1").replace("%1", area.code))

    def save(self):  # type: ignore[no-untyped-def]
        actor, name = self.ctx.actor, self.name.text()
        if self.area is None:
            code = self.code.text()
            return (lambda s: address.add_area(s, actor, code, name))
        area_id = self.area.id
        return (lambda s: address.rename_area(s, actor, area_id, name))


class CompoundDialog(FormDialog):
    def __init__(self, ctx: AppContext, area: AreaInfo, parent: QWidget | None = None) -> None:
        super().__init__(ctx.runner, parent)
        self.ctx, self.area = ctx, area
        self.setObjectName("compoundDialog")
        self.setWindowTitle(self.tr("Add compound"))
        self.name = self.add_row(self.tr("Compound name:"), QLineEdit())
        self.street = self.add_row(self.tr("Street address:"), QLineEdit())
        self.finish(self.tr("New compound in area %1 %2").replace("%1", area.code).replace("%2", area.name))

    def save(self):  # type: ignore[no-untyped-def]
        actor, area_id, name, street = self.ctx.actor, self.area.id, self.name.text(), self.street.text()
        return (lambda s: address.add_compound(s, actor, area_id, name, street))


class AddressPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget()
        self.tree.setObjectName("addressTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Area / compound"), self.tr("Code / street address"), self.tr("Status")])
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemDoubleClicked.connect(lambda *_: self.rename_area())
        self.areas: list[AreaInfo] = []
        self._want: tuple[str, int] | None = None  # what to select after the next refresh
        bar = QHBoxLayout()
        for text, shortcut, slot in (
            (self.tr("Add area"), "Ctrl+N", self.add_area),
            (self.tr("Rename area"), "F2", self.rename_area),
            (self.tr("Add compound"), "Ctrl+Shift+N", self.add_compound),
            (self.tr("Disable / enable compound"), "Ctrl+D", self.toggle_compound),
            (self.tr("Refresh"), "F5", self.refresh),
        ):
            bar.addWidget(self._button(text, shortcut, slot))
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.dialog: FormDialog | None = None
        ctx.runner.changed.connect(self._on_changed)
        self.refresh()

    def _button(self, text: str, shortcut: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        return shortcut_button(self, text, shortcut, slot)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.tree.setFocus()  # so the page's shortcuts (Ctrl+N, F5...) work at once

    def refresh(self) -> None:
        actor = self.ctx.actor
        self.ctx.runner.submit(lambda s: address.tree(s, actor), self._show, write=False, owner=self)

    def _on_changed(self, changes: frozenset[str]) -> None:
        if Change.ADDRESS in changes:
            self.refresh()

    def _show(self, areas: list[AreaInfo]) -> None:
        selected, self._want = self._want or self._selected_key(), None
        self.areas = areas
        self.tree.clear()
        for area in areas:
            area_item = QTreeWidgetItem([area.name, area.code, self._status(area.active)])
            area_item.setData(0, _INFO, area)
            for compound in area.compounds:
                item = QTreeWidgetItem([compound.name, compound.street_address, self._status(compound.active)])
                item.setData(0, _INFO, compound)
                if not compound.active:
                    for col in range(3):
                        item.setForeground(col, Qt.GlobalColor.gray)
                area_item.addChild(item)
            self.tree.addTopLevelItem(area_item)
            area_item.setExpanded(True)
        if selected:
            self.select(*selected)

    def _status(self, active: bool) -> str:
        return self.tr("In use") if active else self.tr("Disabled")

    def _selected_key(self) -> tuple[str, int] | None:
        info = self.selected_info()
        if info is None:
            return None
        return ("area" if isinstance(info, AreaInfo) else "compound", info.id)

    def select(self, kind: str, ident: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            area_item = self.tree.topLevelItem(i)
            items = [area_item] + [area_item.child(j) for j in range(area_item.childCount())]
            for item in items:
                info = item.data(0, _INFO)
                if (kind == "area") == isinstance(info, AreaInfo) and info.id == ident:
                    self.tree.setCurrentItem(item)
                    return

    def selected_info(self) -> AreaInfo | CompoundInfo | None:
        item = self.tree.currentItem()
        return item.data(0, _INFO) if item is not None else None

    def selected_area(self) -> AreaInfo | None:
        info = self.selected_info()
        if isinstance(info, CompoundInfo):
            return next((a for a in self.areas if a.id == info.area_id), None)
        return info

    def _open(self, dialog: FormDialog, kind: str) -> None:
        dialog.saved.connect(lambda info: setattr(self, "_want", (kind, info.id)))
        self.dialog = dialog
        dialog.open()

    def add_area(self) -> None:
        self._open(AreaDialog(self.ctx, parent=self), "area")

    def rename_area(self) -> None:
        area = self.selected_info()
        if not isinstance(area, AreaInfo):
            show_info(self, self.tr("Please select an area first."))
            return
        self._open(AreaDialog(self.ctx, area, self), "area")

    def add_compound(self) -> None:
        area = self.selected_area()
        if area is None:
            show_info(self, self.tr("Please select the area the compound belongs to."))
            return
        self._open(CompoundDialog(self.ctx, area, self), "compound")

    def toggle_compound(self) -> None:
        compound = self.selected_info()
        if not isinstance(compound, CompoundInfo):
            show_info(self, self.tr("Please select a compound first."))
            return
        actor, compound_id, active = self.ctx.actor, compound.id, not compound.active
        question = (self.tr("Enable the compound %1 again?") if active else
                    self.tr("Disable the compound %1? It stays in the tree, marked as disabled."))
        ask(self, question.replace("%1", compound.name),
            lambda: self.ctx.runner.submit(lambda s: address.set_compound_active(s, actor, compound_id, active),
                                           owner=self))
