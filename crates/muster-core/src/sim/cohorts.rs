//! Cohort isolation of a place with people (코호트 격리, 封闭管理): a hospital or a school whose
//! people are kept inside, day and night, with no one going in or out, instead of being sent
//! home as a closure does (Korea, 2015: Daecheong, Konyang and Konkuk hospitals).
//!
//! Its people stop going home (`transmission.rs` keeps them at the place all day), so their
//! infections stay inside while contacts there go on; they count among the people in
//! quarantine. Opening the place again ends the cohort.

use super::command::FacilityOrder;
use super::{ActionKind, Audience, CommandError, EventKind, Exercise};
use crate::msg;

impl Exercise {
    /// Puts a place's people under cohort isolation: for a team that may close it.
    pub(crate) fn cohort_facility(&mut self, c: &FacilityOrder) -> Result<(), CommandError> {
        let Some(&f) = self.derived.facility_index.get(c.facility.as_str()) else {
            return Err(CommandError(msg!(
                "refused-no-facility",
                facility = &c.facility
            )));
        };
        self.may_close(c.team.as_str(), f).map_err(CommandError)?;
        let name = self.scenario.facilities[f].name.clone();
        if self
            .node_index(c.facility.as_str())
            .is_none_or(|n| n < self.district_count())
        {
            return Err(CommandError(msg!(
                "refused-cohort-no-people",
                facility = name
            )));
        }
        if self.facilities[f].cohort {
            return Err(CommandError(msg!(
                "refused-already-cohort",
                facility = name
            )));
        }
        // Its people come back from home to be kept there.
        self.facilities[f].open = true;
        self.facilities[f].cohort = true;
        self.emit(
            Audience::Everyone,
            EventKind::Notice {
                text: msg!("event-cohort", facility = name),
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Facility {
                facility: c.facility.name.clone(),
                open: false,
            },
        );
        Ok(())
    }

    /// Whether a facility's people are kept inside.
    pub fn facility_in_cohort(&self, f: usize) -> bool {
        self.facilities[f].cohort
    }

    /// Whether a population is a place under cohort isolation.
    pub(crate) fn in_cohort(&self, node: usize) -> bool {
        self.derived.nodes[node]
            .facility
            .is_some_and(|f| self.facilities[f].cohort)
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::step::StepBuffers;
    use crate::sim::test_support::{command, small};
    use crate::sim::units::Offers;

    /// A school of 2,000 in North whose pupils spend 8 hours there.
    fn with_a_school() -> crate::sim::Exercise {
        small(
            Mode::Expected,
            "extra.facilities: (id: \"school\", name: \"School\", kind: School, district: \"north\", people: 2000, hours_per_day: 8.0, contact_intensity: 3.0, operator: \"health\")",
        )
    }

    /// Under cohort isolation the school's infections stay in the school, its people count in
    /// quarantine, and opening it ends the cohort.
    #[test]
    fn a_cohort_keeps_its_people_and_their_infections_inside() {
        let mut ex = with_a_school();
        let school = ex.node_index("school").unwrap();
        let epi = &mut ex.districts[school].epi;
        epi.s -= 100.0;
        epi.i = crate::sim::Infected::new_at(100.0, 0.0);
        let lambdas = |ex: &mut crate::sim::Exercise| {
            let mut b = StepBuffers::default();
            ex.force_of_infection(0.25, &mut b, &Offers::default());
            b.lambda
        };
        let open = lambdas(&mut ex);
        ex.apply(command(
            r#"CohortFacility(team: "health-team", facility: "school")"#,
        ))
        .unwrap();
        let cohort = lambdas(&mut ex);
        assert!(open[0] > 0.0);
        assert!(cohort[0] < open[0] * 0.05, "{} {}", cohort[0], open[0]);
        assert!(cohort[school] > open[school], "all day together");
        ex.advance(6 * 60);
        let sample = ex.series().last().unwrap();
        assert!(sample.districts[school].quarantined >= 1_800.0);
        ex.apply(command(
            r#"OpenFacility(team: "health-team", facility: "school")"#,
        ))
        .unwrap();
        assert!(!ex.in_cohort(school));
        assert!(ex.place_open(school));
    }

    #[test]
    fn only_a_place_with_people_can_be_cohorted_and_only_once() {
        let mut ex = with_a_school();
        let refused = |ex: &mut crate::sim::Exercise, text: &str| {
            ex.apply(command(text)).expect_err(text).0.to_string()
        };
        let text = refused(
            &mut ex,
            r#"CohortFacility(team: "health-team", facility: "clinic")"#,
        );
        assert!(text.contains("no people"), "{text}");
        ex.apply(command(
            r#"CohortFacility(team: "health-team", facility: "school")"#,
        ))
        .unwrap();
        let text = refused(
            &mut ex,
            r#"CohortFacility(team: "health-team", facility: "school")"#,
        );
        assert!(text.contains("already"), "{text}");
    }
}
