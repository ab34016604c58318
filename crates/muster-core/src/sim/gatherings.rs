//! Crowds and mass gatherings: people from several districts mix at one place for a few
//! hours; those infected there carry the infection home.
//!
//! Attendees come from their districts in proportion to the event's `from` shares (or the
//! population), each a random resident moving about: infectious ones bring their infection,
//! susceptible ones may catch it. An attendee meets `contact_intensity` times an ordinary
//! hour's close contacts for each hour there, so the hazard of a susceptible attendee is
//! β · intensity · contact factor · hours/24 · (infectious weight among attendees ÷ attendees),
//! with β the pathogen's daily transmission rate. A crowd spanning several steps is counted
//! step by step. Patrols in the district disperse a crowd an inject gathered (not a planned
//! event). A planned event can go ahead, run with measures (fewer attendees, fewer contacts,
//! a cost), be postponed (a cost) or be cancelled (a cost and a change of trust).

use serde::Serialize;

use super::epidemic::{Infected, Sampler};
use super::{Audience, EventKind, Exercise};
use crate::scenario::{Gathering, Scenario};

pub use super::command::GatheringDecision;

/// People sent home per officer-shift of patrol work at a crowd an inject gathered.
pub(crate) const DISPERSED_PER_OFFICER_SHIFT: f64 = 100.0;

/// Where a planned mass gathering stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GatheringStatus {
    Planned,
    Cancelled,
    Held,
}

/// A planned mass gathering at run time.
#[derive(Debug, Clone, Serialize)]
pub struct GatheringState {
    pub id: String,
    pub status: GatheringStatus,
    /// When it starts (moved by a postponement).
    pub start: u32,
    pub with_measures: bool,
    /// Decisions taken on it: (minute, team, decision).
    pub decisions: Vec<(u32, String, GatheringDecision)>,
    pub attendees: f64,
    pub infections: f64,
}

impl GatheringState {
    /// Calls `consider` with the minute it will start.
    pub(crate) fn wakeups(&self, consider: &mut impl FnMut(u32)) {
        if self.status == GatheringStatus::Planned {
            consider(self.start);
        }
    }
}

pub(crate) fn initial_states(scenario: &Scenario) -> Vec<GatheringState> {
    scenario
        .mass_gatherings
        .iter()
        .map(|g| GatheringState {
            id: g.id.name.clone(),
            status: GatheringStatus::Planned,
            start: g.start.minutes(),
            with_measures: false,
            decisions: Vec::new(),
            attendees: 0.0,
            infections: 0.0,
        })
        .collect()
}

/// People mixing at one place for a while.
#[derive(Debug, Clone)]
pub(crate) struct Crowd {
    pub name: String,
    pub district: usize,
    pub people: f64,
    /// (district, share of the people), shares adding up to 1.
    pub origins: Vec<(usize, f64)>,
    pub start: u32,
    pub end: u32,
    pub intensity: f64,
    pub contact_factor: f64,
    /// Patrols send people home (a crowd gathered by an inject, not a planned event).
    pub disperses: bool,
    /// The planned gathering it is, if any.
    pub gathering: Option<usize>,
    pub infections: f64,
}

impl Exercise {
    /// Origins by population when none are given.
    fn origins(&self, from: &[(usize, f64)]) -> Vec<(usize, f64)> {
        let listed: Vec<(usize, f64)> = if from.is_empty() {
            self.scenario
                .city
                .districts
                .iter()
                .enumerate()
                .map(|(d, x)| (d, x.population as f64))
                .collect()
        } else {
            from.to_vec()
        };
        let total: f64 = listed.iter().map(|(_, w)| w).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        listed
            .into_iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(d, w)| (d, w / total))
            .collect()
    }

    /// A crowd an inject gathers (`Gathering` effect).
    pub(crate) fn gather_crowd(&mut self, g: &Gathering) {
        let Some(&district) = self.derived.district_index.get(g.district.as_str()) else {
            return;
        };
        let from: Vec<(usize, f64)> = if g.from.is_empty() {
            vec![(district, 1.0)]
        } else {
            g.from
                .iter()
                .filter_map(|id| self.derived.district_index.get(id.as_str()).copied())
                .map(|d| (d, self.scenario.city.districts[d].population as f64))
                .collect()
        };
        let origins = self.origins(&from);
        let name = self.scenario.city.districts[district].name.clone();
        self.crowds.push(Crowd {
            name: format!("crowd in {name}"),
            district,
            people: f64::from(g.people),
            origins,
            start: self.now,
            end: self.now.saturating_add(g.duration.get()),
            intensity: g.contact_intensity.get(),
            contact_factor: 1.0,
            disperses: true,
            gathering: None,
            infections: 0.0,
        });
    }

    /// Planned gatherings that start now open their crowd.
    pub(crate) fn open_gatherings(&mut self) {
        let now = self.now;
        for n in 0..self.gatherings.len() {
            let state = &self.gatherings[n];
            if state.status != GatheringStatus::Planned || state.start != now {
                continue;
            }
            let plan = self.scenario.mass_gatherings[n].clone();
            let with_measures = state.with_measures;
            let Some(place) = super::place_of(&self.derived, plan.place.as_str()) else {
                continue;
            };
            let district = self.place_district(place);
            let from: Vec<(usize, f64)> = plan
                .from
                .iter()
                .filter_map(|o| {
                    self.derived
                        .district_index
                        .get(o.district.as_str())
                        .map(|&d| (d, o.share.get()))
                })
                .collect();
            let origins = self.origins(&from);
            let (attendance, contact_factor) = if with_measures {
                (
                    plan.with_measures.attendance.get(),
                    plan.with_measures.contact_factor.get(),
                )
            } else {
                (1.0, 1.0)
            };
            let people = f64::from(plan.attendees) * attendance;
            let people = if self.mode == super::Mode::Stochastic {
                people.round()
            } else {
                people
            };
            self.gatherings[n].status = GatheringStatus::Held;
            self.gatherings[n].attendees = people;
            self.crowds.push(Crowd {
                name: plan.name.clone(),
                district,
                people,
                origins,
                start: now,
                end: now.saturating_add(plan.duration.get()),
                intensity: plan.contact_intensity.get(),
                contact_factor,
                disperses: false,
                gathering: Some(n),
                infections: 0.0,
            });
            self.emit(
                Audience::Everyone,
                EventKind::GatheringStarted {
                    gathering: plan.id.name.clone(),
                    name: plan.name.clone(),
                    place: self.place_name(place),
                    attendees: people.round() as u64,
                    with_measures,
                },
            );
        }
    }

    /// The crowds of the step just ended: attendees mix for the hours of the step they were
    /// together; patrols disperse the crowds that disperse. `patrol[d]` is the patrol work
    /// done in each district this step.
    pub(crate) fn crowds_step(&mut self, patrol: &[f64]) {
        if self.crowds.is_empty() {
            return;
        }
        let step_start = self.last_step_at;
        let now = self.now;
        let alpha = self.scenario.pathogen.asymptomatic_infectiousness.get();
        let beta = self.derived.beta;
        let stochastic = self.mode == super::Mode::Stochastic;
        let mut crowds = std::mem::take(&mut self.crowds);
        for crowd in &mut crowds {
            let from = crowd.start.max(step_start);
            let to = crowd.end.min(now);
            if to <= from {
                continue;
            }
            if crowd.disperses {
                crowd.people =
                    (crowd.people - DISPERSED_PER_OFFICER_SHIFT * patrol[crowd.district]).max(0.0);
            }
            let hours = f64::from(to - from) / 60.0;
            let mut sampler = Sampler {
                mode: self.mode,
                rng: &mut self.streams.gatherings,
            };
            // Who came: (district, susceptible attendees) and the infectious weight present.
            let mut susceptible = Vec::new();
            let mut infectious = 0.0;
            let mut present = 0.0;
            for &(d, share) in &crowd.origins {
                let epi = &self.districts[d].epi;
                let mobile = epi.mobile();
                if mobile <= 0.0 {
                    continue;
                }
                let coming = crowd.people * share;
                let coming = if stochastic { coming.round() } else { coming };
                let coming = coming.min(mobile);
                let [sick, silent, exposed_or_immune, healthy] = sampler.pick(
                    coming,
                    [
                        epi.i.n + epi.ni.n,
                        epi.a.n + epi.na.n,
                        epi.e.n + epi.ne.n + epi.r + epi.nr,
                        epi.s + epi.ns,
                    ],
                );
                infectious += sick + alpha * silent;
                present += sick + silent + exposed_or_immune + healthy;
                susceptible.push((d, healthy));
            }
            if present <= 0.0 || infectious <= 0.0 {
                continue;
            }
            let hazard =
                beta * crowd.intensity * crowd.contact_factor * hours / 24.0 * infectious / present;
            let chance = super::epidemic::Chance::of_rate(hazard, 1.0);
            let mid = f64::from(from + to) / 2.0;
            for (d, healthy) in susceptible {
                let caught = sampler.draw(healthy, chance);
                if caught <= 0.0 {
                    continue;
                }
                let epi = &mut self.districts[d].epi;
                let [free, named] = sampler.pick(caught, [epi.s, epi.ns]);
                epi.s -= free;
                epi.ns -= named;
                epi.e.add(Infected::new_at(free, mid));
                epi.ne.add(Infected::new_at(named, mid));
                self.districts[d].infections += free + named;
                self.totals.gathering_infections += free + named;
                crowd.infections += free + named;
            }
        }
        // Crowds that are over report what they did (to the control cell).
        for crowd in &crowds {
            if crowd.end <= now {
                if let Some(n) = crowd.gathering {
                    self.gatherings[n].infections = crowd.infections;
                }
                self.emit(
                    Audience::Control,
                    EventKind::CrowdDispersed {
                        name: crowd.name.clone(),
                        infections: crowd.infections.round() as u64,
                    },
                );
            }
        }
        crowds.retain(|c| c.end > now);
        self.crowds = crowds;
    }

    /// A team decides on a planned gathering (checked by `orders`).
    pub(crate) fn decide_gathering(&mut self, n: usize, team: &str, decision: &GatheringDecision) {
        let plan = self.scenario.mass_gatherings[n].clone();
        let everywhere: Vec<usize> = (0..self.districts.len()).collect();
        match decision {
            GatheringDecision::GoAhead => {}
            GatheringDecision::WithMeasures => {
                self.gatherings[n].with_measures = true;
                self.spend(team, plan.with_measures.cost);
            }
            GatheringDecision::Postpone(by) => {
                let start = &mut self.gatherings[n].start;
                *start = start.saturating_add(by.get());
                self.spend(team, plan.postpone_cost);
            }
            GatheringDecision::Cancel => {
                self.gatherings[n].status = GatheringStatus::Cancelled;
                self.spend(team, plan.cancel_cost);
                self.shift_trust(&everywhere, plan.cancel_trust);
            }
        }
        self.gatherings[n]
            .decisions
            .push((self.now, team.to_string(), decision.clone()));
        let place = super::place_of(&self.derived, plan.place.as_str())
            .map(|p| self.place_name(p))
            .unwrap_or_default();
        self.emit(
            Audience::Everyone,
            EventKind::GatheringDecided {
                gathering: plan.id.name.clone(),
                name: plan.name.clone(),
                place,
                team: team.to_string(),
                decision: decision.clone(),
                start: self.gatherings[n].start,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    const MARATHON: &str = r#"scenario.mass_gatherings: [(id: "marathon", name: "Marathon", place: "south", start: "1d", duration: "5h", attendees: 20000, contact_intensity: 4.0, cancel_cost: 1000000.0)]"#;

    /// The crowd at a gathering in a district without infection draws attendees from the
    /// infected district and sends infections home to both.
    fn run(decision: Option<&str>) -> crate::sim::Exercise {
        let mut ex = small(Mode::Expected, MARATHON);
        ex.districts[0].epi.i = crate::sim::Infected::new_at(3000.0, 0.0);
        ex.districts[0].epi.s -= 3000.0;
        if let Some(decision) = decision {
            ex.apply(command(&format!(
                r#"DecideGathering(team: "health-team", gathering: "marathon", decision: {decision})"#
            )))
            .unwrap();
        }
        ex.advance(24 * 60 + 6 * 60);
        ex
    }

    #[test]
    fn a_mass_gathering_mixes_districts_and_seeds_infections_at_home() {
        // No decision point decides it: the team that orders measures decides it directly.
        let planned = small(Mode::Expected, MARATHON);
        assert_eq!(planned.gatherings_to_decide("health-team"), [(0, None)]);
        let held = run(None);
        assert!(held.totals.gathering_infections > 1.0);
        assert!(held.gatherings()[0].infections > 1.0);
        // South had no infection: the marathon's attendees from the north brought it.
        let cancelled = run(Some("Cancel"));
        assert_eq!(cancelled.totals.gathering_infections, 0.0);
        assert_eq!(cancelled.costs()["health-team"], 1_000_000.0);
        let restricted = run(Some("WithMeasures"));
        let (h, r) = (
            held.totals.gathering_infections,
            restricted.totals.gathering_infections,
        );
        assert!(r < h / 2.0, "with measures {r} vs {h}");
        let postponed = run(Some("Postpone(\"2d\")"));
        assert_eq!(postponed.totals.gathering_infections, 0.0, "not yet held");
        assert_eq!(postponed.gatherings()[0].start, 3 * 24 * 60);
    }

    /// A gathering that a decision point of the MSEL decides is decided there: a direct
    /// decision, before the point opens or after, is refused with the point's title (a page or
    /// a commands file cannot go around the options' consequences and scores).
    #[test]
    fn a_gathering_owned_by_a_decision_point_is_decided_only_there() {
        let point = r#"scenario.injects: [(id: "D-1", title: "Sunday's marathon", trigger: At("2h"), to: ["health-team"], message: "Decide", decision: (question: "Run it?", options: [(id: "go", label: "Go", effects: [GatheringDecision(gathering: "marathon", choice: GoAhead)]), (id: "cancel", label: "Cancel", effects: [GatheringDecision(gathering: "marathon", choice: Cancel)], score: 1.0)], default: "go"))]"#;
        let mut ex = small(Mode::Expected, &format!("{MARATHON}\n{point}"));
        // The desk and the pages list it with the point that decides it.
        assert_eq!(ex.gatherings_to_decide("health-team"), [(0, Some("D-1"))]);
        let direct =
            r#"DecideGathering(team: "health-team", gathering: "marathon", decision: GoAhead)"#;
        let refusal = ex.apply(command(direct)).unwrap_err().to_string();
        assert!(
            refusal.contains("Marathon") && refusal.contains("Sunday's marathon"),
            "{refusal}"
        );
        ex.advance(3 * 60);
        assert!(ex.apply(command(direct)).is_err(), "the point is open");
        ex.apply(command(
            r#"Decide(team: "health-team", decision: "D-1", option: "cancel")"#,
        ))
        .unwrap();
        assert_eq!(
            ex.gatherings()[0].status,
            crate::sim::GatheringStatus::Cancelled
        );
        assert!(ex.gatherings_to_decide("health-team").is_empty());
    }

    /// Contacts named but not yet reached go about their lives, to the marathon too: a crowd
    /// counts them like everyone else in their state of infection.
    #[test]
    fn named_contacts_not_yet_reached_join_a_crowd_like_anyone() {
        let infections = |named: bool| {
            let mut ex = small(Mode::Expected, MARATHON);
            let epi = &mut ex.districts[0].epi;
            epi.i = crate::sim::Infected::new_at(3000.0, 0.0);
            epi.s -= 23_000.0;
            let exposed = crate::sim::Infected::new_at(20_000.0, 0.0);
            if named {
                epi.ne = exposed;
            } else {
                epi.e = exposed;
            }
            ex.advance(24 * 60 + 6 * 60);
            ex.totals.gathering_infections
        };
        let (free, named) = (infections(false), infections(true));
        assert!(free > 1.0);
        assert!((named - free).abs() < 1e-6 * free, "{named} vs {free}");
    }

    /// The closer the contact at an event, the more it spreads: twice the intensity, about
    /// twice the infections while they are few.
    #[test]
    fn infections_at_a_crowd_grow_with_its_contact_intensity() {
        let infections = |intensity: f64| {
            let text = MARATHON.replace(
                "contact_intensity: 4.0",
                &format!("contact_intensity: {intensity}"),
            );
            let mut ex = small(Mode::Expected, &text);
            ex.districts[0].epi.i = crate::sim::Infected::new_at(300.0, 0.0);
            ex.districts[0].epi.s -= 300.0;
            ex.advance(24 * 60 + 6 * 60);
            ex.totals.gathering_infections
        };
        let (one, two) = (infections(1.0), infections(2.0));
        assert!(one > 0.0 && (two / one - 2.0).abs() < 0.1, "{one} {two}");
    }

    #[test]
    fn a_crowd_draws_from_several_districts() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].epi.i = crate::sim::Infected::new_at(3000.0, 0.0);
        ex.districts[0].epi.s -= 3000.0;
        let south_before = ex.districts[1].infections;
        ex.gather_crowd(&crate::scenario::Gathering {
            district: crate::scenario::Id::new("south"),
            people: 5000,
            duration: crate::scenario::Minutes(4 * 60),
            from: vec![
                crate::scenario::Id::new("north"),
                crate::scenario::Id::new("south"),
            ],
            contact_intensity: crate::scenario::Positive(3.0),
        });
        ex.advance(6 * 60);
        assert!(ex.districts[1].infections > south_before + 0.5);
        assert!(ex.crowds.is_empty(), "over after its duration");
    }
}
