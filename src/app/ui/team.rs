//! A team's seat (hot seat on one machine): its inbox, what it owes and was asked, its units and
//! the orders it can give, and its own scorecard. It shows nothing the team was not told.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::app::ui::map::MapState;
use crate::i18n::Language;
use crate::scenario::{Id, Minutes, ZoneLevel};
use crate::sim::Command;
use crate::sim::command::*;
use crate::tr;
use crate::views::TeamDesk;
use crate::views::team_desk::Named;

#[derive(Default)]
pub struct TeamForm {
    /// The unit chosen, by id.
    pub unit: Option<String>,
    /// Hours of work on site; none: one shift of the unit's type.
    pub work_hours: Option<u32>,
    pub report_from: String,
    pub report_to: String,
    pub text: String,
    pub share_with: Vec<String>,
    pub quantity: u64,
    pub supply: String,
    /// Why the team decides or acts as it does: journaled with the answer or the action.
    pub rationale: String,
    /// The agency a red tactic that needs one is aimed at.
    pub red_agency: String,
    /// The feed's post the next statement answers.
    pub answering: Option<u32>,
    /// The next testing round: its district (none: the whole city), antigen or PCR, and
    /// samples a tube (0 reads as 1).
    pub round_district: Option<usize>,
    pub round_antigen: bool,
    pub round_pool: u32,
    /// The figures the next report states, as edited; none: the city's count as it moves.
    pub figures: Option<ReportedFigures>,
}

/// The figures the team's reports state: the city's count, which the team may edit (the core
/// judges them: `sim/report_truth.rs`). Returns what the next report states.
fn report_figures(
    ui: &mut egui::Ui,
    form: &mut TeamForm,
    counted: &ReportedFigures,
    lang: Language,
) -> ReportedFigures {
    let mut figures = form.figures.clone().unwrap_or_else(|| counted.clone());
    ui.label(tr!(lang, "team-report-figures"));
    // One figure a row: a narrow panel never splits a name from its box.
    egui::Grid::new("report-figures").show(ui, |ui| {
        for (value, words) in [
            (&mut figures.found, tr!(lang, "figure-found")),
            (&mut figures.deaths, tr!(lang, "figure-deaths")),
            (&mut figures.in_hospital, tr!(lang, "figure-in-hospital")),
        ] {
            let mut n = value.unwrap_or(0);
            ui.label(words);
            if ui.add(egui::DragValue::new(&mut n)).changed() {
                *value = Some(n);
            }
            ui.end_row();
        }
    });
    if form.figures.is_some() && ui.small_button(tr!(lang, "team-report-counted")).clicked() {
        figures = counted.clone();
        form.figures = None;
    }
    if figures != *counted {
        form.figures = Some(figures.clone());
    }
    figures
}

/// Decisions put to the team and still open: the question, the options (what each does on
/// hover), the deadline, the answers so far, and a box for the rationale.
fn decisions(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    if desk.decisions.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-decisions")).strong());
    for decision in &desk.decisions {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new(&decision.question).strong());
            ui.colored_label(egui::Color32::from_rgb(150, 80, 0), &decision.deadline);
            if let Some(together) = &decision.together {
                ui.label(together);
            }
            for answer in &decision.answers {
                ui.label(egui::RichText::new(format!("  {answer}")).small());
            }
            ui.label(tr!(lang, "team-why-with-answer"));
            ui.text_edit_singleline(&mut form.rationale);
            ui.horizontal_wrapped(|ui| {
                for option in &decision.options {
                    let hover = hover_text(&option.description, option.follows.as_deref());
                    let chosen = decision.answered.as_deref() == Some(option.id.as_str());
                    let button = ui.selectable_label(chosen, &option.label);
                    let button = if hover.is_empty() {
                        button
                    } else {
                        button.on_hover_text(super::plain(&hover))
                    };
                    if button.clicked() && !chosen {
                        let why = std::mem::take(&mut form.rationale);
                        send(actions, option.command.clone().with_text(why));
                    }
                }
            });
        });
    }
    ui.separator();
}

/// What hovering over an option shows: its description, then what follows from it.
fn hover_text(description: &str, follows: Option<&str>) -> String {
    [Some(description), follows]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn send(actions: &mut Actions, command: Command) {
    actions.push(Action::Command(command));
}

/// Reports the team owes, filed with the figures the team states.
fn owed_reports(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    if desk.reports.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-reports-owed")).strong());
    let figures = report_figures(ui, form, &desk.counted, lang);
    for owed in &desk.reports {
        ui.horizontal(|ui| {
            let colour = if owed.late {
                egui::Color32::RED
            } else {
                egui::Color32::DARK_GRAY
            };
            ui.colored_label(colour, &owed.words);
            if ui.small_button(tr!(lang, "team-report")).clicked() {
                send(actions, with_figures(owed.command.clone(), &figures));
            }
        });
    }
    ui.separator();
}

fn with_figures(mut command: Command, figures: &ReportedFigures) -> Command {
    if let Command::Report(report) = &mut command {
        report.figures = Some(figures.clone());
    }
    command
}

/// Reporting channels red took down, and requests waiting for the team's answer.
fn channels_and_requests(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    lang: Language,
) {
    for channel in &desk.channels_down {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(egui::Color32::RED, &channel.words);
            if let Some(restore) = &channel.restore
                && ui.small_button(tr!(lang, "team-restore")).clicked()
            {
                send(actions, restore.clone());
            }
        });
    }
    if desk.requests.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-requests")).strong());
    for request in &desk.requests {
        ui.horizontal_wrapped(|ui| {
            ui.label(&request.words);
            if ui.small_button(tr!(lang, "team-accept")).clicked() {
                send(actions, request.accept.clone());
            }
            if ui.small_button(tr!(lang, "team-decline")).clicked() {
                send(actions, request.decline.clone());
            }
        });
    }
    ui.separator();
}

/// The team's left panel: what it must answer (decisions, reports, requests), the public's
/// feed and its inbox.
pub fn inbox(
    ui: &mut egui::Ui,
    session: &Session,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    let team = desk.team.id.as_str();
    ui.heading(&desk.team.name);
    decisions(ui, desk, actions, form, lang);
    owed_reports(ui, desk, actions, form, lang);
    channels_and_requests(ui, desk, actions, lang);
    let may_answer = exercise
        .scenario()
        .team(team)
        .is_some_and(|t| t.role == crate::scenario::TeamRole::Blue);
    feed(ui, session, form, team, may_answer);
    ui.label(egui::RichText::new(tr!(lang, "inbox-title")).strong());
    egui::ScrollArea::vertical()
        .id_salt(("inbox", team))
        .show(ui, |ui| {
            let events: Vec<_> = exercise.events_for(team).collect();
            for event in events.iter().rev() {
                if let Some((tone, text)) =
                    crate::inbox::describe(&event.kind, lang, &|m| super::clock(session, m))
                {
                    let color = tone_color(tone);
                    ui.label(
                        egui::RichText::new(super::clock(session, event.at))
                            .monospace()
                            .small(),
                    );
                    ui.colored_label(color, text);
                    ui.separator();
                }
            }
        });
}

/// The public's feed, newest first: a Blue team answers an open post with its next statement.
fn feed(ui: &mut egui::Ui, session: &Session, form: &mut TeamForm, team: &str, may_answer: bool) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    egui::CollapsingHeader::new(egui::RichText::new(tr!(lang, "feed-title")).strong())
        .id_salt(("feed", team))
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("feed-posts", team))
                .max_height(260.0)
                .show(ui, |ui| {
                    let posts = crate::inbox::latest_posts(exercise, lang);
                    if posts.is_empty() {
                        ui.label(tr!(lang, "feed-nothing"));
                    }
                    for post in posts {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} · {} · {}",
                                post.time, post.who, post.engaged
                            ))
                            .small(),
                        );
                        let color = match post.tone {
                            "negative" => egui::Color32::from_rgb(170, 30, 30),
                            "positive" => egui::Color32::from_rgb(30, 110, 40),
                            _ => egui::Color32::from_rgb(20, 60, 120),
                        };
                        ui.colored_label(color, &post.text);
                        if let Some(answered) = &post.answered {
                            ui.label(egui::RichText::new(answered).small().weak());
                        } else if post.open
                            && may_answer
                            && ui.small_button(tr!(lang, "feed-answer")).clicked()
                        {
                            form.answering = Some(post.number);
                        }
                        ui.separator();
                    }
                });
        });
    ui.separator();
}

/// The zones of the selected district: each with its level and the levels it may be given.
fn zone_orders(ui: &mut egui::Ui, desk: &TeamDesk, actions: &mut Actions, district: &str) {
    for zone in desk
        .measures
        .zones
        .iter()
        .filter(|z| z.district == district)
    {
        ui.horizontal_wrapped(|ui| {
            ui.label(&zone.words);
            for next in &desk.measures.zone_levels {
                let current = zone.level.clone().unwrap_or(ZoneLevel::Lifted) == next.id;
                if ui
                    .add_enabled(!current, egui::Button::new(&next.words).small())
                    .clicked()
                {
                    send(
                        actions,
                        Command::DeclareZone(DeclareZone {
                            team: Id::new(desk.team.id.clone()),
                            zone: Id::new(zone.id.clone()),
                            level: next.id.clone(),
                        }),
                    );
                }
            }
        });
    }
}

/// Rounds under way, and the order for the next one: where, how, how many samples a tube.
fn testing_round(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    ui.label(egui::RichText::new(tr!(lang, "team-testing-round")).strong());
    for round in &desk.rounds.under_way {
        ui.label(round);
    }
    let districts = &desk.city.districts;
    let chosen = form
        .round_district
        .and_then(|d| districts.get(d))
        .map_or_else(|| tr!(lang, "team-whole-city"), |d| d.name.clone());
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt(("round-district", &desk.team.id))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.round_district, None, tr!(lang, "team-whole-city"));
                for (d, district) in districts.iter().enumerate() {
                    ui.selectable_value(&mut form.round_district, Some(d), district.name.as_str());
                }
            });
        for method in &desk.rounds.methods {
            let antigen = method.id == TestMethod::Antigen;
            ui.selectable_value(&mut form.round_antigen, antigen, &method.words);
        }
    });
    if !form.round_antigen {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr!(lang, "team-samples-a-tube"));
            for pool in [1, 5, 10, 20] {
                let current = form.round_pool.max(1);
                if ui
                    .selectable_label(current == pool, pool.to_string())
                    .clicked()
                {
                    form.round_pool = pool;
                }
            }
        });
    }
    if ui.button(tr!(lang, "team-start-round")).clicked() {
        let (method, pool) = if form.round_antigen {
            (TestMethod::Antigen, 1)
        } else {
            (TestMethod::Pcr, form.round_pool.max(1))
        };
        let round = TestingRound {
            team: Id::new(desk.team.id.clone()),
            districts: form
                .round_district
                .and_then(|d| districts.get(d))
                .map(|d| vec![Id::new(d.id.clone())])
                .unwrap_or_default(),
            method,
            pool,
        };
        send(actions, Command::TestingRound(round));
    }
}

/// The inbox's colour for a tone of news.
fn tone_color(tone: crate::inbox::Tone) -> egui::Color32 {
    use crate::inbox::Tone;
    match tone {
        Tone::News => egui::Color32::from_rgb(20, 60, 120),
        Tone::Good => egui::Color32::from_rgb(30, 110, 40),
        Tone::Alert => egui::Color32::from_rgb(170, 30, 30),
        Tone::Routine => egui::Color32::from_gray(90),
    }
}

/// The team's units, one to choose, and the orders for it: where to, how long, what to carry.
fn units(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    place: Option<(String, String)>,
    lang: Language,
) {
    if desk.units.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-units")).strong());
    let selected = place
        .as_ref()
        .map_or_else(|| tr!(lang, "team-no-place"), |(_, name)| name.clone());
    ui.label(tr!(lang, "team-selected-place", place = selected));
    egui::ScrollArea::vertical()
        .id_salt(("units", &desk.team.id))
        .max_height(220.0)
        .show(ui, |ui| {
            for unit in &desk.units {
                ui.radio_value(&mut form.unit, Some(unit.id.clone()), &unit.line);
            }
        });
    let unit = form
        .unit
        .as_ref()
        .and_then(|id| desk.units.iter().find(|u| &u.id == id));
    ui.horizontal(|ui| {
        ui.label(tr!(lang, "team-work-on-site"));
        let shift = unit.map_or(tr!(lang, "team-a-shift"), |u| u.shift.clone());
        ui.selectable_value(&mut form.work_hours, None, shift);
        for hours in [24, 72, 336] {
            ui.selectable_value(
                &mut form.work_hours,
                Some(hours),
                tr!(lang, "team-days", days = hours / 24),
            );
        }
    });
    let Some(unit) = unit else {
        return;
    };
    let me = Id::new(desk.team.id.clone());
    ui.horizontal_wrapped(|ui| {
        if let Some((to, name)) = &place
            && !unit.carries_supplies
            && ui
                .button(tr!(lang, "team-dispatch-to", place = name.as_str()))
                .clicked()
        {
            let work = form.work_hours.map(|h| Minutes(h * 60));
            let at_base = unit.at_base;
            let (unit, to) = (Id::new(unit.id.clone()), Id::new(to.clone()));
            send(
                actions,
                if at_base {
                    Command::Dispatch(Dispatch {
                        team: me.clone(),
                        unit,
                        to,
                        work,
                    })
                } else {
                    Command::Redirect(Redirect {
                        team: me.clone(),
                        unit,
                        to,
                        work,
                    })
                },
            );
        }
        if let Some(recall) = &unit.recall
            && ui.button(tr!(lang, "team-recall")).clicked()
        {
            send(actions, recall.clone());
        }
    });
    if unit.carries_supplies {
        deliveries(ui, desk, actions, form, unit, place, lang);
    }
}

/// A supply unit's order: which stock, how much, to the facility selected on the map.
fn deliveries(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    unit: &crate::views::team_desk::UnitLine,
    place: Option<(String, String)>,
    lang: Language,
) {
    ui.horizontal_wrapped(|ui| {
        let chosen = desk
            .supplies
            .iter()
            .find(|s| s.id == form.supply)
            .map_or_else(|| tr!(lang, "team-supply"), |s| s.name.clone());
        egui::ComboBox::from_id_salt("supply")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for supply in &desk.supplies {
                    ui.selectable_value(&mut form.supply, supply.id.clone(), supply.name.as_str());
                }
            });
        ui.add(egui::DragValue::new(&mut form.quantity).range(0..=1_000_000));
        let facility = place.filter(|(id, _)| desk.city.facilities.iter().any(|f| &f.id == id));
        if let Some((to, name)) = facility
            && ui
                .button(tr!(lang, "team-deliver-to", facility = name.as_str()))
                .clicked()
        {
            send(
                actions,
                Command::Deliver(Deliver {
                    team: Id::new(desk.team.id.clone()),
                    unit: Id::new(unit.id.clone()),
                    supply: Id::new(form.supply.clone()),
                    quantity: form.quantity,
                    to: Id::new(to),
                }),
            );
        }
    });
}

/// The facility selected on the map, when the team may close, open or cohort it.
fn facility_orders(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    selected: &str,
    lang: Language,
) {
    let Some(facility) = desk.facilities.iter().find(|f| f.id == selected) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(&facility.words);
        for (order, words) in [
            (&facility.close, "team-close-it"),
            (&facility.reopen, "team-open-it"),
            (&facility.cohort_isolate, "team-cohort-it"),
        ] {
            if let Some(order) = order
                && ui.small_button(crate::i18n::text(lang, words)).clicked()
            {
                send(actions, order.clone().with_text(form.rationale.clone()));
            }
        }
    });
    ui.separator();
}

/// The scenario's own actions the team may take, each with what follows and what it costs.
fn own_actions(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    if desk.actions.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-actions")).strong());
    ui.horizontal(|ui| {
        ui.label(tr!(lang, "team-why"));
        ui.text_edit_singleline(&mut form.rationale)
            .on_hover_text(tr!(lang, "team-why-action-hover"));
    });
    for action in &desk.actions {
        ui.horizontal_wrapped(|ui| {
            let mut hover = hover_text(&action.description, action.follows.as_deref());
            if let Some(why) = &action.why_not {
                hover.push('\n');
                hover.push_str(&tr!(lang, "team-not-now", why = why.as_str()));
            }
            let button = ui
                .add_enabled(action.available, egui::Button::new(&action.name).small())
                .on_hover_text(super::plain(&hover))
                .on_disabled_hover_text(super::plain(&hover));
            if button.clicked() {
                let why = std::mem::take(&mut form.rationale);
                send(actions, action.command.clone().with_text(why));
            }
            if !action.facts.is_empty() {
                ui.label(egui::RichText::new(&action.facts).small());
            }
        });
    }
    ui.separator();
}

/// The levels of control the selected district may be given, what they cost, and its zones.
fn district_measures(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    district: &str,
    lang: Language,
) {
    let Some(spot) = desk.city.districts.iter().find(|d| d.id == district) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!(lang, "team-measures-in", district = spot.name.as_str()));
        for level in &desk.measures.levels {
            if ui.small_button(&level.words).clicked() {
                send(
                    actions,
                    Command::OrderMeasure(OrderMeasure {
                        team: Id::new(desk.team.id.clone()),
                        district: Id::new(district),
                        level: level.id.clone(),
                    }),
                );
            }
        }
    });
    if let Some(cost) = desk.measures.costs.get(district) {
        ui.label(egui::RichText::new(cost).small());
    }
    zone_orders(ui, desk, actions, district);
    ui.separator();
}

/// Planned gatherings the team decides, and those a decision point decides.
fn gatherings(
    ui: &mut egui::Ui,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    if desk.gatherings.is_empty() && desk.gatherings_at_points.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-planned-events")).strong());
    ui.horizontal(|ui| {
        ui.label(tr!(lang, "team-why"));
        ui.text_edit_singleline(&mut form.rationale)
            .on_hover_text(tr!(lang, "team-why-decision-hover"));
    });
    for gathering in &desk.gatherings {
        ui.label(&gathering.words);
        ui.horizontal_wrapped(|ui| {
            for option in &gathering.options {
                if ui.small_button(&option.words).clicked() {
                    send(
                        actions,
                        option.command.clone().with_text(form.rationale.clone()),
                    );
                }
            }
        });
    }
    for words in &desk.gatherings_at_points {
        ui.label(egui::RichText::new(words).italics());
    }
    ui.separator();
}

/// A message: a report of the team's own, shared information, a request for help or a
/// public statement (answering the post chosen in the feed).
fn message(
    ui: &mut egui::Ui,
    session: &Session,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    lang: Language,
) {
    let me = Id::new(desk.team.id.clone());
    ui.label(egui::RichText::new(tr!(lang, "team-message")).strong());
    if let Some(number) = form.answering {
        let post = session
            .exercise
            .as_ref()
            .and_then(|e| e.feed().iter().find(|p| p.number == number));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(tr!(lang, "feed-answering", number = number));
            if let Some(post) = post {
                ui.label(egui::RichText::new(&post.text).italics());
            }
            if ui.small_button(tr!(lang, "feed-cancel")).clicked() {
                form.answering = None;
            }
        });
    }
    ui.text_edit_multiline(&mut form.text);
    ui.horizontal_wrapped(|ui| {
        let from = tr!(
            lang,
            "team-from",
            agency = name_of(&desk.own_agencies, &form.report_from)
        );
        agency_choice(
            ui,
            "report-from",
            from,
            &desk.own_agencies,
            &mut form.report_from,
        );
        let to = tr!(
            lang,
            "team-to",
            agency = name_of(&desk.agencies, &form.report_to)
        );
        agency_choice(ui, "report-to", to, &desk.agencies, &mut form.report_to);
        if ui.button(tr!(lang, "team-report")).clicked() {
            let figures = form.figures.clone().unwrap_or_else(|| desk.counted.clone());
            send(
                actions,
                Command::Report(Report {
                    team: me.clone(),
                    from: Id::new(form.report_from.clone()),
                    to: Id::new(form.report_to.clone()),
                    text: form.text.clone(),
                    figures: Some(figures),
                }),
            );
        }
    });
    ui.horizontal_wrapped(|ui| {
        for partner in &desk.aid_partners {
            let mut on = form.share_with.contains(&partner.id);
            if ui.checkbox(&mut on, &partner.name).changed() {
                if on {
                    form.share_with.push(partner.id.clone());
                } else {
                    form.share_with.retain(|t| *t != partner.id);
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr!(lang, "team-share")).clicked() {
            let with = form
                .share_with
                .iter()
                .filter(|t| desk.teams.iter().any(|team| &team.id == *t))
                .map(Id::new)
                .collect();
            send(
                actions,
                Command::Share(Share {
                    team: me.clone(),
                    with,
                    text: form.text.clone(),
                }),
            );
        }
        if ui.button(tr!(lang, "team-ask-for-help")).clicked()
            && let Some(to) = form.share_with.first()
        {
            send(
                actions,
                Command::RequestAid(RequestAid {
                    team: me.clone(),
                    to: Id::new(to.clone()),
                    units: Vec::new(),
                    supply: None,
                    quantity: 0,
                    deliver_to: None,
                    text: form.text.clone(),
                    within: Minutes(120),
                }),
            );
        }
        if ui.button(tr!(lang, "team-statement")).clicked() {
            send(
                actions,
                Command::Statement(Statement {
                    team: me.clone(),
                    district: None,
                    text: form.text.clone(),
                    post: form.answering.take(),
                }),
            );
        }
    });
}

/// An item's name by its id, in a list of the desk's.
fn name_of(list: &[Named], id: &str) -> String {
    list.iter()
        .find(|a| a.id == id)
        .map_or(id.to_string(), |a| a.name.clone())
}

/// A list to choose an agency from, showing `shown`; the choice's id goes into `chosen`.
fn agency_choice(
    ui: &mut egui::Ui,
    salt: &str,
    shown: String,
    agencies: &[Named],
    chosen: &mut String,
) {
    egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for agency in agencies {
                ui.selectable_value(chosen, agency.id.clone(), agency.name.as_str());
            }
        });
}

/// The team's right panel: its orders. The red cell's is its console.
pub fn desk(
    ui: &mut egui::Ui,
    session: &Session,
    desk: &TeamDesk,
    actions: &mut Actions,
    form: &mut TeamForm,
    map: &MapState,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    let team = desk.team.id.as_str();
    if desk.red.is_some() {
        egui::ScrollArea::vertical()
            .id_salt(("red", team))
            .show(ui, |ui| {
                super::red::console(ui, session, actions, form, map.selected, team);
            });
        return;
    }
    // The place chosen on the map, by id and name.
    let place = map.selected.map(|p| {
        (
            exercise.place_name(p),
            place_title(desk, &exercise.place_name(p)),
        )
    });
    egui::ScrollArea::vertical()
        .id_salt(("desk", team))
        .show(ui, |ui| {
            if let Some(activate) = &desk.team.activate
                && ui.button(tr!(lang, "team-activate")).clicked()
            {
                send(actions, activate.clone());
            }
            units(ui, desk, actions, form, place.clone(), lang);
            ui.separator();
            if let Some((id, _)) = &place {
                facility_orders(ui, desk, actions, form, id, lang);
            }
            own_actions(ui, desk, actions, form, lang);
            if let Some((id, _)) = &place
                && desk.measures.may_order
            {
                district_measures(ui, desk, actions, id, lang);
            }
            if desk.rounds.may_start {
                testing_round(ui, desk, actions, form, lang);
                ui.separator();
            }
            gatherings(ui, desk, actions, form, lang);
            message(ui, session, desk, actions, form, lang);
            ui.separator();
            super::scoreboard::show(ui, session, actions, Some(team));
        });
}

/// A place's name as participants read it, from its id.
fn place_title(desk: &TeamDesk, id: &str) -> String {
    let district = desk
        .city
        .districts
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone());
    let facility = || {
        desk.city
            .facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
    };
    district.or_else(facility).unwrap_or_else(|| id.to_string())
}
