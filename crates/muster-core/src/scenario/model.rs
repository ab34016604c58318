//! What a scenario file says: the city, the pathogen, facilities, agencies and teams, resources,
//! the MSEL of injects, and the objectives that score the teams.
//!
//! Every type here is declared with `ron_struct!` / `ron_enum!`, which also generate its decoder;
//! `= value` marks a field that may be left out, and `scenarios/README.md` documents each one.
//! Units: time in minutes (written "2h30m"), distance in km, speed in km/h, money in the
//! scenario's currency, shares between 0 and 1.

use std::collections::BTreeMap;

use super::values::{DateTime, Fraction, Id, Minutes, Point, Positive, ScenarioTime, Spanned};
use crate::{ron_enum, ron_struct};

ron_struct! {
    /// A whole exercise scenario: one RON file.
    pub struct Scenario {
        meta: Meta,
        city: City,
        pathogen: Pathogen,
        surveillance: Surveillance = Surveillance::default(),
        initial_cases: Vec<InitialCases> = Vec::new(),
        supplies: Vec<Supply> = Vec::new(),
        facilities: Vec<Facility> = Vec::new(),
        agencies: Vec<Agency>,
        teams: Vec<Team>,
        resource_types: Vec<ResourceType> = Vec::new(),
        units: Vec<UnitGroup> = Vec::new(),
        measures: Measures = Measures::default(),
        public: Public = Public::default(),
        reporting: Vec<ReportRule> = Vec::new(),
        /// Parts of districts that can be sealed or controlled on their own (a compound, a
        /// town): their people live there and move about their district until a zone level
        /// keeps them in.
        zones: Vec<Zone> = Vec::new(),
        /// Planned events that draw crowds from many districts (a marathon, a festival).
        mass_gatherings: Vec<MassGathering> = Vec::new(),
        /// Actions a team may take beyond the built-in ones (close a terminal section, recall
        /// a batch, open a temporary site), with their effects in the engine's terms.
        actions: Vec<ActionDef> = Vec::new(),
        /// What the red cell may do, and its budget; none: red plays only through injects.
        red: Option<RedCell> = None,
        /// The public's news and microblog feed: who posts, and what they post when something
        /// happens (the shared accounts and templates of the scenario's language, and these).
        feed: Feed = Feed::default(),
        injects: Vec<Inject> = Vec::new(),
        objectives: Vec<Objective> = Vec::new(),
        /// How the harm of the response counts in the scores: every scenario is scored on it
        /// (an objective is added) unless its author opts out with a reason.
        proportion: Proportion = Proportion::default(),
    }
}

ron_struct! {
    /// The harm of the response set against the harm it averted (`scoring/proportion.rs`).
    pub struct Proportion {
        /// Weight of the added objective's KPI; none: a third of the other KPIs' weights
        /// together, so that proportion is a quarter of the whole exercise's score.
        weight: Option<Positive> = None,
        /// What one infection costs the city in yuan (illness, care, the risk of death); none:
        /// derived from the pathogen and the city's output.
        harm_of_an_infection: Option<Positive> = None,
        /// Why this exercise does not score proportion (said in words): no objective is added.
        opt_out: Option<Spanned<String>> = None,
    }
}

ron_struct! {
    /// Who wrote the scenario, and when and how long the exercise runs.
    pub struct Meta {
        id: Id,
        title: String,
        description: String = String::new(),
        /// The language the scenario is written in; the app and reports default to it.
        language: Option<Language> = None,
        author: String = String::new(),
        version: String = "1.0".to_string(),
        /// Date and local time at which the exercise clock starts.
        start: DateTime,
        duration: Minutes,
        /// Step of the epidemic model; must divide a day.
        time_step: Minutes = Minutes(6 * 60),
        /// Seed used when a run does not choose one.
        seed: u64 = 1,
        /// How long the exercise takes in the room ("72 hours of scenario time, played in 3
        /// hours"): the app's clock runs at `duration / played_in` unless the facilitator
        /// changes it.
        played_in: Option<Minutes> = None,
        /// Sources the scenario's figures come from.
        references: Vec<String> = Vec::new(),
    }
}

pub use crate::i18n::Language;

ron_struct! {
    pub struct City {
        name: String,
        districts: Vec<District>,
        mobility: Mobility = Mobility::None,
        /// Road distance divided by straight-line distance, for travel times.
        road_factor: Positive = Positive(1.3),
        /// Shares of the population by age band, for severity by age; a district may differ.
        age_shares: AgeShares = AgeShares::default(),
        /// People per household, on average; a district may differ.
        household_size: Positive = Positive(2.62),
        /// The city's daily output per person in yuan (GDP per capita / 365), which the
        /// measures' cost is a share of; `None`: China's, 222 yuan in 2021 (`economy.rs`).
        daily_output_per_person: Option<Positive> = None,
    }
}

ron_struct! {
    /// Shares of a population by age band; they add up to 1.
    pub struct AgeShares {
        /// Aged 0–14.
        children: Spanned<Fraction>,
        /// Aged 15–59.
        adults: Spanned<Fraction>,
        /// Aged 60 and over.
        older: Spanned<Fraction>,
    }
}

impl Default for AgeShares {
    /// China's 7th census (2020): 17.95% aged 0–14, 63.35% aged 15–59, 18.70% aged 60 and over.
    fn default() -> Self {
        AgeShares {
            children: Spanned::new(Fraction(0.1795)),
            adults: Spanned::new(Fraction(0.6335)),
            older: Spanned::new(Fraction(0.1870)),
        }
    }
}

impl Meta {
    /// Scenario minutes per real minute when the exercise is played in `played_in`.
    pub fn played_speed(&self) -> Option<f64> {
        let played_in = self.played_in?.get();
        (played_in > 0).then(|| f64::from(self.duration.get()) / f64::from(played_in))
    }
}

impl AgeShares {
    pub fn get(&self, band: &AgeBand) -> f64 {
        match band {
            AgeBand::Children => self.children.value.get(),
            AgeBand::Adults => self.adults.value.get(),
            AgeBand::Older => self.older.value.get(),
        }
    }
}

ron_enum! {
    /// Age bands for severity and hospital beds.
    pub enum AgeBand { Children, Adults, Older }
}

impl AgeBand {
    pub const ALL: [AgeBand; 3] = [AgeBand::Children, AgeBand::Adults, AgeBand::Older];

    pub fn index(&self) -> usize {
        match self {
            AgeBand::Children => 0,
            AgeBand::Adults => 1,
            AgeBand::Older => 2,
        }
    }
}

ron_struct! {
    pub struct District {
        id: Id,
        name: String,
        population: u64,
        position: Point,
        area_km2: Positive = Positive(25.0),
        /// Public trust at the start, if different from `public.initial_trust`.
        trust: Option<Fraction> = None,
        /// The district's age structure, if different from the city's (a campus, a retirement town).
        age_shares: Option<AgeShares> = None,
        /// People per household, if different from the city's.
        household_size: Option<Positive> = None,
    }
}

ron_enum! {
    /// How people move between districts during a day.
    pub enum Mobility {
        /// Districts are isolated from each other.
        None,
        /// Shares of each district's residents who spend the day in another district.
        Flows(Vec<Flow>),
        /// Row-stochastic matrix, one row per district in file order; each row sums to 1.
        Matrix(Vec<Vec<f64>>),
        /// The same share of residents goes to each linked district.
        Adjacency(Adjacency),
    }
}

ron_struct! {
    pub struct Flow {
        from: Id,
        to: Id,
        share: Fraction,
    }
}

ron_struct! {
    pub struct Adjacency {
        links: Vec<(Id, Id)>,
        /// Share of residents commuting along each link, both ways.
        share: Fraction,
    }
}

ron_struct! {
    /// Transmission and course of the disease.
    pub struct Pathogen {
        name: String,
        /// Basic reproduction number; give this or `transmission_rate`.
        r0: Option<Positive> = None,
        /// Infections caused per infectious person per day in a fully susceptible population.
        transmission_rate: Option<Positive> = None,
        /// Mean days from infection to becoming infectious (the latent period: the incubation
        /// period to symptoms minus the days of pre-symptomatic spread).
        latent_days: Positive,
        /// Mean days a case stays infectious.
        infectious_days: Positive,
        asymptomatic_share: Fraction = Fraction(0.4),
        /// Infectiousness of an asymptomatic case relative to a symptomatic one.
        asymptomatic_infectiousness: Fraction = Fraction(0.75),
        /// Offspring overdispersion: the negative binomial k of the number a case infects (small
        /// k: super-spreading); `None`: every case alike.
        dispersion_k: Option<Positive> = None,
        /// Share of a case's household members infected by the case over its illness (the
        /// household secondary attack rate), with nobody isolated or quarantined.
        household_attack_rate: Fraction = Fraction(0.166),
        /// Share of symptomatic cases who need a hospital bed.
        hospitalisation_rate: Fraction = Fraction(0.05),
        /// Share of hospitalised cases who need intensive care.
        icu_share: Fraction = Fraction(0.15),
        hospital_days: Positive = Positive(5.0),
        icu_days: Positive = Positive(10.0),
        /// Share of hospitalised cases who die when they have a bed.
        fatality_rate: Fraction = Fraction(0.1),
        /// Multiplier on the fatality of a patient who needs a bed and finds none.
        overflow_fatality_factor: Positive = Positive(2.0),
        /// Severity by age band; a band not listed takes the figures above.
        severity: Vec<BandSeverity> = Vec::new(),
        /// A course of treatment given to each hospital patient, from the hospital's stock.
        treatment: Option<Treatment> = None,
    }
}

ron_struct! {
    /// How severe the disease is in one age band.
    pub struct BandSeverity {
        band: Spanned<AgeBand>,
        /// Share of this band's symptomatic cases who need a hospital bed.
        hospitalisation_rate: Fraction,
        /// Defaults to the pathogen's `icu_share`.
        icu_share: Option<Fraction> = None,
        /// Defaults to the pathogen's `fatality_rate`.
        fatality_rate: Option<Fraction> = None,
    }
}

ron_struct! {
    /// The treatment protocol of hospital patients (antivirals, for instance).
    pub struct Treatment {
        /// The supply a course is taken from, at the admitting hospital.
        supply: Id,
        /// Courses used per patient admitted.
        courses_per_patient: u32 = 1,
        /// Multiplier on the fatality of a patient admitted when the hospital had no course.
        untreated_fatality_factor: Positive = Positive(1.5),
    }
}

ron_struct! {
    /// How cases come to the authorities' knowledge.
    pub struct Surveillance {
        /// Share of symptomatic cases who come to a fever clinic by themselves.
        care_seeking: Fraction = Fraction(0.5),
        care_seeking_delay_days: Positive = Positive(2.0),
        test_sensitivity: Fraction = Fraction(0.9),
        /// Sensitivity of an antigen self-test against PCR (Cochrane review, Dinnes et al.
        /// 2022, CD013705: 73% in people with symptoms, 55% without).
        antigen_sensitivity: Fraction = Fraction(0.6),
        /// Close contacts named by each confirmed case.
        contacts_per_case: Positive = Positive(10.0),
        /// Share of named contacts that tracing can find.
        traceable_share: Fraction = Fraction(0.7),
        /// Share of close contacts who are infected (secondary attack rate).
        contact_infection_share: Fraction = Fraction(0.1),
        /// Contacts of each close contact reached by tracers who are named as secondary
        /// contacts (次密接) and traced and quarantined in turn; 0: one generation only.
        secondary_contacts_per_contact: f64 = 0.0,
        /// Time from a case's confirmation to the interview that names its contacts.
        interview_delay: Minutes = Minutes(0),
        /// Time from naming a contact to the first moment tracers can reach them (looking
        /// them up, calling them).
        notification_delay: Minutes = Minutes(0),
        /// Named contacts not reached by tracers within this time are lost to tracing.
        contacts_lost_after: Minutes = Minutes(14 * 24 * 60),
        /// Mean days a contact stays in quarantine.
        quarantine_days: Positive = Positive(14.0),
        /// Time from a case's confirmation to the bulletin that counts it.
        report_lag: Minutes = Minutes(0),
        /// Time from taking a swab to its laboratory result at the soonest: transport and the
        /// run. China's NHC asks for fever clinics' results within 6 hours (国务院联防联控机制,
        /// 2020); Tianjin's first cases, swabbed on the day of 7 January 2022, were positive in
        /// the early hours of the 8th. Tests read on site (no laboratory) are not delayed.
        lab_turnaround: Minutes = Minutes(6 * 60),
        /// Where patients and confirmed cases go: see `CarePolicy`.
        care_policy: CarePolicy = CarePolicy::Nearest,
        /// Mean days a confirmed case stays in isolation; `None`: until no longer infectious.
        isolation_days: Option<Positive> = None,
        /// Where traced contacts are quarantined: `Sites` (rooms at quarantine sites; the others
        /// wait at home for a room) or `Home`. Default: `Sites` when the scenario has
        /// quarantine sites, else `Home`.
        quarantine_at: Option<QuarantinePlace> = None,
        /// The supply a test uses at fever clinics. Default: the supply testing units consume.
        test_kit: Option<Id> = None,
        /// People with other fevers who come to fever clinics per day per 100,000 residents,
        /// each using the clinic's time and a kit; unanswered rumours bring more.
        worried_well_per_100k: f64 = 0.0,
        /// Days before becoming infectious from which a PCR test finds an infected person.
        pcr_days_before_infectious: f64 = 1.0,
        /// Days after infectiousness ends during which a PCR test still finds them.
        pcr_days_after_infectious: f64 = 7.0,
        /// People in quarantine are swabbed every this many days, as well as when they fall
        /// ill; `None`: only when they fall ill.
        quarantine_test_every_days: Option<Positive> = Some(Positive(3.0)),
        /// Contacts are swabbed as they enter quarantine (China's protocol in 2021–22: tests
        /// on days 1, 4, 7 and 14 of quarantine).
        quarantine_test_on_entry: bool = true,
    }
}

ron_enum! {
    /// Where quarantined contacts stay.
    pub enum QuarantinePlace { Sites, Home }
}

ron_enum! {
    /// Where patients needing a bed and confirmed cases go.
    #[derive(Copy, Eq)]
    pub enum CarePolicy {
        /// Patients to the nearest hospital with a free bed; confirmed cases to isolation sites.
        Nearest,
        /// Patients to the designated hospitals only; confirmed cases to isolation sites.
        DesignatedSevere,
        /// Patients and every confirmed case to the designated hospitals (China, 2022): cases
        /// are isolated in their ward beds.
        DesignatedAll,
    }
}

ron_enum! {
    pub enum CaseState { Exposed, Infectious }
}

ron_struct! {
    /// Infections present at (or appearing at) a given time, before any inject.
    pub struct InitialCases {
        /// A district, or a place with `people`.
        district: Id,
        count: u32,
        at: ScenarioTime = ScenarioTime(0),
        state: CaseState = CaseState::Infectious,
        note: String = String::new(),
    }
}

ron_struct! {
    /// A kind of consumable stock: test kits, PPE, masks.
    pub struct Supply {
        id: Id,
        name: String,
        unit: String = "items".to_string(),
        /// Regular deliveries (rotation of the reserve).
        resupply: Vec<Resupply> = Vec::new(),
    }
}

ron_struct! {
    pub struct Resupply {
        to: Id,
        quantity: u64,
        every: Minutes,
    }
}

ron_enum! {
    pub enum FacilityKind {
        Hospital, FeverClinic, TestingSite, QuarantineSite, Warehouse, CommandPost, Port, Airport, Station,
        School, Market, Workplace, Other,
    }
}

impl FacilityKind {
    /// The kind as the interface names it.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        use crate::tr;
        match self {
            FacilityKind::Hospital => tr!(lang, "facility-hospital"),
            FacilityKind::FeverClinic => tr!(lang, "facility-fever-clinic"),
            FacilityKind::TestingSite => tr!(lang, "facility-testing-site"),
            FacilityKind::QuarantineSite => tr!(lang, "facility-quarantine-site"),
            FacilityKind::Warehouse => tr!(lang, "facility-warehouse"),
            FacilityKind::CommandPost => tr!(lang, "facility-command-post"),
            FacilityKind::Port => tr!(lang, "facility-port"),
            FacilityKind::Airport => tr!(lang, "facility-airport"),
            FacilityKind::Station => tr!(lang, "facility-station"),
            FacilityKind::School => tr!(lang, "facility-school"),
            FacilityKind::Market => tr!(lang, "facility-market"),
            FacilityKind::Workplace => tr!(lang, "facility-workplace"),
            FacilityKind::Other => tr!(lang, "facility-other"),
        }
    }
}

ron_struct! {
    pub struct Facility {
        id: Id,
        name: String,
        kind: FacilityKind,
        district: Id,
        /// Defaults to the district's position.
        position: Option<Point> = None,
        /// Agency that runs it.
        operator: Option<Id> = None,
        /// Ward beds (hospitals) or rooms (quarantine sites).
        beds: u32 = 0,
        /// Intensive-care beds (hospitals), in addition to `beds`.
        icu_beds: u32 = 0,
        /// Children's ward beds (hospitals), in addition to `beds`. When any hospital declares
        /// some, children need one; otherwise children take ward beds.
        paediatric_beds: u32 = 0,
        /// People seen or samples processed per day (fever clinics, testing sites).
        daily_capacity: u32 = 0,
        /// Supplies held at the start: `{"test-kits": 20000}`.
        stock: BTreeMap<Id, u64> = BTreeMap::new(),
        /// People who spend their days here (a school's pupils and staff, a terminal's
        /// workers, a market's vendors and regulars): they mix here more closely than in their
        /// district, and go home when it closes. Counted in the district's population.
        people: u32 = 0,
        /// Close contacts per hour here, relative to an hour of an ordinary day.
        contact_intensity: Positive = Positive(2.0),
        /// Hours a day its people spend here: 8 for a school, 24 for a boarding school.
        hours_per_day: Positive = Positive(8.0),
        /// Where its people live: (district, share); empty: its own district. They spend the
        /// rest of the day there, and the whole day once it closes.
        homes: Vec<AttendeeOrigin> = Vec::new(),
        /// Its people's ages, if different from its district's (a school: mostly children).
        age_shares: Option<AgeShares> = None,
        /// Whether it is open when the exercise starts.
        open: bool = true,
        /// A designated hospital for the outbreak's patients (定点医院), which a care policy
        /// other than `Nearest` sends them to.
        designated: bool = false,
    }
}

ron_enum! {
    pub enum AgencyKind {
        Command, Police, Health, Cdc, Hospital, Transport, CommunityGrid, Volunteers, Telecom,
        MarketRegulation, Media, Customs, Neighbour, Other,
    }
}

ron_struct! {
    pub struct Agency {
        id: Id,
        name: String,
        kind: AgencyKind,
        /// The agency it reports to, up the chain of command.
        reports_to: Option<Id> = None,
        description: String = String::new(),
        /// Played by the control cell (HSEEP's simulation cell), not by a team: a neighbouring
        /// province, the headquarters' superiors. Reports, messages and requests for help
        /// addressed to it reach the facilitator, who answers as this agency.
        simulated: bool = false,
        /// Where the agency may order measures and close or open facilities (属地管理,
        /// territorial responsibility); none: the whole city.
        jurisdiction: Option<Jurisdiction> = None,
    }
}

ron_struct! {
    /// Where an agency may act: its districts (and the facilities in them), facilities of some
    /// kinds anywhere (an education bureau: schools), or named facilities.
    pub struct Jurisdiction {
        districts: Vec<Id> = Vec::new(),
        facility_kinds: Vec<FacilityKind> = Vec::new(),
        facilities: Vec<Id> = Vec::new(),
    }
}

impl Jurisdiction {
    pub fn covers_district(&self, district: &str) -> bool {
        self.districts.iter().any(|d| d.as_str() == district)
    }

    pub fn covers_facility(&self, facility: &Facility) -> bool {
        self.facilities.contains(&facility.id)
            || self.facility_kinds.contains(&facility.kind)
            || self.covers_district(facility.district.as_str())
    }
}

ron_struct! {
    /// The public's feed (`sim/feed.rs`): accounts that post, and templates of what they post
    /// when something happens. The shared accounts and templates in the scenario's language
    /// (`assets/feed/`) come first, unless `shared` is false; a scenario adds its own.
    pub struct Feed {
        accounts: Vec<FeedAccount> = Vec::new(),
        templates: Vec<PostTemplate> = Vec::new(),
        /// Whether the shared accounts and templates take part.
        shared: bool = true,
    }
}

/// What a post template may be filled in with.
pub const POST_PLACEHOLDERS: &[&str] = &[
    "district", "place", "count", "text", "channel", "supply", "city",
];

ron_struct! {
    /// An outlet or a persona that posts. `{city}` in its name is the city's name.
    pub struct FeedAccount {
        id: Id,
        name: String,
        kind: AccountKind,
        followers: u64,
        /// From -1 (hostile to the response: it amplifies bad news) through 0 to 1 (it
        /// amplifies the authorities' word).
        stance: f64 = 0.0,
    }
}

ron_enum! {
    /// Who an account is; a template names the kind that writes it.
    #[derive(Copy, Eq)]
    pub enum AccountKind {
        /// The government and its agencies: they post the teams' statements.
        Official,
        /// Local press and broadcasters.
        Press,
        /// Residents posting what they see.
        Resident,
        /// Accounts that spread rumours.
        RumourMill,
        /// The red cell's own accounts (shown to the public like any other).
        Red,
    }
}

ron_struct! {
    /// What an account of kind `by` posts when `on` happens. `{district}`, `{place}`, `{count}`,
    /// `{text}`, `{channel}`, `{supply}` and `{city}` are filled in from what happened.
    pub struct PostTemplate {
        on: PostTrigger,
        by: AccountKind,
        text: Spanned<String>,
        tone: PostTone = PostTone::Neutral,
    }
}

ron_enum! {
    /// What makes the feed post.
    #[derive(Copy, Eq, PartialOrd, Ord)]
    pub enum PostTrigger {
        /// Cases confirmed in a district (`{district}`, `{count}`).
        Cases,
        /// Deaths in a district.
        Deaths,
        /// The hospitals have no free bed (`{count}` waiting).
        HospitalFull,
        /// A district's fever clinics turn many away (`{count}`: the share, in %).
        ClinicQueue,
        /// A closed district's households go without the deliveries they need (`{count}`: days
        /// kept at home).
        Hardship,
        /// A facility ran out of a supply (`{place}`, `{supply}`).
        StockOut,
        /// A district's trust in the authorities fell low.
        TrustLow,
        /// A district's control level was raised.
        Measure,
        /// A team's public statement (`{text}`; posted by an official account).
        Statement,
        /// A rumour spreads (`{channel}`), from red or a media inject.
        Rumour,
        /// Panic buying: empty shelves, prices up (from red, or a media inject that sends
        /// prices up).
        PanicBuying,
        /// A crowd at a site (`{place}`, `{count}` people).
        Crowd,
        /// Fraud calls posing as officials.
        Fraud,
        /// A district office's hidden cases came out.
        CoverUp,
        /// An inject delivered through the media or social media (`{text}`: its title).
        Media,
    }
}

ron_enum! {
    /// How a post reads for the response: bad news grows while it is left unanswered.
    #[derive(Copy, Eq)]
    pub enum PostTone { Negative, Neutral, Positive }
}

ron_struct! {
    /// The red cell's play: its budget and the tactics it may use, each a mechanic of the
    /// simulation that Blue can counter (`sim/red.rs` says how).
    pub struct RedCell {
        /// Red points for the whole exercise; each tactic costs some.
        budget: f64,
        tactics: Vec<RedTactic>,
    }
}

ron_struct! {
    pub struct RedTactic {
        id: Id,
        name: String,
        description: String = String::new(),
        /// Red points it costs each time.
        cost: f64,
        /// Time after one use before the next.
        cooldown: Minutes = Minutes(0),
        /// What it does, in the engine's terms; its target is chosen when it is played.
        does: RedEffect,
    }
}

ron_enum! {
    /// The mechanics red can set going. Targets: a district (or, left out, the whole city)
    /// for rumours, panic buying and fraud calls; a district for concealment; a facility for a
    /// crowd; an agency for a disrupted reporting channel.
    pub enum RedEffect {
        /// A rumour that lowers trust (and so compliance) until a statement answers it.
        Rumour(RedRumour),
        /// Panic buying: prices rise and shops' stock is bought out; patrols and released
        /// reserves calm it.
        PanicBuying(RedPanicBuying),
        /// A crowd at a site: disorder, and close contacts among the people there; officers on
        /// site disperse it, closing the site ends it.
        Crowd(RedCrowd),
        /// A district office hides part of its new cases: they are not counted, reported or
        /// traced until an audit on site or cross-checked shared data uncovers them.
        Conceal(RedConceal),
        /// An agency's reporting channel is down: its reports cannot be filed until the team
        /// that plays it restores the channel (or the disruption ends).
        Disrupt(RedDisrupt),
        /// Fraud calls posing as officials: trust falls while they go on; a statement warns the
        /// public, patrols catch the callers.
        Fraud(RedFraud),
    }
}

ron_struct! {
    pub struct RedRumour {
        /// Share of the public it reaches.
        reach: Fraction,
        /// Where it spreads (a microblog, a chat group), for the feed and the debrief.
        channel: String = String::new(),
    }
}

ron_struct! {
    pub struct RedPanicBuying {
        /// Price gouging added, 0 to 1.
        gouging: Fraction,
        /// Share of the stock at the target's markets that panic buyers carry off.
        stock_bought: Fraction = Fraction(0.0),
    }
}

ron_struct! {
    pub struct RedCrowd {
        people: u32,
        /// Disorder at the site, 0 to 1.
        disorder: Fraction,
        duration: Minutes = Minutes(3 * 60),
    }
}

ron_struct! {
    pub struct RedConceal {
        /// Share of the district's new cases hidden.
        share: Fraction,
    }
}

ron_struct! {
    pub struct RedDisrupt {
        duration: Minutes,
    }
}

ron_struct! {
    pub struct RedFraud {
        /// Strength of the fraud wave, 0 to 1: trust lost per day in proportion.
        strength: Fraction,
    }
}

impl RedEffect {
    /// What a tactic must be aimed at.
    pub fn target(&self) -> RedTarget {
        match self {
            RedEffect::Rumour(_) | RedEffect::PanicBuying(_) | RedEffect::Fraud(_) => {
                RedTarget::DistrictOrCity
            }
            RedEffect::Conceal(_) => RedTarget::District,
            RedEffect::Crowd(_) => RedTarget::Facility,
            RedEffect::Disrupt(_) => RedTarget::Agency,
        }
    }
}

/// What a red tactic is aimed at when played.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedTarget {
    DistrictOrCity,
    District,
    Facility,
    Agency,
}

impl Scenario {
    /// Scenario time as the exercise clock reads it in a language: `D2 09:30`, `第2天 09:30`.
    pub fn clock_in(&self, lang: crate::i18n::Language, minutes: u32) -> String {
        let start = self.meta.start;
        let day = (start.minute_of_day + minutes) / (24 * 60) + 1;
        let t = start.plus_minutes(minutes);
        crate::i18n::clock(lang, day, t.minute_of_day)
    }

    /// The name of what a red tactic may be aimed at: a district, a facility or an agency.
    pub fn target_name(&self, id: &str) -> Option<&str> {
        self.district(id)
            .map(|d| d.name.as_str())
            .or_else(|| self.facility(id).map(|f| f.name.as_str()))
            .or_else(|| self.agency(id).map(|a| a.name.as_str()))
    }

    /// Whether an objective scores the proportion of the measures (`CostPerInfectionAverted`):
    /// the author's own, or the one added at load unless the author opted out.
    pub fn scores_proportion(&self) -> bool {
        self.objectives
            .iter()
            .flat_map(|o| &o.kpis)
            .any(|k| k.metric == Metric::CostPerInfectionAverted)
    }

    /// The name participants read for an id of a team, district, facility, agency, zone or
    /// supply; the id itself when it names none of them (a free text).
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.team(id)
            .map(|t| t.name.as_str())
            .or_else(|| self.target_name(id))
            .or_else(|| {
                self.zones
                    .iter()
                    .find(|z| z.id.as_str() == id)
                    .map(|z| z.name.as_str())
            })
            .or_else(|| {
                self.supplies
                    .iter()
                    .find(|s| s.id.as_str() == id)
                    .map(|s| s.name.as_str())
            })
            .unwrap_or(id)
    }

    pub fn red_tactic(&self, id: &str) -> Option<&RedTactic> {
        self.red
            .as_ref()?
            .tactics
            .iter()
            .find(|t| t.id.as_str() == id)
    }
}

ron_enum! {
    /// Blue teams respond; a red cell plays the adversity.
    pub enum TeamRole { Blue, Red }
}

ron_struct! {
    /// Players at one table. A team plays one or more agencies.
    pub struct Team {
        id: Id,
        name: String,
        role: TeamRole = TeamRole::Blue,
        agencies: Vec<Id> = Vec::new(),
        description: String = String::new(),
    }
}

ron_enum! {
    /// What a unit does on site; `capacity` is counted in this work.
    pub enum UnitRole {
        /// Contacts traced per shift.
        Tracing,
        /// Samples taken per shift.
        Testing,
        /// Patients carried per trip.
        PatientTransport,
        /// Officers on patrol: keeps order, enforces measures.
        Patrol,
        /// Supply items carried per trip.
        Supply,
        /// Households served per shift (grid workers, volunteers).
        CommunitySupport,
        /// Sites disinfected per shift.
        Disinfection,
    }
}

impl UnitRole {
    /// The kind of work, in words.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            UnitRole::Tracing => crate::tr!(lang, "role-tracing"),
            UnitRole::Testing => crate::tr!(lang, "role-testing"),
            UnitRole::PatientTransport => crate::tr!(lang, "role-patient-transport"),
            UnitRole::Patrol => crate::tr!(lang, "role-patrol"),
            UnitRole::Supply => crate::tr!(lang, "role-supply"),
            UnitRole::CommunitySupport => crate::tr!(lang, "role-community-support"),
            UnitRole::Disinfection => crate::tr!(lang, "role-disinfection"),
        }
    }
}

ron_struct! {
    pub struct ResourceType {
        id: Id,
        name: String,
        role: UnitRole,
        speed_kmh: Positive,
        capacity: u32,
        /// Length of one stint of work on site.
        shift: Minutes = Minutes(8 * 60),
        /// Supply used up, one item per unit of work.
        consumes: Option<Id> = None,
    }
}

ron_struct! {
    /// One unit, or `count` identical units named `<id>-1`, `<id>-2`, ...
    pub struct UnitGroup {
        id: Id,
        resource: Id,
        agency: Id,
        /// A facility or district where the unit waits between tasks.
        base: Id,
        count: u32 = 1,
        name: Option<String> = None,
        /// People each unit stands for (a community grid team of 25): its capacity and the
        /// supplies it uses are its resource type's, per person.
        people: u32 = 1,
    }
}

ron_enum! {
    pub enum ControlLevel { Normal, Enhanced, Closed }
}

impl ControlLevel {
    /// The level as the interface names it.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            ControlLevel::Normal => crate::tr!(lang, "level-normal"),
            ControlLevel::Enhanced => crate::tr!(lang, "level-enhanced"),
            ControlLevel::Closed => crate::tr!(lang, "level-closed"),
        }
    }
}

ron_struct! {
    /// District control measures and what they cost.
    pub struct Measures {
        /// Agencies allowed to order measures; empty means any agency of kind Command or Health.
        ordered_by: Vec<Id> = Vec::new(),
        enhanced: MeasureEffect = MeasureEffect {
            contact_factor: Fraction(0.6),
            mobility_factor: Fraction(0.5),
            daily_cost_per_resident: None,
            output_lost: None,
            trust_per_day: -0.003,
        },
        closed: MeasureEffect = MeasureEffect {
            contact_factor: Fraction(0.25),
            mobility_factor: Fraction(0.1),
            daily_cost_per_resident: None,
            output_lost: None,
            trust_per_day: -0.01,
        },
    }
}

ron_struct! {
    pub struct MeasureEffect {
        /// Multiplier on contacts inside the district.
        contact_factor: Fraction,
        /// Multiplier on travel into and out of the district.
        mobility_factor: Fraction,
        /// Money a resident's day under the measure costs; `None`: the city's
        /// `daily_output_per_person` times `output_lost`.
        daily_cost_per_resident: Option<f64> = None,
        /// Share of a resident's daily output the measure takes away; `None`: 0.55 for a
        /// closure, 0.065 for enhanced measures (`economy.rs`, with their sources).
        output_lost: Option<Fraction> = None,
        /// Change per day of the trust the public returns to, under the measure (negative
        /// erodes it: fatigue).
        trust_per_day: f64,
    }
}

ron_struct! {
    /// Public opinion: trust in the authorities drives compliance with measures.
    pub struct Public {
        initial_trust: Fraction = Fraction(0.7),
        /// Share of a rumour's reach that fades each day without an answer.
        rumour_decay_per_day: Fraction = Fraction(0.2),
        /// Compliance with measures at zero and at full trust.
        compliance_at_zero_trust: Fraction = Fraction(0.4),
        compliance_at_full_trust: Fraction = Fraction(0.95),
        /// Share of the gap to the initial trust that closes per day when nothing erodes it.
        recovery_per_day: Fraction = Fraction(0.1),
        /// Trust change in a district per newly confirmed case per 100,000 residents.
        trust_per_case_per_100k: f64 = -0.01,
        /// Trust change in a district per death of one of its residents.
        trust_per_death: f64 = -0.01,
    }
}

ron_enum! {
    pub enum ReportTrigger {
        CaseConfirmed, Death, HospitalOverflow, Daily, Inject(Id),
    }
}

ron_struct! {
    /// A report owed up the chain: when `on` happens, `from` must report to `to` within the delay.
    pub struct ReportRule {
        id: Id,
        name: String,
        on: ReportTrigger,
        from: Id,
        to: Id,
        within: Minutes,
    }
}

ron_enum! {
    pub enum Channel {
        Phone, Email, Radio, Media, SocialMedia, FieldReport, Briefing, Document,
    }
}

impl Channel {
    /// The channel as the interface names it.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            Channel::Phone => crate::tr!(lang, "channel-phone"),
            Channel::Email => crate::tr!(lang, "channel-email"),
            Channel::Radio => crate::tr!(lang, "channel-radio"),
            Channel::Media => crate::tr!(lang, "channel-media"),
            Channel::SocialMedia => crate::tr!(lang, "channel-social-media"),
            Channel::FieldReport => crate::tr!(lang, "channel-field-report"),
            Channel::Briefing => crate::tr!(lang, "channel-briefing"),
            Channel::Document => crate::tr!(lang, "channel-document"),
        }
    }
}

ron_enum! {
    pub enum Trigger {
        /// Fires at a set time.
        At(ScenarioTime),
        /// Fires the first time the condition holds.
        When(Condition),
    }
}

ron_struct! {
    /// An event of the MSEL (master scenario events list), delivered to teams or agencies.
    pub struct Inject {
        id: Id,
        title: String,
        trigger: Trigger,
        /// Teams or agencies who receive the message, or `All`: every Blue team.
        to: Recipients,
        channel: Channel = Channel::Phone,
        /// Who the message appears to come from.
        from: String = String::new(),
        message: String = String::new(),
        effects: Vec<Effect> = Vec::new(),
        expects: Vec<Expectation> = Vec::new(),
        objective: Option<Id> = None,
        /// The objectives it serves, when more than one.
        objectives: Vec<Id> = Vec::new(),
        /// Fires only if this holds when the inject is due; otherwise it is dropped (the MSEL's
        /// "if fewer than 70% of contacts are traced by 24:00").
        only_if: Option<Condition> = None,
        /// A question put to teams: options, a deadline, a default.
        decision: Option<DecisionPoint> = None,
    }
}

impl Inject {
    /// The objectives the inject serves (`objective` and `objectives` together).
    pub fn objective_ids(&self) -> impl Iterator<Item = &Id> {
        self.objective.iter().chain(&self.objectives)
    }

    pub fn serves(&self, objective: &str) -> bool {
        self.objective_ids().any(|o| o.as_str() == objective)
    }
}

/// Who receives an inject: listed teams or agencies, or every Blue team.
#[derive(Debug, Clone, PartialEq)]
pub enum Recipients {
    /// Every Blue team: one of them acting meets an expectation of the inject.
    All,
    Listed(Vec<Id>),
}

impl Recipients {
    /// The listed teams or agencies (none for `All`).
    pub fn listed(&self) -> &[Id] {
        match self {
            Recipients::All => &[],
            Recipients::Listed(ids) => ids,
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Recipients::All)
    }
}

/// Written as the file has it: `All`, or the list itself.
impl serde::Serialize for Recipients {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Recipients::All => serializer.serialize_unit_variant("Recipients", 0, "All"),
            Recipients::Listed(ids) => ids.serialize(serializer),
        }
    }
}

impl super::decode::Decode for Recipients {
    fn expected() -> crate::i18n::Message {
        crate::msg!("value-recipients")
    }
    fn decode(node: &super::ron_tree::Node, d: &mut super::decode::Decoder) -> Option<Self> {
        use super::ron_tree::NodeKind;
        match &node.kind {
            NodeKind::Ident(name) if name == "All" => Some(Recipients::All),
            NodeKind::List(_) => Vec::<Id>::decode(node, d).map(Recipients::Listed),
            _ => {
                d.expected(node, Self::expected());
                None
            }
        }
    }
}

ron_struct! {
    /// A decision put to teams by an inject (go ahead with the marathon, postpone or cancel it):
    /// its options, a deadline and what happens when no decision is reached.
    pub struct DecisionPoint {
        question: String,
        /// Teams that decide; empty: the teams the inject reaches.
        teams: Vec<Id> = Vec::new(),
        options: Vec<DecisionOption>,
        /// Time to decide, from when the inject fires.
        within: Minutes = Minutes(2 * 60),
        /// The option applied when no decision is reached in time.
        default: Id,
        /// How several teams decide together.
        rule: JointRule = JointRule::Unanimous,
    }
}

ron_enum! {
    /// How a decision put to several teams is reached.
    pub enum JointRule {
        /// This team decides; the others' answers are advice, recorded.
        Lead(Id),
        /// Every team must choose the same option by the deadline; else the default applies.
        Unanimous,
        /// The first team to answer decides for all.
        FirstAnswer,
    }
}

ron_struct! {
    pub struct DecisionOption {
        id: Id,
        label: String,
        description: String = String::new(),
        /// What choosing it does, in the engine's terms.
        effects: Vec<Effect> = Vec::new(),
        /// How well it serves the inject's objectives, from 0 to 1, for the `DecisionQuality`
        /// KPI and the debrief; none: not scored.
        score: Option<Fraction> = None,
    }
}

impl DecisionPoint {
    pub fn option(&self, id: &str) -> Option<&DecisionOption> {
        self.options.iter().find(|o| o.id.as_str() == id)
    }
}

ron_struct! {
    /// An action a team may take that the engine does not know by itself: who may take it,
    /// what it costs, how long it takes, when it is allowed, and what it does.
    pub struct ActionDef {
        id: Id,
        name: String,
        description: String = String::new(),
        /// Agencies (or teams) whose team may take it.
        by: Vec<Id>,
        /// Money spent when it is taken.
        cost: f64 = 0.0,
        /// Time from the order until its effects take hold.
        takes: Minutes = Minutes(0),
        /// It may be taken only while this holds.
        requires: Option<Condition> = None,
        /// Time after its effects take hold before it may be taken again.
        cooldown: Minutes = Minutes(0),
        /// How many times it may be taken; none: no limit.
        times: Option<u32> = None,
        effects: Vec<Effect>,
    }
}

ron_enum! {
    /// What an inject changes in the simulated world.
    pub enum Effect {
        NewCases(NewCases),
        Contacts(NamedContacts),
        RoadClosure(RoadClosure),
        SupplyDelay(SupplyDelay),
        StockLoss(StockLoss),
        Rumour(Rumour),
        TrustShift(TrustShift),
        Disorder(Disorder),
        PriceGouging(PriceGouging),
        Gathering(Gathering),
        CapacityLoss(CapacityLoss),
        /// Units fall out of service (field workers falling sick), for a while or until
        /// `UnitsBack`.
        UnitsOut(UnitsOut),
        /// Units out of service come back.
        UnitsBack(UnitsBack),
        /// Sets a district's control level.
        SetMeasure(SetMeasure),
        /// Multiplies the contacts in a district (or the city), for a while or for good.
        ContactRate(ContactRate),
        /// Closes a facility: a place's people stay home, a clinic or hospital takes no one.
        CloseFacility(Id),
        OpenFacility(Id),
        /// Adds (or, negative, removes) beds, rooms or daily capacity at a facility.
        Capacity(CapacityChange),
        /// Moves stock from one facility to another (it travels).
        MoveStock(MoveStock),
        /// Adds stock from outside the city (a reserve released, a donation).
        AddStock(StockLoss),
        /// Eases price gouging (a reserve released onto the market).
        CalmPrices(CalmPrices),
        /// Money spent by the team that decided or acted.
        Cost(f64),
        /// Fires an inject of the MSEL, now or after a delay.
        FireInject(FireLater),
        /// Cancels an inject that has not fired.
        CancelInject(Id),
        /// Decides on a planned mass gathering.
        GatheringDecision(GatheringOrder),
        /// Sets where patients and confirmed cases go from now on.
        CarePolicy(CarePolicy),
    }
}

impl Effect {
    /// What the effect does, in words, with the scenario's names ("Hexi set to Closed",
    /// "Haihe Hospital: +200 beds").
    pub fn describe(&self, scenario: &Scenario, lang: crate::i18n::Language) -> String {
        use crate::tr;
        let place = |id: &Id| -> String {
            scenario
                .district(id.as_str())
                .map(|d| d.name.clone())
                .or_else(|| scenario.facility(id.as_str()).map(|f| f.name.clone()))
                .unwrap_or_else(|| id.to_string())
        };
        let scope = |d: &Option<Id>| {
            d.as_ref()
                .map_or_else(|| tr!(lang, "effect-the-city"), place)
        };
        let supply = |id: &Id| {
            scenario
                .supplies
                .iter()
                .find(|s| s.id == *id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        };
        let inject = |id: &Id| {
            scenario
                .injects
                .iter()
                .find(|i| i.id == *id)
                .map_or_else(|| id.to_string(), |i| format!("{} ({})", i.title, i.id))
        };
        let units = |ids: &[Id], count: Option<u32>| {
            let names: Vec<&str> = ids.iter().map(Id::as_str).collect();
            let names = names.join(&tr!(lang, "list-comma"));
            match count {
                Some(n) => tr!(lang, "effect-some-of", count = n, units = names),
                None => names,
            }
        };
        let signed = |n: i64| {
            if n >= 0 {
                format!("+{n}")
            } else {
                n.to_string()
            }
        };
        let duration = |d: Minutes| crate::i18n::duration(lang, d.0);
        let count = |n: f64| crate::i18n::count(lang, n);
        match self {
            Effect::NewCases(e) if e.confirmed => tr!(
                lang,
                "effect-new-confirmed-cases",
                count = e.count,
                place = place(&e.district)
            ),
            Effect::NewCases(e) => tr!(
                lang,
                "effect-new-cases",
                count = e.count,
                place = place(&e.district)
            ),
            Effect::Contacts(e) => tr!(
                lang,
                "effect-contacts",
                count = e.count,
                place = place(&e.district)
            ),
            Effect::RoadClosure(e) => tr!(
                lang,
                "effect-road-closure",
                place = place(&e.district),
                duration = duration(e.duration)
            ),
            Effect::SupplyDelay(e) => tr!(
                lang,
                "effect-supply-delay",
                supply = supply(&e.supply),
                delay = duration(e.delay)
            ),
            Effect::StockLoss(e) => tr!(
                lang,
                "effect-stock-loss",
                quantity = count(e.quantity as f64),
                supply = supply(&e.supply),
                place = place(&e.facility)
            ),
            Effect::AddStock(e) => tr!(
                lang,
                "effect-add-stock",
                quantity = count(e.quantity as f64),
                supply = supply(&e.supply),
                place = place(&e.facility)
            ),
            Effect::Rumour(e) => tr!(
                lang,
                "effect-rumour",
                reach = crate::i18n::percent(e.reach.get()),
                place = scope(&e.district)
            ),
            Effect::TrustShift(e) => tr!(
                lang,
                "effect-trust-shift",
                points = format!("{:+.0}", e.change * 100.0),
                place = scope(&e.district)
            ),
            Effect::Disorder(e) => tr!(lang, "effect-disorder", place = place(&e.place)),
            Effect::PriceGouging(e) => {
                tr!(lang, "effect-price-gouging", place = scope(&e.district))
            }
            Effect::CalmPrices(e) => tr!(
                lang,
                "effect-calm-prices",
                place = scope(&e.district),
                share = crate::i18n::percent(e.share.get())
            ),
            Effect::Gathering(e) => tr!(
                lang,
                "effect-gathering",
                people = count(f64::from(e.people)),
                place = place(&e.district)
            ),
            Effect::CapacityLoss(e) => tr!(
                lang,
                "effect-capacity-loss",
                beds = e.beds,
                place = place(&e.facility)
            ),
            Effect::Capacity(e) => {
                let mut parts = Vec::new();
                for (n, what) in [
                    (e.beds, tr!(lang, "effect-capacity-beds")),
                    (e.icu_beds, tr!(lang, "effect-capacity-icu")),
                    (e.paediatric_beds, tr!(lang, "effect-capacity-paediatric")),
                    (e.daily_capacity, tr!(lang, "effect-capacity-daily")),
                ] {
                    if n != 0 {
                        parts.push(format!("{} {what}", signed(n)));
                    }
                }
                tr!(
                    lang,
                    "effect-capacity",
                    place = place(&e.facility),
                    changes = parts.join(&tr!(lang, "list-comma"))
                )
            }
            Effect::UnitsOut(e) => match e.duration {
                Some(d) => tr!(
                    lang,
                    "effect-units-out-for",
                    units = units(&e.units, e.count),
                    duration = duration(d)
                ),
                None => tr!(lang, "effect-units-out", units = units(&e.units, e.count)),
            },
            Effect::UnitsBack(e) => {
                tr!(lang, "effect-units-back", units = units(&e.units, e.count))
            }
            Effect::SetMeasure(e) => tr!(
                lang,
                "effect-set-measure",
                place = place(&e.district),
                level = e.level.words(lang)
            ),
            Effect::ContactRate(e) => match e.duration {
                Some(d) => tr!(
                    lang,
                    "effect-contact-rate-for",
                    factor = e.factor.get(),
                    place = scope(&e.district),
                    duration = duration(d)
                ),
                None => tr!(
                    lang,
                    "effect-contact-rate",
                    factor = e.factor.get(),
                    place = scope(&e.district)
                ),
            },
            Effect::CloseFacility(f) => tr!(lang, "effect-close-facility", place = place(f)),
            Effect::OpenFacility(f) => tr!(lang, "effect-open-facility", place = place(f)),
            Effect::MoveStock(e) => tr!(
                lang,
                "effect-move-stock",
                quantity = count(e.quantity as f64),
                supply = supply(&e.supply),
                from = place(&e.from),
                to = place(&e.to)
            ),
            Effect::Cost(amount) => tr!(lang, "effect-cost", amount = count(*amount)),
            Effect::FireInject(e) if e.after.get() == 0 => {
                tr!(lang, "effect-fire-inject", inject = inject(&e.inject))
            }
            Effect::FireInject(e) => tr!(
                lang,
                "effect-fire-inject-later",
                inject = inject(&e.inject),
                after = duration(Minutes(e.after.get()))
            ),
            Effect::CancelInject(id) => tr!(lang, "effect-cancel-inject", inject = inject(id)),
            Effect::GatheringDecision(e) => {
                let name = scenario
                    .mass_gatherings
                    .iter()
                    .find(|g| g.id == e.gathering)
                    .map_or_else(|| e.gathering.to_string(), |g| g.name.clone());
                match e.choice {
                    GatheringChoice::GoAhead => {
                        tr!(lang, "effect-gathering-goes-ahead", gathering = name)
                    }
                    GatheringChoice::WithMeasures => {
                        tr!(lang, "effect-gathering-with-measures", gathering = name)
                    }
                    GatheringChoice::Postpone => tr!(
                        lang,
                        "effect-gathering-postponed",
                        gathering = name,
                        by = duration(e.postpone_by)
                    ),
                    GatheringChoice::Cancel => {
                        tr!(lang, "effect-gathering-cancelled", gathering = name)
                    }
                }
            }
            Effect::CarePolicy(policy) => match policy {
                CarePolicy::Nearest => tr!(lang, "effect-care-nearest"),
                CarePolicy::DesignatedSevere => tr!(lang, "effect-care-designated-severe"),
                CarePolicy::DesignatedAll => tr!(lang, "effect-care-designated-all"),
            },
        }
    }
}

ron_struct! {
    pub struct UnitsOut {
        /// Units, or unit groups (all of the group's units).
        units: Vec<Id>,
        /// How many of them; default: all.
        count: Option<u32> = None,
        /// Back after this time; default: until `UnitsBack`.
        duration: Option<Minutes> = None,
        reason: String = String::new(),
    }
}

ron_struct! {
    pub struct UnitsBack {
        units: Vec<Id>,
        count: Option<u32> = None,
    }
}

ron_struct! {
    pub struct SetMeasure {
        district: Id,
        level: ControlLevel,
    }
}

ron_struct! {
    pub struct ContactRate {
        /// None: the whole city.
        district: Option<Id> = None,
        /// Multiplier on close contacts (0.8: a fifth fewer).
        factor: Positive,
        /// For this long; default: until the end.
        duration: Option<Minutes> = None,
    }
}

ron_struct! {
    pub struct CapacityChange {
        facility: Id,
        beds: i64 = 0,
        icu_beds: i64 = 0,
        paediatric_beds: i64 = 0,
        daily_capacity: i64 = 0,
    }
}

ron_struct! {
    pub struct MoveStock {
        supply: Id,
        from: Id,
        to: Id,
        quantity: u64,
        /// Time on the road; default: a courier's.
        takes: Option<Minutes> = None,
    }
}

ron_struct! {
    pub struct CalmPrices {
        district: Option<Id> = None,
        /// Share of the gouging that stops.
        share: Fraction,
    }
}

ron_struct! {
    pub struct FireLater {
        inject: Id,
        after: Minutes = Minutes(0),
    }
}

ron_struct! {
    pub struct GatheringOrder {
        gathering: Id,
        choice: GatheringChoice,
        /// For `Postpone`: by how long.
        postpone_by: Minutes = Minutes(7 * 24 * 60),
    }
}

ron_struct! {
    pub struct NewCases {
        /// A district, or a place with `people`.
        district: Id,
        count: u32,
        state: CaseState = CaseState::Infectious,
        /// Whether the cases are already confirmed (e.g. found at the border).
        confirmed: bool = false,
    }
}

ron_struct! {
    /// People exposed and named (a passenger list, a building's residents, buyers of a
    /// contaminated batch), who must be traced. They are drawn from the district's susceptible
    /// residents, and `infected_share` of them are newly infected by this exposure.
    pub struct NamedContacts {
        /// A district, or a place with `people` (a school's pupils, a terminal's workers).
        district: Id,
        count: u32,
        /// Share infected by the exposure; default: the pathogen's secondary attack rate
        /// (`surveillance.contact_infection_share`).
        infected_share: Option<Fraction> = None,
        /// How long before the list arrives its people were exposed; default: as long as for
        /// the contacts of a case found at a fever clinic (half its care-seeking delay, the
        /// middle of its infectious days before it came, plus the interview delay).
        exposed_before: Option<Minutes> = None,
    }
}

ron_struct! {
    pub struct RoadClosure {
        district: Id,
        duration: Minutes,
        /// Multiplier on travel times through the district.
        slowdown: Positive = Positive(3.0),
    }
}

ron_struct! {
    pub struct SupplyDelay {
        supply: Id,
        delay: Minutes,
    }
}

ron_struct! {
    pub struct StockLoss {
        facility: Id,
        supply: Id,
        quantity: u64,
    }
}

ron_struct! {
    pub struct Rumour {
        /// None: city-wide.
        district: Option<Id> = None,
        /// Share of the public the rumour reaches.
        reach: Fraction,
        topic: String = String::new(),
    }
}

ron_struct! {
    pub struct TrustShift {
        district: Option<Id> = None,
        /// Change of trust, between -1 and 1.
        change: f64,
    }
}

ron_struct! {
    /// Trouble at a site (crowding at a fever clinic, a quarantine breach) that needs patrols.
    pub struct Disorder {
        place: Id,
        severity: Fraction,
    }
}

ron_struct! {
    pub struct PriceGouging {
        district: Option<Id> = None,
        severity: Fraction,
    }
}

ron_struct! {
    /// A crowd (a protest, a queue that turns into a crowd): people mix for its duration and
    /// infected ones seed their home districts; patrols on site disperse it.
    pub struct Gathering {
        /// Where the crowd gathers.
        district: Id,
        people: u32,
        duration: Minutes = Minutes(3 * 60),
        /// Districts the people come from, in proportion to their population; empty: `district`.
        from: Vec<Id> = Vec::new(),
        /// Close contacts per hour, relative to an hour of an ordinary day.
        contact_intensity: Positive = Positive(3.0),
    }
}

ron_struct! {
    /// A part of a district with its own residents: a residential compound, a street, a town
    /// (`sim/zones.rs`). Its residents leave the district's count.
    pub struct Zone {
        id: Id,
        name: String,
        district: Id,
        population: u32,
        /// Where its label goes on the map; default: its district's position.
        position: Option<Point> = None,
    }
}

ron_enum! {
    /// How a zone is controlled (China's protocol, 2022): sealed (封控区, everyone stays home),
    /// controlled (管控区, nobody leaves the zone), precaution (防范区, fewer gatherings), or
    /// lifted.
    pub enum ZoneLevel { Sealed, Controlled, Precaution, Lifted }
}

impl ZoneLevel {
    /// The district level it matches in an expected action (`Measure(level: …)`).
    pub fn district_equivalent(&self) -> ControlLevel {
        match self {
            ZoneLevel::Sealed | ZoneLevel::Controlled => ControlLevel::Closed,
            ZoneLevel::Precaution => ControlLevel::Enhanced,
            ZoneLevel::Lifted => ControlLevel::Normal,
        }
    }

    /// The level in the reader's language.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            ZoneLevel::Sealed => crate::tr!(lang, "zone-sealed"),
            ZoneLevel::Controlled => crate::tr!(lang, "zone-controlled"),
            ZoneLevel::Precaution => crate::tr!(lang, "zone-precaution"),
            ZoneLevel::Lifted => crate::tr!(lang, "zone-lifted"),
        }
    }
}

ron_struct! {
    /// A planned event that draws a crowd from many districts. A team that may order measures
    /// (or one of `decided_by`) can let it go ahead, run it with measures, postpone or cancel it.
    pub struct MassGathering {
        id: Id,
        name: String,
        /// The district or facility where it is held.
        place: Id,
        start: ScenarioTime,
        duration: Minutes,
        attendees: u32,
        /// Where attendees come from: (district, share); empty: every district by population.
        from: Vec<AttendeeOrigin> = Vec::new(),
        /// Close contacts per hour, relative to an hour of an ordinary day.
        contact_intensity: Positive = Positive(3.0),
        /// What running it with measures (capped attendance, masks, screening) changes.
        with_measures: EventMeasures = EventMeasures {
            attendance: Fraction(0.6),
            contact_factor: Fraction(0.5),
            cost: 0.0,
        },
        /// Money lost when it is cancelled (refunds, contracts), and the change of public trust.
        cancel_cost: f64 = 0.0,
        cancel_trust: f64 = -0.01,
        /// Money lost when it is postponed.
        postpone_cost: f64 = 0.0,
        /// Agencies that may decide on it; empty: the agencies that may order measures.
        decided_by: Vec<Id> = Vec::new(),
    }
}

ron_struct! {
    pub struct AttendeeOrigin {
        district: Id,
        share: Fraction,
    }
}

ron_struct! {
    pub struct EventMeasures {
        /// Share of the attendees admitted.
        attendance: Fraction,
        /// Multiplier on close contacts at the event.
        contact_factor: Fraction,
        /// Money the measures cost.
        cost: f64 = 0.0,
    }
}

ron_struct! {
    pub struct CapacityLoss {
        facility: Id,
        beds: u32,
    }
}

ron_enum! {
    /// A test on the state of the exercise, for conditional injects.
    pub enum Condition {
        /// Confirmed cases (known to the authorities) reach the count.
        ConfirmedAtLeast(Threshold),
        /// True infections (known only to the control cell) reach the count.
        InfectedAtLeast(Threshold),
        DeathsAtLeast(Threshold),
        HospitalLoadAtLeast(Load),
        TrustBelow(TrustLevel),
        StockBelow(StockLevel),
        /// A team has not done something by a time.
        NotDone(NotDone),
        /// A team (or any team) has done something (by a time, if given).
        Done(Done),
        AfterInject(AfterInject),
        /// Fewer than a share of the contacts named so far have been reached by tracers.
        ContactsTracedBelow(ContactShare),
        /// Fewer than a share of the contacts named so far are in quarantine or were.
        ContactsQuarantinedBelow(ContactShare),
        /// A decision point has been settled (on an option, if given).
        Decided(DecidedCheck),
        All(Vec<Condition>),
        Any(Vec<Condition>),
        Not(Box<Condition>),
    }
}

impl Condition {
    /// The condition in words, for the MSEL listing, a refusal ("not allowed now: …") or a view.
    pub fn describe(&self, lang: crate::i18n::Language) -> String {
        use crate::tr;
        let place = |d: &Option<Id>| {
            d.as_ref()
                .map_or_else(|| tr!(lang, "effect-the-city"), |d| format!("`{d}`"))
        };
        let share = |f: &Fraction| crate::i18n::percent(f.get());
        let parts = |parts: &[Condition], key: &str| {
            let joiner = crate::i18n::text(lang, key);
            parts
                .iter()
                .map(|c| c.describe(lang))
                .collect::<Vec<_>>()
                .join(&joiner)
        };
        match self {
            Condition::ConfirmedAtLeast(t) => tr!(
                lang,
                "condition-confirmed",
                count = t.count,
                place = place(&t.district)
            ),
            Condition::InfectedAtLeast(t) => tr!(
                lang,
                "condition-infected",
                count = t.count,
                place = place(&t.district)
            ),
            Condition::DeathsAtLeast(t) => tr!(
                lang,
                "condition-deaths",
                count = t.count,
                place = place(&t.district)
            ),
            Condition::HospitalLoadAtLeast(l) => match &l.facility {
                Some(f) => tr!(
                    lang,
                    "condition-hospital-load-at",
                    share = share(&l.share),
                    facility = f.as_str()
                ),
                None => tr!(lang, "condition-hospital-load", share = share(&l.share)),
            },
            Condition::TrustBelow(t) => tr!(
                lang,
                "condition-trust-below",
                level = format!("{:.2}", t.level.get()),
                place = place(&t.district)
            ),
            Condition::StockBelow(s) => tr!(
                lang,
                "condition-stock-below",
                quantity = s.quantity,
                supply = s.supply.as_str()
            ),
            Condition::NotDone(n) => tr!(
                lang,
                "condition-not-done",
                team = n.team.as_str(),
                by = n.by.to_string()
            ),
            Condition::Done(d) => match (&d.team, &d.by) {
                (Some(t), Some(b)) => tr!(
                    lang,
                    "condition-team-done-by",
                    team = t.as_str(),
                    by = b.to_string()
                ),
                (Some(t), None) => tr!(lang, "condition-team-done", team = t.as_str()),
                (None, Some(b)) => tr!(lang, "condition-any-team-done-by", by = b.to_string()),
                (None, None) => tr!(lang, "condition-any-team-done"),
            },
            Condition::AfterInject(a) => {
                tr!(lang, "condition-after-inject", inject = a.inject.as_str())
            }
            Condition::ContactsTracedBelow(c) => tr!(
                lang,
                "condition-traced-below",
                share = share(&c.share),
                place = place(&c.district)
            ),
            Condition::ContactsQuarantinedBelow(c) => tr!(
                lang,
                "condition-quarantined-below",
                share = share(&c.share),
                place = place(&c.district)
            ),
            Condition::Decided(d) => match &d.option {
                Some(o) => tr!(
                    lang,
                    "condition-decided-on",
                    decision = d.decision.as_str(),
                    option = o.as_str()
                ),
                None => tr!(lang, "condition-decided", decision = d.decision.as_str()),
            },
            Condition::All(all) => parts(all, "condition-and"),
            Condition::Any(any) => parts(any, "condition-or"),
            Condition::Not(inner) => tr!(lang, "condition-not", condition = inner.describe(lang)),
        }
    }
}

ron_struct! {
    pub struct Done {
        /// None: any team.
        team: Option<Id> = None,
        action: ActionCheck,
        by: Option<ScenarioTime> = None,
    }
}

ron_struct! {
    pub struct ContactShare {
        share: Fraction,
        /// None: the whole city.
        district: Option<Id> = None,
        /// Holds only once this many contacts have been named (a share of nothing says nothing).
        min_named: u64 = 1,
    }
}

ron_struct! {
    pub struct DecidedCheck {
        /// The inject that put the question.
        decision: Id,
        option: Option<Id> = None,
    }
}

ron_struct! {
    pub struct Threshold {
        /// None: the whole city.
        district: Option<Id> = None,
        count: u64,
    }
}

ron_struct! {
    pub struct Load {
        /// None: all hospitals together.
        facility: Option<Id> = None,
        share: Fraction,
    }
}

ron_struct! {
    pub struct TrustLevel {
        district: Option<Id> = None,
        level: Fraction,
    }
}

ron_struct! {
    pub struct StockLevel {
        supply: Id,
        facility: Option<Id> = None,
        quantity: u64,
    }
}

ron_struct! {
    pub struct NotDone {
        team: Id,
        action: ActionCheck,
        by: ScenarioTime,
    }
}

ron_struct! {
    pub struct AfterInject {
        inject: Id,
        delay: Minutes = Minutes(0),
    }
}

ron_struct! {
    /// A player action the inject is meant to draw out, checked automatically when `check` is given.
    pub struct Expectation {
        text: String,
        check: Option<ActionCheck> = None,
        within: Minutes = Minutes(2 * 60),
        /// Defaults to every team the inject reaches.
        team: Option<Id> = None,
    }
}

ron_enum! {
    /// A kind of player action, optionally narrowed (a dispatch of tracing teams to a district).
    pub enum ActionCheck {
        Dispatch(DispatchCheck),
        Report(ReportCheck),
        Measure(MeasureCheck),
        Share(ShareCheck),
        RequestAid(AidCheck),
        AnswerAid,
        Statement,
        Activate,
        /// A decision on a planned mass gathering.
        Gathering(GatheringCheck),
        /// An answer to a decision point (with an option, if given).
        Decide(DecideCheck),
        /// A scenario-defined action.
        Action(ActionUse),
        /// A facility closed or opened.
        Facility(FacilityCheck),
    }
}

ron_struct! {
    pub struct DecideCheck {
        decision: Option<Id> = None,
        option: Option<Id> = None,
    }
}

ron_struct! {
    pub struct ActionUse {
        action: Option<Id> = None,
    }
}

ron_struct! {
    pub struct FacilityCheck {
        facility: Option<Id> = None,
        /// true: opened; false: closed; none: either.
        open: Option<bool> = None,
    }
}

ron_struct! {
    pub struct GatheringCheck {
        gathering: Option<Id> = None,
        decision: Option<GatheringChoice> = None,
    }
}

ron_enum! {
    /// The kinds of decision on a planned mass gathering (a postponement of any length).
    pub enum GatheringChoice {
        GoAhead, WithMeasures, Postpone, Cancel,
    }
}

ron_struct! {
    pub struct DispatchCheck {
        role: Option<UnitRole> = None,
        /// A district or facility.
        to: Option<Id> = None,
    }
}

ron_struct! {
    pub struct ReportCheck {
        to: Option<Id> = None,
    }
}

ron_struct! {
    pub struct MeasureCheck {
        district: Option<Id> = None,
        level: Option<ControlLevel> = None,
    }
}

ron_struct! {
    pub struct ShareCheck {
        with: Option<Id> = None,
    }
}

ron_struct! {
    pub struct AidCheck {
        /// The team asked, or an agency the control cell plays.
        from: Option<Id> = None,
    }
}

ron_struct! {
    /// What the exercise sets out to test, and how it is scored.
    pub struct Objective {
        id: Id,
        title: String,
        description: String = String::new(),
        /// The capability tested, in the evaluators' words (e.g. "Contact tracing").
        capability: String = String::new(),
        /// Teams it applies to; empty means the whole exercise.
        teams: Vec<Id> = Vec::new(),
        kpis: Vec<Kpi> = Vec::new(),
        /// Whether evaluators rate it P/S/M/U.
        evaluator_rated: bool = true,
    }
}

ron_struct! {
    pub struct Kpi {
        metric: Metric,
        target: Spanned<f64>,
        weight: Positive = Positive(1.0),
        /// Restricts the measure to one district.
        district: Option<Id> = None,
    }
}

ron_enum! {
    /// Measures of performance computed from the simulation.
    pub enum Metric {
        ContactsQuarantinedWithin24h,
        CasesIsolatedWithin24h,
        CasesAmongKnownContacts,
        ActivationMinutes,
        InjectResponseMinutes,
        HospitalOverflowHours,
        Infections,
        Deaths,
        ReportsOnTime,
        AidRequestsAnswered,
        AidResponseMinutes,
        StockOuts,
        PublicTrust,
        EconomicCost,
        /// How well the decisions of the objective's decision points served it (the chosen
        /// options' scores; no decision in time scores 0).
        DecisionQuality,
        /// Mean minutes from a rumour (or fraud calls) in the public feed to the statement
        /// that answered it (unanswered: until now).
        RumourAnswerMinutes,
        /// Mean engagement of a rumour in the feed by the time it was answered (or now).
        RumourReach,
        /// Share of the feed's posts that are bad news.
        NegativePostShare,
        /// Yuan the team's measures cost per infection they averted, projected past now
        /// (`scoring/proportion.rs`); the target is what one infection costs.
        CostPerInfectionAverted,
    }
}

/// What a metric counts, which decides the valid range of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricScale {
    Share,
    Minutes,
    Hours,
    Count,
    Money,
}

impl Metric {
    pub fn scale(&self) -> MetricScale {
        use Metric::*;
        match self {
            ContactsQuarantinedWithin24h
            | CasesIsolatedWithin24h
            | CasesAmongKnownContacts
            | ReportsOnTime
            | AidRequestsAnswered
            | PublicTrust
            | DecisionQuality
            | NegativePostShare => MetricScale::Share,
            ActivationMinutes
            | InjectResponseMinutes
            | AidResponseMinutes
            | RumourAnswerMinutes => MetricScale::Minutes,
            HospitalOverflowHours => MetricScale::Hours,
            Infections | Deaths | StockOuts | RumourReach => MetricScale::Count,
            EconomicCost | CostPerInfectionAverted => MetricScale::Money,
        }
    }

    /// Whether a larger value is better.
    pub fn higher_is_better(&self) -> bool {
        self.scale() == MetricScale::Share && *self != Metric::NegativePostShare
    }
}

/// Builds a record with every field at its default, so `Default` and the file format agree.
fn default_record<T: super::decode::Decode>() -> T {
    use super::ron_tree::{Node, NodeKind};
    let empty = Node {
        span: Default::default(),
        kind: NodeKind::Unit,
    };
    T::decode(&empty, &mut Default::default()).expect("every field of this record has a default")
}

impl Default for Surveillance {
    fn default() -> Self {
        default_record()
    }
}

impl Default for Measures {
    fn default() -> Self {
        default_record()
    }
}

impl Default for Public {
    fn default() -> Self {
        default_record()
    }
}

impl Default for Feed {
    fn default() -> Self {
        default_record()
    }
}

impl Default for Proportion {
    fn default() -> Self {
        default_record()
    }
}

impl Scenario {
    /// The inject whose decision point decides on a planned gathering, if one does: its options
    /// carry the scenario's consequences and scores, so the team answers there.
    pub fn gathering_decided_at(&self, gathering: &str) -> Option<&Inject> {
        self.injects.iter().find(|inject| {
            inject.decision.as_ref().is_some_and(|point| {
                point
                    .options
                    .iter()
                    .flat_map(|o| &o.effects)
                    .any(|e| matches!(e, Effect::GatheringDecision(g) if g.gathering.as_str() == gathering))
            })
        })
    }

    pub fn district(&self, id: &str) -> Option<&District> {
        self.city.districts.iter().find(|d| d.id.as_str() == id)
    }

    pub fn facility(&self, id: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.id.as_str() == id)
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id.as_str() == id)
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id.as_str() == id)
    }

    pub fn action(&self, id: &str) -> Option<&ActionDef> {
        self.actions.iter().find(|a| a.id.as_str() == id)
    }

    /// The inject whose decision point has this id (decisions are named by their inject).
    pub fn decision(&self, id: &str) -> Option<(&Inject, &DecisionPoint)> {
        self.injects
            .iter()
            .find(|i| i.id.as_str() == id)
            .and_then(|i| i.decision.as_ref().map(|d| (i, d)))
    }

    pub fn resource_type(&self, id: &str) -> Option<&ResourceType> {
        self.resource_types.iter().find(|r| r.id.as_str() == id)
    }

    /// The position of a district or facility on the map.
    pub fn place_position(&self, id: &str) -> Option<Point> {
        if let Some(district) = self.district(id) {
            return Some(district.position);
        }
        let facility = self.facility(id)?;
        facility.position.or_else(|| {
            self.district(facility.district.as_str())
                .map(|d| d.position)
        })
    }

    pub fn total_population(&self) -> u64 {
        self.city.districts.iter().map(|d| d.population).sum()
    }

    /// The teams that respond (not the red cell).
    pub fn blue_teams(&self) -> impl Iterator<Item = &Team> {
        self.teams.iter().filter(|t| t.role == TeamRole::Blue)
    }

    /// Agencies played by the Blue teams, each once, in the order of the teams.
    pub fn played_agencies(&self) -> Vec<&Id> {
        let mut played: Vec<&Id> = Vec::new();
        for agency in self.blue_teams().flat_map(|t| &t.agencies) {
            if !played.contains(&agency) {
                played.push(agency);
            }
        }
        played
    }

    /// The team that plays an agency, if any.
    pub fn team_of_agency(&self, agency: &str) -> Option<&Team> {
        self.teams
            .iter()
            .find(|t| t.agencies.iter().any(|a| a.as_str() == agency))
    }

    /// Ids of individual units: a group of `count` > 1 expands to `<id>-1` ... `<id>-<count>`.
    pub fn unit_ids(group: &UnitGroup) -> Vec<String> {
        if group.count == 1 {
            vec![group.id.name.clone()]
        } else {
            (1..=group.count)
                .map(|n| format!("{}-{n}", group.id))
                .collect()
        }
    }
}
