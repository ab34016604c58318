//! Checks that need the whole scenario: ids and references, times against the exercise's
//! length, and consistency between sections. Problems of a single value (a negative count, a
//! share above 1) are caught earlier, while decoding.

use std::collections::{BTreeMap, BTreeSet};

use super::model::*;
use super::values::{Id, MINUTES_PER_DAY};
use crate::diagnostic::{Diagnostic, Span, suggest};

/// Kinds of things a scenario defines and refers to by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    District,
    Facility,
    Agency,
    Team,
    Supply,
    ResourceType,
    Unit,
    Inject,
    Objective,
    ReportRule,
    Gathering,
    Action,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::District => "district",
            Kind::Facility => "facility",
            Kind::Agency => "agency",
            Kind::Team => "team",
            Kind::Supply => "supply",
            Kind::ResourceType => "resource type",
            Kind::Unit => "unit",
            Kind::Inject => "inject",
            Kind::Objective => "objective",
            Kind::ReportRule => "reporting rule",
            Kind::Gathering => "mass gathering",
            Kind::Action => "action",
        }
    }

    /// Kinds that may be named in the same reference share one set of ids: a unit's base is a
    /// district or a facility, an inject goes to teams or agencies.
    fn namespace(self) -> u8 {
        match self {
            Kind::District | Kind::Facility => 0,
            Kind::Agency | Kind::Team => 1,
            Kind::Supply => 2,
            Kind::ResourceType => 3,
            Kind::Unit => 4,
            Kind::Inject => 5,
            Kind::Objective => 6,
            Kind::ReportRule => 7,
            Kind::Gathering => 8,
            Kind::Action => 9,
        }
    }
}

pub const DISTRICT: &[Kind] = &[Kind::District];
pub const FACILITY: &[Kind] = &[Kind::Facility];
pub const PLACE: &[Kind] = &[Kind::District, Kind::Facility];
pub const AGENCY: &[Kind] = &[Kind::Agency];
pub const TEAM: &[Kind] = &[Kind::Team];
pub const PARTY: &[Kind] = &[Kind::Team, Kind::Agency];
pub const SUPPLY: &[Kind] = &[Kind::Supply];
pub const UNIT: &[Kind] = &[Kind::Unit];
pub const INJECT: &[Kind] = &[Kind::Inject];
pub const OBJECTIVE: &[Kind] = &[Kind::Objective];
pub const GATHERING: &[Kind] = &[Kind::Gathering];
pub const ACTION: &[Kind] = &[Kind::Action];

/// Checks ids written outside the scenario (in a commands file, a plan) against what it
/// defines: each unknown one is reported at its span with "did you mean". `context` names the
/// field that holds it ("`unit`").
pub fn references<'i>(
    scenario: &Scenario,
    ids: impl IntoIterator<Item = (&'i Id, &'static [Kind], String)>,
) -> Vec<Diagnostic> {
    let broken = BTreeSet::new();
    let mut checker = Checker {
        s: scenario,
        broken: &broken,
        defs: BTreeMap::new(),
        out: Vec::new(),
    };
    checker.define_all();
    // Duplicate ids are the scenario's problem, reported when it is validated.
    checker.out.clear();
    for (id, kinds, context) in ids {
        checker.refer(id, kinds, &context);
    }
    checker.out
}

/// Runs every cross-section check. `broken_ids` are ids of items that failed to decode:
/// references to them are not reported again.
pub fn validate(scenario: &Scenario, broken_ids: &BTreeSet<String>) -> Vec<Diagnostic> {
    let mut checker = Checker {
        s: scenario,
        broken: broken_ids,
        defs: BTreeMap::new(),
        out: Vec::new(),
    };
    checker.define_all();
    checker.check_meta();
    checker.check_city();
    checker.check_pathogen();
    checker.check_cases();
    checker.check_supplies_and_facilities();
    checker.check_agencies_and_teams();
    checker.check_resources();
    checker.check_measures_and_public();
    checker.check_reporting();
    checker.check_gatherings();
    checker.check_injects();
    checker.check_actions();
    checker.check_objectives();
    checker.out
}

struct Checker<'a> {
    s: &'a Scenario,
    broken: &'a BTreeSet<String>,
    defs: BTreeMap<(u8, String), (Kind, Span)>,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::error(span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(Diagnostic::warning(span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn define(&mut self, kind: Kind, id: &Id) {
        self.define_name(kind, &id.name, id.span);
    }

    fn define_name(&mut self, kind: Kind, name: &str, span: Span) {
        let key = (kind.namespace(), name.to_string());
        if let Some(&(first_kind, first_span)) = self.defs.get(&key) {
            let message = if first_kind == kind {
                format!("{} id `{name}` is used twice", kind.noun())
            } else {
                format!(
                    "`{name}` is already the id of {}; {} cannot share it",
                    with_article(first_kind.noun()),
                    with_article(kind.noun())
                )
            };
            self.error(span, message)
                .related
                .push((first_span, "first defined here".into()));
        } else {
            self.defs.insert(key, (kind, span));
        }
    }

    fn kind_of(&self, name: &str, kinds: &[Kind]) -> Option<Kind> {
        kinds
            .iter()
            .find_map(|k| {
                self.defs
                    .get(&(k.namespace(), name.to_string()))
                    .map(|(kind, _)| *kind)
            })
            .filter(|kind| kinds.contains(kind))
    }

    /// Checks that `id` names one of `kinds`; `context` says who refers to it.
    fn refer(&mut self, id: &Id, kinds: &[Kind], context: &str) -> bool {
        if self.kind_of(&id.name, kinds).is_some() {
            return true;
        }
        if self.broken.contains(&id.name) {
            return false;
        }
        let nouns: Vec<&str> = kinds.iter().map(|k| k.noun()).collect();
        let wanted = nouns.join(" or ");
        // Defined, but as something else (a facility where a district is needed).
        let other = self
            .defs
            .iter()
            .find(|((_, name), _)| *name == id.name)
            .map(|(_, (kind, _))| *kind);
        let candidates: Vec<String> = self
            .defs
            .iter()
            .filter(|(_, (kind, _))| kinds.contains(kind))
            .map(|((_, name), _)| name.clone())
            .collect();
        let message = match other {
            Some(kind) => format!(
                "{context}: `{id}` is {}, not {}",
                with_article(kind.noun()),
                with_article(&wanted)
            ),
            None => format!("{context}: there is no {wanted} `{id}`"),
        };
        let help = match suggest(&id.name, candidates.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None if candidates.is_empty() => format!("the scenario defines no {wanted}"),
            None => {
                let shown: Vec<&str> = candidates.iter().take(12).map(String::as_str).collect();
                let more = if candidates.len() > shown.len() {
                    ", ..."
                } else {
                    ""
                };
                format!("known: {}{more}", shown.join(", "))
            }
        };
        self.error(id.span, message).help = Some(help);
        false
    }

    fn refer_opt(&mut self, id: &Option<Id>, kinds: &[Kind], context: &str) {
        if let Some(id) = id {
            self.refer(id, kinds, context);
        }
    }

    fn define_all(&mut self) {
        let s = self.s;
        for d in &s.city.districts {
            self.define(Kind::District, &d.id);
        }
        for f in &s.facilities {
            self.define(Kind::Facility, &f.id);
        }
        for a in &s.agencies {
            self.define(Kind::Agency, &a.id);
        }
        for t in &s.teams {
            self.define(Kind::Team, &t.id);
        }
        for x in &s.supplies {
            self.define(Kind::Supply, &x.id);
        }
        for r in &s.resource_types {
            self.define(Kind::ResourceType, &r.id);
        }
        for u in &s.units {
            // Groups expand to numbered units; those names must not collide either.
            for name in Scenario::unit_ids(u) {
                self.define_name(Kind::Unit, &name, u.id.span);
            }
        }
        for i in &s.injects {
            self.define(Kind::Inject, &i.id);
        }
        for o in &s.objectives {
            self.define(Kind::Objective, &o.id);
        }
        for r in &s.reporting {
            self.define(Kind::ReportRule, &r.id);
        }
        for g in &s.mass_gatherings {
            self.define(Kind::Gathering, &g.id);
        }
        for a in &s.actions {
            self.define(Kind::Action, &a.id);
        }
    }

    fn check_played_in(&mut self) {
        let meta = &self.s.meta;
        if let Some(played_in) = meta.played_in {
            if played_in.get() == 0 {
                self.error(meta.id.span, "meta: `played_in` must be longer than 0m");
            } else if played_in.get() > meta.duration.get() && meta.duration.get() > 0 {
                self.warning(
                    meta.id.span,
                    format!(
                        "meta: played in {played_in}, the exercise's {} would run slower than real time",
                        meta.duration
                    ),
                );
            }
        }
    }

    fn check_meta(&mut self) {
        self.check_played_in();
        let meta = &self.s.meta;
        let (duration, step) = (meta.duration.get(), meta.time_step.get());
        if duration == 0 {
            self.error(
                meta.id.span,
                "the exercise `duration` must be longer than 0m",
            );
        } else if duration > 365 * MINUTES_PER_DAY {
            self.error(
                meta.id.span,
                format!(
                    "the exercise `duration` of {} is longer than a year",
                    meta.duration
                ),
            );
        }
        if step == 0 || !MINUTES_PER_DAY.is_multiple_of(step) {
            self.error(
                meta.id.span,
                format!("`time_step` {} must divide a day evenly", meta.time_step),
            )
            .help = Some("use e.g. \"1h\", \"4h\", \"6h\", \"12h\" or \"1d\"".into());
        }
        if meta.language == Some(Language::Zh) && !meta.title.chars().any(is_cjk) {
            self.warning(
                meta.id.span,
                "the language is Zh but the title has no Chinese text",
            );
        }
    }

    fn check_city(&mut self) {
        let s = self.s;
        if s.city.districts.is_empty() {
            self.error(s.meta.id.span, "the city has no districts");
        }
        self.check_age_shares(&s.city.age_shares, "the city's `age_shares`");
        for d in &s.city.districts {
            if d.population == 0 {
                self.warning(d.id.span, format!("district `{}` has no population", d.id));
            }
            if let Some(shares) = &d.age_shares {
                self.check_age_shares(shares, &format!("district `{}`: `age_shares`", d.id));
            }
        }
        match &s.city.mobility {
            Mobility::None => {}
            Mobility::Flows(flows) => self.check_flows(flows),
            Mobility::Matrix(rows) => self.check_matrix(rows),
            Mobility::Adjacency(adjacency) => self.check_adjacency(adjacency),
        }
    }

    fn check_age_shares(&mut self, shares: &AgeShares, context: &str) {
        let total: f64 = AgeBand::ALL.iter().map(|b| shares.get(b)).sum();
        if (total - 1.0).abs() > 0.005 {
            self.error(
                shares.children.span,
                format!(
                    "{context} add up to {total:.3}; children, adults and older must add up to 1"
                ),
            );
        }
    }

    fn check_flows(&mut self, flows: &[Flow]) {
        let mut outgoing: BTreeMap<&str, f64> = BTreeMap::new();
        let mut seen: BTreeMap<(&str, &str), Span> = BTreeMap::new();
        for flow in flows {
            let context = format!("mobility flow {} → {}", flow.from, flow.to);
            let known = self.refer(&flow.from, DISTRICT, &context)
                & self.refer(&flow.to, DISTRICT, &context);
            if flow.from == flow.to {
                self.error(
                    flow.to.span,
                    format!("{context}: a flow must go to another district"),
                );
            }
            if let Some(first) = seen.insert((flow.from.as_str(), flow.to.as_str()), flow.from.span)
            {
                self.error(flow.from.span, format!("{context} is given twice"))
                    .related
                    .push((first, "first given here".into()));
            }
            if known {
                *outgoing.entry(flow.from.as_str()).or_default() += flow.share.get();
            }
        }
        for (from, total) in outgoing {
            if total > 1.0 + 1e-9 {
                let span = flows
                    .iter()
                    .find(|f| f.from.as_str() == from)
                    .map(|f| f.from.span)
                    .unwrap_or_default();
                self.error(span, format!("the shares of `{from}` residents leaving the district add up to {total:.3}, more than 1"));
            }
        }
    }

    fn check_matrix(&mut self, rows: &[Vec<f64>]) {
        let n = self.s.city.districts.len();
        let span = self.s.meta.id.span;
        if rows.len() != n {
            self.error(
                span,
                format!(
                    "the mobility matrix has {} rows but the city has {n} districts",
                    rows.len()
                ),
            )
            .help = Some("give one row per district, in the order the districts are listed".into());
            return;
        }
        for (i, row) in rows.iter().enumerate() {
            let district = &self.s.city.districts[i].id;
            if row.len() != n {
                self.error(district.span, format!("mobility matrix row {} (district `{district}`) has {} entries, expected {n}", i + 1, row.len()));
            } else if row.iter().any(|v| !(0.0..=1.0).contains(v)) {
                self.error(
                    district.span,
                    format!(
                        "mobility matrix row {} (district `{district}`) has an entry outside 0..1",
                        i + 1
                    ),
                );
            } else {
                let sum: f64 = row.iter().sum();
                if (sum - 1.0).abs() > 1e-3 {
                    self.error(district.span, format!("mobility matrix row {} (district `{district}`) sums to {sum:.4}; each row must sum to 1", i + 1));
                }
            }
        }
    }

    fn check_adjacency(&mut self, adjacency: &Adjacency) {
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for (a, b) in &adjacency.links {
            let context = format!("mobility link {a} – {b}");
            self.refer(a, DISTRICT, &context);
            self.refer(b, DISTRICT, &context);
            if a == b {
                self.error(
                    b.span,
                    format!("{context}: a district cannot be linked to itself"),
                );
            }
            *degree.entry(a.as_str()).or_default() += 1;
            *degree.entry(b.as_str()).or_default() += 1;
        }
        if let Some((district, &links)) = degree.iter().max_by_key(|(_, n)| **n)
            && links as f64 * adjacency.share.get() > 1.0
        {
            let span = self.s.meta.id.span;
            self.error(span, format!(
                "district `{district}` has {links} links at a share of {} each: more than all its residents",
                adjacency.share.get()
            ));
        }
    }

    fn check_pathogen(&mut self) {
        let p = &self.s.pathogen;
        let span = self.s.meta.id.span;
        match (&p.r0, &p.transmission_rate) {
            (None, None) => {
                self.error(
                    span,
                    format!("pathogen `{}` needs `r0` or `transmission_rate`", p.name),
                )
                .help = Some("e.g. `r0: 2.5` for a COVID-like pathogen".into());
            }
            (Some(_), Some(_)) => {
                self.error(
                    span,
                    format!(
                        "pathogen `{}` gives both `r0` and `transmission_rate`; give only one",
                        p.name
                    ),
                );
            }
            (Some(r0), None) if r0.get() > 20.0 => {
                self.warning(
                    span,
                    format!(
                        "an r0 of {} is higher than any known human pathogen",
                        r0.get()
                    ),
                );
            }
            _ => {}
        }
        let mut bands: BTreeMap<usize, Span> = BTreeMap::new();
        for severity in &p.severity {
            if let Some(first) = bands.insert(severity.band.value.index(), severity.band.span) {
                self.error(
                    severity.band.span,
                    format!(
                        "pathogen: the severity of {:?} is given twice",
                        severity.band.value
                    ),
                )
                .related
                .push((first, "first given here".into()));
            }
        }
        if self.s.surveillance.worried_well_per_100k < 0.0 {
            self.error(
                span,
                "surveillance: `worried_well_per_100k` cannot be negative",
            );
        }
        if let Some(treatment) = &p.treatment {
            self.refer(&treatment.supply, SUPPLY, "pathogen `treatment`");
        }
        let surveillance = &self.s.surveillance;
        self.refer_opt(&surveillance.test_kit, SUPPLY, "surveillance `test_kit`");
        let has_sites = self
            .s
            .facilities
            .iter()
            .any(|f| f.kind == FacilityKind::QuarantineSite);
        if surveillance.quarantine_at == Some(QuarantinePlace::Sites) && !has_sites {
            self.warning(
                span,
                "surveillance: quarantine is in sites, but the scenario has no quarantine site: every traced contact will wait at home",
            )
            .help = Some("add a facility of kind QuarantineSite, or write `quarantine_at: Home`".into());
        }
        if p.latent_days.get() > 30.0 || p.infectious_days.get() > 60.0 {
            self.warning(
                span,
                format!(
                    "pathogen `{}` has an unusually long latent or infectious period",
                    p.name
                ),
            );
        }
    }

    fn check_cases(&mut self) {
        let s = self.s;
        for case in &s.initial_cases {
            let context = "initial cases";
            if let Some(population) = self.refer_population(&case.district, context)
                && u64::from(case.count) > population
            {
                self.error(
                    case.district.span,
                    format!(
                        "{} initial cases in `{}` are more than its population of {population}",
                        case.count, case.district
                    ),
                );
            }
            if case.at.minutes() > s.meta.duration.get() {
                self.error(
                    case.district.span,
                    format!(
                        "initial cases at {} appear after the exercise ends ({})",
                        case.at, s.meta.duration
                    ),
                );
            }
        }
        let seeded_by_inject = s
            .injects
            .iter()
            .any(|i| i.effects.iter().any(|e| matches!(e, Effect::NewCases(_))));
        if s.initial_cases.is_empty() && !seeded_by_inject {
            self.warning(
                s.meta.id.span,
                "no initial cases and no inject brings new cases: there will be no outbreak",
            );
        }
    }

    fn check_supplies_and_facilities(&mut self) {
        let s = self.s;
        for supply in &s.supplies {
            let context = format!("supply `{}`", supply.id);
            for resupply in &supply.resupply {
                self.refer(&resupply.to, FACILITY, &context);
                if resupply.every.get() == 0 {
                    self.error(
                        resupply.to.span,
                        format!("{context}: a resupply `every` must be longer than 0m"),
                    );
                }
                if resupply.quantity == 0 {
                    self.warning(
                        resupply.to.span,
                        format!("{context}: a resupply of 0 delivers nothing"),
                    );
                }
            }
        }
        for f in &s.facilities {
            let context = format!("facility `{}`", f.id);
            self.refer(&f.district, DISTRICT, &context);
            self.refer_opt(&f.operator, AGENCY, &context);
            for item in f.stock.keys() {
                self.refer(item, SUPPLY, &context);
            }
            let missing = match f.kind {
                FacilityKind::Hospital if f.beds == 0 && f.icu_beds == 0 => {
                    Some("a hospital needs `beds`")
                }
                FacilityKind::QuarantineSite if f.beds == 0 => {
                    Some("a quarantine site needs `beds` (rooms)")
                }
                FacilityKind::FeverClinic | FacilityKind::TestingSite if f.daily_capacity == 0 => {
                    Some("a fever clinic or testing site needs a `daily_capacity`")
                }
                _ => None,
            };
            if let Some(problem) = missing {
                self.error(f.id.span, format!("{context} has no capacity: {problem}"));
            }
            self.check_place(f, &context);
        }
        self.check_place_people();
    }

    /// A place with people: its day, its homes and its people's ages.
    fn check_place(&mut self, f: &Facility, context: &str) {
        if f.hours_per_day.get() > 24.0 {
            self.error(
                f.id.span,
                format!(
                    "{context}: `hours_per_day` is {}, more than a day has",
                    f.hours_per_day.get()
                ),
            );
        }
        if f.people == 0 {
            if !f.homes.is_empty() {
                self.warning(
                    f.homes[0].district.span,
                    format!("{context}: `homes` has no effect without `people`"),
                );
            }
            return;
        }
        let mut known = true;
        for home in &f.homes {
            known &= self.refer(&home.district, DISTRICT, context);
        }
        let total: f64 = f.homes.iter().map(|h| h.share.get()).sum();
        if known && !f.homes.is_empty() && (total - 1.0).abs() > 0.005 {
            self.error(
                f.homes[0].district.span,
                format!("{context}: the shares of `homes` add up to {total:.3}, not 1"),
            );
        }
        if let Some(shares) = &f.age_shares {
            self.check_age_shares(shares, context);
        }
    }

    /// The people of places come out of the districts they live in: no more than live there.
    fn check_place_people(&mut self) {
        let s = self.s;
        let mut taken: BTreeMap<&str, (f64, Span)> = BTreeMap::new();
        for f in s.facilities.iter().filter(|f| f.people > 0) {
            let people = f64::from(f.people);
            let homes: Vec<(&str, f64)> = if f.homes.is_empty() {
                vec![(f.district.as_str(), 1.0)]
            } else {
                let total: f64 = f
                    .homes
                    .iter()
                    .map(|h| h.share.get())
                    .sum::<f64>()
                    .max(1e-12);
                f.homes
                    .iter()
                    .map(|h| (h.district.as_str(), h.share.get() / total))
                    .collect()
            };
            for (district, share) in homes {
                taken.entry(district).or_insert((0.0, f.id.span)).0 += people * share;
            }
        }
        for (district, (people, span)) in taken {
            if let Some(d) = s.district(district)
                && people > d.population as f64 + 0.5
            {
                self.error(
                    span,
                    format!(
                        "the places whose people live in `{district}` hold {people:.0} people, more than its population of {}",
                        d.population
                    ),
                )
                .help = Some("a place's `people` are counted in the population of the districts in its `homes` (or its own district)".into());
            }
        }
    }

    fn check_agencies_and_teams(&mut self) {
        let s = self.s;
        for a in &s.agencies {
            let context = format!("agency `{}`", a.id);
            if let Some(up) = &a.reports_to
                && self.refer(up, AGENCY, &context)
            {
                // Follow the chain; coming back to `a` means nobody is at the top. A loop is
                // reported once, at its first member in the file.
                let mut chain = vec![a.id.as_str()];
                let mut current = up.as_str();
                for _ in 0..s.agencies.len() {
                    if current == a.id.as_str() {
                        if first_in_file(&s.agencies, |x| &x.id, &chain) == a.id.as_str() {
                            let members = chain.join(" → ");
                            self.error(up.span, format!("{context}: the chain of command (`reports_to`) loops back to it: {members} → {}", a.id));
                        }
                        break;
                    }
                    chain.push(current);
                    match s.agency(current).and_then(|x| x.reports_to.as_ref()) {
                        Some(next) => current = next.as_str(),
                        None => break,
                    }
                }
            }
        }
        if s.teams.is_empty() {
            self.error(
                s.meta.id.span,
                "the scenario has no teams: nobody can play it",
            );
        } else if !s.teams.iter().any(|t| t.role == TeamRole::Blue) {
            self.error(
                s.meta.id.span,
                "the scenario has no Blue team: nobody responds to the emergency",
            );
        }
        let mut played_by: BTreeMap<&str, &Id> = BTreeMap::new();
        for t in &s.teams {
            let context = format!("team `{}`", t.id);
            if t.role == TeamRole::Blue && t.agencies.is_empty() {
                self.error(t.id.span, format!("{context} plays no agency"))
                    .help =
                    Some("list the agencies it plays, e.g. `agencies: [\"police\"]`".into());
            }
            for agency in &t.agencies {
                if !self.refer(agency, AGENCY, &context) {
                    continue;
                }
                if let Some(other) = played_by.get(agency.as_str()) {
                    let message = if *other == &t.id {
                        format!("{context} lists agency `{agency}` twice")
                    } else {
                        format!(
                            "agency `{agency}` is played by two teams, `{other}` and `{}`",
                            t.id
                        )
                    };
                    let first = other.span;
                    self.error(agency.span, message)
                        .related
                        .push((first, "first team".into()));
                } else {
                    played_by.insert(agency.as_str(), &t.id);
                }
            }
        }
        for a in &s.agencies {
            let played = played_by.get(a.id.as_str());
            match (a.simulated, played) {
                (true, Some(team)) => {
                    self.error(
                        a.id.span,
                        format!(
                            "agency `{}` is marked `simulated` (played by the control cell) but team `{team}` plays it",
                            a.id
                        ),
                    );
                }
                (false, None) if !s.teams.is_empty() => {
                    self.warning(
                        a.id.span,
                        format!(
                            "agency `{}` is played by no team; only the control cell can act for it",
                            a.id
                        ),
                    )
                    .help = Some(
                        "if the control cell plays it (a neighbouring province, superiors), say so with `simulated: true`".into(),
                    );
                }
                _ => {}
            }
            if let Some(j) = &a.jurisdiction {
                let context = format!("agency `{}`: jurisdiction", a.id);
                for d in &j.districts {
                    self.refer(d, DISTRICT, &context);
                }
                for f in &j.facilities {
                    self.refer(f, FACILITY, &context);
                }
                if j.districts.is_empty() && j.facilities.is_empty() && j.facility_kinds.is_empty()
                {
                    self.warning(
                        a.id.span,
                        format!(
                            "agency `{}` has a jurisdiction that covers nothing: it may order measures nowhere",
                            a.id
                        ),
                    )
                    .help = Some("leave `jurisdiction` out for the whole city".into());
                }
            }
        }
    }

    fn check_resources(&mut self) {
        let s = self.s;
        let stocked: BTreeSet<&str> = s
            .facilities
            .iter()
            .flat_map(|f| f.stock.keys().map(Id::as_str))
            .chain(
                s.supplies
                    .iter()
                    .filter(|x| !x.resupply.is_empty())
                    .map(|x| x.id.as_str()),
            )
            .collect();
        for r in &s.resource_types {
            let context = format!("resource type `{}`", r.id);
            if r.capacity == 0 {
                self.error(
                    r.id.span,
                    format!("{context} has a capacity of 0: its units can do no work"),
                );
            }
            if r.shift.get() == 0 {
                self.error(r.id.span, format!("{context} has a shift of 0m"));
            }
            if let Some(supply) = &r.consumes
                && self.refer(supply, SUPPLY, &context)
                && !stocked.contains(supply.as_str())
            {
                self.warning(
                    supply.span,
                    format!(
                        "{context} uses `{supply}`, which no facility stocks: its units cannot work"
                    ),
                );
            }
        }
        for u in &s.units {
            let context = format!("unit `{}`", u.id);
            self.refer(&u.resource, &[Kind::ResourceType], &context);
            self.refer(&u.agency, AGENCY, &context);
            self.refer(&u.base, PLACE, &context);
            if u.count == 0 {
                self.error(u.id.span, format!("{context} has a count of 0"));
            }
            if u.people == 0 {
                self.error(u.id.span, format!("{context} stands for 0 people"));
            }
        }
    }

    fn check_measures_and_public(&mut self) {
        let s = self.s;
        for agency in &s.measures.ordered_by {
            self.refer(agency, AGENCY, "measures `ordered_by`");
        }
        let (enhanced, closed) = (&s.measures.enhanced, &s.measures.closed);
        let span = s.meta.id.span;
        for (name, effect) in [("enhanced", enhanced), ("closed", closed)] {
            if effect.daily_cost_per_resident < 0.0 {
                self.error(
                    span,
                    format!("measures `{name}`: `daily_cost_per_resident` cannot be negative"),
                );
            }
        }
        if closed.contact_factor > enhanced.contact_factor
            || closed.mobility_factor > enhanced.mobility_factor
        {
            self.warning(
                span,
                "measures: `closed` lets more contact or travel through than `enhanced`",
            );
        }
        if s.public.compliance_at_zero_trust > s.public.compliance_at_full_trust {
            self.warning(
                span,
                "public: compliance is higher at zero trust than at full trust",
            );
        }
    }

    fn check_reporting(&mut self) {
        for rule in &self.s.reporting {
            let context = format!("reporting rule `{}`", rule.id);
            self.refer(&rule.from, AGENCY, &context);
            self.refer(&rule.to, AGENCY, &context);
            if rule.from == rule.to {
                self.error(
                    rule.to.span,
                    format!("{context}: an agency cannot report to itself"),
                );
            }
            if rule.within.get() == 0 {
                self.error(
                    rule.id.span,
                    format!("{context}: `within` must be longer than 0m"),
                );
            }
            if let ReportTrigger::Inject(inject) = &rule.on {
                self.refer(inject, &[Kind::Inject], &context);
            }
        }
    }

    fn check_gatherings(&mut self) {
        let s = self.s;
        let duration = s.meta.duration;
        for g in &s.mass_gatherings {
            let context = format!("mass gathering `{}`", g.id);
            self.refer(&g.place, PLACE, &context);
            if g.start.minutes() >= duration.get() && duration.get() > 0 {
                self.error(
                    g.id.span,
                    format!(
                        "{context} starts at {}, when the exercise is over ({duration})",
                        g.start
                    ),
                );
            }
            if g.duration.get() == 0 {
                self.error(g.id.span, format!("{context} must last longer than 0m"));
            }
            if g.attendees == 0 {
                self.warning(g.id.span, format!("{context} has no attendees"));
            }
            let mut known = true;
            for origin in &g.from {
                known &= self.refer(&origin.district, DISTRICT, &context);
            }
            let total: f64 = g.from.iter().map(|o| o.share.get()).sum();
            if known && !g.from.is_empty() && (total - 1.0).abs() > 0.005 {
                self.error(
                    g.from[0].district.span,
                    format!(
                        "{context}: the shares of attendees by district add up to {total:.3}, not 1"
                    ),
                );
            }
            for agency in &g.decided_by {
                self.refer(agency, AGENCY, &context);
            }
            for (name, cost) in [
                ("cancel_cost", g.cancel_cost),
                ("postpone_cost", g.postpone_cost),
                ("with_measures.cost", g.with_measures.cost),
            ] {
                if cost < 0.0 {
                    self.error(g.id.span, format!("{context}: `{name}` cannot be negative"));
                }
            }
            if !(-1.0..=1.0).contains(&g.cancel_trust) {
                self.error(
                    g.id.span,
                    format!(
                        "{context}: `cancel_trust` must be between -1 and 1, found {}",
                        g.cancel_trust
                    ),
                );
            }
        }
    }

    fn check_injects(&mut self) {
        let s = self.s;
        let duration = s.meta.duration;
        for inject in &s.injects {
            let context = format!("inject `{}`", inject.id);
            match &inject.trigger {
                // With no duration at all that one problem is reported, not every inject.
                Trigger::At(at) if at.minutes() > duration.get() && duration.get() > 0 => {
                    self.error(
                        inject.id.span,
                        format!("{context} fires at {at}, after the exercise ends ({duration})"),
                    );
                }
                Trigger::At(_) => {}
                Trigger::When(condition) => self.check_condition(condition, &context),
            }
            if let Some(condition) = &inject.only_if {
                self.check_condition(condition, &format!("{context}: `only_if`"));
            }
            if let Recipients::Listed(to) = &inject.to {
                if to.is_empty() {
                    self.error(inject.id.span, format!("{context} is addressed to nobody"))
                        .help = Some(
                        "list the teams or agencies who receive it in `to`, or write `to: All`"
                            .into(),
                    );
                }
                for party in to {
                    self.refer(party, PARTY, &context);
                }
            }
            if inject.message.trim().is_empty() {
                self.warning(inject.id.span, format!("{context} has no message text"));
            }
            for objective in inject.objective_ids() {
                self.refer(objective, &[Kind::Objective], &context);
            }
            for effect in &inject.effects {
                self.check_effect(effect, &context);
            }
            if let Some(decision) = &inject.decision {
                self.check_decision(inject, decision, &context);
            }
            for expectation in &inject.expects {
                self.check_expectation(inject, expectation, &context);
            }
        }
        self.check_follow_up_cycles();
    }

    /// A district, or a place with people (where cases and contacts may be put): its
    /// population, when the id names one.
    fn refer_population(&mut self, id: &Id, context: &str) -> Option<u64> {
        if !self.refer(id, PLACE, context) {
            return None;
        }
        if let Some(d) = self.s.district(id.as_str()) {
            return Some(d.population);
        }
        let facility = self.s.facility(id.as_str())?;
        if facility.people == 0 {
            self.error(
                id.span,
                format!(
                    "{context}: facility `{id}` has no `people`: cases and contacts go to a district or to a place with people"
                ),
            );
            return None;
        }
        Some(u64::from(facility.people))
    }

    fn check_effect(&mut self, effect: &Effect, context: &str) {
        let s = self.s;
        let too_many = |district: &Id, count: u32| {
            s.district(district.as_str())
                .filter(|d| u64::from(count) > d.population)
                .map(|d| d.population)
        };
        match effect {
            Effect::NewCases(e) => {
                let population = self.refer_population(&e.district, context);
                if let Some(population) = population.filter(|&p| u64::from(e.count) > p) {
                    self.error(
                        e.district.span,
                        format!(
                            "{context}: {} new cases in `{}` exceed its population of {population}",
                            e.count, e.district
                        ),
                    );
                }
            }
            Effect::Contacts(e) => {
                let population = self.refer_population(&e.district, context);
                if let Some(population) = population.filter(|&p| u64::from(e.count) > p) {
                    self.error(
                        e.district.span,
                        format!(
                            "{context}: {} contacts in `{}` exceed its population of {population}",
                            e.count, e.district
                        ),
                    );
                }
            }
            Effect::RoadClosure(e) => {
                self.refer(&e.district, DISTRICT, context);
                if e.duration.get() == 0 {
                    self.error(
                        e.district.span,
                        format!("{context}: a road closure must last longer than 0m"),
                    );
                }
            }
            Effect::SupplyDelay(e) => {
                self.refer(&e.supply, SUPPLY, context);
            }
            Effect::StockLoss(e) => {
                self.refer(&e.facility, FACILITY, context);
                self.refer(&e.supply, SUPPLY, context);
            }
            Effect::Rumour(e) => self.refer_opt(&e.district, DISTRICT, context),
            Effect::TrustShift(e) => {
                self.refer_opt(&e.district, DISTRICT, context);
                if !(-1.0..=1.0).contains(&e.change) {
                    let span = e
                        .district
                        .as_ref()
                        .map(|d| d.span)
                        .unwrap_or(s.meta.id.span);
                    self.error(
                        span,
                        format!(
                            "{context}: a trust change must be between -1 and 1, found {}",
                            e.change
                        ),
                    );
                }
            }
            Effect::Disorder(e) => {
                self.refer(&e.place, PLACE, context);
            }
            Effect::PriceGouging(e) => self.refer_opt(&e.district, DISTRICT, context),
            Effect::Gathering(e) => {
                self.refer(&e.district, DISTRICT, context);
                for from in &e.from {
                    self.refer(from, DISTRICT, context);
                }
                if let Some(population) = too_many(&e.district, e.people) {
                    self.warning(e.district.span, format!("{context}: a gathering of {} is larger than the population of `{}` ({population})", e.people, e.district));
                }
            }
            Effect::CapacityLoss(e) => {
                self.refer(&e.facility, FACILITY, context);
            }
            Effect::UnitsOut(e) => {
                for unit in &e.units {
                    self.refer_unit_or_group(unit, context);
                }
                if e.units.is_empty() {
                    self.error(
                        s.meta.id.span,
                        format!("{context}: `UnitsOut` names no unit"),
                    );
                }
                if e.duration.is_some_and(|d| d.get() == 0) {
                    self.error(
                        s.meta.id.span,
                        format!("{context}: units out of service for 0m are never out"),
                    );
                }
            }
            Effect::UnitsBack(e) => {
                for unit in &e.units {
                    self.refer_unit_or_group(unit, context);
                }
            }
            Effect::SetMeasure(e) => {
                self.refer(&e.district, DISTRICT, context);
            }
            Effect::ContactRate(e) => {
                self.refer_opt(&e.district, DISTRICT, context);
                if e.duration.is_some_and(|d| d.get() == 0) {
                    self.error(
                        s.meta.id.span,
                        format!("{context}: a contact change of 0m changes nothing"),
                    );
                }
            }
            Effect::CloseFacility(f) | Effect::OpenFacility(f) => {
                self.refer(f, FACILITY, context);
            }
            Effect::Capacity(e) => {
                self.refer(&e.facility, FACILITY, context);
            }
            Effect::MoveStock(e) => {
                self.refer(&e.supply, SUPPLY, context);
                self.refer(&e.from, FACILITY, context);
                self.refer(&e.to, FACILITY, context);
                if e.from == e.to {
                    self.error(
                        e.to.span,
                        format!("{context}: stock moved from `{}` to itself", e.to),
                    );
                }
            }
            Effect::AddStock(e) => {
                self.refer(&e.facility, FACILITY, context);
                self.refer(&e.supply, SUPPLY, context);
            }
            Effect::CalmPrices(e) => self.refer_opt(&e.district, DISTRICT, context),
            Effect::Cost(amount) => {
                if *amount < 0.0 {
                    self.error(
                        s.meta.id.span,
                        format!("{context}: a cost cannot be negative, found {amount}"),
                    );
                }
            }
            Effect::FireInject(e) => {
                self.refer(&e.inject, &[Kind::Inject], context);
            }
            Effect::CancelInject(id) => {
                self.refer(id, &[Kind::Inject], context);
            }
            Effect::GatheringDecision(e) => {
                self.refer(&e.gathering, &[Kind::Gathering], context);
            }
        }
    }

    /// A unit's id, or a group's (all its units).
    fn refer_unit_or_group(&mut self, id: &Id, context: &str) {
        if self.s.units.iter().any(|g| g.id == *id) {
            return;
        }
        self.refer(id, UNIT, context);
    }

    /// A decision point: its teams, options, default and rule.
    fn check_decision(&mut self, inject: &Inject, decision: &DecisionPoint, context: &str) {
        let context = format!("{context}: decision");
        for team in &decision.teams {
            if self.refer(team, TEAM, &context) && !self.reaches(inject, team.as_str()) {
                self.warning(
                    team.span,
                    format!("{context}: team `{team}` must decide but does not receive the inject"),
                );
            }
        }
        if decision.options.is_empty() {
            self.error(inject.id.span, format!("{context} has no options"));
            return;
        }
        if decision.options.len() == 1 {
            self.warning(
                decision.options[0].id.span,
                format!("{context} has one option: there is nothing to choose"),
            );
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for option in &decision.options {
            if let Some(first) = seen.insert(option.id.as_str(), option.id.span) {
                self.error(
                    option.id.span,
                    format!("{context}: option `{}` is given twice", option.id),
                )
                .related
                .push((first, "first given here".into()));
            }
            let option_context = format!("{context}, option `{}`", option.id);
            for effect in &option.effects {
                self.check_effect(effect, &option_context);
            }
        }
        if decision.option(decision.default.as_str()).is_none() {
            let ids: Vec<&str> = decision.options.iter().map(|o| o.id.as_str()).collect();
            let help = match suggest(decision.default.as_str(), ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("its options: {}", ids.join(", ")),
            };
            self.error(
                decision.default.span,
                format!(
                    "{context}: the default `{}` is not one of its options",
                    decision.default
                ),
            )
            .help = Some(help);
        }
        if let JointRule::Lead(lead) = &decision.rule
            && self.refer(lead, TEAM, &context)
        {
            let deciding = if decision.teams.is_empty() {
                self.reaches(inject, lead.as_str())
            } else {
                decision.teams.contains(lead)
            };
            if !deciding {
                self.error(
                    lead.span,
                    format!(
                        "{context}: the lead team `{lead}` is not one of the teams that decide"
                    ),
                );
            }
        }
        if decision.within.get() == 0 {
            self.error(
                inject.id.span,
                format!("{context}: `within` must be longer than 0m"),
            );
        }
        if let Trigger::At(at) = &inject.trigger {
            let due = at.minutes().saturating_add(decision.within.get());
            let end = self.s.meta.duration.get();
            if due > end && end > 0 {
                self.warning(
                    inject.id.span,
                    format!(
                        "{context}: the deadline ({}) is after the exercise ends; unanswered, its default never applies",
                        crate::scenario::Minutes(due)
                    ),
                );
            }
        }
    }

    /// Scenario-defined actions: who may take them, their cost, limits, precondition and effects.
    fn check_actions(&mut self) {
        let s = self.s;
        for action in &s.actions {
            let context = format!("action `{}`", action.id);
            if action.by.is_empty() {
                self.error(action.id.span, format!("{context} can be taken by nobody"))
                    .help = Some("list the agencies (or teams) that may take it in `by`".into());
            }
            let mut anyone = false;
            for by in &action.by {
                if self.refer(by, PARTY, &context) {
                    anyone |=
                        s.team(by.as_str()).is_some() || s.team_of_agency(by.as_str()).is_some();
                }
            }
            if !action.by.is_empty()
                && !anyone
                && action
                    .by
                    .iter()
                    .all(|b| self.kind_of(&b.name, PARTY).is_some())
            {
                self.warning(
                    action.by[0].span,
                    format!("{context}: no team plays the agencies that may take it"),
                );
            }
            if action.cost < 0.0 {
                self.error(
                    action.id.span,
                    format!("{context}: `cost` cannot be negative"),
                );
            }
            if action.times == Some(0) {
                self.error(action.id.span, format!("{context} may be taken 0 times"));
            }
            if let Some(condition) = &action.requires {
                self.check_condition(condition, &format!("{context}: `requires`"));
            }
            if action.effects.is_empty() && action.cost == 0.0 {
                self.warning(
                    action.id.span,
                    format!("{context} has no effect and no cost"),
                );
            }
            for effect in &action.effects {
                self.check_effect(effect, &context);
            }
        }
    }

    fn check_condition(&mut self, condition: &Condition, context: &str) {
        let duration = self.s.meta.duration;
        match condition {
            Condition::ConfirmedAtLeast(t)
            | Condition::InfectedAtLeast(t)
            | Condition::DeathsAtLeast(t) => {
                self.refer_opt(&t.district, DISTRICT, context);
            }
            Condition::HospitalLoadAtLeast(load) => {
                self.refer_opt(&load.facility, FACILITY, context)
            }
            Condition::TrustBelow(level) => self.refer_opt(&level.district, DISTRICT, context),
            Condition::StockBelow(level) => {
                self.refer(&level.supply, SUPPLY, context);
                self.refer_opt(&level.facility, FACILITY, context);
            }
            Condition::NotDone(not_done) => {
                self.refer(&not_done.team, TEAM, context);
                self.check_action(&not_done.action, context);
                if not_done.by.minutes() > duration.get() {
                    self.error(
                        not_done.team.span,
                        format!(
                            "{context}: the deadline {} is after the exercise ends ({duration})",
                            not_done.by
                        ),
                    );
                }
            }
            Condition::AfterInject(after) => {
                self.refer(&after.inject, &[Kind::Inject], context);
            }
            Condition::Done(done) => {
                self.refer_opt(&done.team, TEAM, context);
                self.check_action(&done.action, context);
            }
            Condition::ContactsTracedBelow(c) | Condition::ContactsQuarantinedBelow(c) => {
                self.refer_opt(&c.district, DISTRICT, context);
            }
            Condition::Decided(d) => self.refer_decision(&d.decision, d.option.as_ref(), context),
            Condition::Not(inner) => self.check_condition(inner, context),
            Condition::All(parts) | Condition::Any(parts) => {
                if parts.is_empty() {
                    self.error(
                        self.s.meta.id.span,
                        format!("{context}: `All([])` / `Any([])` needs at least one condition"),
                    );
                }
                for part in parts {
                    self.check_condition(part, context);
                }
            }
        }
    }

    fn check_action(&mut self, action: &ActionCheck, context: &str) {
        match action {
            ActionCheck::Dispatch(c) => self.refer_opt(&c.to, PLACE, context),
            ActionCheck::Report(c) => self.refer_opt(&c.to, AGENCY, context),
            ActionCheck::Measure(c) => self.refer_opt(&c.district, DISTRICT, context),
            ActionCheck::Share(c) => self.refer_opt(&c.with, TEAM, context),
            // A request goes to a team, or to an agency the control cell plays.
            ActionCheck::RequestAid(c) => {
                if let Some(from) = &c.from
                    && self.refer(from, PARTY, context)
                    && let Some(agency) = self.s.agency(from.as_str())
                    && !agency.simulated
                {
                    let team = self
                        .s
                        .team_of_agency(from.as_str())
                        .map_or("no team".to_string(), |t| format!("team `{}`", t.id));
                    self.error(
                        from.span,
                        format!(
                            "{context}: requests for help go to teams (agency `{from}` is played by {team}) or to agencies the control cell plays"
                        ),
                    );
                }
            }
            ActionCheck::Gathering(c) => self.refer_opt(&c.gathering, &[Kind::Gathering], context),
            ActionCheck::Decide(c) => {
                if let Some(decision) = &c.decision {
                    self.refer_decision(decision, c.option.as_ref(), context);
                }
            }
            ActionCheck::Action(c) => self.refer_opt(&c.action, ACTION, context),
            ActionCheck::Facility(c) => self.refer_opt(&c.facility, FACILITY, context),
            ActionCheck::AnswerAid | ActionCheck::Statement | ActionCheck::Activate => {}
        }
    }

    /// A decision point (named by its inject) and, if given, one of its options.
    fn refer_decision(&mut self, decision: &Id, option: Option<&Id>, context: &str) {
        if !self.refer(decision, &[Kind::Inject], context) {
            return;
        }
        let Some((_, point)) = self.s.decision(decision.as_str()) else {
            self.error(
                decision.span,
                format!("{context}: inject `{decision}` puts no decision (it has no `decision`)"),
            );
            return;
        };
        if let Some(option) = option
            && point.option(option.as_str()).is_none()
        {
            let ids: Vec<&str> = point.options.iter().map(|o| o.id.as_str()).collect();
            let help = match suggest(option.as_str(), ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("its options: {}", ids.join(", ")),
            };
            self.error(
                option.span,
                format!("{context}: decision `{decision}` has no option `{option}`"),
            )
            .help = Some(help);
        }
    }

    fn check_expectation(&mut self, inject: &Inject, expectation: &Expectation, context: &str) {
        if let Some(check) = &expectation.check {
            self.check_action(check, context);
        }
        if expectation.within.get() == 0 {
            self.error(
                inject.id.span,
                format!(
                    "{context}: expected action \"{}\" has `within` of 0m",
                    expectation.text
                ),
            );
        }
        if let Some(team) = &expectation.team
            && self.refer(team, TEAM, context)
            && !self.reaches(inject, team.as_str())
        {
            self.warning(
                team.span,
                format!(
                    "{context}: team `{team}` is expected to act but does not receive the inject"
                ),
            );
        }
    }

    /// Whether an inject is delivered to a team, directly or through an agency it plays.
    fn reaches(&self, inject: &Inject, team: &str) -> bool {
        let plays = |agency: &str| {
            self.s
                .team(team)
                .is_some_and(|t| t.agencies.iter().any(|a| a.as_str() == agency))
        };
        match &inject.to {
            Recipients::All => self.s.team(team).is_some_and(|t| t.role == TeamRole::Blue),
            Recipients::Listed(to) => to
                .iter()
                .any(|to| to.as_str() == team || plays(to.as_str())),
        }
    }

    /// Injects that wait for each other (`AfterInject`) in a loop never fire.
    fn check_follow_up_cycles(&mut self) {
        fn waits_for<'c>(condition: &'c Condition, out: &mut Vec<&'c str>) {
            match condition {
                Condition::AfterInject(after) => out.push(after.inject.as_str()),
                Condition::All(parts) => parts.iter().for_each(|p| waits_for(p, out)),
                // Any other branch of an `Any` may still fire it, so it does not create a loop.
                _ => {}
            }
        }
        let edges: BTreeMap<&str, Vec<&str>> = self
            .s
            .injects
            .iter()
            .map(|i| {
                let mut out = Vec::new();
                if let Trigger::When(condition) = &i.trigger {
                    waits_for(condition, &mut out);
                }
                (i.id.as_str(), out)
            })
            .collect();
        for inject in &self.s.injects {
            let start = inject.id.as_str();
            let mut stack: Vec<&str> = edges.get(start).cloned().unwrap_or_default();
            let mut visited: BTreeSet<&str> = BTreeSet::new();
            while let Some(next) = stack.pop() {
                if next == start {
                    // Every inject of the loop reaches itself; report the loop once, at the
                    // first of them in the file.
                    let in_loop: Vec<&str> = visited
                        .iter()
                        .copied()
                        .filter(|&v| reaches(&edges, v, start))
                        .chain([start])
                        .collect();
                    if first_in_file(&self.s.injects, |i| &i.id, &in_loop) == start {
                        self.error(inject.id.span, format!("inject `{start}` waits for itself through `AfterInject`: it can never fire"));
                    }
                    break;
                }
                if visited.insert(next) {
                    stack.extend(edges.get(next).into_iter().flatten());
                }
            }
        }
    }

    fn check_objectives(&mut self) {
        let s = self.s;
        let has_role = |teams: &[Id], role: UnitRole| {
            s.units.iter().any(|u| {
                let in_scope = teams.is_empty()
                    || teams.iter().any(|t| {
                        s.team(t.as_str())
                            .is_some_and(|t| t.agencies.contains(&u.agency))
                    });
                in_scope
                    && s.resource_type(u.resource.as_str())
                        .is_some_and(|r| r.role == role)
            })
        };
        let blue_teams = s.teams.iter().filter(|t| t.role == TeamRole::Blue).count();
        for o in &s.objectives {
            let context = format!("objective `{}`", o.id);
            for team in &o.teams {
                if self.refer(team, TEAM, &context)
                    && s.team(team.as_str())
                        .is_some_and(|t| t.role == TeamRole::Red)
                {
                    self.warning(team.span, format!("{context} scores the red cell `{team}`"));
                }
            }
            if o.kpis.is_empty() && !o.evaluator_rated {
                self.error(
                    o.id.span,
                    format!(
                        "{context} cannot be scored: it has no KPIs and evaluators do not rate it"
                    ),
                )
                .help = Some("add a KPI, or set `evaluator_rated: true`".into());
            }
            for kpi in &o.kpis {
                self.refer_opt(&kpi.district, DISTRICT, &context);
                let target = kpi.target.value;
                let span = kpi.target.span;
                match kpi.metric.scale() {
                    MetricScale::Share if !(0.0..=1.0).contains(&target) => {
                        let hint = if (1.0..=100.0).contains(&target) {
                            format!(" (for {target}% write {})", target / 100.0)
                        } else {
                            String::new()
                        };
                        self.error(span, format!("{context}: the target of {:?} is a share between 0 and 1, found {target}{hint}", kpi.metric));
                    }
                    _ if target < 0.0 => {
                        self.error(
                            span,
                            format!(
                                "{context}: the target of {:?} cannot be negative",
                                kpi.metric
                            ),
                        );
                    }
                    _ => {}
                }
                let nothing_to_measure = match kpi.metric {
                    Metric::ContactsQuarantinedWithin24h | Metric::CasesIsolatedWithin24h
                        if s.meta.duration.get() < MINUTES_PER_DAY =>
                    {
                        Some("the exercise is shorter than the 24 hours it counts")
                    }
                    Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts
                        if !has_role(&o.teams, UnitRole::Tracing) =>
                    {
                        Some("no team it applies to has tracing units")
                    }
                    Metric::ReportsOnTime if s.reporting.is_empty() => {
                        Some("the scenario has no reporting rules")
                    }
                    Metric::AidRequestsAnswered | Metric::AidResponseMinutes if blue_teams < 2 => {
                        Some("with a single team nobody can ask for aid")
                    }
                    Metric::StockOuts if s.supplies.is_empty() => {
                        Some("the scenario has no supplies")
                    }
                    // The decisions of the injects that serve it (of all, when none does).
                    Metric::DecisionQuality
                        if !s.injects.iter().any(|i| {
                            let serving = s.injects.iter().any(|j| j.serves(o.id.as_str()));
                            (!serving || i.serves(o.id.as_str()))
                                && i.decision
                                    .as_ref()
                                    .is_some_and(|d| d.options.iter().any(|x| x.score.is_some()))
                        }) =>
                    {
                        Some("no inject serving it puts a decision with scored options")
                    }
                    _ => None,
                };
                if let Some(reason) = nothing_to_measure {
                    self.warning(
                        span,
                        format!(
                            "{context}: {:?} has nothing to measure: {reason}",
                            kpi.metric
                        ),
                    );
                }
            }
        }
    }
}

/// "an agency", "a district": the noun with its indefinite article.
fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// Whether `to` can be reached from `from` along the edges.
fn reaches(edges: &BTreeMap<&str, Vec<&str>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.get(node).into_iter().flatten().copied());
        }
    }
    false
}

/// The id among `names` that comes first in `items`' file order.
fn first_in_file<'i, T>(items: &'i [T], id: impl Fn(&'i T) -> &'i Id, names: &[&str]) -> &'i str {
    items
        .iter()
        .map(id)
        .find(|i| names.contains(&i.as_str()))
        .map_or("", Id::as_str)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}
