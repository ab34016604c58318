# 计分卡：各项指标测量什么、数值的含义以及得分的依据。

card-whole-exercise = 全体推演

metric-contacts-quarantined = 密接在确定后 24 小时内隔离的比例
metric-cases-isolated = 确诊病例在 24 小时内转运至隔离点的比例
metric-cases-known = 新增病例中已知密接的比例
metric-activation = 指挥部启动用时
metric-inject-response = 从情景注入到完成要求行动的用时
metric-overflow-hours = 患者需要床位却无床可用的小时数
metric-infections = 感染人数
metric-deaths = 死亡人数
metric-reports-on-time = 按时如实报告的比例
metric-aid-answered = 支援请求答复率
metric-aid-minutes = 答复支援请求的用时
metric-stock-outs = 断供次数
metric-public-trust = 公众信任度
metric-rumour-answer = 舆情信息流中谣言的回应时间
metric-rumour-reach = 谣言被回应前的传播量
metric-negative-posts = 舆情信息流中负面帖文的占比
metric-economic-cost = 管控措施的经济成本
metric-cost-per-infection-averted = 每避免一例感染的措施成本
metric-decision-quality = 决策对目标的贡献

value-minutes = { $minutes } 分钟
value-hours = { $hours } 小时

role-tracing = 流调
role-testing = 核酸检测
role-patient-transport = 转运
role-patrol = 巡逻
role-supply = 物资保障
role-community-support = 社区服务
role-disinfection = 消杀

nothing-contacts = 尚无确定超过 24 小时的密接
nothing-isolation = 尚无确诊超过 24 小时、需要转运的病例
nothing-cases = 尚无确诊病例
nothing-injects = { $scope ->
    [0] 尚无情景注入提出要求
    [1] 尚无情景注入向本组提出要求
   *[other] 尚无情景注入向这些小组提出要求
}
nothing-reports = { $scope ->
    [0] 没有到期的报告
    [1] 本组没有到期的报告
   *[other] 这些小组没有到期的报告
}
nothing-requests = { $scope ->
    [0] 没有支援请求
    [1] 没有向本组提出的支援请求
   *[other] 没有向这些小组提出的支援请求
}
nothing-decisions = { $scope ->
    [0] 尚无计分的决策事项作出决定
    [1] 尚无向本组提出的计分决策事项作出决定
   *[other] 尚无向这些小组提出的计分决策事项作出决定
}
nothing-to-measure = 无可测量的内容
nothing-rumours = 舆情信息流中尚无谣言
nothing-posts = 舆情信息流中尚无帖文
nothing-averted = 评分时与不采取行动的推演对比

detail-contacts = 已确定的 { $named } 名密接中 { $quick } 名在 24 小时内隔离（累计隔离 { $quarantined } 名，{ $lost } 名失访）
detail-isolation = { $cases } 例确诊病例中 { $quick } 例在 24 小时内转运至隔离点（累计转运 { $moved } 例）
detail-known-contacts = { $confirmed } 例确诊病例中 { $known } 例为已知密接（{ $quarantine } 例在隔离中发病，{ $tracers } 例由流调发现）
detail-activated = { $time } 启动（开始后 { $after }）
detail-not-activated = 开始 { $after } 后仍未启动
detail-responses = 应完成 { $expected } 项，已完成 { $made } 项；平均用时 { $mean }
detail-decisions = { $count } 项计分决策；所选方案平均价值 { $worth }
detail-overflow = 患者等待床位共 { $hours } 小时；目前住院 { $patients } 人
detail-infections = 开始以来感染 { $count } 人
detail-deaths = 死亡 { $count } 人
detail-reports = 应报 { $due } 份，按时如实报告 { $on_time } 份
detail-aid-answered = 支援请求 { $due } 项，已答复 { $answered } 项
detail-aid-minutes = { $count } 项请求平均答复用时 { $mean }
detail-stock-outs = 断供 { $count } 次
detail-trust = 按人口加权的信任度 { $trust }
detail-cost = 管控措施支出 { $spent }

evidence-dispatch = { $time } { $team } 派出{ $role }力量前往 { $place }
evidence-activated = { $time } 指挥部启动
evidence-response = { $time } { $inject }：“{ $text }”用时 { $after }
evidence-response-in-place = { $time } { $inject }：“{ $text }”用时 { $after }（此前已落实）
evidence-response-missed = { $time } { $inject }：“{ $text }”未完成（时限 { $due }）
evidence-decision = { $time } { $question }：“{ $option }”，{ $how }（价值 { $worth }）
evidence-report-late = { $time } { $rule }（{ $from } → { $to }）：{ $filed } 迟报
evidence-report-false = { $time } { $rule }（{ $from } → { $to }）：{ $filed } 报送但不实，{ $falsehood }
evidence-report-missing = { $time } { $rule }（{ $from } → { $to }）：未报（时限 { $due }）
evidence-aid-answered = { $time } 第 { $request } 号请求（{ $from } → { $to }）：{ $after } 后{ $answer }
evidence-aid-unanswered = { $time } 第 { $request } 号请求（{ $from } → { $to }）：未答复
evidence-rumour-answered = { $time }“{ $text }”（{ $who }）：{ $team } 于 { $after } 后回应，{ $engaged } 次互动
evidence-rumour-open = { $time }“{ $text }”（{ $who }）：未回应，{ $engaged } 次互动
detail-rumour-answer = { $rumours } 条谣言中已回应 { $answered } 条；平均用时 { $mean }
detail-rumour-reach = { $rumours } 条谣言中已回应 { $answered } 条；平均传播 { $mean } 次互动
detail-negative-posts = { $posts } 条帖文中负面 { $negative } 条
evidence-stock-out = { $time } { $facility } { $supply } 断供
evidence-statement = { $time } { $team } 发布公告
evidence-trust-alert = { $time } { $district } 的信任度低于 { $trust }
evidence-report-overdue = { $time } { $rule } 超时（影响公众信心）
evidence-measure = { $time } { $team } 将 { $district } 调整为{ $level }
evidence-gathering = { $time } { $team } 决定{ $decision }（{ $gathering }）
aid-accepted = 同意
aid-declined = 拒绝
aid-short = 同意，已调拨 { $sent }（{ $reason }）

baseline-same = 与无作为时相同（{ $baseline }）
baseline-points-higher = 比无作为时高 { $points } 个百分点（{ $baseline }）
baseline-points-lower = 比无作为时低 { $points } 个百分点（{ $baseline }）
baseline-more-than-none = 比无作为时多 { $more }（0）
baseline-less = 比无作为时少 { $share }（{ $baseline }）
baseline-fewer = 比无作为时少 { $share }（{ $baseline }）
baseline-more = 比无作为时多 { $share }（{ $baseline }）

kpi-no-units = { $team }没有{ $role }力量
kpi-not-due = 尚未到期：{ $detail }
kpi-against-target = { $value }，目标值 { $target }：{ $detail }
kpi-against-budget = { $value }，预算 { $budget }：{ $detail }
kpi-against-target-and-baseline = { $value }，目标值 { $target }；{ $baseline }：{ $detail }
kpi-nothing-spent = 没有支出
kpi-proportion = 有成本的措施 { $measures } 项：花费 { $cost }（计入学生停课和因就医受阻造成的死亡，损害合计 { $total }），约避免 { $averted } 例感染（每项与不采取该项的推演对比，计至结束及下一代传播），每例感染损失 { $harm }。超出所避免损失的部分：{ $waste }；不加处置时疫情造成的损失为 { $danger }。
evidence-proportion = { $time } { $team }：{ $what }：{ $cost }，约避免 { $averted } 例感染：{ $verdict }
measure-level = { $place }{ $level }
measure-round = { $places }全员检测
measure-round-city = 全市全员检测
measure-facility-closed = 关闭{ $place }
measure-facility-cohort = { $place }封闭管理（人员不出）
kpi-met-without-action = 无作为时为 { $baseline }，已在目标值 { $target } 之内：无法区分应对与不应对
kpi-met-without-action-so-far = 目前无作为时为 { $baseline }，仍在目标值 { $target } 之内：尚无可评判的内容
kpi-team-took-no-action = ；本组未采取任何行动，改进不计入本组
kpi-no-team-took-action = ；没有任何小组采取行动
kpi-not-applicable = 不适用：{ $reason }
proportion-objective-title = 措施与风险相称
proportion-objective-description = 每次演练都会加入：措施每避免一例感染的成本，与一例感染造成的损失相比。超出风险所需的封控会失分。
proportion-objective-capability = 社区韧性
card-paperwork-capped = 目前只有文书工作（启动响应、报告、信息通报）：没有实际行动，最多只计 { $cap }。
harm-school-days = 学生停课 { $days } 人日
harm-care-forgone = 因就医受阻死亡 { $deaths } 人
harm-with-other = { $cost }（{ $other }）
