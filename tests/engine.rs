//! The exercise engine: determinism, invariants under random play, the textbook final size,
//! consequences of decisions, refusals, the journal, injects and coordination.

use std::path::Path;
use std::process::Command as Process;
use std::sync::Arc;

use muster::headless;
use muster::i18n::Language;
use muster::journal;
use muster::library;
use muster::scenario::{self, Scenario};
use muster::sim::{Command, Event, EventKind, Exercise, Mode, UnitStatus};
use proptest::prelude::*;

fn flagship() -> Arc<Scenario> {
    Arc::new(library::default_scenario().expect("flagship loads").0)
}

fn tutorial() -> Arc<Scenario> {
    Arc::new(library::find("tutorial.en.ron").unwrap().load().unwrap().0)
}

fn good_response() -> Vec<journal::Entry> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/commands/port-city-good-response.txt"),
    )
    .unwrap();
    let (journal, problem) = journal::parse(&text);
    assert!(problem.is_none(), "{problem:?}");
    journal.entries
}

fn command(text: &str) -> Command {
    journal::decode_command(text).unwrap_or_else(|d| panic!("{text}: {}", d.message))
}

fn run_json(
    scenario: &Arc<Scenario>,
    seed: u64,
    mode: Mode,
    commands: &[journal::Entry],
) -> String {
    let (exercise, refused) = headless::run(
        scenario.clone(),
        seed,
        mode,
        commands,
        scenario.meta.duration.get(),
        None,
    )
    .unwrap();
    serde_json::to_string(&headless::output(&exercise, refused)).unwrap()
}

#[test]
fn same_inputs_give_byte_identical_outputs_and_seeds_differ() {
    let scenario = flagship();
    let commands = good_response();
    let mut outputs = Vec::new();
    for seed in [1, 2, 3, 2022] {
        let first = run_json(&scenario, seed, Mode::Stochastic, &commands);
        assert!(
            first == run_json(&scenario, seed, Mode::Stochastic, &commands),
            "seed {seed} gave two different outputs"
        );
        outputs.push(first);
    }
    for (a, b) in outputs.iter().zip(outputs.iter().skip(1)) {
        assert!(a != b, "different seeds must give different runs");
    }
    let without_seed = |seed| {
        run_json(&scenario, seed, Mode::Expected, &commands).replacen(
            &format!("\"seed\":{seed},"),
            "",
            1,
        )
    };
    assert!(
        without_seed(5) == without_seed(6),
        "expected mode ignores the seed"
    );
}

/// The clock jumps from one scheduled moment to the next. Stepping it a minute at a time must
/// give the same exercise, or a jump skipped a moment (a unit arriving, a report falling due, a
/// shipment, an inject) and answered it late.
#[test]
fn the_clock_skips_no_scheduled_moment() {
    let scenario = flagship();
    let commands = good_response();
    let until = 3 * 24 * 60;
    let (jumping, refused) = headless::run(
        scenario.clone(),
        11,
        Mode::Stochastic,
        &commands,
        until,
        None,
    )
    .unwrap();
    let mut stepping = Exercise::new(scenario, 11, Mode::Stochastic);
    let mut pending = commands.iter().peekable();
    let mut stepping_refused = 0;
    while stepping.now() < until {
        while let Some(entry) = pending.next_if(|e| e.at <= stepping.now()) {
            stepping_refused += usize::from(stepping.apply(entry.command.clone()).is_err());
        }
        stepping.advance(1);
    }
    assert_eq!(refused.len(), stepping_refused);
    assert!(
        stepping.events().len() > 100,
        "a busy exercise: {} events",
        stepping.events().len()
    );
    assert_eq!(
        serde_json::to_string(&headless::output(&jumping, Vec::new())).unwrap(),
        serde_json::to_string(&headless::output(&stepping, Vec::new())).unwrap(),
    );
}

#[test]
fn good_decisions_end_measurably_better_than_none() {
    let scenario = flagship();
    let commands = good_response();
    let outcome = |seed, mode, commands: &[journal::Entry]| {
        let (exercise, refused) = headless::run(
            scenario.clone(),
            seed,
            mode,
            commands,
            scenario.meta.duration.get(),
            None,
        )
        .unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        headless::outcome(&exercise)
    };
    let none = outcome(0, Mode::Expected, &[]);
    let good = outcome(0, Mode::Expected, &commands);
    println!("expected mode: none {none:?}\n               good {good:?}");
    assert!(
        good.infections < 0.7 * none.infections,
        "{} vs {}",
        good.infections,
        none.infections
    );
    assert!(
        good.deaths < none.deaths,
        "{} vs {}",
        good.deaths,
        none.deaths
    );
    assert!(good.mean_trust > none.mean_trust + 0.1);
    assert!(good.reports_on_time > none.reports_on_time);

    let (mut none_total, mut good_total) = (0.0, 0.0);
    for seed in 1..=8 {
        let none = outcome(seed, Mode::Stochastic, &[]);
        let good = outcome(seed, Mode::Stochastic, &commands);
        println!(
            "seed {seed}: infections {} → {}, deaths {} → {}",
            none.infections, good.infections, none.deaths, good.deaths
        );
        none_total += none.infections;
        good_total += good.infections;
    }
    assert!(
        good_total < 0.7 * none_total,
        "{good_total} vs {none_total}"
    );
}

/// z = 1 − exp(−R0·z), solved by fixed-point iteration.
fn final_size(r0: f64) -> f64 {
    let mut z: f64 = 0.5;
    for _ in 0..200 {
        z = 1.0 - (-r0 * z).exp();
    }
    z
}

fn single_district(r0: f64, step: &str) -> Scenario {
    let text = format!(
        r#"Scenario(
            meta: (id: "sir", title: "Well mixed", start: "2026-01-01T00:00", duration: "365d", time_step: "{step}"),
            city: (name: "One", districts: [(id: "all", name: "All", population: 1000000, position: (0.0, 0.0))]),
            pathogen: (name: "SEIR", r0: {r0}, latent_days: 3.0, infectious_days: 5.0, asymptomatic_share: 0.3, asymptomatic_infectiousness: 0.5, hospitalisation_rate: 0.0),
            surveillance: (care_seeking: 0.0),
            initial_cases: [(district: "all", count: 10)],
            agencies: [(id: "health", name: "Health", kind: Health)],
            teams: [(id: "t", name: "T", agencies: ["health"])],
        )"#
    );
    scenario::load_str("sir.ron", &text)
        .unwrap_or_else(|r| panic!("{}", r.render_short()))
        .0
}

#[test]
fn expected_mode_reproduces_the_textbook_final_size() {
    for (r0, step) in [(1.5, "6h"), (2.0, "1d"), (2.5, "6h"), (4.0, "4h")] {
        let scenario = Arc::new(single_district(r0, step));
        let mut exercise = Exercise::new(scenario, 0, Mode::Expected);
        exercise.advance(365 * 24 * 60);
        let district = &exercise.districts()[0];
        let z = district.infections / 1_000_000.0;
        let expected = final_size(r0);
        println!("R0 {r0} step {step}: simulated {z:.5}, textbook {expected:.5}");
        assert!(
            (z - expected).abs() / expected < 0.01,
            "R0 {r0}: {z} vs {expected}"
        );
    }
}

fn check_invariants(exercise: &Exercise, people: f64, mode: Mode) {
    let total: f64 = exercise.districts().iter().map(|d| d.epi.total()).sum();
    match mode {
        Mode::Stochastic => assert_eq!(total, people, "population is conserved exactly"),
        Mode::Expected => assert!(
            (total - people).abs() < 1e-6 * people,
            "{total} vs {people}"
        ),
    }
    for d in exercise.districts() {
        let e = &d.epi;
        let patients: f64 = e.patients.iter().map(|p| p.n).sum();
        for (name, value) in [
            ("s", e.s),
            ("e", e.e.n),
            ("a", e.a.n),
            ("i", e.i.n),
            ("ns", e.ns),
            ("ne", e.ne.n),
            ("na", e.na.n),
            ("ni", e.ni.n),
            ("nr", e.nr),
            ("qs", e.qs),
            ("qe", e.qe.n),
            ("qa", e.qa.n),
            ("qi", e.qi.n),
            ("qr", e.qr),
            ("xa", e.xa.n),
            ("xi", e.xi.n),
            ("patients", patients),
            ("r", e.r),
            ("d", e.d),
        ] {
            assert!(value >= -1e-9, "{name} = {value}");
            if mode == Mode::Stochastic {
                assert_eq!(
                    value.fract(),
                    0.0,
                    "{name} = {value} is a whole number of people"
                );
            }
        }
        assert!(e.patients.iter().all(|p| p.n >= -1e-9));
        assert!(e.x_home >= -1e-9 && e.x_home <= e.isolated() + 1e-9);
        assert!(e.q_home >= -1e-9 && e.q_home <= e.quarantined() + 1e-9);
        assert!((0.0..=1.0).contains(&d.trust));
    }
    let hospitals = exercise
        .scenario()
        .facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == muster::scenario::FacilityKind::Hospital);
    for (h, (f, _)) in hospitals.enumerate() {
        // A hospital closed by order admits nobody but keeps the patients it has.
        if !exercise.facility_open(f) {
            continue;
        }
        for kind in muster::sim::BedKind::ALL {
            assert!(
                exercise.beds_used(h, kind) <= exercise.beds_of(h, kind) + 1e-9,
                "no more patients than beds of each kind"
            );
        }
    }
    assert!(
        exercise.site_occupancy() <= exercise.site_rooms() + 1e-6,
        "no more people in sites than rooms: {} in {}",
        exercise.site_occupancy(),
        exercise.site_rooms()
    );
    // Stocks are counts: a wrapped subtraction would show as an absurd number.
    for f in exercise.facilities() {
        assert!(f.stock.values().all(|&q| q < 1_000_000_000_000));
    }
    // A unit is in one place: its status names one, and it is listed once.
    let mut ids: Vec<&str> = exercise.units().iter().map(|u| u.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), exercise.units().len());
    for u in exercise.units() {
        if let UnitStatus::Travelling { arrive, depart, .. }
        | UnitStatus::Returning { arrive, depart, .. } = u.status
        {
            assert!(depart <= exercise.now() && arrive >= exercise.now());
        }
        if let UnitStatus::Working { since, until, .. } = u.status {
            assert!(since <= exercise.now() && until >= exercise.now());
        }
    }
}

/// A random but plausible command built from the scenario's own ids.
fn random_command(scenario: &Scenario, pick: &[usize]) -> Command {
    let teams: Vec<&str> = scenario.teams.iter().map(|t| t.id.as_str()).collect();
    let units: Vec<String> = scenario.units.iter().flat_map(Scenario::unit_ids).collect();
    let mut places: Vec<&str> = scenario
        .city
        .districts
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    places.extend(scenario.facilities.iter().map(|f| f.id.as_str()));
    let districts: Vec<&str> = scenario
        .city
        .districts
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let agencies: Vec<&str> = scenario.agencies.iter().map(|a| a.id.as_str()).collect();
    let injects: Vec<&str> = scenario.injects.iter().map(|i| i.id.as_str()).collect();
    let supplies: Vec<&str> = scenario.supplies.iter().map(|s| s.id.as_str()).collect();
    let of = |list: &[&str], n: usize| list[pick[n] % list.len()].to_string();
    let team = of(&teams, 1);
    let unit = units[pick[2] % units.len()].clone();
    let facilities: Vec<&str> = scenario.facilities.iter().map(|f| f.id.as_str()).collect();
    let actions: Vec<&str> = scenario.actions.iter().map(|a| a.id.as_str()).collect();
    let gatherings: Vec<&str> = scenario
        .mass_gatherings
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    let text = match pick[0] % 20 {
        0 => format!(
            r#"Dispatch(team: "{team}", unit: "{unit}", to: "{}", work: "{}h")"#,
            of(&places, 3),
            1 + pick[4] % 30
        ),
        1 => format!(
            r#"Redirect(team: "{team}", unit: "{unit}", to: "{}")"#,
            of(&places, 3)
        ),
        2 => format!(r#"Recall(team: "{team}", unit: "{unit}")"#),
        3 => format!(
            r#"OrderMeasure(team: "{team}", district: "{}", level: {})"#,
            of(&districts, 3),
            ["Normal", "Enhanced", "Closed"][pick[4] % 3]
        ),
        4 => format!(
            r#"Report(team: "{team}", from: "{}", to: "{}")"#,
            of(&agencies, 3),
            of(&agencies, 4)
        ),
        5 => format!(r#"Statement(team: "{team}")"#),
        6 => format!(r#"Activate(team: "{team}")"#),
        7 => format!(
            r#"RequestAid(team: "{team}", to: "{}", units: ["{unit}"])"#,
            of(&teams, 3)
        ),
        8 => format!(
            r#"AnswerAid(team: "{team}", request: {}, accept: {})"#,
            1 + pick[3] % 4,
            pick[4].is_multiple_of(2)
        ),
        9 => format!(
            r#"Deliver(team: "{team}", unit: "{unit}", supply: "{}", quantity: {}, to: "{}")"#,
            of(&supplies, 3),
            1 + pick[4] % 30000,
            of(&places, 4)
        ),
        10 => format!(r#"FireInject(inject: "{}")"#, of(&injects, 3)),
        11 => format!(
            r#"DelayInject(inject: "{}", by: "{}h")"#,
            of(&injects, 3),
            1 + pick[4] % 5
        ),
        12 => format!(r#"SkipInject(inject: "{}")"#, of(&injects, 3)),
        13 => format!(
            r#"RequestAid(team: "{team}", to: "{}", supply: "{}", quantity: {}, deliver_to: "{}")"#,
            of(&teams, 3),
            of(&supplies, 4),
            1 + pick[4] % 5000,
            of(&facilities, 2)
        ),
        14 => format!(
            r#"CloseFacility(team: "{team}", facility: "{}")"#,
            of(&facilities, 3)
        ),
        15 => format!(
            r#"OpenFacility(team: "{team}", facility: "{}")"#,
            of(&facilities, 3)
        ),
        16 if !actions.is_empty() => {
            format!(r#"Act(team: "{team}", action: "{}")"#, of(&actions, 3))
        }
        17 if !gatherings.is_empty() => format!(
            r#"DecideGathering(team: "{team}", gathering: "{}", decision: {})"#,
            of(&gatherings, 3),
            ["GoAhead", "WithMeasures", "Postpone(\"2d\")", "Cancel"][pick[4] % 4]
        ),
        18 => format!(
            r#"AnswerAid(team: "{team}", request: {}, accept: true, from: "{}")"#,
            1 + pick[3] % 6,
            of(&facilities, 4)
        ),
        _ => format!(
            r#"Share(team: "{team}", with: ["{}"], text: "update")"#,
            of(&teams, 3)
        ),
    };
    command(&text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_under_random_play(
        seed in any::<u64>(),
        expected in any::<bool>(),
        plays in prop::collection::vec((0u32..600, prop::collection::vec(any::<usize>(), 5)), 0..60),
    ) {
        let scenario = flagship();
        let mode = if expected { Mode::Expected } else { Mode::Stochastic };
        let mut exercise = Exercise::new(scenario.clone(), seed, mode);
        let people = exercise.total_people();
        for (wait, pick) in &plays {
            exercise.advance(*wait);
            let before = exercise.events().len();
            let command = random_command(&scenario, pick);
            if exercise.apply(command).is_err() {
                prop_assert_eq!(exercise.events().len(), before, "a refused command adds no event");
            }
            check_invariants(&exercise, people, mode);
        }
        exercise.advance(14 * 24 * 60);
        check_invariants(&exercise, people, mode);
        prop_assert!(exercise.is_over());
    }

    /// Like `the_clock_skips_no_scheduled_moment`, with shipments, aid, recalls and the MSEL
    /// moved by random commands.
    #[test]
    fn the_clock_skips_no_moment_under_random_play(
        seed in any::<u64>(),
        plays in prop::collection::vec((0u32..300, prop::collection::vec(any::<usize>(), 5)), 1..30),
    ) {
        let scenario = flagship();
        let mut at = 0;
        let timed: Vec<(u32, Command)> = plays
            .iter()
            .map(|(wait, pick)| {
                at += wait;
                (at, random_command(&scenario, pick))
            })
            .collect();
        let until = at + 24 * 60;
        let mut jumping = Exercise::new(scenario.clone(), seed, Mode::Stochastic);
        for (at, command) in &timed {
            jumping.advance_to(*at);
            let _ = jumping.apply(command.clone());
        }
        jumping.advance_to(until);
        let mut stepping = Exercise::new(scenario, seed, Mode::Stochastic);
        let mut pending = timed.iter().peekable();
        while stepping.now() < until {
            while let Some((_, command)) = pending.next_if(|(at, _)| *at <= stepping.now()) {
                let _ = stepping.apply(command.clone());
            }
            stepping.advance(1);
        }
        prop_assert_eq!(
            serde_json::to_string(&headless::output(&jumping, Vec::new())).unwrap(),
            serde_json::to_string(&headless::output(&stepping, Vec::new())).unwrap()
        );
    }
}

#[test]
fn refused_commands_say_why_and_change_nothing() {
    let mut exercise = Exercise::new(flagship(), 3, Mode::Stochastic);
    exercise.advance(60);
    exercise
        .apply(command(
            r#"Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")"#,
        ))
        .unwrap();
    let snapshot = serde_json::to_string(&headless::output(&exercise, Vec::new())).unwrap();
    let cases = [
        (
            r#"Dispatch(team: "health-cdc", unit: "epi-1", to: "nankai")"#,
            "is busy",
        ),
        (
            r#"Dispatch(team: "public-security", unit: "epi-2", to: "hexi")"#,
            "does not play",
        ),
        (
            r#"Dispatch(team: "health-cdc", unit: "epi-2", to: "atlantis")"#,
            "no district or facility `atlantis`",
        ),
        (
            r#"Dispatch(team: "ghosts", unit: "epi-2", to: "hexi")"#,
            "no team `ghosts`",
        ),
        (
            r#"Dispatch(team: "health-cdc", unit: "epi-99", to: "hexi")"#,
            "no unit `epi-99`",
        ),
        (
            r#"Redirect(team: "health-cdc", unit: "epi-2", to: "hexi")"#,
            "at its base",
        ),
        (
            r#"OrderMeasure(team: "health-cdc", district: "hexi", level: Closed)"#,
            "may not order measures",
        ),
        (
            r#"Report(team: "health-cdc", from: "police", to: "hq")"#,
            "does not play agency `police`",
        ),
        (
            r#"Deliver(team: "port-transport", unit: "truck-1", supply: "test-kits", quantity: 999999, to: "cdc-lab")"#,
            "at most 20000",
        ),
        (
            r#"Deliver(team: "port-transport", unit: "truck-1", supply: "test-kits", quantity: 10, to: "hexi")"#,
            "a district",
        ),
        (
            // The MSEL's decision point I-16 owns the marathon: no way around it.
            r#"DecideGathering(team: "command", gathering: "marathon", decision: GoAhead, text: "on with it")"#,
            "is decided at the decision point",
        ),
        (
            r#"AnswerAid(team: "public-security", request: 7, accept: true)"#,
            "no request number 7",
        ),
        (
            r#"RequestAid(team: "health-cdc", to: "health-cdc", text: "help")"#,
            "cannot ask itself",
        ),
        (r#"DelayInject(inject: "C-01", by: "1h")"#, "conditional"),
        (r#"FireInject(inject: "I-01")"#, "already fired"),
        (r#"EditInject(inject: "I-02")"#, "needs a new"),
        (
            r#"Dispatch(team: "health-cdc", unit: "epi-2", to: "hexi", work: "0m")"#,
            "longer than 0m",
        ),
        (
            r#"ComposeInject(title: "x", to: ["health-cdc"], message: "y", effects: [NewCases(district: "atlantis", count: 1)])"#,
            "no district, facility or zone `atlantis`",
        ),
    ];
    for (text, reason) in cases {
        let error = exercise.apply(command(text)).expect_err(text);
        assert!(error.to_string().contains(reason), "{text}: {error}");
        assert!(
            serde_json::to_string(&headless::output(&exercise, Vec::new())).unwrap() == snapshot,
            "{text} changed the state"
        );
    }
}

fn inbox(events: &[Event], team: &str) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.audience.includes(team))
        .map(|e| format!("{:?}", e.kind))
        .collect()
}

#[test]
fn absurd_durations_in_commands_do_not_break_the_clock() {
    let mut exercise = Exercise::new(tutorial(), 1, Mode::Stochastic);
    let huge = "2982000d";
    exercise
        .apply(command(&format!(
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "harbour", work: "{huge}")"#
        )))
        .unwrap();
    exercise
        .apply(command(&format!(
            r#"DelayInject(inject: "T1", by: "{huge}")"#
        )))
        .unwrap();
    exercise
        .apply(command(&format!(
            r#"DelayInject(inject: "T1", by: "{huge}")"#
        )))
        .unwrap();
    exercise
        .apply(command(&format!(
            r#"RequestAid(team: "health-team", to: "police-team", text: "x", within: "{huge}")"#
        )))
        .unwrap();
    exercise.advance(60);
    assert!(exercise.is_over());
    assert!(
        !exercise
            .events()
            .iter()
            .any(|e| matches!(&e.kind, EventKind::InjectFired { inject, .. } if inject == "T1"))
    );
}

#[test]
fn facilitator_controls_the_msel() {
    let mut exercise = Exercise::new(tutorial(), 1, Mode::Stochastic);
    exercise
        .apply(command(r#"DelayInject(inject: "T1", by: "20m")"#))
        .unwrap();
    exercise
        .apply(command(r#"SkipInject(inject: "T2")"#))
        .unwrap();
    exercise
        .apply(command(
            r#"EditInject(inject: "T3", message: "Edited text")"#,
        ))
        .unwrap();
    let events = exercise.advance(20);
    assert!(
        !events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::InjectFired { inject, .. } if inject == "T1")),
        "T1 was delayed to 25m"
    );
    let events = exercise.advance(8);
    let fired: Vec<&str> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::InjectFired { inject, .. } => Some(inject.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        fired,
        ["T1", "T3"],
        "T2 skipped, T1 delayed to 25m, T3 at 25m"
    );
    assert!(events.iter().any(|e| matches!(&e.kind, EventKind::InjectFired { inject, message, .. } if inject == "T3" && message == "Edited text")));
    let events = exercise.apply(command(r#"ComposeInject(title: "Power cut", to: ["police"], message: "The clinic has lost power.", effects: [Disorder(place: "riverside-clinic", severity: 0.3)])"#)).unwrap();
    assert!(matches!(&events[0].kind, EventKind::InjectFired { inject, .. } if inject == "X-1"));
    assert!(
        events[0].audience.includes("police-team") && !events[0].audience.includes("health-team"),
        "sent to the agency's team only"
    );
    exercise
        .apply(command(r#"FireInject(inject: "T5")"#))
        .unwrap();
    assert!(
        exercise
            .apply(command(r#"FireInject(inject: "T5")"#))
            .is_err()
    );
}

#[test]
fn conditional_injects_fire_when_a_team_has_not_acted() {
    // T6 fires at 30m unless police-team sent a patrol to the clinic by then.
    let fired_t6 = |dispatch: bool| {
        let mut exercise = Exercise::new(tutorial(), 1, Mode::Stochastic);
        exercise.advance(16);
        if dispatch {
            exercise
                .apply(command(
                    r#"Dispatch(team: "police-team", unit: "patrol-1", to: "riverside-clinic")"#,
                ))
                .unwrap();
        }
        exercise.advance(30);
        exercise
            .events()
            .iter()
            .any(|e| matches!(&e.kind, EventKind::InjectFired { inject, .. } if inject == "T6"))
    };
    assert!(fired_t6(false));
    assert!(!fired_t6(true));
}

#[test]
fn teams_see_only_what_they_were_told_and_coordinate() {
    let mut exercise = Exercise::new(tutorial(), 1, Mode::Stochastic);
    exercise.advance(26);
    let health = inbox(exercise.events(), "health-team");
    let police = inbox(exercise.events(), "police-team");
    assert!(
        health.iter().any(|e| e.contains("Positive test"))
            && !police.iter().any(|e| e.contains("Positive test"))
    );
    assert!(
        police.iter().any(|e| e.contains("Queue outside"))
            && !health.iter().any(|e| e.contains("Queue outside"))
    );

    // Health asks police for a patrol car; police lends it; health may then command it.
    exercise.apply(command(r#"RequestAid(team: "health-team", to: "police-team", units: ["patrol-2"], text: "Queue at the clinic door")"#)).unwrap();
    assert!(
        exercise
            .apply(command(
                r#"Dispatch(team: "health-team", unit: "patrol-2", to: "riverside-clinic")"#
            ))
            .is_err(),
        "not lent yet"
    );
    exercise.advance(5);
    exercise
        .apply(command(
            r#"AnswerAid(team: "police-team", request: 1, accept: true, text: "Sending patrol-2")"#,
        ))
        .unwrap();
    exercise
        .apply(command(
            r#"Dispatch(team: "health-team", unit: "patrol-2", to: "riverside-clinic")"#,
        ))
        .unwrap();
    exercise.apply(command(r#"Share(team: "health-team", with: ["police-team"], text: "Index case works in Old Town")"#)).unwrap();
    let police = inbox(exercise.events(), "police-team");
    assert!(
        police
            .iter()
            .any(|e| e.contains("Index case works in Old Town"))
    );
    assert!(police.iter().any(|e| e.contains("AidRequested")));

    // The case report (health → police within 30 minutes) was owed since 5m: it is overdue.
    exercise.advance(10);
    assert!(exercise.events().iter().any(
        |e| matches!(&e.kind, EventKind::ReportOverdue { rule, .. } if rule == "case-report")
    ));
    let events = exercise
        .apply(command(
            r#"Report(team: "health-team", from: "health", to: "police", text: "1 confirmed")"#,
        ))
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::ReportFiled { on_time: false, .. }))
    );

    // A request nobody answers is recorded.
    exercise.apply(command(r#"RequestAid(team: "police-team", to: "health-team", text: "Need masks", within: "10m")"#)).unwrap();
    exercise.advance(11);
    assert!(
        exercise
            .events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::AidUnanswered { request: 2, .. }))
    );
}

#[test]
fn units_travel_work_and_come_back() {
    let mut exercise = Exercise::new(tutorial(), 1, Mode::Stochastic);
    let events = exercise
        .apply(command(
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "harbour", work: "20m")"#,
        ))
        .unwrap();
    let EventKind::UnitDispatched { arrives, .. } = events[0].kind else {
        panic!("{events:?}")
    };
    // cdc-office in Old Town (9, 4) to Harbour (7, 10): 6.3 km × 1.3 road factor at 30 km/h.
    assert_eq!(arrives, 17);
    exercise.advance(10);
    let n = exercise
        .units()
        .iter()
        .position(|u| u.id == "tracers-1")
        .unwrap();
    let p = exercise.unit_position(n);
    assert!(p.x < 9.0 && p.y > 4.0 && p.y < 10.0, "half way: {p:?}");
    exercise.advance(10);
    assert!(matches!(
        exercise.units()[n].status,
        UnitStatus::Working {
            since: 17,
            until: 37,
            ..
        }
    ));
    exercise.advance(20);
    assert!(matches!(
        exercise.units()[n].status,
        UnitStatus::Returning {
            depart: 37,
            arrive: 54,
            ..
        }
    ));
    exercise.advance(20);
    assert!(matches!(exercise.units()[n].status, UnitStatus::AtBase));
    assert!(exercise.is_over(), "the tutorial lasts one hour");
}

fn muster(args: &[&str]) -> (i32, String, String) {
    let output = Process::new(env!("CARGO_BIN_EXE_muster"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        // English unless a test asks otherwise, whatever the machine's locale.
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_journal_replays_exactly_and_a_damaged_one_is_recovered() {
    let dir = std::env::temp_dir().join(format!("muster-journal-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).display().to_string();
    let (code, _, err) = muster(&[
        "run",
        "port-city-outbreak.en",
        "--seed",
        "9",
        "--commands",
        "scenarios/commands/port-city-good-response.txt",
        "--until",
        "5d",
        "--journal",
        &path("run.journal"),
        "--out",
        &path("run.json"),
        "--csv",
        &path("run.csv"),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = muster(&[
        "replay",
        &path("run.journal"),
        "--out",
        &path("replay.json"),
    ]);
    assert_eq!(code, 0, "{err}");
    let original = std::fs::read_to_string(path("run.json")).unwrap();
    assert!(
        original == std::fs::read_to_string(path("replay.json")).unwrap(),
        "replay rebuilds the exact state"
    );
    assert!(
        std::fs::read_to_string(path("run.csv"))
            .unwrap()
            .starts_with("t,district,s,e,a,i")
    );

    // A crash mid-write: the last line is cut. Everything before it is recovered.
    let journal = std::fs::read_to_string(path("run.journal")).unwrap();
    let lines: Vec<&str> = journal.lines().collect();
    let cut = lines.len() - 3;
    let damaged = format!(
        "{}\n{}",
        lines[..cut].join("\n"),
        &lines[cut][..lines[cut].len() / 2]
    );
    std::fs::write(path("cut.journal"), &damaged).unwrap();
    let (code, out, err) = muster(&["replay", &path("cut.journal"), "--out", &path("cut.json")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("cut.journal:{}:", cut + 1)),
        "the broken line is named: {err}"
    );
    assert!(
        err.contains(&format!("recovered {} commands", cut - 4)),
        "{err}"
    );
    assert!(
        out.contains("commands applied"),
        "the recovered state is reported: {out}"
    );

    // Garbage in the middle: the same.
    let corrupt = journal.replacen("Activate(team:\"command\")", "Activate(team:\"command\"", 1);
    std::fs::write(path("corrupt.journal"), corrupt).unwrap();
    let (code, _, err) = muster(&["replay", &path("corrupt.journal")]);
    assert_eq!(code, 1);
    assert!(err.contains("corrupt.journal:5:"), "{err}");

    let (code, _, err) = muster(&["run", "port-city-outbreak.en", "--until", "soon"]);
    assert_eq!(code, 2);
    assert!(err.contains("`soon` is not a time"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

// ---- Scoring and the after-action report ----

use muster::scoring::{self, Scorecard};

fn kpi_scenario() -> Arc<Scenario> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kpi.ron"),
    )
    .unwrap();
    Arc::new(
        scenario::load_str("kpi.ron", &text)
            .unwrap_or_else(|r| panic!("{}", r.render_short()))
            .0,
    )
}

fn kpi(card: &Scorecard, objective: &str, metric: &str) -> muster::scoring::KpiLine {
    let o = card
        .objectives
        .iter()
        .find(|o| o.id == objective)
        .unwrap_or_else(|| panic!("{objective} on {}", card.name));
    o.kpis
        .iter()
        .find(|k| format!("{:?}", k.metric) == metric)
        .unwrap_or_else(|| panic!("{metric}"))
        .clone()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

#[test]
fn kpis_on_a_hand_built_situation() {
    let scenario = kpi_scenario();
    let mut ex = Exercise::new(scenario.clone(), 0, Mode::Expected);
    let mut scoring = scoring::Scoring::new(scenario, 0, Mode::Expected);
    let at = |ex: &mut Exercise, minute: u32, text: &str| {
        ex.advance_to(minute);
        ex.apply(command(text))
            .unwrap_or_else(|e| panic!("{text}: {e}"));
    };
    at(&mut ex, 45, r#"Activate(team: "cmd")"#);
    // I1 names 100 contacts at 60; the tracer (20 per 6 h shift) leaves at 75, arrives at 76.
    at(
        &mut ex,
        75,
        r#"Dispatch(team: "blue", unit: "tracer", to: "d", work: "4d")"#,
    );
    // I2 confirms 2 cases at 120: a case report is due by 240. (Cases an inject confirms name no
    // contacts of their own: the scenario lists those it wants traced, as I1 does.)
    at(
        &mut ex,
        150,
        r#"Report(team: "blue", from: "health", to: "hq")"#,
    );
    at(
        &mut ex,
        180,
        r#"Dispatch(team: "blue", unit: "amb", to: "d", work: "1d")"#,
    );
    at(
        &mut ex,
        200,
        r#"RequestAid(team: "green", to: "blue", text: "Need masks")"#,
    );
    at(
        &mut ex,
        230,
        r#"AnswerAid(team: "blue", request: 1, accept: false, text: "None to spare")"#,
    );
    at(
        &mut ex,
        300,
        r#"RequestAid(team: "blue", to: "green", text: "Need officers", within: "1h")"#,
    );
    at(
        &mut ex,
        360,
        r#"OrderMeasure(team: "cmd", district: "d", level: Enhanced)"#,
    );
    at(
        &mut ex,
        400,
        r#"Rate(objective: "rated", rating: S, note: "Slow start", evaluator: "E1")"#,
    );
    ex.advance_to(3 * 24 * 60);
    let cards = scoring.scorecards(&ex, Language::En);
    let whole = &cards[0];
    assert_eq!(whole.name, "Whole exercise");

    // Tracing: 284 minutes worked by the step at 360 (284/360 × 20), then 20 per step at 720,
    // 1080 and 1440 — all within 24 h of naming at 60. The rest was reached late.
    let within = 284.0 / 360.0 * 20.0 + 60.0;
    let line = kpi(whole, "trace", "ContactsQuarantinedWithin24h");
    assert!(
        close(line.value, within / 100.0),
        "{:?} vs {}: {}",
        line.value,
        within / 100.0,
        line.explanation
    );
    assert!(close(line.attainment, within / 100.0 / 0.9));
    assert!(
        line.explanation
            .contains("76 of 100 named contacts quarantined within 24 h (100 quarantined in all"),
        "{}",
        line.explanation
    );
    assert!(
        line.evidence
            .iter()
            .any(|e| e.contains("sent contact tracing units to d")),
        "{:?}",
        line.evidence
    );
    assert_eq!(line.baseline, Some(0.0), "no one traces with no action");

    // Isolation: both cases moved by the ambulance within its first step.
    let line = kpi(whole, "trace", "CasesIsolatedWithin24h");
    assert!(
        close(line.value, 1.0),
        "{:?} {}",
        line.value,
        line.explanation
    );
    // Expected response to I1: dispatch at 75, 15 minutes after the inject.
    assert!(close(
        kpi(whole, "trace", "InjectResponseMinutes").value,
        15.0
    ));
    // One case report due, made on time.
    let line = kpi(whole, "report", "ReportsOnTime");
    assert!(close(line.value, 1.0), "{}", line.explanation);
    assert!(close(kpi(whole, "lead", "ActivationMinutes").value, 45.0));
    // Enhanced measures from the step at 360: steps 720 … 4320 are 11 steps of ¼ day, at
    // 6.5% of China's 222 yuan of output per resident per day for 10,000 residents.
    let line = kpi(whole, "lead", "EconomicCost");
    assert!(
        close(line.value, 11.0 * 0.25 * 0.065 * 222.0 * 10_000.0),
        "{:?}",
        line.value
    );
    assert!(close(
        line.attainment,
        100_000.0 / (11.0 * 0.25 * 0.065 * 222.0 * 10_000.0)
    ));
    assert!(
        line.explanation.contains("against a budget of ¥100,000"),
        "{}",
        line.explanation
    );
    // Aid: the request to blue was answered (declined) after 30 min; the one to green was not
    // (counted at its elapsed time, 4020 min).
    assert!(close(kpi(whole, "joint", "AidRequestsAnswered").value, 0.5));
    assert!(close(
        kpi(whole, "joint", "AidResponseMinutes").value,
        (30.0 + 4020.0) / 2.0
    ));

    // Team cards see their own decisions: green never answered the request made to it.
    let green = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("green"))
        .unwrap();
    assert!(close(kpi(green, "joint", "AidRequestsAnswered").value, 0.0));
    let blue = cards
        .iter()
        .find(|c| c.team.as_deref() == Some("blue"))
        .unwrap();
    assert!(close(kpi(blue, "joint", "AidRequestsAnswered").value, 1.0));
    assert!(
        !blue.objectives.iter().any(|o| o.id == "lead"),
        "objectives of other teams stay off a team's card"
    );

    // The evaluator's S stands for the objective with no KPI.
    let rated = green.objectives.iter().find(|o| o.id == "rated").unwrap();
    assert_eq!(
        rated.evaluator_rating.as_ref().map(|r| r.0.clone()),
        Some(muster::sim::command::Rating::S)
    );
    assert!(close(rated.attainment, 0.75));
    assert!(whole.percent.is_some_and(|p| p > 0.0 && p < 100.0));
}

#[test]
fn a_missed_report_and_a_missed_expectation_cost_their_kpis() {
    let scenario = kpi_scenario();
    let mut ex = Exercise::new(scenario.clone(), 0, Mode::Expected);
    // Past the 24 hours of the contacts named at 60.
    ex.advance_to(26 * 60);
    let cards = scoring::Scoring::new(scenario, 0, Mode::Expected).scorecards(&ex, Language::En);
    let line = kpi(&cards[0], "report", "ReportsOnTime");
    assert!(close(line.value, 0.0));
    assert!(
        line.evidence.iter().any(|e| e.contains("not filed")),
        "{:?}",
        line.evidence
    );
    let line = kpi(&cards[0], "trace", "InjectResponseMinutes");
    assert!(
        close(line.value, f64::from(26 * 60 - 60)),
        "not done: counted at the time elapsed"
    );
    assert!(close(
        kpi(&cards[0], "lead", "ActivationMinutes").value,
        f64::from(26 * 60)
    ));
    assert_eq!(
        kpi(&cards[0], "trace", "ContactsQuarantinedWithin24h").attainment,
        Some(0.0)
    );
}

#[test]
fn scores_are_a_function_of_the_journal_and_the_report_has_its_sections() {
    let dir = std::env::temp_dir().join(format!("muster-report-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).display().to_string();
    let (code, out, err) = muster(&[
        "run",
        "port-city-outbreak.zh",
        "--seed",
        "4",
        "--commands",
        "scenarios/commands/port-city-good-response.txt",
        "--journal",
        &path("zh.journal"),
        "--report",
        &path("live"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("复盘报告已写入"), "{out}");
    let (code, _, err) = muster(&["report", &path("zh.journal"), "--out", &path("replayed")]);
    assert_eq!(code, 0, "{err}");
    for file in [
        "scorecards.json",
        "report.json",
        "report.html",
        "timeline.csv",
        "improvement-plan.csv",
        "timeseries.csv",
    ] {
        let live = std::fs::read_to_string(dir.join("live").join(file)).unwrap();
        let replayed = std::fs::read_to_string(dir.join("replayed").join(file)).unwrap();
        assert!(
            live == replayed,
            "{file} differs between the live run and its journal's replay"
        );
    }
    let html = std::fs::read_to_string(dir.join("live/report.html")).unwrap();
    for section in [
        "id=\"overview\"",
        "id=\"summary\"",
        "id=\"analysis\"",
        "id=\"strengths\"",
        "id=\"improvements\"",
        "id=\"charts\"",
        "id=\"decisions\"",
        "id=\"timeline\"",
        "id=\"scorecards\"",
        "id=\"improvement-plan\"",
    ] {
        assert!(html.contains(section), "missing {section}");
    }
    // A Chinese scenario's report is in Chinese unless asked otherwise.
    for heading in [
        "一、推演概况",
        "三、能力分析",
        "六、措施",
        "八、计分卡",
        "九、改进计划",
    ] {
        assert!(html.contains(heading), "missing {heading}");
    }
    // Blue teams and the agencies they play are counted apart from the red cell and the
    // agencies the control cell plays.
    assert!(
        html.contains("5 个小组扮演 13 个单位，另有红方 1 组、导调组（扮演 2 个单位）"),
        "scope line"
    );
    // Who chose what, when and why, and what followed.
    assert!(
        html.contains("推迟一周") && html.contains("第4天 10:30"),
        "the marathon decision"
    );
    assert!(
        html.contains("评定为已完成"),
        "the evaluator's judgement of I-17"
    );
    // The same exercise reported in English: the scenario's text stays as written.
    let (code, _, err) = muster(&[
        "report",
        &path("zh.journal"),
        "--out",
        &path("english"),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    let english = std::fs::read_to_string(dir.join("english/report.html")).unwrap();
    for text in [
        "1. Exercise overview",
        "5 teams playing 13 agencies, with a red cell and the control cell playing 2 agencies",
        "D4 10:30",
        "judged done",
        "推迟一周",
    ] {
        assert!(english.contains(text), "missing {text}");
    }
    assert!(english.contains("lang=\"en\"") && !english.contains("推演概况"));
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        4,
        "epidemic by district, with/without action, hospital, KPIs"
    );
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("lang=\"zh-CN\""));
    assert!(
        html.contains("一船两机") && html.contains("津海市") || html.contains("河西区"),
        "Chinese scenario text appears as written"
    );
    assert!(!html.contains("<script"), "self-contained and static");
    let csv = std::fs::read_to_string(dir.join("live/scorecards.csv")).unwrap();
    assert!(csv.starts_with("scorecard,objective,metric,class,value,baseline,target"));
    assert!(csv.lines().count() > 20);
    // A spreadsheet reads every column under its heading: each row has the header's fields.
    for file in [
        "scorecards.csv",
        "measures.csv",
        "timeline.csv",
        "improvement-plan.csv",
        "timeseries.csv",
    ] {
        let mut reader = csv::Reader::from_path(dir.join("live").join(file)).unwrap();
        let columns = reader.headers().unwrap().len();
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert!(!rows.is_empty(), "{file} has no rows");
        for row in rows {
            assert_eq!(row.len(), columns, "{file}: {row:?}");
        }
    }

    // In CI Chromium is installed and the report must render; elsewhere it renders when present.
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Process::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    match chromium {
        Some(browser) => {
            let shot = dir.join("report.png");
            let status = Process::new(browser)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    "--window-size=1100,2000",
                ])
                .arg(format!("--user-data-dir={}", dir.join("chrome").display()))
                .arg(format!("--screenshot={}", shot.display()))
                .arg(format!("file://{}", dir.join("live/report.html").display()))
                .output()
                .unwrap();
            assert!(
                status.status.success(),
                "{}",
                String::from_utf8_lossy(&status.stderr)
            );
            let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
            assert!(
                size > 50_000,
                "a rendered report is not a blank page ({size} bytes)"
            );
        }
        None => assert!(
            std::env::var_os("CI").is_none(),
            "CI must install Chromium to render the report"
        ),
    }
    std::fs::remove_dir_all(&dir).ok();
}

// ---- The app, under Xvfb ----

/// One app under Xvfb at a time: two `xvfb-run -a` starting together can pick the same display.
#[cfg(feature = "gui")]
static ONE_APP_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs the real app on a script under Xvfb; returns its summary and the output folder.
#[cfg(feature = "gui")]
fn run_app(scenario: &str, script: &str, dir: &Path) -> Option<serde_json::Value> {
    let xvfb = Process::new("xvfb-run").arg("--help").output().is_ok();
    if !xvfb {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install xvfb and Mesa's Vulkan driver to test the app"
        );
        return None;
    }
    let shots = dir.join("shots");
    let output = Process::new("timeout")
        .args(["600", "xvfb-run", "-a", "-s", "-screen 0 1600x960x24"])
        .arg(env!("CARGO_BIN_EXE_muster"))
        .args(["gui", scenario, "--journal"])
        .arg(dir.join("app.journal"))
        .arg("--script")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(script),
        )
        .arg("--shots")
        .arg(&shots)
        .current_dir(dir)
        .output()
        .expect("run the app");
    assert!(
        output.status.success(),
        "the app failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary =
        std::fs::read_to_string(shots.join("summary.json")).expect("the script wrote its summary");
    Some(serde_json::from_str(&summary).unwrap())
}

#[cfg(feature = "gui")]
fn screenshot_ok(path: &Path) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 30_000,
        "{} is missing or blank ({size} bytes)",
        path.display()
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_app_runs_under_xvfb() {
    let _one = ONE_APP_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = std::env::temp_dir().join(format!("muster-app-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let Some(summary) = run_app("port-city-outbreak", "app.script", &dir) else {
        return;
    };
    assert_eq!(
        summary["failures"].as_array().unwrap().len(),
        0,
        "{summary}"
    );
    // The clock ran: 45 minutes of skips, a day more, and played frames at one day per minute.
    assert!(summary["now"].as_u64().unwrap() > 24 * 60 + 45, "{summary}");
    // Activate, 2 dispatches, the delivery and the fired inject, then 2 more dispatches, then
    // the answer to the half marathon's decision point.
    assert_eq!(summary["commands"], 8, "{summary}");
    assert_eq!(
        summary["decisions"][0], "I-16: postpone (decided by command)",
        "{summary}"
    );
    let fired: Vec<&str> = summary["fired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        fired.contains(&"I-04"),
        "the facilitator fired I-04 early: {fired:?}"
    );
    let away: Vec<&str> = summary["units_away"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        away.contains(&"epi-1") && away.contains(&"epi-3"),
        "dispatched units are out: {away:?}"
    );
    assert!(
        summary["refused"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("use Deliver")),
        "a supply truck cannot be dispatched empty: {summary}"
    );
    for shot in [
        "01-briefing.png",
        "02-facilitator.png",
        "03-team.png",
        "04-map-moving.png",
        "05-debrief.png",
        "06-decision.png",
        "07-decided.png",
        "08-facilitator-decisions.png",
    ] {
        screenshot_ok(&dir.join("shots").join(shot));
    }
    // The app's journal rebuilds the same exercise headless, and its report was exported.
    let (code, out, err) = muster(&["replay", &dir.join("app.journal").display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("commands applied 8"), "{out}");
    assert!(
        out.contains("refused 1"),
        "the refused dispatch is journaled: {out}"
    );
    assert!(
        dir.join("app.report/report.html").exists(),
        "Export after-action report wrote the report"
    );

    let Some(summary) = run_app("port-city-outbreak.zh", "app-zh.script", &dir) else {
        return;
    };
    assert_eq!(summary["commands"], 1, "{summary}");
    screenshot_ok(&dir.join("shots/zh-team.png"));
    // A Chinese scenario opens in Chinese; the top bar's switch turns the screens to English
    // at once, the scenario's own text staying as written.
    let chinese: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("shots/chinese.json")).unwrap())
            .unwrap();
    assert_eq!(chinese["language"], "zh", "{chinese}");
    assert_eq!(chinese["first_kpi"], "指挥部启动用时", "{chinese}");
    assert_eq!(summary["language"], "en", "{summary}");
    assert_eq!(
        summary["first_kpi"], "Time to activate the incident command",
        "{summary}"
    );
    screenshot_ok(&dir.join("shots/en-facilitator.png"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A drill survives a crash: the app is killed (SIGKILL) in the middle of a scripted exercise;
/// started again, the briefing offers the unfinished exercise, which resumes at the minute its
/// clock had reached, in the state a headless replay of its journal rebuilds, and goes on.
#[cfg(feature = "gui")]
#[test]
fn a_killed_app_resumes_where_it_stopped() {
    let _one = ONE_APP_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if Process::new("xvfb-run").arg("--help").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI must install xvfb");
        return;
    }
    let dir = std::env::temp_dir().join(format!("muster-resume-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let app = |script: &str, shots: &str, args: &[&str]| {
        let mut app = Process::new("timeout");
        app.args(["600", "xvfb-run", "-a", "-s", "-screen 0 1600x960x24"])
            .arg(env!("CARGO_BIN_EXE_muster"))
            .arg("gui")
            .args(args)
            .arg("--script")
            .arg(fixtures.join(script))
            .arg("--shots")
            .arg(dir.join(shots))
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        app
    };
    let read_json = |path: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };

    // Part 1: play, then die without a chance to write anything more.
    let mut first = app(
        "crash.script",
        "before",
        &["port-city-outbreak", "--journal", "journals/crash.journal"],
    )
    .spawn()
    .expect("start the app");
    let checkpoint = dir.join("before/killed-at.json");
    let started = std::time::Instant::now();
    while !checkpoint.exists() {
        assert!(
            started.elapsed().as_secs() < 300,
            "the app never reached its checkpoint"
        );
        if let Ok(Some(status)) = first.try_wait() {
            panic!("the app stopped early: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let before = read_json(&checkpoint);
    let pid = before["pid"].as_u64().unwrap().to_string();
    let killed = Process::new("kill").args(["-KILL", &pid]).status().unwrap();
    assert!(killed.success());
    let _ = first.wait();
    assert_eq!(before["failures"].as_array().unwrap().len(), 0, "{before}");
    // Activate, a dispatch, I-04 fired early, another dispatch; the empty truck was refused.
    assert_eq!(before["commands"], 4, "{before}");
    let journal_path = dir.join("journals/crash.journal");
    let text = std::fs::read_to_string(&journal_path).unwrap();
    assert!(!text.contains("\nend "), "killed, it could not end: {text}");
    assert!(
        text.contains(&format!("\nclock {}\n", before["now"])),
        "{text}"
    );

    // What the journal alone rebuilds, headless.
    let replayed = dir.join("replayed.json");
    let (code, _, err) = muster(&[
        "replay",
        &journal_path.display().to_string(),
        "--out",
        &replayed.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let replayed = read_json(&replayed);
    assert_eq!(
        replayed["until"], before["now"],
        "the clock, not the last command"
    );
    assert_eq!(replayed["outcome"], before["outcome"]);

    // Part 2: the briefing offers it; resumed, it is where it stood, and it goes on.
    let second = app("resume.script", "after", &[]).output().unwrap();
    assert!(
        second.status.success(),
        "the resumed app failed:\n{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let resumed = read_json(&dir.join("after/resumed.json"));
    assert_eq!(resumed["now"], before["now"], "{resumed}");
    assert_eq!(resumed["commands"], before["commands"]);
    assert_eq!(resumed["outcome"], replayed["outcome"]);
    assert_eq!(resumed["fired"], before["fired"]);
    let after = read_json(&dir.join("after/summary.json"));
    assert_eq!(after["failures"].as_array().unwrap().len(), 0, "{after}");
    assert_eq!(
        after["now"].as_u64().unwrap(),
        before["now"].as_u64().unwrap() + 180,
        "the clock advances"
    );
    assert_eq!(after["commands"], 5, "a new command is accepted: {after}");
    screenshot_ok(&dir.join("after/09-resume-offer.png"));
    screenshot_ok(&dir.join("after/10-resumed.png"));
    // The same journal holds both parts and replays the whole exercise.
    let (code, out, err) = muster(&["replay", &journal_path.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("commands applied 5"), "{out}");
    assert!(out.contains("refused 1"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

// ---- Response plans ----

use muster::plan;

fn graded_plan() -> plan::Plan {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plans/port-city-graded.plan.ron"),
    )
    .unwrap();
    let (plan, report) = plan::check("port-city-graded.plan.ron", &text, Some(&flagship()));
    assert!(report.diagnostics.is_empty(), "{}", report.render_short());
    plan.unwrap()
}

/// A plan grants aid as its agreements say, and only for the teams it plays: the agreement
/// from port-transport to health-cdc is not the plan's to honour when it plays public security.
#[test]
fn a_plan_grants_agreed_aid_for_the_teams_it_plays() {
    let scenario = flagship();
    let mut plan = graded_plan();
    plan.teams = vec![scenario::Id::new("public-security")];
    let mut player = plan::PlanPlayer::new(plan, &scenario);
    let requests = [
        r#"RequestAid(team: "health-cdc", to: "public-security", units: ["bigdata-1"])"#,
        r#"RequestAid(team: "port-transport", to: "health-cdc", units: ["epi-1"])"#,
    ];
    let commands: Vec<journal::Entry> = requests
        .iter()
        .enumerate()
        .map(|(n, text)| journal::Entry {
            line: n + 1,
            at: 60,
            command: command(text),
            refused: None,
            offset: 0,
        })
        .collect();
    let (played, refused) = headless::run_with_players(
        scenario.clone(),
        1,
        Mode::Stochastic,
        &commands,
        6 * 60,
        None,
        &mut [&mut player],
    )
    .unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    let answers: Vec<(u32, &str, bool)> = played
        .requests()
        .iter()
        .map(|r| (r.number, r.to_team.as_str(), r.answered.is_some()))
        .collect();
    assert_eq!(
        answers,
        [(1, "public-security", true), (2, "health-cdc", false)]
    );
    let (at, _) = played.requests()[0].answered.clone().unwrap();
    assert!(
        at <= 60 + 30,
        "granted at the next review, within the agreed 30 minutes: {at}"
    );
}

#[test]
fn every_plan_in_the_library_is_valid_against_its_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plans");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".plan.ron") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (plan, _) = plan::check("plan", &text, None);
        let scenario_name = plan
            .and_then(|p| p.scenario)
            .expect("library plans name their scenario");
        let scenario = library::find(&scenario_name).unwrap().load().unwrap().0;
        let (plan, report) = plan::check(&path.display().to_string(), &text, Some(&scenario));
        assert!(
            plan.is_some() && report.diagnostics.is_empty(),
            "{}",
            report.render_short()
        );
        count += 1;
    }
    assert!(count >= 1);
    let (code, out, _) = muster(&["validate", "scenarios/plans/port-city-graded.plan.ron"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_broken_plan_gets_located_messages() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/plans/port-city-graded.plan.ron"),
    )
    .unwrap();
    let broken = text
        .replace(
            "(from: \"health-cdc\", to: \"public-security\"",
            "(from: \"helth-cdc\", to: \"public-security\"",
        )
        .replace("Place(\"port\")", "Place(\"prot\")")
        .replace("level: 1,", "level: 7,")
        .replace("role: Testing, to: Hotspot,", "role: Tested, to: Hotspot,");
    let (plan, report) = plan::check("broken.plan.ron", &broken, Some(&flagship()));
    assert!(plan.is_none());
    let short = report.render_short();
    for expected in [
        "there is no team `helth-cdc`",
        "did you mean `health-cdc`?",
        "`Tested` is not a unit role",
        "there is no district or facility `prot`",
        "levels go from 4 (IV, lowest) to 1 (I, highest)",
    ] {
        assert!(short.contains(expected), "missing {expected:?} in\n{short}");
    }
    let line_of = |needle: &str| broken[..broken.find(needle).unwrap()].matches('\n').count() + 1;
    assert!(
        short.contains(&format!("broken.plan.ron:{}:", line_of("\"helth-cdc\""))),
        "{short}"
    );
    // A plan given where a scenario is expected gets one clear message.
    let (_, report) = scenario::check("x.ron", &text);
    assert_eq!(report.error_count(), 1, "{}", report.render_short());
    assert!(
        report
            .render_short()
            .contains("holds a `Plan`, not a `Scenario`")
    );
}

#[test]
fn the_graded_plan_beats_no_action_and_replays_exactly() {
    let scenario = flagship();
    let until = scenario.meta.duration.get();
    let (mut with_plan, mut without) = (0.0, 0.0);
    for seed in 1..=4 {
        let mut player = plan::PlanPlayer::new(graded_plan(), &scenario);
        let (played, refused) = headless::run_with_players(
            scenario.clone(),
            seed,
            Mode::Stochastic,
            &[],
            until,
            None,
            &mut [&mut player],
        )
        .unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        assert!(
            player.entered.starts_with(&[4, 3]),
            "levels IV then III raised: {:?}",
            player.entered
        );
        let o = headless::outcome(&played);
        assert_eq!(
            o.reports_late_or_missing, 0,
            "the plan files every report within 30 minutes"
        );
        with_plan += o.infections;
        let (idle, _) =
            headless::run(scenario.clone(), seed, Mode::Stochastic, &[], until, None).unwrap();
        without += headless::outcome(&idle).infections;
        // The plan's commands are ordinary commands: replaying them alone gives the same run.
        let log: Vec<journal::Entry> = played
            .log()
            .iter()
            .map(|(at, c)| journal::Entry {
                line: 0,
                at: *at,
                command: c.clone(),
                refused: None,
                offset: 0,
            })
            .collect();
        let (replayed, _) =
            headless::run(scenario.clone(), seed, Mode::Stochastic, &log, until, None).unwrap();
        assert!(
            serde_json::to_string(&headless::output(&played, vec![])).unwrap()
                == serde_json::to_string(&headless::output(&replayed, vec![])).unwrap()
        );
    }
    assert!(with_plan < 0.7 * without, "{with_plan} vs {without}");
    let plan = graded_plan();
    let one = muster::sweep::sweep(
        scenario.clone(),
        &[],
        muster::sweep::Sides {
            plan: Some(&plan),
            auto_red: false,
        },
        6,
        3,
        1,
        &|_| {},
    );
    let two = muster::sweep::sweep(
        scenario,
        &[],
        muster::sweep::Sides {
            plan: Some(&plan),
            auto_red: false,
        },
        6,
        3,
        2,
        &|_| {},
    );
    assert_eq!(one, two, "a plan sweep does not depend on the threads");
}

#[test]
fn a_plan_lowers_its_level_and_relaxes_its_measures() {
    let scenario = flagship();
    let text = r#"Plan(
        id: "lowering", title: "Lowering", scenario: "port-city-outbreak", teams: ["command"],
        levels: [(level: 4, name: "IV", when: ConfirmedAtLeast(count: 1),
                  lower_when: AfterInject(inject: "I-04", delay: "1d"),
                  actions: [Measure(district: Place("hexi"), level: Enhanced)])],
    )"#;
    let (plan, report) = plan::check("lowering.plan.ron", text, Some(&scenario));
    let plan = plan.unwrap_or_else(|| panic!("{}", report.render_short()));
    let mut player = plan::PlanPlayer::new(plan, &scenario);
    let (exercise, refused) = headless::run_with_players(
        scenario.clone(),
        1,
        Mode::Stochastic,
        &[],
        5 * 24 * 60,
        None,
        &mut [&mut player],
    )
    .unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    // Raised at the first confirmed case, lowered a day after I-04 (D2 09:00), not raised again.
    let levels: Vec<u32> = player.history.iter().map(|(_, l)| *l).collect();
    assert_eq!(levels, [4, 0], "{:?}", player.history);
    let lowered_at = player.history[1].0;
    assert!(
        (49 * 60..49 * 60 + 30).contains(&lowered_at),
        "{lowered_at}"
    );
    let hexi = exercise
        .scenario()
        .city
        .districts
        .iter()
        .position(|d| d.id.as_str() == "hexi")
        .unwrap();
    assert_eq!(
        exercise.districts()[hexi].level,
        muster::scenario::ControlLevel::Normal,
        "measures relaxed"
    );
    let measures = exercise
        .log()
        .iter()
        .filter(|(_, c)| matches!(c, Command::OrderMeasure(_)))
        .count();
    assert_eq!(measures, 2, "enhanced, then back to normal");
}

// ---- Scores a trainer can trust: the library over several seeds ----

fn commands_file(name: &str) -> Vec<journal::Entry> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/commands")
            .join(name),
    )
    .unwrap();
    let (journal, problem) = journal::parse(&text);
    assert!(problem.is_none(), "{name}: {problem:?}");
    journal.entries
}

fn library(file: &str) -> Arc<Scenario> {
    Arc::new(library::find(file).unwrap().load().unwrap().0)
}

/// Mean score of the exercise and of each team over seeds 1..=runs: (name, mean percent).
fn mean_scores(
    scenario: &Arc<Scenario>,
    commands: &[journal::Entry],
    runs: u32,
) -> Vec<(String, f64)> {
    let result = muster::sweep::sweep(
        scenario.clone(),
        commands,
        Default::default(),
        runs,
        1,
        2,
        &|_| {},
    );
    result
        .distributions
        .iter()
        .filter(|d| d.name.starts_with("score_percent"))
        .map(|d| (d.name.clone(), d.mean.unwrap_or(f64::NAN)))
        .collect()
}

/// Every commands file of the library names only what its scenario defines, and plays
/// through without a refusal that a typo would cause (an unknown id).
#[test]
fn every_library_commands_file_fits_its_scenario() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/commands");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".txt") else {
            continue;
        };
        let base = [
            "-good-response",
            "-over-reaction",
            "-paperwork",
            "-late-response",
            "-reported-response",
        ]
        .iter()
        .find_map(|suffix| stem.strip_suffix(suffix))
        .unwrap_or_else(|| panic!("{name}: not a response of a library scenario"));
        let file = match base {
            "port-city" => "port-city-outbreak.en.ron".to_string(),
            "lantern-flu" | "tianjin-2022" => format!("{base}.zh.ron"),
            _ => format!("{base}.en.ron"),
        };
        let scenario = library(&file);
        let text = std::fs::read_to_string(folder.join(&name)).unwrap();
        let (journal, problem) = journal::parse(&text);
        assert!(problem.is_none(), "{name}: {problem:?}");
        let problems = journal::check_references(&journal, &scenario);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} files");
}

/// Doing nothing scores at most 20% for the exercise and every team, the scripted response at
/// least 70%, on every scenario of the library (a few seeds here; the note has 200).
#[test]
fn the_library_tells_a_response_from_none() {
    for (file, response) in [
        ("port-city-outbreak.en.ron", "port-city-good-response.txt"),
        ("port-city-outbreak.zh.ron", "port-city-good-response.txt"),
        ("tutorial.en.ron", "tutorial-good-response.txt"),
        ("flu-surge.en.ron", "flu-surge-good-response.txt"),
        ("cold-chain.en.ron", "cold-chain-good-response.txt"),
        ("lantern-flu.zh.ron", "lantern-flu-good-response.txt"),
        (
            "campus-night-market.en.ron",
            "campus-night-market-good-response.txt",
        ),
    ] {
        let scenario = library(file);
        for (name, score) in mean_scores(&scenario, &[], 4) {
            assert!(score <= 20.0, "{file}, no action: {name} {score:.1}%");
        }
        for (name, score) in mean_scores(&scenario, &commands_file(response), 4) {
            assert!(score >= 70.0, "{file}, {response}: {name} {score:.1}%");
        }
    }
}

/// Paperwork alone cannot carry the flagship, and closing the whole city for little gain
/// scores clearly below the targeted response.
#[test]
fn paperwork_and_over_reaction_score_below_a_real_response() {
    let scenario = flagship();
    let score = |file: &str| mean_scores(&scenario, &commands_file(file), 4)[0].1;
    let (good, paperwork, over) = (
        score("port-city-good-response.txt"),
        score("port-city-paperwork.txt"),
        score("port-city-over-reaction.txt"),
    );
    assert!(paperwork <= 40.0, "paperwork {paperwork:.1}%");
    assert!(
        over <= good - 10.0,
        "over-reaction {over:.1}% vs {good:.1}%"
    );
}

/// Public trust answers what happens: it differs from seed to seed.
#[test]
fn public_trust_differs_between_seeds() {
    let scenario = flagship();
    let trust = |seed| {
        let (exercise, _) =
            headless::run(scenario.clone(), seed, Mode::Stochastic, &[], 20160, None).unwrap();
        headless::outcome(&exercise).mean_trust
    };
    let values: Vec<f64> = (1..=5).map(trust).collect();
    let distinct = values
        .iter()
        .filter(|v| values.iter().filter(|w| (*w - *v).abs() < 1e-12).count() == 1)
        .count();
    assert!(distinct >= 4, "{values:?}");
}

/// Each capacity binds: cut it, play the same response, and its KPI gets worse. (Clinics,
/// kits and laboratories are cut one by one in `sim::detection`'s tests.)
#[test]
fn cutting_a_capacity_makes_its_kpi_worse() {
    let kpi_mean = |text: &str, commands: &[journal::Entry], objective: &str, metric: &str| {
        let scenario = Arc::new(scenario::load_str("cut.ron", text).unwrap().0);
        let result = muster::sweep::sweep(scenario, commands, Default::default(), 4, 1, 2, &|_| {});
        let name = format!("{objective}/{metric}");
        result
            .distributions
            .iter()
            .find(|d| d.name == name)
            .and_then(|d| d.mean)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let flagship = library::find("port-city-outbreak.en.ron").unwrap().text;
    let good = commands_file("port-city-good-response.txt");
    let cut = |from: &str, to: &str| {
        assert!(flagship.contains(from), "{from}");
        flagship.replace(from, to)
    };
    let within_24h = |text: &str| kpi_mean(text, &good, "tracing", "ContactsQuarantinedWithin24h");
    let full = within_24h(flagship);
    // Quarantine rooms: the three sites cut to 10 rooms each.
    let rooms = cut("beds: 3000)", "beds: 10)")
        .replace(
            "operator: \"health\", beds: 2000)",
            "operator: \"health\", beds: 10)",
        )
        .replace(
            "operator: \"customs\", beds: 1000)",
            "operator: \"customs\", beds: 10)",
        );
    assert!(
        within_24h(&rooms) < full - 0.2,
        "rooms: {} vs {full}",
        within_24h(&rooms)
    );
    // Tracers: a third of the CDC's investigation teams' capacity.
    let tracers = cut(
        "role: Tracing, speed_kmh: 35.0, capacity: 60",
        "role: Tracing, speed_kmh: 35.0, capacity: 20",
    );
    assert!(
        within_24h(&tracers) < full - 0.1,
        "tracers: {} vs {full}",
        within_24h(&tracers)
    );
    // Ambulances: transfers to isolation within 24 hours.
    let isolated = |text: &str| kpi_mean(text, &good, "tracing", "CasesIsolatedWithin24h");
    let transport = cut(
        "role: PatientTransport, speed_kmh: 50.0, capacity: 2, shift: \"2h\"",
        "role: PatientTransport, speed_kmh: 50.0, capacity: 2, shift: \"24h\"",
    );
    assert!(isolated(&transport) < isolated(flagship) - 0.1);
    // Kits at the clinics: stock-outs.
    let stock_outs = |text: &str| kpi_mean(text, &good, "supplies", "StockOuts");
    let kits = cut(
        "daily_capacity: 800, stock: {\"test-kits\": 4000}),\n        (id: \"nankai",
        "daily_capacity: 800, stock: {\"test-kits\": 400}),\n        (id: \"nankai",
    );
    assert!(stock_outs(&kits) > stock_outs(flagship));
    // Hospital beds (flu-surge): hours with patients waiting.
    let flu = library::find("flu-surge.en.ron").unwrap().text;
    let flu_good = commands_file("flu-surge-good-response.txt");
    let overflow = |text: &str| kpi_mean(text, &flu_good, "surge", "HospitalOverflowHours");
    let fewer_beds = flu
        .replace(
            "beds: 450, icu_beds: 24, paediatric_beds: 40",
            "beds: 10, icu_beds: 2, paediatric_beds: 2",
        )
        .replace("beds: 220, icu_beds: 12", "beds: 10, icu_beds: 1");
    assert!(overflow(&fewer_beds) > overflow(flu) + 10.0);
}

/// A standing restock order sends a supply unit when the facility runs low, once per delivery.
#[test]
fn a_plan_restocks_a_facility_that_runs_low() {
    let scenario = flagship();
    let text = r#"Plan(
        id: "restock", title: "Restock", scenario: "port-city-outbreak", teams: ["port-transport"],
        levels: [(level: 4, name: "IV", when: ConfirmedAtLeast(count: 100000), actions: [])],
        restock: [(supply: "test-kits", to: "hexi-fever-clinic", below: 5000, quantity: 6000)],
    )"#;
    let (plan, report) = plan::check("restock.plan.ron", text, Some(&scenario));
    let plan = plan.unwrap_or_else(|| panic!("{}", report.render_short()));
    let mut player = plan::PlanPlayer::new(plan, &scenario);
    let (exercise, refused) = headless::run_with_players(
        scenario.clone(),
        1,
        Mode::Stochastic,
        &[],
        6 * 60,
        None,
        &mut [&mut player],
    )
    .unwrap();
    assert!(refused.is_empty(), "{refused:?}");
    let deliveries: Vec<&(u32, Command)> = exercise
        .log()
        .iter()
        .filter(|(_, c)| matches!(c, Command::Deliver(_)))
        .collect();
    assert_eq!(
        deliveries.len(),
        1,
        "one truck, not one per review: {deliveries:?}"
    );
    let clinic = exercise
        .scenario()
        .facilities
        .iter()
        .position(|f| f.id.as_str() == "hexi-fever-clinic")
        .unwrap();
    assert!(
        exercise.stock(clinic, "test-kits") > 4000 + 5000,
        "delivered within the hours"
    );
    let (_, report) = plan::check(
        "bad.plan.ron",
        &text.replace("hexi-fever-clinic", "hexi-fever-clnic"),
        Some(&scenario),
    );
    assert!(
        report
            .render_short()
            .contains("restock: there is no facility `hexi-fever-clnic`")
    );
    assert!(
        report
            .render_short()
            .contains("did you mean `hexi-fever-clinic`?")
    );
}

/// The report's strengths and areas for improvement follow the ratings, and a team that did
/// nothing gets no strength.
#[test]
fn the_reports_strengths_follow_the_ratings() {
    let scenario = flagship();
    let report_of = |commands: &[journal::Entry]| {
        let (exercise, _) = headless::run(
            scenario.clone(),
            3,
            Mode::Stochastic,
            commands,
            scenario.meta.duration.get(),
            None,
        )
        .unwrap();
        let baseline = muster::scoring::Baseline::of(&exercise);
        let aar = muster::report::after_action(&exercise, &baseline, Language::En);
        let html = muster::report::html(&exercise, &baseline, &aar, Language::En);
        (aar, html)
    };
    let (idle, html) = report_of(&[]);
    assert!(idle.strengths.is_empty(), "{:?}", idle.strengths);
    assert!(
        html.contains(r#"<td class="num">n/a</td>"#),
        "n/a lines in the scorecards"
    );
    let (played, _) = report_of(&good_response());
    assert!(!played.strengths.is_empty());
    // Participants read names: the teams of the timeline and the decisions, not their ids.
    let teams = &scenario.teams;
    for entry in &played.timeline {
        assert!(
            !teams.iter().any(|t| entry.who == t.id.as_str()),
            "{} {}",
            entry.clock,
            entry.who
        );
    }
    assert!(
        played.timeline.iter().any(|e| e.who == "Health and CDC"),
        "a team by its name"
    );
    for answer in played.decided.decisions.iter().flat_map(|d| &d.answers) {
        assert!(
            !teams.iter().any(|t| answer.team == t.id.as_str()),
            "{}",
            answer.team
        );
    }
    // Every measure of the response is set against what it averted, with a verdict.
    assert_eq!(played.measures.len(), 1, "the seal of Haitai Garden");
    assert!(
        played
            .measures
            .iter()
            .all(|m| m.cost > 0.0 && m.danger > 0.0)
    );
    for s in &played.strengths {
        assert!(s.contains(": rated P "), "{s}");
    }
    for a in &played.improvements {
        assert!(
            a.contains(": rated S ") || a.contains(": rated M ") || a.contains(": rated U "),
            "{a}"
        );
    }
    // Every objective the whole exercise's card rates below P is an area for improvement.
    for objective in &played.scorecards[0].objectives {
        if let Some(rating) = &objective.rating
            && *rating != muster::sim::command::Rating::P
        {
            assert!(
                played
                    .improvements
                    .iter()
                    .any(|a| a.starts_with("Whole exercise") && a.contains(&objective.title)),
                "{} rated {rating:?} is not listed",
                objective.title
            );
        }
    }
}

/// A program on the PATH, if there is one.
#[cfg(feature = "gui")]
fn program(names: &[&str]) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The facilitator's app hosts the flagship; a team joins from Chromium (driven through
/// chromedriver, WebDriver) with its code, reads its inbox, dispatches a unit, and the app's
/// journal records the command. Screenshots of the team page (laptop and tablet sizes), the
/// evaluator's and the projector's pages are left in the test's folder.
#[cfg(feature = "gui")]
#[test]
fn a_team_plays_from_a_browser_and_the_exercise_records_it() {
    use fantoccini::{ClientBuilder, Locator};

    let _one = ONE_APP_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let xvfb = Process::new("xvfb-run").arg("--help").output().is_ok();
    let Some(chromedriver) = program(&["chromedriver"]).filter(|_| xvfb) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium-driver and xvfb for the browser test"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("muster-browser-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let codes_file = dir.join("codes.tsv");
    let shots = dir.join("shots");
    let mut app = Process::new("timeout")
        .args(["600", "xvfb-run", "-a", "-s", "-screen 0 1600x960x24"])
        .arg(env!("CARGO_BIN_EXE_muster"))
        .args([
            "gui",
            "port-city-outbreak",
            "--host",
            "127.0.0.1:0",
            "--codes",
        ])
        .arg(&codes_file)
        .arg("--journal")
        .arg(dir.join("app.journal"))
        .arg("--script")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/browser.script"))
        .arg("--shots")
        .arg(&shots)
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the app");
    // The app writes the codes once it listens: ROLE<TAB>CODE<TAB>URL.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    let codes = loop {
        let text = std::fs::read_to_string(&codes_file).unwrap_or_default();
        if text.lines().count() >= 3 {
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the app never opened to teams"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let link = |role: &str| -> String {
        codes
            .lines()
            .find(|l| l.starts_with(&format!("{role}\t")))
            .and_then(|l| l.split('\t').nth(2))
            .unwrap_or_else(|| panic!("no code for {role} in {codes}"))
            .to_string()
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut driver = Process::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let browsed: Result<(), String> = runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--window-size=1280,900"]}),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut tries = 0;
        let browser = loop {
            match ClientBuilder::new(connector.clone())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(browser) => break browser,
                // chromedriver is still starting.
                Err(_) if tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                Err(e) => return Err(format!("chromedriver: {e}")),
            }
        };
        let patience = std::time::Duration::from_secs(60);
        let shot = |name: &'static str, png: Vec<u8>| {
            std::fs::write(shots.join(name), png).unwrap();
        };
        let step = async {
            // The join card's link opens the team's page with its code.
            browser.goto(&link("health-cdc")).await?;
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("#news article"))
                .await?;
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("#units input[value='epi-3']"))
                .await?;
            // Pressed from within the page: the units' list redraws as their states change,
            // and an element looked up before a redraw is stale by the time it is clicked.
            browser
                .execute(
                    "document.querySelector(\"#units input[value='epi-3']\").click();",
                    vec![],
                )
                .await?;
            // Chosen from within the page: each state redraws the lists' options, and an option
            // looked up before a redraw is stale by the time it is chosen.
            browser
                .execute(
                    "const s = document.querySelector('#place'); s.value = 'hexi'; s.dispatchEvent(new Event('change'));",
                    vec![],
                )
                .await?;
            browser
                .execute("document.querySelector('#dispatch').click();", vec![])
                .await?;
            // The toast says the exercise took it.
            let mut answered = String::new();
            for _ in 0..100 {
                answered = browser.find(Locator::Css("#toast")).await?.text().await?;
                if !answered.is_empty() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            shot("web-team-laptop.png", browser.screenshot().await?);
            // The team answers an open post of the public feed with its statement.
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("#feed .post.open button"))
                .await?;
            // Pressed from within the page: the feed may redraw between a lookup and a click.
            browser
                .execute(
                    "const b = document.querySelector('#feed .post.open button');
                     b.scrollIntoView({block: 'center'}); b.click();",
                    vec![],
                )
                .await?;
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("#answering q"))
                .await?;
            browser
                .find(Locator::Css("#message"))
                .await?
                .send_keys("Clinics in Hexi stay open; call 12320 before you go.")
                .await?;
            shot("web-team-answering.png", browser.screenshot().await?);
            browser
                .execute(
                    "document.querySelector('#statement-district').value = 'hexi';",
                    vec![],
                )
                .await?;
            browser
                .find(Locator::Css("#statement"))
                .await?
                .click()
                .await?;
            browser.set_window_size(820, 1180).await?;
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            shot("web-team-tablet.png", browser.screenshot().await?);
            browser.set_window_size(1280, 900).await?;
            browser.goto(&link("evaluator")).await?;
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("#objectives .rating"))
                .await?;
            shot("web-evaluator.png", browser.screenshot().await?);
            browser.goto(&link("projector")).await?;
            browser
                .wait()
                .at_most(patience)
                .for_element(Locator::Css("svg.map"))
                .await?;
            shot("web-projector.png", browser.screenshot().await?);
            Ok::<String, fantoccini::error::CmdError>(answered)
        };
        let outcome = step.await;
        let _ = browser.close().await;
        match outcome {
            Ok(answered) if answered == "Done." => Ok(()),
            Ok(answered) => Err(format!("the page said `{answered}`")),
            Err(e) => Err(format!("the browser: {e}")),
        }
    });
    let _ = driver.kill();
    let _ = driver.wait();
    if browsed.is_err() {
        // `timeout` passes a TERM on to the app under it (a KILL would leave the app running).
        let _ = Process::new("kill").arg(app.id().to_string()).status();
    }
    let status = app.wait().unwrap();
    browsed.unwrap();
    assert!(status.success(), "the app failed");
    let journal = std::fs::read_to_string(dir.join("app.journal")).unwrap();
    assert!(
        journal.contains(r#"Dispatch(team:"health-cdc",unit:"epi-3",to:"hexi""#),
        "the browser's dispatch is in the journal:\n{journal}"
    );
    let statement = journal
        .lines()
        .find(|l| {
            l.contains(r#"Statement(team:"health-cdc",district:"hexi",text:"Clinics in Hexi"#)
        })
        .unwrap_or_else(|| {
            panic!("the browser's statement to one district is in the journal:\n{journal}")
        });
    assert!(
        statement.contains(",post:"),
        "it answers the post the team chose: {statement}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shots.join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(
        summary["failures"].as_array().unwrap().len(),
        0,
        "{summary}"
    );
    assert!(
        summary["units_away"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u == "epi-3"),
        "{summary}"
    );
    for shot in [
        "devices.png",
        "web-team-laptop.png",
        "web-team-answering.png",
        "web-team-tablet.png",
        "web-evaluator.png",
        "web-projector.png",
    ] {
        screenshot_ok(&shots.join(shot));
    }
}

/// The automatic red cell does harm to a passive Blue, and the scripted good response (which
/// states, patrols, shares and reports) takes most of it back: red's harm, over the same seeds
/// without red, is smaller against it. Red's moves are journaled and replay exactly.
#[test]
fn the_automatic_red_cell_hurts_a_passive_blue_and_is_beaten_by_the_good_response() {
    use muster::player::Player;
    use muster::red_cell::{AutoRed, harm};
    let scenario = flagship();
    let until = scenario.meta.duration.get();
    let good = good_response();
    let play = |seed: u64, commands: &[journal::Entry], red: bool| {
        let mut auto = AutoRed::new(&scenario, 0).expect("the flagship has a red cell");
        let mut players: Vec<&mut dyn Player> = Vec::new();
        if red {
            players.push(&mut auto);
        }
        let (exercise, refused) = headless::run_with_players(
            scenario.clone(),
            seed,
            Mode::Stochastic,
            commands,
            until,
            None,
            &mut players,
        )
        .unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        exercise
    };
    let (mut passive_hurt, mut good_hurt) = (0.0, 0.0);
    for seed in 1..=3 {
        let passive = play(seed, &[], false);
        let passive_red = play(seed, &[], true);
        let good_alone = play(seed, &good, false);
        let good_red = play(seed, &good, true);
        assert!(!passive_red.red_plays().is_empty());
        let trust = |e: &Exercise| headless::outcome(e).mean_trust;
        assert!(
            trust(&passive_red) < trust(&passive),
            "seed {seed}: red costs a passive Blue trust"
        );
        assert!(
            trust(&good_red) > trust(&passive_red),
            "seed {seed}: the good response keeps more trust against red than doing nothing"
        );
        passive_hurt += harm(&passive_red) - harm(&passive);
        good_hurt += harm(&good_red) - harm(&good_alone);

        // Red's moves are commands like any other: the log replays to the same exercise.
        let log: Vec<journal::Entry> = good_red
            .log()
            .iter()
            .enumerate()
            .map(|(n, (at, command))| journal::Entry {
                line: n + 1,
                at: *at,
                command: command.clone(),
                refused: None,
                offset: 0,
            })
            .collect();
        let replayed = play(seed, &log, false);
        assert_eq!(
            serde_json::to_string(&headless::output(&good_red, vec![])).unwrap(),
            serde_json::to_string(&headless::output(&replayed, vec![])).unwrap()
        );
    }
    assert!(passive_hurt > 0.0, "red does harm: {passive_hurt}");
    assert!(
        good_hurt < passive_hurt,
        "the good response takes back part of red's harm: {good_hurt} vs {passive_hurt}"
    );
}
