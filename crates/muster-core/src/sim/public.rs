//! Public trust and order: what the public sees moves its trust in the authorities, and trust
//! moves compliance with measures (`transmission.rs`).
//!
//! Per district and per day, trust falls with unanswered rumours, price gouging, disorder,
//! people turned away at fever clinics and patients waiting for a bed; it falls with the news of
//! newly confirmed cases and deaths (in proportion, up to a daily cap); it rises with support
//! and answers (statements); and it drifts back at `recovery_per_day` towards an anchor: its
//! starting level, lowered day after day by the strain of measures (less as residents are
//! supported, more where no case was ever confirmed) — fatigue that recovers only slowly once
//! the measure is lifted. Cases, deaths and queues are random, so trust differs from seed
//! to seed. Figures marked "illustrative" are this model's, chosen so that a week of each
//! pressure moves trust by a few points; a scenario can tune the main ones in `public`.

use super::units::Offers;
use super::{Audience, EventKind, Exercise};
use crate::scenario::{ControlLevel, Scenario, UnitRole};

/// Trust lost per day per unit of rumour reach, of gouging, of disorder (illustrative).
pub(crate) const RUMOUR_TRUST_PER_DAY: f64 = 0.05;
pub(crate) const GOUGING_TRUST_PER_DAY: f64 = 0.02;
pub(crate) const DISORDER_TRUST_PER_DAY: f64 = 0.02;
/// Trust lost per day when every care-seeker of a district is turned away (illustrative).
pub(crate) const QUEUE_TRUST_PER_DAY: f64 = 0.02;
/// Trust lost per day while patients of a district wait for a bed (illustrative).
pub(crate) const OVERFLOW_TRUST_PER_DAY: f64 = 0.02;
/// The most trust news of new cases and of deaths can take from a district in a day: the
/// public reacts to the news, and a thousand cases are not a hundred times ten (illustrative).
pub(crate) const MAX_CASE_TRUST_PER_DAY: f64 = 0.01;
pub(crate) const MAX_DEATH_TRUST_PER_DAY: f64 = 0.02;
/// Share of a death's effect on trust felt in the rest of the city (illustrative).
pub(crate) const DEATH_ECHO_ELSEWHERE: f64 = 0.2;
/// Trust gained per day when every household that needs it is supported (illustrative).
pub(crate) const SUPPORT_TRUST_PER_DAY: f64 = 0.002;
/// People per household (China's 7th census, 2020: 2.62).
pub(crate) const HOUSEHOLD_SIZE: f64 = 2.62;
/// Share of households needing a delivery per day under enhanced measures and when closed
/// (sealed buildings depend on daily deliveries; illustrative).
pub(crate) const SUPPORT_NEED_ENHANCED: f64 = 0.05;
pub(crate) const SUPPORT_NEED_CLOSED: f64 = 0.2;
/// A statement halves the reach of the rumours it answers, and restores trust in proportion
/// to what it answered; with nothing to answer it still reassures a little (illustrative).
pub(crate) const STATEMENT_RUMOUR_CUT: f64 = 0.5;
pub(crate) const STATEMENT_TRUST_PER_REACH: f64 = 0.02;
pub(crate) const STATEMENT_REASSURANCE: f64 = 0.002;
/// Trust lost per day by fraud calls posing as officials at full strength (illustrative: like
/// an unanswered rumour reaching everyone).
pub(crate) const FRAUD_TRUST_PER_DAY: f64 = 0.05;
/// Share of a fraud wave left after a day with nobody acting on it (illustrative: callers move
/// on within weeks), and the share a statement warning the public cuts.
pub(crate) const FRAUD_LEFT_PER_DAY: f64 = 0.9;
pub(crate) const STATEMENT_FRAUD_CUT: f64 = 0.5;
/// Trust lost in every district when a report is overdue (the news gets out first).
pub(crate) const OVERDUE_REPORT_TRUST: f64 = 0.003;
/// Gouging and disorder removed per officer-shift of patrol work in a district, and disorder
/// removed at a facility per officer-shift there.
pub(crate) const ENFORCEMENT_PER_OFFICER_SHIFT: f64 = 0.1;
/// Share of gouging, district disorder and site disorder left after a day (illustrative).
pub(crate) const GOUGING_LEFT_PER_DAY: f64 = 0.95;
pub(crate) const DISORDER_LEFT_PER_DAY: f64 = 0.8;
pub(crate) const SITE_DISORDER_LEFT_PER_DAY: f64 = 0.9;
/// Trust below which a district's mood is announced.
pub(crate) const TRUST_ALERT: f64 = 0.5;
/// Share of the fatigue of measures that wears off per day once they are lifted
/// (illustrative: weeks, not days).
pub(crate) const FATIGUE_RECOVERY_PER_DAY: f64 = 0.03;
/// Measures in a district that has not had a single confirmed case wear patience this many
/// times faster: the public accepts what it can see the reason for (illustrative).
pub(crate) const UNSEEN_REASON_FACTOR: f64 = 2.0;

/// Per-step fading factors; they depend only on the step's length.
#[derive(Clone, Copy)]
pub(crate) struct Fades {
    pub rumour: f64,
    pub gouging: f64,
    pub disorder: f64,
    pub site_disorder: f64,
    pub fraud: f64,
}

impl Fades {
    pub(crate) fn new(scenario: &Scenario, dt: f64) -> Fades {
        Fades {
            rumour: (1.0 - scenario.public.rumour_decay_per_day.get()).powf(dt),
            gouging: GOUGING_LEFT_PER_DAY.powf(dt),
            disorder: DISORDER_LEFT_PER_DAY.powf(dt),
            site_disorder: SITE_DISORDER_LEFT_PER_DAY.powf(dt),
            fraud: FRAUD_LEFT_PER_DAY.powf(dt),
        }
    }
}

/// What happened in a district during a step that the public reacts to.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Happened {
    pub new_confirmed: f64,
    pub deaths: f64,
    pub patrol: f64,
}

impl Exercise {
    /// Public trust across the city, weighed by residents (0 to 1).
    pub fn mean_trust(&self) -> f64 {
        let residents = self.scenario.total_population() as f64;
        self.districts
            .iter()
            .zip(&self.scenario.city.districts)
            .map(|(state, d)| state.trust * d.population as f64)
            .sum::<f64>()
            / residents.max(1.0)
    }

    /// Households in a district that need deliveries this step: a share of all under measures,
    /// and those quarantined or isolated at home.
    fn support_needed(&self, d: usize, dt: f64) -> f64 {
        let district = &self.districts[d];
        let population = self.scenario.city.districts[d].population as f64;
        let share = match district.level {
            ControlLevel::Normal => 0.0,
            ControlLevel::Enhanced => SUPPORT_NEED_ENHANCED,
            ControlLevel::Closed => SUPPORT_NEED_CLOSED,
        };
        let homes = population * share + district.epi.q_home + district.epi.x_home;
        homes / HOUSEHOLD_SIZE * dt
    }

    /// One step of public trust and order, and the cost of measures.
    pub(crate) fn public_step(&mut self, dt: f64, offers: &Offers, happened: &[Happened]) {
        let fades = self.derived.fades;
        let public = self.scenario.public.clone();
        let deaths_city: f64 = happened.iter().map(|h| h.deaths).sum();
        // The public of a district hears of its places' cases and deaths as its own.
        let n = self.district_count();
        let mut by_district: Vec<Happened> = happened[..n].to_vec();
        for (node, h) in happened.iter().enumerate().skip(n) {
            let d = self.district_of(node);
            by_district[d].new_confirmed += h.new_confirmed;
            by_district[d].deaths += h.deaths;
            by_district[d].patrol += h.patrol;
        }
        for (d, h) in by_district.iter().enumerate() {
            let population = self.scenario.city.districts[d].population as f64;
            let initial = self.scenario.city.districts[d]
                .trust
                .unwrap_or(public.initial_trust)
                .get();
            let needed = self.support_needed(d, dt);
            let support = if needed > 0.0 {
                let served = self.do_work(offers, d, &UnitRole::CommunitySupport, needed);
                (served / needed).min(1.0)
            } else {
                0.0
            };
            let measure = self.measure_in(d).cloned();
            if measure.is_some() {
                let cost = super::economy::daily_cost_per_resident(
                    &self.scenario,
                    &self.districts[d].level,
                ) * population
                    * dt;
                let team = self.districts[d].level_ordered_by.clone();
                self.spend_by(team.as_deref(), cost);
            }
            let waiting = self.districts[d].epi.waiting();
            let district = &mut self.districts[d];
            district.unsupported = if needed > 0.0 { 1.0 - support } else { 0.0 };
            let mut per_day = 0.0;
            // Measures wear the anchor down; lifted, the fatigue slowly wears off.
            match &measure {
                Some(m) => {
                    let reason = if district.confirmed < 1.0 {
                        UNSEEN_REASON_FACTOR
                    } else {
                        1.0
                    };
                    district.trust_anchor += m.trust_per_day * reason * (1.0 - support) * dt
                }
                None => {
                    district.trust_anchor +=
                        FATIGUE_RECOVERY_PER_DAY * (initial - district.trust_anchor) * dt
                }
            }
            district.trust_anchor = district.trust_anchor.clamp(0.0, 1.0);
            per_day += SUPPORT_TRUST_PER_DAY * support;
            per_day -= RUMOUR_TRUST_PER_DAY * district.rumour
                + GOUGING_TRUST_PER_DAY * district.gouging
                + DISORDER_TRUST_PER_DAY * district.disorder
                + FRAUD_TRUST_PER_DAY * district.fraud
                + QUEUE_TRUST_PER_DAY * district.clinic_queue;
            if waiting >= 0.5 {
                per_day -= OVERFLOW_TRUST_PER_DAY;
            }
            per_day += public.recovery_per_day.get() * (district.trust_anchor - district.trust);
            let mut change = per_day * dt;
            let cases =
                public.trust_per_case_per_100k * h.new_confirmed / population.max(1.0) * 100_000.0;
            change += cases.clamp(-MAX_CASE_TRUST_PER_DAY * dt, MAX_CASE_TRUST_PER_DAY * dt);
            let deaths_elsewhere = deaths_city - h.deaths;
            let deaths = public.trust_per_death
                * (h.deaths + DEATH_ECHO_ELSEWHERE * deaths_elsewhere / (n.max(2) - 1) as f64);
            change += deaths.clamp(-MAX_DEATH_TRUST_PER_DAY * dt, MAX_DEATH_TRUST_PER_DAY * dt);
            let before = district.trust;
            district.trust = (district.trust + change).clamp(0.0, 1.0);
            district.rumour *= fades.rumour;
            let enforcement = ENFORCEMENT_PER_OFFICER_SHIFT * h.patrol;
            district.gouging = (district.gouging * fades.gouging - enforcement).max(0.0);
            district.disorder = (district.disorder * fades.disorder - enforcement).max(0.0);
            district.fraud = (district.fraud * fades.fraud - enforcement).max(0.0);
            let after = district.trust;
            if before >= TRUST_ALERT && after < TRUST_ALERT {
                let name = self.derived.nodes[d].id.clone();
                self.emit(
                    Audience::Everyone,
                    EventKind::TrustAlert {
                        district: name,
                        trust: after,
                    },
                );
            }
        }
        // A place's people trust (and comply) as their district does.
        for node in n..self.districts.len() {
            let d = self.district_of(node);
            let (trust, rumour, gouging, disorder) = {
                let x = &self.districts[d];
                (x.trust, x.rumour, x.gouging, x.disorder)
            };
            let place = &mut self.districts[node];
            (place.trust, place.rumour, place.gouging, place.disorder) =
                (trust, rumour, gouging, disorder);
        }
        for (f, officers) in offers.at_facilities(&UnitRole::Patrol) {
            let disorder = &mut self.facilities[f].disorder;
            *disorder = (*disorder - ENFORCEMENT_PER_OFFICER_SHIFT * officers).max(0.0);
        }
        for facility in &mut self.facilities {
            facility.disorder *= fades.site_disorder;
        }
    }

    /// A public statement answers the rumours in its scope, and warns of fraud calls.
    pub(crate) fn answer_rumours(&mut self, districts: &[usize]) {
        for &d in districts {
            let district = &mut self.districts[d];
            let answered = district.rumour;
            district.rumour *= 1.0 - STATEMENT_RUMOUR_CUT;
            district.fraud *= 1.0 - STATEMENT_FRAUD_CUT;
            district.trust =
                (district.trust + STATEMENT_TRUST_PER_REACH * answered + STATEMENT_REASSURANCE)
                    .min(1.0);
        }
    }

    /// A report came in late: confidence suffers everywhere.
    pub(crate) fn late_report_costs_trust(&mut self) {
        for district in &mut self.districts {
            district.trust = (district.trust - OVERDUE_REPORT_TRUST).max(0.0);
        }
    }

    /// A change of trust in every district (an event cancelled, for instance).
    pub(crate) fn shift_trust(&mut self, districts: &[usize], change: f64) {
        for &d in districts {
            let district = &mut self.districts[d];
            district.trust = (district.trust + change).clamp(0.0, 1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    fn step(ex: &mut Exercise, happened: Vec<Happened>) {
        let offers = Offers::default();
        ex.public_step(0.25, &offers, &happened);
    }

    #[test]
    fn cases_and_deaths_lower_trust_and_it_recovers_when_calm() {
        let hit = |cases: f64, deaths: f64| {
            let mut ex = small(Mode::Expected, "");
            let mut h = vec![Happened::default(); 2];
            h[0].new_confirmed = cases;
            h[0].deaths = deaths;
            step(&mut ex, h);
            ex
        };
        let start = small(Mode::Expected, "").districts[0].trust;
        // Few cases for a district of 100,000 (expected mode counts fractions): in proportion.
        let few = start - hit(0.05, 0.0).districts[0].trust;
        let more = start - hit(0.1, 0.0).districts[0].trust;
        assert!(few > 0.0 && (more / few - 2.0).abs() < 0.2, "{few} {more}");
        // Thousands: the news saturates at the daily cap.
        let many = start - hit(5_000.0, 0.0).districts[0].trust;
        let huge = start - hit(50_000.0, 0.0).districts[0].trust;
        assert!((many - huge).abs() < 1e-9, "{many} vs {huge}");
        assert!(many <= MAX_CASE_TRUST_PER_DAY * 0.25 + 1e-9);
        // Deaths hit their district and echo in the others.
        let mut ex = hit(0.0, 2.0);
        let hit_here = ex.districts[0].trust;
        assert!(hit_here < start - 0.004, "{hit_here} vs {start}");
        assert!(ex.districts[1].trust < start && ex.districts[1].trust > hit_here);
        for _ in 0..40 {
            step(&mut ex, vec![Happened::default(); 2]);
        }
        assert!(ex.districts[0].trust > hit_here + 0.003, "drifts back");
    }

    #[test]
    fn unanswered_rumours_erode_trust_and_a_statement_answers_them() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].rumour = 0.5;
        ex.districts[1].rumour = 0.5;
        ex.answer_rumours(&[1]);
        assert_eq!(ex.districts[1].rumour, 0.25);
        for _ in 0..8 {
            step(&mut ex, vec![Happened::default(); 2]);
        }
        assert!(ex.districts[1].trust > ex.districts[0].trust);
    }

    /// Households needing deliveries: a share of everyone under measures, plus the people
    /// quarantined or isolated at home, in households per step.
    #[test]
    fn support_is_needed_by_households_under_measures_and_at_home() {
        let mut ex = small(Mode::Expected, "");
        assert_eq!(ex.support_needed(0, 1.0), 0.0, "nobody at home, no measure");
        ex.districts[0].epi.q_home = 262.0;
        ex.districts[0].epi.x_home = 131.0;
        let at_home = ex.support_needed(0, 0.5);
        assert!(
            (at_home - 393.0 / HOUSEHOLD_SIZE * 0.5).abs() < 1e-9,
            "{at_home}"
        );
        ex.districts[0].level = ControlLevel::Closed;
        let closed = ex.support_needed(0, 0.5);
        let population = ex.scenario().city.districts[0].population as f64;
        let expected = (population * SUPPORT_NEED_CLOSED + 393.0) / HOUSEHOLD_SIZE * 0.5;
        assert!((closed - expected).abs() < 1e-6, "{closed} vs {expected}");
    }

    /// Community workers bringing households what they need under measures ease the measures'
    /// wear on trust.
    #[test]
    fn support_to_households_eases_the_fatigue_of_measures() {
        let anchor = |support: bool| {
            let mut ex = small(Mode::Expected, "");
            ex.districts[0].confirmed = 5.0;
            let mut orders =
                vec![r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#];
            if support {
                orders.push(
                    r#"Dispatch(team: "health-team", unit: "grid", to: "north", work: "14d")"#,
                );
            }
            for order in orders {
                ex.apply(crate::sim::test_support::command(order)).unwrap();
            }
            ex.advance(5 * 24 * 60);
            ex.districts[0].trust_anchor
        };
        let (supported, alone) = (anchor(true), anchor(false));
        assert!(supported > alone, "{supported} vs {alone}");
    }

    /// A death echoes in the other districts, shared among them: with two districts, the other
    /// one feels the whole echo.
    #[test]
    fn a_death_echoes_in_the_other_district() {
        let trust_after = |deaths: f64| {
            let mut ex = small(Mode::Expected, "");
            let mut h = vec![Happened::default(); 2];
            h[0].deaths = deaths;
            step(&mut ex, h);
            (ex.districts[1].trust, ex.scenario().public.trust_per_death)
        };
        let (calm, per_death) = trust_after(0.0);
        let (echoed, _) = trust_after(1.0);
        let expected = (per_death * DEATH_ECHO_ELSEWHERE).clamp(
            -MAX_DEATH_TRUST_PER_DAY * 0.25,
            MAX_DEATH_TRUST_PER_DAY * 0.25,
        );
        assert!(expected != 0.0);
        assert!(
            (echoed - calm - expected).abs() < 1e-12,
            "{} vs {expected}",
            echoed - calm
        );
    }

    /// Patients left waiting for a hospital bed cost the public's trust every day they wait.
    #[test]
    fn patients_waiting_for_a_bed_cost_trust() {
        let trust = |waiting: f64| {
            let mut ex = small(Mode::Expected, "");
            ex.districts[0]
                .epi
                .patients
                .push(crate::sim::care::Patients {
                    band: crate::scenario::AgeBand::Adults,
                    bed: crate::sim::care::BedKind::Ward,
                    icu: false,
                    hospital: None,
                    treated: false,
                    n: waiting,
                });
            step(&mut ex, vec![Happened::default(); 2]);
            ex.districts[0].trust
        };
        let lost = trust(0.0) - trust(5.0);
        assert!(
            (lost - OVERFLOW_TRUST_PER_DAY * 0.25).abs() < 1e-9,
            "{lost}"
        );
    }

    /// Trust falling through the alert level tells everyone once; staying below says nothing
    /// more.
    #[test]
    fn trust_falling_below_the_alert_level_is_announced_once() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].trust = TRUST_ALERT + 0.001;
        ex.districts[0].trust_anchor = 0.0;
        ex.districts[0].rumour = 1.0;
        let alerts = |ex: &Exercise| {
            ex.events()
                .iter()
                .filter(|e| matches!(e.kind, crate::sim::EventKind::TrustAlert { .. }))
                .count()
        };
        step(&mut ex, vec![Happened::default(); 2]);
        assert!(ex.districts[0].trust < TRUST_ALERT);
        assert_eq!(alerts(&ex), 1);
        step(&mut ex, vec![Happened::default(); 2]);
        assert_eq!(alerts(&ex), 1, "already below");
    }

    /// A shift of trust (an event cancelled, say) moves the districts it names, within 0–1.
    #[test]
    fn a_trust_shift_moves_the_districts_named() {
        let mut ex = small(Mode::Expected, "");
        let (north, south) = (ex.districts[0].trust, ex.districts[1].trust);
        ex.shift_trust(&[0], -0.1);
        assert!((ex.districts[0].trust - (north - 0.1)).abs() < 1e-12);
        assert_eq!(ex.districts[1].trust, south);
        ex.shift_trust(&[1], 5.0);
        assert_eq!(ex.districts[1].trust, 1.0);
    }

    #[test]
    fn measures_cost_the_team_that_ordered_them() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(crate::sim::test_support::command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
        step(&mut ex, vec![Happened::default(); 2]);
        let cost = ex.costs()["health-team"];
        let population = ex.scenario().city.districts[0].population as f64;
        // 55% of China's 222 yuan of output per person a day, for a quarter-day step.
        assert!(
            (cost - population * 0.55 * 222.0 * 0.25).abs() < 1e-6,
            "{cost}"
        );
    }

    /// Measures wear patience down day after day, faster where no case was ever confirmed;
    /// lifted, the fatigue wears off slowly.
    #[test]
    fn measures_build_fatigue_faster_without_a_visible_reason() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].confirmed = 5.0;
        for district in ["north", "south"] {
            ex.apply(crate::sim::test_support::command(&format!(
                r#"OrderMeasure(team: "health-team", district: "{district}", level: Closed)"#
            )))
            .unwrap();
        }
        let start = ex.districts[0].trust_anchor;
        for _ in 0..40 {
            step(&mut ex, vec![Happened::default(); 2]);
        }
        let (with_cases, without) = (ex.districts[0].trust_anchor, ex.districts[1].trust_anchor);
        assert!(with_cases < start - 0.05, "{with_cases}");
        assert!(
            start - without > 1.9 * (start - with_cases),
            "{without} vs {with_cases}"
        );
        assert!(
            ex.districts[0].trust < start - 0.03,
            "trust follows its anchor down"
        );
        ex.apply(crate::sim::test_support::command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Normal)"#,
        ))
        .unwrap();
        for _ in 0..40 {
            step(&mut ex, vec![Happened::default(); 2]);
        }
        let recovered = ex.districts[0].trust_anchor;
        assert!(recovered > with_cases && recovered < start, "{recovered}");
    }
}
