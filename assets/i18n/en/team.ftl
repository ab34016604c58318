# A team's seat: its inbox, decisions, units and orders.

# The inbox: what reached the team, newest first.
inbox-title = Inbox (newest first)
inbox-from = { $title } — { $from }
inbox-shared = [shared by { $team }] { $text }
inbox-aid-requested = Request #{ $request }: { $from } asks { $to } for { $what }. { $text }
inbox-aid-accepted = Request #{ $request } accepted by { $team }{ $note }. { $text }
inbox-aid-declined = Request #{ $request } declined by { $team }{ $note }. { $text }
inbox-note = : { $note }
inbox-aid-unanswered = Request #{ $request } went unanswered
inbox-report-due = Report due: { $rule } ({ $from } -> { $to })
inbox-report-overdue = Report overdue: { $rule }
inbox-report-filed = Report filed { $from } -> { $to }
inbox-report-filed-late = Report filed { $from } -> { $to } (late)
inbox-report-filed-untrue = Report filed { $from } -> { $to }, but untrue: { $falsehood }
team-report-figures = Figures in the report (checked against the city's count):
team-report-counted = Use the count
inbox-unit-dispatched = { $unit } on its way to { $place }
inbox-unit-arrived = { $unit } arrived at { $place }
inbox-unit-finished = { $unit } finished at { $place }
inbox-unit-returned = { $unit } back at base
inbox-delivered = { $unit } delivered { $quantity } { $supply } to { $place }
inbox-measure = { $team } set { $district } to { $level }
inbox-statement = Statement by { $team }: { $text }
inbox-activated = { $team } activated its command
inbox-stock-out = { $facility } ran out of { $supply }
inbox-hospitals-full = Hospitals full: { $waiting } patients waiting for a bed ({ $beds })
inbox-no-quarantine-room = { $waiting } traced contacts in { $district } wait at home: no quarantine room
inbox-sites-nearly-full = Quarantine and isolation sites nearly full: { $occupied } of { $rooms } rooms
inbox-gathering-started = { $name } under way at { $place }: { $attendees } attending
inbox-gathering-started-with-measures = { $name } under way at { $place }: { $attendees } attending, with measures
inbox-gathering-decided = { $team } decided on { $name }: { $decision }
inbox-trust = Public trust in { $district } down to { $trust }
inbox-deaths = { $count ->
    [one] 1 death in { $district }
   *[other] { $count } deaths in { $district }
}
inbox-decision-opened = Decision needed: { $question } (see above; without a decision by { $time } the default applies)
inbox-decision-answered = { $team } chose "{ $option }"
inbox-decision-answered-why = { $team } chose "{ $option }": { $why }
inbox-decision-settled = Decided: { $question } -> "{ $option }" ({ $how })
inbox-action-in-effect = { $action }: in effect
inbox-facility-opened = { $facility } opened by { $team }
inbox-facility-closed = { $facility } closed by { $team }
inbox-capacity = { $facility } now has { $beds } beds or rooms, { $daily } a day
inbox-out-of-service = Out of service: { $units }
inbox-out-of-service-why = Out of service: { $units } ({ $why })
inbox-back-in-service = Back in service: { $units }

# Decisions put to the team.
team-decisions = Decisions to take
team-decide-by = Decide by { $time }; otherwise: "{ $default }"
team-rule-lead = { $lead } decides; the others advise
team-rule-unanimous = every team must choose the same
team-rule-first-answer = the first answer decides
team-together-with = Together with { $teams } — { $rule }
team-no-answer-yet = no answer yet
team-answered = "{ $option }" at { $time }
team-why-with-answer = Why (recorded with the answer):
team-what-follows = What follows: { $effects }

# What the team owes and was asked.
team-reports-owed = Reports owed
team-report-owed = { $from } -> { $to } ({ $rule }): due { $time }
team-report = Report
team-requests = Requests for help
team-request-from = #{ $number } from { $team } ({ $time })
team-accept = Accept
team-decline = Decline

# Units and orders.
team-activate = Activate our incident command
team-units = Units
team-selected-place = Selected place on the map: { $place }
team-no-place = none (click the map)
team-unit-people = , { $count } people
team-out-of-service = — OUT OF SERVICE { $why }
team-out-of-service-until = — OUT OF SERVICE until { $time } { $why }
team-work-on-site = work on site
team-a-shift = a shift
team-a-shift-of = a shift ({ $duration })
team-days = { $days } d
team-dispatch-to = Dispatch to { $place }
team-recall = Recall
team-supply = supply
team-deliver-to = Deliver to { $facility }
team-facility-open = { $facility } is open
team-facility-closed = { $facility } is closed
team-facility-people = {" "}({ $count } people spend their day there)
team-close-it = Close it
team-open-it = Open it
team-actions = Actions
team-why = Why:
team-why-action-hover = recorded with the action in the journal and the debrief
team-why-decision-hover = recorded with the decision in the journal and the debrief
team-not-now = Not now: { $why }
team-costs = costs { $cost }
team-takes = takes { $duration }
team-measures-in = Measures in { $district }:
team-measure-costs = In { $district }, enhanced measures cost about { $enhanced } a day and a closure about { $closed } ({ $per_resident } per resident a day: the output lost).
team-planned-events = Planned events
team-gathering = { $name } at { $place }, { $time } ({ $attendees } expected)
team-gathering-with-measures = { $name } at { $place }, { $time } ({ $attendees } expected), with measures
team-decided-at-point = Decided at decision point { $inject }
team-message = Message
team-from = from { $agency }
team-to = to { $agency }
team-control-cell = { $name } (control cell)
team-share = Share with ticked teams
team-ask-for-help = Ask ticked team for help
team-statement = Public statement
inbox-red-played = Red played { $tactic } (target: { $target }, { $cost } points)
inbox-red-rumour = A rumour spreads in { $place } ({ $detail })
inbox-red-panic-buying = Panic buying in { $place }: shelves emptied, prices climbing
inbox-red-crowd = A crowd of about { $detail } gathers at { $place }
inbox-red-fraud = Residents of { $place } report calls from people posing as officials
inbox-uncovered-by-audit = An audit in { $district } found { $cases } cases the district office had not reported
inbox-uncovered-by-cross-check = Shared data exposed { $cases } cases in { $district } that its office had not reported
inbox-channel-down = The reporting channel of { $agency } is down until { $time }
inbox-channel-restoring = { $team } is switching { $agency }'s reports to a backup channel (ready at { $time })
inbox-channel-back = The reporting channel of { $agency } works again
inbox-red-rumour-plain = A rumour spreads in { $place }
feed-title = Public feed
feed-official = official
feed-press = press
feed-resident = resident
feed-unverified = unverified account
feed-who = { $name } ({ $kind })
feed-engaged = { $count } engaged
feed-answered = answered by { $team } at { $time }
feed-answer = Answer
feed-answering = Your next statement answers post { $number }:
feed-cancel = Cancel
feed-nothing = Nothing posted yet.
team-testing-round = Testing rounds
team-whole-city = the whole city
team-samples-a-tube = Samples a tube:
team-start-round = Start a testing round
team-round-progress = { $district }: { $method }{ $pool ->
        [1] {""}
       *[other] , { $pool } samples a tube
    } — { $tested } of { $of } residents tested
team-zone = { $zone } ({ $residents } residents): { $level }
team-facility-cohort = { $facility } is under cohort isolation
team-cohort-it = Keep its people inside
