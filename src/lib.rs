//! Muster: a tabletop exercise simulator for public-health emergencies.
//!
//! The library is the deterministic core (no Bevy, no wall-clock time); see ARCHITECTURE.md.

#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod compare;
pub mod contrasts;
pub mod diagnostic;
pub mod files;
pub mod headless;
pub mod i18n;
pub mod inbox;
pub mod journal;
pub mod library;
#[cfg(feature = "host")]
pub mod net;
pub mod plan;
pub mod player;
pub mod red_cell;
pub mod report;
pub mod scale;
pub mod scenario;
pub mod scoring;
pub mod series;
pub mod sim;
pub mod summary;
pub mod sweep;
