<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Settings and backup</source>
        <translation>设置与备份</translation>
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
    <name>CounterPage</name>
    <message>
        <source>Counter</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>Here the counter clerk will open accounts, sign contracts, collect fees and deposits, rename and transfer accounts, print receipts and close the shift.</source>
        <translation>业务员将在这里办理开户、签订合同、收取费用和押金、更名过户、打印收据以及日结。</translation>
    </message>
</context>
<context>
    <name>DepotPage</name>
    <message>
        <source>Cylinder depot</source>
        <translation>调瓶点</translation>
    </message>
    <message>
        <source>Here the depot keeper will issue and take back LPG cylinders, refuse unfit ones, take deposits and coupons, and print stock sheets.</source>
        <translation>调瓶点营业员将在这里发放和回收液化气钢瓶、拒收不合格钢瓶、收取押金和液化气票，并打印库存表。</translation>
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
    <name>FormDialog</name>
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
    <name>PdfPreview</name>
    <message>
        <source>Print… (Ctrl+P)</source>
        <translation>打印…（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save PDF… (Ctrl+S)</source>
        <translation>保存 PDF…（Ctrl+S）</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is switched on and has paper.</source>
        <translation>无法启动打印机。请检查打印机是否已开机、是否有纸。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
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
    <name>ReadingsPage</name>
    <message>
        <source>Meter readings</source>
        <translation>抄表</translation>
    </message>
    <message>
        <source>Here the meter reader will print route sheets, enter or import the day&apos;s readings with the three checks, and print dunning and price-change notices.</source>
        <translation>抄表员将在这里打印抄表册、按“三准”录入或导入当天的抄表数，并打印催缴通知和调价通知。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Here supervisors will find the daily takings, arrears, reading and cylinder stock reports, and export them.</source>
        <translation>主管将在这里查看并导出营业日报、欠费、抄表和钢瓶库存等报表。</translation>
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
    <name>Roles</name>
    <message>
        <source>Counter clerk</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Meter reader</source>
        <translation>抄表员</translation>
    </message>
    <message>
        <source>Depot keeper</source>
        <translation>调瓶点营业员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
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
