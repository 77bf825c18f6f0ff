<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/action_dialog.py" line="+227"/>
        <source>相距约 %1 米</source>
        <translation>about %1 m away</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>环节不变（%1）</source>
        <translation>Stage unchanged (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>并入诉求</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>延期时长</source>
        <translation>Extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请选择承办人</source>
        <translation>Choose the assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择要并入的诉求</source>
        <translation>Choose the request to merge into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有可并入的同类在办诉求</source>
        <translation>No open request of the same category to merge into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 个工作小时</source>
        <translation> working hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请了 %1 个工作小时，可按实际批准</source>
        <translation>%1 working hours were requested; approve what is actually needed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按工作时间计算，最多 %1 个工作小时</source>
        <translation>Counted in working time; at most %1 working hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>选填：办理情况、处理结果等</source>
        <translation>Optional: what was done, the outcome, etc.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>正在提交…</source>
        <translation>Submitting…</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>请点选 1–5 颗星</source>
        <translation>Click 1–5 stars</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未添加（可选）</source>
        <translation>None added (optional)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
</context>
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
    <name>BuildingDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/building_dialog.py" line="+87"/>
        <source>修改楼栋</source>
        <translation>Edit building</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记楼栋</source>
        <translation>Register building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改楼栋信息</source>
        <translation>Edit building details</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记新楼栋</source>
        <translation>Register a new building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋所在网格由坐标自动确定；坐标不在任何网格内的楼栋会被标记出来，以便核对。</source>
        <translation>The building&apos;s grid cell is found from its coordinates; a building outside every cell is flagged so that it can be checked.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋名称</source>
        <translation>Building name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>标准地址</source>
        <translation>Standard address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>路（街）/门牌</source>
        <translation>Road / number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>层数/建成年份</source>
        <translation>Floors / built</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例如 6号楼</source>
        <translation>e.g. 6号楼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如 山东省青岛市市南区湛山三路6号</source>
        <translation>e.g. 山东省青岛市市南区湛山三路6号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>路（街）名，例如 湛山三路</source>
        <translation>Road (street), e.g. 湛山三路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>门牌号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地上层数</source>
        <translation>Floors above ground</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建成年份，例如 1995</source>
        <translation>Year built, e.g. 1995</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如 120.385432</source>
        <translation>e.g. 120.385432</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如 36.065321</source>
        <translation>e.g. 36.065321</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>坐标取自高德或腾讯地图（GCJ-02），保存时换算为 WGS-84</source>
        <translation>Coordinates from Amap or Tencent Maps (GCJ-02); convert to WGS-84 when saving</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>可直接粘贴地图上复制的“经度,纬度”，两栏会自动填好。</source>
        <translation>You can paste “longitude,latitude” copied from a map: both boxes are filled in.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中国境内纬度约为 4–54，经度约为 73–136。</source>
        <translation>In China the latitude is about 4–54 and the longitude about 73–136.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请填写数字。</source>
        <translation>Please enter a number.</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/categories_dialog.py" line="+145"/>
        <source>分类与时限</source>
        <translation>Categories and deadlines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求分类与办理时限</source>
        <translation>Request categories and deadlines</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>诉求登记在小类下，按小类的时限计算办理期限（只计工作时间）。修改时限只影响之后登记的诉求，已登记的诉求保持原期限。不再使用的类别请停用，停用后登记时不再显示。</source>
        <translation>Requests are registered under a subcategory, whose time limit sets the deadline (working time only). A changed limit applies only to requests registered afterwards; registered requests keep their deadline. Deactivate categories no longer used: they are then no longer offered when registering.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>性质</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增大类</source>
        <translation>New category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增小类</source>
        <translation>New subcategory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在选中的大类下新增小类</source>
        <translation>Add a subcategory to the selected category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>读取类别时出现问题。请关闭后重新打开；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the categories. Please close and open again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>没有修改。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>保存时出现问题，没有保存任何修改。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: no change was saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>CategoryForm</name>
    <message>
        <location filename="../../community_app/ui/dialogs/category_form.py" line="+132"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>性质</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>排序号</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+17"/>
        <source>工作小时</source>
        <translation>work hrs</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>工作日</source>
        <translation>work days</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+19"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+18"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（不设时限）</source>
        <translation>(no time limit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动（排在最后）</source>
        <translation>Auto (last)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如 E0110</source>
        <translation>e.g. E0110</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代码保存后不能修改：诉求和统计报表都按代码引用类别。</source>
        <translation>The code cannot be changed once saved: requests and reports refer to categories by their code.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>部件</source>
        <translation>Facility</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>社区服务</source>
        <translation>Community service</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>大类 %1</source>
        <translation>Category %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>小类 %1</source>
        <translation>Subcategory %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增小类（所属大类：%1）</source>
        <translation>New subcategory (in %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新增大类</source>
        <translation>New category</translation>
    </message>
</context>
<context>
    <name>CategoryPieChart</name>
    <message>
        <location filename="../../community_app/ui/widgets/kpi_charts.py" line="+323"/>
        <source>%1：%2 件（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>点击查看明细</source>
        <translation>Click for details</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../community_app/ui/pages/conflicts_page.py" line="+61"/>
        <source>改为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>输入新的值</source>
        <translation>Type a new value</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>两边的值相同，无需选择</source>
        <translation>Both sides have the same value; nothing to choose</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>提交处理结果</source>
        <translation>Submit resolution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按所选的值保存，并立即发送到城市平台</source>
        <translation>Save the chosen values and send them to the city platform now</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 · %2
%3 个字段有分歧 · %4</source>
        <translation>%1 · %2
Fields differing: %3 · %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只有社区负责人和系统管理员可以处理同步冲突。</source>
        <translation>Only a community supervisor or system administrator can resolve sync conflicts.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>没有待处理的同步冲突。本机和城市平台的数据一致。</source>
        <translation>No sync conflicts to resolve. The data on this computer matches the city platform.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机的修改被城市平台退回：同一字段在城市平台上也被改过（城市平台版本 %1，发现于 %2）。请逐项选择保留哪个值。</source>
        <translation>The city platform rejected this computer&apos;s change: the same fields were changed there too (platform version %1, found %2). Choose the value to keep for each field.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 注意：这条记录在城市平台上已被删除。</source>
        <translation> Note: this record has been deleted on the city platform.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机的值</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>城市平台的值</source>
        <translation>City platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改为其他值</source>
        <translation>Other value</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请为每个有分歧的字段选择保留哪一方的值：%1</source>
        <translation>Choose the value to keep for each field that differs: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择“改为”时请填写新的值。</source>
        <translation>Type the new value when you choose “Change to”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保存失败，请重试；如果一直这样，请联系管理员。</source>
        <translation>Saving failed. Please try again; if it keeps happening, contact your administrator.</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <location filename="../../community_app/ui/i18n.py" line="+62"/>
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
        <location filename="../../community_app/ui/pages/dashboard_page.py" line="+222"/>
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
        <location line="+2"/>
        <source>正在统计本月指标…</source>
        <translation>Counting this month&apos;s indicators…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>在办诉求 · 按办理环节</source>
        <translation>Open requests · by stage</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>今日概况</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>我的待办</source>
        <translation>My to-do</translation>
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
        <location line="+2"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+26"/>
        <location line="+177"/>
        <source>我负责的网格</source>
        <translation>my grid cells</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>剩余办理时间不足 %1 个工作小时</source>
        <translation>Less than %1 working hours left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待巡查</source>
        <translation>Patrols due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>巡查计划已到或超过巡查日期</source>
        <translation>Patrol plans due or past their patrol date</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>点击查看明细</source>
        <translation>Click for details</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+177"/>
        <source>全社区</source>
        <translation>whole community</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>统计范围：%1</source>
        <translation>Scope: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+162"/>
        <source>数据截至 %1（北京时间）</source>
        <translation>As of %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="-160"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+136"/>
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
        <location filename="../../community_app/ui/db_startup.py" line="+78"/>
        <source>正在生成演示社区的数据，请稍候…</source>
        <translation>Creating the demo community&apos;s data, please wait…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location line="+67"/>
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
    <name>DeathDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/resident_status_dialog.py" line="+146"/>
        <location line="+1"/>
        <source>死亡注销</source>
        <translation>Record death</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认为居民“%1”办理死亡注销吗？档案保留，状态改为“已故”，不再计入在册人数和走访对象。请核实死亡证明后再办理。</source>
        <translation>Record the death of “%1”? The record is kept and marked “Deceased”. Please check the death certificate first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>死亡日期</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认注销</source>
        <translation>Record death</translation>
    </message>
</context>
<context>
    <name>DesktopSession</name>
    <message>
        <location filename="../../community_app/ui/session.py" line="+97"/>
        <source>正在读取账号信息…</source>
        <translation>Reading the accounts…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>管理员账号已创建。请输入刚才设置的密码登录。</source>
        <translation>The administrator account has been created. Sign in with the password you just set.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>已恢复 %1 的备份。请重新登录。</source>
        <translation>The backup of %1 has been restored. Please sign in again.</translation>
    </message>
</context>
<context>
    <name>DetailHeader</name>
    <message>
        <location filename="../../community_app/ui/pages/resident_detail_header.py" line="+63"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迁出</source>
        <translation>Move out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>死亡注销</source>
        <translation>Record death</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改这位居民的档案</source>
        <translation>Edit this resident&apos;s record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记迁出：档案保留，状态改为“已迁出”</source>
        <translation>Record a move-out: the record is kept, its status becomes “Moved out”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记死亡：档案保留，状态改为“已故”</source>
        <translation>Record a death: the record is kept, its status becomes “Deceased”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待同步</source>
        <translation>Waiting to sync</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同步出错</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未同步</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1岁</source>
        <translation>age %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 出生</source>
        <translation>born %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>与户主关系：%1</source>
        <translation>relation to head: %1</translation>
    </message>
</context>
<context>
    <name>DuplicateHint</name>
    <message>
        <location filename="../../community_app/ui/widgets/duplicate_hint.py" line="+70"/>
        <source>相距约 %1 米</source>
        <translation>about %1 m away</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 上报</source>
        <translation>reported %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>可能是重复诉求：%1 米内、%2 天内已有 %3 件同类诉求正在办理。</source>
        <translation>Possible duplicate: open requests of the same category within %1 m and %2 days: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>并单：本诉求登记后并入所选诉求，由该诉求统一办理和答复。</source>
        <translation>Merge: this request is registered and merged into the chosen one, which is handled and answered for both.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>同一问题已有人反映的，可不再登记；确需登记的，社区负责人可在诉求页面并单。</source>
        <translation>If the same problem has already been reported, there is no need to register it again; if it must be registered, a supervisor can merge the requests on the requests page.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>并单（并入所选诉求）</source>
        <translation>Merge (into the chosen request)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍然作为新诉求登记</source>
        <translation>Register as a new request anyway</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/enrol_dialog.py" line="+30"/>
        <source>登记本机到城市平台</source>
        <translation>Register this computer with the city platform</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请填写城市平台的地址和管理员给您的一次性登记码。登记后，本机会自动与城市平台同步本社区的数据。</source>
        <translation>Enter the city platform&apos;s address and the one-time registration code from your administrator. Once registered, this computer syncs the community&apos;s data with the city platform by itself.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>网格员电脑（%1）</source>
        <translation>Grid worker PC (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>城市平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记码</source>
        <translation>Registration code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机名称</source>
        <translation>Computer name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>网格员电脑</source>
        <translation>Grid worker PC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写以 https:// 开头的城市平台地址。</source>
        <translation>Enter a city platform address that starts with https://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写完整的登记码（形如 XXXX-XXXX-XXXX）。</source>
        <translation>Enter the whole registration code (like XXXX-XXXX-XXXX).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>登记没有成功：请检查地址和网络后重试。</source>
        <translation>Registration failed: check the address and the network, then try again.</translation>
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
    <name>FieldCards</name>
    <message>
        <location filename="../../community_app/ui/pages/resident_detail_fields.py" line="+52"/>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住址与网格</source>
        <translation>Address and grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>人员类别</source>
        <translation>Resident type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已记入审计日志</source>
        <translation>Recorded in the audit log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本次查看（查看人、时间、理由）已记入审计日志；离开本页后重新隐藏。</source>
        <translation>This view (who, when, why) has been recorded in the audit log; it is hidden again when you leave this page.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>隐藏</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>港澳居民来往内地通行证</source>
        <translation>Mainland travel permit (HK/Macao)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>台湾居民来往大陆通行证</source>
        <translation>Mainland travel permit (Taiwan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无证件</source>
        <translation>No ID document</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未登记住址</source>
        <translation>No address registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未划入网格</source>
        <translation>Not in a grid cell</translation>
    </message>
</context>
<context>
    <name>Fieldwork</name>
    <message>
        <location filename="../../community_app/ui/fieldwork_texts.py" line="+24"/>
        <source>上门走访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话走访</source>
        <translation>Phone visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视频走访</source>
        <translation>Video visit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上门</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>情况正常</source>
        <translation>All well</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现问题</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未见到本人</source>
        <translation>Not met in person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>已超期 %n 天</source>
        <translation>
            <numerusform>%n d late</numerusform>
            <numerusform>%n d late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>已到期 %n 天</source>
        <translation>
            <numerusform>Due %n d ago</numerusform>
            <numerusform>Due %n d ago</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>还有 %n 天</source>
        <translation>
            <numerusform>Due in %n d</numerusform>
            <numerusform>Due in %n d</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每月</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每季度</source>
        <translation>Quarterly</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>每 %n 天</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../community_app/ui/models/fieldwork_models.py" line="+34"/>
        <source>未指定</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1走访</source>
        <translation>Visits: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>尚未巡查</source>
        <translation>Not patrolled yet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>从未走访</source>
        <translation>Never</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有走访记录：请尽快安排首次走访。</source>
        <translation>No visits recorded: please arrange a first visit soon.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>巡查进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>该网格没有启用的巡查计划</source>
        <translation>This grid cell has no active patrol plan</translation>
    </message>
</context>
<context>
    <name>FieldworkProblem</name>
    <message>
        <location filename="../../community_app/ui/fieldwork_texts.py" line="-119"/>
        <source>您的账号不能登记走访或巡查。如需登记，请联系社区负责人开通权限。</source>
        <translation>Your account cannot record home visits or patrols. To record them, ask your community supervisor for the permission.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有社区负责人或系统管理员可以设置走访周期和巡查计划。</source>
        <translation>Only a community supervisor or system administrator can set visit intervals and patrol plans.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这条记录属于其他社区，您只能处理本社区的数据。</source>
        <translation>This record belongs to another community; you can only work on your own community&apos;s data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这位居民的档案（可能已被删除）。请刷新列表后重试。</source>
        <translation>This resident&apos;s record cannot be found (it may have been deleted). Please refresh the list and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这位居民已迁出或已故，不再需要走访。请刷新列表。</source>
        <translation>This resident has moved out or died and no longer needs visits. Please refresh the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访时间不能晚于现在，请重新选择。</source>
        <translation>The visit time cannot be later than now; please choose again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访时间早于 {earliest}，请检查日期是否填错。</source>
        <translation>The visit time is before {earliest}; please check the date.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择走访方式（上门、电话或视频）。</source>
        <translation>Please choose how the visit was made (home, phone or video).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择走访结果。</source>
        <translation>Please choose the outcome of the visit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况记录最多 {limit} 个字，请精简后再保存。</source>
        <translation>The notes can be at most {limit} characters; please shorten them before saving.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现问题或需要后续跟进时，请写明具体情况，便于后续办理。</source>
        <translation>When a problem was found or follow-up is needed, please describe it so that it can be dealt with.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要后续跟进时，请选择诉求类别。</source>
        <translation>When follow-up is needed, please choose a request category.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体标签“{tag}”不存在，请从列表中选择。</source>
        <translation>Special-group tag “{tag}” does not exist; please choose from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访周期应为 1–{limit} 天。</source>
        <translation>The visit interval must be 1–{limit} days.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这个巡查计划（可能已被删除）。请刷新后重试。</source>
        <translation>This patrol plan cannot be found (it may have been deleted). Please refresh and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个巡查计划已停用，不能再开始巡查。</source>
        <translation>This patrol plan is inactive; no new patrol can be started.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这个网格（可能已被删除）。请刷新后重试。</source>
        <translation>This grid cell cannot be found (it may have been deleted). Please refresh and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写巡查计划名称，例如“第一网格日常巡查”。</source>
        <translation>Please enter a name for the patrol plan, e.g. “Cell 1 daily patrol”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查计划名称最多 {limit} 个字。</source>
        <translation>The patrol plan name can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查频次应为每 1–{limit} 天一次。</source>
        <translation>The patrol frequency must be once every 1–{limit} days.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查清单至少要有一项，例如“消防通道是否畅通”。</source>
        <translation>The checklist needs at least one item, e.g. “Fire lanes clear?”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查项“{item}”太长，每项最多 {limit} 个字。</source>
        <translation>Checklist item “{item}” is too long; each item can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查项“{item}”重复了，请删去一项。</source>
        <translation>Checklist item “{item}” appears twice; please remove one.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这次巡查（可能已被取消）。请刷新后重试。</source>
        <translation>This patrol cannot be found (it may have been cancelled). Please refresh and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这次巡查已经结束，不能再修改。</source>
        <translation>This patrol has finished and can no longer be changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这次巡查由{name}进行，只能由本人登记和结束。</source>
        <translation>This patrol is being done by {name}; only they can record items and finish it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{item}”不在这个巡查计划的清单上。</source>
        <translation>“{item}” is not on this patrol plan&apos;s checklist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择巡查结果：正常或有问题。</source>
        <translation>Please choose the result: OK or problem.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有问题时请写明发现了什么问题。</source>
        <translation>For a problem, please describe what was found.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还有 {count} 项没有检查：{items}。请逐项登记后再结束巡查。</source>
        <translation>Items not checked yet ({count}): {items}. Please record every item before finishing the patrol.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>诉求未能创建：{reason}</source>
        <translation>The service request could not be created: {reason}</translation>
    </message>
</context>
<context>
    <name>FieldworkTable</name>
    <message>
        <location filename="../../community_app/ui/models/fieldwork_models.py" line="-84"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <location line="+42"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>特殊群体</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>应走访日期</source>
        <translation>Visit due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>逾期情况</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>巡查计划</source>
        <translation>Patrol plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>频次</source>
        <translation>Interval</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>巡查项</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>网格员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>上次巡查</source>
        <translation>Last patrol</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下次应巡查</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>开始时间</source>
        <translation>Started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>巡查人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>问题</source>
        <translation>Prob.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上报</source>
        <translation>Req.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>应巡查</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已覆盖</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>巡查次数</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>覆盖率</source>
        <translation>Rate</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_pages.py" line="+117"/>
        <source>从 Excel（.xlsx）或 CSV 文件导入居民。表头在第几行、有没有标题行都可以，常见的表头（姓名、性别、身份证号、联系电话、楼栋、单元、房号……）会自动认出。</source>
        <translation>Import residents from an Excel (.xlsx) or CSV file. The header may be on any row, with or without a title row above it; the usual column headings (姓名, 性别, 身份证号, 联系电话, 楼栋, 单元, 房号…) are recognised automatically.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还没有选择文件。</source>
        <translation>No file chosen yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提示：身份证号一列请设为“文本”格式。Excel 会把当作数字的身份证号改成科学计数法（如 3.70202E+17），后几位就此丢失；导入时会把这样的行找出来，不会存入错误的号码。</source>
        <translation>Tip: format the ID number column as “Text”. Excel turns ID numbers it takes for numbers into scientific notation (such as 3.70202E+17), and the last digits are lost; the import finds such rows and never stores a wrong number.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/first_run_dialog.py" line="+182"/>
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
    <name>FirstSyncDialog</name>
    <message>
        <location filename="../../community_app/ui/sync_progress.py" line="+19"/>
        <source>首次同步</source>
        <translation>First sync</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在从城市平台下载本社区的数据</source>
        <translation>Downloading the community&apos;s data from the city platform</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第一次同步需要下载较多数据，请保持网络连接。可以随时取消，已下载的部分会保存，下次从中断处继续。</source>
        <translation>The first sync downloads a lot of data, so please stay connected. You can cancel at any time: what has been downloaded is kept, and the next sync carries on from there.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在连接城市平台…</source>
        <translation>Connecting to the city platform…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>正在停止，已下载的部分会保存…</source>
        <translation>Stopping; what has been downloaded is kept…</translation>
    </message>
</context>
<context>
    <name>FormWidgets</name>
    <message>
        <location filename="../../community_app/ui/dialogs/resident_form_layout.py" line="+212"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>人员类别</source>
        <translation>Resident type</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>带 * 的为必填项。填写身份证号码后，出生日期和性别会自动识别。</source>
        <translation>Fields marked * are required. Once an ID card number is entered, the date of birth and sex are filled in from it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份信息</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>标签与备注</source>
        <translation>Tags and notes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请选择</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>港澳居民来往内地通行证</source>
        <translation>Mainland travel permit (HK/Macao)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>台湾居民来往大陆通行证</source>
        <translation>Mainland travel permit (Taiwan)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无证件</source>
        <translation>No ID document</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>户籍人口</source>
        <translation>Registered (hukou)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>流动人口</source>
        <translation>Floating population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>境外人员</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与证件上的姓名一致</source>
        <translation>As on the ID document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18位身份证号码，末位可为X</source>
        <translation>18-digit ID card number; the last may be X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机号或带区号的固定电话</source>
        <translation>Mobile, or landline with area code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未填写</source>
        <translation>Not given</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择或输入</source>
        <translation>Choose or type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要其他工作人员知道的情况</source>
        <translation>Anything other staff should know</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重新填写</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示完整号码后才能修改（需填写理由，记入审计日志）</source>
        <translation>Show the full number to change it (a reason is required and recorded in the audit log)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清空后填写新的电话号码，原号码不会显示</source>
        <translation>Clear it and enter a new phone number; the old number is not shown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已选择楼栋，请再选择单元和房号；不登记住址请在楼栋中选“未登记住址”。</source>
        <translation>A building is chosen: please also choose the unit and room. To record no address, choose “No address registered” as the building.</translation>
    </message>
</context>
<context>
    <name>GridImport</name>
    <message>
        <location filename="../../community_app/ui/dialogs/grid_import_texts.py" line="+17"/>
        <source>可以导入</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有问题，不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>边界不合法，可修复</source>
        <translation>Invalid; repairable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修复后导入</source>
        <translation>Repaired on import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可以导入（有提醒）</source>
        <translation>Ready (warnings)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更新边界</source>
        <translation>Update boundary</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>请先选择文件。</source>
        <translation>Please choose a file first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在检查文件…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>文件中共有 %1 个网格。</source>
        <translation>Grid cells in the file: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 个有问题，需要修改文件后重新选择。</source>
        <translation> With problems: %1; correct the file and choose it again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 个边界不合法，可以自动修复。</source>
        <translation> Invalid boundaries that can be repaired automatically: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查通过，可以导入。</source>
        <translation> The check passed: ready to import.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>自动修复会把自相交等不合法的边界拆分、重建为合法的面（可能分成几块），结果如下：</source>
        <translation>The automatic repair splits invalid boundaries (such as self-intersecting ones) and rebuilds them as valid polygons (possibly in several parts). The result:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1 个（%2）：修复前 %3 块、面积约 %4 ㎡；修复后 %5 块、面积约 %6 ㎡。</source>
        <translation>No. %1 (%2): before the repair %3 part(s), about %4 ㎡; after it %5 part(s), about %6 ㎡.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>选中一行可查看详细的检查结果。</source>
        <translation>Select a row to see the details of the check.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 %1 个网格</source>
        <translation>Grid cell no. %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>多个面</source>
        <translation>multipolygon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一个面</source>
        <translation>one polygon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动修复后：%1 块（%2），面积约 %3 ㎡；修复前 %4 块，面积约 %5 ㎡。</source>
        <translation>After the automatic repair: %1 part(s) (%2), about %3 ㎡; before it: %4 part(s), about %5 ㎡.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入完成：新增 %1 个网格，更新 %2 个网格。</source>
        <translation>Import finished: grid cells added: %1; updated: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>其中 %1 个网格的边界已自动修复。</source>
        <translation>Boundaries repaired automatically: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已按坐标重新划分 %1 栋楼，其中 %2 栋换了网格。</source>
        <translation>Buildings reassigned by their coordinates: %1; of these, %2 changed grid cell.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有 %1 栋楼不在任何网格内，已标记出来，请在“网格外楼栋”中核对坐标或网格边界。</source>
        <translation>Buildings outside every grid cell: %1. They are flagged: check their coordinates or the cell boundaries under “Buildings outside cells”.</translation>
    </message>
</context>
<context>
    <name>GridImportDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/grid_import_dialog.py" line="+209"/>
        <source>导入网格边界</source>
        <translation>Import grid boundaries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入网格边界（GeoJSON）</source>
        <translation>Import grid boundaries (GeoJSON)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择从 GIS 软件或地图平台导出的 GeoJSON 文件。每个面是一个网格，属性中的 code（编码）、name（名称）、kind（类型）会被读取；编码已存在的网格将更新边界。导入后，各楼栋按坐标重新划入网格。</source>
        <translation>Choose a GeoJSON file exported from GIS software or a map platform. Each polygon is a grid cell; the properties code, name and kind are read, and a cell whose code already exists gets the new boundary. After the import, every building is assigned to a cell again by its coordinates.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>坐标为 GCJ-02（来自高德、腾讯地图），导入时换算为 WGS-84</source>
        <translation>Coordinates are GCJ-02 (from Amap or Tencent Maps); convert to WGS-84 on import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格编码</source>
        <translation>Cell code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格名称</source>
        <translation>Cell name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件中没有编码，请填写</source>
        <translation>No code in the file; please enter one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件中没有名称，请填写</source>
        <translation>No name in the file; please enter one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动修复不合法的边界后导入</source>
        <translation>Repair invalid boundaries automatically, then import</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+108"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="-107"/>
        <location line="+107"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>选择网格边界文件</source>
        <translation>Choose the grid boundary file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GeoJSON 文件 (*.geojson *.json);;所有文件 (*)</source>
        <translation>GeoJSON files (*.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>检查文件时出现问题。请重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem checking the file. Please try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入 %1 个网格</source>
        <translation>Import grid cells (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>正在按新的边界重新划分楼栋：%1 / %2 栋。可以点击“取消”，取消后数据库不会有任何改动。</source>
        <translation>Reassigning buildings to the new boundaries: %1 / %2. You can click “Cancel”; the database is then left unchanged.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消导入，数据库没有任何改动。</source>
        <translation>The import was cancelled; nothing in the database was changed.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>导入时出现问题，数据库没有任何改动。请重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem importing; nothing in the database was changed. Please try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/household_dialog.py" line="+54"/>
        <location line="+1"/>
        <source>修改住户</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>登记住户</source>
        <translation>Register household</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>居住情况</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建筑面积</source>
        <translation>Floor area</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（不分单元）</source>
        <translation>(no unit)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 单元</source>
        <translation>Unit %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>例如 502</source>
        <translation>e.g. 502</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平方米，可不填</source>
        <translation>m², optional</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请填写数字，例如 72.5。</source>
        <translation>Please enter a number, e.g. 72.5.</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <location filename="../../community_app/ui/widgets/household_picker.py" line="+120"/>
        <location line="+12"/>
        <source>未登记住址</source>
        <translation>No address registered</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1单元</source>
        <translation>Unit %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无单元</source>
        <translation>No units</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>请选择房号</source>
        <translation>Choose a room</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>该单元没有登记房屋</source>
        <translation>No rooms registered in this unit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1室</source>
        <translation>Room %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（户主 %2，%3人）</source>
        <translation>%1 (head: %2; people: %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1（%2人）</source>
        <translation>%1 (people: %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1（无人登记）</source>
        <translation>%1 (nobody registered)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_dialog.py" line="+123"/>
        <source>您的账号没有编辑居民档案的权限，不能导入。如需导入，请联系社区负责人。</source>
        <translation>Your account may not edit resident records, so it cannot import. To import, ask your community supervisor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您的账号没有所属社区，不知道要导入到哪个社区。请联系系统管理员。</source>
        <translation>Your account belongs to no community, so there is nowhere to import to. Please contact your system administrator.</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+1"/>
        <source>从Excel导入居民</source>
        <translation>Import residents from Excel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核对各列</source>
        <translation>Check columns</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预览并导入</source>
        <translation>Preview and import</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 %1 步，共 4 步：%2</source>
        <translation>Step %1 of 4: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开始导入</source>
        <translation>Import now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+110"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>读取文件时出错。请确认文件没有被其他程序打开，然后重试；如果问题反复出现，请联系技术支持。</source>
        <translation>The file could not be read. Make sure no other program has it open, then try again; if the problem keeps coming back, contact technical support.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>正在检查和导入…</source>
        <translation>Checking and importing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在检查和导入…（%1 / %2）</source>
        <translation>Checking and importing… (%1 / %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在取消，撤销已写入的内容…</source>
        <translation>Cancelling, undoing what was written…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>导入时出错，数据库没有任何改动。请确认磁盘没有写满、文件没有被其他程序占用，然后重试；如果问题反复出现，请联系技术支持。</source>
        <translation>The import failed; nothing in the database was changed. Make sure the disk is not full and no other program is using the file, then try again; if the problem keeps coming back, contact technical support.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存导入报告</source>
        <translation>Save the import report</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法保存报告：请换一个文件夹，或关闭正在打开这个文件的程序后重试。</source>
        <translation>The report could not be saved. Choose another folder, or close the program that has this file open, and try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>报告已保存到 %1</source>
        <translation>Report saved to %1</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_texts.py" line="+21"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别</source>
        <translation>Resident type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标签（特殊人群）</source>
        <translation>Tags (special groups)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全角字符改为半角：%1 处</source>
        <translation>full-width characters made half-width: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去掉多余的空格、换行：%1 处</source>
        <translation>extra spaces and line breaks removed: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数字形式的日期转换为日期：%1 处</source>
        <translation>dates stored as numbers converted: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去掉号码末尾的“.0”：%1 处</source>
        <translation>“.0” removed from the end of numbers: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CSV文件（%1 编码）</source>
        <translation>CSV file (%1 encoding)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel工作簿，工作表「%1」</source>
        <translation>Excel workbook, sheet “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，约 %1 行数据</source>
        <translation>, about %1 rows of data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有认出表头。已把第 %1 行当作表头，请为每一列选择要导入的内容。</source>
        <translation>No header was recognised. Row %1 is taken as the header; please choose what to import for each column.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1–%2 行</source>
        <translation>Rows %1–%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>表头在%1，数据从第 %2 行开始。已按表头认出各列，请核对，有误的请改选。</source>
        <translation>Header: %1; the data starts at row %2. The columns were recognised from the header: please check them and correct any that are wrong.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>表头下面没有数据。请确认选对了文件和工作表。</source>
        <translation>There is no data below the header. Please check that you chose the right file and sheet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预览前 %1 行：</source>
        <translation>Preview of the first %1 rows: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 行有错误（红色单元格，鼠标停在上面可看原因）</source>
        <translation>rows with errors: %1 (red cells; point at one to see why)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有发现错误</source>
        <translation>no errors found</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>，另有 %1 条提醒</source>
        <translation>, warnings: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>。其余的行在导入时同样检查。</source>
        <translation>. The other rows are checked the same way during the import.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>导入已取消，数据库没有任何改动。</source>
        <translation>The import was cancelled; nothing in the database was changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共 %1 行数据，%2 行有效，%3 行有错误。</source>
        <translation>Rows of data: %1; valid: %2; with errors: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另有 %1 个空行已跳过。</source>
        <translation> Empty rows skipped: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按“全部有效才导入”的要求，没有导入任何数据；请按报告改正文件后重新导入。</source>
        <translation> As “Import only if all rows are valid” was chosen, nothing was imported; correct the file as the report says and import it again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已新增 %1 人，更新 %2 人，%3 人信息没有变化。</source>
        <translation> Residents added: %1; updated: %2; unchanged: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建了 %1 户房屋。</source>
        <translation> Dwellings created: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有错误的行没有导入，可保存报告，改正后重新导入这些行。</source>
        <translation> Rows with errors were not imported: save the report, correct them and import those rows again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已自动修正：%1。</source>
        <translation>Fixed automatically: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../community_app/ui/dialogs/import_pages.py" line="-66"/>
        <location filename="../../community_app/ui/dialogs/import_texts.py" line="-48"/>
        <source>第 %1 行</source>
        <translation>Row %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <location filename="../../community_app/ui/pages/kpi_texts.py" line="+60"/>
        <source>受理数</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期收到的全部诉求（各渠道上报并登记），含后来不予受理、并单和尚待受理的。</source>
        <translation>All service requests received in the period (reported through any channel and registered), including those later rejected, merged or still waiting to be accepted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本期受理</source>
        <translation>Received in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>立案数</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期受理的诉求中，经审核立案（受理）的件数；不含不予受理、并单和尚待受理的。</source>
        <translation>Of the requests received in the period, the number accepted after review; rejected, merged and not yet accepted requests are not counted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本期立案</source>
        <translation>Accepted in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案数</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期内结案的诉求件数，含往期立案、本期办结的。</source>
        <translation>Requests closed in the period, including those accepted in earlier periods.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本期结案</source>
        <translation>Closed in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期立案的诉求中，截至统计时已结案的比例（同一批诉求，不超过100%）。</source>
        <translation>Of the requests accepted in the period, the share closed by the time of counting (the same requests, so never above 100%).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未结案</source>
        <translation>Not closed yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部立案</source>
        <translation>All accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按期结案率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期结案的诉求中，在办理时限内（按工作时间计算，含批准的延期）结案的比例。</source>
        <translation>Of the requests closed in the period, the share closed within the deadline (in working time, including approved extensions).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>超期结案</source>
        <translation>Closed late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按期结案</source>
        <translation>Closed on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>全部结案</source>
        <translation>All closed</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>返工率</source>
        <translation>Rework rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期结案的诉求中，曾因核查未通过而返工的比例。</source>
        <translation>Of the requests closed in the period, the share sent back for rework after failing verification.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返工过的</source>
        <translation>Reworked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期内回访的诉求（按回访日期统计，不论何时结案）的平均评分（1–5分）；满意率为评4分或5分的比例。</source>
        <translation>The average score (1–5) of requests given a follow-up review in the period (counted by review date, whenever they were closed); the satisfied rate is the share scored 4 or 5.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不满意（1–3分）</source>
        <translation>Not satisfied (1–3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意（4–5分）</source>
        <translation>Satisfied (4–5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部回访</source>
        <translation>All reviewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访完成率</source>
        <translation>Visit rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本期应走访的特殊群体居民中，按走访周期走访到的比例；统计截止日仍在待走访名单上的为未按期。</source>
        <translation>Of the special-group residents due a home visit in the period, the share visited within their visit interval; those still on the to-visit list at the cutoff date count as not on time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未按期走访</source>
        <translation>Not visited on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已按期走访</source>
        <translation>Visited on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部应走访</source>
        <translation>All due a visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>各网格巡查计划按频次划分的巡查周期中，有已完成巡查的周期所占比例。</source>
        <translation>Of the patrol periods of each grid cell&apos;s patrol plans (split by their frequency), the share in which a patrol was completed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>各网格巡查情况</source>
        <translation>Patrols by grid cell</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>处于这一办理环节、尚未办结的诉求，按办理时限先后排列。</source>
        <translation>Open requests at this stage, earliest deadline first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>在办诉求</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>尚未办结的居民诉求，按办理时限先后排列。</source>
        <translation>Residents&apos; requests not yet closed, earliest deadline first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已超过办理时限的在办诉求（延期或退回待批、计时暂停的不计入），请优先处理。</source>
        <translation>Open requests past their deadline (not counting those whose clock is paused for an extension or send-back awaiting a decision). Please handle these first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>剩余办理时间不足 4 个工作小时的在办诉求。</source>
        <translation>Open requests with less than 4 working hours left.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待走访</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊群体居民中，已到或超过走访周期、尚未走访的（从未走访的自列入之日起计）。</source>
        <translation>Special-group residents not visited within their visit interval (for those never visited, counted from the day they were listed).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待巡查</source>
        <translation>Patrols due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已到或超过巡查日期的巡查计划（上次完成巡查之日加巡查频次）。</source>
        <translation>Patrol plans on or past their patrol date (the last finished patrol plus the plan&apos;s frequency).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>居民总数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在册的常住、流动及境外人员，不含已迁出和已故的。</source>
        <translation>Registered, floating and foreign residents on record; those who moved out or died are not counted.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>有在册居民的住户，及其在册人数。</source>
        <translation>Households with residents on record, and how many each has.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>分</source>
        <translation>/ 5</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>立案 %1 件</source>
        <translation>Accepted: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未立案 %1 件</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本期回访 %1 件</source>
        <translation>Reviewed in period: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已结 %1 / 立案 %2</source>
        <translation>Closed %1 / accepted %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>超期结案 %1 件</source>
        <translation>Closed late: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返工 %1 件</source>
        <translation>Reworked: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>满意率 %1</source>
        <translation>Satisfied: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未按期 %1 / 应走访 %2 人</source>
        <translation>Late %1 / due %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已巡 %1 / 应巡 %2 轮</source>
        <translation>Patrolled %1 / due %2</translation>
    </message>
</context>
<context>
    <name>KpiList</name>
    <message>
        <location filename="../../community_app/ui/pages/kpi_list_dialog.py" line="+64"/>
        <location line="+15"/>
        <source>按期</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>超期</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>工单编号</source>
        <translation>Ticket no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <location line="+19"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+39"/>
        <location line="+14"/>
        <location line="+17"/>
        <location line="+7"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>返工</source>
        <translation>Reworks</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>评分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-39"/>
        <location line="+29"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-27"/>
        <source>特殊群体</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+1"/>
        <source>走访周期</source>
        <translation>Interval</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-6"/>
        <source>每 %1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+8"/>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-10"/>
        <source>从未走访</source>
        <translation>Never visited</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+13"/>
        <source>应走访日期</source>
        <translation>Visit due</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已按期走访</source>
        <translation>Visited on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未按期走访</source>
        <translation>Not visited on time</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+9"/>
        <source>网格员</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-1"/>
        <source>巡查计划</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>应巡查轮次</source>
        <translation>Rounds due</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已巡查轮次</source>
        <translation>Rounds done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>覆盖率</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成巡查次数</source>
        <translation>Patrols finished</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="+30"/>
        <source>没有符合条件的诉求。</source>
        <translation>No requests match.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有符合条件的居民。</source>
        <translation>No residents match.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这一期间没有巡查计划。</source>
        <translation>There were no patrol plans in this period.</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>%1明细</source>
        <translation>%1: details</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 %1 条</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>读取明细时出现问题，请关闭后重试；如果反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the details. Please close and try again; if it keeps happening, contact your system administrator.</translation>
    </message>
    <message>
        <location filename="../../community_app/ui/pages/kpi_today_columns.py" line="-55"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户籍人口</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>流动人口</source>
        <translation>Floating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>境外人员</source>
        <translation>Foreign</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从未巡查</source>
        <translation>Never patrolled</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>巡查频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次巡查</source>
        <translation>Last patrol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>应巡查日期</source>
        <translation>Patrol due</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在册人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>今天没有待走访的居民。</source>
        <translation>No residents are due a visit today.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今天没有待巡查的计划。</source>
        <translation>No patrol plans are due today.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有在册居民。</source>
        <translation>No residents on record.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有住户。</source>
        <translation>No households.</translation>
    </message>
</context>
<context>
    <name>KpiPeriodBar</name>
    <message>
        <location filename="../../community_app/ui/pages/kpi_period_bar.py" line="+16"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上季度</source>
        <translation>Last quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>查询</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第一天</source>
        <translation>First day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最后一天（含）</source>
        <translation>Last day (included)</translation>
    </message>
</context>
<context>
    <name>KpiTable</name>
    <message>
        <location filename="../../community_app/ui/pages/kpi_table_model.py" line="+112"/>
        <source>网格外</source>
        <translation>Outside cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未指定承办人</source>
        <translation>No assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1等 %2 个网格</source>
        <translation>%1 and others (%2 cells)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击查看“%1”的明细</source>
        <translation>Click to see the details of “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>负责网格</source>
        <translation>Grid cells</translation>
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
    <name>LocationPicker</name>
    <message>
        <location filename="../../community_app/ui/widgets/request_location.py" line="+92"/>
        <source>楼栋 / 房屋</source>
        <translation>Building / dwelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地图坐标</source>
        <translation>Map coordinates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如 36.054</source>
        <translation>e.g. 36.054</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如 120.368</source>
        <translation>e.g. 120.368</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置说明，如“湛山三路与湛山四路路口东侧”</source>
        <translation>Location note, e.g. “east side of the 湛山三路/湛山四路 junction”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WGS-84 经纬度（GPS 读数）；系统按坐标自动划入所在网格。</source>
        <translation>WGS-84 latitude/longitude (GPS reading); the grid cell is found from the coordinates.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请选择楼栋</source>
        <translation>Choose a building</translation>
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
        <location filename="../../community_app/ui/main_window.py" line="+275"/>
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
    <message>
        <location line="+0"/>
        <source>居民档案</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>诉求办理</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体走访</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格楼栋</source>
        <translation>Places</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网格地图</source>
        <translation>Grid map</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网格巡查</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报表打印</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据同步</source>
        <translation>Data sync</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../community_app/ui/pages/map_page.py" line="+131"/>
        <location line="+11"/>
        <source>网格地图</source>
        <translation>Grid map</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新读取网格、楼栋和在办诉求，重画地图</source>
        <translation>Read the grid cells, buildings and open requests again and redraw the map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在办诉求（件）</source>
        <translation>Open requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未划入网格的楼栋</source>
        <translation>Outside cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋聚合（数字为栋数）</source>
        <translation>Cluster (no. of buildings)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提示：滚动鼠标滚轮缩放，放大后显示网格编码和网格员；点击网格可查看该网格的居民，点击楼栋查看地址。</source>
        <translation>Tip: scroll the mouse wheel to zoom; zoomed in, cell codes and grid workers are shown. Click a grid cell to see its residents, or a building to see its address.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>网格编码</source>
        <translation>Cell code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在办诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>件</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未指定网格员</source>
        <translation>No grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击网格，查看本网格居民</source>
        <translation>Click the cell to see its residents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所属网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不在任何网格内</source>
        <translation>Not in any grid cell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本社区的网格、楼栋和在办诉求分布</source>
        <translation>Grid cells, buildings and open requests in this community</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网格 %1 个</source>
        <translation>Grid cells: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋 %1 栋</source>
        <translation>Buildings: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在办诉求 %1 件</source>
        <translation>Open requests: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据截至 %1（北京时间）</source>
        <translation>As of %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在生成地图…</source>
        <translation>Building the map…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在绘制…</source>
        <translation>Drawing…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>有 %1 个网格的边界数据有误，地图上没有画出（网格编码：%2）。请重新导入这些网格的边界。</source>
        <translation>The boundaries of %1 grid cell(s) are faulty and were not drawn (cell codes: %2). Please import these cells&apos; boundaries again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本社区还没有网格边界和楼栋数据。导入网格边界和楼栋后，地图会显示在这里。</source>
        <translation>This community has no grid boundaries or buildings yet. Once they are imported, the map is shown here.</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>地图没有生成出来。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>The map could not be built. Please click “Refresh” to try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_pages.py" line="+95"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>文件中的表头</source>
        <translation>Header in the file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>前几行的内容</source>
        <translation>First rows</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
</context>
<context>
    <name>MonthPicker</name>
    <message>
        <location filename="../../community_app/ui/widgets/report_month_picker.py" line="+74"/>
        <source>%1年%2月</source>
        <translation>%2/%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>上个月</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下个月</source>
        <translation>Next month</translation>
    </message>
</context>
<context>
    <name>MoveOutDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/resident_status_dialog.py" line="-38"/>
        <location line="+1"/>
        <source>迁出登记</source>
        <translation>Record move-out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民“%1”迁出后，档案保留，状态改为“已迁出”，不再计入在册人数。</source>
        <translation>After “%1” moves out, the record is kept and marked “Moved out”; it no longer counts on the register.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>迁出日期</source>
        <translation>Date moved out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迁往地址</source>
        <translation>Moved to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如：青岛市崂山区中韩街道某社区</source>
        <translation>e.g. 青岛市崂山区中韩街道某社区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写迁往何处。</source>
        <translation>Please enter where the resident moved to.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认迁出</source>
        <translation>Record move-out</translation>
    </message>
</context>
<context>
    <name>Open311PullDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/open311_pull_dialog.py" line="+50"/>
        <source>从 Open311 平台导入诉求</source>
        <translation>Import requests from Open311</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>从其他 Open311（GeoReport v2）平台读取一段时间内的诉求，导入本社区的诉求列表。再次导入时已导入的诉求会更新，不会重复。</source>
        <translation>Imports a period&apos;s requests from another Open311 (GeoReport v2) platform. Importing again updates them; none are duplicated.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可不填；不会保存</source>
        <translation>Optional; not saved</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>最近 </source>
        <translation>Last </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不设置（对不上类别的诉求不导入）</source>
        <translation>None (skip unmatched requests)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jurisdiction_id</source>
        <translation>jurisdiction_id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>api_key</source>
        <translation>api_key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间范围</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对不上类别时归入</source>
        <translation>Fallback category</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>请填写以 https:// 或 http:// 开头的 Open311 服务器地址。</source>
        <translation>Enter an Open311 server address that starts with https:// or http://.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>当前账号没有所属社区，无法导入：请用本社区的管理员账号登录。</source>
        <translation>This account belongs to no community, so it cannot import. Sign in with this community&apos;s administrator account.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在从 Open311 服务器读取诉求，请稍候…</source>
        <translation>Reading requests from the Open311 server, please wait…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>导入未完成，本地数据没有改动。%1</source>
        <translation>The import did not finish; nothing was changed here. %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>……另有 %1 条未列出。</source>
        <translation>… and %1 more, not listed.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导入时出错，本地数据没有改动：%1。请稍后再试；如果一直这样，请联系技术支持。</source>
        <translation>The import failed and nothing was changed here: %1. Please try again later; if it keeps happening, contact technical support.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入完成：新增 %1 条，更新 %2 条，无变化 %3 条，未导入 %4 条。</source>
        <translation>Import finished: %1 new, %2 updated, %3 unchanged, %4 not imported. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增和更新的诉求已在“诉求”列表中，渠道为“Open311接入”，会随下次同步上传。</source>
        <translation>New and updated requests are in the “Requests” list (channel “Open311”) and upload with the next sync. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未导入的原因见下方。</source>
        <translation>Reasons for the rest are below.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>位置不在本社区的任何网格内</source>
        <translation>Outside every grid cell of this community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有经纬度，地址也对不上本社区的楼栋</source>
        <translation>No coordinates, and the address matches no building here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别在本地没有对应类别，也没有选择“对不上类别时归入”</source>
        <translation>No matching category, and no fallback set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入前对方已办结</source>
        <translation>Closed on the other platform before the import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外部诉求 %1：%2</source>
        <translation>External request %1: %2</translation>
    </message>
</context>
<context>
    <name>PatrolItemEditor</name>
    <message>
        <location filename="../../community_app/ui/widgets/patrol_item_editor.py" line="+123"/>
        <source>✓ 正常</source>
        <translation>✓ OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ 有问题</source>
        <translation>⚠ Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报为诉求（来源：巡查发现），进入受理流程</source>
        <translation>Report as a service request (channel: patrol) for acceptance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择诉求类别</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格内（不指定楼栋）</source>
        <translation>In the cell (no building)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>第 %1 项，共 %2 项</source>
        <translation>Item %1 of %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存本项</source>
        <translation>Save item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存并下一项</source>
        <translation>Save and next</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>已上报诉求 %1</source>
        <translation>Reported as request %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请写明发现的问题、位置和现场处理情况（必填）</source>
        <translation>Describe the problem, where it is and what was done on the spot (required)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可选：补充说明</source>
        <translation>Optional: more details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未添加（可选）</source>
        <translation>None added (optional)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择现场照片</source>
        <translation>Choose on-site photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
</context>
<context>
    <name>PatrolPlanDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/patrol_plan_dialog.py" line="+171"/>
        <location line="+1"/>
        <source>修改巡查计划</source>
        <translation>Edit patrol plan</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>新建巡查计划</source>
        <translation>New patrol plan</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>为网格制定巡查清单和频次。网格员按清单逐项检查，发现问题可直接上报为诉求；到期后超过 %n 天未巡查即为超期。</source>
        <translation>
            <numerusform>Set a grid cell&apos;s patrol checklist and frequency. The grid worker checks item by item and can report a problem straight away as a service request; a patrol is overdue when not done %n day after it is due.</numerusform>
            <numerusform>Set a grid cell&apos;s patrol checklist and frequency. The grid worker checks item by item and can report a problem straight away as a service request; a patrol is overdue when not done %n days after it is due.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计划名称</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>巡查频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查清单</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每 </source>
        <translation>Every </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> 天一次</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：第一网格日常巡查</source>
        <translation>e.g. Cell 1 daily patrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入巡查项，例如：消防通道是否畅通</source>
        <translation>Enter an item, e.g. Fire lanes clear?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从常用巡查项中添加…</source>
        <translation>Add common items…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-60"/>
        <location line="+64"/>
        <location line="+10"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1日常巡查</source>
        <translation>%1 routine patrol</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>保存时出现问题，计划没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: the plan was not saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>PatrolRoundDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/patrol_round_dialog.py" line="+142"/>
        <source>巡查</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查 · %1</source>
        <translation>Patrol · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+160"/>
        <location line="+3"/>
        <source>取消本次巡查</source>
        <translation>Cancel this patrol</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>稍后继续</source>
        <translation>Continue later</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭窗口，已登记的项目会保留，下次可继续巡查。</source>
        <translation>Close the window; the items recorded are kept and the patrol can be continued later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束巡查</source>
        <translation>Finish patrol</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>正在开始巡查…</source>
        <translation>Starting the patrol…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&#x3000;·&#x3000;巡查人 %2&#x3000;·&#x3000;开始于 %3（北京时间）</source>
        <translation>%1 · Patrolled by %2 · Started %3 (Beijing time)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已检查 %1/%2 项</source>
        <translation>Checked %1/%2 items</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>，发现问题 %n 处</source>
        <translation>
            <numerusform>, %n problem found</numerusform>
            <numerusform>, %n problems found</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请先选择“正常”或“有问题”。</source>
        <translation>Please choose “OK” or “Problem” first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>上报为诉求时，请选择诉求类别。</source>
        <translation>To report it as a service request, please choose a category.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 巡查已完成：%2。</source>
        <translation>%1 patrol finished: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>取消后，本次巡查已登记的项目将作废，不计入巡查记录和覆盖率；已上报的诉求不受影响。确定取消吗？</source>
        <translation>If you cancel, the items recorded in this patrol are discarded and count neither in the patrol records nor in coverage; requests already reported are not affected. Cancel the patrol?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>继续巡查</source>
        <translation>Continue patrol</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已取消本次巡查。</source>
        <translation>The patrol was cancelled.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存时出现问题，本项没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: this item was not saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>PatrolsPage</name>
    <message>
        <location filename="../../community_app/ui/pages/patrols_page.py" line="+152"/>
        <source>巡查管理</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建巡查计划…</source>
        <translation>New patrol plan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改计划…</source>
        <translation>Edit plan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查计划</source>
        <translation>Patrol plans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查记录</source>
        <translation>Patrol records</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查覆盖率</source>
        <translation>Patrol coverage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1年%2月</source>
        <translation>%2/%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>覆盖率 = 有完成巡查的周期数 ÷ 应巡查的周期数。按计划频次把当月（截至今天）划分为若干周期，每个周期内至少完成一次巡查即为覆盖。</source>
        <translation>Coverage = periods with a finished patrol ÷ periods due. The month (up to today) is split into periods by each plan&apos;s frequency; a period is covered when at least one patrol was finished in it.</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <source>范围：%1</source>
        <translation>Scope: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>到期后超过 %n 天未巡查即为超期</source>
        <translation>
            <numerusform>overdue %n day after the due date</numerusform>
            <numerusform>overdue %n days after the due date</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>截至 %1（北京时间）</source>
        <translation>As of %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>共 %1 个计划，%2 个待巡查</source>
        <translation>Plans: %1; due: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>继续巡查…</source>
        <translation>Continue patrol…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>开始巡查…</source>
        <translation>Start patrol…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>合计 %1（%2/%3 个周期）</source>
        <translation>Total %1 (%2/%3 periods)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>还没有巡查计划。</source>
        <translation>No patrol plans yet.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>点击“新建巡查计划”为网格制定巡查清单和频次。</source>
        <translation>Click “New patrol plan” to set a grid cell&apos;s checklist and frequency.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请联系社区负责人制定巡查计划。</source>
        <translation>Please ask your community supervisor to set up patrol plans.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>读取巡查信息时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the patrols; the list may be incomplete. Please click “Refresh” later to try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择一个巡查计划，查看其巡查记录。</source>
        <translation>Choose a patrol plan to see its patrol records.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>这个计划还没有巡查记录。</source>
        <translation>No patrols recorded for this plan yet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>本社区还没有网格。</source>
        <translation>This community has no grid cells yet.</translation>
    </message>
</context>
<context>
    <name>PhotoThumb</name>
    <message>
        <location filename="../../community_app/ui/pages/request_detail_parts.py" line="+54"/>
        <source>照片
暂不可用</source>
        <translation>Photo
unavailable</translation>
    </message>
</context>
<context>
    <name>PlaceActions</name>
    <message>
        <location filename="../../community_app/ui/pages/places_actions.py" line="+54"/>
        <source>（未指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 的网格员已改为 %2。</source>
        <translation>The grid worker of %1 is now %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>已保存“%1”。它的坐标不在任何网格内，已列入“网格外楼栋”。</source>
        <translation>“%1” saved. Its coordinates are outside every grid cell, so it is listed under “Buildings outside cells”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已保存“%1”，按坐标属于 %2。</source>
        <translation>“%1” saved; by its coordinates it belongs to %2.</translation>
    </message>
</context>
<context>
    <name>PlaceForm</name>
    <message>
        <location filename="../../community_app/ui/dialogs/place_form.py" line="+155"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+74"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+74"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存时出现问题，没有保存任何内容。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving; nothing was saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>PlaceProblem</name>
    <message>
        <location filename="../../community_app/ui/place_texts.py" line="+38"/>
        <source>您的账号没有登记楼栋和房屋的权限。如需修改，请联系社区负责人。</source>
        <translation>Your account may not register buildings and dwellings. To make a change, contact your community supervisor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有社区负责人或系统管理员可以调整网格和网格负责人。</source>
        <translation>Only a community supervisor or system administrator can change grid cells and who is responsible for them.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这条记录属于其他社区，您只能修改本社区的数据。</source>
        <translation>This record belongs to another community; you can only change your own community&apos;s data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到这条记录，可能已被他人删除。请刷新后再试。</source>
        <translation>This record cannot be found; someone may have deleted it. Please refresh and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写楼栋名称，例如“6号楼”。</source>
        <translation>Please enter the building name, e.g. “6号楼”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋名称最多 {limit} 个字。</source>
        <translation>The building name can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写标准地址，例如“山东省青岛市市南区湛山三路6号”。</source>
        <translation>Please enter the standard address, e.g. “山东省青岛市市南区湛山三路6号”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标准地址最多 {limit} 个字。</source>
        <translation>The standard address can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>路（街）名最多 {limit} 个字。</source>
        <translation>The road (street) name can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>门牌号最多 {limit} 个字。</source>
        <translation>The house number can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请从列表中选择楼栋类型。</source>
        <translation>Please choose the building type from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼层数应为 1–{limit} 之间的整数。</source>
        <translation>The number of floors must be a whole number from 1 to {limit}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建成年份应在 {earliest}–{latest} 之间。</source>
        <translation>The year built must be between {earliest} and {latest}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写楼栋的经度和纬度（可从地图上取点）。</source>
        <translation>Please enter the building&apos;s longitude and latitude (you can pick the point on a map).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纬度应在 -90 到 90 之间，现在是 {lat}。</source>
        <translation>The latitude must be between -90 and 90; it is {lat}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经度应在 -180 到 180 之间，现在是 {lng}。</source>
        <translation>The longitude must be between -180 and 180; it is {lng}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>经纬度好像填反了：纬度 {lat}、经度 {lng}。中国境内纬度约为 4–54，经度约为 73–136，请交换两栏后再保存。</source>
        <translation>Longitude and latitude seem to be swapped: latitude {lat}, longitude {lng}. In China the latitude is about 4–54 and the longitude about 73–136; please swap the two boxes and save again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>坐标（经度 {lng}，纬度 {lat}）不在中国境内，请检查是否填错。</source>
        <translation>The coordinates (longitude {lng}, latitude {lat}) are outside China; please check them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本社区已登记了地址相同的“{name}”，请勿重复登记。</source>
        <translation>“{name}” with the same address is already registered in this community; please do not register it twice.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写单元号，例如“1”。</source>
        <translation>Please enter the unit number, e.g. “1”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元号最多 {limit} 个字。</source>
        <translation>The unit number can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这栋楼已有 {number} 单元。</source>
        <translation>This building already has unit {number}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所选单元不属于这栋楼，请重新选择。</source>
        <translation>The chosen unit is not in this building; please choose again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写房号，例如“502”。</source>
        <translation>Please enter the room number, e.g. “502”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>房号最多 {limit} 个字。</source>
        <translation>The room number can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这栋楼已有 {room} 室，请勿重复登记。</source>
        <translation>This building already has room {room}; please do not register it twice.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} 单元已有 {room} 室，请勿重复登记。</source>
        <translation>Unit {unit} already has room {room}; please do not register it twice.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请从列表中选择居住情况。</source>
        <translation>Please choose the occupancy from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建筑面积应大于 0 且小于 {limit} 平方米。</source>
        <translation>The floor area must be more than 0 and less than {limit} square metres.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写网格编码。</source>
        <translation>Please enter the cell code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>网格编码最多 {limit} 个字符。</source>
        <translation>The cell code can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>请填写网格名称。</source>
        <translation>Please enter the cell name.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <source>网格名称最多 {limit} 个字。</source>
        <translation>The cell name can be at most {limit} characters.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>请从列表中选择网格类型。</source>
        <translation>Please choose the cell type from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格编码 {code} 已被使用，请换一个。</source>
        <translation>Cell code {code} is already in use; please choose another.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} 不是本社区在岗的网格员，不能负责网格。</source>
        <translation>{name} is not an active grid worker of this community and cannot be responsible for a cell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这位居民登记在其他社区，不能加入本社区的住户。</source>
        <translation>This resident is registered in another community and cannot join a household of this community.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这位居民已迁出或已故，不能再加入住户。</source>
        <translation>This resident has moved out or died and can no longer join a household.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法读取这个文件。请确认文件存在、没有被其他程序占用后重试。</source>
        <translation>This file cannot be read. Make sure it exists and no other program is using it, then try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件不是 UTF-8 或 GBK 编码的文本，无法读取。请另存为 UTF-8 编码的 GeoJSON 后再导入。</source>
        <translation>The file is not text in UTF-8 or GBK encoding and cannot be read. Save it as UTF-8 GeoJSON, then import it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件不是有效的 GeoJSON：第 {line} 行第 {column} 列附近的 JSON 格式有误。请从 GIS 软件重新导出，或用文本编辑器检查该处。</source>
        <translation>The file is not valid GeoJSON: the JSON is malformed near line {line}, column {column}. Export it again from the GIS software, or check that place in a text editor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件内容不是 GeoJSON 对象（缺少 &quot;type&quot;）。请选择 .geojson 或 .json 格式的网格文件。</source>
        <translation>The file&apos;s content is not a GeoJSON object (&quot;type&quot; is missing). Please choose a grid file in .geojson or .json format.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不支持的 GeoJSON 类型“{type}”。请导入 FeatureCollection、Feature、Polygon 或 MultiPolygon。</source>
        <translation>GeoJSON type “{type}” is not supported. Please import a FeatureCollection, Feature, Polygon or MultiPolygon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件里没有任何网格（要素）。</source>
        <translation>The file contains no grid cells (features).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按 WGS-84 理解时只有 {as_is} 栋楼落在这些网格内，按 GCJ-02 转换后有 {other} 栋。坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。</source>
        <translation>Read as WGS-84, only {as_is} buildings fall inside these cells; converted from GCJ-02, {other} do. The coordinates may come from Amap or Tencent Maps (GCJ-02): tick “Coordinates are GCJ-02” and preview again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按 GCJ-02 转换后只有 {as_is} 栋楼落在这些网格内，不转换时有 {other} 栋。坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。</source>
        <translation>Converted from GCJ-02, only {as_is} buildings fall inside these cells; unconverted, {other} do. The coordinates may already be WGS-84: untick “Coordinates are GCJ-02” and preview again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按 WGS-84 理解时，这些网格与原有边界只重合约 {as_is}%，按 GCJ-02 转换后重合约 {other}%。坐标可能来自高德或腾讯地图（GCJ-02），请勾选“坐标为 GCJ-02”后重新预览。</source>
        <translation>Read as WGS-84, these cells overlap the existing boundaries by only about {as_is}%; converted from GCJ-02, by about {other}%. The coordinates may come from Amap or Tencent Maps (GCJ-02): tick “Coordinates are GCJ-02” and preview again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按 GCJ-02 转换后，这些网格与原有边界只重合约 {as_is}%，不转换时重合约 {other}%。坐标可能已经是 WGS-84，请取消勾选“坐标为 GCJ-02”后重新预览。</source>
        <translation>Converted from GCJ-02, these cells overlap the existing boundaries by only about {as_is}%; unconverted, by about {other}%. The coordinates may already be WGS-84: untick “Coordinates are GCJ-02” and preview again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有 {count} 个网格存在问题，本次没有导入任何网格。请按预览中的说明修正后重新导入。</source>
        <translation>{count} grid cell(s) have problems, so no cell was imported. Please correct them as the preview explains and import again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有几何图形（geometry 为空）。</source>
        <translation>There is no geometry (geometry is empty).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>几何类型是 {type}，网格必须是面（Polygon 或 MultiPolygon）。</source>
        <translation>The geometry type is {type}; a grid cell must be an area (Polygon or MultiPolygon).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>坐标格式有误，无法组成多边形：每个环至少要有 4 个点且首尾相同，每个点写成 [经度, 纬度]。</source>
        <translation>The coordinates are malformed and do not form a polygon: each ring needs at least 4 points, the first and last the same, each written as [longitude, latitude].</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>坐标超出经纬度范围（例如 [{x}, {y}]）。文件可能使用了投影坐标（单位为米），请在 GIS 软件中转换为 WGS-84 经纬度后再导入。</source>
        <translation>The coordinates are outside the longitude/latitude range (e.g. [{x}, {y}]). The file may use projected coordinates (in metres): convert them to WGS-84 longitude/latitude in the GIS software, then import.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>经纬度顺序颠倒了：坐标写成了 [纬度, 经度]（例如 [{x}, {y}]）。GeoJSON 要求 [经度, 纬度]，请交换两列后重新导出。</source>
        <translation>Longitude and latitude are swapped: the coordinates are written as [latitude, longitude] (e.g. [{x}, {y}]). GeoJSON needs [longitude, latitude]; swap them and export again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>坐标（例如 [{x}, {y}]）不在中国境内，请检查是否选错了文件。</source>
        <translation>The coordinates (e.g. [{x}, {y}]) are outside China; please check that you chose the right file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>缺少网格编码。请在属性中填写 code（或“编码”“网格编码”）。</source>
        <translation>The cell code is missing. Please add code (or “编码”, “网格编码”) to the properties.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少网格名称。请在属性中填写 name（或“名称”“网格名称”）。</source>
        <translation>The cell name is missing. Please add name (or “名称”, “网格名称”) to the properties.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网格类型“{kind}”无法识别，请填写 基础网格、专属网格 或 综合网格。</source>
        <translation>Cell type “{kind}” is not recognised; please use basic, exclusive or comprehensive (or 基础网格, 专属网格, 综合网格).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格编码 {code} 在文件中重复出现（第 {first} 个网格也用了它）。</source>
        <translation>Cell code {code} appears more than once in the file (grid cell no. {first} uses it too).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格编码 {code} 已被其他社区的网格使用。</source>
        <translation>Cell code {code} is already used by a cell of another community.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>边界无法自动修复（修复后不剩任何面）。请在 GIS 软件中修正后重新导入。</source>
        <translation>The boundary cannot be repaired automatically (nothing is left after the repair). Please correct it in the GIS software and import again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>边界自相交（约在 经度 {lng}、纬度 {lat}），例如画成了“8”字形。</source>
        <translation>The boundary crosses itself (near longitude {lng}, latitude {lat}), e.g. drawn as a figure “8”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>边界在一点上与自身相接（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>The boundary touches itself at a point (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>多边形中的“洞”超出了外边界（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>A “hole” in the polygon reaches outside the outer boundary (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>多边形中的“洞”互相嵌套（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>“Holes” in the polygon are nested inside each other (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>内部被“洞”分割成了互不相连的几块（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>“Holes” split the interior into disconnected parts (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>多个面互相嵌套（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>Polygons are nested inside each other (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>边界中有重复的环（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>The boundary has a repeated ring (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>边界的点太少，围不成面（约在 经度 {lng}、纬度 {lat}）。</source>
        <translation>The boundary has too few points to enclose an area (near longitude {lng}, latitude {lat}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>多边形不合法（{reason}）。</source>
        <translation>The polygon is invalid ({reason}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与网格 {other} 重叠约 {area} 平方米。网格之间通常不应重叠，请核对边界。</source>
        <translation>Overlaps grid cell {other} by about {area} square metres. Grid cells should not normally overlap; please check the boundaries.</translation>
    </message>
</context>
<context>
    <name>PlaceTable</name>
    <message>
        <location filename="../../community_app/ui/dialogs/grid_import_texts.py" line="-95"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../community_app/ui/models/place_models.py" line="+134"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/models/place_models.py" line="+1"/>
        <source>网格名称</source>
        <translation>Cell name</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../community_app/ui/models/place_models.py" line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/models/place_models.py" line="+43"/>
        <source>面积（㎡）</source>
        <translation>Area (㎡)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入后</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location filename="../../community_app/ui/models/place_models.py" line="-143"/>
        <source>未指定</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这栋楼的坐标不在任何网格内，请核对楼栋坐标或网格边界。</source>
        <translation>This building&apos;s coordinates are outside every grid cell; please check its coordinates or the cell boundaries.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 单元</source>
        <translation>Unit %1</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+14"/>
        <source>居民</source>
        <translation>Res.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>标准地址</source>
        <translation>Standard address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>层数</source>
        <translation>Fl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>户数</source>
        <translation>HH</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+12"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>房号</source>
        <translation>Room</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居住情况</source>
        <translation>Use</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>人数</source>
        <translation>Res.</translation>
    </message>
</context>
<context>
    <name>Places</name>
    <message>
        <location filename="../../community_app/ui/place_texts.py" line="-128"/>
        <source>基础网格</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专属网格</source>
        <translation>Dedicated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>综合网格</source>
        <translation>Comprehensive</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>住宅</source>
        <translation>Residential</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商业</source>
        <translation>Commercial</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办公</source>
        <translation>Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>公共设施</source>
        <translation>Public facility</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>自住</source>
        <translation>Owned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出租</source>
        <translation>Rented</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>空置</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>商用</source>
        <translation>Business</translation>
    </message>
</context>
<context>
    <name>PlacesPage</name>
    <message>
        <location filename="../../community_app/ui/pages/places_page.py" line="+203"/>
        <source>网格与楼栋</source>
        <translation>Grid cells and buildings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定网格员…</source>
        <translation>Assign worker…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入网格边界…</source>
        <translation>Import boundaries…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记楼栋…</source>
        <translation>Add building…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记住户…</source>
        <translation>Add household…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看网格外楼栋</source>
        <translation>Buildings outside cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>一标三实：网格 → 楼栋 → 单元 → 住户</source>
        <translation>One address, three facts: cell → building → unit → household</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 个网格</source>
        <translation>Grid cells: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 栋楼</source>
        <translation>Buildings: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有 %1 栋楼的坐标不在任何网格内，它们不属于任何网格员。请核对楼栋坐标，或导入完整的网格边界。</source>
        <translation>Buildings with coordinates outside every grid cell: %1. No grid worker is responsible for them. Please check their coordinates, or import the complete grid boundaries.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>网格外楼栋</source>
        <translation>Buildings outside cells</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 栋</source>
        <translation>Buildings: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 单元</source>
        <translation>Unit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 户</source>
        <translation>Households: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>只有社区负责人或系统管理员可以调整网格和网格员。</source>
        <translation>Only a community supervisor or system administrator can change grid cells and grid workers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的账号没有登记楼栋和房屋的权限。</source>
        <translation>Your account may not register buildings and dwellings.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>还没有网格。请导入网格边界（GeoJSON）。</source>
        <translation>No grid cells yet. Please import the grid boundaries (GeoJSON).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请在上方选择一个网格。</source>
        <translation>Please choose a grid cell above.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>所有楼栋都在网格内。</source>
        <translation>All buildings are inside grid cells.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这个网格里还没有登记楼栋。</source>
        <translation>No buildings registered in this grid cell yet.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <source>请选择楼栋。</source>
        <translation>Please choose a building.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>不分单元</source>
        <translation>No units</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>还没有登记住户。</source>
        <translation>No households registered yet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>读取网格和楼栋时出现问题。请点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the grid cells and buildings. Please click “Refresh” to try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_pages.py" line="+65"/>
        <source>导入方式</source>
        <translation>How to import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只导入有效的行：有错误的行跳过，导入后可保存报告，改正后再导入这些行</source>
        <translation>Import the valid rows only: rows with errors are skipped; save the report afterwards, correct them and import those rows again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部有效才导入：只要有一行有错误，就一行也不导入</source>
        <translation>Import only if all rows are valid: if any row has an error, nothing is imported</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>……共 %1 条</source>
        <translation>… %1 in all</translation>
    </message>
</context>
<context>
    <name>QuarantinePanel</name>
    <message>
        <location filename="../../community_app/ui/pages/sync_quarantine.py" line="+122"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+96"/>
        <source>放弃这条修改</source>
        <translation>Discard change</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>双击“值”一栏可以修改后重新发送。身份证号、电话已隐藏，如需修改请到档案中修改。</source>
        <translation>Double-click a cell in the “Value” column to correct it, then send again. ID numbers and phone numbers are hidden: change those in the record itself.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · %2 · %3
%4</source>
        <translation>%1 · %2 · %3
%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只有社区负责人和系统管理员可以处理被退回的修改。</source>
        <translation>Only a community supervisor or system administrator can handle rejected changes.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>没有被城市平台退回的修改。</source>
        <translation>No changes rejected by the city platform.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1：%2 — %3（%4）</source>
        <translation>%1: %2 — %3 (%4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>城市平台退回的原因：%1</source>
        <translation>Reason given by the city platform: %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>保存失败，请重试；如果一直这样，请联系管理员。</source>
        <translation>Saving failed. Please try again; if it keeps happening, contact your administrator.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>放弃后，这条修改不会再发送到城市平台，本机的记录会在下次从城市平台收到更新时恢复一致。确定放弃吗？</source>
        <translation>A discarded change is not sent to the city platform again; the record on this computer is brought back in line with the next update from the city platform. Discard this change?</translation>
    </message>
</context>
<context>
    <name>RateBarChart</name>
    <message>
        <location filename="../../community_app/ui/widgets/kpi_charts.py" line="-194"/>
        <source>点击查看明细</source>
        <translation>Click for details</translation>
    </message>
</context>
<context>
    <name>ReportPreview</name>
    <message>
        <location filename="../../community_app/ui/widgets/report_preview.py" line="+150"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>报表预览</source>
        <translation>Report preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未生成报表</source>
        <translation>No report yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在左侧选择报表、范围和月份，点击“生成报表”后在此预览，确认无误再打印或另存为 PDF。</source>
        <translation>Choose a report, scope and month on the left and click “Create report” to preview it here. Check it, then print it or save it as a PDF.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整页</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>页 / 共 %1 页</source>
        <translation>of %1</translation>
    </message>
</context>
<context>
    <name>ReportPreviewDialog</name>
    <message>
        <location filename="../../community_app/ui/report_preview_dialog.py" line="+53"/>
        <source>已保存到 %1。</source>
        <translation>Saved to %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已发送 %1 页到打印机。</source>
        <translation>Pages sent to the printer: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>打印办理单</source>
        <translation>Print request dossier</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <location line="+24"/>
        <source>诉求办理单</source>
        <translation>Request dossier</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>正在生成…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在生成诉求办理单…</source>
        <translation>Creating the request dossier…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&#x3000;·&#x3000;共 %2 页</source>
        <translation>%1 · Pages: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReportRunner</name>
    <message>
        <location filename="../../community_app/ui/report_runner.py" line="+93"/>
        <location line="+92"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>生成报表</source>
        <translation>Create report</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>生成报表时出现问题，未能完成。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem creating the report; it was not finished. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>无法保存文件：请确认文件夹可以写入、文件没有被其他程序打开，然后重试。</source>
        <translation>The file could not be saved. Make sure the folder is writable and no other program has the file open, then try again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存时出现问题，文件未保存。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: the file was not saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无法记录打印日志，未打印。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>The printing could not be recorded in the audit log, so nothing was printed. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>打印机没有响应，未能打印。请检查打印机后重试。</source>
        <translation>The printer did not respond, so nothing was printed. Check the printer and try again.</translation>
    </message>
</context>
<context>
    <name>ReportSettings</name>
    <message>
        <location filename="../../community_app/ui/widgets/report_settings.py" line="+32"/>
        <source>月度网格工作报告</source>
        <translation>Monthly grid work report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体走访报告</source>
        <translation>Home visit report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求办理单</source>
        <translation>Request dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>居民花名册</source>
        <translation>Resident roster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>指标与上月对比，网格和网格员统计</source>
        <translation>KPIs vs last month, by cell and worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各类特殊群体走访覆盖，逾期未走访名单</source>
        <translation>Coverage by group, overdue visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单件诉求的完整办理过程和现场照片</source>
        <translation>One request&apos;s history and photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按条件筛选居民，横向 A4 名册</source>
        <translation>Filtered residents, landscape A4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>选择报表</source>
        <translation>Choose a report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>统计范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>统计月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求</source>
        <translation>Request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入诉求编号，如 ZS202611200001</source>
        <translation>Request no., e.g. ZS202611200001</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>也可在诉求详情页点击“打印办理单”直接预览。</source>
        <translation>You can also click “Print dossier” on a request&apos;s page to preview it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>筛选条件</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成报表</source>
        <translation>Create report</translation>
    </message>
</context>
<context>
    <name>ReporterPicker</name>
    <message>
        <location filename="../../community_app/ui/widgets/reporter_picker.py" line="+112"/>
        <source>居民档案中查找</source>
        <translation>Find a resident</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>手动填写</source>
        <translation>Enter by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>匿名反映</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>输入姓名、拼音首字母或手机号后四位</source>
        <translation>Type a name, pinyin initials or the last 4 digits of a mobile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人姓名</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话（手机或座机）</source>
        <translation>Phone (mobile or landline)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不记录反映人；办理结果无法回访告知。</source>
        <translation>No reporter is recorded, so nobody can be told the outcome in a follow-up review.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新选择</source>
        <translation>Choose again</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>没有找到相符的居民，可改为“手动填写”。</source>
        <translation>No matching resident; switch to “Enter by hand”.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../community_app/ui/pages/reports_page.py" line="+138"/>
        <source>报表打印</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>生成正式报表，预览无误后打印或另存为 PDF。打印和保存含个人信息的报表均记入审计日志。</source>
        <translation>Create official reports, check the preview, then print or save as PDF. Printing or saving personal data is audited.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本报表为统计数据，不含居民个人信息。</source>
        <translation>Statistics only: no residents&apos; personal data.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证号、电话将完整打印；打印和保存记入审计日志，请妥善保管。</source>
        <translation>ID and phone numbers are printed in full; printing and saving are recorded in the audit log. Keep the copies safe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>身份证号、电话按规定脱敏打印；打印和保存记入审计日志。</source>
        <translation>ID and phone numbers are printed masked, as required; printing and saving are recorded in the audit log.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>读取网格和网格员时出现问题；请稍后重新打开本页。如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the grid cells and grid workers. Please open this page again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在生成“%1”…</source>
        <translation>Creating “%1”…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>共 %1 页</source>
        <translation>Pages: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;·&#x3000;%1 人</source>
        <translation> · Residents: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>报表已生成，但无法显示预览。请重新生成；如果问题反复出现，请联系系统管理员。</source>
        <translation>The report was created but cannot be previewed. Please create it again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已取消生成报表。</source>
        <translation>Report cancelled.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>打印报表</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已保存到 %1。请妥善保管。</source>
        <translation>Saved to %1. Keep it safe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已发送 %1 页到打印机。</source>
        <translation>Pages sent to the printer: %1.</translation>
    </message>
</context>
<context>
    <name>RequestDetailPanel</name>
    <message>
        <location filename="../../community_app/ui/pages/request_detail.py" line="+190"/>
        <source>‹ 返回诉求列表</source>
        <translation>‹ Back to requests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求信息</source>
        <translation>Request details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求内容</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>诉求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>发生地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所属网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记人</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外部工单号</source>
        <translation>External ticket no.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>读取诉求时出现问题；请返回列表后重试。如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the request. Please go back to the list and try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现场照片（%1 张）</source>
        <translation>On-site photos (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现场照片：无</source>
        <translation>On-site photos: none</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理过程（%1 条记录）</source>
        <translation>History (%1 entries)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&#x3000;坐标 %1, %2</source>
        <translation>  coordinates %1, %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未划入网格</source>
        <translation>Not in a grid cell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未派遣</source>
        <translation>Not dispatched yet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（原期限 %1）</source>
        <translation> (originally %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无办理时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（按期）</source>
        <translation> (on time)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（超期）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未回访</source>
        <translation>No follow-up review yet</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>已办理：%1。</source>
        <translation>Done: %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>操作没有完成：写入数据库时出现问题。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>The action did not finish: there was a problem writing to the database. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>RequestFields</name>
    <message>
        <location filename="../../community_app/ui/dialogs/request_form_fields.py" line="+135"/>
        <source>诉求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>诉求内容</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>发生地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>现场照片</source>
        <translation>On-site photos</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>12345 工单号（选填）</source>
        <translation>12345 ticket no. (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选填；不填则按“地点 + 类别”自动生成</source>
        <translation>Optional; if left empty, made from “location + category”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如：湛山四路20号楼下堆放装修垃圾约两立方米，已三天无人清运。</source>
        <translation>e.g. About two cubic metres of renovation waste piled outside 湛山四路 No. 20, not cleared for three days.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>请选择大类</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请选择小类</source>
        <translation>Choose a subcategory</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>先选择大类</source>
        <translation>Choose a category first</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工作小时</source>
        <translation>working hours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>办理时限：%1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>选择现场照片</source>
        <translation>Choose on-site photos</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>未添加（可选；每张不超过 20 MB）</source>
        <translation>None added (optional; up to 20 MB each)</translation>
    </message>
</context>
<context>
    <name>RequestFormDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/request_form.py" line="+146"/>
        <location line="+1"/>
        <source>登记诉求</source>
        <translation>Register request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请写清什么问题、在哪里、持续多久。登记后进入“待受理”，按类别时限计时（工作时间）。</source>
        <translation>Say what, where and since when. It then awaits acceptance; the deadline counts working hours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+110"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-110"/>
        <location line="+110"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>登记时发现与 %1 为同一问题（相距约 %2 米），并单办理。</source>
        <translation>Found at registration to be the same problem as %1 (about %2 m away); merged.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>保存时出现问题，诉求没有登记。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: the request was not registered. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>RequestHeader</name>
    <message>
        <location filename="../../community_app/ui/pages/request_detail_header.py" line="+107"/>
        <source>诉求编号  %1</source>
        <translation>Request no.  %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>督办 %1 次</source>
        <translation>Escalated: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>返工 %1 次</source>
        <translation>Reworked: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>期限 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按期办结</source>
        <translation>Finished on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期办结</source>
        <translation>Finished late</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>剩余和超期时间按工作时间计算（法定节假日和周末不计）</source>
        <translation>Time left and time overdue are counted in working time (public holidays and weekends excluded)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>延期申请待审批：申请延长 %1 个工作小时，计时已暂停。</source>
        <translation>Extension awaiting approval: %1 working hours requested; the clock is paused.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承办人已退回，等待重新派遣，计时已暂停。</source>
        <translation>Sent back by the assignee, waiting to be dispatched again; the clock is paused.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本诉求已并入 %1，请在该诉求中跟进办理。</source>
        <translation>This request was merged into %1; please follow it up there.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已并入本诉求的重复诉求：%1</source>
        <translation>Duplicates merged into this request: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>办理后进入“%1”环节</source>
        <translation>Afterwards the request moves to “%1”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>办理</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印办理单</source>
        <translation>Print dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览并打印本诉求的办理单（含办理过程和现场照片）</source>
        <translation>Preview and print this request&apos;s dossier (with its history and on-site photos)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当前环节没有您可以办理的操作（可能需要承办人或社区负责人办理）。</source>
        <translation>There is nothing you can do at this stage (the assignee or a community supervisor may need to act).</translation>
    </message>
</context>
<context>
    <name>RequestListCard</name>
    <message>
        <location filename="../../community_app/ui/widgets/request_list_card.py" line="+143"/>
        <source>按诉求编号或标题查找</source>
        <translation>Find by request no. or title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只列出派给我、或在我负责网格内的诉求</source>
        <translation>List only requests assigned to me or in my grid cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加载更多</source>
        <translation>Load more</translation>
    </message>
</context>
<context>
    <name>RequestTable</name>
    <message>
        <location filename="../../community_app/ui/models/request_table_model.py" line="+32"/>
        <source>诉求编号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限状态</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>【急】</source>
        <translation>[Urgent] </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>紧急诉求</source>
        <translation>Urgent request</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>（北京时间）</source>
        <translation> (Beijing time)</translation>
    </message>
</context>
<context>
    <name>RequestText</name>
    <message>
        <location filename="../../community_app/ui/dialogs/action_dialog.py" line="-217"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../community_app/ui/request_texts.py" line="+25"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来电</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查发现</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访发现</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自助终端</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open311接入</source>
        <translation>Open311</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按期办理中</source>
        <translation>On schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>即将超期</source>
        <translation>Soon</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>已超期</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>暂停计时</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>无办理时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无时限</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>并单</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始处置</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>驳回延期</source>
        <translation>Deny extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提交核查</source>
        <translation>Submit for verification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返工</source>
        <translation>Rework</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访评价</source>
        <translation>Follow-up review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督办</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不予受理的理由</source>
        <translation>Reason for rejecting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回的理由</source>
        <translation>Reason for sending back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请延期的理由</source>
        <translation>Reason for the extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>驳回的理由</source>
        <translation>Reason for denying</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查未通过的原因</source>
        <translation>Why verification failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督办意见</source>
        <translation>Escalation instructions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注内容</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %1 小时</source>
        <translation> %1 h</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 小时 %2 分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>计时暂停，恢复后剩余 %1</source>
        <translation>Clock paused; %1 left when it resumes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已超期 %1</source>
        <translation>Overdue by %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>RequestTimeline</name>
    <message>
        <location filename="../../community_app/ui/pages/request_detail_parts.py" line="+130"/>
        <source>承办人：%1</source>
        <translation>Assignee: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>并入诉求：%1</source>
        <translation>Merged into: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>批准延期 %1 个工作小时</source>
        <translation>Extension of %1 working hours approved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请延期 %1 个工作小时</source>
        <translation>Extension of %1 working hours requested</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../community_app/ui/pages/requests_page.py" line="+199"/>
        <source>诉求办理</source>
        <translation>Service requests</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记诉求</source>
        <translation>Register request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记来访、来电、巡查、走访或12345热线反映的问题</source>
        <translation>Register a problem reported in person, by phone, on a patrol or home visit, or via the 12345 hotline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分类与时限…</source>
        <translation>Categories…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>维护诉求的大类、小类及各小类的办理时限和紧急程度</source>
        <translation>Edit the request categories and subcategories, with each subcategory&apos;s time limit and urgency</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>我的诉求</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>派给我、或在我负责网格内、仍在办理中的诉求</source>
        <translation>Open requests assigned to me or in my grid cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部在办</source>
        <translation>All open</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未办结的全部诉求</source>
        <translation>All requests not yet finished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>剩余不到 4 个工作小时的在办诉求</source>
        <translation>Open requests with less than 4 working hours left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已过办理期限仍未办结的诉求</source>
        <translation>Requests past their deadline and not yet finished</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停计时</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>延期待审批或已退回待重新派遣的诉求</source>
        <translation>Requests awaiting an extension decision or sent back for dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部诉求</source>
        <translation>All requests</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>包括已办结、不予受理和已并单的诉求</source>
        <translation>Including finished, rejected and merged requests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>工作清单</source>
        <translation>Work lists</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按环节</source>
        <translation>By stage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按网格（在办）</source>
        <translation>By cell (open)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（只看我的）</source>
        <translation> (mine only)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 %1 件</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找到 %1 件</source>
        <translation>Found: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已显示 %1 件，共 %2 件</source>
        <translation>Showing %1 of %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有找到编号或标题含“%1”的诉求。请检查输入，或换一个列表查找。</source>
        <translation>No request whose number or title contains “%1”. Check what you typed, or search another list.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这个列表里目前没有诉求。</source>
        <translation>There are no requests in this list now.</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>读取诉求列表时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the requests; the list may be incomplete. Please click “Refresh” later to try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>ResidentDetailPanel</name>
    <message>
        <location filename="../../community_app/ui/pages/resident_detail.py" line="+156"/>
        <source>‹ 返回居民列表</source>
        <translation>‹ Back to residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体标签</source>
        <translation>Special-group tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+107"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="-107"/>
        <location line="+110"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已故</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>读取居民档案时出现问题；请返回列表后重试。如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the resident&apos;s record. Please go back to the list and try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>同户成员（%1人）</source>
        <translation>Household members (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同户成员</source>
        <translation>Household members</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（本人）</source>
        <translation>(this resident)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未登记住址，暂无同户成员。</source>
        <translation>No address registered, so no household members.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>诉求</source>
        <translation>Request</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>变更</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看</source>
        <translation>Viewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示全部（共%1条）</source>
        <translation>Show all (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>暂无记录。</source>
        <translation>Nothing recorded yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>户籍人口</source>
        <translation>Registered (hukou)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>流动人口</source>
        <translation>Floating population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>境外人员</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无特殊群体标签。</source>
        <translation>No special-group tags.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>操作没有完成：写入数据库时出现问题。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>The action did not finish: there was a problem writing to the database. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>ResidentFilterBar</name>
    <message>
        <location filename="../../community_app/ui/widgets/resident_filter_bar.py" line="+18"/>
        <source>0–17 岁</source>
        <translation>Age 0–17</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18–59 岁</source>
        <translation>Age 18–59</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>60–79 岁</source>
        <translation>Age 60–79</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>80 岁及以上</source>
        <translation>Age 80+</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>姓名 / 拼音首字母 / 证件号 / 电话 / 地址</source>
        <translation>Name, ID, phone, address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可输入姓名中的字、全拼或首字母（如 zs），身份证号或电话的后几位，楼栋地址</source>
        <translation>Type characters of a name, its full pinyin or initials (e.g. zs), the last digits of an ID or phone number, or a building address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除搜索和全部筛选条件</source>
        <translation>Clear the search and all filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部年龄</source>
        <translation>All ages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部类别</source>
        <translation>All types</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>户籍人口</source>
        <translation>Registered (hukou)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>流动人口</source>
        <translation>Floating population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>境外人员</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已故</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部网格</source>
        <translation>All grid cells</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部人群</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
</context>
<context>
    <name>ResidentFormDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/resident_form.py" line="+94"/>
        <source>编辑居民档案</source>
        <translation>Edit resident record</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增居民</source>
        <translation>Add resident</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>读取居民档案时出现问题；请关闭后重试。如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the resident&apos;s record. Please close and try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期 %1</source>
        <translation>born %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>号码有效：%1</source>
        <translation>Valid number: %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>可能重复</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>可能重复：%1</source>
        <translation>Possible duplicate:%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍然保存？</source>
        <translation>Save anyway?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>仍然保存</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返回核对</source>
        <translation>Go back and check</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>保存时出现问题，档案没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: the record was not saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>现在无法显示完整信息；请稍后重试。</source>
        <translation>The full details cannot be shown right now; please try again later.</translation>
    </message>
</context>
<context>
    <name>ResidentTable</name>
    <message>
        <location filename="../../community_app/ui/models/resident_table_model.py" line="+31"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊人群</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已故</source>
        <translation>Deceased</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <location filename="../../community_app/ui/pages/residents_page.py" line="+194"/>
        <source>居民档案</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增居民</source>
        <translation>Add resident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从Excel导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把当前列表（按搜索和筛选条件）导出为 Excel 文件</source>
        <translation>Export the current list (as searched and filtered) to Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有符合条件的居民。请检查搜索内容，或点击“重置”清除筛选条件。</source>
        <translation>No residents match. Check what you searched for, or click “Reset” to clear the filters.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已显示前 %1 人，正在统计总数…</source>
        <translation>Showing the first %1; counting the total…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在查询…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 %1 人</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（已按条件筛选）</source>
        <translation> (filtered)</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>读取居民档案时出现问题，列表可能不完整。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the residents&apos; records; the list may be incomplete. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>导出居民名册</source>
        <translation>Export residents</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>居民名册.xlsx</source>
        <translation>residents.xlsx</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>列表还在统计中，请稍候再导出。</source>
        <translation>The list is still being counted; please wait a moment before exporting.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已导出 %1 人到 %2。</source>
        <translation>Exported %1 residents to %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号和电话已脱敏。</source>
        <translation>ID numbers and phone numbers are masked.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>含完整个人信息，请妥善保管。</source>
        <translation>It contains full personal data: keep it safe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出没有完成：文件可能正被其他程序（如 Excel）打开，或没有写入权限。请关闭该文件或换一个位置后重试。</source>
        <translation>The export did not finish: the file may be open in another program (such as Excel), or you may not have permission to write there. Close the file or choose another place, then try again.</translation>
    </message>
    <message>
        <location filename="../../community_app/ui/pages/residents_export.py" line="+34"/>
        <source>正在导出居民名册…</source>
        <translation>Exporting residents…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/residents_page.py" line="+1"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../community_app/ui/dialogs/import_pages.py" line="+33"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存报告（Excel）…</source>
        <translation>Save report (Excel)…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>只列出了前 %1 条，全部内容请保存报告查看。</source>
        <translation>Only the first %1 are listed; save the report to see them all.</translation>
    </message>
</context>
<context>
    <name>RevealReasonDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/reveal_reason_dialog.py" line="+105"/>
        <source>查看完整信息</source>
        <translation>Show full details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看完整%1</source>
        <translation>Show full %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>将显示居民“%1”的完整%2，仅在本页面显示，离开后重新隐藏。</source>
        <translation>%2 of “%1” is shown in full on this page only, until you leave it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>查看理由（必填）：</source>
        <translation>Reason for viewing (required):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择上面的常用理由，或在此填写</source>
        <translation>Choose a common reason above, or type one here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写理由（至少%1个字）。</source>
        <translation>Please give a reason (at least %1 characters).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看操作将记入审计日志：查看人、时间、查看了谁的哪项信息以及理由。</source>
        <translation>Viewing is recorded in the audit log: who viewed what about whom, when, and why.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>入户走访核实</source>
        <translation>Home visit check</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理业务需要</source>
        <translation>For a service</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>联系本人</source>
        <translation>To contact them</translation>
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
    <name>RosterFilterForm</name>
    <message>
        <location filename="../../community_app/ui/widgets/report_roster_filter.py" line="+48"/>
        <source>关键词</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊人群</source>
        <translation>Special groups</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员类别</source>
        <translation>Resident type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>排序</source>
        <translation>Sort by</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>姓名、拼音或号码后几位</source>
        <translation>Name, pinyin, digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部年龄</source>
        <translation>All ages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部类别</source>
        <translation>All types</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>户籍人口</source>
        <translation>Registered (hukou)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>流动人口</source>
        <translation>Floating population</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>境外人员</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在册</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已故</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按住址（楼栋、单元、房号）</source>
        <translation>By address</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按姓名拼音</source>
        <translation>By name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按网格</source>
        <translation>By grid cell</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>全部网格</source>
        <translation>All grid cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部人群</source>
        <translation>All groups</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../../community_app/ui/i18n.py" line="-13"/>
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
    <name>SupervisorView</name>
    <message>
        <location filename="../../community_app/ui/pages/supervisor_view.py" line="+177"/>
        <source>考核指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按网格</source>
        <translation>By grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按网格员</source>
        <translation>By grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每周诉求量</source>
        <translation>Requests per week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求类别构成</source>
        <translation>Requests by category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分网格、分人员指标</source>
        <translation>Indicators by grid cell and by worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击任一数字查看明细</source>
        <translation>Click any number to see the details</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 至 %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（截至 %1）</source>
        <translation> (as of %1)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>结案率最低的 %1 个网格</source>
        <translation>The %1 grid cells with the lowest closure rate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>各网格结案率</source>
        <translation>Closure rate by grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>点击柱条查看未结案诉求</source>
        <translation>Click a bar for open requests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结案率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按期结案率</source>
        <translation>On-time closure rate</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>近 %1 周，按周一起算；点击数据点查看明细</source>
        <translation>%1 weeks · click a point</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>按大类；点击扇区查看明细</source>
        <translation>Click a slice</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 当周受理</source>
        <translation>Received, week of %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 当周结案</source>
        <translation>Closed, week of %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>诉求类别：%1</source>
        <translation>Category: %1</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>受理
%1 件</source>
        <translation>Received
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>本期暂无诉求</source>
        <translation>No requests in this period</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <location filename="../../community_app/ui/sync_badge.py" line="+23"/>
        <source>与城市平台的同步状态</source>
        <translation>Sync status with the city platform</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../community_app/ui/pages/sync_page.py" line="+153"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新登记本机…</source>
        <translation>Register again…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记本机…</source>
        <translation>Register device…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未登记：本机数据照常保存在本机，登记后自动上传。请系统管理员点击“登记本机…”。</source>
        <translation>Not registered: data is saved on this computer as usual and uploaded once it is registered. Ask a system administrator to click “Register device…”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1（北京时间）</source>
        <translation>%1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>同步冲突（%1）</source>
        <translation>Sync conflicts (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>被退回的修改（%1）</source>
        <translation>Rejected changes (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>数据同步</source>
        <translation>Data sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 Open311 平台导入…</source>
        <translation>Import from Open311…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与城市平台同步本社区的数据；断网时照常在本机工作，网络恢复后自动上传。</source>
        <translation>Syncs community data with the city platform; offline work is uploaded later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>城市平台</source>
        <translation>City platform</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上次同步成功</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传的修改</source>
        <translation>Changes to upload</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>被退回的修改</source>
        <translation>Rejected changes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最近的问题</source>
        <translation>Last problem</translation>
    </message>
</context>
<context>
    <name>SyncSetup</name>
    <message>
        <location filename="../../community_app/ui/sync_setup.py" line="+105"/>
        <source>演示用的城市平台没有启动成功，本次演示不同步（本机数据照常保存）。</source>
        <translation>The demo city platform did not start, so this demo does not sync (data is still saved on this computer).</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../community_app/ui/sync_status.py" line="+111"/>
        <source>同步状态读取中…</source>
        <translation>Reading sync status…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未连接城市平台（本机数据照常保存）</source>
        <translation>Not connected to the city platform (data is saved on this computer)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请管理员在“数据同步”页登记本机。</source>
        <translation>Ask an administrator to register this computer on the “Data sync” page.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已同步 %1</source>
        <translation>Synced %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>待上传 %1 条</source>
        <translation>To upload: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>冲突 %1 条</source>
        <translation>Conflicts: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>被退回 %1 条</source>
        <translation>Rejected: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上次成功同步：%1（北京时间）</source>
        <translation>Last successful sync: %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>城市平台：%1</source>
        <translation>City platform: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>立即与城市平台同步</source>
        <translation>Sync with the city platform now</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <location filename="../../community_app/ui/sync_texts.py" line="+19"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待同步</source>
        <translation>Waiting to sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步出错</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步冲突</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未同步</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>网络不通，已保存在本机，稍后自动重试</source>
        <translation>No network; saved on this computer, will retry soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网络太慢，已保存在本机，稍后自动重试</source>
        <translation>Network too slow; saved on this computer, will retry soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>城市平台正忙，已保存在本机，稍后自动重试</source>
        <translation>City platform busy; saved on this computer, will retry soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>城市平台出错，已保存在本机，稍后自动重试</source>
        <translation>City platform error; saved on this computer, will retry soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机登记已失效，请重新登记本机</source>
        <translation>Registration expired: register this computer again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法验证城市平台的证书，请检查服务器地址</source>
        <translation>Cannot verify the city platform&apos;s certificate: check the server address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>城市平台的回复无法识别，请联系平台管理员</source>
        <translation>Unrecognised reply from the city platform: contact the platform&apos;s administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机尚未登记到城市平台</source>
        <translation>This computer is not registered with the city platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有照片在本机找不到，无法上传</source>
        <translation>Some photos are missing on this computer and cannot be uploaded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>同步已暂停，下次从中断处继续</source>
        <translation>Sync paused; the next sync continues where it stopped</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求</source>
        <translation>Request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理记录</source>
        <translation>History entry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体标记</source>
        <translation>Special-group tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作人员</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求分类</source>
        <translation>Request category</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户籍类型</source>
        <translation>Residence type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所在网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理环节</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人电话</source>
        <translation>Reporter&apos;s phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message numerus="yes">
        <location filename="../../community_app/ui/pages/dashboard_page.py" line="-322"/>
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
        <location line="+2"/>
        <source>项</source>
        <translation>
            <numerusform>plan</numerusform>
            <numerusform>plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../../community_app/ui/pages/kpi_texts.py" line="-32"/>
        <source>件</source>
        <translation>
            <numerusform>request</numerusform>
            <numerusform>requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/household_dialog.py" line="+29"/>
        <location line="+1"/>
        <source>修改单元</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>新增单元</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单元号</source>
        <translation>Unit no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例如 1（表示 1 单元）</source>
        <translation>e.g. 1 (for unit 1)</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/visit_dialog.py" line="+205"/>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录走访 · %1</source>
        <translation>Record visit · %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚无走访记录</source>
        <translation>No visits recorded yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上次走访：%1 %2</source>
        <translation>Last visit: %1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>走访时间</source>
        <translation>Visited at</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>走访方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>情况记录</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现场照片</source>
        <translation>On-site photos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>后续跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>诉求类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>例如：身体状况、生活起居、家中安全隐患、提出的困难和诉求等</source>
        <translation>e.g. health, daily life, safety hazards at home, difficulties and requests raised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需要后续跟进（生成诉求）</source>
        <translation>Needs follow-up (creates a service request)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>勾选后，保存时将自动生成一件诉求（来源：走访），以该居民为反映人并关联本次走访，进入受理流程，按所选类别的时限办理。请在“情况记录”中写明需要解决的问题。</source>
        <translation>When ticked, saving creates a service request (channel: home visit) with this resident as the reporter, linked to this visit; it goes for acceptance and is handled within the chosen category&apos;s deadline. Describe the problem to solve under “Notes”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+75"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-75"/>
        <location line="+75"/>
        <source>保存走访</source>
        <translation>Save visit</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>必填：请写明发现的问题</source>
        <translation>Required: describe the problem found</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未添加（可选）</source>
        <translation>None added (optional)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选择现场照片</source>
        <translation>Choose on-site photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请选择诉求类别</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>保存时出现问题，走访没有保存。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: the visit was not saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>VisitHistoryPanel</name>
    <message>
        <location filename="../../community_app/ui/widgets/visit_history_panel.py" line="+79"/>
        <source>走访记录</source>
        <translation>Visit records</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>在左侧选择一位居民，查看其走访记录。</source>
        <translation>Choose a resident on the left to see their visits.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1走访
应走访日期 %2（%3）</source>
        <translation>Visits: %1
Due %2 (%3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在读取走访记录…</source>
        <translation>Loading visits…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还没有走访记录。点击“记录走访”登记第一次走访。</source>
        <translation>No visits yet. Click “Record visit” to record the first one.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已转诉求 %1（%2）</source>
        <translation>Became request %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>需要后续跟进</source>
        <translation>Needs follow-up</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>照片 %n 张</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitRulesDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/visit_rules_dialog.py" line="+99"/>
        <source>走访周期设置</source>
        <translation>Visit intervals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>特殊群体走访周期</source>
        <translation>Visit intervals for special groups</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>勾选需要定期走访的群体并设置周期。一位居民属于多个群体时，按最短的周期走访；到期后超过 %n 天未走访即计为超期。修改后立即用于所有网格员的走访名单。</source>
        <translation>
            <numerusform>Tick the groups to visit regularly and set their interval. A resident in several groups is visited at the shortest interval; a visit not made %n day after it is due counts as overdue. Changes apply at once to every grid worker&apos;s list.</numerusform>
            <numerusform>Tick the groups to visit regularly and set their interval. A resident in several groups is visited at the shortest interval; a visit not made %n days after it is due counts as overdue. Changes apply at once to every grid worker&apos;s list.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>定期走访</source>
        <translation>Visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊群体</source>
        <translation>Group</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>周期（天）</source>
        <translation>Interval (days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+63"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+67"/>
        <location line="+10"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>保存时出现问题，没有保存任何修改。请稍后重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem saving: no change was saved. Please try again later; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../community_app/ui/pages/visits_page.py" line="+170"/>
        <source>走访任务</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访周期设置…</source>
        <translation>Visit intervals…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录走访…</source>
        <translation>Record visit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按姓名查找</source>
        <translation>Find by name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>走访对象</source>
        <translation>Residents to visit</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <source>范围：%1</source>
        <translation>Scope: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>到期后超过 %n 天未走访即为超期</source>
        <translation>
            <numerusform>overdue %n day after the due date</numerusform>
            <numerusform>overdue %n days after the due date</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>截至 %1（北京时间）</source>
        <translation>As of %1 (Beijing time)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>待走访</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全部对象</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>全部网格</source>
        <translation>All grid cells</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>读取走访名单时出现问题，列表可能不完整。请稍后点击“刷新”重试；如果问题反复出现，请联系系统管理员。</source>
        <translation>There was a problem reading the visit list; it may be incomplete. Please click “Refresh” later to try again; if the problem keeps coming back, contact your system administrator.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>目前没有到期需要走访的居民。</source>
        <translation>No residents are due a visit now.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>没有超期未走访的居民。</source>
        <translation>No residents are overdue for a visit.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有需要定期走访的特殊群体居民。</source>
        <translation>No special-group residents need regular visits.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有符合条件的居民，请调整网格或查找内容。</source>
        <translation>No residents match; change the grid cell or the search.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>共 %Ln 人</source>
        <translation>
            <numerusform>Total: %Ln</numerusform>
            <numerusform>Total: %Ln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>已保存%1的走访记录。</source>
        <translation>The visit to %1 was saved.</translation>
    </message>
</context>
<context>
    <name>WeeklyTrendChart</name>
    <message>
        <location filename="../../community_app/ui/widgets/kpi_charts.py" line="+99"/>
        <source>%1 当周 · %2：%3 件</source>
        <translation>Week of %1 · %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>点击查看明细</source>
        <translation>Click for details</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/worker_dialog.py" line="+33"/>
        <location line="+1"/>
        <source>指定网格员</source>
        <translation>Assign grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1（%2）由谁负责？网格员登录后，工作台只统计自己负责的网格。</source>
        <translation>Who is responsible for %1 (%2)? A grid worker&apos;s dashboard counts only the cells they are responsible for.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（暂不指定）</source>
        <translation>(none for now)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>列出本社区在岗的网格员。</source>
        <translation>Active grid workers of this community are listed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本社区还没有在岗的网格员账号，请先在系统管理中添加。</source>
        <translation>This community has no active grid worker accounts yet; please add them under system administration first.</translation>
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
<context>
    <name>_StatusDialog</name>
    <message>
        <location filename="../../community_app/ui/dialogs/resident_status_dialog.py" line="-35"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
