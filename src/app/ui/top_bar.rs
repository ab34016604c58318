//! The bar across the top: scenario, clock and its controls, and whose view the screen shows.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, SPEEDS, Screen, Session, View};
use crate::i18n::Language;
use crate::scenario::TeamRole;
use crate::tr;

pub fn show(root: &mut egui::Ui, session: &Session, actions: &mut Actions, screen: Screen) {
    let lang = session.language;
    egui::Panel::top("top-bar").show(root, |ui| {
        ui.horizontal_wrapped(|ui| {
            language_switch(ui, lang, actions);
            ui.separator();
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
                .on_hover_text(tr!(
                    lang,
                    "app-clock-of",
                    played = crate::i18n::duration(lang, exercise.now()),
                    duration = crate::i18n::duration(lang, scenario.meta.duration.get())
                ));
            }
            if screen == Screen::Running {
                let running = session.clock.running;
                if ui
                    .button(if running {
                        tr!(lang, "app-pause")
                    } else {
                        tr!(lang, "app-run")
                    })
                    .clicked()
                {
                    actions.push(Action::Run(!running));
                }
                egui::ComboBox::from_id_salt("speed")
                    .selected_text(speed_label(session.clock.speed, lang))
                    .show_ui(ui, |ui| {
                        let played = session
                            .scenario
                            .as_ref()
                            .and_then(|s| s.meta.played_speed());
                        if let Some(speed) = played
                            && ui
                                .selectable_label(
                                    session.clock.speed == speed,
                                    tr!(
                                        lang,
                                        "app-speed-as-planned",
                                        speed = speed_label(speed, lang)
                                    ),
                                )
                                .clicked()
                        {
                            actions.push(Action::Speed(speed));
                        }
                        for speed in SPEEDS {
                            if ui
                                .selectable_label(
                                    session.clock.speed == speed,
                                    speed_label(speed, lang),
                                )
                                .clicked()
                            {
                                actions.push(Action::Speed(speed));
                            }
                        }
                    });
                if ui
                    .button(tr!(lang, "app-next-inject"))
                    .on_hover_text(tr!(lang, "app-next-inject-hover"))
                    .clicked()
                {
                    actions.push(Action::JumpToNextInject);
                }
                if ui.button(tr!(lang, "app-plus-hour")).clicked() {
                    actions.push(Action::Skip(60));
                }
                ui.separator();
                ui.label(tr!(lang, "app-view"));
                let current = session.view.clone();
                if ui
                    .selectable_label(current == View::Facilitator, tr!(lang, "app-facilitator"))
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
                if ui.button(tr!(lang, "app-end-exercise")).clicked() {
                    actions.push(Action::End);
                }
            }
        });
        if let Some(last) = session.notices.last() {
            ui.label(egui::RichText::new(last.text(lang)).small().italics());
        }
    });
}

/// The language menu, each language named in itself; switching takes effect at once.
fn language_switch(ui: &mut egui::Ui, lang: Language, actions: &mut Actions) {
    egui::ComboBox::from_id_salt("language")
        .selected_text(format!("🌐 {}", lang.native_name()))
        .show_ui(ui, |ui| {
            for language in Language::ALL {
                if ui
                    .selectable_label(language == lang, language.native_name())
                    .clicked()
                    && language != lang
                {
                    actions.push(Action::SetLanguage(language));
                }
            }
        })
        .response
        .on_hover_text(tr!(lang, "app-language"));
}

fn speed_label(speed: f64, lang: Language) -> String {
    let trimmed = |x: f64| {
        let text = format!("{x:.1}");
        text.trim_end_matches(".0").to_string()
    };
    match speed {
        s if s < 60.0 => tr!(lang, "app-speed-minutes", n = trimmed(s)),
        s if s < 1440.0 => tr!(lang, "app-speed-hours", n = trimmed(s / 60.0)),
        s => tr!(lang, "app-speed-days", n = trimmed(s / 1440.0)),
    }
}
