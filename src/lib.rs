//! Muster: a tabletop exercise simulator for public-health emergencies.
//!
//! The screens, the host, the report and the command line, above the deterministic core
//! (`crates/muster-core`: no Bevy, no wall-clock time); see ARCHITECTURE.md.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod compare;
pub mod contrasts;
pub mod inbox;
#[cfg(feature = "host")]
pub mod net;
pub mod report;
pub mod summary;
pub mod sweep;
pub mod views;

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
