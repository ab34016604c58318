//! Contrasts: a targeted response beside an over-reaction, paperwork alone and the same response
//! a day late, each played over many seeds, so that whether the scores tell them apart can be
//! read side by side. Scores are measured from the no-action run, so fairness shows only in
//! contrasts like these.
//!
//! From a targeted commands file:
//! - **over-reaction**: the same response with its measures and zones replaced by every district
//!   closed, from the response's first command to the end, by a team that may order measures;
//! - **paperwork**: only its paperwork (activations, reports, information shared, requests
//!   for aid: `ActionKind::is_paperwork`);
//! - **late**: every command a day later, or a quarter of the exercise later when a day is more
//!   than that (a one-hour tutorial); those that would fall after the end are dropped.

use std::sync::Arc;

use crate::journal::Entry;
use crate::scenario::{ControlLevel, Id, Scenario};
use crate::sim::command::OrderMeasure;
use crate::sim::{Command, Exercise, Mode};
use crate::sweep::{Distribution, SweepResult};

/// How much later the late response comes, in minutes, in an exercise of four days or more.
pub const LATE_BY_MINUTES: u32 = 24 * 60;

/// How much later the late response comes in a scenario: a day, or a quarter of a shorter
/// exercise (a day late in a one-hour exercise is no response at all).
pub fn late_by(scenario: &Scenario) -> u32 {
    LATE_BY_MINUTES.min(scenario.meta.duration.get() / 4)
}
/// Done-means of the scoring (issue 28): the targeted response scores at least this much…
pub const TARGETED_AT_LEAST: f64 = 70.0;
/// …closing everything at least this many points below it…
pub const OVER_REACTION_BELOW_BY: f64 = 10.0;
/// …and paperwork alone at most this much, for every team.
pub const PAPERWORK_AT_MOST: f64 = 40.0;

/// The responses set side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contrast {
    NoAction,
    Targeted,
    OverReaction,
    Paperwork,
    Late,
}

impl Contrast {
    pub const ALL: [Contrast; 5] = [
        Contrast::NoAction,
        Contrast::Targeted,
        Contrast::OverReaction,
        Contrast::Paperwork,
        Contrast::Late,
    ];

    /// The name a commands file of this contrast carries (`SCENARIO-NAME.txt`).
    pub fn file_name(self) -> &'static str {
        match self {
            Contrast::NoAction => "no-action",
            Contrast::Targeted => "good-response",
            Contrast::OverReaction => "over-reaction",
            Contrast::Paperwork => "paperwork",
            Contrast::Late => "late-response",
        }
    }
}

/// The commands of a contrast, derived from the targeted response's.
pub fn commands_of(scenario: &Arc<Scenario>, targeted: &[Entry], contrast: Contrast) -> Vec<Entry> {
    match contrast {
        Contrast::NoAction => Vec::new(),
        Contrast::Targeted => targeted.to_vec(),
        Contrast::Paperwork => targeted
            .iter()
            .filter(|e| {
                matches!(
                    e.command,
                    Command::Activate(_)
                        | Command::Report(_)
                        | Command::Share(_)
                        | Command::RequestAid(_)
                )
            })
            .cloned()
            .collect(),
        Contrast::Late => {
            let end = scenario.meta.duration.get();
            let delay = late_by(scenario);
            targeted
                .iter()
                .filter_map(|e| {
                    let at = e.at.checked_add(delay)?;
                    (at < end).then(|| Entry { at, ..e.clone() })
                })
                .collect()
        }
        Contrast::OverReaction => over_reaction(scenario, targeted),
    }
}

fn over_reaction(scenario: &Arc<Scenario>, targeted: &[Entry]) -> Vec<Entry> {
    let exercise = Exercise::new(scenario.clone(), 0, Mode::Expected);
    let team = targeted
        .iter()
        .find_map(|e| match &e.command {
            Command::OrderMeasure(order) => Some(order.team.as_str().to_string()),
            _ => None,
        })
        .or_else(|| {
            scenario
                .teams
                .iter()
                .map(|t| t.id.as_str().to_string())
                .find(|t| exercise.may_order_measures(t))
        });
    let kept = targeted.iter().filter(|e| {
        !matches!(
            e.command,
            Command::OrderMeasure(_) | Command::DeclareZone(_)
        )
    });
    let Some(team) = team else {
        return kept.cloned().collect();
    };
    let from = targeted.first().map_or(0, |e| e.at);
    let closures = scenario.city.districts.iter().map(|d| Entry {
        line: 0,
        at: from,
        command: Command::OrderMeasure(OrderMeasure {
            team: Id::new(team.clone()),
            district: d.id.clone(),
            level: ControlLevel::Closed,
        }),
        refused: None,
        offset: 0,
    });
    let mut commands: Vec<Entry> = closures.chain(kept.cloned()).collect();
    // Stable: the closures come first at their minute, the rest keep their order.
    commands.sort_by_key(|e| e.at);
    commands
}

/// A commands file's text for a contrast's commands, with a header that says what it is.
pub fn commands_text(header: &str, commands: &[Entry]) -> String {
    let mut text = String::new();
    for line in header.lines() {
        text.push_str("# ");
        text.push_str(line);
        text.push('\n');
    }
    for entry in commands {
        text.push_str(&format!("{} {}\n", entry.at, entry.command.to_ron()));
    }
    text
}

/// The median overall score and each team's, of one contrast's sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    pub overall: Option<f64>,
    /// (team id, median score) in the scenario's team order.
    pub teams: Vec<(String, Option<f64>)>,
    pub infections: Option<f64>,
    pub cost: Option<f64>,
}

impl Scores {
    pub fn of(scenario: &Scenario, result: &SweepResult) -> Scores {
        let median = |name: &str| {
            result
                .distributions
                .iter()
                .find(|d: &&Distribution| d.name == name)
                .and_then(|d| d.median)
        };
        Scores {
            overall: median("score_percent"),
            teams: scenario
                .teams
                .iter()
                .map(|t| {
                    let id = t.id.as_str().to_string();
                    let score = median(&format!("score_percent/{id}"));
                    (id, score)
                })
                .filter(|(_, score)| score.is_some())
                .collect(),
            infections: median("infections"),
            cost: median("economic_cost"),
        }
    }

    fn team(&self, id: &str) -> Option<f64> {
        self.teams
            .iter()
            .find(|(t, _)| t == id)
            .and_then(|(_, s)| *s)
    }
}

/// What a fair rubric asks of the contrasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    /// The targeted response scores at least `TARGETED_AT_LEAST`.
    Targeted,
    /// Closing every district scores `OVER_REACTION_BELOW_BY` points below the targeted one.
    OverReaction,
    /// Paperwork alone scores at most `PAPERWORK_AT_MOST`.
    Paperwork,
    /// The late response lies between no action and the targeted one.
    Late,
}

/// A criterion, for the whole exercise (`who` none) or one team, and whether it is met.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub criterion: Criterion,
    pub who: Option<String>,
    pub met: bool,
}

/// The criteria the contrasts are held to: the targeted response ≥ 70% overall and for every
/// team; closing every district ≥ 10 points below it overall and for every team that ordered a
/// closure; paperwork ≤ 40% for every team; the late response between no action and the
/// targeted one.
pub fn checks(scores: &[(Contrast, Scores)], closers: &[String]) -> Vec<Check> {
    let of = |c: Contrast| scores.iter().find(|(k, _)| *k == c).map(|(_, s)| s);
    let (Some(none), Some(targeted), Some(over), Some(paper), Some(late)) = (
        of(Contrast::NoAction),
        of(Contrast::Targeted),
        of(Contrast::OverReaction),
        of(Contrast::Paperwork),
        of(Contrast::Late),
    ) else {
        return Vec::new();
    };
    let at_least = |v: Option<f64>, floor: f64| v.is_some_and(|v| v >= floor);
    let mut checks = vec![Check {
        criterion: Criterion::Targeted,
        who: None,
        met: at_least(targeted.overall, TARGETED_AT_LEAST),
    }];
    for (team, score) in &targeted.teams {
        checks.push(Check {
            criterion: Criterion::Targeted,
            who: Some(team.clone()),
            met: at_least(*score, TARGETED_AT_LEAST),
        });
    }
    let below = |over: Option<f64>, targeted: Option<f64>| match (over, targeted) {
        (Some(o), Some(t)) => o <= t - OVER_REACTION_BELOW_BY,
        _ => false,
    };
    checks.push(Check {
        criterion: Criterion::OverReaction,
        who: None,
        met: below(over.overall, targeted.overall),
    });
    for team in closers {
        checks.push(Check {
            criterion: Criterion::OverReaction,
            who: Some(team.clone()),
            met: below(over.team(team), targeted.team(team)),
        });
    }
    for (team, score) in &paper.teams {
        checks.push(Check {
            criterion: Criterion::Paperwork,
            who: Some(team.clone()),
            met: score.is_some_and(|s| s <= PAPERWORK_AT_MOST),
        });
    }
    let between = match (none.overall, late.overall, targeted.overall) {
        (Some(n), Some(l), Some(t)) => n < l && l < t,
        _ => false,
    };
    checks.push(Check {
        criterion: Criterion::Late,
        who: None,
        met: between,
    });
    checks
}

/// The teams whose commands close districts in a contrast.
pub fn closers(commands: &[Entry]) -> Vec<String> {
    let mut teams: Vec<String> = commands
        .iter()
        .filter_map(|e| match &e.command {
            Command::OrderMeasure(o) if o.level == ControlLevel::Closed => {
                Some(o.team.as_str().to_string())
            }
            _ => None,
        })
        .collect();
    teams.sort();
    teams.dedup();
    teams
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::test_support::small_scenario;

    fn entries(text: &str) -> Vec<Entry> {
        let (journal, problem) = crate::journal::parse(text);
        assert!(problem.is_none(), "{problem:?}");
        journal.entries
    }

    const TARGETED: &str = "35 Activate(team: \"health-team\")\n\
        40 Report(team: \"health-team\", from: \"health\", to: \"police\")\n\
        60 Dispatch(team: \"health-team\", unit: \"tracers\", to: \"north\")\n\
        90 OrderMeasure(team: \"health-team\", district: \"north\", level: Enhanced)\n\
        13d23h Dispatch(team: \"health-team\", unit: \"testers\", to: \"south\")\n";

    #[test]
    fn contrasts_are_derived_from_the_targeted_response() {
        let scenario = Arc::new(small_scenario(""));
        let targeted = entries(TARGETED);
        let paper = commands_of(&scenario, &targeted, Contrast::Paperwork);
        assert_eq!(paper.len(), 2);
        assert!(
            paper
                .iter()
                .all(|e| matches!(e.command, Command::Activate(_) | Command::Report(_)))
        );
        // A day later; the last command would fall after the 14-day end.
        let late = commands_of(&scenario, &targeted, Contrast::Late);
        assert_eq!(late.len(), 4);
        assert_eq!(late[0].at, 35 + 1440);
        // Every district closed from the first command, the targeted measure gone, the rest kept.
        let over = commands_of(&scenario, &targeted, Contrast::OverReaction);
        let closed: Vec<&str> = over
            .iter()
            .filter_map(|e| match &e.command {
                Command::OrderMeasure(o) => {
                    assert_eq!(o.level, ControlLevel::Closed);
                    assert_eq!(e.at, 35);
                    Some(o.district.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(closed, ["north", "south"]);
        assert_eq!(over.len(), targeted.len() - 1 + 2);
        assert_eq!(closers(&over), ["health-team"]);
        assert!(commands_of(&scenario, &targeted, Contrast::NoAction).is_empty());
    }

    /// Written out and read back, a contrast's file gives the same commands.
    #[test]
    fn a_contrasts_file_reads_back_the_same() {
        let scenario = Arc::new(small_scenario(""));
        let over = commands_of(&scenario, &entries(TARGETED), Contrast::OverReaction);
        let text = commands_text("Over-reaction\nmade by a test", &over);
        assert!(text.starts_with("# Over-reaction\n# made by a test\n"));
        let back = entries(&text);
        let commands = |e: &[Entry]| {
            e.iter()
                .map(|e| (e.at, e.command.to_ron()))
                .collect::<Vec<_>>()
        };
        assert_eq!(commands(&back), commands(&over));
    }

    fn scores(overall: f64, teams: &[(&str, f64)]) -> Scores {
        Scores {
            overall: Some(overall),
            teams: teams
                .iter()
                .map(|(t, s)| (t.to_string(), Some(*s)))
                .collect(),
            infections: None,
            cost: None,
        }
    }

    #[test]
    fn the_checks_hold_the_contrasts_to_the_rubric() {
        let set = |over_a: f64, paper_b: f64, late: f64| {
            vec![
                (Contrast::NoAction, scores(0.0, &[("a", 0.0), ("b", 0.0)])),
                (
                    Contrast::Targeted,
                    scores(90.0, &[("a", 90.0), ("b", 80.0)]),
                ),
                (
                    Contrast::OverReaction,
                    scores(70.0, &[("a", over_a), ("b", 85.0)]),
                ),
                (
                    Contrast::Paperwork,
                    scores(20.0, &[("a", 10.0), ("b", paper_b)]),
                ),
                (Contrast::Late, scores(late, &[("a", 50.0), ("b", 40.0)])),
            ]
        };
        let closers = ["a".to_string()];
        assert!(
            checks(&set(75.0, 30.0, 45.0), &closers)
                .iter()
                .all(|c| c.met)
        );
        let failed = |set: Vec<(Contrast, Scores)>| {
            checks(&set, &closers)
                .into_iter()
                .filter(|c| !c.met)
                .map(|c| (c.criterion, c.who))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            failed(set(85.0, 30.0, 45.0)),
            [(Criterion::OverReaction, Some("a".to_string()))]
        );
        assert_eq!(
            failed(set(75.0, 41.0, 45.0)),
            [(Criterion::Paperwork, Some("b".to_string()))]
        );
        assert_eq!(failed(set(75.0, 30.0, 95.0)), [(Criterion::Late, None)]);
    }
}
