//! After the exercise: the timeline, charts and scorecards, and the after-action report export.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};

use super::charts::{self, ChartChoice};
use super::derived::Derived;

pub fn show(
    root: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    chart: &mut ChartChoice,
    derived: &mut Derived,
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
        .show(root, |ui| charts::show(ui, session, chart, derived));
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
        let outcome = derived.outcome(exercise).clone();
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
            decided(ui, derived.decisions(exercise, session.language));
            ui.label(egui::RichText::new("Timeline").strong());
            egui::Grid::new("timeline").striped(true).show(ui, |ui| {
                for entry in derived.timeline(exercise, session.language) {
                    let color = match entry.kind {
                        "inject" => egui::Color32::from_rgb(20, 60, 120),
                        "decision" => egui::Color32::from_rgb(30, 110, 40),
                        _ => egui::Color32::from_rgb(170, 30, 30),
                    };
                    ui.monospace(&entry.clock);
                    ui.colored_label(color, entry.kind);
                    ui.label(&entry.who);
                    ui.label(super::plain(&entry.what));
                    ui.end_row();
                }
            });
        });
    });
}

/// Who chose what, when and why, and what followed; the scenario's actions taken; what the
/// injects expected and what became of it; what was tried and refused.
fn decided(ui: &mut egui::Ui, d: &crate::report::decisions::Decisions) {
    let green = egui::Color32::from_rgb(30, 110, 40);
    let red = egui::Color32::from_rgb(170, 30, 30);
    let gray = egui::Color32::from_gray(110);
    if !d.decisions.is_empty() {
        ui.label(egui::RichText::new("Decisions").strong());
        for r in &d.decisions {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{} ({}, put {} to {}, due {})",
                        r.question,
                        r.inject,
                        r.opened,
                        r.asked.join(", "),
                        r.deadline
                    ))
                    .strong(),
                );
                for a in &r.answers {
                    ui.label(format!(
                        "{} {} chose \"{}\"{}",
                        a.clock,
                        a.team,
                        a.option,
                        if a.rationale.is_empty() {
                            String::new()
                        } else {
                            format!(" — why: {}", a.rationale)
                        }
                    ));
                }
                match &r.outcome {
                    Some(outcome) => ui.colored_label(green, format!("Decision: {outcome}")),
                    None => ui.colored_label(gray, "still open"),
                };
                if !r.followed.is_empty() {
                    ui.label(format!("What followed: {}", r.followed.join("; ")));
                }
                if let Some(score) = r.score {
                    ui.label(format!("Worth {:.0}% for the objectives", score * 100.0));
                }
            });
        }
    }
    if !d.actions.is_empty() {
        ui.label(egui::RichText::new("Actions taken").strong());
        for a in &d.actions {
            ui.label(format!(
                "{} {}: {}{} — in effect {}{}",
                a.clock,
                a.team,
                a.action,
                if a.rationale.is_empty() {
                    String::new()
                } else {
                    format!(" (why: {})", a.rationale)
                },
                a.in_effect,
                if a.followed.is_empty() {
                    String::new()
                } else {
                    format!("; {}", a.followed.join("; "))
                }
            ));
        }
    }
    if !d.expected.is_empty() {
        egui::CollapsingHeader::new(egui::RichText::new("What the injects expected").strong())
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("expected").striped(true).show(ui, |ui| {
                    for e in &d.expected {
                        ui.monospace(&e.clock);
                        ui.label(&e.inject);
                        ui.label(&e.team);
                        ui.label(&e.text);
                        let color = match e.done {
                            Some(true) => green,
                            Some(false) => red,
                            None => gray,
                        };
                        ui.colored_label(color, &e.status);
                        ui.end_row();
                    }
                });
            });
    }
    if !d.refused.is_empty() {
        egui::CollapsingHeader::new(
            egui::RichText::new(format!("Tried and refused ({})", d.refused.len())).strong(),
        )
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("refused").striped(true).show(ui, |ui| {
                for r in &d.refused {
                    ui.monospace(&r.clock);
                    ui.label(&r.who);
                    ui.monospace(&r.command);
                    ui.colored_label(red, &r.reason);
                    ui.end_row();
                }
            });
        });
    }
    ui.separator();
}
