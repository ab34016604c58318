# 命令行自身的消息。

cli-headless-no-action = 无人操作的后台推演：
cli-checked-files = 已检查 { $files } 个文件：{ $valid } 个有效，{ $failed } 个有问题
cli-valid = { $file }：有效
cli-valid-with-warnings = { $file }：有效，{ $warnings } 个警告
cli-invalid = { $file }：{ $errors } 个错误，{ $warnings } 个警告
cli-scenario-invalid = （无效：{ $errors } 个错误）
cli-default = （默认）
cli-commands-unknown-ids = { $file }：指令引用了想定 `{ $scenario }` 中未定义的内容；未执行推演
cli-refused = 第 { $line } 行：{ $time } 时指令被拒绝：{ $reason }（{ $command }）
cli-scores = 得分：{ $scores }
cli-until-not-a-time = --until：`{ $until }` 不是时间；请写分钟数或 `3d`、`36h` 这样的时长
cli-plan = 预案 { $plan }：{ $changes }
cli-plan-level = { $time } 启动{ $level ->
    [1] Ⅰ
    [2] Ⅱ
    [3] Ⅲ
   *[other] Ⅳ
}级响应
cli-plan-level-none = { $time } 解除响应
cli-plan-no-level = 未启动响应
cli-red-auto = 自动红方：{ $summary }
cli-red = 红方：{ $summary }
cli-no-red-cell = 想定 `{ $scenario }` 没有给红方可用的手段：`--red auto` 需要含战术的 `red:` 部分和一个 `role: Red` 的小组（见 scenarios/README.md#red）
cli-report-written = 复盘报告已写入：{ $file }
cli-report-data = 数据：{ $files }
cli-journal-damaged = 推演日志已损坏：恢复了 { $commands } 条指令（至第 { $line } 行）；据此重建
cli-journal-no-scenario = 推演日志未写明想定；请用 --scenario 指定
cli-scenario-changed = 警告：想定 `{ $scenario }` 在日志写入后已修改；重放结果可能不同
cli-journal-mismatch = 推演日志与想定不符：推演中已执行的 { $commands } 条指令在重放时被拒绝
cli-runs-at-least-one = --runs 至少为 1
cli-sweep-done = { $runs } 次推演，用时 { $seconds } 秒，{ $threads } 个线程
cli-size-not-a-size = --size：`{ $size }` 不是 1600x960 这样的尺寸
cli-no-scenario = 没有想定文件 `{ $name }`，也没有同名的内置想定（见 `muster scenarios`）
cli-no-display = 没有显示器：请设置 DISPLAY（或在 xvfb-run 下运行）；后台命令无需显示器
cli-no-gui = 此版本没有图形界面：请用默认的 `gui` 特性构建

# 推演结果的终端摘要。
brief-stochastic = 随机
brief-expected = 期望值
brief-run = { $title }（随机种子 { $seed }，{ $mode }）至 { $until }
brief-outcome = 感染 { $infections } · 确诊 { $confirmed } · 死亡 { $deaths } · 住院峰值 { $peak }
brief-contacts = 确定密接 { $named } · 已隔离 { $quarantined }（24 小时内 { $quick }）· 失访 { $lost }
brief-strain = 床位不足 { $overflow } 小时 · 断供 { $stock_outs } 次 · 公众信任度 { $trust } · 管控成本 { $cost }
brief-hardship = 学生停课 { $school_days } 人日 · 因就医受阻死亡 { $care_deaths } · 12345 热线新增来电 { $calls } · 集中隔离点人日 { $site_days }
brief-records = 按时报告 { $on_time } · 迟报或漏报 { $late } · 已执行指令 { $applied } · 被拒绝 { $refused }

# 命令行有误。
cli-error = 错误：
cli-error-unknown-argument = 无法识别的参数 `{ $arg }`
cli-error-unknown-command = 无法识别的命令 `{ $command }`
cli-error-invalid-value = `{ $arg }` 的值 `{ $value }` 无效
cli-error-missing-argument = 缺少必需的参数：{ $arg }
cli-error-missing-command = 请指定一个命令
cli-error-conflict = `{ $arg }` 不能与 `{ $other }` 同时使用
cli-error-did-you-mean = 提示：是否应为 `{ $suggestion }`？
cli-error-possible-values = 可选值：{ $values }
cli-error-more-help = 更多信息请使用 `--help`。

# 批量推演的汇总表。
sweep-title = { $scenario } 共推演 { $runs } 次（随机种子 { $first }..{ $last }），{ $commands } 条指令
sweep-measure = 指标
sweep-mean = 平均值
sweep-median = 中位数
sweep-sides = 蓝方：{ $blue }；红方：{ $red }
sweep-blue-commands = 给定指令
sweep-blue-none = 不采取行动
sweep-blue-plan = 预案 { $plan } 及给定指令
sweep-red-auto = 自动红方
sweep-red-none = 无
compare-title = { $scenario } 推演 { $runs } 次，执行 { $commands } 条指令，与观测数据对照
compare-time = 时间
compare-series = 序列
compare-district = 区域
compare-city = 全市
compare-observed = 观测值
compare-median = 中位数
compare-band = 5–95% 区间
compare-inside = 在区间内
compare-outside = 在区间外
compare-no-value = 无数值
compare-observed-inside = 观测值（在区间内）
compare-observed-outside = 观测值（在区间外）
compare-verdict = { $total } 个观测值中有 { $inside } 个在 5–95% 区间内
series-infections = 感染者（真实数，含未发现）
series-confirmed = 累计发现病例
series-reported = 通报累计病例（按报告日期）
series-asymptomatic = 累计无症状感染者
series-converted = 累计无症状感染者转确诊
series-confirmed-cases = 累计确诊病例（含无症状转确诊）
series-deaths = 累计死亡
series-hospitalised = 住院人数
series-isolated = 隔离中的病例
series-quarantined = 隔离观察中的密接
series-share = 占全市{ $series }的比例
contrast-no-action = 不处置
contrast-targeted = 有针对性的处置
contrast-over-reaction = 全市各区封控
contrast-paperwork = 只做文书
contrast-late = 晚{ $delay }
contrast-response = 处置
contrast-overall = 总体
contrast-infections = 感染
contrast-cost = 费用
contrast-met = 达到
contrast-not-met = 未达到
contrast-check-targeted = 有针对性的处置得分不低于70%：{ $who }
contrast-check-over-reaction = 全市封控比有针对性的处置至少低10分：{ $who }
contrast-check-paperwork = 只做文书得分不超过40%：{ $who }
contrast-check-late = 晚一步的处置得分介于不处置与有针对性的处置之间：{ $who }
contrast-file-header = { $scenario } 的“{ $contrast }”，由 { $targeted } 经 `muster contrasts --write` 推导：
    与有针对性的处置对照（并列的中位得分：muster contrasts { $scenario } --commands { $targeted }）。
cli-bad-shard = `--shard { $given }`：分片应写作 K/N，且 1 ≤ K ≤ N（如 `3/10`）。
cli-shard-needs-out = `--shard` 需要 `--out 分片文件`：写出该分片各次推演的文件，供 `muster merge` 合并。
cli-shard-written = 第 { $index } / { $of } 分片：第 { $first }–{ $last } 次推演已写入 { $path }。
cli-merge-not-a-part = { $file } 不是批量推演的分片（{ $problem }）。
cli-merge-format = 首个字段不是 `format: "{ $format }"`
cli-merge-no-start = 其情景开始时间不是日期
cli-merge-other-sweep = { $file } 与 { $first } 不属于同一次批量推演（情景、指令、预案、红队、推演次数、起始种子或结束时间不同）。
cli-merge-repeated = { $file } 与已给出的分片重复，或分片总数不同。
cli-merge-missing = 缺少第 { $shards } 分片：请对其运行 `sweep --shard K/N` 后再合并。
cli-shard-empty = 第 { $index } / { $of } 分片没有推演（推演次数少于分片数）；仍已写入 { $path }，供 `merge` 合并。
