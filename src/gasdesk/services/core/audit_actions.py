"""The audit actions a person reads in an account's history and in the audit log (every action a
service records has its name here; a test holds them equal)."""

from __future__ import annotations

from gasdesk.services.core.label_table import table

AUDIT_ACTION = table("""
    account.apply           | 申请         | Application
    account.sign            | 签约         | Contract signed
    account.sign_contract   | 开户收费入账 | Opening fees posted
    account.contract        | 开户合同收费 | Contract fees
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
    account.settle          | 销户结算     | Closing settlement
    account.attach          | 添加附件     | File attached
    account.reveal_id_number | 查看完整证件号码 | Full ID number shown
    account.reveal_phone     | 查看完整电话     | Full phone shown
    account.reveal_phone2    | 查看完整备用电话 | Full second phone shown
    ledger.post             | 记账         | Posting
    ledger.reverse          | 冲正         | Reversal
    gas_on.mark             | 通气日结果   | Gas-on day outcome
    ledger.void             | 整笔作废     | Posting voided
    gas_on.plan             | 安排通气日   | Gas-on day planned
    gas_on.add_households   | 补充通气名单 | Households added to a gas-on day
    gas_on.finish           | 通气日结束   | Gas-on day closed
    print.reprint           | 补打         | Reprint
    shift.open              | 开班         | Shift opened
    login                   | 登录         | Signed in
    login.failed            | 登录失败     | Sign-in refused
    user.bootstrap_admin    | 首个管理员   | First administrator
    user.add                | 添加用户     | User added
    user.enable             | 启用用户     | User enabled
    user.disable            | 停用用户     | User disabled
    user.role               | 更改角色     | Role changed
    user.reset_password     | 重置密码     | Password reset
    user.change_password    | 修改密码     | Password changed
    counter.add             | 登记柜台     | Counter registered
    counter.enable          | 启用柜台     | Counter enabled
    counter.disable         | 停用柜台     | Counter disabled
    area.add                | 添加片区     | Area added
    area.rename             | 片区改名     | Area renamed
    compound.add            | 添加小区     | Compound added
    compound.enable         | 启用小区     | Compound enabled
    compound.disable        | 停用小区     | Compound disabled
    setting.change          | 修改设置     | Setting changed
    permission.denied       | 无权操作     | Not allowed
    db.backup               | 备份数据库   | Database backed up
    db.restore              | 恢复数据库   | Database restored
    demo.generate_accounts  | 生成演示用户 | Demo accounts generated
    demo.generate_readings  | 生成演示读数 | Demo readings generated
    demo.generate_bills     | 生成演示账单 | Demo bills generated
    readings.entry          | 录入抄表读数 | Readings entered
    readings.history        | 载入历史读数 | Reading history loaded
    readings.import         | 导入抄表读数 | Readings imported
    reading.confirm         | 确认读数     | Reading confirmed
    reading.correct         | 更正读数     | Reading corrected
    reading.follow_up       | 读数回访记录 | Reading follow-up noted
    route.add               | 新建抄表册   | Route added
    route.change            | 修改抄表册   | Route changed
    route.assign            | 分配抄表册   | Accounts put on a route
    route.reorder           | 调整抄表顺序 | Route order changed
    tariff.load             | 载入气价     | Tariffs loaded
    billing.post            | 出账         | Bills posted
    billing.reverse         | 冲销账单     | Bill reversed
    notice.mark             | 调价通知送达 | Price-change notice handed out
    cashier.payment         | 收费         | Payment taken
    cashier.refund          | 退款         | Refund paid
    receipt.void            | 作废收据     | Receipt voided
    receipt.reprint         | 补打收据     | Receipt reprinted
    shift.close             | 日结         | Shift closed
    remittance.record       | 解缴         | Cash remitted
    dunning.mark            | 催缴登记     | Dunning visit marked
    route.remove            | 移出抄表册   | Accounts taken off a route
    depot.customer          | 登记液化气用户 | LPG customer registered
    depot.register          | 登记钢瓶     | Cylinders registered
    depot.move              | 钢瓶收发     | Cylinders moved
    depot.exchange          | 换瓶         | Cylinders exchanged
    depot.coupons           | 气票入库     | Coupon books received
    depot.coupon_sale       | 售气票       | Coupon book sold
    depot.deposit           | 收押金借瓶   | Deposit taken, cylinders lent
    depot.deposit_refund    | 退押金还瓶   | Cylinders returned, deposit refunded
    depot.custody           | 收存顾客钢瓶 | Customer's cylinders taken into custody
    depot.custody_back      | 发还代存钢瓶 | Cylinders in custody handed back
    depot.count             | 钢瓶盘点     | Cylinder stock counted
    depot.coupon_handover   | 气票解缴     | Redeemed coupons handed in
""")
