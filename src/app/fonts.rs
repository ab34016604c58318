//! Chinese text in egui. egui's default fonts have no CJK glyphs, so Droid Sans Fallback
//! (Apache-2.0, `assets/fonts/`) is compiled in and added as a fallback after the defaults:
//! Latin text keeps egui's look, Chinese text renders instead of boxes, on any machine.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, install_fonts.run_if(run_once));
}

fn install_fonts(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "cjk".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("cjk".to_owned());
    }
    ctx.set_fonts(fonts);
    Ok(())
}
