//! Places with their own people inside a district: a boarding school of 2,400, a cold-storage
//! terminal's workers, a market's vendors and regulars. A facility that declares `people` is a
//! population of its own (its own compartments, so an outbreak there stays there until it
//! spreads), counted in the population of the districts its people live in.
//!
//! Its people spend `hours_per_day` at the place, where they meet `contact_intensity` times as
//! many close contacts per hour as on an ordinary day, and the rest of the day at home in
//! their districts (`homes`), mixing there like anyone else and carrying infection both ways.
//! Closing it sends them home for the whole day; opening it brings them back. Measures of the
//! place's district (and its contact changes) apply there too; its people's trust and
//! compliance are the district's.
//!
//! The engine holds places after the districts in the same list (`Exercise::districts`), so
//! detection, tracing and care work there as anywhere; views that show districts fold a place
//! into its district (`Exercise::district_of`).

use serde::Serialize;

use super::Exercise;
use crate::scenario::{AgeShares, Point, Scenario};

/// Hours in a day, for the share of it spent at a place.
const HOURS_PER_DAY: f64 = 24.0;

/// A population the engine simulates: a district, or a place with its own people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: String,
    pub name: String,
    /// People living here at the start.
    pub population: f64,
    pub position: Point,
    /// The district it is in (itself, for a district).
    pub district: usize,
    /// The facility it is, for a place.
    pub facility: Option<usize>,
    /// The scenario's zone it is, for a zone (`zones.rs`).
    pub zone: Option<usize>,
    /// Close contacts per hour relative to an ordinary day (1 for a district).
    pub contact_intensity: f64,
    pub age_shares: AgeShares,
}

/// The populations of a scenario: its districts, then its places with people, and where the
/// places' people spend the rest of the day (open) or the whole day (closed).
pub(crate) struct Nodes {
    pub nodes: Vec<Node>,
    pub district_count: usize,
    /// For each place (node index): (home district, share of the day there) while it is open
    /// and while it is closed.
    pub open_rows: Vec<(usize, Vec<(usize, f64)>)>,
    pub closed_rows: Vec<(usize, Vec<(usize, f64)>)>,
}

/// Where a place's people live: its `homes` shares (normalised), else its own district.
fn homes_of(
    facility: &crate::scenario::Facility,
    district_index: &std::collections::BTreeMap<String, usize>,
    own: usize,
) -> Vec<(usize, f64)> {
    let listed: Vec<(usize, f64)> = facility
        .homes
        .iter()
        .filter_map(|h| {
            district_index
                .get(h.district.as_str())
                .map(|&d| (d, h.share.get()))
        })
        .filter(|(_, share)| *share > 0.0)
        .collect();
    let total: f64 = listed.iter().map(|(_, s)| s).sum();
    if listed.is_empty() || total <= 0.0 {
        return vec![(own, 1.0)];
    }
    listed.into_iter().map(|(d, s)| (d, s / total)).collect()
}

pub(crate) fn nodes(
    scenario: &Scenario,
    district_index: &std::collections::BTreeMap<String, usize>,
) -> Nodes {
    let mut nodes: Vec<Node> = scenario
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(d, district)| Node {
            id: district.id.name.clone(),
            name: district.name.clone(),
            population: district.population as f64,
            position: district.position,
            district: d,
            facility: None,
            zone: None,
            contact_intensity: 1.0,
            age_shares: district
                .age_shares
                .clone()
                .unwrap_or_else(|| scenario.city.age_shares.clone()),
        })
        .collect();
    let district_count = nodes.len();
    let mut open_rows = Vec::new();
    let mut closed_rows = Vec::new();
    for (f, facility) in scenario.facilities.iter().enumerate() {
        if facility.people == 0 {
            continue;
        }
        let Some(&d) = district_index.get(facility.district.as_str()) else {
            continue;
        };
        let people = f64::from(facility.people);
        let homes = homes_of(facility, district_index, d);
        // Its people are counted in the districts they live in: they leave those counts.
        for &(home, share) in &homes {
            nodes[home].population = (nodes[home].population - people * share).max(0.0);
        }
        let at_place = (facility.hours_per_day.get() / HOURS_PER_DAY).clamp(0.0, 1.0);
        let n = nodes.len();
        open_rows.push((
            n,
            homes
                .iter()
                .map(|&(home, share)| (home, share * (1.0 - at_place)))
                .filter(|(_, v)| *v > 0.0)
                .collect(),
        ));
        closed_rows.push((n, homes.clone()));
        let district_shares = nodes[d].age_shares.clone();
        nodes.push(Node {
            id: facility.id.name.clone(),
            name: facility.name.clone(),
            population: people,
            position: facility
                .position
                .unwrap_or(scenario.city.districts[d].position),
            district: d,
            facility: Some(f),
            zone: None,
            contact_intensity: facility.contact_intensity.get(),
            age_shares: facility.age_shares.clone().unwrap_or(district_shares),
        });
    }
    // Zones last: their residents live there, and leave their district's count.
    for (z, zone) in scenario.zones.iter().enumerate() {
        let Some(&d) = district_index.get(zone.district.as_str()) else {
            continue;
        };
        let people = f64::from(zone.population).min(nodes[d].population);
        nodes[d].population -= people;
        let age_shares = nodes[d].age_shares.clone();
        nodes.push(Node {
            id: zone.id.name.clone(),
            name: zone.name.clone(),
            population: people,
            position: zone.position.unwrap_or(scenario.city.districts[d].position),
            district: d,
            facility: None,
            zone: Some(z),
            contact_intensity: 1.0,
            age_shares,
        });
    }
    Nodes {
        nodes,
        district_count,
        open_rows,
        closed_rows,
    }
}

impl Exercise {
    /// The populations the engine simulates, districts first, then places with people, in
    /// the order of `districts()`.
    pub fn nodes(&self) -> &[Node] {
        &self.derived.nodes
    }

    /// Number of districts (the first entries of `districts()`; places follow).
    pub fn district_count(&self) -> usize {
        self.derived.district_count
    }

    /// The district a population belongs to (itself for a district, its district for a place).
    pub fn district_of(&self, node: usize) -> usize {
        self.derived.nodes[node].district
    }

    /// A district and the places with people inside it.
    pub fn district_and_places(&self, district: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.derived.nodes.len()).filter(move |&n| self.derived.nodes[n].district == district)
    }

    /// A figure of a district with its places' (confirmed cases, infections …).
    pub fn district_total(
        &self,
        district: usize,
        figure: impl Fn(&super::DistrictState) -> f64,
    ) -> f64 {
        self.district_and_places(district)
            .map(|n| figure(&self.districts[n]))
            .sum()
    }

    /// The population a district's, a place's or a zone's id names (cases and contacts are put
    /// there).
    pub(crate) fn node_index(&self, id: &str) -> Option<usize> {
        if let Some(&d) = self.derived.district_index.get(id) {
            return Some(d);
        }
        if let Some(f) = self.derived.facility_index.get(id) {
            return (self.derived.district_count..self.derived.nodes.len())
                .find(|&n| self.derived.nodes[n].facility == Some(*f));
        }
        (self.derived.district_count..self.derived.nodes.len())
            .find(|&n| self.derived.nodes[n].zone.is_some() && self.derived.nodes[n].id == id)
    }

    /// Whether a place's people spend their day there now (it is open).
    pub(crate) fn place_open(&self, node: usize) -> bool {
        self.derived.nodes[node]
            .facility
            .is_none_or(|f| self.facilities[f].open)
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::epidemic::Infected;
    use crate::sim::test_support::small;

    const SCHOOL: &str = r#"extra.facilities: (id: "school", name: "Boarding school", kind: School, district: "north", people: 2000, hours_per_day: 24.0, contact_intensity: 3.0, homes: [(district: "north", share: 0.5), (district: "south", share: 0.5)], age_shares: (children: 0.95, adults: 0.05, older: 0.0), operator: "health")"#;

    fn infected_at_school(ex: &mut crate::sim::Exercise) -> usize {
        let school = ex.district_count();
        ex.districts[school].epi.s -= 20.0;
        ex.districts[school].epi.i = Infected::new_at(20.0, 0.0);
        school
    }

    #[test]
    fn a_place_holds_its_people_taken_from_the_districts_they_live_in() {
        let ex = small(Mode::Expected, SCHOOL);
        assert_eq!(ex.district_count(), 2);
        assert_eq!(ex.nodes().len(), 3);
        let school = &ex.nodes()[2];
        assert_eq!((school.population, school.district), (2000.0, 0));
        let plain = small(Mode::Expected, "");
        assert_eq!(ex.total_people(), plain.total_people(), "nobody added");
        assert_eq!(
            ex.districts()[1].epi.s,
            plain.districts()[1].epi.s - 1000.0,
            "half live in the south"
        );
    }

    /// An outbreak at a boarding school grows there; closing it sends its people home, where
    /// it spreads to the districts they live in, and it stops growing at the school.
    #[test]
    fn closing_a_boarding_school_moves_its_outbreak_home() {
        let run = |close: bool| {
            let mut ex = small(Mode::Expected, SCHOOL);
            let school = infected_at_school(&mut ex);
            if close {
                ex.apply(crate::sim::test_support::command(
                    r#"CloseFacility(team: "health-team", facility: "school")"#,
                ))
                .unwrap();
            }
            ex.advance(5 * 24 * 60);
            (
                ex.districts()[school].infections,
                ex.districts()[1].infections,
            )
        };
        let (open_school, open_south) = run(false);
        let (closed_school, closed_south) = run(true);
        assert!(
            closed_school < 0.6 * open_school,
            "{closed_school} vs {open_school}"
        );
        assert!(
            closed_south > open_south,
            "at home all day, they infect their districts more: {closed_south} vs {open_south}"
        );
    }

    #[test]
    fn a_day_school_sends_its_people_home_for_the_evening() {
        let day_school = SCHOOL.replace("hours_per_day: 24.0", "hours_per_day: 8.0");
        let spread_home = |text: &str| {
            let mut ex = small(Mode::Expected, text);
            infected_at_school(&mut ex);
            ex.advance(3 * 24 * 60);
            ex.districts()[1].infections
        };
        assert!(spread_home(&day_school) > spread_home(SCHOOL));
    }
}
