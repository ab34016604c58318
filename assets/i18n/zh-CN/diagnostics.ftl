# 校验器消息周围的用语：严重程度与提示。

diagnostic-error = 错误
diagnostic-warning = 警告
diagnostic-help = 提示：{ $help }
diagnostic-help-inline = （提示：{ $help }）
