# The app's screens.

app-language = Language of the screens and reports (the scenario's own text stays as written)
app-clock-of = { $played } of { $duration }
app-run = ▶ Run
app-pause = ⏸ Pause
app-speed-as-planned = { $speed } (as planned)
app-speed-minutes = 1 min = { $n } min
app-speed-hours = 1 min = { $n } h
app-speed-days = 1 min = { $n } d
app-next-inject = ⏭ Next inject
app-next-inject-hover = Jump the clock to the next scheduled inject
app-plus-hour = +1 h
app-view = View:
app-facilitator = Facilitator
app-end-exercise = ■ End exercise

app-our-scorecard = Our scorecard
app-scoreboard = Scoreboard
app-kpi-points = { $points } of { $max } pts
app-kpi-line = { $kpi }: { $value } / target { $target } · { $points }
app-rate = rate:
