//! The scenario library shipped inside the binary, so the main command works from any directory.

use crate::diagnostic::Report;
use crate::scenario::{self, Scenario};

/// A scenario file compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledScenario {
    /// File name under `scenarios/`.
    pub file: &'static str,
    pub text: &'static str,
}

/// Every file of `scenarios/`; a test keeps this list and the folder in step.
pub const BUNDLED: &[BundledScenario] = &[
    BundledScenario {
        file: "port-city-outbreak.en.ron",
        text: include_str!("../../../scenarios/port-city-outbreak.en.ron"),
    },
    BundledScenario {
        file: "port-city-outbreak.zh.ron",
        text: include_str!("../../../scenarios/port-city-outbreak.zh.ron"),
    },
    BundledScenario {
        file: "tutorial.en.ron",
        text: include_str!("../../../scenarios/tutorial.en.ron"),
    },
    BundledScenario {
        file: "flu-surge.en.ron",
        text: include_str!("../../../scenarios/flu-surge.en.ron"),
    },
    BundledScenario {
        file: "cold-chain.en.ron",
        text: include_str!("../../../scenarios/cold-chain.en.ron"),
    },
    BundledScenario {
        file: "lantern-flu.zh.ron",
        text: include_str!("../../../scenarios/lantern-flu.zh.ron"),
    },
    BundledScenario {
        file: "campus-night-market.en.ron",
        text: include_str!("../../../scenarios/campus-night-market.en.ron"),
    },
    BundledScenario {
        file: "tianjin-2022.zh.ron",
        text: include_str!("../../../scenarios/tianjin-2022.zh.ron"),
    },
    BundledScenario {
        file: "mers-korea-2015.en.ron",
        text: include_str!("../../../scenarios/mers-korea-2015.en.ron"),
    },
];

/// The flagship scenario that runs when none is named.
pub const DEFAULT_SCENARIO: &str = "port-city-outbreak.en.ron";

/// A bundled scenario by file name, with or without `.ron`; a name without a language
/// (`tutorial`) means the English one.
pub fn find(file: &str) -> Option<&'static BundledScenario> {
    [
        file.to_string(),
        format!("{file}.ron"),
        format!("{file}.en.ron"),
    ]
    .iter()
    .find_map(|name| BUNDLED.iter().find(|b| b.file == name))
}

impl BundledScenario {
    pub fn load(&self) -> Result<(Scenario, Report), Report> {
        scenario::load_str(&format!("scenarios/{}", self.file), self.text)
    }
}

/// The default scenario. It is validated by the tests, so failing here is a build defect.
pub fn default_scenario() -> Result<(Scenario, Report), Report> {
    find(DEFAULT_SCENARIO)
        .expect("the default scenario is bundled")
        .load()
}
