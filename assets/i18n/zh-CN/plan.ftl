# 对照想定检查应急预案。

plan-no-levels = 预案 `{ $plan }` 没有响应级别
plan-level-number = 级别“{ $name }”的编号为 { $number }；级别从 4（IV级，最低）到 1（I级，最高）
plan-level-twice = 级别 { $number } 重复出现
plan-level-order = 级别“{ $name }”（{ $number }）排在更高级别之后；请按 IV 级到 I 级的顺序列出
plan-review-every = `review_every` 必须大于 0m
plan-no-team = 想定 `{ $scenario }` 中没有小组 `{ $id }`
plan-no-place = 想定 `{ $scenario }` 中没有区域或设施 `{ $id }`
plan-restock-no-facility = 补货：想定 `{ $scenario }` 中没有设施 `{ $id }`
plan-restock-no-supply = 补货：想定 `{ $scenario }` 中没有物资 `{ $id }`
plan-restock-quantity = 补货：数量必须大于 0

# 预案下达的指令中写入的文字（使用想定的语言）。
plan-report-text = { $rule }（按预案 { $plan }）
plan-official-information = 权威信息发布（预案 { $plan }）
plan-aid-granted = 按预案 { $plan } 中的协议予以支援
plan-level-raised = 提升响应级别（预案 { $plan }）
