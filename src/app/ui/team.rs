//! A team's seat (hot seat on one machine): its inbox, what it owes and was asked, its units and
//! the orders it can give, and its own scorecard. It shows nothing the team was not told.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::app::ui::map::{MapState, visible_units};
use crate::scenario::{ControlLevel, Id, Minutes, UnitRole};
use crate::sim::command::*;
use crate::sim::{Command, EventKind, Place, UnitStatus};

#[derive(Default)]
pub struct TeamForm {
    pub unit: Option<usize>,
    pub work_hours: u32,
    pub report_from: String,
    pub report_to: String,
    pub text: String,
    pub share_with: Vec<String>,
    pub quantity: u64,
    pub supply: String,
}

fn describe(kind: &EventKind) -> Option<(egui::Color32, String)> {
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
            format!("{team} decided on {name}: {}", decision.words()),
        ),
        EventKind::TrustAlert { district, trust } => (
            red,
            format!("Public trust in {district} down to {:.0}%", trust * 100.0),
        ),
        EventKind::Deaths { district, count } => (red, format!("{count} death(s) in {district}")),
        EventKind::Notice { text } => (gray, text.clone()),
        _ => return None,
    })
}

pub fn inbox(ui: &mut egui::Ui, session: &Session, actions: &mut Actions, team: &str) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let team_def = scenario.team(team);
    ui.heading(team_def.map_or(team.to_string(), |t| t.name.clone()));
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
                if ui.small_button("Accept").clicked() {
                    actions.push(Action::Command(Command::AnswerAid(AnswerAid {
                        team: Id::new(team),
                        request: r.number,
                        accept: true,
                        from,
                        quantity: None,
                        unit: None,
                        arrives_in: None,
                        text: String::new(),
                    })));
                }
                if ui.small_button("Decline").clicked() {
                    actions.push(Action::Command(Command::AnswerAid(AnswerAid {
                        team: Id::new(team),
                        request: r.number,
                        accept: false,
                        from: None,
                        quantity: None,
                        unit: None,
                        arrives_in: None,
                        text: String::new(),
                    })));
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
                if let Some((color, text)) = describe(&event.kind) {
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
                    for n in visible_units(exercise, Some(team)) {
                        let u = &exercise.units()[n];
                        let role = &scenario.resource_types[u.resource].role;
                        let text = format!(
                            "{} ({role:?}) — {}",
                            u.id,
                            status(session, &u.status, exercise)
                        );
                        ui.radio_value(&mut form.unit, Some(n), text);
                    }
                });
            if form.work_hours == 0 {
                form.work_hours = 8;
            }
            ui.horizontal(|ui| {
                ui.label("work on site");
                for hours in [8, 24, 72, 336] {
                    ui.selectable_value(
                        &mut form.work_hours,
                        hours,
                        if hours < 24 {
                            format!("{hours} h")
                        } else {
                            format!("{} d", hours / 24)
                        },
                    );
                }
            });
            if let Some(n) = form.unit {
                let u = &exercise.units()[n];
                let unit = Id::new(u.id.clone());
                let role = scenario.resource_types[u.resource].role.clone();
                ui.horizontal_wrapped(|ui| {
                    let work = Some(Minutes(form.work_hours * 60));
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
                                        text: form.text.clone(),
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
                for other in scenario.teams.iter().filter(|t| t.id.as_str() != team) {
                    let mut on = form.share_with.contains(&other.id.name);
                    if ui.checkbox(&mut on, other.name.as_str()).changed() {
                        if on {
                            form.share_with.push(other.id.name.clone());
                        } else {
                            form.share_with.retain(|t| *t != other.id.name);
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
                            with: form.share_with.iter().map(Id::new).collect(),
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
