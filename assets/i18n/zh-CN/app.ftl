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
