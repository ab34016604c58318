//! The console's "Devices" tab: whether the exercise is open to teams' browsers, the address
//! to give the room, each role's join code with its QR code and who is connected, revoking a
//! code or issuing a new one, and the join cards to print.

use bevy_egui::egui;

use crate::app::remote::{self, Remote, Request, Requests};
use crate::app::session::Session;
use crate::net::Role;
use crate::tr;

#[derive(Default)]
pub struct DevicesForm {
    /// The role whose QR code is shown large.
    pub shown: Option<Role>,
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    remote: &Remote,
    requests: &mut Requests,
    form: &mut DevicesForm,
) {
    let lang = session.language;
    ui.heading(tr!(lang, "devices-title"));
    let Some(codes) = remote.codes() else {
        ui.label(tr!(lang, "devices-closed"));
        if ui.button(tr!(lang, "devices-open")).clicked() {
            requests.0.push(Request::Open(remote::DEFAULT_ADDRESS));
        }
        return;
    };
    ui.label(tr!(lang, "devices-url"));
    ui.label(
        egui::RichText::new(&remote.url)
            .monospace()
            .size(18.0)
            .strong(),
    );
    if ui.button(tr!(lang, "devices-print-cards")).clicked() {
        requests.0.push(Request::PrintCards);
    }
    ui.separator();
    let connected = remote
        .host
        .as_ref()
        .map(|h| h.connected())
        .unwrap_or_default();
    let scenario = session.scenario.as_deref();
    egui::Grid::new("join-codes")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for pass in codes.passes() {
                let name = remote::role_name(&pass.role, scenario, lang);
                let shown = form.shown.as_ref() == Some(&pass.role);
                if ui.selectable_label(shown, name).clicked() {
                    form.shown = Some(pass.role.clone());
                }
                if pass.revoked {
                    ui.label(egui::RichText::new(tr!(lang, "devices-revoked")).italics());
                } else {
                    ui.label(egui::RichText::new(&pass.code).monospace().strong());
                }
                let count = connected.get(&pass.role).copied().unwrap_or(0);
                let presence = tr!(lang, "devices-connected", count = count);
                if count > 0 {
                    ui.colored_label(egui::Color32::from_rgb(30, 110, 40), presence);
                } else {
                    ui.weak(presence);
                }
                ui.horizontal(|ui| {
                    if !pass.revoked && ui.small_button(tr!(lang, "devices-revoke")).clicked() {
                        requests.0.push(Request::Revoke(pass.role.clone()));
                    }
                    if ui.small_button(tr!(lang, "devices-new-code")).clicked() {
                        requests.0.push(Request::Reissue(pass.role.clone()));
                    }
                });
                ui.end_row();
            }
        });
    let shown = form
        .shown
        .clone()
        .or_else(|| codes.passes().first().map(|p| p.role.clone()));
    if let Some(pass) = codes
        .passes()
        .iter()
        .find(|p| Some(&p.role) == shown.as_ref() && !p.revoked)
    {
        ui.separator();
        let link = crate::net::codes::join_url(&remote.url, &pass.code);
        ui.label(remote::role_name(&pass.role, scenario, lang));
        qr(ui, &link, 200.0);
        ui.label(egui::RichText::new(link).monospace().small());
    }
}

/// A QR code of a link, drawn with egui's painter (dark modules on white, with a quiet zone).
fn qr(ui: &mut egui::Ui, link: &str, size: f32) {
    let Ok(code) = qrcode::QrCode::new(link.as_bytes()) else {
        return;
    };
    let width = code.width();
    let colors = code.to_colors();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    // Four modules of quiet zone on each side, as the standard asks.
    let module = size / (width as f32 + 8.0);
    for (n, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = ((n % width) as f32 + 4.0, (n / width) as f32 + 4.0);
            let min = rect.min + egui::vec2(x * module, y * module);
            painter.rect_filled(
                egui::Rect::from_min_size(min, egui::vec2(module, module)),
                0.0,
                egui::Color32::BLACK,
            );
        }
    }
}
