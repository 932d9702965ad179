<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <source>Take payment…</source>
        <translation>收费…</translation>
    </message>
    <message>
        <source>Refund prepayment/deposit…</source>
        <translation>退预存/押金…</translation>
    </message>
    <message>
        <source>Sign contract…</source>
        <translation>签约…</translation>
    </message>
    <message>
        <source>Assign number…</source>
        <translation>编号…</translation>
    </message>
    <message>
        <source>Plan installation…</source>
        <translation>安排安装…</translation>
    </message>
    <message>
        <source>Installed…</source>
        <translation>安装完成…</translation>
    </message>
    <message>
        <source>Gas on…</source>
        <translation>点火通气…</translation>
    </message>
    <message>
        <source>Put in service…</source>
        <translation>转为在用…</translation>
    </message>
    <message>
        <source>Resume supply…</source>
        <translation>恢复供气…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>更名…</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>过户…</translation>
    </message>
    <message>
        <source>Phones…</source>
        <translation>改电话…</translation>
    </message>
    <message>
        <source>Register meter…</source>
        <translation>登记燃气表…</translation>
    </message>
    <message>
        <source>Replace meter…</source>
        <translation>换表…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>停气…</translation>
    </message>
    <message>
        <source>Closing settlement…</source>
        <translation>销户结算…</translation>
    </message>
    <message>
        <source>Close account…</source>
        <translation>销户…</translation>
    </message>
    <message>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>← Search (Esc)</source>
        <translation>← 返回查询 (Esc)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Household:</source>
        <translation>家庭人口：</translation>
    </message>
    <message>
        <source>Premises and meter</source>
        <translation>地址与燃气表</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>片区：</translation>
    </message>
    <message>
        <source>Meter:</source>
        <translation>燃气表：</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>账户金额</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>余额：</translation>
    </message>
    <message>
        <source>Arrears:</source>
        <translation>欠费：</translation>
    </message>
    <message>
        <source>Credit:</source>
        <translation>多缴款：</translation>
    </message>
    <message>
        <source>Prepayment:</source>
        <translation>预付款：</translation>
    </message>
    <message>
        <source>Deposits:</source>
        <translation>押金：</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Business day</source>
        <translation>记账日期</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>位数</translation>
    </message>
    <message>
        <source>Fitted</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Initial</source>
        <translation>初始读数</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>拆除日期</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>最终读数</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>最近读数</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Opening fee</source>
        <translation>开户费</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>安装费</translation>
    </message>
    <message>
        <source>Prepayment</source>
        <translation>预付款</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>押金</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Ended %1</source>
        <translation>%1 终止</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>账目</translation>
    </message>
    <message>
        <source>Meters</source>
        <translation>燃气表</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>抄表记录</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收据</translation>
    </message>
    <message>
        <source>Application %1</source>
        <translation>申请单 %1</translation>
    </message>
    <message>
        <source>%1 person(s)</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <source>%1 · initial %2 · last %3</source>
        <translation>%1 · 初始 %2 · 最近 %3</translation>
    </message>
    <message>
        <source>none registered</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>签约</translation>
    </message>
    <message>
        <source>installation planned</source>
        <translation>计划安装</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>gas on</source>
        <translation>通气</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
    <message>
        <source>Reverse entry…</source>
        <translation>冲正…</translation>
    </message>
    <message>
        <source>Next step: %1 (%2)</source>
        <translation>下一步：%1（%2）</translation>
    </message>
    <message>
        <source>Choose the entry to reverse in the ledger (Up/Down), then press Alt+Z again.</source>
        <translation>请在账目中（↑/↓）选中要冲正的记录，再按 Alt+Z。</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
</context>
<context>
    <name>AddressPage</name>
    <message>
        <source>Area / compound</source>
        <translation>片区 / 小区</translation>
    </message>
    <message>
        <source>Code / street address</source>
        <translation>代码 / 街道地址</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add area</source>
        <translation>添加片区</translation>
    </message>
    <message>
        <source>Rename area</source>
        <translation>重命名片区</translation>
    </message>
    <message>
        <source>Add compound</source>
        <translation>添加小区</translation>
    </message>
    <message>
        <source>Disable / enable compound</source>
        <translation>停用 / 启用小区</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Please select an area first.</source>
        <translation>请先选择一个片区。</translation>
    </message>
    <message>
        <source>Please select the area the compound belongs to.</source>
        <translation>请先选择小区所属的片区。</translation>
    </message>
    <message>
        <source>Please select a compound first.</source>
        <translation>请先选择一个小区。</translation>
    </message>
    <message>
        <source>Enable the compound %1 again?</source>
        <translation>重新启用小区“%1”？</translation>
    </message>
    <message>
        <source>Disable the compound %1? It stays in the tree, marked as disabled.</source>
        <translation>停用小区“%1”？停用后仍保留在列表中，标为已停用。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Areas and compounds</source>
        <translation>片区与小区</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Settings and backup</source>
        <translation>设置与备份</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <source>New account — application (F2)</source>
        <translation>开户 — 申请 (F2)</translation>
    </message>
    <message>
        <source>Account &amp;type:</source>
        <translation>用户类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Household si&amp;ze:</source>
        <translation>家庭人口(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>片区(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Compound:</source>
        <translation>小区(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Building:</source>
        <translation>楼栋(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单元(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>房号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Street address:</source>
        <translation>街道地址(&amp;S)：</translation>
    </message>
    <message>
        <source>e.g. 建设路 18 号 1 楼 (shops and factories)</source>
        <translation>如 建设路 18 号 1 楼（商铺、工厂）</translation>
    </message>
    <message>
        <source>Type the application top to bottom; Enter moves to the next field and, on the last one, saves. The address is one open account per flat or shop.</source>
        <translation>从上到下填写申请；回车跳到下一项，在最后一项按回车即保存。每户住宅或商铺只能有一个未销户的用户。</translation>
    </message>
    <message>
        <source>— Street address (shop, factory) —</source>
        <translation>— 街道地址（商铺、工厂）—</translation>
    </message>
    <message>
        <source>The address list is still loading; please try again.</source>
        <translation>地址列表仍在加载，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>ApprovedDialog</name>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;login:</source>
        <translation>主管登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>Supervisor&apos;s &amp;password:</source>
        <translation>主管密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Give the reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <source>The supervisor types their login and password.</source>
        <translation>请主管输入登录名和密码。</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <source>Add area</source>
        <translation>添加片区</translation>
    </message>
    <message>
        <source>Rename area</source>
        <translation>重命名片区</translation>
    </message>
    <message>
        <source>Two digits: the start of the area&apos;s account numbers.</source>
        <translation>两位数字，即该片区用户编号的前两位。</translation>
    </message>
    <message>
        <source>Area code:</source>
        <translation>片区代码：</translation>
    </message>
    <message>
        <source>Area name:</source>
        <translation>片区名称：</translation>
    </message>
    <message>
        <source>Area %1</source>
        <translation>片区 %1</translation>
    </message>
</context>
<context>
    <name>AssignNumberDialog</name>
    <message>
        <source>Assign the account number</source>
        <translation>分配户号</translation>
    </message>
    <message>
        <source>Assign the next number of the account&apos;s area now?</source>
        <translation>现在为该户分配所在片区的下一个户号？</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <source>Attach a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Browse… (Ctrl+O)</source>
        <translation>浏览(&amp;B)… (Ctrl+O)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>扫描件和照片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose an existing file.</source>
        <translation>请选择一个存在的文件。</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>Action name or code, or entity id; Enter to apply</source>
        <translation>操作名称或代码，或对象编号；按 Enter 筛选</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Entity id</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <source>Change (before → after)</source>
        <translation>变更（前 → 后）</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
</context>
<context>
    <name>BillsTab</name>
    <message>
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未缴</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>分段起止</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Tariff from</source>
        <translation>价格表生效日</translation>
    </message>
    <message>
        <source>Tariff year from</source>
        <translation>价格年度起</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>No bill yet: a bill is made from each accepted meter reading.</source>
        <translation>尚无账单：每个接受的抄表读数出一张账单。</translation>
    </message>
    <message>
        <source>Breakdown of %1: %2 line(s), total %3, open %4</source>
        <translation>%1 的明细：%2 行，合计 %3，未缴 %4</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>原密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>An administrator has reset your password. Please choose a new one now.</source>
        <translation>管理员已重置您的密码，请现在设置新密码。</translation>
    </message>
</context>
<context>
    <name>ChangeRoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>New role:</source>
        <translation>新角色：</translation>
    </message>
    <message>
        <source>Role of %1 (%2):</source>
        <translation>%1（%2）的角色：</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close the account</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>&amp;Final reading (m³):</source>
        <translation>最终读数(&amp;F)（m³）：</translation>
    </message>
    <message>
        <source>Closed &amp;on:</source>
        <translation>销户日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Closing settlement first… (%1)</source>
        <translation>先办理销户结算… (%1)</translation>
    </message>
    <message>
        <source>The account must owe nothing and hold nothing (prepayment, deposits) to be closed.</source>
        <translation>销户前该户不得欠费，也不得留有预付款、押金。</translation>
    </message>
    <message>
        <source>Meter %1, last known reading %2.</source>
        <translation>燃气表 %1，最近读数 %2。</translation>
    </message>
    <message>
        <source>Settled. Press Enter to close the account.</source>
        <translation>已结清。按回车键销户。</translation>
    </message>
    <message>
        <source>The reading is not a valid number.</source>
        <translation>读数不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>CompoundAssignDialog</name>
    <message>
        <source>Assign a compound to %1</source>
        <translation>按小区分配到 %1</translation>
    </message>
    <message>
        <source>&amp;Compound:</source>
        <translation>小区(&amp;C)：</translation>
    </message>
    <message>
        <source>The compound&apos;s accounts that are on no route yet join the end of %1 %2, in walking order (building, unit, room). Accounts on another route stay there.</source>
        <translation>该小区尚未编入抄表册的用户按楼栋、单元、房号的顺序加到 %1 %2 的末尾；已在其他抄表册的用户不动。</translation>
    </message>
    <message>
        <source>Choose a compound.</source>
        <translation>请选择小区。</translation>
    </message>
</context>
<context>
    <name>CompoundDialog</name>
    <message>
        <source>Add compound</source>
        <translation>添加小区</translation>
    </message>
    <message>
        <source>Compound name:</source>
        <translation>小区名称：</translation>
    </message>
    <message>
        <source>Street address:</source>
        <translation>街道地址：</translation>
    </message>
    <message>
        <source>New compound in area %1 %2</source>
        <translation>在片区 %1 %2 中新建小区</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Confirm the reading</source>
        <translation>确认读数</translation>
    </message>
    <message>
        <source>Confirm (Enter)</source>
        <translation>确认（回车）</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>optional, e.g. 户主确认新装壁挂炉</source>
        <translation>可不填，如：户主确认新装壁挂炉</translation>
    </message>
    <message>
        <source>Confirm that this reading is right? It will be billed as it is.</source>
        <translation>确认这个读数无误吗？将按此读数计费。</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>Contract and opening fees</source>
        <translation>签约与开户收费</translation>
    </message>
    <message>
        <source>&amp;Opening fee (¥):</source>
        <translation>开户费(&amp;O)（元）：</translation>
    </message>
    <message>
        <source>&amp;Installation fee (¥):</source>
        <translation>安装费(&amp;I)（元）：</translation>
    </message>
    <message>
        <source>&amp;Prepayment (¥):</source>
        <translation>预付款(&amp;P)（元）：</translation>
    </message>
    <message>
        <source>&amp;Deposit (¥):</source>
        <translation>押金(&amp;D)（元）：</translation>
    </message>
    <message>
        <source>Total due:</source>
        <translation>应收合计：</translation>
    </message>
    <message>
        <source>Payment &amp;method:</source>
        <translation>付款方式(&amp;M)：</translation>
    </message>
    <message>
        <source>Amount &amp;received (¥):</source>
        <translation>实收金额(&amp;R)（元）：</translation>
    </message>
    <message>
        <source>= total due</source>
        <translation>= 应收合计</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>找零：</translation>
    </message>
    <message>
        <source>Empty fields count as 0. Leave the amount received empty when the customer pays exactly the total. The account number is assigned when the contract is signed.</source>
        <translation>空白按 0 计。客户正好付清时，实收金额可留空。签约时即分配户号。</translation>
    </message>
    <message>
        <source>Fee list (%1): opening %2, installation %3, prepayment %4.</source>
        <translation>收费标准（%1）：开户费 %2，安装费 %3，预付款 %4。</translation>
    </message>
    <message>
        <source>The installation fee includes the meter fee %1.</source>
        <translation>安装费含燃气表费 %1。</translation>
    </message>
    <message>
        <source>opening fee</source>
        <translation>开户费</translation>
    </message>
    <message>
        <source>installation fee</source>
        <translation>安装费</translation>
    </message>
    <message>
        <source>prepayment</source>
        <translation>预付款</translation>
    </message>
    <message>
        <source>Changed from the list: %1 (recorded with the contract).</source>
        <translation>已改动：%1（随合同记录在案）。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>还差 %1</translation>
    </message>
    <message>
        <source>An amount is not a valid number.</source>
        <translation>有金额不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <source>Correct the reading</source>
        <translation>更正读数</translation>
    </message>
    <message>
        <source>&amp;Corrected reading (m³):</source>
        <translation>更正后读数(&amp;C)（立方米）：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>optional, e.g. 复抄，原读数抄错一位</source>
        <translation>可不填，如：复抄，原读数抄错一位</translation>
    </message>
    <message>
        <source>The held reading stays on record, superseded by the corrected one, which is checked again.</source>
        <translation>原读数保留在记录中，由更正后的读数取代；新读数重新经过三准检查。</translation>
    </message>
    <message>
        <source>Corrected to %1; the new reading is held too (%2)</source>
        <translation>已更正为 %1；新读数仍待审（%2）</translation>
    </message>
    <message>
        <source>Corrected to %1</source>
        <translation>已更正为 %1</translation>
    </message>
</context>
<context>
    <name>Counter</name>
    <message>
        <source>prepayment %1</source>
        <translation>预付款 %1</translation>
    </message>
    <message>
        <source>deposits %1</source>
        <translation>押金 %1</translation>
    </message>
    <message>
        <source>credit %1</source>
        <translation>多缴款 %1</translation>
    </message>
    <message>
        <source>arrears %1</source>
        <translation>欠费 %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>The account holds: %1.</source>
        <translation>该户现有：%1。</translation>
    </message>
    <message>
        <source>Holder &amp;name:</source>
        <translation>户主姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;ID card number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>18 characters; X allowed at the end</source>
        <translation>18 位，末位可为 X</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>mobile 13812345678 or landline 010-12345678</source>
        <translation>手机 13812345678 或固话 010-12345678</translation>
    </message>
    <message>
        <source>Second phone:</source>
        <translation>备用电话：</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <source>OK (Enter)</source>
        <translation>确定 (回车)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>(no number yet)</source>
        <translation>（尚无户号）</translation>
    </message>
</context>
<context>
    <name>CounterPage</name>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>开户</translation>
    </message>
    <message>
        <source>Gas-on days</source>
        <translation>小区通气</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>登记册</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>Remit cash</source>
        <translation>解缴现金</translation>
    </message>
</context>
<context>
    <name>CountersPage</name>
    <message>
        <source>Code</source>
        <translation>柜台号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Register counter</source>
        <translation>登记柜台</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Please select a counter first.</source>
        <translation>请先选择一个柜台。</translation>
    </message>
    <message>
        <source>Enable the counter %1 again?</source>
        <translation>重新启用柜台 %1？</translation>
    </message>
    <message>
        <source>Disable the counter %1? Nobody can sign in at it until it is enabled.</source>
        <translation>停用柜台 %1？停用后在重新启用之前任何人都不能在该柜台登录。</translation>
    </message>
</context>
<context>
    <name>CouponHandInDialog</name>
    <message>
        <source>Hand in the day&apos;s coupons</source>
        <translation>气票解缴</translation>
    </message>
    <message>
        <source> coupons</source>
        <translation> 张</translation>
    </message>
    <message>
        <source>%1 (%2 redeemed, face value ¥%3):</source>
        <translation>%1（收回 %2 张，面值 ¥%3）：</translation>
    </message>
    <message>
        <source>&amp;Received by:</source>
        <translation>接收人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Explanation of a difference:</source>
        <translation>差异原因(&amp;E)：</translation>
    </message>
    <message>
        <source>Count the coupons of each size redeemed on %1 and hand them to finance.</source>
        <translation>清点 %1 收回的各规格气票，交财务。</translation>
    </message>
</context>
<context>
    <name>CouponSaleDialog</name>
    <message>
        <source>Sell a coupon book</source>
        <translation>售气票</translation>
    </message>
    <message>
        <source>&amp;Coupon:</source>
        <translation>气票(&amp;C)：</translation>
    </message>
    <message>
        <source>scan any coupon of the book</source>
        <translation>扫描这本气票中的任意一张</translation>
    </message>
    <message>
        <source>The whole book is sold, at its face value for each coupon, with a receipt.</source>
        <translation>整本出售，每张按票面金额收款，并打印收据。</translation>
    </message>
    <message>
        <source>Scan a coupon of the book.</source>
        <translation>请扫描这本气票中的一张。</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <source>Keep a customer&apos;s own cylinders</source>
        <translation>代存顾客自有钢瓶</translation>
    </message>
    <message>
        <source>&amp;Cylinders:</source>
        <translation>钢瓶(&amp;C)：</translation>
    </message>
    <message>
        <source>scan the customer&apos;s own cylinders; several separated by spaces</source>
        <translation>扫描用户自有的钢瓶；多只用空格分开</translation>
    </message>
    <message>
        <source>Kept against a numbered custody slip, handed back against it (also after an inspection).</source>
        <translation>凭编号代存单代存，凭单发还（送检回来后也凭此单）。</translation>
    </message>
    <message>
        <source>Scan the cylinders to keep.</source>
        <translation>请扫描要代存的钢瓶。</translation>
    </message>
    <message>
        <source>Custody slip %1</source>
        <translation>代存单 %1</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Register an LPG customer</source>
        <translation>登记液化气用户</translation>
    </message>
    <message>
        <source>Piped-gas &amp;account (optional):</source>
        <translation>管道气户号(&amp;A)（可不填）：</translation>
    </message>
    <message>
        <source>the holder&apos;s name and ID come from the account</source>
        <translation>户主姓名和身份证号取自该户</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>手机号(&amp;P)：</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Real-name sale (实名制): every exchange is recorded against a registered customer.</source>
        <translation>液化气实名制：每次换瓶都记在已登记的用户名下。</translation>
    </message>
</context>
<context>
    <name>DepositRefundDialog</name>
    <message>
        <source>Refund a deposit against its slip</source>
        <translation>凭押金条退押金</translation>
    </message>
    <message>
        <source>Deposit &amp;slip:</source>
        <translation>押金条号(&amp;S)：</translation>
    </message>
    <message>
        <source>e.g. D01-Y-0000001 (a lost slip: Shift+F12)</source>
        <translation>如 D01-Y-0000001（押金条遗失按 Shift+F12）</translation>
    </message>
    <message>
        <source>&amp;Cylinders back:</source>
        <translation>归还的钢瓶(&amp;C)：</translation>
    </message>
    <message>
        <source>scan the company cylinders returned</source>
        <translation>扫描归还的公司钢瓶</translation>
    </message>
    <message>
        <source>As many company cylinders of the slip&apos;s size as it names come back.</source>
        <translation>归还押金条上规格和只数的公司钢瓶。</translation>
    </message>
    <message>
        <source>Type or scan the slip&apos;s number.</source>
        <translation>请输入或扫描押金条号。</translation>
    </message>
    <message>
        <source>Scan the cylinders returned.</source>
        <translation>请扫描归还的钢瓶。</translation>
    </message>
</context>
<context>
    <name>DepotForms</name>
    <message>
        <source>Paid &amp;by:</source>
        <translation>付款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>Cash &amp;tendered (¥):</source>
        <translation>实收现金(&amp;T)(¥)：</translation>
    </message>
    <message>
        <source>Re&amp;ference (non-cash):</source>
        <translation>交易参考号（非现金）(&amp;F)：</translation>
    </message>
    <message>
        <source>Deposit slip %1</source>
        <translation>押金条 %1</translation>
    </message>
</context>
<context>
    <name>DepotWorkplace</name>
    <message>
        <source>Exchange (Ctrl+1)</source>
        <translation>换瓶 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Stock and batches (Ctrl+2)</source>
        <translation>库存与交接 (Ctrl+2)</translation>
    </message>
</context>
<context>
    <name>DunningDialog</name>
    <message>
        <source>Arrears and dunning</source>
        <translation>欠费催缴</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>户序</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠费合计</translation>
    </message>
    <message>
        <source>1–30 days</source>
        <translation>1–30 天</translation>
    </message>
    <message>
        <source>31–60</source>
        <translation>31–60 天</translation>
    </message>
    <message>
        <source>61–90</source>
        <translation>61–90 天</translation>
    </message>
    <message>
        <source>Over 90</source>
        <translation>90 天以上</translation>
    </message>
    <message>
        <source>Oldest due</source>
        <translation>最早到期</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近催缴</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Optional, goes with the next mark (e.g. notice left at the door)</source>
        <translation>可不填，随下一次登记保存（如：通知单贴在门上）</translation>
    </message>
    <message>
        <source>Preview the route&apos;s notices…  Ctrl+P</source>
        <translation>预览本册催费通知单…  Ctrl+P</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>&amp;Route:</source>
        <translation>抄表册(&amp;R)：</translation>
    </message>
    <message>
        <source>Visit &amp;day:</source>
        <translation>催缴日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Tab: route → households → visit day → note. On a household, 1 marks it reached, 2 not at home, 3 refused, on the visit day; the cursor moves on to the next one. Ctrl+P previews the route&apos;s dunning notices, three to an A4 page.</source>
        <translation>Tab：抄表册 → 欠费户 → 催缴日期 → 备注。选中一户，按 1 登记“已送达”，2“不在家”，3“拒收”（按催缴日期登记），光标随即移到下一户。Ctrl+P 预览本册的催费通知单，每张 A4 三户。</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未催缴</translation>
    </message>
    <message>
        <source>%1 %2 · %3 in arrears</source>
        <translation>%1 %2 · 欠费 %3 户</translation>
    </message>
    <message>
        <source>No route has been set up: the routes are kept under Routes (Ctrl+B).</source>
        <translation>还没有建立抄表册：请在“抄表册”（Ctrl+B）中建立。</translation>
    </message>
    <message>
        <source>%1 households owe %2</source>
        <translation>共 %1 户欠费 %2</translation>
    </message>
    <message>
        <source>%1 %2 · nobody on this route is in arrears.</source>
        <translation>%1 %2 · 本册没有欠费用户。</translation>
    </message>
    <message>
        <source>%1 %2 · as of %3 · 1–30 days %4 · 31–60 %5 · 61–90 %6 · over 90 %7</source>
        <translation>%1 %2 · 截至 %3 · 1–30 天 %4 · 31–60 天 %5 · 61–90 天 %6 · 90 天以上 %7</translation>
    </message>
    <message>
        <source>Marking…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>Account %1 (%2): %3 on %4.</source>
        <translation>户号 %1（%2）：已登记 %4 %3。</translation>
    </message>
    <message>
        <source>Preparing the notices…</source>
        <translation>正在生成催费通知单…</translation>
    </message>
    <message>
        <source>Dunning notices %1</source>
        <translation>催费通知单 %1</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Customer number, name, pinyin, phone or last 4 digits, then Enter</source>
        <translation>用户号、姓名、拼音、电话或尾号 4 位，回车</translation>
    </message>
    <message>
        <source>No customer yet: F2 to find one, F3 to register.</source>
        <translation>还没有选定用户：F2 查找，F3 登记新用户。</translation>
    </message>
    <message>
        <source>Register customer (F3)</source>
        <translation>登记用户 (F3)</translation>
    </message>
    <message>
        <source>Customer (F2):</source>
        <translation>用户 (F2)：</translation>
    </message>
    <message>
        <source>Empty taken in</source>
        <translation>收回空瓶</translation>
    </message>
    <message>
        <source>Full handed out</source>
        <translation>发出满瓶</translation>
    </message>
    <message>
        <source>Scan a coupon per full cylinder; Enter on an empty field completes</source>
        <translation>每只满瓶扫一张气票；空白处回车即完成</translation>
    </message>
    <message>
        <source>when not paid by coupon, e.g. 115</source>
        <translation>不用气票时填写，如 115</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Coupons (F6):</source>
        <translation>气票 (F6)：</translation>
    </message>
    <message>
        <source>Or amount (F7):</source>
        <translation>或收款金额 (F7)：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>付款方式：</translation>
    </message>
    <message>
        <source>Cash tendered:</source>
        <translation>现金实收：</translation>
    </message>
    <message>
        <source>Reference (non-cash):</source>
        <translation>交易参考号（非现金）：</translation>
    </message>
    <message>
        <source>Complete exchange (F9)</source>
        <translation>完成换瓶 (F9)</translation>
    </message>
    <message>
        <source>Start over (F8)</source>
        <translation>重新开始 (F8)</translation>
    </message>
    <message>
        <source>Movement sheet (Ctrl+P)</source>
        <translation>收发存日报 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Lend against deposit (F10)</source>
        <translation>押金借瓶 (F10)</translation>
    </message>
    <message>
        <source>Sell coupons (F11)</source>
        <translation>售气票 (F11)</translation>
    </message>
    <message>
        <source>Refund deposit (F12)</source>
        <translation>退押金 (F12)</translation>
    </message>
    <message>
        <source>Keep own cylinders (Ctrl+K)</source>
        <translation>代存自有瓶 (Ctrl+K)</translation>
    </message>
    <message>
        <source>Scan (F4):</source>
        <translation>扫描钢瓶 (F4)：</translation>
    </message>
    <message>
        <source>No LPG customer matches; F3 registers one.</source>
        <translation>没有找到这位液化气用户；按 F3 登记。</translation>
    </message>
    <message>
        <source>%1 customers match: choose one with the arrows and Enter.</source>
        <translation>找到 %1 位用户：用方向键选定后回车。</translation>
    </message>
    <message>
        <source>Find the customer first (F2)</source>
        <translation>请先找到用户 (F2)</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s EMPTY cylinder</source>
        <translation>请扫描用户交回的【空瓶】</translation>
    </message>
    <message>
        <source>Now scan the FULL cylinder to hand over</source>
        <translation>请扫描要发出的【满瓶】</translation>
    </message>
    <message>
        <source>Find the customer first (F2).</source>
        <translation>请先找到用户 (F2)。</translation>
    </message>
    <message>
        <source>%1 is scanned already.</source>
        <translation>%1 已经扫过了。</translation>
    </message>
    <message>
        <source>Empty %1 taken: now scan the full one.</source>
        <translation>已收空瓶 %1：请扫描满瓶。</translation>
    </message>
    <message>
        <source>Full %1 to hand over: scan the next empty, or pay.</source>
        <translation>发出满瓶 %1：可扫下一只空瓶，或收款。</translation>
    </message>
    <message>
        <source>REFUSED %1 %2: %3</source>
        <translation>拒收 %1 %2：%3</translation>
    </message>
    <message>
        <source>in</source>
        <translation>收回</translation>
    </message>
    <message>
        <source>out</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>Find the customer and scan an empty and a full cylinder first.</source>
        <translation>请先找到用户，并扫描一只空瓶和一只满瓶。</translation>
    </message>
    <message>
        <source>Scan the full cylinder for %1 first.</source>
        <translation>请先为 %1 扫描满瓶。</translation>
    </message>
    <message>
        <source>Exchanging…</source>
        <translation>正在换瓶…</translation>
    </message>
    <message>
        <source>by coupon %1</source>
        <translation>气票 %1</translation>
    </message>
    <message>
        <source>%1 yuan, receipt %2</source>
        <translation>%1 元，收据 %2</translation>
    </message>
    <message>
        <source>Exchanged %1 (%2), paid %3.</source>
        <translation>已换瓶 %1 对（%2），付款：%3。</translation>
    </message>
    <message>
        <source>Done. Next customer: F2.</source>
        <translation>已完成。下一位用户：F2。</translation>
    </message>
    <message>
        <source>Lent %1 × %2, deposit %3 yuan, slip %4.</source>
        <translation>已借出 %1 × %2，押金 %3 元，押金条 %4。</translation>
    </message>
    <message>
        <source>Coupons %1–%2 sold, %3 yuan, receipt %4.</source>
        <translation>气票 %1–%2 已售出，%3 元，收据 %4。</translation>
    </message>
    <message>
        <source>Deposit of slip %1 refunded, %2 yuan, receipt %3.</source>
        <translation>押金条 %1 已退押金 %2 元，退款收据 %3。</translation>
    </message>
    <message>
        <source>Kept %1 against custody slip %2.</source>
        <translation>已代存 %1，代存单 %2。</translation>
    </message>
    <message>
        <source>Movement sheet</source>
        <translation>收发存日报</translation>
    </message>
    <message>
        <source>Making the sheet…</source>
        <translation>正在生成日报…</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>gasdesk — First start</source>
        <translation>gasdesk — 首次启动</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Welcome to gasdesk</source>
        <translation>欢迎使用 gasdesk</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator account; the administrator then adds the counter staff.</source>
        <translation>这个数据库还没有用户。请先创建管理员账号，再由管理员添加柜台人员。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up with the household</source>
        <translation>用户回访</translation>
    </message>
    <message>
        <source>&amp;What was done:</source>
        <translation>回访内容(&amp;W)：</translation>
    </message>
    <message>
        <source>e.g. 已电话告知户主，约定下周复查</source>
        <translation>如：已电话告知户主，约定下周复查</translation>
    </message>
    <message>
        <source>Follow-up noted for %1</source>
        <translation>已记下户号 %1 的回访</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Not a valid amount: %1</source>
        <translation>金额无效：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Please enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The two passwords differ; please type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>GasOnDaysDialog</name>
    <message>
        <source>Compound gas-on days (F7)</source>
        <translation>小区点火通气 (F7)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Compound</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done / all</source>
        <translation>已通气 / 总户数</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>燃气表</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Plan a day…</source>
        <translation>安排通气日…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已通气</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>不在家</translation>
    </message>
    <message>
        <source>Refused…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Finish the day…</source>
        <translation>结束本次通气…</translation>
    </message>
    <message>
        <source>Sign-off sheet…</source>
        <translation>签收单…</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Gas-on days</source>
        <translation>小区通气</translation>
    </message>
    <message>
        <source>D done, A nobody at home, R refused (on the household chosen in the list, Up/Down). Tab switches lists.</source>
        <translation>D 已通气，A 不在家，R 拒绝（对列表中选中的一户，上下键选择）。Tab 切换列表。</translation>
    </message>
    <message>
        <source>%1 %2 · %3 · team %4 · done %5, absent %6, refused %7, waiting %8</source>
        <translation>%1 %2 · %3 · 班组 %4 · 已通气 %5，不在家 %6，拒绝 %7，待通气 %8</translation>
    </message>
    <message>
        <source>Finish this gas-on day? Households not done stay installed for a later day.</source>
        <translation>结束本次通气？未通气的住户保持“已安装”，可另行安排。</translation>
    </message>
    <message>
        <source>Preparing the sheet…</source>
        <translation>正在生成签收单…</translation>
    </message>
    <message>
        <source>Gas-on sign-off sheet</source>
        <translation>点火通气签收单</translation>
    </message>
    <message>
        <source>Gas-on sign-off sheet (copy)</source>
        <translation>点火通气签收单（副本）</translation>
    </message>
</context>
<context>
    <name>GasOnDialog</name>
    <message>
        <source>Gas on</source>
        <translation>点火通气</translation>
    </message>
    <message>
        <source>Gas-on &amp;date:</source>
        <translation>通气日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Meter &amp;serial:</source>
        <translation>表号(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Initial reading (m³):</source>
        <translation>初始读数(&amp;I)（m³）：</translation>
    </message>
    <message>
        <source>Register di&amp;gits:</source>
        <translation>整数位数(&amp;G)：</translation>
    </message>
    <message>
        <source>Meter %1 is registered (initial reading %2).</source>
        <translation>已登记燃气表 %1（初始读数 %2）。</translation>
    </message>
    <message>
        <source>The reading is not a valid number.</source>
        <translation>读数不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>GuiSession</name>
    <message>
        <source>The database file does not exist:
%1

Create a new, empty database there?</source>
        <translation>数据库文件不存在：
%1

要在这里新建一个空数据库吗？</translation>
    </message>
    <message>
        <source>The database file is empty (0 bytes):
%1

Make a new, empty database in it?</source>
        <translation>数据库文件是空的（0 字节）：
%1

要在这个文件里新建一个空数据库吗？</translation>
    </message>
    <message>
        <source>Preparing the demo office (the first time takes a while)…</source>
        <translation>正在准备演示营业厅数据（首次需要一些时间）…</translation>
    </message>
    <message>
        <source>Checking and opening the database…</source>
        <translation>正在检查并打开数据库…</translation>
    </message>
    <message>
        <source>gasdesk cannot open the database</source>
        <translation>gasdesk 无法打开数据库</translation>
    </message>
</context>
<context>
    <name>HeldDialog</name>
    <message>
        <source>Reading %1 on %2</source>
        <translation>%2 读数 %1</translation>
    </message>
    <message>
        <source>; previous %1 on %2</source>
        <translation>；上次 %1（%2）</translation>
    </message>
    <message>
        <source>; use %1</source>
        <translation>；用量 %1</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>待审原因：%1</translation>
    </message>
    <message>
        <source>; %1 later reading(s) released with it</source>
        <translation>；随之放行 %1 条后续读数</translation>
    </message>
</context>
<context>
    <name>HeldList</name>
    <message>
        <source>Account</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>抄表日期</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上次读数</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Why held</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Follow-up note</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Enter confirms the selected reading as it is; Ctrl+R corrects it; Ctrl+F notes a follow-up with the household.</source>
        <translation>回车确认所选读数无误；Ctrl+R 更正读数；Ctrl+F 记录对用户的回访。</translation>
    </message>
    <message>
        <source>Enter or Ctrl+R corrects the selected reading; Ctrl+F notes a follow-up with the household; a supervisor confirms a reading that is right.</source>
        <translation>回车或 Ctrl+R 更正所选读数；Ctrl+F 记录对用户的回访；读数无误的由主管确认。</translation>
    </message>
    <message>
        <source>A supervisor confirms these readings; a meter reader corrects them.</source>
        <translation>这些读数由主管确认，由抄表员更正。</translation>
    </message>
    <message>
        <source>%1 held readings</source>
        <translation>待审读数 %1 条</translation>
    </message>
    <message>
        <source>No readings are held.</source>
        <translation>没有待审的读数。</translation>
    </message>
    <message>
        <source>Choose a reading in the list first (Up/Down).</source>
        <translation>请先在列表中选择一条读数（上下方向键）。</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>gasdesk help — %1</source>
        <translation>gasdesk 使用说明 — %1</translation>
    </message>
    <message>
        <source>This part of the program has no manual page yet.</source>
        <translation>这部分程序还没有使用说明。</translation>
    </message>
</context>
<context>
    <name>HolderPii</name>
    <message>
        <source>Masked on screen. Click it (or press the key) to show it in full; each showing is recorded in the audit log.</source>
        <translation>屏幕上已遮盖。点击（或按快捷键）显示完整内容；每次显示都记入审计日志。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import readings</source>
        <translation>导入读数</translation>
    </message>
    <message>
        <source>Readings files (*.csv *.txt *.xlsx *.xlsm);;CSV (*.csv *.txt);;Excel (*.xlsx *.xlsm);;All files (*)</source>
        <translation>读数文件 (*.csv *.txt *.xlsx *.xlsm);;CSV 文件 (*.csv *.txt);;Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import readings — %1</source>
        <translation>导入读数 — %1</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>抄表日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Import (Enter)</source>
        <translation>导入（Enter）</translation>
    </message>
    <message>
        <source>Another file… (Ctrl+O)</source>
        <translation>换一个文件…（Ctrl+O）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Checking %1 rows (nothing is stored yet)…</source>
        <translation>正在检查 %1 行（尚未保存）…</translation>
    </message>
    <message>
        <source>Checking the readings…</source>
        <translation>正在检查读数…</translation>
    </message>
    <message>
        <source>accepted %1, held %2, already imported %3, rejected %4</source>
        <translation>接受 %1，待审 %2，已导入 %3，拒收 %4</translation>
    </message>
    <message>
        <source>Checked, nothing stored yet. %1 rows (%2): %3. Enter imports the accepted and held rows together.</source>
        <translation>已检查，尚未保存。共 %1 行（%2）：%3。按 Enter 把接受和待审的行一起导入。</translation>
    </message>
    <message>
        <source>Rejected rows (the first %1 of %2):</source>
        <translation>拒收的行（共 %2 行，显示前 %1 行）：</translation>
    </message>
    <message>
        <source>Rejected rows (%2):</source>
        <translation>拒收的行（%2 行）：</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing the readings…</source>
        <translation>正在导入读数…</translation>
    </message>
    <message>
        <source>Imported: %1. The rejected rows, with their reasons, are in %2</source>
        <translation>已导入：%1。拒收的行及原因已写入 %2</translation>
    </message>
    <message>
        <source>Imported: %1. No row was rejected.</source>
        <translation>已导入：%1。没有拒收的行。</translation>
    </message>
    <message>
        <source>Imported, but the rejects file could not be written.</source>
        <translation>已导入，但拒收文件未能写出。</translation>
    </message>
    <message>
        <source>Not imported.</source>
        <translation>未导入。</translation>
    </message>
    <message>
        <source>Nothing was imported: not one row of the file was stored.</source>
        <translation>没有导入：文件中的任何一行都没有保存。</translation>
    </message>
</context>
<context>
    <name>InstalledDialog</name>
    <message>
        <source>Installation done</source>
        <translation>安装完成</translation>
    </message>
    <message>
        <source>Installed &amp;on:</source>
        <translation>安装日期(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>LeaveGuard</name>
    <message>
        <source>%1 reading(s) typed on route %2 are not saved yet. They stay in the grid until you save them (Ctrl+S) or leave the program.</source>
        <translation>抄表册 %2 有 %1 行读数尚未保存。它们留在录入表中，直到您保存（Ctrl+S）或退出程序。</translation>
    </message>
    <message>
        <source>Readings not saved</source>
        <translation>读数尚未保存</translation>
    </message>
    <message>
        <source>Back to the readings</source>
        <translation>回到抄表录入</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后再说</translation>
    </message>
    <message>
        <source>%1 reading(s) typed on route %2 are not saved. Close gasdesk and lose them?</source>
        <translation>抄表册 %2 有 %1 行读数尚未保存。仍要关闭 gasdesk 并放弃这些读数吗？</translation>
    </message>
</context>
<context>
    <name>LendDialog</name>
    <message>
        <source>Lend cylinders against a deposit</source>
        <translation>押金借瓶</translation>
    </message>
    <message>
        <source>&amp;Cylinders:</source>
        <translation>钢瓶(&amp;C)：</translation>
    </message>
    <message>
        <source>scan the full cylinders; several separated by spaces</source>
        <translation>扫描要借出的满瓶；多只用空格分开</translation>
    </message>
    <message>
        <source>Company cylinders of one size; the size&apos;s deposit for each, with a numbered slip.</source>
        <translation>同一规格的公司钢瓶；每只按该规格收押金，并打印编号押金条。</translation>
    </message>
    <message>
        <source>Scan the cylinders to lend.</source>
        <translation>请扫描要借出的钢瓶。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The workstation is locked</source>
        <translation>工作站已锁定</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2, %3)</source>
        <translation>当前用户：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Type your password to continue:</source>
        <translation>请输入密码以继续：</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>gasdesk — Sign in</source>
        <translation>gasdesk — 登录</translation>
    </message>
    <message>
        <source>e.g. C01</source>
        <translation>例如 C01</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Counter:</source>
        <translation>柜台号：</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Gas business office counter</source>
        <translation>燃气营业厅柜台系统</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Demo office: click a user to fill in the login</source>
        <translation>演示营业厅：点击一个用户即可填入登录信息</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Please enter your login.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign-in refused.</source>
        <translation>登录被拒绝。</translation>
    </message>
</context>
<context>
    <name>LostSlipRefundDialog</name>
    <message>
        <source>Refund a deposit whose slip is lost</source>
        <translation>押金条遗失退押金</translation>
    </message>
    <message>
        <source>&amp;Cylinders back:</source>
        <translation>归还的钢瓶(&amp;C)：</translation>
    </message>
    <message>
        <source>scan the company cylinders returned</source>
        <translation>扫描归还的公司钢瓶</translation>
    </message>
    <message>
        <source>The customer&apos;s oldest deposit of that size is refunded; a supervisor approves.</source>
        <translation>退该用户这种规格最早的一笔押金，须主管批准。</translation>
    </message>
    <message>
        <source>Scan the cylinders returned.</source>
        <translation>请扫描归还的钢瓶。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>gasdesk — Gas business office</source>
        <translation>gasdesk — 燃气营业厅</translation>
    </message>
    <message>
        <source> [DEMO]</source>
        <translation> [演示]</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <source>Counter: %1</source>
        <translation>柜台：%1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Lock workstation</source>
        <translation>锁定工作站(&amp;L)</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>注销(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Manual for this workplace</source>
        <translation>本工作区使用说明(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;About gasdesk</source>
        <translation>关于 gasdesk(&amp;A)</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>The language changes when gasdesk starts next time.
界面语言将在下次启动 gasdesk 时切换。</source>
        <translation>界面语言将在下次启动 gasdesk 时切换。
The language changes when gasdesk starts next time.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>gasdesk %1
Counter desktop for a city gas business office and its LPG cylinder depots.
Works offline; all data stays in the database shown in the status bar.</source>
        <translation>gasdesk %1
城市燃气营业厅及液化气调瓶点的柜台桌面系统。
无需联网；所有数据都保存在状态栏所示的数据库中。</translation>
    </message>
    <message>
        <source>About gasdesk</source>
        <translation>关于 gasdesk</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>An unexpected error occurred; nothing was saved. Details for support: %1</source>
        <translation>发生意外错误，本次操作未保存。供技术支持参考的详情：%1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
</context>
<context>
    <name>MoveStopDialog</name>
    <message>
        <source>Move to another route</source>
        <translation>移到其他抄表册</translation>
    </message>
    <message>
        <source>&amp;To route:</source>
        <translation>移到(&amp;T)：</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 leaves %4 and joins the end of the route chosen.</source>
        <translation>%1 · %2 · %3 将移出 %4，加到所选抄表册的末尾。</translation>
    </message>
    <message>
        <source>There is no other route in use to move to.</source>
        <translation>没有其他在用的抄表册可以移入。</translation>
    </message>
</context>
<context>
    <name>NumberAssignedDialog</name>
    <message>
        <source>Account number assigned</source>
        <translation>已分配户号</translation>
    </message>
    <message>
        <source>The contract is signed and the fees are posted. The account number is:</source>
        <translation>合同已签订，费用已入账。户号为：</translation>
    </message>
    <message>
        <source>OK (Enter)</source>
        <translation>确定 (回车)</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Gas on: done</source>
        <translation>通气：已通气</translation>
    </message>
    <message>
        <source>Gas on: nobody at home</source>
        <translation>通气：不在家</translation>
    </message>
    <message>
        <source>Gas on: refused</source>
        <translation>通气：拒绝</translation>
    </message>
    <message>
        <source>Meter &amp;serial:</source>
        <translation>表号(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Initial reading (m³):</source>
        <translation>初始读数(&amp;I)（m³）：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>The reading is not a valid number.</source>
        <translation>读数不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Take a payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Take payment (Enter)</source>
        <translation>收费 (回车)</translation>
    </message>
    <message>
        <source>Working out what is due…</source>
        <translation>正在计算应缴金额…</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>应缴：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>&amp;Fee:</source>
        <translation>收费项目(&amp;F)：</translation>
    </message>
    <message>
        <source>To pay off:</source>
        <translation>应缴合计：</translation>
    </message>
    <message>
        <source>&amp;Amount received (¥):</source>
        <translation>收款金额(&amp;A)(¥)：</translation>
    </message>
    <message>
        <source>Payment &amp;method:</source>
        <translation>付款方式(&amp;M)：</translation>
    </message>
    <message>
        <source>Cash &amp;tendered (¥):</source>
        <translation>实收现金(&amp;T)(¥)：</translation>
    </message>
    <message>
        <source>= the amount</source>
        <translation>= 收款金额</translation>
    </message>
    <message>
        <source>&amp;Reference no.:</source>
        <translation>交易参考号(&amp;R)：</translation>
    </message>
    <message>
        <source>from the card slip or the app</source>
        <translation>POS 签购单或支付凭证上的号码</translation>
    </message>
    <message>
        <source> + late fee %1 (%2 days)</source>
        <translation> + 滞纳金 %1（逾期 %2 天）</translation>
    </message>
    <message>
        <source>Nothing is owed; a payment goes to prepayment.</source>
        <translation>该户没有欠费；收款将存为预存。</translation>
    </message>
    <message>
        <source>Prepayment held: %1</source>
        <translation>已有预存：%1</translation>
    </message>
    <message>
        <source>Change: %1</source>
        <translation>找零：%1</translation>
    </message>
    <message>
        <source>Tendered is %1 short</source>
        <translation>实收现金还差 %1</translation>
    </message>
    <message>
        <source>%1 to prepayment</source>
        <translation>%1 存为预存</translation>
    </message>
    <message>
        <source>%1 still owed after this</source>
        <translation>收款后仍欠 %1</translation>
    </message>
    <message>
        <source>Type the amount received.</source>
        <translation>请填写收款金额。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>打印 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save PDF… (Ctrl+S)</source>
        <translation>保存 PDF…（Ctrl+S）</translation>
    </message>
    <message>
        <source>No printer is set up for this paper on this computer. An administrator chooses one under Administration → Settings and backup → Printers of this computer.</source>
        <translation>本机没有为这种纸张设置打印机。请管理员在“系统管理 → 设置与备份 → 本机打印机”中选择。</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>正在用 %1 打印…</translation>
    </message>
    <message>
        <source>the printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Sent to %1 (%2 pages).</source>
        <translation>已发送到 %1（%2 页）。</translation>
    </message>
    <message>
        <source>Not printed: %1. Check that the printer is switched on and has paper, then print again.</source>
        <translation>未能打印：%1。请检查打印机已开机且有纸，然后再打印。</translation>
    </message>
    <message>
        <source>To print it again, open it again: it will be a copy.</source>
        <translation>如需再次打印，请重新打开：将打印为副本。</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
</context>
<context>
    <name>PhonesDialog</name>
    <message>
        <source>Change the phone numbers</source>
        <translation>修改电话</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Second phone:</source>
        <translation>备用电话(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This workplace will be provided in a later version.</source>
        <translation>本功能将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>PlanDayDialog</name>
    <message>
        <source>Plan a gas-on day</source>
        <translation>安排小区通气日</translation>
    </message>
    <message>
        <source>&amp;Compound:</source>
        <translation>小区(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Installer &amp;team:</source>
        <translation>安装班组(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Every installed household of the compound goes on the day&apos;s list.</source>
        <translation>该小区所有已安装待通气的住户都列入当天名单。</translation>
    </message>
    <message>
        <source>Choose a compound.</source>
        <translation>请选择小区。</translation>
    </message>
</context>
<context>
    <name>PlanInstallDialog</name>
    <message>
        <source>Plan the installation</source>
        <translation>安排安装</translation>
    </message>
    <message>
        <source>Installation &amp;date:</source>
        <translation>安装日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Installer &amp;team:</source>
        <translation>安装班组(&amp;T)：</translation>
    </message>
    <message>
        <source>e.g. 安装一队</source>
        <translation>如 安装一队</translation>
    </message>
</context>
<context>
    <name>PriceNoticesDialog</name>
    <message>
        <source>Price-change notices</source>
        <translation>调价通知</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>抄表册</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未通知</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>未通知</translation>
    </message>
    <message>
        <source>By</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Type or scan an account number, Enter marks it notified</source>
        <translation>输入或扫描户号，回车登记为已送达</translation>
    </message>
    <message>
        <source>Print the route&apos;s notices…</source>
        <translation>打印本册调价通知…</translation>
    </message>
    <message>
        <source>Mark households notified</source>
        <translation>登记送达</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>&amp;Price change:</source>
        <translation>调价(&amp;P)：</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>抄表册</translation>
    </message>
    <message>
        <source>&amp;Notified, account no.:</source>
        <translation>登记送达，户号(&amp;N)：</translation>
    </message>
    <message>
        <source>Tab: price change → routes → households → account number. Ctrl+P prints the chosen route&apos;s notices, three to an A4 page; as the signed receipts come back, type or scan each account number and press Enter.</source>
        <translation>Tab：调价 → 抄表册 → 用户 → 户号。Ctrl+P 打印所选抄表册的调价通知（每张 A4 三户）；签字回执收回后，逐个输入或扫描户号并回车登记。</translation>
    </message>
    <message>
        <source>Account %1 (%2) marked notified.</source>
        <translation>户号 %1（%2）已登记送达。</translation>
    </message>
    <message>
        <source>Account %1 (%2) was marked on %3 by %4 already.</source>
        <translation>户号 %1（%2）此前已于 %3 由 %4 登记送达。</translation>
    </message>
    <message>
        <source>Marked %1 households notified; %2 were marked already.</source>
        <translation>登记送达 %1 户；%2 户此前已登记。</translation>
    </message>
    <message>
        <source> %1 households not yet notified.</source>
        <translation>未通知的还有 %1 户。</translation>
    </message>
    <message>
        <source>takes effect %1</source>
        <translation>%1 起生效</translation>
    </message>
    <message>
        <source>in force since %1</source>
        <translation>%1 起已执行</translation>
    </message>
    <message>
        <source>No price change has been entered: the administrator loads the tariffs.</source>
        <translation>还没有录入调价：气价由管理员载入。</translation>
    </message>
    <message>
        <source>%1 households: %2 notified, %3 not yet</source>
        <translation>共 %1 户：已通知 %2 户，未通知 %3 户</translation>
    </message>
    <message>
        <source>No account of this customer type is read: nobody to notify.</source>
        <translation>这类用户中没有抄表户，无需通知。</translation>
    </message>
    <message>
        <source>%1 · %2 households, %3 not yet notified</source>
        <translation>%1 · 共 %2 户，未通知 %3 户</translation>
    </message>
    <message>
        <source>Marking…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>Preparing the notices…</source>
        <translation>正在准备调价通知…</translation>
    </message>
    <message>
        <source>Price-change notices %1 (copy)</source>
        <translation>调价通知 %1（副本）</translation>
    </message>
    <message>
        <source>Price-change notices %1</source>
        <translation>调价通知 %1</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>The printer %1 is not installed on this computer.</source>
        <translation>本机没有安装打印机 %1。</translation>
    </message>
    <message>
        <source>The printer does not take paper of this size.</source>
        <translation>打印机不支持这种尺寸的纸张。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>打印机无法启动。</translation>
    </message>
    <message>
        <source>The printer reported an error.</source>
        <translation>打印机报告了错误。</translation>
    </message>
</context>
<context>
    <name>ReadingEntry</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上次读数</translation>
    </message>
    <message>
        <source>Previous date</source>
        <translation>上次日期</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>本次读数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Use m³</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No meter fitted: nothing to read</source>
        <translation>未装表，无需抄表</translation>
    </message>
    <message>
        <source>Saved, held: %1</source>
        <translation>已保存，待审：%1</translation>
    </message>
    <message>
        <source>Saved, not billed: %1</source>
        <translation>已保存，未出账：%1</translation>
    </message>
    <message>
        <source>Saved, billed</source>
        <translation>已保存，已出账</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Already stored: the same reading of this meter on this day</source>
        <translation>已保存过：该表本日的相同读数</translation>
    </message>
    <message>
        <source>(no meter)</source>
        <translation>（未装表）</translation>
    </message>
    <message>
        <source>%1 (est.)</source>
        <translation>%1（估）</translation>
    </message>
    <message>
        <source>Saving the readings…</source>
        <translation>正在保存读数…</translation>
    </message>
</context>
<context>
    <name>ReadingsPage</name>
    <message>
        <source>Meter readings</source>
        <translation>抄表</translation>
    </message>
    <message>
        <source>Reading &amp;date (Ctrl+D):</source>
        <translation>抄表日期(&amp;D)（Ctrl+D）：</translation>
    </message>
    <message>
        <source>Type the reading, Enter: next meter · ↑/↓ move · Tab: note · Ctrl+E estimated, Ctrl+N no access (again: back to actual) · Ctrl+S save the route · Esc/F6 routes · Ctrl+D date</source>
        <translation>输入读数后按 Enter 到下一户 · ↑/↓ 上下移动 · Tab 备注 · Ctrl+E 估抄，Ctrl+N 未入户（再按一次回到实抄）· Ctrl+S 保存本册 · Esc/F6 抄表册 · Ctrl+D 日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Route sheet…</source>
        <translation>打印抄表单…</translation>
    </message>
    <message>
        <source>Routes…</source>
        <translation>抄表册管理…</translation>
    </message>
    <message>
        <source>Price notices…</source>
        <translation>调价通知…</translation>
    </message>
    <message>
        <source>Arrears…</source>
        <translation>欠费催缴…</translation>
    </message>
    <message>
        <source>Day-end entry</source>
        <translation>抄表录入</translation>
    </message>
    <message>
        <source>Held readings</source>
        <translation>待审读数</translation>
    </message>
    <message>
        <source>%1 reading(s) typed on route %2 are not saved. Leave them and open route %3?</source>
        <translation>抄表册 %2 有 %1 行读数尚未保存。不保存就打开抄表册 %3 吗？</translation>
    </message>
    <message>
        <source>Nothing to save: no reading has been typed.</source>
        <translation>没有需要保存的读数：还没有输入任何读数。</translation>
    </message>
    <message>
        <source>Saved: accepted %1, held %2</source>
        <translation>已保存：接受 %1，待审 %2</translation>
    </message>
    <message>
        <source>, %1 already stored before</source>
        <translation>，此前已保存 %1</translation>
    </message>
    <message>
        <source>; %1 refused row(s) not saved, please correct them</source>
        <translation>；拒收 %1 行未保存，请改正</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>Held readings (%1)</source>
        <translation>待审读数（%1）</translation>
    </message>
    <message>
        <source>; %1 bill(s) made, %2 in all</source>
        <translation>；出账 %1 张，共 %2</translation>
    </message>
    <message>
        <source>; %1 bill(s) reversed</source>
        <translation>；冲销 %1 张</translation>
    </message>
    <message>
        <source>; %1 reading(s) wait for a tariff</source>
        <translation>；%1 条读数待定气价</translation>
    </message>
    <message>
        <source>Preparing the route sheet…</source>
        <translation>正在生成抄表单…</translation>
    </message>
    <message>
        <source>Route sheet %1 (copy)</source>
        <translation>抄表单 %1（副本）</translation>
    </message>
    <message>
        <source>Route sheet %1</source>
        <translation>抄表单 %1</translation>
    </message>
</context>
<context>
    <name>ReadingsTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Receipts</name>
    <message>
        <source>Receipt %1</source>
        <translation>收据 %1</translation>
    </message>
</context>
<context>
    <name>ReceiptsTab</name>
    <message>
        <source>Receipt</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>收款员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ctrl+P reprints the receipt picked (a copy); Del voids it with a supervisor&apos;s approval (a refund once its shift is closed).</source>
        <translation>Ctrl+P 补打选中的收据（副本）；Del 作废，须主管现场批准（班次已结班的改为退款）。</translation>
    </message>
</context>
<context>
    <name>RefundHeldDialog</name>
    <message>
        <source>Refund prepayment or deposit</source>
        <translation>退预存或押金</translation>
    </message>
    <message>
        <source>Refund (Enter)</source>
        <translation>退款 (回车)</translation>
    </message>
    <message>
        <source>Refund &amp;of:</source>
        <translation>退款项目(&amp;O)：</translation>
    </message>
    <message>
        <source>Prepayment</source>
        <translation>预存</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>押金</translation>
    </message>
    <message>
        <source>&amp;Amount (¥):</source>
        <translation>退款金额（元）(&amp;A)：</translation>
    </message>
    <message>
        <source>Paid back &amp;by:</source>
        <translation>退款方式(&amp;B)：</translation>
    </message>
    <message>
        <source>Re&amp;ference no.:</source>
        <translation>交易参考号(&amp;F)：</translation>
    </message>
    <message>
        <source>The amount is all that is held unless you type less; a refund receipt prints. A supervisor approves it here with their password.</source>
        <translation>金额默认为全部结存，可改小；办理后打印退款收据。由主管在此输入密码批准。</translation>
    </message>
    <message>
        <source>Type the amount to refund.</source>
        <translation>请输入退款金额。</translation>
    </message>
</context>
<context>
    <name>RegisterCounterDialog</name>
    <message>
        <source>Register a counter</source>
        <translation>登记柜台</translation>
    </message>
    <message>
        <source>Counter code:</source>
        <translation>柜台号：</translation>
    </message>
    <message>
        <source>e.g. C03</source>
        <translation>例如 C03</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>A counter PC signs in with its code; a depot is a counter of its own kind.</source>
        <translation>柜台电脑用柜台号登录；调瓶点也是一种柜台。</translation>
    </message>
</context>
<context>
    <name>RegisterMeterDialog</name>
    <message>
        <source>Register the meter</source>
        <translation>登记燃气表</translation>
    </message>
    <message>
        <source>Meter &amp;serial:</source>
        <translation>表号(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Initial reading (m³):</source>
        <translation>初始读数(&amp;I)（m³）：</translation>
    </message>
    <message>
        <source>Register di&amp;gits:</source>
        <translation>整数位数(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>型号(&amp;M)：</translation>
    </message>
    <message>
        <source>optional, e.g. G2.5 膜式表</source>
        <translation>可不填，如 G2.5 膜式表</translation>
    </message>
    <message>
        <source>Fitted &amp;on:</source>
        <translation>安装日期(&amp;O)：</translation>
    </message>
    <message>
        <source>The reading is not a valid number.</source>
        <translation>读数不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>RegistersDialog</name>
    <message>
        <source>Registers (F8)</source>
        <translation>用户登记册 (F8)</translation>
    </message>
    <message>
        <source>Registers and new-account lists</source>
        <translation>用户登记册和新开户清单</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>RegistersForm</name>
    <message>
        <source>Register by area (按区域登记造册)</source>
        <translation>按区域登记造册（用户登记册）</translation>
    </message>
    <message>
        <source>New-account list (新开户清单)</source>
        <translation>新开户清单</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部片区</translation>
    </message>
    <message>
        <source>All compounds</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Gas-on date (account opened)</source>
        <translation>通气开户日期</translation>
    </message>
    <message>
        <source>Contract signing date</source>
        <translation>签约日期</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>报表(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>片区(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Compound:</source>
        <translation>小区(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>开始日期(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>结束日期(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Basis:</source>
        <translation>按日期(&amp;B)：</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <source>Every account of the chosen area or compound in address order, with the status counts of each compound.</source>
        <translation>所选片区或小区的全部用户，按地址排列，并附各小区的状态统计。</translation>
    </message>
    <message>
        <source>The accounts whose chosen date falls between the two dates, both included, by date.</source>
        <translation>所选日期在开始日期和结束日期之间（含两端）的用户，按日期排列。</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>用户登记册</translation>
    </message>
    <message>
        <source>New accounts</source>
        <translation>新开户清单</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>This list has %1 accounts: too long to show on screen. Save it as a PDF file instead? (Open the file to read or print it.)</source>
        <translation>这份清单共 %1 户，太长，不便在屏幕上预览。是否改为保存为 PDF 文件？（打开文件即可阅读或打印。）</translation>
    </message>
    <message>
        <source>Too long to preview</source>
        <translation>清单太长，无法预览</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>正在生成 %1…</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>用户登记册</translation>
    </message>
</context>
<context>
    <name>RemitDialog</name>
    <message>
        <source>Remit cash to finance</source>
        <translation>解缴现金给财务</translation>
    </message>
    <message>
        <source>Remit (Enter)</source>
        <translation>解缴（回车）</translation>
    </message>
    <message>
        <source>&amp;Shift:</source>
        <translation>班次(&amp;S)：</translation>
    </message>
    <message>
        <source>Cash to hand over:</source>
        <translation>应交现金：</translation>
    </message>
    <message>
        <source>&amp;Received by (finance):</source>
        <translation>财务接收人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>The counted cash of a closed shift, as its closing sheet says.</source>
        <translation>已日结班次的实点现金，与日结单一致。</translation>
    </message>
    <message>
        <source>Shift %1 · %2 · %3 · %4</source>
        <translation>班次 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>No closed shift is waiting to be remitted.</source>
        <translation>没有待解缴的已日结班次。</translation>
    </message>
    <message>
        <source>Type the name of who in finance received the cash.</source>
        <translation>请填写财务接收人的姓名。</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename the holder</source>
        <translation>更名</translation>
    </message>
    <message>
        <source>New holder &amp;name:</source>
        <translation>新户主姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>New &amp;ID card number:</source>
        <translation>新身份证号(&amp;I)：</translation>
    </message>
    <message>
        <source>only if it changes too (family change)</source>
        <translation>证件也变更时才填（家庭内变更）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. 户主变更为配偶</source>
        <translation>如 户主变更为配偶</translation>
    </message>
    <message>
        <source>Same premises, same account and number; only the holder&apos;s name changes. For a new owner use Transfer (Alt+T).</source>
        <translation>地址、户号不变，只改户主姓名。房屋换了新业主请办理过户（Alt+T）。</translation>
    </message>
</context>
<context>
    <name>ReplaceMeterDialog</name>
    <message>
        <source>Replace the meter</source>
        <translation>换表</translation>
    </message>
    <message>
        <source>Old meter&apos;s &amp;final reading (m³):</source>
        <translation>旧表最终读数(&amp;F)（m³）：</translation>
    </message>
    <message>
        <source>New meter &amp;serial:</source>
        <translation>新表表号(&amp;S)：</translation>
    </message>
    <message>
        <source>New meter&apos;s &amp;initial reading (m³):</source>
        <translation>新表初始读数(&amp;I)（m³）：</translation>
    </message>
    <message>
        <source>Register di&amp;gits:</source>
        <translation>整数位数(&amp;G)：</translation>
    </message>
    <message>
        <source>Replaced &amp;on:</source>
        <translation>换表日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Old meter %1: initial reading %2, last known reading %3.</source>
        <translation>旧表 %1：初始读数 %2，最近读数 %3。</translation>
    </message>
    <message>
        <source>A reading is not a valid number.</source>
        <translation>有读数不是有效的数字。</translation>
    </message>
    <message>
        <source>Enter the old meter&apos;s final reading.</source>
        <translation>请填写旧表的最终读数。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Registers and new-account lists</source>
        <translation>用户登记册和新开户清单</translation>
    </message>
    <message>
        <source>Accounts registered by area (按区域登记造册) with their status counts, and the accounts opened in a period.
ID numbers and phones are masked on paper and in Excel.</source>
        <translation>按区域登记造册的全部用户及其状态统计，以及一段时间内的新开户清单。
纸质和 Excel 中的证件号码和电话均隐去部分数字。</translation>
    </message>
    <message>
        <source>Registers</source>
        <translation>登记册</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>临时密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Set a temporary password for %1 (%2). They must change it when they next sign in.</source>
        <translation>为 %1（%2）设置临时密码。该用户下次登录时必须修改密码。</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume the supply</source>
        <translation>恢复供气</translation>
    </message>
    <message>
        <source>Resume the gas supply of this account now? (Enter)</source>
        <translation>现在恢复该户供气？（回车确认）</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>Reverse a ledger entry</source>
        <translation>冲正账目</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Reverse entry %1: %2 %3 (%4)? The entry stays; a reversal pointing at it is added.</source>
        <translation>冲正记录 %1：%2 %3（%4）？原记录保留，另记一笔指向它的冲正记录。</translation>
    </message>
</context>
<context>
    <name>RouteAdminDialog</name>
    <message>
        <source>Routes (meter books)</source>
        <translation>抄表册管理</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>抄表员</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>抄表日</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>表号</translation>
    </message>
    <message>
        <source>(no meter)</source>
        <translation>（无表）</translation>
    </message>
    <message>
        <source>Type or scan an account number, Enter adds it</source>
        <translation>输入或扫描户号，回车加入本册</translation>
    </message>
    <message>
        <source>New route…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Assign a compound…</source>
        <translation>按小区分配…</translation>
    </message>
    <message>
        <source>Add account numbers</source>
        <translation>添加户号</translation>
    </message>
    <message>
        <source>Take off</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Move to another route…</source>
        <translation>移到其他抄表册…</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>抄表册</translation>
    </message>
    <message>
        <source>Add &amp;account no.:</source>
        <translation>添加户号(&amp;A)：</translation>
    </message>
    <message>
        <source>Tab: routes → stops → account number. In the stops: Ctrl+Up / Ctrl+Down move the chosen stop, Del takes it off the route.</source>
        <translation>Tab 键在抄表册、用户列表和户号框之间切换。在用户列表中：Ctrl+↑ / Ctrl+↓ 上移或下移所选用户，Del 将其移出本册。</translation>
    </message>
    <message>
        <source>%1 (odd months)</source>
        <translation>%1（单月）</translation>
    </message>
    <message>
        <source>%1 (even months)</source>
        <translation>%1（双月）</translation>
    </message>
    <message>
        <source>Added %1 accounts; %2 are on other routes and were not moved; %3 were on this route already.</source>
        <translation>已加入 %1 户；%2 户已在其他抄表册，未移动；%3 户原已在本册。</translation>
    </message>
    <message>
        <source>Added %1 accounts; %2 are on other routes and were not moved.</source>
        <translation>已加入 %1 户；%2 户已在其他抄表册，未移动。</translation>
    </message>
    <message>
        <source>Added %1 accounts (%2 moved from other routes); %3 were on this route already.</source>
        <translation>已加入 %1 户（其中 %2 户从其他抄表册移来）；%3 户原已在本册。</translation>
    </message>
    <message>
        <source>Added %1 accounts (%2 moved from other routes).</source>
        <translation>已加入 %1 户（其中 %2 户从其他抄表册移来）。</translation>
    </message>
    <message>
        <source>Account %1 is on this route already.</source>
        <translation>户号 %1 已在本册，未改变。</translation>
    </message>
    <message>
        <source>Account %1 was on another route: moved here, stop %2.</source>
        <translation>户号 %1 原在其他抄表册，已移到本册，第 %2 户。</translation>
    </message>
    <message>
        <source>Added account %1, stop %2.</source>
        <translation>已加入户号 %1，第 %2 户。</translation>
    </message>
    <message>
        <source>No routes yet: Ctrl+N makes the first one.</source>
        <translation>还没有抄表册：按 Ctrl+N 新建第一个。</translation>
    </message>
    <message>
        <source>%1 %2 · %3 · %4 stops</source>
        <translation>%1 %2 · %3 · 共 %4 户</translation>
    </message>
    <message>
        <source> (first %1 shown; scroll for more)</source>
        <translation>（已显示前 %1 户，向下滚动显示更多）</translation>
    </message>
    <message>
        <source> · Ctrl+G puts a compound on it; or type account numbers below</source>
        <translation> · 按 Ctrl+G 按小区分配，或在下方输入户号</translation>
    </message>
    <message>
        <source>Route %1 saved: %2.</source>
        <translation>抄表册 %1 已保存：%2。</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>正在加入…</translation>
    </message>
    <message>
        <source>Take %1 (%2) off route %3? The stops after it close up.</source>
        <translation>将户号 %1（%2）移出抄表册 %3？其后的用户依次前移。</translation>
    </message>
    <message>
        <source>Account %1 was taken off route %2.</source>
        <translation>户号 %1 已移出抄表册 %2。</translation>
    </message>
    <message>
        <source>Account %1 moved to route %2, stop %3.</source>
        <translation>户号 %1 已移到抄表册 %2，第 %3 户。</translation>
    </message>
</context>
<context>
    <name>RouteForm</name>
    <message>
        <source>New route</source>
        <translation>新建抄表册</translation>
    </message>
    <message>
        <source>Change route %1</source>
        <translation>修改抄表册 %1</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>编号(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. A01</source>
        <translation>例如 A01</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Reader:</source>
        <translation>抄表员(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;ycle:</source>
        <translation>周期(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Days of the month:</source>
        <translation>抄表日(&amp;D)：</translation>
    </message>
    <message>
        <source>5 or 5,6</source>
        <translation>5 或 5,6</translation>
    </message>
    <message>
        <source>&amp;Months:</source>
        <translation>抄表月份(&amp;M)：</translation>
    </message>
    <message>
        <source>Odd months (1, 3, 5 …)</source>
        <translation>单月（1、3、5 …月）</translation>
    </message>
    <message>
        <source>Even months (2, 4, 6 …)</source>
        <translation>双月（2、4、6 …月）</translation>
    </message>
    <message>
        <source>In &amp;use:</source>
        <translation>启用(&amp;U)：</translation>
    </message>
    <message>
        <source>Read on its days</source>
        <translation>按抄表日抄表</translation>
    </message>
    <message>
        <source>Enter moves to the next field; Enter on the last one saves.</source>
        <translation>回车到下一项；在最后一项回车即保存。</translation>
    </message>
    <message>
        <source>Choose the reader of the route.</source>
        <translation>请选择抄表员。</translation>
    </message>
</context>
<context>
    <name>RouteHeading</name>
    <message>
        <source>No route yet: a supervisor sets up routes and puts accounts on them.</source>
        <translation>还没有抄表册：请主管建立抄表册并把用户加入其中。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>%1 %2 · reader %3 · %4 · %5 meters</source>
        <translation>%1 %2 · 抄表员 %3 · %4 · %5 户</translation>
    </message>
</context>
<context>
    <name>RouteList</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>抄表册</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>抄表员</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Routes (F6) — Enter opens</source>
        <translation>抄表册（F6）— Enter 打开</translation>
    </message>
</context>
<context>
    <name>RouteProgress</name>
    <message>
        <source>This cycle (%1 to %2): %3 meters — read %4, not yet read %5, held %6, estimated %7, no access %8</source>
        <translation>本期（%1 至 %2）共 %3 户：已抄 %4，未抄 %5，待审 %6，估抄 %7，未入户 %8</translation>
    </message>
</context>
<context>
    <name>RowDetail</name>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 户：</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Account number, name, pinyin initials (zs), phone or last 4 digits, meter serial, address… (F3)</source>
        <translation>户号、姓名、拼音首字母（zs）、电话或尾号 4 位、表号、地址…… (F3)</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>(application)</source>
        <translation>（申请中）</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Type to search; ↑/↓ choose, Enter opens the account, Esc clears. New account: F2.</source>
        <translation>输入即查询；↑/↓ 选择，回车打开用户，Esc 清空。开户：F2。</translation>
    </message>
    <message>
        <source>No account found for “%1”.</source>
        <translation>没有找到与“%1”相符的用户。</translation>
    </message>
    <message>
        <source>%1 account(s) found — Enter opens the highlighted one.</source>
        <translation>找到 %1 户 — 回车打开选中的用户。</translation>
    </message>
    <message>
        <source>Showing the first %1 of more than %2 accounts</source>
        <translation>显示前 %1 户，超过 %2 户</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2 accounts</source>
        <translation>显示前 %1 户，共 %2 户</translation>
    </message>
    <message>
        <source> — Ctrl+↓ (or PageDown at the end) shows more; Enter opens the highlighted one.</source>
        <translation> — Ctrl+↓（或在末行按 PageDown）显示更多；回车打开选中的用户。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Lock the workstation after idle minutes:</source>
        <translation>无操作多少分钟后锁定工作站：</translation>
    </message>
    <message>
        <source>Wrong passwords before a user is locked:</source>
        <translation>连续输错密码几次后锁定用户：</translation>
    </message>
    <message>
        <source>Minutes a locked user must wait:</source>
        <translation>用户被锁定的分钟数：</translation>
    </message>
    <message>
        <source>Sign-in and locking</source>
        <translation>登录与锁定</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Back up the database now…</source>
        <translation>立即备份数据库…</translation>
    </message>
    <message>
        <source>A hot copy of the live database, checked for integrity after writing.</source>
        <translation>在线热备份当前数据库，写入后进行完整性检查。</translation>
    </message>
    <message>
        <source>LPG depot</source>
        <translation>调瓶点</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>A full cylinder goes out only if in date for:</source>
        <translation>满瓶发出时距检验到期至少：</translation>
    </message>
    <message>
        <source>Fee list (¥)</source>
        <translation>收费标准（元）</translation>
    </message>
    <message>
        <source>Opening fee:</source>
        <translation>开户费：</translation>
    </message>
    <message>
        <source>Installation fee, residential:</source>
        <translation>居民安装费：</translation>
    </message>
    <message>
        <source>Installation fee, commercial:</source>
        <translation>商业安装费：</translation>
    </message>
    <message>
        <source>Installation fee, industrial:</source>
        <translation>工业安装费：</translation>
    </message>
    <message>
        <source>Installation fee, public institution:</source>
        <translation>公共机构安装费：</translation>
    </message>
    <message>
        <source>Meter fee (with the installation, or a meter sold at the counter):</source>
        <translation>燃气表费（随安装费收取，或柜台售表）：</translation>
    </message>
    <message>
        <source>Default prepayment:</source>
        <translation>默认预付款：</translation>
    </message>
    <message>
        <source>Call-out service fee (at the counter):</source>
        <translation>上门服务费（柜台收取）：</translation>
    </message>
    <message>
        <source>Reconnection fee (at the counter):</source>
        <translation>复通费（柜台收取）：</translation>
    </message>
    <message>
        <source>Reading checks</source>
        <translation>抄表检查</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>A reading is held for a supervisor when its use is above the factor times the usual use of the period and above the least use, or after that many periods in a row without use.</source>
        <translation>用量既超过近期平均用量的设定倍数、又高于下限，或连续零用量达到设定期数时，读数转为待审，由主管确认或更正。</translation>
    </message>
    <message>
        <source>Printers of this computer</source>
        <translation>本机打印机</translation>
    </message>
    <message>
        <source>Receipt printer (80 mm roll):</source>
        <translation>票据打印机（80 mm 卷纸）：</translation>
    </message>
    <message>
        <source>Office printer for A4:</source>
        <translation>A4 办公打印机：</translation>
    </message>
    <message>
        <source>Office printer for A5:</source>
        <translation>A5 办公打印机：</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1（未安装）</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Printouts print 1:1 on the printer chosen for their paper.</source>
        <translation>打印件按原尺寸（1:1）在为其纸张选定的打印机上打印。</translation>
    </message>
    <message>
        <source>Saved for this computer: %1</source>
        <translation>已为本机保存：%1</translation>
    </message>
    <message>
        <source>No printer is installed on this computer.</source>
        <translation>本机没有安装打印机。</translation>
    </message>
    <message>
        <source>Printing on %1…</source>
        <translation>正在用 %1 打印…</translation>
    </message>
    <message>
        <source>Test page sent to %1.</source>
        <translation>测试页已发送到 %1。</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>未能打印：%1</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Back up the database to</source>
        <translation>将数据库备份到</translation>
    </message>
    <message>
        <source>SQLite database (*.db)</source>
        <translation>SQLite 数据库 (*.db)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Backup written and checked: %1</source>
        <translation>备份已写入并通过检查：%1</translation>
    </message>
    <message>
        <source>Chain head %1, kept beside it in %2</source>
        <translation>校验链头 %1，已存入旁边的 %2</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>Closing settlement</source>
        <translation>销户结算</translation>
    </message>
    <message>
        <source>Settle for closing (Enter)</source>
        <translation>办理销户结算 (回车)</translation>
    </message>
    <message>
        <source>Payment &amp;method:</source>
        <translation>付款方式(&amp;M)：</translation>
    </message>
    <message>
        <source>At closing:</source>
        <translation>销户结清：</translation>
    </message>
    <message>
        <source>&amp;Final reading (m³):</source>
        <translation>最终读数(&amp;F)(m³)：</translation>
    </message>
    <message>
        <source>Read &amp;on:</source>
        <translation>抄表日期(&amp;O)：</translation>
    </message>
    <message>
        <source>Gas to it:</source>
        <translation>至此气费：</translation>
    </message>
    <message>
        <source>Other &amp;charge (¥):</source>
        <translation>其他费用(&amp;C)(¥)：</translation>
    </message>
    <message>
        <source>Anything else owed at closing (the gas is billed from the final reading)</source>
        <translation>销户时应收的其他费用（气费按最终读数计费，不在此填写）</translation>
    </message>
    <message>
        <source>This settles the account for closing: the gas to the final reading is billed, prepayment and deposits are released, any other charge is added and the net is paid out or collected, leaving ¥0.00; then close the account (Alt+X). It is not for taking a payment.</source>
        <translation>这是销户前的结算：按最终读数计收气费，退还预付款和押金，加收其他费用，差额退还或收取，使账户余额为 ¥0.00；然后办理销户（Alt+X）。这不是收费。</translation>
    </message>
    <message>
        <source>type the final reading</source>
        <translation>请填写最终读数</translation>
    </message>
    <message>
        <source>working it out…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>gas billed %1</source>
        <translation>计收气费 %1</translation>
    </message>
    <message>
        <source>refund %1 to the customer and close</source>
        <translation>退还客户 %1 后销户</translation>
    </message>
    <message>
        <source>collect %1 from the customer and close</source>
        <translation>向客户收取 %1 后销户</translation>
    </message>
    <message>
        <source>nothing to pay or collect: ready to close</source>
        <translation>无需收付，可以销户</translation>
    </message>
    <message>
        <source>The amount is not a valid number.</source>
        <translation>金额不是有效的数字。</translation>
    </message>
    <message>
        <source>The reading is not a valid number.</source>
        <translation>读数不是有效的数字。</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>%1 jiao</source>
        <translation>%1角</translation>
    </message>
    <message>
        <source>%1 fen</source>
        <translation>%1分</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>日结（结班）</translation>
    </message>
    <message>
        <source>Close the shift (Enter)</source>
        <translation>结班 (回车)</translation>
    </message>
    <message>
        <source>Reading the shift…</source>
        <translation>正在读取本班数据…</translation>
    </message>
    <message>
        <source>%1 ×</source>
        <translation>%1 ×</translation>
    </message>
    <message>
        <source>Cash counted:</source>
        <translation>点钞：</translation>
    </message>
    <message>
        <source>Counted:</source>
        <translation>实点现金：</translation>
    </message>
    <message>
        <source>&amp;Why it differs:</source>
        <translation>差额说明(&amp;W)：</translation>
    </message>
    <message>
        <source>Shift %1 of %2 at %3, business date %4.</source>
        <translation>班次 %1：%2，柜台 %3，营业日 %4。</translation>
    </message>
    <message>
        <source>Taken: %1 (%2).</source>
        <translation>本班收款 %1（%2）。</translation>
    </message>
    <message>
        <source>Receipts %1 to %2: %3; void %4, refunds %5.</source>
        <translation>收据 %1 至 %2，共 %3 张；作废 %4 张，退款 %5 张。</translation>
    </message>
    <message>
        <source>The drawer should hold %1 in cash.</source>
        <translation>钱箱应有现金 %1。</translation>
    </message>
    <message>
        <source>over by %1</source>
        <translation>长款 %1</translation>
    </message>
    <message>
        <source>short by %1</source>
        <translation>短款 %1</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>无差额</translation>
    </message>
    <message>
        <source>Closing sheet of shift %1</source>
        <translation>班次 %1 日结单</translation>
    </message>
</context>
<context>
    <name>StartServiceDialog</name>
    <message>
        <source>Put the account in service</source>
        <translation>转为在用</translation>
    </message>
    <message>
        <source>Gas is on and the meter is recorded. Put the account in service now? (Enter)</source>
        <translation>已通气且燃气表已登记。现在转为在用？（回车确认）</translation>
    </message>
</context>
<context>
    <name>StockPage</name>
    <message>
        <source>the plant&apos;s or the inspection station&apos;s note number</source>
        <translation>充装站或检验站的单据号</translation>
    </message>
    <message>
        <source>Scan each cylinder (or type a range such as A0001~0100), Enter</source>
        <translation>逐只扫描钢瓶（或输入范围，如 A0001~0100），按 Enter</translation>
    </message>
    <message>
        <source>Record (F9)</source>
        <translation>保存 (F9)</translation>
    </message>
    <message>
        <source>Start over (F8)</source>
        <translation>重来 (F8)</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>办理(&amp;W)：</translation>
    </message>
    <message>
        <source>Delivery &amp;note:</source>
        <translation>交接单号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Scan (F4):</source>
        <translation>扫描(&amp;S) (F4)：</translation>
    </message>
    <message>
        <source>Many cylinders at once</source>
        <translation>成批办理</translation>
    </message>
    <message>
        <source>custody slip number, e.g. D01-K-0000001, then Enter</source>
        <translation>代存单号，如 D01-K-0000001，按 Enter</translation>
    </message>
    <message>
        <source>Hand back a customer&apos;s cylinders against the custody slip</source>
        <translation>凭代存单发还顾客钢瓶</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Sheets</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Stock sheet (Ctrl+P)</source>
        <translation>库存表 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Movement sheet</source>
        <translation>收发存日报</translation>
    </message>
    <message>
        <source>Inspection reminders</source>
        <translation>到检提醒</translation>
    </message>
    <message>
        <source>due within</source>
        <translation>到检期限</translation>
    </message>
    <message>
        <source>Day end</source>
        <translation>日终</translation>
    </message>
    <message>
        <source>Close shift (Ctrl+F9)</source>
        <translation>日结 (Ctrl+F9)</translation>
    </message>
    <message>
        <source>Remit cash (Shift+F9)</source>
        <translation>现金解缴 (Shift+F9)</translation>
    </message>
    <message>
        <source>Hand in coupons (Ctrl+Shift+F9)</source>
        <translation>气票解缴 (Ctrl+Shift+F9)</translation>
    </message>
    <message>
        <source>Send empties to the filling plant</source>
        <translation>空瓶送充装</translation>
    </message>
    <message>
        <source>Receive full cylinders from the plant</source>
        <translation>充装满瓶入库</translation>
    </message>
    <message>
        <source>Send for inspection</source>
        <translation>送检</translation>
    </message>
    <message>
        <source>Back from inspection: passed</source>
        <translation>检验合格回厂</translation>
    </message>
    <message>
        <source>Back from inspection: failed, scrapped</source>
        <translation>检验不合格报废</translation>
    </message>
    <message>
        <source>Scrap company cylinders</source>
        <translation>报废公司钢瓶</translation>
    </message>
    <message>
        <source>Physical count (盘点)</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Inspection &amp;date:</source>
        <translation>检验日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Explanation of a difference:</source>
        <translation>差异原因(&amp;E)：</translation>
    </message>
    <message>
        <source>today unless given, e.g. 2026-12-01</source>
        <translation>不填为今天，如 2026-12-01</translation>
    </message>
    <message>
        <source>%1 is on the list already.</source>
        <translation>%1 已在清单中。</translation>
    </message>
    <message>
        <source>%1 on the list</source>
        <translation>清单共 %1 只</translation>
    </message>
    <message>
        <source>On the books %1, found %2: %3 missing, %4 extra</source>
        <translation>账面 %1 只，实盘 %2 只：少 %3 只，多 %4 只</translation>
    </message>
    <message>
        <source>Scan the cylinders first (F4).</source>
        <translation>请先扫描钢瓶 (F4)。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Count recorded: %1 on the books, %2 found, %3 missing, %4 extra.</source>
        <translation>盘点已保存：账面 %1 只，实盘 %2 只，少 %3 只，多 %4 只。</translation>
    </message>
    <message>
        <source>%1: %2 cylinders recorded, note %3.</source>
        <translation>%1：已办理 %2 只，交接单 %3。</translation>
    </message>
    <message>
        <source>Slip %1: handed back %2.</source>
        <translation>代存单 %1：已发还 %2。</translation>
    </message>
    <message>
        <source>Scrapped at inspection, kept: %1.</source>
        <translation>送检报废留存：%1。</translation>
    </message>
    <message>
        <source>The coupons of %1 were handed to %2.</source>
        <translation>%1 的气票已交 %2。</translation>
    </message>
    <message>
        <source>No coupon was redeemed today.</source>
        <translation>今天没有收回气票。</translation>
    </message>
    <message>
        <source>Coupons handed to %1.</source>
        <translation>气票已交 %1。</translation>
    </message>
    <message>
        <source>Making the sheet…</source>
        <translation>正在生成日报…</translation>
    </message>
    <message>
        <source>Stock sheet</source>
        <translation>库存表</translation>
    </message>
</context>
<context>
    <name>SuspendDialog</name>
    <message>
        <source>Suspend the supply</source>
        <translation>停气</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. 用户申请暂停用气 / 安全隐患</source>
        <translation>如 用户申请暂停用气 / 安全隐患</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer to a new holder</source>
        <translation>过户给新户主</translation>
    </message>
    <message>
        <source>Household si&amp;ze:</source>
        <translation>家庭人口(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Transfer reading (m³):</source>
        <translation>过户读数(&amp;T)（立方米）：</translation>
    </message>
    <message>
        <source>Old holder&apos;s &amp;funds:</source>
        <translation>原户主款项(&amp;F)：</translation>
    </message>
    <message>
        <source>Refund to the old holder now</source>
        <translation>现在退还原户主</translation>
    </message>
    <message>
        <source>Carry over to the new holder (old holder consents)</source>
        <translation>转给新户主（原户主同意）</translation>
    </message>
    <message>
        <source>Refund &amp;method:</source>
        <translation>退款方式(&amp;M)：</translation>
    </message>
    <message>
        <source>Old holder&apos;s &amp;consent:</source>
        <translation>原户主同意(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. 原户主张三签字同意预付款和押金转给新户主</source>
        <translation>如 原户主张三签字同意预付款和押金转给新户主</translation>
    </message>
    <message>
        <source>Arrears must be paid before a transfer. The account number stays; the old contract ends and a new one starts.</source>
        <translation>过户前须结清欠费。户号不变；原合同终止，另签新合同。</translation>
    </message>
    <message>
        <source>Meter %1, last reading %2: read it now; the old holder&apos;s use ends at the transfer reading.</source>
        <translation>燃气表 %1，上次读数 %2：请现场抄表；原户主的用气截至过户读数。</translation>
    </message>
    <message>
        <source>Enter the meter&apos;s transfer reading (meter %1).</source>
        <translation>请填写燃气表 %1 的过户读数。</translation>
    </message>
</context>
<context>
    <name>UseChart</name>
    <message>
        <source>No use recorded yet.</source>
        <translation>还没有用量记录。</translation>
    </message>
    <message>
        <source>Use per reading period (m³)</source>
        <translation>每期用量（m³）</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked (wrong passwords)</source>
        <translation>已锁定（密码错误次数过多）</translation>
    </message>
    <message>
        <source>Active — must change password</source>
        <translation>启用 — 须修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Please select a user in the table first.</source>
        <translation>请先在表格中选择一个用户。</translation>
    </message>
    <message>
        <source>Enable the user %1 (%2)?</source>
        <translation>启用用户 %1（%2）？</translation>
    </message>
    <message>
        <source>Disable the user %1 (%2)? They will not be able to sign in.</source>
        <translation>停用用户 %1（%2）？停用后该用户将无法登录。</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Refund a receipt</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Void a receipt</source>
        <translation>作废收据</translation>
    </message>
    <message>
        <source>Refund (Enter)</source>
        <translation>退款 (回车)</translation>
    </message>
    <message>
        <source>Void (Enter)</source>
        <translation>作废 (回车)</translation>
    </message>
    <message>
        <source>Receipt %1, %2, %3.</source>
        <translation>收据 %1，%2，营业日 %3。</translation>
    </message>
    <message>
        <source>Its shift is closed: the money goes back as a refund in today&apos;s shift, with a refund receipt.</source>
        <translation>该收据的班次已结班：款项在今天的班次中退还，并开具退款收据。</translation>
    </message>
    <message>
        <source>The whole payment is reversed and the bills it paid are open again; the receipt keeps its number, marked void.</source>
        <translation>整笔收款冲回，所付账单恢复为未缴；收据号保留，标记为作废。</translation>
    </message>
    <message>
        <source>A supervisor approves it here with their password.</source>
        <translation>须主管在此输入密码批准。</translation>
    </message>
</context>
<context>
    <name>Workplaces</name>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Meter readings</source>
        <translation>抄表</translation>
    </message>
    <message>
        <source>Cylinder depot</source>
        <translation>调瓶点</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
</context>
</TS>
