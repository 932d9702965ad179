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


def table(rows: str) -> Table:
    """A table written one code a line, ``code | 中文 | English`` (blank lines skipped)."""
    parsed: dict[str, Label] = {}
    for line in rows.strip().splitlines():
        code, zh, en = (part.strip() for part in line.split("|"))
        parsed[code] = Label(zh, en)
    return parsed


ROLE = table("""
    clerk      | 业务员       | Counter clerk
    reader     | 抄表员       | Meter reader
    depot      | 调瓶点营业员 | Depot keeper
    supervisor | 主管         | Supervisor
    admin      | 管理员       | Administrator
""")

# Every action in permissions.PERMISSIONS has its name here (a test holds them equal).
PERMISSION = table("""
    workplace.counter       | 进入营业柜台           | Open the counter
    workplace.readings      | 进入抄表               | Open meter reading
    workplace.depot         | 进入调瓶点             | Open the LPG depot
    workplace.reports       | 进入报表               | Open reports
    workplace.admin         | 进入系统管理           | Open administration
    user.manage             | 用户管理               | Manage users
    user.list               | 查看用户               | List users
    address.manage          | 维护地址               | Maintain addresses
    address.view            | 查看地址               | View addresses
    settings.manage         | 修改设置               | Change settings
    db.backup               | 备份数据库             | Back up the database
    db.restore              | 恢复数据库             | Restore the database
    audit.view              | 查看审计日志           | Read the audit log
    account.view            | 查看用户档案           | View accounts
    account.open            | 办理开户               | Open accounts
    account.change          | 办理用户变更           | Change accounts
    account.open_additional | 同一证件再开户         | Open a second account for one ID
    pii.view                | 查看完整证件号码和电话 | See full ID numbers and phones
    ledger.post             | 收费记账               | Post charges and payments
    ledger.refund           | 退款                   | Refund
    ledger.reverse          | 冲正账目               | Reverse ledger entries
    gas_on.manage           | 安排点火通气           | Manage gas-on days
    report.registers        | 打印和导出用户登记册   | Print and export registers
    counter.manage          | 登记柜台               | Register counters
    ledger.void             | 申请作废整笔记账       | Void a whole posting
    ledger.approve          | 批准作废和退款         | Approve voids and refunds
""")

ACCOUNT_STATUS = table("""
    application     | 申请       | Application
    contract_signed | 已签约     | Contract signed
    numbered        | 已编号     | Numbered
    install_planned | 已安排安装 | Installation planned
    installed       | 已安装     | Installed
    gas_on          | 已通气     | Gas on
    in_service      | 在用       | In service
    suspended       | 停气       | Suspended
    closed          | 已销户     | Closed
""")

ACCOUNT_EVENT = table("""
    sign          | 签约     | sign the contract
    number        | 编号     | assign the number
    plan_install  | 安排安装 | plan the installation
    install       | 安装完成 | mark installed
    gas_on        | 点火通气 | gas on
    start_service | 转为在用 | put in service
    suspend       | 停气     | suspend
    resume        | 恢复供气 | resume supply
    close         | 销户     | close
""")

# Changes that keep the account's status (the state machine's actions).
ACCOUNT_CHANGE = table("""
    rename         | 更名       | rename
    update_phones  | 修改电话   | change phones
    transfer       | 过户       | transfer
    register_meter | 登记燃气表 | register a meter
    replace_meter  | 换表       | replace the meter
    settle         | 结算       | settle
    attach         | 添加附件   | attach a file
""")

ACCOUNT_TYPE = table("""
    residential | 居民     | Residential
    commercial  | 商业     | Commercial
    industrial  | 工业     | Industrial
    public      | 公共机构 | Public institution
""")

CONTRACT_KIND = table("""
    opening  | 开户 | Opening
    transfer | 过户 | Transfer
""")

LEDGER_KIND = table("""
    opening_fee        | 开户费     | Opening fee
    installation_fee   | 安装费     | Installation fee
    gas_charge         | 气费       | Gas charge
    settlement         | 结算款     | Settlement
    penalty            | 滞纳金     | Late fee
    adjustment         | 调整       | Adjustment
    prepayment         | 预付款     | Prepayment
    prepayment_applied | 预付款抵扣 | Prepayment applied
    prepayment_refund  | 预付款退还 | Prepayment refunded
    deposit            | 押金       | Deposit
    deposit_refund     | 押金退还   | Deposit refunded
    payment            | 收款       | Payment
    refund             | 退款       | Refund
    reversal           | 冲正       | Reversal
""")

PAYMENT_METHOD = table("""
    cash     | 现金   | Cash
    card     | 银行卡 | Bank card
    wechat   | 微信   | WeChat Pay
    alipay   | 支付宝 | Alipay
    transfer | 转账   | Bank transfer
    cheque   | 支票   | Cheque
""")

ATTACHMENT_KIND = table("""
    contract | 合同扫描件 | Contract scan
    id_photo | 身份证照片 | ID card photo
    other    | 其他       | Other
""")

GAS_ON_STATUS = table("""
    planned   | 计划中 | Planned
    done      | 已完成 | Done
    cancelled | 已取消 | Cancelled
""")

GAS_ON_OUTCOME = table("""
    pending | 待通气 | Waiting
    done    | 已通气 | Gas on
    absent  | 不在家 | Nobody at home
    refused | 拒绝   | Refused
""")

# The audit actions a person reads in an account's history and in the audit log.
AUDIT_ACTION = table("""
    account.apply           | 申请         | Application
    account.sign            | 签约         | Contract signed
    account.sign_contract   | 开户收费入账 | Opening fees posted
    account.number          | 编号         | Number assigned
    account.plan_install    | 安排安装     | Installation planned
    account.install         | 安装完成     | Installed
    account.gas_on          | 点火通气     | Gas on
    account.start_service   | 转为在用     | In service
    account.suspend         | 停气         | Suspended
    account.resume          | 恢复供气     | Resumed
    account.close           | 销户         | Closed
    account.rename          | 更名         | Renamed
    account.transfer        | 过户         | Transferred
    account.transfer_refund | 退还原户主   | Refund to old holder
    account.update_phones   | 修改电话     | Phones changed
    account.register_meter  | 登记燃气表   | Meter registered
    account.replace_meter   | 换表         | Meter replaced
    account.settle          | 结算         | Settlement
    account.attach          | 添加附件     | File attached
    ledger.post             | 记账         | Posting
    ledger.reverse          | 冲正         | Reversal
    gas_on.mark             | 通气日结果   | Gas-on day outcome
""")

# The fields of an audit row's before/after values, as a person reads them.
HISTORY_FIELD = table("""
    status             | 状态       | status
    reason             | 原因       | reason
    on                 | 日期       | date
    planned_on         | 计划日期   | planned for
    installer_team     | 安装班组   | team
    holder_name        | 户主       | holder
    id_number          | 证件       | ID
    phone              | 电话       | phone
    phone2             | 备用电话   | second phone
    funds              | 款项处理   | funds
    consent            | 同意记录   | consent
    carried_prepayment | 转入预付款 | prepayment carried over
    carried_deposits   | 转入押金   | deposits carried over
    refunded           | 已退还     | refunded
    serial             | 表号       | meter
    initial_reading    | 初始读数   | initial reading
    final_reading      | 最终读数   | final reading
    balance            | 余额       | balance
    household_size     | 家庭人口   | household
    type               | 类型       | type
    filename           | 文件       | file
    outcome            | 结果       | outcome
    note               | 备注       | note
""")

COUNTER_KIND = table("""
    counter | 营业柜台 | Office counter
    depot   | 调瓶点   | LPG depot
""")

# The date a register or new-account list is taken by.
REGISTER_BASIS = table("""
    opened  | 通气开户日期 | Gas-on date
    signed  | 签约日期     | Signing date
    applied | 申请日期     | Application date
""")

GAS_ON_DAY_EVENT = table("""
    finish | 完成 | finish
    cancel | 取消 | cancel
""")

GAS_ON_DAY_ACTION = table("""
    add_households | 补充名单 | add households
    mark           | 登记结果 | mark a household
""")
