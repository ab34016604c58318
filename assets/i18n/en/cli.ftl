# The command line's own messages.

cli-headless-no-action = Headless run with no player action:
cli-checked-files = checked { $files } files: { $valid } valid, { $failed } with problems
cli-valid = { $file }: valid
cli-valid-with-warnings = { $file }: valid, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
cli-invalid = { $file }: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
cli-scenario-invalid = (invalid: { $errors } errors)
cli-default = {" "}(default)
cli-commands-unknown-ids = { $file }: the commands name what scenario `{ $scenario }` does not define; nothing was run
cli-refused = line { $line }: at { $time } the command was refused: { $reason } ({ $command })
cli-scores = scores: { $scores }
cli-until-not-a-time = --until: `{ $until }` is not a time; write minutes or a duration such as `3d` or `36h`
cli-plan = plan { $plan }: { $changes }
cli-plan-level = level { $level ->
    [1] I
    [2] II
    [3] III
   *[other] IV
} at { $time }
cli-plan-level-none = no level at { $time }
cli-plan-no-level = no level raised
cli-red-auto = automatic red cell: { $summary }
cli-red = red cell: { $summary }
cli-no-red-cell = scenario `{ $scenario }` gives the red cell nothing to play: `--red auto` needs a `red:` section with tactics and a team with `role: Red` (scenarios/README.md#red)
cli-report-written = after-action report written: { $file }
cli-report-data = data: { $files }
cli-journal-damaged = the journal is damaged: recovered { $commands } commands (up to line { $line }); rebuilding from them
cli-journal-no-scenario = the journal does not name its scenario; give it with --scenario
cli-scenario-changed = warning: scenario `{ $scenario }` has changed since the journal was written; the replay may differ
cli-journal-mismatch = the journal does not match its scenario: { $commands } command(s) applied during the exercise were refused on replay
cli-runs-at-least-one = --runs must be at least 1
cli-sweep-done = { $runs ->
    [one] 1 run
   *[other] { $runs } runs
} in { $seconds } s on { $threads ->
    [one] 1 thread
   *[other] { $threads } threads
}
cli-size-not-a-size = --size: `{ $size }` is not a size such as 1600x960
cli-no-scenario = no scenario file `{ $name }`, and no bundled scenario of that name (see `muster scenarios`)
cli-no-display = no display: set DISPLAY (or run under xvfb-run); the headless commands work without one
cli-no-gui = this build has no GUI: build with the default `gui` feature

# The terminal brief of a run.
brief-stochastic = stochastic
brief-expected = expected values
brief-run = { $title } (seed { $seed }, { $mode }) until { $until }
brief-outcome = infections { $infections } · confirmed { $confirmed } · deaths { $deaths } · peak in hospital { $peak }
brief-contacts = contacts named { $named } · quarantined { $quarantined } ({ $quick } within 24 h) · lost { $lost }
brief-strain = hospital overflow { $overflow } h · stock-outs { $stock_outs } · public trust { $trust } · cost of measures { $cost }
brief-hardship = school days lost { $school_days } · deaths from care forgone { $care_deaths } · extra hotline calls { $calls } · days in quarantine and isolation sites { $site_days }
brief-records = reports on time { $on_time } · late or missing { $late } · commands applied { $applied } · refused { $refused }

# A wrong command line (in English, clap's own messages are shown; these are their words).
cli-error = {"error: "}
cli-error-unknown-argument = unexpected argument `{ $arg }`
cli-error-unknown-command = unrecognized command `{ $command }`
cli-error-invalid-value = invalid value `{ $value }` for `{ $arg }`
cli-error-missing-argument = missing required arguments: { $arg }
cli-error-missing-command = a command is required
cli-error-conflict = `{ $arg }` cannot be used with `{ $other }`
cli-error-did-you-mean = tip: did you mean `{ $suggestion }`?
cli-error-possible-values = possible values: { $values }
cli-error-more-help = For more information, try `--help`.

# A sweep's table.
sweep-title = { $runs } runs of { $scenario } (seeds { $first }..{ $last }), { $commands } commands
sweep-measure = measure
sweep-mean = mean
sweep-median = median
sweep-sides = Blue: { $blue }; red: { $red }
sweep-blue-commands = the commands given
sweep-blue-none = no action
sweep-blue-plan = plan { $plan } and the commands given
sweep-red-auto = the automatic red cell
sweep-red-none = no one
compare-title = { $runs } runs of { $scenario } with { $commands } commands, against the observations
compare-time = time
compare-series = series
compare-district = district
compare-city = city
compare-observed = observed
compare-median = median
compare-band = 5–95% band
compare-inside = inside
compare-outside = outside
compare-no-value = no value
compare-observed-inside = observed, inside the band
compare-observed-outside = observed, outside the band
compare-verdict = { $inside } of { $total } observations inside the 5–95% band
series-infections = infections (true, found or not)
series-confirmed = cases found (cumulative)
series-reported = cases in the bulletins (cumulative, by report date)
series-asymptomatic = asymptomatic infections found (cumulative)
series-converted = asymptomatic infections converted to confirmed (cumulative)
series-confirmed-cases = confirmed cases, conversions included (cumulative)
series-deaths = deaths (cumulative)
series-hospitalised = in hospital beds
series-isolated = cases in isolation
series-quarantined = contacts in quarantine
series-share = share of the city's { $series }
contrast-no-action = no action
contrast-targeted = targeted response
contrast-over-reaction = every district closed
contrast-paperwork = paperwork only
contrast-late = { $delay } late
contrast-response = response
contrast-overall = overall
contrast-infections = infections
contrast-cost = cost
contrast-met = met
contrast-not-met = NOT MET
contrast-check-targeted = the targeted response scores at least 70%: { $who }
contrast-check-over-reaction = closing every district scores at least 10 points below the targeted response: { $who }
contrast-check-paperwork = paperwork alone scores at most 40%: { $who }
contrast-check-late = the late response scores between no action and the targeted one: { $who }
contrast-file-header = { $contrast } for { $scenario }, derived from { $targeted } by `muster contrasts --write`:
    a contrast to the targeted response (median scores side by side: muster contrasts { $scenario } --commands { $targeted }).
cli-bad-shard = `--shard { $given }`: write the shard as K/N, with 1 ≤ K ≤ N (e.g. `3/10`).
cli-shard-needs-out = `--shard` needs `--out PART`: the file its runs are written to, for `muster merge`.
cli-shard-written = Shard { $index } of { $of }: runs { $first }–{ $last } written to { $path }.
cli-merge-not-a-part = { $file } is not a part of a sweep ({ $problem }).
cli-merge-format = its first field is not `format: "{ $format }"`
cli-merge-no-start = its scenario start is not a date
cli-merge-other-sweep = { $file } is a part of another sweep than { $first } (another scenario, commands, plan, red cell, number of runs, first seed or end).
cli-merge-repeated = { $file } repeats a shard already given, or splits the sweep in another number of shards.
cli-merge-missing = No part holds shard { $shards }: run `sweep --shard K/N` for it and merge again.
cli-shard-empty = Shard { $index } of { $of } holds no run (fewer runs than shards); written to { $path } all the same, for `merge`.
