# 应用界面。

app-language = 界面和报告的语言（想定本身的文字保持原样）
app-clock-of = 已进行 { $played }，共 { $duration }
app-run = ▶ 开始
app-pause = ⏸ 暂停
app-speed-as-planned = { $speed }（按计划）
app-speed-minutes = 1 分钟 = { $n } 分钟
app-speed-hours = 1 分钟 = { $n } 小时
app-speed-days = 1 分钟 = { $n } 天
app-next-inject = ⏭ 下一条注入
app-next-inject-hover = 将时钟推进到下一条定时注入
app-plus-hour = +1 小时
app-view = 视图：
app-facilitator = 导调
app-end-exercise = ■ 结束推演

app-our-scorecard = 本组计分卡
app-scoreboard = 计分板
app-kpi-points = { $points } / { $max } 分
app-kpi-line = { $kpi }：{ $value } / 目标值 { $target } · { $points }
app-rate = 评级：

app-library = 想定库
app-open-a-file = 或打开文件：`muster gui 路径`。保存文件后修改会在此处自动重新加载。
app-problems-in = { $file } 中有 { $count } 个问题
app-error = 错误
app-warning = 警告
app-problem-help = （提示：{ $help }）
app-fix-to-start = 请先修正上面的错误；保存文件后会自动重新加载。
app-seed = 随机种子
app-start-exercise = ▶ 开始推演
app-written-seconds-ago = ，{ $n } 秒前写入
app-written-minutes-ago = ，{ $n } 分钟前写入
app-written-hours-ago = ，{ $n } 小时前写入
app-unfinished = 有一场推演尚未结束
app-unfinished-detail = { $journal } — { $scenario }：已推演 { $played }，{ $commands } 条指令{ $ago }
app-resume = 从中断处继续
app-resume-hover = 根据推演日志把推演重建到时钟停下的那一分钟，并继续写入同一日志

app-debrief = 复盘
app-export-report = 导出复盘报告
app-written-to = 已写入 { $file }
app-debrief-outcome = 感染 { $infections } · 确诊 { $confirmed } · 死亡 { $deaths } · 住院峰值 { $peak } · 信任度 { $trust } · 按时报告 { $on_time }，迟报或漏报 { $late }
app-plan-alone = 预案“{ $plan }”在同一随机种子下单独运行：感染 { $infections }（本次 { $our_infections }）· 死亡 { $deaths }（本次 { $our_deaths }）· 信任度 { $trust }（本次 { $our_trust }）· 得分 { $score }（本次 { $our_score }）
app-decision-asked = { $question }（{ $inject }，{ $opened } 向 { $teams } 提出，时限 { $due }）
app-team-chose = { $time } { $team } 选择“{ $option }”
app-team-chose-why = { $time } { $team } 选择“{ $option }” — 理由：{ $why }
app-decision-outcome = 决定：{ $outcome }
app-still-open = 尚未决定
app-what-followed = 后续影响：{ $effects }
app-decision-worth = 对目标的价值 { $worth }
app-action-taken = { $time } { $team }：{ $action } — { $in_effect } 生效
app-why = （理由：{ $why }）
app-tried-and-refused = 被拒绝的尝试（{ $count }）

chart-epidemic = 感染：采取行动与无作为
chart-districts = 各区
chart-kpis = 指标变化
chart-days = 天
chart-infected-played = 现有感染（实际）
chart-infected-no-action = 现有感染（无作为）
chart-confirmed = 累计确诊
chart-waiting-for-bed = 等待床位

map-layer = 地图图层：
map-confirmed = 确诊病例
map-infections = 真实感染（仅导调可见）
map-hospital = 住院
map-level = 管控等级
map-trust = 公众信任度
map-selected = 已选：{ $place }
map-n-confirmed = 确诊 { $count }
map-n-infected = 感染 { $count }
map-n-in-hospital = 住院 { $count }
map-n-trust = 信任度 { $trust }
app-timeline = 时间线

# 导调组控制台。
console-msel = 情景注入清单
console-decisions-tab = 决策事项（{ $open } 项待定）
console-agencies-tab = 导调扮演的单位
console-evaluation-tab = 评估（{ $count } 项待评定）
console-compose = ✉ 编写注入
console-next-at = 下一条 { $time }
console-skipped = 已跳过
console-when = 当{ $condition }时
console-fire-now = 立即触发
console-delay = 推迟 30 分钟
console-skip = 跳过
console-edit = 编辑
console-no-decisions = 尚未向各组提出决策事项。
console-settled = -> “{ $option }”：{ $how }，{ $time }
console-open-until = 时限 { $time }；等待 { $teams }
console-answer = { $team }：“{ $option }”，{ $time }
console-no-answer = { $team }：未答复
console-requests = 待答复的支援请求
console-request-stock = { $supply } { $quantity } 送至 { $to }
console-request-units = 力量 { $units }
console-request-help = 支援
console-request = 第 { $number } 号：{ $from } 请求 { $to } 提供{ $what }（{ $due } 前答复）
console-accept-as-them = 以对方名义同意
console-decline-as-them = 以对方名义拒绝
console-speak-as = 以此身份发言
console-to = 发给
console-reached-them = 收到的信息（最新在前）
console-reached-report = 报告 { $from } -> { $to }（{ $team }）：{ $text }
console-reached-request = 第 { $number } 号请求 { $from } -> { $to }：{ $text }
console-we-said = 我方以 { $from } 名义：{ $text }
console-observation = 评估员观察记录
console-record-observation = 记录观察
console-to-judge = 无法从指令判断的要求行动
console-note-with-judgement = 上方输入框中的文字将作为评定的备注。
console-nothing-to-judge = 暂无：所有要求的行动都可从各组指令中判断。
console-judged = 已评定为{ $verdict }
console-compose-title = 编写情景注入
console-title = 标题
console-message = 内容
console-send-to = 发送给
console-send-now = 立即发送
console-control-cell = 导调组
console-edit-title = 编辑注入 { $inject }
console-save = 保存

# 顶栏下方的单行提示。
notice-scenario-has-errors = 情景文件有错误，请先修正
notice-cannot-create = 无法创建 { $path }：{ $error }
notice-cannot-write-journal = 无法写入推演日志 { $path }：{ $error }
notice-started = 推演已开始；日志：{ $path }
notice-not-applied = { $error }；该指令未执行
notice-refused = 未执行：{ $reason }
notice-cannot-read = 无法读取 { $path }：{ $error }
notice-journal-damaged = { $place }：{ $problem }；修正或删除该行后才能继续推演
notice-journal-ended = { $path } 记录的推演已于 { $at } 结束；其报告：`muster report { $path }`
notice-journal-without-scenario = { $path } 未写明所用情景
notice-scenario-not-found = { $path }：其情景 `{ $scenario }` 既不在日志旁边，也不是内置情景
notice-scenario-changed = 情景 { $scenario } 在 { $path } 写成之后已修改：继续推演将无法还原同一场推演
notice-last-line-cut = 日志最后一行因崩溃而不完整：该指令从未生效
notice-resumed = 已从 { $path } 继续推演，时间 { $at }：重放 { $commands } 条指令（{ $refused } 条未执行）；时钟已暂停
notice-report-written = 复盘报告已写入：{ $path }
notice-cannot-write-report = 无法写入报告：{ $error }
notice-scenario-locked = 推演开始前才能更换情景
notice-exercise-ended = 推演已到结束时间
notice-reloaded = 已重新载入 { $name }
notice-plan-plays = 预案 { $plan } 与你们一同扮演其负责的小组
app-cannot-resume = 无法继续推演：{ $reason }
app-no-bundled-scenario = 没有内置想定 `{ $file }`

# 各团队用自己的设备参演（控制台的“设备”页、加入卡）。
console-devices-tab = 设备（{ $count }）
devices-title = 各团队用自己的设备参演
devices-closed = 目前各团队在本机轮流操作。开放推演后，各团队、评估员和投影可在本场网络中用浏览器加入。
devices-open = 向各团队开放
devices-url = 本场访问地址：
devices-print-cards = 生成可打印的加入卡
devices-revoked = 已收回
devices-connected = 已连接 { $count } 台
devices-revoke = 收回
devices-new-code = 新代码
devices-evaluators = 评估员
devices-projector = 投影
cards-how = 在浏览器中打开 { $url } 并输入代码，或扫描二维码。
notice-host-open = 已向各团队开放：{ $url }，各团队代码见“设备”页
notice-host-cannot-open = 无法在 { $address } 上向各团队开放推演：{ $error }
notice-cards-written = 加入卡已写入 { $path }
notice-cannot-write = 无法写入 { $path }：{ $error }
notice-not-started = 推演尚未开始，未作任何处理
