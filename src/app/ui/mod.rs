//! The egui screens. Each module draws one part (top bar, MSEL, team desk, scoreboard, map,
//! charts, briefing, debrief) from the session's state and pushes `Action`s; one system lays
//! them out in order, since egui panels must be placed top, sides, then centre.

mod briefing;
mod charts;
mod debrief;
mod devices;
mod facilitator;
mod map;
mod red;
mod scoreboard;
mod screen_cache;
mod team;
mod top_bar;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

pub use briefing::Briefing;
pub use facilitator::Tab as FacilitatorTab;

use super::session::{Actions, Screen, Session, View};
use crate::sim::command::Rating;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiState>()
        .init_resource::<screen_cache::ScreenCache>()
        .add_plugins(briefing::plugin)
        .add_systems(EguiPrimaryContextPass, layout);
}

/// What the user has selected or typed, kept between frames.
#[derive(Resource, Default)]
pub struct UiState {
    pub map: map::MapState,
    pub team: team::TeamForm,
    pub facilitator: facilitator::FacilitatorForm,
    pub chart: charts::ChartChoice,
}

// A Bevy system names every resource it touches.
#[allow(clippy::too_many_arguments)]
fn layout(
    mut contexts: EguiContexts,
    session: Res<crate::app::session::SharedSession>,
    mut actions: ResMut<Actions>,
    mut state: ResMut<UiState>,
    screen: Res<State<Screen>>,
    briefing: Res<briefing::Briefing>,
    mut derived: ResMut<screen_cache::ScreenCache>,
    remote: Res<crate::app::remote::Remote>,
    mut requests: ResMut<crate::app::remote::Requests>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let session = session.lock();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "muster-root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    let screen = *screen.get();
    let state = &mut *state;
    top_bar::show(&mut root, &session, &mut actions, screen);
    match screen {
        Screen::Briefing => briefing::show(&mut root, &session, &mut actions, &briefing),
        Screen::Running => match &session.view {
            View::Facilitator => {
                egui::Panel::left("msel")
                    .default_size(360.0)
                    .resizable(true)
                    .show(&mut root, |ui| {
                        facilitator::show(
                            ui,
                            &session,
                            &mut actions,
                            &mut state.facilitator,
                            (&remote, &mut requests),
                        );
                    });
                egui::Panel::right("scoreboard")
                    .default_size(380.0)
                    .resizable(true)
                    .show(&mut root, |ui| {
                        scoreboard::show(ui, &session, &mut actions, None);
                    });
                egui::Panel::bottom("charts")
                    .default_size(220.0)
                    .resizable(true)
                    .show(&mut root, |ui| {
                        charts::show(ui, &session, &mut state.chart, &mut derived);
                    });
                egui::CentralPanel::default().show(&mut root, |ui| {
                    map::show(ui, &session, &mut actions, &mut state.map, None)
                });
            }
            View::Team(team) => {
                let team = team.clone();
                // One desk a frame, the same type the host sends to the team's page.
                let desk = session.exercise.as_ref().and_then(|exercise| {
                    crate::views::TeamDesk::of(exercise, session.language, &team, None, None)
                });
                if let Some(desk) = &desk {
                    egui::Panel::left("inbox")
                        .default_size(380.0)
                        .resizable(true)
                        .show(&mut root, |ui| {
                            team::inbox(ui, &session, desk, &mut actions, &mut state.team);
                        });
                    egui::Panel::right("desk")
                        .default_size(400.0)
                        .resizable(true)
                        .show(&mut root, |ui| {
                            team::desk(
                                ui,
                                &session,
                                desk,
                                &mut actions,
                                &mut state.team,
                                &state.map,
                            );
                        });
                }
                egui::CentralPanel::default().show(&mut root, |ui| {
                    map::show(ui, &session, &mut actions, &mut state.map, Some(&team))
                });
            }
        },
        Screen::Debrief => debrief::show(
            &mut root,
            &session,
            &mut actions,
            &mut state.chart,
            &mut derived,
        ),
    }
    Ok(())
}

/// A coloured HSEEP rating badge.
pub fn rating_badge(ui: &mut egui::Ui, rating: Option<&Rating>, lang: crate::i18n::Language) {
    let (text, color) = match rating {
        Some(Rating::P) => ("P", egui::Color32::from_rgb(46, 125, 50)),
        Some(Rating::S) => ("S", egui::Color32::from_rgb(158, 157, 36)),
        Some(Rating::M) => ("M", egui::Color32::from_rgb(239, 108, 0)),
        Some(Rating::U) => ("U", egui::Color32::from_rgb(198, 40, 40)),
        None => ("–", egui::Color32::GRAY),
    };
    let hover = rating.map_or_else(|| crate::tr!(lang, "report-not-rated"), |r| r.meaning(lang));
    ui.label(
        egui::RichText::new(format!(" {text} "))
            .strong()
            .color(egui::Color32::WHITE)
            .background_color(color),
    )
    .on_hover_text(hover);
}

/// A team's answer to a request for help, as its buttons give it: stock (when accepted) from
/// `from`, the rest left to the engine's defaults.
pub fn answer_aid(
    team: &str,
    request: u32,
    accept: bool,
    from: Option<crate::scenario::Id>,
) -> super::session::Action {
    use crate::sim::command::AnswerAid;
    super::session::Action::Command(crate::sim::Command::AnswerAid(AnswerAid {
        team: crate::scenario::Id::new(team),
        request,
        accept,
        from,
        quantity: None,
        unit: None,
        arrives_in: None,
        text: String::new(),
    }))
}

/// Replaces symbols egui's bundled fonts lack (arrows, comparison signs) with plain ones.
pub fn plain(text: &str) -> String {
    text.replace('→', "->")
        .replace('≥', ">=")
        .replace('≤', "<=")
}

/// Scenario time as the exercise clock reads it, in the screens' language.
pub fn clock(session: &Session, minutes: u32) -> String {
    match &session.scenario {
        Some(s) => crate::scoring::clock_in(session.language, s, minutes),
        None => crate::i18n::duration(session.language, minutes),
    }
}
