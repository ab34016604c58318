//! A team's seat (hot seat on one machine): its inbox, what it owes and was asked, its units and
//! the orders it can give, and its own scorecard. It shows nothing the team was not told.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::app::ui::map::MapState;
use crate::scenario::{ControlLevel, Id, Minutes, UnitRole, ZoneLevel};
use crate::sim::command::*;
use crate::sim::{Command, Place, UnitStatus};
use crate::tr;

#[derive(Default)]
pub struct TeamForm {
    pub unit: Option<usize>,
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
    exercise: &crate::sim::Exercise,
    lang: crate::i18n::Language,
) -> ReportedFigures {
    let counted = exercise.counts_now().as_figures();
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
    if figures != counted {
        form.figures = Some(figures.clone());
    }
    figures
}

/// Decisions put to the team and still open: the question, the options (what each does on
/// hover), the deadline, the answers so far, and a box for the rationale.
fn decisions(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut TeamForm,
    team: &str,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    let open: Vec<_> = exercise.open_decisions_for(team).collect();
    if open.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(tr!(lang, "team-decisions")).strong());
    for decision in open {
        let Some(point) = exercise.decision_point(&decision.inject) else {
            continue;
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new(&decision.question).strong());
            let default = point
                .option(point.default.as_str())
                .map_or(point.default.to_string(), |o| o.label.clone());
            ui.colored_label(
                egui::Color32::from_rgb(150, 80, 0),
                tr!(
                    lang,
                    "team-decide-by",
                    time = super::clock(session, decision.due),
                    default = default
                ),
            );
            if decision.teams.len() > 1 {
                let rule = match &point.rule {
                    crate::scenario::JointRule::Lead(lead) => {
                        tr!(lang, "team-rule-lead", lead = lead.as_str())
                    }
                    crate::scenario::JointRule::Unanimous => tr!(lang, "team-rule-unanimous"),
                    crate::scenario::JointRule::FirstAnswer => {
                        tr!(lang, "team-rule-first-answer")
                    }
                };
                let teams = decision.teams.join(&tr!(lang, "list-comma"));
                ui.label(tr!(lang, "team-together-with", teams = teams, rule = rule));
                for t in &decision.teams {
                    let answer =
                        decision
                            .answer_of(t)
                            .map_or(tr!(lang, "team-no-answer-yet"), |a| {
                                let label = point
                                    .option(&a.option)
                                    .map_or(a.option.as_str(), |o| o.label.as_str());
                                let time = super::clock(session, a.at);
                                tr!(lang, "team-answered", option = label, time = time)
                            });
                    ui.label(egui::RichText::new(format!("  {t}: {answer}")).small());
                }
            }
            ui.label(tr!(lang, "team-why-with-answer"));
            ui.text_edit_singleline(&mut form.rationale);
            ui.horizontal_wrapped(|ui| {
                let mine = decision.answer_of(team).map(|a| a.option.clone());
                for option in &point.options {
                    let followed: Vec<String> = option
                        .effects
                        .iter()
                        .map(|e| e.describe(scenario, session.language))
                        .collect();
                    let mut hover = option.description.clone();
                    if !followed.is_empty() {
                        if !hover.is_empty() {
                            hover.push('\n');
                        }
                        let effects = followed.join("; ");
                        hover.push_str(&tr!(lang, "team-what-follows", effects = effects));
                    }
                    let chosen = mine.as_deref() == Some(option.id.as_str());
                    let button = ui.selectable_label(chosen, &option.label);
                    let button = if hover.is_empty() {
                        button
                    } else {
                        button.on_hover_text(super::plain(&hover))
                    };
                    if button.clicked() && !chosen {
                        actions.push(Action::Command(Command::Decide(Decide {
                            team: Id::new(team),
                            decision: Id::new(decision.inject.clone()),
                            option: option.id.clone(),
                            text: std::mem::take(&mut form.rationale),
                        })));
                    }
                }
            });
        });
    }
    ui.separator();
}

pub fn inbox(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut TeamForm,
    team: &str,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    let team_def = scenario.team(team);
    ui.heading(team_def.map_or(team.to_string(), |t| t.name.clone()));
    decisions(ui, session, actions, form, team);
    // Reports this team owes.
    let owed: Vec<_> = exercise
        .reports()
        .iter()
        .filter(|r| r.filed_at.is_none() && exercise.team_plays(team, &r.from))
        .collect();
    if !owed.is_empty() {
        ui.label(egui::RichText::new(tr!(lang, "team-reports-owed")).strong());
        let figures = report_figures(ui, form, exercise, lang);
        for r in owed {
            let late = r.due <= exercise.now();
            let text = tr!(
                lang,
                "team-report-owed",
                from = r.from.as_str(),
                to = r.to.as_str(),
                rule = r.rule.as_str(),
                time = super::clock(session, r.due)
            );
            ui.horizontal(|ui| {
                ui.colored_label(
                    if late {
                        egui::Color32::RED
                    } else {
                        egui::Color32::DARK_GRAY
                    },
                    text,
                );
                if ui.small_button(tr!(lang, "team-report")).clicked() {
                    actions.push(Action::Command(Command::Report(Report {
                        team: Id::new(team),
                        from: Id::new(r.from.clone()),
                        to: Id::new(r.to.clone()),
                        text: String::new(),
                        figures: Some(figures.clone()),
                    })));
                }
            });
        }
        ui.separator();
    }
    // Reporting channels red took down, for agencies this team plays.
    for (agency, back, restoring) in exercise.channels_down() {
        if !exercise.team_plays(team, agency) {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                egui::Color32::RED,
                tr!(
                    lang,
                    "team-channel-down",
                    agency = agency,
                    time = super::clock(session, back)
                ),
            );
            if !restoring && ui.small_button(tr!(lang, "team-restore")).clicked() {
                actions.push(Action::Command(Command::Restore(
                    crate::sim::command::Restore {
                        team: Id::new(team),
                        agency: Id::new(agency),
                    },
                )));
            }
        });
    }
    // Requests waiting for this team's answer.
    let waiting: Vec<_> = exercise
        .requests()
        .iter()
        .filter(|r| r.to_team == team && r.answered.is_none())
        .collect();
    if !waiting.is_empty() {
        ui.label(egui::RichText::new(tr!(lang, "team-requests")).strong());
        for r in waiting {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr!(
                    lang,
                    "team-request-from",
                    number = r.number,
                    team = r.from_team.as_str(),
                    time = super::clock(session, r.made_at)
                ));
                let from = r
                    .supply
                    .as_ref()
                    .and_then(|supply| exercise.best_stock_source(team, supply))
                    .map(|f| scenario.facilities[f].id.clone());
                for (label, accept) in [
                    (tr!(lang, "team-accept"), true),
                    (tr!(lang, "team-decline"), false),
                ] {
                    if ui.small_button(label).clicked() {
                        let from = if accept { from.clone() } else { None };
                        actions.push(super::answer_aid(team, r.number, accept, from));
                    }
                }
            });
        }
        ui.separator();
    }
    let may_answer = team_def.is_some_and(|t| t.role == crate::scenario::TeamRole::Blue);
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

/// The inbox's colour for a tone of news.
/// The zones of the selected district: each with its residents, its level and the levels it
/// may be given.
fn zone_orders(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    team: &str,
    district: usize,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    for (node, level) in exercise.zones_of(district) {
        let zone = &exercise.nodes()[node];
        ui.horizontal_wrapped(|ui| {
            ui.label(crate::inbox::zone_words(lang, zone, level.as_ref()));
            for next in [
                ZoneLevel::Sealed,
                ZoneLevel::Controlled,
                ZoneLevel::Precaution,
                ZoneLevel::Lifted,
            ] {
                let current = level.clone().unwrap_or(ZoneLevel::Lifted) == next;
                if ui
                    .add_enabled(!current, egui::Button::new(next.words(lang)).small())
                    .clicked()
                {
                    actions.push(Action::Command(Command::DeclareZone(DeclareZone {
                        team: Id::new(team),
                        zone: Id::new(zone.id.clone()),
                        level: next,
                    })));
                }
            }
        });
    }
}

/// Rounds under way, and the order for the next one: where, how, how many samples a tube.
fn testing_round(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut TeamForm,
    team: &str,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    ui.label(egui::RichText::new(tr!(lang, "team-testing-round")).strong());
    for round in exercise.rounds_under_way() {
        ui.label(crate::inbox::round_progress(exercise, lang, &round));
    }
    let districts = &scenario.city.districts;
    let chosen = form
        .round_district
        .and_then(|d| districts.get(d))
        .map_or_else(|| tr!(lang, "team-whole-city"), |d| d.name.clone());
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt(("round-district", team))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.round_district, None, tr!(lang, "team-whole-city"));
                for (d, district) in districts.iter().enumerate() {
                    ui.selectable_value(&mut form.round_district, Some(d), district.name.as_str());
                }
            });
        ui.selectable_value(
            &mut form.round_antigen,
            false,
            TestMethod::Pcr.name().text(lang),
        );
        ui.selectable_value(
            &mut form.round_antigen,
            true,
            TestMethod::Antigen.name().text(lang),
        );
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
            team: Id::new(team),
            districts: form
                .round_district
                .and_then(|d| districts.get(d))
                .map(|d| vec![d.id.clone()])
                .unwrap_or_default(),
            method,
            pool,
        };
        actions.push(Action::Command(Command::TestingRound(round)));
    }
}

fn tone_color(tone: crate::inbox::Tone) -> egui::Color32 {
    use crate::inbox::Tone;
    match tone {
        Tone::News => egui::Color32::from_rgb(20, 60, 120),
        Tone::Good => egui::Color32::from_rgb(30, 110, 40),
        Tone::Alert => egui::Color32::from_rgb(170, 30, 30),
        Tone::Routine => egui::Color32::from_gray(90),
    }
}

pub fn desk(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut TeamForm,
    map: &MapState,
    team: &str,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let Some(team_def) = scenario.team(team) else {
        return;
    };
    let lang = session.language;
    if team_def.role == crate::scenario::TeamRole::Red {
        egui::ScrollArea::vertical()
            .id_salt(("red", team))
            .show(ui, |ui| {
                super::red::console(ui, session, actions, form, map.selected, team);
            });
        return;
    }
    let send = |actions: &mut Actions, command: Command| actions.push(Action::Command(command));
    let me = Id::new(team);
    egui::ScrollArea::vertical()
        .id_salt(("desk", team))
        .show(ui, |ui| {
            if !exercise.activations().contains_key(team)
                && ui.button(tr!(lang, "team-activate")).clicked()
            {
                send(actions, Command::Activate(TeamOnly { team: me.clone() }));
            }
            let place = map.selected;
            let place_name = place.map(|p| exercise.place_name(p));
            ui.label(egui::RichText::new(tr!(lang, "team-units")).strong());
            let selected = place_name
                .clone()
                .unwrap_or_else(|| tr!(lang, "team-no-place"));
            ui.label(tr!(lang, "team-selected-place", place = selected));
            egui::ScrollArea::vertical()
                .id_salt(("units", team))
                .max_height(220.0)
                .show(ui, |ui| {
                    for n in exercise.units_visible_to(Some(team)) {
                        let u = &exercise.units()[n];
                        let role = &scenario.resource_types[u.resource].role;
                        let out = u.out_of_service.as_ref().map(|(until, why)| {
                            if *until == u32::MAX {
                                tr!(lang, "team-out-of-service", why = why.as_str())
                            } else {
                                let time = super::clock(session, *until);
                                tr!(
                                    lang,
                                    "team-out-of-service-until",
                                    time = time,
                                    why = why.as_str()
                                )
                            }
                        });
                        let people = if u.people > 1 {
                            tr!(lang, "team-unit-people", count = u.people)
                        } else {
                            String::new()
                        };
                        let text = format!(
                            "{} ({}{people}) — {}{}",
                            u.id,
                            role.words(lang),
                            crate::inbox::unit_status(exercise, lang, &u.status, &|m| {
                                super::clock(session, m)
                            }),
                            out.unwrap_or_default()
                        );
                        ui.radio_value(&mut form.unit, Some(n), text);
                    }
                });
            // No choice: one shift of the unit's type, as the engine does when none is given.
            let shift = form
                .unit
                .map(|n| crate::scenario::Minutes(exercise.default_work_minutes(n)).to_string());
            ui.horizontal(|ui| {
                ui.label(tr!(lang, "team-work-on-site"));
                ui.selectable_value(
                    &mut form.work_hours,
                    None,
                    shift.map_or(tr!(lang, "team-a-shift"), |duration| {
                        tr!(lang, "team-a-shift-of", duration = duration)
                    }),
                );
                for hours in [24, 72, 336] {
                    ui.selectable_value(
                        &mut form.work_hours,
                        Some(hours),
                        tr!(lang, "team-days", days = hours / 24),
                    );
                }
            });
            if let Some(n) = form.unit {
                let u = &exercise.units()[n];
                let unit = Id::new(u.id.clone());
                let role = scenario.resource_types[u.resource].role.clone();
                ui.horizontal_wrapped(|ui| {
                    let work = form.work_hours.map(|h| Minutes(h * 60));
                    if let Some(p) = place {
                        let to = Id::new(exercise.place_name(p));
                        if role != UnitRole::Supply
                            && ui
                                .button(tr!(lang, "team-dispatch-to", place = to.as_str()))
                                .clicked()
                        {
                            let order = if matches!(u.status, UnitStatus::AtBase) {
                                Command::Dispatch(Dispatch {
                                    team: me.clone(),
                                    unit: unit.clone(),
                                    to,
                                    work,
                                })
                            } else {
                                Command::Redirect(Redirect {
                                    team: me.clone(),
                                    unit: unit.clone(),
                                    to,
                                    work,
                                })
                            };
                            send(actions, order);
                        }
                    }
                    if !matches!(u.status, UnitStatus::AtBase)
                        && ui.button(tr!(lang, "team-recall")).clicked()
                    {
                        send(
                            actions,
                            Command::Recall(UnitOrder {
                                team: me.clone(),
                                unit: unit.clone(),
                            }),
                        );
                    }
                });
                if role == UnitRole::Supply {
                    ui.horizontal_wrapped(|ui| {
                        egui::ComboBox::from_id_salt("supply")
                            .selected_text(if form.supply.is_empty() {
                                tr!(lang, "team-supply")
                            } else {
                                form.supply.clone()
                            })
                            .show_ui(ui, |ui| {
                                for s in &scenario.supplies {
                                    ui.selectable_value(
                                        &mut form.supply,
                                        s.id.name.clone(),
                                        s.name.as_str(),
                                    );
                                }
                            });
                        ui.add(egui::DragValue::new(&mut form.quantity).range(0..=1_000_000));
                        if let Some(Place::Facility(f)) = place
                            && ui
                                .button(tr!(
                                    lang,
                                    "team-deliver-to",
                                    facility = scenario.facilities[f].name.as_str()
                                ))
                                .clicked()
                        {
                            send(
                                actions,
                                Command::Deliver(Deliver {
                                    team: me.clone(),
                                    unit,
                                    supply: Id::new(form.supply.clone()),
                                    quantity: form.quantity,
                                    to: scenario.facilities[f].id.clone(),
                                }),
                            );
                        }
                    });
                }
            }
            ui.separator();
            if let Some(Place::Facility(f)) = place
                && exercise.may_close(team, f).is_ok()
            {
                let facility = &scenario.facilities[f];
                let open = exercise.facility_open(f);
                let cohort = exercise.facility_in_cohort(f);
                ui.horizontal_wrapped(|ui| {
                    let name = facility.name.as_str();
                    let state = if cohort {
                        tr!(lang, "team-facility-cohort", facility = name)
                    } else if open {
                        tr!(lang, "team-facility-open", facility = name)
                    } else {
                        tr!(lang, "team-facility-closed", facility = name)
                    };
                    let people = if facility.people > 0 {
                        let count = crate::i18n::count(lang, f64::from(facility.people));
                        tr!(lang, "team-facility-people", count = count)
                    } else {
                        String::new()
                    };
                    ui.label(format!("{state}{people}"));
                    let order = FacilityOrder {
                        team: me.clone(),
                        facility: facility.id.clone(),
                        text: form.rationale.clone(),
                    };
                    if open && ui.small_button(tr!(lang, "team-close-it")).clicked() {
                        send(actions, Command::CloseFacility(order.clone()));
                    }
                    if (!open || cohort) && ui.small_button(tr!(lang, "team-open-it")).clicked() {
                        send(actions, Command::OpenFacility(order.clone()));
                    }
                    if open
                        && !cohort
                        && facility.people > 0
                        && ui.small_button(tr!(lang, "team-cohort-it")).clicked()
                    {
                        send(actions, Command::CohortFacility(order));
                    }
                });
                ui.separator();
            }
            let own_actions: Vec<_> = exercise.actions_for(team).collect();
            if !own_actions.is_empty() {
                ui.label(egui::RichText::new(tr!(lang, "team-actions")).strong());
                ui.horizontal(|ui| {
                    ui.label(tr!(lang, "team-why"));
                    ui.text_edit_singleline(&mut form.rationale)
                        .on_hover_text(tr!(lang, "team-why-action-hover"));
                });
                for (def, availability) in own_actions {
                    ui.horizontal_wrapped(|ui| {
                        let available = availability == crate::sim::Availability::Available;
                        let mut hover = def.description.clone();
                        let followed: Vec<String> = def
                            .effects
                            .iter()
                            .map(|e| e.describe(scenario, session.language))
                            .collect();
                        if !followed.is_empty() {
                            if !hover.is_empty() {
                                hover.push('\n');
                            }
                            let effects = followed.join("; ");
                            hover.push_str(&tr!(lang, "team-what-follows", effects = effects));
                        }
                        if let crate::sim::Availability::NotNow(why) = &availability {
                            hover.push('\n');
                            hover.push_str(&tr!(lang, "team-not-now", why = why.text(lang)));
                        }
                        let button = ui
                            .add_enabled(available, egui::Button::new(&def.name).small())
                            .on_hover_text(super::plain(&hover))
                            .on_disabled_hover_text(super::plain(&hover));
                        if button.clicked() {
                            send(
                                actions,
                                Command::Act(Act {
                                    team: me.clone(),
                                    action: def.id.clone(),
                                    text: std::mem::take(&mut form.rationale),
                                }),
                            );
                        }
                        let mut facts = Vec::new();
                        if def.cost > 0.0 {
                            let cost = crate::i18n::count(lang, def.cost);
                            facts.push(tr!(lang, "team-costs", cost = cost));
                        }
                        if def.takes.get() > 0 {
                            let duration = crate::i18n::duration(lang, def.takes.get());
                            facts.push(tr!(lang, "team-takes", duration = duration));
                        }
                        if let crate::sim::Availability::NotNow(why) = &availability {
                            facts.push(why.text(lang));
                        }
                        if !facts.is_empty() {
                            ui.label(egui::RichText::new(facts.join(" · ")).small());
                        }
                    });
                }
                ui.separator();
            }
            if let Some(Place::District(d)) = place {
                let district = &scenario.city.districts[d];
                ui.horizontal_wrapped(|ui| {
                    let name = district.name.as_str();
                    ui.label(tr!(lang, "team-measures-in", district = name));
                    for level in [
                        ControlLevel::Normal,
                        ControlLevel::Enhanced,
                        ControlLevel::Closed,
                    ] {
                        if ui.small_button(level.words(lang)).clicked() {
                            send(
                                actions,
                                Command::OrderMeasure(OrderMeasure {
                                    team: me.clone(),
                                    district: district.id.clone(),
                                    level,
                                }),
                            );
                        }
                    }
                });
                ui.label(
                    egui::RichText::new(crate::inbox::measure_costs(exercise, lang, d)).small(),
                );
                zone_orders(ui, session, actions, team, d);
                ui.separator();
            }
            if exercise.may_start_rounds(team) {
                testing_round(ui, session, actions, form, team);
                ui.separator();
            }
            let planned = exercise.gatherings_to_decide(team);
            if !planned.is_empty() {
                ui.label(egui::RichText::new(tr!(lang, "team-planned-events")).strong());
                ui.horizontal(|ui| {
                    ui.label(tr!(lang, "team-why"));
                    ui.text_edit_singleline(&mut form.rationale)
                        .on_hover_text(tr!(lang, "team-why-decision-hover"));
                });
                for (n, decided_at) in planned {
                    let plan = &scenario.mass_gatherings[n];
                    ui.label(crate::inbox::planned_gathering(exercise, lang, n, &|m| {
                        super::clock(session, m)
                    }));
                    // A decision point of the MSEL decides on it: the options there carry the
                    // scenario's consequences and scores.
                    if let Some(point) = decided_at {
                        ui.label(
                            egui::RichText::new(tr!(lang, "team-decided-at-point", inject = point))
                                .italics(),
                        );
                        continue;
                    }
                    ui.horizontal_wrapped(|ui| {
                        for decision in [
                            GatheringDecision::GoAhead,
                            GatheringDecision::WithMeasures,
                            GatheringDecision::Postpone(Minutes(24 * 60)),
                            GatheringDecision::Cancel,
                        ] {
                            if ui.small_button(decision.words(lang)).clicked() {
                                send(
                                    actions,
                                    Command::DecideGathering(DecideGathering {
                                        team: me.clone(),
                                        gathering: plan.id.clone(),
                                        decision,
                                        text: form.rationale.clone(),
                                    }),
                                );
                            }
                        }
                    });
                }
                ui.separator();
            }
            ui.label(egui::RichText::new(tr!(lang, "team-message")).strong());
            if let Some(number) = form.answering {
                let post = exercise.feed().iter().find(|p| p.number == number);
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
                egui::ComboBox::from_id_salt("report-from")
                    .selected_text(tr!(lang, "team-from", agency = form.report_from.as_str()))
                    .show_ui(ui, |ui| {
                        for a in &team_def.agencies {
                            ui.selectable_value(&mut form.report_from, a.name.clone(), a.as_str());
                        }
                    });
                egui::ComboBox::from_id_salt("report-to")
                    .selected_text(tr!(lang, "team-to", agency = form.report_to.as_str()))
                    .show_ui(ui, |ui| {
                        for a in &scenario.agencies {
                            ui.selectable_value(
                                &mut form.report_to,
                                a.id.name.clone(),
                                a.name.as_str(),
                            );
                        }
                    });
                if ui.button(tr!(lang, "team-report")).clicked() {
                    let figures = form
                        .figures
                        .clone()
                        .unwrap_or_else(|| exercise.counts_now().as_figures());
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
                // Teams, and the agencies the control cell plays (for requests for help).
                let others = scenario
                    .teams
                    .iter()
                    // The red cell is no partner to share with or ask for help.
                    .filter(|t| t.id.as_str() != team && t.role != crate::scenario::TeamRole::Red)
                    .map(|t| (t.id.name.clone(), t.name.clone()))
                    .chain(scenario.agencies.iter().filter(|a| a.simulated).map(|a| {
                        let name = tr!(lang, "team-control-cell", name = a.name.as_str());
                        (a.id.name.clone(), name)
                    }));
                for (id, name) in others {
                    let mut on = form.share_with.contains(&id);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            form.share_with.push(id);
                        } else {
                            form.share_with.retain(|t| *t != id);
                        }
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                if ui.button(tr!(lang, "team-share")).clicked() {
                    send(
                        actions,
                        Command::Share(Share {
                            team: me.clone(),
                            with: form
                                .share_with
                                .iter()
                                .filter(|t| scenario.team(t).is_some())
                                .map(Id::new)
                                .collect(),
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
            ui.separator();
            super::scoreboard::show(ui, session, actions, Some(team));
        });
}
