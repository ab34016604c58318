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

app-library = Scenario library
app-open-a-file = Or open a file: `muster gui PATH`. A file's edits reload here as you save them.
app-problems-in = { $count ->
    [one] 1 problem in { $file }
   *[other] { $count } problems in { $file }
}
app-error = error
app-warning = warning
app-problem-help = {" "}(help: { $help })
app-fix-to-start = Fix the errors above to start; the file reloads when you save it.
app-seed = Seed
app-start-exercise = ▶ Start exercise
app-written-seconds-ago = , last written { $n } s ago
app-written-minutes-ago = , last written { $n } min ago
app-written-hours-ago = , last written { $n } h ago
app-unfinished = An exercise was not finished
app-unfinished-detail = { $journal } — { $scenario }: { $played } of exercise time played, { $commands } commands{ $ago }
app-resume = Resume it where it stopped
app-resume-hover = Rebuilds the exercise from its journal to the minute its clock had reached and goes on writing the same journal

app-debrief = Debrief
app-export-report = Export after-action report
app-written-to = written to { $file }
app-debrief-outcome = { $infections } infections · { $confirmed } confirmed · { $deaths } deaths · peak { $peak } in hospital · trust { $trust } · { $on_time } reports on time, { $late } late or missing
app-plan-alone = The plan "{ $plan }" alone on the same seed: { $infections } infections (here { $our_infections }) · { $deaths } deaths (here { $our_deaths }) · trust { $trust } (here { $our_trust }) · score { $score } (here { $our_score })
app-decision-asked = { $question } ({ $inject }, put { $opened } to { $teams }, due { $due })
app-team-chose = { $time } { $team } chose "{ $option }"
app-team-chose-why = { $time } { $team } chose "{ $option }" — why: { $why }
app-decision-outcome = Decision: { $outcome }
app-still-open = still open
app-what-followed = What followed: { $effects }
app-decision-worth = Worth { $worth } for the objectives
app-action-taken = { $time } { $team }: { $action } — in effect { $in_effect }
app-why = {" "}(why: { $why })
app-tried-and-refused = Tried and refused ({ $count })

chart-epidemic = Infections vs no action
chart-districts = By district
chart-kpis = KPIs over time
chart-days = days
chart-infected-played = infected now, as played
chart-infected-no-action = infected now, no action
chart-confirmed = confirmed (cumulative)
chart-waiting-for-bed = waiting for a bed

map-layer = Map layer:
map-confirmed = Confirmed cases
map-infections = True infections (control only)
map-hospital = In hospital
map-level = Control level
map-trust = Public trust
map-selected = Selected: { $place }
map-n-confirmed = { $count } confirmed
map-n-infected = { $count } infected
map-n-in-hospital = { $count } in hospital
map-n-trust = trust { $trust }
app-timeline = Timeline
