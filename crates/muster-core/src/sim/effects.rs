//! Effects: what an inject, a decision's option or a scenario-defined action changes in the
//! world, in the terms of the other mechanics (cases, contacts, roads, stock, trust, measures,
//! facilities, units, injects). Each effect is applied at once; the mechanic it touches takes it
//! from there.

use super::{Exercise, Place};
use crate::scenario::{CaseState, Effect, GatheringChoice, Id};

/// Who is named when the scenario itself (not a team) closes a facility or decides.
pub(crate) const CONTROL_CELL: &str = "control cell";

/// Who caused an effect: a team (its decision or action; it pays what the effect costs) or
/// the scenario itself (an inject, a default decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Actor<'a> {
    Scenario,
    Team(&'a str),
    /// Several teams that decided together share the cost.
    Teams(&'a [String]),
}

impl Exercise {
    pub(crate) fn apply_effects(&mut self, effects: &[Effect], actor: Actor) {
        for effect in effects {
            self.apply_effect(effect, actor);
        }
    }

    pub(crate) fn apply_effect(&mut self, effect: &Effect, actor: Actor) {
        let index =
            |exercise: &Self, id: &Id| exercise.derived.district_index.get(id.as_str()).copied();
        let facility =
            |exercise: &Self, id: &Id| exercise.derived.facility_index.get(id.as_str()).copied();
        let now = self.now;
        match effect {
            Effect::NewCases(e) => {
                if let Some(d) = self.node_index(e.district.as_str()) {
                    self.seed_cases(
                        d,
                        f64::from(e.count),
                        e.state == CaseState::Exposed,
                        e.confirmed,
                    );
                }
            }
            Effect::Contacts(e) => {
                if let Some(d) = self.node_index(e.district.as_str()) {
                    let share = e
                        .infected_share
                        .unwrap_or(self.scenario.surveillance.contact_infection_share)
                        .get();
                    let exposed_before = e.exposed_before.map_or_else(
                        || self.clinic_case_infectee_age_minutes(),
                        |m| f64::from(m.get()),
                    );
                    let exposed_at = f64::from(now) - exposed_before;
                    self.expose_and_name(d, f64::from(e.count), share, exposed_at);
                }
            }
            Effect::RoadClosure(e) => {
                if let Some(d) = index(self, &e.district) {
                    self.districts[d].road_closed_until = now.saturating_add(e.duration.get());
                    self.districts[d].road_slowdown = e.slowdown.get();
                }
            }
            Effect::SupplyDelay(e) => {
                let until = self.supply_delays.entry(e.supply.name.clone()).or_insert(0);
                *until = (*until).max(now).saturating_add(e.delay.get());
            }
            Effect::StockLoss(e) => {
                if let Some(f) = facility(self, &e.facility)
                    && let Some(stock) = self.facilities[f].stock.get_mut(e.supply.as_str())
                {
                    *stock = stock.saturating_sub(e.quantity);
                }
            }
            Effect::Rumour(e) => {
                for d in self.scope(&e.district) {
                    let reach = self.rumour_reach(d, e.reach.get());
                    let district = &mut self.districts[d];
                    district.rumour = (district.rumour + reach).min(1.0);
                }
            }
            Effect::TrustShift(e) => {
                for d in self.scope(&e.district) {
                    let district = &mut self.districts[d];
                    district.trust = (district.trust + e.change).clamp(0.0, 1.0);
                }
            }
            Effect::Disorder(e) => match super::place_of(&self.derived, e.place.as_str()) {
                Some(Place::Facility(f)) => {
                    self.facilities[f].disorder =
                        (self.facilities[f].disorder + e.severity.get()).min(1.0)
                }
                Some(Place::District(d)) => {
                    self.districts[d].disorder =
                        (self.districts[d].disorder + e.severity.get()).min(1.0)
                }
                None => {}
            },
            Effect::PriceGouging(e) => {
                for d in self.scope(&e.district) {
                    let district = &mut self.districts[d];
                    district.gouging = (district.gouging + e.severity.get()).min(1.0);
                }
            }
            Effect::CalmPrices(e) => {
                for d in self.scope(&e.district) {
                    self.districts[d].gouging *= 1.0 - e.share.get();
                }
            }
            Effect::Gathering(e) => self.gather_crowd(e),
            Effect::CapacityLoss(e) => {
                if let Some(f) = facility(self, &e.facility) {
                    self.facilities[f].beds_lost =
                        self.facilities[f].beds_lost.saturating_add(e.beds);
                }
            }
            Effect::Capacity(e) => {
                if let Some(f) = facility(self, &e.facility) {
                    self.change_capacity(f, e);
                }
            }
            Effect::UnitsOut(e) => self.units_out(e),
            Effect::UnitsBack(e) => self.units_back(e),
            Effect::SetMeasure(e) => {
                if let Some(d) = index(self, &e.district) {
                    self.set_level(d, &e.level, self.payer(actor));
                }
            }
            Effect::ContactRate(e) => {
                let district = e.district.as_ref().and_then(|d| index(self, d));
                if e.district.is_none() || district.is_some() {
                    let until = e.duration.map_or(u32::MAX, |d| now.saturating_add(d.get()));
                    self.contact_changes.push((district, e.factor.get(), until));
                }
            }
            Effect::CloseFacility(id) => {
                if let Some(f) = facility(self, id) {
                    self.set_open(f, false, self.payer(actor).unwrap_or(CONTROL_CELL));
                }
            }
            Effect::OpenFacility(id) => {
                if let Some(f) = facility(self, id) {
                    self.set_open(f, true, self.payer(actor).unwrap_or(CONTROL_CELL));
                }
            }
            Effect::MoveStock(e) => {
                if let (Some(from), Some(to)) = (facility(self, &e.from), facility(self, &e.to)) {
                    let sent = e.quantity.min(self.stock(from, e.supply.as_str()));
                    if sent > 0 {
                        let minutes = e
                            .takes
                            .map_or_else(|| self.courier_minutes(from, to), |m| m.get());
                        self.ship(e.supply.as_str(), sent, from, to, minutes, None);
                    }
                }
            }
            Effect::AddStock(e) => {
                if let Some(f) = facility(self, &e.facility) {
                    self.add_stock(f, e.supply.as_str(), e.quantity);
                }
            }
            Effect::Cost(amount) => match actor {
                Actor::Scenario => self.spend(CONTROL_CELL, *amount),
                Actor::Team(team) => self.spend(team, *amount),
                Actor::Teams(teams) => {
                    let share = *amount / teams.len().max(1) as f64;
                    for team in teams {
                        self.spend(team, share);
                    }
                }
            },
            Effect::FireInject(e) => {
                if let Some(&n) = self.derived.inject_index.get(e.inject.as_str())
                    && self.injects[n].status == super::InjectStatus::Pending
                {
                    if e.after.get() == 0 {
                        self.fire(n);
                    } else {
                        let at = now.saturating_add(e.after.get());
                        let forced = self.injects[n].forced_at.get_or_insert(at);
                        *forced = (*forced).min(at);
                    }
                }
            }
            Effect::CancelInject(id) => {
                if let Some(&n) = self.derived.inject_index.get(id.as_str())
                    && self.injects[n].status == super::InjectStatus::Pending
                {
                    self.injects[n].status = super::InjectStatus::Skipped;
                    self.emit(
                        super::Audience::Control,
                        super::EventKind::InjectSkipped {
                            inject: id.name.clone(),
                        },
                    );
                }
            }
            Effect::GatheringDecision(e) => {
                let Some(n) = self
                    .scenario
                    .mass_gatherings
                    .iter()
                    .position(|g| g.id == e.gathering)
                else {
                    return;
                };
                if self.gatherings[n].status != super::GatheringStatus::Planned {
                    return;
                }
                use super::GatheringDecision as D;
                let decision = match e.choice {
                    GatheringChoice::GoAhead => D::GoAhead,
                    GatheringChoice::WithMeasures => D::WithMeasures,
                    GatheringChoice::Postpone => D::Postpone(e.postpone_by),
                    GatheringChoice::Cancel => D::Cancel,
                };
                if decision == D::WithMeasures && self.gatherings[n].with_measures {
                    return;
                }
                let team = self.payer(actor).unwrap_or(CONTROL_CELL).to_string();
                self.decide_gathering(n, &team, &decision);
            }
            Effect::CarePolicy(policy) => self.care_policy = *policy,
        }
    }

    /// The team that pays for an effect: the one that acted, the first of several.
    fn payer<'a>(&self, actor: Actor<'a>) -> Option<&'a str> {
        match actor {
            Actor::Scenario => None,
            Actor::Team(team) => Some(team),
            Actor::Teams(teams) => teams.first().map(String::as_str),
        }
    }

    /// The product of the contact-rate changes in force in a district.
    pub(crate) fn contact_change(&self, district: usize) -> f64 {
        self.contact_changes
            .iter()
            .filter(|(d, _, until)| d.is_none_or(|d| d == district) && *until > self.now)
            .map(|(_, factor, _)| factor)
            .product()
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    fn effect(text: &str) -> crate::scenario::Effect {
        use crate::scenario::decode::Decode;
        let node = crate::scenario::ron_tree::parse(text).unwrap();
        let mut d = crate::scenario::decode::Decoder::default();
        let effect = crate::scenario::Effect::decode(&node, &mut d);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        effect.unwrap()
    }

    #[test]
    fn a_contact_rate_change_multiplies_and_ends() {
        let mut ex = small(Mode::Expected, "");
        ex.apply_effect(
            &effect(r#"ContactRate((district: "north", factor: 0.5, duration: "1d"))"#),
            super::Actor::Scenario,
        );
        ex.apply_effect(
            &effect(r#"ContactRate((factor: 0.8))"#),
            super::Actor::Scenario,
        );
        assert_eq!(ex.contact_change(0), 0.4);
        assert_eq!(ex.contact_change(1), 0.8);
        ex.advance(24 * 60);
        assert_eq!(ex.contact_change(0), 0.8, "the district's change is over");
    }

    /// Gouging adds up to a ceiling; calming prices stops a share of it, where it applies.
    #[test]
    fn calming_prices_stops_a_share_of_the_gouging() {
        let mut ex = small(Mode::Expected, "");
        let gouge = effect(r#"PriceGouging((severity: 0.3))"#);
        ex.apply_effect(&gouge, super::Actor::Scenario);
        ex.apply_effect(&gouge, super::Actor::Scenario);
        assert!((ex.districts[0].gouging - 0.6).abs() < 1e-12);
        ex.apply_effect(
            &effect(r#"CalmPrices((district: "north", share: 0.25))"#),
            super::Actor::Scenario,
        );
        assert!((ex.districts[0].gouging - 0.45).abs() < 1e-12);
        assert!(
            (ex.districts[1].gouging - 0.6).abs() < 1e-12,
            "south untouched"
        );
        for _ in 0..3 {
            ex.apply_effect(&gouge, super::Actor::Scenario);
        }
        assert_eq!(ex.districts[1].gouging, 1.0);
    }

    #[test]
    fn costs_go_to_the_team_that_acted_or_are_shared() {
        let mut ex = small(Mode::Expected, "");
        let cost = effect("Cost(1000.0)");
        ex.apply_effect(&cost, super::Actor::Team("health-team"));
        let both = vec!["health-team".to_string(), "police-team".to_string()];
        ex.apply_effect(&cost, super::Actor::Teams(&both));
        ex.apply_effect(&cost, super::Actor::Scenario);
        assert_eq!(ex.costs().get("health-team"), Some(&1500.0));
        assert_eq!(ex.costs().get("police-team"), Some(&500.0));
        assert_eq!(
            ex.costs().len(),
            2,
            "the scenario's cost is the city's only"
        );
        assert_eq!(ex.totals().economic_cost, 3000.0);
    }

    #[test]
    fn a_stock_move_sends_no_more_than_is_held_and_travels() {
        let mut ex = small(Mode::Expected, "");
        let (lab, hospital) = (
            ex.derived.facility_index["lab"],
            ex.derived.facility_index["hospital"],
        );
        let held = ex.stock(lab, "kits");
        ex.apply_effect(
            &effect(&format!(
                r#"MoveStock((supply: "kits", from: "lab", to: "hospital", quantity: {}, takes: "3h"))"#,
                held + 500
            )),
            super::Actor::Scenario,
        );
        assert_eq!(ex.stock(lab, "kits"), 0);
        assert_eq!(ex.stock(hospital, "kits"), 0, "on the road");
        ex.advance(3 * 60);
        assert_eq!(ex.stock(hospital, "kits"), held);
    }
}
