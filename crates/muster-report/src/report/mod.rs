//! The after-action report: a self-contained HTML document in the HSEEP structure (exercise
//! overview, objectives and capabilities with ratings, strengths and areas for improvement, a
//! timeline, charts with and without the players' actions, each team's scorecard, and an
//! improvement plan), with the same data as CSV and JSON.

pub mod decisions;
pub mod svg;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::headless;
use crate::i18n::{self, Language, yuan};
use crate::scenario::{AgencyKind, Metric, Scenario, TeamRole};
use crate::scoring::{self, KpiLine, NEEDS_IMPROVEMENT, Scorecard, clock_in};
use crate::sim::command::Rating;
use crate::sim::{EventKind, Exercise};
use crate::tr;
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
    /// The red cell's scorecard, when the scenario has one.
    pub red_card: Option<scoring::RedCard>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    pub improvement_plan: Vec<ImprovementItem>,
    pub timeline: Vec<TimelineEntry>,
    /// Decisions, actions, expected actions and refused attempts.
    pub decided: decisions::Decisions,
    /// Each measure's cost against the infections it alone averted (`scoring/measures.rs`).
    pub measures: Vec<scoring::MeasureAccount>,
    /// What one infection costs the city, yuan: the yardstick of the measures.
    pub harm_of_an_infection: f64,
    pub outcome: headless::Outcome,
    pub baseline_outcome: headless::Outcome,
}

/// What a team could do about a weak KPI, in the words of an improvement plan.
fn corrective_action(lang: Language, metric: &Metric) -> String {
    match metric {
        Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts => {
            tr!(lang, "report-fix-tracing")
        }
        Metric::CasesIsolatedWithin24h => tr!(lang, "report-fix-isolation"),
        Metric::ActivationMinutes => tr!(lang, "report-fix-activation"),
        Metric::InjectResponseMinutes => tr!(lang, "report-fix-inject-response"),
        Metric::HospitalOverflowHours => tr!(lang, "report-fix-overflow"),
        Metric::Infections | Metric::Deaths => tr!(lang, "report-fix-outcomes"),
        Metric::ReportsOnTime => tr!(lang, "report-fix-reports"),
        Metric::AidRequestsAnswered | Metric::AidResponseMinutes => tr!(lang, "report-fix-aid"),
        Metric::StockOuts => tr!(lang, "report-fix-stock"),
        Metric::PublicTrust => tr!(lang, "report-fix-trust"),
        Metric::EconomicCost => tr!(lang, "report-fix-cost"),
        Metric::CostPerInfectionAverted => tr!(lang, "report-fix-proportion"),
        Metric::DecisionQuality => tr!(lang, "report-fix-decisions"),
        Metric::RumourAnswerMinutes | Metric::RumourReach | Metric::NegativePostShare => {
            tr!(lang, "report-fix-rumours")
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
        | Metric::CostPerInfectionAverted
        | Metric::AidRequestsAnswered
        | Metric::AidResponseMinutes
        | Metric::DecisionQuality => &[AgencyKind::Command],
        Metric::InjectResponseMinutes => &[AgencyKind::Command, AgencyKind::Health],
        Metric::Infections | Metric::Deaths => &[AgencyKind::Health, AgencyKind::Cdc],
        Metric::ReportsOnTime => &[AgencyKind::Health, AgencyKind::Command],
        Metric::StockOuts => &[AgencyKind::Transport, AgencyKind::Command],
        Metric::PublicTrust
        | Metric::RumourAnswerMinutes
        | Metric::RumourReach
        | Metric::NegativePostShare => &[AgencyKind::Media, AgencyKind::Command],
    }
}

fn owner(lang: Language, scenario: &Scenario, metric: &Metric, team: Option<&str>) -> String {
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
        .unwrap_or_else(|| tr!(lang, "report-exercise-director"))
}

fn kpi_summary(lang: Language, line: &KpiLine) -> String {
    let shown = |v: f64| scoring::format_value(&line.metric, v, lang);
    let value = line.value.map_or(tr!(lang, "report-not-measured"), shown);
    let share = i18n::percent(line.attainment.unwrap_or(0.0));
    match (line.class, line.baseline) {
        (scoring::KpiClass::Outcome, Some(b)) => tr!(
            lang,
            "report-kpi-summary-baseline",
            kpi = line.label.as_str(),
            value = value,
            target = shown(line.target),
            baseline = shown(b),
            share = share
        ),
        _ => tr!(
            lang,
            "report-kpi-summary",
            kpi = line.label.as_str(),
            value = value,
            target = shown(line.target),
            share = share
        ),
    }
}

/// Builds the report's content from a finished (or paused) exercise and its baseline.
pub fn after_action(exercise: &Exercise, baseline: &Exercise, lang: Language) -> AfterAction {
    let scenario = exercise.scenario();
    let measures = scoring::Ledger::of(exercise).accounts(exercise, lang);
    let cards = scoring::scorecards_with(exercise, baseline, &measures, lang);
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
            let kpis: Vec<String> = own.iter().map(|l| kpi_summary(lang, l)).collect();
            let evaluators = objective
                .evaluator_rating
                .as_ref()
                .map(|(r, note)| {
                    let rating = format!("{r:?}");
                    if note.is_empty() {
                        tr!(lang, "report-evaluators-rated", rating = rating)
                    } else {
                        tr!(
                            lang,
                            "report-evaluators-rated-note",
                            rating = rating,
                            note = note.as_str()
                        )
                    }
                })
                .into_iter();
            let why: Vec<String> = kpis.into_iter().chain(evaluators).collect();
            let mut text = tr!(
                lang,
                "report-objective-rated",
                card = card.name.as_str(),
                objective = objective.title.as_str(),
                rating = format!("{rating:?}"),
                meaning = rating.meaning(lang)
            );
            if !why.is_empty() {
                text.push_str(&tr!(lang, "report-list-separator"));
                text.push_str(&why.join(&tr!(lang, "report-list-separator")));
            }
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
                    issue: tr!(
                        lang,
                        "report-issue-of",
                        kpi = kpi_summary(lang, line),
                        card = card.name.as_str()
                    ),
                    corrective_action: corrective_action(lang, &line.metric),
                    owner_agency: owner(lang, scenario, &line.metric, who),
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
                    corrective_action: tr!(lang, "report-fix-evaluated"),
                    owner_agency: who
                        .and_then(|t| scenario.team(t))
                        .and_then(|t| t.agencies.first())
                        .and_then(|a| scenario.agency(a.as_str()))
                        .map_or(tr!(lang, "report-exercise-director"), |a| a.name.clone()),
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
        red_card: scoring::red_card_of(exercise, lang),
        strengths,
        improvements,
        improvement_plan: plan,
        timeline: timeline(exercise, lang),
        decided: decisions::decisions(exercise, lang),
        measures,
        harm_of_an_infection: scoring::proportion::harm_of_an_infection(scenario),
        outcome: headless::outcome(exercise),
        baseline_outcome: headless::outcome(baseline),
    }
}

/// Each measure's line: when, who, what, its cost, the infections it averted, the cost of each,
/// and whether that is in proportion to the harm of an infection.
fn measures_section(h: &mut String, aar: &AfterAction, scenario: &Scenario, lang: Language) {
    let _ = write!(
        h,
        r#"<section id="measures"><h2>{}</h2><p>{}</p>"#,
        tr!(lang, "report-measures"),
        escape(&tr!(
            lang,
            "report-measures-explained",
            harm = yuan(lang, aar.harm_of_an_infection),
            danger = yuan(lang, aar.measures.first().map_or(0.0, |m| m.danger)),
            school_day = yuan(lang, crate::scoring::proportion::VALUE_OF_A_SCHOOL_DAY_YUAN)
        ))
    );
    if aar.measures.is_empty() {
        let _ = write!(h, "<p>{}</p></section>", tr!(lang, "report-no-measures"));
        return;
    }
    h.push_str("<table>");
    header_row(
        h,
        &[
            tr!(lang, "report-col-time"),
            tr!(lang, "report-col-team"),
            tr!(lang, "report-col-measure"),
            tr!(lang, "report-col-cost"),
            tr!(lang, "report-col-other-harm"),
            tr!(lang, "report-col-averted"),
            tr!(lang, "report-col-per-infection"),
            tr!(lang, "report-col-proportion"),
        ],
    );
    for m in &aar.measures {
        let team = scenario
            .team(&m.team)
            .map_or(m.team.as_str(), |t| t.name.as_str());
        let per_infection = if m.averted > 0.0 {
            yuan(lang, m.harm() / m.averted)
        } else {
            "–".to_string()
        };
        let verdict = m.verdict_words(lang);
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            escape(&scoring::clock_in(lang, scenario, m.at)),
            escape(team),
            escape(&m.what),
            escape(&yuan(lang, m.cost)),
            escape(&m.other_harm(lang)),
            escape(&crate::i18n::count(lang, m.averted)),
            escape(&per_infection),
            escape(&verdict)
        );
    }
    h.push_str("</table></section>");
}

/// Injects, decisions and their consequences, in time order.
pub fn timeline(exercise: &Exercise, lang: Language) -> Vec<TimelineEntry> {
    let scenario = exercise.scenario();
    let mut entries = Vec::new();
    // Participants read names: a team's, a district's, a facility's, not its id.
    let mut push = |at: u32, kind: &'static str, who: String, what: String| {
        let who = scenario.name_of(&who).to_string();
        entries.push(TimelineEntry {
            at,
            clock: clock_in(lang, scenario, at),
            kind,
            who,
            what,
        });
    };
    let list = |items: &[String]| items.join(&tr!(lang, "list-comma"));
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
                tr!(
                    lang,
                    "timeline-inject",
                    inject = inject.as_str(),
                    title = title.as_str(),
                    channel = channel.words(lang)
                ),
            ),
            EventKind::Activated { team } => {
                ("decision", team.clone(), tr!(lang, "timeline-activated"))
            }
            EventKind::UnitDispatched { unit, team, to, .. } => (
                "decision",
                team.clone(),
                tr!(
                    lang,
                    "timeline-dispatched",
                    unit = unit.as_str(),
                    place = to.as_str()
                ),
            ),
            EventKind::MeasureOrdered {
                team,
                district,
                level,
            } => (
                "decision",
                team.clone(),
                tr!(
                    lang,
                    "timeline-measure",
                    district = district.as_str(),
                    level = level.words(lang)
                ),
            ),
            EventKind::ReportFiled {
                team,
                from,
                to,
                untrue: Some(untrue),
                ..
            } => (
                "decision",
                team.clone(),
                tr!(
                    lang,
                    "timeline-report-untrue",
                    from = from.as_str(),
                    to = to.as_str(),
                    falsehood = untrue.words(lang)
                ),
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
                if *on_time {
                    tr!(
                        lang,
                        "timeline-report",
                        from = from.as_str(),
                        to = to.as_str()
                    )
                } else {
                    tr!(
                        lang,
                        "timeline-report-late",
                        from = from.as_str(),
                        to = to.as_str()
                    )
                },
            ),
            EventKind::Shared { team, with, .. } => (
                "decision",
                team.clone(),
                tr!(lang, "timeline-shared", teams = list(with)),
            ),
            EventKind::Statement { team, .. } => {
                ("decision", team.clone(), tr!(lang, "timeline-statement"))
            }
            EventKind::AidRequested {
                request,
                from_team,
                to_team,
                ..
            } => (
                "decision",
                from_team.clone(),
                tr!(
                    lang,
                    "timeline-aid-requested",
                    request = *request,
                    team = to_team.as_str()
                ),
            ),
            EventKind::AidAnswered {
                request,
                team,
                accepted,
                ..
            } => (
                "decision",
                team.clone(),
                if *accepted {
                    tr!(lang, "timeline-aid-accepted", request = *request)
                } else {
                    tr!(lang, "timeline-aid-declined", request = *request)
                },
            ),
            EventKind::ReportOverdue { rule, from, to } => (
                "consequence",
                from.clone(),
                tr!(
                    lang,
                    "timeline-report-overdue",
                    rule = rule.as_str(),
                    to = to.as_str()
                ),
            ),
            EventKind::ExpectationMissed { inject, team, text } => (
                "consequence",
                if team.is_empty() {
                    tr!(lang, "any-team")
                } else {
                    team.clone()
                },
                tr!(
                    lang,
                    "timeline-expectation-missed",
                    inject = inject.as_str(),
                    text = text.as_str()
                ),
            ),
            EventKind::AidUnanswered {
                request, to_team, ..
            } => (
                "consequence",
                to_team.clone(),
                tr!(lang, "timeline-aid-unanswered", request = *request),
            ),
            EventKind::TrustAlert { district, trust } => (
                "consequence",
                district.clone(),
                tr!(lang, "timeline-trust", trust = i18n::percent(*trust)),
            ),
            EventKind::StockOut { facility, supply } => (
                "consequence",
                facility.clone(),
                tr!(
                    lang,
                    "timeline-stock-out",
                    supply = scenario.name_of(supply)
                ),
            ),
            EventKind::HospitalOverflow { waiting, .. } => (
                "consequence",
                tr!(lang, "timeline-hospitals"),
                tr!(lang, "timeline-overflow", waiting = *waiting),
            ),
            EventKind::Deaths { district, count } => (
                "consequence",
                district.clone(),
                tr!(lang, "timeline-deaths", count = *count),
            ),
            EventKind::GatheringDecided {
                name,
                team,
                decision,
                ..
            } => (
                "decision",
                team.clone(),
                tr!(
                    lang,
                    "timeline-gathering-decided",
                    gathering = name.as_str(),
                    decision = decision.words(lang)
                ),
            ),
            EventKind::GatheringStarted {
                name, attendees, ..
            } => (
                "consequence",
                name.clone(),
                tr!(lang, "timeline-gathering-held", attendees = *attendees),
            ),
            EventKind::CrowdDispersed { name, infections } => (
                "consequence",
                name.clone(),
                tr!(lang, "timeline-crowd-dispersed", infections = *infections),
            ),
            EventKind::NoQuarantineRoom { district, waiting } => (
                "consequence",
                district.clone(),
                tr!(lang, "timeline-no-room", waiting = *waiting),
            ),
            EventKind::SitesNearlyFull { occupied, rooms } => (
                "consequence",
                tr!(lang, "timeline-quarantine-sites"),
                tr!(
                    lang,
                    "timeline-sites-nearly-full",
                    occupied = *occupied,
                    rooms = *rooms
                ),
            ),
            EventKind::DecisionOpened {
                decision, question, ..
            } => (
                "inject",
                decision.clone(),
                tr!(
                    lang,
                    "timeline-decision-asked",
                    question = question.as_str()
                ),
            ),
            EventKind::DecisionAnswered {
                team, label, text, ..
            } => (
                "decision",
                team.clone(),
                if text.is_empty() {
                    tr!(lang, "timeline-decision-chose", option = label.as_str())
                } else {
                    tr!(
                        lang,
                        "timeline-decision-chose-why",
                        option = label.as_str(),
                        why = text.as_str()
                    )
                },
            ),
            EventKind::DecisionSettled {
                question,
                label,
                how,
                ..
            } => (
                "consequence",
                tr!(lang, "timeline-decision"),
                tr!(
                    lang,
                    "timeline-decision-settled",
                    question = question.as_str(),
                    option = label.as_str(),
                    how = how.words(lang)
                ),
            ),
            EventKind::ActionTaken { name, team, .. } => (
                "decision",
                team.clone(),
                tr!(lang, "timeline-action-taken", action = name.as_str()),
            ),
            EventKind::ActionInEffect { name, team, .. } => (
                "consequence",
                team.clone(),
                tr!(lang, "timeline-action-in-effect", action = name.as_str()),
            ),
            EventKind::FacilityOpened { facility, by, open } => (
                "decision",
                by.clone(),
                if *open {
                    tr!(
                        lang,
                        "timeline-facility-opened",
                        facility = facility.as_str()
                    )
                } else {
                    tr!(
                        lang,
                        "timeline-facility-closed",
                        facility = facility.as_str()
                    )
                },
            ),
            EventKind::UnitsOutOfService { units, reason, .. } => (
                "consequence",
                tr!(lang, "timeline-units"),
                if reason.is_empty() {
                    tr!(lang, "timeline-out-of-service", units = list(units))
                } else {
                    tr!(
                        lang,
                        "timeline-out-of-service-why",
                        units = list(units),
                        reason = reason.as_str()
                    )
                },
            ),
            EventKind::UnitsBackInService { units } => (
                "consequence",
                tr!(lang, "timeline-units"),
                tr!(lang, "timeline-back-in-service", units = list(units)),
            ),
            EventKind::AgencyMessage { from, text, .. } => (
                "inject",
                from.clone(),
                tr!(lang, "timeline-message", text = text.as_str()),
            ),
            // Red's moves sit beside Blue's answers; they read as the inbox words them.
            EventKind::RedPlayed { team, .. } => {
                ("red", team.clone(), red_line(&e.kind, lang, scenario))
            }
            EventKind::RedSign { .. }
            | EventKind::CasesUncovered { .. }
            | EventKind::ChannelDown { .. }
            | EventKind::ChannelRestoring { .. }
            | EventKind::ChannelBack { .. } => (
                "consequence",
                String::new(),
                red_line(&e.kind, lang, scenario),
            ),
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
tr.na td { color: #777; } tr.unanswered td:last-child { color: #c62828; } tr.done td:last-child { color: #2e7d32; } tr.missed td:last-child { color: #c62828; } tr.open td:last-child { color: #777; }
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

/// Who else takes part, beside the Blue teams: ", with a red cell" and the agencies the control
/// cell plays.
fn scope_others(lang: Language, scenario: &Scenario) -> String {
    let red = scenario
        .teams
        .iter()
        .filter(|t| t.role == TeamRole::Red)
        .count();
    let simulated = scenario.agencies.iter().filter(|a| a.simulated).count();
    let mut others = Vec::new();
    if red > 0 {
        others.push(tr!(lang, "report-scope-red", count = red));
    }
    if simulated > 0 {
        others.push(tr!(lang, "report-scope-control", count = simulated));
    }
    let others = match others.as_slice() {
        [] => return String::new(),
        [one] => one.clone(),
        [first, second, ..] => tr!(
            lang,
            "report-scope-and",
            first = first.as_str(),
            second = second.as_str()
        ),
    };
    tr!(lang, "report-scope-with", others = others)
}

/// Section 5: decision points, the scenario's actions, expected actions and refused attempts.
fn decisions_section(h: &mut String, d: &decisions::Decisions, lang: Language) {
    let _ = write!(
        h,
        r#"<section id="decisions"><h2>{}</h2>"#,
        tr!(lang, "report-decisions")
    );
    if d.decisions.is_empty() {
        let _ = write!(h, "<p>{}</p>", tr!(lang, "report-no-decisions"));
    } else {
        let _ = write!(h, "<h3>{}</h3><table>", tr!(lang, "report-decision-points"));
        header_row(
            h,
            &[
                tr!(lang, "report-question"),
                tr!(lang, "report-asked-of"),
                tr!(lang, "report-answers"),
                tr!(lang, "report-decision"),
                tr!(lang, "report-what-followed"),
                tr!(lang, "report-worth"),
            ],
        );
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
                r#"<tr><td>{} <i>{}</i></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td></tr>"#,
                escape(&r.question),
                escape(&tr!(
                    lang,
                    "report-decision-when",
                    inject = r.inject.as_str(),
                    opened = r.opened.as_str(),
                    due = r.deadline.as_str()
                )),
                escape(&r.asked.join(&tr!(lang, "list-comma"))),
                if answers.is_empty() {
                    tr!(lang, "report-no-answer")
                } else {
                    answers.join("<br>")
                },
                r.outcome
                    .as_deref()
                    .map_or_else(|| tr!(lang, "report-open"), escape),
                escape(&r.followed.join("; ")),
                r.score
                    .map_or("–".to_string(), |s| format!("{:.0}%", s * 100.0)),
            );
        }
        h.push_str("</table>");
    }
    if !d.actions.is_empty() {
        let _ = write!(h, "<h3>{}</h3><table>", tr!(lang, "report-actions-taken"));
        header_row(
            h,
            &[
                tr!(lang, "report-time"),
                tr!(lang, "report-team"),
                tr!(lang, "report-action-why"),
                tr!(lang, "report-in-effect"),
                tr!(lang, "report-what-it-did"),
            ],
        );
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
        let _ = write!(h, "<h3>{}</h3><table>", tr!(lang, "report-expected"));
        header_row(
            h,
            &[
                tr!(lang, "report-time"),
                tr!(lang, "report-inject"),
                tr!(lang, "report-team"),
                tr!(lang, "report-expected-action"),
                tr!(lang, "report-what-became"),
            ],
        );
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
        let _ = write!(h, "<h3>{}</h3><table>", tr!(lang, "report-refused"));
        header_row(
            h,
            &[
                tr!(lang, "report-time"),
                tr!(lang, "report-who"),
                tr!(lang, "report-command"),
                tr!(lang, "report-why-refused"),
            ],
        );
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

/// A table's header row.
fn header_row(h: &mut String, cells: &[String]) {
    h.push_str("<tr>");
    for cell in cells {
        let _ = write!(h, "<th>{}</th>", escape(cell));
    }
    h.push_str("</tr>");
}

fn rating_badge(rating: Option<&Rating>, lang: Language) -> String {
    match rating {
        Some(r) => format!(
            r#"<span class="rating {r:?}" title="{}">{r:?}</span>"#,
            escape(&r.meaning(lang))
        ),
        None => format!(
            r#"<span class="rating none" title="{}">–</span>"#,
            escape(&tr!(lang, "report-not-rated"))
        ),
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

fn charts(exercise: &Exercise, baseline: &Exercise, lang: Language) -> String {
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
        &tr!(lang, "report-chart-by-district"),
        duration,
        &series,
        &tr!(lang, "report-axis-infected"),
        false,
        lang,
    ));
    series = vec![
        Series {
            name: tr!(lang, "report-series-played"),
            color: PALETTE[0],
            dashed: false,
            points: city_series(exercise, active_infections),
        },
        Series {
            name: tr!(lang, "report-series-baseline"),
            color: PALETTE[1],
            dashed: true,
            points: city_series(baseline, active_infections),
        },
    ];
    out.push_str(&line_chart(
        &tr!(lang, "report-chart-city"),
        duration,
        &series,
        &tr!(lang, "report-axis-infected"),
        false,
        lang,
    ));
    let beds: f64 = scenario
        .facilities
        .iter()
        .filter(|f| f.kind == crate::scenario::FacilityKind::Hospital)
        .map(|f| f64::from(f.beds + f.icu_beds))
        .sum();
    series = vec![
        Series {
            name: tr!(lang, "report-series-in-hospital"),
            color: PALETTE[0],
            dashed: false,
            points: city_series(exercise, |d| d.hospitalised),
        },
        Series {
            name: tr!(lang, "report-series-in-hospital-baseline"),
            color: PALETTE[1],
            dashed: true,
            points: city_series(baseline, |d| d.hospitalised),
        },
        Series {
            name: tr!(lang, "report-series-beds", beds = i18n::count(lang, beds)),
            color: PALETTE[9],
            dashed: true,
            points: vec![(0.0, beds), (duration, beds)],
        },
    ];
    out.push_str(&line_chart(
        &tr!(lang, "report-chart-hospital"),
        duration,
        &series,
        &tr!(lang, "report-axis-patients"),
        false,
        lang,
    ));
    let kpis = [
        (
            Metric::ContactsQuarantinedWithin24h,
            tr!(lang, "report-series-contacts"),
        ),
        (Metric::ReportsOnTime, tr!(lang, "report-series-reports")),
        (Metric::PublicTrust, tr!(lang, "report-series-trust")),
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
            name: name.clone(),
            color: PALETTE[n * 2],
            dashed: false,
            points: points(exercise),
        });
        series.push(Series {
            name: tr!(lang, "report-series-no-action", name = name.as_str()),
            color: PALETTE[n * 2],
            dashed: true,
            points: points(baseline),
        });
    }
    out.push_str(&line_chart(
        &tr!(lang, "report-chart-kpis"),
        duration,
        &series,
        &tr!(lang, "report-axis-share"),
        true,
        lang,
    ));
    out
}

/// The report as one self-contained HTML page, in a language (the scenario's own text stays as
/// written).
pub fn html(exercise: &Exercise, baseline: &Exercise, aar: &AfterAction, lang: Language) -> String {
    let scenario = exercise.scenario();
    let meta = &scenario.meta;
    let mut h = String::new();
    let html_lang = match lang {
        Language::Zh => "zh-CN",
        Language::En => "en",
    };
    let end = meta.start.plus_minutes(exercise.now());
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{page_title}</title><style>{STYLE}</style></head><body>
<header><h1>{title}</h1><p class="subtitle">{subtitle}</p></header>"#,
        page_title = escape(&tr!(lang, "report-title", title = meta.title.as_str())),
        title = escape(&meta.title),
        subtitle = escape(&tr!(
            lang,
            "report-subtitle",
            start = meta.start.to_string(),
            end = end.to_string(),
            seed = exercise.seed().to_string()
        )),
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
    let duration = i18n::duration(lang, exercise.now());
    let dates = if exercise.now() < meta.duration.get() {
        tr!(
            lang,
            "report-dates-partial",
            start = meta.start.to_string(),
            end = end.to_string(),
            duration = duration,
            planned = i18n::duration(lang, meta.duration.get())
        )
    } else {
        tr!(
            lang,
            "report-dates-value",
            start = meta.start.to_string(),
            end = end.to_string(),
            duration = duration
        )
    };
    let scope = tr!(
        lang,
        "report-scope-value",
        teams = scenario.blue_teams().count(),
        agencies = scenario.played_agencies().len(),
        others = scope_others(lang, scenario),
        districts = scenario.city.districts.len(),
        people = i18n::count(lang, scenario.total_population() as f64)
    );
    let _ = write!(
        h,
        r#"<section id="overview"><h2>{}</h2><table>"#,
        tr!(lang, "report-overview")
    );
    for (heading, value) in [
        (tr!(lang, "report-exercise-name"), meta.title.clone()),
        (tr!(lang, "report-dates"), dates),
        (tr!(lang, "report-scope"), scope),
        (tr!(lang, "report-hazard"), scenario.pathogen.name.clone()),
        (
            tr!(lang, "report-capabilities"),
            capabilities.join(&tr!(lang, "report-list-separator")),
        ),
        (tr!(lang, "report-scenario"), meta.description.clone()),
        (tr!(lang, "report-author"), meta.author.clone()),
    ] {
        let _ = write!(
            h,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&heading),
            escape(&value)
        );
    }
    let _ = write!(h, "</table><h3>{}</h3><ol>", tr!(lang, "report-objectives"));
    for o in &scenario.objectives {
        let _ = write!(
            h,
            "<li>{} <i>({})</i></li>",
            escape(&o.title),
            escape(&o.capability)
        );
    }
    let _ = write!(
        h,
        "</ol><h3>{}</h3><table>",
        tr!(lang, "report-organisations")
    );
    header_row(
        &mut h,
        &[
            tr!(lang, "report-team"),
            tr!(lang, "report-agencies-played"),
        ],
    );
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
        let team = if needs_red_cell_mark(t, lang) {
            tr!(lang, "report-red-cell", team = t.name.as_str())
        } else {
            t.name.clone()
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&team),
            escape(&agencies.join(&tr!(lang, "report-list-separator")))
        );
    }
    h.push_str("</table></section>");

    // 2. Summary of results.
    let o = &aar.outcome;
    let b = &aar.baseline_outcome;
    let change = |v: f64, base: f64| {
        if base > 0.0 {
            tr!(
                lang,
                "report-change",
                change = format!("{:+.0}%", (v - base) / base * 100.0)
            )
        } else {
            tr!(lang, "report-change-none")
        }
    };
    let whole = &aar.scorecards[0];
    let _ = write!(
        h,
        r#"<section id="summary"><h2>{heading}</h2><div class="kpi-grid"><div class="kpi"><b>{score}</b><span>{score_label}</span></div><div class="kpi"><b>{inf}</b><span>{inf_label}</span></div><div class="kpi"><b>{deaths:.1}</b><span>{deaths_label}</span></div><div class="kpi"><b>{trust}</b><span>{trust_label}</span></div></div>"#,
        heading = tr!(lang, "report-summary"),
        score = whole.percent.map_or("–".into(), |p| format!("{p:.0}%")),
        score_label = tr!(lang, "report-overall-score"),
        inf = i18n::count(lang, o.infections),
        inf_label = escape(&tr!(
            lang,
            "report-infections",
            change = change(o.infections, b.infections)
        )),
        deaths = o.deaths,
        deaths_label = escape(&tr!(
            lang,
            "report-deaths",
            change = change(o.deaths, b.deaths)
        )),
        trust = i18n::percent(o.mean_trust),
        trust_label = escape(&tr!(
            lang,
            "report-trust",
            baseline = i18n::percent(b.mean_trust)
        )),
    );
    let hardship = &exercise.totals().hardship;
    let _ = write!(
        h,
        "<p>{}</p>",
        escape(&tr!(
            lang,
            "report-harm-of-the-response",
            cost = yuan(lang, o.economic_cost),
            school_days = i18n::count(lang, hardship.school_days_lost),
            care_deaths = format!("{:.1}", hardship.care_forgone_deaths),
            calls = i18n::count(lang, hardship.hotline_calls),
            site_days = i18n::count(lang, hardship.site_person_days)
        ))
    );
    h.push_str("<table>");
    header_row(
        &mut h,
        &[
            tr!(lang, "report-objective"),
            tr!(lang, "report-capability"),
            tr!(lang, "report-rating"),
            tr!(lang, "report-from-kpis"),
            tr!(lang, "report-evaluators"),
        ],
    );
    for card in &whole.objectives {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&card.title),
            escape(&card.capability),
            rating_badge(card.rating.as_ref(), lang),
            rating_badge(card.kpi_rating.as_ref(), lang),
            rating_badge(card.evaluator_rating.as_ref().map(|r| &r.0), lang)
        );
    }
    // The explanation is the tables' own markup (bold rating letters).
    let _ = write!(
        h,
        "</table><p>{}</p></section>",
        tr!(lang, "report-ratings-explained")
    );

    // 3. Analysis: strengths and areas for improvement.
    let _ = write!(
        h,
        r#"<section id="analysis"><h2>{}</h2><h3 id="strengths">{}</h3><ul class="compact">"#,
        tr!(lang, "report-analysis"),
        tr!(lang, "report-strengths")
    );
    if aar.strengths.is_empty() {
        let _ = write!(h, "<li>{}</li>", tr!(lang, "report-no-strengths"));
    }
    for s in &aar.strengths {
        let _ = write!(h, "<li>{}</li>", escape(s));
    }
    let _ = write!(
        h,
        r#"</ul><h3 id="improvements">{}</h3><ul class="compact">"#,
        tr!(lang, "report-improvements")
    );
    if aar.improvements.is_empty() {
        let _ = write!(h, "<li>{}</li>", tr!(lang, "report-no-improvements"));
    }
    for s in &aar.improvements {
        let _ = write!(h, "<li>{}</li>", escape(s));
    }
    h.push_str("</ul>");
    let observations = exercise.observations();
    if !observations.is_empty() {
        let _ = write!(
            h,
            "<h3>{}</h3><ul class=\"compact\">",
            tr!(lang, "report-observations")
        );
        for o in observations {
            let _ = write!(
                h,
                "<li>{} {}{}</li>",
                clock_in(lang, scenario, o.at),
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
    let _ = write!(
        h,
        r#"<section id="charts"><h2>{}</h2><p>{}</p>"#,
        tr!(lang, "report-charts"),
        tr!(lang, "report-charts-explained")
    );
    h.push_str(&charts(exercise, baseline, lang));
    h.push_str("</section>");

    // 5. Decisions and actions; 6. what each measure cost against what it averted.
    decisions_section(&mut h, &aar.decided, lang);
    measures_section(&mut h, aar, scenario, lang);

    // 7. Timeline.
    let _ = write!(
        h,
        r#"<section id="timeline"><h2>{}</h2><table>"#,
        tr!(lang, "report-timeline")
    );
    header_row(
        &mut h,
        &[
            tr!(lang, "report-time"),
            tr!(lang, "report-kind"),
            tr!(lang, "report-who"),
            tr!(lang, "report-what"),
        ],
    );
    for t in &aar.timeline {
        let _ = write!(
            h,
            r#"<tr><td class="num">{}</td><td class="{}">{}</td><td>{}</td><td>{}</td></tr>"#,
            t.clock,
            t.kind,
            kind_words(lang, t.kind),
            escape(&t.who),
            escape(&t.what),
        );
    }
    h.push_str("</table></section>");

    // 8. Scorecards.
    let _ = write!(
        h,
        r#"<section id="scorecards"><h2>{}</h2><p>{}</p>"#,
        tr!(lang, "report-scorecards"),
        tr!(lang, "report-scorecards-explained")
    );
    if let Some(reason) = &scenario.proportion.opt_out {
        let _ = write!(
            h,
            "<p>{}</p>",
            escape(&tr!(
                lang,
                "report-proportion-opted-out",
                reason = reason.value.as_str()
            ))
        );
    }
    if let Some(red) = &aar.red_card {
        red_card_html(&mut h, red, lang);
    }
    for card in &aar.scorecards {
        let score = card.percent.map_or(tr!(lang, "report-not-scored"), |p| {
            tr!(
                lang,
                "report-card-score",
                percent = format!("{p:.0}%"),
                points = format!("{:.1}", card.points),
                max = format!("{:.1}", card.max_points)
            )
        });
        let _ = write!(
            h,
            r#"<h3 id="scorecard-{}">{} — {}</h3>"#,
            escape(card.team.as_deref().unwrap_or("exercise")),
            escape(&card.name),
            escape(&score)
        );
        if let Some(capped) = &card.capped {
            let _ = write!(h, "<p>{}</p>", escape(capped));
        }
        h.push_str("<table>");
        header_row(
            &mut h,
            &[
                tr!(lang, "report-objective"),
                tr!(lang, "report-kpi"),
                tr!(lang, "report-value"),
                tr!(lang, "report-target"),
                tr!(lang, "report-weight"),
                tr!(lang, "report-points"),
                tr!(lang, "report-why"),
            ],
        );
        for objective in &card.objectives {
            for (n, line) in objective.kpis.iter().enumerate() {
                let objective_cell = if n == 0 {
                    format!(
                        r#"<td rowspan="{}">{} {}</td>"#,
                        objective.kpis.len(),
                        rating_badge(objective.rating.as_ref(), lang),
                        escape(&objective.title)
                    )
                } else {
                    String::new()
                };
                let evidence = if line.evidence.is_empty() {
                    String::new()
                } else {
                    format!(
                        "<details><summary>{}</summary>{}</details>",
                        escape(&tr!(lang, "report-events", count = line.evidence.len())),
                        line.evidence
                            .iter()
                            .map(|e| escape(e))
                            .collect::<Vec<_>>()
                            .join("<br>")
                    )
                };
                let points = match line.attainment {
                    Some(_) => format!("{:.1} / {:.1}", line.points, line.max_points),
                    None => tr!(lang, "report-not-applicable"),
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
                    line.value.map_or("–".into(), |v| scoring::format_value(
                        &line.metric,
                        v,
                        lang
                    )),
                    scoring::format_value(&line.metric, line.target, lang),
                    line.weight,
                    escape(&line.explanation)
                );
            }
            if objective.kpis.is_empty() {
                let _ = write!(
                    h,
                    r#"<tr><td>{} {}</td><td colspan="6">{}</td></tr>"#,
                    rating_badge(objective.rating.as_ref(), lang),
                    escape(&objective.title),
                    tr!(lang, "report-evaluators-only")
                );
            }
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");

    // 9. Improvement plan.
    let _ = write!(
        h,
        r#"<section id="improvement-plan"><h2>{}</h2><table>"#,
        tr!(lang, "report-plan")
    );
    header_row(
        &mut h,
        &[
            tr!(lang, "report-capability"),
            tr!(lang, "report-issue"),
            tr!(lang, "report-corrective-action"),
            tr!(lang, "report-owner"),
            tr!(lang, "report-start"),
            tr!(lang, "report-completion"),
        ],
    );
    if aar.improvement_plan.is_empty() {
        let _ = write!(
            h,
            r#"<tr><td colspan="6">{}</td></tr>"#,
            tr!(lang, "report-no-plan")
        );
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
        r#"<footer><p class="subtitle">{}</p></footer></body></html>"#,
        escape(&tr!(
            lang,
            "report-footer",
            scenario = meta.id.name.as_str(),
            seed = exercise.seed().to_string()
        )),
    );
    h
}

fn red_line(kind: &EventKind, lang: Language, scenario: &crate::scenario::Scenario) -> String {
    crate::inbox::describe(kind, lang, &|m| clock_in(lang, scenario, m))
        .map(|(_, text)| text)
        .unwrap_or_default()
}

/// A timeline line's kind as a reader names it (the report and the app's debrief).
/// The red cell's card: what it achieved, then each move beside Blue's answer.
fn red_card_html(h: &mut String, red: &scoring::RedCard, lang: Language) {
    let _ = write!(
        h,
        r#"<h3 id="scorecard-red">{} — {}</h3><p>{}</p><table>"#,
        escape(&tr!(lang, "red-card-title")),
        escape(&red.name),
        escape(&red.summary)
    );
    header_row(
        h,
        &[
            tr!(lang, "report-time"),
            tr!(lang, "report-red-tactic"),
            tr!(lang, "report-red-target"),
            tr!(lang, "report-red-cost"),
            tr!(lang, "report-red-answer"),
        ],
    );
    for line in &red.moves {
        let _ = write!(
            h,
            r#"<tr{}><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            if line.answered_at.is_none() {
                r#" class="unanswered""#
            } else {
                ""
            },
            escape(&line.time),
            escape(&line.tactic),
            escape(&line.target),
            crate::i18n::count(lang, line.cost),
            escape(&line.answer)
        );
    }
    h.push_str("</table>");
}

pub fn kind_words(lang: Language, kind: &str) -> String {
    match kind {
        "inject" => tr!(lang, "report-kind-inject"),
        "decision" => tr!(lang, "report-kind-decision"),
        "red" => tr!(lang, "report-kind-red"),
        _ => tr!(lang, "report-kind-consequence"),
    }
}

/// Whether a team's name needs "(red cell)" after it: a red team whose name does not already
/// say so ("Red cell (red cell)" says it twice). The report and the briefing mark it alike.
pub(crate) fn needs_red_cell_mark(team: &crate::scenario::Team, lang: Language) -> bool {
    team.role == TeamRole::Red
        && !team
            .name
            .to_lowercase()
            .contains(&tr!(lang, "report-red-cell-word"))
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
    lang: Language,
) -> std::io::Result<Vec<PathBuf>> {
    crate::files::create_dir_all(dir)?;
    let aar = after_action(exercise, baseline, lang);
    let mut files = Vec::new();
    let mut put = |name: &str, content: String| -> std::io::Result<()> {
        let path = dir.join(name);
        crate::files::write(&path, content)?;
        files.push(path);
        Ok(())
    };
    put("report.html", html(exercise, baseline, &aar, lang))?;
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
    let mut measures = String::from(
        "minute,team,measure,cost_yuan,school_days_lost,care_forgone_deaths,infections_averted,waste_yuan,danger_yuan,attainment\n",
    );
    for m in &aar.measures {
        let _ = writeln!(
            measures,
            "{},{},{},{:.0},{:.0},{:.3},{:.1},{:.0},{:.0},{:.3}",
            m.at,
            csv_field(&m.team),
            csv_field(&m.what),
            m.cost,
            m.school_days_lost,
            m.care_forgone_deaths,
            m.averted,
            m.waste,
            m.danger,
            m.attainment
        );
    }
    put("measures.csv", measures)?;
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
