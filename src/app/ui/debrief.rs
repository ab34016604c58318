//! After the exercise: the timeline, charts and scorecards, and the after-action report export.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::i18n::{Language, count, percent};
use crate::tr;

use super::charts::{self, ChartChoice};
use super::screen_cache::ScreenCache;

pub fn show(
    root: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    chart: &mut ChartChoice,
    derived: &mut ScreenCache,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
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
            ui.heading(tr!(lang, "app-debrief"));
            if ui.button(tr!(lang, "app-export-report")).clicked() {
                actions.push(Action::ExportReport);
            }
            if let Some(dir) = &session.report_dir {
                ui.label(tr!(
                    lang,
                    "app-written-to",
                    file = dir.join("report.html").display().to_string()
                ));
            }
        });
        let outcome = derived.outcome(exercise).clone();
        ui.label(tr!(
            lang,
            "app-debrief-outcome",
            infections = count(lang, outcome.infections),
            confirmed = count(lang, outcome.confirmed),
            deaths = format!("{:.1}", outcome.deaths),
            peak = count(lang, outcome.peak_hospitalised),
            trust = percent(outcome.mean_trust),
            on_time = outcome.reports_on_time,
            late = outcome.reports_late_or_missing
        ));
        let hardship = &exercise.totals().hardship;
        ui.label(tr!(
            lang,
            "report-harm-of-the-response",
            cost = crate::i18n::yuan(lang, outcome.economic_cost),
            school_days = count(lang, hardship.school_days_lost),
            care_deaths = format!("{:.1}", hardship.care_forgone_deaths),
            calls = count(lang, hardship.hotline_calls),
            site_days = count(lang, hardship.site_person_days)
        ));
        if let (Some((plan, score)), Some(name)) = (
            &session.plan_alone,
            session.plan.as_ref().map(|p| p.title.clone()),
        ) {
            let ours = session.scorecards.first().and_then(|c| c.percent);
            let pct = |p: Option<f64>| p.map_or("–".into(), |p| format!("{p:.0}%"));
            ui.label(
                egui::RichText::new(tr!(
                    lang,
                    "app-plan-alone",
                    plan = name,
                    infections = count(lang, plan.infections),
                    our_infections = count(lang, outcome.infections),
                    deaths = format!("{:.1}", plan.deaths),
                    our_deaths = format!("{:.1}", outcome.deaths),
                    trust = percent(plan.mean_trust),
                    our_trust = percent(outcome.mean_trust),
                    score = pct(*score),
                    our_score = pct(ours)
                ))
                .strong(),
            );
        }
        if let Some(card) = &session.red_card {
            ui.label(
                egui::RichText::new(format!(
                    "{} — {}",
                    tr!(lang, "red-card-title"),
                    card.summary
                ))
                .strong(),
            );
        }
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(card) = session.red_card.as_ref().filter(|c| !c.moves.is_empty()) {
                egui::CollapsingHeader::new(tr!(lang, "red-card-title"))
                    .default_open(true)
                    .show(ui, |ui| super::red::moves(ui, card));
            }
            decided(ui, derived.decisions(exercise, lang), lang);
            measures(ui, session, exercise.scenario(), lang);
            ui.label(egui::RichText::new(tr!(lang, "app-timeline")).strong());
            egui::Grid::new("timeline").striped(true).show(ui, |ui| {
                for entry in derived.timeline(exercise, session.language) {
                    let color = match entry.kind {
                        "inject" => egui::Color32::from_rgb(20, 60, 120),
                        "decision" => egui::Color32::from_rgb(30, 110, 40),
                        _ => egui::Color32::from_rgb(170, 30, 30),
                    };
                    ui.monospace(&entry.clock);
                    ui.colored_label(color, crate::report::kind_words(lang, entry.kind));
                    ui.label(&entry.who);
                    ui.label(super::plain(&entry.what));
                    ui.end_row();
                }
            });
        });
    });
}

/// Each measure's cost against the infections it alone averted, and whether that is in
/// proportion (the same table as the report's).
fn measures(
    ui: &mut egui::Ui,
    session: &Session,
    scenario: &crate::scenario::Scenario,
    lang: Language,
) {
    if session.measures.is_empty() {
        return;
    }
    use crate::scoring::proportion::Verdict;
    ui.label(egui::RichText::new(tr!(lang, "app-measures")).strong());
    let first = &session.measures[0];
    ui.label(
        egui::RichText::new(tr!(
            lang,
            "report-measures-explained",
            harm = crate::i18n::yuan(
                lang,
                crate::scoring::proportion::harm_of_an_infection(scenario)
            ),
            danger = crate::i18n::yuan(lang, first.danger),
            school_day =
                crate::i18n::yuan(lang, crate::scoring::proportion::VALUE_OF_A_SCHOOL_DAY_YUAN)
        ))
        .weak(),
    );
    egui::Grid::new("measures").striped(true).show(ui, |ui| {
        for heading in [
            "report-col-time",
            "report-col-team",
            "report-col-measure",
            "report-col-cost",
            "report-col-other-harm",
            "report-col-averted",
            "report-col-proportion",
        ] {
            ui.label(egui::RichText::new(crate::i18n::text(lang, heading)).strong());
        }
        ui.end_row();
        for m in &session.measures {
            ui.monospace(crate::scoring::clock_in(lang, scenario, m.at));
            ui.label(
                scenario
                    .team(&m.team)
                    .map_or(m.team.as_str(), |t| t.name.as_str()),
            );
            ui.label(&m.what);
            ui.label(crate::i18n::yuan(lang, m.cost));
            ui.label(m.other_harm(lang));
            ui.label(count(lang, m.averted));
            let colour = match m.verdict() {
                Verdict::InProportion | Verdict::Free => egui::Color32::from_rgb(30, 110, 40),
                Verdict::Costly => egui::Color32::from_rgb(150, 100, 0),
                Verdict::OutOfProportion => egui::Color32::from_rgb(170, 30, 30),
            };
            ui.colored_label(colour, m.verdict_words(lang));
            ui.end_row();
        }
    });
    ui.separator();
}

/// Who chose what, when and why, and what followed; the scenario's actions taken; what the
/// injects expected and what became of it; what was tried and refused.
fn decided(ui: &mut egui::Ui, d: &crate::report::decisions::Decisions, lang: Language) {
    let green = egui::Color32::from_rgb(30, 110, 40);
    let red = egui::Color32::from_rgb(170, 30, 30);
    let gray = egui::Color32::from_gray(110);
    if !d.decisions.is_empty() {
        ui.label(egui::RichText::new(tr!(lang, "report-decision-points")).strong());
        let comma = tr!(lang, "list-comma");
        let separator = tr!(lang, "report-list-separator");
        for r in &d.decisions {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    egui::RichText::new(tr!(
                        lang,
                        "app-decision-asked",
                        question = r.question.as_str(),
                        inject = r.inject.as_str(),
                        opened = r.opened.as_str(),
                        teams = r.asked.join(&comma),
                        due = r.deadline.as_str()
                    ))
                    .strong(),
                );
                for a in &r.answers {
                    let chose = if a.rationale.is_empty() {
                        tr!(
                            lang,
                            "app-team-chose",
                            time = a.clock.as_str(),
                            team = a.team.as_str(),
                            option = a.option.as_str()
                        )
                    } else {
                        tr!(
                            lang,
                            "app-team-chose-why",
                            time = a.clock.as_str(),
                            team = a.team.as_str(),
                            option = a.option.as_str(),
                            why = a.rationale.as_str()
                        )
                    };
                    ui.label(chose);
                }
                match &r.outcome {
                    Some(outcome) => ui.colored_label(
                        green,
                        tr!(lang, "app-decision-outcome", outcome = outcome.as_str()),
                    ),
                    None => ui.colored_label(gray, tr!(lang, "app-still-open")),
                };
                if !r.followed.is_empty() {
                    ui.label(tr!(
                        lang,
                        "app-what-followed",
                        effects = r.followed.join(&separator)
                    ));
                }
                if let Some(score) = r.score {
                    ui.label(tr!(lang, "app-decision-worth", worth = percent(score)));
                }
            });
        }
    }
    if !d.actions.is_empty() {
        ui.label(egui::RichText::new(tr!(lang, "report-actions-taken")).strong());
        let separator = tr!(lang, "report-list-separator");
        for a in &d.actions {
            let mut line = tr!(
                lang,
                "app-action-taken",
                time = a.clock.as_str(),
                team = a.team.as_str(),
                action = a.action.as_str(),
                in_effect = a.in_effect.as_str()
            );
            if !a.rationale.is_empty() {
                line.push_str(&tr!(lang, "app-why", why = a.rationale.as_str()));
            }
            if !a.followed.is_empty() {
                line.push_str(&separator);
                line.push_str(&a.followed.join(&separator));
            }
            ui.label(line);
        }
    }
    if !d.expected.is_empty() {
        egui::CollapsingHeader::new(egui::RichText::new(tr!(lang, "report-expected")).strong())
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
            egui::RichText::new(tr!(lang, "app-tried-and-refused", count = d.refused.len()))
                .strong(),
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
