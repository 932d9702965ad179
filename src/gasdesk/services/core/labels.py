"""The names of things, in both languages, in one place.

Services, the window, the command line and printouts all read their words for a status, a
kind, a method, a role or a permission from these tables (a widget never keeps a second copy
in its own language). ``text(TABLE, code)`` speaks the current language (errors.set_language);
an unknown code is shown as itself rather than failing.
"""

from __future__ import annotations

from gasdesk.services.core.audit_actions import AUDIT_ACTION
from gasdesk.services.core.label_table import Label, Table, joined, table, text

# the machinery and the audit actions, re-exported: labels.text(...), labels.AUDIT_ACTION
__all__ = ["AUDIT_ACTION", "Label", "Table", "joined", "table", "text"]


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
    reading.enter           | 录入和导入抄表读数     | Enter and import meter readings
    reading.confirm         | 确认待审读数           | Confirm held readings
    reading.correct         | 更正读数               | Correct readings
    route.manage            | 维护抄表册             | Maintain routes
    route.view              | 查看抄表册和读数       | View routes and readings
    tariff.manage           | 维护气价               | Maintain tariffs
    tariff.view             | 查看气价               | View tariffs
    billing.post            | 按读数出账             | Bill accepted readings
    notice.mark             | 登记调价通知送达       | Mark price-change notices handed out
    receipt.view            | 查看和打印收据         | View and print receipts
    receipt.void            | 申请作废收据           | Void a receipt (with approval)
    shift.close             | 日结（结班）           | Close a shift
    shift.confirm           | 确认日结               | Confirm a shift close
    remittance.record       | 登记解缴               | Record a remittance
    arrears.view            | 查看欠费               | View arrears
    dunning.mark            | 登记催缴结果           | Mark dunning visits
    depot.view              | 查看钢瓶与液化气用户   | View cylinders and LPG customers
    depot.customer          | 登记液化气用户         | Register LPG customers
    depot.register          | 登记钢瓶               | Register cylinders
    depot.move              | 钢瓶收发               | Move cylinders (plant, inspection, custody)
    depot.sell              | 换瓶收费               | Exchange and sell LPG
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
    settle         | 销户结算   | closing settlement
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
    meter_fee          | 燃气表费   | Meter fee
    service_fee        | 上门服务费 | Call-out service fee
    reconnection_fee   | 复通费     | Reconnection fee
    lpg_sale           | 液化气款   | LPG sold
    coupon_sale        | 液化气票款 | LPG coupons sold
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

RECEIPT_STATUS = table("""
    issued | 有效 | Issued
    void   | 作废 | Void
""")

RECEIPT_KIND = table("""
    payment | 收款收据 | Payment receipt
    refund  | 退款收据 | Refund receipt
""")

DUNNING_OUTCOME = table("""
    reached  | 已送达 | Reached
    not_home | 不在家 | Not at home
    refused  | 拒收   | Refused
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
    entries            | 账目       | entries
    business_date      | 记账日期   | business day
    posting_id         | 记账单号   | posting
    number             | 户号       | account number
    premises_id        | 房屋编号   | premises
    installed_on       | 装表日期   | fitted on
    removed_on         | 拆表日期   | removed on
    digits             | 位数       | digits
    kind               | 类别       | kind
    sha256             | 校验码     | checksum
    size               | 大小       | size
    event_id           | 通气日     | gas-on day
    entry              | 账目号     | entry
    amount             | 金额       | amount
    approved_by        | 批准人     | approved by
    login              | 登录名     | login
    role               | 角色       | role
    active             | 启用       | enabled
    failed_logins      | 连续输错   | wrong passwords in a row
    counter            | 柜台       | counter
    code               | 编号       | code
    name               | 名称       | name
    area               | 片区       | area
    street_address     | 街道地址   | street address
    compound_id        | 小区       | compound
    households         | 户数       | households
    added              | 新增户数   | households added
    accounts           | 户数       | accounts
    seed               | 随机种子   | seed
    file               | 文件       | file
    chain_head         | 校验链头   | chain head
    from               | 来源       | from
    kept               | 保留原文件 | replaced file kept as
    document           | 单据       | document
    value              | 值         | value
    note               | 备注       | note
    contract_id           | 合同       | contract
    opening_fee           | 开户费     | opening fee
    opening_fee_list      | 开户费标准 | opening fee (list)
    installation_fee      | 安装费     | installation fee
    installation_fee_list | 安装费标准 | installation fee (list)
    prepayment            | 预付款     | prepayment
    prepayment_list       | 预付款标准 | prepayment (list)
    deposit               | 押金       | deposit
    deposit_list          | 押金标准   | deposit (list)
    changed_from_list     | 改动收费项 | changed from the list
    route           | 抄表册         | route
    reader          | 抄表员         | reader
    cycle           | 抄表周期       | cycle
    days            | 抄表日         | reading days
    odd_months      | 单月抄表       | odd months
    moved           | 从其他册移入   | moved from other routes
    on_other_routes | 已在其他抄表册 | already on other routes
    removed         | 移出户数       | taken off
    repositioned    | 调整位置户数   | moved in the order
    schedules       | 载入的气价     | schedules loaded
    skipped         | 已有未重复载入 | already stored, skipped
    already_notified | 此前已登记送达 | marked before
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

# How the old holder's prepayment and deposits were handled at a transfer (accounts.changes.FUNDS).
TRANSFER_FUNDS = table("""
    refund     | 退还原户主 | refunded to the old holder
    carry_over | 转给新户主 | carried over to the new holder
""")

# Why a sign-in was refused, as the audit log records it.
LOGIN_FAILURE = table("""
    unknown login        | 用户名不存在 | unknown login
    wrong password       | 密码错误     | wrong password
    disabled             | 用户已停用   | user disabled
    locked               | 用户已锁定   | user locked
    unregistered counter | 柜台未登记   | counter not registered
""")

# What an audit row is about (its entity).
AUDIT_ENTITY = table("""
    account      | 用户     | account
    party        | 客户     | customer
    user         | 操作员   | user
    counter      | 柜台     | counter
    area         | 片区     | area
    compound     | 小区     | compound
    gas_on_event | 通气日   | gas-on day
    route        | 抄表册   | route
    reading      | 读数     | reading
    tariff       | 气价     | tariff
    bill         | 账单     | bill
    shift        | 班次     | shift
    setting      | 设置     | setting
    database     | 数据库   | database
    action       | 操作     | action
    lpg_customer | 液化气用户 | LPG customer
    depot_transaction | 调瓶点业务 | depot transaction
    coupon_book  | 气票本   | coupon book
    deposit_slip | 押金条   | deposit slip
""")

# The documents a print job or a reprint names.
DOCUMENT_KIND = table("""
    gas_on_sheet | 通气签收单 | gas-on sign-off sheet
    route_sheet  | 抄表单     | route sheet
    price_notice | 调价通知   | price-change notice
    deposit_slip | 押金条     | deposit slip
    custody_slip | 代存单     | custody slip
""")

YES_NO = table("""
    True  | 是 | yes
    False | 否 | no
""")

# Office settings (services.core.settings), as the admin page and its refusals name them.
SETTING = table("""
    idle_lock_minutes            | 无操作自动锁屏分钟数 | Idle minutes before the lock
    max_failed_logins            | 密码错误锁定次数     | Wrong passwords before a lock
    lockout_minutes              | 锁定等待分钟数       | Minutes a locked user waits
    office_name                  | 营业厅名称           | Office name
    print_font                   | 打印字体             | Print font
    fee_opening                  | 开户费               | Opening fee
    fee_installation_residential | 居民安装费           | Installation fee, residential
    fee_installation_commercial  | 商业安装费           | Installation fee, commercial
    fee_installation_industrial  | 工业安装费           | Installation fee, industrial
    fee_installation_public      | 公共机构安装费       | Installation fee, public
    fee_meter                    | 燃气表费             | Meter fee
    fee_prepayment               | 默认预付款           | Default prepayment
    fee_service_call             | 上门服务费           | Call-out service fee
    fee_reconnection             | 复通费               | Reconnection fee
    reading_spike_factor         | 用量突增倍数         | Spike: times the usual use
    reading_spike_floor_m3       | 用量突增下限（立方米） | Spike: least use (m³)
    reading_average_cycles       | 平均用量取近几期     | Usual use: last cycles
    reading_zero_cycles          | 连续零用量期数       | Zero use: cycles in a row
    bill_due_days                | 账单缴费期限（天）   | Days until a bill is due
    depot_due_soon_days          | 满瓶发出须距到检日（天） | Days a full cylinder must stay in date
""")

READING_KIND = table("""
    actual    | 实抄   | actual
    estimated | 估抄   | estimated
    no_access | 未入户 | no access
    initial   | 初始   | initial
    final     | 末次   | final
    transfer  | 过户   | transfer
""")

READING_STATUS = table("""
    accepted   | 已接受 | accepted
    held       | 待审   | held
    superseded | 已更正 | superseded
    billed     | 已计费 | billed
""")

READING_EVENT = table("""
    confirm   | 确认   | confirm
    release   | 放行   | release
    supersede | 更正   | correct
    bill      | 计费   | bill
    reverse   | 冲销   | reverse the bill
""")

# The three checks' reasons (services.readings.checks): refused ones, then held ones.
READING_REASON = table("""
    bad_value            | 读数无效       | not a number
    too_many_digits      | 超出表的位数   | too many digits
    negative             | 读数为负       | negative
    bad_date             | 日期无效       | bad date
    future_date          | 日期晚于今天   | date in the future
    before_previous      | 早于上次读数   | before the previous reading
    unknown_account      | 户号不存在     | unknown account
    check_digit          | 户号校验位不对 | wrong check digit
    unknown_meter        | 表号不存在     | unknown meter
    meter_not_on_account | 表不属于该户   | meter not on the account
    meter_replaced       | 表已拆换       | meter replaced
    not_in_service       | 该户不在用     | account not in service
    duplicate            | 同日已有读数   | duplicate
    lower                | 读数变小       | lower than before
    rollover             | 表走满一圈     | rollover
    spike                | 用量突增       | spike
    zero_use             | 连续零用量     | zero use
    previous_held        | 上次读数待审   | previous reading held
""")

# A bill's status (billing.bills): a posted bill is corrected only by reversal and re-billing.
BILL_STATUS = table("""
    posted   | 已出账 | posted
    reversed | 已冲销 | reversed
""")

ROUTE_CYCLE = table("""
    monthly   | 每月   | monthly
    bimonthly | 每两月 | every two months
""")
