# What the simulation tells teams and the control cell as it happens.

event-short-of = short of { $supply }: { $got } of { $needed } needed
event-bed-kinds = { $kinds }
bed-ward = ward
bed-paediatric = children's ward
bed-icu = intensive care
event-recalled = unit { $unit } recalled by { $team }
event-observation = observation: { $text }
event-rating = rating { $rating } of { $objective }
event-rating-of-team = rating { $rating } of { $objective } for { $team }
event-judged = judged { $verdict }: "{ $text }" ({ $inject }, { $team })

# An answer to a request for help: what it sets in motion, or why it fell short.
aid-note-units-lent = units lent: { $units }
aid-note-on-unit = { $sent } `{ $supply }` on unit { $unit }
aid-note-arriving = { $sent } `{ $supply }` arriving at { $at }
aid-note-short = sends { $sent } of the { $asked } `{ $supply }` asked: { $reason }
aid-short-held = { $facility } held { $held } of `{ $supply }`
aid-short-per-trip = the unit carries at most { $sent } per trip
aid-short-offered = { $offered } offered
event-round-started = { $team } starts a testing round ({ $method }{ $pool ->
        [1] {""}
       *[other] , { $pool } samples a tube
    }) in { $districts }: { $people } residents to test, { $teams } sampling teams sent
event-round-done = testing round in { $district } finished: { $people } of { $of } residents tested in { $took }
event-zone-declared = { $team }: { $zone } ({ $district }) { $level }
event-cohort = { $facility } under cohort isolation: its people stay inside, day and night
figure-found = infections found
figure-deaths = deaths
figure-in-hospital = patients in hospital
report-false-figure = said { $said } for { $figure } when the count was { $counted }: { $concealed ->
        [yes] concealed (瞒报)
       *[no] inflated
    }
