//! The bar across the top: scenario, clock and its controls, and whose view the screen shows.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, SPEEDS, Screen, Session, View};
use crate::scenario::TeamRole;

pub fn show(root: &mut egui::Ui, session: &Session, actions: &mut Actions, screen: Screen) {
    egui::Panel::top("top-bar").show(root, |ui| {
        ui.horizontal_wrapped(|ui| {
            let title = session
                .scenario
                .as_ref()
                .map_or_else(|| session.source.name(), |s| s.meta.title.clone());
            ui.heading(egui::RichText::new("Muster").strong());
            ui.separator();
            ui.label(egui::RichText::new(title).strong());
            ui.separator();
            if let Some(exercise) = &session.exercise {
                let scenario = exercise.scenario();
                let date = scenario.meta.start.plus_minutes(exercise.now());
                ui.label(
                    egui::RichText::new(format!(
                        "{}  ({:04}-{:02}-{:02} {:02}:{:02})",
                        super::clock(session, exercise.now()),
                        date.year,
                        date.month,
                        date.day,
                        date.minute_of_day / 60,
                        date.minute_of_day % 60
                    ))
                    .monospace()
                    .size(18.0),
                )
                .on_hover_text(format!(
                    "{} of {}",
                    crate::scenario::Minutes(exercise.now()),
                    scenario.meta.duration
                ));
            }
            if screen == Screen::Running {
                let running = session.clock.running;
                if ui
                    .button(if running { "⏸ Pause" } else { "▶ Run" })
                    .clicked()
                {
                    actions.push(Action::Run(!running));
                }
                egui::ComboBox::from_id_salt("speed")
                    .selected_text(speed_label(session.clock.speed))
                    .show_ui(ui, |ui| {
                        let played = session
                            .scenario
                            .as_ref()
                            .and_then(|s| s.meta.played_speed());
                        if let Some(speed) = played
                            && ui
                                .selectable_label(
                                    session.clock.speed == speed,
                                    format!("{} (as planned)", speed_label(speed)),
                                )
                                .clicked()
                        {
                            actions.push(Action::Speed(speed));
                        }
                        for speed in SPEEDS {
                            if ui
                                .selectable_label(session.clock.speed == speed, speed_label(speed))
                                .clicked()
                            {
                                actions.push(Action::Speed(speed));
                            }
                        }
                    });
                if ui
                    .button("⏭ Next inject")
                    .on_hover_text("Jump the clock to the next scheduled inject")
                    .clicked()
                {
                    actions.push(Action::JumpToNextInject);
                }
                if ui.button("+1 h").clicked() {
                    actions.push(Action::Skip(60));
                }
                ui.separator();
                ui.label("View:");
                let current = session.view.clone();
                if ui
                    .selectable_label(current == View::Facilitator, "Facilitator")
                    .clicked()
                {
                    actions.push(Action::SetView(View::Facilitator));
                }
                if let Some(scenario) = &session.scenario {
                    for team in scenario.teams.iter().filter(|t| t.role == TeamRole::Blue) {
                        let view = View::Team(team.id.name.clone());
                        if ui
                            .selectable_label(current == view, team.name.as_str())
                            .clicked()
                        {
                            actions.push(Action::SetView(view));
                        }
                    }
                }
                ui.separator();
                if ui.button("■ End exercise").clicked() {
                    actions.push(Action::End);
                }
            }
        });
        if let Some(last) = session.notices.last() {
            ui.label(egui::RichText::new(last).small().italics());
        }
    });
}

fn speed_label(speed: f64) -> String {
    let trimmed = |x: f64| {
        let text = format!("{x:.1}");
        text.trim_end_matches(".0").to_string()
    };
    match speed {
        s if s < 60.0 => format!("1 min = {} min", trimmed(s)),
        s if s < 1440.0 => format!("1 min = {} h", trimmed(s / 60.0)),
        s => format!("1 min = {} d", trimmed(s / 1440.0)),
    }
}
