//! The other roles' screens as types: an evaluator's tablet, the room's projector, and what a
//! role's page shows before the exercise starts. Built from the core's queries, worded in the
//! exercise's language; the host sends them as JSON.

use serde::Serialize;

use super::team_desk::{CityMap, Header, Named};
use crate::i18n::Language;
use crate::scenario::{Objective, Scenario};
use crate::sim::command::Rating;
use crate::sim::{Exercise, Role};
use crate::tr;

/// An evaluator's tablet: the objectives to rate, the teams to observe, the latest
/// observations, and HSEEP's four ratings with what each means.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluatorDesk {
    pub header: Header,
    pub objectives: Vec<ObjectiveToRate>,
    pub teams: Vec<Named>,
    /// The latest observations, newest first.
    pub observations: Vec<ObservationLine>,
    pub ratings: Vec<RatingChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveToRate {
    pub id: String,
    pub title: String,
    /// The latest rating given.
    pub rating: Option<Rating>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObservationLine {
    pub time: String,
    pub text: String,
    pub evaluator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatingChoice {
    pub id: Rating,
    pub meaning: String,
}

/// Observations an evaluator's tablet lists.
const OBSERVATIONS_SHOWN: usize = 50;

impl EvaluatorDesk {
    pub fn of(exercise: &Exercise, lang: Language) -> EvaluatorDesk {
        let scenario = exercise.scenario();
        let latest_rating = |objective: &Objective| {
            exercise
                .ratings()
                .iter()
                .rev()
                .find(|r| r.objective.as_str() == objective.id.as_str())
                .map(|r| r.rating.clone())
        };
        EvaluatorDesk {
            header: Header::of(exercise, lang),
            objectives: scenario
                .objectives
                .iter()
                .map(|o| ObjectiveToRate {
                    id: o.id.name.clone(),
                    title: o.title.clone(),
                    rating: latest_rating(o),
                })
                .collect(),
            teams: scenario
                .teams
                .iter()
                .map(|t| Named::of(&t.id, &t.name))
                .collect(),
            observations: exercise
                .observations()
                .iter()
                .rev()
                .take(OBSERVATIONS_SHOWN)
                .map(|o| ObservationLine {
                    time: crate::scoring::clock_in(lang, scenario, o.at),
                    text: o.text.clone(),
                    evaluator: o.evaluator.clone(),
                })
                .collect(),
            ratings: [Rating::P, Rating::S, Rating::M, Rating::U]
                .into_iter()
                .map(|r| RatingChoice {
                    meaning: r.meaning(lang),
                    id: r,
                })
                .collect(),
        }
    }
}

/// The room's common picture: the clock and the city (the host adds the public feed).
#[derive(Debug, Clone, Serialize)]
pub struct Projector {
    pub header: Header,
    pub city: CityMap,
}

impl Projector {
    pub fn of(exercise: &Exercise, lang: Language) -> Projector {
        Projector {
            header: Header::of(exercise, lang),
            city: CityMap::of(exercise, lang),
        }
    }
}

/// What a role's page shows before the exercise starts: the scenario's briefing, and for a team
/// who it plays, its agencies, its units and the objectives it is measured on.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingPage {
    pub header: Header,
    pub briefing: Briefing,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Briefing {
    pub description: String,
    /// When the exercise starts and how long it lasts.
    pub starts: String,
    pub who: String,
    pub about: String,
    pub agencies: Vec<String>,
    pub units: Vec<String>,
    pub objectives: Vec<String>,
}

impl BriefingPage {
    pub fn of(scenario: &Scenario, lang: Language, role: &Role) -> BriefingPage {
        let meta = &scenario.meta;
        let briefing = Briefing {
            description: meta.description.trim().to_string(),
            starts: tr!(
                lang,
                "web-starts",
                // Read as a date and a time, not as the file's ISO form.
                start = meta.start.to_string().replacen('T', " ", 1),
                duration = crate::i18n::duration(lang, meta.duration.get())
            ),
            ..Briefing::default()
        };
        BriefingPage {
            header: Header {
                title: meta.title.clone(),
                now: None,
                clock: tr!(lang, "web-waiting"),
            },
            briefing: match role {
                Role::Team(id) => team_briefing(scenario, lang, id, briefing),
                Role::Evaluator => Briefing {
                    who: tr!(lang, "devices-evaluators"),
                    objectives: scenario
                        .objectives
                        .iter()
                        .map(|o| o.title.clone())
                        .collect(),
                    ..briefing
                },
                Role::Projector => Briefing {
                    who: tr!(lang, "devices-projector"),
                    ..briefing
                },
            },
        }
    }
}

/// A team's briefing: who it plays, its agencies, its units and where they wait, and the
/// objectives it is measured on.
fn team_briefing(scenario: &Scenario, lang: Language, id: &str, common: Briefing) -> Briefing {
    let Some(team) = scenario.team(id) else {
        return common;
    };
    let units = scenario
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
    Briefing {
        who: team.name.clone(),
        about: team.description.trim().to_string(),
        agencies: team
            .agencies
            .iter()
            .filter_map(|a| scenario.agency(a.as_str()).map(|a| a.name.clone()))
            .collect(),
        units,
        objectives: scenario
            .objectives
            .iter()
            .filter(|o| o.teams.is_empty() || o.teams.iter().any(|t| t.as_str() == id))
            .map(|o| o.title.clone())
            .collect(),
        ..common
    }
}
