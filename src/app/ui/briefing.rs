//! Before the exercise: the scenario's briefing and every validation problem, in place (it
//! reloads when the author saves the file), the scenario library, the seed, and Start.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session, Source};
use crate::diagnostic::Severity;
use crate::library;

pub fn show(root: &mut egui::Ui, session: &Session, actions: &mut Actions) {
    egui::Panel::left("library")
        .default_size(300.0)
        .show(root, |ui| {
            ui.heading("Scenario library");
            for bundled in library::BUNDLED {
                let title = bundled
                    .load()
                    .map(|(s, _)| s.meta.title)
                    .unwrap_or_else(|_| bundled.file.to_string());
                if ui
                    .selectable_label(session.source.name() == bundled.file, title)
                    .on_hover_text(bundled.file)
                    .clicked()
                {
                    actions.push(Action::LoadScenario(Source::Bundled(bundled.file)));
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
            ui.monospace(crate::summary::briefing(scenario));
        });
    });
}
