//! What measures cost the city: the output its residents do not produce while a measure holds
//! them, and the price of the tests a testing round takes.
//!
//! A resident's day under a level costs `daily_output_per_person × output_lost` (yuan): the
//! city's daily output per person (GDP per capita / 365; a scenario sets its city's, the
//! default is China's) times the share of it a measure of that level takes away. A scenario
//! may instead fix `daily_cost_per_resident` itself, as files written before this did. The
//! figures and their sources are in `shared/data/costs-of-measures.md` (E1, L1, L3, T1, T2).
//! Zones cost what their level keeps their residents from: sealed and controlled zones keep
//! people inside (a closure's share), precaution zones restrict them (enhanced measures').

use super::Exercise;
use super::command::TestMethod;
pub use crate::scenario::valuation::{
    NATIONAL_DAILY_OUTPUT_PER_PERSON_YUAN, daily_output_per_person,
};
use crate::scenario::{ControlLevel, MeasureEffect, Scenario, ZoneLevel};

/// Share of a resident's daily output lost under home confinement (a closed district, a sealed
/// or controlled zone): one month of full lockdown cut a Chinese city's real income by 54%
/// (Chen, Chen, Liu, Luo & Song, J Urban Econ 2025;145:103729); Wuhan, Changchun and
/// Shenzhen's official GDP give 53–58% a day under lockdown (range 30–70%).
pub const CLOSURE_OUTPUT_LOST: f64 = 0.55;
/// Share lost under restrictions without home confinement (enhanced measures, precaution
/// zones): 5–8%, derived from Beijing's Q2 2022 GDP (−2.9% against a 5% trend; low confidence).
pub const RESTRICTIONS_OUTPUT_LOST: f64 = 0.065;
/// Price of one PCR test of one person's sample, yuan: the national cap from December 2021
/// (National Healthcare Security Administration; 40, falling to 16 by June 2022).
pub const PCR_SINGLE_PRICE_YUAN: f64 = 40.0;
/// Price per person of a pooled PCR test (several samples to a tube), yuan: the cap from
/// December 2021 (10, falling to 5 by June 2022).
pub const PCR_POOLED_PRICE_PER_PERSON_YUAN: f64 = 10.0;
/// Price of an antigen self-test, yuan: an assumption (retail kits sold for about 10–20 yuan
/// in 2022; no official figure in the fact sheet).
pub const ANTIGEN_TEST_PRICE_YUAN: f64 = 10.0;

/// What one resident's day under a level costs, yuan.
pub fn daily_cost_per_resident(scenario: &Scenario, level: &ControlLevel) -> f64 {
    let measures = &scenario.measures;
    match level {
        ControlLevel::Normal => 0.0,
        ControlLevel::Enhanced => {
            effect_cost(scenario, &measures.enhanced, RESTRICTIONS_OUTPUT_LOST)
        }
        ControlLevel::Closed => effect_cost(scenario, &measures.closed, CLOSURE_OUTPUT_LOST),
    }
}

fn effect_cost(scenario: &Scenario, effect: &MeasureEffect, default_lost: f64) -> f64 {
    effect.daily_cost_per_resident.unwrap_or_else(|| {
        daily_output_per_person(scenario) * effect.output_lost.map_or(default_lost, |l| l.get())
    })
}

/// The district level whose cost a zone level has: what it keeps its residents from.
pub fn zone_cost_level(level: &ZoneLevel) -> ControlLevel {
    match level {
        ZoneLevel::Sealed | ZoneLevel::Controlled => ControlLevel::Closed,
        ZoneLevel::Precaution => ControlLevel::Enhanced,
        ZoneLevel::Lifted => ControlLevel::Normal,
    }
}

/// What testing one person in a round costs, yuan.
pub fn test_price_per_person(method: &TestMethod, pool: u32) -> f64 {
    match method {
        TestMethod::Antigen => ANTIGEN_TEST_PRICE_YUAN,
        TestMethod::Pcr if pool > 1 => PCR_POOLED_PRICE_PER_PERSON_YUAN,
        TestMethod::Pcr => PCR_SINGLE_PRICE_YUAN,
    }
}

impl Exercise {
    /// What a level costs a district a day (its residents × the cost of a resident's day), for
    /// desks that show it before a team orders it.
    pub fn measure_cost_per_day(&self, district: usize, level: ControlLevel) -> f64 {
        let residents = self.scenario.city.districts[district].population as f64;
        daily_cost_per_resident(&self.scenario, &level) * residents
    }

    /// Money spent by a team (cancelling an event, a measure it ordered). Money spent by the
    /// scenario itself counts for the city, not for any team.
    pub(crate) fn spend(&mut self, team: &str, amount: f64) {
        self.spend_by(Some(team), amount);
    }

    /// Money spent, counted in the city's total and against the team that spent it, if any.
    pub(crate) fn spend_by(&mut self, team: Option<&str>, amount: f64) {
        if amount <= 0.0 {
            return;
        }
        self.totals.economic_cost += amount;
        if let Some(team) = team.filter(|t| self.scenario.team(t).is_some()) {
            *self.costs.entry(team.to_string()).or_default() += amount;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    /// Without figures of its own a scenario's closure costs 55% of China's daily output per
    /// person a day, enhanced measures 6.5%; a city's own output scales both; a fixed cost, as
    /// older files write it, stays what it says.
    #[test]
    fn a_day_under_a_measure_costs_the_output_it_takes() {
        let ex = small(Mode::Expected, "");
        let scenario = ex.scenario();
        let closed = daily_cost_per_resident(scenario, &ControlLevel::Closed);
        assert!((closed - 0.55 * 222.0).abs() < 1e-9, "{closed}");
        let enhanced = daily_cost_per_resident(scenario, &ControlLevel::Enhanced);
        assert!((enhanced - 0.065 * 222.0).abs() < 1e-9, "{enhanced}");
        assert_eq!(
            daily_cost_per_resident(scenario, &ControlLevel::Normal),
            0.0
        );
        // North has 100,000 residents.
        let per_day = ex.measure_cost_per_day(0, ControlLevel::Closed);
        assert!((per_day - 100_000.0 * 0.55 * 222.0).abs() < 1e-6);

        let tianjin = small(Mode::Expected, "city.daily_output_per_person: 310.0");
        let closed = daily_cost_per_resident(tianjin.scenario(), &ControlLevel::Closed);
        assert!((closed - 0.55 * 310.0).abs() < 1e-9);
        let own_share = small(
            Mode::Expected,
            "scenario.measures: (closed: (contact_factor: 0.25, mobility_factor: 0.1, output_lost: 0.3, trust_per_day: 0.0))",
        );
        let closed = daily_cost_per_resident(own_share.scenario(), &ControlLevel::Closed);
        assert!((closed - 0.3 * 222.0).abs() < 1e-9);
        let fixed = small(
            Mode::Expected,
            "scenario.measures: (closed: (contact_factor: 0.25, mobility_factor: 0.1, daily_cost_per_resident: 60.0, trust_per_day: 0.0))",
        );
        assert_eq!(
            daily_cost_per_resident(fixed.scenario(), &ControlLevel::Closed),
            60.0
        );
    }

    #[test]
    fn tests_cost_their_price_per_person() {
        assert_eq!(test_price_per_person(&TestMethod::Pcr, 1), 40.0);
        assert_eq!(test_price_per_person(&TestMethod::Pcr, 10), 10.0);
        assert_eq!(test_price_per_person(&TestMethod::Antigen, 1), 10.0);
    }
}
