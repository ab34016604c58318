//! The deterministic exercise engine: a validated scenario, a seed and a stream of commands in;
//! events and a simulated emergency out. No Bevy, no wall-clock time: the same scenario, seed
//! and commands give the same result, bit for bit.
//!
//! - `Exercise::new(scenario, seed, mode)` sets the world up at minute 0.
//! - `apply(command)` validates a command and applies it at the current minute, or refuses it
//!   with a reason and changes nothing.
//! - `advance(minutes)` runs the clock: unit movements, injects, deadlines and epidemic steps.
//!
//! One mechanic, one file (each rule's constants live beside it, with units and sources):
//! - `transmission` — force of infection, measures' effect on contacts and travel, progression
//!   of the disease; `gatherings` — crowds and planned mass gatherings;
//! - `detection` — fever clinics, testing teams and laboratories;
//! - `tracing` — contacts named by cases and by exposures, tracing work, quarantine and its rooms;
//! - `care` — severity by age, hospital beds by kind, treatment, transfers to isolation sites;
//! - `units` — travel, work on site and what it offers; `supplies` — stock, its use by the work
//!   done, resupply and shipments;
//! - `public` — public trust and order, rumours, statements, the cost of measures;
//! - `reporting` — reports owed up the chain and their deadlines;
//! - `red` — the red cell's budget and tactics (rumours, panic buying, crowds, fraud calls,
//!   concealed cases, disrupted channels) and Blue's counters;
//! - `places` — facilities with people of their own, mixing there part of the day;
//!   `facilities` — open or closed, capacity changes, jurisdiction;
//! - `decisions` — decision points, joint rules, defaults at the deadline; `actions` — the
//!   scenario's own actions; `effects` — what injects, options and actions change;
//! - `step` — the order in which one epidemic step calls them;
//! - `msel` (injects, conditions, expectations), `orders` (commands), `command` and `event` (the
//!   plain data that goes in and out), `epidemic` (compartments and the sampler).

mod actions;
mod care;
mod care_seeking;
mod case_classes;
mod cohorts;
pub mod command;
mod decisions;
mod detection;
mod dispersion;
pub mod economy;
mod effects;
pub mod epidemic;
pub mod event;
mod facilities;
mod fatigue;
mod feed;
mod gatherings;
pub mod hardship;
mod households;
mod msel;
mod onset_cohorts;
mod orders;
pub mod outcome;
mod pcr;
mod places;
mod public;
mod quarantine_checks;
mod red;
mod report_truth;
mod reporting;
mod roles;
mod step;
mod supplies;
mod testing_rounds;
mod tracing;
mod transmission;
mod units;
mod zones;

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use actions::{ActionTaken, Availability};
pub use care::{BedKind, Patients};
pub use command::{Command, CommandError};
pub use decisions::{DecisionAnswer, DecisionState, SettledBy, Settlement};
pub use epidemic::{Compartments, Infected, Mode};
pub use event::{Audience, Event, EventKind};
pub use feed::Post;
pub use gatherings::{GatheringDecision, GatheringState, GatheringStatus};
pub use places::Node;
pub use red::{
    AnsweredBy, CROSS_CHECK_MINUTES, RESTORE_MINUTES, RedAnswer, RedPlay, RedSign, UncoveredBy,
};
pub use report_truth::{Counts, FalseFigure, Figure};
pub use roles::Role;
pub use supplies::Shipment;
pub use testing_rounds::RoundProgress;

use crate::scenario::{
    ActionCheck, CaseState, ControlLevel, FacilityKind, Minutes, Mobility, Point, ReportTrigger,
    Scenario, Trigger, UnitRole,
};

/// Independent random streams, so a new draw in one subsystem does not reshuffle another.
#[derive(Clone)]
pub(crate) struct Streams {
    pub epidemic: ChaCha8Rng,
    pub detection: ChaCha8Rng,
    pub tracing: ChaCha8Rng,
    pub care: ChaCha8Rng,
    pub gatherings: ChaCha8Rng,
    pub feed: ChaCha8Rng,
    /// Infectiousness of each new case (`dispersion.rs`).
    pub dispersion: ChaCha8Rng,
}

impl Streams {
    fn new(seed: u64) -> Self {
        let stream =
            |salt: u64| ChaCha8Rng::seed_from_u64(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Streams {
            epidemic: stream(1),
            detection: stream(2),
            tracing: stream(3),
            care: stream(4),
            gatherings: stream(5),
            feed: stream(6),
            dispersion: stream(7),
        }
    }
}

/// A district or a facility: where units go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Place {
    District(usize),
    Facility(usize),
}

/// Contacts named at one time, not all reached by tracers yet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NamedBatch {
    pub named_at: u32,
    pub count: f64,
    /// Contacts of contacts (次密接), whose own contacts nobody lists.
    pub secondary: bool,
}

/// Everything that changes in a district.
#[derive(Debug, Clone)]
pub struct DistrictState {
    pub epi: Compartments,
    pub level: ControlLevel,
    /// The team that ordered the current level (it pays for it).
    pub level_ordered_by: Option<String>,
    pub trust: f64,
    /// The trust this district drifts back to: its starting trust, lowered by the fatigue of
    /// measures (`public.rs`).
    pub trust_anchor: f64,
    /// Share of the public reached by unanswered rumours.
    pub rumour: f64,
    /// Fraud calls posing as officials going on, 0 to 1 (`red.rs`).
    pub fraud: f64,
    pub gouging: f64,
    pub disorder: f64,
    pub road_slowdown: f64,
    pub road_closed_until: u32,
    pub confirmed: f64,
    /// Of the confirmed, those without symptoms when confirmed, and those of them who fell ill
    /// since (`case_classes.rs`).
    pub asymptomatic_confirmed: f64,
    pub converted: f64,
    /// Confirmed while latent and expected to fall ill.
    pub(crate) awaiting_symptoms: f64,
    pub infections: f64,
    /// Named contacts waiting for tracers, oldest first (their people are in `epi.n*`).
    pub(crate) named_batches: VecDeque<NamedBatch>,
    /// Named contacts who left the waiting pool another way (found at a clinic, in hospital):
    /// taken off the oldest batches before tracers count what they reached.
    pub(crate) named_gone: f64,
    /// Traced contacts at home waiting for a quarantine room: (named at, count), oldest first.
    pub(crate) room_queue: VecDeque<(u32, f64)>,
    /// Home-isolated cases waiting for a site: (confirmed at, count), oldest first.
    pub(crate) isolation_queue: VecDeque<(u32, f64)>,
    /// Cases that had to be isolated at home first, since the start.
    pub(crate) isolation_needed: f64,
    /// Share of people seeking care at a fever clinic last step who could not be seen.
    pub clinic_queue: f64,
    /// A zone's level (`zones.rs`); none for districts, places and zones without one.
    pub zone_level: Option<crate::scenario::ZoneLevel>,
    /// The mass-testing round under way here, if any.
    pub(crate) round: Option<testing_rounds::Round>,
    /// Symptoms that began since the last step, (minute, people), and the cohorts of the ill
    /// on their way to a clinic (`care_seeking.rs`).
    pub(crate) onsets: Vec<(u32, f64)>,
    pub(crate) care_cohorts: care_seeking::Cohorts,
    /// Contacts of the district's people named, reached by tracers and quarantined since the
    /// start (the MSEL's "share of contacts traced" conditions).
    pub contacts_named: f64,
    pub contacts_reached: f64,
    pub contacts_quarantined: f64,
    /// The ill in quarantine swabbed and waiting for their results, and those of them who
    /// stopped being infectious meanwhile (a part of `epi.qr`; `quarantine_checks.rs`).
    pub(crate) quarantine_swabs_out: f64,
    pub(crate) quarantine_recovered_waiting: f64,
    /// When its people were last told to stay home (a closure, a sealed or controlled zone),
    /// while they still are (`fatigue.rs`).
    pub(crate) kept_home_since: Option<u32>,
    /// Share of the households needing deliveries last step that went without (`public.rs`).
    pub(crate) unsupported: f64,
}

impl DistrictState {
    /// Confirmed cases isolated at home until an ambulance takes them to a site.
    pub(crate) fn isolate_at_home(&mut self, confirmed_at: u32, cases: Infected) {
        if cases.n <= 0.0 {
            return;
        }
        self.epi.x_home += cases.n;
        self.isolation_queue.push_back((confirmed_at, cases.n));
        self.isolation_needed += cases.n;
    }

    /// Cases found among the quarantined are isolated where they were quarantined: in their
    /// room, or (a `home_share` of them) at home until a transfer.
    pub(crate) fn isolate_where_quarantined(
        &mut self,
        now: u32,
        cases: Infected,
        symptomatic: bool,
        home_share: f64,
    ) {
        if symptomatic {
            self.epi.xi.add(cases);
        } else {
            self.epi.xa.add(cases);
        }
        self.isolate_at_home(
            now,
            Infected {
                n: cases.n * home_share,
                ..cases
            },
        );
    }

    /// Cases just taken out of quarantine (which held `quarantined_before`) are isolated where
    /// they were: at home in the share of the quarantined who were at home.
    pub(crate) fn isolate_from_quarantine(
        &mut self,
        now: u32,
        cases: Infected,
        symptomatic: bool,
        quarantined_before: f64,
    ) {
        let home_share = (self.epi.q_home / quarantined_before).min(1.0);
        self.epi.q_home =
            (self.epi.q_home - cases.n * home_share).clamp(0.0, self.epi.quarantined().max(0.0));
        self.isolate_where_quarantined(now, cases, symptomatic, home_share);
    }

    /// Takes up to `count` cases out of home isolation, oldest first; returns (confirmed at, count).
    #[inline]
    pub(crate) fn leave_home_isolation(&mut self, count: f64) -> Vec<(u32, f64)> {
        if count <= 0.0 {
            return Vec::new();
        }
        let mut left = count.min(self.epi.x_home);
        self.epi.x_home -= left;
        take_oldest(&mut self.isolation_queue, &mut left)
    }
}

/// Takes `left` off a queue of (time, count), oldest first; returns what was taken.
pub(crate) fn take_oldest(queue: &mut VecDeque<(u32, f64)>, left: &mut f64) -> Vec<(u32, f64)> {
    let mut taken = Vec::new();
    while *left > 1e-12 {
        let Some(front) = queue.front_mut() else {
            break;
        };
        let portion = front.1.min(*left);
        taken.push((front.0, portion));
        front.1 -= portion;
        *left -= portion;
        if front.1 <= 1e-12 {
            queue.pop_front();
        }
    }
    taken
}

#[derive(Debug, Clone)]
pub struct FacilityState {
    pub stock: BTreeMap<String, u64>,
    pub disorder: f64,
    pub beds_lost: u32,
    /// Times a supply ran out here.
    pub stock_outs: u32,
    pub open: bool,
    /// Its people kept inside (`cohorts.rs`).
    pub cohort: bool,
    /// Beds, rooms and daily capacity added (or, negative, removed) since the start.
    pub added: facilities::Added,
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
    /// People the unit stands for: its work and use of supplies are per person.
    pub people: u32,
    /// Out of service (its people fell sick) until this minute (`u32::MAX`: until brought
    /// back), and why.
    pub out_of_service: Option<(u32, String)>,
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
    /// Fired at this minute whatever its trigger (a decision's or an action's `FireInject`).
    pub forced_at: Option<u32>,
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
    /// The figure of the report that answered it that the city's count contradicts
    /// (`report_truth.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untrue: Option<FalseFigure>,
}

/// How a request for aid was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AidAnswer {
    Accepted,
    Declined,
    /// Accepted in good faith, but the stock was not there: what was sent, and why not all.
    Short {
        sent: u64,
        #[serde(serialize_with = "crate::i18n::serialize_english")]
        reason: crate::i18n::Message,
    },
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
    pub answered: Option<(u32, AidAnswer)>,
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
    Gathering {
        gathering: String,
        decision: GatheringDecision,
    },
    Decide {
        decision: String,
        option: String,
    },
    Action {
        id: String,
    },
    Facility {
        facility: String,
        open: bool,
    },
    Zone {
        zone: String,
        district: String,
        level: crate::scenario::ZoneLevel,
    },
}

impl ActionKind {
    /// Paperwork: an action that changes nothing on the ground by itself (an activation, a
    /// report, information passed on, a request for aid). It earns process points, never a
    /// share of an outcome, and alone it cannot carry a team (`scoring::PAPERWORK_CAP`).
    pub fn is_paperwork(&self) -> bool {
        matches!(
            self,
            ActionKind::Activate
                | ActionKind::Report { .. }
                | ActionKind::Share { .. }
                | ActionKind::RequestAid { .. }
        )
    }
}

/// A command the exercise refused: what a team (or the control cell) tried, and why not.
#[derive(Debug, Clone, Serialize)]
pub struct RefusalRecord {
    pub at: u32,
    pub team: Option<String>,
    pub command: Command,
    #[serde(serialize_with = "crate::i18n::serialize_english")]
    pub reason: crate::i18n::Message,
}

/// An expected action drawn out by a fired inject.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectationState {
    pub inject: String,
    /// Which of the inject's expected actions, counting from 1.
    pub index: u32,
    /// The team expected to act; none: any team (an inject to `All`), and then `met_by`.
    pub team: Option<String>,
    pub met_by: Option<String>,
    pub text: String,
    #[serde(skip)]
    pub check: Option<ActionCheck>,
    pub fired_at: u32,
    pub due: u32,
    pub met_at: Option<u32>,
    /// Met because the action was already in place when the inject asked for it.
    pub already_in_place: bool,
    pub missed_noted: bool,
    /// An evaluator's judgement, for an action no command shows (the latest counts).
    pub judged: Option<JudgementRecord>,
}

impl ExpectationState {
    /// Whether the expectation concerns a team: expected of it, or met by it when any team could.
    pub fn concerns(&self, team: &str) -> bool {
        match &self.team {
            Some(t) => t == team,
            None => self.met_by.as_deref() == Some(team),
        }
    }

    /// The team asked, or the one that answered; None when any team may.
    pub fn team_concerned(&self) -> Option<&str> {
        self.team.as_deref().or(self.met_by.as_deref())
    }

    /// The team in words: its id, or "any team".
    pub fn team_words(&self, lang: crate::i18n::Language) -> String {
        match self.team_concerned() {
            Some(team) => team.to_string(),
            None => crate::tr!(lang, "any-team"),
        }
    }
}

/// An evaluator's judgement of an expected action that no command shows.
#[derive(Debug, Clone, Serialize)]
pub struct JudgementRecord {
    pub at: u32,
    pub verdict: command::Verdict,
    pub note: String,
    pub evaluator: String,
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

/// A running mean of durations in days: (sum of days, people).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct MeanDays {
    pub sum: f64,
    pub count: f64,
}

impl MeanDays {
    pub fn add(&mut self, people: f64, days: f64) {
        if people > 0.0 && days.is_finite() {
            self.sum += people * days.max(0.0);
            self.count += people;
        }
    }

    pub fn mean(&self) -> Option<f64> {
        (self.count > 0.0).then(|| self.sum / self.count)
    }
}

/// Running totals for outputs and scoring.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub contacts_named: f64,
    /// Confirmed cases who named contacts, and the contacts they named (an inject's list of
    /// an exposure is not a case's).
    pub cases_naming_contacts: f64,
    pub contacts_named_by_cases: f64,
    /// Secondary contacts (次密接) named by close contacts reached by tracers.
    pub secondary_contacts_named: f64,
    /// Infections the scenario scripts (initial cases, injected cases and exposures) rather than
    /// the epidemic.
    pub scripted_infections: f64,
    /// Infections in the household layer, and the household members of everyone who became
    /// infectious (`households.rs`): their ratio is the household secondary attack rate.
    pub household_infections: f64,
    pub household_members_exposed: f64,
    /// Contacts reached by tracers, and the infected among them.
    pub contacts_reached: f64,
    pub contacts_reached_infected: f64,
    pub contacts_quarantined: f64,
    pub contacts_quarantined_within_24h: f64,
    /// Traced contacts sent home to wait because the quarantine sites were full.
    pub contacts_waiting_for_rooms: f64,
    pub contacts_lost: f64,
    /// Confirmed cases who were already quarantined contacts, and contacts found ill by tracers.
    pub confirmed_from_quarantine: f64,
    pub confirmed_on_tracing: f64,
    pub overflow_hours: f64,
    pub economic_cost: f64,
    /// School days lost, care forgone, hotline calls and site days (`hardship.rs`).
    pub hardship: hardship::Hardship,
    pub stock_outs: u32,
    pub tests_done: f64,
    /// Samples taken in the field, and those spoilt waiting for a laboratory.
    pub samples_taken: f64,
    /// Contacts infected inside quarantine sites (`transmission.rs`).
    pub infected_in_quarantine_sites: f64,
    pub samples_lost: f64,
    /// People who came to a fever clinic (ill or worried) and could not be seen.
    pub care_seekers_turned_away: f64,
    /// Confirmed cases who had to be isolated at home first, and those moved to a site.
    pub isolation_needed: f64,
    pub isolated_in_sites: f64,
    pub isolated_within_24h: f64,
    /// Infections at crowds and mass gatherings.
    pub gathering_infections: f64,
    /// Patients admitted without a course of treatment.
    pub patients_untreated: f64,
    /// Days from infection to isolation of confirmed cases (injected cases excluded) and from
    /// infection to quarantine of infected contacts (symptom onset to isolation is read by
    /// onset cohort: `Exercise::onset_to_isolation`).
    pub infection_to_isolation: MeanDays,
    pub infection_to_quarantine: MeanDays,
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
    /// Named contacts not reached yet.
    pub named: f64,
    pub quarantined: f64,
    pub isolated: f64,
    pub hospitalised: f64,
    pub waiting: f64,
    pub r: f64,
    pub d: f64,
    pub confirmed: f64,
    /// Confirmed cases the public bulletin counts by now: those confirmed `report_lag` ago.
    pub reported: f64,
    /// Confirmed without symptoms, and converted since (`case_classes.rs`).
    pub asymptomatic: f64,
    pub converted: f64,
    pub infections: f64,
    pub trust: f64,
    pub level: ControlLevel,
}

/// Values derived once from the scenario.
pub(crate) struct Derived {
    pub beta: f64,
    /// The populations simulated: districts, then places with people (`places.rs`).
    pub nodes: Vec<Node>,
    pub district_count: usize,
    /// A place's people's day away from it, open and closed: (place, [(district, share)]).
    pub place_open_rows: Vec<(usize, Vec<(usize, f64)>)>,
    pub place_closed_rows: Vec<(usize, Vec<(usize, f64)>)>,
    /// Daily mobility, sparse: for each district, (destination, share of residents) off the diagonal.
    pub mobility: Vec<Vec<(usize, f64)>>,
    /// For each district, the share of residents staying home under `mobility`.
    pub home_share: Vec<f64>,
    /// Hospitals (indices into `hospitals`) from nearest to farthest, for each district.
    pub hospitals_by_distance: Vec<Vec<usize>>,
    pub district_index: BTreeMap<String, usize>,
    pub facility_index: BTreeMap<String, usize>,
    pub unit_index: BTreeMap<String, usize>,
    pub inject_index: BTreeMap<String, usize>,
    /// Facility indices of hospitals, in scenario order.
    pub hospitals: Vec<usize>,
    /// Which of `hospitals` (indices into it) are designated for the outbreak.
    pub designated: Vec<usize>,
    /// Facility indices of quarantine (and isolation) sites, in scenario order.
    pub sites: Vec<usize>,
    /// Whether traced contacts go to site rooms (else they quarantine at home).
    pub quarantine_in_sites: bool,
    /// What is left after one step of fading: rumours, gouging, disorder in districts and at sites.
    pub fades: public::Fades,
    /// Severity by age for each district (an index into `care::Severity::profiles`).
    pub severity: care::Severity,
    /// The supply a clinic test uses, if tests use kits.
    pub test_kit: Option<String>,
    /// What a PCR swab can find (`pcr.rs`).
    pub pcr: pcr::PcrWindow,
    /// Where each population's people live, and the household layer of transmission.
    pub households: households::Households,
    /// The share of the isolated who are still infectious (`isolation_days`).
    pub isolated_infectious: f64,
    /// How infectious new cases are (`dispersion.rs`).
    pub dispersion: dispersion::Dispersion,
    /// The feed's accounts and templates.
    pub feed: feed::FeedBook,
}

/// One running exercise. A copy runs on by itself, with the same random streams: what the
/// original would do next (the automatic red cell looks ahead on copies).
#[derive(Clone)]
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
    /// Days from symptom onset to isolation of confirmed cases, all and those found through
    /// contact lists, by onset day.
    pub(crate) onset_to_isolation: onset_cohorts::OnsetCohorts,
    pub(crate) onset_to_isolation_traced: onset_cohorts::OnsetCohorts,
    /// Money spent by each team (measures it ordered, gatherings it cancelled or restricted).
    pub(crate) costs: BTreeMap<String, f64>,
    pub(crate) overflow_active: bool,
    /// Where patients and confirmed cases go now (`care.rs`).
    pub(crate) care_policy: crate::scenario::CarePolicy,
    pub(crate) sites_full_noted: bool,
    /// Resupply deliveries held back until this minute, per supply.
    pub(crate) supply_delays: BTreeMap<String, u32>,
    /// Stock on its way to a facility without a unit (aid sent by courier).
    pub(crate) shipments: Vec<Shipment>,
    /// Samples waiting for a laboratory, oldest first, and the swabs of the ill in quarantine,
    /// which go first (`quarantine_checks.rs`).
    pub(crate) lab_queue: VecDeque<detection::Samples>,
    pub(crate) quarantine_lab_queue: VecDeque<detection::Samples>,
    /// Crowds gathered by injects, and planned mass gatherings.
    pub(crate) crowds: Vec<gatherings::Crowd>,
    /// Confirmed cases waiting for their interview.
    pub(crate) pending_names: Vec<tracing::Interview>,
    pub(crate) gatherings: Vec<GatheringState>,
    /// Commands applied so far, with their minute: the journal's content.
    pub(crate) log: Vec<(u32, Command)>,
    /// Minutes worked by units since the last epidemic step: (unit, place, minutes).
    pub(crate) pending_work: Vec<(usize, Place, f64)>,
    pub(crate) buffers: step::StepBuffers,
    pub(crate) chances: transmission::PathogenChances,
    pub(crate) observations: Vec<ObservationRecord>,
    pub(crate) ratings: Vec<RatingRecord>,
    /// Commands refused, in order.
    pub(crate) refusals: Vec<RefusalRecord>,
    /// Decision points put to teams so far, in the order their injects fired.
    pub(crate) decisions: Vec<DecisionState>,
    /// Scenario-defined actions taken, in order.
    pub(crate) actions_taken: Vec<ActionTaken>,
    /// Contact-rate changes in force: (district, or none for the city; factor; until).
    pub(crate) contact_changes: Vec<(Option<usize>, f64, u32)>,
    pub(crate) red: red::RedState,
    pub(crate) feed: feed::FeedState,
}

impl Exercise {
    /// Sets up the exercise at minute 0 (initial cases and injects of minute 0 included).
    pub fn new(scenario: Arc<Scenario>, seed: u64, mode: Mode) -> Exercise {
        let care_policy = scenario.surveillance.care_policy;
        let derived = derived_for(&scenario);
        let district_count = derived.district_count;
        let chances = transmission::PathogenChances::new(&scenario, &derived);
        let districts = derived
            .nodes
            .iter()
            .map(|node| {
                let d = &scenario.city.districts[node.district];
                (node, d)
            })
            .map(|(node, d)| DistrictState {
                epi: Compartments {
                    s: node.population,
                    ..Default::default()
                },
                level: ControlLevel::Normal,
                level_ordered_by: None,
                trust: d.trust.unwrap_or(scenario.public.initial_trust).get(),
                trust_anchor: d.trust.unwrap_or(scenario.public.initial_trust).get(),
                rumour: 0.0,
                fraud: 0.0,
                gouging: 0.0,
                disorder: 0.0,
                road_slowdown: 1.0,
                road_closed_until: 0,
                confirmed: 0.0,
                asymptomatic_confirmed: 0.0,
                converted: 0.0,
                awaiting_symptoms: 0.0,
                infections: 0.0,
                named_batches: VecDeque::new(),
                named_gone: 0.0,
                room_queue: VecDeque::new(),
                isolation_queue: VecDeque::new(),
                isolation_needed: 0.0,
                clinic_queue: 0.0,
                round: None,
                zone_level: None,
                onsets: Vec::new(),
                care_cohorts: Default::default(),
                contacts_named: 0.0,
                contacts_reached: 0.0,
                contacts_quarantined: 0.0,
                quarantine_swabs_out: 0.0,
                quarantine_recovered_waiting: 0.0,
                kept_home_since: None,
                unsupported: 0.0,
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
                open: f.open,
                cohort: false,
                added: Default::default(),
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
                    people: group.people.max(1),
                    out_of_service: None,
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
                forced_at: None,
            })
            .collect();
        let gatherings = gatherings::initial_states(&scenario);
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
            onset_to_isolation: Default::default(),
            onset_to_isolation_traced: Default::default(),
            costs: BTreeMap::new(),
            overflow_active: false,
            sites_full_noted: false,
            supply_delays: BTreeMap::new(),
            shipments: Vec::new(),
            lab_queue: VecDeque::new(),
            quarantine_lab_queue: VecDeque::new(),
            crowds: Vec::new(),
            pending_names: Vec::new(),
            care_policy,
            gatherings,
            log: Vec::new(),
            pending_work: Vec::new(),
            buffers: step::StepBuffers::default(),
            chances,
            observations: Vec::new(),
            ratings: Vec::new(),
            refusals: Vec::new(),
            decisions: Vec::new(),
            actions_taken: Vec::new(),
            contact_changes: Vec::new(),
            red: red::RedState {
                concealed: vec![None; district_count],
                ..Default::default()
            },
            feed: feed::FeedState::default(),
        };
        exercise.process_time();
        exercise.record_sample();
        exercise
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// A minute of the exercise as its clock reads it (`D2 09:30`), for a refusal or a status:
    /// "available again at 22h" would read as a wait.
    pub(crate) fn clock_arg(&self, minute: u32) -> crate::i18n::Arg {
        crate::i18n::Arg::worded(|lang| self.scenario.clock_in(lang, minute))
    }

    /// The scenario, shared (a baseline or a replay starts from the same one).
    pub fn scenario_arc(&self) -> Arc<Scenario> {
        self.scenario.clone()
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

    /// Whether a team has taken any action so far (up to a minute).
    /// The pathogen's basic reproduction number, as the model's transmission rate gives it.
    pub fn basic_reproduction_number(&self) -> f64 {
        let dt = Minutes(self.scenario.meta.time_step.get()).days();
        transmission::r0_of(&self.scenario, dt, self.derived.beta)
    }

    /// Whether a team did something on the ground by a minute (paperwork does not count).
    pub fn team_acted(&self, team: &str, by: u32) -> bool {
        self.actions
            .iter()
            .any(|a| a.team == team && a.at <= by && !a.kind.is_paperwork())
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

    /// Mean days from symptom onset to isolation over the onset days complete by now (all
    /// confirmed cases, and those found through contact lists).
    pub fn onset_to_isolation_days(&self) -> (Option<f64>, Option<f64>) {
        (
            self.onset_to_isolation.mean_of_complete(self.now),
            self.onset_to_isolation_traced.mean_of_complete(self.now),
        )
    }

    /// Money spent by each team so far.
    pub fn costs(&self) -> &BTreeMap<String, f64> {
        &self.costs
    }

    pub fn shipments(&self) -> &[Shipment] {
        &self.shipments
    }

    pub fn gatherings(&self) -> &[GatheringState] {
        &self.gatherings
    }

    pub fn observations(&self) -> &[ObservationRecord] {
        &self.observations
    }

    pub fn ratings(&self) -> &[RatingRecord] {
        &self.ratings
    }

    /// Commands refused so far, with their reasons.
    pub fn refusals(&self) -> &[RefusalRecord] {
        &self.refusals
    }

    /// Decision points put to teams so far.
    pub fn decisions(&self) -> &[DecisionState] {
        &self.decisions
    }

    /// Scenario-defined actions taken so far.
    pub fn actions_taken(&self) -> &[ActionTaken] {
        &self.actions_taken
    }

    /// The running totals with the "still inside their first 24 hours" counts filled in.
    pub fn totals_now(&self) -> Totals {
        let young = |t: u32| self.now.saturating_sub(t) < tracing::ON_TIME_MINUTES;
        let mut totals = self.totals.clone();
        totals.isolation_needed = self.districts.iter().map(|d| d.isolation_needed).sum();
        totals.contacts_pending_young = self
            .districts
            .iter()
            .map(|d| {
                d.named_batches
                    .iter()
                    .filter(|b| young(b.named_at))
                    .map(|b| b.count)
                    .sum::<f64>()
                    + d.room_queue
                        .iter()
                        .filter(|(t, _)| young(*t))
                        .map(|(_, n)| n)
                        .sum::<f64>()
            })
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

    /// Beds of every kind of a hospital that can take patients now.
    pub fn hospital_capacity(&self, hospital: usize) -> f64 {
        BedKind::ALL
            .iter()
            .map(|kind| self.beds_of(hospital, *kind))
            .sum()
    }

    /// Patients in the beds of a hospital, and cases isolated in its wards.
    pub fn hospital_occupancy(&self, hospital: usize) -> f64 {
        self.districts
            .iter()
            .flat_map(|d| &d.epi.patients)
            .filter(|p| p.hospital == Some(hospital))
            .map(|p| p.n)
            .sum::<f64>()
            + self.isolated_in_wards_of(hospital)
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
        for shipment in &self.shipments {
            consider(shipment.arrives);
        }
        let fired = |id: &str| self.fired_at(id);
        for (inject, state) in self.scenario.injects.iter().zip(&self.injects) {
            if state.status != InjectStatus::Pending {
                continue;
            }
            if let Some(at) = state.forced_at {
                consider(at);
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
        for g in &self.gatherings {
            g.wakeups(&mut consider);
        }
        for d in self.decisions.iter().filter(|d| d.settled.is_none()) {
            consider(d.due);
        }
        for a in self.actions_taken.iter().filter(|a| !a.in_effect) {
            consider(a.effective_at);
        }
        for u in &self.units {
            if let Some((until, _)) = u.out_of_service {
                consider(until);
            }
        }
        for &(_, _, until) in &self.contact_changes {
            consider(until);
        }
        self.red_wakeups(&mut consider);
        for supply in &self.scenario.supplies {
            for resupply in &supply.resupply {
                let every = resupply.every.get().max(1);
                consider((now / every + 1) * every);
            }
        }
        next
    }

    /// When an inject of the MSEL fired, if it has.
    pub fn fired_at(&self, inject: &str) -> Option<u32> {
        let n = *self.derived.inject_index.get(inject)?;
        match self.injects[n].status {
            InjectStatus::Fired(at) => Some(at),
            _ => None,
        }
    }

    /// Every inject of the MSEL that has fired, with its minute.
    pub fn injects_fired(&self) -> BTreeMap<&str, u32> {
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
                let Some(d) = self.node_index(case.district.as_str()) else {
                    continue;
                };
                self.seed_cases(
                    d,
                    f64::from(case.count),
                    case.state == CaseState::Exposed,
                    false,
                );
            }
        }
        self.move_units();
        self.units_back_in_service();
        self.deliver_shipments();
        self.resupply();
        self.complete_actions();
        self.channels_back();
        self.contact_changes.retain(|&(_, _, until)| until > now);
        self.fire_scheduled_injects();
        self.open_gatherings();
        if now > 0 && now.is_multiple_of(self.step_minutes()) && now > self.last_step_at {
            self.epidemic_step();
            self.last_step_at = now;
            self.record_sample();
        }
        self.open_daily_reports();
        self.check_deadlines();
        self.settle_overdue_decisions();
        self.fire_conditional_injects();
        self.update_feed();
    }

    /// How infectious new cases are, in this exercise's mode.
    pub(crate) fn dispersion(&self) -> dispersion::Dispersion {
        dispersion::Dispersion {
            mode: self.mode,
            ..self.derived.dispersion
        }
    }

    /// Moves `count` people from susceptible to exposed or infectious in a district.
    pub(crate) fn seed_cases(&mut self, d: usize, count: f64, exposed: bool, confirmed: bool) {
        let now = self.now;
        let count = count.min(self.districts[d].epi.s);
        // Infectious or confirmed cases were infected a latent period ago: their symptoms, and
        // the clock of their delay to isolation, start now, their infection earlier.
        let latent_minutes = self.scenario.pathogen.latent_days.get() * 1440.0;
        let cases = if exposed {
            Infected::new_at(count, f64::from(now))
        } else {
            let weight = self
                .dispersion()
                .mean_of(count, &mut self.streams.dispersion);
            Infected {
                weight,
                ..Infected::new_at(count, f64::from(now) - latent_minutes)
            }
            .with_onset(f64::from(now))
        };
        self.totals.scripted_infections += count;
        let district = &mut self.districts[d];
        district.epi.s -= count;
        if confirmed {
            // Found at the border or a clinic: isolated at once, waiting for transfer.
            district.epi.xi.add(cases);
            district.isolate_at_home(now, cases);
        } else if exposed {
            district.epi.e.add(cases);
        } else {
            district.epi.i.add(cases);
        }
        district.infections += count;
        if confirmed {
            self.confirm(d, cases, care::Found::Reported, true);
        } else if !exposed {
            self.fell_ill(d, now, count);
        }
    }

    fn record_sample(&mut self) {
        let lag = self.scenario.surveillance.report_lag.get();
        // The last sample taken by the bulletin's cut-off, if the lag reaches back before now.
        let cut_off = (lag > 0).then(|| {
            let before = self.now.saturating_sub(lag);
            let taken = self.series.partition_point(|s| s.t <= before);
            taken.checked_sub(1).map(|k| &self.series[k])
        });
        let districts = self
            .districts
            .iter()
            .enumerate()
            .map(|(k, d)| DistrictSample {
                s: d.epi.s,
                e: d.epi.e.n + d.epi.ne.n,
                a: d.epi.a.n + d.epi.na.n,
                i: d.epi.i.n + d.epi.ni.n,
                named: d.epi.named(),
                quarantined: d.epi.quarantined()
                    + if self.in_cohort(k) {
                        d.epi.mobile()
                    } else {
                        0.0
                    },
                isolated: d.epi.isolated(),
                hospitalised: d.epi.hospitalised(),
                waiting: d.epi.waiting(),
                r: d.epi.r + d.epi.nr,
                d: d.epi.d,
                confirmed: d.confirmed,
                reported: match cut_off {
                    None => d.confirmed,
                    Some(sample) => sample.map_or(0.0, |s| s.districts[k].confirmed),
                },
                asymptomatic: d.asymptomatic_confirmed,
                converted: d.converted,
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
        self.audience_of_names(to.iter().map(crate::scenario::Id::as_str))
    }

    /// Teams named, or playing the agencies named (each once).
    pub(crate) fn audience_of_names<'a>(&self, to: impl IntoIterator<Item = &'a str>) -> Audience {
        let mut teams: Vec<String> = Vec::new();
        for id in to {
            let team = self
                .scenario
                .team(id)
                .or_else(|| self.scenario.team_of_agency(id));
            if let Some(team) = team
                && !teams.contains(&team.id.name)
            {
                teams.push(team.id.name.clone());
            }
        }
        Audience::Teams(teams)
    }

    /// Whether a team plays an agency (its reports, its channels).
    pub fn team_plays(&self, team: &str, agency: &str) -> bool {
        self.scenario
            .team(team)
            .is_some_and(|t| t.agencies.iter().any(|a| a.as_str() == agency))
    }

    /// Districts an effect or statement applies to: one, or the whole city.
    pub(crate) fn scope(&self, district: &Option<crate::scenario::Id>) -> Vec<usize> {
        match district {
            Some(d) => self
                .derived
                .district_index
                .get(d.as_str())
                .copied()
                .into_iter()
                .collect(),
            None => (0..self.districts.len()).collect(),
        }
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
    let dt = Minutes(scenario.meta.time_step.get()).days();
    let district_index: BTreeMap<String, usize> = scenario
        .city
        .districts
        .iter()
        .enumerate()
        .map(|(n, d)| (d.id.name.clone(), n))
        .collect();
    let n = scenario.city.districts.len();
    let places = places::nodes(scenario, &district_index);
    let mut mobility: Vec<Vec<(usize, f64)>> = vec![Vec::new(); places.nodes.len()];
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
    // A place's people spend the rest of their day at home (it opens with the exercise
    // unless the scenario says it is closed; `force_of_infection` switches rows as it changes).
    for (place, row) in &places.open_rows {
        mobility[*place] = row.clone();
    }
    // A zone's residents go where their district's go, and spend their district's time at
    // home in it (`zones.rs` keeps them in when a level says so).
    for (k, node) in places.nodes.iter().enumerate() {
        if node.zone.is_some() {
            let district_row = mobility[node.district].clone();
            let mut row = vec![(node.district, transmission::home_share_of(&district_row))];
            row.extend(district_row);
            mobility[k] = row;
        }
    }
    let facility_index = scenario
        .facilities
        .iter()
        .enumerate()
        .map(|(n, f)| (f.id.name.clone(), n))
        .collect();
    let of_kind = |kind: FacilityKind| -> Vec<usize> {
        scenario
            .facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind)
            .map(|(n, _)| n)
            .collect()
    };
    let hospitals = of_kind(FacilityKind::Hospital);
    let sites = of_kind(FacilityKind::QuarantineSite);
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
    let hospitals_by_distance = places
        .nodes
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
    let quarantine_in_sites = match &scenario.surveillance.quarantine_at {
        Some(crate::scenario::QuarantinePlace::Sites) => true,
        Some(crate::scenario::QuarantinePlace::Home) => false,
        None => !sites.is_empty(),
    };
    let severity = care::Severity::new(scenario, &places.nodes);
    let beta = transmission::beta(scenario, dt);
    // A place's people live in the homes of the district they go back to when it closes.
    let homes: Vec<usize> = (0..places.nodes.len())
        .map(|k| {
            if k < places.district_count || places.nodes[k].zone.is_some() {
                return k;
            }
            places
                .closed_rows
                .iter()
                .find(|(p, _)| *p == k)
                .and_then(|(_, row)| row.first().map(|&(d, _)| d))
                .unwrap_or(places.nodes[k].district)
        })
        .collect();
    let populations: Vec<f64> = places.nodes.iter().map(|n| n.population).collect();
    let node_districts: Vec<usize> = places.nodes.iter().map(|n| n.district).collect();
    let households = households::Households::new(
        scenario,
        homes,
        &populations,
        &node_districts,
        transmission::r0_of(scenario, dt, beta),
    );
    Derived {
        beta,
        district_count: places.district_count,
        place_open_rows: places.open_rows,
        place_closed_rows: places.closed_rows,
        home_share: transmission::home_shares(&mobility),
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
        inject_index: scenario
            .injects
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id.name.clone(), n))
            .collect(),
        designated: hospitals
            .iter()
            .enumerate()
            .filter(|(_, f)| scenario.facilities[**f].designated)
            .map(|(h, _)| h)
            .collect(),
        hospitals,
        sites,
        quarantine_in_sites,
        fades: public::Fades::new(scenario, dt),
        severity,
        test_kit: detection::test_kit(scenario),
        pcr: pcr::PcrWindow::of(scenario),
        households,
        isolated_infectious: transmission::isolated_infectious_share(scenario),
        dispersion: dispersion::Dispersion {
            k: scenario.pathogen.dispersion_k.map(|k| k.get()),
            mode: Mode::Stochastic,
        },
        feed: feed::book(scenario),
        nodes: places.nodes,
    }
}

/// Whether a report rule's trigger is a given kind (used by the reporting logic).
pub(crate) fn rule_is(trigger: &ReportTrigger, kind: &ReportTrigger) -> bool {
    std::mem::discriminant(trigger) == std::mem::discriminant(kind)
}

/// A small scenario for tests, here and in the crates above (feature `test-support`).
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::bundled;

    fn infections_after(scenario: &Arc<Scenario>, days: u32) -> Vec<f64> {
        let mut exercise = Exercise::new(scenario.clone(), 3, Mode::Stochastic);
        exercise.advance(days * 24 * 60);
        exercise.districts().iter().map(|d| d.infections).collect()
    }

    /// The city's people are all counted, alive or dead, and their number never changes.
    #[test]
    fn the_city_keeps_its_people() {
        let port = bundled("port-city-outbreak.en.ron");
        let residents: f64 = port
            .city
            .districts
            .iter()
            .map(|d| d.population as f64)
            .sum();
        let mut exercise = Exercise::new(port, 3, Mode::Stochastic);
        let at_start = exercise.total_people();
        assert!(at_start >= residents, "{at_start} < {residents}");
        exercise.advance(10 * 24 * 60);
        assert!((exercise.total_people() - at_start).abs() < 1e-6 * at_start);
    }

    /// An inject that fired says when; one that has not, and an unknown one, say nothing.
    #[test]
    fn an_inject_says_when_it_fired() {
        let port = bundled("port-city-outbreak.en.ron");
        let mut exercise = Exercise::new(port, 3, Mode::Stochastic);
        exercise.advance(60);
        assert_eq!(exercise.fired_at("I-04"), None);
        exercise
            .apply(test_support::command(r#"FireInject(inject: "I-04")"#))
            .unwrap();
        assert_eq!(exercise.fired_at("I-04"), Some(60));
        assert_eq!(exercise.fired_at("no-such-inject"), None);
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

    /// Named contacts not reached yet are still latent, infectious or recovered: the samples the
    /// charts and KPIs read count them in those compartments.
    #[test]
    fn a_sample_counts_named_contacts_in_their_infection_state() {
        let mut ex = test_support::small(Mode::Expected, "");
        let epi = &mut ex.districts[0].epi;
        let at = |n: f64| Infected::new_at(n, 0.0);
        (epi.e, epi.ne) = (at(3.0), at(5.0));
        (epi.a, epi.na) = (at(2.0), at(7.0));
        (epi.i, epi.ni) = (at(1.0), at(4.0));
        (epi.r, epi.nr) = (10.0, 6.0);
        ex.record_sample();
        let sample = &ex.series().last().unwrap().districts[0];
        assert_eq!(
            (sample.e, sample.a, sample.i, sample.r),
            (8.0, 9.0, 5.0, 16.0)
        );
    }

    #[test]
    fn mean_days_average_what_they_are_given() {
        let mut m = MeanDays::default();
        assert_eq!(m.mean(), None);
        m.add(2.0, 3.0);
        m.add(1.0, 6.0);
        m.add(0.0, 100.0);
        assert_eq!(m.mean(), Some(4.0));
    }
}
