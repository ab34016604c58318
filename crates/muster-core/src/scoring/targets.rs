//! Targets that cannot tell a response from none: a scenario's outcome KPIs measured on a run
//! with no player action, on the scenario's own seed. A target already met by doing nothing
//! scores nothing (see `mod.rs`), so the author is warned where the target is written.

use std::sync::Arc;

use super::{KpiClass, Snapshot, class, format_value, measure, meets};
use crate::diagnostic::{Diagnostic, Report};
use crate::i18n::{Arg, Language};
use crate::scenario::{self, Scenario, Team};
use crate::sim::{Exercise, Mode};

/// Warnings for the outcome targets that doing nothing meets on the scenario's seed.
pub fn met_by_doing_nothing(scenario: &Arc<Scenario>) -> Vec<Diagnostic> {
    let mut exercise = Exercise::new(scenario.clone(), scenario.meta.seed, Mode::Stochastic);
    exercise.advance_to(exercise.end());
    let snapshot = Snapshot::now(&exercise);
    let mut out = Vec::new();
    for objective in &scenario.objectives {
        let teams: Vec<&Team> = objective
            .teams
            .iter()
            .filter_map(|id| scenario.team(id.as_str()))
            .collect();
        for kpi in &objective.kpis {
            if class(&kpi.metric) != KpiClass::Outcome {
                continue;
            }
            let scope: &[&Team] = if super::team_scoped(&kpi.metric) {
                &teams
            } else {
                &[]
            };
            let district = kpi
                .district
                .as_ref()
                .and_then(|d| scenario.city.districts.iter().position(|x| x.id == *d));
            let Some(value) =
                measure(&snapshot, &kpi.metric, scope, district, None, Language::En).value
            else {
                continue;
            };
            let target = kpi.target.value;
            if meets(&kpi.metric, value, target) {
                out.push(
                    Diagnostic::warning(
                        kpi.target.span,
                        crate::msg!(
                            "target-met-by-no-action",
                            objective = &objective.id,
                            metric = format!("{:?}", kpi.metric),
                            value = Arg::worded(|lang| format_value(&kpi.metric, value, lang)),
                            seed = scenario.meta.seed.to_string(),
                            target = Arg::worded(|lang| format_value(&kpi.metric, target, lang))
                        ),
                    )
                    .with_help(crate::msg!("target-met-by-no-action-help")),
                );
            }
        }
    }
    out
}

/// Reads and checks a scenario like `scenario::check`, then, when it has no errors, runs it
/// with no action and warns about the targets that run already meets.
pub fn check(file_name: &str, text: &str) -> (Option<Scenario>, Report) {
    let (scenario, mut report) = scenario::check(file_name, text);
    let Some(scenario) = scenario else {
        return (None, report);
    };
    let scenario = Arc::new(scenario);
    report.diagnostics.extend(met_by_doing_nothing(&scenario));
    report
        .diagnostics
        .sort_by_key(|d| (d.severity, d.span.start));
    let scenario = Arc::try_unwrap(scenario).unwrap_or_else(|shared| (*shared).clone());
    (Some(scenario), report)
}
