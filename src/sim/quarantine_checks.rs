//! Health checks in quarantine: a contact who falls ill in quarantine is confirmed only once a
//! check has found the symptoms, a swab has been taken and its result has come back.
//!
//! People in quarantine have their temperature taken and are asked about symptoms twice a
//! day (China's protocol for close contacts, 新型冠状病毒肺炎防控方案 第九版, 2022: 每天早、晚各进行
//! 1次体温测量和健康状况询问). Of those ill and not yet swabbed, a share
//! 1 − exp(−`CHECKS_PER_DAY`·Δt) is found each step and swabbed; the swabs join the
//! laboratories' queue like any other and wait `lab_turnaround` at least (`detection.rs`).
//! A positive result confirms and isolates them where they were quarantined; a false
//! negative leaves them to the next check. Until then they stay in `qi`, infectious with the
//! weights of quarantine (`transmission.rs`), and may recover there, uncounted, if no result
//! ever comes.

use super::Exercise;
use super::care::Found;
use super::detection::Samples;
use super::epidemic::{Chance, Sampler};

/// Health checks a day for people in quarantine (第九版防控方案: morning and evening).
pub(crate) const CHECKS_PER_DAY: f64 = 2.0;

impl Exercise {
    /// The checks of one step: the ill found in quarantine are swabbed.
    pub(crate) fn check_quarantined(&mut self, dt: f64) {
        let found_by_a_check = Chance::of_rate(CHECKS_PER_DAY, dt);
        let sensitivity = self.scenario.surveillance.test_sensitivity.get();
        let has_labs = self.has_laboratories();
        for d in 0..self.districts.len() {
            let district = &mut self.districts[d];
            district.quarantine_swabs_out = district.quarantine_swabs_out.min(district.epi.qi.n);
            let waiting = district.epi.qi.n - district.quarantine_swabs_out;
            if waiting <= 1e-9 {
                continue;
            }
            let mut sampler = Sampler {
                mode: self.mode,
                rng: &mut self.streams.detection,
            };
            let swabbed = sampler.draw(waiting, found_by_a_check);
            let positive = sampler.binomial(swabbed, sensitivity);
            if swabbed <= 0.0 {
                continue;
            }
            self.totals.samples_taken += swabbed;
            if has_labs {
                self.districts[d].quarantine_swabs_out += swabbed;
                self.lab_queue.push_back(Samples {
                    taken_at: self.now,
                    district: d,
                    count: swabbed,
                    positive,
                    pool: 1,
                    from_quarantine: true,
                });
            } else {
                self.totals.tests_done += swabbed;
                self.confirm_ill_in_quarantine(d, positive);
            }
        }
    }

    /// The results of swabs taken from the ill in quarantine: `count` came back, `positive` of
    /// them positive.
    pub(crate) fn quarantine_results(&mut self, d: usize, count: f64, positive: f64) {
        let district = &mut self.districts[d];
        district.quarantine_swabs_out = (district.quarantine_swabs_out - count).max(0.0);
        self.confirm_ill_in_quarantine(d, positive);
    }

    /// Swabs of the ill in quarantine that spoiled: they will be swabbed again.
    pub(crate) fn quarantine_swabs_lost(&mut self, d: usize, count: f64) {
        let district = &mut self.districts[d];
        district.quarantine_swabs_out = (district.quarantine_swabs_out - count).max(0.0);
    }

    fn confirm_ill_in_quarantine(&mut self, d: usize, positive: f64) {
        let now = self.now;
        let district = &mut self.districts[d];
        let epi = &mut district.epi;
        let quarantined_before = epi.quarantined();
        let ill = epi.qi.take(positive.min(epi.qi.n));
        if ill.n <= 0.0 {
            return;
        }
        let home_share = (epi.q_home / quarantined_before).min(1.0);
        epi.q_home = (epi.q_home - ill.n * home_share).clamp(0.0, epi.quarantined());
        district.isolate_where_quarantined(now, ill, true, home_share);
        self.confirm(d, ill, Found::Quarantine, true);
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::epidemic::Infected;
    use crate::sim::test_support::small;

    fn ill_in_quarantine(overrides: &str) -> crate::sim::Exercise {
        let mut ex = small(Mode::Expected, overrides);
        let epi = &mut ex.districts[0].epi;
        epi.s -= 100.0;
        epi.qi = Infected::new_at(100.0, 0.0).with_onset(0.0);
        ex
    }

    /// Twice a day: a quarter-day step finds 1 − e^(−0.5) of them; without laboratories the
    /// test is read at once and (sensitivity 0.9) confirms that share.
    #[test]
    fn checks_find_the_ill_at_their_pace_and_a_test_read_on_site_confirms_them() {
        let mut ex = ill_in_quarantine("lab.kind: Warehouse");
        assert!(!ex.has_laboratories());
        ex.check_quarantined(0.25);
        let found = 100.0 * (1.0 - (-0.5f64).exp());
        let confirmed = ex.districts[0].confirmed;
        assert!((confirmed - 0.9 * found).abs() < 1e-9, "{confirmed}");
        assert!((ex.districts[0].epi.qi.n - (100.0 - confirmed)).abs() < 1e-9);
        assert!((ex.districts[0].epi.xi.n - confirmed).abs() < 1e-9);
        // Isolated and still somewhere: nobody is lost.
        assert!((ex.districts[0].epi.total() - ex.derived.nodes[0].population).abs() < 1e-6);
    }

    /// With a laboratory, nobody is confirmed before the turnaround; those swabbed are not
    /// swabbed again while their result is out, and the result confirms the positives.
    #[test]
    fn a_laboratory_answers_after_its_turnaround_and_swabs_are_not_taken_twice() {
        let mut ex = ill_in_quarantine("surveillance.lab_turnaround: \"6h\"");
        assert!(ex.has_laboratories());
        ex.check_quarantined(0.25);
        let swabbed = 100.0 * (1.0 - (-0.5f64).exp());
        assert_eq!(ex.districts[0].confirmed, 0.0);
        assert!((ex.districts[0].quarantine_swabs_out - swabbed).abs() < 1e-9);
        ex.laboratories(0.25);
        assert_eq!(ex.districts[0].confirmed, 0.0, "too early");
        ex.check_quarantined(0.25);
        let second = (100.0 - swabbed) * (1.0 - (-0.5f64).exp());
        assert!((ex.districts[0].quarantine_swabs_out - swabbed - second).abs() < 1e-9);
        ex.now += 6 * 60;
        ex.laboratories(0.25);
        let confirmed = ex.districts[0].confirmed;
        assert!(
            (confirmed - 0.9 * (swabbed + second)).abs() < 1e-6,
            "{confirmed}"
        );
        assert!(ex.districts[0].quarantine_swabs_out.abs() < 1e-9);
    }
}
