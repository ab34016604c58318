//! Before the exercise: the scenario's briefing and every validation problem, in place (it
//! reloads when the author saves the file), the scenario library, the seed, Start, and the
//! offer to resume an exercise a journal recorded and never ended.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::session::{self, Action, Actions, Screen, Session, Source, Unfinished};
use crate::diagnostic::Severity;
use crate::library;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Briefing>()
        .add_systems(OnEnter(Screen::Briefing), look_for_unfinished)
        .add_systems(Update, refresh.run_if(in_state(Screen::Briefing)));
}

/// What the briefing shows that takes work to build: computed when it changes, not per frame.
#[derive(Resource, Default)]
pub struct Briefing {
    /// The bundled scenarios' titles.
    library: Vec<(&'static str, String)>,
    /// The text briefing of the loaded scenario, and which scenario it is of.
    /// The scenario's text briefing, in the language it was written in.
    summary: Option<(
        Arc<crate::scenario::Scenario>,
        crate::i18n::Language,
        String,
    )>,
    unfinished: Option<Unfinished>,
}

impl Briefing {
    /// The exercise offered for resuming, if any.
    pub fn unfinished(&self) -> Option<&Unfinished> {
        self.unfinished.as_ref()
    }
}

fn look_for_unfinished(mut briefing: ResMut<Briefing>) {
    briefing.unfinished = session::last_unfinished(std::path::Path::new("journals"));
}

fn refresh(session: Res<Session>, mut briefing: ResMut<Briefing>) {
    if briefing.library.is_empty() {
        briefing.library = library::BUNDLED
            .iter()
            .map(|bundled| {
                let title = bundled
                    .load()
                    .map(|(s, _)| s.meta.title)
                    .unwrap_or_else(|_| bundled.file.to_string());
                (bundled.file, title)
            })
            .collect();
    }
    let current = briefing
        .summary
        .as_ref()
        .map(|(scenario, language, _)| (scenario.clone(), *language));
    match (&session.scenario, current) {
        (Some(scenario), Some((shown, language)))
            if Arc::ptr_eq(scenario, &shown) && language == session.language => {}
        (Some(scenario), _) => {
            briefing.summary = Some((
                scenario.clone(),
                session.language,
                crate::summary::briefing(scenario, session.language),
            ));
        }
        (None, _) => briefing.summary = None,
    }
}

pub fn show(root: &mut egui::Ui, session: &Session, actions: &mut Actions, briefing: &Briefing) {
    egui::Panel::left("library")
        .default_size(300.0)
        .show(root, |ui| {
            ui.heading("Scenario library");
            for (file, title) in &briefing.library {
                if ui
                    .selectable_label(session.source.name() == *file, title)
                    .on_hover_text(*file)
                    .clicked()
                {
                    actions.push(Action::LoadScenario(Source::Bundled(file)));
                }
            }
            ui.separator();
            ui.label(
                "Or open a file: `muster gui PATH`. A file's edits reload here as you save them.",
            );
            ui.separator();
            for notice in session.notices.iter().rev().take(6) {
                ui.label(egui::RichText::new(notice).small());
            }
        });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(unfinished) = &briefing.unfinished {
                resume_offer(ui, unfinished, actions);
            }
            if let Some(report) = &session.report {
                let located = report.located();
                if !located.is_empty() {
                    ui.heading(format!(
                        "{} problem(s) in {}",
                        located.len(),
                        report.file_name
                    ));
                    for d in located {
                        let color = if d.severity == Severity::Error {
                            egui::Color32::from_rgb(190, 30, 30)
                        } else {
                            egui::Color32::from_rgb(170, 110, 0)
                        };
                        let help = d.help.map(|h| format!(" (help: {h})")).unwrap_or_default();
                        ui.colored_label(
                            color,
                            format!(
                                "{}:{}: {:?}: {}{help}",
                                d.line, d.column, d.severity, d.message
                            ),
                        );
                    }
                    ui.separator();
                }
            }
            let Some(scenario) = &session.scenario else {
                ui.label("Fix the errors above to start; the file reloads when you save it.");
                return;
            };
            ui.heading(&scenario.meta.title);
            ui.label(format!(
                "{} -> {} · {}",
                scenario.meta.start,
                scenario
                    .meta
                    .start
                    .plus_minutes(scenario.meta.duration.get()),
                scenario.meta.duration
            ));
            ui.label(&scenario.meta.description);
            ui.horizontal(|ui| {
                let mut seed = session.seed;
                ui.label("Seed");
                if ui.add(egui::DragValue::new(&mut seed)).changed() {
                    actions.push(Action::SetSeed(seed));
                }
                if ui
                    .button(egui::RichText::new("▶ Start exercise").size(18.0))
                    .clicked()
                {
                    actions.push(Action::Start);
                }
            });
            ui.separator();
            if let Some((_, _, text)) = &briefing.summary {
                ui.monospace(text);
            }
        });
    });
}

/// An exercise that was not ended (a crash, a window closed by mistake): one click goes on.
fn resume_offer(ui: &mut egui::Ui, unfinished: &Unfinished, actions: &mut Actions) {
    let ago = unfinished
        .modified
        .elapsed()
        .map_or(String::new(), |d| match d.as_secs() {
            s if s < 120 => format!(", last written {s} s ago"),
            s if s < 2 * 3600 => format!(", last written {} min ago", s / 60),
            s => format!(", last written {} h ago", s / 3600),
        });
    let ink = egui::Color32::from_rgb(60, 40, 0);
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(255, 236, 179))
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new("An exercise was not finished")
                    .strong()
                    .size(16.0)
                    .color(ink),
            );
            ui.label(
                egui::RichText::new(format!(
                    "{} — {}: {} of exercise time played, {} commands{ago}",
                    unfinished.path.display(),
                    unfinished.scenario,
                    crate::scenario::Minutes(unfinished.reached),
                    unfinished.commands
                ))
                .color(ink),
            );
            if ui
                .button(egui::RichText::new("Resume it where it stopped").size(16.0))
                .on_hover_text(
                    "Rebuilds the exercise from its journal to the minute its clock had reached \
                     and goes on writing the same journal",
                )
                .clicked()
            {
                actions.push(Action::Resume(unfinished.path.clone()));
            }
        });
    ui.separator();
}
