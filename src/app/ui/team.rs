//! A team's seat (hot seat on one machine): its inbox, what it owes and was asked, its units and
//! the orders it can give, and its own scorecard. It shows nothing the team was not told.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::app::ui::map::MapState;
use crate::scenario::{ControlLevel, Id, Minutes, UnitRole};
use crate::sim::command::*;
use crate::sim::{Command, EventKind, Place, UnitStatus};

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
}

fn describe(kind: &EventKind, clock: &dyn Fn(u32) -> String) -> Option<(egui::Color32, String)> {
    let blue = egui::Color32::from_rgb(20, 60, 120);
    let green = egui::Color32::from_rgb(30, 110, 40);
    let red = egui::Color32::from_rgb(170, 30, 30);
    let gray = egui::Color32::from_gray(90);
    Some(match kind {
        EventKind::InjectFired {
            title,
            channel,
            from,
            message,
            ..
        } => (
            blue,
            format!(
                "[{channel:?}] {title}{}\n{message}",
                if from.is_empty() {
                    String::new()
                } else {
                    format!(" — {from}")
                }
            ),
        ),
        EventKind::Shared { team, text, .. } => (blue, format!("[shared by {team}] {text}")),
        EventKind::AidRequested {
            request,
            from_team,
            to_team,
            units,
            supply,
            quantity,
            text,
        } => {
            let what = if units.is_empty() {
                String::new()
            } else {
                format!(" units {}", units.join(", "))
            };
            let stock = supply
                .as_ref()
                .map(|s| format!(" {quantity} {s}"))
                .unwrap_or_default();
            (
                blue,
                format!("Request {request}: {from_team} asks {to_team} for{what}{stock}. {text}"),
            )
        }
        EventKind::AidAnswered {
            request,
            team,
            accepted,
            text,
            note,
        } => (
            green,
            format!(
                "Request {request} {} by {team}{}. {text}",
                if *accepted { "accepted" } else { "declined" },
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            ),
        ),
        EventKind::AidUnanswered { request, .. } => {
            (red, format!("Request {request} went unanswered"))
        }
        EventKind::ReportDue { rule, from, to, .. } => {
            (gray, format!("Report due: {rule} ({from} -> {to})"))
        }
        EventKind::ReportOverdue { rule, .. } => (red, format!("Report overdue: {rule}")),
        EventKind::ReportFiled {
            from, to, on_time, ..
        } => (
            green,
            format!(
                "Report filed {from} -> {to}{}",
                if *on_time { "" } else { " (late)" }
            ),
        ),
        EventKind::UnitDispatched { unit, to, .. } => (gray, format!("{unit} on its way to {to}")),
        EventKind::UnitArrived { unit, at_place } => {
            (gray, format!("{unit} arrived at {at_place}"))
        }
        EventKind::UnitFinished { unit, at_place } => {
            (gray, format!("{unit} finished at {at_place}"))
        }
        EventKind::UnitReturned { unit } => (gray, format!("{unit} back at base")),
        EventKind::UnitIdle { unit, reason } => (red, format!("{unit}: {reason}")),
        EventKind::Delivered {
            unit,
            supply,
            quantity,
            to,
        } => (
            green,
            format!("{unit} delivered {quantity} {supply} to {to}"),
        ),
        EventKind::MeasureOrdered {
            team,
            district,
            level,
        } => (blue, format!("{team} set {district} to {level:?}")),
        EventKind::Statement { team, text, .. } => (blue, format!("Statement by {team}: {text}")),
        EventKind::Activated { team } => (blue, format!("{team} activated its command")),
        EventKind::StockOut { facility, supply } => {
            (red, format!("{facility} ran out of {supply}"))
        }
        EventKind::HospitalOverflow { waiting, beds } => (
            red,
            format!("Hospitals full: {waiting} patients waiting for a bed ({beds})"),
        ),
        EventKind::NoQuarantineRoom { district, waiting } => (
            red,
            format!("{waiting} traced contacts in {district} wait at home: no quarantine room"),
        ),
        EventKind::SitesNearlyFull { occupied, rooms } => (
            red,
            format!("Quarantine and isolation sites nearly full: {occupied} of {rooms} rooms"),
        ),
        EventKind::GatheringStarted {
            name,
            place,
            attendees,
            with_measures,
            ..
        } => (
            blue,
            format!(
                "{name} under way at {place}: {attendees} attending{}",
                if *with_measures {
                    ", with measures"
                } else {
                    ""
                }
            ),
        ),
        EventKind::GatheringDecided {
            name,
            team,
            decision,
            ..
        } => (
            blue,
            format!(
                "{team} decided on {name}: {}",
                decision.words(crate::i18n::Language::En)
            ),
        ),
        EventKind::TrustAlert { district, trust } => (
            red,
            format!("Public trust in {district} down to {:.0}%", trust * 100.0),
        ),
        EventKind::Deaths { district, count } => (red, format!("{count} death(s) in {district}")),
        EventKind::Notice { text } => (gray, text.clone()),
        EventKind::DecisionOpened { question, due, .. } => (
            blue,
            format!(
                "Decision needed: {question} (see above; without a decision by {} the default applies)",
                clock(*due)
            ),
        ),
        EventKind::DecisionAnswered {
            team, label, text, ..
        } => (
            green,
            if text.is_empty() {
                format!("{team} chose \"{label}\"")
            } else {
                format!("{team} chose \"{label}\": {text}")
            },
        ),
        EventKind::DecisionSettled {
            question,
            label,
            how,
            ..
        } => (
            blue,
            format!(
                "Decided: {question} -> \"{label}\" ({})",
                how.words(crate::i18n::Language::En)
            ),
        ),
        EventKind::ActionTaken { name, team, .. } => (blue, format!("{team}: {name}")),
        EventKind::ActionInEffect { name, .. } => (green, format!("{name}: in effect")),
        EventKind::FacilityOpened { facility, by, open } => (
            blue,
            format!(
                "{facility} {} by {by}",
                if *open { "opened" } else { "closed" }
            ),
        ),
        EventKind::CapacityChanged {
            facility,
            beds,
            daily_capacity,
            ..
        } => (
            green,
            format!("{facility} now has {beds} beds or rooms, {daily_capacity} a day"),
        ),
        EventKind::UnitsOutOfService { units, reason, .. } => (
            red,
            format!(
                "Out of service: {}{}",
                units.join(", "),
                if reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({reason})")
                }
            ),
        ),
        EventKind::UnitsBackInService { units } => {
            (green, format!("Back in service: {}", units.join(", ")))
        }
        EventKind::AgencyMessage {
            from,
            channel,
            text,
            ..
        } => (blue, format!("[{channel:?}] {from}: {text}")),
        _ => return None,
    })
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
    let open: Vec<_> = exercise.open_decisions_for(team).collect();
    if open.is_empty() {
        return;
    }
    ui.label(egui::RichText::new("Decisions to take").strong());
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
                format!(
                    "Decide by {}; otherwise: \"{default}\"",
                    super::clock(session, decision.due)
                ),
            );
            if decision.teams.len() > 1 {
                let rule = match &point.rule {
                    crate::scenario::JointRule::Lead(lead) => {
                        format!("{lead} decides; the others advise")
                    }
                    crate::scenario::JointRule::Unanimous => {
                        "every team must choose the same".into()
                    }
                    crate::scenario::JointRule::FirstAnswer => "the first answer decides".into(),
                };
                ui.label(format!(
                    "Together with {} — {rule}",
                    decision.teams.join(", ")
                ));
                for t in &decision.teams {
                    let answer = decision
                        .answer_of(t)
                        .map_or("no answer yet".to_string(), |a| {
                            let label = point
                                .option(&a.option)
                                .map_or(a.option.as_str(), |o| o.label.as_str());
                            format!("\"{label}\" at {}", super::clock(session, a.at))
                        });
                    ui.label(egui::RichText::new(format!("  {t}: {answer}")).small());
                }
            }
            ui.label("Why (recorded with the answer):");
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
                        hover.push_str(&format!("What follows: {}", followed.join("; ")));
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
        ui.label(egui::RichText::new("Reports owed").strong());
        for r in owed {
            let late = r.due <= exercise.now();
            let text = format!(
                "{} -> {} ({}): due {}",
                r.from,
                r.to,
                r.rule,
                super::clock(session, r.due)
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
                if ui.small_button("Report").clicked() {
                    actions.push(Action::Command(Command::Report(Report {
                        team: Id::new(team),
                        from: Id::new(r.from.clone()),
                        to: Id::new(r.to.clone()),
                        text: String::new(),
                    })));
                }
            });
        }
        ui.separator();
    }
    // Requests waiting for this team's answer.
    let waiting: Vec<_> = exercise
        .requests()
        .iter()
        .filter(|r| r.to_team == team && r.answered.is_none())
        .collect();
    if !waiting.is_empty() {
        ui.label(egui::RichText::new("Requests for help").strong());
        for r in waiting {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "#{} from {} ({})",
                    r.number,
                    r.from_team,
                    super::clock(session, r.made_at)
                ));
                let from = r
                    .supply
                    .as_ref()
                    .and_then(|supply| exercise.best_stock_source(team, supply))
                    .map(|f| scenario.facilities[f].id.clone());
                for (label, accept) in [("Accept", true), ("Decline", false)] {
                    if ui.small_button(label).clicked() {
                        let from = if accept { from.clone() } else { None };
                        actions.push(super::answer_aid(team, r.number, accept, from));
                    }
                }
            });
        }
        ui.separator();
    }
    ui.label(egui::RichText::new("Inbox (newest first)").strong());
    egui::ScrollArea::vertical()
        .id_salt(("inbox", team))
        .show(ui, |ui| {
            let events: Vec<_> = exercise.events_for(team).collect();
            for event in events.iter().rev() {
                if let Some((color, text)) = describe(&event.kind, &|m| super::clock(session, m)) {
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

fn status(session: &Session, status: &UnitStatus, exercise: &crate::sim::Exercise) -> String {
    match status {
        UnitStatus::AtBase => "at base".into(),
        UnitStatus::Travelling { to, arrive, .. } => format!(
            "-> {} ({})",
            exercise.place_name(*to),
            super::clock(session, *arrive)
        ),
        UnitStatus::Working { place, until, .. } => format!(
            "working at {} until {}",
            exercise.place_name(*place),
            super::clock(session, *until)
        ),
        UnitStatus::Returning { arrive, .. } => {
            format!("returning ({})", super::clock(session, *arrive))
        }
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
    let send = |actions: &mut Actions, command: Command| actions.push(Action::Command(command));
    let me = Id::new(team);
    egui::ScrollArea::vertical()
        .id_salt(("desk", team))
        .show(ui, |ui| {
            if !exercise.activations().contains_key(team)
                && ui.button("Activate our incident command").clicked()
            {
                send(actions, Command::Activate(TeamOnly { team: me.clone() }));
            }
            let place = map.selected;
            let place_name = place.map(|p| exercise.place_name(p));
            ui.label(egui::RichText::new("Units").strong());
            ui.label(format!(
                "Selected place on the map: {}",
                place_name
                    .clone()
                    .unwrap_or_else(|| "none (click the map)".into())
            ));
            egui::ScrollArea::vertical()
                .id_salt(("units", team))
                .max_height(220.0)
                .show(ui, |ui| {
                    for n in exercise.units_visible_to(Some(team)) {
                        let u = &exercise.units()[n];
                        let role = &scenario.resource_types[u.resource].role;
                        let out = u.out_of_service.as_ref().map(|(until, why)| {
                            let when = if *until == u32::MAX {
                                String::new()
                            } else {
                                format!(" until {}", super::clock(session, *until))
                            };
                            format!(" — OUT OF SERVICE{when} {why}")
                        });
                        let people = if u.people > 1 {
                            format!(", {} people", u.people)
                        } else {
                            String::new()
                        };
                        let text = format!(
                            "{} ({role:?}{people}) — {}{}",
                            u.id,
                            status(session, &u.status, exercise),
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
                ui.label("work on site");
                ui.selectable_value(
                    &mut form.work_hours,
                    None,
                    shift.map_or("a shift".to_string(), |s| format!("a shift ({s})")),
                );
                for hours in [24, 72, 336] {
                    ui.selectable_value(
                        &mut form.work_hours,
                        Some(hours),
                        format!("{} d", hours / 24),
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
                            && ui.button(format!("Dispatch to {}", to)).clicked()
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
                    if !matches!(u.status, UnitStatus::AtBase) && ui.button("Recall").clicked() {
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
                                "supply"
                            } else {
                                form.supply.as_str()
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
                                .button(format!("Deliver to {}", scenario.facilities[f].name))
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
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "{} is {}{}",
                        facility.name,
                        if open { "open" } else { "closed" },
                        if facility.people > 0 {
                            format!(" ({} people spend their day there)", facility.people)
                        } else {
                            String::new()
                        }
                    ));
                    let order = FacilityOrder {
                        team: me.clone(),
                        facility: facility.id.clone(),
                        text: form.rationale.clone(),
                    };
                    if open && ui.small_button("Close it").clicked() {
                        send(actions, Command::CloseFacility(order));
                    } else if !open && ui.small_button("Open it").clicked() {
                        send(actions, Command::OpenFacility(order));
                    }
                });
                ui.separator();
            }
            let own_actions: Vec<_> = exercise.actions_for(team).collect();
            if !own_actions.is_empty() {
                ui.label(egui::RichText::new("Actions").strong());
                ui.horizontal(|ui| {
                    ui.label("Why:");
                    ui.text_edit_singleline(&mut form.rationale)
                        .on_hover_text("recorded with the action in the journal and the debrief");
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
                            hover.push_str(&format!("What follows: {}", followed.join("; ")));
                        }
                        if let crate::sim::Availability::NotNow(why) = &availability {
                            hover.push_str(&format!("\nNot now: {why}"));
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
                            facts.push(format!(
                                "costs {}",
                                crate::summary::group_digits(def.cost as u64)
                            ));
                        }
                        if def.takes.get() > 0 {
                            facts.push(format!("takes {}", def.takes));
                        }
                        if let crate::sim::Availability::NotNow(why) = &availability {
                            facts.push(why.to_string());
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
                    ui.label(format!("Measures in {}:", district.name));
                    for level in [
                        ControlLevel::Normal,
                        ControlLevel::Enhanced,
                        ControlLevel::Closed,
                    ] {
                        if ui.small_button(format!("{level:?}")).clicked() {
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
                ui.separator();
            }
            let planned: Vec<usize> = exercise
                .gatherings()
                .iter()
                .enumerate()
                .filter(|(n, g)| {
                    g.status == crate::sim::GatheringStatus::Planned
                        && exercise.may_decide_gathering(team, *n)
                })
                .map(|(n, _)| n)
                .collect();
            if !planned.is_empty() {
                ui.label(egui::RichText::new("Planned events").strong());
                ui.horizontal(|ui| {
                    ui.label("Why:");
                    ui.text_edit_singleline(&mut form.rationale)
                        .on_hover_text("recorded with the decision in the journal and the debrief");
                });
                for n in planned {
                    let plan = &scenario.mass_gatherings[n];
                    let state = &exercise.gatherings()[n];
                    ui.label(format!(
                        "{} at {}, {} ({} expected){}",
                        plan.name,
                        plan.place,
                        super::clock(session, state.start),
                        plan.attendees,
                        if state.with_measures {
                            ", with measures"
                        } else {
                            ""
                        }
                    ));
                    // A decision point of the MSEL decides on it: the options there carry the
                    // scenario's consequences and scores.
                    if let Some(point) = decided_at_point(scenario, plan.id.as_str()) {
                        ui.label(
                            egui::RichText::new(format!("Decided at decision point {point}"))
                                .italics(),
                        );
                        continue;
                    }
                    ui.horizontal_wrapped(|ui| {
                        for (label, decision) in [
                            ("Go ahead", GatheringDecision::GoAhead),
                            ("With measures", GatheringDecision::WithMeasures),
                            (
                                "Postpone 1 day",
                                GatheringDecision::Postpone(Minutes(24 * 60)),
                            ),
                            ("Cancel", GatheringDecision::Cancel),
                        ] {
                            if ui.small_button(label).clicked() {
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
            ui.label(egui::RichText::new("Message").strong());
            ui.text_edit_multiline(&mut form.text);
            ui.horizontal_wrapped(|ui| {
                egui::ComboBox::from_id_salt("report-from")
                    .selected_text(format!("from {}", form.report_from))
                    .show_ui(ui, |ui| {
                        for a in &team_def.agencies {
                            ui.selectable_value(&mut form.report_from, a.name.clone(), a.as_str());
                        }
                    });
                egui::ComboBox::from_id_salt("report-to")
                    .selected_text(format!("to {}", form.report_to))
                    .show_ui(ui, |ui| {
                        for a in &scenario.agencies {
                            ui.selectable_value(
                                &mut form.report_to,
                                a.id.name.clone(),
                                a.name.as_str(),
                            );
                        }
                    });
                if ui.button("Report").clicked() {
                    send(
                        actions,
                        Command::Report(Report {
                            team: me.clone(),
                            from: Id::new(form.report_from.clone()),
                            to: Id::new(form.report_to.clone()),
                            text: form.text.clone(),
                        }),
                    );
                }
            });
            ui.horizontal_wrapped(|ui| {
                // Teams, and the agencies the control cell plays (for requests for help).
                let others = scenario
                    .teams
                    .iter()
                    .filter(|t| t.id.as_str() != team)
                    .map(|t| (t.id.name.clone(), t.name.clone()))
                    .chain(
                        scenario
                            .agencies
                            .iter()
                            .filter(|a| a.simulated)
                            .map(|a| (a.id.name.clone(), format!("{} (control cell)", a.name))),
                    );
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
                if ui.button("Share with ticked teams").clicked() {
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
                if ui.button("Ask ticked team for help").clicked()
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
                if ui.button("Public statement").clicked() {
                    send(
                        actions,
                        Command::Statement(Statement {
                            team: me.clone(),
                            district: None,
                            text: form.text.clone(),
                        }),
                    );
                }
            });
            ui.separator();
            super::scoreboard::show(ui, session, actions, Some(team));
        });
}

/// The inject whose decision point decides on a planned gathering, if one does.
fn decided_at_point<'s>(
    scenario: &'s crate::scenario::Scenario,
    gathering: &str,
) -> Option<&'s str> {
    scenario.injects.iter().find_map(|inject| {
        let point = inject.decision.as_ref()?;
        point
            .options
            .iter()
            .flat_map(|o| &o.effects)
            .any(|e| {
                matches!(e, crate::scenario::Effect::GatheringDecision(g) if g.gathering.as_str() == gathering)
            })
            .then_some(inject.id.as_str())
    })
}
