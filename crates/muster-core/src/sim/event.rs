//! What happens in an exercise: every event is stamped with scenario time and addressed to the
//! teams that may see it. A team sees only what was routed to it or shared with it.

use serde::Serialize;

use super::command::GatheringDecision;
use crate::i18n::Message;
use crate::scenario::{Channel, ControlLevel, UnitRole};

/// Who may see an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Only the control cell (facilitators and evaluators).
    Control,
    /// These teams, and the control cell.
    Teams(Vec<String>),
    /// Every team.
    Everyone,
}

impl Audience {
    pub fn includes(&self, team: &str) -> bool {
        match self {
            Audience::Control => false,
            Audience::Teams(teams) => teams.iter().any(|t| t == team),
            Audience::Everyone => true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Minutes since the exercise started.
    pub at: u32,
    pub audience: Audience,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    InjectFired {
        inject: String,
        title: String,
        channel: Channel,
        from: String,
        message: String,
    },
    InjectDelayed {
        inject: String,
        until: u32,
    },
    InjectSkipped {
        inject: String,
    },
    InjectEdited {
        inject: String,
    },
    Activated {
        team: String,
    },
    UnitDispatched {
        unit: String,
        team: String,
        to: String,
        arrives: u32,
    },
    UnitArrived {
        unit: String,
        at_place: String,
    },
    UnitFinished {
        unit: String,
        at_place: String,
    },
    UnitReturned {
        unit: String,
    },
    UnitIdle {
        unit: String,
        #[serde(serialize_with = "crate::i18n::serialize_english")]
        reason: Message,
    },
    Delivered {
        unit: String,
        supply: String,
        quantity: u64,
        to: String,
    },
    MeasureOrdered {
        team: String,
        district: String,
        level: ControlLevel,
    },
    ReportDue {
        rule: String,
        from: String,
        to: String,
        due: u32,
    },
    ReportFiled {
        team: String,
        from: String,
        to: String,
        on_time: bool,
        text: String,
        /// A figure it stated that the city's count contradicts.
        #[serde(skip_serializing_if = "Option::is_none")]
        untrue: Option<super::FalseFigure>,
    },
    ReportOverdue {
        rule: String,
        from: String,
        to: String,
    },
    Shared {
        team: String,
        with: Vec<String>,
        text: String,
    },
    Statement {
        team: String,
        district: Option<String>,
        text: String,
    },
    AidRequested {
        request: u32,
        from_team: String,
        to_team: String,
        units: Vec<String>,
        supply: Option<String>,
        quantity: u64,
        text: String,
    },
    AidAnswered {
        request: u32,
        team: String,
        accepted: bool,
        text: String,
        /// What the answer sets in motion, or why it fell short ("sent 5,995 of 10,000 …").
        #[serde(serialize_with = "crate::i18n::serialize_english")]
        note: Message,
    },
    AidUnanswered {
        request: u32,
        from_team: String,
        to_team: String,
    },
    ExpectationMet {
        inject: String,
        team: String,
        text: String,
        after_minutes: u32,
    },
    ExpectationMissed {
        inject: String,
        team: String,
        text: String,
    },
    CasesConfirmed {
        district: String,
        count: u64,
    },
    ContactsNamed {
        district: String,
        count: u64,
    },
    ContactsQuarantined {
        district: String,
        count: u64,
    },
    /// Traced contacts sent home to wait: the quarantine sites have no free room.
    NoQuarantineRoom {
        district: String,
        waiting: u64,
    },
    SitesNearlyFull {
        occupied: u64,
        rooms: u64,
    },
    GatheringStarted {
        gathering: String,
        name: String,
        place: String,
        attendees: u64,
        with_measures: bool,
    },
    GatheringDecided {
        gathering: String,
        name: String,
        place: String,
        team: String,
        decision: GatheringDecision,
        start: u32,
    },
    /// A crowd is over; what it did (for the control cell).
    CrowdDispersed {
        name: String,
        infections: u64,
    },
    HospitalOverflow {
        waiting: u64,
        /// The kinds of bed they wait for.
        #[serde(serialize_with = "crate::i18n::serialize_english")]
        beds: Message,
    },
    HospitalOverflowEnded,
    Deaths {
        district: String,
        count: u64,
    },
    StockOut {
        facility: String,
        supply: String,
    },
    Resupplied {
        facility: String,
        supply: String,
        quantity: u64,
    },
    TrustAlert {
        district: String,
        trust: f64,
    },
    UnitAction {
        unit: String,
        role: UnitRole,
        place: String,
        work: f64,
    },
    Notice {
        #[serde(serialize_with = "crate::i18n::serialize_english")]
        text: Message,
    },
    /// A scheduled inject whose `only_if` did not hold: it is dropped.
    InjectDropped {
        inject: String,
    },
    CapacityChanged {
        facility: String,
        beds: u32,
        icu_beds: u32,
        paediatric_beds: u32,
        daily_capacity: u32,
    },
    FacilityOpened {
        facility: String,
        /// The team that ordered it, or the control cell.
        by: String,
        /// false: closed.
        open: bool,
    },
    /// The control cell, speaking as an agency it plays.
    AgencyMessage {
        agency: String,
        from: String,
        channel: Channel,
        text: String,
    },
    DecisionOpened {
        decision: String,
        question: String,
        teams: Vec<String>,
        due: u32,
    },
    DecisionAnswered {
        decision: String,
        team: String,
        option: String,
        label: String,
        text: String,
    },
    DecisionSettled {
        decision: String,
        question: String,
        option: String,
        label: String,
        /// How it was reached.
        how: super::SettledBy,
    },
    /// The red cell played a tactic (seen by red and the control cell).
    RedPlayed {
        team: String,
        tactic: String,
        name: String,
        target: Option<String>,
        /// The target's name (a district, a facility, an agency); None: the whole city.
        target_name: Option<String>,
        cost: f64,
        text: String,
    },
    /// What the public sees of a red tactic.
    RedSign {
        sign: super::RedSign,
        /// The district or facility; none: the whole city.
        place: Option<String>,
        /// The rumour's channel, the crowd's size.
        detail: String,
    },
    /// Cases a district office hid came out.
    CasesUncovered {
        district: String,
        cases: u64,
        by: super::UncoveredBy,
    },
    /// An agency's reporting channel is down.
    ChannelDown {
        agency: String,
        until: u32,
    },
    /// A team is switching an agency's reports to a backup channel.
    ChannelRestoring {
        agency: String,
        team: String,
        at: u32,
    },
    ChannelBack {
        agency: String,
    },
    ActionTaken {
        action: String,
        name: String,
        team: String,
        /// When its effects take hold.
        effective_at: u32,
        text: String,
    },
    ActionInEffect {
        action: String,
        name: String,
        team: String,
    },
    UnitsOutOfService {
        units: Vec<String>,
        /// None: until brought back.
        until: Option<u32>,
        reason: String,
    },
    UnitsBackInService {
        units: Vec<String>,
    },
}
