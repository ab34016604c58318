# Scorecards: what each KPI measures, its value in words and why it scored what it did.

card-whole-exercise = Whole exercise

metric-contacts-quarantined = Contacts quarantined within 24 h of being named
metric-cases-isolated = Cases moved to isolation sites within 24 h of confirmation
metric-cases-known = New cases who were already known contacts
metric-activation = Time to activate the incident command
metric-inject-response = Time from an inject to the expected response
metric-overflow-hours = Hours with patients needing a bed and finding none
metric-infections = Infections
metric-deaths = Deaths
metric-reports-on-time = Reports made on time and true
metric-aid-answered = Requests for help answered
metric-aid-minutes = Time to answer a request for help
metric-stock-outs = Stock-outs
metric-public-trust = Public trust
metric-rumour-answer = Time to answer a rumour in the public feed
metric-rumour-reach = A rumour's reach before it was answered
metric-negative-posts = Share of bad news in the public feed
metric-economic-cost = Economic cost of measures
metric-cost-per-infection-averted = Cost of measures per infection averted
metric-decision-quality = Decisions that served the objective

value-minutes = { $minutes } min
value-hours = { $hours } h

role-tracing = contact tracing
role-testing = testing
role-patient-transport = patient transport
role-patrol = patrol
role-supply = supply
role-community-support = community support
role-disinfection = disinfection

nothing-contacts = no contact named more than 24 hours ago
nothing-isolation = no confirmed case needing a transfer more than 24 hours ago
nothing-cases = no confirmed case yet
nothing-injects = { $scope ->
    [0] no inject has asked anything yet
    [1] no inject has asked anything to this team yet
   *[other] no inject has asked anything to these teams yet
}
nothing-reports = { $scope ->
    [0] no report was due
    [1] no report was due from this team
   *[other] no report was due from these teams
}
nothing-requests = { $scope ->
    [0] no request for help was made
    [1] no request for help was made to this team
   *[other] no request for help was made to these teams
}
nothing-decisions = { $scope ->
    [0] no scored decision was settled yet
    [1] no scored decision was settled to this team yet
   *[other] no scored decision was settled to these teams yet
}
nothing-to-measure = nothing to measure
nothing-rumours = no rumour in the public feed yet
nothing-posts = nothing posted in the public feed yet
nothing-averted = set against the no-action run when scored

detail-contacts = { $quick } of { $named } named contacts quarantined within 24 h ({ $quarantined } quarantined in all, { $lost } lost to tracing)
detail-isolation = { $quick } of { $cases } confirmed cases moved to an isolation site within 24 h ({ $moved } moved in all)
detail-known-contacts = { $known } of { $confirmed } confirmed cases were known contacts ({ $quarantine } fell ill in quarantine, { $tracers } were found ill by tracers)
detail-activated = activated at { $time } ({ $after } after the start)
detail-not-activated = not activated after { $after }
detail-responses = { $made } of { $expected } expected responses made; mean time { $mean }
detail-decisions = { $count ->
    [one] 1 scored decision; its option worth { $worth }
   *[other] { $count } scored decisions; their options worth { $worth } on average
}
detail-overflow = { $hours } h with patients waiting for a bed; { $patients } in hospital now
detail-infections = { $count } infections since the start
detail-deaths = { $count } deaths
detail-reports = { $on_time } of { $due } reports due were made on time and true
detail-aid-answered = { $answered } of { $due } requests for help answered
detail-aid-minutes = mean answer time { $mean } over { $count ->
    [one] 1 request
   *[other] { $count } requests
}
detail-stock-outs = { $count } stock-outs
detail-trust = population-weighted trust { $trust }
detail-cost = { $spent } spent on measures

evidence-dispatch = { $time } { $team } sent { $role } units to { $place }
evidence-activated = { $time } command activated
evidence-response = { $time } { $inject }: "{ $text }" after { $after }
evidence-response-in-place = { $time } { $inject }: "{ $text }" after { $after } (already in place)
evidence-response-missed = { $time } { $inject }: "{ $text }" not done (due { $due })
evidence-decision = { $time } { $question }: "{ $option }", { $how } (worth { $worth })
evidence-report-late = { $time } { $rule } from { $from } to { $to }: filed late at { $filed }
evidence-report-false = { $time } { $rule } from { $from } to { $to }: filed at { $filed } but untrue, { $falsehood }
evidence-report-missing = { $time } { $rule } from { $from } to { $to }: not filed (due { $due })
evidence-aid-answered = { $time } request { $request } from { $from } to { $to }: { $answer } after { $after }
evidence-aid-unanswered = { $time } request { $request } from { $from } to { $to }: unanswered
evidence-rumour-answered = { $time } "{ $text }" ({ $who }): answered by { $team } after { $after }, { $engaged } engaged
evidence-rumour-open = { $time } "{ $text }" ({ $who }): unanswered, { $engaged } engaged
detail-rumour-answer = { $answered } of { $rumours } rumours answered; mean time { $mean }
detail-rumour-reach = { $answered } of { $rumours } rumours answered; mean reach { $mean } engaged
detail-negative-posts = { $negative } of { $posts } posts are bad news
evidence-stock-out = { $time } { $facility } ran out of { $supply }
evidence-statement = { $time } statement by { $team }
evidence-trust-alert = { $time } trust in { $district } fell below { $trust }
evidence-report-overdue = { $time } { $rule } overdue (public confidence suffers)
evidence-measure = { $time } { $team } set { $district } to { $level }
evidence-gathering = { $time } { $team } decided to { $decision } ({ $gathering })
aid-accepted = accepted
aid-declined = declined
aid-short = accepted, { $sent } sent ({ $reason })

baseline-same = the same as with no action ({ $baseline })
baseline-points-higher = { $points } points higher than with no action ({ $baseline })
baseline-points-lower = { $points } points lower than with no action ({ $baseline })
baseline-more-than-none = { $more } more than with no action (0)
baseline-less = { $share } less than with no action ({ $baseline })
baseline-fewer = { $share } fewer than with no action ({ $baseline })
baseline-more = { $share } more than with no action ({ $baseline })

kpi-no-units = { $team } has no { $role } units
kpi-not-due = not due yet: { $detail }
kpi-against-target = { $value } against a target of { $target }: { $detail }
kpi-against-budget = { $value } against a budget of { $budget }: { $detail }
kpi-against-target-and-baseline = { $value } against a target of { $target }; { $baseline }: { $detail }
kpi-nothing-spent = nothing spent
kpi-proportion = { $measures ->
        [one] 1 measure
       *[other] { $measures } measures
    } with a cost: { $cost } (a harm of { $total } with the school days lost and the deaths of care forgone under them), about { $averted } infections averted (each measure set against the exercise without it, to the end and the next generation), at { $harm } of harm each. Harm beyond what they averted: { $waste }, against { $danger }, the harm of the outbreak left alone.
evidence-proportion = { $time } { $team }: { $what }: { $cost }, averted about { $averted } infections: { $verdict }
measure-level = { $level } in { $place }
measure-round = testing round of { $places }
measure-round-city = city-wide testing round
measure-facility-closed = { $place } closed
measure-facility-cohort = { $place }: its people kept inside
kpi-met-without-action = with no action it is { $baseline }, already within the target of { $target }: no response can be told from none
kpi-met-without-action-so-far = so far, with no action it would be { $baseline }, still within the target of { $target }: nothing to tell yet
kpi-team-took-no-action = ; this team took no action, so no improvement is its own
kpi-no-team-took-action = ; no team took any action
kpi-not-applicable = n/a: { $reason }
proportion-objective-title = Measures in proportion to the danger
proportion-objective-description = Added to every exercise: what the measures cost per infection they averted, against the harm one infection does. Closing more than the danger asks costs points.
proportion-objective-capability = Community resilience
card-paperwork-capped = Only paperwork so far (activations, reports, information passed on): without action on the ground it counts for at most { $cap }.
harm-school-days = { $days } school days lost
harm-care-forgone = { $deaths } deaths from care forgone
harm-with-other = { $cost } ({ $other })
