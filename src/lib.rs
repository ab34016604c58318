//! Muster: a tabletop exercise simulator for public-health emergencies.
//!
//! The command line and the app, above the crates that are its layers (`crates/`): the
//! deterministic core, the screens' models, the report and the host; see ARCHITECTURE.md.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod compare;
pub mod contrasts;
pub mod sweep;

#[cfg(test)]
mod i18n_tests;
#[cfg(test)]
mod layering_tests;

// The core's modules under their old paths, so that `crate::sim::…` reads the same above it.
pub use muster_core::{
    diagnostic, files, headless, i18n, journal, library, plan, player, red_cell, scale, scenario,
    scoring, series, sim,
};
pub use muster_core::{msg, ron_enum, ron_struct, tr};
// The crates above the core, under the paths they had as modules of this one.
#[cfg(feature = "host")]
pub use muster_host::net;
pub use muster_report::{report, summary};
pub use muster_views::{inbox, views};
