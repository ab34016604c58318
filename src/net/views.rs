//! What each role's page shows, built from the core's scoped queries: a team's view holds only
//! what that team's desk shows (its inbox, its units, what it owes and was asked), never the
//! true epidemic or other teams' units. Every text is worded here, in the exercise's language;
//! the page only lays it out.

use serde_json::{Value, json};

use crate::i18n::Language;
use crate::net::Role;
use crate::scenario::{ControlLevel, Minutes, Scenario, UnitRole};
use crate::scoring::{RedCard, Scorecard};
use crate::sim::command::GatheringDecision;
use crate::sim::{Availability, Event, Exercise, Place, UnitStatus};
use crate::tr;

fn clock(exercise: &Exercise, lang: Language, minutes: u32) -> String {
    crate::scoring::clock_in(lang, exercise.scenario(), minutes)
}

/// The exercise clock as every page shows it.
fn header(exercise: &Exercise, lang: Language) -> Value {
    let scenario = exercise.scenario();
    json!({
        "title": scenario.meta.title,
        "now": exercise.now(),
        "clock": clock(exercise, lang, exercise.now()),
    })
}

/// Districts and facilities where a page draws them, without their epidemic: what anyone in the
/// room knows of the city.
fn city(exercise: &Exercise, lang: Language) -> Value {
    let scenario = exercise.scenario();
    let districts: Vec<Value> = scenario
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let level = &exercise.districts()[n].level;
            json!({
                "id": d.id.as_str(), "name": d.name, "x": d.position.x, "y": d.position.y,
                "level": level_key(level), "level_words": level.words(lang),
            })
        })
        .collect();
    let facilities: Vec<Value> = scenario
        .facilities
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let at = exercise.place_position(Place::Facility(n));
            json!({
                "id": f.id.as_str(), "name": f.name, "x": at.x, "y": at.y,
                "kind": f.kind.words(lang), "open": exercise.facility_open(n),
            })
        })
        .collect();
    json!({"districts": districts, "facilities": facilities})
}

/// What each district's measures cost a day, by district id (shown under the order).
fn measure_costs(exercise: &Exercise, lang: Language) -> Value {
    let costs: serde_json::Map<String, Value> = exercise
        .scenario()
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(n, d)| {
            (
                d.id.as_str().to_string(),
                Value::String(crate::inbox::measure_costs(exercise, lang, n)),
            )
        })
        .collect();
    Value::Object(costs)
}

fn level_key(level: &ControlLevel) -> &'static str {
    match level {
        ControlLevel::Normal => "normal",
        ControlLevel::Enhanced => "enhanced",
        ControlLevel::Closed => "closed",
    }
}

/// A team's page: its desk, as the hot seat shows it.
/// `card` is the team's own scorecard; `red_card` the red cell's (shown on the red cell's page);
/// `feed` the public feed ([`feed`]), the same on every page.
pub fn team(
    exercise: &Exercise,
    lang: Language,
    team: &str,
    card: Option<&Scorecard>,
    red_card: Option<&RedCard>,
    feed: &Value,
) -> Value {
    let scenario = exercise.scenario();
    let Some(team_def) = scenario.team(team) else {
        return json!({});
    };
    let now = exercise.now();
    let units: Vec<Value> = exercise
        .units_visible_to(Some(team))
        .into_iter()
        .map(|n| {
            let unit = &exercise.units()[n];
            let kind = &scenario.resource_types[unit.resource];
            let at = exercise.unit_position(n);
            json!({
                "id": unit.id, "kind": kind.role.words(lang), "people": unit.people,
                "status": crate::inbox::unit_status(exercise, lang, &unit.status, &|m| clock(exercise, lang, m)),
                "at_base": matches!(unit.status, UnitStatus::AtBase),
                "carries_supplies": kind.role == UnitRole::Supply,
                "out_of_service": unit.out_of_service.as_ref().map(|(_, why)| why),
                "x": at.x, "y": at.y,
            })
        })
        .collect();
    let decisions: Vec<Value> = exercise
        .open_decisions_for(team)
        .filter_map(|d| {
            let point = exercise.decision_point(&d.inject)?;
            let options: Vec<Value> = point
                .options
                .iter()
                .map(|o| json!({"id": o.id.as_str(), "label": o.label, "description": o.description}))
                .collect();
            Some(json!({
                "decision": d.inject, "question": d.question, "due": clock(exercise, lang, d.due),
                "options": options,
                "answered": d.answer_of(team).map(|a| a.option.clone()),
            }))
        })
        .collect();
    let reports: Vec<Value> = exercise
        .reports()
        .iter()
        .filter(|r| r.filed_at.is_none() && exercise.team_plays(team, &r.from))
        .map(|r| {
            json!({
                "from": r.from, "to": r.to, "rule": r.rule, "late": r.due <= now,
                "words": tr!(lang, "team-report-owed", from = r.from.as_str(), to = r.to.as_str(),
                    rule = r.rule.as_str(), time = clock(exercise, lang, r.due)),
            })
        })
        .collect();
    let requests: Vec<Value> = exercise
        .requests()
        .iter()
        .filter(|r| r.to_team == team && r.answered.is_none())
        .map(|r| {
            let source = r
                .supply
                .as_ref()
                .and_then(|supply| exercise.best_stock_source(team, supply))
                .map(|f| scenario.facilities[f].id.as_str());
            json!({
                "number": r.number, "from_facility": source,
                "words": tr!(lang, "team-request-from", number = r.number,
                    team = r.from_team.as_str(), time = clock(exercise, lang, r.made_at)),
            })
        })
        .collect();
    let actions: Vec<Value> = exercise
        .actions_for(team)
        .map(|(def, availability)| {
            let why_not = match availability {
                Availability::NotNow(reason) => Some(reason.text(lang)),
                _ => None,
            };
            json!({"id": def.id.as_str(), "name": def.name, "description": def.description,
                   "available": why_not.is_none(), "why_not": why_not})
        })
        .collect();
    let others: Vec<Value> = scenario
        .teams
        .iter()
        // The red cell is no partner to share with or ask for help.
        .filter(|t| t.id.as_str() != team && t.role != crate::scenario::TeamRole::Red)
        .map(|t| json!({"id": t.id.as_str(), "name": t.name}))
        .collect();
    let supplies: Vec<Value> = scenario
        .supplies
        .iter()
        .map(|s| json!({"id": s.id.as_str(), "name": s.name}))
        .collect();
    let facilities: Vec<Value> = (0..scenario.facilities.len())
        .filter(|&f| exercise.may_close(team, f).is_ok())
        .map(|f| {
            let facility = &scenario.facilities[f];
            let open = exercise.facility_open(f);
            let cohort = exercise.facility_in_cohort(f);
            let words = if cohort {
                tr!(
                    lang,
                    "team-facility-cohort",
                    facility = facility.name.as_str()
                )
            } else if open {
                tr!(
                    lang,
                    "team-facility-open",
                    facility = facility.name.as_str()
                )
            } else {
                tr!(
                    lang,
                    "team-facility-closed",
                    facility = facility.name.as_str()
                )
            };
            json!({"id": facility.id.as_str(), "open": open, "cohort": cohort, "people": facility.people > 0, "words": words})
        })
        .collect();
    // A gathering a decision point decides is answered there (the page lists the point).
    let gatherings: Vec<Value> = exercise
        .gatherings_to_decide(team)
        .into_iter()
        .filter(|(_, decided_at)| decided_at.is_none())
        .map(|(n, _)| {
            let plan = &scenario.mass_gatherings[n];
            let words =
                crate::inbox::planned_gathering(exercise, lang, n, &|m| clock(exercise, lang, m));
            let options: Vec<Value> = [
                GatheringDecision::GoAhead,
                GatheringDecision::WithMeasures,
                GatheringDecision::Postpone(Minutes(24 * 60)),
                GatheringDecision::Cancel,
            ]
            .iter()
            .map(|d| json!({"decision": gathering_decision_ron(d), "words": d.words(lang)}))
            .collect();
            json!({"id": plan.id.as_str(), "words": words, "options": options})
        })
        .collect();
    // Worded for every district on each publish: only for a team that can order measures.
    let may_order_measures = exercise.may_order_measures(team);
    let measure_costs = if may_order_measures {
        measure_costs(exercise, lang)
    } else {
        Value::Object(Default::default())
    };
    let levels: Vec<Value> = [
        ControlLevel::Normal,
        ControlLevel::Enhanced,
        ControlLevel::Closed,
    ]
    .iter()
    .map(|l| json!({"id": format!("{l:?}"), "words": l.words(lang)}))
    .collect();
    json!({
        "header": header(exercise, lang),
        "team": {"id": team, "name": team_def.name, "activated": exercise.activations().contains_key(team)},
        "units": units,
        "decisions": decisions,
        "reports": reports,
        // What a true report states now; the page prefills its figures with it.
        "counted": exercise.counts_now().as_figures(),
        "requests": requests,
        "actions": actions,
        "teams": others,
        "measures": {"may_order": may_order_measures, "levels": levels, "zones": zones(exercise, lang), "zone_levels": zone_levels(lang), "costs": measure_costs},
        "rounds": {
            "may_start": exercise.may_start_rounds(team),
            "methods": [
                {"id": "Pcr", "words": crate::sim::command::TestMethod::Pcr.name().text(lang)},
                {"id": "Antigen", "words": crate::sim::command::TestMethod::Antigen.name().text(lang)},
            ],
            "under_way": exercise
                .rounds_under_way()
                .iter()
                .map(|r| crate::inbox::round_progress(exercise, lang, r))
                .collect::<Vec<_>>(),
        },
        "supplies": supplies,
        "facilities": facilities,
        "gatherings": gatherings,
        "city": city(exercise, lang),
        "scorecard": card.map(|c| scorecard(c, lang)),
        "channels_down": channels_down(exercise, lang, team),
        "red": (team_def.role == crate::scenario::TeamRole::Red).then(|| red(exercise, lang, team, red_card)),
        "feed": feed,
    })
}

/// Every zone of the scenario, district by district, with its level in words.
fn zones(exercise: &Exercise, lang: Language) -> Vec<Value> {
    let mut zones: Vec<_> = exercise.zones().collect();
    zones.sort_by_key(|&(node, _)| exercise.nodes()[node].district);
    zones
        .into_iter()
        .map(|(node, level)| {
            let zone = &exercise.nodes()[node];
            json!({"id": zone.id, "words": crate::inbox::zone_words(lang, zone, level.as_ref())})
        })
        .collect()
}

fn zone_levels(lang: Language) -> Vec<Value> {
    use crate::scenario::ZoneLevel;
    [
        ZoneLevel::Sealed,
        ZoneLevel::Controlled,
        ZoneLevel::Precaution,
        ZoneLevel::Lifted,
    ]
    .iter()
    .map(|l| json!({"id": format!("{l:?}"), "words": l.words(lang)}))
    .collect()
}

/// Reporting channels red took down, of agencies the team plays.
fn channels_down(exercise: &Exercise, lang: Language, team: &str) -> Vec<Value> {
    exercise
        .channels_down()
        .filter(|(agency, _, _)| exercise.team_plays(team, agency))
        .map(|(agency, back, restoring)| {
            json!({"agency": agency, "restoring": restoring,
                   "words": tr!(lang, "team-channel-down", agency = agency,
                                time = clock(exercise, lang, back))})
        })
        .collect()
}

/// The red cell's console: its budget and its tactics, each with what it must be aimed at.
fn red(exercise: &Exercise, lang: Language, team: &str, card: Option<&RedCard>) -> Value {
    use crate::scenario::RedTarget;
    let scenario = exercise.scenario();
    let tactics: Vec<Value> = exercise
        .red_tactics_for(team)
        .map(|(def, availability)| {
            let why_not = match availability {
                Availability::NotNow(reason) => Some(reason.text(lang)),
                _ => None,
            };
            let target = match def.does.target() {
                RedTarget::DistrictOrCity => "district_or_city",
                RedTarget::District => "district",
                RedTarget::Facility => "facility",
                RedTarget::Agency => "agency",
            };
            json!({"id": def.id.as_str(), "name": def.name, "description": def.description,
                   "cost": crate::i18n::count(lang, def.cost), "target": target,
                   "available": why_not.is_none(), "why_not": why_not})
        })
        .collect();
    let agencies: Vec<Value> = scenario
        .agencies
        .iter()
        .map(|a| json!({"id": a.id.as_str(), "name": a.name}))
        .collect();
    // Each move so far with Blue's answer, latest first (the red cell's card).
    let played: Vec<Value> = card
        .map(|card| card.moves.iter().rev().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|m| {
            json!({"time": m.time, "name": m.tactic, "target": m.target, "answer": m.answer,
                   "answered": m.answered_at.is_some()})
        })
        .collect();
    let budget = scenario.red.as_ref().map_or(0.0, |r| r.budget);
    json!({
        "budget": tr!(lang, "red-budget", left = crate::i18n::count(lang, exercise.red_budget_left()),
                      budget = crate::i18n::count(lang, budget)),
        "tactics": tactics, "agencies": agencies, "played": played,
        "summary": card.map(|c| c.summary.as_str()),
    })
}

/// A decision on a gathering as a command line writes it.
fn gathering_decision_ron(decision: &GatheringDecision) -> String {
    match decision {
        GatheringDecision::GoAhead => "GoAhead".into(),
        GatheringDecision::WithMeasures => "WithMeasures".into(),
        GatheringDecision::Postpone(by) => format!("Postpone({:?})", by.to_string()),
        GatheringDecision::Cancel => "Cancel".into(),
    }
}

fn scorecard(card: &Scorecard, lang: Language) -> Value {
    let objectives: Vec<Value> = card
        .objectives
        .iter()
        .map(|o| {
            json!({"title": o.title, "attainment": o.attainment.map(crate::i18n::percent),
                   "rating": o.rating.as_ref().map(|r| format!("{r:?}")),
                   "meaning": o.rating.as_ref().map(|r| r.meaning(lang))})
        })
        .collect();
    json!({
        "percent": card.percent.map(|p| crate::i18n::percent(p / 100.0)),
        "objectives": objectives,
    })
}

/// The room's common picture: the clock, what everyone was told, the city, the public feed.
pub fn projector(exercise: &Exercise, lang: Language, feed: &Value) -> Value {
    json!({"header": header(exercise, lang), "city": city(exercise, lang), "feed": feed})
}

/// The public feed's latest posts as every page shows them (built once per publish).
pub fn feed(exercise: &Exercise, lang: Language) -> Value {
    serde_json::to_value(crate::inbox::latest_posts(exercise, lang)).unwrap_or_default()
}

/// An evaluator's tablet: the objectives to rate and the teams to observe.
pub fn evaluator(exercise: &Exercise, lang: Language) -> Value {
    let scenario = exercise.scenario();
    let objectives: Vec<Value> = scenario
        .objectives
        .iter()
        .map(|o| {
            let rating = exercise
                .ratings()
                .iter()
                .rev()
                .find(|r| r.objective.as_str() == o.id.as_str())
                .map(|r| format!("{:?}", r.rating));
            json!({"id": o.id.as_str(), "title": o.title, "rating": rating})
        })
        .collect();
    let teams: Vec<Value> = scenario
        .teams
        .iter()
        .map(|t| json!({"id": t.id.as_str(), "name": t.name}))
        .collect();
    let observations: Vec<Value> = exercise
        .observations()
        .iter()
        .rev()
        .take(50)
        .map(|o| json!({"time": clock(exercise, lang, o.at), "text": o.text, "evaluator": o.evaluator}))
        .collect();
    let ratings: Vec<Value> = [
        crate::sim::command::Rating::P,
        crate::sim::command::Rating::S,
        crate::sim::command::Rating::M,
        crate::sim::command::Rating::U,
    ]
    .iter()
    .map(|r| json!({"id": format!("{r:?}"), "meaning": r.meaning(lang)}))
    .collect();
    json!({
        "header": header(exercise, lang), "objectives": objectives, "teams": teams,
        "observations": observations, "ratings": ratings,
    })
}

/// What a role's page shows before the exercise starts: the scenario's briefing, and for a team
/// who it plays, its agencies, its units and the objectives it is measured on.
pub fn briefing(scenario: &Scenario, lang: Language, role: &Role) -> Value {
    let meta = &scenario.meta;
    let starts = tr!(
        lang,
        "web-starts",
        // Read as a date and a time, not as the file's ISO form.
        start = meta.start.to_string().replacen('T', " ", 1),
        duration = crate::i18n::duration(lang, meta.duration.get())
    );
    let header = json!({"title": meta.title, "now": null, "clock": tr!(lang, "web-waiting")});
    let applies_to = |objective: &crate::scenario::Objective, team: &str| {
        objective.teams.is_empty() || objective.teams.iter().any(|t| t.as_str() == team)
    };
    let (who, about, agencies, units, objectives) = match role {
        Role::Team(id) => {
            let Some(team) = scenario.team(id) else {
                return json!({"header": header, "briefing": {"starts": starts}});
            };
            let agencies: Vec<&str> = team
                .agencies
                .iter()
                .filter_map(|a| scenario.agency(a.as_str()).map(|a| a.name.as_str()))
                .collect();
            let units: Vec<String> = scenario
                .units
                .iter()
                .filter(|u| team.agencies.contains(&u.agency))
                .map(|u| {
                    let kind = scenario
                        .resource_type(u.resource.as_str())
                        .map_or(u.resource.as_str(), |r| r.name.as_str());
                    let base = scenario
                        .facility(u.base.as_str())
                        .map(|f| f.name.as_str())
                        .or_else(|| scenario.district(u.base.as_str()).map(|d| d.name.as_str()))
                        .unwrap_or(u.base.as_str());
                    let name = u.name.as_deref().unwrap_or(kind);
                    tr!(
                        lang,
                        "web-briefing-unit",
                        count = u.count,
                        name = name,
                        base = base
                    )
                })
                .collect();
            let objectives: Vec<&str> = scenario
                .objectives
                .iter()
                .filter(|o| applies_to(o, id))
                .map(|o| o.title.as_str())
                .collect();
            (
                team.name.clone(),
                team.description.as_str(),
                agencies,
                units,
                objectives,
            )
        }
        Role::Evaluator => (
            tr!(lang, "devices-evaluators"),
            "",
            Vec::new(),
            Vec::new(),
            scenario
                .objectives
                .iter()
                .map(|o| o.title.as_str())
                .collect(),
        ),
        Role::Projector => (
            tr!(lang, "devices-projector"),
            "",
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };
    json!({
        "header": header,
        "briefing": {
            "description": meta.description.trim(), "starts": starts, "who": who, "about": about.trim(),
            "agencies": agencies, "units": units, "objectives": objectives,
        },
    })
}

/// One inbox item for a page; none for events the inbox leaves out.
pub fn news_item(exercise: &Exercise, lang: Language, event: &Event) -> Option<String> {
    let (tone, text) = crate::inbox::describe(&event.kind, lang, &|m| clock(exercise, lang, m))?;
    Some(
        json!({"at": event.at, "time": clock(exercise, lang, event.at), "tone": tone, "text": text})
            .to_string(),
    )
}
