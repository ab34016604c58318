//! Muster's deterministic core: the scenario format and its validator, the simulation, scoring,
//! the journal, response plans and the red player, with the translation tables they speak
//! through. No Bevy, no network, no command line, no wall-clock time: the same scenario, seed
//! and commands give the same exercise (ARCHITECTURE.md). The app, the host, the report and the
//! command line are in the `muster` crate above it.

pub mod diagnostic;
pub mod files;
pub mod headless;
pub mod i18n;
pub mod journal;
pub mod library;
pub mod plan;
pub mod player;
pub mod red_cell;
pub mod scale;
pub mod scenario;
pub mod scoring;
pub mod series;
pub mod sim;
