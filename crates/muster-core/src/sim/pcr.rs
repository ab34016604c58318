//! What a PCR test can find, and when: the detection window by time since infection, and the
//! swabs of people in quarantine.
//!
//! A PCR test finds viral RNA, not infectiousness. It turns positive shortly before a person
//! becomes infectious and stays positive well after they stop (Kucirka et al., Ann Intern Med
//! 2020;173:262, false negatives 67% the day before symptom onset and lowest three days after
//! it; Cevik et al., Lancet Microbe 2021;2:e13, RNA shed 17.0 days on average in the upper
//! airway while live virus was not cultured after day 9). So a swab finds, among the people it
//! reaches (each found with the test's sensitivity):
//! - the infectious, with or without symptoms;
//! - latent people in the last `pcr_days_before_infectious` days of their latent period: with
//!   exponential stays that is a share min(1, window / latent_days) of the latent;
//! - recovered people still shedding: everyone who stops being infectious sheds for a further
//!   `pcr_days_after_infectious` days on average, counted in `Compartments::shedding` (a part
//!   of the recovered that decays at the rate 1 / that period, without random draws so that it
//!   takes nothing from the epidemic's stream).
//!
//! People in quarantine are swabbed every `quarantine_test_every_days` (China's 8th protocol,
//! 2021: days 1, 4, 7 and 14 of a 14-day quarantine, about every three days in its first
//! week), so a contact infected without symptoms is confirmed in quarantine, as 32 of the 44
//! positives of Tianjin's second city-wide round were (Xinhua, 14 January 2022).

use super::Exercise;
use super::care::Found;
use super::epidemic::{Chance, Compartments, Infected, Sampler};
use crate::scenario::Scenario;

/// Share of each group a PCR swab can find, worked out from the scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PcrWindow {
    /// Share of the latent within the test's window before infectiousness.
    pub latent_share: f64,
    /// Days a recovered person goes on shedding, on average.
    pub shedding_days: f64,
}

impl PcrWindow {
    pub(crate) fn of(scenario: &Scenario) -> PcrWindow {
        let surveillance = &scenario.surveillance;
        let latent_days = scenario.pathogen.latent_days.get();
        PcrWindow {
            latent_share: (surveillance.pcr_days_before_infectious.max(0.0) / latent_days).min(1.0),
            shedding_days: surveillance.pcr_days_after_infectious.max(0.0),
        }
    }
}

/// The groups of people moving about that a swab can find, in the order `detectable` lists
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detectable {
    Asymptomatic,
    Symptomatic,
    NamedAsymptomatic,
    NamedSymptomatic,
    Latent,
    NamedLatent,
    Shedding,
}

impl Detectable {
    pub(crate) const ALL: [Detectable; 7] = [
        Detectable::Asymptomatic,
        Detectable::Symptomatic,
        Detectable::NamedAsymptomatic,
        Detectable::NamedSymptomatic,
        Detectable::Latent,
        Detectable::NamedLatent,
        Detectable::Shedding,
    ];
}

impl Compartments {
    /// How many people moving about a swab could find, group by group (`Detectable::ALL`).
    pub(crate) fn detectable(&self, window: PcrWindow) -> [f64; 7] {
        [
            self.a.n,
            self.i.n,
            self.na.n,
            self.ni.n,
            self.e.n * window.latent_share,
            self.ne.n * window.latent_share,
            if window.shedding_days > 0.0 {
                self.shedding.min(self.r)
            } else {
                0.0
            },
        ]
    }

    /// Recovered people stop shedding over `dt` days.
    pub(crate) fn stop_shedding(&mut self, window: PcrWindow, dt: f64) {
        if window.shedding_days <= 0.0 {
            self.shedding = 0.0;
            return;
        }
        self.shedding *= (-dt / window.shedding_days).exp();
        if self.shedding < 1e-9 {
            self.shedding = 0.0;
        }
    }
}

impl Exercise {
    /// The people a district's positive tests found, `positive` in all, taken from the groups
    /// the test's `window` can find in proportion to their size, isolated and confirmed.
    pub(crate) fn positive_swabs(&mut self, d: usize, positive: f64, window: PcrWindow) {
        if positive <= 0.0 {
            return;
        }
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        let epi = &mut self.districts[d].epi;
        let mut groups = epi.detectable(window);
        if self.mode == super::Mode::Stochastic {
            // Whole people: a share of the latent or of those still shedding is rounded down.
            groups = groups.map(f64::floor);
        }
        let found = sampler.pick(positive, groups);
        let mut isolated = Vec::with_capacity(Detectable::ALL.len());
        let mut named_found = 0.0;
        let mut recovered_found = 0.0;
        let mut latent_found = 0.0;
        for (group, count) in Detectable::ALL.into_iter().zip(found) {
            let (cases, symptomatic) = match group {
                Detectable::Asymptomatic => (epi.a.take(count), false),
                Detectable::Symptomatic => (epi.i.take(count), true),
                Detectable::NamedAsymptomatic => (epi.na.take(count), false),
                Detectable::NamedSymptomatic => (epi.ni.take(count), true),
                // Found before they are infectious: isolated now, their symptoms (if any) come
                // in isolation.
                Detectable::Latent => {
                    let cases = epi.e.take(count);
                    latent_found += cases.n;
                    (cases, false)
                }
                Detectable::NamedLatent => {
                    let cases = epi.ne.take(count);
                    latent_found += cases.n;
                    (cases, false)
                }
                Detectable::Shedding => {
                    epi.shedding = (epi.shedding - count).max(0.0);
                    recovered_found += count;
                    continue;
                }
            };
            if matches!(
                group,
                Detectable::NamedAsymptomatic
                    | Detectable::NamedSymptomatic
                    | Detectable::NamedLatent
            ) {
                named_found += cases.n;
            }
            isolated.push((cases, symptomatic));
        }
        self.districts[d].named_gone += named_found;
        for (cases, symptomatic) in isolated {
            self.isolate_confirmed(d, cases, symptomatic, Found::Testing);
        }
        self.expect_symptoms(d, latent_found);
        self.confirm_recovered(d, recovered_found, Found::Testing);
    }

    /// Recovered people found by a swab are cases all the same: counted and reported, and
    /// their contacts named, but there is nobody infectious to isolate. They were infected a
    /// whole course of the disease ago, on average.
    pub(crate) fn confirm_recovered(&mut self, d: usize, count: f64, found: Found) {
        if count <= 0.0 {
            return;
        }
        let pathogen = &self.scenario.pathogen;
        let course_days = pathogen.latent_days.get()
            + pathogen.infectious_days.get()
            + self.derived.pcr.shedding_days / 2.0;
        let cases = Infected::new_at(count, f64::from(self.now) - course_days * 1440.0);
        self.confirm(d, cases, found, false);
    }

    /// People in quarantine are swabbed on their schedule: the infected without symptoms and
    /// the latent in the test's window are confirmed and isolated where they are.
    pub(crate) fn swab_quarantined(&mut self, dt: f64) {
        let Some(every) = self.scenario.surveillance.quarantine_test_every_days else {
            return;
        };
        let swabbed_and_found = Chance::new(
            Chance::of_rate(1.0 / every.get(), dt).get()
                * self.scenario.surveillance.test_sensitivity.get(),
        );
        for d in 0..self.districts.len() {
            let epi = &self.districts[d].epi;
            if epi.qa.n <= 0.0 && epi.qe.n <= 0.0 {
                continue;
            }
            let (infectious, latent) = (epi.qa.n, epi.qe.n);
            self.swab_in_quarantine(d, infectious, latent, swabbed_and_found);
        }
    }

    /// Contacts are swabbed as they enter quarantine (`quarantine_test_on_entry`; China's
    /// protocol in 2021–22, 新型冠状病毒肺炎防控方案 第八版: tests on days 1, 4, 7 and 14), so
    /// those already infectious or late in their latent period are found on arrival.
    pub(crate) fn swab_on_entry(&mut self, d: usize, infectious: f64, latent: f64) {
        if !self.scenario.surveillance.quarantine_test_on_entry {
            return;
        }
        let sensitivity = Chance::new(self.scenario.surveillance.test_sensitivity.get());
        self.swab_in_quarantine(d, infectious, latent, sensitivity);
    }

    /// Swabs `infectious` of a district's quarantined infectious and `latent` of its
    /// quarantined latent, each found with the chance given (the latent only in the test's
    /// window); those found are confirmed and isolated where they are.
    fn swab_in_quarantine(&mut self, d: usize, infectious: f64, latent: f64, found: Chance) {
        let now = self.now;
        let window = self.derived.pcr;
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        let district = &mut self.districts[d];
        let epi = &mut district.epi;
        let quarantined_before = epi.quarantined();
        let infectious = sampler.draw(infectious.min(epi.qa.n), found);
        let latent = sampler.binomial(latent.min(epi.qe.n), found.get() * window.latent_share);
        let mut cases = epi.qa.take(infectious);
        let latent = epi.qe.take(latent);
        let latent_found = latent.n;
        cases.add(latent);
        if cases.n <= 0.0 {
            return;
        }
        district.isolate_from_quarantine(now, cases, false, quarantined_before);
        self.confirm(d, cases, Found::Quarantine, false);
        self.expect_symptoms(d, latent_found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    /// A swab finds the latent only in its window before infectiousness, and recovered people
    /// while they shed; shedding ends at the rate of its period.
    #[test]
    fn the_window_covers_late_latency_and_shedding_after_recovery() {
        let mut ex = small(
            Mode::Expected,
            "pathogen.latent_days: 4.0\nsurveillance.pcr_days_before_infectious: 1.0\nsurveillance.pcr_days_after_infectious: 10.0",
        );
        let window = ex.derived.pcr;
        assert_eq!(window.latent_share, 0.25);
        let epi = &mut ex.districts[0].epi;
        epi.s -= 1100.0;
        epi.e = Infected::new_at(400.0, 0.0);
        epi.r += 700.0;
        epi.shedding = 700.0;
        let [.., latent, _, shedding] = epi.detectable(window);
        assert_eq!((latent, shedding), (100.0, 700.0));
        epi.stop_shedding(window, 10.0);
        assert!((epi.shedding - 700.0 / std::f64::consts::E).abs() < 1e-9);
        let no_window = PcrWindow {
            latent_share: 0.0,
            shedding_days: 0.0,
        };
        epi.stop_shedding(no_window, 0.25);
        assert_eq!(epi.shedding, 0.0);
    }

    /// Positive swabs find people in proportion to the groups a swab can find: a district of
    /// recovered people still shedding has cases confirmed and nobody isolated.
    #[test]
    fn positive_swabs_find_the_latent_and_the_shedding_too() {
        let mut ex = small(Mode::Expected, "");
        let epi = &mut ex.districts[0].epi;
        epi.s -= 1000.0;
        epi.r += 1000.0;
        epi.shedding = 1000.0;
        ex.positive_swabs(0, 10.0, ex.derived.pcr);
        assert!((ex.districts[0].confirmed - 10.0).abs() < 1e-9);
        assert_eq!(ex.districts[0].epi.isolated(), 0.0);
        assert!((ex.districts[0].epi.shedding - 990.0).abs() < 1e-9);
        // Latent people are isolated before they can infect anyone.
        let mut ex = small(Mode::Expected, "pathogen.latent_days: 1.0");
        let epi = &mut ex.districts[0].epi;
        epi.s -= 100.0;
        epi.e = Infected::new_at(100.0, 0.0);
        ex.positive_swabs(0, 10.0, ex.derived.pcr);
        assert!((ex.districts[0].epi.isolated() - 10.0).abs() < 1e-9);
        assert!((ex.districts[0].epi.e.n - 90.0).abs() < 1e-9);
    }

    /// Named contacts a swab finds leave the tracers' lists; recovered people it finds were
    /// infected a whole course of the disease ago: latent, infectious and half the shedding.
    #[test]
    fn swabs_take_named_contacts_off_the_lists_and_date_the_recovered() {
        let mut ex = small(
            Mode::Expected,
            "pathogen.latent_days: 4.0\npathogen.infectious_days: 7.0\nsurveillance.pcr_days_after_infectious: 6.0",
        );
        let epi = &mut ex.districts[0].epi;
        epi.s -= 100.0;
        epi.na = Infected::new_at(100.0, 0.0);
        ex.positive_swabs(0, 10.0, ex.derived.pcr);
        assert!((ex.districts[0].named_gone - 10.0).abs() < 1e-9);
        let mut ex = small(
            Mode::Expected,
            "pathogen.latent_days: 4.0\npathogen.infectious_days: 7.0\nsurveillance.pcr_days_after_infectious: 6.0",
        );
        ex.now = 20 * 1440;
        let epi = &mut ex.districts[0].epi;
        epi.s -= 100.0;
        epi.r += 100.0;
        epi.shedding = 100.0;
        ex.positive_swabs(0, 10.0, ex.derived.pcr);
        let days = ex.totals.infection_to_isolation.mean().unwrap();
        assert!((days - (4.0 + 7.0 + 3.0)).abs() < 1e-9, "{days}");
    }

    /// Quarantined people without symptoms are confirmed by their scheduled swabs: a third of
    /// them in a day when swabbed every three days (expected values, perfect test).
    #[test]
    fn quarantine_swabs_confirm_the_infected_without_symptoms() {
        let run = |schedule: &str| {
            let mut ex = small(
                Mode::Expected,
                &format!("surveillance.test_sensitivity: 1.0\n{schedule}"),
            );
            let epi = &mut ex.districts[0].epi;
            epi.s -= 300.0;
            epi.qa = Infected::new_at(300.0, 0.0);
            epi.q_home = 300.0;
            ex.swab_quarantined(1.0);
            ex
        };
        let ex = run("surveillance.quarantine_test_every_days: 3.0");
        let found = 300.0 * (1.0 - (-1.0f64 / 3.0).exp());
        assert!((ex.districts[0].confirmed - found).abs() < 1e-6);
        assert!((ex.districts[0].epi.xa.n - found).abs() < 1e-6);
        assert!((ex.districts[0].epi.qa.n - (300.0 - found)).abs() < 1e-6);
        // Quarantined at home, they are isolated at home until a transfer.
        assert!((ex.districts[0].epi.x_home - found).abs() < 1e-6);
        assert!((ex.districts[0].epi.q_home - (300.0 - found)).abs() < 1e-6);
        let unswabbed = run("surveillance.quarantine_test_every_days: None");
        assert_eq!(unswabbed.districts[0].confirmed, 0.0);
        assert_eq!(unswabbed.districts[0].epi.qa.n, 300.0);
    }

    /// Cases found among the quarantined are isolated where they were: a quarter of the
    /// quarantined at home, so a quarter of 40 cases leave home quarantine for home isolation
    /// and the rest leave the sites.
    #[test]
    fn cases_found_in_quarantine_are_isolated_where_they_were() {
        let mut ex = small(Mode::Expected, "surveillance.test_sensitivity: 1.0");
        let epi = &mut ex.districts[0].epi;
        epi.s -= 400.0;
        epi.qa = Infected::new_at(40.0, 0.0);
        epi.qs = 360.0;
        epi.q_home = 100.0;
        ex.swab_on_entry(0, 40.0, 0.0);
        let epi = &ex.districts[0].epi;
        assert!((epi.q_home - 90.0).abs() < 1e-9, "{}", epi.q_home);
        assert!((epi.x_home - 10.0).abs() < 1e-9, "{}", epi.x_home);
        assert!((epi.xa.n - 40.0).abs() < 1e-9);
    }

    /// Contacts arriving in quarantine are swabbed once: of 100 infectious newcomers among 300
    /// infectious quarantined, 90 are found (sensitivity 0.9), and none without the entry test.
    #[test]
    fn newcomers_to_quarantine_are_swabbed_on_arrival() {
        let run = |overrides: &str| {
            let mut ex = small(Mode::Expected, overrides);
            let epi = &mut ex.districts[0].epi;
            epi.s -= 300.0;
            epi.qa = Infected::new_at(300.0, 0.0);
            ex.swab_on_entry(0, 100.0, 0.0);
            ex
        };
        let ex = run("surveillance.test_sensitivity: 0.9");
        assert!((ex.districts[0].confirmed - 90.0).abs() < 1e-9);
        assert!((ex.districts[0].epi.qa.n - 210.0).abs() < 1e-9);
        let untested = run("surveillance.quarantine_test_on_entry: false");
        assert_eq!(untested.districts[0].confirmed, 0.0);
    }
}
