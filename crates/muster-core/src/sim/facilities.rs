//! Facilities open or closed, their capacity changed, and who may order it where: an agency
//! acts within its jurisdiction (属地管理, territorial responsibility: a district government in
//! its district, an education bureau on schools), or on the facilities it runs.
//!
//! A closed facility takes no one: a fever clinic or laboratory tests nobody, a hospital admits
//! nobody new (its patients stay), a quarantine site gives no new rooms, and a place's people
//! stay home (`places.rs`).

use serde::Serialize;

use super::command::FacilityOrder;
use super::{ActionKind, Audience, CommandError, EventKind, Exercise};
use crate::scenario::{Agency, CapacityChange};

/// Beds, rooms and daily capacity added to a facility (negative: removed) since the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Added {
    pub beds: i64,
    pub icu_beds: i64,
    pub paediatric_beds: i64,
    pub daily_capacity: i64,
}

/// A declared capacity with what was added, never below zero.
fn with_added(declared: u32, added: i64) -> u32 {
    (i64::from(declared) + added).clamp(0, i64::from(u32::MAX)) as u32
}

impl Exercise {
    /// Ward beds (or rooms), intensive-care beds and children's beds of a facility now, before
    /// beds lost to staff sickness.
    pub fn declared_beds(&self, f: usize) -> [u32; 3] {
        let facility = &self.scenario.facilities[f];
        let added = self.facilities[f].added;
        [
            with_added(facility.beds, added.beds),
            with_added(facility.icu_beds, added.icu_beds),
            with_added(facility.paediatric_beds, added.paediatric_beds),
        ]
    }

    /// People seen or samples processed per day at a facility now: none while it is closed.
    pub fn daily_capacity(&self, f: usize) -> f64 {
        if !self.facilities[f].open {
            return 0.0;
        }
        f64::from(with_added(
            self.scenario.facilities[f].daily_capacity,
            self.facilities[f].added.daily_capacity,
        ))
    }

    pub fn facility_open(&self, f: usize) -> bool {
        self.facilities[f].open
    }

    pub(crate) fn change_capacity(&mut self, f: usize, change: &CapacityChange) {
        let added = &mut self.facilities[f].added;
        added.beds = added.beds.saturating_add(change.beds);
        added.icu_beds = added.icu_beds.saturating_add(change.icu_beds);
        added.paediatric_beds = added.paediatric_beds.saturating_add(change.paediatric_beds);
        added.daily_capacity = added.daily_capacity.saturating_add(change.daily_capacity);
        let [beds, icu_beds, paediatric_beds] = self.declared_beds(f);
        let daily_capacity = with_added(
            self.scenario.facilities[f].daily_capacity,
            self.facilities[f].added.daily_capacity,
        );
        self.emit(
            Audience::Everyone,
            EventKind::CapacityChanged {
                facility: self.scenario.facilities[f].id.name.clone(),
                beds,
                icu_beds,
                paediatric_beds,
                daily_capacity,
            },
        );
    }

    /// Opens or closes a facility (no change if it already is), announcing who did.
    pub(crate) fn set_open(&mut self, f: usize, open: bool, by: &str) {
        if self.facilities[f].open == open && !self.facilities[f].cohort {
            return;
        }
        self.facilities[f].open = open;
        // Closing or opening a place ends its cohort isolation.
        self.facilities[f].cohort = false;
        self.emit(
            Audience::Everyone,
            EventKind::FacilityOpened {
                facility: self.scenario.facilities[f].id.name.clone(),
                by: by.to_string(),
                open,
            },
        );
    }

    /// The agencies of a team that may order measures.
    fn measure_agencies(&self, team: &str) -> Vec<&Agency> {
        let Some(t) = self.scenario.team(team) else {
            return Vec::new();
        };
        t.agencies
            .iter()
            .filter_map(|a| self.scenario.agency(a.as_str()))
            .filter(|a| self.orders_measures(a))
            .collect()
    }

    /// Whether a team may order measures in a district: one of its agencies that orders
    /// measures has the district in its jurisdiction (or has no jurisdiction: the whole city).
    pub fn may_order_in(&self, team: &str, district: &str) -> Result<(), crate::i18n::Message> {
        let agencies = self.measure_agencies(team);
        if agencies.is_empty() {
            return Err(crate::msg!(
                "refused-measures-not-theirs",
                team = team,
                who = self.who_orders_measures()
            ));
        }
        let covered = agencies.iter().any(|a| {
            a.jurisdiction
                .as_ref()
                .is_none_or(|j| j.covers_district(district))
        });
        if covered {
            return Ok(());
        }
        let theirs: Vec<&str> = agencies
            .iter()
            .filter_map(|a| a.jurisdiction.as_ref())
            .flat_map(|j| j.districts.iter().map(|d| d.as_str()))
            .collect();
        Err(if theirs.is_empty() {
            crate::msg!(
                "refused-outside-no-jurisdiction",
                district = district,
                team = team
            )
        } else {
            crate::msg!(
                "refused-outside-jurisdiction",
                district = district,
                team = team,
                covers = theirs
            )
        })
    }

    /// Whether a team may close or open a facility: it runs it, one of its agencies has it in
    /// its jurisdiction, or it orders measures city-wide.
    pub fn may_close(&self, team: &str, f: usize) -> Result<(), crate::i18n::Message> {
        let facility = &self.scenario.facilities[f];
        let Some(t) = self.scenario.team(team) else {
            return Err(crate::msg!("refused-no-team", team = team));
        };
        let runs = facility
            .operator
            .as_ref()
            .is_some_and(|o| self.team_plays(team, o.as_str()));
        let agencies: Vec<&Agency> = t
            .agencies
            .iter()
            .filter_map(|a| self.scenario.agency(a.as_str()))
            .collect();
        let in_jurisdiction = agencies.iter().any(|a| {
            a.jurisdiction
                .as_ref()
                .is_some_and(|j| j.covers_facility(facility))
        });
        let city_wide = self
            .measure_agencies(team)
            .iter()
            .any(|a| a.jurisdiction.is_none());
        if runs || in_jurisdiction || city_wide {
            Ok(())
        } else {
            Err(crate::msg!(
                "refused-facility-not-theirs",
                team = team,
                facility = &facility.id
            ))
        }
    }

    pub(crate) fn order_facility(
        &mut self,
        c: &FacilityOrder,
        open: bool,
    ) -> Result<(), CommandError> {
        let Some(&f) = self.derived.facility_index.get(c.facility.as_str()) else {
            return Err(CommandError(crate::msg!(
                "refused-no-facility",
                facility = &c.facility
            )));
        };
        self.may_close(c.team.as_str(), f).map_err(CommandError)?;
        if self.facilities[f].open == open && !self.facilities[f].cohort {
            return Err(CommandError(if open {
                crate::msg!("refused-already-open", facility = &c.facility)
            } else {
                crate::msg!("refused-already-closed", facility = &c.facility)
            }));
        }
        self.set_open(f, open, c.team.as_str());
        self.record_action(
            c.team.as_str(),
            ActionKind::Facility {
                facility: c.facility.name.clone(),
                open,
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    #[test]
    fn capacity_changes_add_and_never_go_below_zero() {
        let mut ex = small(Mode::Expected, "");
        let clinic = ex.derived.facility_index["clinic"];
        let change = |beds: i64, daily: i64| crate::scenario::CapacityChange {
            facility: crate::scenario::Id::new("clinic"),
            beds,
            icu_beds: 0,
            paediatric_beds: 0,
            daily_capacity: daily,
        };
        ex.change_capacity(clinic, &change(5, 50));
        assert_eq!(ex.declared_beds(clinic)[0], 5);
        assert_eq!(ex.daily_capacity(clinic), 150.0);
        ex.change_capacity(clinic, &change(-20, -1000));
        assert_eq!(ex.declared_beds(clinic)[0], 0);
        assert_eq!(ex.daily_capacity(clinic), 0.0);
    }

    #[test]
    fn a_closed_clinic_sees_nobody_and_the_order_is_journaled_as_an_action() {
        let mut ex = small(Mode::Expected, "");
        let clinic = ex.derived.facility_index["clinic"];
        ex.apply(command(
            r#"CloseFacility(team: "health-team", facility: "clinic")"#,
        ))
        .unwrap();
        assert_eq!(ex.daily_capacity(clinic), 0.0);
        assert!(
            ex.apply(command(
                r#"CloseFacility(team: "health-team", facility: "clinic")"#
            ))
            .unwrap_err()
            .to_string()
            .contains("already closed")
        );
        ex.apply(command(
            r#"OpenFacility(team: "health-team", facility: "clinic")"#,
        ))
        .unwrap();
        assert_eq!(ex.daily_capacity(clinic), 100.0);
        assert_eq!(ex.actions().len(), 2);
    }

    /// A district government orders measures in its district only; an education bureau
    /// closes schools anywhere but orders no measure; a city-wide health agency does both.
    #[test]
    fn agencies_act_within_their_jurisdiction() {
        let mut ex = small(
            Mode::Expected,
            r#"extra.agencies: (id: "north-gov", name: "North district government", kind: Command, jurisdiction: (districts: ["north"])), (id: "education", name: "Education bureau", kind: Other, jurisdiction: (facility_kinds: [School]))
extra.teams: (id: "north-team", name: "North", agencies: ["north-gov"]), (id: "school-team", name: "Schools", agencies: ["education"])
extra.facilities: (id: "school", name: "School", kind: School, district: "south", people: 800)"#,
        );
        let order = |ex: &mut crate::sim::Exercise, text: &str| {
            ex.apply(command(text)).map(|_| ()).map_err(|e| e.0)
        };
        order(
            &mut ex,
            r#"OrderMeasure(team: "north-team", district: "north", level: Enhanced)"#,
        )
        .unwrap();
        let outside = order(
            &mut ex,
            r#"OrderMeasure(team: "north-team", district: "south", level: Enhanced)"#,
        )
        .unwrap_err();
        assert_eq!(
            outside.to_string(),
            "`south` is outside the jurisdiction of team `north-team` (it covers north)"
        );
        // The same refusal, worded for a Chinese-speaking team.
        assert_eq!(
            outside.text(crate::i18n::Language::Zh),
            "`south` 不在小组 `north-team` 的辖区内（其辖区：north）"
        );
        let school = r#"CloseFacility(team: "school-team", facility: "school")"#;
        assert!(
            order(&mut ex, &school.replace("school-team", "north-team"))
                .unwrap_err()
                .to_string()
                .contains("outside its jurisdiction"),
            "the school is in the south"
        );
        order(&mut ex, school).unwrap();
        assert!(
            order(
                &mut ex,
                r#"OrderMeasure(team: "school-team", district: "south", level: Closed)"#
            )
            .unwrap_err()
            .to_string()
            .contains("may not order measures")
        );
        order(
            &mut ex,
            r#"OrderMeasure(team: "health-team", district: "south", level: Closed)"#,
        )
        .unwrap();
    }
}
