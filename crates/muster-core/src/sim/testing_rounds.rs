//! Mass-testing rounds (全员核酸检测): one order tests every resident of a district, several
//! districts or the whole city once.
//!
//! - A PCR round sends the team's idle sampling teams (units of role `Testing`) across the
//!   round's districts (those based in one sample it, the others go where more people wait per
//!   team), for at most
//!   `ROUND_SAMPLING_LIMIT_MINUTES`. While a round runs in a district its teams sample people not
//!   yet sampled in it (`ROUND_TURNOUT` of the residents), as fast as their capacity allows;
//!   when everyone has come they go home and the control cell and the teams are told.
//! - Samples may be pooled, `pool` people to a tube (China's technical guide for mixed-sample
//!   testing, 2020: 5-in-1 and 10-in-1; 20-in-1 was used in low-risk areas in 2022): a
//!   laboratory runs one test a tube, and the people of every positive tube are tested again one
//!   by one before anyone is confirmed. Pooling multiplies what laboratories can do while few
//!   are positive, and adds a second laboratory pass for those who are.
//! - An antigen round hands out self-tests: the residents of its districts test themselves at
//!   home over `ANTIGEN_ROUND_DAYS`, read the result at once and need no sampling teams or
//!   laboratory; an antigen test finds only the infectious (high viral load), with
//!   `surveillance.antigen_sensitivity`.

use super::command::{TestMethod, TestingRound};
use super::epidemic::Sampler;
use super::pcr::PcrWindow;
use super::{Audience, CommandError, EventKind, Exercise, UnitStatus};
use crate::i18n::Arg;
use crate::msg;
use crate::scenario::{Minutes, UnitRole};

/// Share of the residents a round samples: Tianjin's first city-wide round, 9–10 January 2022,
/// sampled 11,924,000 of 13,866,009 residents (86%; `scenarios/observed/tianjin-2022.md`).
pub(crate) const ROUND_TURNOUT: f64 = 0.86;
/// Longest a round keeps its sampling teams out, in minutes; Tianjin sampled the whole city in
/// about 24 hours, Jinnan's later rounds in one day each.
pub(crate) const ROUND_SAMPLING_LIMIT_MINUTES: u32 = 48 * 60;
/// Most samples pooled in one tube (20-in-1, the largest used in 2022).
pub(crate) const MAX_POOL: u32 = 20;
/// Days over which residents do the self-test of an antigen round.
pub(crate) const ANTIGEN_ROUND_DAYS: f64 = 1.0;

/// A testing round under way in one district.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Round {
    pub team: String,
    pub method: TestMethod,
    pub pool: u32,
    pub started_at: u32,
    /// Residents still to test in this round.
    pub to_test: f64,
    /// Residents tested so far.
    pub tested: f64,
}

/// An antigen test sees only the infectious: no latent people, nobody still shedding.
const ANTIGEN_WINDOW: PcrWindow = PcrWindow {
    latent_share: 0.0,
    shedding_days: 0.0,
};

/// A round under way, as a desk shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundProgress {
    pub district: usize,
    pub method: TestMethod,
    pub pool: u32,
    pub tested: f64,
    /// Residents the round tests in all.
    pub of: f64,
}

impl Exercise {
    /// Whether a team may order testing rounds: one that commands sampling teams, or one that
    /// may order measures.
    pub fn may_start_rounds(&self, team: &str) -> bool {
        self.may_order_measures(team)
            || (0..self.units.len()).any(|n| {
                self.commands_unit(team, n)
                    && self.scenario.resource_types[self.units[n].resource].role
                        == UnitRole::Testing
            })
    }

    /// Rounds under way, district by district.
    pub fn rounds_under_way(&self) -> Vec<RoundProgress> {
        (0..self.derived.district_count)
            .filter_map(|d| {
                self.districts[d].round.as_ref().map(|r| RoundProgress {
                    district: d,
                    method: r.method.clone(),
                    pool: r.pool,
                    tested: r.tested,
                    of: r.tested + r.to_test,
                })
            })
            .collect()
    }

    /// Starts a testing round; refuses one that cannot run (no sampling team free, a district
    /// already in a round, a pool out of range).
    pub(crate) fn start_testing_round(&mut self, c: &TestingRound) -> Result<(), CommandError> {
        if !self.may_start_rounds(c.team.as_str()) {
            let team = self.team_name(c.team.as_str());
            return Err(CommandError(msg!("refused-round-not-allowed", team = team)));
        }
        let districts = self.round_districts(c)?;
        if c.pool == 0 || c.pool > MAX_POOL {
            return Err(CommandError(msg!(
                "refused-round-pool",
                pool = c.pool,
                max = MAX_POOL
            )));
        }
        if c.method == TestMethod::Antigen && c.pool > 1 {
            return Err(CommandError(msg!("refused-round-antigen-pool")));
        }
        if let Some(&d) = districts
            .iter()
            .find(|&&d| self.districts[d].round.is_some())
        {
            let district = self.derived.nodes[d].name.clone();
            return Err(CommandError(msg!(
                "refused-round-running",
                district = district
            )));
        }
        let samplers = match c.method {
            TestMethod::Pcr => {
                let samplers = self.idle_samplers(c.team.as_str());
                if samplers.is_empty() {
                    return Err(CommandError(msg!(
                        "refused-round-no-samplers",
                        team = &c.team
                    )));
                }
                samplers
            }
            TestMethod::Antigen => Vec::new(),
        };
        let mut people = 0.0;
        for &d in &districts {
            let to_test = (self.districts[d].epi.mobile() * ROUND_TURNOUT).floor();
            people += to_test;
            self.districts[d].round = Some(Round {
                team: c.team.name.clone(),
                method: c.method.clone(),
                pool: c.pool,
                started_at: self.now,
                to_test,
                tested: 0.0,
            });
        }
        self.send_samplers(c, &districts, &samplers)?;
        let team = self.team_name(c.team.as_str());
        let names: Vec<String> = districts
            .iter()
            .map(|&d| self.derived.nodes[d].name.clone())
            .collect();
        self.emit(
            Audience::Everyone,
            EventKind::Notice {
                text: msg!(
                    "event-round-started",
                    team = team,
                    method = c.method.name(),
                    districts = names,
                    people = Arg::worded(|l| crate::i18n::count(l, people.round())),
                    teams = samplers.len() as u64,
                    pool = c.pool
                ),
            },
        );
        Ok(())
    }

    /// The round's districts: those named, or every district of the city.
    fn round_districts(&self, c: &TestingRound) -> Result<Vec<usize>, CommandError> {
        if c.districts.is_empty() {
            return Ok((0..self.derived.district_count).collect());
        }
        let mut districts = Vec::with_capacity(c.districts.len());
        for id in &c.districts {
            match self.node_index(id.as_str()) {
                Some(d) if d < self.derived.district_count => {
                    if !districts.contains(&d) {
                        districts.push(d);
                    }
                }
                _ => {
                    return Err(CommandError(msg!(
                        "refused-round-not-district",
                        district = id
                    )));
                }
            }
        }
        Ok(districts)
    }

    /// The team's sampling teams at their base and in service, largest first.
    fn idle_samplers(&self, team: &str) -> Vec<(usize, f64)> {
        let mut samplers: Vec<(usize, f64)> = (0..self.units.len())
            .filter(|&n| self.commands_unit(team, n))
            .filter(|&n| matches!(self.units[n].status, UnitStatus::AtBase))
            .filter(|&n| self.units[n].out_of_service.is_none())
            .filter_map(|n| {
                let resource = &self.scenario.resource_types[self.units[n].resource];
                (resource.role == UnitRole::Testing).then(|| {
                    let shift = f64::from(resource.shift.get().max(1));
                    (n, self.unit_capacity(n) / shift)
                })
            })
            .collect();
        samplers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        samplers
    }

    /// Sampling teams based in a round's district sample it; the others go where the most
    /// people wait per sampling rate already sent.
    fn send_samplers(
        &mut self,
        c: &TestingRound,
        districts: &[usize],
        samplers: &[(usize, f64)],
    ) -> Result<(), CommandError> {
        let mut rate_sent = vec![0.0; districts.len()];
        let home_of = |n: usize| {
            let home = self.place_district(self.units[n].base);
            districts.iter().position(|&d| d == home)
        };
        let (local, reinforcements): (Vec<_>, Vec<_>) =
            samplers.iter().partition(|(n, _)| home_of(*n).is_some());
        let local: Vec<(usize, usize)> = local
            .iter()
            .filter_map(|&&(n, rate)| {
                let k = home_of(n)?;
                rate_sent[k] += rate;
                Some((n, k))
            })
            .collect();
        for (n, k) in local {
            self.send_sampler(c, n, districts[k])?;
        }
        for &(n, rate) in reinforcements {
            let Some(k) = (0..districts.len()).max_by(|&a, &b| {
                let waiting = |k: usize| {
                    self.districts[districts[k]]
                        .round
                        .as_ref()
                        .map_or(0.0, |r| r.to_test)
                        / (rate_sent[k] + rate)
                };
                waiting(a).total_cmp(&waiting(b)).then(b.cmp(&a))
            }) else {
                break;
            };
            rate_sent[k] += rate;
            self.send_sampler(c, n, districts[k])?;
        }
        Ok(())
    }

    fn send_sampler(&mut self, c: &TestingRound, n: usize, d: usize) -> Result<(), CommandError> {
        let unit = crate::scenario::Id::new(self.units[n].id.clone());
        let to = crate::scenario::Id::new(self.derived.nodes[d].id.clone());
        let work = Some(Minutes(ROUND_SAMPLING_LIMIT_MINUTES));
        self.dispatch(&c.team, &unit, &to, work, false)
    }

    /// How many of a district's residents its sampling teams may still test in a PCR round:
    /// everyone moving about when no round runs there.
    pub(crate) fn round_sample_limit(&self, d: usize, mobile: f64) -> f64 {
        match &self.districts[d].round {
            Some(round) if round.method == TestMethod::Pcr => round.to_test.min(mobile),
            _ => mobile,
        }
    }

    /// Counts samples taken in a district's PCR round; a round everyone has come to ends, and
    /// its sampling teams go home. Returns the pool size of the samples.
    pub(crate) fn count_round_samples(&mut self, d: usize, samples: f64) -> u32 {
        let Some(round) = self.districts[d].round.as_mut() else {
            return 1;
        };
        if round.method != TestMethod::Pcr {
            return 1;
        }
        round.to_test = (round.to_test - samples).max(0.0);
        round.tested += samples;
        let pool = round.pool;
        let done = round.to_test < 1.0;
        let price = super::economy::test_price_per_person(&round.method, pool);
        let team = round.team.clone();
        self.spend(&team, samples * price);
        if done {
            self.finish_round(d);
        }
        pool
    }

    /// Rounds go on: residents in an antigen round test themselves (those positive are
    /// isolated and confirmed at once); a PCR round whose sampling teams' time is up ends with
    /// whoever came.
    pub(crate) fn testing_rounds(&mut self, dt: f64) {
        let sensitivity = self.scenario.surveillance.antigen_sensitivity.get();
        for d in 0..self.derived.district_count {
            let Some(round) = &self.districts[d].round else {
                continue;
            };
            if round.method == TestMethod::Pcr {
                if self.now
                    >= round
                        .started_at
                        .saturating_add(ROUND_SAMPLING_LIMIT_MINUTES)
                {
                    self.finish_round(d);
                }
                continue;
            }
            let per_step = round.to_test + round.tested;
            let tests = (per_step * dt / ANTIGEN_ROUND_DAYS).min(round.to_test);
            let mut sampler = Sampler {
                mode: self.mode,
                rng: &mut self.streams.detection,
            };
            let tests = if self.mode == super::Mode::Stochastic {
                tests.ceil().min(round.to_test)
            } else {
                tests
            };
            let epi = &self.districts[d].epi;
            let infectious: f64 = epi.detectable(ANTIGEN_WINDOW).iter().sum();
            let prevalence = (infectious / epi.mobile().max(1.0)).min(1.0);
            let positive = sampler.binomial(tests, prevalence * sensitivity);
            if let Some(round) = self.districts[d].round.as_mut() {
                round.to_test -= tests;
                round.tested += tests;
                let team = round.team.clone();
                self.spend(&team, tests * super::economy::ANTIGEN_TEST_PRICE_YUAN);
            }
            self.totals.tests_done += tests;
            self.positive_swabs(d, positive, ANTIGEN_WINDOW);
            if self.districts[d]
                .round
                .as_ref()
                .is_some_and(|r| r.to_test < 1.0)
            {
                self.finish_round(d);
            }
        }
    }

    /// A district's round is over: the control cell and the teams are told, and sampling
    /// teams still there go home.
    fn finish_round(&mut self, d: usize) {
        let Some(round) = self.districts[d].round.take() else {
            return;
        };
        let place = super::Place::District(d);
        for n in 0..self.units.len() {
            let here = match self.units[n].status {
                UnitStatus::Working { place: p, .. } => p == place,
                UnitStatus::Travelling { to, .. } => to == place,
                _ => false,
            };
            let role = &self.scenario.resource_types[self.units[n].resource].role;
            if here && *role == UnitRole::Testing && self.commands_unit(&round.team, n) {
                self.accrue(n);
                self.start_return(n);
            }
        }
        let district = self.derived.nodes[d].name.clone();
        let took = self.now.saturating_sub(round.started_at);
        self.emit(
            Audience::Everyone,
            EventKind::Notice {
                text: msg!(
                    "event-round-done",
                    district = district,
                    people = Arg::worded(|l| crate::i18n::count(l, round.tested.round())),
                    of = Arg::worded(|l| crate::i18n::count(
                        l,
                        (round.tested + round.to_test).round()
                    )),
                    took = Arg::Duration(took)
                ),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// South's 50,000 residents with a hundred-strong sampling team (10,000 swabs a shift) and
    /// kits enough.
    fn south_with_samplers() -> Exercise {
        small(
            Mode::Expected,
            "lab.stock: {\"kits\": 100000}\nlab.daily_capacity: 1000000\nextra.units: (id: \"swabbers\", resource: \"tester\", agency: \"health\", base: \"south\", people: 100)",
        )
    }

    fn refusal(ex: &mut Exercise, text: &str) -> String {
        let error = ex.apply(command(text)).expect_err(text);
        error.0.to_string()
    }

    /// A round tests 86% of the residents once, no more: its teams go home when all have come.
    #[test]
    fn a_round_tests_each_resident_once_then_sends_its_teams_home() {
        let mut ex = south_with_samplers();
        ex.apply(command(
            r#"TestingRound(team: "health-team", districts: ["south"])"#,
        ))
        .unwrap();
        let to_test = (ex.districts[1].epi.mobile() * ROUND_TURNOUT).floor();
        assert!(ex.districts[1].round.is_some());
        let count = crate::i18n::count(crate::i18n::Language::En, to_test);
        let announced = ex.events().iter().any(|e| match &e.kind {
            EventKind::Notice { text } => text
                .to_string()
                .contains(&format!("{count} residents to test, 2 sampling teams sent")),
            _ => false,
        });
        assert!(announced, "the round's start is announced with its numbers");
        // 10,100 swabs a shift: done well before the teams' 48 hours are up.
        while ex.districts[1].round.is_some() && ex.now() < 3 * 1440 {
            ex.advance(60);
        }
        assert!(ex.now() < 40 * 60, "over at {}", ex.now());
        let swabbers = ex.derived.unit_index["swabbers"];
        assert!(
            matches!(
                ex.units[swabbers].status,
                UnitStatus::Returning { .. } | UnitStatus::AtBase
            ),
            "sent home at the end: {:?}",
            ex.units[swabbers].status
        );
        ex.advance(3 * 1440);
        assert!(ex.districts[1].round.is_none(), "over");
        assert!(
            (ex.totals.samples_taken - to_test).abs() < 1.0,
            "{} sampled, {to_test} to test",
            ex.totals.samples_taken
        );
        let done = ex.events().iter().any(|e| match &e.kind {
            EventKind::Notice { text } => {
                let count = crate::i18n::count(crate::i18n::Language::En, to_test);
                text.to_string()
                    .contains(&format!("{count} of {count} residents tested"))
            }
            _ => false,
        });
        assert!(done, "the round's end is announced");
    }

    /// The whole city by default: both districts, and every idle sampling team sent, more to
    /// where more people wait.
    #[test]
    fn a_round_of_the_whole_city_sends_every_idle_sampling_team() {
        let mut ex = south_with_samplers();
        ex.apply(command(r#"TestingRound(team: "health-team", pool: 10)"#))
            .unwrap();
        assert!(ex.districts.iter().take(2).all(|d| d.round.is_some()));
        let sent: Vec<_> = ["testers", "swabbers"]
            .iter()
            .map(|u| ex.units[ex.derived.unit_index[*u]].status.clone())
            .collect();
        assert!(
            sent.iter()
                .all(|s| matches!(s, UnitStatus::Travelling { .. })),
            "{sent:?}"
        );
    }

    /// A round's tests cost the team that ordered it their price per person: 10 yuan pooled,
    /// 40 alone.
    #[test]
    fn a_rounds_tests_cost_the_team_that_ordered_it() {
        for (pool, price) in [(10, 10.0), (1, 40.0)] {
            let mut ex = south_with_samplers();
            ex.apply(command(&format!(
                r#"TestingRound(team: "health-team", districts: ["south"], pool: {pool})"#
            )))
            .unwrap();
            let before = ex.costs.get("health-team").copied().unwrap_or(0.0);
            ex.count_round_samples(1, 1000.0);
            let spent = ex.costs["health-team"] - before;
            assert!(
                (spent - 1000.0 * price).abs() < 1e-9,
                "pool {pool}: {spent}"
            );
        }
    }

    /// The flagship's sixteen swab teams, none based in Hexi or Nankai, split between them by
    /// the people waiting per team: 860,000 and 946,000 residents to test, eight teams each.
    #[test]
    fn reinforcements_go_where_most_people_wait_per_team() {
        let mut ex = Exercise::new(
            crate::sim::test_support::bundled("port-city-outbreak.en.ron"),
            1,
            Mode::Expected,
        );
        ex.apply(command(
            r#"TestingRound(team: "health-cdc", districts: ["hexi", "nankai"])"#,
        ))
        .unwrap();
        let sent_to = |district: &str| {
            let d = ex.node_index(district).unwrap();
            ex.units
                .iter()
                .filter(|u| {
                    matches!(u.status, UnitStatus::Travelling { to, .. } if to == crate::sim::Place::District(d))
                })
                .count()
        };
        let (hexi, nankai) = (sent_to("hexi"), sent_to("nankai"));
        assert_eq!(hexi + nankai, 16);
        assert!(
            (7..=9).contains(&hexi),
            "{hexi} to Hexi, {nankai} to Nankai"
        );
    }

    /// Local teams count: North's own team samples 5,000 a shift, South's 100. Ten teams of
    /// 1,000 from East then go where most people wait per team already there: five to South,
    /// five to North (86,000 and 43,000 to test, 10,000 and 5,100 a shift).
    #[test]
    fn reinforcements_count_the_local_teams_already_there() {
        let text = crate::sim::test_support::small_text(
            "extra.units: (id: \"north-team\", resource: \"tester\", agency: \"health\", base: \"depot\", people: 50)\nextra.units: (id: \"east-team\", resource: \"tester\", agency: \"health\", base: \"east\", people: 10, count: 10)\nlab.stock: {\"kits\": 100000}",
        )
        .replacen(
            "districts: [(",
            "districts: [(id: \"east\", name: \"East\", population: 50000, position: (30.0, 0.0)), (",
            1,
        );
        let (scenario, _) = crate::scenario::load_str("three.ron", &text).expect("valid");
        let mut ex = Exercise::new(std::sync::Arc::new(scenario), 1, Mode::Expected);
        ex.apply(command(
            r#"TestingRound(team: "health-team", districts: ["north", "south"])"#,
        ))
        .unwrap();
        let to_south = (1..=10)
            .filter(|k| {
                let unit = ex.derived.unit_index[format!("east-team-{k}").as_str()];
                let south = ex.node_index("south").unwrap();
                matches!(ex.units[unit].status, UnitStatus::Travelling { to, .. } if to == crate::sim::Place::District(south))
            })
            .count();
        assert_eq!(to_south, 5);
    }

    #[test]
    fn rounds_that_cannot_run_are_refused_with_the_reason() {
        let mut ex = south_with_samplers();
        let cases = [
            (r#"TestingRound(team: "health-team", pool: 0)"#, "not 0"),
            (r#"TestingRound(team: "health-team", pool: 25)"#, "1 to 20"),
            (
                r#"TestingRound(team: "health-team", method: Antigen, pool: 5)"#,
                "one by one",
            ),
            (
                r#"TestingRound(team: "health-team", districts: ["lab"])"#,
                "not a district",
            ),
            (
                r#"TestingRound(team: "police-team", districts: ["north"])"#,
                "neither commands sampling teams nor orders measures",
            ),
        ];
        for (text, reason) in cases {
            let refused = refusal(&mut ex, text);
            assert!(refused.contains(reason), "{text}: {refused}");
        }
        ex.apply(command(
            r#"TestingRound(team: "health-team", districts: ["south"])"#,
        ))
        .unwrap();
        let refused = refusal(
            &mut ex,
            r#"TestingRound(team: "health-team", method: Antigen)"#,
        );
        assert!(refused.contains("already under way in South"), "{refused}");
        let refused = refusal(
            &mut ex,
            r#"TestingRound(team: "health-team", districts: ["north"])"#,
        );
        assert!(refused.contains("no sampling team free"), "{refused}");
        let under_way = ex.rounds_under_way();
        assert_eq!(under_way.len(), 1);
        assert_eq!((under_way[0].district, under_way[0].tested), (1, 0.0));
        let to_test = (ex.districts[1].epi.mobile() * ROUND_TURNOUT).floor();
        assert_eq!(under_way[0].of, to_test);
    }

    /// Ten samples a tube: a laboratory runs a tenth of the tests, and the people of the
    /// positive tubes are tested again, one by one, before anyone is confirmed. 1,000 samples
    /// with 5 positives fill 100 tubes; 100 × (1 − 0.99⁵) = 4.9 of them are positive, 49
    /// people retested.
    #[test]
    fn pooled_samples_take_a_test_a_tube_and_positive_tubes_are_tested_again() {
        let mut ex = small(Mode::Expected, "surveillance.lab_turnaround: \"0m\"");
        ex.districts[1].epi.i = crate::sim::Infected::new_at(100.0, 0.0);
        ex.lab_queue.push_back(crate::sim::detection::Samples {
            taken_at: 0,
            district: 1,
            count: 1000.0,
            positive: 5.0,
            pool: 10,
        });
        // 2,000 tests a day: a twentieth of a day runs exactly the 100 tubes.
        ex.laboratories(0.05);
        assert!((ex.totals.tests_done - 100.0).abs() < 1e-9);
        assert_eq!(ex.districts[1].confirmed, 0.0, "not before the retest");
        let retest = ex.lab_queue.front().unwrap();
        let tubes = 100.0 * (1.0 - 0.99_f64.powi(5));
        assert!(
            (retest.count - tubes * 10.0).abs() < 1e-9,
            "{}",
            retest.count
        );
        assert_eq!((retest.positive, retest.pool), (5.0, 1));
        ex.laboratories(0.05);
        assert!((ex.districts[1].confirmed - 5.0).abs() < 1e-9);
    }

    /// In a random run, too: samples are whole people, and the retests of positive tubes
    /// leave nothing in the queue that could stop it.
    #[test]
    fn a_pooled_round_in_a_random_run_confirms_its_positives_and_empties_the_laboratory() {
        for seed in 1..=5 {
            let mut ex = small(
                Mode::Stochastic,
                &format!(
                    "meta.seed: {seed}\nlab.stock: {{\"kits\": 100000}}\nlab.daily_capacity: 1000000\nextra.units: (id: \"swabbers\", resource: \"tester\", agency: \"health\", base: \"south\", people: 100)"
                ),
            );
            let epi = &mut ex.districts[1].epi;
            epi.a = crate::sim::Infected::new_at(300.0, 0.0);
            epi.s -= 300.0;
            ex.apply(command(
                r#"TestingRound(team: "health-team", districts: ["south"], pool: 10)"#,
            ))
            .unwrap();
            ex.advance(2 * 1440);
            assert!(
                ex.districts[1].confirmed >= 100.0,
                "seed {seed}: {}",
                ex.districts[1].confirmed
            );
            let left: f64 = ex.lab_queue.iter().map(|s| s.count).sum();
            assert_eq!(left, 0.0, "seed {seed}: {:?}", ex.lab_queue);
        }
    }

    /// An antigen round: everyone tests within a day, and finds only the infectious, with the
    /// antigen test's sensitivity; latent people are missed.
    #[test]
    fn an_antigen_round_finds_only_the_infectious() {
        let mut ex = small(Mode::Expected, "surveillance.antigen_sensitivity: 0.5");
        let epi = &mut ex.districts[0].epi;
        epi.i = crate::sim::Infected::new_at(1000.0, 0.0);
        epi.e = crate::sim::Infected::new_at(1000.0, 0.0);
        epi.s -= 2000.0;
        ex.apply(command(
            r#"TestingRound(team: "health-team", districts: ["north"], method: Antigen)"#,
        ))
        .unwrap();
        let mobile = ex.districts[0].epi.mobile();
        let to_test = (mobile * ROUND_TURNOUT).floor();
        let tests_before = ex.totals.tests_done;
        ex.testing_rounds(ANTIGEN_ROUND_DAYS);
        assert!(ex.districts[0].round.is_none(), "all tested in a day");
        assert!((ex.totals.tests_done - tests_before - to_test).abs() < 1e-6);
        let found = to_test * 1000.0 / mobile * 0.5;
        assert!((ex.districts[0].confirmed - found).abs() < 1e-6);
        assert_eq!(ex.districts[0].epi.e.n, 1000.0, "the latent are not found");
    }

    /// Self-tests are spread over the day: half the residents by noon, all by evening.
    #[test]
    fn antigen_self_tests_are_spread_over_a_day() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"TestingRound(team: "health-team", districts: ["south"], method: Antigen)"#,
        ))
        .unwrap();
        let of = ex.rounds_under_way()[0].of;
        ex.testing_rounds(ANTIGEN_ROUND_DAYS / 2.0);
        let round = &ex.rounds_under_way()[0];
        assert!((round.tested - of / 2.0).abs() < 1e-6, "{round:?}");
        ex.testing_rounds(ANTIGEN_ROUND_DAYS / 2.0);
        assert!(ex.rounds_under_way().is_empty());
    }
}
