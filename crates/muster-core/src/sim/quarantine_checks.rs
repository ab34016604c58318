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
//! weights of quarantine (`transmission.rs`). Those who stop being infectious while they wait
//! (`recovered_waiting`, a part of `qr`) still have symptoms and shed, so a result confirms
//! them all the same, without anyone to isolate.

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
            let ill = district.epi.qi.n + district.quarantine_recovered_waiting;
            district.quarantine_swabs_out = district.quarantine_swabs_out.min(ill);
            let waiting = ill - district.quarantine_swabs_out;
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
                self.quarantine_lab_queue.push_back(Samples {
                    taken_at: self.now,
                    district: d,
                    count: swabbed,
                    positive,
                    pool: 1,
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

    /// Confirms `positive` of a district's ill in quarantine: those still infectious are
    /// isolated where they are; those who got better while they waited are confirmed only.
    fn confirm_ill_in_quarantine(&mut self, d: usize, positive: f64) {
        let now = self.now;
        let district = &mut self.districts[d];
        let epi = &mut district.epi;
        let ill = epi.qi.n + district.quarantine_recovered_waiting;
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        // Whole people in a random run: the positives split between the two at random, and
        // what does not fit on one side goes to the other.
        let waiting = district.quarantine_recovered_waiting;
        let drawn = if ill > 0.0 {
            sampler.binomial(positive, waiting / ill).min(waiting)
        } else {
            0.0
        };
        let infectious = (positive - drawn).min(epi.qi.n).max(0.0);
        let recovered = (positive - infectious).min(waiting).max(0.0);
        district.quarantine_recovered_waiting -= recovered;
        self.confirm_recovered(d, recovered, Found::Quarantine);
        let district = &mut self.districts[d];
        let epi = &mut district.epi;
        let quarantined_before = epi.quarantined();
        let ill = epi.qi.take(infectious);
        if ill.n <= 0.0 {
            return;
        }
        district.isolate_from_quarantine(now, ill, true, quarantined_before);
        self.confirm(d, ill, Found::Quarantine, true);
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::detection::Samples;
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

    /// Those who stopped being infectious while they waited are still found and confirmed,
    /// with nobody to isolate; they stay in quarantine.
    #[test]
    fn the_ill_who_got_better_while_waiting_are_still_confirmed() {
        let mut ex = small(Mode::Expected, "lab.kind: Warehouse");
        let district = &mut ex.districts[0];
        district.epi.s -= 50.0;
        district.epi.qr = 50.0;
        district.quarantine_recovered_waiting = 50.0;
        ex.check_quarantined(0.25);
        let found = 0.9 * 50.0 * (1.0 - (-0.5f64).exp());
        let district = &ex.districts[0];
        assert!(
            (district.confirmed - found).abs() < 1e-9,
            "{}",
            district.confirmed
        );
        assert_eq!(district.epi.isolated(), 0.0);
        assert_eq!(district.epi.qr, 50.0);
        assert!((district.quarantine_recovered_waiting - (50.0 - found)).abs() < 1e-9);
    }

    /// Positives come from the still infectious and from those who got better while they
    /// waited, in proportion: 10 of 60 ill and 40 recovered are 6 and 4.
    #[test]
    fn positives_split_in_proportion() {
        let mut ex = small(Mode::Expected, "lab.kind: Warehouse");
        let district = &mut ex.districts[0];
        district.epi.s -= 100.0;
        district.epi.qi = Infected::new_at(60.0, 0.0).with_onset(0.0);
        district.epi.qr = 40.0;
        district.quarantine_recovered_waiting = 40.0;
        ex.quarantine_results(0, 10.0, 10.0);
        let district = &ex.districts[0];
        assert!(
            (district.epi.xi.n - 6.0).abs() < 1e-9,
            "{}",
            district.epi.xi.n
        );
        assert!((district.quarantine_recovered_waiting - 36.0).abs() < 1e-9);
        assert!((district.confirmed - 10.0).abs() < 1e-9);
    }

    /// A laboratory short of capacity runs the swabs of the ill in quarantine before older
    /// samples from the field.
    #[test]
    fn quarantine_swabs_go_before_the_field_samples() {
        // 2,000 tests a day: a hundredth of a day runs 20.
        let mut ex = ill_in_quarantine("surveillance.lab_turnaround: \"0m\"");
        ex.lab_queue.push_back(Samples {
            taken_at: 0,
            district: 1,
            count: 100.0,
            positive: 0.0,
            pool: 1,
        });
        ex.check_quarantined(0.25);
        let swabbed = ex.districts[0].quarantine_swabs_out;
        assert!(swabbed > 20.0);
        ex.laboratories(0.01);
        assert!((ex.districts[0].confirmed - 0.9 * 20.0).abs() < 1e-9);
        assert_eq!(
            ex.lab_queue.front().unwrap().count,
            100.0,
            "the field waits"
        );
    }

    /// In a random run the positives split into whole people between the still infectious and
    /// those who got better while they waited (a half person left in quarantine broke a later
    /// draw in Korea's hindcast).
    #[test]
    fn positives_split_into_whole_people() {
        for seed in 0..20 {
            let mut ex = small(Mode::Stochastic, "lab.kind: Warehouse");
            ex.streams = super::super::Streams::new(seed);
            let district = &mut ex.districts[0];
            district.epi.s -= 10.0;
            district.epi.qi = Infected::new_at(7.0, 0.0).with_onset(0.0);
            district.epi.qr = 3.0;
            district.quarantine_recovered_waiting = 3.0;
            ex.quarantine_results(0, 5.0, 5.0);
            let district = &ex.districts[0];
            for value in [
                district.epi.qi.n,
                district.epi.xi.n,
                district.quarantine_recovered_waiting,
                district.confirmed,
            ] {
                assert_eq!(value.fract(), 0.0, "seed {seed}: {value}");
            }
            assert_eq!(district.confirmed, 5.0, "seed {seed}");
            assert_eq!(district.epi.qi.n + district.epi.xi.n, 7.0, "seed {seed}");
        }
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
