//! Supplies: stock at facilities, its regular resupply, its use by the work done, stock-outs,
//! and stock sent as aid, which travels before it arrives.

use serde::Serialize;

use super::{Audience, EventKind, Exercise, Place};
use crate::scenario::Point;

/// Speed of a courier carrying aid stock when no unit of the scenario carries it, in km/h
/// (a loaded van in city traffic; the same order as the scenarios' supply trucks).
pub(crate) const COURIER_SPEED_KMH: f64 = 40.0;
/// Time to pick, load and hand over a shipment, in minutes.
pub(crate) const LOADING_MINUTES: u32 = 60;

/// Stock on its way from one facility to another, without a unit.
#[derive(Debug, Clone, Serialize)]
pub struct Shipment {
    pub supply: String,
    pub quantity: u64,
    pub from: String,
    pub to: String,
    pub sent: u32,
    pub arrives: u32,
    /// The request for aid it answers.
    pub request: Option<u32>,
}

impl Exercise {
    /// Adds stock at a facility, saturating instead of wrapping around.
    pub(crate) fn add_stock(&mut self, facility: usize, supply: &str, quantity: u64) {
        let stock = self.facilities[facility]
            .stock
            .entry(supply.to_string())
            .or_default();
        *stock = stock.saturating_add(quantity);
    }

    /// Stock of a supply held at a facility.
    pub fn stock(&self, facility: usize, supply: &str) -> u64 {
        self.facilities[facility]
            .stock
            .get(supply)
            .copied()
            .unwrap_or(0)
    }

    /// The facility run by one of a team's agencies that holds the most of a supply (the
    /// first such facility when none holds any).
    pub fn best_stock_source(&self, team: &str, supply: &str) -> Option<usize> {
        self.scenario
            .facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.operator
                    .as_ref()
                    .is_some_and(|o| self.team_plays(team, o.as_str()))
            })
            .map(|(n, _)| n)
            .rev()
            .max_by_key(|&n| self.stock(n, supply))
    }

    /// Regular deliveries to the reserve, unless held back by a supply delay.
    pub(crate) fn resupply(&mut self) {
        let now = self.now;
        if now == 0 {
            return;
        }
        for supply in self.scenario.clone().supplies.iter() {
            let held_until = self
                .supply_delays
                .get(supply.id.as_str())
                .copied()
                .unwrap_or(0);
            for resupply in &supply.resupply {
                if !now.is_multiple_of(resupply.every.get().max(1)) || now < held_until {
                    continue;
                }
                if let Some(&f) = self.derived.facility_index.get(resupply.to.as_str()) {
                    self.add_stock(f, supply.id.as_str(), resupply.quantity);
                    self.emit(
                        Audience::Control,
                        EventKind::Resupplied {
                            facility: resupply.to.name.clone(),
                            supply: supply.id.name.clone(),
                            quantity: resupply.quantity,
                        },
                    );
                }
            }
        }
    }

    /// Takes up to `wanted` items of a supply for a unit: from its base facility, else from a
    /// facility in the district where it works. Returns what it got.
    pub(crate) fn take_supply(
        &mut self,
        unit: usize,
        district: usize,
        supply: &str,
        wanted: f64,
    ) -> f64 {
        let mut sources: Vec<usize> = Vec::new();
        if let Place::Facility(f) = self.units[unit].base {
            sources.push(f);
        }
        for (f, facility) in self.scenario.facilities.iter().enumerate() {
            if self.derived.district_index.get(facility.district.as_str()) == Some(&district)
                && !sources.contains(&f)
            {
                sources.push(f);
            }
        }
        let mut got = 0.0;
        for f in sources {
            if got >= wanted {
                break;
            }
            got += self.take_from(f, supply, wanted - got);
        }
        got
    }

    /// Takes up to `wanted` (whole) items of a supply from one facility; a stock that reaches
    /// zero is a stock-out. Returns what it got.
    pub(crate) fn take_from(&mut self, facility: usize, supply: &str, wanted: f64) -> f64 {
        let Some(stock) = self.facilities[facility].stock.get_mut(supply) else {
            return 0.0;
        };
        let take = wanted.min(*stock as f64).floor().max(0.0);
        *stock -= take as u64;
        if *stock == 0 && take > 0.0 {
            self.note_stock_out(facility, supply);
        }
        take
    }

    /// A facility just ran out of a supply: counted (city and facility) and announced.
    pub(crate) fn note_stock_out(&mut self, f: usize, supply: &str) {
        self.totals.stock_outs += 1;
        self.facilities[f].stock_outs += 1;
        let facility = self.scenario.facilities[f].id.name.clone();
        self.emit(
            Audience::Everyone,
            EventKind::StockOut {
                facility,
                supply: supply.to_string(),
            },
        );
    }

    /// Road time of a courier between two facilities, loading included.
    pub(crate) fn courier_minutes(&self, from: usize, to: usize) -> u32 {
        let from: Point = self.place_position(Place::Facility(from));
        self.travel_minutes(from, Place::Facility(to), COURIER_SPEED_KMH)
            .saturating_add(LOADING_MINUTES)
    }

    /// Sends stock by courier: it leaves `from` now and arrives after `minutes`.
    pub(crate) fn ship(
        &mut self,
        supply: &str,
        quantity: u64,
        from: usize,
        to: usize,
        minutes: u32,
        request: Option<u32>,
    ) {
        if let Some(stock) = self.facilities[from].stock.get_mut(supply) {
            *stock = stock.saturating_sub(quantity);
        }
        self.shipments.push(Shipment {
            supply: supply.to_string(),
            quantity,
            from: self.scenario.facilities[from].id.name.clone(),
            to: self.scenario.facilities[to].id.name.clone(),
            sent: self.now,
            arrives: self.now.saturating_add(minutes.max(1)),
            request,
        });
    }

    /// Stock sent from outside the city by an agency the control cell plays: nothing leaves
    /// any facility of the exercise, and it arrives after `minutes`.
    pub(crate) fn ship_from_outside(
        &mut self,
        supply: &str,
        quantity: u64,
        agency: &str,
        to: usize,
        minutes: u32,
        request: u32,
    ) {
        self.shipments.push(Shipment {
            supply: supply.to_string(),
            quantity,
            from: agency.to_string(),
            to: self.scenario.facilities[to].id.name.clone(),
            sent: self.now,
            arrives: self.now.saturating_add(minutes.max(1)),
            request: Some(request),
        });
    }

    /// Shipments that arrive now are added to their facility's stock.
    pub(crate) fn deliver_shipments(&mut self) {
        let now = self.now;
        let mut n = 0;
        while n < self.shipments.len() {
            if self.shipments[n].arrives > now {
                n += 1;
                continue;
            }
            let shipment = self.shipments.remove(n);
            if let Some(&f) = self.derived.facility_index.get(&shipment.to) {
                self.add_stock(f, &shipment.supply, shipment.quantity);
            }
            let audience = match shipment.request.and_then(|r| {
                self.requests
                    .iter()
                    .find(|q| q.number == r)
                    .map(|q| vec![q.from_team.clone(), q.to_team.clone()])
            }) {
                Some(teams) => Audience::Teams(teams),
                None => Audience::Control,
            };
            self.emit(
                audience,
                EventKind::Delivered {
                    unit: "courier".into(),
                    supply: shipment.supply,
                    quantity: shipment.quantity,
                    to: shipment.to,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    /// A delay in the supply chain holds the scheduled resupplies until it is over.
    #[test]
    fn a_supply_delay_holds_resupplies_until_it_is_over() {
        let mut ex = small(
            Mode::Expected,
            r#"kits.resupply: [(to: "clinic", quantity: 100, every: "1d")]"#,
        );
        let clinic = ex.derived.facility_index["clinic"];
        let start = ex.stock(clinic, "kits");
        let delay = r#"SupplyDelay((supply: "kits", delay: "2d12h"))"#;
        let node = crate::scenario::ron_tree::parse(delay).unwrap();
        let mut d = crate::scenario::decode::Decoder::default();
        use crate::scenario::decode::Decode;
        let effect = crate::scenario::Effect::decode(&node, &mut d).unwrap();
        ex.apply_effect(&effect, crate::sim::effects::Actor::Scenario);
        ex.advance(2 * 24 * 60);
        assert_eq!(ex.stock(clinic, "kits"), start, "held on days 1 and 2");
        ex.advance(24 * 60);
        assert_eq!(
            ex.stock(clinic, "kits"),
            start + 100,
            "day 3: the delay is over"
        );
    }

    #[test]
    fn a_shipment_arrives_after_its_travel_time_not_before() {
        let mut ex = small(Mode::Expected, "");
        let (lab, hospital) = (
            ex.derived.facility_index["lab"],
            ex.derived.facility_index["hospital"],
        );
        let before = ex.stock(lab, "kits");
        let minutes = ex.courier_minutes(lab, hospital);
        assert!(minutes > super::LOADING_MINUTES, "{minutes}");
        ex.ship("kits", 100, lab, hospital, minutes, None);
        assert_eq!(ex.stock(lab, "kits"), before - 100, "it leaves at once");
        ex.advance(minutes - 1);
        assert_eq!(ex.stock(hospital, "kits"), 0, "not there yet");
        ex.advance(1);
        assert_eq!(ex.stock(hospital, "kits"), 100);
        assert!(ex.shipments().is_empty());
    }

    #[test]
    fn a_jump_of_the_clock_stops_at_a_shipments_arrival() {
        let mut ex = small(Mode::Expected, "");
        let (lab, hospital) = (
            ex.derived.facility_index["lab"],
            ex.derived.facility_index["hospital"],
        );
        ex.advance(7);
        ex.ship("kits", 100, lab, hospital, 37, None);
        let events = ex.advance(24 * 60);
        let delivered: Vec<u32> = events
            .iter()
            .filter(|e| matches!(e.kind, crate::sim::EventKind::Delivered { .. }))
            .map(|e| e.at)
            .collect();
        assert_eq!(delivered, [44], "delivered at minute 7 + 37");
    }

    #[test]
    fn stock_saturates_instead_of_wrapping() {
        let mut ex = small(Mode::Expected, "");
        let lab = ex.derived.facility_index["lab"];
        ex.add_stock(lab, "kits", u64::MAX);
        assert_eq!(ex.stock(lab, "kits"), u64::MAX);
    }
}
