# The validator's words around its messages: severities and hints.

diagnostic-error = error
diagnostic-warning = warning
diagnostic-help = help: { $help }
diagnostic-help-inline = {" "}(help: { $help })

# Files that cannot be read, or hold something else.
file-cannot-read = cannot read { $file }: { $error }
file-not-utf8 = { $file } is not UTF-8 text (invalid bytes at { $at }); save it as UTF-8
file-no-scenario = no scenario file `{ $name }`, and no bundled scenario of that name (see `muster scenarios`)
file-holds-a-plan = this file holds a `Plan`, not a `{ $kind }`; plan files are named *.plan.ron and checked as plans
file-holds-a-scenario = this file holds a `Scenario`, not a `{ $kind }`; this is a scenario file
file-holds-other = this file holds a `{ $holds }`, not a `{ $kind }`
plan-scenario-not-loaded = the plan's scenario `{ $scenario }` could not be loaded: its ids were not checked

# A journal's lines.
journal-newer-version = this journal is version { $version }, written by a newer Muster; this one reads versions { $readable }
journal-not-a-time = `{ $text }` is not a time
journal-not-a-seed = `{ $text }` is not a seed (a whole number)
journal-unknown-mode = unknown mode `{ $text }` (stochastic or expected)
journal-no-time = line { $line } does not start with a time: expected minutes or a duration such as `1d2h`, found `{ $found }`
journal-out-of-order = time { $time } is earlier than the line before ({ $before }); commands must be in time order
journal-refusal-alone = a refusal must follow the command it refuses, at the same time
journal-refusal-form = a refusal is written `Refused("reason")` after the refused command, or `Refused("reason", Command(...))`
journal-not-a-command = not a command

# A target that doing nothing already meets.
target-met-by-no-action = objective `{ $objective }`: with no action, { $metric } ends at { $value } on the scenario's seed ({ $seed }), already within its target of { $target }: this KPI cannot tell a response from none
target-met-by-no-action-help = set a target that doing nothing misses, or give the scenario the pressure that puts this outcome at stake
