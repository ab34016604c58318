# Problems of an observations file (`muster compare --observed FILE.csv`).

observed-csv = this line cannot be read as CSV: { $problem }
observed-header = the first line must name the columns: missing { $missing }
observed-header-help = write `time,series,value,district` (district may be left out)
observed-empty = the file has no observations
observed-bad-time = `{ $text }` is not a time
observed-bad-time-help = write minutes (`95`), a duration from the start (`3d`, `1d6h`), a day and clock (`D3 24:00`), a date (`2022-01-11`, the end of that day) or a date and time (`2022-01-11T08:00`), not before the start ({ $start })
observed-bad-series = there is no series `{ $text }`
observed-series-list = the series are: { $names }
observed-did-you-mean = did you mean `{ $name }`?
observed-bad-value = `{ $text }` is not a count or share (a number, 0 or more)
observed-unknown-area = there is no district or place `{ $id }` in the scenario
observed-share-needs-district = `{ $series }` is a share of the city: name the district (or districts joined with `+`) it belongs to
observed-share-above-one = `{ $text }` is not a share: shares are written between 0 and 1
observed-after-end = `{ $text }` is after the end of the exercise ({ $end }): make the scenario longer or leave the observation out
