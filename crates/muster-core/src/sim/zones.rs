//! Zones below a district (China's protocol, 2022): a compound, a street or a town named in the
//! scenario, with its own residents, that the command can seal or control on its own.
//!
//! A zone's residents live in it (their own households, `households.rs`) and, with no level
//! declared, go where their district's residents go: they are its residents in all but their
//! homes. A level keeps them in and cuts their contacts, with the scenario's measures:
//! - sealed (封控区, 足不出户): nobody leaves the zone; contacts as under `measures.closed`;
//! - controlled (管控区, 人不出区): nobody leaves the zone; contacts as under
//!   `measures.enhanced`;
//! - precaution (防范区, 限制聚集): contacts and travel as under `measures.enhanced`.
//!
//! Households go on inside a sealed zone; the compliant share (the district's trust) follows
//! the level, the rest go on as before. A zone's level costs its residents' daily cost of the
//! measure it borrows, paid by the team that declared it, and wears on its district's trust in
//! proportion to the zone's share of the district. A district's own level, if stronger, holds
//! in its zones too.

use super::command::DeclareZone;
use super::{Audience, CommandError, EventKind, Exercise};
use crate::i18n::Arg;
use crate::msg;
use crate::scenario::{MeasureEffect, ZoneLevel};

impl Exercise {
    /// Declares a zone's level (or lifts it): for a team that may order measures in its
    /// district.
    pub(crate) fn declare_zone(&mut self, c: &DeclareZone) -> Result<(), CommandError> {
        let Some(node) = self.zone_node(c.zone.as_str()) else {
            return Err(CommandError(msg!("refused-no-zone", zone = &c.zone)));
        };
        let district = self.derived.nodes[node].district;
        let district_id = self.derived.nodes[district].id.clone();
        self.may_order_in(c.team.as_str(), &district_id)
            .map_err(CommandError)?;
        let level = (c.level != ZoneLevel::Lifted).then(|| c.level.clone());
        let zone_name = self.derived.nodes[node].name.clone();
        if self.districts[node].zone_level == level {
            return Err(CommandError(msg!(
                "refused-same-zone-level",
                zone = zone_name,
                level = Arg::worded(|lang| c.level.words(lang))
            )));
        }
        self.districts[node].zone_level = level;
        self.districts[node].level_ordered_by = Some(c.team.name.clone());
        self.count_days_at_home(node);
        self.record_action(
            c.team.as_str(),
            super::ActionKind::Zone {
                zone: c.zone.name.clone(),
                district: district_id.clone(),
                level: c.level.clone(),
            },
        );
        let team = self.team_name(c.team.as_str());
        self.emit(
            Audience::Everyone,
            EventKind::Notice {
                text: msg!(
                    "event-zone-declared",
                    team = team,
                    zone = zone_name,
                    district = self.derived.nodes[district].name.clone(),
                    level = Arg::worded(|lang| c.level.words(lang))
                ),
            },
        );
        Ok(())
    }

    /// The population of the zone with this id.
    fn zone_node(&self, id: &str) -> Option<usize> {
        self.node_index(id)
            .filter(|&n| self.derived.nodes[n].zone.is_some())
    }

    /// The measure a zone's level borrows, and whether it keeps the residents in.
    pub(crate) fn zone_measure(&self, node: usize) -> Option<(&MeasureEffect, bool)> {
        let measures = &self.scenario.measures;
        match self.districts.get(node)?.zone_level.as_ref()? {
            ZoneLevel::Sealed => Some((&measures.closed, true)),
            ZoneLevel::Controlled => Some((&measures.enhanced, true)),
            ZoneLevel::Precaution => Some((&measures.enhanced, false)),
            ZoneLevel::Lifted => None,
        }
    }

    /// (contact factor, mobility factor) of a zone under its level, with its district's
    /// compliance; the district's own factors where they cut more. None without a level.
    pub(crate) fn zone_factors(&self, node: usize, district: (f64, f64)) -> Option<(f64, f64)> {
        let (measure, stays_in) = self.zone_measure(node)?;
        let compliance = self.compliance(self.district_of(node)) * self.adherence(node);
        let contact = 1.0 - compliance * (1.0 - measure.contact_factor.get());
        let mobility_factor = if stays_in {
            0.0
        } else {
            measure.mobility_factor.get()
        };
        let mobility = 1.0 - compliance * (1.0 - mobility_factor);
        Some((contact.min(district.0), mobility.min(district.1)))
    }

    /// Zones' levels over `dt` days: their cost, paid by the team that declared them, and the
    /// wear on their districts' trust.
    pub(crate) fn zones_step(&mut self, dt: f64) {
        for node in self.derived.district_count..self.derived.nodes.len() {
            let Some((measure, _)) = self.zone_measure(node) else {
                continue;
            };
            let trust_per_day = measure.trust_per_day;
            let Some(level) = &self.districts[node].zone_level else {
                continue;
            };
            let daily_cost = super::economy::daily_cost_per_resident(
                &self.scenario,
                &super::economy::zone_cost_level(level),
            );
            let residents = self.derived.nodes[node].population;
            let team = self.districts[node].level_ordered_by.clone();
            self.spend_by(team.as_deref(), daily_cost * residents * dt);
            let district = self.derived.nodes[node].district;
            let share = residents / self.scenario.city.districts[district].population.max(1) as f64;
            let anchor = &mut self.districts[district].trust_anchor;
            *anchor = (*anchor + trust_per_day * share * dt).clamp(0.0, 1.0);
        }
    }

    /// Every zone's population with its level (none: no level), for desks and pages.
    pub fn zones(&self) -> impl Iterator<Item = (usize, Option<ZoneLevel>)> + '_ {
        (self.derived.district_count..self.derived.nodes.len())
            .filter(|&n| self.derived.nodes[n].zone.is_some())
            .map(|n| (n, self.districts[n].zone_level.clone()))
    }

    /// The zones of a district, with their levels.
    pub fn zones_of(&self, district: usize) -> Vec<(usize, Option<ZoneLevel>)> {
        self.zones()
            .filter(|&(n, _)| self.derived.nodes[n].district == district)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::step::StepBuffers;
    use crate::sim::test_support::{command, small};
    use crate::sim::units::Offers;

    /// North (100,000) with a block of 5,000 inside, everyone complying with measures.
    fn north_with_a_block() -> crate::sim::Exercise {
        small(
            Mode::Expected,
            "scenario.zones: [(id: \"block\", name: \"Block 7\", district: \"north\", population: 5000)]\npublic.compliance_at_zero_trust: 1.0\npublic.compliance_at_full_trust: 1.0",
        )
    }

    fn block(ex: &crate::sim::Exercise) -> usize {
        ex.node_index("block").expect("the block is a population")
    }

    fn lambdas(ex: &mut crate::sim::Exercise) -> StepBuffers {
        let mut b = StepBuffers::default();
        ex.force_of_infection(0.25, &mut b, &Offers::default());
        b
    }

    fn infect(ex: &mut crate::sim::Exercise, node: usize, count: f64) {
        let epi = &mut ex.districts[node].epi;
        epi.s -= count;
        epi.i = crate::sim::Infected::new_at(count, 0.0);
    }

    /// The block's people leave North's count, and with no level they meet what North's
    /// residents meet outside their homes.
    #[test]
    fn a_zone_without_a_level_lives_as_its_district_does() {
        let mut ex = north_with_a_block();
        let z = block(&ex);
        assert_eq!(ex.nodes()[0].population, 95_000.0);
        assert_eq!(ex.nodes()[z].population, 5_000.0);
        infect(&mut ex, 0, 100.0);
        let b = lambdas(&mut ex);
        let community = |k: usize| b.lambda[k] - b.lambda_household[k];
        assert!(community(0) > 0.0);
        assert!(
            (community(z) - community(0)).abs() < 1e-12,
            "{:?}",
            b.lambda
        );
        assert_eq!(
            b.lambda_household[z], 0.0,
            "nobody infectious at home in the block"
        );
    }

    /// Sealed, the block's people stay in: North's infectious no longer reach them, and
    /// theirs no longer reach North; at home, households go on.
    #[test]
    fn a_sealed_zone_keeps_its_people_in_and_its_households_going() {
        let mut ex = north_with_a_block();
        let z = block(&ex);
        infect(&mut ex, 0, 100.0);
        ex.apply(command(
            r#"DeclareZone(team: "health-team", zone: "block", level: Sealed)"#,
        ))
        .unwrap();
        let b = lambdas(&mut ex);
        assert_eq!(b.lambda[z], 0.0, "{:?}", b.lambda);

        let mut ex = north_with_a_block();
        infect(&mut ex, z, 100.0);
        let open = lambdas(&mut ex);
        ex.apply(command(
            r#"DeclareZone(team: "health-team", zone: "block", level: Sealed)"#,
        ))
        .unwrap();
        let sealed = lambdas(&mut ex);
        assert!(open.lambda[0] > 0.0);
        assert_eq!(sealed.lambda[0], 0.0, "the block's cases stay in the block");
        assert!(sealed.lambda_household[z] > 0.0);
        assert_eq!(sealed.lambda_household[z], open.lambda_household[z]);
        // Inside, contacts fall to the closed measure's share (0.25 of the open day's).
        let inside = sealed.lambda[z] - sealed.lambda_household[z];
        assert!(inside > 0.0);
    }

    /// Precaution cuts contacts and travel as enhanced measures do, but does not keep people
    /// in; lifting it restores the open day.
    #[test]
    fn precaution_cuts_and_lifting_restores() {
        let mut ex = north_with_a_block();
        let z = block(&ex);
        infect(&mut ex, 0, 100.0);
        let open = lambdas(&mut ex).lambda[z];
        ex.apply(command(
            r#"DeclareZone(team: "health-team", zone: "block", level: Precaution)"#,
        ))
        .unwrap();
        let precaution = lambdas(&mut ex).lambda[z];
        assert!(precaution > 0.0 && precaution < open, "{precaution} {open}");
        ex.apply(command(
            r#"DeclareZone(team: "health-team", zone: "block", level: Lifted)"#,
        ))
        .unwrap();
        assert!((lambdas(&mut ex).lambda[z] - open).abs() < 1e-12);
    }

    /// A sealed or controlled block of 5,000 costs a closure's day a resident (55% of 222),
    /// a precaution zone enhanced measures' (6.5%), to the team that declared it.
    #[test]
    fn a_zone_level_costs_its_residents_daily_cost() {
        for (level, per_resident) in [
            ("Sealed", 0.55 * 222.0),
            ("Controlled", 0.55 * 222.0),
            ("Precaution", 0.065 * 222.0),
        ] {
            let mut ex = north_with_a_block();
            ex.apply(command(&format!(
                r#"DeclareZone(team: "health-team", zone: "block", level: {level})"#
            )))
            .unwrap();
            let before = ex.totals.economic_cost;
            ex.zones_step(1.0);
            let cost = ex.totals.economic_cost - before;
            assert!(
                (cost - per_resident * 5000.0).abs() < 1e-6,
                "{level}: {cost}"
            );
            assert!((ex.costs["health-team"] - per_resident * 5000.0).abs() < 1e-6);
        }
    }

    #[test]
    fn zone_orders_that_cannot_stand_are_refused() {
        let mut ex = north_with_a_block();
        let refused = |ex: &mut crate::sim::Exercise, text: &str| {
            ex.apply(command(text)).expect_err(text).0.to_string()
        };
        let text = refused(
            &mut ex,
            r#"DeclareZone(team: "health-team", zone: "tower", level: Sealed)"#,
        );
        assert!(text.contains("no zone `tower`"), "{text}");
        let text = refused(
            &mut ex,
            r#"DeclareZone(team: "health-team", zone: "block", level: Lifted)"#,
        );
        assert!(text.contains("Block 7 is already lifted"), "{text}");
        let text = refused(
            &mut ex,
            r#"DeclareZone(team: "police-team", zone: "block", level: Sealed)"#,
        );
        assert!(!text.is_empty());
        assert!(ex.districts[block(&ex)].zone_level.is_none());
    }
}
