//! The red cell's console: its budget, its tactics (cost, cooldown, what each does and what
//! counters it) and a target for each: the place selected on the map, an agency, or the whole
//! city. Playing a tactic sends the journaled `RedMove`; the rules are in `sim/red.rs`.

use bevy_egui::egui;

use super::team::TeamForm;
use crate::app::session::{Action, Actions, Session};
use crate::scenario::{Id, RedTarget};
use crate::sim::command::RedMove;
use crate::sim::{Availability, Command, Place};
use crate::tr;

pub fn console(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut TeamForm,
    selected: Option<Place>,
    team: &str,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    let Some(red) = &scenario.red else {
        ui.label(tr!(lang, "red-no-tactics"));
        return;
    };
    ui.label(
        egui::RichText::new(tr!(
            lang,
            "red-budget",
            left = crate::i18n::count(lang, exercise.red_budget_left()),
            budget = crate::i18n::count(lang, red.budget)
        ))
        .strong(),
    );
    let place_name = selected.map(|p| exercise.place_name(p));
    ui.label(tr!(
        lang,
        "red-target-place",
        place = place_name
            .clone()
            .unwrap_or_else(|| tr!(lang, "effect-the-city"))
    ));
    if form.red_agency.is_empty()
        && let Some(first) = scenario.agencies.first()
    {
        form.red_agency = first.id.name.clone();
    }
    egui::ComboBox::from_label(tr!(lang, "red-target-agency"))
        .selected_text(form.red_agency.clone())
        .show_ui(ui, |ui| {
            for agency in &scenario.agencies {
                ui.selectable_value(
                    &mut form.red_agency,
                    agency.id.name.clone(),
                    format!("{} ({})", agency.name, agency.id),
                );
            }
        });
    ui.horizontal(|ui| {
        ui.label(tr!(lang, "red-what"));
        ui.text_edit_singleline(&mut form.rationale);
    });
    ui.separator();
    for (def, availability) in exercise.red_tactics_for(team) {
        let target: Option<Id> = match (def.does.target(), selected) {
            (RedTarget::Agency, _) => Some(Id::new(form.red_agency.clone())),
            (RedTarget::Facility, Some(Place::Facility(f))) => {
                Some(scenario.facilities[f].id.clone())
            }
            (RedTarget::District | RedTarget::DistrictOrCity, Some(Place::District(d))) => {
                Some(scenario.city.districts[d].id.clone())
            }
            _ => None,
        };
        let aimed = target.is_some() || def.does.target() == RedTarget::DistrictOrCity;
        let mut hover = def.description.clone();
        if let Availability::NotNow(why) = &availability {
            hover.push('\n');
            hover.push_str(&tr!(lang, "team-not-now", why = why.text(lang)));
        }
        if !aimed {
            hover.push('\n');
            hover.push_str(&tr!(
                lang,
                "red-choose-target",
                kind = def.does.target().key().text(lang)
            ));
        }
        ui.horizontal_wrapped(|ui| {
            let playable = availability == Availability::Available && aimed;
            let button = ui
                .add_enabled(playable, egui::Button::new(&def.name))
                .on_hover_text(super::plain(&hover))
                .on_disabled_hover_text(super::plain(&hover));
            if button.clicked() {
                actions.push(Action::Command(Command::RedMove(RedMove {
                    team: Id::new(team),
                    tactic: def.id.clone(),
                    target,
                    text: std::mem::take(&mut form.rationale),
                })));
            }
            let mut facts = vec![tr!(
                lang,
                "red-costs",
                cost = crate::i18n::count(lang, def.cost)
            )];
            if let Availability::NotNow(why) = &availability {
                facts.push(why.text(lang));
            }
            ui.label(egui::RichText::new(facts.join(" · ")).small());
        });
    }
    // What each move did so far, beside Blue's answer (the red cell's card).
    if let Some(card) = session.red_card.as_ref().filter(|c| !c.moves.is_empty()) {
        ui.separator();
        ui.label(egui::RichText::new(tr!(lang, "red-played")).strong());
        ui.label(egui::RichText::new(&card.summary).small());
        moves(ui, card);
    }
}

/// Red's moves, latest first, each with Blue's answer (unanswered ones in red).
pub fn moves(ui: &mut egui::Ui, card: &crate::scoring::RedCard) {
    for line in card.moves.iter().rev() {
        let answer = if line.answered_at.is_some() {
            egui::RichText::new(&line.answer)
        } else {
            egui::RichText::new(&line.answer).color(egui::Color32::from_rgb(170, 30, 30))
        };
        ui.horizontal_wrapped(|ui| {
            ui.monospace(&line.time);
            ui.label(format!("{} — {}:", line.tactic, line.target));
            ui.label(answer);
        });
    }
}
