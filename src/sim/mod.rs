//! The deterministic exercise engine: a validated scenario, a seed and a stream of commands in;
//! events and a simulated emergency out. No Bevy, no wall-clock time: the same scenario, seed
//! and commands give the same result, bit for bit.
//!
//! - `Exercise::new(scenario, seed, mode)` sets the world up at minute 0.
//! - `apply(command)` validates a command and applies it at the current minute, or refuses it
//!   with a reason and changes nothing.
//! - `advance(minutes)` runs the clock: unit movements, injects, deadlines and epidemic steps.
//!
//! The parts: `epidemic` (compartments and sampling), `dynamics` (the epidemic step and what
//! units' work does to it), `orders` (command handling), `msel` (injects, conditions, effects),
//! `command` and `event` (the plain data that goes in and out).

pub mod command;
mod dynamics;
pub mod epidemic;
pub mod event;
mod msel;
mod orders;

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use command::{Command, CommandError};
pub use epidemic::{Compartments, Mode};
pub use event::{Audience, Event, EventKind};

use crate::scenario::{
    ActionCheck, CaseState, ControlLevel, FacilityKind, Minutes, Mobility, Point, ReportTrigger,
    Scenario, Trigger, UnitRole,
};

/// Independent random streams, so a new draw in one subsystem does not reshuffle another.
pub(crate) struct Streams {
    pub epidemic: ChaCha8Rng,
    pub detection: ChaCha8Rng,
    pub tracing: ChaCha8Rng,
}

impl Streams {
    fn new(seed: u64) -> Self {
        let stream =
            |salt: u64| ChaCha8Rng::seed_from_u64(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Streams {
            epidemic: stream(1),
            detection: stream(2),
            tracing: stream(3),
        }
    }
}

/// A district or a facility: where units go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Place {
    District(usize),
    Facility(usize),
}

/// A batch of named contacts waiting to be traced.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContactBatch {
    pub named_at: u32,
    pub count: f64,
    pub infected_share: f64,
}

/// Everything that changes in a district.
#[derive(Debug, Clone)]
pub struct DistrictState {
    pub epi: Compartments,
    pub level: ControlLevel,
    pub trust: f64,
    /// Share of the public reached by unanswered rumours.
    pub rumour: f64,
    pub gouging: f64,
    pub disorder: f64,
    pub gathering: f64,
    pub gathering_until: u32,
    pub road_slowdown: f64,
    pub road_closed_until: u32,
    pub confirmed: f64,
    pub infections: f64,
    pub(crate) backlog: VecDeque<ContactBatch>,
    /// Home-isolated cases waiting for a site: (confirmed at, count), oldest first.
    pub(crate) isolation_queue: VecDeque<(u32, f64)>,
    /// Cases that had to be isolated at home first, since the start.
    pub(crate) isolation_needed: f64,
}

impl DistrictState {
    /// Confirmed cases isolated at home until an ambulance takes them to a site.
    pub(crate) fn isolate_at_home(&mut self, confirmed_at: u32, count: f64) {
        if count > 0.0 {
            self.epi.x_home += count;
            self.isolation_queue.push_back((confirmed_at, count));
            self.isolation_needed += count;
        }
    }

    /// Takes up to `count` cases out of home isolation, oldest first; returns (confirmed at, count).
    /// Inlined so that the usual call, with nobody leaving, costs a comparison.
    #[inline]
    pub(crate) fn leave_home_isolation(&mut self, count: f64) -> Vec<(u32, f64)> {
        if count <= 0.0 {
            return Vec::new();
        }
        self.take_from_home_isolation(count)
    }

    fn take_from_home_isolation(&mut self, count: f64) -> Vec<(u32, f64)> {
        let mut left = count.min(self.epi.x_home);
        self.epi.x_home -= left;
        let mut taken = Vec::new();
        while left > 1e-12 {
            let Some(front) = self.isolation_queue.front_mut() else {
                break;
            };
            let portion = front.1.min(left);
            taken.push((front.0, portion));
            front.1 -= portion;
            left -= portion;
            if front.1 <= 1e-12 {
                self.isolation_queue.pop_front();
            }
        }
        taken
    }
}

#[derive(Debug, Clone)]
pub struct FacilityState {
    pub stock: BTreeMap<String, u64>,
    pub disorder: f64,
    pub beds_lost: u32,
    /// Times a supply ran out here.
    pub stock_outs: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UnitStatus {
    AtBase,
    Travelling {
        from: (f64, f64),
        to: Place,
        depart: u32,
        arrive: u32,
        work: u32,
    },
    Working {
        place: Place,
        since: u32,
        until: u32,
    },
    Returning {
        from: (f64, f64),
        depart: u32,
        arrive: u32,
    },
}

#[derive(Debug, Clone)]
pub struct UnitState {
    pub id: String,
    pub resource: usize,
    pub agency: String,
    pub base: Place,
    pub status: UnitStatus,
    /// Team that borrowed the unit through an accepted aid request.
    pub loaned_to: Option<String>,
    /// Supplies carried to a facility: (supply, quantity).
    pub cargo: Option<(String, u64)>,
    pub(crate) accrued_until: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InjectStatus {
    Pending,
    Fired(u32),
    Skipped,
}

#[derive(Debug, Clone)]
pub struct InjectState {
    pub status: InjectStatus,
    /// Extra delay set by the facilitator.
    pub delay: u32,
    pub title: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PendingReport {
    pub rule: String,
    pub from: String,
    pub to: String,
    pub opened_at: u32,
    pub due: u32,
    pub filed_at: Option<u32>,
    pub overdue_noted: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AidRequest {
    pub number: u32,
    pub from_team: String,
    pub to_team: String,
    pub units: Vec<String>,
    pub supply: Option<String>,
    pub quantity: u64,
    pub deliver_to: Option<String>,
    pub made_at: u32,
    pub due: u32,
    pub answered: Option<(u32, bool)>,
    pub unanswered_noted: bool,
}

/// A player action as it counts for expectations and `NotDone` conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRecord {
    pub at: u32,
    pub team: String,
    pub kind: ActionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ActionKind {
    Activate,
    Dispatch {
        role: UnitRole,
        to: String,
    },
    Report {
        to: String,
    },
    Measure {
        district: String,
        level: ControlLevel,
    },
    Share {
        with: Vec<String>,
    },
    RequestAid {
        from: String,
    },
    AnswerAid,
    Statement,
}

/// An expected action drawn out by a fired inject.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectationState {
    pub inject: String,
    pub team: String,
    pub text: String,
    #[serde(skip)]
    pub check: Option<ActionCheck>,
    pub fired_at: u32,
    pub due: u32,
    pub met_at: Option<u32>,
    pub missed_noted: bool,
}

/// An evaluator's observation.
#[derive(Debug, Clone, Serialize)]
pub struct ObservationRecord {
    pub at: u32,
    pub objective: Option<String>,
    pub team: Option<String>,
    pub text: String,
    pub evaluator: String,
}

/// An evaluator's rating of an objective (for a team, or as a whole).
#[derive(Debug, Clone, Serialize)]
pub struct RatingRecord {
    pub at: u32,
    pub objective: String,
    pub team: Option<String>,
    pub rating: command::Rating,
    pub note: String,
    pub evaluator: String,
}

/// Running totals for outputs and scoring.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub contacts_named: f64,
    pub contacts_quarantined: f64,
    pub contacts_quarantined_within_24h: f64,
    pub contacts_lost: f64,
    pub confirmed_from_quarantine: f64,
    pub overflow_hours: f64,
    pub economic_cost: f64,
    pub stock_outs: u32,
    pub tests_done: f64,
    /// Confirmed cases who had to be isolated at home first, and those moved to a site.
    pub isolation_needed: f64,
    pub isolated_in_sites: f64,
    pub isolated_within_24h: f64,
    /// Snapshots only: contacts and cases still inside their first 24 hours, not yet counted
    /// as late.
    pub contacts_pending_young: f64,
    pub isolation_pending_young: f64,
}

/// One row of the time series: the state of every district at a step.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub t: u32,
    pub districts: Vec<DistrictSample>,
    /// Running totals at this time, for KPIs over time.
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictSample {
    pub s: f64,
    pub e: f64,
    pub a: f64,
    pub i: f64,
    pub quarantined: f64,
    pub isolated: f64,
    pub hospitalised: f64,
    pub waiting: f64,
    pub r: f64,
    pub d: f64,
    pub confirmed: f64,
    pub infections: f64,
    pub trust: f64,
    pub level: ControlLevel,
}

/// Values derived once from the scenario.
pub(crate) struct Derived {
    pub beta: f64,
    /// Daily mobility, sparse: for each district, (destination, share of residents) off the diagonal.
    pub mobility: Vec<Vec<(usize, f64)>>,
    /// For each district, the share of residents staying home under `mobility`.
    pub home_share: Vec<f64>,
    /// Hospitals (indices into `hospitals`) from nearest to farthest, for each district.
    pub hospitals_by_distance: Vec<Vec<usize>>,
    pub district_index: BTreeMap<String, usize>,
    pub facility_index: BTreeMap<String, usize>,
    pub unit_index: BTreeMap<String, usize>,
    /// Facility indices of hospitals, in scenario order.
    pub hospitals: Vec<usize>,
    /// Total beds of quarantine and isolation sites.
    pub site_beds: f64,
    /// What is left after one step of fading: rumours, gouging, disorder in districts and at sites.
    pub fades: Fades,
}

/// Per-step fading factors; they depend only on the step's length.
#[derive(Clone, Copy)]
pub(crate) struct Fades {
    pub rumour: f64,
    pub gouging: f64,
    pub disorder: f64,
    pub site_disorder: f64,
}

/// One running exercise.
pub struct Exercise {
    pub(crate) scenario: Arc<Scenario>,
    pub(crate) seed: u64,
    pub(crate) mode: Mode,
    pub(crate) now: u32,
    pub(crate) last_step_at: u32,
    pub(crate) streams: Streams,
    pub(crate) derived: Arc<Derived>,
    pub(crate) districts: Vec<DistrictState>,
    pub(crate) facilities: Vec<FacilityState>,
    pub(crate) units: Vec<UnitState>,
    pub(crate) injects: Vec<InjectState>,
    pub(crate) composed: u32,
    pub(crate) reports: Vec<PendingReport>,
    pub(crate) requests: Vec<AidRequest>,
    pub(crate) actions: Vec<ActionRecord>,
    pub(crate) expectations: Vec<ExpectationState>,
    pub(crate) activations: BTreeMap<String, u32>,
    pub(crate) events: Vec<Event>,
    pub(crate) series: Vec<Sample>,
    pub(crate) totals: Totals,
    pub(crate) overflow_active: bool,
    /// Resupply deliveries held back until this minute, per supply.
    pub(crate) supply_delays: BTreeMap<String, u32>,
    /// Commands applied so far, with their minute: the journal's content.
    pub(crate) log: Vec<(u32, Command)>,
    /// Minutes worked by units since the last epidemic step: (unit, place, minutes).
    pub(crate) pending_work: Vec<(usize, Place, f64)>,
    pub(crate) buffers: dynamics::StepBuffers,
    pub(crate) chances: dynamics::PathogenChances,
    pub(crate) observations: Vec<ObservationRecord>,
    pub(crate) ratings: Vec<RatingRecord>,
}

impl Exercise {
    /// Sets up the exercise at minute 0 (initial cases and injects of minute 0 included).
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Exercise {
        let derived = derived_for(&scenario);
        let chances = dynamics::PathogenChances::new(&scenario);
        let hospital_count = derived.hospitals.len();
        let districts = scenario
            .city
            .districts
            .iter()
            .map(|d| DistrictState {
                epi: Compartments {
                    s: d.population as f64,
                    admitted: vec![0.0; hospital_count],
                    ..Default::default()
                },
                level: ControlLevel::Normal,
                trust: d.trust.unwrap_or(scenario.public.initial_trust).get(),
                rumour: 0.0,
                gouging: 0.0,
                disorder: 0.0,
                gathering: 0.0,
                gathering_until: 0,
                road_slowdown: 1.0,
                road_closed_until: 0,
                confirmed: 0.0,
                infections: 0.0,
                backlog: VecDeque::new(),
                isolation_queue: VecDeque::new(),
                isolation_needed: 0.0,
            })
            .collect();
        let facilities = scenario
            .facilities
            .iter()
            .map(|f| FacilityState {
                stock: f.stock.iter().map(|(k, v)| (k.name.clone(), *v)).collect(),
                disorder: 0.0,
                beds_lost: 0,
                stock_outs: 0,
            })
            .collect();
        let mut units = Vec::new();
        for group in &scenario.units {
            let resource = scenario
                .resource_types
                .iter()
                .position(|r| r.id == group.resource)
                .unwrap_or(0);
            let base = place_of(&derived, group.base.as_str()).unwrap_or(Place::District(0));
            for id in Scenario::unit_ids(group) {
                units.push(UnitState {
                    id,
                    resource,
                    agency: group.agency.name.clone(),
                    base,
                    status: UnitStatus::AtBase,
                    loaned_to: None,
                    cargo: None,
                    accrued_until: 0,
                });
            }
        }
        let injects = scenario
            .injects
            .iter()
            .map(|i| InjectState {
                status: InjectStatus::Pending,
                delay: 0,
                title: i.title.clone(),
                message: i.message.clone(),
            })
            .collect();
        let mut exercise = Exercise {
            derived,
            scenario,
            seed,
            mode,
            now: 0,
            last_step_at: 0,
            streams: Streams::new(seed),
            districts,
            facilities,
            units,
            injects,
            composed: 0,
            reports: Vec::new(),
            requests: Vec::new(),
            actions: Vec::new(),
            expectations: Vec::new(),
            activations: BTreeMap::new(),
            events: Vec::new(),
            series: Vec::new(),
            totals: Totals::default(),
            overflow_active: false,
            supply_delays: BTreeMap::new(),
            log: Vec::new(),
            pending_work: Vec::new(),
            buffers: dynamics::StepBuffers::default(),
            chances,
            observations: Vec::new(),
            ratings: Vec::new(),
        };
        exercise.process_time();
        exercise.record_sample();
        exercise
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Minutes since the exercise started.
    pub fn now(&self) -> u32 {
        self.now
    }

    pub fn end(&self) -> u32 {
        self.scenario.meta.duration.get()
    }

    pub fn is_over(&self) -> bool {
        self.now >= self.end()
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Events a team may see: routed to it, shared with it, or public.
    pub fn events_for<'a>(&'a self, team: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events
            .iter()
            .filter(move |e| e.audience.includes(team))
    }

    pub fn districts(&self) -> &[DistrictState] {
        &self.districts
    }

    pub fn facilities(&self) -> &[FacilityState] {
        &self.facilities
    }

    pub fn units(&self) -> &[UnitState] {
        &self.units
    }

    pub fn injects(&self) -> &[InjectState] {
        &self.injects
    }

    pub fn reports(&self) -> &[PendingReport] {
        &self.reports
    }

    pub fn requests(&self) -> &[AidRequest] {
        &self.requests
    }

    pub fn actions(&self) -> &[ActionRecord] {
        &self.actions
    }

    pub fn expectations(&self) -> &[ExpectationState] {
        &self.expectations
    }

    pub fn activations(&self) -> &BTreeMap<String, u32> {
        &self.activations
    }

    pub fn series(&self) -> &[Sample] {
        &self.series
    }

    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    pub fn observations(&self) -> &[ObservationRecord] {
        &self.observations
    }

    pub fn ratings(&self) -> &[RatingRecord] {
        &self.ratings
    }

    /// The running totals with the "still inside their first 24 hours" counts filled in.
    pub fn totals_now(&self) -> Totals {
        let young = |t: u32| self.now.saturating_sub(t) < 24 * 60;
        let mut totals = self.totals.clone();
        totals.isolation_needed = self.districts.iter().map(|d| d.isolation_needed).sum();
        totals.contacts_pending_young = self
            .districts
            .iter()
            .flat_map(|d| &d.backlog)
            .filter(|b| young(b.named_at))
            .map(|b| b.count)
            .sum();
        totals.isolation_pending_young = self
            .districts
            .iter()
            .flat_map(|d| &d.isolation_queue)
            .filter(|(t, _)| young(*t))
            .map(|(_, n)| n)
            .sum();
        totals
    }

    /// Commands applied so far with their minute, in order.
    pub fn log(&self) -> &[(u32, Command)] {
        &self.log
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
        place_of(&self.derived, id)
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

    /// Beds of a hospital that can take patients now.
    pub fn hospital_capacity(&self, hospital: usize) -> f64 {
        let f = self.derived.hospitals[hospital];
        let facility = &self.scenario.facilities[f];
        f64::from((facility.beds + facility.icu_beds).saturating_sub(self.facilities[f].beds_lost))
    }

    pub fn hospital_occupancy(&self, hospital: usize) -> f64 {
        self.districts
            .iter()
            .map(|d| d.epi.admitted[hospital])
            .sum()
    }

    /// Population of the whole city (alive and dead), constant through the exercise.
    pub fn total_people(&self) -> f64 {
        self.districts.iter().map(|d| d.epi.total()).sum()
    }

    pub(crate) fn emit(&mut self, audience: Audience, kind: EventKind) {
        self.events.push(Event {
            at: self.now,
            audience,
            kind,
        });
    }

    /// Runs the clock forward, stopping at the exercise's end. Returns the new events.
    pub fn advance(&mut self, minutes: u32) -> Vec<Event> {
        self.advance_to(self.now.saturating_add(minutes))
    }

    /// Runs the clock to a minute (no further than the end). Returns the new events.
    pub fn advance_to(&mut self, target: u32) -> Vec<Event> {
        let first = self.events.len();
        let target = target.min(self.end());
        while self.now < target {
            self.now = self.next_wakeup().min(target);
            self.process_time();
        }
        self.events[first..].to_vec()
    }

    fn step_minutes(&self) -> u32 {
        self.scenario.meta.time_step.get().max(1)
    }

    /// The next minute at which something is scheduled to happen.
    fn next_wakeup(&self) -> u32 {
        let now = self.now;
        let mut next = (now / self.step_minutes() + 1) * self.step_minutes();
        let mut consider = |t: u32| {
            if t > now && t < next {
                next = t;
            }
        };
        for u in &self.units {
            match u.status {
                UnitStatus::Travelling { arrive, .. } | UnitStatus::Returning { arrive, .. } => {
                    consider(arrive)
                }
                UnitStatus::Working { until, .. } => consider(until),
                UnitStatus::AtBase => {}
            }
        }
        let fired = self.injects_fired_at();
        for (inject, state) in self.scenario.injects.iter().zip(&self.injects) {
            if state.status != InjectStatus::Pending {
                continue;
            }
            match &inject.trigger {
                Trigger::At(at) => consider(at.minutes().saturating_add(state.delay)),
                Trigger::When(condition) => msel::condition_times(condition, &fired, &mut consider),
            }
        }
        for case in &self.scenario.initial_cases {
            consider(case.at.minutes());
        }
        for r in &self.reports {
            if r.filed_at.is_none() && !r.overdue_noted {
                consider(r.due);
            }
        }
        for e in &self.expectations {
            if e.met_at.is_none() && !e.missed_noted {
                consider(e.due);
            }
        }
        for a in &self.requests {
            if a.answered.is_none() && !a.unanswered_noted {
                consider(a.due);
            }
        }
        for supply in &self.scenario.supplies {
            for resupply in &supply.resupply {
                let every = resupply.every.get().max(1);
                consider((now / every + 1) * every);
            }
        }
        next
    }

    pub(crate) fn injects_fired_at(&self) -> BTreeMap<&str, u32> {
        self.scenario
            .injects
            .iter()
            .zip(&self.injects)
            .filter_map(|(i, s)| match s.status {
                InjectStatus::Fired(at) => Some((i.id.as_str(), at)),
                _ => None,
            })
            .collect()
    }

    /// Everything due at the current minute, in a fixed order.
    fn process_time(&mut self) {
        let now = self.now;
        for case in self.scenario.clone().initial_cases.iter() {
            if case.at.minutes() == now {
                let d = self.derived.district_index[case.district.as_str()];
                self.seed_cases(
                    d,
                    f64::from(case.count),
                    case.state == CaseState::Exposed,
                    false,
                );
            }
        }
        self.move_units();
        self.resupply();
        self.fire_scheduled_injects();
        if now > 0 && now.is_multiple_of(self.step_minutes()) && now > self.last_step_at {
            self.epidemic_step();
            self.last_step_at = now;
            self.record_sample();
        }
        self.open_daily_reports();
        self.check_deadlines();
        self.fire_conditional_injects();
    }

    /// Moves `count` people from susceptible to exposed or infectious in a district.
    pub(crate) fn seed_cases(&mut self, d: usize, count: f64, exposed: bool, confirmed: bool) {
        let now = self.now;
        let district = &mut self.districts[d];
        let count = count.min(district.epi.s);
        district.epi.s -= count;
        if confirmed {
            // Found at the border or a clinic: isolated at once, waiting for transfer.
            district.epi.xi += count;
            district.isolate_at_home(now, count);
        } else if exposed {
            district.epi.e += count;
        } else {
            district.epi.i += count;
        }
        district.infections += count;
        if confirmed {
            self.confirm(d, count, true);
        }
    }

    fn record_sample(&mut self) {
        let districts = self
            .districts
            .iter()
            .map(|d| DistrictSample {
                s: d.epi.s,
                e: d.epi.e,
                a: d.epi.a,
                i: d.epi.i,
                quarantined: d.epi.quarantined(),
                isolated: d.epi.isolated(),
                hospitalised: d.epi.hospitalised(),
                waiting: d.epi.waiting,
                r: d.epi.r,
                d: d.epi.d,
                confirmed: d.confirmed,
                infections: d.infections,
                trust: d.trust,
                level: d.level.clone(),
            })
            .collect();
        let totals = self.totals_now();
        self.series.push(Sample {
            t: self.now,
            districts,
            totals,
        });
    }

    /// Teams that receive a message addressed to teams or agencies.
    pub(crate) fn audience_of(&self, to: &[crate::scenario::Id]) -> Audience {
        let mut teams: Vec<String> = Vec::new();
        for id in to {
            let team = self
                .scenario
                .team(id.as_str())
                .or_else(|| self.scenario.team_of_agency(id.as_str()));
            if let Some(team) = team
                && !teams.contains(&team.id.name)
            {
                teams.push(team.id.name.clone());
            }
        }
        Audience::Teams(teams)
    }

    pub(crate) fn team_plays(&self, team: &str, agency: &str) -> bool {
        self.scenario
            .team(team)
            .is_some_and(|t| t.agencies.iter().any(|a| a.as_str() == agency))
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
}

pub(crate) fn place_of(derived: &Derived, id: &str) -> Option<Place> {
    derived
        .district_index
        .get(id)
        .map(|&d| Place::District(d))
        .or_else(|| derived.facility_index.get(id).map(|&f| Place::Facility(f)))
}

/// The derived values of the scenario last started, shared by the exercises started from the
/// same `Arc` (a sweep's or a benchmark's runs): deriving them costs as much as a short run's
/// first days. They are a function of the scenario alone, so sharing changes no result.
static LAST_DERIVED: std::sync::Mutex<Option<(std::sync::Weak<Scenario>, Arc<Derived>)>> =
    std::sync::Mutex::new(None);

fn derived_for(scenario: &Arc<Scenario>) -> Arc<Derived> {
    let mut last = LAST_DERIVED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The `Weak` keeps the scenario's allocation, so an equal address is the same scenario.
    if let Some((weak, derived)) = last.as_ref()
        && std::ptr::eq(weak.as_ptr(), Arc::as_ptr(scenario))
    {
        return derived.clone();
    }
    let derived = Arc::new(derive(scenario));
    *last = Some((Arc::downgrade(scenario), derived.clone()));
    derived
}

fn derive(scenario: &Scenario) -> Derived {
    let p = &scenario.pathogen;
    let dt = Minutes(scenario.meta.time_step.get()).days();
    let infectious_days = p.infectious_days.get();
    let weight = 1.0 - p.asymptomatic_share.get()
        + p.asymptomatic_share.get() * p.asymptomatic_infectiousness.get();
    let beta = match (&p.r0, &p.transmission_rate) {
        (_, Some(rate)) => rate.get(),
        (Some(r0), None) => r0.get() * epidemic::prob(1.0 / infectious_days, dt) / (dt * weight),
        (None, None) => 0.0,
    };
    let district_index: BTreeMap<String, usize> = scenario
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(n, d)| (d.id.name.clone(), n))
        .collect();
    let n = scenario.city.districts.len();
    let mut mobility: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut add = |a: usize, b: usize, share: f64| {
        if a == b || share <= 0.0 {
            return;
        }
        match mobility[a].iter_mut().find(|(to, _)| *to == b) {
            Some((_, v)) => *v += share,
            None => mobility[a].push((b, share)),
        }
    };
    let index = |id: &crate::scenario::Id| district_index.get(id.as_str()).copied();
    match &scenario.city.mobility {
        Mobility::None => {}
        Mobility::Flows(flows) => {
            for f in flows {
                if let (Some(a), Some(b)) = (index(&f.from), index(&f.to)) {
                    add(a, b, f.share.get());
                }
            }
        }
        Mobility::Matrix(rows) => {
            for (a, row) in rows.iter().enumerate().take(n) {
                for (b, v) in row.iter().enumerate().take(n) {
                    add(a, b, *v);
                }
            }
        }
        Mobility::Adjacency(adjacency) => {
            for (x, y) in &adjacency.links {
                if let (Some(a), Some(b)) = (index(x), index(y)) {
                    add(a, b, adjacency.share.get());
                    add(b, a, adjacency.share.get());
                }
            }
        }
    }
    let facility_index = scenario
        .facilities
        .iter()
        .enumerate()
        .map(|(n, f)| (f.id.name.clone(), n))
        .collect();
    let hospitals: Vec<usize> = scenario
        .facilities
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FacilityKind::Hospital)
        .map(|(n, _)| n)
        .collect();
    // Positions looked up once: `Scenario::district` searches the list.
    let hospital_positions: Vec<Point> = hospitals
        .iter()
        .map(|&f| {
            let facility = &scenario.facilities[f];
            let district = district_index
                .get(facility.district.as_str())
                .map(|&d| scenario.city.districts[d].position);
            facility.position.or(district).unwrap_or_default()
        })
        .collect();
    let hospitals_by_distance = scenario
        .city
        .districts
        .iter()
        .map(|d| {
            let mut order: Vec<usize> = (0..hospitals.len()).collect();
            order.sort_by(|&a, &b| {
                let distance = |h: usize| d.position.distance_km(hospital_positions[h]);
                distance(a).total_cmp(&distance(b)).then(a.cmp(&b))
            });
            order
        })
        .collect();
    let site_beds = scenario
        .facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::QuarantineSite)
        .map(|f| f64::from(f.beds))
        .sum();
    Derived {
        beta,
        home_share: dynamics::home_shares(&mobility),
        mobility,
        hospitals_by_distance,
        district_index,
        facility_index,
        unit_index: scenario
            .units
            .iter()
            .flat_map(Scenario::unit_ids)
            .enumerate()
            .map(|(n, id)| (id, n))
            .collect(),
        hospitals,
        site_beds,
        fades: Fades {
            rumour: (1.0 - scenario.public.rumour_decay_per_day.get()).powf(dt),
            gouging: 0.95f64.powf(dt),
            disorder: 0.8f64.powf(dt),
            site_disorder: 0.9f64.powf(dt),
        },
    }
}

/// Whether a report rule's trigger is a given kind (used by the reporting logic).
pub(crate) fn rule_is(trigger: &ReportTrigger, kind: &ReportTrigger) -> bool {
    std::mem::discriminant(trigger) == std::mem::discriminant(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled(file: &str) -> Arc<Scenario> {
        let (scenario, _) = crate::library::find(file)
            .expect("bundled scenario")
            .load()
            .expect("valid");
        Arc::new(scenario)
    }

    fn infections_after(scenario: &Arc<Scenario>, days: u32) -> Vec<f64> {
        let mut exercise = Exercise::new(scenario.clone(), 3, Mode::Stochastic);
        exercise.advance(days * 24 * 60);
        exercise.districts().iter().map(|d| d.infections).collect()
    }

    /// Exercises of one scenario share its derived values; starting others in between, or a
    /// copy of the same text as a new scenario, changes nothing.
    #[test]
    fn shared_derived_values_belong_to_their_scenario() {
        let port = bundled("port-city-outbreak.en.ron");
        let flu = bundled("flu-surge.en.ron");
        let port_alone = infections_after(&port, 5);
        let flu_alone = infections_after(&flu, 5);
        assert_eq!(infections_after(&port, 5), port_alone);
        assert_eq!(infections_after(&flu, 5), flu_alone);
        let port_again = bundled("port-city-outbreak.en.ron");
        assert_eq!(infections_after(&port_again, 5), port_alone);
        assert_eq!(
            derived_for(&port_again).district_index.len(),
            port_again.city.districts.len()
        );
    }
}
