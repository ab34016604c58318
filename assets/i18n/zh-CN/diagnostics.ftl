# 校验器消息周围的用语：严重程度与提示。

diagnostic-error = 错误
diagnostic-warning = 警告
diagnostic-help = 提示：{ $help }
diagnostic-help-inline = （提示：{ $help }）

# 无法读取或内容不符的文件。
file-cannot-read = 无法读取 { $file }：{ $error }
file-not-utf8 = { $file } 不是 UTF-8 文本（{ $at } 处有无效字节）；请另存为 UTF-8
file-no-scenario = 没有想定文件 `{ $name }`，也没有同名的内置想定（见 `muster scenarios`）
file-holds-a-plan = 此文件是预案（`Plan`），不是 `{ $kind }`；预案文件命名为 *.plan.ron，按预案检查
file-holds-a-scenario = 此文件是想定（`Scenario`），不是 `{ $kind }`
file-holds-other = 此文件内容为 `{ $holds }`，不是 `{ $kind }`
plan-scenario-not-loaded = 无法加载预案的想定 `{ $scenario }`：未检查其中的标识

# 推演日志的各行。
journal-newer-version = 此日志为第 { $version } 版，由更新版本的 Muster 写入；本版本可读取第 { $readable } 版
journal-not-a-time = `{ $text }` 不是有效的时间
journal-not-a-seed = `{ $text }` 不是有效的随机种子（应为整数）
journal-unknown-mode = 未知模式 `{ $text }`（stochastic 或 expected）
journal-no-time = 第 { $line } 行没有以时间开头：应为分钟数或时长（如 `1d2h`），实为 `{ $found }`
journal-out-of-order = 时间 { $time } 早于上一行（{ $before }）；指令须按时间顺序排列
journal-refusal-alone = 拒绝记录须紧跟其拒绝的指令，且时间相同
journal-refusal-form = 拒绝记录写作 `Refused("原因")`，放在被拒绝的指令之后，或写作 `Refused("原因", Command(...))`
journal-not-a-command = 不是有效的指令

# 无作为即可达到的目标值。
target-met-by-no-action = 目标 `{ $objective }`：不采取任何行动时，{ $metric } 在想定的随机种子（{ $seed }）下结束于 { $value }，已达到目标值 { $target }：该指标无法区分有无应对
target-met-by-no-action-help = 请设定无作为达不到的目标值，或为想定增加足够压力，使这一结果真正取决于应对
