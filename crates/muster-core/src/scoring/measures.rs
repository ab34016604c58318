//! Each measure judged by what it alone did: the exercise replayed without that one command
//! (a district's level raised, a zone declared, a testing round, a facility closed), against the
//! exercise as played. What it cost is the difference in money spent (and in school days and
//! care forgone); what it averted, the difference in infections, both projected a generation on
//! as `proportion.rs` does; the danger, the no-action replay's. A closure of a district with no
//! case costs its days and averts nothing; the closure of the district where the cases are
//! averts the outbreak.
//!
//! The replays run in expected values (`Mode::Expected`) on the scenario's own seed: a
//! stochastic replay without one command draws differently from the first step it changes,
//! and that noise would swamp what a small measure did. So the measures are judged on the
//! exercise's average course, not on its one draw, and the same commands give the same ledger
//! whatever the seed (`LedgerCache` keeps it for a sweep's many seeds).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::Baseline;
use super::baseline::Keep;
use super::proportion;
use crate::i18n::Language;
use crate::scenario::{ControlLevel, Scenario, ZoneLevel};
use crate::sim::{Command, Exercise, Mode};
use crate::tr;

/// Whether a command is a measure judged on its own: one that restricts people (a district's
/// level, a zone, a facility closed or its people kept inside) or tests them.
fn is_measure(command: &Command) -> bool {
    match command {
        Command::OrderMeasure(c) => c.level != ControlLevel::Normal,
        Command::DeclareZone(c) => c.level != ZoneLevel::Lifted,
        Command::TestingRound(_) | Command::CloseFacility(_) | Command::CohortFacility(_) => true,
        _ => false,
    }
}

/// One measure's account.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureAccount {
    pub at: u32,
    pub team: String,
    /// The measure in words, with the place's name ("closed (lockdown) in Hexi").
    pub what: String,
    /// Yuan it cost (the exercise as played less the replay without it).
    pub cost: f64,
    /// School days it cost, and the deaths of care forgone under it (`sim/hardship.rs`).
    pub school_days_lost: f64,
    pub care_forgone_deaths: f64,
    /// Infections it averted, projected a generation on (negative: it added some).
    pub averted: f64,
    /// Its harm beyond what it averted, yuan (`proportion::waste`).
    pub waste: f64,
    /// The danger it is set against: the no-action run's projected infections × the harm of
    /// an infection, yuan (the same for every measure of an exercise).
    pub danger: f64,
    /// Attainment of its waste against the danger.
    pub attainment: f64,
}

impl MeasureAccount {
    pub fn verdict(&self) -> proportion::Verdict {
        proportion::Verdict::of(self.harm(), self.waste, self.danger)
    }

    /// The verdict in words.
    pub fn verdict_words(&self, lang: Language) -> String {
        self.verdict().words(self.attainment, lang)
    }

    /// The harm besides money, in words ("140,000 school days lost, 1.9 deaths from care
    /// forgone"); empty when there is none.
    pub fn other_harm(&self, lang: Language) -> String {
        let mut parts = Vec::new();
        if self.school_days_lost >= 0.5 {
            parts.push(tr!(
                lang,
                "harm-school-days",
                days = crate::i18n::count(lang, self.school_days_lost)
            ));
        }
        if self.care_forgone_deaths >= 0.005 {
            parts.push(tr!(
                lang,
                "harm-care-forgone",
                deaths = format!("{:.2}", self.care_forgone_deaths)
            ));
        }
        parts.join(&tr!(lang, "list-comma"))
    }

    /// Its cost with the school days lost and the deaths of care forgone valued, yuan.
    pub fn harm(&self) -> f64 {
        self.cost
            + self.school_days_lost * proportion::VALUE_OF_A_SCHOOL_DAY_YUAN
            + self.care_forgone_deaths * proportion::VALUE_OF_A_STATISTICAL_LIFE_YUAN
    }
}

/// The replays that judge every measure, kept in step with a live exercise.
pub struct Ledger {
    no_action: Baseline,
    as_played: Baseline,
    /// One replay per measure: the live log's index of its command, and the replay without it.
    without: Vec<(usize, Baseline)>,
    /// Entries of the live log already looked at for measures.
    seen: usize,
    scenario: Arc<Scenario>,
}

impl Ledger {
    pub fn new(scenario: Arc<Scenario>) -> Ledger {
        Ledger {
            no_action: Ledger::replay(&scenario, Keep::ShapingOnly),
            as_played: Ledger::replay(&scenario, Keep::All),
            without: Vec::new(),
            seen: 0,
            scenario,
        }
    }

    fn replay(scenario: &Arc<Scenario>, keep: Keep) -> Baseline {
        Baseline::keeping(scenario.clone(), scenario.meta.seed, Mode::Expected, keep)
    }

    /// The ledger of an exercise, replayed up to its minute.
    pub fn of(live: &Exercise) -> Ledger {
        let mut ledger = Ledger::new(live.scenario_arc());
        ledger.keep_up(live);
        ledger
    }

    /// Advances every replay to the live exercise's minute, starting one for each new measure.
    /// The replay without a measure is the replay as played until that measure: it starts as a
    /// copy of it, taken just before the measure's command, instead of replaying the common
    /// part again (the same calls in the same order, so the same result).
    pub fn keep_up(&mut self, live: &Exercise) {
        let log = live.log();
        for (index, (at, command)) in log.iter().enumerate().skip(self.seen.min(log.len())) {
            if is_measure(command) {
                let replay = self.as_played.fork(Keep::AllBut(index));
                self.without.push((index, replay));
            }
            self.as_played.take(index, *at, command);
        }
        self.seen = log.len();
        self.no_action.keep_up(live);
        self.as_played.keep_up(live);
        for (_, replay) in &mut self.without {
            replay.keep_up(live);
        }
    }

    /// Every measure's account, in the order they were ordered.
    pub fn accounts(&self, live: &Exercise, lang: Language) -> Vec<MeasureAccount> {
        let harm = proportion::harm_of_an_infection(&self.scenario);
        let danger = proportion::projected(self.no_action.exercise()) * harm;
        let as_played = self.as_played.exercise();
        let with = as_played.totals_now();
        let projected_with = proportion::projected(as_played);
        self.without
            .iter()
            .filter_map(|(index, replay)| {
                let (at, command) = live.log().get(*index)?;
                let without = replay.exercise();
                let without_it = without.totals_now();
                let (hardship, hardship_without) = (&with.hardship, &without_it.hardship);
                let mut account = MeasureAccount {
                    at: *at,
                    team: command.team().map(|t| t.name.clone()).unwrap_or_default(),
                    what: words(&self.scenario, command, lang),
                    cost: with.economic_cost - without_it.economic_cost,
                    school_days_lost: hardship.school_days_lost - hardship_without.school_days_lost,
                    care_forgone_deaths: hardship.care_forgone_deaths
                        - hardship_without.care_forgone_deaths,
                    averted: proportion::projected(without) - projected_with,
                    waste: 0.0,
                    danger,
                    attainment: 1.0,
                };
                account.waste = proportion::waste(account.harm(), account.averted, harm);
                account.attainment = proportion::attainment(account.waste, danger);
                Some(account)
            })
            .collect()
    }
}

/// The measures' accounts of exercises played with the same commands to the same minute, kept
/// once: a sweep plays the same commands on many seeds, and the ledger does not depend on the
/// seed.
#[derive(Default)]
pub struct LedgerCache {
    kept: Mutex<HashMap<String, Vec<MeasureAccount>>>,
}

impl LedgerCache {
    pub fn accounts(&self, live: &Exercise, lang: Language) -> Vec<MeasureAccount> {
        let mut key = format!("{lang:?} {}\n", live.now());
        for (at, command) in live.log() {
            key.push_str(&format!("{at} {}\n", command.to_ron()));
        }
        let kept = |cache: &Self| {
            cache
                .kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(&key)
                .cloned()
        };
        if let Some(accounts) = kept(self) {
            return accounts;
        }
        let accounts = Ledger::of(live).accounts(live, lang);
        self.kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key, accounts.clone());
        accounts
    }
}

/// A measure in words, with its place's name.
fn words(scenario: &Scenario, command: &Command, lang: Language) -> String {
    let district_name = |id: &str| {
        scenario
            .district(id)
            .map_or_else(|| id.to_string(), |d| d.name.clone())
    };
    let facility_name = |id: &str| {
        scenario
            .facility(id)
            .map_or_else(|| id.to_string(), |f| f.name.clone())
    };
    match command {
        Command::OrderMeasure(c) => tr!(
            lang,
            "measure-level",
            level = c.level.words(lang),
            place = district_name(c.district.as_str())
        ),
        Command::DeclareZone(c) => {
            let zone = scenario.zones.iter().find(|z| z.id == c.zone);
            tr!(
                lang,
                "measure-level",
                level = c.level.words(lang),
                place = zone.map_or_else(|| c.zone.name.clone(), |z| z.name.clone())
            )
        }
        Command::TestingRound(c) => {
            let places: Vec<String> = c
                .districts
                .iter()
                .map(|d| district_name(d.as_str()))
                .collect();
            if places.is_empty() {
                tr!(lang, "measure-round-city")
            } else {
                tr!(
                    lang,
                    "measure-round",
                    places = places.join(&tr!(lang, "list-comma"))
                )
            }
        }
        Command::CloseFacility(c) => tr!(
            lang,
            "measure-facility-closed",
            place = facility_name(c.facility.as_str())
        ),
        Command::CohortFacility(c) => tr!(
            lang,
            "measure-facility-cohort",
            place = facility_name(c.facility.as_str())
        ),
        _ => String::new(),
    }
}
