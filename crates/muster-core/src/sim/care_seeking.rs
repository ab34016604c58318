//! Care seeking: who comes to a fever clinic by themselves, and how long after their symptoms
//! began.
//!
//! People who fall ill are followed as cohorts by the minute of their symptom onset. Of each
//! cohort a share `care_seeking` will come, after a delay drawn from a gamma distribution of
//! shape `DELAY_SHAPE` and mean `care_seeking_delay_days`: with F its distribution function,
//! of those of a cohort who had not come when last looked at, τ₀ days after onset, a share
//! (F(τ) − F(τ₀)) / (1 − F(τ₀)) comes by τ. A delay with a mode above zero is
//! what surveillance records: few come on the day their symptoms begin (Bi et al., Lancet Infect
//! Dis 2020: 4.6 days from onset to isolation in Shenzhen, 2.7 for cases found by tracing).
//!
//! Who comes is still ill, or has stopped being infectious by then (a share e^(−τ/D) of a
//! cohort is still infectious τ days after onset, D the infectious period, since stays are
//! exponential) but still has symptoms and still sheds viral RNA, so the clinic's PCR test finds
//! them as well (`pcr.rs`). Cases found meanwhile another way (by tracers, a testing team, in
//! hospital) no longer come: a district's cohorts are scaled down to the ill and the recovered
//! still shedding who are left to come.

use std::collections::VecDeque;

use super::Exercise;

/// Shape of the gamma distribution of the delay from symptoms to a clinic visit (an
/// assumption: an Erlang-2 delay has its mode at half its mean, as onset-to-care delays do,
/// where an exponential one would bring most people in on the day their symptoms begin).
pub(crate) const DELAY_SHAPE: f64 = 2.0;
/// A cohort is closed once all but this share of its delays have passed.
const DELAY_TAIL: f64 = 1e-3;

/// People whose symptoms began at one minute, who will come to a clinic and have not yet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cohort {
    pub onset_at: u32,
    pub to_come: f64,
    /// The share of the delay distribution over when the cohort was last looked at.
    pub passed: f64,
    /// The share of the cohort still infectious now (worked out once a step).
    pub still_ill: f64,
}

/// Those who come to a clinic in one step, in a district.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Comers {
    /// Still infectious, and the mean minute their symptoms began.
    pub ill: f64,
    pub ill_onset_at: f64,
    /// No longer infectious, still shedding, and the mean minute their symptoms began.
    pub recovered: f64,
    pub recovered_onset_at: f64,
}

/// The share of an Erlang delay of shape `DELAY_SHAPE` and mean `mean_days` over by `days`.
pub(crate) fn delay_passed(days: f64, mean_days: f64) -> f64 {
    if days <= 0.0 {
        return 0.0;
    }
    let x = DELAY_SHAPE * days / mean_days;
    // The regularised lower gamma function of whole shape k: 1 − e^(−x) Σ_{n<k} xⁿ/n!.
    let mut term = 1.0;
    let mut sum = 0.0;
    for n in 0..DELAY_SHAPE as u32 {
        if n > 0 {
            term *= x / f64::from(n);
        }
        sum += term;
    }
    (1.0 - (-x).exp() * sum).clamp(0.0, 1.0)
}

impl Exercise {
    /// People whose symptoms began now (or at `onset_at`) start their way to a clinic.
    pub(crate) fn fell_ill(&mut self, d: usize, onset_at: u32, count: f64) {
        if count > 0.0 {
            self.districts[d].onsets.push((onset_at, count));
        }
    }

    /// Who comes to a clinic in each district by now, since the cohorts were last looked at.
    pub(crate) fn care_seekers(&mut self) -> Vec<Comers> {
        let scenario = self.scenario.clone();
        let share = scenario.surveillance.care_seeking.get();
        let mean_delay = scenario.surveillance.care_seeking_delay_days.get();
        let infectious_days = scenario.pathogen.infectious_days.get();
        let now = self.now;
        let mut comers = vec![Comers::default(); self.districts.len()];
        let mut sampler = super::epidemic::Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        for (district, comers) in self.districts.iter_mut().zip(&mut comers) {
            for (onset_at, count) in district.onsets.drain(..) {
                let to_come = sampler.binomial(count, share);
                if to_come <= 0.0 {
                    continue;
                }
                // Those who fell ill at the same minute (named contacts or not) are one cohort.
                match district.care_cohorts.back_mut() {
                    Some(last) if last.onset_at == onset_at && last.passed == 0.0 => {
                        last.to_come += to_come;
                    }
                    _ => district.care_cohorts.push_back(Cohort {
                        onset_at,
                        to_come,
                        passed: 0.0,
                        still_ill: 1.0,
                    }),
                }
            }
            if district.care_cohorts.is_empty() {
                continue;
            }
            let days_since = |onset_at: u32| f64::from(now.saturating_sub(onset_at)) / 1440.0;
            // Scaled to who is left to come: cases found another way come no more.
            let mut expected_ill = 0.0;
            for cohort in &mut district.care_cohorts {
                cohort.still_ill = (-days_since(cohort.onset_at) / infectious_days).exp();
                expected_ill += cohort.to_come * cohort.still_ill;
            }
            let ill_left = share * (district.epi.i.n + district.epi.ni.n);
            let left = if expected_ill > ill_left && expected_ill > 0.0 {
                ill_left / expected_ill
            } else {
                1.0
            };
            let mut onset_sum = 0.0;
            let mut recovered_onset_sum = 0.0;
            for cohort in &mut district.care_cohorts {
                // Of those not yet come, the share whose delay ended since last time.
                let passed = delay_passed(days_since(cohort.onset_at), mean_delay);
                let chance = if cohort.passed < 1.0 {
                    (passed - cohort.passed) / (1.0 - cohort.passed)
                } else {
                    1.0
                };
                cohort.passed = passed;
                let come = sampler.binomial(cohort.to_come, chance);
                cohort.to_come -= come;
                let ill = sampler.binomial(come, (cohort.still_ill * left).min(1.0));
                comers.ill += ill;
                onset_sum += ill * f64::from(cohort.onset_at);
                comers.recovered += come - ill;
                recovered_onset_sum += (come - ill) * f64::from(cohort.onset_at);
            }
            if comers.ill > 0.0 {
                comers.ill_onset_at = onset_sum / comers.ill;
            }
            if comers.recovered > 0.0 {
                comers.recovered_onset_at = recovered_onset_sum / comers.recovered;
            }
            district
                .care_cohorts
                .retain(|c| c.to_come > 1e-9 && c.passed <= 1.0 - DELAY_TAIL);
            // The recovered who come are found only while they shed.
            comers.recovered = comers
                .recovered
                .min(district.epi.shedding.min(district.epi.r));
        }
        comers
    }
}

/// The cohorts of a district, oldest first.
pub(crate) type Cohorts = VecDeque<Cohort>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::test_support::small;
    use crate::sim::{Infected, Mode};

    /// A district of 1,000 ill whose symptoms began at `onset_at`, on their way to a clinic.
    fn thousand_ill(extra: &str, onset_at: u32) -> crate::sim::Exercise {
        let mut ex = small(Mode::Expected, extra);
        ex.districts[0].epi.s -= 1000.0;
        ex.districts[0].epi.i = Infected::new_at(1000.0, 0.0);
        ex.fell_ill(0, onset_at, 1000.0);
        ex
    }

    #[test]
    fn the_delay_is_an_erlang_of_its_mean() {
        assert_eq!(delay_passed(0.0, 3.0), 0.0);
        // Erlang-2 of mean 3 days: rate 2/3 a day; F(3) = 1 − e^(−2)·3.
        assert!((delay_passed(3.0, 3.0) - (1.0 - 3.0 * (-2.0f64).exp())).abs() < 1e-12);
        // Few come on the first day, unlike an exponential delay (1 − e^(−1/3) = 28%).
        assert!(delay_passed(1.0, 3.0) < 0.15, "{}", delay_passed(1.0, 3.0));
        assert!(delay_passed(30.0, 3.0) > 0.999_999);
    }

    /// In expected values, a cohort comes as the delay's distribution says: half of a
    /// perfectly care-seeking cohort that stays ill has come by the delay's median.
    #[test]
    fn a_cohort_comes_as_its_delay_says() {
        let mut ex = thousand_ill(
            "surveillance.care_seeking: 1.0\nsurveillance.care_seeking_delay_days: 2.0\npathogen.infectious_days: 1000.0",
            0,
        );
        let mut came = 0.0;
        let mut onsets = Vec::new();
        for step in 1..=40 {
            ex.now = step * 360;
            let comers = ex.care_seekers()[0];
            came += comers.ill + comers.recovered;
            onsets.push(comers.ill_onset_at);
            let days = f64::from(ex.now) / 1440.0;
            let expected = 1000.0 * delay_passed(days, 2.0);
            assert!(
                (came - expected).abs() < 1000.0 * 0.01,
                "day {days}: {came} came, {expected} expected"
            );
        }
        assert!(
            onsets
                .iter()
                .all(|&o| o == 0.0 || o.is_nan() || o.abs() < 1e-9)
        );
    }

    /// Those who come after their infectiousness ended come as recovered, found while they
    /// shed, with their cohort's onset.
    #[test]
    fn the_recovered_come_with_their_cohorts_onset() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.care_seeking: 1.0\nsurveillance.care_seeking_delay_days: 3.0\npathogen.infectious_days: 0.25",
        );
        ex.districts[0].epi.s -= 1000.0;
        ex.districts[0].epi.r += 1000.0;
        ex.districts[0].epi.shedding = 1000.0;
        ex.fell_ill(0, 360, 1000.0);
        ex.now = 3 * 1440 + 360;
        let comers = ex.care_seekers()[0];
        assert!(comers.recovered > 10.0, "{comers:?}");
        assert!(comers.ill < comers.recovered / 100.0, "{comers:?}");
        assert!(
            (comers.recovered_onset_at - 360.0).abs() < 1e-9,
            "{comers:?}"
        );
        // Half way: those who come split between the ill and the recovered, and add up.
        let mut ex = thousand_ill(
            "surveillance.care_seeking: 1.0\nsurveillance.care_seeking_delay_days: 3.0\npathogen.infectious_days: 3.0",
            360,
        );
        ex.districts[0].epi.s -= 1000.0;
        ex.districts[0].epi.r += 1000.0;
        ex.districts[0].epi.shedding = 1000.0;
        ex.now = 3 * 1440 + 360;
        let comers = ex.care_seekers()[0];
        // Looked at for the first time three days after their onset: all whose delay ended.
        let come = 1000.0 * delay_passed(3.0, 3.0);
        assert!(comers.ill > 1.0 && comers.recovered > 1.0, "{comers:?}");
        assert!(
            (comers.ill + comers.recovered - come).abs() < 1e-9,
            "{comers:?} {come}"
        );
    }

    /// Only the share that seeks care comes, and those found another way come no more.
    #[test]
    fn only_the_care_seeking_come_and_not_twice() {
        let run = |found_elsewhere: bool| {
            let mut ex = thousand_ill(
                "surveillance.care_seeking: 0.5\nsurveillance.care_seeking_delay_days: 1.0\npathogen.infectious_days: 1000.0",
                0,
            );
            let mut came = 0.0;
            for step in 1..=60 {
                ex.now = step * 360;
                let ill = ex.care_seekers()[0].ill;
                // The clinic takes them, as `clinics` does.
                ex.districts[0].epi.i.take(ill);
                came += ill;
                if found_elsewhere && step == 1 {
                    // Tracers take most of the rest before they come.
                    ex.districts[0].epi.i.take(900.0);
                }
            }
            came
        };
        assert!((run(false) - 500.0).abs() < 1.0, "{}", run(false));
        // About 45 came in the first step; of the rest, only the share still to be found.
        let after_tracing = run(true);
        assert!(after_tracing < 100.0, "{after_tracing}");
    }
}
