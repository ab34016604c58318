//! Checks that guard the rubric and the numbers a typo makes: a KPI target below what the
//! scenario itself seeds, a red team with no tactics, panic buying with no market to buy out,
//! and capacities beyond any real facility's.

use super::Checker;
use crate::i18n::Message;
use crate::scenario::{Effect, FacilityKind, Metric, RedEffect, TeamRole, Trigger};

/// The most beds of any kind one facility has had: Shanghai's National Exhibition Centre was
/// planned as a makeshift hospital of about 50,000 beds in April 2022
/// (`shared/data/costs-of-measures.md` §4).
pub const MOST_BEDS: u64 = 50_000;
/// The most one facility does in a day: Shanghai's laboratories together could run 8.5 million
/// tubes a day by the end of May 2022 (the same fact sheet, §3).
pub const MOST_DAILY_CAPACITY: u64 = 10_000_000;
/// The most people of one place (a campus, a station, a hospital's patients, staff and
/// visitors): the largest hold some hundreds of thousands.
pub const MOST_PLACE_PEOPLE: u64 = 1_000_000;
/// The most residents of one district: Chongqing, China's most populous municipality, had
/// 32 million at the 2020 census.
pub const MOST_DISTRICT_POPULATION: u64 = 40_000_000;
/// The most units of one group: Shanghai trained over 50,000 sampling assistants in 2022. A
/// unit is simulated one by one, so more would not fit in memory: an error, not a warning.
pub const MOST_UNITS: u64 = 100_000;

impl Checker<'_> {
    /// Opting out of proportion takes a reason the debrief can give.
    pub(super) fn check_proportion(&mut self) {
        if let Some(reason) = &self.s.proportion.opt_out
            && reason.value.trim().is_empty()
        {
            self.error(reason.span, crate::msg!("v-proportion-no-reason"));
        }
    }

    /// Numbers beyond any real facility's, place's or city's: most likely a digit too many.
    pub(super) fn check_limits(&mut self) {
        let s = self.s;
        for d in &s.city.districts {
            let context = crate::msg!("v-district-named", id = d.id.to_string());
            self.beyond(
                d.id.span,
                &context,
                "population",
                d.population,
                MOST_DISTRICT_POPULATION,
            );
        }
        for f in &s.facilities {
            let context = crate::msg!("v-facility", id = f.id.to_string());
            for (field, value) in [
                ("beds", f.beds),
                ("icu_beds", f.icu_beds),
                ("paediatric_beds", f.paediatric_beds),
            ] {
                self.beyond(f.id.span, &context, field, u64::from(value), MOST_BEDS);
            }
            let capacity = u64::from(f.daily_capacity);
            self.beyond(
                f.id.span,
                &context,
                "daily_capacity",
                capacity,
                MOST_DAILY_CAPACITY,
            );
            self.beyond(
                f.id.span,
                &context,
                "people",
                u64::from(f.people),
                MOST_PLACE_PEOPLE,
            );
        }
        for u in &s.units {
            if u64::from(u.count) > MOST_UNITS {
                let context = crate::msg!("v-unit", id = u.id.to_string());
                self.error(
                    u.id.span,
                    crate::msg!(
                        "v-more-units-than-fit",
                        context = context,
                        count = crate::i18n::count(crate::i18n::Language::En, f64::from(u.count)),
                        most = MOST_UNITS.to_string()
                    ),
                );
            }
        }
    }

    fn beyond(
        &mut self,
        span: crate::diagnostic::Span,
        context: &Message,
        field: &str,
        value: u64,
        most: u64,
    ) {
        if value > most {
            self.warning(
                span,
                crate::msg!(
                    "v-more-than-any-real",
                    context = context.clone(),
                    field = field.to_string(),
                    value = value.to_string(),
                    most = most.to_string()
                ),
            )
            .set_help(crate::msg!("v-more-than-any-real-help"));
        }
    }

    /// Infections the scenario seeds whatever the teams do, in a district (or the whole city):
    /// its initial cases, and the cases and infected contacts of injects that fire at a set
    /// time without a condition. Injected contacts count at their expected infected share.
    pub(super) fn scripted_infections(&self, district: Option<&str>) -> f64 {
        let s = self.s;
        let in_scope = |place: &str| match district {
            None => true,
            Some(district) => {
                place == district
                    || s.facility(place)
                        .is_some_and(|f| f.district.as_str() == district)
                    || s.zones
                        .iter()
                        .any(|z| z.id.as_str() == place && z.district.as_str() == district)
            }
        };
        let end = s.meta.duration.get();
        let initial: f64 = s
            .initial_cases
            .iter()
            .filter(|c| c.at.minutes() <= end && in_scope(c.district.as_str()))
            .map(|c| f64::from(c.count))
            .sum();
        let default_share = s.surveillance.contact_infection_share.get();
        let injected: f64 = s
            .injects
            .iter()
            .filter(|i| i.only_if.is_none())
            .filter(|i| matches!(&i.trigger, Trigger::At(at) if at.minutes() <= end))
            .flat_map(|i| i.effects.iter())
            .map(|e| match e {
                Effect::NewCases(c) if in_scope(c.district.as_str()) => f64::from(c.count),
                Effect::Contacts(c) if in_scope(c.district.as_str()) => {
                    f64::from(c.count) * c.infected_share.map_or(default_share, |x| x.get())
                }
                _ => 0.0,
            })
            .sum();
        initial + injected
    }

    /// An infections target no response can meet: below what the scenario itself seeds.
    pub(super) fn check_infections_target(
        &mut self,
        kpi: &crate::scenario::Kpi,
        context: &Message,
    ) {
        if kpi.metric != Metric::Infections {
            return;
        }
        let scripted = self.scripted_infections(kpi.district.as_ref().map(|d| d.as_str()));
        if kpi.target.value < scripted.floor() {
            self.warning(
                kpi.target.span,
                crate::msg!(
                    "v-target-below-scripted",
                    context = context.clone(),
                    target = kpi.target.value.to_string(),
                    scripted = format!("{:.0}", scripted)
                ),
            )
            .set_help(crate::msg!("v-target-below-scripted-help"));
        }
    }

    /// A red team needs the scenario's `red` section (its tactics); panic buying buys out
    /// markets, so a city without one only sees prices rise.
    pub(super) fn check_red_has_means(&mut self) {
        let s = self.s;
        if s.red.is_none() {
            for team in s.teams.iter().filter(|t| t.role == TeamRole::Red) {
                self.warning(
                    team.id.span,
                    crate::msg!("v-red-team-without-tactics", team = team.id.to_string()),
                )
                .set_help(crate::msg!("v-red-add-tactics"));
            }
        }
        let has_market = s.facilities.iter().any(|f| f.kind == FacilityKind::Market);
        let Some(red) = &s.red else {
            return;
        };
        if has_market {
            return;
        }
        for tactic in &red.tactics {
            if matches!(tactic.does, RedEffect::PanicBuying(_)) {
                let context = crate::msg!("v-red-tactic", id = tactic.id.to_string());
                self.warning(
                    tactic.id.span,
                    crate::msg!("v-panic-buying-without-market", context = context),
                );
            }
        }
    }
}
