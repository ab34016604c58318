//! The running exercise inside the app: the core `Exercise`, its scoring and its journal, the
//! facilitator's clock, and the queue of actions the UI produces. UI systems never change the
//! exercise themselves: they push an [`Action`], and [`apply_actions`] turns it into a core
//! command (journaled) or a clock change. No exercise rule lives here either: the core decides.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use bevy::prelude::*;

use crate::diagnostic::Report;
use crate::i18n::{Language, Message};
use crate::journal::JournalWriter;
use crate::library;
use crate::msg;
use crate::scenario::{self, Scenario, Trigger};
use crate::scoring::{Scorecard, Scoring};
use crate::sim::{Command, Exercise, InjectStatus, Mode};

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_resource::<Actions>()
        .add_systems(
            Update,
            (apply_actions, run_clock, rescore)
                .chain()
                .in_set(ApplyActions),
        )
        .add_systems(Update, hot_reload.run_if(in_state(Screen::Briefing)));
}

/// Where actions become commands; producers of actions run before it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApplyActions;

/// The app's screens: a scenario loaded and checked, the exercise running, the debrief.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Briefing,
    Running,
    Debrief,
}

/// Where the scenario came from, so it can be reloaded when its author saves it.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Bundled(&'static str),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Bundled(file) => file.to_string(),
        }
    }

    fn text(&self) -> Result<String, Report> {
        match self {
            Source::File(path) => scenario::read_text(path),
            Source::Bundled(file) => {
                library::find(file)
                    .map(|b| b.text.to_string())
                    .ok_or_else(|| Report {
                        file_name: file.to_string(),
                        text: String::new(),
                        diagnostics: vec![crate::diagnostic::Diagnostic::error(
                            Default::default(),
                            crate::msg!("app-no-bundled-scenario", file = *file),
                        )],
                    })
            }
        }
    }

    fn modified(&self) -> Option<SystemTime> {
        match self {
            Source::File(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            Source::Bundled(_) => None,
        }
    }
}

/// Whose eyes the screen shows: the control cell's, or one team's (hot seat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Facilitator,
    Team(String),
}

/// The facilitator's clock: scenario minutes per real minute.
#[derive(Debug, Clone)]
pub struct Clock {
    pub running: bool,
    pub speed: f64,
    /// Scenario minutes owed but not yet advanced (fractions of a minute).
    pub carry: f64,
    /// Started this frame: the time since the last frame (the app slept while paused) is not
    /// exercise time.
    pub just_started: bool,
}

pub const SPEEDS: [f64; 7] = [1.0, 5.0, 15.0, 60.0, 240.0, 1440.0, 4320.0];

/// The session, shared by the app's systems and the thread that applies teams' commands from
/// their devices the moment they arrive (`remote.rs`), not at the next rendered frame.
#[derive(Resource, Clone)]
pub struct SharedSession(Arc<Mutex<Session>>);

impl SharedSession {
    pub fn new(session: Session) -> SharedSession {
        SharedSession(Arc::new(Mutex::new(session)))
    }

    /// The session, for as long as the guard lives: hold it for one system's work, no longer.
    /// A panic elsewhere while it was held leaves the session as it was, still usable: each
    /// command is journaled before it applies, so nothing recorded is lost.
    pub fn lock(&self) -> MutexGuard<'_, Session> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub struct Session {
    pub source: Source,
    pub scenario: Option<Arc<Scenario>>,
    /// The last check of the scenario file: every problem, located.
    pub report: Option<Report>,
    pub modified: Option<SystemTime>,
    pub seed: u64,
    pub exercise: Option<Exercise>,
    pub scoring: Option<Scoring>,
    pub scorecards: Vec<Scorecard>,
    /// Each measure's cost against the infections it averted, as last scored.
    pub measures: Vec<crate::scoring::MeasureAccount>,
    /// The red cell's card, when the scenario has a red cell.
    pub red_card: Option<crate::scoring::RedCard>,
    scored_at: Option<(u32, usize)>,
    pub journal: Option<JournalWriter>,
    pub journal_path: PathBuf,
    /// The minute of the journal's last `clock` line.
    clock_written: u32,
    pub clock: Clock,
    pub view: View,
    /// Messages for the user: refusals, files written; worded in the language shown.
    pub notices: Vec<Message>,
    pub report_dir: Option<PathBuf>,
    /// A response plan playing its teams beside the human teams.
    pub plan: Option<crate::plan::Plan>,
    pub plan_player: Option<crate::plan::PlanPlayer>,
    /// The automatic red cell plays red (`--red auto`), and the one playing now.
    pub auto_red: bool,
    pub red_player: Option<crate::red_cell::AutoRed>,
    /// The plan alone on the same seed, for the debrief: (outcome, overall score).
    pub plan_alone: Option<(crate::headless::Outcome, Option<f64>)>,
    /// The language the screens speak.
    pub language: Language,
    /// The language asked for (`--lang`, the top bar's switch); None: the scenario's.
    pub language_asked: Option<Language>,
}

impl Session {
    pub fn new(source: Source, seed: Option<u64>, journal_path: PathBuf) -> Session {
        let mut session = Session {
            source,
            scenario: None,
            report: None,
            modified: None,
            seed: seed.unwrap_or(0),
            exercise: None,
            scoring: None,
            scorecards: Vec::new(),
            measures: Vec::new(),
            red_card: None,
            scored_at: None,
            journal: None,
            journal_path,
            clock_written: 0,
            clock: Clock {
                running: false,
                speed: 60.0,
                carry: 0.0,
                just_started: false,
            },
            view: View::Facilitator,
            notices: Vec::new(),
            report_dir: None,
            plan: None,
            plan_player: None,
            auto_red: false,
            red_player: None,
            plan_alone: None,
            language: Language::default_for(None),
            language_asked: None,
        };
        session.load(seed);
        session
    }

    /// Speaks a language from now on: the scorecards are written again in it.
    pub fn set_language(&mut self, language: Language) {
        self.language_asked = Some(language);
        self.language = language;
        self.scored_at = None;
    }

    /// (Re)reads and checks the scenario; on success it is ready to start.
    pub fn load(&mut self, seed: Option<u64>) {
        self.modified = self.source.modified();
        let checked = self.source.text().and_then(|text| {
            match crate::scoring::targets::check(&self.source.name(), &text) {
                (Some(s), report) => Ok((s, report)),
                (None, report) => Err(report),
            }
        });
        match checked {
            Ok((s, report)) => {
                self.seed = seed.unwrap_or(s.meta.seed);
                // "72 hours played in 3 hours": the clock starts at that pace.
                if let Some(speed) = s.meta.played_speed() {
                    self.clock.speed = speed;
                }
                self.language = self
                    .language_asked
                    .unwrap_or_else(|| Language::default_for(s.meta.language));
                self.scenario = Some(Arc::new(s));
                self.report = Some(report);
            }
            Err(report) => {
                // Its problems in the language the broken file declares.
                self.language = scenario::language_for_text(self.language_asked, &report.text);
                self.scenario = None;
                self.report = Some(report);
            }
        }
    }

    pub fn notice(&mut self, message: impl Into<Message>) {
        self.notices.push(message.into());
        if self.notices.len() > 50 {
            self.notices.remove(0);
        }
    }

    /// Starts the exercise: a fresh core, a baseline for scoring, a journal on disk.
    fn start(&mut self) -> Result<(), Message> {
        let lang = self.language;
        let scenario = self
            .scenario
            .clone()
            .ok_or_else(|| msg!("notice-scenario-has-errors"))?;
        if let Some(dir) = self.journal_path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                msg!(
                    "notice-cannot-create",
                    path = dir.display().to_string(),
                    error = e.to_string()
                )
            })?;
        }
        let text = self
            .source
            .text()
            .map_err(|r| Message::verbatim(r.render_short_in(lang)))?;
        let journal = JournalWriter::create(
            &self.journal_path,
            &self.source.name(),
            &text,
            self.seed,
            Mode::Stochastic,
        )
        .map_err(|e| {
            msg!(
                "notice-cannot-write-journal",
                path = self.journal_path.display().to_string(),
                error = e.to_string()
            )
        })?;
        self.exercise = Some(Exercise::new(scenario.clone(), self.seed, Mode::Stochastic));
        self.scoring = Some(Scoring::new(scenario, self.seed, Mode::Stochastic));
        self.journal = Some(journal);
        self.scored_at = None;
        self.plan_player = self
            .plan
            .clone()
            .map(|p| crate::plan::PlanPlayer::new(p, self.scenario.as_deref().expect("started")));
        self.take_on_red_cell();
        self.notice(msg!(
            "notice-started",
            path = self.journal_path.display().to_string()
        ));
        Ok(())
    }

    /// The automatic red cell plays red from now on (and in every exercise started after).
    pub fn play_red_automatically(&mut self) {
        self.auto_red = true;
        self.take_on_red_cell();
    }

    /// Seats the automatic red cell at a running exercise, when asked for; says so, or why not.
    fn take_on_red_cell(&mut self) {
        let Some(exercise) = self.exercise.as_ref().filter(|_| self.auto_red) else {
            return;
        };
        self.red_player = crate::red_cell::AutoRed::new(exercise.scenario(), exercise.now());
        let notice = if self.red_player.is_some() {
            msg!("notice-red-auto")
        } else {
            msg!("notice-no-red-cell")
        };
        self.notice(notice);
    }

    /// Journals a command, then applies it to the core; a refusal becomes a notice.
    pub fn command(&mut self, command: Command) -> bool {
        match self.command_outcome(command) {
            Ok(()) => true,
            Err(reason) => {
                self.notice(msg!("notice-refused", reason = reason));
                false
            }
        }
    }

    /// Journals a command, then applies it to the core, and says what became of it: the
    /// refusal's reason, or why it could not be taken at all. The line is on disk before the
    /// command takes effect: one the journal cannot keep is not applied.
    pub fn command_outcome(&mut self, command: Command) -> Result<(), Message> {
        let Some(exercise) = self.exercise.as_mut() else {
            return Err(msg!("notice-not-started"));
        };
        match crate::journal::journal_then_apply(exercise, self.journal.as_mut(), command) {
            Ok(Ok(_)) => {
                self.scored_at = None;
                Ok(())
            }
            Ok(Err(reason)) => Err(reason),
            Err(e) => {
                let problem = msg!("notice-not-applied", error = e.to_string());
                self.notice(problem.clone());
                Err(problem)
            }
        }
    }

    /// Records in the journal how far the clock went: each scenario hour passed, and at a pause
    /// (synced then), so a resumed exercise returns to where its clock stood.
    pub fn record_clock(&mut self, pause: bool) {
        let Some(now) = self.exercise.as_ref().map(Exercise::now) else {
            return;
        };
        let passed_an_hour = now / 60 > self.clock_written / 60;
        if !(passed_an_hour || pause && now > self.clock_written) {
            return;
        }
        if let Some(journal) = self.journal.as_mut()
            && let Err(e) = journal.clock(now, pause)
        {
            self.notice(e.to_string());
            return;
        }
        self.clock_written = now;
    }

    /// Rebuilds an exercise a journal recorded, to the minute its clock had reached, and goes on
    /// writing that journal. Refused when the journal is damaged before its last line, ended,
    /// or its scenario has changed since (the rebuilt exercise would not be the same).
    /// Its problems are worded in `lang` (the scenario's language is not known yet).
    pub fn resume(path: &Path, lang: Language) -> Result<Session, Message> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| msg!("notice-cannot-read", path = &file, error = e.to_string()))?;
        let (journal, problem) = crate::journal::parse(&text);
        // A last line cut short by a crash never took effect (it is written first); it goes.
        if let Some(problem) = problem
            && !cut_short_at_the_end(&text, problem.span.start)
        {
            let at = crate::diagnostic::line_col(&text, problem.span.start);
            return Err(msg!(
                "notice-journal-damaged",
                place = format!("{file}:{at}"),
                problem = problem.message
            ));
        }
        if let Some(end) = journal.end {
            return Err(msg!(
                "notice-journal-ended",
                path = &file,
                at = crate::i18n::Arg::Duration(end)
            ));
        }
        let named = journal
            .scenario
            .as_deref()
            .ok_or_else(|| msg!("notice-journal-without-scenario", path = &file))?;
        let location = crate::journal::scenario_location(path, named);
        let source = if Path::new(&location).is_file() {
            Source::File(PathBuf::from(&location))
        } else if let Some(bundled) = library::find(&location) {
            Source::Bundled(bundled.file)
        } else {
            return Err(msg!(
                "notice-scenario-not-found",
                path = &file,
                scenario = named
            ));
        };
        let scenario_text = source
            .text()
            .map_err(|r| Message::verbatim(r.render_short_in(lang)))?;
        if let Some(hash) = &journal.scenario_hash
            && *hash != crate::journal::fingerprint(&scenario_text)
        {
            return Err(msg!(
                "notice-scenario-changed",
                scenario = source.name(),
                path = &file
            ));
        }
        let mut session = Session::new(source, journal.seed, path.to_path_buf());
        let scenario = session.scenario.clone().ok_or_else(|| {
            session.report.as_ref().map_or_else(Message::default, |r| {
                Message::verbatim(r.render_short_in(lang))
            })
        })?;
        let mode = journal.mode.unwrap_or(Mode::Stochastic);
        let reached = journal.reached();
        let (exercise, refusals) = crate::headless::run(
            scenario.clone(),
            session.seed,
            mode,
            &journal.entries,
            reached,
            None,
        )
        .map_err(|e| e.to_string())?;
        let (writer, cut) = JournalWriter::continue_at(path).map_err(|e| e.to_string())?;
        session.scoring = Some(Scoring::new(scenario.clone(), session.seed, mode));
        session.exercise = Some(exercise);
        session.journal = Some(writer);
        session.clock_written = reached;
        session.clock.running = false;
        if cut {
            session.notice(msg!("notice-last-line-cut"));
        }
        session.notice(msg!(
            "notice-resumed",
            path = &file,
            at =
                crate::i18n::Arg::worded(|lang| crate::scoring::clock_in(lang, &scenario, reached)),
            commands = journal.entries.len(),
            refused = refusals.len()
        ));
        Ok(session)
    }

    /// Minutes until the next scheduled inject that has not fired.
    pub fn next_inject_at(&self) -> Option<u32> {
        let exercise = self.exercise.as_ref()?;
        exercise
            .scenario()
            .injects
            .iter()
            .zip(exercise.injects())
            .filter(|(_, s)| s.status == InjectStatus::Pending)
            .filter_map(|(i, s)| match i.trigger {
                Trigger::At(at) => Some(at.minutes().saturating_add(s.delay)),
                Trigger::When(_) => None,
            })
            .filter(|&t| t > exercise.now())
            .min()
    }

    /// Advances the clock to a minute, stopping at each of the plan's reviews on the way.
    pub fn advance_to(&mut self, target: u32) {
        loop {
            let Some(exercise) = self.exercise.as_mut() else {
                return;
            };
            let reviews = [
                self.plan_player.as_ref().map(|p| p.next_review()),
                self.red_player.as_ref().map(|r| r.next_review()),
            ];
            let stop = reviews.into_iter().flatten().min().map_or(target, |at| {
                at.clamp(exercise.now() + 1, target.max(exercise.now() + 1))
            });
            exercise.advance_to(stop.min(target));
            let reached = exercise.now() >= target || exercise.is_over();
            self.play_plan();
            self.record_clock(false);
            if reached {
                return;
            }
        }
    }

    /// Lets the plan and the automatic red cell (if any) review the situation and give their
    /// orders, journaled like the rest.
    pub fn play_plan(&mut self) {
        use crate::player::Player;
        loop {
            let Some(exercise) = self.exercise.as_ref() else {
                return;
            };
            let now = exercise.now();
            let mut commands = Vec::new();
            if let Some(player) = self.plan_player.as_mut().filter(|p| p.next_review() <= now) {
                commands.extend(Player::review(player, exercise));
            }
            if let Some(red) = self.red_player.as_mut().filter(|r| r.next_review() <= now) {
                commands.extend(Player::review(red, exercise));
            }
            let due = |at: Option<u32>| at.is_some_and(|at| at <= now);
            let again = due(self.plan_player.as_ref().map(|p| p.next_review()))
                || due(self.red_player.as_ref().map(|r| r.next_review()));
            for command in commands {
                self.command(command);
            }
            if !again {
                return;
            }
        }
    }

    /// Runs the plan alone on the same seed to the same time, for the debrief's comparison.
    fn compare_with_plan(&mut self) {
        let (Some(plan), Some(exercise)) = (self.plan.clone(), self.exercise.as_ref()) else {
            return;
        };
        let scenario = exercise.scenario_arc();
        let mut player = crate::plan::PlanPlayer::new(plan, &scenario);
        // Against the same adversary: the automatic red cell, when it played.
        let mut red = self
            .auto_red
            .then(|| crate::red_cell::AutoRed::new(&scenario, 0))
            .flatten();
        let mut players = crate::player::seated(Some(&mut player), red.as_mut());
        let Ok((alone, _)) = crate::headless::run_with_players(
            scenario.clone(),
            exercise.seed(),
            exercise.mode(),
            &[],
            exercise.now(),
            None,
            &mut players,
        ) else {
            return;
        };
        let score = crate::scoring::scorecards_of(&alone, self.language)[0].percent;
        self.plan_alone = Some((crate::headless::outcome(&alone), score));
    }

    fn end(&mut self) {
        self.compare_with_plan();
        if let (Some(exercise), Some(journal)) = (self.exercise.as_ref(), self.journal.as_mut())
            && let Err(e) = journal.end(exercise.now())
        {
            self.notice(Message::verbatim(e.to_string()));
        }
        self.clock.running = false;
    }

    /// Writes the after-action report beside the journal.
    pub fn export_report(&mut self) {
        let Some(exercise) = self.exercise.as_ref() else {
            return;
        };
        let dir = self.journal_path.with_extension("report");
        let baseline = crate::scoring::Baseline::of(exercise);
        match crate::report::write(&dir, exercise, &baseline, self.language) {
            Ok(_) => {
                self.notice(msg!(
                    "notice-report-written",
                    path = dir.join("report.html").display().to_string()
                ));
                self.report_dir = Some(dir);
            }
            Err(e) => self.notice(msg!("notice-cannot-write-report", error = e.to_string())),
        }
    }
}

/// What the UI (or an automation script) asks for.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    Start,
    Run(bool),
    Speed(f64),
    /// Advances the clock now, by this many minutes.
    Skip(u32),
    JumpToNextInject,
    End,
    ExportReport,
    SetView(View),
    LoadScenario(Source),
    SetSeed(u64),
    /// Goes on with an exercise a journal recorded.
    Resume(PathBuf),
    /// Speaks another language.
    SetLanguage(Language),
}

#[derive(Resource, Default)]
pub struct Actions(pub Vec<Action>);

impl Actions {
    pub fn push(&mut self, action: Action) {
        self.0.push(action);
    }
}

fn apply_actions(
    mut actions: ResMut<Actions>,
    session: Res<SharedSession>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let mut session = session.lock();
    for action in std::mem::take(&mut actions.0) {
        match action {
            Action::Command(command) => {
                session.command(command);
            }
            Action::Start if *screen.get() == Screen::Briefing => match session.start() {
                Ok(()) => next.set(Screen::Running),
                Err(e) => session.notice(e),
            },
            Action::Start => {}
            Action::Run(running) => {
                session.clock.just_started = running && !session.clock.running;
                session.clock.running = running;
                if !running {
                    session.record_clock(true);
                }
            }
            Action::SetLanguage(language) => session.set_language(language),
            Action::Resume(path) => match Session::resume(&path, session.language) {
                Ok(resumed) => {
                    let asked = session.language_asked;
                    *session = resumed;
                    if let Some(language) = asked {
                        session.set_language(language);
                    }
                    next.set(Screen::Running);
                }
                Err(e) => session.notice(e),
            },
            Action::Speed(speed) => session.clock.speed = speed,
            Action::Skip(minutes) => {
                if let Some(now) = session.exercise.as_ref().map(Exercise::now) {
                    session.advance_to(now.saturating_add(minutes));
                }
            }
            Action::JumpToNextInject => {
                if let Some(at) = session.next_inject_at() {
                    session.advance_to(at);
                }
            }
            Action::End => {
                session.end();
                next.set(Screen::Debrief);
            }
            Action::ExportReport => session.export_report(),
            Action::SetView(view) => session.view = view,
            Action::LoadScenario(source) if *screen.get() == Screen::Briefing => {
                session.source = source;
                session.load(None);
            }
            Action::LoadScenario(_) => session.notice(msg!("notice-scenario-locked")),
            Action::SetSeed(seed) => session.seed = seed,
        }
    }
}

/// Advances the exercise by real time × speed while the clock runs.
fn run_clock(
    time: Res<Time>,
    session: Res<SharedSession>,
    mut next: ResMut<NextState<Screen>>,
    screen: Res<State<Screen>>,
) {
    let mut session = session.lock();
    if *screen.get() != Screen::Running || !session.clock.running {
        return;
    }
    if std::mem::take(&mut session.clock.just_started) {
        return;
    }
    let owed = session.clock.carry + time.delta_secs_f64() * session.clock.speed / 60.0;
    let whole = owed.floor();
    session.clock.carry = owed - whole;
    if whole >= 1.0
        && let Some(now) = session.exercise.as_ref().map(Exercise::now)
    {
        session.advance_to(now.saturating_add(whole as u32));
        if session.exercise.as_ref().is_some_and(Exercise::is_over) {
            session.end();
            session.notice(msg!("notice-exercise-ended"));
            next.set(Screen::Debrief);
        }
    }
}

/// Keeps the scorecards current: recomputed when the clock or the exercise moved.
fn rescore(session: Res<SharedSession>) {
    let mut session = session.lock();
    let Some(exercise) = session.exercise.as_ref() else {
        return;
    };
    // Only when the clock or the commands moved: a paused console scores nothing.
    let key = (exercise.now(), exercise.log().len());
    if session.scored_at == Some(key) {
        return;
    }
    let Session {
        exercise: Some(exercise),
        scoring: Some(scoring),
        language,
        ..
    } = &mut *session
    else {
        return;
    };
    let cards = scoring.scorecards(exercise, *language);
    let red_card = scoring.red_card(exercise, *language);
    session.measures = scoring.measures().to_vec();
    session.scorecards = cards;
    session.red_card = red_card;
    session.scored_at = Some(key);
}

/// Reloads the scenario when its file is saved, before the exercise starts: authors see their
/// edit and its problems at once. Polled, so it works for files anywhere, not only in `assets/`.
fn hot_reload(session: Res<SharedSession>, time: Res<Time>, mut last_check: Local<f64>) {
    let mut session = session.lock();
    let now = time.elapsed_secs_f64();
    if now - *last_check < 0.5 {
        return;
    }
    *last_check = now;
    let modified = session.source.modified();
    if modified.is_some() && modified != session.modified {
        let seed = Some(session.seed);
        session.load(seed);
        let name = session.source.name();
        info!("reloaded {name}");
        session.notice(msg!("notice-reloaded", name = name));
    }
}

/// Whether a parse problem is a last line cut short (no line end after it).
fn cut_short_at_the_end(text: &str, at: usize) -> bool {
    !text.ends_with('\n') && !text[at.min(text.len())..].contains('\n')
}

/// An exercise a journal recorded and never ended: what the briefing offers to resume.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub path: PathBuf,
    pub scenario: String,
    pub reached: u32,
    pub commands: usize,
    pub modified: SystemTime,
}

/// The most recently written journal in `dir` whose exercise did not end.
pub fn last_unfinished(dir: &Path) -> Option<Unfinished> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "journal"))
        .filter_map(|path| {
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
            let text = std::fs::read_to_string(&path).ok()?;
            let (journal, _) = crate::journal::parse(&text);
            if journal.end.is_some() {
                return None;
            }
            Some(Unfinished {
                scenario: journal.scenario.clone()?,
                reached: journal.reached(),
                commands: journal
                    .entries
                    .iter()
                    .filter(|e| e.refused.is_none())
                    .count(),
                path,
                modified,
            })
        })
        .max_by_key(|u| u.modified)
}

/// The default place for a journal: `journals/<scenario>-<seed>-<n>.journal`.
pub fn default_journal_path(source: &Source) -> PathBuf {
    let stem = match source {
        Source::File(path) => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "exercise".into()),
        Source::Bundled(file) => file.trim_end_matches(".ron").to_string(),
    };
    let dir = Path::new("journals");
    (1..)
        .map(|n| dir.join(format!("{stem}-{n}.journal")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}.journal")))
}
