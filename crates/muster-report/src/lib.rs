//! The after-action report of a finished exercise (`report`: HTML to read and print, with CSV
//! and JSON beside it) and the briefing handed to the room before it starts (`summary`).

pub use muster_core::{
    diagnostic, files, headless, i18n, journal, library, plan, player, red_cell, scale, scenario,
    scoring, series, sim,
};
pub use muster_core::{msg, ron_enum, ron_struct, tr};
pub use muster_views::{inbox, views};

pub mod report;
pub mod summary;
