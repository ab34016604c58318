//! After the exercise: the timeline, charts and scorecards, and the after-action report export.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};

use super::charts::{self, ChartChoice};

pub fn show(
    root: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    chart: &mut ChartChoice,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    egui::Panel::right("debrief-scores")
        .default_size(420.0)
        .resizable(true)
        .show(root, |ui| {
            super::scoreboard::show(ui, session, actions, None);
        });
    egui::Panel::bottom("debrief-charts")
        .default_size(260.0)
        .resizable(true)
        .show(root, |ui| charts::show(ui, session, chart));
    egui::CentralPanel::default().show(root, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Debrief");
            if ui.button("Export after-action report").clicked() {
                actions.push(Action::ExportReport);
            }
            if let Some(dir) = &session.report_dir {
                ui.label(format!("written to {}", dir.join("report.html").display()));
            }
        });
        let outcome = crate::headless::outcome(exercise);
        ui.label(format!(
            "{:.0} infections · {:.0} confirmed · {:.1} deaths · peak {:.0} in hospital · trust {:.0}% · {} reports on time, {} late or missing",
            outcome.infections, outcome.confirmed, outcome.deaths, outcome.peak_hospitalised, outcome.mean_trust * 100.0, outcome.reports_on_time, outcome.reports_late_or_missing
        ));
        if let (Some((plan, score)), Some(name)) = (&session.plan_alone, session.plan.as_ref().map(|p| p.title.clone())) {
            let ours = session.scorecards.first().and_then(|c| c.percent);
            let pct = |p: Option<f64>| p.map_or("–".into(), |p| format!("{p:.0}%"));
            ui.label(egui::RichText::new(format!(
                "The plan \"{name}\" alone on the same seed: {:.0} infections (here {:.0}) · {:.1} deaths (here {:.1}) · trust {:.0}% (here {:.0}%) · score {} (here {})",
                plan.infections, outcome.infections, plan.deaths, outcome.deaths, plan.mean_trust * 100.0, outcome.mean_trust * 100.0, pct(*score), pct(ours)
            )).strong());
        }
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("timeline").striped(true).show(ui, |ui| {
                for entry in crate::report::timeline(exercise) {
                    let color = match entry.kind {
                        "inject" => egui::Color32::from_rgb(20, 60, 120),
                        "decision" => egui::Color32::from_rgb(30, 110, 40),
                        _ => egui::Color32::from_rgb(170, 30, 30),
                    };
                    ui.monospace(entry.clock);
                    ui.colored_label(color, entry.kind);
                    ui.label(entry.who);
                    ui.label(super::plain(&entry.what));
                    ui.end_row();
                }
            });
        });
    });
}
