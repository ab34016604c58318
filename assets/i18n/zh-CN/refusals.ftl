# 推演拒绝指令的原因：小组当即看到，复盘和报告中也会列出。编号保持情景文件中的写法。

refused-exercise-ended = 推演已结束
refused-no-team = 没有小组 `{ $team }`
refused-no-team-nor-simulated = 没有小组 `{ $team }`，也没有导调组扮演的此单位
refused-no-team-or-agency = 没有小组或单位 `{ $id }`
refused-no-unit = 没有队伍 `{ $unit }`
refused-no-place = 没有区域或设施 `{ $place }`
refused-no-district = 没有区域 `{ $district }`
refused-no-facility = 没有设施 `{ $facility }`
refused-no-agency = 没有单位 `{ $agency }`
refused-no-supply = 没有物资 `{ $supply }`
refused-no-gathering = 没有大型活动 `{ $gathering }`
refused-no-inject = 没有注入 `{ $inject }`
refused-no-objective = 没有目标 `{ $objective }`
refused-no-action = 没有行动 `{ $action }`
refused-no-decision = 没有决策事项 `{ $decision }`
refused-no-request = 没有第 { $number } 号请求

refused-already-activated = 小组 `{ $team }` 已启动指挥部
refused-unit-not-theirs = 队伍 `{ $unit }` 属于单位 `{ $agency }`，小组 `{ $team }` 不负责该单位
refused-unit-not-of = 队伍 `{ $unit }` 不属于 `{ $owner }`
refused-supply-unit-dispatched = 队伍 `{ $unit }` 负责运送物资：请用“配送”指明运送什么、送往何处
refused-unit-busy = 队伍 `{ $unit }` 正在执行任务（{ $status }）；请用“改派”或“召回”
refused-redirect-at-base = 队伍 `{ $unit }` 在驻地待命；请用“派遣”
refused-cargo-redirect = 队伍 `{ $unit }` 载有物资，只能改派到设施
refused-zero-work = 现场工作时长必须大于 0 分钟
refused-already-at-base = 队伍 `{ $unit }` 已在驻地
refused-already-returning = 队伍 `{ $unit }` 已在返回途中
refused-not-supply-unit = 队伍 `{ $unit }` 不是物资运送队伍
refused-supply-unit-busy = 队伍 `{ $unit }` 正在执行任务（{ $status }）；物资须在驻地装载
refused-deliver-to-district = `{ $place }` 是区域；物资须送往设施
refused-unit-based-in-district = 队伍 `{ $unit }` 驻在区域，那里没有库存
refused-zero-delivery = 配送数量必须大于 0
refused-over-capacity = 队伍 `{ $unit }` 每趟最多运送 { $capacity }
refused-short-stock = { $facility } 仅有 `{ $supply }` { $held }，少于 { $asked }
refused-out-of-service = 队伍 `{ $unit }` 暂停执勤{ $because }，直至恢复
refused-out-of-service-until = 队伍 `{ $unit }` 暂停执勤{ $because }，至 { $until }
out-of-service-because = （{ $reason }）

unit-status-at-base = 在驻地
unit-status-travelling = 正前往 { $place }，{ $at } 到达
unit-status-working = 在 { $place } 工作至 { $until }
unit-status-returning = 返回驻地途中，{ $at } 到达

who-command-or-health = 指挥部或卫生健康部门
who-listed = { $list }
refused-measures-not-theirs = 小组 `{ $team }` 无权下达防控措施：只有{ $who }可以
refused-outside-jurisdiction = `{ $district }` 不在小组 `{ $team }` 的辖区内（其辖区：{ $covers }）
refused-outside-no-jurisdiction = `{ $district }` 不在小组 `{ $team }` 的辖区内（其辖区不含任何区域）
refused-same-level = `{ $district }` 已是{ $level }
refused-facility-not-theirs = 小组 `{ $team }` 无权关闭或开放 `{ $facility }`：既不运营该设施，也不在其辖区内
refused-already-open = `{ $facility }` 已开放
refused-already-closed = `{ $facility }` 已关闭

refused-not-their-agency = 小组 `{ $team }` 不负责单位 `{ $agency }`
refused-share-with-nobody = 请指明与哪些小组共享
refused-aid-from-itself = 小组不能向自己请求支援
refused-empty-request = 请求须包含队伍、物资，或说明所需内容的文字
refused-request-without-destination = 物资请求须有 `deliver_to`：送达的设施
refused-zero-request = 物资请求的数量必须大于 0
refused-request-not-to-them = 第 { $number } 号请求是发给小组 `{ $to }` 的，不是 `{ $team }`
refused-request-answered = 第 { $number } 号请求已答复
refused-zero-answer = 调拨物资的答复数量必须大于 0
refused-accept-without-source = 同意物资请求须有 `from`：调出物资的设施
refused-not-their-facility = 设施 `{ $facility }` 不由 `{ $team }` 运营
refused-load-away-from-base = 队伍 `{ $unit }` 须在驻地 `{ $base }` 才能装载物资

refused-gathering-not-theirs = 小组 `{ $team }` 无权决定 `{ $gathering }`：只有{ $who }可以
refused-gathering-cancelled = `{ $gathering }` 已取消
refused-gathering-started = `{ $gathering }` 已开始
refused-zero-postponement = 推迟时长必须大于 0 分钟
refused-gathering-has-measures = `{ $gathering }` 已在采取防控措施的条件下举办

refused-inject-fired = 注入 `{ $inject }` 已于 { $at } 触发
refused-inject-skipped = 注入 `{ $inject }` 已跳过
refused-delay-conditional = 注入 `{ $inject }` 是条件触发的：条件满足时才触发，不能推迟
refused-zero-delay = 推迟时长必须大于 0 分钟
refused-empty-edit = 编辑须给出新的 `title` 或 `message`
refused-compose-to-nobody = 临时注入须至少发给一个小组或单位（`to`）
refused-the-composed-inject = 临时注入
refused-empty-observation = 观察记录须有文字
refused-not-simulated = `{ $agency }` 不是导调组扮演的单位（`simulated: true`）
refused-message-to-nobody = 消息须至少发给一个小组或单位（`to`）
refused-empty-message = 消息须有文字
refused-no-expectation = 注入 `{ $inject }` 有 { $count } 项预期行动；`expectation` 从 1 开始计数
refused-judge-automatic = “{ $expectation }”根据各小组的指令自动核查
refused-not-asked-of-team = 注入 `{ $inject }` 尚未向小组 `{ $team }` 提出此项
refused-not-asked-yet = 注入 `{ $inject }` 尚未向任何小组提出此项
refused-judge-which-team = 注入 `{ $inject }` 向多个小组提出了此项：请用 `team` 指明是哪个小组

refused-decision-not-put = 决策事项 `{ $decision }` 尚未提交各小组
refused-decision-settled = 决策事项 `{ $decision }` 已于 { $at } 议定（{ $how }）
refused-decision-not-theirs = 决策事项 `{ $decision }` 由 { $teams } 决定，不是小组 `{ $team }`
refused-no-option = 决策事项 `{ $decision }` 没有选项 `{ $option }`（可选：{ $options }）
refused-option-chosen = 小组 `{ $team }` 已选择 `{ $option }`

refused-action-not-theirs = 小组 `{ $team }` 无权采取 `{ $action }`：只有 { $by } 的小组可以
refused-action-not-now = `{ $action }`：{ $why }
action-under-way = 已在进行中，{ $at } 生效
action-used-up = 只能采取 { $times } 次，已用完
action-cooling-down = { $at } 后可再次采取
action-not-allowed-now = 现在不可采取：{ $condition }
