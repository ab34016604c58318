//! The live scoreboard: every scorecard (or one team's), each KPI with its value, target,
//! points and the reason, and evaluators' P/S/M/U ratings.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::scenario::Id;
use crate::scoring::format_value;
use crate::sim::Command;
use crate::sim::command::{Rate, Rating};
use crate::tr;

pub fn show(ui: &mut egui::Ui, session: &Session, actions: &mut Actions, team: Option<&str>) {
    let lang = session.language;
    ui.heading(if team.is_some() {
        tr!(lang, "app-our-scorecard")
    } else {
        tr!(lang, "app-scoreboard")
    });
    egui::ScrollArea::vertical()
        .id_salt(("scoreboard", team))
        .show(ui, |ui| {
            for card in session
                .scorecards
                .iter()
                .filter(|c| team.is_none() || c.team.as_deref() == team)
            {
                let percent = card.percent.map_or("–".into(), |p| format!("{p:.0}%"));
                egui::CollapsingHeader::new(
                    egui::RichText::new(format!("{}  {percent}", card.name)).strong(),
                )
                .id_salt(("card", card.team.clone()))
                .default_open(team.is_some() || card.team.is_none())
                .show(ui, |ui| {
                    if let Some(capped) = &card.capped {
                        ui.label(egui::RichText::new(capped).italics());
                    }
                    for objective in &card.objectives {
                        ui.horizontal_wrapped(|ui| {
                            super::rating_badge(ui, objective.rating.as_ref(), lang);
                            ui.label(egui::RichText::new(&objective.title).strong());
                        });
                        for k in &objective.kpis {
                            let value = k
                                .value
                                .map_or("–".into(), |v| format_value(&k.metric, v, lang));
                            let points = match k.attainment {
                                Some(_) => tr!(
                                    lang,
                                    "app-kpi-points",
                                    points = format!("{:.1}", k.points),
                                    max = format!("{:.1}", k.max_points)
                                ),
                                None => tr!(lang, "report-not-applicable"),
                            };
                            let text = format!(
                                "   {}",
                                tr!(
                                    lang,
                                    "app-kpi-line",
                                    kpi = k.label.as_str(),
                                    value = value,
                                    target = format_value(&k.metric, k.target, lang),
                                    points = points
                                )
                            );
                            let text = if k.attainment.is_none() {
                                egui::RichText::new(text).weak()
                            } else {
                                egui::RichText::new(text)
                            };
                            ui.label(text).on_hover_text(super::plain(&format!(
                                "{}\n{}",
                                k.explanation,
                                k.evidence
                                    .iter()
                                    .take(12)
                                    .cloned()
                                    .collect::<Vec<_>>()
                                    .join("\n")
                            )));
                        }
                        if team.is_none() && card.team.is_none() {
                            ui.horizontal(|ui| {
                                ui.label(format!("   {}", tr!(lang, "app-rate")));
                                for rating in [Rating::P, Rating::S, Rating::M, Rating::U] {
                                    if ui
                                        .small_button(format!("{rating:?}"))
                                        .on_hover_text(rating.meaning(lang))
                                        .clicked()
                                    {
                                        actions.push(Action::Command(Command::Rate(Rate {
                                            objective: Id::new(objective.id.clone()),
                                            rating,
                                            team: None,
                                            note: String::new(),
                                            evaluator: "facilitator".into(),
                                        })));
                                    }
                                }
                            });
                        }
                    }
                });
            }
        });
}
