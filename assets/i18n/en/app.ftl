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

# The control cell's console.
console-msel = MSEL
console-decisions-tab = Decisions ({ $open } open)
console-agencies-tab = Agencies we play
console-evaluation-tab = Evaluation ({ $count } to judge)
console-compose = ✉ Compose inject
console-next-at = next at { $time }
console-skipped = skipped
console-when = when { $condition }
console-fire-now = Fire now
console-delay = +30 min
console-skip = Skip
console-edit = Edit
console-no-decisions = No decision has been put to the teams yet.
console-settled = -> "{ $option }": { $how } at { $time }
console-open-until = open until { $time }; waiting for { $teams }
console-answer = { $team }: "{ $option }" at { $time }
console-no-answer = { $team }: no answer
console-requests = Requests for help to answer
console-request-stock = { $quantity } { $supply } to { $to }
console-request-units = units { $units }
console-request-help = help
console-request = #{ $number } { $from } asks { $to } for { $what } (answer by { $due })
console-accept-as-them = Accept as them
console-decline-as-them = Decline as them
console-speak-as = Speak as
console-to = to
console-reached-them = What reached them (newest first)
console-reached-report = Report { $from } -> { $to } (by { $team }): { $text }
console-reached-request = Request #{ $number } from { $from } to { $to }: { $text }
console-we-said = We said, as { $from }: { $text }
console-observation = Evaluator observation
console-record-observation = Record observation
console-to-judge = Expected actions no command shows
console-note-with-judgement = Text in the box above goes with a judgement as its note.
console-nothing-to-judge = None so far: every expected action is checked from the teams' commands.
console-judged = judged { $verdict }
console-compose-title = Compose an inject
console-title = Title
console-message = Message
console-send-to = Send to
console-send-now = Send now
console-control-cell = Control cell
console-edit-title = Edit inject { $inject }
console-save = Save

# The one-line notices under the top bar.
notice-scenario-has-errors = the scenario has errors; fix them first
notice-cannot-create = cannot create { $path }: { $error }
notice-cannot-write-journal = cannot write the journal { $path }: { $error }
notice-started = exercise started; journal: { $path }
notice-not-applied = { $error }; the command was not applied
notice-refused = refused: { $reason }
notice-cannot-read = cannot read { $path }: { $error }
notice-journal-damaged = { $place }: { $problem }; fix or remove that line to resume
notice-journal-ended = { $path } recorded an exercise that ended at { $at }; its report: `muster report { $path }`
notice-journal-without-scenario = { $path } does not name its scenario
notice-scenario-not-found = { $path }: its scenario `{ $scenario }` is neither beside it nor bundled
notice-scenario-changed = the scenario { $scenario } has changed since { $path } was written: resuming would not rebuild the same exercise
notice-last-line-cut = the journal's last line was cut short by the crash: that command never took effect
notice-resumed = resumed { $path } at { $at }: { $commands ->
        [one] 1 command replayed
       *[other] { $commands } commands replayed
    } ({ $refused } refused); the clock is paused
notice-report-written = after-action report written: { $path }
notice-cannot-write-report = cannot write the report: { $error }
notice-scenario-locked = a scenario can be changed before the exercise starts
notice-exercise-ended = the exercise has reached its end
notice-reloaded = reloaded { $name }
notice-plan-plays = plan { $plan } plays its teams beside you
notice-red-auto = the automatic red cell plays red
notice-no-red-cell = this scenario gives the red cell nothing to play: no automatic red cell
app-cannot-resume = cannot resume: { $reason }
app-no-bundled-scenario = no bundled scenario `{ $file }`

# Teams on their own devices (the console's Devices tab, join cards).
console-devices-tab = Devices ({ $count })
devices-title = Teams on their own devices
devices-closed = Teams play here in turn (hot seat). Open the exercise to let each team, the evaluators and the projector join from a browser on the room's network.
devices-open = Open to teams
devices-url = Address for the room:
devices-print-cards = Write join cards to print
devices-revoked = revoked
devices-connected = { $count ->
    [one] 1 connected
   *[other] { $count } connected
}
devices-revoke = Revoke
devices-new-code = New code
devices-evaluators = Evaluators
devices-projector = Projector
cards-how = Open { $url } in a browser and enter the code, or scan the QR code.
notice-host-open = open to teams at { $url }: their codes are in the Devices tab
notice-host-cannot-open = cannot open the exercise to teams on { $address }: { $error }
notice-cards-written = join cards written to { $path }
notice-cannot-write = cannot write { $path }: { $error }
notice-not-started = the exercise has not started yet: nothing was done
red-no-tactics = The scenario gives the red cell no tactics: it plays through the control cell's injects.
red-budget = Red points: { $left } of { $budget } left
red-target-place = Target: { $place } (select a district or facility on the map; none: the whole city)
red-target-agency = Agency to disrupt
red-what = What it says (journaled with the move):
red-choose-target = Select { $kind } on the map first.
red-costs = { $cost } points
red-played = Played so far
red-target-city = the whole city
red-answer-none = not answered
red-later = { $duration } later
red-at-once = at once
red-answer-statement = answered by a public statement { $after }
red-answer-patrol = answered by patrols { $after }
red-answer-closure = answered: the site closed { $after }
red-answer-uncovered = answered: the hidden cases came out { $after }
red-answer-restore = answered: the channel restored { $after }
red-card-title = Red cell scorecard
red-card-summary = { $moves } moves for { $spent } of { $budget } red points took { $trust } points of public trust and caused { $infections } infections, against Blue's play without them. Blue answered { $answered } of { $moves }{ $median }.
red-card-median = , a median { $after } after the move
team-channel-down = The reporting channel of { $agency } is down until { $time }
team-restore = Restore on a backup channel
app-measures = Measures: cost against infections averted
