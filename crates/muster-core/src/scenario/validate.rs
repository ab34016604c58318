//! Checks that need the whole scenario: ids and references, times against the exercise's
//! length, and consistency between sections. Problems of a single value (a negative count, a
//! share above 1) are caught earlier, while decoding.

mod rubric;

use std::collections::{BTreeMap, BTreeSet};

use super::model::*;
use super::values::{Id, MINUTES_PER_DAY};
use crate::diagnostic::{Diagnostic, Span, suggest};
use crate::i18n::Message;
use crate::msg;

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
    RedTactic,
    Zone,
}

impl Kind {
    /// "district", "区域".
    fn noun(self) -> Message {
        Message::new(match self {
            Kind::District => "kind-district",
            Kind::Facility => "kind-facility",
            Kind::Agency => "kind-agency",
            Kind::Team => "kind-team",
            Kind::Supply => "kind-supply",
            Kind::ResourceType => "kind-resource-type",
            Kind::Unit => "kind-unit",
            Kind::Inject => "kind-inject",
            Kind::Objective => "kind-objective",
            Kind::ReportRule => "kind-reporting-rule",
            Kind::Gathering => "kind-gathering",
            Kind::Action => "kind-action",
            Kind::RedTactic => "kind-red-tactic",
            Kind::Zone => "kind-zone",
        })
    }

    /// "a district", "an agency" (English needs the article; Chinese has none).
    fn with_article(self) -> Message {
        Message::new(match self {
            Kind::District => "kind-a-district",
            Kind::Facility => "kind-a-facility",
            Kind::Agency => "kind-a-agency",
            Kind::Team => "kind-a-team",
            Kind::Supply => "kind-a-supply",
            Kind::ResourceType => "kind-a-resource-type",
            Kind::Unit => "kind-a-unit",
            Kind::Inject => "kind-a-inject",
            Kind::Objective => "kind-a-objective",
            Kind::ReportRule => "kind-a-reporting-rule",
            Kind::Gathering => "kind-a-gathering",
            Kind::Action => "kind-a-action",
            Kind::RedTactic => "kind-a-red-tactic",
            Kind::Zone => "kind-a-zone",
        })
    }

    /// "district or facility": the kinds a reference may name.
    fn either(kinds: &[Kind], article: bool) -> Message {
        let word = |k: &Kind| if article { k.with_article() } else { k.noun() };
        match kinds {
            [one] => word(one),
            [first, rest @ ..] if rest.len() > 1 => msg!(
                "kind-list",
                first = word(first),
                rest = Kind::either(rest, article)
            ),
            [first, rest @ ..] => msg!(
                "kind-either",
                first = word(first),
                rest = Kind::either(rest, article)
            ),
            [] => Message::default(),
        }
    }

    /// Kinds that may be named in the same reference share one set of ids: a unit's base is a
    /// district or a facility, an inject goes to teams or agencies.
    fn namespace(self) -> u8 {
        match self {
            Kind::District | Kind::Facility | Kind::Zone => 0,
            Kind::Agency | Kind::Team => 1,
            Kind::Supply => 2,
            Kind::ResourceType => 3,
            Kind::Unit => 4,
            Kind::Inject => 5,
            Kind::Objective => 6,
            Kind::ReportRule => 7,
            Kind::Gathering => 8,
            Kind::Action => 9,
            Kind::RedTactic => 10,
        }
    }
}

pub const DISTRICT: &[Kind] = &[Kind::District];
pub const FACILITY: &[Kind] = &[Kind::Facility];
pub const PLACE: &[Kind] = &[Kind::District, Kind::Facility];
pub const ZONE: &[Kind] = &[Kind::Zone];
/// Where people live or spend their days: cases and contacts can be put there.
pub const POPULATION: &[Kind] = &[Kind::District, Kind::Facility, Kind::Zone];
pub const AGENCY: &[Kind] = &[Kind::Agency];
pub const TEAM: &[Kind] = &[Kind::Team];
pub const PARTY: &[Kind] = &[Kind::Team, Kind::Agency];
pub const SUPPLY: &[Kind] = &[Kind::Supply];
pub const UNIT: &[Kind] = &[Kind::Unit];
pub const INJECT: &[Kind] = &[Kind::Inject];
pub const OBJECTIVE: &[Kind] = &[Kind::Objective];
pub const GATHERING: &[Kind] = &[Kind::Gathering];
pub const ACTION: &[Kind] = &[Kind::Action];
pub const RED_TACTIC: &[Kind] = &[Kind::RedTactic];
pub const RED_TARGET: &[Kind] = &[Kind::District, Kind::Facility, Kind::Agency];

/// Checks ids written outside the scenario (in a commands file, a plan) against what it
/// defines: each unknown one is reported at its span with "did you mean". `context` names the
/// field that holds it ("`unit`").
pub fn references<'i>(
    scenario: &Scenario,
    ids: impl IntoIterator<Item = (&'i Id, &'static [Kind], Message)>,
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
    checker.check_zones();
    checker.check_supplies_and_facilities();
    checker.check_agencies_and_teams();
    checker.check_resources();
    checker.check_measures_and_public();
    checker.check_reporting();
    checker.check_gatherings();
    checker.check_injects();
    checker.check_actions();
    checker.check_red();
    checker.check_red_has_means();
    checker.check_feed();
    checker.check_objectives();
    checker.check_limits();
    checker.check_proportion();
    checker.out
}

struct Checker<'a> {
    s: &'a Scenario,
    broken: &'a BTreeSet<String>,
    defs: BTreeMap<(u8, String), (Kind, Span)>,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, span: Span, message: Message) -> &mut Diagnostic {
        self.out.push(Diagnostic::error(span, message));
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Span, message: Message) -> &mut Diagnostic {
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
                msg!("v-id-used-twice", kind = kind.noun(), name = name)
            } else {
                msg!(
                    "v-id-shared",
                    name = name,
                    first = first_kind.with_article(),
                    second = kind.with_article()
                )
            };
            self.error(span, message)
                .related
                .push((first_span, msg!("v-first-defined-here")));
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
    fn refer(&mut self, id: &Id, kinds: &[Kind], context: &Message) -> bool {
        if self.kind_of(&id.name, kinds).is_some() {
            return true;
        }
        if self.broken.contains(&id.name) {
            return false;
        }
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
            Some(kind) => msg!(
                "v-id-of-another-kind",
                context = context.clone(),
                id = id,
                kind = kind.with_article(),
                wanted = Kind::either(kinds, true)
            ),
            None => msg!(
                "v-no-such-id",
                context = context.clone(),
                wanted = Kind::either(kinds, false),
                id = id
            ),
        };
        let help = match suggest(&id.name, candidates.iter().map(String::as_str)) {
            Some(s) => msg!("did-you-mean", name = s),
            None if candidates.is_empty() => {
                msg!("v-defines-none", wanted = Kind::either(kinds, false))
            }
            None => {
                let shown: Vec<&str> = candidates.iter().take(12).map(String::as_str).collect();
                if candidates.len() > shown.len() {
                    msg!("v-known-and-more", names = shown)
                } else {
                    msg!("v-known", names = shown)
                }
            }
        };
        self.error(id.span, message).set_help(help);
        false
    }

    fn refer_opt(&mut self, id: &Option<Id>, kinds: &[Kind], context: &Message) {
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
        for z in &s.zones {
            self.define(Kind::Zone, &z.id);
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
            // Groups expand to numbered units; those names must not collide either. A group
            // too large to expand is an error of its own (`check_limits`).
            if u64::from(u.count) > rubric::MOST_UNITS {
                self.define(Kind::Unit, &u.id);
                continue;
            }
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
        for t in s.red.iter().flat_map(|r| &r.tactics) {
            self.define(Kind::RedTactic, &t.id);
        }
    }

    fn check_played_in(&mut self) {
        let meta = &self.s.meta;
        if let Some(played_in) = meta.played_in {
            if played_in.get() == 0 {
                self.error(meta.id.span, crate::msg!("v-meta-played-must-longer-than"));
            } else if played_in.get() > meta.duration.get() && meta.duration.get() > 0 {
                self.warning(
                    meta.id.span,
                    crate::msg!(
                        "v-meta-played-exercise-s-would",
                        played_in = played_in.to_string(),
                        duration = meta.duration.to_string()
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
                crate::msg!("v-exercise-duration-must-longer-than"),
            );
        } else if duration > 365 * MINUTES_PER_DAY {
            self.error(
                meta.id.span,
                crate::msg!(
                    "v-exercise-duration-longer-than-year",
                    duration = meta.duration.to_string()
                ),
            );
        }
        if step == 0 || !MINUTES_PER_DAY.is_multiple_of(step) {
            self.error(
                meta.id.span,
                crate::msg!(
                    "v-time-step-must-divide-day",
                    time_step = meta.time_step.to_string()
                ),
            )
            .set_help(crate::msg!("v-time-step-examples"));
        }
        if meta.language == Some(Language::Zh) && !meta.title.chars().any(is_cjk) {
            self.warning(meta.id.span, crate::msg!("v-language-zh-but-title-has"));
        }
    }

    fn check_city(&mut self) {
        let s = self.s;
        if s.city.districts.is_empty() {
            self.error(s.meta.id.span, crate::msg!("v-city-has-no-districts"));
        }
        self.check_age_shares(&s.city.age_shares, &msg!("v-city-age-shares"));
        for d in &s.city.districts {
            if d.population == 0 {
                self.warning(
                    d.id.span,
                    crate::msg!("v-district-has-no-population", id = d.id.to_string()),
                );
            }
            if let Some(shares) = &d.age_shares {
                self.check_age_shares(
                    shares,
                    &crate::msg!("v-district-age-shares", id = d.id.to_string()),
                );
            }
        }
        match &s.city.mobility {
            Mobility::None => {}
            Mobility::Flows(flows) => self.check_flows(flows),
            Mobility::Matrix(rows) => self.check_matrix(rows),
            Mobility::Adjacency(adjacency) => self.check_adjacency(adjacency),
        }
    }

    fn check_age_shares(&mut self, shares: &AgeShares, context: &Message) {
        let total: f64 = AgeBand::ALL.iter().map(|b| shares.get(b)).sum();
        if (total - 1.0).abs() > 0.005 {
            self.error(
                shares.children.span,
                crate::msg!(
                    "v-add-up-children-adults-older",
                    context = context.clone(),
                    total = format!("{:.3}", total)
                ),
            );
        }
    }

    fn check_flows(&mut self, flows: &[Flow]) {
        let mut outgoing: BTreeMap<&str, f64> = BTreeMap::new();
        let mut seen: BTreeMap<(&str, &str), Span> = BTreeMap::new();
        for flow in flows {
            let context = crate::msg!(
                "v-mobility-flow",
                from = flow.from.to_string(),
                to = flow.to.to_string()
            );
            let known = self.refer(&flow.from, DISTRICT, &context)
                & self.refer(&flow.to, DISTRICT, &context);
            if flow.from == flow.to {
                self.error(
                    flow.to.span,
                    crate::msg!("v-flow-must-go-another-district", context = context.clone()),
                );
            }
            if let Some(first) = seen.insert((flow.from.as_str(), flow.to.as_str()), flow.from.span)
            {
                self.error(
                    flow.from.span,
                    crate::msg!("v-given-twice", context = context.clone()),
                )
                .related
                .push((first, crate::msg!("v-first-given-here")));
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
                self.error(
                    span,
                    crate::msg!(
                        "v-shares-residents-leaving-district-add",
                        from = from.to_string(),
                        total = format!("{:.3}", total)
                    ),
                );
            }
        }
    }

    fn check_matrix(&mut self, rows: &[Vec<f64>]) {
        let n = self.s.city.districts.len();
        let span = self.s.meta.id.span;
        if rows.len() != n {
            self.error(
                span,
                crate::msg!(
                    "v-mobility-matrix-has-rows-but",
                    rows_count = rows.len().to_string(),
                    n = n.to_string()
                ),
            )
            .set_help(crate::msg!("v-give-one-row-per-district"));
            return;
        }
        for (i, row) in rows.iter().enumerate() {
            let district = &self.s.city.districts[i].id;
            if row.len() != n {
                self.error(
                    district.span,
                    crate::msg!(
                        "v-mobility-matrix-row-district-has",
                        row = (i + 1).to_string(),
                        district = district.to_string(),
                        row_count = row.len().to_string(),
                        n = n.to_string()
                    ),
                );
            } else if row.iter().any(|v| !(0.0..=1.0).contains(v)) {
                self.error(
                    district.span,
                    crate::msg!(
                        "v-mobility-matrix-row-district-has-2",
                        row = (i + 1).to_string(),
                        district = district.to_string()
                    ),
                );
            } else {
                let sum: f64 = row.iter().sum();
                if (sum - 1.0).abs() > 1e-3 {
                    self.error(
                        district.span,
                        crate::msg!(
                            "v-mobility-matrix-row-district-sums",
                            row = (i + 1).to_string(),
                            district = district.to_string(),
                            sum = format!("{:.4}", sum)
                        ),
                    );
                }
            }
        }
    }

    fn check_adjacency(&mut self, adjacency: &Adjacency) {
        let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
        for (a, b) in &adjacency.links {
            let context = crate::msg!("v-mobility-link", a = a.to_string(), b = b.to_string());
            self.refer(a, DISTRICT, &context);
            self.refer(b, DISTRICT, &context);
            if a == b {
                self.error(
                    b.span,
                    crate::msg!("v-district-cannot-linked-itself", context = context.clone()),
                );
            }
            *degree.entry(a.as_str()).or_default() += 1;
            *degree.entry(b.as_str()).or_default() += 1;
        }
        if let Some((district, &links)) = degree.iter().max_by_key(|(_, n)| **n)
            && links as f64 * adjacency.share.get() > 1.0
        {
            let span = self.s.meta.id.span;
            self.error(
                span,
                crate::msg!(
                    "v-district-has-links-at-share",
                    district = district.to_string(),
                    links = links.to_string(),
                    share = adjacency.share.get().to_string()
                ),
            );
        }
    }

    fn check_pathogen(&mut self) {
        let p = &self.s.pathogen;
        let span = self.s.meta.id.span;
        match (&p.r0, &p.transmission_rate) {
            (None, None) => {
                self.error(
                    span,
                    crate::msg!(
                        "v-pathogen-needs-r0-transmission-rate",
                        name = p.name.to_string()
                    ),
                )
                .set_help(crate::msg!("v-r0-2-5-for-covid"));
            }
            (Some(_), Some(_)) => {
                self.error(
                    span,
                    crate::msg!(
                        "v-pathogen-gives-both-r0-transmission",
                        name = p.name.to_string()
                    ),
                );
            }
            (Some(r0), None) if r0.get() > 20.0 => {
                self.warning(
                    span,
                    crate::msg!("v-r0-higher-than-any-known", r0 = r0.get().to_string()),
                );
            }
            _ => {}
        }
        let mut bands: BTreeMap<usize, Span> = BTreeMap::new();
        for severity in &p.severity {
            if let Some(first) = bands.insert(severity.band.value.index(), severity.band.span) {
                self.error(
                    severity.band.span,
                    crate::msg!(
                        "v-pathogen-severity-given-twice",
                        value = format!("{:?}", severity.band.value)
                    ),
                )
                .related
                .push((first, crate::msg!("v-first-given-here")));
            }
        }
        if self.s.surveillance.worried_well_per_100k < 0.0 {
            self.error(span, crate::msg!("v-surveillance-worried-well-per-100k"));
        }
        let sizes = std::iter::once(self.s.city.household_size.get()).chain(
            self.s
                .city
                .districts
                .iter()
                .filter_map(|d| d.household_size.map(|s| s.get())),
        );
        if sizes.into_iter().any(|size| size < 1.0) {
            self.error(span, crate::msg!("v-household-size"));
        }
        let secondary = self.s.surveillance.secondary_contacts_per_contact;
        if !(secondary.is_finite() && secondary >= 0.0) {
            self.error(span, crate::msg!("v-surveillance-secondary-contacts"));
        }
        for days in [
            self.s.surveillance.pcr_days_before_infectious,
            self.s.surveillance.pcr_days_after_infectious,
        ] {
            if !(0.0..=60.0).contains(&days) {
                self.error(span, crate::msg!("v-surveillance-pcr-days"));
            }
        }
        if let Some(treatment) = &p.treatment {
            self.refer(
                &treatment.supply,
                SUPPLY,
                &crate::msg!("v-pathogen-treatment"),
            );
        }
        let surveillance = &self.s.surveillance;
        self.refer_opt(
            &surveillance.test_kit,
            SUPPLY,
            &crate::msg!("v-surveillance-test-kit"),
        );
        let has_sites = self
            .s
            .facilities
            .iter()
            .any(|f| f.kind == FacilityKind::QuarantineSite);
        if surveillance.quarantine_at == Some(QuarantinePlace::Sites) && !has_sites {
            self.warning(
                span,
                crate::msg!("v-surveillance-quarantine-sites-but-scenario"),
            )
            .set_help(crate::msg!("v-add-facility-kind-quarantinesite-write"));
        }
        if p.latent_days.get() > 30.0 || p.infectious_days.get() > 60.0 {
            self.warning(
                span,
                crate::msg!(
                    "v-pathogen-has-unusually-long-latent",
                    name = p.name.to_string()
                ),
            );
        }
    }

    fn check_cases(&mut self) {
        let s = self.s;
        for case in &s.initial_cases {
            let context = crate::msg!("v-initial-cases");
            if let Some(population) = self.refer_population(&case.district, &context)
                && u64::from(case.count) > population
            {
                self.error(
                    case.district.span,
                    crate::msg!(
                        "v-initial-cases-are-more-than",
                        count = case.count.to_string(),
                        district = case.district.to_string(),
                        population = population.to_string()
                    ),
                );
            }
            if case.at.minutes() > s.meta.duration.get() {
                self.error(
                    case.district.span,
                    crate::msg!(
                        "v-initial-cases-at-appear-after",
                        at = case.at.to_string(),
                        duration = s.meta.duration.to_string()
                    ),
                );
            }
        }
        let seeded_by_inject = s
            .injects
            .iter()
            .any(|i| i.effects.iter().any(|e| matches!(e, Effect::NewCases(_))));
        if s.initial_cases.is_empty() && !seeded_by_inject {
            self.warning(s.meta.id.span, crate::msg!("v-no-initial-cases-no-inject"));
        }
    }

    /// A zone lies in a district and holds fewer people than it (with its other zones).
    fn check_zones(&mut self) {
        let s = self.s;
        let mut zoned: BTreeMap<&str, u64> = BTreeMap::new();
        for zone in &s.zones {
            if !self.refer(
                &zone.district,
                DISTRICT,
                &crate::msg!("v-zone", zone = zone.id.to_string()),
            ) {
                continue;
            }
            if zone.population == 0 {
                self.error(
                    zone.id.span,
                    crate::msg!("v-zone-empty", zone = zone.id.to_string()),
                );
            }
            let Some(district) = s.district(zone.district.as_str()) else {
                continue;
            };
            let total = zoned.entry(zone.district.as_str()).or_default();
            *total += u64::from(zone.population);
            if *total >= district.population {
                self.error(
                    zone.id.span,
                    crate::msg!(
                        "v-zones-outnumber-district",
                        district = zone.district.to_string(),
                        zoned = total.to_string(),
                        population = district.population.to_string()
                    ),
                );
            }
        }
    }

    fn check_supplies_and_facilities(&mut self) {
        let s = self.s;
        for supply in &s.supplies {
            let context = crate::msg!("v-supply", id = supply.id.to_string());
            for resupply in &supply.resupply {
                self.refer(&resupply.to, FACILITY, &context);
                if resupply.every.get() == 0 {
                    self.error(
                        resupply.to.span,
                        crate::msg!(
                            "v-resupply-every-must-longer-than",
                            context = context.clone()
                        ),
                    );
                }
                if resupply.quantity == 0 {
                    self.warning(
                        resupply.to.span,
                        crate::msg!("v-resupply-0-delivers-nothing", context = context.clone()),
                    );
                }
            }
        }
        for f in &s.facilities {
            let context = crate::msg!("v-facility", id = f.id.to_string());
            self.refer(&f.district, DISTRICT, &context);
            self.refer_opt(&f.operator, AGENCY, &context);
            for item in f.stock.keys() {
                self.refer(item, SUPPLY, &context);
            }
            let missing = match f.kind {
                FacilityKind::Hospital if f.beds == 0 && f.icu_beds == 0 => {
                    Some(crate::msg!("v-hospital-needs-beds"))
                }
                FacilityKind::QuarantineSite if f.beds == 0 => {
                    Some(crate::msg!("v-quarantine-site-needs-beds"))
                }
                FacilityKind::FeverClinic | FacilityKind::TestingSite if f.daily_capacity == 0 => {
                    Some(crate::msg!("v-clinic-needs-capacity"))
                }
                _ => None,
            };
            if let Some(problem) = missing {
                self.error(
                    f.id.span,
                    crate::msg!(
                        "v-has-no-capacity",
                        context = context.clone(),
                        problem = problem
                    ),
                );
            }
            if f.designated && f.kind != FacilityKind::Hospital {
                self.error(
                    f.id.span,
                    crate::msg!("v-designated-not-a-hospital", context = context.clone()),
                );
            }
            self.check_place(f, &context);
        }
        self.check_place_people();
    }

    /// A place with people: its day, its homes and its people's ages.
    fn check_place(&mut self, f: &Facility, context: &Message) {
        if f.hours_per_day.get() > 24.0 {
            self.error(
                f.id.span,
                crate::msg!(
                    "v-hours-per-day-more-than",
                    context = context.clone(),
                    hours_per_day = f.hours_per_day.get().to_string()
                ),
            );
        }
        if f.people == 0 {
            if !f.homes.is_empty() {
                self.warning(
                    f.homes[0].district.span,
                    crate::msg!("v-homes-has-no-effect-without", context = context.clone()),
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
                crate::msg!(
                    "v-shares-homes-add-up-not",
                    context = context.clone(),
                    total = format!("{:.3}", total)
                ),
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
                    crate::msg!(
                        "v-places-whose-people-live-hold",
                        district = district.to_string(),
                        people = format!("{:.0}", people),
                        population = d.population.to_string()
                    ),
                )
                .set_help(crate::msg!("v-place-s-people-are-counted"));
            }
        }
    }

    fn check_agencies_and_teams(&mut self) {
        let s = self.s;
        for a in &s.agencies {
            let context = crate::msg!("v-agency", id = a.id.to_string());
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
                            self.error(
                                up.span,
                                crate::msg!(
                                    "v-chain-command-reports-loops-back",
                                    context = context.clone(),
                                    members = members.to_string(),
                                    id = a.id.to_string()
                                ),
                            );
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
                crate::msg!("v-scenario-has-no-teams-nobody"),
            );
        } else if !s.teams.iter().any(|t| t.role == TeamRole::Blue) {
            self.error(s.meta.id.span, crate::msg!("v-scenario-has-no-blue-team"));
        }
        let mut played_by: BTreeMap<&str, &Id> = BTreeMap::new();
        for t in &s.teams {
            let context = crate::msg!("v-team", id = t.id.to_string());
            if t.role == TeamRole::Blue && t.agencies.is_empty() {
                self.error(
                    t.id.span,
                    crate::msg!("v-plays-no-agency", context = context.clone()),
                )
                .set_help(crate::msg!("v-list-agencies-it-plays"));
            }
            for agency in &t.agencies {
                if !self.refer(agency, AGENCY, &context) {
                    continue;
                }
                if let Some(other) = played_by.get(agency.as_str()) {
                    let message = if *other == &t.id {
                        crate::msg!(
                            "v-lists-agency-twice",
                            context = context.clone(),
                            agency = agency.to_string()
                        )
                    } else {
                        crate::msg!(
                            "v-agency-played-by-two-teams",
                            agency = agency.to_string(),
                            other = other.to_string(),
                            id = t.id.to_string()
                        )
                    };
                    let first = other.span;
                    self.error(agency.span, message)
                        .related
                        .push((first, crate::msg!("v-first-team")));
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
                        crate::msg!(
                            "v-agency-marked-simulated-played-by",
                            id = a.id.to_string(),
                            team = team.to_string()
                        ),
                    );
                }
                (false, None) if !s.teams.is_empty() => {
                    self.warning(
                        a.id.span,
                        crate::msg!("v-agency-played-by-no-team", id = a.id.to_string()),
                    )
                    .set_help(crate::msg!("v-say-simulated"));
                }
                _ => {}
            }
            if let Some(j) = &a.jurisdiction {
                let context = crate::msg!("v-agency-jurisdiction", id = a.id.to_string());
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
                        crate::msg!(
                            "v-agency-has-jurisdiction-that-covers",
                            id = a.id.to_string()
                        ),
                    )
                    .set_help(crate::msg!("v-leave-jurisdiction-out-for-whole"));
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
            let context = crate::msg!("v-resource-type", id = r.id.to_string());
            if r.capacity == 0 {
                self.error(
                    r.id.span,
                    crate::msg!("v-has-capacity-0-units-can", context = context.clone()),
                );
            }
            if r.shift.get() == 0 {
                self.error(
                    r.id.span,
                    crate::msg!("v-has-shift-0m", context = context.clone()),
                );
            }
            if let Some(supply) = &r.consumes
                && self.refer(supply, SUPPLY, &context)
                && !stocked.contains(supply.as_str())
            {
                self.warning(
                    supply.span,
                    crate::msg!(
                        "v-uses-which-no-facility-stocks",
                        context = context.clone(),
                        supply = supply.to_string()
                    ),
                );
            }
        }
        for u in &s.units {
            let context = crate::msg!("v-unit", id = u.id.to_string());
            self.refer(&u.resource, &[Kind::ResourceType], &context);
            self.refer(&u.agency, AGENCY, &context);
            self.refer(&u.base, PLACE, &context);
            if u.count == 0 {
                self.error(
                    u.id.span,
                    crate::msg!("v-has-count-0", context = context.clone()),
                );
            }
            if u.people == 0 {
                self.error(
                    u.id.span,
                    crate::msg!("v-stands-for-0-people", context = context.clone()),
                );
            }
        }
    }

    fn check_measures_and_public(&mut self) {
        let s = self.s;
        for agency in &s.measures.ordered_by {
            self.refer(agency, AGENCY, &crate::msg!("v-measures-ordered-by"));
        }
        let (enhanced, closed) = (&s.measures.enhanced, &s.measures.closed);
        let span = s.meta.id.span;
        for (name, effect) in [("enhanced", enhanced), ("closed", closed)] {
            if effect
                .daily_cost_per_resident
                .is_some_and(|cost| cost < 0.0)
            {
                self.error(
                    span,
                    crate::msg!(
                        "v-measures-daily-cost-per-resident",
                        name = name.to_string()
                    ),
                );
            }
        }
        if closed.contact_factor > enhanced.contact_factor
            || closed.mobility_factor > enhanced.mobility_factor
        {
            self.warning(span, crate::msg!("v-measures-closed-lets-more-contact"));
        }
        if s.public.compliance_at_zero_trust > s.public.compliance_at_full_trust {
            self.warning(span, crate::msg!("v-public-compliance-higher-at-zero"));
        }
    }

    fn check_reporting(&mut self) {
        for rule in &self.s.reporting {
            let context = crate::msg!("v-reporting-rule", id = rule.id.to_string());
            self.refer(&rule.from, AGENCY, &context);
            self.refer(&rule.to, AGENCY, &context);
            if rule.from == rule.to {
                self.error(
                    rule.to.span,
                    crate::msg!("v-agency-cannot-report-itself", context = context.clone()),
                );
            }
            if rule.within.get() == 0 {
                self.error(
                    rule.id.span,
                    crate::msg!("v-within-must-longer-than-0m", context = context.clone()),
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
            let context = crate::msg!("v-mass-gathering", id = g.id.to_string());
            self.refer(&g.place, PLACE, &context);
            if g.start.minutes() >= duration.get() && duration.get() > 0 {
                self.error(
                    g.id.span,
                    crate::msg!(
                        "v-starts-at-when-exercise-over",
                        context = context.clone(),
                        start = g.start.to_string(),
                        duration = duration.to_string()
                    ),
                );
            }
            if g.duration.get() == 0 {
                self.error(
                    g.id.span,
                    crate::msg!("v-must-last-longer-than-0m", context = context.clone()),
                );
            }
            if g.attendees == 0 {
                self.warning(
                    g.id.span,
                    crate::msg!("v-has-no-attendees", context = context.clone()),
                );
            }
            let mut known = true;
            for origin in &g.from {
                known &= self.refer(&origin.district, DISTRICT, &context);
            }
            let total: f64 = g.from.iter().map(|o| o.share.get()).sum();
            if known && !g.from.is_empty() && (total - 1.0).abs() > 0.005 {
                self.error(
                    g.from[0].district.span,
                    crate::msg!(
                        "v-shares-attendees-by-district-add",
                        context = context.clone(),
                        total = format!("{:.3}", total)
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
                    self.error(
                        g.id.span,
                        crate::msg!(
                            "v-cannot-negative",
                            context = context.clone(),
                            name = name.to_string()
                        ),
                    );
                }
            }
            if !(-1.0..=1.0).contains(&g.cancel_trust) {
                self.error(
                    g.id.span,
                    crate::msg!(
                        "v-cancel-trust-must-between-1",
                        context = context.clone(),
                        cancel_trust = g.cancel_trust.to_string()
                    ),
                );
            }
        }
    }

    fn check_injects(&mut self) {
        let s = self.s;
        let duration = s.meta.duration;
        for inject in &s.injects {
            let context = crate::msg!("v-inject", id = inject.id.to_string());
            match &inject.trigger {
                // With no duration at all that one problem is reported, not every inject.
                Trigger::At(at) if at.minutes() > duration.get() && duration.get() > 0 => {
                    self.error(
                        inject.id.span,
                        crate::msg!(
                            "v-fires-at-after-exercise-ends",
                            context = context.clone(),
                            at = at.to_string(),
                            duration = duration.to_string()
                        ),
                    );
                }
                Trigger::At(_) => {}
                Trigger::When(condition) => self.check_condition(condition, &context),
            }
            if let Some(condition) = &inject.only_if {
                self.check_condition(
                    condition,
                    &crate::msg!("v-only-if", context = context.clone()),
                );
            }
            if let Recipients::Listed(to) = &inject.to {
                if to.is_empty() {
                    self.error(
                        inject.id.span,
                        crate::msg!("v-addressed-nobody", context = context.clone()),
                    )
                    .set_help(crate::msg!("v-list-recipients"));
                }
                for party in to {
                    self.refer(party, PARTY, &context);
                }
            }
            if inject.message.trim().is_empty() {
                self.warning(
                    inject.id.span,
                    crate::msg!("v-has-no-message-text", context = context.clone()),
                );
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
    fn refer_population(&mut self, id: &Id, context: &Message) -> Option<u64> {
        if !self.refer(id, POPULATION, context) {
            return None;
        }
        if let Some(d) = self.s.district(id.as_str()) {
            return Some(d.population);
        }
        if let Some(zone) = self.s.zones.iter().find(|z| z.id.as_str() == id.as_str()) {
            return Some(u64::from(zone.population));
        }
        let facility = self.s.facility(id.as_str())?;
        if facility.people == 0 {
            self.error(
                id.span,
                crate::msg!(
                    "v-facility-has-no-people-cases",
                    context = context.clone(),
                    id = id.to_string()
                ),
            );
            return None;
        }
        Some(u64::from(facility.people))
    }

    fn check_effect(&mut self, effect: &Effect, context: &Message) {
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
                        crate::msg!(
                            "v-new-cases-exceed-population",
                            context = context.clone(),
                            count = e.count.to_string(),
                            district = e.district.to_string(),
                            population = population.to_string()
                        ),
                    );
                }
            }
            Effect::Contacts(e) => {
                let population = self.refer_population(&e.district, context);
                if let Some(population) = population.filter(|&p| u64::from(e.count) > p) {
                    self.error(
                        e.district.span,
                        crate::msg!(
                            "v-contacts-exceed-population",
                            context = context.clone(),
                            count = e.count.to_string(),
                            district = e.district.to_string(),
                            population = population.to_string()
                        ),
                    );
                }
            }
            Effect::RoadClosure(e) => {
                self.refer(&e.district, DISTRICT, context);
                if e.duration.get() == 0 {
                    self.error(
                        e.district.span,
                        crate::msg!("v-road-closure-must-last-longer", context = context.clone()),
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
                        crate::msg!(
                            "v-trust-change-must-between-1",
                            context = context.clone(),
                            change = e.change.to_string()
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
                    self.warning(
                        e.district.span,
                        crate::msg!(
                            "v-gathering-larger-than-population",
                            context = context.clone(),
                            people = e.people.to_string(),
                            district = e.district.to_string(),
                            population = population.to_string()
                        ),
                    );
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
                        crate::msg!("v-unitsout-names-no-unit", context = context.clone()),
                    );
                }
                if e.duration.is_some_and(|d| d.get() == 0) {
                    self.error(
                        s.meta.id.span,
                        crate::msg!("v-units-out-service-for-0m", context = context.clone()),
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
                        crate::msg!(
                            "v-contact-change-0m-changes-nothing",
                            context = context.clone()
                        ),
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
                        crate::msg!(
                            "v-stock-moved-from-itself",
                            context = context.clone(),
                            to = e.to.to_string()
                        ),
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
                        crate::msg!(
                            "v-cost-cannot-negative-found",
                            context = context.clone(),
                            amount = amount.to_string()
                        ),
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
            Effect::CarePolicy(_) => {}
        }
    }

    /// A unit's id, or a group's (all its units).
    fn refer_unit_or_group(&mut self, id: &Id, context: &Message) {
        if self.s.units.iter().any(|g| g.id == *id) {
            return;
        }
        self.refer(id, UNIT, context);
    }

    /// A decision point: its teams, options, default and rule.
    fn check_decision(&mut self, inject: &Inject, decision: &DecisionPoint, context: &Message) {
        let context = crate::msg!("v-decision", context = context.clone());
        for team in &decision.teams {
            if self.refer(team, TEAM, &context) && !self.reaches(inject, team.as_str()) {
                self.warning(
                    team.span,
                    crate::msg!(
                        "v-team-must-decide-but-does",
                        context = context.clone(),
                        team = team.to_string()
                    ),
                );
            }
        }
        if decision.options.is_empty() {
            self.error(
                inject.id.span,
                crate::msg!("v-has-no-options", context = context.clone()),
            );
            return;
        }
        if decision.options.len() == 1 {
            self.warning(
                decision.options[0].id.span,
                crate::msg!("v-has-one-option-there-nothing", context = context.clone()),
            );
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for option in &decision.options {
            if let Some(first) = seen.insert(option.id.as_str(), option.id.span) {
                self.error(
                    option.id.span,
                    crate::msg!(
                        "v-option-given-twice",
                        context = context.clone(),
                        id = option.id.to_string()
                    ),
                )
                .related
                .push((first, crate::msg!("v-first-given-here")));
            }
            let option_context = crate::msg!(
                "v-option",
                context = context.clone(),
                id = option.id.to_string()
            );
            for effect in &option.effects {
                self.check_effect(effect, &option_context);
            }
        }
        if decision.option(decision.default.as_str()).is_none() {
            let ids: Vec<&str> = decision.options.iter().map(|o| o.id.as_str()).collect();
            let help = match suggest(decision.default.as_str(), ids.iter().copied()) {
                Some(s) => crate::msg!("did-you-mean", name = s),
                None => crate::msg!("v-options", options = ids.clone()),
            };
            self.error(
                decision.default.span,
                crate::msg!(
                    "v-default-not-one-options",
                    context = context.clone(),
                    default = decision.default.to_string()
                ),
            )
            .set_help(help);
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
                    crate::msg!(
                        "v-lead-team-not-one-teams",
                        context = context.clone(),
                        lead = lead.to_string()
                    ),
                );
            }
        }
        if decision.within.get() == 0 {
            self.error(
                inject.id.span,
                crate::msg!("v-within-must-longer-than-0m", context = context.clone()),
            );
        }
        if let Trigger::At(at) = &inject.trigger {
            let due = at.minutes().saturating_add(decision.within.get());
            let end = self.s.meta.duration.get();
            if due > end && end > 0 {
                self.warning(
                    inject.id.span,
                    crate::msg!(
                        "v-deadline-after-exercise-ends-unanswered",
                        context = context.clone(),
                        due = crate::i18n::Arg::Duration(due)
                    ),
                );
            }
        }
    }

    /// Scenario-defined actions: who may take them, their cost, limits, precondition and effects.
    fn check_actions(&mut self) {
        let s = self.s;
        for action in &s.actions {
            let context = crate::msg!("v-action", id = action.id.to_string());
            if action.by.is_empty() {
                self.error(
                    action.id.span,
                    crate::msg!("v-can-taken-by-nobody", context = context.clone()),
                )
                .set_help(crate::msg!("v-list-agencies-teams-that-may"));
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
                    crate::msg!("v-no-team-plays-agencies-that", context = context.clone()),
                );
            }
            if action.cost < 0.0 {
                self.error(
                    action.id.span,
                    crate::msg!("v-cost-cannot-negative", context = context.clone()),
                );
            }
            if action.times == Some(0) {
                self.error(
                    action.id.span,
                    crate::msg!("v-may-taken-0-times", context = context.clone()),
                );
            }
            if let Some(condition) = &action.requires {
                self.check_condition(
                    condition,
                    &crate::msg!("v-requires", context = context.clone()),
                );
            }
            if action.effects.is_empty() && action.cost == 0.0 {
                self.warning(
                    action.id.span,
                    crate::msg!("v-has-no-effect-no-cost", context = context.clone()),
                );
            }
            for effect in &action.effects {
                self.check_effect(effect, &context);
            }
        }
    }

    /// The feed: accounts declared once, stances between -1 and 1, templates that fill in only
    /// what a post knows and that some account writes.
    fn check_feed(&mut self) {
        let s = self.s;
        let feed = &s.feed;
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for account in &feed.accounts {
            if !seen.insert(account.id.as_str()) {
                self.error(
                    account.id.span,
                    crate::msg!("v-feed-account-twice", id = account.id.to_string()),
                );
            }
            if !(-1.0..=1.0).contains(&account.stance) {
                self.error(
                    account.id.span,
                    crate::msg!(
                        "v-feed-stance",
                        id = account.id.to_string(),
                        stance = account.stance.to_string()
                    ),
                );
            }
        }
        let shared = if feed.shared {
            super::shared_feed(s.meta.language.unwrap_or(crate::i18n::Language::En)).accounts
        } else {
            Vec::new()
        };
        for template in &feed.templates {
            let text = &template.text.value;
            let mut rest = text.as_str();
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}') else {
                    break;
                };
                let name = &rest[open + 1..open + close];
                if !super::model::POST_PLACEHOLDERS.contains(&name) {
                    self.error(
                        template.text.span,
                        crate::msg!("v-feed-placeholder", placeholder = name),
                    )
                    .set_help(crate::msg!(
                        "v-feed-placeholders",
                        known = super::model::POST_PLACEHOLDERS.join(", ")
                    ));
                }
                rest = &rest[open + close + 1..];
            }
            if !feed
                .accounts
                .iter()
                .chain(&shared)
                .any(|a| a.kind == template.by)
            {
                self.warning(
                    template.text.span,
                    crate::msg!("v-feed-no-account", kind = format!("{:?}", template.by)),
                );
            }
        }
    }

    /// The red cell: a team to play it, a budget, tactics it can afford.
    fn check_red(&mut self) {
        let s = self.s;
        let Some(red) = &s.red else {
            return;
        };
        let first_span = red.tactics.first().map(|t| t.id.span);
        if !s.teams.iter().any(|t| t.role == TeamRole::Red)
            && let Some(span) = first_span
        {
            self.error(span, crate::msg!("v-red-without-team"))
                .set_help(crate::msg!("v-red-add-team"));
        }
        if (!red.budget.is_finite() || red.budget < 0.0)
            && let Some(span) = first_span
        {
            self.error(
                span,
                crate::msg!("v-red-budget-negative", amount = red.budget.to_string()),
            );
        }
        for tactic in &red.tactics {
            let context = crate::msg!("v-red-tactic", id = tactic.id.to_string());
            if !tactic.cost.is_finite() || tactic.cost < 0.0 {
                self.error(
                    tactic.id.span,
                    crate::msg!("v-cost-cannot-negative", context = context.clone()),
                );
            } else if tactic.cost > red.budget {
                self.warning(
                    tactic.id.span,
                    crate::msg!(
                        "v-red-tactic-beyond-budget",
                        context = context.clone(),
                        cost = tactic.cost.to_string(),
                        budget = red.budget.to_string()
                    ),
                );
            }
            if let RedEffect::Disrupt(d) = &tactic.does
                && d.duration.get() == 0
            {
                self.error(
                    tactic.id.span,
                    crate::msg!("v-red-disrupt-no-time", context = context.clone()),
                );
            }
        }
    }

    fn check_condition(&mut self, condition: &Condition, context: &Message) {
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
                        crate::msg!(
                            "v-deadline-after-exercise-ends",
                            context = context.clone(),
                            by = not_done.by.to_string(),
                            duration = duration.to_string()
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
                        crate::msg!("v-all-any-needs-at-least", context = context.clone()),
                    );
                }
                for part in parts {
                    self.check_condition(part, context);
                }
            }
        }
    }

    fn check_action(&mut self, action: &ActionCheck, context: &Message) {
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
                        .map_or(crate::msg!("v-no-team"), |t| {
                            crate::msg!("v-team", id = t.id.to_string())
                        });
                    self.error(
                        from.span,
                        crate::msg!(
                            "v-requests-for-help-go-teams",
                            context = context.clone(),
                            from = from.to_string(),
                            team = team
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
    fn refer_decision(&mut self, decision: &Id, option: Option<&Id>, context: &Message) {
        if !self.refer(decision, &[Kind::Inject], context) {
            return;
        }
        let Some((_, point)) = self.s.decision(decision.as_str()) else {
            self.error(
                decision.span,
                crate::msg!(
                    "v-inject-puts-no-decision-has",
                    context = context.clone(),
                    decision = decision.to_string()
                ),
            );
            return;
        };
        if let Some(option) = option
            && point.option(option.as_str()).is_none()
        {
            let ids: Vec<&str> = point.options.iter().map(|o| o.id.as_str()).collect();
            let help = match suggest(option.as_str(), ids.iter().copied()) {
                Some(s) => crate::msg!("did-you-mean", name = s),
                None => crate::msg!("v-options", options = ids.clone()),
            };
            self.error(
                option.span,
                crate::msg!(
                    "v-decision-has-no-option",
                    context = context.clone(),
                    decision = decision.to_string(),
                    option = option.to_string()
                ),
            )
            .set_help(help);
        }
    }

    fn check_expectation(&mut self, inject: &Inject, expectation: &Expectation, context: &Message) {
        if let Some(check) = &expectation.check {
            self.check_action(check, context);
        }
        if expectation.within.get() == 0 {
            self.error(
                inject.id.span,
                crate::msg!(
                    "v-expected-action-has-within-0m",
                    context = context.clone(),
                    text = expectation.text.to_string()
                ),
            );
        }
        if let Some(team) = &expectation.team
            && self.refer(team, TEAM, context)
            && !self.reaches(inject, team.as_str())
        {
            self.warning(
                team.span,
                crate::msg!(
                    "v-team-expected-act-but-does",
                    context = context.clone(),
                    team = team.to_string()
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
                        self.error(
                            inject.id.span,
                            crate::msg!(
                                "v-inject-waits-for-itself-through",
                                start = start.to_string()
                            ),
                        );
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
            let context = crate::msg!("v-objective", id = o.id.to_string());
            for team in &o.teams {
                if self.refer(team, TEAM, &context)
                    && s.team(team.as_str())
                        .is_some_and(|t| t.role == TeamRole::Red)
                {
                    self.warning(
                        team.span,
                        crate::msg!(
                            "v-scores-red-cell",
                            context = context.clone(),
                            team = team.to_string()
                        ),
                    );
                }
            }
            if o.kpis.is_empty() && !o.evaluator_rated {
                self.error(
                    o.id.span,
                    crate::msg!("v-cannot-scored-has-no-kpis", context = context.clone()),
                )
                .set_help(crate::msg!("v-add-kpi-set-evaluator-rated"));
            }
            for kpi in &o.kpis {
                self.refer_opt(&kpi.district, DISTRICT, &context);
                self.check_infections_target(kpi, &context);
                let target = kpi.target.value;
                let span = kpi.target.span;
                match kpi.metric.scale() {
                    MetricScale::Share if !(0.0..=1.0).contains(&target) => {
                        let hint = if (1.0..=100.0).contains(&target) {
                            crate::msg!(
                                "v-for-write",
                                target = target.to_string(),
                                share = (target / 100.0).to_string()
                            )
                        } else {
                            Message::default()
                        };
                        self.error(
                            span,
                            crate::msg!(
                                "v-target-share-between-0-1",
                                context = context.clone(),
                                metric = format!("{:?}", kpi.metric),
                                target = target.to_string(),
                                hint = hint
                            ),
                        );
                    }
                    _ if target < 0.0 => {
                        self.error(
                            span,
                            crate::msg!(
                                "v-target-cannot-negative",
                                context = context.clone(),
                                metric = format!("{:?}", kpi.metric)
                            ),
                        );
                    }
                    _ => {}
                }
                let nothing_to_measure = match kpi.metric {
                    Metric::ContactsQuarantinedWithin24h | Metric::CasesIsolatedWithin24h
                        if s.meta.duration.get() < MINUTES_PER_DAY =>
                    {
                        Some(crate::msg!("v-shorter-than-24h"))
                    }
                    Metric::ContactsQuarantinedWithin24h | Metric::CasesAmongKnownContacts
                        if !has_role(&o.teams, UnitRole::Tracing) =>
                    {
                        Some(crate::msg!("v-no-tracing-units"))
                    }
                    Metric::ReportsOnTime if s.reporting.is_empty() => {
                        Some(crate::msg!("v-no-reporting-rules"))
                    }
                    Metric::AidRequestsAnswered | Metric::AidResponseMinutes if blue_teams < 2 => {
                        Some(crate::msg!("v-single-team"))
                    }
                    Metric::StockOuts if s.supplies.is_empty() => {
                        Some(crate::msg!("v-no-supplies"))
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
                        Some(crate::msg!("v-no-scored-decision"))
                    }
                    _ => None,
                };
                if let Some(reason) = nothing_to_measure {
                    self.warning(
                        span,
                        crate::msg!(
                            "v-has-nothing-measure",
                            context = context.clone(),
                            metric = format!("{:?}", kpi.metric),
                            reason = reason
                        ),
                    );
                }
            }
        }
    }
}

/// "an agency", "a district": the noun with its indefinite article.
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

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}
