//! Scoring: the KPIs of each objective computed from the simulation, each with its value,
//! target, weight, points and the events behind it. Evaluators' P/S/M/U ratings count beside
//! the KPIs.
//!
//! Points measure what the players did, never what would have happened anyway:
//! - an **outcome** (infections, deaths, hospital overflow, trust, stock-outs) scores the
//!   improvement the players' actions made over the same scenario and seed with no player
//!   action (the baseline), as a share of the improvement its target asks: no improvement, no
//!   points. When doing nothing already meets the target, the KPI cannot tell a response from
//!   none: it does not apply (unless the players made it worse than the target). On a team's
//!   card, a team that took no action earns nothing from an outcome others improved.
//! - a **cost** (money spent on measures) applies only when something was spent: within the
//!   target, full points; beyond it, in proportion.
//! - a **process** KPI (time to activate, reports on time, contacts quarantined within 24 h …)
//!   counts the opportunities there were: with none (no report due, no request received, no
//!   inject addressed to the team, no tracing units) it does not apply.
//!
//! A KPI that does not apply is shown as "n/a" with the reason and counts neither way.
//! Scores are a function of the exercise's state, which is a function of the journal:
//! replaying a journal gives the same scorecards.

mod baseline;
pub mod measures;
mod metrics;
pub mod proportion;
mod red;
pub mod targets;

use std::sync::Arc;

use serde::Serialize;

pub use baseline::Baseline;
pub use measures::{Ledger, LedgerCache, MeasureAccount};
pub use metrics::{Measured, Snapshot, clock_in, format_value, label, measure};
pub use red::{RedCard, RedMoveLine, red_card, red_card_of};

use crate::i18n::{Language, count, yuan};
use crate::scenario::{Metric, MetricScale, Objective, Scenario, Team, TeamRole, UnitRole};
use crate::sim::command::Rating;
use crate::sim::{Exercise, Mode};
use crate::tr;

/// Attainment at or above which a KPI counts as met, and below which it needs improvement.
pub const STRENGTH: f64 = 1.0 - 1e-9;
pub const NEEDS_IMPROVEMENT: f64 = 0.7;
/// The most a card may score from paperwork alone (activations, reports, information passed
/// on: `ActionKind::is_paperwork`), while its team has done nothing on the ground. Reports
/// on time are part of the job, but a team that only files them has not responded. A rubric
/// convention of this project, not a finding.
pub const PAPERWORK_CAP: f64 = 0.4;

/// How a KPI turns into points (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiClass {
    Outcome,
    Cost,
    Process,
}

impl KpiClass {
    pub fn name(self) -> &'static str {
        match self {
            KpiClass::Outcome => "outcome",
            KpiClass::Cost => "cost",
            KpiClass::Process => "process",
        }
    }
}

pub fn class(metric: &Metric) -> KpiClass {
    match metric {
        Metric::Infections
        | Metric::Deaths
        | Metric::HospitalOverflowHours
        | Metric::PublicTrust
        | Metric::StockOuts
        | Metric::NegativePostShare => KpiClass::Outcome,
        Metric::EconomicCost | Metric::CostPerInfectionAverted => KpiClass::Cost,
        Metric::ContactsQuarantinedWithin24h
        | Metric::CasesIsolatedWithin24h
        | Metric::CasesAmongKnownContacts
        | Metric::ActivationMinutes
        | Metric::InjectResponseMinutes
        | Metric::ReportsOnTime
        | Metric::AidRequestsAnswered
        | Metric::AidResponseMinutes
        | Metric::DecisionQuality
        | Metric::RumourAnswerMinutes
        | Metric::RumourReach => KpiClass::Process,
    }
}

/// Keeps the no-action baseline in step with the live exercise, and, when the scenario has a
/// red cell, Blue's play without red's moves (for red's card).
pub struct Scoring {
    baseline: Baseline,
    without_red: Option<Baseline>,
    /// The replays that judge each measure, when the scenario scores proportion.
    ledger: Option<Ledger>,
    /// The measures' accounts as last scored.
    measures: Vec<MeasureAccount>,
}

impl Scoring {
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Scoring {
        let without_red = scenario
            .red
            .is_some()
            .then(|| Baseline::without_red(scenario.clone(), seed, mode));
        let ledger = scenario
            .scores_proportion()
            .then(|| Ledger::new(scenario.clone()));
        Scoring {
            baseline: Baseline::new(scenario, seed, mode),
            without_red,
            ledger,
            measures: Vec::new(),
        }
    }

    /// The red cell's scorecard now (None without a red cell).
    pub fn red_card(&mut self, exercise: &Exercise, lang: Language) -> Option<RedCard> {
        let without = self.without_red.as_mut()?.keep_up(exercise);
        red_card(exercise, without, lang)
    }

    /// The baseline advanced to the live exercise's time.
    pub fn baseline(&mut self, exercise: &Exercise) -> &Exercise {
        self.baseline.keep_up(exercise)
    }

    /// The baseline as last advanced (for charts drawn between scorings).
    pub fn baseline_now(&self) -> &Exercise {
        self.baseline.exercise()
    }

    /// The whole exercise's scorecard, then one per Blue team.
    pub fn scorecards(&mut self, exercise: &Exercise, lang: Language) -> Vec<Scorecard> {
        if let Some(ledger) = &mut self.ledger {
            ledger.keep_up(exercise);
            self.measures = ledger.accounts(exercise, lang);
        }
        let baseline = self.baseline.keep_up(exercise);
        scorecards_with(exercise, baseline, &self.measures, lang)
    }

    /// Each measure's cost and infections averted as last scored (none without proportion).
    pub fn measures(&self) -> &[MeasureAccount] {
        &self.measures
    }
}

/// One KPI of one objective, for one scorecard.
#[derive(Debug, Clone, Serialize)]
pub struct KpiLine {
    pub metric: Metric,
    pub class: KpiClass,
    pub label: String,
    /// None while there is nothing to measure.
    pub value: Option<f64>,
    /// The same measure with no player action.
    pub baseline: Option<f64>,
    pub target: f64,
    pub weight: f64,
    /// None when the KPI does not apply (see `not_applicable`).
    pub attainment: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    /// Why the KPI does not count on this card, when it does not.
    pub not_applicable: Option<String>,
    /// Value against target and baseline, in words.
    pub explanation: String,
    /// The events and decisions that made the value.
    pub evidence: Vec<String>,
}

impl KpiLine {
    /// Met in full: a strength in the debrief. A KPI that applies and is not met gets an item
    /// in the improvement plan.
    pub fn is_met(&self) -> bool {
        self.attainment.is_some_and(|a| a >= STRENGTH)
    }
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
    /// Points as a percentage of what applied so far.
    pub percent: Option<f64>,
    /// Why the points were capped, when they were (paperwork alone, `PAPERWORK_CAP`).
    pub capped: Option<String>,
}

/// How far a value meets its target, between 0 and 1 (absolute, without a baseline).
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

/// Whether a value meets its target.
pub(crate) fn meets(metric: &Metric, value: f64, target: f64) -> bool {
    if metric.higher_is_better() {
        value >= target - 1e-9
    } else {
        value <= target + 1e-9
    }
}

/// An outcome's attainment: the share of the improvement over the baseline that the target
/// asks for. None when the baseline already meets the target and so does the value.
pub fn improvement(metric: &Metric, value: f64, baseline: f64, target: f64) -> Option<f64> {
    let (asked, made) = if metric.higher_is_better() {
        (target - baseline, value - baseline)
    } else {
        (baseline - target, baseline - value)
    };
    if asked <= 1e-9 {
        // Doing nothing meets the target: only harm shows, measured against the target.
        return (!meets(metric, value, target)).then(|| attainment(metric, value, target));
    }
    Some((made / asked).clamp(0.0, 1.0))
}

/// "41% fewer than with no action (5,250)".
fn against_baseline(metric: &Metric, value: f64, baseline: f64, lang: Language) -> String {
    let shown = format_value(metric, baseline, lang);
    if (value - baseline).abs() < 1e-9 {
        return tr!(lang, "baseline-same", baseline = shown);
    }
    match metric.scale() {
        MetricScale::Share => {
            let points = format!("{:.0}", ((value - baseline) * 100.0).abs());
            if value > baseline {
                tr!(
                    lang,
                    "baseline-points-higher",
                    points = points,
                    baseline = shown
                )
            } else {
                tr!(
                    lang,
                    "baseline-points-lower",
                    points = points,
                    baseline = shown
                )
            }
        }
        _ if baseline.abs() < 1e-9 => tr!(
            lang,
            "baseline-more-than-none",
            more = format_value(metric, value - baseline, lang)
        ),
        _ => {
            let change = (value - baseline) / baseline;
            let share = format!("{:.0}%", change.abs() * 100.0);
            let amount = matches!(
                metric.scale(),
                MetricScale::Money | MetricScale::Hours | MetricScale::Minutes
            );
            match (amount, change < 0.0) {
                (true, true) => tr!(lang, "baseline-less", share = share, baseline = shown),
                (false, true) => tr!(lang, "baseline-fewer", share = share, baseline = shown),
                (_, false) => tr!(lang, "baseline-more", share = share, baseline = shown),
            }
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
            | Metric::EconomicCost
            | Metric::CostPerInfectionAverted
            | Metric::DecisionQuality
    )
}

/// The unit role a city-wide process KPI needs a team to have, for the KPI to apply to it.
fn role_needed(metric: &Metric) -> Option<UnitRole> {
    match metric {
        Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts => {
            Some(UnitRole::Tracing)
        }
        Metric::CasesIsolatedWithin24h => Some(UnitRole::PatientTransport),
        _ => None,
    }
}

/// Whether a team commands units of a role (its own or lent to it).
fn team_has_role(exercise: &Exercise, team: &Team, role: &UnitRole) -> bool {
    let scenario = exercise.scenario();
    exercise.units().iter().any(|u| {
        (team.agencies.iter().any(|a| a.as_str() == u.agency)
            || u.loaned_to.as_deref() == Some(team.id.as_str()))
            && &scenario.resource_types[u.resource].role == role
    })
}

/// Whether any team in scope (none: any team at all) acted on the ground by now.
fn acted(exercise: &Exercise, teams: &[&Team]) -> bool {
    let now = exercise.now();
    if teams.is_empty() {
        return exercise
            .actions()
            .iter()
            .any(|a| a.at <= now && !a.kind.is_paperwork());
    }
    teams
        .iter()
        .any(|t| exercise.team_acted(t.id.as_str(), now))
}

/// Scores one KPI on one card.
fn kpi_line(
    exercise: &Exercise,
    baseline: &Exercise,
    accounts: &[MeasureAccount],
    objective: &Objective,
    kpi: &crate::scenario::Kpi,
    team: Option<&Team>,
    lang: Language,
) -> KpiLine {
    let scenario = exercise.scenario();
    let metric = &kpi.metric;
    let target = kpi.target.value;
    let district = kpi
        .district
        .as_ref()
        .and_then(|d| scenario.city.districts.iter().position(|x| x.id == *d));
    // A team's own decisions: that team's, or on the whole exercise's card, the objective's teams.
    let objective_teams: Vec<&Team> = objective
        .teams
        .iter()
        .filter_map(|id| scenario.team(id.as_str()))
        .collect();
    let scope: Vec<&Team> = match (team_scoped(metric), team) {
        (false, _) => Vec::new(),
        (true, Some(t)) => vec![t],
        (true, None) => objective_teams.clone(),
    };
    // Responses to injects count for the objective the injects serve (all, when none does).
    let injects: Vec<String> = scenario
        .injects
        .iter()
        .filter(|i| i.serves(objective.id.as_str()))
        .map(|i| i.id.name.clone())
        .collect();
    let injects = (!injects.is_empty()).then_some(injects.as_slice());
    let mut measured = measure(
        &Snapshot::now(exercise),
        metric,
        &scope,
        district,
        injects,
        lang,
    );
    let base = measure(
        &Snapshot::now(baseline),
        metric,
        &scope,
        district,
        injects,
        lang,
    )
    .value;
    let mut proportion_explained = None;
    if *metric == Metric::CostPerInfectionAverted {
        let (per_infection, explained) =
            measure_proportion(exercise, accounts, &mut measured, &scope, lang);
        measured.value = per_infection;
        proportion_explained = explained;
    }
    let class = class(metric);
    let shown = |v: f64| format_value(metric, v, lang);
    let mut explanation = String::new();
    let mut not_applicable = None;
    let attainment = match (class, measured.value) {
        _ if *metric == Metric::CostPerInfectionAverted => match proportion_explained {
            None => {
                not_applicable = Some(tr!(lang, "kpi-nothing-spent"));
                None
            }
            Some((text, a)) => {
                explanation = text;
                Some(a)
            }
        },
        (_, None) => {
            not_applicable = Some(measured.detail.clone());
            None
        }
        (KpiClass::Process, Some(v)) => {
            let needs = role_needed(metric).filter(|_| team.is_some());
            if let (Some(role), Some(t)) = (&needs, team)
                && !team_has_role(exercise, t, role)
            {
                not_applicable = Some(tr!(
                    lang,
                    "kpi-no-units",
                    team = t.name.as_str(),
                    role = role.words(lang)
                ));
                None
            } else if measured.open && meets(metric, v, target) {
                not_applicable = Some(tr!(lang, "kpi-not-due", detail = measured.detail.as_str()));
                None
            } else {
                explanation = tr!(
                    lang,
                    "kpi-against-target",
                    value = shown(v),
                    target = shown(target),
                    detail = measured.detail.as_str()
                );
                // Time KPIs score each opportunity; one never taken scores nothing.
                if measured.responses.is_empty() {
                    Some(attainment(metric, v, target))
                } else {
                    let each: f64 = measured
                        .responses
                        .iter()
                        .map(|r| r.map_or(0.0, |minutes| attainment(metric, minutes, target)))
                        .sum();
                    Some(each / measured.responses.len() as f64)
                }
            }
        }
        (KpiClass::Cost, Some(v)) => {
            if v <= 0.0 {
                not_applicable = Some(tr!(lang, "kpi-nothing-spent"));
                None
            } else {
                explanation = tr!(
                    lang,
                    "kpi-against-budget",
                    value = shown(v),
                    budget = shown(target),
                    detail = measured.detail.as_str()
                );
                Some(attainment(metric, v, target))
            }
        }
        (KpiClass::Outcome, Some(v)) => {
            let b = base.unwrap_or(v);
            match improvement(metric, v, b, target) {
                None if exercise.is_over() => {
                    not_applicable = Some(tr!(
                        lang,
                        "kpi-met-without-action",
                        baseline = shown(b),
                        target = shown(target)
                    ));
                    None
                }
                None => {
                    not_applicable = Some(tr!(
                        lang,
                        "kpi-met-without-action-so-far",
                        baseline = shown(b),
                        target = shown(target)
                    ));
                    None
                }
                Some(a) => {
                    let scope_teams: Vec<&Team> = team.map(|t| vec![t]).unwrap_or_default();
                    let took_action = acted(exercise, &scope_teams);
                    explanation = tr!(
                        lang,
                        "kpi-against-target-and-baseline",
                        value = shown(v),
                        target = shown(target),
                        baseline = against_baseline(metric, v, b, lang),
                        detail = measured.detail.as_str()
                    );
                    if !took_action {
                        explanation.push_str(&match team {
                            Some(_) => tr!(lang, "kpi-team-took-no-action"),
                            None => tr!(lang, "kpi-no-team-took-action"),
                        });
                        Some(0.0)
                    } else {
                        Some(a)
                    }
                }
            }
        }
    };
    let weight = kpi.weight.get();
    KpiLine {
        metric: metric.clone(),
        class,
        label: label(metric, lang),
        value: measured.value,
        baseline: base,
        target,
        weight,
        attainment,
        points: attainment.unwrap_or(0.0) * weight * 10.0,
        max_points: if attainment.is_some() {
            weight * 10.0
        } else {
            0.0
        },
        explanation: match &not_applicable {
            Some(reason) => tr!(lang, "kpi-not-applicable", reason = reason.as_str()),
            None => explanation,
        },
        not_applicable,
        evidence: measured.evidence,
    }
}

/// The proportion KPI's value (yuan of harm per infection averted by the scope's measures,
/// none while they averted nothing on balance) and, when they did any harm, its explanation
/// and attainment: the waste of its measures, summed, against the danger (`proportion.rs`).
/// `measured` takes each measure's account as evidence.
fn measure_proportion(
    exercise: &Exercise,
    accounts: &[MeasureAccount],
    measured: &mut Measured,
    scope: &[&Team],
    lang: Language,
) -> (Option<f64>, Option<(String, f64)>) {
    let scenario = exercise.scenario();
    let theirs: Vec<&MeasureAccount> = accounts
        .iter()
        .filter(|m| m.harm() > 0.0)
        .filter(|m| scope.is_empty() || scope.iter().any(|t| t.id.as_str() == m.team))
        .collect();
    let total_harm: f64 = theirs.iter().map(|m| m.harm()).sum();
    let money: f64 = theirs.iter().map(|m| m.cost).sum();
    let averted: f64 = theirs.iter().map(|m| m.averted).sum();
    let waste: f64 = theirs.iter().map(|m| m.waste).sum();
    let danger = theirs.first().map_or(0.0, |m| m.danger);
    let per_infection = (averted > 0.0).then(|| total_harm / averted);
    let harm = proportion::harm_of_an_infection(scenario);
    measured.evidence = theirs
        .iter()
        .map(|m| {
            let time = clock_in(lang, scenario, m.at);
            let team = scenario
                .team(&m.team)
                .map_or(m.team.as_str(), |t| t.name.as_str());
            let mut cost = yuan(lang, m.cost);
            let other = m.other_harm(lang);
            if !other.is_empty() {
                cost = tr!(lang, "harm-with-other", cost = cost, other = other);
            }
            tr!(
                lang,
                "evidence-proportion",
                time = time,
                team = team,
                what = m.what.as_str(),
                cost = cost,
                averted = count(lang, m.averted),
                verdict = m.verdict_words(lang)
            )
        })
        .collect();
    if total_harm <= 0.0 {
        return (per_infection, None);
    }
    let text = tr!(
        lang,
        "kpi-proportion",
        measures = theirs.len(),
        cost = yuan(lang, money),
        total = yuan(lang, total_harm),
        averted = count(lang, averted),
        harm = yuan(lang, harm),
        waste = yuan(lang, waste),
        danger = yuan(lang, danger)
    );
    (
        per_infection,
        Some((text, proportion::attainment(waste, danger))),
    )
}

fn objective_card(
    exercise: &Exercise,
    baseline: &Exercise,
    accounts: &[MeasureAccount],
    objective: &Objective,
    team: Option<&Team>,
    lang: Language,
) -> ObjectiveCard {
    let scenario = exercise.scenario();
    let kpis: Vec<KpiLine> = objective
        .kpis
        .iter()
        .map(|kpi| kpi_line(exercise, baseline, accounts, objective, kpi, team, lang))
        .collect();
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
        .filter(|o| o.objective.as_deref() == Some(objective.id.as_str()))
        .filter(|o| team_name.is_none() || o.team.is_none() || o.team.as_deref() == team_name)
        .map(|o| {
            format!(
                "{} {}{}",
                clock_in(lang, scenario, o.at),
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

/// Weight of an objective in a scorecard: its applicable KPIs' weights, or 1 when only
/// evaluators rate it.
fn objective_weight(card: &ObjectiveCard) -> f64 {
    let w: f64 = card
        .kpis
        .iter()
        .filter(|k| k.attainment.is_some())
        .map(|k| k.weight)
        .sum();
    if w > 0.0 { w } else { 1.0 }
}

fn card(
    exercise: &Exercise,
    baseline: &Exercise,
    accounts: &[MeasureAccount],
    team: Option<&Team>,
    lang: Language,
) -> Scorecard {
    let scenario = exercise.scenario();
    let objectives: Vec<ObjectiveCard> = scenario
        .objectives
        .iter()
        .filter(|o| team.is_none_or(|t| o.teams.is_empty() || o.teams.contains(&t.id)))
        .map(|o| objective_card(exercise, baseline, accounts, o, team, lang))
        .collect();
    let mut points = 0.0;
    let mut max_points = 0.0;
    for card in &objectives {
        if let Some(a) = card.attainment {
            points += a * objective_weight(card) * 10.0;
            max_points += objective_weight(card) * 10.0;
        }
    }
    let scope: Vec<&Team> = team.into_iter().collect();
    let mut capped = None;
    if max_points > 0.0 && points > PAPERWORK_CAP * max_points && !acted(exercise, &scope) {
        points = PAPERWORK_CAP * max_points;
        capped = Some(tr!(
            lang,
            "card-paperwork-capped",
            cap = format!("{:.0}%", PAPERWORK_CAP * 100.0)
        ));
    }
    Scorecard {
        team: team.map(|t| t.id.name.clone()),
        name: team.map_or_else(|| tr!(lang, "card-whole-exercise"), |t| t.name.clone()),
        at: exercise.now(),
        objectives,
        points,
        max_points,
        percent: (max_points > 0.0).then(|| 100.0 * points / max_points),
        capped,
    }
}

/// The whole exercise's scorecard, then one per Blue team. The measures are judged by
/// replaying the exercise without each (`measures.rs`).
pub fn scorecards(exercise: &Exercise, baseline: &Exercise, lang: Language) -> Vec<Scorecard> {
    let accounts = if exercise.scenario().scores_proportion() {
        Ledger::of(exercise).accounts(exercise, lang)
    } else {
        Vec::new()
    };
    scorecards_with(exercise, baseline, &accounts, lang)
}

/// The scorecards with the measures already judged (`Ledger::accounts`).
pub fn scorecards_with(
    exercise: &Exercise,
    baseline: &Exercise,
    accounts: &[MeasureAccount],
    lang: Language,
) -> Vec<Scorecard> {
    let scenario = exercise.scenario();
    let mut cards = vec![card(exercise, baseline, accounts, None, lang)];
    for team in scenario.teams.iter().filter(|t| t.role == TeamRole::Blue) {
        cards.push(card(exercise, baseline, accounts, Some(team), lang));
    }
    cards
}

/// The scorecards of a finished (or paused) exercise, against its own no-action baseline.
pub fn scorecards_of(exercise: &Exercise, lang: Language) -> Vec<Scorecard> {
    scorecards(exercise, &Baseline::of(exercise), lang)
}

/// A whole-exercise KPI at every step, for charts.
pub fn kpi_series(exercise: &Exercise, metric: &Metric) -> Vec<(u32, Option<f64>)> {
    exercise
        .series()
        .iter()
        .map(|s| {
            (
                s.t,
                measure(
                    &Snapshot::at(exercise, s.t),
                    metric,
                    &[],
                    None,
                    None,
                    Language::En,
                )
                .value,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
