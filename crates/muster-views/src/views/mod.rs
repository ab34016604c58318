//! The screens' models: what each role sees and may do, as types built once from the core's
//! queries. The app's panels draw them and the host sends them to browser pages as JSON, so
//! the two cannot offer different things.

pub mod other_desks;
pub mod team_desk;

pub use other_desks::{BriefingPage, EvaluatorDesk, Projector};
pub use team_desk::{CityMap, Header, TeamDesk};
