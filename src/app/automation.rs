//! Scripted sessions, for the tests under Xvfb and for demos: a script drives the real app
//! through the same actions its buttons push, takes screenshots, and measures frame times.
//!
//! ```text
//! start                       # start the exercise
//! speed 1440                  # scenario minutes per real minute
//! play 120                    # let the clock run for 120 frames
//! skip 90                     # advance 90 scenario minutes at once
//! view health-cdc             # a team's seat (or `facilitator`)
//! language zh                 # the screens' language, as the top bar's switch sets it
//! select hexi                 # select a district or facility on the map
//! tab decisions               # the facilitator's tab: msel, decisions, agencies, evaluation, devices
//! why Not while the cluster is open   # type the team's reason (decisions, actions)
//! message No lockdown planned   # type the team's message or statement
//! answer 12                   # the next statement answers post 12 of the public feed
//! command Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")
//! screenshot team.png         # into the output folder
//! checkpoint ready.json       # write the state so far (as `quit` does) and go on
//! resume                      # take the briefing's offer to resume an unfinished exercise
//! devices 1 3000              # wait until 1 command came from a device (at most 3000 frames)
//! end | export | quit
//! ```

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use serde::Serialize;

use super::session::{Action, Actions, Session, SharedSession, View};
use super::ui::UiState;
use crate::sim::{InjectStatus, Place};

#[derive(Resource)]
pub struct Script {
    steps: Vec<(usize, String)>,
    next: usize,
    wait_frames: u32,
    out: PathBuf,
    /// Frame times (ms) while the clock was running.
    frame_ms: Vec<f64>,
    playing: u32,
    /// Commands from devices to wait for, and frames left to wait.
    awaiting_devices: Option<(usize, u32)>,
    pub failures: Vec<String>,
}

impl Script {
    /// Whether steps remain (or frames are being counted): the app then runs every frame.
    pub fn is_playing(&self) -> bool {
        self.next < self.steps.len()
            || self.wait_frames > 0
            || self.playing > 0
            || self.awaiting_devices.is_some()
    }

    pub fn load(path: &std::path::Path, out: PathBuf) -> std::io::Result<Script> {
        let text = std::fs::read_to_string(path)?;
        let steps = text
            .lines()
            .enumerate()
            .map(|(n, l)| (n + 1, l.split(" #").next().unwrap_or("").trim().to_string()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .collect();
        std::fs::create_dir_all(&out)?;
        Ok(Script {
            steps,
            next: 0,
            wait_frames: 5,
            out,
            frame_ms: Vec::new(),
            playing: 0,
            awaiting_devices: None,
            failures: Vec::new(),
        })
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, step.before(super::session::ApplyActions));
}

#[derive(Serialize)]
struct Summary {
    /// This process, for a test that kills it.
    pid: u32,
    now: u32,
    commands: usize,
    fired: Vec<String>,
    units_away: Vec<String>,
    /// Decision points settled: "I-16: postpone (decided by command)".
    decisions: Vec<String>,
    refused: Vec<String>,
    failures: Vec<String>,
    frames: usize,
    frame_ms_median: f64,
    frame_ms_p95: f64,
    /// The headline figures, as `muster replay --out` writes them.
    outcome: Option<crate::headless::Outcome>,
    /// The screens' language (`en`, `zh`) and the scoreboard's first KPI in it.
    language: &'static str,
    first_kpi: Option<String>,
}

// A Bevy system names every resource it touches.
#[allow(clippy::too_many_arguments)]
fn step(
    mut commands: Commands,
    mut script: ResMut<Script>,
    mut actions: ResMut<Actions>,
    session: Res<SharedSession>,
    mut ui: ResMut<UiState>,
    briefing: Res<super::ui::Briefing>,
    time: Res<Time<Real>>,
    mut exit: MessageWriter<AppExit>,
    remote: Res<super::remote::Remote>,
) {
    if let Some((wanted, frames_left)) = script.awaiting_devices {
        script.awaiting_devices = match frames_left {
            _ if remote.commands_taken() >= wanted => None,
            0 => {
                script.failures.push(format!(
                    "{} of {wanted} commands came from devices",
                    remote.commands_taken()
                ));
                None
            }
            _ => Some((wanted, frames_left - 1)),
        };
        return;
    }
    if script.playing > 0 {
        script.playing -= 1;
        script.frame_ms.push(time.delta_secs_f64() * 1000.0);
        if script.playing == 0 {
            actions.push(Action::Run(false));
        }
        return;
    }
    if script.wait_frames > 0 {
        script.wait_frames -= 1;
        return;
    }
    let Some((line, text)) = script.steps.get(script.next).cloned() else {
        return;
    };
    script.next += 1;
    script.wait_frames = 2;
    let session = session.lock();
    let (word, rest) = text.split_once(' ').unwrap_or((text.as_str(), ""));
    let rest = rest.trim();
    match word {
        "start" => actions.push(Action::Start),
        "end" => actions.push(Action::End),
        "export" => actions.push(Action::ExportReport),
        "speed" => actions.push(Action::Speed(rest.parse().unwrap_or(60.0))),
        "play" => {
            script.playing = rest.parse().unwrap_or(60);
            actions.push(Action::Run(true));
        }
        "skip" => actions.push(Action::Skip(
            crate::scenario::values::parse_duration(rest)
                .or_else(|| rest.parse().ok())
                .unwrap_or(0),
        )),
        "wait" => script.wait_frames = rest.parse().unwrap_or(10),
        "language" => match crate::i18n::Language::from_code(rest) {
            Some(language) => actions.push(Action::SetLanguage(language)),
            None => script
                .failures
                .push(format!("line {line}: no language `{rest}`")),
        },
        "view" if rest == "facilitator" => actions.push(Action::SetView(View::Facilitator)),
        "view" => actions.push(Action::SetView(View::Team(rest.to_string()))),
        "select" => {
            let place = session.exercise.as_ref().and_then(|e| {
                let s = e.scenario();
                s.city
                    .districts
                    .iter()
                    .position(|d| d.id.as_str() == rest)
                    .map(Place::District)
                    .or_else(|| {
                        s.facilities
                            .iter()
                            .position(|f| f.id.as_str() == rest)
                            .map(Place::Facility)
                    })
            });
            match place {
                Some(place) => ui.map.selected = Some(place),
                None => script
                    .failures
                    .push(format!("line {line}: no place `{rest}`")),
            }
        }
        "tab" => {
            use super::ui::FacilitatorTab as Tab;
            ui.facilitator.tab = match rest {
                "msel" => Tab::Msel,
                "decisions" => Tab::Decisions,
                "agencies" => Tab::Agencies,
                "evaluation" => Tab::Evaluation,
                "devices" => Tab::Devices,
                other => {
                    script
                        .failures
                        .push(format!("line {line}: no tab `{other}`"));
                    Tab::Msel
                }
            };
        }
        "why" => ui.team.rationale = rest.to_string(),
        "message" => ui.team.text = rest.to_string(),
        "answer" => match rest.parse() {
            Ok(post) => ui.team.answering = Some(post),
            Err(_) => script
                .failures
                .push(format!("line {line}: `answer` takes a post's number")),
        },
        "devices" => {
            let mut numbers = rest.split_whitespace().map(str::parse::<u32>);
            match (numbers.next(), numbers.next()) {
                (Some(Ok(wanted)), frames) => {
                    let frames = frames.and_then(Result::ok).unwrap_or(3000);
                    script.awaiting_devices = Some((wanted as usize, frames));
                }
                _ => script
                    .failures
                    .push(format!("line {line}: `devices COUNT [FRAMES]`")),
            }
        }
        "command" => match crate::journal::decode_command(rest) {
            Ok(command) => actions.push(Action::Command(command)),
            Err(d) => script.failures.push(format!("line {line}: {}", d.message)),
        },
        "screenshot" => {
            let path = script.out.join(rest);
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path));
            // Give the capture time to reach the disk before anything else changes.
            script.wait_frames = 8;
        }
        "checkpoint" => {
            let path = script.out.join(rest);
            if let Err(e) = write_summary(&script, &session, &path) {
                script.failures.push(format!("line {line}: {e}"));
            }
        }
        "resume" => match briefing.unfinished() {
            Some(unfinished) => actions.push(Action::Resume(unfinished.path.clone())),
            None => script
                .failures
                .push(format!("line {line}: no unfinished exercise is offered")),
        },
        "quit" => {
            let path = script.out.join("summary.json");
            if let Err(e) = write_summary(&script, &session, &path) {
                error!("{e}");
            }
            exit.write(AppExit::Success);
        }
        other => script
            .failures
            .push(format!("line {line}: unknown step `{other}`")),
    }
}

fn write_summary(
    script: &Script,
    session: &Session,
    path: &std::path::Path,
) -> std::io::Result<()> {
    let summary = summarize(script, session);
    crate::files::write(
        path,
        serde_json::to_string_pretty(&summary).map_err(std::io::Error::other)?,
    )
}

fn summarize(script: &Script, session: &Session) -> Summary {
    let mut ms = script.frame_ms.clone();
    ms.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        if ms.is_empty() {
            0.0
        } else {
            ms[((ms.len() - 1) as f64 * q).round() as usize]
        }
    };
    let decisions = session.exercise.as_ref().map_or(Vec::new(), |e| {
        e.decisions()
            .iter()
            .filter_map(|d| {
                d.settled.as_ref().map(|s| {
                    format!(
                        "{}: {} ({})",
                        d.inject,
                        s.option,
                        s.by.words(crate::i18n::Language::En)
                    )
                })
            })
            .collect()
    });
    let (now, commands, fired, units_away) = match &session.exercise {
        Some(e) => (
            e.now(),
            e.log().len(),
            e.scenario()
                .injects
                .iter()
                .zip(e.injects())
                .filter(|(_, s)| matches!(s.status, InjectStatus::Fired(_)))
                .map(|(i, _)| i.id.name.clone())
                .collect(),
            e.units()
                .iter()
                .filter(|u| !matches!(u.status, crate::sim::UnitStatus::AtBase))
                .map(|u| u.id.clone())
                .collect(),
        ),
        None => (0, 0, Vec::new(), Vec::new()),
    };
    Summary {
        pid: std::process::id(),
        now,
        commands,
        fired,
        units_away,
        decisions,
        refused: session
            .notices
            .iter()
            .filter(|n| n.key == "notice-refused")
            .map(|n| n.to_string())
            .collect(),
        failures: script.failures.clone(),
        frames: ms.len(),
        frame_ms_median: pick(0.5),
        frame_ms_p95: pick(0.95),
        outcome: session.exercise.as_ref().map(crate::headless::outcome),
        language: session.language.code(),
        first_kpi: session
            .scorecards
            .first()
            .and_then(|c| c.objectives.first())
            .and_then(|o| o.kpis.first())
            .map(|k| k.label.clone()),
    }
}
