//! The red cell's scorecard: the disruption its moves achieved, against Blue's answers. Red's
//! outcomes are set against the same exercise played by Blue without red's moves (same seed,
//! Blue's same commands; `Baseline::without_red`), so they count what red did, not what the
//! outbreak did anyway; each move is listed with Blue's answer to it (`Exercise::red_answers`).

use serde::Serialize;

use crate::i18n::Language;
use crate::scenario::TeamRole;
use crate::sim::{AnsweredBy, Exercise};
use crate::tr;

/// One move of red's, and Blue's answer.
#[derive(Debug, Clone, Serialize)]
pub struct RedMoveLine {
    pub at: u32,
    /// The exercise clock when it was played.
    pub time: String,
    pub tactic: String,
    /// Where it was aimed, in words.
    pub target: String,
    pub cost: f64,
    pub answered_at: Option<u32>,
    /// Blue's answer, in words.
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RedCard {
    pub team: String,
    pub name: String,
    pub budget: f64,
    pub spent: f64,
    pub moves: Vec<RedMoveLine>,
    pub answered: usize,
    /// Median minutes from a move to Blue's answer, over the moves answered.
    pub median_answer_minutes: Option<u32>,
    /// Points of public trust (of 100, the city's mean) red took, over Blue without red.
    pub trust_taken: f64,
    /// Infections over Blue without red (negative: red's moves happened to spare some).
    pub infections_caused: f64,
    /// The card in one paragraph.
    pub summary: String,
}

/// Red's scorecard, or None when the scenario has no red cell. `without_red` is the same
/// exercise without red's moves, at the same minute.
pub fn red_card(exercise: &Exercise, without_red: &Exercise, lang: Language) -> Option<RedCard> {
    let scenario = exercise.scenario();
    let red = scenario.red.as_ref()?;
    let team = scenario.teams.iter().find(|t| t.role == TeamRole::Red)?;
    let plays = exercise.red_plays();
    let moves: Vec<RedMoveLine> = exercise
        .red_answers()
        .into_iter()
        .filter_map(|answer| {
            let play = plays.get(answer.play)?;
            let tactic = scenario
                .red_tactic(&play.tactic)
                .map_or(play.tactic.clone(), |t| t.name.clone());
            let target = match play.target.as_deref() {
                None => tr!(lang, "red-target-city"),
                Some(id) => scenario.target_name(id).unwrap_or(id).to_string(),
            };
            let answer_words = match answer.answered {
                None => tr!(lang, "red-answer-none"),
                Some((at, by)) => {
                    let after = match at - play.at {
                        0 => tr!(lang, "red-at-once"),
                        minutes => tr!(
                            lang,
                            "red-later",
                            duration = crate::i18n::duration(lang, minutes)
                        ),
                    };
                    let key = match by {
                        AnsweredBy::Statement => "red-answer-statement",
                        AnsweredBy::Patrol => "red-answer-patrol",
                        AnsweredBy::Closure => "red-answer-closure",
                        AnsweredBy::Uncovered => "red-answer-uncovered",
                        AnsweredBy::Restore => "red-answer-restore",
                    };
                    crate::i18n::text_with(lang, key, &[("after", after.into())])
                }
            };
            Some(RedMoveLine {
                at: play.at,
                time: scenario.clock_in(lang, play.at),
                tactic,
                target,
                cost: play.cost,
                answered_at: answer.answered.map(|(at, _)| at),
                answer: answer_words,
            })
        })
        .collect();
    let mut delays: Vec<u32> = moves
        .iter()
        .filter_map(|m| m.answered_at.map(|at| at - m.at))
        .collect();
    delays.sort_unstable();
    let median_answer_minutes = (!delays.is_empty()).then(|| delays[delays.len() / 2]);
    let answered = delays.len();
    let with = crate::sim::outcome::outcome(exercise);
    let without = crate::sim::outcome::outcome(without_red);
    let trust_taken = (without.mean_trust - with.mean_trust) * 100.0;
    let infections_caused = with.infections - without.infections;
    let spent = red.budget - exercise.red_budget_left();
    let median = median_answer_minutes.map_or(String::new(), |m| {
        tr!(
            lang,
            "red-card-median",
            after = crate::i18n::duration(lang, m)
        )
    });
    let summary = tr!(
        lang,
        "red-card-summary",
        moves = moves.len(),
        spent = crate::i18n::count(lang, spent),
        budget = crate::i18n::count(lang, red.budget),
        trust = format!("{trust_taken:.1}"),
        infections = crate::i18n::count(lang, infections_caused.round().max(0.0)),
        answered = answered,
        median = median
    );
    Some(RedCard {
        team: team.id.name.clone(),
        name: team.name.clone(),
        budget: red.budget,
        spent,
        moves,
        answered,
        median_answer_minutes,
        trust_taken,
        infections_caused,
        summary,
    })
}

/// Red's scorecard of a finished (or paused) exercise, against Blue's play without red.
pub fn red_card_of(exercise: &Exercise, lang: Language) -> Option<RedCard> {
    exercise.scenario().red.as_ref()?;
    red_card(exercise, &super::Baseline::without_red_of(exercise), lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Baseline;
    use crate::sim::Mode;
    use crate::sim::test_support::{bundled, command};

    #[test]
    fn the_red_card_counts_what_red_did_over_blue_without_red_and_blues_answers() {
        let scenario = bundled(crate::library::DEFAULT_SCENARIO);
        let mut live = Exercise::new(scenario.clone(), 2, Mode::Stochastic);
        live.advance(60);
        for line in [
            r#"RedMove(team: "red-cell", tactic: "lockdown-rumour")"#,
            r#"RedMove(team: "red-cell", tactic: "fraud-calls")"#,
            r#"Activate(team: "command")"#,
        ] {
            live.apply(command(line)).unwrap();
        }
        live.advance(3 * 60);
        live.apply(command(
            r#"Statement(team: "command", text: "No lockdown; officials never ask for money.")"#,
        ))
        .unwrap();
        live.advance(2 * 24 * 60);

        let mut keeper = Baseline::without_red(scenario, 2, Mode::Stochastic);
        let without = keeper.keep_up(&live);
        assert!(without.red_plays().is_empty(), "red's moves are left out");
        assert_eq!(without.activations().len(), 1, "Blue's are kept");
        let card = red_card(&live, without, Language::En).unwrap();
        assert_eq!(card.moves.len(), 2);
        assert_eq!(
            card.answered, 2,
            "one statement answers both: {:?}",
            card.moves
        );
        assert_eq!(card.median_answer_minutes, Some(3 * 60));
        assert_eq!(card.moves[0].target, "the whole city");
        assert!(
            card.moves[0].answer.contains("statement"),
            "{}",
            card.moves[0].answer
        );
        assert_eq!(card.spent, 20.0);
        assert!(card.trust_taken > 0.0, "red took trust: {card:?}");
        assert!(card.summary.contains("2 moves"), "{}", card.summary);
        let of = red_card_of(&live, Language::En).unwrap();
        assert_eq!(of.trust_taken, card.trust_taken);
    }

    #[test]
    fn a_scenario_without_a_red_cell_has_no_red_card() {
        let scenario = bundled("tutorial.en.ron");
        let live = Exercise::new(scenario, 1, Mode::Stochastic);
        assert!(red_card_of(&live, Language::En).is_none());
    }
}
