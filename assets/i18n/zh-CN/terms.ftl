# 核心使用的推演术语：评级、管控等级、渠道、决策方式。

rating-p = 无挑战完成
rating-s = 有一定挑战完成
rating-m = 有重大挑战完成
rating-u = 未能完成

level-normal = 常态
level-enhanced = 加强管控
level-closed = 封控
channel-phone = 电话
channel-email = 电子邮件
channel-radio = 无线电
channel-media = 媒体
channel-social-media = 社交媒体
channel-field-report = 现场报告
channel-briefing = 情况通报会
channel-document = 文件

settled-by-team = 由{ $team }决定
settled-agreed = 各方一致同意
settled-default = 未在时限内决策：按默认选项执行

verdict-done = 已完成
verdict-partly = 部分完成
verdict-not-done = 未完成

gathering-go-ahead = 照常举办
gathering-with-measures = 采取防控措施后举办
gathering-postpone = 推迟 { $by }
gathering-cancel = 取消

list-comma = 、

facility-hospital = 医院
facility-fever-clinic = 发热门诊
facility-testing-site = 检测点
facility-quarantine-site = 隔离点
facility-warehouse = 仓库
facility-command-post = 指挥所
facility-port = 港口
facility-airport = 机场
facility-station = 派出所
facility-school = 学校
facility-market = 市场
facility-workplace = 工作场所
facility-other = 其他

any-team = 任一小组
test-method-pcr = 核酸
test-method-antigen = 抗原自测
zone-sealed = 封控区（足不出户）
zone-controlled = 管控区（人不出区）
zone-precaution = 防范区（限制聚集）
zone-lifted = 解除
zone-no-level = 未划定
