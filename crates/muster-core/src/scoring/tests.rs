//! Scoring rules on the small test scenario (see `sim::test_support`).

use super::*;
use crate::sim::test_support::{command, small, small_scenario};

const OBJECTIVES: &str = r#"scenario.objectives: [
    (id: "contain", title: "Contain", kpis: [(metric: Infections, target: 50.0), (metric: Deaths, target: 1000.0)]),
    (id: "joint", title: "Joint", teams: ["police-team"], kpis: [(metric: AidRequestsAnswered, target: 1.0), (metric: AidResponseMinutes, target: 60.0)]),
    (id: "cost", title: "Cost", teams: ["health-team"], kpis: [(metric: EconomicCost, target: 1000000.0)]),
]"#;

fn line<'a>(card: &'a Scorecard, objective: &str, metric: Metric) -> &'a KpiLine {
    card.objectives
        .iter()
        .find(|o| o.id == objective)
        .and_then(|o| o.kpis.iter().find(|k| k.metric == metric))
        .unwrap_or_else(|| panic!("{objective} {metric:?} on {}", card.name))
}

fn outbreak(extra: &str) -> String {
    format!("{OBJECTIVES}\nscenario.initial_cases: [(district: \"north\", count: 30)]\n{extra}")
}

#[test]
fn outcomes_score_the_improvement_over_doing_nothing() {
    // Lower is better: halfway from the baseline (100) to the target (50) is half the points.
    assert_eq!(
        improvement(&Metric::Infections, 75.0, 100.0, 50.0),
        Some(0.5)
    );
    assert_eq!(
        improvement(&Metric::Infections, 100.0, 100.0, 50.0),
        Some(0.0)
    );
    assert_eq!(
        improvement(&Metric::Infections, 120.0, 100.0, 50.0),
        Some(0.0)
    );
    assert_eq!(
        improvement(&Metric::Infections, 10.0, 100.0, 50.0),
        Some(1.0)
    );
    // Higher is better (trust): from 0.5 towards 0.7.
    let half = improvement(&Metric::PublicTrust, 0.6, 0.5, 0.7).unwrap();
    assert!((half - 0.5).abs() < 1e-9);
    // Doing nothing meets the target: nothing to tell, unless the players made it worse.
    assert_eq!(improvement(&Metric::Deaths, 0.0, 0.0, 1.0), None);
    assert!(improvement(&Metric::Deaths, 4.0, 0.0, 1.0).unwrap() < 0.5);
}

#[test]
fn doing_nothing_scores_nothing_and_a_response_scores() {
    let scenario = small_scenario(&outbreak(""));
    let mut idle = Exercise::new(scenario.clone(), 1, Mode::Expected);
    idle.advance_to(idle.end());
    let cards = scorecards_of(&idle, Language::En);
    let infections = line(&cards[0], "contain", Metric::Infections);
    assert_eq!(
        infections.attainment,
        Some(0.0),
        "{}",
        infections.explanation
    );
    assert_eq!(cards[0].percent, Some(0.0));
    // A target that doing nothing meets does not apply.
    let deaths = line(&cards[0], "contain", Metric::Deaths);
    assert!(deaths.attainment.is_none());
    assert!(
        deaths.explanation.starts_with("n/a"),
        "{}",
        deaths.explanation
    );

    let mut acting = Exercise::new(scenario, 1, Mode::Expected);
    acting
        .apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
    acting.advance_to(acting.end());
    let cards = scorecards_of(&acting, Language::En);
    let infections = line(&cards[0], "contain", Metric::Infections);
    assert!(
        infections.attainment.unwrap() > 0.3,
        "{}",
        infections.explanation
    );
    // The police team did nothing: the improvement is not its own.
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    assert_eq!(
        line(police, "contain", Metric::Infections).attainment,
        Some(0.0)
    );
    let health = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("health-team"))
        .unwrap();
    assert!(
        line(health, "contain", Metric::Infections)
            .attainment
            .unwrap()
            > 0.3
    );
}

#[test]
fn a_kpi_with_nothing_to_measure_is_not_applicable() {
    let mut ex = small(Mode::Expected, &outbreak(""));
    ex.advance(2 * 24 * 60);
    let cards = scorecards_of(&ex, Language::En);
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    let answered = line(police, "joint", Metric::AidRequestsAnswered);
    assert!(answered.attainment.is_none(), "no request was made to it");
    assert_eq!(answered.max_points, 0.0);
    // Costs apply only when something was spent.
    let health = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("health-team"))
        .unwrap();
    assert!(
        line(health, "cost", Metric::EconomicCost)
            .attainment
            .is_none()
    );
}

#[test]
fn costs_count_against_the_team_that_spent() {
    let mut ex = small(Mode::Expected, &outbreak(""));
    ex.apply(command(
        r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
    ))
    .unwrap();
    ex.advance(10 * 24 * 60);
    let cards = scorecards_of(&ex, Language::En);
    let health = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("health-team"))
        .unwrap();
    let cost = line(health, "cost", Metric::EconomicCost);
    // 100,000 residents × 55% of 222 a day × 10 days = 122.1 million against a budget of 1
    // million.
    assert!((cost.value.unwrap() - 122_100_000.0).abs() < 1.0);
    assert!(cost.attainment.unwrap() < 0.05);
}

/// Answering a request in good faith, without the stock to fill it, is an answer: it scores
/// at least as well as silence.
#[test]
fn an_answered_request_that_fell_short_scores_no_less_than_silence() {
    let run = |answer: bool| {
        let mut ex = small(Mode::Expected, &outbreak(""));
        ex.apply(command(
            r#"RequestAid(team: "health-team", to: "police-team", supply: "kits", quantity: 10000, deliver_to: "clinic")"#,
        ))
        .unwrap();
        ex.advance(30);
        if answer {
            let events = ex
                .apply(command(
                    r#"AnswerAid(team: "police-team", request: 1, accept: true, from: "depot")"#,
                ))
                .expect("the answer stands even with too little stock");
            assert!(events.iter().any(|e| matches!(&e.kind,
                crate::sim::EventKind::AidAnswered { note, .. } if note.to_string().contains("sends 5000 of the 10000"))));
        }
        ex.advance(6 * 60);
        let cards = scorecards_of(&ex, Language::En);
        let police = cards
            .iter()
            .find(|c| c.team.as_deref() == Some("police-team"))
            .unwrap()
            .clone();
        (police, ex)
    };
    let (answered, ex) = run(true);
    let (silent, _) = run(false);
    assert_eq!(
        line(&answered, "joint", Metric::AidRequestsAnswered).value,
        Some(1.0)
    );
    assert_eq!(
        line(&silent, "joint", Metric::AidRequestsAnswered).value,
        Some(0.0)
    );
    assert!(answered.percent.unwrap() >= silent.percent.unwrap());
    assert!(matches!(
        &ex.requests()[0].answered,
        Some((_, crate::sim::AidAnswer::Short { sent: 5000, .. }))
    ));
    // The kits travel: not at the clinic at once.
    assert_eq!(ex.shipments().len(), 0, "arrived within the 6 hours");
}

/// Units already at the place an inject asks for answer it at minute 0.
#[test]
fn a_response_already_in_place_counts_at_minute_zero() {
    let inject = r#"scenario.injects: [(id: "I1", title: "Crowd", trigger: At("4h"), to: ["police-team"], message: "Crowd at the clinic.",
        expects: [(text: "Patrol to the clinic", check: Dispatch(role: Patrol, to: "clinic"), within: "1h")])]"#;
    let mut ex = small(Mode::Expected, &format!("{}\n{inject}", outbreak("")));
    ex.apply(command(
        r#"Dispatch(team: "police-team", unit: "patrol-1", to: "clinic", work: "1d")"#,
    ))
    .unwrap();
    ex.advance(6 * 60);
    let e = &ex.expectations()[0];
    assert_eq!(e.met_at, Some(4 * 60));
    assert!(e.already_in_place);
}

#[test]
fn a_target_doing_nothing_meets_is_warned_about_where_it_is_written() {
    let text = crate::sim::test_support::small_text(&outbreak(""));
    let (scenario, report) = targets::check("small.ron", &text);
    assert!(scenario.is_some());
    let warning = report
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .to_string()
                .contains("cannot tell a response from none")
        })
        .expect("the Deaths target of 1000 is met by doing nothing");
    assert!(
        warning.message.to_string().contains("Deaths"),
        "{}",
        warning.message
    );
    let at = &text[warning.span.start..warning.span.end];
    assert_eq!(at, "1000.0");
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.to_string().contains("Infections")),
        "doing nothing misses the infections target"
    );
}

const TWO_INJECTS: &str = r#"scenario.injects: [
    (id: "A", title: "Crowd", trigger: At("1h"), to: ["police-team"], message: "Crowd.", objective: "order",
     expects: [(text: "Patrol to the clinic", check: Dispatch(role: Patrol, to: "clinic"), within: "30m")]),
    (id: "B", title: "Rumour", trigger: At("1h"), to: ["police-team"], message: "Rumour.", objective: "calm",
     expects: [(text: "Statement", check: Statement, within: "30m")]),
]
scenario.objectives: [
    (id: "order", title: "Order", teams: ["police-team"], kpis: [(metric: InjectResponseMinutes, target: 30.0)]),
    (id: "calm", title: "Calm", teams: ["police-team"], kpis: [(metric: InjectResponseMinutes, target: 30.0)]),
]
meta.duration: "3h""#;

/// A response never made earns nothing, however little time is left in the exercise; and
/// each objective counts the responses to its own injects.
#[test]
fn responses_count_for_their_objective_and_a_missed_one_earns_nothing() {
    let mut ex = small(Mode::Expected, TWO_INJECTS);
    ex.advance(75);
    ex.apply(command(
        r#"Dispatch(team: "police-team", unit: "patrol-1", to: "clinic", work: "1h")"#,
    ))
    .unwrap();
    ex.advance_to(ex.end());
    let cards = scorecards_of(&ex, Language::En);
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    let order = line(police, "order", Metric::InjectResponseMinutes);
    assert_eq!(order.value, Some(15.0));
    assert_eq!(order.attainment, Some(1.0));
    let calm = line(police, "calm", Metric::InjectResponseMinutes);
    // Not made: shown at the 120 minutes elapsed, scored as nothing (not 30 / 120).
    assert_eq!(calm.value, Some(120.0));
    assert_eq!(calm.attainment, Some(0.0));
}

/// An objective's response time scores each of its injects and takes the mean: one answered
/// in time and one never answered make half.
#[test]
fn a_response_time_scores_the_mean_of_its_injects() {
    let both_for_order = TWO_INJECTS.replace(r#"objective: "calm""#, r#"objective: "order""#);
    let mut ex = small(Mode::Expected, &both_for_order);
    ex.advance(75);
    ex.apply(command(
        r#"Dispatch(team: "police-team", unit: "patrol-1", to: "clinic", work: "1h")"#,
    ))
    .unwrap();
    ex.advance_to(ex.end());
    let cards = scorecards_of(&ex, Language::En);
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    let order = line(police, "order", Metric::InjectResponseMinutes);
    assert_eq!(order.attainment, Some(0.5));
    assert!(
        order.evidence.iter().any(|e| e.ends_with("after 15m")),
        "{:?}",
        order.evidence
    );
    // Ten points a unit of weight: half of them.
    assert_eq!((order.points, order.max_points), (5.0, 10.0));
}

/// A value exactly at its target meets it, whichever way the metric improves.
#[test]
fn a_value_at_its_target_meets_it() {
    for metric in [Metric::Infections, Metric::AidRequestsAnswered] {
        assert!(meets(&metric, 30.0, 30.0), "{metric:?}");
    }
    assert!(!meets(&Metric::Infections, 30.1, 30.0));
    assert!(!meets(&Metric::AidRequestsAnswered, 29.9, 30.0));
}

/// Evaluators' ratings count with the KPIs (half and half); a rating of a team beats a rating
/// of the objective as a whole on that team's card; observations show on their objective's
/// cards, a team's only on that team's; an objective with only a rating weighs 1.
#[test]
fn evaluators_ratings_and_observations_count_where_they_belong() {
    let edits = format!(
        "{}\n{}",
        outbreak(""),
        r#"scenario.objectives: [
            (id: "joint", title: "Joint", teams: ["police-team", "health-team"], kpis: [(metric: AidRequestsAnswered, target: 1.0, weight: 3.0)]),
            (id: "rated", title: "Rated only", teams: ["police-team"]),
        ]"#
    );
    let mut ex = small(Mode::Expected, &edits);
    ex.apply(command(
        r#"RequestAid(team: "health-team", to: "police-team", text: "Officers")"#,
    ))
    .unwrap();
    ex.apply(command(
        r#"AnswerAid(team: "police-team", request: 1, accept: true)"#,
    ))
    .unwrap();
    for rating in [
        r#"Rate(objective: "joint", rating: U)"#,
        r#"Rate(objective: "joint", rating: M, team: "police-team", note: "slow")"#,
        r#"Rate(objective: "rated", rating: S)"#,
        r#"Observe(objective: "joint", team: "health-team", text: "asked clearly")"#,
        r#"Observe(objective: "joint", text: "good coordination", evaluator: "E1")"#,
        r#"Observe(text: "general remark")"#,
    ] {
        ex.apply(command(rating)).unwrap();
    }
    ex.advance(60);
    let cards = scorecards_of(&ex, Language::En);
    let card = |team: &str| {
        cards
            .iter()
            .find(|c| c.team.as_deref() == Some(team))
            .unwrap()
    };
    let objective =
        |c: &'_ Scorecard, id: &str| c.objectives.iter().find(|o| o.id == id).unwrap().clone();
    // The police answered: KPI attainment 1; its own rating M (0.4) beats the general U.
    let police_joint = objective(card("police-team"), "joint");
    assert_eq!(
        police_joint.evaluator_rating.as_ref().map(|r| r.0.clone()),
        Some(Rating::M)
    );
    assert!((police_joint.attainment.unwrap() - (1.0 + 0.4) / 2.0).abs() < 1e-9);
    assert_eq!(
        police_joint.observations.len(),
        1,
        "{:?}",
        police_joint.observations
    );
    assert!(police_joint.observations[0].ends_with("good coordination (E1)"));
    // The health team made no answer (nothing to measure): the general U alone.
    let health_joint = objective(card("health-team"), "joint");
    assert_eq!(
        health_joint.evaluator_rating.as_ref().map(|r| r.0.clone()),
        Some(Rating::U)
    );
    assert_eq!(health_joint.attainment, Some(0.0));
    assert_eq!(health_joint.observations.len(), 2);
    // The whole exercise's card shows every observation of the objective.
    assert_eq!(objective(&cards[0], "joint").observations.len(), 2);
    // Points: joint weighs its KPI's 3, the rated-only objective 1.
    let police = card("police-team");
    let expected = (1.4 / 2.0) * 30.0 + 0.75 * 10.0;
    assert!(
        (police.points - expected).abs() < 1e-9,
        "{} vs {expected}",
        police.points
    );
    assert!((police.max_points - 40.0).abs() < 1e-9);
}

/// KPIs over time: one point per sample, each the KPI as it stood then.
#[test]
fn kpi_series_follows_the_samples() {
    let mut ex = small(Mode::Expected, &outbreak(""));
    ex.advance(2 * 24 * 60);
    let series = kpi_series(&ex, &Metric::Infections);
    assert_eq!(series.len(), ex.series().len());
    for ((t, value), sample) in series.iter().zip(ex.series()) {
        assert_eq!(*t, sample.t);
        let infections: f64 = sample.districts.iter().map(|d| d.infections).sum();
        assert_eq!(*value, Some(infections));
    }
    assert!(series.last().unwrap().1 > series[0].1);
}

/// A district's KPI is measured on that district: with no travel between them, a target the
/// quiet south meets by doing nothing is warned about, the north's (the outbreak's) is not.
#[test]
fn a_district_target_met_by_doing_nothing_is_warned_about() {
    let edits = format!(
        "{}\n{}",
        outbreak("city.mobility: None"),
        r#"scenario.objectives: [(id: "by-district", title: "By district", kpis: [(metric: Infections, target: 0.5, district: "south"), (metric: Infections, target: 1.0, district: "north")])]"#
    );
    let text = crate::sim::test_support::small_text(&edits);
    let (_, report) = targets::check("small.ron", &text);
    let warned: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.message
                .to_string()
                .contains("cannot tell a response from none")
        })
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    assert_eq!(warned, vec!["0.5"]);
}

/// A card with nothing that applies has no percentage (not 0/0).
#[test]
fn a_card_with_nothing_to_score_has_no_percentage() {
    let ex = small(
        Mode::Expected,
        r#"scenario.objectives: [(id: "joint", title: "Joint", teams: ["police-team"], evaluator_rated: false, kpis: [(metric: AidRequestsAnswered, target: 1.0)])]"#,
    );
    let cards = scorecards_of(&ex, Language::En);
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    assert_eq!(police.max_points, 0.0);
    assert_eq!(police.percent, None);
}

/// Decisions score by the chosen option's worth; no decision in time scores nothing; a
/// decision asked of one team counts on its card only; the objective's own injects count.
#[test]
fn decisions_score_the_worth_of_the_option_chosen() {
    let text = r#"scenario.objectives: [(id: "decide", title: "Decide well", teams: ["health-team", "police-team"], kpis: [(metric: DecisionQuality, target: 1.0)])]
scenario.injects: [
    (id: "D-1", title: "Marathon", trigger: At("1h"), to: ["health-team"], message: "Decide", objective: "decide", decision: (question: "Run it?", options: [(id: "go", label: "Go", score: 0.0), (id: "postpone", label: "Postpone", score: 0.5), (id: "cancel", label: "Cancel", score: 1.0)], default: "go")),
    (id: "D-2", title: "Festival", trigger: At("1h"), to: ["police-team"], message: "Decide", objectives: ["decide"], decision: (question: "Hold it?", options: [(id: "go", label: "Go", score: 0.0), (id: "cancel", label: "Cancel", score: 1.0)], default: "cancel", within: "1h")),
    (id: "D-3", title: "Unscored", trigger: At("1h"), to: ["health-team"], message: "Decide", decision: (question: "Tea?", options: [(id: "yes", label: "Yes"), (id: "no", label: "No")], default: "no")),
]"#;
    let mut ex = small(Mode::Expected, text);
    ex.advance(60);
    ex.apply(command(
        r#"Decide(team: "health-team", decision: "D-1", option: "postpone", text: "wait and see")"#,
    ))
    .unwrap();
    ex.advance(2 * 60);
    let cards = scorecards_of(&ex, Language::En);
    let whole = line(&cards[0], "decide", Metric::DecisionQuality);
    // Postponed (0.5); the festival's default applied (0, although cancelling is worth 1).
    assert_eq!(whole.value, Some(0.25));
    assert_eq!(
        whole.baseline,
        Some(0.0),
        "with no action every default applies"
    );
    assert!(
        whole
            .evidence
            .iter()
            .any(|e| e.contains("\"Postpone\", decided by health-team")),
        "{:?}",
        whole.evidence
    );
    let health = cards.iter().find(|c| c.name == "Health").unwrap();
    assert_eq!(
        line(health, "decide", Metric::DecisionQuality).value,
        Some(0.5)
    );
    let police = cards.iter().find(|c| c.name == "Police").unwrap();
    assert_eq!(
        line(police, "decide", Metric::DecisionQuality).value,
        Some(0.0)
    );
}

#[test]
fn the_baseline_is_compared_in_words_a_reader_understands() {
    let words = |metric: Metric, value: f64, baseline: f64| {
        against_baseline(&metric, value, baseline, Language::En)
    };
    assert_eq!(
        words(Metric::Infections, 60.0, 100.0),
        "40% fewer than with no action (100)"
    );
    assert_eq!(
        words(Metric::Infections, 150.0, 100.0),
        "50% more than with no action (100)"
    );
    assert_eq!(
        words(Metric::EconomicCost, 50.0, 200.0),
        "75% less than with no action (¥200)"
    );
    assert_eq!(
        words(Metric::Infections, 100.0, 100.0),
        "the same as with no action (100)"
    );
    assert_eq!(
        words(Metric::Infections, 7.0, 0.0),
        "7 more than with no action (0)"
    );
    assert_eq!(
        words(Metric::PublicTrust, 0.6, 0.5),
        "10 points higher than with no action (50%)"
    );
    assert_eq!(
        words(Metric::PublicTrust, 0.45, 0.5),
        "5 points lower than with no action (50%)"
    );
}

#[test]
fn a_process_kpi_applies_only_to_a_team_with_units_for_it() {
    let scenario = small_scenario(&outbreak(
        r#"scenario.objectives: [(id: "trace", title: "Trace", kpis: [(metric: ContactsQuarantinedWithin24h, target: 0.9)])]"#,
    ));
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    ex.apply(command(
        r#"Dispatch(team: "health-team", unit: "tracers-1", to: "north", work: "3d")"#,
    ))
    .unwrap();
    ex.advance_to(ex.end());
    let cards = scorecards_of(&ex, Language::En);
    let card = |name: &str| cards.iter().find(|c| c.name == name).unwrap();
    let police = line(
        card("Police"),
        "trace",
        Metric::ContactsQuarantinedWithin24h,
    );
    assert_eq!(
        police.not_applicable.as_deref(),
        Some("Police has no contact tracing units")
    );
    let health = line(
        card("Health"),
        "trace",
        Metric::ContactsQuarantinedWithin24h,
    );
    assert!(health.attainment.is_some(), "{health:?}");
}

#[test]
fn only_a_kpi_met_in_full_is_met() {
    let scenario = small_scenario(&outbreak(""));
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    ex.advance_to(ex.end());
    let mut kpi = line(
        &scorecards_of(&ex, Language::En)[0],
        "contain",
        Metric::Infections,
    )
    .clone();
    for (attainment, met) in [(Some(1.0), true), (Some(0.999), false), (None, false)] {
        kpi.attainment = attainment;
        assert_eq!(kpi.is_met(), met, "{attainment:?}");
    }
}

#[test]
fn nothing_to_measure_says_for_whom() {
    let scenario = small_scenario(&outbreak(""));
    let ex = Exercise::new(scenario.clone(), 1, Mode::Expected);
    let teams: Vec<&Team> = scenario.teams.iter().collect();
    let detail = |teams: &[&Team], lang: Language| {
        let snapshot = Snapshot::now(&ex);
        measure(
            &snapshot,
            &Metric::AidRequestsAnswered,
            teams,
            None,
            None,
            lang,
        )
        .detail
    };
    assert_eq!(detail(&[], Language::En), "no request for help was made");
    assert_eq!(
        detail(&teams[..1], Language::En),
        "no request for help was made to this team"
    );
    assert_eq!(
        detail(&teams, Language::En),
        "no request for help was made to these teams"
    );
    assert_eq!(
        detail(&teams[..1], Language::Zh),
        "没有向本组提出的支援请求"
    );
}

#[test]
fn shares_means_and_evidence_are_what_they_say() {
    let scenario = small_scenario(&outbreak(""));
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    ex.advance(6 * 60);
    ex.apply(command(
        r#"OrderMeasure(team: "health-team", district: "north", level: Enhanced)"#,
    ))
    .unwrap();
    ex.advance(12 * 60);
    let measured = |snapshot: &Snapshot, metric: Metric| {
        measure(snapshot, &metric, &[], None, None, Language::En)
    };
    let mut snapshot = Snapshot::now(&ex);
    snapshot.totals.isolation_needed = 10.0;
    snapshot.totals.isolation_pending_young = 0.0;
    snapshot.totals.isolated_within_24h = 4.0;
    assert_eq!(
        measured(&snapshot, Metric::CasesIsolatedWithin24h).value,
        Some(0.4)
    );
    // Trust is the population-weighted mean of the districts'.
    let (people, weighted) = ex
        .nodes()
        .iter()
        .zip(&snapshot.sample.districts)
        .fold((0.0, 0.0), |(p, w), (node, d)| {
            (p + node.population, w + node.population * d.trust)
        });
    let trust = measured(&snapshot, Metric::PublicTrust).value.unwrap();
    assert!((trust - weighted / people).abs() < 1e-12, "{trust}");
    // A cost's evidence lists the decisions made by the snapshot's time, not later ones.
    let evidence = |at: u32| measured(&Snapshot::at(&ex, at), Metric::EconomicCost).evidence;
    assert_eq!(evidence(ex.now()).len(), 1);
    assert!(evidence(6 * 60 - 1).is_empty());
}

/// A report not yet due is neither on time nor missing; once its time has passed unfiled, it
/// is missing.
#[test]
fn a_report_counts_once_it_is_due() {
    let scenario = small_scenario(&outbreak(""));
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    while ex.reports().is_empty() {
        assert!(ex.now() < ex.end(), "no report was ever owed");
        ex.advance(60);
    }
    let (opened, due) = (ex.reports()[0].opened_at, ex.reports()[0].due);
    ex.advance_to(due + 60);
    let on_time = |ex: &Exercise, at: u32| {
        measure(
            &Snapshot::at(ex, at),
            &Metric::ReportsOnTime,
            &[],
            None,
            None,
            Language::En,
        )
        .value
    };
    assert_eq!(on_time(&ex, opened), None, "owed, not yet due");
    assert_eq!(on_time(&ex, due + 1), Some(0.0), "due and not filed");
    ex.apply(command(
        r#"Report(team: "health-team", from: "health", to: "police")"#,
    ))
    .unwrap();
    assert_eq!(ex.reports()[0].filed_at, Some(due + 60));
    assert_eq!(
        on_time(&ex, due + 60),
        Some(0.0),
        "filed late: due, not on time"
    );
}

/// A report on time earns credit only when it is true: the same report filed in time with the
/// city's count is on time, with a tenth of it not, and the evidence says what it concealed.
#[test]
fn a_report_earns_credit_for_being_true_and_on_time() {
    let credit = |found: Option<f64>| {
        let mut ex = Exercise::new(small_scenario(&outbreak("")), 1, Mode::Expected);
        // Days in, with a dozen found, while a case report is owed and not yet late.
        ex.advance(3 * 24 * 60);
        let owed = |ex: &Exercise| {
            ex.reports()
                .iter()
                .any(|r| r.filed_at.is_none() && r.due > ex.now())
        };
        while !owed(&ex) {
            assert!(ex.now() < ex.end(), "no report was owed");
            ex.advance(10);
        }
        let counted = ex.counts_now().found;
        assert!(counted > 10.0, "{counted}");
        let figures = found.map_or(String::new(), |share| {
            format!(", figures: (found: {})", (counted * share).round())
        });
        ex.apply(command(&format!(
            r#"Report(team: "health-team", from: "health", to: "police"{figures})"#
        )))
        .unwrap();
        measure(
            &Snapshot::at(&ex, ex.now()),
            &Metric::ReportsOnTime,
            &[],
            None,
            None,
            Language::En,
        )
    };
    let silent = credit(None).value.unwrap();
    assert!(silent > 0.0, "nothing stated: judged on time");
    assert_eq!(credit(Some(1.0)).value, Some(silent));
    let concealed = credit(Some(0.1));
    assert!(concealed.value.unwrap() < silent);
    assert!(
        concealed.evidence[0].contains("untrue") && concealed.evidence[0].contains("concealed"),
        "{:?}",
        concealed.evidence
    );
}

/// A team's card cites the statements of that team, not those of others.
#[test]
fn a_teams_trust_evidence_is_its_own_statements() {
    let scenario = small_scenario(&outbreak(""));
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    for team in ["health-team", "police-team"] {
        ex.apply(command(&format!(
            r#"Statement(team: "{team}", text: "Stay calm")"#
        )))
        .unwrap();
    }
    ex.advance(60);
    let health = ex.scenario().team("health-team").unwrap().clone();
    let evidence = measure(
        &Snapshot::now(&ex),
        &Metric::PublicTrust,
        &[&health],
        None,
        None,
        Language::En,
    )
    .evidence;
    let statements: Vec<&String> = evidence
        .iter()
        .filter(|e| e.contains("statement"))
        .collect();
    assert_eq!(statements.len(), 1, "{evidence:?}");
    assert!(statements[0].contains("health-team"), "{evidence:?}");
}

/// The public-information KPIs read the feed: how long rumours waited for an answer, how far
/// they spread meanwhile, and how much of the feed is bad news.
#[test]
fn rumours_in_the_feed_are_measured_until_a_statement_answers_them() {
    let edits = r#"extra.teams: (id: "red", name: "Red cell", role: Red)
scenario.red: (budget: 30.0, tactics: [
    (id: "rumour", name: "Lockdown rumour", cost: 5.0, does: Rumour((reach: 0.4, channel: "microblog"))),
])"#;
    let mut ex = small(Mode::Expected, edits);
    let at = |ex: &Exercise, metric: Metric, teams: &[&Team]| {
        measure(&Snapshot::now(ex), &metric, teams, None, None, Language::En)
    };
    assert!(
        at(&ex, Metric::RumourAnswerMinutes, &[]).value.is_none(),
        "no rumour yet"
    );
    ex.advance(60);
    ex.apply(command(r#"RedMove(team: "red", tactic: "rumour")"#))
        .unwrap();
    ex.advance(3 * 60);
    let open = at(&ex, Metric::RumourAnswerMinutes, &[]);
    assert_eq!(open.value, Some(180.0), "unanswered: the time so far");
    assert!(open.responses.iter().all(Option::is_none));
    let reach_open = at(&ex, Metric::RumourReach, &[]).value.unwrap();
    ex.apply(command(
        r#"Statement(team: "health-team", text: "No lockdown.")"#,
    ))
    .unwrap();
    ex.advance(12 * 60);
    let answered = at(&ex, Metric::RumourAnswerMinutes, &[]);
    assert_eq!(answered.value, Some(180.0), "answered three hours after");
    assert!(answered.responses.iter().all(Option::is_some));
    assert!(
        answered.evidence[0].contains("answered by health-team after 3h"),
        "{:?}",
        answered.evidence
    );
    assert_eq!(
        at(&ex, Metric::RumourReach, &[]).value.unwrap(),
        reach_open,
        "an answered rumour stops spreading"
    );
    // Another team's statement is not the police's answer.
    let police = ex.scenario().team("police-team").unwrap().clone();
    let theirs = at(&ex, Metric::RumourAnswerMinutes, &[&police]);
    assert!(theirs.responses.iter().all(Option::is_none));
    let negative = at(&ex, Metric::NegativePostShare, &[]);
    let posts = ex.feed().len() as f64;
    let bad = ex
        .feed()
        .iter()
        .filter(|p| p.tone == crate::scenario::PostTone::Negative)
        .count() as f64;
    assert_eq!(negative.value, Some(bad / posts));
    assert!(!Metric::NegativePostShare.higher_is_better());
}

/// The outbreak is in the north. Closing the north averts thousands of infections, worth more
/// than the closure costs; closing the south as well costs its days and averts little: each
/// closure is judged by the exercise replayed without it, its waste against the danger.
/// Midway through an outbreak the projection weighs the asymptomatic at their infectiousness
/// and counts the susceptible share among all the living (the recovered, the isolated too).
#[test]
fn the_projection_midway_weighs_the_asymptomatic_and_counts_every_living() {
    let outbreak = "scenario.initial_cases: [(district: \"north\", count: 300)]";
    let mut ex = small(Mode::Stochastic, outbreak);
    ex.advance(4 * 24 * 60);
    let now = ex.series().last().unwrap();
    let sum =
        |f: &dyn Fn(&crate::sim::DistrictSample) -> f64| now.districts.iter().map(f).sum::<f64>();
    let infections = sum(&|d| d.infections);
    let weight = ex.scenario().pathogen.asymptomatic_infectiousness.get();
    let at_large = sum(&|d| d.e + d.i + d.a * weight);
    let living = sum(&|d| {
        d.s + d.e + d.a + d.i + d.quarantined + d.isolated + d.hospitalised + d.waiting + d.r
    });
    assert!(at_large > 0.0 && living > 0.0);
    let expected = infections + at_large * ex.basic_reproduction_number() * sum(&|d| d.s) / living;
    assert!(
        (proportion::projected(&ex) - expected).abs() < 1e-9 * expected,
        "{expected}"
    );
}

/// A replay without a measure starts as a copy of the replay as played, taken just before
/// the measure: it ends where a replay of every other command from the start ends.
#[test]
fn a_replay_without_a_measure_forked_midway_is_the_replay_from_the_start() {
    let outbreak = "scenario.initial_cases: [(district: \"north\", count: 200)]";
    let mut ex = small(Mode::Stochastic, outbreak);
    ex.advance(6 * 60);
    for (line, then) in [
        (
            r#"TestingRound(team: "health-team", districts: ["north"])"#,
            24 * 60,
        ),
        (
            r#"OrderMeasure(team: "health-team", district: "south", level: Closed)"#,
            24 * 60,
        ),
        (r#"Activate(team: "health-team")"#, 3 * 24 * 60),
    ] {
        ex.apply(command(line)).unwrap();
        ex.advance(then);
    }
    let accounts = Ledger::of(&ex).accounts(&ex, Language::En);
    assert_eq!(accounts.len(), 2);
    let scenario = ex.scenario_arc();
    let replay = |keep| {
        let mut run =
            baseline::Baseline::keeping(scenario.clone(), scenario.meta.seed, Mode::Expected, keep);
        run.keep_up(&ex);
        run
    };
    let as_played = replay(baseline::Keep::All);
    for (index, account) in accounts.iter().enumerate() {
        let from_start = replay(baseline::Keep::AllBut(index));
        let (without, with) = (
            from_start.exercise().totals_now(),
            as_played.exercise().totals_now(),
        );
        assert_eq!(
            account.cost,
            with.economic_cost - without.economic_cost,
            "measure {index}"
        );
        assert!(account.cost > 0.0);
        let averted = proportion::projected(from_start.exercise())
            - proportion::projected(as_played.exercise());
        assert_eq!(account.averted, averted, "measure {index}");
    }
}

#[test]
fn each_measure_is_judged_by_what_it_alone_averted() {
    let outbreak = "scenario.initial_cases: [(district: \"north\", count: 2000)]";
    let mut ex = small(Mode::Stochastic, outbreak);
    for district in ["north", "south"] {
        ex.apply(command(&format!(
            r#"OrderMeasure(team: "health-team", district: "{district}", level: Closed)"#
        )))
        .unwrap();
    }
    ex.advance(10 * 24 * 60);
    let accounts = Ledger::of(&ex).accounts(&ex, Language::En);
    assert_eq!(accounts.len(), 2, "{accounts:?}");
    let (north, south) = (&accounts[0], &accounts[1]);
    assert_eq!(north.what, "closed (lockdown) in North");
    // 50,000 residents × 55% of 222 a day × 10 days, and 14% of them out of school.
    assert!((south.cost - 61_050_000.0).abs() < 1.0, "{}", south.cost);
    assert!((south.school_days_lost - 70_000.0).abs() < 1.0);
    // Its harm: the output, and the lifetime earnings of 70,000 school days at 460 yuan each.
    assert!(
        (south.harm() - (61_050_000.0 + 70_000.0 * 460.0)).abs() < 1.0,
        "{}",
        south.harm()
    );
    let harm = proportion::harm_of_an_infection(ex.scenario());
    assert!(north.averted * harm > north.harm(), "{north:?}");
    assert_eq!(north.waste, 0.0);
    assert_eq!(north.verdict(), proportion::Verdict::InProportion);
    assert!(south.waste > 0.5 * south.harm(), "{south:?}");
    assert!(south.attainment < 1.0);
    // Expected values on the scenario's seed: the same commands give the same ledger whatever
    // the live run's seed.
    let mut other_seed = Exercise::new(ex.scenario_arc(), 9, Mode::Stochastic);
    for (at, c) in ex.log() {
        other_seed.advance_to(*at);
        other_seed.apply(c.clone()).unwrap();
    }
    other_seed.advance_to(ex.now());
    let again = Ledger::of(&other_seed).accounts(&other_seed, Language::En);
    assert_eq!(again[1].averted, south.averted);
    // The live app's scoring keeps the same ledger step by step.
    let mut scoring = Scoring::new(ex.scenario_arc(), 9, Mode::Stochastic);
    scoring.scorecards(&other_seed, Language::En);
    assert_eq!(scoring.measures().len(), 2);
    assert_eq!(scoring.measures()[1].averted, south.averted);
}

/// Closing a hospital is a measure too: its harm is the care its district's people forgo, at
/// the value of a statistical life.
#[test]
fn a_closed_hospital_is_judged_by_the_care_forgone() {
    let mut ex = small(Mode::Expected, "");
    ex.apply(command(
        r#"CloseFacility(team: "health-team", facility: "hospital")"#,
    ))
    .unwrap();
    ex.advance(10 * 24 * 60);
    let accounts = Ledger::of(&ex).accounts(&ex, Language::En);
    let closed = &accounts[0];
    assert_eq!(closed.what, "Hospital closed");
    assert!((closed.care_forgone_deaths - 100_000.0 * 10.0 * 1_400.0 / 748e6).abs() < 1e-6);
    assert!(
        (closed.harm() - closed.care_forgone_deaths * proportion::VALUE_OF_A_STATISTICAL_LIFE_YUAN)
            .abs()
            < 1e-3,
        "{closed:?}"
    );
    assert_eq!(closed.verdict(), proportion::Verdict::OutOfProportion);
}

/// Every scenario is scored on proportion: an objective is added, for every team, with the
/// harm of an infection as its target; a team that spent nothing is not judged on it.
#[test]
fn the_proportion_objective_is_added_unless_the_author_opts_out() {
    let scenario = small_scenario("scenario.initial_cases: [(district: \"north\", count: 30)]");
    let added = scenario
        .objectives
        .iter()
        .find(|o| o.id.as_str() == crate::scenario::PROPORTION_OBJECTIVE)
        .expect("added");
    assert_eq!(added.kpis[0].metric, Metric::CostPerInfectionAverted);
    assert!(added.teams.is_empty());
    let harm = proportion::harm_of_an_infection(&scenario);
    assert_eq!(added.kpis[0].target.value, harm);
    let mut ex = Exercise::new(scenario, 1, Mode::Expected);
    ex.apply(command(
        r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
    ))
    .unwrap();
    ex.advance(5 * 24 * 60);
    let cards = scorecards_of(&ex, Language::En);
    let police = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("police-team"))
        .unwrap();
    let theirs = line(
        police,
        crate::scenario::PROPORTION_OBJECTIVE,
        Metric::CostPerInfectionAverted,
    );
    assert!(theirs.attainment.is_none(), "police spent nothing");
    let health = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("health-team"))
        .unwrap();
    let judged = line(
        health,
        crate::scenario::PROPORTION_OBJECTIVE,
        Metric::CostPerInfectionAverted,
    );
    assert!(judged.attainment.is_some());
    assert_eq!(judged.evidence.len(), 1);
    assert!(
        judged
            .explanation
            .contains("1 measure with a cost: ¥61.1 million"),
        "{}",
        judged.explanation
    );

    let opted_out = small_scenario(
        "scenario.proportion: (opt_out: Some(\"One hour of play: no measure shows its effect\"))",
    );
    assert!(!opted_out.scores_proportion());
    let (_, report) = crate::scenario::check(
        "x.ron",
        &crate::sim::test_support::small_text("scenario.proportion: (opt_out: Some(\"  \"))"),
    );
    assert!(report.has_errors(), "{report:?}");
}

/// The harm of an infection from the small scenario's pathogen: 60% symptomatic, 5% of them in
/// hospital at 23,000 yuan, 7 days ill at 222 yuan a day, 10% of those in hospital dying at the
/// value of a statistical life.
#[test]
fn the_harm_of_an_infection_adds_care_days_ill_and_the_risk_of_death() {
    let scenario = small_scenario("");
    let expected = 0.6 * 0.05 * 23_000.0 + 0.6 * 7.0 * 222.0 + 0.6 * 0.05 * 0.1 * 5_100_000.0;
    assert!((proportion::harm_of_an_infection(&scenario) - expected).abs() < 1e-6);
    let set = small_scenario("scenario.proportion: (harm_of_an_infection: Some(50000.0))");
    assert_eq!(proportion::harm_of_an_infection(&set), 50_000.0);
}

/// A run with nobody infected at large projects only what it has; five latent cases at the
/// start add the next generation, R0 (2.5) each in a susceptible city: 5 + 12.5.
#[test]
fn the_projection_adds_the_next_generation_of_those_at_large() {
    let quiet = small(Mode::Expected, "");
    assert_eq!(proportion::projected(&quiet), 0.0);
    let few = small(
        Mode::Expected,
        "scenario.initial_cases: [(district: \"north\", count: 5)]",
    );
    let projected = proportion::projected(&few);
    assert!((projected - 17.5).abs() < 0.01, "{projected}");
    let many = small(
        Mode::Expected,
        "scenario.initial_cases: [(district: \"north\", count: 50)]",
    );
    assert!((proportion::projected(&many) - 175.0).abs() < 0.1);
}

/// Care is forgone in a district once one of its hospitals is closed: closing its second
/// hospital as well takes nothing more, and each closure's own account says so.
#[test]
fn a_second_closed_hospital_in_a_district_forgoes_no_more_care() {
    let mut ex = small(
        Mode::Expected,
        r#"extra.facilities: (id: "annex", name: "Annex", kind: Hospital, district: "north", beds: 10, operator: "health")"#,
    );
    for hospital in ["hospital", "annex"] {
        ex.apply(command(&format!(
            r#"CloseFacility(team: "health-team", facility: "{hospital}")"#
        )))
        .unwrap();
    }
    ex.advance(5 * 24 * 60);
    assert!(ex.totals().hardship.care_forgone_deaths > 0.5);
    let accounts = Ledger::of(&ex).accounts(&ex, Language::En);
    assert_eq!(accounts.len(), 2);
    assert!(
        accounts.iter().all(|m| m.care_forgone_deaths.abs() < 1e-9),
        "{accounts:?}"
    );
}

/// A team's card measures the city's outcomes over the whole city (its share of them is
/// judged by whether it acted), and its own decisions over its own: money spent and the
/// measures it ordered are its own.
#[test]
fn outcomes_are_the_citys_and_spending_is_the_teams() {
    for metric in [
        Metric::Infections,
        Metric::Deaths,
        Metric::PublicTrust,
        Metric::RumourAnswerMinutes,
    ] {
        assert!(!team_scoped(&metric), "{metric:?}");
    }
    for metric in [
        Metric::EconomicCost,
        Metric::CostPerInfectionAverted,
        Metric::ReportsOnTime,
    ] {
        assert!(team_scoped(&metric), "{metric:?}");
    }
}

/// Paperwork alone cannot carry a team: a team that only activated and reported is capped,
/// however fast it was; one more action on the ground lifts the cap.
#[test]
fn paperwork_alone_scores_at_most_the_cap() {
    let objectives = r#"scenario.objectives: [
        (id: "activate", title: "Activate", kpis: [(metric: ActivationMinutes, target: 60.0, weight: 3.0)]),
        (id: "contain", title: "Contain", kpis: [(metric: Infections, target: 50.0)]),
    ]
    scenario.initial_cases: [(district: "north", count: 30)]
    scenario.proportion: (opt_out: Some("a test of paperwork"))"#;
    let mut paper = small(Mode::Expected, objectives);
    paper
        .apply(command(r#"Activate(team: "health-team")"#))
        .unwrap();
    paper.advance(3 * 24 * 60);
    let cards = scorecards_of(&paper, Language::En);
    let health = |cards: &[Scorecard]| {
        cards
            .iter()
            .find(|c| c.team.as_deref() == Some("health-team"))
            .unwrap()
            .clone()
    };
    let capped = health(&cards);
    assert!((capped.percent.unwrap() - 40.0).abs() < 1e-9, "{capped:?}");
    assert!(
        capped
            .capped
            .as_deref()
            .is_some_and(|c| c.contains("at most 40%"))
    );
    let mut acted = small(Mode::Expected, objectives);
    acted
        .apply(command(r#"Activate(team: "health-team")"#))
        .unwrap();
    acted
        .apply(command(
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "north")"#,
        ))
        .unwrap();
    acted.advance(3 * 24 * 60);
    let free = health(&scorecards_of(&acted, Language::En));
    assert!(free.capped.is_none());
    assert!(free.percent.unwrap() > 40.0, "{free:?}");
}

/// Every metric has a name of its own on a scorecard, in both languages.
#[test]
fn every_metric_is_named_apart() {
    use crate::scenario::decode::{Decode, Decoder};
    use crate::scenario::ron_tree::{Node, NodeKind};
    for lang in [Language::En, Language::Zh] {
        let mut labels: Vec<String> = Metric::VARIANTS
            .iter()
            .map(|name| {
                let node = Node {
                    span: Default::default(),
                    kind: NodeKind::Ident(name.to_string()),
                };
                let metric = Metric::decode(&node, &mut Decoder::default()).unwrap();
                metrics::label(&metric, lang)
            })
            .collect();
        assert!(labels.iter().all(|l| !l.trim().is_empty()), "{labels:?}");
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), Metric::VARIANTS.len(), "{lang:?}: {labels:?}");
    }
}
