"""Focus rules of every form (forms.FormDialog, counter.base.CounterDialog): the first field still
to fill gets the cursor; a refusal naming its field puts the cursor there, selected; fields with a
check that needs no database say what is wrong as they are left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gasdesk.services.core.errors import ValidationError
from gasdesk.ui.counter.opening_dialogs import ApplicationDialog
from gasdesk.ui.forms import FormDialog


def application(qtbot, page) -> ApplicationDialog:  # type: ignore[no-untyped-def]
    """F2 on the counter, as a clerk opens the application form."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ApplicationDialog) and page.dialog.isActiveWindow(),
                    timeout=10_000)
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.compound.count() > 1, timeout=5_000)
    return dialog


def leave(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    """Tab out of a field, as a clerk does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_a_form_opens_on_its_first_field_still_to_fill(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    class Form(FormDialog):
        def __init__(self) -> None:
            super().__init__(runner)
            from PySide6.QtWidgets import QComboBox, QLineEdit

            self.kind = self.add_row("Kind", QComboBox())
            self.kind.addItems(["a", "b"])
            self.login = self.add_row("Login", QLineEdit("clerk"))
            self.name = self.add_row("Name", QLineEdit())
            self.finish()

    form = Form()
    qtbot.addWidget(form)
    assert form.focusWidget() is form.kind  # a choice's default is a proposal to confirm
    form.kind.hide()
    form.show()
    qtbot.waitExposed(form)
    assert form.focusWidget() is form.name  # the filled login is skipped


def test_a_refused_id_number_gets_the_cursor_with_its_text_selected(  # type: ignore[no-untyped-def]
        qtbot, open_counter) -> None:
    page = open_counter()
    dialog = application(qtbot, page)
    dialog.name.setText("柳如烟")
    dialog.id_number.setText("110101199003070000")  # wrong check character
    dialog.phone.setText("13912345678")
    dialog.household.setFocus()
    dialog._failed(ValidationError("身份证号码校验位不对，请核对后重新输入。", "check", field="id_number"))
    assert dialog.error.text() == "身份证号码校验位不对，请核对后重新输入。"
    assert QApplication.focusWidget() is dialog.id_number
    assert dialog.id_number.selectedText() == "110101199003070000"


def test_the_services_name_the_phone_and_id_in_their_refusals() -> None:
    from gasdesk.services.accounts import identity

    for call, field in ((lambda: identity.validate_phone("12345"), "phone"),
                        (lambda: identity.validate_phone("12345", required=False, field="phone2"), "phone2"),
                        (lambda: identity.validate_id_number("1101011990"), "id_number")):
        try:
            call()
        except ValidationError as exc:
            assert exc.field == field
        else:
            raise AssertionError("not refused")


def test_fields_are_checked_as_they_are_left(qtbot, open_counter) -> None:  # type: ignore[no-untyped-def]
    page = open_counter()
    dialog = application(qtbot, page)
    dialog.phone.setText("12345")
    leave(qtbot, dialog.phone)
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("电话号码无效：12345。")
    dialog.phone.setText("13912345678")
    leave(qtbot, dialog.phone)
    assert dialog.error.isHidden()  # corrected: the words go
    dialog.id_number.setText("110101199003070000")
    leave(qtbot, dialog.id_number)
    assert dialog.error.text() == "身份证号码校验位不对，请核对后重新输入。"
    dialog.phone2.setText("")
    leave(qtbot, dialog.phone2)  # an empty optional field says nothing, and another field's words stay
    assert dialog.error.text() == "身份证号码校验位不对，请核对后重新输入。"


def test_an_amount_is_checked_as_it_is_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gasdesk.ui.counter import fmt
    from gasdesk.ui.forms import LeaveCheck

    field = fmt.money_field()  # every amount field of the counter (the contract's fees, a settlement)
    check = field.findChild(LeaveCheck)
    assert check is not None
    field.setText("12.5")
    assert check.problem() == ""
    field.setText(".")  # the validator lets it through while typing; the parser refuses it
    assert check.problem() == "金额“.”不是数字，请只输入数字和小数点（如 1500.00）。"
