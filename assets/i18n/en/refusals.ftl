# Why the exercise refused a command: the team reads it at once, the debrief and the report
# show it later. Ids stay as the scenario writes them.

refused-exercise-ended = the exercise has ended
refused-no-team = there is no team `{ $team }`
refused-no-team-nor-simulated = there is no team `{ $team }`, nor an agency the control cell plays
refused-no-team-or-agency = there is no team or agency `{ $id }`
refused-no-unit = there is no unit `{ $unit }`
refused-no-place = there is no district or facility `{ $place }`
refused-no-district = there is no district `{ $district }`
refused-no-facility = there is no facility `{ $facility }`
refused-no-agency = there is no agency `{ $agency }`
refused-no-supply = there is no supply `{ $supply }`
refused-no-gathering = there is no mass gathering `{ $gathering }`
refused-no-inject = there is no inject `{ $inject }`
refused-no-objective = there is no objective `{ $objective }`
refused-no-action = there is no action `{ $action }`
refused-no-decision = there is no decision point `{ $decision }`
refused-no-request = there is no request number { $number }

refused-already-activated = team `{ $team }` has already activated its command
refused-unit-not-theirs = unit `{ $unit }` belongs to agency `{ $agency }`, which team `{ $team }` does not play
refused-unit-not-of = unit `{ $unit }` does not belong to `{ $owner }`
refused-supply-unit-dispatched = unit `{ $unit }` carries supplies: use Deliver to say what it carries where
refused-unit-busy = unit `{ $unit }` is busy ({ $status }); use Redirect or Recall
refused-redirect-at-base = unit `{ $unit }` is at its base; use Dispatch
refused-cargo-redirect = unit `{ $unit }` carries supplies and can only be redirected to a facility
refused-zero-work = the work on site must last longer than 0m
refused-already-at-base = unit `{ $unit }` is already at its base
refused-already-returning = unit `{ $unit }` is already returning
refused-not-supply-unit = unit `{ $unit }` is not a supply unit
refused-supply-unit-busy = unit `{ $unit }` is busy ({ $status }); it loads at its base
refused-deliver-to-district = `{ $place }` is a district; supplies go to a facility
refused-unit-based-in-district = unit `{ $unit }` is based in a district, where no stock is kept
refused-zero-delivery = a delivery needs a quantity above 0
refused-over-capacity = unit `{ $unit }` carries at most { $capacity } per trip
refused-short-stock = { $facility } holds { $held } of `{ $supply }`, fewer than { $asked }
refused-out-of-service = unit `{ $unit }` is out of service{ $because } until it is brought back
refused-out-of-service-until = unit `{ $unit }` is out of service{ $because } until { $until }
out-of-service-because = {" "}({ $reason })

unit-status-at-base = at base
unit-status-travelling = on its way to { $place }, arriving at { $at }
unit-status-working = working at { $place } until { $until }
unit-status-returning = returning to base, back at { $at }

who-command-or-health = a command or health agency
who-listed = { $list }
refused-measures-not-theirs = team `{ $team }` may not order measures: only { $who } may
refused-outside-jurisdiction = `{ $district }` is outside the jurisdiction of team `{ $team }` (it covers { $covers })
refused-outside-no-jurisdiction = `{ $district }` is outside the jurisdiction of team `{ $team }` (it covers no district)
refused-same-level = `{ $district }` is already at level { $level }
refused-facility-not-theirs = team `{ $team }` may not close or open `{ $facility }`: it does not run it, and it is outside its jurisdiction
refused-already-open = `{ $facility }` is already open
refused-already-closed = `{ $facility }` is already closed

refused-not-their-agency = team `{ $team }` does not play agency `{ $agency }`
refused-share-with-nobody = say which teams to share with
refused-aid-from-itself = a team cannot ask itself for aid
refused-empty-request = a request needs units, a supply, or a text saying what is needed
refused-request-without-destination = a request for stock needs `deliver_to`: the facility it should go to
refused-zero-request = a request for stock needs a quantity above 0
refused-request-not-to-them = request { $number } was made to team `{ $to }`, not `{ $team }`
refused-request-answered = request { $number } has already been answered
refused-zero-answer = an answer that sends stock needs a quantity above 0
refused-accept-without-source = accepting a request for stock needs `from`: the facility it is taken from
refused-not-their-facility = facility `{ $facility }` is not run by `{ $team }`
refused-load-away-from-base = unit `{ $unit }` must be at its base `{ $base }` to load the stock

refused-gathering-not-theirs = team `{ $team }` may not decide on `{ $gathering }`: only { $who } may
refused-gathering-cancelled = `{ $gathering }` was cancelled
refused-gathering-started = `{ $gathering }` has already started
refused-zero-postponement = a postponement must be longer than 0m
refused-gathering-has-measures = `{ $gathering }` already runs with measures

refused-inject-fired = inject `{ $inject }` already fired at { $at }
refused-inject-skipped = inject `{ $inject }` was skipped
refused-delay-conditional = inject `{ $inject }` is conditional: it fires when its condition holds, so it cannot be delayed
refused-zero-delay = a delay must be longer than 0m
refused-empty-edit = an edit needs a new `title` or `message`
refused-compose-to-nobody = a composed inject needs at least one team or agency in `to`
refused-the-composed-inject = the composed inject
refused-empty-observation = an observation needs a text
refused-not-simulated = `{ $agency }` is not an agency the control cell plays (`simulated: true`)
refused-message-to-nobody = a message needs at least one team or agency in `to`
refused-empty-message = a message needs a text
refused-no-expectation = inject `{ $inject }` has { $count ->
        [one] 1 expected action
       *[other] { $count } expected actions
    }; `expectation` counts them from 1
refused-judge-automatic = "{ $expectation }" is checked automatically from the teams' commands
refused-not-asked-of-team = inject `{ $inject }` has not asked this of team `{ $team }` yet
refused-not-asked-yet = inject `{ $inject }` has not asked this of any team yet
refused-judge-which-team = inject `{ $inject }` asked this of several teams: say which with `team`

refused-decision-not-put = decision `{ $decision }` has not been put to the teams yet
refused-decision-settled = decision `{ $decision }` was settled at { $at } ({ $how })
refused-decision-not-theirs = decision `{ $decision }` is for { $teams }, not team `{ $team }`
refused-no-option = decision `{ $decision }` has no option `{ $option }` (its options: { $options })
refused-option-chosen = team `{ $team }` has already chosen `{ $option }`

refused-action-not-theirs = team `{ $team }` may not take `{ $action }`: only the teams of { $by } may
refused-action-not-now = `{ $action }`: { $why }
action-under-way = already under way, in effect at { $at }
action-used-up = { $times ->
        [one] it can be taken once, and was
       *[other] it can be taken { $times } times, and was
    }
action-cooling-down = available again at { $at }
action-not-allowed-now = not allowed now: { $condition }
refused-no-red-tactic = there is no red tactic `{ $tactic }`
refused-not-red = team `{ $team }` does not play the red cell
refused-red-needs-target = this tactic needs a target: { $kind }
red-over-budget = it costs { $cost } red points and { $left } are left
refused-no-post = there is no post { $post } in the public feed
refused-channel-down = the reporting channel of `{ $agency }` is down until { $at }: restore it or wait
refused-channel-up = the reporting channel of `{ $agency }` is working
refused-channel-restoring = the reporting channel of `{ $agency }` is already being restored (back at { $at })
refused-round-pool = a testing round pools 1 to { $max } samples a tube, not { $pool }
refused-round-antigen-pool = antigen self-tests are read one by one: a round of them takes no pool
refused-round-running = a testing round is already under way in { $district }
refused-round-no-samplers = { $team } has no sampling team free at its base for a PCR round
refused-round-not-district = `{ $district }` is not a district: a testing round covers districts, or the whole city when none is named
refused-round-not-allowed = { $team } neither commands sampling teams nor orders measures: it cannot order a testing round
refused-no-zone = there is no zone `{ $zone }` in this scenario
refused-same-zone-level = { $zone } is already { $level }
refused-cohort-no-people = { $facility } has no people of its own to keep inside
refused-already-cohort = { $facility } is already under cohort isolation
refused-gathering-at-decision-point = { $gathering } is decided at the decision point “{ $point }”: answer it there when it opens
