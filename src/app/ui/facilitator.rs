//! The control cell's desk, in tabs: the MSEL as a timeline (coming, fired, skipped, conditional
//! injects armed) with fire / delay / skip / edit and composing a new inject; the decision points
//! and who has answered; the agencies the control cell plays (what reached them, answering as
//! them); and evaluation (observations, expected actions no command shows, to judge).

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::scenario::{Channel, Id, Trigger};
use crate::sim::command::{
    ComposeInject, DelayInject, EditInject, InjectOrder, Judge, Message, Observe, Verdict,
};
use crate::sim::{Command, EventKind, InjectStatus};
use crate::tr;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Msel,
    Decisions,
    Agencies,
    Evaluation,
    /// Teams on their own devices: codes, who is connected.
    Devices,
}

#[derive(Default)]
pub struct FacilitatorForm {
    pub tab: Tab,
    /// The agency the control cell speaks as, and what it says.
    pub agency: String,
    pub agency_text: String,
    pub compose_open: bool,
    pub compose_title: String,
    pub compose_message: String,
    pub compose_to: Vec<String>,
    pub editing: Option<(String, String, String)>,
    pub observation: String,
    pub devices: super::devices::DevicesForm,
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
    remote: (
        &crate::app::remote::Remote,
        &mut crate::app::remote::Requests,
    ),
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let open_decisions = exercise
        .decisions()
        .iter()
        .filter(|d| d.settled.is_none())
        .count();
    let to_judge = exercise
        .expectations()
        .iter()
        .filter(|e| e.check.is_none() && e.judged.is_none())
        .count();
    let lang = session.language;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut form.tab, Tab::Msel, tr!(lang, "console-msel"));
        ui.selectable_value(
            &mut form.tab,
            Tab::Decisions,
            tr!(lang, "console-decisions-tab", open = open_decisions),
        );
        if scenario.agencies.iter().any(|a| a.simulated) {
            ui.selectable_value(
                &mut form.tab,
                Tab::Agencies,
                tr!(lang, "console-agencies-tab"),
            );
        }
        ui.selectable_value(
            &mut form.tab,
            Tab::Evaluation,
            tr!(lang, "console-evaluation-tab", count = to_judge),
        );
        let connected: usize = remote
            .0
            .host
            .as_ref()
            .map_or(0, |h| h.connected().values().sum());
        ui.selectable_value(
            &mut form.tab,
            Tab::Devices,
            tr!(lang, "console-devices-tab", count = connected),
        );
    });
    ui.separator();
    match form.tab {
        Tab::Msel => {}
        Tab::Decisions => return decisions(ui, session),
        Tab::Agencies => return agencies(ui, session, actions, form),
        Tab::Evaluation => return evaluation(ui, session, actions, form),
        Tab::Devices => {
            let (remote, requests) = remote;
            return super::devices::show(ui, session, remote, requests, &mut form.devices);
        }
    }
    ui.heading(tr!(lang, "console-msel"));
    ui.horizontal(|ui| {
        if ui.button(tr!(lang, "console-compose")).clicked() {
            form.compose_open = true;
        }
        if let Some(at) = session.next_inject_at() {
            ui.label(tr!(
                lang,
                "console-next-at",
                time = super::clock(session, at)
            ));
        }
    });
    ui.separator();
    let mut order: Vec<usize> = (0..scenario.injects.len()).collect();
    let time_of = |n: usize| match scenario.injects[n].trigger {
        Trigger::At(at) => at.minutes() + exercise.injects()[n].delay,
        Trigger::When(_) => u32::MAX,
    };
    order.sort_by_key(|&n| (time_of(n), n));
    egui::ScrollArea::vertical()
        .id_salt("msel-list")
        .max_height(ui.available_height() - 150.0)
        .show(ui, |ui| {
            for n in order {
                let inject = &scenario.injects[n];
                let state = &exercise.injects()[n];
                let (mark, when, color) = match (&state.status, &inject.trigger) {
                    (InjectStatus::Fired(at), _) => (
                        "✔",
                        super::clock(session, *at),
                        egui::Color32::from_gray(120),
                    ),
                    (InjectStatus::Skipped, _) => (
                        "✖",
                        tr!(lang, "console-skipped"),
                        egui::Color32::from_gray(150),
                    ),
                    (InjectStatus::Pending, Trigger::At(_)) => (
                        "⏳",
                        super::clock(session, time_of(n)),
                        egui::Color32::from_rgb(20, 60, 120),
                    ),
                    (InjectStatus::Pending, Trigger::When(c)) => (
                        "⚡",
                        tr!(
                            lang,
                            "console-when",
                            condition = super::plain(&c.describe(lang))
                        ),
                        egui::Color32::from_rgb(150, 80, 0),
                    ),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{mark} {when}"))
                            .color(color)
                            .monospace(),
                    );
                    ui.label(
                        egui::RichText::new(format!("{} {}", inject.id, state.title)).color(color),
                    );
                });
                if state.status == InjectStatus::Pending {
                    ui.horizontal(|ui| {
                        let id = inject.id.clone();
                        if ui.small_button(tr!(lang, "console-fire-now")).clicked() {
                            actions.push(Action::Command(Command::FireInject(InjectOrder {
                                inject: id.clone(),
                            })));
                        }
                        if matches!(inject.trigger, Trigger::At(_))
                            && ui.small_button(tr!(lang, "console-delay")).clicked()
                        {
                            actions.push(Action::Command(Command::DelayInject(DelayInject {
                                inject: id.clone(),
                                by: crate::scenario::Minutes(30),
                            })));
                        }
                        if ui.small_button(tr!(lang, "console-skip")).clicked() {
                            actions.push(Action::Command(Command::SkipInject(InjectOrder {
                                inject: id.clone(),
                            })));
                        }
                        if ui.small_button(tr!(lang, "console-edit")).clicked() {
                            form.editing =
                                Some((id.name.clone(), state.title.clone(), state.message.clone()));
                        }
                    });
                }
                ui.add_space(4.0);
            }
        });
    compose_window(ui.ctx(), session, actions, form);
    edit_window(ui.ctx(), actions, form, lang);
}

/// Every decision point put so far: the question, who must answer, who has (with why), the
/// deadline, and how it was settled.
fn decisions(ui: &mut egui::Ui, session: &Session) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    if exercise.decisions().is_empty() {
        ui.label(tr!(lang, "console-no-decisions"));
    }
    egui::ScrollArea::vertical()
        .id_salt("decisions")
        .show(ui, |ui| {
            for d in exercise.decisions().iter().rev() {
                let point = exercise.decision_point(&d.inject);
                let label = |option: &str| {
                    point
                        .and_then(|p| p.option(option))
                        .map_or(option.to_string(), |o| o.label.clone())
                };
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(format!("{} ({})", d.question, d.inject)).strong(),
                    );
                    match &d.settled {
                        Some(s) => ui.colored_label(
                            egui::Color32::from_rgb(30, 110, 40),
                            tr!(
                                lang,
                                "console-settled",
                                option = label(&s.option),
                                how = s.by.words(lang),
                                time = super::clock(session, s.at)
                            ),
                        ),
                        None => ui.colored_label(
                            egui::Color32::from_rgb(150, 80, 0),
                            tr!(
                                lang,
                                "console-open-until",
                                time = super::clock(session, d.due),
                                teams = d.waiting_for().join(&tr!(lang, "list-comma"))
                            ),
                        ),
                    };
                    for team in &d.teams {
                        let text = match d.answer_of(team) {
                            Some(a) => {
                                let mut line = tr!(
                                    lang,
                                    "console-answer",
                                    team = team.as_str(),
                                    option = label(&a.option),
                                    time = super::clock(session, a.at)
                                );
                                if !a.text.is_empty() {
                                    line.push_str(&format!(" — {}", a.text));
                                }
                                line
                            }
                            None => tr!(lang, "console-no-answer", team = team.as_str()),
                        };
                        ui.label(text);
                    }
                });
            }
        });
}

/// What reached the agencies the control cell plays (reports, messages, requests for help),
/// and the facilitator answering as them.
fn agencies(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    let played: Vec<_> = scenario.agencies.iter().filter(|a| a.simulated).collect();
    if form.agency.is_empty()
        && let Some(first) = played.first()
    {
        form.agency = first.id.name.clone();
    }
    let pending: Vec<_> = exercise
        .requests()
        .iter()
        .filter(|r| r.answered.is_none() && exercise.is_simulated(&r.to_team))
        .collect();
    if !pending.is_empty() {
        ui.label(egui::RichText::new(tr!(lang, "console-requests")).strong());
        for r in pending {
            let what = match &r.supply {
                Some(s) => tr!(
                    lang,
                    "console-request-stock",
                    quantity = r.quantity,
                    supply = s.as_str(),
                    to = r.deliver_to.clone().unwrap_or_default()
                ),
                None if !r.units.is_empty() => tr!(
                    lang,
                    "console-request-units",
                    units = r.units.join(&tr!(lang, "list-comma"))
                ),
                None => tr!(lang, "console-request-help"),
            };
            ui.label(tr!(
                lang,
                "console-request",
                number = r.number,
                from = r.from_team.as_str(),
                to = r.to_team.as_str(),
                what = what,
                due = super::clock(session, r.due)
            ));
            ui.horizontal(|ui| {
                for (label, accept) in [
                    (tr!(lang, "console-accept-as-them"), true),
                    (tr!(lang, "console-decline-as-them"), false),
                ] {
                    if ui.small_button(label).clicked() {
                        actions.push(super::answer_aid(&r.to_team, r.number, accept, None));
                    }
                }
            });
        }
        ui.separator();
    }
    ui.label(egui::RichText::new(tr!(lang, "console-speak-as")).strong());
    ui.horizontal_wrapped(|ui| {
        for agency in &played {
            ui.selectable_value(
                &mut form.agency,
                agency.id.name.clone(),
                agency.name.as_str(),
            );
        }
    });
    ui.text_edit_multiline(&mut form.agency_text);
    ui.horizontal_wrapped(|ui| {
        ui.label(tr!(lang, "console-to"));
        for team in scenario.blue_teams() {
            if ui.small_button(team.name.as_str()).clicked() && !form.agency_text.trim().is_empty()
            {
                actions.push(Action::Command(Command::Message(Message {
                    from: Id::new(form.agency.clone()),
                    to: vec![team.id.clone()],
                    text: std::mem::take(&mut form.agency_text),
                    channel: Channel::Phone,
                })));
            }
        }
    });
    ui.separator();
    ui.label(egui::RichText::new(tr!(lang, "console-reached-them")).strong());
    egui::ScrollArea::vertical()
        .id_salt("agency-inbox")
        .show(ui, |ui| {
            for event in exercise.events().iter().rev() {
                let text = match &event.kind {
                    EventKind::ReportFiled {
                        team,
                        from,
                        to,
                        text,
                        ..
                    } if exercise.is_simulated(to) => {
                        tr!(
                            lang,
                            "console-reached-report",
                            from = from.as_str(),
                            to = to.as_str(),
                            team = team.as_str(),
                            text = text.as_str()
                        )
                    }
                    EventKind::AidRequested {
                        request,
                        from_team,
                        to_team,
                        text,
                        ..
                    } if exercise.is_simulated(to_team) => {
                        tr!(
                            lang,
                            "console-reached-request",
                            number = *request,
                            from = from_team.as_str(),
                            to = to_team.as_str(),
                            text = text.as_str()
                        )
                    }
                    EventKind::AgencyMessage { from, text, .. } => {
                        tr!(
                            lang,
                            "console-we-said",
                            from = from.as_str(),
                            text = text.as_str()
                        )
                    }
                    _ => continue,
                };
                ui.label(
                    egui::RichText::new(super::clock(session, event.at))
                        .monospace()
                        .small(),
                );
                ui.label(text);
                ui.separator();
            }
        });
}

/// Observations, and the expected actions no command shows, judged done / partly / not done.
fn evaluation(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let lang = session.language;
    ui.label(egui::RichText::new(tr!(lang, "console-observation")).strong());
    ui.text_edit_singleline(&mut form.observation);
    if ui.button(tr!(lang, "console-record-observation")).clicked()
        && !form.observation.trim().is_empty()
    {
        actions.push(Action::Command(Command::Observe(Observe {
            text: std::mem::take(&mut form.observation),
            objective: None,
            team: None,
            evaluator: String::new(),
        })));
    }
    ui.separator();
    ui.label(egui::RichText::new(tr!(lang, "console-to-judge")).strong());
    ui.label(egui::RichText::new(tr!(lang, "console-note-with-judgement")).small());
    let unchecked: Vec<_> = exercise
        .expectations()
        .iter()
        .filter(|e| e.check.is_none())
        .collect();
    if unchecked.is_empty() {
        ui.label(tr!(lang, "console-nothing-to-judge"));
    }
    egui::ScrollArea::vertical()
        .id_salt("to-judge")
        .show(ui, |ui| {
            for e in unchecked {
                ui.label(format!(
                    "{} {} — {}: \"{}\"",
                    super::clock(session, e.fired_at),
                    e.inject,
                    e.team_words(lang),
                    e.text
                ));
                ui.horizontal(|ui| {
                    if let Some(j) = &e.judged {
                        ui.colored_label(
                            egui::Color32::from_rgb(30, 110, 40),
                            tr!(lang, "console-judged", verdict = j.verdict.words(lang)),
                        );
                    }
                    for verdict in [Verdict::Done, Verdict::Partly, Verdict::NotDone] {
                        if ui.small_button(verdict.words(lang)).clicked() {
                            actions.push(Action::Command(Command::Judge(Judge {
                                inject: Id::new(e.inject.clone()),
                                expectation: e.index,
                                team: e.team.as_ref().map(Id::new),
                                verdict,
                                note: std::mem::take(&mut form.observation),
                                evaluator: String::new(),
                            })));
                        }
                    }
                });
                ui.separator();
            }
        });
}

fn compose_window(
    ctx: &egui::Context,
    session: &Session,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
) {
    let Some(scenario) = &session.scenario else {
        return;
    };
    let lang = session.language;
    let mut open = form.compose_open;
    let mut send = false;
    egui::Window::new(tr!(lang, "console-compose-title"))
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.label(tr!(lang, "console-title"));
            ui.text_edit_singleline(&mut form.compose_title);
            ui.label(tr!(lang, "console-message"));
            ui.text_edit_multiline(&mut form.compose_message);
            ui.label(tr!(lang, "console-send-to"));
            for team in &scenario.teams {
                let mut on = form.compose_to.contains(&team.id.name);
                if ui.checkbox(&mut on, team.name.as_str()).changed() {
                    if on {
                        form.compose_to.push(team.id.name.clone());
                    } else {
                        form.compose_to.retain(|t| *t != team.id.name);
                    }
                }
            }
            send = ui.button(tr!(lang, "console-send-now")).clicked();
        });
    if send {
        actions.push(Action::Command(Command::ComposeInject(ComposeInject {
            title: std::mem::take(&mut form.compose_title),
            to: form.compose_to.iter().map(Id::new).collect(),
            channel: Channel::Phone,
            from: tr!(lang, "console-control-cell"),
            message: std::mem::take(&mut form.compose_message),
            effects: Vec::new(),
        })));
        open = false;
    }
    form.compose_open = open;
}

fn edit_window(
    ctx: &egui::Context,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
    lang: crate::i18n::Language,
) {
    let Some((id, title, message)) = form.editing.as_mut() else {
        return;
    };
    let mut open = true;
    let mut save = false;
    egui::Window::new(tr!(lang, "console-edit-title", inject = id.as_str()))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(tr!(lang, "console-title"));
            ui.text_edit_singleline(title);
            ui.label(tr!(lang, "console-message"));
            ui.text_edit_multiline(message);
            save = ui.button(tr!(lang, "console-save")).clicked();
        });
    if save {
        actions.push(Action::Command(Command::EditInject(EditInject {
            inject: Id::new(id.clone()),
            title: Some(title.clone()),
            message: Some(message.clone()),
        })));
        open = false;
    }
    if !open {
        form.editing = None;
    }
}
