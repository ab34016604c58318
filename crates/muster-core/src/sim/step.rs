//! One epidemic step: the order in which the mechanics act. Each lives in its own file; this
//! one only calls them, so the sequence of a step reads in one place.

use super::care::{Found, Severe};
use super::public::Happened;
use super::transmission::Travel;
use super::units::Offers;
use super::{Audience, EventKind, Exercise};
use crate::scenario::{Minutes, UnitRole};

/// Per-district working arrays of the epidemic step, kept between steps so that a step
/// allocates nothing once the first one has sized them.
#[derive(Default)]
pub(crate) struct StepBuffers {
    pub offers: Offers,
    pub factors: Vec<(f64, f64)>,
    pub scaled_mobility: Vec<Travel>,
    pub home_share: Vec<f64>,
    pub infectious_present: Vec<f64>,
    pub people_present: Vec<f64>,
    pub hazard_at: Vec<f64>,
    /// The hazard a mobile resident of each district meets.
    pub lambda: Vec<f64>,
    /// Infectious people at home in each district, and the part of `lambda` met at home.
    pub household_infectious: Vec<f64>,
    pub lambda_household: Vec<f64>,
    /// The hazard a susceptible contact in a quarantine site's room meets (`transmission.rs`).
    pub site_hazard: f64,
    pub severe: Vec<Severe>,
    pub deaths: Vec<f64>,
    pub confirmed_before: Vec<f64>,
    pub happened: Vec<Happened>,
}

/// Scratch space holds nothing between steps: a copy of an exercise starts with its own.
impl Clone for StepBuffers {
    fn clone(&self) -> StepBuffers {
        StepBuffers::default()
    }
}

/// Empties `v` and fills it with `n` zeros, keeping its allocation.
pub(crate) fn zeroed<T: Default + Clone>(v: &mut Vec<T>, n: usize) {
    v.clear();
    v.resize(n, T::default());
}

/// Whole units passed when a count grows from `before` to `after` (3.7 → 5.2 passes 4 and 5).
pub(crate) fn whole_crossed(before: f64, after: f64) -> u64 {
    if after <= before {
        return 0;
    }
    // A hair of tolerance so that float noise around a whole number does not miss it.
    let (a, b) = ((before + 1e-9).floor(), (after + 1e-9).floor());
    if b > a { (b - a) as u64 } else { 0 }
}

impl Exercise {
    /// One epidemic step of the scenario's time step, ending now.
    pub(crate) fn epidemic_step(&mut self) {
        let mut b = std::mem::take(&mut self.buffers);
        let mut offers = std::mem::take(&mut b.offers);
        let dt = Minutes(self.scenario.meta.time_step.get()).days();
        let n = self.districts.len();
        b.confirmed_before.clear();
        b.confirmed_before
            .extend(self.districts.iter().map(|d| d.confirmed));
        self.collect_offers(&mut offers);
        zeroed(&mut b.happened, n);
        for d in 0..n {
            b.happened[d].patrol = self.do_work(&offers, d, &UnitRole::Patrol, f64::INFINITY);
        }
        let patrol: Vec<f64> = b.happened.iter().map(|h| h.patrol).collect();

        // Who meets whom, who falls ill, who needs a bed.
        self.force_of_infection(dt, &mut b, &offers);
        self.progress(dt, &mut b);
        self.crowds_step(&patrol);
        self.care_step(dt, &mut b);
        for d in 0..n {
            let severe = b.severe[d];
            self.confirm(d, severe.free, Found::Hospital, true);
            self.confirm(d, severe.named, Found::Hospital, true);
        }
        self.swab_quarantined(dt);
        self.check_quarantined(dt);
        self.convert_asymptomatic(dt);

        // The response: tracing what was named before this step, then finding new cases.
        self.trace(&offers);
        self.clinics(dt);
        self.field_testing(&offers);
        self.testing_rounds(dt);
        self.audit_concealment(&offers);
        self.laboratories(dt);
        self.transfer(&offers);
        self.settle_rooms();
        self.name_pending_contacts();

        // What the public sees.
        for d in 0..n {
            b.happened[d].new_confirmed = self.districts[d].confirmed - b.confirmed_before[d];
            b.happened[d].deaths = b.deaths[d];
            let dead_now = self.districts[d].epi.d;
            let whole = whole_crossed(dead_now - b.deaths[d], dead_now);
            if whole > 0 {
                let district = self.derived.nodes[d].id.clone();
                self.emit(
                    Audience::Everyone,
                    EventKind::Deaths {
                        district,
                        count: whole,
                    },
                );
                self.open_reports(&crate::scenario::ReportTrigger::Death);
            }
        }
        self.public_step(dt, &offers, &b.happened);
        self.zones_step(dt);
        self.hardship_step(dt);
        self.note_overflow(dt);
        self.note_site_load();
        b.offers = offers;
        self.buffers = b;
    }
}

#[cfg(test)]
mod tests {
    use super::whole_crossed;

    #[test]
    fn whole_numbers_crossed() {
        assert_eq!(whole_crossed(3.7, 5.2), 2);
        assert_eq!(whole_crossed(0.0, 0.9), 0);
        assert_eq!(whole_crossed(0.0, 1.0), 1);
        assert_eq!(whole_crossed(2.0, 2.0), 0);
    }
}
