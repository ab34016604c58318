//! The host that lets teams play from their own phones and tablets (`net`): join codes, one
//! HTTP and WebSocket server on the facilitator's machine, each role's page and what it may
//! send. The app runs it beside the exercise and applies what it hands over.

pub use muster_core::{
    diagnostic, files, headless, i18n, journal, library, plan, player, red_cell, scale, scenario,
    scoring, series, sim,
};
pub use muster_core::{msg, ron_enum, ron_struct, tr};
pub use muster_views::{inbox, views};

pub mod net;
