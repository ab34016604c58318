//! The automatic red cell, for when no one plays red: a player, like a response plan, that
//! reads the state a red cell could know and plays the tactic that does the most harm for its
//! cost within its budget. It looks ahead by simulating the next hours on a copy of the
//! exercise once per candidate (tactic × target) and once without a move, and picks the move
//! whose harm over doing nothing, per red point, is largest (greedy). The copy carries the
//! exercise's random streams, so the choice is the same for the same seed and commands.
//!
//! It issues `RedMove` commands; the rules are the core's (`sim/red.rs`).

use crate::scenario::{Id, RedTarget, Scenario, TeamRole};
use crate::sim::command::RedMove;
use crate::sim::{Availability, Command, Exercise};

/// How often the red cell looks for a move, in minutes (a red cell meets twice a day).
pub const REVIEW_EVERY_MINUTES: u32 = 12 * 60;
/// How far ahead it simulates each candidate, in minutes: long enough for a rumour, a fraud
/// wave or a hidden cluster to show in trust and infections.
pub const LOOKAHEAD_MINUTES: u32 = 36 * 60;
/// Harm counts city-wide trust lost (mean over residents, 0 to 1) plus infections caused,
/// weighed so that one extra infection per 10,000 residents weighs like a point of trust
/// (illustrative: red cells in exercises aim at confidence first).
pub const INFECTIONS_PER_TRUST_POINT_PER_RESIDENT: f64 = 1e-4;

/// What a red cell can know: everything public, and the outcomes its moves would have. It
/// does not see Blue's plans, only what they have done so far.
pub struct AutoRed {
    team: String,
    next_review: u32,
}

impl AutoRed {
    /// The automatic red cell for a scenario, taking over at exercise minute `now` (0 for a new
    /// exercise, later for a resumed one), or None when the scenario gives red no tactics or no
    /// team.
    pub fn new(scenario: &Scenario, now: u32) -> Option<AutoRed> {
        let red = scenario.red.as_ref()?;
        if red.tactics.is_empty() {
            return None;
        }
        let team = scenario.teams.iter().find(|t| t.role == TeamRole::Red)?;
        Some(AutoRed {
            team: team.id.name.clone(),
            next_review: (now / REVIEW_EVERY_MINUTES + 1) * REVIEW_EVERY_MINUTES,
        })
    }

    pub fn team(&self) -> &str {
        &self.team
    }

    pub fn next_review(&self) -> u32 {
        self.next_review
    }

    /// The move to play now, if one does harm (call at or after `next_review`).
    pub fn review(&mut self, exercise: &Exercise) -> Vec<Command> {
        self.next_review = exercise.now() + REVIEW_EVERY_MINUTES;
        let candidates = self.candidates(exercise);
        if candidates.is_empty() {
            return Vec::new();
        }
        let until = exercise.now().saturating_add(LOOKAHEAD_MINUTES);
        let baseline = harm_after(exercise.clone(), None, until);
        let mut best: Option<(f64, Command)> = None;
        for (command, cost) in candidates {
            let harm = harm_after(exercise.clone(), Some(command.clone()), until) - baseline;
            if harm <= 0.0 {
                continue;
            }
            // A free tactic is worth its harm; a dear one must do more.
            let value = harm / cost.max(1.0);
            if best.as_ref().is_none_or(|(v, _)| value > *v) {
                best = Some((value, command));
            }
        }
        best.map(|(_, command)| vec![command]).unwrap_or_default()
    }

    /// Every tactic red may play now, at every target it could aim at, with its cost.
    fn candidates(&self, exercise: &Exercise) -> Vec<(Command, f64)> {
        let scenario = exercise.scenario();
        let districts: Vec<Option<Id>> = scenario
            .city
            .districts
            .iter()
            .map(|d| Some(d.id.clone()))
            .collect();
        // Only agencies that owe reports are worth cutting off.
        let mut reporting: Vec<Option<Id>> = Vec::new();
        for rule in &scenario.reporting {
            if !reporting.iter().flatten().any(|a| *a == rule.from) {
                reporting.push(Some(rule.from.clone()));
            }
        }
        let facilities: Vec<Option<Id>> = scenario
            .facilities
            .iter()
            .enumerate()
            .filter(|(f, _)| exercise.facility_open(*f))
            .map(|(_, f)| Some(f.id.clone()))
            .collect();
        let mut out = Vec::new();
        for (def, availability) in exercise.red_tactics_for(&self.team) {
            if availability != Availability::Available {
                continue;
            }
            let targets: Vec<Option<Id>> = match def.does.target() {
                RedTarget::DistrictOrCity => {
                    std::iter::once(None).chain(districts.clone()).collect()
                }
                RedTarget::District => districts.clone(),
                RedTarget::Facility => facilities.clone(),
                RedTarget::Agency => reporting.clone(),
            };
            for target in targets {
                let command = Command::RedMove(RedMove {
                    team: Id::new(self.team.clone()),
                    tactic: def.id.clone(),
                    target,
                    text: String::new(),
                });
                out.push((command, def.cost));
            }
        }
        out
    }
}

/// Harm done by the time `until`: trust lost across the city and infections, in one figure.
fn harm_after(mut exercise: Exercise, command: Option<Command>, until: u32) -> f64 {
    if let Some(command) = command
        && exercise.apply(command).is_err()
    {
        return f64::NEG_INFINITY;
    }
    exercise.advance_to(until);
    harm(&exercise)
}

pub fn harm(exercise: &Exercise) -> f64 {
    let residents = (exercise.scenario().total_population() as f64).max(1.0);
    let trust = exercise.mean_trust();
    let infections: f64 = exercise.districts().iter().map(|d| d.infections).sum();
    (1.0 - trust) + infections / residents / INFECTIONS_PER_TRUST_POINT_PER_RESIDENT / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;

    fn flagship() -> std::sync::Arc<Scenario> {
        crate::sim::test_support::bundled(crate::library::DEFAULT_SCENARIO)
    }

    #[test]
    fn it_plays_the_same_moves_for_the_same_seed_within_its_budget() {
        let scenario = flagship();
        let play = || {
            let mut red = AutoRed::new(&scenario, 0).expect("the flagship has a red cell");
            let mut exercise = Exercise::new(scenario.clone(), 5, Mode::Stochastic);
            let mut moves = Vec::new();
            while red.next_review() < 5 * 24 * 60 {
                exercise.advance_to(red.next_review());
                for command in red.review(&exercise) {
                    moves.push((exercise.now(), command.to_ron()));
                    exercise.apply(command).expect("it plays only what it may");
                }
            }
            (moves, exercise.red_budget_left())
        };
        let (moves, left) = play();
        assert!(!moves.is_empty(), "a red cell with a budget plays");
        assert!(left >= 0.0);
        assert_eq!(play(), (moves, left));
    }
}
