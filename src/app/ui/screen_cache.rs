//! What the screens show that takes work to compute (the debrief's outcome, decisions and
//! timeline; the charts' series): computed once when the exercise changes, not every frame.

use std::collections::HashMap;

use bevy::prelude::*;

use super::charts::ChartChoice;
use crate::app::session::Session;
use crate::i18n::Language;
use crate::report::TimelineEntry;
use crate::report::decisions::Decisions;
use crate::sim::Exercise;

/// One line of a chart: its name, points (days, value), and whether it is the no-action run.
pub struct Series {
    pub name: String,
    pub points: Vec<[f64; 2]>,
    pub no_action: bool,
}

/// Figures derived from the exercise at one state of it.
#[derive(Resource, Default)]
pub struct ScreenCache {
    state: Option<State>,
    outcome: Option<crate::headless::Outcome>,
    decisions: Option<Decisions>,
    timeline: Option<Vec<TimelineEntry>>,
    charts: HashMap<ChartChoice, Vec<Series>>,
}

/// What identifies a state of the exercise: the clock, and every event and attempt so far; and
/// the language its words were written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    now: u32,
    events: usize,
    commands: usize,
    refusals: usize,
    language: Language,
}

impl State {
    fn of(exercise: &Exercise, language: Language) -> State {
        State {
            now: exercise.now(),
            events: exercise.events().len(),
            commands: exercise.log().len(),
            refusals: exercise.refusals().len(),
            language,
        }
    }
}

impl ScreenCache {
    /// Forgets what was computed for an earlier state of the exercise or in another language.
    fn follow(&mut self, exercise: &Exercise, language: Language) {
        let state = Some(State::of(exercise, language));
        if self.state != state {
            *self = ScreenCache {
                state,
                ..ScreenCache::default()
            };
        }
    }

    pub fn outcome(&mut self, exercise: &Exercise) -> &crate::headless::Outcome {
        let language = self.state.map_or(Language::En, |s| s.language);
        self.follow(exercise, language);
        self.outcome
            .get_or_insert_with(|| crate::headless::outcome(exercise))
    }

    pub fn decisions(&mut self, exercise: &Exercise, language: Language) -> &Decisions {
        self.follow(exercise, language);
        self.decisions
            .get_or_insert_with(|| crate::report::decisions::decisions(exercise, language))
    }

    pub fn timeline(&mut self, exercise: &Exercise, language: Language) -> &[TimelineEntry] {
        self.follow(exercise, language);
        self.timeline
            .get_or_insert_with(|| crate::report::timeline(exercise, language))
    }

    pub fn chart(&mut self, session: &Session, choice: ChartChoice) -> &[Series] {
        let (Some(exercise), Some(scoring)) = (&session.exercise, &session.scoring) else {
            return &[];
        };
        self.follow(exercise, session.language);
        self.charts.entry(choice).or_insert_with(|| {
            super::charts::series(exercise, scoring.baseline_now(), choice, session.language)
        })
    }
}
