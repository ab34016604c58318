//! Detection and testing: people with symptoms who seek care at fever clinics, testing teams
//! in the field, laboratories, and what a confirmed case sets in motion.
//!
//! - Fever clinics see `care_seeking` of the symptomatic after `care_seeking_delay_days` on
//!   average (a gamma delay, `care_seeking.rs`), and the worried well (`worried_well_per_100k` a day, more under unanswered
//!   rumours), up to their daily capacity (less disorder) and one test kit per person tested
//!   (`surveillance.test_kit`, by default the supply testing units consume). Those they cannot
//!   see are turned away: the queue strains trust and crowds the clinics.
//! - Testing units take one sample per unit of work and one kit per sample, among everyone
//!   moving about the district. Samples go to the laboratories (facilities of kind
//!   `TestingSite`), which process their daily capacity in the order samples arrive; a sample
//!   not processed within `SAMPLE_SHELF_LIFE_MINUTES` spoils. With no laboratory in the
//!   scenario, tests are read on site (rapid tests).
//! - What a swab can find (the PCR window) is `pcr.rs`. Positive people are isolated at home
//!   until a transfer; their contacts are named.

use std::collections::VecDeque;

use super::care::Found;
use super::epidemic::{Infected, Sampler};
use super::units::Offers;
use super::{Audience, EventKind, Exercise};
use crate::scenario::{FacilityKind, Scenario, UnitRole};

/// How long a swab keeps before a laboratory must process it, in minutes (US CDC interim
/// guidelines for clinical specimens: store at 2–8 °C for up to 72 hours).
pub(crate) const SAMPLE_SHELF_LIFE_MINUTES: u32 = 72 * 60;
/// Disorder added at fever clinics per day when every care-seeker is turned away (crowding
/// turns into scuffles); patrols bring it down.
pub(crate) const CROWDING_DISORDER_PER_DAY: f64 = 0.1;
/// Extra visits by the worried well per unit of unanswered rumour reach: a rumour reaching
/// the whole district doubles them (illustrative).
pub(crate) const RUMOUR_WORRIED_WELL: f64 = 1.0;

/// Who comes to the clinics from one district in a step: ill people not named as contacts and
/// named ones, recovered people still shedding, and when the ill fell ill (mean minute).
struct Seekers {
    free: f64,
    named: f64,
    recovered: f64,
    onset_at: f64,
    recovered_onset_at: f64,
}

impl Seekers {
    fn total(&self) -> f64 {
        self.free + self.named + self.recovered
    }
}

/// Samples taken in one district at one time, waiting for a laboratory.
#[derive(Debug, Clone)]
pub(crate) struct Samples {
    pub taken_at: u32,
    pub district: usize,
    pub count: f64,
    pub positive: f64,
    /// People whose samples share a tube (`testing_rounds.rs`); 1: one each.
    pub pool: u32,
}

impl Samples {
    /// Tubes with at least one positive sample when `done` samples, `positive` of them
    /// positive, are pooled `pool` to a tube at random: tubes × (1 − (1 − 1/tubes)^positive).
    fn positive_tubes(pool: u32, done: f64, positive: f64) -> f64 {
        let tubes = done / f64::from(pool);
        if tubes <= 1.0 {
            return positive.min(1.0).min(tubes.ceil());
        }
        tubes * (1.0 - (1.0 - 1.0 / tubes).powf(positive))
    }
}

/// Takes the batches at the front of a queue that waited past their shelf life.
fn spoilt(queue: &mut VecDeque<Samples>, now: u32) -> Vec<Samples> {
    let mut lost = Vec::new();
    while queue
        .front()
        .is_some_and(|s| now.saturating_sub(s.taken_at) > SAMPLE_SHELF_LIFE_MINUTES)
    {
        lost.extend(queue.pop_front());
    }
    lost
}

/// The supply a clinic test uses: the scenario's `test_kit`, else what testing units consume.
pub(crate) fn test_kit(scenario: &Scenario) -> Option<String> {
    scenario
        .surveillance
        .test_kit
        .as_ref()
        .map(|k| k.name.clone())
        .or_else(|| {
            scenario
                .resource_types
                .iter()
                .find(|r| r.role == UnitRole::Testing)
                .and_then(|r| r.consumes.as_ref())
                .map(|s| s.name.clone())
        })
}

impl Exercise {
    /// Passive detection: the symptomatic who come to fever clinics, as far as capacity and
    /// kits allow.
    pub(crate) fn clinics(&mut self, dt: f64) {
        let scenario = self.scenario.clone();
        let surveillance = &scenario.surveillance;
        let kit = self.derived.test_kit.clone();
        let mut clinics = Vec::new();
        let mut capacity = 0.0;
        for (f, facility) in scenario.facilities.iter().enumerate() {
            if facility.kind != FacilityKind::FeverClinic {
                continue;
            }
            let mut can =
                self.daily_capacity(f) * dt * (1.0 - self.facilities[f].disorder).max(0.0);
            if let Some(kit) = &kit {
                can = can.min(self.stock(f, kit) as f64);
            }
            capacity += can;
            clinics.push((f, can));
        }
        let comers = self.care_seekers();
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        // The ill who come are named contacts or not, in proportion.
        let seekers: Vec<Seekers> = self
            .districts
            .iter()
            .zip(&comers)
            .map(|(d, c)| {
                let [free, named] = sampler.pick(c.ill, [d.epi.i.n, d.epi.ni.n]);
                Seekers {
                    free,
                    named,
                    recovered: c.recovered,
                    onset_at: c.ill_onset_at,
                    recovered_onset_at: c.recovered_onset_at,
                }
            })
            .collect();
        // People with other fevers (more where rumours run unanswered) queue with them; they
        // test negative but use the clinic's time and kits.
        let worried_well: Vec<f64> = self
            .districts
            .iter()
            .zip(&self.derived.nodes)
            .map(|(d, node)| {
                let visits = surveillance.worried_well_per_100k * node.population / 100_000.0
                    * (1.0 + RUMOUR_WORRIED_WELL * d.rumour)
                    * dt;
                if self.mode == super::Mode::Stochastic {
                    visits.round()
                } else {
                    visits
                }
            })
            .collect();
        let total: f64 =
            seekers.iter().map(Seekers::total).sum::<f64>() + worried_well.iter().sum::<f64>();
        if total <= 0.0 {
            for d in &mut self.districts {
                d.clinic_queue = 0.0;
            }
            return;
        }
        let served = (capacity / total).min(1.0);
        let sensitivity = surveillance.test_sensitivity.get();
        let mut tested_all = 0.0;
        let mut confirmed = Vec::new();
        for (d, seeker) in seekers.iter().enumerate() {
            let tested = (
                sampler.binomial(seeker.free, served),
                sampler.binomial(seeker.named, served),
                sampler.binomial(seeker.recovered, served),
            );
            let others = sampler.binomial(worried_well[d], served);
            let came = seeker.total() + worried_well[d];
            let turned_away = came - tested.0 - tested.1 - tested.2 - others;
            tested_all += tested.0 + tested.1 + tested.2 + others;
            self.totals.care_seekers_turned_away += turned_away;
            let district = &mut self.districts[d];
            district.clinic_queue = if came > 0.0 { turned_away / came } else { 0.0 };
            let positive = (
                sampler.binomial(tested.0, sensitivity),
                sampler.binomial(tested.1, sensitivity),
                sampler.binomial(tested.2, sensitivity),
            );
            // Their symptoms began when their cohort's did, not at the compartment's mean.
            let from_free = district.epi.i.take(positive.0).with_onset(seeker.onset_at);
            let from_named = district.epi.ni.take(positive.1).with_onset(seeker.onset_at);
            district.epi.shedding = (district.epi.shedding - positive.2).max(0.0);
            district.named_gone += from_named.n;
            // Recovered, they are not isolated; they fell ill an incubation after infection.
            let incubation_minutes = scenario.pathogen.latent_days.get() * 1440.0;
            let recovered =
                Infected::new_at(positive.2, seeker.recovered_onset_at - incubation_minutes)
                    .with_onset(seeker.recovered_onset_at);
            confirmed.push((d, from_free, from_named, recovered));
        }
        self.totals.tests_done += tested_all;
        let turned_away_share = 1.0 - served;
        for (f, can) in clinics {
            if let Some(kit) = &kit
                && capacity > 0.0
            {
                let used = (tested_all * can / capacity).round();
                self.take_from(f, kit, used);
            }
            let disorder = &mut self.facilities[f].disorder;
            *disorder = (*disorder + CROWDING_DISORDER_PER_DAY * turned_away_share * dt).min(1.0);
        }
        for (d, from_free, from_named, recovered) in confirmed {
            for cases in [from_free, from_named] {
                self.isolate_confirmed(d, cases, true, Found::Clinic);
            }
            if recovered.n > 0.0 {
                self.confirm(d, recovered, Found::Clinic, true);
            }
        }
    }

    /// Whether swabs go to laboratories (else tests are read on site).
    pub(crate) fn has_laboratories(&self) -> bool {
        self.scenario
            .facilities
            .iter()
            .any(|f| f.kind == FacilityKind::TestingSite)
    }

    /// Testing units take samples where they work; without laboratories they read them on site.
    pub(crate) fn field_testing(&mut self, offers: &Offers) {
        let has_labs = self.has_laboratories();
        let sensitivity = self.scenario.surveillance.test_sensitivity.get();
        for d in 0..self.districts.len() {
            if offers.total(d, &UnitRole::Testing) <= 0.0 {
                continue;
            }
            let mobile = self.districts[d].epi.mobile();
            let wanted = self.round_sample_limit(d, mobile);
            let samples = self.do_work(offers, d, &UnitRole::Testing, wanted);
            let samples = if self.mode == super::Mode::Stochastic {
                samples.floor()
            } else {
                samples
            };
            if samples <= 0.0 {
                continue;
            }
            self.totals.samples_taken += samples;
            let pool = self.count_round_samples(d, samples);
            let detectable: f64 = self.districts[d]
                .epi
                .detectable(self.derived.pcr)
                .iter()
                .sum();
            let prevalence = detectable / mobile.max(1.0);
            let mut sampler = Sampler {
                mode: self.mode,
                rng: &mut self.streams.detection,
            };
            let positive = sampler.binomial(samples, (prevalence * sensitivity).min(1.0));
            let batch = Samples {
                taken_at: self.now,
                district: d,
                count: samples,
                positive,
                pool,
            };
            if has_labs {
                self.lab_queue.push_back(batch);
            } else {
                self.totals.tests_done += samples;
                self.positive_swabs(batch.district, batch.positive, self.derived.pcr);
            }
        }
    }

    /// Laboratories process samples in the order they came, the swabs of the ill in quarantine
    /// first (as key groups' were), none before its turnaround; old ones spoil.
    pub(crate) fn laboratories(&mut self, dt: f64) {
        let now = self.now;
        let turnaround = self.scenario.surveillance.lab_turnaround.get();
        for lost in spoilt(&mut self.lab_queue, now) {
            self.totals.samples_lost += lost.count;
        }
        for lost in spoilt(&mut self.quarantine_lab_queue, now) {
            self.totals.samples_lost += lost.count;
            self.quarantine_swabs_lost(lost.district, lost.count);
        }
        let mut capacity: f64 = self
            .scenario
            .facilities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FacilityKind::TestingSite)
            .map(|(f, _)| {
                self.daily_capacity(f) * dt * (1.0 - self.facilities[f].disorder).max(0.0)
            })
            .sum();
        // (district, samples done, positive, from quarantine)
        let mut results: Vec<(usize, f64, f64, bool)> = Vec::new();
        let mut queues = [
            std::mem::take(&mut self.quarantine_lab_queue),
            std::mem::take(&mut self.lab_queue),
        ];
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        // (which queue, batch): positive tubes tested again, alone, before the next batch.
        let mut retests: Vec<(usize, Samples)> = Vec::new();
        // Each queue is in the order samples were taken (retests, older, go to its front), so
        // the first ready batch is at a front.
        let ready = |queue: &VecDeque<Samples>| {
            queue
                .front()
                .is_some_and(|s| now.saturating_sub(s.taken_at) >= turnaround)
        };
        while capacity > 1e-9 {
            let Some(which) = (0..queues.len()).find(|&q| ready(&queues[q])) else {
                break;
            };
            let queue = &mut queues[which];
            let Some(front) = queue.front_mut() else {
                break;
            };
            let pool = f64::from(front.pool.max(1));
            let done = front.count.min(capacity * pool);
            // Whole samples in a random run; what is left of a batch goes whole, so a part of
            // a sample never stops the queue.
            let done = if self.mode == super::Mode::Stochastic && done < front.count {
                done.floor()
            } else {
                done
            };
            if done <= 0.0 {
                break;
            }
            let positive = if done >= front.count {
                front.positive
            } else {
                sampler.binomial(front.positive, done / front.count)
            };
            front.count -= done;
            front.positive -= positive;
            capacity -= done / pool;
            self.totals.tests_done += done / pool;
            if front.pool > 1 {
                let tubes = Samples::positive_tubes(front.pool, done, positive);
                let tubes = if self.mode == super::Mode::Stochastic {
                    tubes.ceil()
                } else {
                    tubes
                };
                if tubes > 0.0 {
                    let retest = Samples {
                        taken_at: front.taken_at,
                        district: front.district,
                        count: (tubes * pool).min(done),
                        positive,
                        pool: 1,
                    };
                    retests.push((which, retest));
                }
            } else {
                results.push((front.district, done, positive, which == 0));
            }
            if front.count <= 1e-9 {
                queue.pop_front();
            }
        }
        for (which, batch) in retests.into_iter().rev() {
            queues[which].push_front(batch);
        }
        let [quarantine, others] = queues;
        self.quarantine_lab_queue = quarantine;
        self.lab_queue = others;
        let window = self.derived.pcr;
        for (d, done, positive, from_quarantine) in results {
            if from_quarantine {
                self.quarantine_results(d, done, positive);
            } else {
                self.positive_swabs(d, positive, window);
            }
        }
    }

    /// Puts confirmed people into isolation at home and confirms them.
    pub(crate) fn isolate_confirmed(
        &mut self,
        d: usize,
        cases: Infected,
        symptomatic: bool,
        found: Found,
    ) {
        if cases.n <= 0.0 {
            return;
        }
        let epi = &mut self.districts[d].epi;
        if symptomatic {
            epi.xi.add(cases);
        } else {
            epi.xa.add(cases);
        }
        self.districts[d].isolate_at_home(self.now, cases);
        self.confirm(d, cases, found, symptomatic);
    }

    /// Confirmed cases: counted, timed, reported, and (for cases who moved about) their
    /// contacts named at the end of the step.
    pub(crate) fn confirm(&mut self, d: usize, cases: Infected, found: Found, symptomatic: bool) {
        // A district office that conceals keeps part of them off the books (`red.rs`).
        let cases = self.withhold(d, cases, found);
        if cases.n <= 0.0 {
            return;
        }
        let now = f64::from(self.now);
        let before = self.districts[d].confirmed;
        self.districts[d].confirmed += cases.n;
        self.class_confirmed(d, cases.n, symptomatic);
        if found != Found::Reported {
            self.totals
                .infection_to_isolation
                .add(cases.n, (now - cases.infected_at) / 1440.0);
            if symptomatic {
                let onset = (now - cases.onset_at) / 1440.0;
                self.onset_to_isolation.add(cases.n, cases.onset_at, onset);
                if matches!(found, Found::Tracing | Found::Quarantine) {
                    self.onset_to_isolation_traced
                        .add(cases.n, cases.onset_at, onset);
                }
            }
        }
        match found {
            Found::Quarantine => self.totals.confirmed_from_quarantine += cases.n,
            Found::Tracing => self.totals.confirmed_on_tracing += cases.n,
            _ => {}
        }
        if found.names_contacts() {
            self.interview_later(d, cases);
        }
        // Announced and reported per whole case: in expected mode counts grow by fractions,
        // which must not each make a report due.
        let whole = super::step::whole_crossed(before, self.districts[d].confirmed);
        if whole > 0 {
            let district = self.derived.nodes[d].id.clone();
            self.emit(
                Audience::Control,
                EventKind::CasesConfirmed {
                    district,
                    count: whole,
                },
            );
            self.open_reports(&crate::scenario::ReportTrigger::CaseConfirmed);
        }
    }

    /// Confirmed cases are interviewed `interview_delay` after confirmation.
    pub(crate) fn interview_later(&mut self, d: usize, cases: Infected) {
        if cases.n <= 0.0 {
            return;
        }
        let due = self
            .now
            .saturating_add(self.scenario.surveillance.interview_delay.get());
        let infectees_infected_at = self.infectees_infected_at(&cases);
        self.pending_names.push(super::tracing::Interview {
            district: d,
            cases: cases.n,
            infectees_infected_at,
            due,
        });
    }

    /// Cases whose interview is due name their contacts now, for tracers to reach from the
    /// next step on (and after the notification delay).
    pub(crate) fn name_pending_contacts(&mut self) {
        let now = self.now;
        let mut due = Vec::new();
        self.pending_names.retain(|interview| {
            if interview.due <= now {
                due.push(*interview);
            }
            interview.due > now
        });
        for interview in due {
            self.name_case_contacts(
                interview.district,
                interview.cases,
                interview.infectees_infected_at,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    fn sick_district(extra: &str) -> crate::sim::Exercise {
        let mut ex = small(Mode::Expected, extra);
        ex.districts[0].epi.i = crate::sim::Infected::new_at(2000.0, 0.0);
        ex.districts[0].epi.s -= 2000.0;
        ex
    }

    /// A district of 2,000 ill, whose symptoms began two days ago, on their way to a clinic.
    fn ill_for_two_days(extra: &str) -> crate::sim::Exercise {
        let mut ex = sick_district(extra);
        ex.fell_ill(0, 0, 2000.0);
        ex.now = 2 * 1440;
        ex
    }

    /// Clinic capacity binds: a smaller clinic turns people away and finds fewer cases.
    #[test]
    fn a_small_clinic_turns_people_away_and_finds_fewer() {
        let found = |capacity: u32| {
            let mut ex = ill_for_two_days(&format!("clinic.daily_capacity: {capacity}"));
            ex.clinics(0.25);
            (
                ex.districts[0].confirmed,
                ex.totals.care_seekers_turned_away,
            )
        };
        let (big, big_away) = found(10_000);
        let (small_found, small_away) = found(20);
        assert_eq!(big_away, 0.0);
        assert!(small_found < big / 4.0, "{small_found} vs {big}");
        assert!(small_away > 0.0);
    }

    /// People turned away crowd the clinic: its disorder grows with the share turned away,
    /// and a clinic that serves everyone stays calm.
    #[test]
    fn a_clinic_that_turns_people_away_grows_disorderly() {
        let disorder = |capacity: u32| {
            let mut ex = ill_for_two_days(&format!("clinic.daily_capacity: {capacity}"));
            ex.clinics(0.25);
            ex.facilities[1].disorder
        };
        assert_eq!(disorder(10_000), 0.0);
        let crowded = disorder(20);
        assert!(
            crowded > 0.0 && crowded <= super::CROWDING_DISORDER_PER_DAY * 0.25,
            "{crowded}"
        );
    }

    /// The delay from infection to isolation is counted in days: cases infected two days
    /// before the clinic finds them add two days each.
    #[test]
    fn the_delay_to_isolation_is_counted_in_days() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].epi.i = crate::sim::Infected::new_at(2000.0, 1440.0);
        ex.districts[0].epi.s -= 2000.0;
        ex.fell_ill(0, 1440, 2000.0);
        ex.now = 3 * 1440;
        ex.clinics(0.25);
        assert!(ex.districts[0].confirmed > 0.0);
        let mean = ex.totals.infection_to_isolation.mean().unwrap();
        assert!((mean - 2.0).abs() < 1e-9, "{mean}");
        // Their symptoms began with their cohort's, two days before too.
        ex.now += crate::sim::onset_cohorts::COMPLETE_AFTER_DAYS * 1440;
        let onset = ex.onset_to_isolation_days().0.unwrap();
        assert!((onset - 2.0).abs() < 1e-9, "{onset}");
    }

    /// No kit, no test: a clinic without kits finds nobody.
    #[test]
    fn a_clinic_without_kits_tests_nobody() {
        let mut ex = sick_district(r#"clinic.stock: {"kits": 0}"#);
        ex.clinics(0.25);
        assert_eq!(ex.districts[0].confirmed, 0.0);
    }

    /// A clinic without kits finds nobody, so only the testing team finds cases.
    const NO_CLINIC: &str = r#"clinic.stock: {"kits": 0}"#;

    fn field_tests(extra: &str, days: u32) -> crate::sim::Exercise {
        let mut ex = sick_district(extra);
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "testers", to: "north", work: "5d")"#,
        ))
        .unwrap();
        ex.advance(days * 24 * 60);
        ex
    }

    /// Laboratory throughput binds: with a slow laboratory, samples wait and spoil.
    #[test]
    fn a_slow_laboratory_lets_samples_spoil() {
        let quick = field_tests(NO_CLINIC, 4);
        let slow = field_tests(&format!("{NO_CLINIC}\nlab.daily_capacity: 20"), 4);
        assert_eq!(quick.totals.samples_lost, 0.0);
        assert!(slow.totals.samples_lost > 0.0);
        assert!(slow.totals.tests_done < quick.totals.tests_done / 2.0);
        assert!(
            slow.districts[0].confirmed < quick.districts[0].confirmed,
            "{} vs {}",
            slow.districts[0].confirmed,
            quick.districts[0].confirmed
        );
    }

    /// A swab keeps 72 hours: one waiting 71 hours is still tested, one waiting 73 is lost.
    #[test]
    fn samples_keep_for_their_shelf_life_and_no_longer() {
        let mut ex = small(Mode::Expected, "");
        ex.advance(4 * 24 * 60);
        let now = ex.now();
        for hours in [73, 71] {
            ex.lab_queue.push_back(super::Samples {
                taken_at: now - hours * 60,
                district: 0,
                count: 10.0,
                positive: 0.0,
                pool: 1,
            });
        }
        let done = ex.totals.tests_done;
        ex.laboratories(1.0);
        assert_eq!(ex.totals.samples_lost, 10.0);
        assert_eq!(ex.totals.tests_done - done, 10.0);
    }

    /// A laboratory that gets through part of a batch finds its share of the positives; the
    /// rest of the batch waits, with the rest of its positives.
    #[test]
    fn part_of_a_batch_tested_finds_its_share_of_positives() {
        let mut ex = small(Mode::Expected, "surveillance.lab_turnaround: \"0m\"");
        ex.lab_queue.push_back(super::Samples {
            taken_at: 0,
            district: 0,
            count: 100.0,
            positive: 50.0,
            pool: 1,
        });
        // 2000 samples a day: a fiftieth of a day tests 40.
        ex.laboratories(0.02);
        let left = ex.lab_queue.front().unwrap();
        assert!((left.count - 60.0).abs() < 1e-9, "{}", left.count);
        assert!((left.positive - 30.0).abs() < 1e-9, "{}", left.positive);
    }

    /// Kits bind: a testing team with few kits takes few samples.
    #[test]
    fn testing_teams_take_one_kit_per_sample() {
        let many = field_tests(NO_CLINIC, 2);
        let few = field_tests(
            &format!("{NO_CLINIC}\nlab.stock: {{\"kits\": 30}}\ndepot.stock: {{\"kits\": 0}}"),
            2,
        );
        assert_eq!(few.totals.samples_taken, 30.0);
        assert!(many.totals.samples_taken > 100.0);
    }

    /// A case found at a clinic names its contacts at the end of the step (tracers reach them
    /// from the next step); a case an inject confirms names none of its own.
    #[test]
    fn cases_found_while_moving_about_name_their_contacts() {
        let mut ex = ill_for_two_days(
            "surveillance.contacts_per_case: 10.0\nsurveillance.traceable_share: 0.5",
        );
        ex.clinics(0.25);
        let found = ex.districts[0].confirmed;
        assert!(found > 0.0);
        assert_eq!(
            ex.totals.contacts_named, 0.0,
            "named at the end of the step"
        );
        ex.name_pending_contacts();
        // The household (2.62 − 1 people) all, half the other 8.38.
        let per_case = 1.62 + 8.38 * 0.5;
        assert!((ex.totals.contacts_named - found * per_case).abs() < 1e-6);
        let mut reported = small(Mode::Expected, "");
        reported.seed_cases(0, 4.0, false, true);
        reported.name_pending_contacts();
        assert_eq!(reported.totals.contacts_named, 0.0);
        assert_eq!(reported.districts[0].confirmed, 4.0);
        assert_eq!(reported.totals.scripted_infections, 4.0);
    }
}
