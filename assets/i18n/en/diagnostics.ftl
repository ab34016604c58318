# The validator's words around its messages: severities and hints.

diagnostic-error = error
diagnostic-warning = warning
diagnostic-help = help: { $help }
diagnostic-help-inline = {" "}(help: { $help })
