//! Households: the layer of transmission that measures do not reach. People infect the members
//! of their own household wherever else they go; a lockdown closes workplaces, schools and
//! streets, not homes; and people quarantined or isolated at home still share them.
//!
//! A case's transmission is split into two layers:
//! - the household layer, a share h of it: R_household = (size − 1) · SAR, the household
//!   secondary attack rate times the other members of a household of the district's mean
//!   size, so h = min(R_household / R0, `HOUSEHOLD_SHARE_MAX`);
//! - the community layer, the rest (1 − h), where people mix as they travel (`transmission.rs`)
//!   and measures cut contacts. A place with people of its own (a hospital, a school) is a
//!   setting beside both: its `contact_intensity` stays what the scenario says, so an outbreak
//!   in a place does not depend on the district's households.
//!
//! In the household layer every infectious resident of a district counts at home, whatever
//! the measures (those quarantined at home with weight `QUARANTINE_HOME_HOUSEHOLD`, isolated at
//! home `ISOLATION_HOME_HOUSEHOLD`; those in sites not at all), and the residents of the
//! district meet the hazard λₕ = β · h · H / N, with H those infectious at home and N the
//! residents (a place's people live in its district's households). It is a mean-field layer:
//! the members of a case's household are not kept apart from the rest of the district, so it
//! holds while the infected are few among the residents (a household's later members are not
//! drawn from the same few homes); the total stays the scenario's R0, measures aside.
//!
//! Household size: China's 7th census (2020) counted 2.62 people per family household; the
//! household secondary attack rate defaults to 16.6% (Madewell et al., JAMA Netw Open
//! 2020;3:e2031756, SARS-CoV-2 before Omicron; 95% CI 14.0–19.3%).

use crate::scenario::Scenario;

/// Household transmission from someone quarantined at home, relative to ordinary days (Covasim
/// `quar_factor['h']`, Kerr et al., PLoS Comput Biol 2021).
pub(crate) const QUARANTINE_HOME_HOUSEHOLD: f64 = 0.6;
/// Household transmission from a case isolated at home (Covasim `iso_factor['h']`).
pub(crate) const ISOLATION_HOME_HOUSEHOLD: f64 = 0.3;
/// Transmission outside the household from someone quarantined at home: visits, deliveries,
/// breaches (Covasim `quar_factor` of the other layers).
pub(crate) const QUARANTINE_HOME_COMMUNITY: f64 = 0.2;
/// Transmission outside the household from a case isolated at home (Covasim `iso_factor`).
pub(crate) const ISOLATION_HOME_COMMUNITY: f64 = 0.1;
/// At most this share of transmission is in households, however large they are: people meet
/// others outside their homes too (Liu et al., Lancet Public Health 2021 found 20–40% of
/// SARS-CoV-2 transmission in households before measures).
pub(crate) const HOUSEHOLD_SHARE_MAX: f64 = 0.8;

/// The households of each population, worked out once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Households {
    /// For each population (district, place or zone), the population whose homes its people
    /// live in: a district's own, a place's people's district, a zone's own.
    pub home: Vec<usize>,
    /// For each population: the mean household size of its district and the share of a
    /// case's transmission inside the household.
    pub size: Vec<f64>,
    pub share: Vec<f64>,
    /// For each population: the people living in its homes (a district's residents and its
    /// places' people; a zone's residents; none for a place).
    pub residents: Vec<f64>,
}

impl Households {
    /// `home[k]` for every population, `populations[k]` its people and `districts[k]` its
    /// district; `r0` the pathogen's basic reproduction number in this model.
    pub(crate) fn new(
        scenario: &Scenario,
        home: Vec<usize>,
        populations: &[f64],
        districts: &[usize],
        r0: f64,
    ) -> Households {
        let attack = scenario.pathogen.household_attack_rate.get();
        let size: Vec<f64> = districts
            .iter()
            .map(|&d| {
                scenario.city.districts[d]
                    .household_size
                    .unwrap_or(scenario.city.household_size)
                    .get()
                    .max(1.0)
            })
            .collect();
        let share = size
            .iter()
            .map(|&size| {
                if r0 <= 0.0 {
                    0.0
                } else {
                    ((size - 1.0) * attack / r0).min(HOUSEHOLD_SHARE_MAX)
                }
            })
            .collect();
        let mut residents = vec![0.0; size.len()];
        for (k, &district) in home.iter().enumerate() {
            if let Some(r) = residents.get_mut(district) {
                *r += populations.get(k).copied().unwrap_or(0.0);
            }
        }
        Households {
            home,
            size,
            share,
            residents,
        }
    }

    /// Other members of the household of someone of a population (district or place).
    pub(crate) fn others_of(&self, population: usize) -> f64 {
        self.home
            .get(population)
            .and_then(|&home| self.size.get(home))
            .map_or(0.0, |s| s - 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::test_support::small;
    use crate::sim::{Infected, Mode};

    #[test]
    fn the_household_share_is_the_household_reproduction_over_r0() {
        let ex = small(
            Mode::Expected,
            "pathogen.r0: 2.0\npathogen.household_attack_rate: 0.2\ncity.household_size: 3.0",
        );
        let households = &ex.derived.households;
        // (3 − 1) · 0.2 / 2.0
        assert!((households.share[0] - 0.2).abs() < 1e-9, "{households:?}");
        assert_eq!(households.others_of(0), 2.0);
        // A pathogen that spreads mostly at home is capped.
        let ex = small(
            Mode::Expected,
            "pathogen.r0: 1.1\npathogen.household_attack_rate: 0.9\ncity.household_size: 4.0",
        );
        assert_eq!(ex.derived.households.share[0], HOUSEHOLD_SHARE_MAX);
    }

    fn lambdas(ex: &mut crate::sim::Exercise) -> (f64, f64) {
        let mut b = crate::sim::step::StepBuffers::default();
        ex.force_of_infection(0.25, &mut b, &crate::sim::units::Offers::default());
        (b.lambda[0], b.lambda_household[0])
    }

    /// A lockdown cuts the community layer only: what residents meet at home stays, and is
    /// the household share of what they met before.
    #[test]
    fn a_lockdown_leaves_the_household_layer() {
        let hazard = |level: &str| {
            let mut ex = small(
                Mode::Expected,
                "pathogen.household_attack_rate: 0.3\ncity.household_size: 3.0\npublic.compliance_at_zero_trust: 1.0\npublic.compliance_at_full_trust: 1.0\nscenario.measures: (closed: (contact_factor: 0.1, mobility_factor: 0.1, daily_cost_per_resident: 0.0, trust_per_day: 0.0))",
            );
            ex.districts[0].epi.s -= 200.0;
            ex.districts[0].epi.i = Infected::new_at(200.0, 0.0);
            if level == "closed" {
                ex.districts[0].level = crate::scenario::ControlLevel::Closed;
                ex.districts[1].level = crate::scenario::ControlLevel::Closed;
            }
            (lambdas(&mut ex), ex.derived.households.share[0])
        };
        let ((open, open_home), share) = hazard("open");
        let ((closed, closed_home), _) = hazard("closed");
        assert!(share > 0.2 && share < 0.3, "{share}");
        assert!((open_home - closed_home).abs() < 1e-12);
        assert!(closed < open && closed > closed_home, "{open} {closed}");
        // Open, the household layer is its share of everything met in the district (the
        // residents who travel meet the rest elsewhere).
        assert!(open_home / open > share * 0.9, "{open_home} / {open}");
    }

    /// People quarantined or isolated at home infect their households; in a site's room they
    /// do not.
    #[test]
    fn home_quarantine_and_isolation_reach_the_household_and_sites_do_not() {
        let home_hazard = |at_home: bool| {
            let mut ex = small(Mode::Expected, "");
            let epi = &mut ex.districts[0].epi;
            epi.s -= 200.0;
            epi.qa = Infected::new_at(100.0, 0.0);
            epi.xi = Infected::new_at(100.0, 0.0);
            if at_home {
                epi.q_home = 100.0;
                epi.x_home = 100.0;
            }
            lambdas(&mut ex).1
        };
        assert_eq!(home_hazard(false), 0.0);
        let alpha = 0.75;
        let households = small(Mode::Expected, "").derived.households.clone();
        let expected = crate::sim::transmission::beta(&small(Mode::Expected, "").scenario, 0.25)
            * households.share[0]
            * (QUARANTINE_HOME_HOUSEHOLD * alpha * 100.0 + ISOLATION_HOME_HOUSEHOLD * 100.0)
            / households.residents[0];
        assert!((home_hazard(true) - expected).abs() < 1e-12 * expected.max(1.0));
    }

    /// Over an outbreak with nobody found, once every case has run its course, the infections
    /// at home per household member of the infected come to the pathogen's household attack
    /// rate (an outbreak below 1 dies out, so every case ends; in a growing one the latest
    /// cases would not have infected their households yet).
    #[test]
    fn the_share_of_a_household_infected_is_the_attack_rate() {
        let mut ex = small(
            Mode::Expected,
            "pathogen.r0: 0.8\npathogen.household_attack_rate: 0.3\ncity.household_size: 3.0\nsurveillance.care_seeking: 0.0\nmeta.duration: \"120d\"",
        );
        ex.districts[0].epi.s -= 50.0;
        ex.districts[0].epi.e = Infected::new_at(50.0, 0.0);
        ex.advance(120 * 24 * 60);
        let t = ex.totals();
        let rate = t.household_infections / t.household_members_exposed;
        assert!((rate - 0.3).abs() < 0.01, "{rate}");
    }
}
