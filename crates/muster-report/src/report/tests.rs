//! What the report says of scoring rules the core decides (`muster_core::scoring`).

use crate::i18n::Language;
use crate::scoring::Baseline;
use crate::sim::test_support::{command, small, small_scenario};
use crate::sim::{Exercise, Mode};

fn html_of(exercise: &Exercise) -> String {
    let baseline = Baseline::of(exercise);
    let aar = super::after_action(exercise, &baseline, Language::En);
    super::html(exercise, &baseline, &aar, Language::En)
}

/// A scenario that opts out of proportion has its reason in the report.
#[test]
fn an_opted_out_scenario_gives_its_reason() {
    let opted_out = small_scenario(
        "scenario.proportion: (opt_out: Some(\"One hour of play: no measure shows its effect\"))",
    );
    let html = html_of(&Exercise::new(opted_out, 1, Mode::Expected));
    assert!(html.contains("does not score the proportion of its measures: One hour of play"));
}

/// A card capped for paperwork says why.
#[test]
fn a_card_capped_for_paperwork_says_why() {
    let mut paper = small(
        Mode::Expected,
        r#"scenario.objectives: [
            (id: "activate", title: "Activate", kpis: [(metric: ActivationMinutes, target: 60.0, weight: 3.0)]),
            (id: "contain", title: "Contain", kpis: [(metric: Infections, target: 50.0)]),
        ]
        scenario.initial_cases: [(district: "north", count: 30)]
        scenario.proportion: (opt_out: Some("a test of paperwork"))"#,
    );
    paper
        .apply(command(r#"Activate(team: "health-team")"#))
        .unwrap();
    paper.advance(3 * 24 * 60);
    assert!(html_of(&paper).contains("Only paperwork so far"));
}
