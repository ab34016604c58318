//! What measures cost people beyond the output they do not produce (`economy.rs`): the school
//! days children lose, care the sick forgo, the calls to the citizens' hotline, the price of a
//! room in a quarantine or isolation site, and food prices where deliveries do not come.
//!
//! Per step of `dt` days, in every district kept at home (closed) and every sealed or
//! controlled zone:
//! - school days lost = residents × `STUDENTS_PER_RESIDENT` × dt (and a closed school's people
//!   × dt);
//! - calls to 12345 = residents × `HOTLINE_CALLS_PER_RESIDENT_DAY` × dt;
//! - deaths from care forgone = residents × `CARE_FORGONE_DEATHS_PER_PERSON_DAY` × dt where
//!   care is cut off as well: a hospital of the district closed, or its patients waiting for a
//!   bed. Lockdown alone did not raise deaths outside Wuhan (Qi J et al., Nat Hum Behav 2022);
//!   the harm came where the health system was disrupted (fact sheet §5). A district whose
//!   hospital is closed loses the care whether or not its people are kept at home.
//! - food prices: gouging rises by `PRICES_PER_UNSUPPORTED_DAY` × the share of households left
//!   without deliveries × dt (`public.rs` counts that share), and trust pays for it there.
//!
//! Everywhere: each person in a quarantine or isolation site costs
//! `SITE_COST_PER_PERSON_DAY` a day, paid by the city. Sources and ranges are in
//! `shared/data/costs-of-measures.md` (S1, Q1, H1, P1, P2).

use super::Exercise;
use crate::scenario::FacilityKind;

/// Primary and secondary students per resident: about 197 million in 2021 (Ministry of
/// Education, statistical bulletin: 107.8 M primary, 50.2 M junior and about 39 M senior
/// secondary) over 1.41 billion residents.
pub(crate) const STUDENTS_PER_RESIDENT: f64 = 0.14;
/// Non-COVID deaths per person-day of a locked-down city, from care forgone: Wuhan's 13
/// districts, Q1 2020, about 1,400 excess deaths not from pneumonia (Liu J et al., BMJ
/// 2021;372:n415) over ~11 million residents and 68 days of lockdown. An upper bound: Wuhan's
/// hospitals were also overwhelmed by COVID-19, and outside it strict measures lowered
/// non-COVID deaths (Qi J et al., Nat Hum Behav 2022).
pub(crate) const CARE_FORGONE_DEATHS_PER_PERSON_DAY: f64 = 1_400.0 / (11.0e6 * 68.0);
/// Extra calls to the citizens' hotline 12345 per resident per day under closure: Tianjin took
/// over 40,000 a day in January 2022 (about twice its usual load, 13.9 M residents: ~1.4 per
/// 1,000), Shanghai 45,000 against 23,000 in April 2022 (25 M residents: ~0.9 per 1,000).
pub(crate) const HOTLINE_CALLS_PER_RESIDENT_DAY: f64 = 0.001;
/// What a person's day in a quarantine or isolation site costs, yuan: lodging and meals ran
/// 80–450 at self-paid sites in 2020–2022 (fact sheet Q1); staff and security are not in it
/// (no figure found). The middle of that range: an assumption.
pub(crate) const SITE_COST_PER_PERSON_DAY: f64 = 200.0;
/// Price gouging added per day in a closed district where no household needing a delivery
/// gets one (illustrative: Shanghai's vegetables cost 50.8% more in May 2022, Xi'an's
/// roughly doubled, where deliveries failed).
pub(crate) const PRICES_PER_UNSUPPORTED_DAY: f64 = 0.05;

/// The hardship tallied since the start.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Hardship {
    pub school_days_lost: f64,
    pub care_forgone_deaths: f64,
    pub hotline_calls: f64,
    pub site_person_days: f64,
}

impl Exercise {
    /// For each district, whether one of its hospitals is closed (a hospital is rarely closed:
    /// the facilities are looked at once per step, not once per place).
    fn districts_with_a_hospital_closed(&self) -> Vec<bool> {
        let mut closed = vec![false; self.derived.district_count];
        for (f, facility) in self.scenario.facilities.iter().enumerate() {
            if facility.kind == FacilityKind::Hospital && !self.facilities[f].open {
                let district = self.place_district(super::Place::Facility(f));
                if let Some(slot) = closed.get_mut(district) {
                    *slot = true;
                }
            }
        }
        closed
    }

    /// One step of hardship (see the module documentation).
    pub(crate) fn hardship_step(&mut self, dt: f64) {
        let hospital_closed = self.districts_with_a_hospital_closed();
        for node in 0..self.districts.len() {
            let people = self.derived.nodes[node].population;
            let kept_home = self.districts[node].kept_home_since.is_some();
            let district = self.derived.nodes[node].district;
            let care_cut_off = hospital_closed[district]
                || (kept_home && self.districts[district].epi.waiting() >= 0.5);
            if node < self.derived.district_count && care_cut_off {
                self.totals.hardship.care_forgone_deaths +=
                    people * CARE_FORGONE_DEATHS_PER_PERSON_DAY * dt;
            }
            if kept_home {
                let h = &mut self.totals.hardship;
                h.school_days_lost += people * STUDENTS_PER_RESIDENT * dt;
                h.hotline_calls += people * HOTLINE_CALLS_PER_RESIDENT_DAY * dt;
                let district = &mut self.districts[node];
                district.gouging = (district.gouging
                    + PRICES_PER_UNSUPPORTED_DAY * district.unsupported * dt)
                    .min(1.0);
            }
            let closed_school = self.derived.nodes[node].facility.is_some_and(|f| {
                !self.facilities[f].open && self.scenario.facilities[f].kind == FacilityKind::School
            });
            if closed_school {
                self.totals.hardship.school_days_lost += people * dt;
            }
            let epi = &self.districts[node].epi;
            let in_sites = (epi.quarantined() - epi.q_home) + (epi.isolated() - epi.x_home);
            if in_sites > 0.0 {
                self.totals.hardship.site_person_days += in_sites * dt;
                self.spend_by(None, in_sites * SITE_COST_PER_PERSON_DAY * dt);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// Ten days of the north (100,000 residents) closed: 140,000 school days and 1,000 hotline
    /// calls; its hospital open and no patient waiting, no care forgone; the open south adds
    /// none.
    #[test]
    fn a_closure_costs_school_days_and_calls() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
        ex.advance(10 * 24 * 60);
        let h = &ex.totals().hardship;
        assert!((h.school_days_lost - 140_000.0).abs() < 1.0, "{h:?}");
        assert_eq!(h.care_forgone_deaths, 0.0);
        assert!((h.hotline_calls - 1_000.0).abs() < 1e-6, "{h:?}");
        // Nobody delivered to the closed north: prices there rose.
        assert!(ex.districts[0].gouging > 0.1, "{}", ex.districts[0].gouging);
        assert_eq!(ex.districts[1].gouging, 0.0);
    }

    /// Closing the north's hospital cuts its 100,000 residents off from care: about 1.9 deaths
    /// in ten days at Wuhan's rate.
    #[test]
    fn a_closed_hospital_costs_care_forgone() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"CloseFacility(team: "health-team", facility: "hospital")"#,
        ))
        .unwrap();
        ex.advance(10 * 24 * 60);
        let deaths = ex.totals().hardship.care_forgone_deaths;
        assert!(
            (deaths - 100_000.0 * 10.0 * 1_400.0 / 748e6).abs() < 1e-6,
            "{deaths}"
        );
    }

    /// Prices rise by 0.05 a day at no deliveries, in proportion to the households left
    /// without: half of them for a day, 0.025; in an open district, not at all.
    #[test]
    fn prices_rise_where_deliveries_fail_under_closure() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].kept_home_since = Some(0);
        ex.districts[0].unsupported = 0.5;
        ex.districts[1].unsupported = 0.5;
        ex.hardship_step(1.0);
        assert!((ex.districts[0].gouging - 0.025).abs() < 1e-12);
        assert_eq!(ex.districts[1].gouging, 0.0);
    }

    /// People in quarantine sites cost the city their rooms; at home they do not.
    #[test]
    fn a_day_in_a_site_costs_its_room() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].epi.qs = 100.0;
        ex.districts[0].epi.s -= 100.0;
        ex.hardship_step(1.0);
        assert_eq!(ex.totals().hardship.site_person_days, 100.0);
        assert_eq!(ex.totals().economic_cost, 100.0 * SITE_COST_PER_PERSON_DAY);
        ex.districts[0].epi.q_home = 100.0;
        ex.hardship_step(1.0);
        assert_eq!(ex.totals().hardship.site_person_days, 100.0);
    }
}
