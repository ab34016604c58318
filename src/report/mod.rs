//! The after-action report: a self-contained HTML document in the HSEEP structure (exercise
//! overview, objectives and capabilities with ratings, strengths and areas for improvement, a
//! timeline, charts with and without the players' actions, each team's scorecard, and an
//! improvement plan), with the same data as CSV and JSON.

pub mod decisions;
mod svg;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::headless;
use crate::scenario::{AgencyKind, Metric, Scenario, TeamRole};
use crate::scoring::{self, KpiLine, NEEDS_IMPROVEMENT, Scorecard, clock};
use crate::sim::command::Rating;
use crate::sim::{EventKind, Exercise};
use svg::{PALETTE, Series, line_chart};

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A row of the improvement plan.
#[derive(Debug, Clone, Serialize)]
pub struct ImprovementItem {
    pub capability: String,
    pub objective: String,
    pub issue: String,
    pub corrective_action: String,
    pub owner_agency: String,
    pub start: String,
    pub completion: String,
}

/// A line of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub at: u32,
    pub clock: String,
    pub kind: &'static str,
    pub who: String,
    pub what: String,
}

/// Everything the report shows, also written as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct AfterAction {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub until: u32,
    pub scorecards: Vec<Scorecard>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    pub improvement_plan: Vec<ImprovementItem>,
    pub timeline: Vec<TimelineEntry>,
    /// Decisions, actions, expected actions and refused attempts.
    pub decided: decisions::Decisions,
    pub outcome: headless::Outcome,
    pub baseline_outcome: headless::Outcome,
}

/// What a team could do about a weak KPI, in the words of an improvement plan.
fn corrective_action(metric: &Metric) -> &'static str {
    match metric {
        Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts => {
            "Pre-assign tracing teams to districts; ask for big-data tracing support as soon as a case is confirmed; keep the named-contact backlog under one shift of work."
        }
        Metric::CasesIsolatedWithin24h => {
            "Stand up transfer teams with the designated hospitals; reserve isolation rooms before cases are confirmed."
        }
        Metric::ActivationMinutes => {
            "Rehearse the activation call-out; keep an on-call roster for headquarters staff (target: report for duty within 60 minutes)."
        }
        Metric::InjectResponseMinutes => {
            "Assign a duty officer to triage incoming messages; agree standing first actions for each kind of report."
        }
        Metric::HospitalOverflowHours => {
            "Agree surge beds and transfer rules with hospitals in advance; trigger them on a bed-occupancy threshold."
        }
        Metric::Infections | Metric::Deaths => {
            "Act earlier on the first signals: testing, tracing and proportionate district measures within hours, not days."
        }
        Metric::ReportsOnTime => {
            "Name who reports what to whom and by when; add a reporting checklist to the duty officer's log (no failure to report, false reporting or omission)."
        }
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => {
            "Set up a joint coordination desk; answer every request for help within the hour, even to decline."
        }
        Metric::StockOuts => {
            "Set reorder levels for every stock; rotate the reserve and move supplies before sites run out."
        }
        Metric::PublicTrust => {
            "Answer rumours within hours with one official voice; pair every measure with support to residents."
        }
        Metric::EconomicCost => {
            "Target measures to buildings and districts at risk; review and lift them on clear criteria."
        }
        Metric::DecisionQuality => {
            "Prepare decision criteria before the exercise (thresholds to go ahead, postpone or cancel); take the decision before its deadline, with the lead agency named."
        }
    }
}

/// The agency kinds that own a metric's improvement.
fn owner_kinds(metric: &Metric) -> &'static [AgencyKind] {
    match metric {
        Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts => {
            &[AgencyKind::Cdc, AgencyKind::Health, AgencyKind::Police]
        }
        Metric::CasesIsolatedWithin24h | Metric::HospitalOverflowHours => {
            &[AgencyKind::Hospital, AgencyKind::Health]
        }
        Metric::ActivationMinutes
        | Metric::EconomicCost
        | Metric::AidRequestsAnswered
        | Metric::AidResponseMinutes
        | Metric::DecisionQuality => &[AgencyKind::Command],
        Metric::InjectResponseMinutes => &[AgencyKind::Command, AgencyKind::Health],
        Metric::Infections | Metric::Deaths => &[AgencyKind::Health, AgencyKind::Cdc],
        Metric::ReportsOnTime => &[AgencyKind::Health, AgencyKind::Command],
        Metric::StockOuts => &[AgencyKind::Transport, AgencyKind::Command],
        Metric::PublicTrust => &[AgencyKind::Media, AgencyKind::Command],
    }
}

fn owner(scenario: &Scenario, metric: &Metric, team: Option<&str>) -> String {
    let candidates: Vec<&crate::scenario::Agency> = match team.and_then(|t| scenario.team(t)) {
        Some(t) => t
            .agencies
            .iter()
            .filter_map(|a| scenario.agency(a.as_str()))
            .collect(),
        None => scenario.agencies.iter().collect(),
    };
    owner_kinds(metric)
        .iter()
        .find_map(|kind| candidates.iter().find(|a| a.kind == *kind))
        .or(candidates.first())
        .map(|a| a.name.clone())
        .unwrap_or_else(|| "Exercise director".into())
}

fn kpi_summary(line: &KpiLine) -> String {
    let value = match line.value {
        Some(v) => format!(
            "{}: {} (target {}",
            line.label,
            scoring::format_value(&line.metric, v),
            scoring::format_value(&line.metric, line.target)
        ),
        None => format!(
            "{}: not measured (target {}",
            line.label,
            scoring::format_value(&line.metric, line.target)
        ),
    };
    let baseline = match (line.class, line.baseline) {
        (scoring::KpiClass::Outcome, Some(b)) => {
            format!("; no action {}", scoring::format_value(&line.metric, b))
        }
        _ => String::new(),
    };
    format!(
        "{value}{baseline}; {:.0}% of its points)",
        line.attainment.unwrap_or(0.0) * 100.0
    )
}

/// Builds the report's content from a finished (or paused) exercise and its baseline.
pub fn after_action(exercise: &Exercise, baseline: &Exercise) -> AfterAction {
    let scenario = exercise.scenario();
    let cards = scoring::scorecards(exercise, baseline);
    let end = scenario.meta.start.plus_minutes(exercise.now());
    let date = |days: u32| {
        let d = end.plus_minutes(days * 24 * 60);
        format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
    };
    let mut strengths = Vec::new();
    let mut improvements = Vec::new();
    let mut plan = Vec::new();
    // Strengths and areas for improvement follow the objectives' ratings: an objective rated P
    // is a strength, one rated S, M or U an area for improvement. The whole exercise's card
    // speaks for every objective; a team's card adds the objectives where its own decisions
    // (team-scoped KPIs) or an evaluator's rating of the team made its rating.
    for card in &cards {
        let who = card.team.as_deref();
        for objective in &card.objectives {
            let Some(rating) = &objective.rating else {
                continue;
            };
            let own: Vec<&KpiLine> = objective
                .kpis
                .iter()
                .filter(|l| l.attainment.is_some())
                .filter(|l| who.is_none() || scoring::team_scoped(&l.metric))
                .collect();
            let rated_for_team = who.is_some()
                && exercise
                    .ratings()
                    .iter()
                    .any(|r| r.objective == objective.id && r.team.as_deref() == who);
            if who.is_some() && own.is_empty() && !rated_for_team {
                continue;
            }
            let kpis: Vec<String> = own.iter().map(|l| kpi_summary(l)).collect();
            let evaluators = objective
                .evaluator_rating
                .as_ref()
                .map(|(r, note)| {
                    format!(
                        "evaluators rated {r:?}{}",
                        if note.is_empty() {
                            String::new()
                        } else {
                            format!(" ({note})")
                        }
                    )
                })
                .into_iter();
            let why: Vec<String> = kpis.into_iter().chain(evaluators).collect();
            let text = format!(
                "{} — {}: rated {:?} ({}){}",
                card.name,
                objective.title,
                rating,
                rating.meaning(),
                if why.is_empty() {
                    String::new()
                } else {
                    format!("; {}", why.join("; "))
                }
            );
            if *rating == Rating::P {
                strengths.push(text);
                continue;
            }
            improvements.push(text.clone());
            let capability = if objective.capability.is_empty() {
                objective.title.clone()
            } else {
                objective.capability.clone()
            };
            // One plan item per weak KPI; an objective weak only in the evaluators' eyes gets one.
            let weak: Vec<&&KpiLine> = own
                .iter()
                .filter(|l| l.attainment.is_some() && !l.is_met())
                .collect();
            for line in &weak {
                plan.push(ImprovementItem {
                    capability: capability.clone(),
                    objective: objective.id.clone(),
                    issue: format!("{} ({})", kpi_summary(line), card.name),
                    corrective_action: corrective_action(&line.metric).to_string(),
                    owner_agency: owner(scenario, &line.metric, who),
                    start: date(7),
                    completion: date(if line.attainment.unwrap_or(0.0) < NEEDS_IMPROVEMENT {
                        60
                    } else {
                        90
                    }),
                });
            }
            if weak.is_empty() {
                plan.push(ImprovementItem {
                    capability,
                    objective: objective.id.clone(),
                    issue: text,
                    corrective_action: "Review the evaluators' observations with the team and rehearse the capability in a focused drill.".into(),
                    owner_agency: who
                        .and_then(|t| scenario.team(t))
                        .and_then(|t| t.agencies.first())
                        .and_then(|a| scenario.agency(a.as_str()))
                        .map_or("Exercise director".into(), |a| a.name.clone()),
                    start: date(7),
                    completion: date(60),
                });
            }
        }
    }
    AfterAction {
        scenario: scenario.meta.id.name.clone(),
        title: scenario.meta.title.clone(),
        seed: exercise.seed(),
        until: exercise.now(),
        scorecards: cards,
        strengths,
        improvements,
        improvement_plan: plan,
        timeline: timeline(exercise),
        decided: decisions::decisions(exercise),
        outcome: headless::outcome(exercise),
        baseline_outcome: headless::outcome(baseline),
    }
}

/// Injects, decisions and their consequences, in time order.
pub fn timeline(exercise: &Exercise) -> Vec<TimelineEntry> {
    let scenario = exercise.scenario();
    let mut entries = Vec::new();
    let mut push = |at: u32, kind: &'static str, who: String, what: String| {
        entries.push(TimelineEntry {
            at,
            clock: clock(scenario, at),
            kind,
            who,
            what,
        });
    };
    for e in exercise.events() {
        let (kind, who, what) = match &e.kind {
            EventKind::InjectFired {
                inject,
                title,
                channel,
                from,
                ..
            } => (
                "inject",
                from.clone(),
                format!("{inject} {title} ({channel:?})"),
            ),
            EventKind::Activated { team } => (
                "decision",
                team.clone(),
                "activated the incident command".into(),
            ),
            EventKind::UnitDispatched { unit, team, to, .. } => {
                ("decision", team.clone(), format!("sent {unit} to {to}"))
            }
            EventKind::MeasureOrdered {
                team,
                district,
                level,
            } => (
                "decision",
                team.clone(),
                format!("set {district} to {level:?}"),
            ),
            EventKind::ReportFiled {
                team,
                from,
                to,
                on_time,
                ..
            } => (
                "decision",
                team.clone(),
                format!(
                    "report {from} → {to}{}",
                    if *on_time { "" } else { " (late)" }
                ),
            ),
            EventKind::Shared { team, with, .. } => (
                "decision",
                team.clone(),
                format!("shared information with {}", with.join(", ")),
            ),
            EventKind::Statement { team, .. } => {
                ("decision", team.clone(), "public statement".into())
            }
            EventKind::AidRequested {
                request,
                from_team,
                to_team,
                ..
            } => (
                "decision",
                from_team.clone(),
                format!("request {request} for help to {to_team}"),
            ),
            EventKind::AidAnswered {
                request,
                team,
                accepted,
                ..
            } => (
                "decision",
                team.clone(),
                format!(
                    "{} request {request}",
                    if *accepted { "accepted" } else { "declined" }
                ),
            ),
            EventKind::ReportOverdue { rule, from, to } => (
                "consequence",
                from.clone(),
                format!("{rule}: report to {to} overdue"),
            ),
            EventKind::ExpectationMissed { inject, team, text } => (
                "consequence",
                team.clone(),
                format!("{inject}: expected \"{text}\" not done"),
            ),
            EventKind::AidUnanswered {
                request, to_team, ..
            } => (
                "consequence",
                to_team.clone(),
                format!("request {request} unanswered"),
            ),
            EventKind::TrustAlert { district, trust } => (
                "consequence",
                district.clone(),
                format!("public trust fell to {:.0}%", trust * 100.0),
            ),
            EventKind::StockOut { facility, supply } => (
                "consequence",
                facility.clone(),
                format!("ran out of {supply}"),
            ),
            EventKind::HospitalOverflow { waiting, .. } => (
                "consequence",
                "hospitals".into(),
                format!("{waiting} patients waiting for a bed"),
            ),
            EventKind::Deaths { district, count } => {
                ("consequence", district.clone(), format!("{count} death(s)"))
            }
            EventKind::GatheringDecided {
                name,
                team,
                decision,
                ..
            } => (
                "decision",
                team.clone(),
                format!("{name}: {}", decision.words()),
            ),
            EventKind::GatheringStarted {
                name, attendees, ..
            } => (
                "consequence",
                name.clone(),
                format!("held with {attendees} attending"),
            ),
            EventKind::CrowdDispersed { name, infections } => (
                "consequence",
                name.clone(),
                format!("over: {infections} infection(s) among those there"),
            ),
            EventKind::NoQuarantineRoom { district, waiting } => (
                "consequence",
                district.clone(),
                format!("{waiting} traced contacts wait at home for a quarantine room"),
            ),
            EventKind::SitesNearlyFull { occupied, rooms } => (
                "consequence",
                "quarantine sites".into(),
                format!("{occupied} of {rooms} rooms in use"),
            ),
            EventKind::DecisionOpened {
                decision, question, ..
            } => ("inject", decision.clone(), format!("asks: {question}")),
            EventKind::DecisionAnswered {
                team, label, text, ..
            } => (
                "decision",
                team.clone(),
                if text.is_empty() {
                    format!("chose \"{label}\"")
                } else {
                    format!("chose \"{label}\": {text}")
                },
            ),
            EventKind::DecisionSettled {
                question,
                label,
                how,
                ..
            } => (
                "consequence",
                "decision".into(),
                format!("{question} → \"{label}\" ({how})"),
            ),
            EventKind::ActionTaken { name, team, .. } => {
                ("decision", team.clone(), format!("took action: {name}"))
            }
            EventKind::ActionInEffect { name, team, .. } => {
                ("consequence", team.clone(), format!("{name}: in effect"))
            }
            EventKind::FacilityOpened { facility, by, open } => (
                "decision",
                by.clone(),
                format!("{} {facility}", if *open { "opened" } else { "closed" }),
            ),
            EventKind::UnitsOutOfService { units, reason, .. } => (
                "consequence",
                "units".into(),
                format!(
                    "out of service: {}{}",
                    units.join(", "),
                    if reason.is_empty() {
                        String::new()
                    } else {
                        format!(" ({reason})")
                    }
                ),
            ),
            EventKind::UnitsBackInService { units } => (
                "consequence",
                "units".into(),
                format!("back in service: {}", units.join(", ")),
            ),
            EventKind::AgencyMessage { from, text, .. } => {
                ("inject", from.clone(), format!("message: {text}"))
            }
            _ => continue,
        };
        push(e.at, kind, who, what);
    }
    entries
}

const STYLE: &str = r#"
body { font-family: "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1d1d1f; max-width: 980px; margin: 0 auto; padding: 24px; line-height: 1.45; }
h1 { font-size: 26px; margin-bottom: 4px; } h2 { border-bottom: 2px solid #1f4e79; padding-bottom: 4px; color: #1f4e79; margin-top: 36px; } h3 { margin-bottom: 6px; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 13px; } th, td { border: 1px solid #cfd6dd; padding: 5px 7px; vertical-align: top; text-align: left; } th { background: #eef3f8; }
td.num { text-align: right; white-space: nowrap; }
tr.na td { color: #777; } tr.done td:last-child { color: #2e7d32; } tr.missed td:last-child { color: #c62828; } tr.open td:last-child { color: #777; }
.rating { display: inline-block; min-width: 22px; text-align: center; font-weight: bold; border-radius: 4px; padding: 1px 6px; color: white; }
.rating.P { background: #2e7d32; } .rating.S { background: #9e9d24; } .rating.M { background: #ef6c00; } .rating.U { background: #c62828; } .rating.none { background: #9e9e9e; }
.kpi-grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; } .kpi { border: 1px solid #cfd6dd; border-radius: 6px; padding: 8px 10px; } .kpi b { display: block; font-size: 20px; } .kpi span { font-size: 12px; color: #555; }
.chart { width: 100%; height: auto; border: 1px solid #e3e3e3; margin: 8px 0 16px; } .chart-title { font-size: 14px; font-weight: bold; } .tick { font-size: 11px; fill: #555; } .legend { font-size: 11px; fill: #333; }
details { font-size: 12px; color: #444; } details summary { cursor: pointer; color: #1f4e79; }
.inject { color: #1f4e79; } .decision { color: #2e7d32; } .consequence { color: #c62828; }
ul.compact li { margin-bottom: 3px; }
@page { size: A4; margin: 14mm; }
@media print { body { max-width: none; padding: 0; } h2 { break-before: page; } h2:first-of-type { break-before: auto; } table, .chart, .kpi-grid { break-inside: avoid; } details { display: block; } details > * { display: block; } }
"#;

/// Who else takes part, beside the Blue teams: ", a red cell" and the agencies the control
/// cell plays.
fn scope_others(scenario: &Scenario) -> String {
    let red = scenario
        .teams
        .iter()
        .filter(|t| t.role == TeamRole::Red)
        .count();
    let simulated = scenario.agencies.iter().filter(|a| a.simulated).count();
    let mut others = Vec::new();
    match red {
        0 => {}
        1 => others.push("a red cell".to_string()),
        n => others.push(format!("{n} red cells")),
    }
    match simulated {
        0 => {}
        1 => others.push("the control cell playing 1 agency".to_string()),
        n => others.push(format!("the control cell playing {n} agencies")),
    }
    match others.as_slice() {
        [] => String::new(),
        [one] => format!(", with {one}"),
        _ => format!(", with {}", others.join(" and ")),
    }
}

/// Section 5: decision points, the scenario's actions, expected actions and refused attempts.
fn decisions_section(h: &mut String, d: &decisions::Decisions) {
    h.push_str(r#"<section id="decisions"><h2>5. Decisions and actions</h2>"#);
    if d.decisions.is_empty() {
        h.push_str("<p>No decision point was put to the teams.</p>");
    } else {
        h.push_str(r#"<h3>Decision points</h3><table><tr><th>Question</th><th>Asked of</th><th>Answers (why)</th><th>Decision</th><th>What followed</th><th>Worth</th></tr>"#);
        for r in &d.decisions {
            let answers: Vec<String> = r
                .answers
                .iter()
                .map(|a| {
                    format!(
                        "{} {}: <b>{}</b>{}",
                        a.clock,
                        escape(&a.team),
                        escape(&a.option),
                        if a.rationale.is_empty() {
                            String::new()
                        } else {
                            format!(" — “{}”", escape(&a.rationale))
                        }
                    )
                })
                .collect();
            let _ = write!(
                h,
                r#"<tr><td>{} <i>({}, put {}, due {})</i></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td></tr>"#,
                escape(&r.question),
                escape(&r.inject),
                r.opened,
                r.deadline,
                escape(&r.asked.join(", ")),
                if answers.is_empty() {
                    "no answer".to_string()
                } else {
                    answers.join("<br>")
                },
                r.outcome.as_deref().map_or("open".to_string(), escape),
                escape(&r.followed.join("; ")),
                r.score
                    .map_or("–".to_string(), |s| format!("{:.0}%", s * 100.0)),
            );
        }
        h.push_str("</table>");
    }
    if !d.actions.is_empty() {
        h.push_str(r#"<h3>The scenario's actions taken</h3><table><tr><th>Time</th><th>Team</th><th>Action (why)</th><th>In effect</th><th>What it did</th></tr>"#);
        for a in &d.actions {
            let _ = write!(
                h,
                r#"<tr><td class="num">{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>"#,
                a.clock,
                escape(&a.team),
                escape(&a.action),
                if a.rationale.is_empty() {
                    String::new()
                } else {
                    format!(" — “{}”", escape(&a.rationale))
                },
                a.in_effect,
                escape(&a.followed.join("; ")),
            );
        }
        h.push_str("</table>");
    }
    if !d.expected.is_empty() {
        h.push_str(r#"<h3>Actions the injects expected</h3><table><tr><th>Time</th><th>Inject</th><th>Team</th><th>Expected</th><th>What became of it</th></tr>"#);
        for e in &d.expected {
            let class = match e.done {
                Some(true) => "done",
                Some(false) => "missed",
                None => "open",
            };
            let _ = write!(
                h,
                r#"<tr class="{class}"><td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                e.clock,
                escape(&e.inject),
                escape(&e.team),
                escape(&e.text),
                escape(&e.status),
            );
        }
        h.push_str("</table>");
    }
    if !d.refused.is_empty() {
        h.push_str(r#"<h3>What was tried and refused</h3><table><tr><th>Time</th><th>Who</th><th>Command</th><th>Why it was refused</th></tr>"#);
        for r in &d.refused {
            let _ = write!(
                h,
                r#"<tr><td class="num">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>"#,
                r.clock,
                escape(&r.who),
                escape(&r.command),
                escape(&r.reason),
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");
}

fn rating_badge(rating: Option<&Rating>) -> String {
    match rating {
        Some(r) => format!(
            r#"<span class="rating {r:?}" title="{}">{r:?}</span>"#,
            r.meaning()
        ),
        None => r#"<span class="rating none" title="not yet rated">–</span>"#.into(),
    }
}

fn active_infections(sample: &crate::sim::DistrictSample) -> f64 {
    sample.e + sample.a + sample.i + sample.isolated + sample.hospitalised
}

/// A quantity summed over the districts at every step: (minute, value).
fn city_series(
    exercise: &Exercise,
    value: impl Fn(&crate::sim::DistrictSample) -> f64,
) -> Vec<(f64, f64)> {
    exercise
        .series()
        .iter()
        .map(|s| (f64::from(s.t), s.districts.iter().map(&value).sum()))
        .collect()
}

fn charts(exercise: &Exercise, baseline: &Exercise) -> String {
    let scenario = exercise.scenario();
    let duration = f64::from(exercise.now().max(1));
    let mut out = String::new();
    let mut series: Vec<Series> = scenario
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(d, district)| Series {
            name: district.name.clone(),
            color: PALETTE[d % PALETTE.len()],
            dashed: false,
            // A district's curve includes its places' people.
            points: exercise
                .series()
                .iter()
                .map(|s| {
                    let sum: f64 = exercise
                        .district_and_places(d)
                        .map(|k| active_infections(&s.districts[k]))
                        .sum();
                    (f64::from(s.t), sum)
                })
                .collect(),
        })
        .collect();
    out.push_str(&line_chart(
        "Current infections by district (with the players' actions)",
        duration,
        &series,
        "people infected",
        false,
    ));
    series = vec![
        Series {
            name: "With the players' actions".into(),
            color: PALETTE[0],
            dashed: false,
            points: city_series(exercise, active_infections),
        },
        Series {
            name: "With no action (baseline)".into(),
            color: PALETTE[1],
            dashed: true,
            points: city_series(baseline, active_infections),
        },
    ];
    out.push_str(&line_chart(
        "Current infections in the city: actions against no action",
        duration,
        &series,
        "people infected",
        false,
    ));
    let beds: f64 = scenario
        .facilities
        .iter()
        .filter(|f| f.kind == crate::scenario::FacilityKind::Hospital)
        .map(|f| f64::from(f.beds + f.icu_beds))
        .sum();
    series = vec![
        Series {
            name: "In hospital".into(),
            color: PALETTE[0],
            dashed: false,
            points: city_series(exercise, |d| d.hospitalised),
        },
        Series {
            name: "In hospital, no action".into(),
            color: PALETTE[1],
            dashed: true,
            points: city_series(baseline, |d| d.hospitalised),
        },
        Series {
            name: format!("Beds ({beds:.0})"),
            color: PALETTE[9],
            dashed: true,
            points: vec![(0.0, beds), (duration, beds)],
        },
    ];
    out.push_str(&line_chart(
        "Hospital occupancy",
        duration,
        &series,
        "patients",
        false,
    ));
    let kpis = [
        (
            Metric::ContactsQuarantinedWithin24h,
            "Contacts quarantined ≤ 24 h",
        ),
        (Metric::ReportsOnTime, "Reports on time"),
        (Metric::PublicTrust, "Public trust"),
    ];
    series = Vec::new();
    for (n, (metric, name)) in kpis.iter().enumerate() {
        let points = |ex: &Exercise| -> Vec<(f64, f64)> {
            scoring::kpi_series(ex, metric)
                .into_iter()
                .filter_map(|(t, v)| v.map(|v| (f64::from(t), v)))
                .collect()
        };
        series.push(Series {
            name: name.to_string(),
            color: PALETTE[n * 2],
            dashed: false,
            points: points(exercise),
        });
        series.push(Series {
            name: format!("{name}, no action"),
            color: PALETTE[n * 2],
            dashed: true,
            points: points(baseline),
        });
    }
    out.push_str(&line_chart(
        "KPIs over time, against no action",
        duration,
        &series,
        "share",
        true,
    ));
    out
}

/// The report as one self-contained HTML page.
pub fn html(exercise: &Exercise, baseline: &Exercise, aar: &AfterAction) -> String {
    let scenario = exercise.scenario();
    let meta = &scenario.meta;
    let mut h = String::new();
    let lang = match meta.language {
        crate::scenario::Language::Zh => "zh-CN",
        crate::scenario::Language::En => "en",
    };
    let end = meta.start.plus_minutes(exercise.now());
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>After-Action Report — {title}</title><style>{STYLE}</style></head><body>
<header><h1>{title}</h1><p class="subtitle">After-Action Report and Improvement Plan · exercise {start} → {end} · seed {seed} · generated by Muster</p></header>"#,
        title = escape(&meta.title),
        start = meta.start,
        seed = exercise.seed(),
    );

    // 1. Exercise overview.
    let capabilities: Vec<String> = {
        let mut c: Vec<String> = scenario
            .objectives
            .iter()
            .map(|o| o.capability.clone())
            .filter(|c| !c.is_empty())
            .collect();
        c.sort();
        c.dedup();
        c
    };
    let _ = write!(
        h,
        r#"<section id="overview"><h2>1. Exercise overview</h2><table><tr><th>Exercise name</th><td>{title}</td></tr><tr><th>Dates</th><td>{start} to {end} ({dur} of simulated time{partial})</td></tr><tr><th>Scope</th><td>Tabletop exercise with simulation: {teams} teams playing {agencies} agencies{others}; {districts} districts, {people} residents</td></tr><tr><th>Hazard</th><td>{pathogen}</td></tr><tr><th>Capabilities</th><td>{caps}</td></tr><tr><th>Scenario</th><td>{desc}</td></tr><tr><th>Sponsor / author</th><td>{author}</td></tr></table>"#,
        title = escape(&meta.title),
        start = meta.start,
        dur = crate::scenario::Minutes(exercise.now()),
        partial = if exercise.now() < meta.duration.get() {
            format!(", stopped before the planned {}", meta.duration)
        } else {
            String::new()
        },
        teams = scenario.blue_teams().count(),
        agencies = scenario.played_agencies().len(),
        others = escape(&scope_others(scenario)),
        districts = scenario.city.districts.len(),
        people = crate::summary::group_digits(scenario.total_population()),
        pathogen = escape(&scenario.pathogen.name),
        caps = escape(&capabilities.join("; ")),
        desc = escape(&meta.description),
        author = escape(&meta.author),
    );
    h.push_str("<h3>Objectives</h3><ol>");
    for o in &scenario.objectives {
        let _ = write!(
            h,
            "<li>{} <i>({})</i></li>",
            escape(&o.title),
            escape(&o.capability)
        );
    }
    h.push_str("</ol><h3>Participating organisations</h3><table><tr><th>Team</th><th>Agencies played</th></tr>");
    for t in &scenario.teams {
        let agencies: Vec<String> = t
            .agencies
            .iter()
            .map(|a| {
                scenario
                    .agency(a.as_str())
                    .map_or(a.to_string(), |x| x.name.clone())
            })
            .collect();
        let role = if t.role == TeamRole::Red {
            " (red cell)"
        } else {
            ""
        };
        let _ = write!(
            h,
            "<tr><td>{}{role}</td><td>{}</td></tr>",
            escape(&t.name),
            escape(&agencies.join("; "))
        );
    }
    h.push_str("</table></section>");

    // 2. Summary of results.
    let o = &aar.outcome;
    let b = &aar.baseline_outcome;
    let change = |v: f64, base: f64| {
        if base > 0.0 {
            format!("{:+.0}% vs no action", (v - base) / base * 100.0)
        } else {
            "no action: 0".into()
        }
    };
    let whole = &aar.scorecards[0];
    let _ = write!(
        h,
        r#"<section id="summary"><h2>2. Summary of results</h2><div class="kpi-grid"><div class="kpi"><b>{score}</b><span>overall score</span></div><div class="kpi"><b>{inf}</b><span>infections · {inf_c}</span></div><div class="kpi"><b>{deaths:.1}</b><span>deaths · {deaths_c}</span></div><div class="kpi"><b>{trust:.0}%</b><span>public trust · no action {btrust:.0}%</span></div></div>"#,
        score = whole.percent.map_or("–".into(), |p| format!("{p:.0}%")),
        inf = crate::summary::group_digits(o.infections.round() as u64),
        inf_c = change(o.infections, b.infections),
        deaths = o.deaths,
        deaths_c = change(o.deaths, b.deaths),
        trust = o.mean_trust * 100.0,
        btrust = b.mean_trust * 100.0,
    );
    h.push_str("<table><tr><th>Objective</th><th>Capability</th><th>Rating</th><th>From KPIs</th><th>Evaluators</th></tr>");
    for card in &whole.objectives {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&card.title),
            escape(&card.capability),
            rating_badge(card.rating.as_ref()),
            rating_badge(card.kpi_rating.as_ref()),
            rating_badge(card.evaluator_rating.as_ref().map(|r| &r.0))
        );
    }
    h.push_str("</table><p>Ratings follow HSEEP: <b>P</b> performed without challenges, <b>S</b> with some challenges, <b>M</b> with major challenges, <b>U</b> unable to be performed. An objective's rating combines its KPIs' attainment with the evaluators' rating when there is one.</p></section>");

    // 3. Analysis: strengths and areas for improvement.
    h.push_str(r#"<section id="analysis"><h2>3. Analysis of capabilities</h2><h3 id="strengths">Strengths</h3><ul class="compact">"#);
    if aar.strengths.is_empty() {
        h.push_str("<li>None reached its target fully.</li>");
    }
    for s in &aar.strengths {
        let _ = write!(h, "<li>{}</li>", escape(s));
    }
    h.push_str(r#"</ul><h3 id="improvements">Areas for improvement</h3><ul class="compact">"#);
    if aar.improvements.is_empty() {
        h.push_str("<li>None.</li>");
    }
    for s in &aar.improvements {
        let _ = write!(h, "<li>{}</li>", escape(s));
    }
    h.push_str("</ul>");
    let observations = exercise.observations();
    if !observations.is_empty() {
        h.push_str("<h3>Evaluator observations</h3><ul class=\"compact\">");
        for o in observations {
            let _ = write!(
                h,
                "<li>{} {}{}</li>",
                clock(scenario, o.at),
                escape(&o.text),
                if o.evaluator.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", escape(&o.evaluator))
                }
            );
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");

    // 4. Charts.
    h.push_str(r#"<section id="charts"><h2>4. The epidemic, hospitals and KPIs over time</h2><p>Solid lines: the exercise as played. Dashed: the same scenario and seed with no player action.</p>"#);
    h.push_str(&charts(exercise, baseline));
    h.push_str("</section>");

    // 5. Decisions and actions.
    decisions_section(&mut h, &aar.decided);

    // 6. Timeline.
    h.push_str(r#"<section id="timeline"><h2>6. Timeline of injects, decisions and consequences</h2><table><tr><th>Time</th><th>Kind</th><th>Who</th><th>What</th></tr>"#);
    for t in &aar.timeline {
        let _ = write!(
            h,
            r#"<tr><td class="num">{}</td><td class="{k}">{k}</td><td>{}</td><td>{}</td></tr>"#,
            t.clock,
            escape(&t.who),
            escape(&t.what),
            k = t.kind
        );
    }
    h.push_str("</table></section>");

    // 6. Scorecards.
    h.push_str(r#"<section id="scorecards"><h2>7. Scorecards</h2><p>Each line: the value measured in the simulation against its target. Points are attainment (0–1) × weight × 10. An outcome (infections, deaths, overflow, trust, stock-outs) earns the share of the improvement its target asks for over the same scenario and seed with no player action; a cost counts only when something was spent; a process KPI counts the opportunities there were. <b>n/a</b>: nothing to measure on this card, counted neither way.</p>"#);
    for card in &aar.scorecards {
        let _ = write!(
            h,
            r#"<h3 id="scorecard-{}">{} — {}</h3><table><tr><th>Objective</th><th>KPI</th><th>Value</th><th>Target</th><th>Weight</th><th>Points</th><th>Why</th></tr>"#,
            escape(card.team.as_deref().unwrap_or("exercise")),
            escape(&card.name),
            card.percent.map_or("not yet scored".into(), |p| format!(
                "{p:.0}% ({:.1} of {:.1} points)",
                card.points, card.max_points
            ))
        );
        for objective in &card.objectives {
            for (n, line) in objective.kpis.iter().enumerate() {
                let objective_cell = if n == 0 {
                    format!(
                        r#"<td rowspan="{}">{} {}</td>"#,
                        objective.kpis.len(),
                        rating_badge(objective.rating.as_ref()),
                        escape(&objective.title)
                    )
                } else {
                    String::new()
                };
                let evidence = if line.evidence.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<details><summary>{} events</summary>{}</details>",
                        line.evidence.len(),
                        line.evidence
                            .iter()
                            .map(|e| escape(e))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    )
                };
                let points = match line.attainment {
                    Some(_) => format!("{:.1} / {:.1}", line.points, line.max_points),
                    None => "n/a".into(),
                };
                let _ = write!(
                    h,
                    r#"<tr{}>{objective_cell}<td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{points}</td><td>{}{evidence}</td></tr>"#,
                    if line.attainment.is_none() {
                        r#" class="na""#
                    } else {
                        ""
                    },
                    escape(&line.label),
                    line.value
                        .map_or("–".into(), |v| scoring::format_value(&line.metric, v)),
                    scoring::format_value(&line.metric, line.target),
                    line.weight,
                    escape(&line.explanation)
                );
            }
            if objective.kpis.is_empty() {
                let _ = write!(
                    h,
                    r#"<tr><td>{} {}</td><td colspan="6">rated by evaluators only</td></tr>"#,
                    rating_badge(objective.rating.as_ref()),
                    escape(&objective.title)
                );
            }
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");

    // 7. Improvement plan.
    h.push_str(r#"<section id="improvement-plan"><h2>8. Improvement plan</h2><table><tr><th>Capability</th><th>Issue / area for improvement</th><th>Corrective action</th><th>Owner agency</th><th>Start</th><th>Completion</th></tr>"#);
    if aar.improvement_plan.is_empty() {
        h.push_str(r#"<tr><td colspan="6">No area for improvement was found.</td></tr>"#);
    }
    for item in &aar.improvement_plan {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&item.capability),
            escape(&item.issue),
            escape(&item.corrective_action),
            escape(&item.owner_agency),
            item.start,
            item.completion
        );
    }
    h.push_str("</table></section>");
    let _ = write!(
        h,
        r#"<footer><p class="subtitle">Data: scorecards.json, scorecards.csv, timeseries.csv, timeline.csv, improvement-plan.csv beside this file. Scenario `{}`, seed {}.</p></footer></body></html>"#,
        escape(&meta.id.name),
        exercise.seed()
    );
    h
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Writes report.html and the data files into `dir`. Returns the files written.
pub fn write(
    dir: &Path,
    exercise: &Exercise,
    baseline: &Exercise,
) -> std::io::Result<Vec<PathBuf>> {
    crate::files::create_dir_all(dir)?;
    let aar = after_action(exercise, baseline);
    let mut files = Vec::new();
    let mut put = |name: &str, content: String| -> std::io::Result<()> {
        let path = dir.join(name);
        crate::files::write(&path, content)?;
        files.push(path);
        Ok(())
    };
    put("report.html", html(exercise, baseline, &aar))?;
    put(
        "report.json",
        serde_json::to_string_pretty(&aar).map_err(std::io::Error::other)?,
    )?;
    put(
        "scorecards.json",
        serde_json::to_string_pretty(&aar.scorecards).map_err(std::io::Error::other)?,
    )?;
    let mut csv = String::from(
        "scorecard,objective,metric,class,value,baseline,target,weight,applies,attainment,points,max_points,explanation\n",
    );
    for card in &aar.scorecards {
        for o in &card.objectives {
            for k in &o.kpis {
                let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
                let _ = writeln!(
                    csv,
                    "{},{},{:?},{},{},{},{},{},{},{},{},{},{}",
                    csv_field(card.team.as_deref().unwrap_or("exercise")),
                    csv_field(&o.id),
                    k.metric,
                    k.class.name(),
                    num(k.value),
                    num(k.baseline),
                    k.target,
                    k.weight,
                    if k.attainment.is_some() { "yes" } else { "n/a" },
                    num(k.attainment),
                    k.points,
                    k.max_points,
                    csv_field(&k.explanation)
                );
            }
        }
    }
    put("scorecards.csv", csv)?;
    put("timeseries.csv", headless::csv(exercise))?;
    put("baseline-timeseries.csv", headless::csv(baseline))?;
    let mut timeline = String::from("minute,clock,kind,who,what\n");
    for t in &aar.timeline {
        let _ = writeln!(
            timeline,
            "{},{},{},{},{}",
            t.at,
            t.clock,
            t.kind,
            csv_field(&t.who),
            csv_field(&t.what)
        );
    }
    put("timeline.csv", timeline)?;
    let mut plan = String::from(
        "capability,objective,issue,corrective_action,owner_agency,start,completion\n",
    );
    for i in &aar.improvement_plan {
        let _ = writeln!(
            plan,
            "{},{},{},{},{},{},{}",
            csv_field(&i.capability),
            csv_field(&i.objective),
            csv_field(&i.issue),
            csv_field(&i.corrective_action),
            csv_field(&i.owner_agency),
            i.start,
            i.completion
        );
    }
    put("improvement-plan.csv", plan)?;
    Ok(files)
}
