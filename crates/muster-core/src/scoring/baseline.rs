//! The no-action baseline: the same scenario, seed and mode with no player action, against
//! which every outcome is scored. The control cell's own commands (injects fired early,
//! delayed, skipped, edited or composed) are part of the exercise as played, so the baseline
//! gets them too, at the same minutes, and so do the red cell's moves: Blue is scored on what it
//! did about them. Evaluators' observations and ratings change nothing.
//!
//! The same keeper, with every command but red's, is the exercise as Blue played it without
//! the red cell: what red's scorecard sets its outcomes against.

use std::sync::Arc;

use crate::scenario::Scenario;
use crate::sim::{Command, Exercise, Mode};

/// Whether a command shapes the exercise for Blue rather than being Blue's: the control
/// cell's and the red cell's (kept in the baseline).
fn shapes_the_exercise(command: &Command) -> bool {
    matches!(
        command,
        Command::FireInject(_)
            | Command::DelayInject(_)
            | Command::SkipInject(_)
            | Command::EditInject(_)
            | Command::ComposeInject(_)
            | Command::RedMove(_)
    )
}

/// Which of the live exercise's commands a run keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The control and red cells' (the no-action baseline).
    ShapingOnly,
    /// Every command but the red cell's.
    NotRed,
    /// Every command.
    All,
    /// Every command but the one at this index of the live log (what one measure did).
    AllBut(usize),
}

impl Keep {
    fn keeps(self, index: usize, command: &Command) -> bool {
        match self {
            Keep::ShapingOnly => shapes_the_exercise(command),
            Keep::NotRed => !matches!(command, Command::RedMove(_)),
            Keep::All => true,
            Keep::AllBut(dropped) => index != dropped,
        }
    }
}

/// A run of the same scenario and seed kept in step with a live exercise, with some of its
/// commands: the no-action baseline, or Blue without red.
pub struct Baseline {
    exercise: Exercise,
    /// Entries of the live exercise's log already looked at.
    seen: usize,
    keep: Keep,
}

impl Baseline {
    /// The no-action baseline.
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Baseline {
        Baseline::keeping(scenario, seed, mode, Keep::ShapingOnly)
    }

    /// Every command of the live exercise but the red cell's.
    pub fn without_red(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Baseline {
        Baseline::keeping(scenario, seed, mode, Keep::NotRed)
    }

    /// A run that keeps some of the live exercise's commands.
    pub fn keeping(scenario: Arc<Scenario>, seed: u64, mode: Mode, keep: Keep) -> Baseline {
        Baseline {
            exercise: Exercise::new(scenario, seed, mode),
            seen: 0,
            keep,
        }
    }

    /// The baseline of an exercise, run up to the exercise's minute.
    pub fn of(live: &Exercise) -> Exercise {
        let mut baseline = Baseline::new(live.scenario_arc(), live.seed(), live.mode());
        baseline.keep_up(live);
        baseline.exercise
    }

    /// The exercise as played without the red cell's moves, up to the exercise's minute.
    pub fn without_red_of(live: &Exercise) -> Exercise {
        let mut run = Baseline::without_red(live.scenario_arc(), live.seed(), live.mode());
        run.keep_up(live);
        run.exercise
    }

    /// Advances the run to the live exercise's minute, applying the new commands it keeps
    /// (see [`Baseline::new`], [`Baseline::without_red`]) at their minutes.
    pub fn keep_up(&mut self, live: &Exercise) -> &Exercise {
        let start = self.seen.min(live.log().len());
        for (index, (at, command)) in live.log().iter().enumerate().skip(start) {
            self.take(index, *at, command);
        }
        self.seen = live.log().len();
        if self.exercise.now() < live.now() {
            self.exercise.advance_to(live.now());
        }
        &self.exercise
    }

    /// Takes the live log's entry `index` (the command given at minute `at`) if the run
    /// keeps it.
    pub fn take(&mut self, index: usize, at: u32, command: &Command) {
        if self.keep.keeps(index, command) {
            self.exercise.advance_to(at);
            // What the live exercise accepted may not apply here (an inject already fired by
            // its condition); the baseline then goes on without it.
            let _ = self.exercise.apply(command.clone());
        }
        self.seen = index + 1;
    }

    /// A run that is this one so far and goes on keeping other commands: it takes the live
    /// log from the next entry this one has not taken.
    pub fn fork(&self, keep: Keep) -> Baseline {
        Baseline {
            exercise: self.exercise.clone(),
            seen: self.seen,
            keep,
        }
    }

    /// The baseline as last advanced.
    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::test_support::{bundled, command};

    /// A fork goes on from the entry after the last one its run took, and keeps its own
    /// choice of commands from there.
    #[test]
    fn a_fork_takes_the_log_from_where_its_run_stopped() {
        let scenario = bundled("port-city-outbreak.en.ron");
        let mut live = Exercise::new(scenario.clone(), 3, Mode::Stochastic);
        live.advance(60);
        for line in [
            r#"Activate(team: "command")"#,
            r#"Activate(team: "health-cdc")"#,
            r#"Activate(team: "public-security")"#,
        ] {
            live.apply(command(line)).unwrap();
        }
        let mut run = Baseline::keeping(scenario, 3, Mode::Stochastic, Keep::All);
        for (index, (at, command)) in live.log().iter().enumerate().take(2) {
            run.take(index, *at, command);
        }
        let mut fork = run.fork(Keep::AllBut(2));
        assert_eq!(fork.seen, 2);
        let forked = fork.keep_up(&live);
        assert_eq!(forked.activations().len(), 2, "the third is left out");
        assert_eq!(run.keep_up(&live).activations().len(), 3);
    }

    /// The baseline fires an inject early when the facilitator did, and ignores team commands.
    #[test]
    fn the_baseline_follows_the_control_cell_not_the_teams() {
        let scenario = bundled("port-city-outbreak.en.ron");
        let mut live = Exercise::new(scenario.clone(), 3, Mode::Stochastic);
        live.advance(60);
        live.apply(command(r#"FireInject(inject: "I-04")"#))
            .unwrap();
        live.apply(command(r#"Activate(team: "command")"#)).unwrap();
        live.advance(60);
        let mut baseline = Baseline::new(scenario, 3, Mode::Stochastic);
        let b = baseline.keep_up(&live);
        assert_eq!(b.now(), live.now());
        assert!(
            b.activations().is_empty(),
            "no team command in the baseline"
        );
        assert_eq!(
            b.injects_fired().get("I-04").copied(),
            Some(60),
            "the inject the facilitator fired early"
        );
        assert_eq!(
            Baseline::of(&live).injects_fired().get("I-04").copied(),
            Some(60)
        );
    }

    /// Red's moves shape the exercise Blue answers: the baseline has them, and Blue is scored
    /// on what it did about them.
    #[test]
    fn the_baseline_has_the_red_cells_moves() {
        let scenario = bundled("port-city-outbreak.en.ron");
        let mut live = Exercise::new(scenario, 3, Mode::Stochastic);
        live.advance(60);
        live.apply(command(
            r#"RedMove(team: "red-cell", tactic: "lockdown-rumour")"#,
        ))
        .unwrap();
        live.advance(60);
        assert_eq!(Baseline::of(&live).red_plays().len(), 1);
        assert!(Baseline::without_red_of(&live).red_plays().is_empty());
    }
}
