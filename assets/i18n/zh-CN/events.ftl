# 推演过程中系统通报给各小组和导调组的情况。

event-short-of = { $supply }不足：需要 { $needed }，仅有 { $got }
event-bed-kinds = { $kinds }
bed-ward = 普通病床
bed-paediatric = 儿科病床
bed-icu = 重症监护床位
event-recalled = 队伍 { $unit } 已被 { $team } 召回
event-observation = 观察记录：{ $text }
event-rating = 目标 { $objective } 评级为 { $rating }
event-rating-of-team = 目标 { $objective } 中 { $team } 的评级为 { $rating }
event-judged = 判定为{ $verdict }：“{ $text }”（{ $inject }，{ $team }）

# 对支援请求的答复：随之安排的事项，或未能足额的原因。
aid-note-units-lent = 已借出队伍：{ $units }
aid-note-on-unit = { $sent } `{ $supply }` 由队伍 { $unit } 运送
aid-note-arriving = { $sent } `{ $supply }` 将于 { $at } 送达
aid-note-short = 请求 { $asked } `{ $supply }`，发出 { $sent }：{ $reason }
aid-short-held = { $facility } 仅有 { $held } `{ $supply }`
aid-short-per-trip = 该队伍每趟最多运送 { $sent }
aid-short-offered = 只提供 { $offered }
event-round-started = { $team } 在 { $districts } 开展全员检测（{ $method }{ $pool ->
        [1] {""}
       *[other] ，{ $pool } 混 1
    }）：应检 { $people } 人，派出采样队伍 { $teams } 支
event-round-done = { $district } 本轮全员检测结束：用时 { $took }，检测 { $people } 人（应检 { $of } 人）
event-zone-declared = { $team }：{ $zone }（{ $district }）{ $level }
event-cohort = { $facility } 实行封闭管理：人员全天留在院（校）内
figure-found = 发现感染者
figure-deaths = 死亡
figure-in-hospital = 住院患者
report-false-figure = 报告{ $figure } { $said } 人，实际统计 { $counted } 人：{ $concealed ->
        [yes] 瞒报
       *[no] 虚报
    }
