//! The control cell's desk: the MSEL as a timeline (coming, fired, skipped, conditional injects
//! armed), with fire / delay / skip / edit, composing a new inject, and evaluator observations.

use bevy_egui::egui;

use crate::app::session::{Action, Actions, Session};
use crate::scenario::{Channel, Id, Trigger};
use crate::sim::command::{ComposeInject, DelayInject, EditInject, InjectOrder, Observe};
use crate::sim::{Command, InjectStatus};

#[derive(Default)]
pub struct FacilitatorForm {
    pub compose_open: bool,
    pub compose_title: String,
    pub compose_message: String,
    pub compose_to: Vec<String>,
    pub editing: Option<(String, String, String)>,
    pub observation: String,
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    actions: &mut Actions,
    form: &mut FacilitatorForm,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    ui.heading("MSEL");
    ui.horizontal(|ui| {
        if ui.button("✉ Compose inject").clicked() {
            form.compose_open = true;
        }
        if let Some(at) = session.next_inject_at() {
            ui.label(format!("next at {}", super::clock(session, at)));
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
                    (InjectStatus::Skipped, _) => {
                        ("✖", "skipped".into(), egui::Color32::from_gray(150))
                    }
                    (InjectStatus::Pending, Trigger::At(_)) => (
                        "⏳",
                        super::clock(session, time_of(n)),
                        egui::Color32::from_rgb(20, 60, 120),
                    ),
                    (InjectStatus::Pending, Trigger::When(c)) => (
                        "⚡",
                        format!("when {}", super::plain(&c.describe())),
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
                        if ui.small_button("Fire now").clicked() {
                            actions.push(Action::Command(Command::FireInject(InjectOrder {
                                inject: id.clone(),
                            })));
                        }
                        if matches!(inject.trigger, Trigger::At(_))
                            && ui.small_button("+30 min").clicked()
                        {
                            actions.push(Action::Command(Command::DelayInject(DelayInject {
                                inject: id.clone(),
                                by: crate::scenario::Minutes(30),
                            })));
                        }
                        if ui.small_button("Skip").clicked() {
                            actions.push(Action::Command(Command::SkipInject(InjectOrder {
                                inject: id.clone(),
                            })));
                        }
                        if ui.small_button("Edit").clicked() {
                            form.editing =
                                Some((id.name.clone(), state.title.clone(), state.message.clone()));
                        }
                    });
                }
                ui.add_space(4.0);
            }
        });
    ui.separator();
    ui.label(egui::RichText::new("Evaluator observation").strong());
    ui.text_edit_singleline(&mut form.observation);
    if ui.button("Record observation").clicked() && !form.observation.trim().is_empty() {
        actions.push(Action::Command(Command::Observe(Observe {
            text: std::mem::take(&mut form.observation),
            objective: None,
            team: None,
            evaluator: String::new(),
        })));
    }

    compose_window(ui.ctx(), session, actions, form);
    edit_window(ui.ctx(), actions, form);
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
    let mut open = form.compose_open;
    let mut send = false;
    egui::Window::new("Compose an inject")
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.label("Title");
            ui.text_edit_singleline(&mut form.compose_title);
            ui.label("Message");
            ui.text_edit_multiline(&mut form.compose_message);
            ui.label("Send to");
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
            send = ui.button("Send now").clicked();
        });
    if send {
        actions.push(Action::Command(Command::ComposeInject(ComposeInject {
            title: std::mem::take(&mut form.compose_title),
            to: form.compose_to.iter().map(Id::new).collect(),
            channel: Channel::Phone,
            from: "Control cell".into(),
            message: std::mem::take(&mut form.compose_message),
            effects: Vec::new(),
        })));
        open = false;
    }
    form.compose_open = open;
}

fn edit_window(ctx: &egui::Context, actions: &mut Actions, form: &mut FacilitatorForm) {
    let Some((id, title, message)) = form.editing.as_mut() else {
        return;
    };
    let mut open = true;
    let mut save = false;
    egui::Window::new(format!("Edit inject {id}"))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label("Title");
            ui.text_edit_singleline(title);
            ui.label("Message");
            ui.text_edit_multiline(message);
            save = ui.button("Save").clicked();
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
