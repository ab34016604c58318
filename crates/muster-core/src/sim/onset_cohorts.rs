//! Symptom onset to isolation, read by onset cohort as surveillance reads it.
//!
//! A mean over the cases isolated so far is biased short while an outbreak grows: the cases
//! whose symptoms began in the last days are only counted if they were found quickly, and they
//! are most of the cases. Outbreak reports (Bi et al., Lancet Infect Dis 2020: 4.6 days in
//! Shenzhen, 2.7 for cases found by tracing) measure over cases whose onset lies far enough in
//! the past that nearly all of them have been found. So isolations are binned by the day their
//! symptoms began, and the figure is the mean over the days at least `COMPLETE_AFTER_DAYS`
//! before the moment it is read.

use super::MeanDays;

/// Days after which an onset day's cohort counts as found: 7 days take in 86% of an Erlang-2
/// care-seeking delay of mean 4 days (the flagship's; Bi et al.), more for shorter delays.
pub const COMPLETE_AFTER_DAYS: u32 = 7;

/// Onset-to-isolation delays binned by the day of symptom onset.
#[derive(Debug, Clone, Default)]
pub struct OnsetCohorts {
    by_onset_day: Vec<MeanDays>,
}

impl OnsetCohorts {
    /// `people` with symptoms since minute `onset_at` were isolated `days` after it.
    pub fn add(&mut self, people: f64, onset_at: f64, days: f64) {
        if !(people > 0.0 && onset_at.is_finite() && days.is_finite()) {
            return;
        }
        let day = (onset_at.max(0.0) / 1440.0) as usize;
        if self.by_onset_day.len() <= day {
            self.by_onset_day.resize(day + 1, MeanDays::default());
        }
        self.by_onset_day[day].add(people, days);
    }

    /// The mean delay of the cohorts whose onset day ended at least `COMPLETE_AFTER_DAYS`
    /// before minute `now`; none while no cohort is complete or none of them was isolated.
    pub fn mean_of_complete(&self, now: u32) -> Option<f64> {
        let complete_days = (now / 1440).saturating_sub(COMPLETE_AFTER_DAYS) as usize;
        let mut all = MeanDays::default();
        for day in self.by_onset_day.iter().take(complete_days) {
            all.sum += day.sum;
            all.count += day.count;
        }
        all.mean()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 1440.0;

    #[test]
    fn only_cohorts_old_enough_count() {
        let mut cohorts = OnsetCohorts::default();
        cohorts.add(2.0, 0.5 * DAY, 4.0);
        cohorts.add(2.0, 2.2 * DAY, 2.0);
        // Recent onsets, found fast: they would pull the mean down.
        cohorts.add(10.0, 9.0 * DAY, 0.5);
        assert_eq!(cohorts.mean_of_complete(7 * 1440), None);
        assert_eq!(cohorts.mean_of_complete(8 * 1440), Some(4.0));
        assert_eq!(cohorts.mean_of_complete(10 * 1440 - 1), Some(4.0));
        assert_eq!(cohorts.mean_of_complete(10 * 1440), Some(3.0));
        let all = (2.0 * 4.0 + 2.0 * 2.0 + 10.0 * 0.5) / 14.0;
        assert_eq!(cohorts.mean_of_complete(17 * 1440), Some(all));
    }

    #[test]
    fn nothing_and_nonsense_count_for_nothing() {
        let mut cohorts = OnsetCohorts::default();
        cohorts.add(0.0, DAY, 3.0);
        cohorts.add(1.0, f64::NAN, 3.0);
        cohorts.add(1.0, DAY, f64::INFINITY);
        assert_eq!(cohorts.mean_of_complete(30 * 1440), None);
    }
}
