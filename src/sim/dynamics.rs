//! What the clock does: units travel and work, supplies arrive, and each epidemic step moves
//! people between compartments, detects and traces cases, and moves public trust.
//! The equations are documented in `epidemic.rs`.

use super::epidemic::{Chance, RepeatedChance, Sampler, prob};
use super::{Audience, ContactBatch, EventKind, Exercise, Place, UnitStatus};
use crate::scenario::{ControlLevel, FacilityKind, MeasureEffect, Minutes, Scenario, UnitRole};

/// Days a quarantined contact stays in quarantine on average.
const QUARANTINE_DAYS: f64 = 14.0;
/// Contacts not reached within this many minutes are lost to tracing.
const CONTACT_EXPIRY: u32 = 14 * 24 * 60;
/// Transmission weights of people who stay home (after Covasim's defaults).
const QUARANTINE_HOME: f64 = 0.6;
const QUARANTINE_SITE: f64 = 0.1;
const ISOLATION_HOME: f64 = 0.3;
const ISOLATION_SITE: f64 = 0.02;

/// The pathogen's chances per step: fixed for a whole exercise (the scenario and its step do
/// not change), so worked out once.
pub(crate) struct PathogenChances {
    latent: RepeatedChance,
    recover: RepeatedChance,
    discharge: RepeatedChance,
    release: RepeatedChance,
    asymptomatic: RepeatedChance,
    hospitalised: RepeatedChance,
    fatal: RepeatedChance,
    fatal_without_bed: RepeatedChance,
}

impl PathogenChances {
    pub(crate) fn new(scenario: &Scenario) -> PathogenChances {
        let dt = Minutes(scenario.meta.time_step.get()).days();
        let p = &scenario.pathogen;
        let stay = p.hospital_days.get() * (1.0 - p.icu_share.get())
            + p.icu_days.get() * p.icu_share.get();
        let rate = |per_day: f64| RepeatedChance::new(Chance::of_rate(per_day, dt));
        let share = |p: f64| RepeatedChance::new(Chance::new(p));
        PathogenChances {
            latent: rate(1.0 / p.latent_days.get()),
            recover: rate(1.0 / p.infectious_days.get()),
            discharge: rate(1.0 / stay),
            release: rate(1.0 / QUARANTINE_DAYS),
            asymptomatic: share(p.asymptomatic_share.get()),
            hospitalised: share(p.hospitalisation_rate.get()),
            fatal: share(p.fatality_rate.get()),
            fatal_without_bed: share(p.fatality_rate.get() * p.overflow_fatality_factor.get()),
        }
    }
}

/// Per-district working arrays of the epidemic step, kept between steps so that a step
/// allocates nothing once the first one has sized them.
#[derive(Default)]
pub(crate) struct StepBuffers {
    work: Vec<Work>,
    factors: Vec<(f64, f64)>,
    scaled_mobility: Vec<Travel>,
    home_share: Vec<f64>,
    infectious_present: Vec<f64>,
    people_present: Vec<f64>,
    hazard_at: Vec<f64>,
    new_hospital_needs: Vec<f64>,
    confirmed_now: Vec<f64>,
    confirmed_from_quarantine: Vec<f64>,
    deaths: Vec<f64>,
}

/// Where a district's residents spend the day away from home: (destination, share).
type Travel = Vec<(usize, f64)>;

/// The share of a district's residents staying home, from its (destination, share) list.
fn home_share_of(row: &[(usize, f64)]) -> f64 {
    (1.0 - row.iter().map(|&(_, v)| v).sum::<f64>()).max(0.0)
}

pub(crate) fn home_shares(mobility: &[Travel]) -> Vec<f64> {
    mobility.iter().map(|row| home_share_of(row)).collect()
}

/// Empties `v` and fills it with `n` zeros, keeping its allocation.
fn zeroed<T: Default + Clone>(v: &mut Vec<T>, n: usize) {
    v.clear();
    v.resize(n, T::default());
}

/// Work done by units during one step, per district.
#[derive(Default, Clone)]
struct Work {
    tracing: f64,
    samples: f64,
    transfers: f64,
    patrol: f64,
    support: f64,
    disinfection: f64,
}

impl Exercise {
    fn measure(&self, level: &ControlLevel) -> Option<&MeasureEffect> {
        match level {
            ControlLevel::Normal => None,
            ControlLevel::Enhanced => Some(&self.scenario.measures.enhanced),
            ControlLevel::Closed => Some(&self.scenario.measures.closed),
        }
    }

    /// Share of residents following measures, from public trust.
    pub fn compliance(&self, district: usize) -> f64 {
        let p = &self.scenario.public;
        let t = self.districts[district].trust;
        p.compliance_at_zero_trust.get()
            + (p.compliance_at_full_trust.get() - p.compliance_at_zero_trust.get()) * t
    }

    /// (contact factor, mobility factor) of a district under its measures and compliance.
    fn factors(&self, district: usize) -> (f64, f64) {
        match self.measure(&self.districts[district].level) {
            None => (1.0, 1.0),
            Some(m) => {
                let c = self.compliance(district);
                (
                    1.0 - c * (1.0 - m.contact_factor.get()),
                    1.0 - c * (1.0 - m.mobility_factor.get()),
                )
            }
        }
    }

    /// Moves units whose trip or work ends now.
    pub(crate) fn move_units(&mut self) {
        let now = self.now;
        for n in 0..self.units.len() {
            match self.units[n].status.clone() {
                UnitStatus::Travelling {
                    to, arrive, work, ..
                } if arrive <= now => {
                    let name = self.place_name(to);
                    let id = self.units[n].id.clone();
                    if let Some((supply, quantity)) = self.units[n].cargo.take() {
                        if let Place::Facility(f) = to {
                            *self.facilities[f].stock.entry(supply.clone()).or_default() +=
                                quantity;
                        }
                        let audience = self.unit_audience(n);
                        self.emit(
                            audience,
                            EventKind::Delivered {
                                unit: id,
                                supply,
                                quantity,
                                to: name,
                            },
                        );
                        self.start_return(n);
                    } else {
                        self.units[n].status = UnitStatus::Working {
                            place: to,
                            since: now,
                            until: now.saturating_add(work),
                        };
                        self.units[n].accrued_until = now;
                        let audience = self.unit_audience(n);
                        self.emit(
                            audience,
                            EventKind::UnitArrived {
                                unit: id,
                                at_place: name,
                            },
                        );
                    }
                }
                UnitStatus::Working { place, until, .. } if until <= now => {
                    self.accrue(n);
                    let audience = self.unit_audience(n);
                    let unit = self.units[n].id.clone();
                    self.emit(
                        audience,
                        EventKind::UnitFinished {
                            unit,
                            at_place: self.place_name(place),
                        },
                    );
                    self.start_return(n);
                }
                UnitStatus::Returning { arrive, .. } if arrive <= now => {
                    self.units[n].status = UnitStatus::AtBase;
                    let audience = self.unit_audience(n);
                    let unit = self.units[n].id.clone();
                    self.emit(audience, EventKind::UnitReturned { unit });
                }
                _ => {}
            }
        }
    }

    /// Teams that follow a unit: its agency's team and a borrower.
    pub(crate) fn unit_audience(&self, n: usize) -> Audience {
        let u = &self.units[n];
        let mut teams: Vec<String> = self
            .scenario
            .team_of_agency(&u.agency)
            .map(|t| t.id.name.clone())
            .into_iter()
            .collect();
        if let Some(borrower) = &u.loaned_to
            && !teams.contains(borrower)
        {
            teams.push(borrower.clone());
        }
        Audience::Teams(teams)
    }

    pub(crate) fn start_return(&mut self, n: usize) {
        let from = self.unit_position(n);
        let speed = self.scenario.resource_types[self.units[n].resource]
            .speed_kmh
            .get();
        let base = self.units[n].base;
        let arrive = self
            .now
            .saturating_add(self.travel_minutes(from, base, speed));
        self.units[n].status = UnitStatus::Returning {
            from: (from.x, from.y),
            depart: self.now,
            arrive,
        };
    }

    /// Adds the minutes a working unit has worked since it was last counted.
    pub(crate) fn accrue(&mut self, n: usize) {
        if let UnitStatus::Working {
            place,
            since,
            until,
        } = self.units[n].status
        {
            let from = self.units[n].accrued_until.max(since);
            let to = self.now.min(until);
            if to > from {
                self.pending_work.push((n, place, f64::from(to - from)));
            }
            self.units[n].accrued_until = to.max(from);
        }
    }

    /// Regular deliveries to the reserve, unless held back by a supply delay.
    pub(crate) fn resupply(&mut self) {
        let now = self.now;
        if now == 0 {
            return;
        }
        for supply in self.scenario.clone().supplies.iter() {
            let held_until = self
                .supply_delays
                .get(supply.id.as_str())
                .copied()
                .unwrap_or(0);
            for resupply in &supply.resupply {
                if !now.is_multiple_of(resupply.every.get().max(1)) || now < held_until {
                    continue;
                }
                if let Some(&f) = self.derived.facility_index.get(resupply.to.as_str()) {
                    *self.facilities[f]
                        .stock
                        .entry(supply.id.name.clone())
                        .or_default() += resupply.quantity;
                    self.emit(
                        Audience::Control,
                        EventKind::Resupplied {
                            facility: resupply.to.name.clone(),
                            supply: supply.id.name.clone(),
                            quantity: resupply.quantity,
                        },
                    );
                }
            }
        }
    }

    /// Takes up to `wanted` items of a supply for a unit: from its base facility, else from a
    /// facility in the district where it works. Returns what it got.
    fn take_supply(&mut self, unit: usize, district: usize, supply: &str, wanted: f64) -> f64 {
        let mut sources: Vec<usize> = Vec::new();
        if let Place::Facility(f) = self.units[unit].base {
            sources.push(f);
        }
        for (f, facility) in self.scenario.facilities.iter().enumerate() {
            if self.derived.district_index.get(facility.district.as_str()) == Some(&district)
                && !sources.contains(&f)
            {
                sources.push(f);
            }
        }
        let mut got = 0.0;
        for f in sources {
            let Some(stock) = self.facilities[f].stock.get_mut(supply) else {
                continue;
            };
            let take = (wanted - got).min(*stock as f64).floor().max(0.0);
            *stock -= take as u64;
            got += take;
            if *stock == 0 && take > 0.0 {
                self.note_stock_out(f, supply);
            }
            if got >= wanted {
                break;
            }
        }
        got
    }

    /// A facility just ran out of a supply: counted (city and facility) and announced.
    fn note_stock_out(&mut self, f: usize, supply: &str) {
        self.totals.stock_outs += 1;
        self.facilities[f].stock_outs += 1;
        let facility = self.scenario.facilities[f].id.name.clone();
        self.emit(
            Audience::Everyone,
            EventKind::StockOut {
                facility,
                supply: supply.to_string(),
            },
        );
    }

    /// Collects the work of every unit over the step just ended, per district.
    fn collect_work(&mut self, work: &mut Vec<Work>) {
        zeroed(work, self.districts.len());
        for n in 0..self.units.len() {
            self.accrue(n);
        }
        for (n, place, minutes) in std::mem::take(&mut self.pending_work) {
            let district = self.place_district(place);
            let scenario = self.scenario.clone();
            let resource = &scenario.resource_types[self.units[n].resource];
            let mut amount =
                minutes / f64::from(resource.shift.get().max(1)) * f64::from(resource.capacity);
            if let Some(supply) = &resource.consumes {
                let got = self.take_supply(n, district, supply.as_str(), amount.ceil());
                if got < amount {
                    let unit = self.units[n].id.clone();
                    let audience = self.unit_audience(n);
                    self.emit(
                        audience,
                        EventKind::UnitIdle {
                            unit,
                            reason: format!("short of {supply}: {got} of {} needed", amount.ceil()),
                        },
                    );
                }
                amount = amount.min(got);
            }
            let w = &mut work[district];
            match resource.role {
                UnitRole::Tracing => w.tracing += amount,
                UnitRole::Testing => w.samples += amount,
                UnitRole::PatientTransport => w.transfers += amount,
                UnitRole::Patrol => {
                    w.patrol += amount;
                    if let Place::Facility(f) = place {
                        let facility = &mut self.facilities[f];
                        facility.disorder = (facility.disorder - 0.1 * amount).max(0.0);
                    }
                }
                UnitRole::CommunitySupport => w.support += amount,
                UnitRole::Disinfection => w.disinfection += amount,
                UnitRole::Supply => {}
            }
        }
    }

    /// One epidemic step of the scenario's time step, ending now.
    pub(crate) fn epidemic_step(&mut self) {
        let mut buffers = std::mem::take(&mut self.buffers);
        self.epidemic_step_with(&mut buffers);
        self.buffers = buffers;
    }

    fn epidemic_step_with(&mut self, b: &mut StepBuffers) {
        let dt_minutes = self.scenario.meta.time_step.get();
        let dt = Minutes(dt_minutes).days();
        self.collect_work(&mut b.work);
        let work = &b.work;
        let n = self.districts.len();
        let scenario = self.scenario.clone();
        let p = &scenario.pathogen;
        let alpha = p.asymptomatic_infectiousness.get();

        // Where quarantined and isolated people are: sites fill up in order of arrival.
        let site_beds: f64 = self.derived.site_beds;
        let in_sites: f64 = self
            .districts
            .iter()
            .map(|d| d.epi.isolated() - d.epi.x_home)
            .sum();
        let quarantined: f64 = self.districts.iter().map(|d| d.epi.quarantined()).sum();
        let q_site_share = if quarantined > 0.0 {
            ((site_beds - in_sites).max(0.0) / quarantined).min(1.0)
        } else {
            1.0
        };
        let site_disorder = self.site_disorder();
        let q_weight = q_site_share * (QUARANTINE_SITE + 0.5 * site_disorder)
            + (1.0 - q_site_share) * QUARANTINE_HOME;

        // Force of infection (see epidemic.rs).
        b.factors.clear();
        b.factors.extend((0..n).map(|d| self.factors(d)));
        let factors = &b.factors;
        // Mobility with measures applied, kept sparse: (destination, share) off the diagonal,
        // and the share staying home.
        // With no measure cutting travel, the scenario's own lists serve as they are.
        let (m, home_share): (&[Travel], &[f64]) = if factors.iter().all(|f| f.1 == 1.0) {
            (&self.derived.mobility, &self.derived.home_share)
        } else {
            b.scaled_mobility.resize_with(n, Vec::new);
            for (a, (row, scaled)) in self
                .derived
                .mobility
                .iter()
                .zip(&mut b.scaled_mobility)
                .enumerate()
            {
                scaled.clear();
                scaled.extend(
                    row.iter()
                        .map(|&(to, v)| (to, v * factors[a].1 * factors[to].1)),
                );
            }
            b.home_share.clear();
            b.home_share
                .extend(b.scaled_mobility.iter().map(|row| home_share_of(row)));
            (&b.scaled_mobility, &b.home_share)
        };
        zeroed(&mut b.infectious_present, n);
        zeroed(&mut b.people_present, n);
        let (infectious_present, people_present) =
            (&mut b.infectious_present, &mut b.people_present);
        for (k, row) in m.iter().enumerate() {
            let epi = &self.districts[k].epi;
            let mobile_infectious = epi.i + alpha * epi.a;
            let mobile = epi.mobile();
            infectious_present[k] += home_share[k] * mobile_infectious;
            people_present[k] += home_share[k] * mobile;
            for &(j, share) in row {
                infectious_present[j] += share * mobile_infectious;
                people_present[j] += share * mobile;
            }
            let x_site = epi.isolated() - epi.x_home;
            let isolated_weight = if epi.isolated() > 0.0 {
                (epi.x_home * ISOLATION_HOME + x_site * ISOLATION_SITE) / epi.isolated()
            } else {
                0.0
            };
            infectious_present[k] +=
                q_weight * alpha * epi.qa + isolated_weight * (epi.xi + alpha * epi.xa);
            people_present[k] += epi.quarantined() + epi.isolated();
        }
        zeroed(&mut b.hazard_at, n);
        let hazard_at = &mut b.hazard_at;
        for j in 0..n {
            let district = &self.districts[j];
            let gathering = if district.gathering_until > self.now && people_present[j] > 0.0 {
                1.0 + 20.0 * district.gathering / people_present[j]
            } else {
                1.0
            };
            let population = self.scenario.city.districts[j].population.max(1) as f64;
            let disinfection = if work[j].disinfection > 0.0 {
                1.0 - (work[j].disinfection / dt / (population / 20_000.0)).min(0.1)
            } else {
                1.0
            };
            if people_present[j] > 0.0 {
                hazard_at[j] = self.derived.beta
                    * factors[j].0
                    * gathering
                    * disinfection
                    * infectious_present[j]
                    / people_present[j];
            }
        }

        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.epidemic,
        };
        let PathogenChances {
            latent,
            recover,
            discharge,
            release,
            asymptomatic,
            hospitalised,
            fatal,
            fatal_without_bed,
        } = &mut self.chances;
        zeroed(&mut b.new_hospital_needs, n);
        zeroed(&mut b.confirmed_now, n);
        zeroed(&mut b.confirmed_from_quarantine, n);
        zeroed(&mut b.deaths, n);
        let new_hospital_needs = &mut b.new_hospital_needs;
        let confirmed_now = &mut b.confirmed_now;
        let confirmed_from_quarantine = &mut b.confirmed_from_quarantine;
        let deaths = &mut b.deaths;
        for d in 0..n {
            let lambda: f64 = home_share[d] * hazard_at[d]
                + m[d]
                    .iter()
                    .map(|&(j, share)| share * hazard_at[j])
                    .sum::<f64>();
            let epi = &mut self.districts[d].epi;
            let infected = if lambda > 0.0 {
                sampler.draw(epi.s, Chance::of_rate(lambda, dt))
            } else {
                0.0
            };
            // Nobody in quarantine, isolation or hospital (most districts, most of the time):
            // their draws would all be of zero people, which take no random numbers, so this
            // shorter path gives exactly the same numbers as the full one below.
            let in_care = [epi.qs, epi.qe, epi.qa, epi.xa, epi.xi, epi.waiting]
                .into_iter()
                .chain(epi.admitted.iter().copied())
                .any(|people| people > 0.0);
            if !in_care {
                let e_out = sampler.draw_repeated(epi.e, latent);
                let (to_a, to_i) = sampler.split(e_out, asymptomatic);
                let a_out = sampler.draw_repeated(epi.a, recover);
                let i_out = sampler.draw_repeated(epi.i, recover);
                let (i_hosp, i_rec) = sampler.split(i_out, hospitalised);
                epi.s -= infected;
                epi.e += infected - e_out;
                epi.a += to_a - a_out;
                epi.i += to_i - i_out;
                epi.r += a_out + i_rec;
                new_hospital_needs[d] = i_hosp;
                confirmed_now[d] += i_hosp;
                self.districts[d].infections += infected;
                continue;
            }
            let (e_out, qe_out) = (
                sampler.draw_repeated(epi.e, latent),
                sampler.draw_repeated(epi.qe, latent),
            );
            let (to_a, to_i) = sampler.split(e_out, asymptomatic);
            let (q_to_a, q_to_i) = sampler.split(qe_out, asymptomatic);
            let a_out = sampler.draw_repeated(epi.a, recover);
            let i_out = sampler.draw_repeated(epi.i, recover);
            let qa_out = sampler.draw_repeated(epi.qa, recover);
            let xa_out = sampler.draw_repeated(epi.xa, recover);
            let xi_out = sampler.draw_repeated(epi.xi, recover);
            let (i_hosp, i_rec) = sampler.split(i_out, hospitalised);
            let (xi_hosp, xi_rec) = sampler.split(xi_out, hospitalised);
            let qs_out = sampler.draw_repeated(epi.qs, release);
            epi.s += qs_out - infected;
            epi.qs -= qs_out;
            epi.e += infected - e_out;
            epi.qe -= qe_out;
            epi.a += to_a - a_out;
            epi.i += to_i - i_out;
            epi.qa += q_to_a - qa_out;
            // Symptoms in quarantine: tested at once, confirmed and isolated.
            let x_home_before = epi.x_home;
            epi.xa -= xa_out;
            epi.xi += q_to_i - xi_out;
            let leaving_isolation = xa_out + xi_out;
            let isolated_before = epi.isolated() + leaving_isolation - q_to_i;
            // Cases leave home isolation in proportion to their share of the isolated.
            let home_leaving = if isolated_before > 0.0 {
                (leaving_isolation * x_home_before / isolated_before).min(x_home_before)
            } else {
                0.0
            };
            epi.r += a_out + i_rec + qa_out + xa_out + xi_rec;
            new_hospital_needs[d] = i_hosp + xi_hosp;
            // Severe cases reach a hospital, where they are tested: confirmed.
            confirmed_now[d] += i_hosp + q_to_i;
            confirmed_from_quarantine[d] += q_to_i;

            // Hospital stays end: death or recovery.
            for h in 0..epi.admitted.len() {
                let out = sampler.draw_repeated(epi.admitted[h], discharge);
                let died = sampler.draw_repeated(out, fatal);
                epi.admitted[h] -= out;
                epi.d += died;
                epi.r += out - died;
                deaths[d] += died;
            }
            let out = sampler.draw_repeated(epi.waiting, discharge);
            let died = sampler.draw_repeated(out, fatal_without_bed);
            epi.waiting -= out;
            epi.d += died;
            epi.r += out - died;
            deaths[d] += died;
            let district = &mut self.districts[d];
            district.infections += infected;
            // Recovered at home inside their first day: they never needed a transfer, so they
            // do not count against isolating cases within 24 hours.
            for (confirmed_at, count) in district.leave_home_isolation(home_leaving) {
                if self.now.saturating_sub(confirmed_at) < 24 * 60 {
                    district.isolation_needed -= count;
                }
            }
            district.isolate_at_home(self.now, q_to_i);
        }

        self.admit(new_hospital_needs);
        self.detect(dt, work, confirmed_now);
        self.trace(work, confirmed_now, confirmed_from_quarantine);
        self.transfer(work);
        for d in 0..n {
            if confirmed_now[d] > 0.0 {
                self.confirm(d, confirmed_now[d], false);
            }
            self.totals.confirmed_from_quarantine += confirmed_from_quarantine[d];
            let dead_now = self.districts[d].epi.d;
            let whole = whole_crossed(dead_now - deaths[d], dead_now);
            if whole > 0 {
                let district = self.scenario.city.districts[d].id.name.clone();
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
        self.public_opinion(dt, work);
        self.note_overflow(dt);
    }

    /// Average disorder at quarantine sites (breaches weaken quarantine).
    fn site_disorder(&self) -> f64 {
        let sites: Vec<f64> = self
            .scenario
            .facilities
            .iter()
            .zip(&self.facilities)
            .filter(|(f, _)| f.kind == FacilityKind::QuarantineSite)
            .map(|(_, s)| s.disorder)
            .collect();
        if sites.is_empty() {
            0.0
        } else {
            sites.iter().sum::<f64>() / sites.len() as f64
        }
    }

    /// New patients go to the nearest hospital with a free bed; waiting patients take freed beds.
    fn admit(&mut self, new_needs: &[f64]) {
        for (d, need) in new_needs.iter().enumerate() {
            self.districts[d].epi.waiting += need;
        }
        let hospitals = self.derived.hospitals.len();
        let mut free: Vec<f64> = (0..hospitals)
            .map(|h| (self.hospital_capacity(h) - self.hospital_occupancy(h)).max(0.0))
            .collect();
        for d in 0..self.districts.len() {
            if self.districts[d].epi.waiting <= 0.0 {
                continue;
            }
            for &h in &self.derived.hospitals_by_distance[d] {
                let epi = &mut self.districts[d].epi;
                let moved = epi.waiting.min(free[h]);
                let moved = if self.mode == super::Mode::Stochastic {
                    moved.floor()
                } else {
                    moved
                };
                epi.waiting -= moved;
                epi.admitted[h] += moved;
                free[h] -= moved;
                if epi.waiting <= 0.0 {
                    break;
                }
            }
        }
    }

    /// Passive detection at fever clinics and active testing by teams in the field.
    fn detect(&mut self, dt: f64, work: &[Work], confirmed: &mut [f64]) {
        let scenario = self.scenario.clone();
        let surveillance = &scenario.surveillance;
        let sensitivity = surveillance.test_sensitivity.get();
        // Clinic capacity this step, shared by the whole city, less disorder and kits.
        let mut clinic_capacity = 0.0;
        let mut clinics = Vec::new();
        for (f, facility) in self.scenario.facilities.iter().enumerate() {
            if facility.kind == FacilityKind::FeverClinic {
                let capacity = f64::from(facility.daily_capacity)
                    * dt
                    * (1.0 - self.facilities[f].disorder).max(0.0);
                clinic_capacity += capacity;
                clinics.push((f, capacity));
            }
        }
        let p_seek = Chance::new(
            surveillance.care_seeking.get()
                * prob(1.0 / surveillance.care_seeking_delay_days.get(), dt),
        );
        let mut tests_at_clinics = 0.0;
        if p_seek.get() > 0.0 {
            let mut sampler = Sampler {
                mode: self.mode,
                rng: &mut self.streams.detection,
            };
            let seekers: Vec<f64> = self
                .districts
                .iter()
                .map(|d| sampler.draw(d.epi.i, p_seek))
                .collect();
            let total_seekers: f64 = seekers.iter().sum();
            let served_share = if total_seekers > 0.0 {
                (clinic_capacity / total_seekers).min(1.0)
            } else {
                0.0
            };
            for (d, seeking) in seekers.iter().enumerate() {
                let tested = sampler.binomial(*seeking, served_share);
                tests_at_clinics += tested;
                let positive = sampler.binomial(tested, sensitivity);
                let district = &mut self.districts[d];
                let positive = positive.min(district.epi.i);
                district.epi.i -= positive;
                district.epi.xi += positive;
                district.isolate_at_home(self.now, positive);
                confirmed[d] += positive;
            }
        }
        // Clinics use their own kits, in proportion to their share of the work.
        if clinic_capacity > 0.0 {
            let kits = self.clinic_kit_supply();
            for (f, capacity) in clinics {
                let used = (tests_at_clinics * capacity / clinic_capacity).round() as u64;
                if let Some(kit) = &kits
                    && let Some(stock) = self.facilities[f].stock.get_mut(kit)
                {
                    let before = *stock;
                    *stock = stock.saturating_sub(used);
                    if before > 0 && *stock == 0 {
                        self.note_stock_out(f, kit);
                    }
                }
            }
        }
        self.totals.tests_done += tests_at_clinics;
        // Teams in the field: samples limited by the laboratories' daily capacity.
        let lab_capacity: f64 = self
            .scenario
            .facilities
            .iter()
            .filter(|f| f.kind == FacilityKind::TestingSite)
            .map(|f| f64::from(f.daily_capacity) * dt)
            .sum();
        let wanted: f64 = work.iter().map(|w| w.samples).sum();
        let processed_share = if wanted > 0.0 {
            (lab_capacity / wanted).min(1.0)
        } else {
            0.0
        };
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.detection,
        };
        for (d, w) in work.iter().enumerate() {
            let samples = w.samples * processed_share;
            if samples <= 0.0 {
                continue;
            }
            self.totals.tests_done += samples;
            let epi = &mut self.districts[d].epi;
            let mobile = epi.mobile().max(1.0);
            let found = sampler.binomial(
                samples.round().min(mobile),
                ((epi.a + epi.i) / mobile * sensitivity).min(1.0),
            );
            let from_a = if epi.a + epi.i > 0.0 {
                (found * epi.a / (epi.a + epi.i)).min(epi.a)
            } else {
                0.0
            };
            let from_a = if self.mode == super::Mode::Stochastic {
                from_a.round()
            } else {
                from_a
            };
            let from_i = (found - from_a).min(epi.i).max(0.0);
            epi.a -= from_a;
            epi.i -= from_i;
            epi.xa += from_a;
            epi.xi += from_i;
            self.districts[d].isolate_at_home(self.now, from_a + from_i);
            confirmed[d] += from_a + from_i;
        }
    }

    /// The supply consumed by testing teams (clinics use the same kits).
    fn clinic_kit_supply(&self) -> Option<String> {
        self.scenario
            .resource_types
            .iter()
            .find(|r| r.role == UnitRole::Testing)
            .and_then(|r| r.consumes.as_ref())
            .map(|s| s.name.clone())
    }

    /// Tracing teams reach named contacts, oldest first, and put them in quarantine.
    fn trace(&mut self, work: &[Work], confirmed: &mut [f64], from_quarantine: &mut [f64]) {
        let now = self.now;
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.tracing,
        };
        let mut quarantined_events = Vec::new();
        for (d, w) in work.iter().enumerate() {
            let district = &mut self.districts[d];
            // Contacts not reached in time are lost.
            while district
                .backlog
                .front()
                .is_some_and(|b| now.saturating_sub(b.named_at) > CONTACT_EXPIRY)
            {
                let lost = district.backlog.pop_front().map_or(0.0, |b| b.count);
                self.totals.contacts_lost += lost;
            }
            let mut capacity = w.tracing;
            let mut reached_total = 0.0;
            while capacity > 0.0 {
                let Some(batch) = district.backlog.front_mut() else {
                    break;
                };
                let reached = batch.count.min(capacity);
                let reached = if self.mode == super::Mode::Stochastic {
                    reached.floor()
                } else {
                    reached
                };
                if reached <= 0.0 {
                    break;
                }
                capacity -= reached;
                batch.count -= reached;
                let within_day = now.saturating_sub(batch.named_at) <= 24 * 60;
                let share = batch.infected_share;
                if batch.count <= 1e-9 {
                    district.backlog.pop_front();
                }
                let epi = &mut district.epi;
                let infected = sampler.binomial(reached, share);
                // Infected contacts are the recently infected first.
                let from_e = infected.min(epi.e);
                let from_a = (infected - from_e).min(epi.a);
                let from_i = (infected - from_e - from_a).min(epi.i);
                let from_s = (reached - from_e - from_a - from_i).min(epi.s);
                epi.e -= from_e;
                epi.qe += from_e;
                epi.a -= from_a;
                epi.qa += from_a;
                epi.i -= from_i;
                epi.xi += from_i;
                epi.s -= from_s;
                epi.qs += from_s;
                district.isolate_at_home(now, from_i);
                confirmed[d] += from_i;
                from_quarantine[d] += from_i;
                let placed = from_e + from_a + from_i + from_s;
                self.totals.contacts_quarantined += placed;
                if within_day {
                    self.totals.contacts_quarantined_within_24h += placed;
                }
                reached_total += placed;
            }
            if reached_total > 0.0 {
                quarantined_events.push((d, reached_total));
            }
        }
        for (d, count) in quarantined_events {
            let district = self.scenario.city.districts[d].id.name.clone();
            self.emit(
                Audience::Control,
                EventKind::ContactsQuarantined {
                    district,
                    count: count.round() as u64,
                },
            );
        }
    }

    /// Ambulances take isolated cases from home to isolation sites while beds are free.
    fn transfer(&mut self, work: &[Work]) {
        let mut free = (self.derived.site_beds
            - self
                .districts
                .iter()
                .map(|d| d.epi.isolated() - d.epi.x_home)
                .sum::<f64>())
        .max(0.0);
        for (d, w) in work.iter().enumerate() {
            let district = &mut self.districts[d];
            if district.epi.x_home <= 0.0 || w.transfers <= 0.0 {
                continue;
            }
            let moved = district.epi.x_home.min(w.transfers).min(free);
            let moved = if self.mode == super::Mode::Stochastic {
                moved.floor()
            } else {
                moved
            };
            free -= moved;
            for (confirmed_at, count) in district.leave_home_isolation(moved) {
                self.totals.isolated_in_sites += count;
                if self.now.saturating_sub(confirmed_at) <= 24 * 60 {
                    self.totals.isolated_within_24h += count;
                }
            }
        }
    }

    /// Confirmed cases: counted, reported, and their contacts named for tracing.
    pub(crate) fn confirm(&mut self, d: usize, count: f64, from_inject: bool) {
        let surveillance = &self.scenario.surveillance;
        let before = self.districts[d].confirmed;
        self.districts[d].confirmed += count;
        let named =
            count * surveillance.contacts_per_case.get() * surveillance.traceable_share.get();
        let named = if self.mode == super::Mode::Stochastic {
            named.round()
        } else {
            named
        };
        let share = surveillance.contact_infection_share.get();
        if named > 0.0 && !from_inject {
            self.name_contacts(d, named, share);
        }
        // Announced and reported per whole case: in expected mode counts grow by fractions,
        // which must not each make a report due.
        let whole = whole_crossed(before, self.districts[d].confirmed);
        if whole > 0 {
            let district = self.scenario.city.districts[d].id.name.clone();
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

    pub(crate) fn name_contacts(&mut self, d: usize, count: f64, infected_share: f64) {
        self.totals.contacts_named += count;
        self.districts[d].backlog.push_back(ContactBatch {
            named_at: self.now,
            count,
            infected_share,
        });
        let district = self.scenario.city.districts[d].id.name.clone();
        self.emit(
            Audience::Control,
            EventKind::ContactsNamed {
                district,
                count: count.round() as u64,
            },
        );
    }

    /// Trust: measures erode it, rumours and gouging and disorder too; support and answers
    /// restore it. Also the economic cost of measures.
    fn public_opinion(&mut self, dt: f64, work: &[Work]) {
        let fades = self.derived.fades;
        for (d, w) in work.iter().enumerate() {
            let population = self.scenario.city.districts[d].population as f64;
            let measure = self.measure(&self.districts[d].level).cloned();
            // Serving 5% of households a day fully offsets the strain of measures.
            let support = if w.support > 0.0 {
                let households = (population / 2.5).max(1.0);
                (w.support / dt / (households * 0.05)).min(1.0)
            } else {
                0.0
            };
            let district = &mut self.districts[d];
            let mut change = 0.0;
            if let Some(m) = &measure {
                change += m.trust_per_day * (1.0 - support);
                self.totals.economic_cost += m.daily_cost_per_resident * population * dt;
            }
            change += 0.002 * support;
            change -= 0.05 * district.rumour + 0.02 * district.gouging + 0.02 * district.disorder;
            let before = district.trust;
            district.trust = (district.trust + change * dt).clamp(0.0, 1.0);
            district.rumour *= fades.rumour;
            let enforcement = 0.1 * w.patrol;
            district.gouging = (district.gouging * fades.gouging - enforcement).max(0.0);
            district.disorder = (district.disorder * fades.disorder - enforcement).max(0.0);
            if district.gathering_until > self.now {
                district.gathering = (district.gathering - 100.0 * w.patrol).max(0.0);
            }
            let after = district.trust;
            if before >= 0.5 && after < 0.5 {
                let name = self.scenario.city.districts[d].id.name.clone();
                self.emit(
                    Audience::Everyone,
                    EventKind::TrustAlert {
                        district: name,
                        trust: after,
                    },
                );
            }
        }
        for facility in &mut self.facilities {
            facility.disorder *= fades.site_disorder;
        }
    }

    fn note_overflow(&mut self, dt: f64) {
        let waiting: f64 = self.districts.iter().map(|d| d.epi.waiting).sum();
        if waiting >= 0.5 {
            self.totals.overflow_hours += dt * 24.0;
            if !self.overflow_active {
                self.overflow_active = true;
                self.emit(
                    Audience::Everyone,
                    EventKind::HospitalOverflow {
                        waiting: waiting.round() as u64,
                    },
                );
                self.open_reports(&crate::scenario::ReportTrigger::HospitalOverflow);
            }
        } else if self.overflow_active {
            self.overflow_active = false;
            self.emit(Audience::Everyone, EventKind::HospitalOverflowEnded);
        }
    }
}

/// Whole units passed when a count grows from `before` to `after` (3.7 → 5.2 passes 4 and 5).
fn whole_crossed(before: f64, after: f64) -> u64 {
    if after <= before {
        return 0;
    }
    // A hair of tolerance so that float noise around a whole number does not miss it.
    let (a, b) = ((before + 1e-9).floor(), (after + 1e-9).floor());
    if b > a { (b - a) as u64 } else { 0 }
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
