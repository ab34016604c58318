//! Units: where they are, how long they take to get somewhere, and the work they offer on site.
//!
//! A unit works where it was sent for the time it was given; every epidemic step its minutes
//! on site become an *offer* of work in that district (contacts traced, samples taken, patients
//! carried, households served …: `capacity` per `shift`). Each mechanic then takes the work it
//! has a use for with [`Exercise::do_work`], and a unit that consumes a supply uses one item per
//! unit of work actually done, so idle units use nothing.

use super::{Audience, EventKind, Exercise, Place, UnitStatus};
use crate::scenario::{Point, UnitRole};

/// Roles whose work is offered to the mechanics each step, in a fixed order.
pub(crate) const WORK_ROLES: [UnitRole; 6] = [
    UnitRole::Tracing,
    UnitRole::Testing,
    UnitRole::PatientTransport,
    UnitRole::Patrol,
    UnitRole::CommunitySupport,
    UnitRole::Disinfection,
];

pub(crate) fn role_slot(role: &UnitRole) -> Option<usize> {
    WORK_ROLES.iter().position(|r| r == role)
}

/// The work units offered during one step: for each district and role, the units and how much
/// each can do (before any supply it needs is checked).
#[derive(Default)]
pub(crate) struct Offers {
    /// (unit, amount), grouped by district and role in `ranges`.
    by_unit: Vec<(usize, f64)>,
    /// Work of each `by_unit` entry already done this step (as `f64` bits): what a district's
    /// units did for it is not offered again to the places inside it. Atomic only so that the
    /// exercise stays `Sync`; one thread uses it.
    used: Vec<std::sync::atomic::AtomicU64>,
    /// For district d and role slot r, `ranges[d * WORK_ROLES.len() + r]` indexes `by_unit`.
    ranges: Vec<(u32, u32)>,
    /// Scratch: (district, role slot, unit, amount) before grouping.
    scratch: Vec<(usize, usize, usize, f64)>,
    /// Work offered at facilities (officers at a clinic's door): (facility, role slot, amount).
    at_facility: Vec<(usize, usize, f64)>,
}

impl Offers {
    /// Total work offered in a district for a role.
    pub fn total(&self, district: usize, role: &UnitRole) -> f64 {
        self.units(district, role).iter().map(|(_, a)| a).sum()
    }

    /// Work of a role offered at each facility where some was: (facility, amount).
    pub fn at_facilities(&self, role: &UnitRole) -> Vec<(usize, f64)> {
        let Some(slot) = role_slot(role) else {
            return Vec::new();
        };
        self.at_facility
            .iter()
            .filter(|(_, s, _)| *s == slot)
            .map(|(f, _, amount)| (*f, *amount))
            .collect()
    }

    fn used(&self, k: usize) -> f64 {
        f64::from_bits(self.used[k].load(std::sync::atomic::Ordering::Relaxed))
    }

    fn add_used(&self, k: usize, amount: f64) {
        let total = self.used(k) + amount;
        self.used[k].store(total.to_bits(), std::sync::atomic::Ordering::Relaxed);
    }

    fn units(&self, district: usize, role: &UnitRole) -> &[(usize, f64)] {
        let (a, b) = self.range(district, role);
        &self.by_unit[a..b]
    }

    /// The `by_unit` entries of a district and role.
    fn range(&self, district: usize, role: &UnitRole) -> (usize, usize) {
        let Some(slot) = role_slot(role) else {
            return (0, 0);
        };
        match self.ranges.get(district * WORK_ROLES.len() + slot) {
            Some(&(a, b)) => (a as usize, b as usize),
            None => (0, 0),
        }
    }
}

impl Exercise {
    /// Moves units whose trip or work ends now.
    pub(crate) fn move_units(&mut self) {
        let now = self.now;
        for n in 0..self.units.len() {
            match self.units[n].status.clone() {
                UnitStatus::Travelling {
                    to, arrive, work, ..
                } if arrive <= now => {
                    let name = self.place_name(to);
                    let id = self.units[n].id.clone();
                    if let Some((supply, quantity)) = self.units[n].cargo.take() {
                        if let Place::Facility(f) = to {
                            self.add_stock(f, &supply, quantity);
                        }
                        let audience = self.unit_audience(n);
                        self.emit(
                            audience,
                            EventKind::Delivered {
                                unit: id,
                                supply,
                                quantity,
                                to: name,
                            },
                        );
                        self.start_return(n);
                    } else {
                        self.units[n].status = UnitStatus::Working {
                            place: to,
                            since: now,
                            until: now.saturating_add(work),
                        };
                        self.units[n].accrued_until = now;
                        let audience = self.unit_audience(n);
                        self.emit(
                            audience,
                            EventKind::UnitArrived {
                                unit: id,
                                at_place: name,
                            },
                        );
                    }
                }
                UnitStatus::Working { place, until, .. } if until <= now => {
                    self.accrue(n);
                    let audience = self.unit_audience(n);
                    let unit = self.units[n].id.clone();
                    self.emit(
                        audience,
                        EventKind::UnitFinished {
                            unit,
                            at_place: self.place_name(place),
                        },
                    );
                    self.start_return(n);
                }
                UnitStatus::Returning { arrive, .. } if arrive <= now => {
                    self.units[n].status = UnitStatus::AtBase;
                    let audience = self.unit_audience(n);
                    let unit = self.units[n].id.clone();
                    self.emit(audience, EventKind::UnitReturned { unit });
                }
                _ => {}
            }
        }
    }

    /// Work (or cargo) one shift of a unit does: its resource type's capacity per person.
    pub fn unit_capacity(&self, n: usize) -> f64 {
        let unit = &self.units[n];
        f64::from(self.scenario.resource_types[unit.resource].capacity) * f64::from(unit.people)
    }

    /// Refuses an order to a unit that is out of service.
    pub(crate) fn check_in_service(&self, n: usize) -> Result<(), super::CommandError> {
        match &self.units[n].out_of_service {
            None => Ok(()),
            Some((until, reason)) => {
                let unit = &self.units[n].id;
                // The reason is the scenario's text, in its author's words.
                let because = if reason.is_empty() {
                    crate::i18n::Message::verbatim("")
                } else {
                    crate::msg!("out-of-service-because", reason = reason)
                };
                Err(super::CommandError(if *until == u32::MAX {
                    crate::msg!("refused-out-of-service", unit = unit, because = because)
                } else {
                    crate::msg!(
                        "refused-out-of-service-until",
                        unit = unit,
                        because = because,
                        until = self.clock_arg(*until)
                    )
                }))
            }
        }
    }

    /// Units named by unit or group id, in the order named, each once.
    fn units_named(&self, ids: &[crate::scenario::Id]) -> Vec<usize> {
        let mut found = Vec::new();
        for id in ids {
            let mut add = |n: usize| {
                if !found.contains(&n) {
                    found.push(n);
                }
            };
            if let Some(&n) = self.derived.unit_index.get(id.as_str()) {
                add(n);
            } else if let Some(group) = self.scenario.units.iter().find(|g| g.id == *id) {
                for unit in crate::scenario::Scenario::unit_ids(group) {
                    if let Some(&n) = self.derived.unit_index.get(&unit) {
                        add(n);
                    }
                }
            }
        }
        found
    }

    /// Units fall out of service: those at their base first (the sick stay home), then those
    /// out, which stop work and go home. Their cargo goes back to base.
    pub(crate) fn units_out(&mut self, e: &crate::scenario::UnitsOut) {
        let mut candidates: Vec<usize> = self
            .units_named(&e.units)
            .into_iter()
            .filter(|&n| self.units[n].out_of_service.is_none())
            .collect();
        candidates.sort_by_key(|&n| !matches!(self.units[n].status, UnitStatus::AtBase));
        candidates.truncate(e.count.map_or(usize::MAX, |c| c as usize));
        if candidates.is_empty() {
            return;
        }
        let until = e
            .duration
            .map_or(u32::MAX, |d| self.now.saturating_add(d.get()));
        let mut names = Vec::new();
        for &n in &candidates {
            if !matches!(self.units[n].status, UnitStatus::AtBase) {
                self.accrue(n);
                if let (Some((supply, quantity)), Place::Facility(f)) =
                    (self.units[n].cargo.take(), self.units[n].base)
                {
                    self.add_stock(f, &supply, quantity);
                }
                self.units[n].status = UnitStatus::AtBase;
            }
            self.units[n].out_of_service = Some((until, e.reason.clone()));
            names.push(self.units[n].id.clone());
        }
        let mut teams: Vec<String> = Vec::new();
        for &n in &candidates {
            if let Audience::Teams(t) = self.unit_audience(n) {
                for team in t {
                    if !teams.contains(&team) {
                        teams.push(team);
                    }
                }
            }
        }
        self.emit(
            Audience::Teams(teams),
            EventKind::UnitsOutOfService {
                units: names,
                until: (until != u32::MAX).then_some(until),
                reason: e.reason.clone(),
            },
        );
    }

    /// Units out of service come back (those out longest first).
    pub(crate) fn units_back(&mut self, e: &crate::scenario::UnitsBack) {
        let back: Vec<usize> = self
            .units_named(&e.units)
            .into_iter()
            .filter(|&n| self.units[n].out_of_service.is_some())
            .take(e.count.map_or(usize::MAX, |c| c as usize))
            .collect();
        self.return_to_service(&back);
    }

    /// Units whose time out of service is over.
    pub(crate) fn units_back_in_service(&mut self) {
        let now = self.now;
        let back: Vec<usize> = (0..self.units.len())
            .filter(|&n| {
                self.units[n]
                    .out_of_service
                    .as_ref()
                    .is_some_and(|(until, _)| *until <= now)
            })
            .collect();
        self.return_to_service(&back);
    }

    fn return_to_service(&mut self, units: &[usize]) {
        if units.is_empty() {
            return;
        }
        let mut teams: Vec<String> = Vec::new();
        for &n in units {
            self.units[n].out_of_service = None;
            if let Audience::Teams(t) = self.unit_audience(n) {
                for team in t {
                    if !teams.contains(&team) {
                        teams.push(team);
                    }
                }
            }
        }
        let names = units.iter().map(|&n| self.units[n].id.clone()).collect();
        self.emit(
            Audience::Teams(teams),
            EventKind::UnitsBackInService { units: names },
        );
    }

    /// Teams that follow a unit: its agency's team and a borrower.
    pub(crate) fn unit_audience(&self, n: usize) -> Audience {
        let u = &self.units[n];
        let mut teams: Vec<String> = self
            .scenario
            .team_of_agency(&u.agency)
            .map(|t| t.id.name.clone())
            .into_iter()
            .collect();
        if let Some(borrower) = &u.loaned_to
            && !teams.contains(borrower)
        {
            teams.push(borrower.clone());
        }
        Audience::Teams(teams)
    }

    pub(crate) fn start_return(&mut self, n: usize) {
        let from = self.unit_position(n);
        let speed = self.scenario.resource_types[self.units[n].resource]
            .speed_kmh
            .get();
        let base = self.units[n].base;
        let arrive = self
            .now
            .saturating_add(self.travel_minutes(from, base, speed));
        self.units[n].status = UnitStatus::Returning {
            from: (from.x, from.y),
            depart: self.now,
            arrive,
        };
    }

    /// Adds the minutes a working unit has worked since it was last counted.
    pub(crate) fn accrue(&mut self, n: usize) {
        if let UnitStatus::Working {
            place,
            since,
            until,
        } = self.units[n].status
        {
            let from = self.units[n].accrued_until.max(since);
            let to = self.now.min(until);
            if to > from {
                self.pending_work.push((n, place, f64::from(to - from)));
            }
            self.units[n].accrued_until = to.max(from);
        }
    }

    /// Gathers the work every unit offered over the step just ended, per district and role.
    pub(crate) fn collect_offers(&mut self, offers: &mut Offers) {
        for n in 0..self.units.len() {
            self.accrue(n);
        }
        offers.scratch.clear();
        offers.at_facility.clear();
        for (n, place, minutes) in std::mem::take(&mut self.pending_work) {
            let resource = &self.scenario.resource_types[self.units[n].resource];
            let Some(slot) = role_slot(&resource.role) else {
                continue;
            };
            let amount = minutes / f64::from(resource.shift.get().max(1)) * self.unit_capacity(n);
            offers
                .scratch
                .push((self.work_node(place), slot, n, amount));
            if let Place::Facility(f) = place {
                offers.at_facility.push((f, slot, amount));
            }
        }
        // Grouped by district and role; within a group, by unit, so work is shared out in a
        // fixed order whatever the order of the units' trips.
        offers.scratch.sort_by(|a, b| {
            (a.0, a.1, a.2)
                .cmp(&(b.0, b.1, b.2))
                .then(a.3.total_cmp(&b.3))
        });
        offers.by_unit.clear();
        offers.ranges.clear();
        offers
            .ranges
            .resize(self.districts.len() * WORK_ROLES.len(), (0, 0));
        let mut start = 0;
        while start < offers.scratch.len() {
            let (district, slot, _, _) = offers.scratch[start];
            let first = offers.by_unit.len() as u32;
            let mut end = start;
            while end < offers.scratch.len()
                && offers.scratch[end].0 == district
                && offers.scratch[end].1 == slot
            {
                let (_, _, unit, amount) = offers.scratch[end];
                // One unit may have worked twice in a step (sent back to the same place).
                let in_group = offers.by_unit.len() as u32 > first;
                match offers.by_unit.last_mut() {
                    Some((last, sum)) if in_group && *last == unit => *sum += amount,
                    _ => offers.by_unit.push((unit, amount)),
                }
                end += 1;
            }
            offers.ranges[district * WORK_ROLES.len() + slot] =
                (first, offers.by_unit.len() as u32);
            start = end;
        }
        offers.used.clear();
        offers
            .used
            .resize_with(offers.by_unit.len(), Default::default);
    }

    /// Has the units offering a role's work in a district do up to `wanted` of it, in unit
    /// order; a unit that consumes a supply needs one item per unit of work (from its base, or
    /// a facility in the district) and stops short without it. Returns the work done.
    pub(crate) fn do_work(
        &mut self,
        offers: &Offers,
        district: usize,
        role: &UnitRole,
        wanted: f64,
    ) -> f64 {
        let mut done = 0.0;
        // A place's own units first; then what its district's units have left (a tracer
        // working a district reaches the contacts of the school inside it).
        let (a, b) = offers.range(district, role);
        let shared = if district >= self.derived.district_count {
            offers.range(self.district_of(district), role)
        } else {
            (0, 0)
        };
        for k in (a..b).chain(shared.0..shared.1) {
            let (unit, offered) = offers.by_unit[k];
            let left = wanted - done;
            if left <= 1e-9 {
                break;
            }
            let want = (offered - offers.used(k)).max(0.0).min(left);
            if want <= 0.0 {
                continue;
            }
            let resource = &self.scenario.resource_types[self.units[unit].resource];
            let supply_district = self.district_of(district);
            let got = match resource.consumes.clone() {
                Some(supply) => {
                    let got = self.take_supply(unit, supply_district, supply.as_str(), want.ceil());
                    if got + 1e-9 < want.ceil() {
                        let id = self.units[unit].id.clone();
                        let audience = self.unit_audience(unit);
                        self.emit(
                            audience,
                            EventKind::UnitIdle {
                                unit: id,
                                reason: crate::msg!(
                                    "event-short-of",
                                    supply = supply.as_str(),
                                    got = got,
                                    needed = want.ceil()
                                ),
                            },
                        );
                    }
                    got.min(want)
                }
                None => want,
            };
            offers.add_used(k, got);
            done += got;
        }
        done
    }

    /// Where a unit is now, on the map.
    pub fn unit_position(&self, unit: usize) -> Point {
        let u = &self.units[unit];
        let lerp = |from: (f64, f64), to: Point, depart: u32, arrive: u32| {
            let span = arrive.saturating_sub(depart).max(1) as f64;
            let f = (self.now.saturating_sub(depart) as f64 / span).clamp(0.0, 1.0);
            Point {
                x: from.0 + (to.x - from.0) * f,
                y: from.1 + (to.y - from.1) * f,
            }
        };
        match &u.status {
            UnitStatus::AtBase => self.place_position(u.base),
            UnitStatus::Working { place, .. } => self.place_position(*place),
            UnitStatus::Travelling {
                from,
                to,
                depart,
                arrive,
                ..
            } => lerp(*from, self.place_position(*to), *depart, *arrive),
            UnitStatus::Returning {
                from,
                depart,
                arrive,
            } => lerp(*from, self.place_position(u.base), *depart, *arrive),
        }
    }

    pub fn place_position(&self, place: Place) -> Point {
        match place {
            Place::District(d) => self.scenario.city.districts[d].position,
            Place::Facility(f) => {
                let facility = &self.scenario.facilities[f];
                facility.position.unwrap_or_else(|| {
                    self.scenario
                        .district(facility.district.as_str())
                        .map(|d| d.position)
                        .unwrap_or_default()
                })
            }
        }
    }

    /// A district or facility by id.
    pub fn place_index(&self, id: &str) -> Option<Place> {
        super::place_of(&self.derived, id)
    }

    pub fn place_name(&self, place: Place) -> String {
        match place {
            Place::District(d) => self.scenario.city.districts[d].id.name.clone(),
            Place::Facility(f) => self.scenario.facilities[f].id.name.clone(),
        }
    }

    /// The district a place lies in.
    pub fn place_district(&self, place: Place) -> usize {
        match place {
            Place::District(d) => d,
            Place::Facility(f) => self
                .derived
                .district_index
                .get(self.scenario.facilities[f].district.as_str())
                .copied()
                .unwrap_or(0),
        }
    }

    /// The population a unit's work on site serves: a place's own people when it has some,
    /// else the district the place lies in.
    pub(crate) fn work_node(&self, place: Place) -> usize {
        if let Place::Facility(f) = place
            && let Some(node) = (self.derived.district_count..self.derived.nodes.len())
                .find(|&n| self.derived.nodes[n].facility == Some(f))
        {
            return node;
        }
        self.place_district(place)
    }

    /// Travel time in minutes between two map points, with road closures at either end.
    pub(crate) fn travel_minutes(&self, from: Point, to: Place, speed_kmh: f64) -> u32 {
        let district = &self.districts[self.place_district(to)];
        let slowdown = if district.road_closed_until > self.now {
            district.road_slowdown
        } else {
            1.0
        };
        let km = from.distance_km(self.place_position(to)) * self.scenario.city.road_factor.get();
        ((km / speed_kmh * 60.0 * slowdown).ceil() as u32).max(1)
    }

    /// Whether a unit of a team is on its way to, or working at, a place (for an inject that
    /// asks for what is already there).
    pub(crate) fn unit_at_or_bound_for(&self, team: &str, role: &UnitRole, place: Place) -> bool {
        self.units.iter().any(|u| {
            let here = match u.status {
                UnitStatus::Travelling { to, .. } => to == place,
                UnitStatus::Working { place: p, .. } => p == place,
                _ => false,
            };
            here && (self.team_plays(team, &u.agency) || u.loaned_to.as_deref() == Some(team))
                && &self.scenario.resource_types[u.resource].role == role
        })
    }
}

impl Exercise {
    /// Whether a team commands a unit: one of its agencies' own, or one lent to it.
    pub fn commands_unit(&self, team: &str, unit: usize) -> bool {
        self.units.get(unit).is_some_and(|u| {
            self.team_plays(team, &u.agency) || u.loaned_to.as_deref() == Some(team)
        })
    }

    /// Units a view may see: every unit for the control cell (`None`), a team's own and lent
    /// units otherwise.
    pub fn units_visible_to(&self, team: Option<&str>) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&n| team.is_none_or(|t| self.commands_unit(t, n)))
            .collect()
    }

    /// How long a unit works on site when a dispatch does not say: one shift of its type.
    pub fn default_work_minutes(&self, unit: usize) -> u32 {
        self.units
            .get(unit)
            .map_or(0, |u| self.scenario.resource_types[u.resource].shift.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// A unit on the road is shown along the straight line between where it left and where it
    /// goes, in proportion to the time travelled.
    #[test]
    fn a_travelling_unit_is_shown_along_its_way() {
        let mut ex = small(Mode::Expected, "");
        let n = ex.derived.unit_index["patrol-1"];
        ex.apply(command(
            r#"Dispatch(team: "police-team", unit: "patrol-1", to: "south")"#,
        ))
        .unwrap();
        let UnitStatus::Travelling { depart, arrive, .. } = ex.units[n].status else {
            panic!("{:?}", ex.units[n].status);
        };
        // North is at (0, 0), south at (0, 20).
        ex.advance(depart + (arrive - depart) / 3);
        let share = f64::from(ex.now() - depart) / f64::from(arrive - depart);
        let on_the_way = ex.unit_position(n);
        assert!(
            on_the_way.x.abs() < 1e-9 && (on_the_way.y - 20.0 * share).abs() < 1e-9,
            "{on_the_way:?} at {share}"
        );
        assert!(share > 0.2 && share < 0.5);
    }

    /// Who commands which unit, who sees which on the map, and how long a dispatch without a
    /// stated work lasts: questions the views ask the engine rather than answer themselves.
    #[test]
    fn a_team_commands_and_sees_its_own_and_lent_units() {
        let mut ex = small(Mode::Expected, "");
        let unit = |ex: &Exercise, id: &str| ex.derived.unit_index[id];
        let testers = unit(&ex, "testers");
        let truck = unit(&ex, "truck");
        assert!(ex.commands_unit("health-team", testers));
        assert!(!ex.commands_unit("police-team", testers));
        assert!(ex.commands_unit("police-team", truck));
        assert!(!ex.commands_unit("health-team", ex.units.len()));
        assert_eq!(ex.units_visible_to(None).len(), ex.units.len());
        let police: Vec<usize> = ex.units_visible_to(Some("police-team"));
        assert!(police.contains(&truck) && !police.contains(&testers));
        assert!(
            police.iter().all(|&n| ex.units[n].agency == "police"),
            "{police:?}"
        );
        ex.units[testers].loaned_to = Some("police-team".into());
        assert!(ex.commands_unit("police-team", testers));
        assert!(ex.units_visible_to(Some("police-team")).contains(&testers));
        assert!(ex.units_visible_to(Some("nobody")).is_empty());

        let ambulance = unit(&ex, "ambulance");
        assert_eq!(ex.default_work_minutes(ambulance), 120, "its type's shift");
        assert_eq!(ex.default_work_minutes(testers), 8 * 60);
        assert_eq!(ex.default_work_minutes(ex.units.len()), 0);
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "ambulance", to: "north")"#,
        ))
        .unwrap();
        let arrive = match ex.units[ambulance].status {
            UnitStatus::Travelling { arrive, .. } => arrive,
            ref other => panic!("{other:?}"),
        };
        ex.advance_to(arrive + 60);
        assert!(
            matches!(ex.units[ambulance].status, UnitStatus::Working { until, .. } if until == arrive + 120),
            "{:?}",
            ex.units[ambulance].status
        );
    }

    /// A testing unit that works a whole day offers capacity × minutes ÷ shift; a mechanic
    /// that wants less gets less, and kits go with the work done, not the hours.
    #[test]
    fn units_offer_work_by_the_minute_and_use_supplies_by_the_work_done() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "testers", to: "north", work: "1d")"#,
        ))
        .unwrap();
        // Travel then work: advance to a moment when the unit has worked 4 hours.
        let arrive = match ex.units()[ex.derived.unit_index["testers"]].status {
            UnitStatus::Travelling { arrive, .. } => arrive,
            ref other => panic!("{other:?}"),
        };
        ex.now = arrive;
        ex.move_units();
        ex.now = arrive + 240;
        let mut offers = Offers::default();
        ex.collect_offers(&mut offers);
        let north = ex.derived.district_index["north"];
        // capacity 100 per 8-hour shift: 4 hours offer 50.
        assert!((offers.total(north, &UnitRole::Testing) - 50.0).abs() < 1e-9);
        assert_eq!(offers.total(north, &UnitRole::Tracing), 0.0);
        let kits_before = ex.facilities()[ex.derived.facility_index["lab"]].stock["kits"];
        let done = ex.do_work(&offers, north, &UnitRole::Testing, 20.0);
        assert!((done - 20.0).abs() < 1e-9);
        let kits_after = ex.facilities()[ex.derived.facility_index["lab"]].stock["kits"];
        assert_eq!(kits_before - kits_after, 20, "one kit per sample taken");
        // What is left of the offer, and no more.
        let more = ex.do_work(&offers, north, &UnitRole::Testing, 40.0);
        assert!((more - 30.0).abs() < 1e-9, "{more}");
    }

    #[test]
    fn a_unit_without_its_supply_does_only_what_its_stock_allows() {
        let mut ex = small(
            Mode::Expected,
            r#"lab.stock: {"kits": 7}
            depot.stock: {"kits": 0}"#,
        );
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "testers", to: "north", work: "1d")"#,
        ))
        .unwrap();
        ex.advance(18 * 60);
        assert_eq!(ex.totals().samples_taken, 7.0);
        assert!(
            ex.events()
                .iter()
                .any(|e| matches!(&e.kind, EventKind::UnitIdle { reason, .. } if reason.to_string().contains("short of kits")))
        );
    }

    /// A unit short of its supply at base takes it from a facility in the district it works
    /// in: the testers, with none left at the laboratory, use the north depot's kits.
    #[test]
    fn a_unit_takes_its_supply_from_its_district_when_its_base_has_none() {
        let mut ex = small(
            Mode::Expected,
            r#"lab.stock: {"kits": 0}
            depot.stock: {"kits": 30}"#,
        );
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "testers", to: "north", work: "1d")"#,
        ))
        .unwrap();
        ex.advance(18 * 60);
        assert_eq!(ex.totals().samples_taken, 30.0);
        let depot = ex.derived.facility_index["depot"];
        assert_eq!(ex.stock(depot, "kits"), 0);
    }

    fn effect(ex: &mut crate::sim::Exercise, text: &str) {
        use crate::scenario::decode::Decode;
        let node = crate::scenario::ron_tree::parse(text).unwrap();
        let mut d = crate::scenario::decode::Decoder::default();
        let effect = crate::scenario::Effect::decode(&node, &mut d).unwrap();
        ex.apply_effect(&effect, crate::sim::effects::Actor::Scenario);
    }

    /// Field workers falling sick: those at base go first, a busy one stops and goes home, and
    /// orders to them are refused until they are back.
    #[test]
    fn units_out_of_service_cannot_be_ordered_until_back() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "south")"#,
        ))
        .unwrap();
        effect(
            &mut ex,
            r#"UnitsOut((units: ["tracers"], count: 1, duration: "1d", reason: "staff sick"))"#,
        );
        let out: Vec<&str> = ex
            .units()
            .iter()
            .filter(|u| u.out_of_service.is_some())
            .map(|u| u.id.as_str())
            .collect();
        assert_eq!(out, ["tracers-2"], "the one at base first");
        let refused = ex
            .apply(command(
                r#"Dispatch(team: "health-team", unit: "tracers-2", to: "south")"#,
            ))
            .unwrap_err();
        assert!(
            refused
                .0
                .to_string()
                .contains("out of service (staff sick) until D2 08:00"),
            "{refused}"
        );
        effect(&mut ex, r#"UnitsOut((units: ["tracers-1"]))"#);
        assert_eq!(ex.units()[0].status, UnitStatus::AtBase, "stopped and home");
        assert_eq!(ex.units()[0].out_of_service.as_ref().unwrap().0, u32::MAX);
        ex.advance(24 * 60);
        assert!(ex.units()[1].out_of_service.is_none(), "back after a day");
        assert!(ex.units()[0].out_of_service.is_some(), "until brought back");
        effect(&mut ex, r#"UnitsBack((units: ["tracers"]))"#);
        assert!(ex.units().iter().all(|u| u.out_of_service.is_none()));
    }

    /// A unit standing for 25 people does 25 people's work.
    #[test]
    fn a_unit_of_many_people_works_for_them_all() {
        let one = small(Mode::Expected, "");
        let many = small(
            Mode::Expected,
            r#"extra.units: (id: "grid-team", resource: "grid", agency: "health", base: "north", people: 25)"#,
        );
        let n = many.derived.unit_index["grid-team"];
        let grid = one.derived.unit_index["grid"];
        assert_eq!(many.unit_capacity(n), 25.0 * one.unit_capacity(grid));
    }
}
