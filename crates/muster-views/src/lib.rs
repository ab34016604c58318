//! What the screens show, as data: every event of the exercise in words (`inbox`) and each
//! role's desk as a type (`views`), built from the core's queries in the exercise's language.
//! The app's panels draw them, the host sends them to browser pages, the report quotes them.

pub use muster_core::{
    diagnostic, files, headless, i18n, journal, library, plan, player, red_cell, scale, scenario,
    scoring, series, sim,
};
pub use muster_core::{msg, ron_enum, ron_struct, tr};

pub mod inbox;
pub mod views;
