//! What the teams decided and did, for the debrief and the report: every decision point (who
//! chose what, when, why, and what followed), the scenario's own actions taken, the actions
//! injects expected and what became of them, and the attempts the exercise refused.

use serde::Serialize;

use crate::i18n::Language;
use crate::scoring::clock_in;
use crate::sim::{Exercise, SettledBy};
use crate::tr;

/// One team's answer to a decision point.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRecord {
    pub clock: String,
    pub team: String,
    pub option: String,
    pub rationale: String,
}

/// A decision point, as the debrief shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRecord {
    pub inject: String,
    pub question: String,
    pub asked: Vec<String>,
    pub opened: String,
    pub deadline: String,
    /// Every answer, in order (a team may have changed its mind).
    pub answers: Vec<AnswerRecord>,
    /// The option settled on, how and when; none while it is open.
    pub outcome: Option<String>,
    /// What the option did.
    pub followed: Vec<String>,
    /// The option's worth for the objectives (0–1), when scored; a default counts 0.
    pub score: Option<f64>,
}

/// A scenario-defined action taken.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRecord {
    pub clock: String,
    pub team: String,
    pub action: String,
    pub rationale: String,
    pub in_effect: String,
    pub followed: Vec<String>,
}

/// An action an inject expected, and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectedRecord {
    pub clock: String,
    pub inject: String,
    pub team: String,
    pub text: String,
    pub status: String,
    /// Whether it was done (fully or in part): for colour.
    pub done: Option<bool>,
}

/// An attempt the exercise refused.
#[derive(Debug, Clone, Serialize)]
pub struct RefusedRecord {
    pub clock: String,
    pub who: String,
    pub command: String,
    pub reason: String,
}

/// Everything decided and done, in time order within each list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Decisions {
    pub decisions: Vec<DecisionRecord>,
    pub actions: Vec<ActionRecord>,
    pub expected: Vec<ExpectedRecord>,
    pub refused: Vec<RefusedRecord>,
}

pub fn decisions(exercise: &Exercise, lang: Language) -> Decisions {
    let scenario = exercise.scenario();
    let when = |m: u32| clock_in(lang, scenario, m);
    let decisions = exercise
        .decisions()
        .iter()
        .map(|d| {
            let point = exercise.decision_point(&d.inject);
            let label = |option: &str| {
                point
                    .and_then(|p| p.option(option))
                    .map_or(option.to_string(), |o| o.label.clone())
            };
            let settled = d.settled.as_ref();
            let chosen = settled.and_then(|s| point.and_then(|p| p.option(&s.option)));
            let scored = point.is_some_and(|p| p.options.iter().any(|o| o.score.is_some()));
            DecisionRecord {
                inject: d.inject.clone(),
                question: d.question.clone(),
                asked: d
                    .teams
                    .iter()
                    .map(|t| scenario.name_of(t).to_string())
                    .collect(),
                opened: when(d.opened_at),
                deadline: when(d.due),
                answers: d
                    .answers
                    .iter()
                    .map(|a| AnswerRecord {
                        clock: when(a.at),
                        team: scenario.name_of(&a.team).to_string(),
                        option: label(&a.option),
                        rationale: a.text.clone(),
                    })
                    .collect(),
                outcome: settled.map(|s| {
                    tr!(
                        lang,
                        "decisions-outcome",
                        option = label(&s.option),
                        how = s.by.words(lang),
                        time = when(s.at)
                    )
                }),
                followed: chosen
                    .map(|o| {
                        o.effects
                            .iter()
                            .map(|e| e.describe(scenario, lang))
                            .collect()
                    })
                    .unwrap_or_default(),
                score: match settled {
                    Some(s) if scored && s.by == SettledBy::Default => Some(0.0),
                    Some(_) if scored => chosen.and_then(|o| o.score).map(|s| s.get()),
                    _ => None,
                },
            }
        })
        .collect();
    let actions = exercise
        .actions_taken()
        .iter()
        .map(|a| {
            let def = scenario.action(&a.action);
            ActionRecord {
                clock: when(a.at),
                team: scenario.name_of(&a.team).to_string(),
                action: def.map_or(a.action.clone(), |d| d.name.clone()),
                rationale: a.text.clone(),
                in_effect: if a.in_effect {
                    when(a.effective_at)
                } else {
                    tr!(lang, "decisions-due", time = when(a.effective_at))
                },
                followed: def
                    .map(|d| {
                        d.effects
                            .iter()
                            .map(|e| e.describe(scenario, lang))
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let now = exercise.now();
    let expected = exercise
        .expectations()
        .iter()
        .map(|e| {
            let (status, done) = match (&e.judged, e.met_at, &e.check) {
                (Some(j), _, _) => (
                    if j.note.is_empty() {
                        tr!(
                            lang,
                            "decisions-judged",
                            verdict = j.verdict.words(lang),
                            time = when(j.at)
                        )
                    } else {
                        tr!(
                            lang,
                            "decisions-judged-note",
                            verdict = j.verdict.words(lang),
                            time = when(j.at),
                            note = j.note.as_str()
                        )
                    },
                    Some(j.verdict != crate::sim::command::Verdict::NotDone),
                ),
                (None, Some(m), _) if e.already_in_place => (
                    tr!(lang, "decisions-already-in-place", time = when(m)),
                    Some(true),
                ),
                (None, Some(m), _) => (
                    tr!(
                        lang,
                        "decisions-done",
                        time = when(m),
                        after = crate::i18n::duration(lang, m - e.fired_at)
                    ),
                    Some(true),
                ),
                (None, None, None) => (tr!(lang, "decisions-to-be-judged"), None),
                (None, None, Some(_)) if e.due <= now => (
                    tr!(lang, "decisions-not-done", time = when(e.due)),
                    Some(false),
                ),
                (None, None, Some(_)) => {
                    (tr!(lang, "decisions-open-until", time = when(e.due)), None)
                }
            };
            ExpectedRecord {
                clock: when(e.fired_at),
                inject: e.inject.clone(),
                team: scenario.name_of(&e.team_words(lang)).to_string(),
                text: e.text.clone(),
                status,
                done,
            }
        })
        .collect();
    let refused = exercise
        .refusals()
        .iter()
        .map(|r| RefusedRecord {
            clock: when(r.at),
            who: r.team.as_deref().map_or_else(
                || tr!(lang, "decisions-control-cell"),
                |t| scenario.name_of(t).to_string(),
            ),
            command: r.command.in_brief(),
            reason: r.reason.text(lang),
        })
        .collect();
    Decisions {
        decisions,
        actions,
        expected,
        refused,
    }
}
