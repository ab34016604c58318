# 观测数据文件（`muster compare --observed FILE.csv`）中的问题。

observed-csv = 此行无法按 CSV 读取：{ $problem }
observed-header = 第一行须写明各列：缺少 { $missing }
observed-header-help = 写作 `time,series,value,district`（district 可省略）
observed-empty = 文件中没有观测数据
observed-bad-time = `{ $text }` 不是时间
observed-bad-time-help = 可写分钟数（`95`）、自开始起的时长（`3d`、`1d6h`）、第几天及时刻（`D3 24:00`）、日期（`2022-01-11`，指当天结束时）或日期时间（`2022-01-11T08:00`），不得早于开始时间（{ $start }）
observed-bad-series = 没有名为 `{ $text }` 的序列
observed-series-list = 可用的序列：{ $names }
observed-did-you-mean = 是否想写 `{ $name }`？
observed-bad-value = `{ $text }` 不是计数或比例（应为 0 或以上的数）
observed-unknown-area = 想定中没有区域或场所 `{ $id }`
observed-share-needs-district = `{ $series }` 是占全市的比例：请写明所属区域（多个区域用 `+` 连接）
observed-share-above-one = `{ $text }` 不是比例：比例应在 0 到 1 之间
observed-after-end = `{ $text }` 晚于推演结束时间（{ $end }）：请延长想定时长，或删去此观测值
