"""The names of things, in both languages, in one place.

Services, the window, the command line and printouts all read their words for a status, a
kind, a method, a role or a permission from these tables (a widget never keeps a second copy
in its own language). ``text(TABLE, code)`` speaks the current language (errors.set_language);
an unknown code is shown as itself rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from gasdesk.services.core.errors import current_language


class Label(NamedTuple):
    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or current_language()) == "en" else self.zh


Table = Mapping[str, Label]


def text(table: Table, code: object, lang: str | None = None) -> str:
    """The name of ``code`` (a str enum or its value) in ``lang``; the code itself when unknown."""
    key = "" if code is None else str(code)
    found = table.get(key)
    return found.text(lang) if found is not None else key


def joined(table: Table, codes: object, lang: str | None = None) -> str:
    """Several names in a list, the way each language writes one (、 or , )."""
    sep = ", " if (lang or current_language()) == "en" else "、"
    return sep.join(text(table, c, lang) for c in codes)  # type: ignore[attr-defined]


L = Label

ROLE: Table = {
    "clerk": L("业务员", "Counter clerk"),
    "reader": L("抄表员", "Meter reader"),
    "depot": L("调瓶点营业员", "Depot keeper"),
    "supervisor": L("主管", "Supervisor"),
    "admin": L("管理员", "Administrator"),
}

# Every action in permissions.PERMISSIONS has its name here (a test holds them equal).
PERMISSION: Table = {
    "workplace.counter": L("进入营业柜台", "Open the counter"),
    "workplace.readings": L("进入抄表", "Open meter reading"),
    "workplace.depot": L("进入调瓶点", "Open the LPG depot"),
    "workplace.reports": L("进入报表", "Open reports"),
    "workplace.admin": L("进入系统管理", "Open administration"),
    "user.manage": L("用户管理", "Manage users"),
    "user.list": L("查看用户", "List users"),
    "address.manage": L("维护地址", "Maintain addresses"),
    "address.view": L("查看地址", "View addresses"),
    "settings.manage": L("修改设置", "Change settings"),
    "db.backup": L("备份数据库", "Back up the database"),
    "db.restore": L("恢复数据库", "Restore the database"),
    "audit.view": L("查看审计日志", "Read the audit log"),
    "account.view": L("查看用户档案", "View accounts"),
    "account.open": L("办理开户", "Open accounts"),
    "account.change": L("办理用户变更", "Change accounts"),
    "account.open_additional": L("同一证件再开户", "Open a second account for one ID"),
    "pii.view": L("查看完整证件号码和电话", "See full ID numbers and phones"),
    "ledger.post": L("收费记账", "Post charges and payments"),
    "ledger.refund": L("退款", "Refund"),
    "ledger.reverse": L("冲正账目", "Reverse ledger entries"),
    "gas_on.manage": L("安排点火通气", "Manage gas-on days"),
    "report.registers": L("打印和导出用户登记册", "Print and export registers"),
}

ACCOUNT_STATUS: Table = {
    "application": L("申请", "Application"),
    "contract_signed": L("已签约", "Contract signed"),
    "numbered": L("已编号", "Numbered"),
    "install_planned": L("已安排安装", "Installation planned"),
    "installed": L("已安装", "Installed"),
    "gas_on": L("已通气", "Gas on"),
    "in_service": L("在用", "In service"),
    "suspended": L("停气", "Suspended"),
    "closed": L("已销户", "Closed"),
}

ACCOUNT_EVENT: Table = {
    "sign": L("签约", "sign the contract"),
    "number": L("编号", "assign the number"),
    "plan_install": L("安排安装", "plan the installation"),
    "install": L("安装完成", "mark installed"),
    "gas_on": L("点火通气", "gas on"),
    "start_service": L("转为在用", "put in service"),
    "suspend": L("停气", "suspend"),
    "resume": L("恢复供气", "resume supply"),
    "close": L("销户", "close"),
}

# Changes that keep the account's status (the state machine's actions).
ACCOUNT_CHANGE: Table = {
    "rename": L("更名", "rename"),
    "update_phones": L("修改电话", "change phones"),
    "transfer": L("过户", "transfer"),
    "register_meter": L("登记燃气表", "register a meter"),
    "replace_meter": L("换表", "replace the meter"),
    "settle": L("结算", "settle"),
    "attach": L("添加附件", "attach a file"),
}

ACCOUNT_TYPE: Table = {
    "residential": L("居民", "Residential"),
    "commercial": L("商业", "Commercial"),
    "industrial": L("工业", "Industrial"),
    "public": L("公共机构", "Public institution"),
}

CONTRACT_KIND: Table = {
    "opening": L("开户", "Opening"),
    "transfer": L("过户", "Transfer"),
}

LEDGER_KIND: Table = {
    "opening_fee": L("开户费", "Opening fee"),
    "installation_fee": L("安装费", "Installation fee"),
    "gas_charge": L("气费", "Gas charge"),
    "settlement": L("结算款", "Settlement"),
    "penalty": L("滞纳金", "Late fee"),
    "adjustment": L("调整", "Adjustment"),
    "prepayment": L("预付款", "Prepayment"),
    "prepayment_applied": L("预付款抵扣", "Prepayment applied"),
    "prepayment_refund": L("预付款退还", "Prepayment refunded"),
    "deposit": L("押金", "Deposit"),
    "deposit_refund": L("押金退还", "Deposit refunded"),
    "payment": L("收款", "Payment"),
    "refund": L("退款", "Refund"),
    "reversal": L("冲正", "Reversal"),
}

PAYMENT_METHOD: Table = {
    "cash": L("现金", "Cash"),
    "card": L("银行卡", "Bank card"),
    "wechat": L("微信", "WeChat Pay"),
    "alipay": L("支付宝", "Alipay"),
    "transfer": L("转账", "Bank transfer"),
    "cheque": L("支票", "Cheque"),
}

ATTACHMENT_KIND: Table = {
    "contract": L("合同扫描件", "Contract scan"),
    "id_photo": L("身份证照片", "ID card photo"),
    "other": L("其他", "Other"),
}

GAS_ON_STATUS: Table = {
    "planned": L("计划中", "Planned"),
    "done": L("已完成", "Done"),
    "cancelled": L("已取消", "Cancelled"),
}

GAS_ON_OUTCOME: Table = {
    "pending": L("待通气", "Waiting"),
    "done": L("已通气", "Gas on"),
    "absent": L("不在家", "Nobody at home"),
    "refused": L("拒绝", "Refused"),
}

# The audit actions a person reads in an account's history and in the audit log.
AUDIT_ACTION: Table = {
    "account.apply": L("申请", "Application"),
    "account.sign": L("签约", "Contract signed"),
    "account.sign_contract": L("开户收费入账", "Opening fees posted"),
    "account.number": L("编号", "Number assigned"),
    "account.plan_install": L("安排安装", "Installation planned"),
    "account.install": L("安装完成", "Installed"),
    "account.gas_on": L("点火通气", "Gas on"),
    "account.start_service": L("转为在用", "In service"),
    "account.suspend": L("停气", "Suspended"),
    "account.resume": L("恢复供气", "Resumed"),
    "account.close": L("销户", "Closed"),
    "account.rename": L("更名", "Renamed"),
    "account.transfer": L("过户", "Transferred"),
    "account.transfer_refund": L("退还原户主", "Refund to old holder"),
    "account.update_phones": L("修改电话", "Phones changed"),
    "account.register_meter": L("登记燃气表", "Meter registered"),
    "account.replace_meter": L("换表", "Meter replaced"),
    "account.settle": L("结算", "Settlement"),
    "account.attach": L("添加附件", "File attached"),
    "ledger.post": L("记账", "Posting"),
    "ledger.reverse": L("冲正", "Reversal"),
    "gas_on.mark": L("通气日结果", "Gas-on day outcome"),
}

# The fields of an audit row's before/after values, as a person reads them.
HISTORY_FIELD: Table = {
    "status": L("状态", "status"),
    "reason": L("原因", "reason"),
    "on": L("日期", "date"),
    "planned_on": L("计划日期", "planned for"),
    "installer_team": L("安装班组", "team"),
    "holder_name": L("户主", "holder"),
    "id_number": L("证件", "ID"),
    "phone": L("电话", "phone"),
    "phone2": L("备用电话", "second phone"),
    "funds": L("款项处理", "funds"),
    "consent": L("同意记录", "consent"),
    "carried_prepayment": L("转入预付款", "prepayment carried over"),
    "carried_deposits": L("转入押金", "deposits carried over"),
    "refunded": L("已退还", "refunded"),
    "serial": L("表号", "meter"),
    "initial_reading": L("初始读数", "initial reading"),
    "final_reading": L("最终读数", "final reading"),
    "balance": L("余额", "balance"),
    "household_size": L("家庭人口", "household"),
    "type": L("类型", "type"),
    "filename": L("文件", "file"),
    "outcome": L("结果", "outcome"),
    "note": L("备注", "note"),
}

# The date a register or new-account list is taken by.
REGISTER_BASIS: Table = {
    "opened": L("通气开户日期", "Gas-on date"),
    "signed": L("签约日期", "Signing date"),
    "applied": L("申请日期", "Application date"),
}

GAS_ON_DAY_EVENT: Table = {
    "finish": L("完成", "finish"),
    "cancel": L("取消", "cancel"),
}

GAS_ON_DAY_ACTION: Table = {
    "add_households": L("补充名单", "add households"),
    "mark": L("登记结果", "mark a household"),
}
