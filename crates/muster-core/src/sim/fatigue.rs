//! Lockdown fatigue, and a sealed city's ear for rumours: the public answers measures in
//! proportion to how long and how hard they hold it.
//!
//! - **Compliance wanes with a stay-at-home order's length.** A closed district (or a sealed or
//!   controlled zone) keeps its people in with the full effect of its compliance for
//!   `FULL_EFFECT_DAYS`; after that a share `EFFECT_LOST_PER_DAY` of the effect is lost each
//!   day, contacts creeping back, until none is left. Lifting the order and declaring it again
//!   starts the count afresh; enhanced measures (no stay-at-home) do not tire this way.
//! - **Rumours find more purchase in a closed district**: people at home on their phones, cut
//!   off from what they could see for themselves, take in a rumour's reach
//!   `RUMOUR_REACH_WHEN_CLOSED` times.
//!
//! Trust's own wear under measures, faster where no case gives them a reason, is in
//! `public.rs`.

use super::Exercise;
use crate::scenario::{ControlLevel, Minutes, ZoneLevel};

/// Days a stay-at-home order holds its full effect: mobility was lowest 18 days into a
/// lockdown (median of 93 countries; Joshi & Musalem, Sci Rep 2021;11:22950).
pub(crate) const FULL_EFFECT_DAYS: f64 = 18.0;
/// Share of the order's effect lost per day after that: 30.1% of the mobility reduction was
/// lost within four weeks of the lowest point, all of it by day 112 (the same study).
pub(crate) const EFFECT_LOST_PER_DAY: f64 = 0.301 / 28.0;
/// A rumour's reach in a closed district, times its reach elsewhere (illustrative: residents
/// of Shenzhen's lockdown area in March 2022 reported more negative emotions and rated the
/// government's efficiency lower than those of control, prevention and open areas; IJERPH
/// 2022;19:11173).
pub(crate) const RUMOUR_REACH_WHEN_CLOSED: f64 = 1.5;

/// Share of a stay-at-home order's effect that still holds after `days` in force.
pub(crate) fn stay_home_adherence(days: f64) -> f64 {
    (1.0 - EFFECT_LOST_PER_DAY * (days - FULL_EFFECT_DAYS).max(0.0)).max(0.0)
}

/// Whether a level keeps people at home (and so tires them).
pub(crate) fn keeps_people_home(level: &ControlLevel, zone: Option<&ZoneLevel>) -> bool {
    *level == ControlLevel::Closed
        || matches!(zone, Some(ZoneLevel::Sealed | ZoneLevel::Controlled))
}

impl Exercise {
    /// Share of a node's stay-at-home order (its district's closure, or its zone's) that still
    /// holds now; 1 when none is in force.
    pub(crate) fn adherence(&self, node: usize) -> f64 {
        match self.districts[node].kept_home_since {
            Some(since) => stay_home_adherence(Minutes(self.now.saturating_sub(since)).days()),
            None => 1.0,
        }
    }

    /// Starts or ends a node's count of days at home when its level changes.
    pub(crate) fn count_days_at_home(&mut self, node: usize) {
        let state = &self.districts[node];
        let home = keeps_people_home(&state.level, state.zone_level.as_ref());
        match (home, state.kept_home_since) {
            (true, None) => self.districts[node].kept_home_since = Some(self.now),
            (false, Some(_)) => self.districts[node].kept_home_since = None,
            _ => {}
        }
    }

    /// The reach a rumour takes in a district: more when it is closed.
    pub(crate) fn rumour_reach(&self, district: usize, reach: f64) -> f64 {
        if self.districts[district].level == ControlLevel::Closed {
            reach * RUMOUR_REACH_WHEN_CLOSED
        } else {
            reach
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// Full effect for 18 days, 30.1% lost over the next four weeks, none left by day 112.
    #[test]
    fn a_stay_at_home_order_tires_after_eighteen_days() {
        assert_eq!(stay_home_adherence(0.0), 1.0);
        assert_eq!(stay_home_adherence(18.0), 1.0);
        assert!((stay_home_adherence(46.0) - (1.0 - 0.301)).abs() < 1e-12);
        assert!(stay_home_adherence(111.0) < 0.01);
        assert_eq!(stay_home_adherence(120.0), 0.0);
    }

    /// The count starts when the district closes and ends when it opens; the closure's cut of
    /// contacts shrinks with it.
    #[test]
    fn a_long_closure_lets_contacts_creep_back() {
        let mut ex = small(Mode::Expected, "meta.duration: \"60d\"");
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
        let fresh = ex.factors(0);
        ex.advance(40 * 24 * 60);
        let tired = ex.factors(0);
        assert!(
            tired.0 > fresh.0 && tired.1 > fresh.1,
            "{fresh:?} {tired:?}"
        );
        assert!(ex.adherence(0) < 0.8 && ex.adherence(1) == 1.0);
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Normal)"#,
        ))
        .unwrap();
        assert_eq!(ex.adherence(0), 1.0);
    }

    /// A rumour aimed at a closed district reaches further there.
    #[test]
    fn a_closed_district_takes_in_more_of_a_rumour() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
        assert_eq!(ex.rumour_reach(0, 0.2), 0.2 * RUMOUR_REACH_WHEN_CLOSED);
        assert_eq!(ex.rumour_reach(1, 0.2), 0.2);
    }
}
