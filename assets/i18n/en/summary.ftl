# The plain-text briefing of a scenario (`muster summary`, the app's briefing screen).

summary-meta = id { $id } · version { $version } · { $language } · by { $author }
summary-exercise = Exercise: { $start } → { $end } ({ $duration }), model step { $step }
summary-played-in = Played in { $played_in } in the room: the clock runs { $speed } scenario minutes a minute
summary-city = City: { $city } — { $districts } districts, { $people } residents
summary-beta = β { $beta }/day
summary-pathogen = Pathogen: { $pathogen } — { $transmission }, latent { $latent } d, infectious { $infectious } d, { $asymptomatic } asymptomatic
summary-initial-cases = Initial cases: { $cases } in { $groups ->
    [one] 1 group
   *[other] { $groups } groups
}
summary-facilities = Facilities ({ $count }):
summary-beds = { $beds } beds
summary-icu-beds = { $beds } ICU
summary-per-day = { $count }/day
summary-place-people = { $people } people, { $hours } h a day, ×{ $intensity } contacts
summary-closed-at-start = closed at the start
summary-in-district = in { $district }
summary-teams = Teams ({ $count }):
summary-red-team = { $team } [red cell]: { $agencies }
summary-control-cell = Played by the control cell: { $agencies }
summary-facilities-of-kind = { $kind } facilities
summary-jurisdiction = { $agency } acts in: { $covers }
summary-units = Units ({ $units }), by base:
summary-units-people = Units ({ $units }, standing for { $people } people), by base:
summary-units-of-people = { $count } × { $name } ({ $people } people each)
summary-actions = Actions the teams may take ({ $count }):
summary-action-by = by { $agencies }
summary-action-cost = costs { $cost }
summary-action-takes = takes { $time }
summary-action-times = at most { $times }×
summary-action-only-when = only when { $condition }
summary-gatherings = Planned mass gatherings ({ $count }):
summary-gathering = { $name } at { $place }, { $when } for { $duration }: { $attendees } attending
summary-msel = MSEL: { $scheduled } scheduled, { $conditional } conditional injects
summary-all-teams = all teams
summary-decision = decision
summary-only-if = {" "}(only if { $condition })
summary-when = (when { $condition })
summary-decision-points = Decision points ({ $count }):
summary-decision-within = within { $within }, default { $default }
summary-objectives = Objectives ({ $count }):
summary-kpi = { $metric }: target { $target } (weight { $weight })
summary-team = { $team }: { $agencies }
summary-in-brackets = ({ $text })
