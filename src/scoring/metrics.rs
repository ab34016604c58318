//! Measuring a metric at a moment of an exercise: its value, what it means in words, and the
//! events and decisions behind it. How a value turns into points is `mod.rs`'s business.

use crate::scenario::{Metric, MetricScale, Scenario, Team, UnitRole};
use crate::sim::{ActionKind, Exercise, Sample, Totals};
use crate::summary::group_digits;

/// What a metric measured, and why.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// None when there is nothing to measure (no report due, no request received …).
    pub value: Option<f64>,
    /// A value still open (a command not activated yet, inside its target time): nothing to
    /// score yet.
    pub open: bool,
    /// For time KPIs, each opportunity: the minutes it took, or none when it was never taken
    /// (scored as nothing, however much time has passed).
    pub responses: Vec<Option<f64>>,
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

pub(crate) fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

pub(crate) fn count(x: f64) -> String {
    group_digits(x.max(0.0).round() as u64)
}

/// What a metric is called on a scorecard.
pub fn label(metric: &Metric) -> &'static str {
    match metric {
        Metric::ContactsQuarantinedWithin24h => "Contacts quarantined within 24 h of being named",
        Metric::CasesIsolatedWithin24h => {
            "Cases moved to isolation sites within 24 h of confirmation"
        }
        Metric::CasesAmongKnownContacts => "New cases who were already known contacts",
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
        Metric::DecisionQuality => "Decisions that served the objective",
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

/// Why a metric has nothing to measure yet, in words.
fn nothing_to_measure(metric: &Metric, teams: &[&Team]) -> String {
    let whom = match teams {
        [] => "",
        [_] => " from this team",
        _ => " from these teams",
    };
    let to_whom = match teams {
        [] => "",
        [_] => " to this team",
        _ => " to these teams",
    };
    match metric {
        Metric::ContactsQuarantinedWithin24h => "no contact named more than 24 hours ago".into(),
        Metric::CasesIsolatedWithin24h => {
            "no confirmed case needing a transfer more than 24 hours ago".into()
        }
        Metric::CasesAmongKnownContacts => "no confirmed case yet".into(),
        Metric::InjectResponseMinutes => format!("no inject has asked anything{to_whom} yet"),
        Metric::ReportsOnTime => format!("no report was due{whom}"),
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => {
            format!("no request for help was made{to_whom}")
        }
        Metric::DecisionQuality => format!("no scored decision was settled{to_whom} yet"),
        _ => "nothing to measure".into(),
    }
}

/// Measures a metric at a snapshot, for some teams (none: everyone) and optionally one district.
/// `injects`: the injects whose expected responses count for `InjectResponseMinutes` (none:
/// every inject).
pub fn measure(
    snap: &Snapshot,
    metric: &Metric,
    teams: &[&Team],
    district: Option<usize>,
    injects: Option<&[String]>,
) -> Measured {
    let mut measured = measure_raw(snap, metric, teams, district, injects);
    if measured.value.is_none() {
        measured.detail = nothing_to_measure(metric, teams);
    }
    measured
}

fn measure_raw(
    snap: &Snapshot,
    metric: &Metric,
    teams: &[&Team],
    district: Option<usize>,
    injects: Option<&[String]>,
) -> Measured {
    let ex = snap.exercise;
    let scenario = ex.scenario();
    let at = snap.at;
    let t = &snap.totals;
    let when = |m: u32| clock(scenario, m);
    let of_team = |name: &str| teams.is_empty() || teams.iter().any(|t| t.id.as_str() == name);
    // A district's figures include its places'.
    let districts: Vec<usize> = match district {
        Some(d) => ex.district_and_places(d).collect(),
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
                open: false,
                responses: Vec::new(),
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
                open: false,
                responses: Vec::new(),
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
            let known = t.confirmed_from_quarantine + t.confirmed_on_tracing;
            let value = (confirmed > 0.5).then(|| (known / confirmed).min(1.0));
            Measured {
                open: false,
                responses: Vec::new(),
                value,
                detail: format!(
                    "{} of {} confirmed cases were known contacts ({} fell ill in quarantine, {} were found ill by tracers)",
                    count(known),
                    count(confirmed),
                    count(t.confirmed_from_quarantine),
                    count(t.confirmed_on_tracing)
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
                    open: false,
                    responses: Vec::new(),
                    value: Some(f64::from(m)),
                    detail: format!("activated at {} ({} min after the start)", when(m), m),
                    evidence: vec![format!("{} command activated", when(m))],
                },
                None => Measured {
                    open: true,
                    responses: vec![None],
                    value: Some(f64::from(at)),
                    detail: format!("not activated after {} min", count(f64::from(at))),
                    evidence: Vec::new(),
                },
            }
        }
        Metric::InjectResponseMinutes => {
            let mut delays = Vec::new();
            let mut responses = Vec::new();
            let mut evidence = Vec::new();
            for e in ex.expectations().iter().filter(|e| {
                e.check.is_some()
                    && e.fired_at <= at
                    && (teams.is_empty() || teams.iter().any(|t| e.concerns(t.id.as_str())))
                    && injects.is_none_or(|list| list.contains(&e.inject))
            }) {
                match e.met_at.filter(|&m| m <= at) {
                    Some(m) => {
                        delays.push(f64::from(m - e.fired_at));
                        responses.push(Some(f64::from(m - e.fired_at)));
                        evidence.push(format!(
                            "{} {}: \"{}\" after {} min{}",
                            when(e.fired_at),
                            e.inject,
                            e.text,
                            m - e.fired_at,
                            if e.already_in_place {
                                " (already in place)"
                            } else {
                                ""
                            }
                        ));
                    }
                    // Not made: shown at the time elapsed, scored as nothing.
                    None if e.due <= at => {
                        delays.push(f64::from(at - e.fired_at));
                        responses.push(None);
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
            let met = responses.iter().filter(|r| r.is_some()).count();
            Measured {
                open: false,
                responses,
                value,
                detail: format!(
                    "{met} of {} expected responses made; mean time {} min",
                    delays.len(),
                    count(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::DecisionQuality => {
            let mut scores = Vec::new();
            let mut evidence = Vec::new();
            for d in ex.decisions().iter().filter(|d| {
                d.opened_at <= at
                    && injects.is_none_or(|list| list.contains(&d.inject))
                    && (teams.is_empty() || d.teams.iter().any(|t| of_team(t)))
            }) {
                let Some(point) = ex.decision_point(&d.inject) else {
                    continue;
                };
                if !point.options.iter().any(|o| o.score.is_some()) {
                    continue;
                }
                let Some(settled) = d.settled.as_ref().filter(|s| s.at <= at) else {
                    continue;
                };
                let option = point.option(&settled.option);
                let label = option.map_or(settled.option.as_str(), |o| o.label.as_str());
                let score = match &settled.by {
                    crate::sim::SettledBy::Default => Some(0.0),
                    _ => option.and_then(|o| o.score).map(|s| s.get()),
                };
                if let Some(score) = score {
                    scores.push(score);
                    evidence.push(format!(
                        "{} {}: \"{label}\", {} (worth {})",
                        when(settled.at),
                        d.question,
                        settled.by.words(),
                        percent(score)
                    ));
                }
            }
            let value =
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
            Measured {
                open: false,
                responses: Vec::new(),
                value,
                detail: format!(
                    "{} scored decision(s); their options worth {} on average",
                    scores.len(),
                    percent(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::HospitalOverflowHours => Measured {
            open: false,
            responses: Vec::new(),
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
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: format!("{} infections since the start", count(value)),
                evidence: Vec::new(),
            }
        }
        Metric::Deaths => {
            let value: f64 = districts.iter().map(|&d| snap.sample.districts[d].d).sum();
            Measured {
                open: false,
                responses: Vec::new(),
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
                open: false,
                responses: Vec::new(),
                value,
                detail: format!("{on_time} of {due} reports due were made on time"),
                evidence,
            }
        }
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => {
            let mut evidence = Vec::new();
            let (mut due, mut answered) = (0u32, 0u32);
            let mut delays = Vec::new();
            let mut responses = Vec::new();
            for r in ex
                .requests()
                .iter()
                .filter(|r| r.made_at <= at && of_team(&r.to_team))
            {
                match r
                    .answered
                    .as_ref()
                    .filter(|(m, _)| *m <= at)
                    .map(|(m, a)| (*m, a))
                {
                    Some((m, answer)) => {
                        due += 1;
                        answered += 1;
                        delays.push(f64::from(m - r.made_at));
                        responses.push(Some(f64::from(m - r.made_at)));
                        let verdict = match answer {
                            crate::sim::AidAnswer::Accepted => "accepted".to_string(),
                            crate::sim::AidAnswer::Declined => "declined".to_string(),
                            crate::sim::AidAnswer::Short { sent, reason } => {
                                format!("accepted, {sent} sent ({reason})")
                            }
                        };
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
                        responses.push(None);
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
                    open: false,
                    responses: Vec::new(),
                    value,
                    detail: format!("{answered} of {due} requests for help answered"),
                    evidence,
                }
            } else {
                let value =
                    (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
                Measured {
                    open: false,
                    responses,
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
            // Stock-outs anywhere in the city (or the KPI's district): a shared outcome, since
            // the team that moves stock prevents them at facilities others run.
            let value = match district {
                Some(d) if at == ex.now() => scenario
                    .facilities
                    .iter()
                    .zip(ex.facilities())
                    .filter(|(f, _)| scenario.city.districts[d].id == f.district)
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
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: format!("{} stock-outs", count(value)),
                evidence,
            }
        }
        Metric::PublicTrust => {
            let (mut people, mut trust) = (0.0, 0.0);
            for &d in &districts {
                let population = ex.nodes()[d].population;
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
                open: false,
                responses: Vec::new(),
                value,
                detail: format!(
                    "population-weighted trust {}",
                    percent(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::EconomicCost => {
            let spent_by_teams = |ex: &Exercise| -> f64 {
                ex.costs()
                    .iter()
                    .filter(|(team, _)| of_team(team))
                    .map(|(_, cost)| cost)
                    .sum()
            };
            // A team's spending is known for the live state; the city's at every step.
            let value = if teams.is_empty() || at != ex.now() {
                t.economic_cost
            } else {
                spent_by_teams(ex)
            };
            let decisions: Vec<String> = ex
                .actions()
                .iter()
                .filter(|a| a.at <= at && of_team(&a.team))
                .filter_map(|a| match &a.kind {
                    ActionKind::Measure { district, level } => Some(format!(
                        "{} {} set {district} to {level:?}",
                        when(a.at),
                        a.team
                    )),
                    ActionKind::Gathering {
                        gathering,
                        decision,
                    } => Some(format!(
                        "{} {} decided to {} ({gathering})",
                        when(a.at),
                        a.team,
                        decision.words()
                    )),
                    _ => None,
                })
                .collect();
            Measured {
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: format!("{} spent on measures", count(value)),
                evidence: decisions,
            }
        }
    }
}
