//! Measuring a metric at a moment of an exercise: its value, what it means in words, and the
//! events and decisions behind it. How a value turns into points is `mod.rs`'s business.

use crate::i18n::{Language, count, percent};
use crate::scenario::{Metric, MetricScale, Scenario, Team, UnitRole};
use crate::sim::{ActionKind, Exercise, Sample, Totals};
use crate::tr;

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

/// Scenario time as the exercise clock reads it in a language: `D2 09:30`, `第2天 09:30`.
pub fn clock_in(lang: crate::i18n::Language, scenario: &Scenario, minutes: u32) -> String {
    scenario.clock_in(lang, minutes)
}

/// What a metric is called on a scorecard.
pub fn label(metric: &Metric, lang: Language) -> String {
    match metric {
        Metric::ContactsQuarantinedWithin24h => tr!(lang, "metric-contacts-quarantined"),
        Metric::CasesIsolatedWithin24h => tr!(lang, "metric-cases-isolated"),
        Metric::CasesAmongKnownContacts => tr!(lang, "metric-cases-known"),
        Metric::ActivationMinutes => tr!(lang, "metric-activation"),
        Metric::InjectResponseMinutes => tr!(lang, "metric-inject-response"),
        Metric::HospitalOverflowHours => tr!(lang, "metric-overflow-hours"),
        Metric::Infections => tr!(lang, "metric-infections"),
        Metric::Deaths => tr!(lang, "metric-deaths"),
        Metric::ReportsOnTime => tr!(lang, "metric-reports-on-time"),
        Metric::AidRequestsAnswered => tr!(lang, "metric-aid-answered"),
        Metric::AidResponseMinutes => tr!(lang, "metric-aid-minutes"),
        Metric::StockOuts => tr!(lang, "metric-stock-outs"),
        Metric::PublicTrust => tr!(lang, "metric-public-trust"),
        Metric::EconomicCost => tr!(lang, "metric-economic-cost"),
        Metric::DecisionQuality => tr!(lang, "metric-decision-quality"),
        Metric::RumourAnswerMinutes => tr!(lang, "metric-rumour-answer"),
        Metric::RumourReach => tr!(lang, "metric-rumour-reach"),
        Metric::NegativePostShare => tr!(lang, "metric-negative-posts"),
        Metric::CostPerInfectionAverted => tr!(lang, "metric-cost-per-infection-averted"),
    }
}

/// How a metric's value reads.
pub fn format_value(metric: &Metric, value: f64, lang: Language) -> String {
    match metric.scale() {
        MetricScale::Share => percent(value),
        MetricScale::Minutes => tr!(lang, "value-minutes", minutes = count(lang, value)),
        MetricScale::Hours => tr!(lang, "value-hours", hours = format!("{value:.0}")),
        MetricScale::Count => count(lang, value),
        MetricScale::Money => crate::i18n::yuan(lang, value),
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
fn nothing_to_measure(metric: &Metric, teams: &[&Team], lang: Language) -> String {
    // Who is meant: 0 everyone, 1 this team, 2 these teams.
    let scope = teams.len().min(2);
    match metric {
        Metric::ContactsQuarantinedWithin24h => tr!(lang, "nothing-contacts"),
        Metric::CasesIsolatedWithin24h => tr!(lang, "nothing-isolation"),
        Metric::CasesAmongKnownContacts => tr!(lang, "nothing-cases"),
        Metric::InjectResponseMinutes => tr!(lang, "nothing-injects", scope = scope),
        Metric::ReportsOnTime => tr!(lang, "nothing-reports", scope = scope),
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => {
            tr!(lang, "nothing-requests", scope = scope)
        }
        Metric::DecisionQuality => tr!(lang, "nothing-decisions", scope = scope),
        Metric::RumourAnswerMinutes | Metric::RumourReach => tr!(lang, "nothing-rumours"),
        Metric::NegativePostShare => tr!(lang, "nothing-posts"),
        Metric::CostPerInfectionAverted => tr!(lang, "nothing-averted"),
        _ => tr!(lang, "nothing-to-measure"),
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
    lang: Language,
) -> Measured {
    let mut measured = measure_raw(snap, metric, teams, district, injects, lang);
    if measured.value.is_none() {
        measured.detail = nothing_to_measure(metric, teams, lang);
    }
    measured
}

fn measure_raw(
    snap: &Snapshot,
    metric: &Metric,
    teams: &[&Team],
    district: Option<usize>,
    injects: Option<&[String]>,
    lang: Language,
) -> Measured {
    let ex = snap.exercise;
    let scenario = ex.scenario();
    let at = snap.at;
    let t = &snap.totals;
    let when = |m: u32| clock_in(lang, scenario, m);
    let count = |value: f64| count(lang, value);
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
                ActionKind::Dispatch { role, to } if roles.contains(role) => Some(tr!(
                    lang,
                    "evidence-dispatch",
                    time = when(a.at),
                    team = a.team.as_str(),
                    role = role.words(lang),
                    place = to.as_str()
                )),
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
                detail: tr!(
                    lang,
                    "detail-contacts",
                    quick = count(t.contacts_quarantined_within_24h),
                    named = count(settled),
                    quarantined = count(t.contacts_quarantined),
                    lost = count(t.contacts_lost)
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
                detail: tr!(
                    lang,
                    "detail-isolation",
                    quick = count(t.isolated_within_24h),
                    cases = count(settled),
                    moved = count(t.isolated_in_sites)
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
                detail: tr!(
                    lang,
                    "detail-known-contacts",
                    known = count(known),
                    confirmed = count(confirmed),
                    quarantine = count(t.confirmed_from_quarantine),
                    tracers = count(t.confirmed_on_tracing)
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
                    detail: tr!(
                        lang,
                        "detail-activated",
                        time = when(m),
                        after = crate::i18n::duration(lang, m)
                    ),
                    evidence: vec![tr!(lang, "evidence-activated", time = when(m))],
                },
                None => Measured {
                    open: true,
                    responses: vec![None],
                    value: Some(f64::from(at)),
                    detail: tr!(
                        lang,
                        "detail-not-activated",
                        after = crate::i18n::duration(lang, at)
                    ),
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
                        let after = crate::i18n::duration(lang, m - e.fired_at);
                        let args = (when(e.fired_at), e.inject.as_str(), e.text.as_str());
                        evidence.push(if e.already_in_place {
                            tr!(
                                lang,
                                "evidence-response-in-place",
                                time = args.0,
                                inject = args.1,
                                text = args.2,
                                after = after
                            )
                        } else {
                            tr!(
                                lang,
                                "evidence-response",
                                time = args.0,
                                inject = args.1,
                                text = args.2,
                                after = after
                            )
                        });
                    }
                    // Not made: shown at the time elapsed, scored as nothing.
                    None if e.due <= at => {
                        delays.push(f64::from(at - e.fired_at));
                        responses.push(None);
                        evidence.push(tr!(
                            lang,
                            "evidence-response-missed",
                            time = when(e.fired_at),
                            inject = e.inject.as_str(),
                            text = e.text.as_str(),
                            due = when(e.due)
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
                detail: tr!(
                    lang,
                    "detail-responses",
                    made = met,
                    expected = delays.len(),
                    mean = crate::i18n::duration(lang, value.unwrap_or(0.0).round() as u32)
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
                    evidence.push(tr!(
                        lang,
                        "evidence-decision",
                        time = when(settled.at),
                        question = d.question.as_str(),
                        option = label,
                        how = settled.by.words(lang),
                        worth = percent(score)
                    ));
                }
            }
            let value =
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
            Measured {
                open: false,
                responses: Vec::new(),
                value,
                detail: tr!(
                    lang,
                    "detail-decisions",
                    count = scores.len(),
                    worth = percent(value.unwrap_or(0.0))
                ),
                evidence,
            }
        }
        Metric::HospitalOverflowHours => Measured {
            open: false,
            responses: Vec::new(),
            value: Some(t.overflow_hours),
            detail: tr!(
                lang,
                "detail-overflow",
                hours = format!("{:.0}", t.overflow_hours),
                patients = count(snap.sample.districts.iter().map(|d| d.hospitalised).sum())
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
                detail: tr!(lang, "detail-infections", count = count(value)),
                evidence: Vec::new(),
            }
        }
        Metric::Deaths => {
            let value: f64 = districts.iter().map(|&d| snap.sample.districts[d].d).sum();
            Measured {
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: tr!(lang, "detail-deaths", count = count(value)),
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
                    Some(f) if let Some(untrue) = &r.untrue => {
                        due += 1;
                        evidence.push(tr!(
                            lang,
                            "evidence-report-false",
                            time = when(r.opened_at),
                            rule = r.rule.as_str(),
                            from = r.from.as_str(),
                            to = r.to.as_str(),
                            filed = when(f),
                            falsehood = untrue.words(lang)
                        ));
                    }
                    Some(f) if f <= r.due => {
                        due += 1;
                        on_time += 1;
                    }
                    Some(f) => {
                        due += 1;
                        evidence.push(tr!(
                            lang,
                            "evidence-report-late",
                            time = when(r.opened_at),
                            rule = r.rule.as_str(),
                            from = r.from.as_str(),
                            to = r.to.as_str(),
                            filed = when(f)
                        ));
                    }
                    None if r.due <= at => {
                        due += 1;
                        evidence.push(tr!(
                            lang,
                            "evidence-report-missing",
                            time = when(r.opened_at),
                            rule = r.rule.as_str(),
                            from = r.from.as_str(),
                            to = r.to.as_str(),
                            due = when(r.due)
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
                detail: tr!(lang, "detail-reports", on_time = on_time, due = due),
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
                            crate::sim::AidAnswer::Accepted => tr!(lang, "aid-accepted"),
                            crate::sim::AidAnswer::Declined => tr!(lang, "aid-declined"),
                            crate::sim::AidAnswer::Short { sent, reason } => {
                                tr!(lang, "aid-short", sent = *sent, reason = reason.text(lang))
                            }
                        };
                        evidence.push(tr!(
                            lang,
                            "evidence-aid-answered",
                            time = when(r.made_at),
                            request = r.number,
                            from = r.from_team.as_str(),
                            to = r.to_team.as_str(),
                            answer = verdict,
                            after = crate::i18n::duration(lang, m - r.made_at)
                        ));
                    }
                    None if r.due <= at => {
                        due += 1;
                        delays.push(f64::from(at - r.made_at));
                        responses.push(None);
                        evidence.push(tr!(
                            lang,
                            "evidence-aid-unanswered",
                            time = when(r.made_at),
                            request = r.number,
                            from = r.from_team.as_str(),
                            to = r.to_team.as_str()
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
                    detail: tr!(lang, "detail-aid-answered", answered = answered, due = due),
                    evidence,
                }
            } else {
                let value =
                    (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
                Measured {
                    open: false,
                    responses,
                    value,
                    detail: tr!(
                        lang,
                        "detail-aid-minutes",
                        mean = crate::i18n::duration(lang, value.unwrap_or(0.0).round() as u32),
                        count = delays.len()
                    ),
                    evidence,
                }
            }
        }
        Metric::RumourAnswerMinutes | Metric::RumourReach => {
            use crate::scenario::{PostTone, PostTrigger};
            let in_scope = |post: &crate::sim::Post| {
                district.is_none_or(|d| {
                    post.district.as_deref() == Some(scenario.city.districts[d].id.as_str())
                        || post.district.is_none()
                })
            };
            let (mut delays, mut reaches, mut responses, mut evidence) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for post in ex.feed().iter().filter(|p| {
                p.at <= at
                    && p.tone == PostTone::Negative
                    && matches!(p.on, PostTrigger::Rumour | PostTrigger::Fraud)
                    && in_scope(p)
            }) {
                let engaged = ex.engagement_at(post, at);
                reaches.push(engaged);
                let answer = post
                    .answered
                    .as_ref()
                    .filter(|(m, team)| *m <= at && of_team(team));
                match answer {
                    Some((m, team)) => {
                        delays.push(f64::from(m - post.at));
                        responses.push(Some(f64::from(m - post.at)));
                        evidence.push(tr!(
                            lang,
                            "evidence-rumour-answered",
                            time = when(post.at),
                            text = post.text.as_str(),
                            who = post.name.as_str(),
                            team = team.as_str(),
                            after = crate::i18n::duration(lang, m - post.at),
                            engaged = count(engaged.round())
                        ));
                    }
                    None => {
                        delays.push(f64::from(at - post.at));
                        responses.push(None);
                        evidence.push(tr!(
                            lang,
                            "evidence-rumour-open",
                            time = when(post.at),
                            text = post.text.as_str(),
                            who = post.name.as_str(),
                            engaged = count(engaged.round())
                        ));
                    }
                }
            }
            let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
            let answered = responses.iter().flatten().count();
            if *metric == Metric::RumourAnswerMinutes {
                let value = mean(&delays);
                Measured {
                    open: false,
                    responses,
                    value,
                    detail: tr!(
                        lang,
                        "detail-rumour-answer",
                        rumours = delays.len(),
                        answered = answered,
                        mean = crate::i18n::duration(lang, value.unwrap_or(0.0).round() as u32)
                    ),
                    evidence,
                }
            } else {
                let value = mean(&reaches);
                Measured {
                    open: false,
                    responses: Vec::new(),
                    value,
                    detail: tr!(
                        lang,
                        "detail-rumour-reach",
                        rumours = reaches.len(),
                        answered = answered,
                        mean = count(value.unwrap_or(0.0).round())
                    ),
                    evidence,
                }
            }
        }
        Metric::NegativePostShare => {
            let posts: Vec<&crate::sim::Post> = ex
                .feed()
                .iter()
                .filter(|p| p.at <= at)
                .filter(|p| {
                    district.is_none_or(|d| {
                        p.district.as_deref() == Some(scenario.city.districts[d].id.as_str())
                    })
                })
                .collect();
            let negative = posts
                .iter()
                .filter(|p| p.tone == crate::scenario::PostTone::Negative)
                .count();
            let value = (!posts.is_empty()).then(|| negative as f64 / posts.len() as f64);
            Measured {
                open: false,
                responses: Vec::new(),
                value,
                detail: tr!(
                    lang,
                    "detail-negative-posts",
                    negative = negative,
                    posts = posts.len()
                ),
                evidence: Vec::new(),
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
                    crate::sim::EventKind::StockOut { facility, supply } => Some(tr!(
                        lang,
                        "evidence-stock-out",
                        time = when(e.at),
                        facility = facility.as_str(),
                        supply = supply.as_str()
                    )),
                    _ => None,
                })
                .collect();
            Measured {
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: tr!(lang, "detail-stock-outs", count = count(value)),
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
                    crate::sim::EventKind::Statement { team, .. } if of_team(team) => Some(tr!(
                        lang,
                        "evidence-statement",
                        time = when(e.at),
                        team = team.as_str()
                    )),
                    crate::sim::EventKind::TrustAlert { district, trust } => Some(tr!(
                        lang,
                        "evidence-trust-alert",
                        time = when(e.at),
                        district = district.as_str(),
                        trust = percent(*trust)
                    )),
                    crate::sim::EventKind::ReportOverdue { rule, .. } => Some(tr!(
                        lang,
                        "evidence-report-overdue",
                        time = when(e.at),
                        rule = rule.as_str()
                    )),
                    _ => None,
                })
                .collect();
            evidence.truncate(40);
            Measured {
                open: false,
                responses: Vec::new(),
                value,
                detail: tr!(lang, "detail-trust", trust = percent(value.unwrap_or(0.0))),
                evidence,
            }
        }
        // Set against the no-action run, which only scoring has (`proportion.rs`).
        Metric::CostPerInfectionAverted => Measured {
            open: false,
            responses: Vec::new(),
            value: None,
            detail: String::new(),
            evidence: Vec::new(),
        },
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
                .filter_map(|a| {
                    let measure = |place: &str, level: String| {
                        tr!(
                            lang,
                            "evidence-measure",
                            time = when(a.at),
                            team = a.team.as_str(),
                            district = place,
                            level = level
                        )
                    };
                    match &a.kind {
                        ActionKind::Measure { district, level } => {
                            Some(measure(district, level.words(lang)))
                        }
                        ActionKind::Zone { zone, level, .. } => {
                            Some(measure(zone, level.words(lang)))
                        }
                        ActionKind::Gathering {
                            gathering,
                            decision,
                        } => Some(tr!(
                            lang,
                            "evidence-gathering",
                            time = when(a.at),
                            team = a.team.as_str(),
                            decision = decision.words(lang),
                            gathering = gathering.as_str()
                        )),
                        _ => None,
                    }
                })
                .collect();
            Measured {
                open: false,
                responses: Vec::new(),
                value: Some(value),
                detail: tr!(lang, "detail-cost", spent = crate::i18n::yuan(lang, value)),
                evidence: decisions,
            }
        }
    }
}
