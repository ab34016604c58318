//! Before the exercise: the scenario's briefing and every validation problem, in place (it
//! reloads when the author saves the file), the scenario library, the seed, Start, and the
//! offer to resume an exercise a journal recorded and never ended.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::session::{self, Action, Actions, Screen, Session, Source, Unfinished};
use crate::diagnostic::Severity;
use crate::i18n::Language;
use crate::library;
use crate::tr;

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

fn refresh(session: Res<session::SharedSession>, mut briefing: ResMut<Briefing>) {
    let session = session.lock();
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
    let lang = session.language;
    egui::Panel::left("library")
        .default_size(300.0)
        .show(root, |ui| {
            ui.heading(tr!(lang, "app-library"));
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
            ui.label(tr!(lang, "app-open-a-file"));
            ui.separator();
            for notice in session.notices.iter().rev().take(6) {
                ui.label(egui::RichText::new(notice.text(lang)).small());
            }
        });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(unfinished) = &briefing.unfinished {
                resume_offer(ui, unfinished, actions, lang);
            }
            if let Some(report) = &session.report {
                let located = report.located_in(lang);
                if !located.is_empty() {
                    ui.heading(tr!(
                        lang,
                        "app-problems-in",
                        count = located.len(),
                        file = report.file_name.as_str()
                    ));
                    for d in located {
                        let color = if d.severity == Severity::Error {
                            egui::Color32::from_rgb(190, 30, 30)
                        } else {
                            egui::Color32::from_rgb(170, 110, 0)
                        };
                        let severity = if d.severity == Severity::Error {
                            tr!(lang, "app-error")
                        } else {
                            tr!(lang, "app-warning")
                        };
                        let help = d
                            .help
                            .map(|h| tr!(lang, "app-problem-help", help = h))
                            .unwrap_or_default();
                        ui.colored_label(
                            color,
                            format!("{}:{}: {severity}: {}{help}", d.line, d.column, d.message),
                        );
                    }
                    ui.separator();
                }
            }
            let Some(scenario) = &session.scenario else {
                ui.label(tr!(lang, "app-fix-to-start"));
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
                crate::i18n::duration(lang, scenario.meta.duration.get())
            ));
            ui.label(&scenario.meta.description);
            ui.horizontal(|ui| {
                let mut seed = session.seed;
                ui.label(tr!(lang, "app-seed"));
                if ui.add(egui::DragValue::new(&mut seed)).changed() {
                    actions.push(Action::SetSeed(seed));
                }
                if ui
                    .button(egui::RichText::new(tr!(lang, "app-start-exercise")).size(18.0))
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
fn resume_offer(ui: &mut egui::Ui, unfinished: &Unfinished, actions: &mut Actions, lang: Language) {
    let ago = unfinished
        .modified
        .elapsed()
        .map_or(String::new(), |d| match d.as_secs() {
            s if s < 120 => tr!(lang, "app-written-seconds-ago", n = s),
            s if s < 2 * 3600 => tr!(lang, "app-written-minutes-ago", n = s / 60),
            s => tr!(lang, "app-written-hours-ago", n = s / 3600),
        });
    let ink = egui::Color32::from_rgb(60, 40, 0);
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(255, 236, 179))
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(tr!(lang, "app-unfinished"))
                    .strong()
                    .size(16.0)
                    .color(ink),
            );
            ui.label(
                egui::RichText::new(tr!(
                    lang,
                    "app-unfinished-detail",
                    journal = unfinished.path.display().to_string(),
                    scenario = unfinished.scenario.as_str(),
                    played = crate::i18n::duration(lang, unfinished.reached),
                    commands = unfinished.commands,
                    ago = ago
                ))
                .color(ink),
            );
            if ui
                .button(egui::RichText::new(tr!(lang, "app-resume")).size(16.0))
                .on_hover_text(tr!(lang, "app-resume-hover"))
                .clicked()
            {
                actions.push(Action::Resume(unfinished.path.clone()));
            }
        });
    ui.separator();
}
