//! Scoring: the KPIs of each objective computed from the simulation, each with its value, target,
//! weight, points and the events behind it, compared with the same scenario and seed played with
//! no player action (the baseline). Evaluators' P/S/M/U ratings count beside the KPIs.
//!
//! Scores are a function of the exercise's state, which is a function of the journal: replaying
//! a journal gives the same scorecards.

use std::sync::Arc;

use serde::Serialize;

use crate::scenario::{Metric, MetricScale, Objective, Scenario, Team, TeamRole, UnitRole};
use crate::sim::command::Rating;
use crate::sim::{ActionKind, Exercise, Mode, Sample, Totals};
use crate::summary::group_digits;

/// Attainment at or above which a KPI counts as a strength (its target met), and below which
/// it is an area for improvement.
pub const STRENGTH: f64 = 1.0 - 1e-9;
pub const NEEDS_IMPROVEMENT: f64 = 0.7;

/// Keeps the no-action baseline in step with the live exercise.
pub struct Scoring {
    baseline: Exercise,
}

impl Scoring {
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Scoring {
        Scoring {
            baseline: Exercise::new(scenario, seed, mode),
        }
    }

    /// The baseline advanced to the live exercise's time.
    pub fn baseline(&mut self, exercise: &Exercise) -> &Exercise {
        if self.baseline.now() < exercise.now() {
            self.baseline.advance_to(exercise.now());
        }
        &self.baseline
    }

    /// The baseline as last advanced (for charts drawn between scorings).
    pub fn baseline_now(&self) -> &Exercise {
        &self.baseline
    }

    /// The whole exercise's scorecard, then one per Blue team.
    pub fn scorecards(&mut self, exercise: &Exercise) -> Vec<Scorecard> {
        let baseline = self.baseline(exercise);
        scorecards(exercise, baseline)
    }
}

/// One KPI of one objective, for one scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct KpiLine {
    pub metric: Metric,
    pub label: String,
    /// None while there is nothing to measure yet.
    pub value: Option<f64>,
    pub baseline: Option<f64>,
    pub target: f64,
    pub weight: f64,
    pub attainment: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    /// Value against target and baseline, in words.
    pub explanation: String,
    /// The events and decisions that made the value.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveCard {
    pub id: String,
    pub title: String,
    pub capability: String,
    pub kpis: Vec<KpiLine>,
    /// Rating deserved by the KPIs.
    pub kpi_rating: Option<Rating>,
    /// The latest evaluator rating, with its note.
    pub evaluator_rating: Option<(Rating, String)>,
    pub observations: Vec<String>,
    pub attainment: Option<f64>,
    pub rating: Option<Rating>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    /// None for the whole exercise.
    pub team: Option<String>,
    pub name: String,
    pub at: u32,
    pub objectives: Vec<ObjectiveCard>,
    pub points: f64,
    pub max_points: f64,
    /// Points as a percentage of what was measurable so far.
    pub percent: Option<f64>,
}

/// What a metric measured, and why.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub value: Option<f64>,
    pub detail: String,
    pub evidence: Vec<String>,
}

/// The state a KPI is computed from: a time-series sample plus the exercise's records up to its time.
pub struct Snapshot<'a> {
    pub exercise: &'a Exercise,
    pub at: u32,
    /// District states: the epidemic moves only at steps, so the last step's sample.
    pub sample: &'a Sample,
    pub totals: Totals,
}

impl<'a> Snapshot<'a> {
    /// The exercise now: the live running totals, records up to now.
    pub fn now(exercise: &'a Exercise) -> Snapshot<'a> {
        Snapshot {
            totals: exercise.totals_now(),
            ..Snapshot::at(exercise, exercise.now())
        }
    }

    /// The exercise as it was at a minute (the sample at or before it).
    pub fn at(exercise: &'a Exercise, at: u32) -> Snapshot<'a> {
        let series = exercise.series();
        let sample = series
            .iter()
            .rev()
            .find(|s| s.t <= at)
            .unwrap_or(&series[0]);
        Snapshot {
            exercise,
            at,
            sample,
            totals: sample.totals.clone(),
        }
    }
}

/// Scenario time as the exercise clock reads it: `D2 09:30`.
pub fn clock(scenario: &Scenario, minutes: u32) -> String {
    let start = scenario.meta.start;
    let day = (start.minute_of_day + minutes) / (24 * 60) + 1;
    let t = start.plus_minutes(minutes);
    format!(
        "D{day} {:02}:{:02}",
        t.minute_of_day / 60,
        t.minute_of_day % 60
    )
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn count(x: f64) -> String {
    group_digits(x.max(0.0).round() as u64)
}

/// What a metric is called on a scorecard.
pub fn label(metric: &Metric) -> &'static str {
    match metric {
        Metric::ContactsQuarantinedWithin24h => "Contacts quarantined within 24 h of being named",
        Metric::CasesIsolatedWithin24h => {
            "Cases moved to isolation sites within 24 h of confirmation"
        }
        Metric::CasesAmongKnownContacts => "New cases who were already quarantined contacts",
        Metric::ActivationMinutes => "Time to activate the incident command",
        Metric::InjectResponseMinutes => "Time from an inject to the expected response",
        Metric::HospitalOverflowHours => "Hours with patients needing a bed and finding none",
        Metric::Infections => "Infections",
        Metric::Deaths => "Deaths",
        Metric::ReportsOnTime => "Reports made on time",
        Metric::AidRequestsAnswered => "Requests for help answered",
        Metric::AidResponseMinutes => "Time to answer a request for help",
        Metric::StockOuts => "Stock-outs",
        Metric::PublicTrust => "Public trust",
        Metric::EconomicCost => "Economic cost of measures",
    }
}

/// How a metric's value reads.
pub fn format_value(metric: &Metric, value: f64) -> String {
    match metric.scale() {
        MetricScale::Share => percent(value),
        MetricScale::Minutes => format!("{} min", count(value)),
        MetricScale::Hours => format!("{value:.0} h"),
        MetricScale::Count => count(value),
        MetricScale::Money => count(value),
    }
}

/// Whether one of the teams (none: everyone) plays an agency.
fn teams_play(teams: &[&Team], agency: &str) -> bool {
    teams.is_empty()
        || teams
            .iter()
            .any(|t| t.agencies.iter().any(|a| a.as_str() == agency))
}

/// Measures a metric at a snapshot, for some teams (none: everyone) and optionally one district.
pub fn measure(
    snap: &Snapshot,
    metric: &Metric,
    teams: &[&Team],
    district: Option<usize>,
) -> Measured {
    let ex = snap.exercise;
    let scenario = ex.scenario();
    let at = snap.at;
    let t = &snap.totals;
    let when = |m: u32| clock(scenario, m);
    let of_team = |name: &str| teams.is_empty() || teams.iter().any(|t| t.id.as_str() == name);
    let districts: Vec<usize> = match district {
        Some(d) => vec![d],
        None => (0..snap.sample.districts.len()).collect(),
    };
    let dispatches = |roles: &[UnitRole]| -> Vec<String> {
        ex.actions()
            .iter()
            .filter(|a| a.at <= at && of_team(&a.team))
            .filter_map(|a| match &a.kind {
                ActionKind::Dispatch { role, to } if roles.contains(role) => {
                    Some(format!("{} {} sent {role:?} to {to}", when(a.at), a.team))
                }
                _ => None,
            })
            .collect()
    };
    match metric {
        Metric::ContactsQuarantinedWithin24h => {
            let settled = t.contacts_named - t.contacts_pending_young;
            let value =
                (settled > 0.5).then(|| (t.contacts_quarantined_within_24h / settled).min(1.0));
            Measured {
                value,
                detail: format!(
                    "{} of {} named contacts quarantined within 24 h ({} quarantined in all, {} lost to tracing)",
                    count(t.contacts_quarantined_within_24h),
                    count(settled),
                    count(t.contacts_quarantined),
                    count(t.contacts_lost)
                ),
                evidence: dispatches(&[UnitRole::Tracing]),
            }
        }
        Metric::CasesIsolatedWithin24h => {
            let settled = t.isolation_needed - t.isolation_pending_young;
            let value = (settled > 0.5).then(|| (t.isolated_within_24h / settled).min(1.0));
            Measured {
                value,
                detail: format!(
                    "{} of {} confirmed cases moved to an isolation site within 24 h ({} moved in all)",
                    count(t.isolated_within_24h),
                    count(settled),
                    count(t.isolated_in_sites)
                ),
                evidence: dispatches(&[UnitRole::PatientTransport]),
            }
        }
        Metric::CasesAmongKnownContacts => {
            let confirmed: f64 = districts
                .iter()
                .map(|&d| snap.sample.districts[d].confirmed)
                .sum();
            let value =
                (confirmed > 0.5).then(|| (t.confirmed_from_quarantine / confirmed).min(1.0));
            Measured {
                value,
                detail: format!(
                    "{} of {} confirmed cases were already in quarantine as contacts",
                    count(t.confirmed_from_quarantine),
                    count(confirmed)
                ),
                evidence: dispatches(&[UnitRole::Tracing]),
            }
        }
        Metric::ActivationMinutes => {
            let activated = ex
                .activations()
                .iter()
                .filter(|(team, m)| of_team(team) && **m <= at)
                .map(|(_, m)| *m)
                .min();
            match activated {
                Some(m) => Measured {
                    value: Some(f64::from(m)),
                    detail: format!("activated at {} ({} min after the start)", when(m), m),
                    evidence: vec![format!("{} command activated", when(m))],
                },
                None => Measured {
                    value: Some(f64::from(at)),
                    detail: format!("not activated after {} min", at),
                    evidence: Vec::new(),
                },
            }
        }
        Metric::InjectResponseMinutes => {
            let mut delays = Vec::new();
            let mut evidence = Vec::new();
            for e in ex
                .expectations()
                .iter()
                .filter(|e| e.check.is_some() && e.fired_at <= at && of_team(&e.team))
            {
                match e.met_at.filter(|&m| m <= at) {
                    Some(m) => {
                        delays.push(f64::from(m - e.fired_at));
                        evidence.push(format!(
                            "{} {}: \"{}\" after {} min",
                            when(e.fired_at),
                            e.inject,
                            e.text,
                            m - e.fired_at
                        ));
                    }
                    // Unanswered: the response time is at least the time elapsed.
                    None if e.due <= at => {
                        delays.push(f64::from(at - e.fired_at));
                        evidence.push(format!(
                            "{} {}: \"{}\" not done (due {})",
                            when(e.fired_at),
                            e.inject,
                            e.text,
                            when(e.due)
                        ));
                    }
                    None => {}
                }
            }
            let value =
                (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
            let met = evidence.iter().filter(|e| e.contains(" after ")).count();
            Measured {
                value,
                detail: format!(
                    "{met} of {} expected responses made; mean time {} min",
                    delays.len(),
                    count(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::HospitalOverflowHours => Measured {
            value: Some(t.overflow_hours),
            detail: format!(
                "{:.0} h with patients waiting for a bed; {} in hospital now",
                t.overflow_hours,
                count(snap.sample.districts.iter().map(|d| d.hospitalised).sum())
            ),
            evidence: Vec::new(),
        },
        Metric::Infections => {
            let value: f64 = districts
                .iter()
                .map(|&d| snap.sample.districts[d].infections)
                .sum();
            Measured {
                value: Some(value),
                detail: format!("{} infections since the start", count(value)),
                evidence: Vec::new(),
            }
        }
        Metric::Deaths => {
            let value: f64 = districts.iter().map(|&d| snap.sample.districts[d].d).sum();
            Measured {
                value: Some(value),
                detail: format!("{} deaths", count(value)),
                evidence: Vec::new(),
            }
        }
        Metric::ReportsOnTime => {
            let mut evidence = Vec::new();
            let (mut due, mut on_time) = (0, 0);
            for r in ex
                .reports()
                .iter()
                .filter(|r| r.opened_at <= at && teams_play(teams, &r.from))
            {
                let filed = r.filed_at.filter(|&f| f <= at);
                match filed {
                    Some(f) if f <= r.due => {
                        due += 1;
                        on_time += 1;
                    }
                    Some(f) => {
                        due += 1;
                        evidence.push(format!(
                            "{} {} from {} to {}: filed late at {}",
                            when(r.opened_at),
                            r.rule,
                            r.from,
                            r.to,
                            when(f)
                        ));
                    }
                    None if r.due <= at => {
                        due += 1;
                        evidence.push(format!(
                            "{} {} from {} to {}: not filed (due {})",
                            when(r.opened_at),
                            r.rule,
                            r.from,
                            r.to,
                            when(r.due)
                        ));
                    }
                    None => {}
                }
            }
            let value = (due > 0).then(|| f64::from(on_time) / f64::from(due));
            Measured {
                value,
                detail: format!("{on_time} of {due} reports due were made on time"),
                evidence,
            }
        }
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => {
            let mut evidence = Vec::new();
            let (mut due, mut answered) = (0u32, 0u32);
            let mut delays = Vec::new();
            for r in ex
                .requests()
                .iter()
                .filter(|r| r.made_at <= at && of_team(&r.to_team))
            {
                match r.answered.filter(|(m, _)| *m <= at) {
                    Some((m, accepted)) => {
                        due += 1;
                        answered += 1;
                        delays.push(f64::from(m - r.made_at));
                        let verdict = if accepted { "accepted" } else { "declined" };
                        evidence.push(format!(
                            "{} request {} from {} to {}: {verdict} after {} min",
                            when(r.made_at),
                            r.number,
                            r.from_team,
                            r.to_team,
                            m - r.made_at
                        ));
                    }
                    None if r.due <= at => {
                        due += 1;
                        delays.push(f64::from(at - r.made_at));
                        evidence.push(format!(
                            "{} request {} from {} to {}: unanswered",
                            when(r.made_at),
                            r.number,
                            r.from_team,
                            r.to_team
                        ));
                    }
                    None => {}
                }
            }
            if *metric == Metric::AidRequestsAnswered {
                let value = (due > 0).then(|| f64::from(answered) / f64::from(due));
                Measured {
                    value,
                    detail: format!("{answered} of {due} requests for help answered"),
                    evidence,
                }
            } else {
                let value =
                    (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
                Measured {
                    value,
                    detail: format!(
                        "mean answer time {} min over {} requests",
                        count(value.unwrap_or(0.0)),
                        delays.len()
                    ),
                    evidence,
                }
            }
        }
        Metric::StockOuts => {
            // Per team: stock-outs at the facilities its agencies run (known for the live state only).
            let value = match teams.is_empty() {
                false if at == ex.now() => scenario
                    .facilities
                    .iter()
                    .zip(ex.facilities())
                    .filter(|(f, _)| {
                        f.operator
                            .as_ref()
                            .is_some_and(|o| teams_play(teams, o.as_str()))
                    })
                    .map(|(_, s)| f64::from(s.stock_outs))
                    .sum(),
                _ => f64::from(t.stock_outs),
            };
            let evidence = ex
                .events()
                .iter()
                .filter(|e| e.at <= at)
                .filter_map(|e| match &e.kind {
                    crate::sim::EventKind::StockOut { facility, supply } => {
                        Some(format!("{} {facility} ran out of {supply}", when(e.at)))
                    }
                    _ => None,
                })
                .collect();
            Measured {
                value: Some(value),
                detail: format!("{} stock-outs", count(value)),
                evidence,
            }
        }
        Metric::PublicTrust => {
            let (mut people, mut trust) = (0.0, 0.0);
            for &d in &districts {
                let population = scenario.city.districts[d].population as f64;
                people += population;
                trust += population * snap.sample.districts[d].trust;
            }
            let value = (people > 0.0).then(|| trust / people);
            let mut evidence: Vec<String> = ex
                .events()
                .iter()
                .filter(|e| e.at <= at)
                .filter_map(|e| match &e.kind {
                    crate::sim::EventKind::Statement { team, .. } if of_team(team) => {
                        Some(format!("{} statement by {team}", when(e.at)))
                    }
                    crate::sim::EventKind::TrustAlert { district, trust } => Some(format!(
                        "{} trust in {district} fell below {}",
                        when(e.at),
                        percent(*trust)
                    )),
                    crate::sim::EventKind::ReportOverdue { rule, .. } => Some(format!(
                        "{} {rule} overdue (public confidence suffers)",
                        when(e.at)
                    )),
                    _ => None,
                })
                .collect();
            evidence.truncate(40);
            Measured {
                value,
                detail: format!(
                    "population-weighted trust {}",
                    percent(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::EconomicCost => {
            let measures: Vec<String> = ex
                .actions()
                .iter()
                .filter(|a| a.at <= at)
                .filter_map(|a| match &a.kind {
                    ActionKind::Measure { district, level } => Some(format!(
                        "{} {} set {district} to {level:?}",
                        when(a.at),
                        a.team
                    )),
                    _ => None,
                })
                .collect();
            Measured {
                value: Some(t.economic_cost),
                detail: format!("{} spent on measures", count(t.economic_cost)),
                evidence: measures,
            }
        }
    }
}

/// How far a value meets its target, between 0 and 1.
pub fn attainment(metric: &Metric, value: f64, target: f64) -> f64 {
    if metric.higher_is_better() {
        if target <= 0.0 {
            1.0
        } else {
            (value / target).clamp(0.0, 1.0)
        }
    } else if value <= target {
        1.0
    } else if target <= 0.0 {
        // A target of zero: each unit above it halves the attainment's distance to 0.
        1.0 / (1.0 + value)
    } else {
        (target / value).clamp(0.0, 1.0)
    }
}

/// "41% fewer than with no action (5,250)".
fn against_baseline(metric: &Metric, value: f64, baseline: f64) -> String {
    let shown = format_value(metric, baseline);
    if (value - baseline).abs() < 1e-9 {
        return format!("the same as with no action ({shown})");
    }
    match metric.scale() {
        MetricScale::Share => {
            let points = (value - baseline) * 100.0;
            let word = if points > 0.0 { "higher" } else { "lower" };
            format!(
                "{:.0} points {word} than with no action ({shown})",
                points.abs()
            )
        }
        _ if baseline.abs() < 1e-9 => format!(
            "{} more than with no action (0)",
            format_value(metric, value - baseline)
        ),
        _ => {
            let change = (value - baseline) / baseline;
            let word = if change < 0.0 { "fewer" } else { "more" };
            let word =
                match metric.scale() {
                    MetricScale::Money | MetricScale::Hours | MetricScale::Minutes => {
                        if change < 0.0 { "less" } else { "more" }
                    }
                    _ => word,
                };
            format!(
                "{:.0}% {word} than with no action ({shown})",
                change.abs() * 100.0
            )
        }
    }
}

/// Metrics that a team's own decisions define (the others are shared by the whole city).
pub fn team_scoped(metric: &Metric) -> bool {
    matches!(
        metric,
        Metric::ActivationMinutes
            | Metric::InjectResponseMinutes
            | Metric::ReportsOnTime
            | Metric::AidRequestsAnswered
            | Metric::AidResponseMinutes
            | Metric::StockOuts
    )
}

fn objective_card(
    exercise: &Exercise,
    baseline: &Exercise,
    objective: &Objective,
    team: Option<&Team>,
) -> ObjectiveCard {
    let snap = Snapshot::now(exercise);
    let base = Snapshot::now(baseline);
    let scenario = exercise.scenario();
    let mut kpis = Vec::new();
    for kpi in &objective.kpis {
        let district = kpi
            .district
            .as_ref()
            .and_then(|d| scenario.city.districts.iter().position(|x| x.id == *d));
        // A team's own decisions: that team's, or on the whole exercise's card, the objective's teams.
        let scope: Vec<&Team> = match (team_scoped(&kpi.metric), team) {
            (false, _) => Vec::new(),
            (true, Some(t)) => vec![t],
            (true, None) => objective
                .teams
                .iter()
                .filter_map(|id| scenario.team(id.as_str()))
                .collect(),
        };
        let measured = measure(&snap, &kpi.metric, &scope, district);
        let baseline_value = measure(&base, &kpi.metric, &scope, district).value;
        let weight = kpi.weight.get();
        let attainment = measured
            .value
            .map(|v| attainment(&kpi.metric, v, kpi.target));
        let mut explanation = match measured.value {
            Some(v) => format!(
                "{} against a target of {}: {}",
                format_value(&kpi.metric, v),
                format_value(&kpi.metric, kpi.target),
                measured.detail
            ),
            None => format!("nothing to measure yet: {}", measured.detail),
        };
        if let (Some(v), Some(b)) = (measured.value, baseline_value)
            && !team_scoped(&kpi.metric)
        {
            explanation.push_str(&format!("; {}", against_baseline(&kpi.metric, v, b)));
        }
        kpis.push(KpiLine {
            metric: kpi.metric.clone(),
            label: label(&kpi.metric).to_string(),
            value: measured.value,
            baseline: baseline_value,
            target: kpi.target,
            weight,
            attainment,
            points: attainment.unwrap_or(0.0) * weight * 10.0,
            max_points: if attainment.is_some() {
                weight * 10.0
            } else {
                0.0
            },
            explanation,
            evidence: measured.evidence,
        });
    }
    let measured_weight: f64 = kpis
        .iter()
        .filter(|k| k.attainment.is_some())
        .map(|k| k.weight)
        .sum();
    let kpi_attainment = (measured_weight > 0.0).then(|| {
        kpis.iter()
            .filter_map(|k| k.attainment.map(|a| a * k.weight))
            .sum::<f64>()
            / measured_weight
    });
    let team_name = team.map(|t| t.id.name.as_str());
    // The latest rating for this team, else for the objective as a whole.
    let evaluator_rating = exercise
        .ratings()
        .iter()
        .rev()
        .find(|r| r.objective == objective.id.as_str() && r.team.as_deref() == team_name)
        .or_else(|| {
            exercise
                .ratings()
                .iter()
                .rev()
                .find(|r| r.objective == objective.id.as_str() && r.team.is_none())
        })
        .map(|r| (r.rating.clone(), r.note.clone()));
    let observations = exercise
        .observations()
        .iter()
        .filter(|o| {
            o.objective
                .as_deref()
                .is_none_or(|x| x == objective.id.as_str())
                && o.objective.is_some()
        })
        .filter(|o| team_name.is_none() || o.team.is_none() || o.team.as_deref() == team_name)
        .map(|o| {
            format!(
                "{} {}{}",
                clock(scenario, o.at),
                o.text,
                if o.evaluator.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", o.evaluator)
                }
            )
        })
        .collect();
    let attainment = match (kpi_attainment, &evaluator_rating) {
        (Some(k), Some((r, _))) => Some((k + r.attainment()) / 2.0),
        (Some(k), None) => Some(k),
        (None, Some((r, _))) => Some(r.attainment()),
        (None, None) => None,
    };
    ObjectiveCard {
        id: objective.id.name.clone(),
        title: objective.title.clone(),
        capability: objective.capability.clone(),
        kpis,
        kpi_rating: kpi_attainment.map(Rating::from_attainment),
        evaluator_rating,
        observations,
        attainment,
        rating: attainment.map(Rating::from_attainment),
    }
}

/// Weight of an objective in a scorecard: its KPIs' weights, or 1 when only evaluators rate it.
fn objective_weight(objective: &Objective) -> f64 {
    let w: f64 = objective.kpis.iter().map(|k| k.weight.get()).sum();
    if w > 0.0 { w } else { 1.0 }
}

fn card(exercise: &Exercise, baseline: &Exercise, team: Option<&Team>) -> Scorecard {
    let scenario = exercise.scenario();
    let objectives: Vec<(&Objective, ObjectiveCard)> = scenario
        .objectives
        .iter()
        .filter(|o| team.is_none_or(|t| o.teams.is_empty() || o.teams.contains(&t.id)))
        .map(|o| (o, objective_card(exercise, baseline, o, team)))
        .collect();
    let mut points = 0.0;
    let mut max_points = 0.0;
    for (objective, card) in &objectives {
        if let Some(a) = card.attainment {
            points += a * objective_weight(objective) * 10.0;
            max_points += objective_weight(objective) * 10.0;
        }
    }
    Scorecard {
        team: team.map(|t| t.id.name.clone()),
        name: team.map_or_else(|| "Whole exercise".to_string(), |t| t.name.clone()),
        at: exercise.now(),
        objectives: objectives.into_iter().map(|(_, c)| c).collect(),
        points,
        max_points,
        percent: (max_points > 0.0).then(|| 100.0 * points / max_points),
    }
}

/// The whole exercise's scorecard, then one per Blue team.
pub fn scorecards(exercise: &Exercise, baseline: &Exercise) -> Vec<Scorecard> {
    let scenario = exercise.scenario();
    let mut cards = vec![card(exercise, baseline, None)];
    for team in scenario.teams.iter().filter(|t| t.role == TeamRole::Blue) {
        cards.push(card(exercise, baseline, Some(team)));
    }
    cards
}

/// A whole-exercise KPI at every step, for charts.
pub fn kpi_series(exercise: &Exercise, metric: &Metric) -> Vec<(u32, Option<f64>)> {
    exercise
        .series()
        .iter()
        .map(|s| {
            (
                s.t,
                measure(&Snapshot::at(exercise, s.t), metric, &[], None).value,
            )
        })
        .collect()
}
