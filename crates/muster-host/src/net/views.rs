//! What each role's page shows, built from the core's scoped queries: a team's view holds only
//! what that team's desk shows (its inbox, its units, what it owes and was asked), never the
//! true epidemic or other teams' units. Every text is worded here, in the exercise's language;
//! the page only lays it out.

use serde::Serialize;
use serde_json::{Value, json};

use crate::i18n::Language;
use crate::net::Role;
use crate::scenario::Scenario;
use crate::scoring::{RedCard, Scorecard};
use crate::sim::{Event, Exercise};
use crate::tr;
use crate::views::{CityMap, Header, TeamDesk};

fn clock(exercise: &Exercise, lang: Language, minutes: u32) -> String {
    crate::scoring::clock_in(lang, exercise.scenario(), minutes)
}

/// A team's page: its desk ([`TeamDesk`], the type the app's panel draws too) and the public
/// feed ([`feed`]), the same on every page.
pub fn team(
    exercise: &Exercise,
    lang: Language,
    team: &str,
    card: Option<&Scorecard>,
    red_card: Option<&RedCard>,
    feed: &Value,
) -> Value {
    #[derive(Serialize)]
    struct TeamPage<'a> {
        #[serde(flatten)]
        desk: TeamDesk,
        feed: &'a Value,
    }
    match TeamDesk::of(exercise, lang, team, card, red_card) {
        Some(desk) => serde_json::to_value(TeamPage { desk, feed }).unwrap_or_default(),
        None => json!({}),
    }
}

/// The room's common picture: the clock, what everyone was told, the city, the public feed.
pub fn projector(exercise: &Exercise, lang: Language, feed: &Value) -> Value {
    json!({"header": Header::of(exercise, lang), "city": CityMap::of(exercise, lang), "feed": feed})
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
        "header": Header::of(exercise, lang), "objectives": objectives, "teams": teams,
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
