<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BrandPanel</name>
    <message>
        <location filename="../../community_app/ui/widgets/brand_panel.py" line="+44"/>
        <source>智慧社区
网格化管理平台</source>
        <translation>Smart Community
Grid Management</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一网通管 · 网格服务 · 特殊群体关爱</source>
        <translation>One network · grid services · care for special groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据保存在本机，断网时也能正常工作。</source>
        <translation>Data is kept on this computer; work goes on without a network.</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <location filename="../../community_app/ui/i18n.py" line="+52"/>
        <source>用户名或密码不正确，请重新输入。</source>
        <translation>The user name or password is incorrect. Please try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名须为 3–32 位小写字母、数字或 _ . -，并以字母开头。</source>
        <translation>The user name must be 3–32 lowercase letters, digits or _ . - and start with a letter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写姓名。</source>
        <translation>Please enter the name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码至少 8 位，且须同时包含字母和数字。</source>
        <translation>The password must be at least 8 characters long and contain both letters and digits.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已有可用账号，请用已有账号登录后在系统管理中添加用户。</source>
        <translation>An account already exists. Please sign in with it and add users under system administration.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择本社区。</source>
        <translation>Please choose your community.</translation>
    </message>
</context>
<context>
    <name>CorruptDatabaseDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/db_problem_dialog.py" line="+138"/>
        <source>数据库文件无法打开</source>
        <translation>The database file cannot be opened</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>数据库文件已损坏，或者不是本程序的数据库</source>
        <translation>The database file is damaged, or it is not a database of this program</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>程序无法读取这个文件：
%1

无论选择哪一项，这个文件都不会被覆盖或删除；恢复备份或新建数据库时，它会改名保存在同一个文件夹里。请选择接下来怎么做：</source>
        <translation>The program cannot read this file:
%1

Whatever you choose, this file is never overwritten or deleted; restoring a backup or starting a new database keeps it, renamed, in the same folder. Please choose what to do next:</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>恢复最近的备份（%1）</source>
        <translation>Restore the latest backup (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新生成演示数据库</source>
        <translation>Create the demo database again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新建空数据库</source>
        <translation>Start a new, empty database</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有找到这个数据库的备份。如果您有别处保存的副本，可以先退出，把副本放回原位置后再启动程序。</source>
        <translation>No backup of this database was found. If you have a copy elsewhere, quit, put the copy in its place and start the program again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>恢复备份后，备份时间之后录入的数据不会包含在内。</source>
        <translation>After restoring, data entered after the time of the backup will not be included.</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <location line="+17"/>
        <location line="+14"/>
        <source>数据库文件检测到损坏</source>
        <translation>Damage found in the database file</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>恢复最近的备份（%1）</source>
        <translation>Restore the latest backup (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>程序在后台检查数据库时，发现这个文件有损坏的部分：
%1

继续使用可能读到错误的数据，新录入的内容也可能丢失。</source>
        <translation>While checking the database in the background, the program found damaged parts in this file:
%1

If you keep working, wrong data may be shown and what you enter may be lost.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到这个数据库的备份。请退出程序，不要删除或移动这个文件，并联系系统管理员或技术支持处理。</source>
        <translation>No backup of this database was found. Please quit the program, do not delete or move this file, and contact your system administrator or technical support.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>建议立即恢复最近的备份：损坏的文件会改名保存在同一个文件夹里，不会被删除；恢复后请重新登录。备份时间之后录入的数据不会包含在内。</source>
        <translation>We recommend restoring the latest backup now. The damaged file is kept, renamed, in the same folder, never deleted; after restoring, please sign in again. Data entered after the time of the backup will not be included.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../community_app/ui/pages/dashboard_page.py" line="+160"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新统计以下数字</source>
        <translation>Count the numbers below again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本情况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>诉求办理</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在办诉求 · 按办理环节</source>
        <translation>Open requests · by stage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>居民总数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在册常住、流动及境外人员</source>
        <translation>Registered, floating and foreign residents on record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>有在册居民的住户</source>
        <translation>Dwellings with residents on record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待走访</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊群体居民，已到或超过走访周期</source>
        <translation>Special-group residents whose visit is due or overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在办诉求</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未办结的居民诉求</source>
        <translation>Residents&apos; requests not yet closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已超过办理时限，请优先处理</source>
        <translation>Past their deadline: please handle these first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>24 小时内到期</source>
        <translation>Due within 24 hours</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>我负责的网格</source>
        <translation>my grid cells</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全社区</source>
        <translation>whole community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统计范围：%1</source>
        <translation>Scope: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据截至 %1（北京时间）</source>
        <translation>As of %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>统计数据时出现问题，以下数字可能不是最新的。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem counting the numbers; those below may be out of date. Please click “Refresh” to try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>DatabaseProblem</name>
    <message>
        <location filename="../../community_app/ui/dialogs/db_problem_dialog.py" line="+10"/>
        <source>需要升级程序</source>
        <translation>Please upgrade the program</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个数据库是由更新版本的程序创建的，当前程序无法打开它。</source>
        <translation>This database was created by a newer version of the program; this version cannot open it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件：%1

数据库没有做任何改动。请把本程序升级到最新版本后再打开。</source>
        <translation>File: %1

Nothing in the database has been changed. Please upgrade this program to the latest version, then open it again.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>程序无法打开或创建数据库文件。</source>
        <translation>The program cannot open or create the database file.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件：%1

请确认这个文件夹存在、有写入权限，并且磁盘没有写满。文件没有被改动。问题解决后请重新启动程序。</source>
        <translation>File: %1

Please check that the folder exists, that you may write to it and that the disk is not full. The file has not been changed. Start the program again once this is solved.</translation>
    </message>
</context>
<context>
    <name>DatabaseStartup</name>
    <message>
        <location filename="../../community_app/ui/db_startup.py" line="+61"/>
        <source>正在生成演示社区的数据，请稍候…</source>
        <translation>Creating the demo community&apos;s data, please wait…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>正在恢复备份…</source>
        <translation>Restoring the backup…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已从 %1 的备份恢复数据库；原来的文件已改名保存为 %2</source>
        <translation>Database restored from the backup of %1; the previous file is kept, renamed, as %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在新建数据库…</source>
        <translation>Creating a new database…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已新建数据库；无法打开的原文件保存为 %1</source>
        <translation>New database created; the file that could not be opened is kept as %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>数据库已升级到当前版本；升级前的副本保存在 %1</source>
        <translation>The database was upgraded to this version; a copy from before the upgrade is kept at %1</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <location filename="../../community_app/ui/session.py" line="+102"/>
        <source>正在读取账号信息…</source>
        <translation>Reading the accounts…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>管理员账号已创建。请输入刚才设置的密码登录。</source>
        <translation>The administrator account has been created. Sign in with the password you just set.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>已恢复 %1 的备份。请重新登录。</source>
        <translation>The backup of %1 has been restored. Please sign in again.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../community_app/ui/errors.py" line="+56"/>
        <source>出现意外问题</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刚才的操作没有完成，程序遇到了意外的问题。</source>
        <translation>The last action did not finish: the program ran into an unexpected problem.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已经保存的数据不受影响。您可以重试刚才的操作；如果问题反复出现，请联系系统管理员，并把下面这个日志文件交给他：
%1</source>
        <translation>Data already saved is not affected. You can try the action again; if the problem keeps coming back, contact your system administrator and give them this log file:
%1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/first_run_dialog.py" line="+180"/>
        <source>首次使用设置 — 智慧社区网格化管理平台</source>
        <translation>First-time setup — Smart Community Grid Management</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首次使用设置</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这是一个新的数据库，里面还没有任何工作账号，所以现在还无法登录。请先为本社区创建第一个系统管理员账号；创建后用它登录，再为其他工作人员添加账号。</source>
        <translation>This is a new database. It has no work accounts yet, so nobody can sign in. Please create the first system administrator account for your community; then sign in with it and add accounts for the other staff.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>数据库文件：%1</source>
        <translation>Database file: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>输入街道或社区名称查找，或点击右侧箭头选择</source>
        <translation>Type a name to search, or click the arrow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员的真实姓名</source>
        <translation>The administrator&apos;s real name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录时使用，例如 liming</source>
        <translation>Used to sign in, e.g. liming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请设置密码</source>
        <translation>Choose a password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请再输入一遍密码</source>
        <translation>Enter the password again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本机的数据属于哪个社区；以后不能更改。</source>
        <translation>The community this computer&apos;s data belongs to; it cannot be changed later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示在工作台和操作记录中。</source>
        <translation>Shown on the dashboard and in the activity log.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3–32 位小写字母、数字或 _ . -，以字母开头。</source>
        <translation>3–32 lowercase letters, digits or _ . -, starting with a letter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至少 8 位，须同时包含字母和数字。请牢记，忘记后无法找回。</source>
        <translation>At least 8 characters, with both letters and digits. Keep it safe: a forgotten password cannot be recovered.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请从列表中选择所在社区。</source>
        <translation>Please choose your community from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现在无法创建账号：写入数据库时出现问题。请确认磁盘没有写满后重试；如果问题反复出现，请联系技术支持。</source>
        <translation>Cannot create the account right now: there was a problem writing to the database. Make sure the disk is not full and try again; if the problem keeps coming back, contact technical support.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在创建账号…</source>
        <translation>Creating the account…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>创建管理员账号</source>
        <translation>Create administrator account</translation>
    </message>
</context>
<context>
    <name>LanguageChooser</name>
    <message>
        <location filename="../../community_app/ui/widgets/language_chooser.py" line="+41"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../community_app/ui/login_dialog.py" line="+188"/>
        <source>登录 — 智慧社区网格化管理平台</source>
        <translation>Sign in — Smart Community Grid Management</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请使用社区分配的工作账号登录。</source>
        <translation>Use the work account your community gave you.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+7"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>请输入用户名</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>演示账号</source>
        <translation>Demo accounts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前为演示模式，数据均为虚构。点击一行即可填入账号和密码。</source>
        <translation>Demo mode: all data is made up. Click a row to fill in its user name and password.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请输入用户名。</source>
        <translation>Please enter your user name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请输入密码。</source>
        <translation>Please enter your password.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>现在无法登录：读取数据库时出现问题。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>Cannot sign in right now: there was a problem reading the database. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../community_app/ui/main_window.py" line="+190"/>
        <source>智慧社区网格化管理平台</source>
        <translation>Smart Community Grid Management</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前用户：%1（%2）</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../community_app/ui/i18n.py" line="-13"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社区负责人</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location line="-13"/>
        <source>待受理</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处置中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待核查</source>
        <translation>To verify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已回访</source>
        <translation>Followed up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已并单</source>
        <translation>Merged</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message numerus="yes">
        <location filename="../../community_app/ui/pages/dashboard_page.py" line="-186"/>
        <source>人</source>
        <translation>
            <numerusform>person</numerusform>
            <numerusform>people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>户</source>
        <translation>
            <numerusform>household</numerusform>
            <numerusform>households</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>件</source>
        <translation>
            <numerusform>request</numerusform>
            <numerusform>requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../community_app/ui/workers.py" line="+179"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
</TS>
