//! Transmission and the course of the disease: who meets whom (mobility, measures, compliance),
//! who is infected, and how infections progress. The equations are in `epidemic.rs`.

use super::epidemic::{Chance, Compartments, Infected, RepeatedChance, Sampler};
use super::households::{
    ISOLATION_HOME_COMMUNITY, ISOLATION_HOME_HOUSEHOLD, QUARANTINE_HOME_COMMUNITY,
    QUARANTINE_HOME_HOUSEHOLD,
};
use super::step::StepBuffers;
use super::units::Offers;
use super::{Derived, Exercise};
use crate::scenario::{ControlLevel, MeasureEffect, Minutes, Scenario, UnitRole};

/// Transmission weights of people in a quarantine or isolation site's room, relative to a case
/// moving about: sites cut contact to staff and breaches (illustrative, below Covasim's 0.2 and
/// 0.1 for the community layers). Those at home are weighed per layer (`households.rs`).
pub(crate) const QUARANTINE_SITE: f64 = 0.1;
pub(crate) const ISOLATION_SITE: f64 = 0.02;
/// Extra transmission weight of people in a quarantine site per unit of disorder there
/// (a breach lets people mix).
pub(crate) const SITE_DISORDER_WEIGHT: f64 = 0.5;
/// Disinfection: sites one team-shift covers per this many residents, and the largest cut of
/// the district's transmission it can bring (environmental spread is a minor route).
pub(crate) const RESIDENTS_PER_DISINFECTION_SITE: f64 = 20_000.0;
pub(crate) const DISINFECTION_MAX_CUT: f64 = 0.1;

/// β chosen so that the discrete model has exactly the scenario's R0 (see `epidemic.rs`).
pub(crate) fn beta(scenario: &Scenario, dt: f64) -> f64 {
    let p = &scenario.pathogen;
    let weight = 1.0 - p.asymptomatic_share.get()
        + p.asymptomatic_share.get() * p.asymptomatic_infectiousness.get();
    match (&p.r0, &p.transmission_rate) {
        (_, Some(rate)) => rate.get(),
        (Some(r0), None) => {
            r0.get() * Chance::of_rate(1.0 / p.infectious_days.get(), dt).get() / (dt * weight)
        }
        (None, None) => 0.0,
    }
}

/// The share of people in isolation who are still infectious: all of them while isolation
/// ends with infectiousness, fewer when cases stay isolated longer (`isolation_days`).
pub(crate) fn isolated_infectious_share(scenario: &Scenario) -> f64 {
    let infectious = scenario.pathogen.infectious_days.get();
    scenario
        .surveillance
        .isolation_days
        .map_or(1.0, |days| (infectious / days.get()).min(1.0))
}

/// A population's infectious people as their households meet them: those moving about in
/// full, those quarantined or isolated at home with their weights, nobody in a site.
fn infectious_at_home(epi: &Compartments, alpha: f64, isolated_infectious: f64) -> f64 {
    let quarantined = epi.quarantined();
    let quarantined_home = if quarantined > 0.0 {
        (epi.q_home / quarantined).min(1.0)
    } else {
        0.0
    };
    let isolated = epi.isolated();
    let isolated_home = if isolated > 0.0 {
        (epi.x_home / isolated).min(1.0)
    } else {
        0.0
    };
    epi.mobile_infectious(alpha)
        + QUARANTINE_HOME_HOUSEHOLD * quarantined_home * epi.quarantined_infectious(alpha)
        + ISOLATION_HOME_HOUSEHOLD
            * isolated_home
            * isolated_infectious
            * (epi.xi.weighted() + alpha * epi.xa.weighted())
}

/// The basic reproduction number the model gives with transmission rate `beta`: a case is
/// infectious for 1/p(1/D) steps of `dt` days (the inverse of [`beta`] for an `r0`).
pub(crate) fn r0_of(scenario: &Scenario, dt: f64, beta: f64) -> f64 {
    let p = &scenario.pathogen;
    let weight = 1.0 - p.asymptomatic_share.get()
        + p.asymptomatic_share.get() * p.asymptomatic_infectiousness.get();
    let recover = Chance::of_rate(1.0 / p.infectious_days.get(), dt).get();
    if recover <= 0.0 {
        return 0.0;
    }
    beta * dt * weight / recover
}

/// Where a district's residents spend the day away from home: (destination, share).
pub(crate) type Travel = Vec<(usize, f64)>;

/// The share of a district's residents staying home, from its (destination, share) list.
pub(crate) fn home_share_of(row: &[(usize, f64)]) -> f64 {
    (1.0 - row.iter().map(|&(_, v)| v).sum::<f64>()).max(0.0)
}

pub(crate) fn home_shares(mobility: &[Travel]) -> Vec<f64> {
    mobility.iter().map(|row| home_share_of(row)).collect()
}

/// The pathogen's chances per step: fixed for a whole exercise (the scenario and its step do
/// not change), so worked out once.
#[derive(Clone)]
pub(crate) struct PathogenChances {
    pub latent: RepeatedChance,
    pub recover: RepeatedChance,
    pub release: RepeatedChance,
    /// Leaving isolation: the scenario's `isolation_days`, else recovery.
    pub leave_isolation: RepeatedChance,
    pub asymptomatic: RepeatedChance,
    /// Share of symptomatic cases needing a bed, per severity profile (see `care.rs`).
    pub hospitalised: Vec<RepeatedChance>,
}

impl PathogenChances {
    pub(crate) fn new(scenario: &Scenario, derived: &Derived) -> PathogenChances {
        let dt = Minutes(scenario.meta.time_step.get()).days();
        let p = &scenario.pathogen;
        let rate = |per_day: f64| RepeatedChance::new(Chance::of_rate(per_day, dt));
        PathogenChances {
            latent: rate(1.0 / p.latent_days.get()),
            recover: rate(1.0 / p.infectious_days.get()),
            release: rate(1.0 / scenario.surveillance.quarantine_days.get()),
            leave_isolation: rate(
                1.0 / scenario
                    .surveillance
                    .isolation_days
                    .map_or(p.infectious_days.get(), |days| days.get()),
            ),
            asymptomatic: RepeatedChance::new(Chance::new(p.asymptomatic_share.get())),
            hospitalised: derived
                .severity
                .profiles
                .iter()
                .map(|profile| RepeatedChance::new(Chance::new(profile.hospitalisation)))
                .collect(),
        }
    }
}

impl Exercise {
    fn measure(&self, level: &ControlLevel) -> Option<&MeasureEffect> {
        match level {
            ControlLevel::Normal => None,
            ControlLevel::Enhanced => Some(&self.scenario.measures.enhanced),
            ControlLevel::Closed => Some(&self.scenario.measures.closed),
        }
    }

    /// The measure in force in a district, if any.
    pub(crate) fn measure_in(&self, district: usize) -> Option<&MeasureEffect> {
        self.measure(&self.districts[district].level)
    }

    /// Share of residents following measures, from public trust.
    pub fn compliance(&self, district: usize) -> f64 {
        let p = &self.scenario.public;
        let t = self.districts[district].trust;
        p.compliance_at_zero_trust.get()
            + (p.compliance_at_full_trust.get() - p.compliance_at_zero_trust.get()) * t
    }

    /// (contact factor, mobility factor) of a district (or a place, under its district's
    /// measures) with compliance, and the scenario's contact changes in force.
    pub(crate) fn factors(&self, node: usize) -> (f64, f64) {
        let district = self.district_of(node);
        let (contact, mobility) = match self.measure_in(district) {
            None => (1.0, 1.0),
            Some(m) => {
                let c = self.compliance(district) * self.adherence(district);
                (
                    1.0 - c * (1.0 - m.contact_factor.get()),
                    1.0 - c * (1.0 - m.mobility_factor.get()),
                )
            }
        };
        let (contact, mobility) = self
            .zone_factors(node, (contact, mobility))
            .unwrap_or((contact, mobility));
        (contact * self.contact_change(district), mobility)
    }

    /// The force of infection in every district this step, from where infectious people spend
    /// the day; fills `b.lambda` (the hazard a mobile resident of each district meets) and
    /// `b.factors`.
    pub(crate) fn force_of_infection(&mut self, dt: f64, b: &mut StepBuffers, offers: &Offers) {
        let n = self.districts.len();
        let alpha = self.scenario.pathogen.asymptomatic_infectiousness.get();
        // Quarantined people in sites or at home, city-wide (sites are shared).
        let quarantined: f64 = self.districts.iter().map(|d| d.epi.quarantined()).sum();
        let at_home: f64 = self.districts.iter().map(|d| d.epi.q_home).sum();
        let site_share = if quarantined > 0.0 {
            ((quarantined - at_home) / quarantined).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let site_weight = QUARANTINE_SITE + SITE_DISORDER_WEIGHT * self.site_disorder();
        let q_weight = site_share * site_weight + (1.0 - site_share) * QUARANTINE_HOME_COMMUNITY;
        b.site_hazard = self.site_hazard(alpha, site_weight);

        b.factors.clear();
        b.factors.extend((0..n).map(|d| self.factors(d)));
        let factors = &b.factors;
        // Mobility with measures applied, kept sparse: (destination, share) off the diagonal,
        // and the share staying home. With no measure cutting travel, the scenario's own lists
        // serve as they are.
        let derived = self.derived.clone();
        let places_closed = derived
            .place_closed_rows
            .iter()
            .any(|(place, _)| !self.place_open(*place) || self.in_cohort(*place));
        let scaled = places_closed || !factors.iter().all(|f| f.1 == 1.0);
        if scaled {
            b.scaled_mobility.resize_with(n, Vec::new);
            for (a, (row, out)) in derived
                .mobility
                .iter()
                .zip(&mut b.scaled_mobility)
                .enumerate()
            {
                out.clear();
                if derived.nodes[a].facility.is_some() {
                    // A cohort's people stay at the place all day.
                    if self.in_cohort(a) {
                        continue;
                    }
                    // A place's people going home is not travel that measures cut.
                    let closed = !self.place_open(a);
                    let rows = if closed {
                        &derived.place_closed_rows
                    } else {
                        &derived.place_open_rows
                    };
                    if let Some((_, home)) = rows.iter().find(|(p, _)| *p == a) {
                        out.extend_from_slice(home);
                    }
                    continue;
                }
                out.extend(
                    row.iter()
                        .map(|&(to, v)| (to, v * factors[a].1 * factors[to].1)),
                );
            }
            b.home_share.clear();
            b.home_share
                .extend(b.scaled_mobility.iter().map(|row| home_share_of(row)));
        }
        let (m, home_share): (&[Travel], &[f64]) = if scaled {
            (&b.scaled_mobility, &b.home_share)
        } else {
            (&derived.mobility, &derived.home_share)
        };
        super::step::zeroed(&mut b.infectious_present, n);
        super::step::zeroed(&mut b.people_present, n);
        for (k, row) in m.iter().enumerate() {
            let epi = &self.districts[k].epi;
            let mobile_infectious = epi.mobile_infectious(alpha);
            let mobile = epi.mobile();
            b.infectious_present[k] += home_share[k] * mobile_infectious;
            b.people_present[k] += home_share[k] * mobile;
            for &(j, share) in row {
                b.infectious_present[j] += share * mobile_infectious;
                b.people_present[j] += share * mobile;
            }
            let isolated = epi.isolated();
            let isolated_weight = if isolated > 0.0 {
                let in_site = (isolated - epi.x_home).max(0.0);
                derived.isolated_infectious
                    * (epi.x_home * ISOLATION_HOME_COMMUNITY + in_site * ISOLATION_SITE)
                    / isolated
            } else {
                0.0
            };
            // Quarantined and isolated people of a place are at home, not there.
            let home = derived.households.home[k];
            b.infectious_present[home] += q_weight * epi.quarantined_infectious(alpha)
                + isolated_weight * (epi.xi.weighted() + alpha * epi.xa.weighted());
            b.people_present[home] += epi.quarantined() + isolated;
        }
        super::step::zeroed(&mut b.hazard_at, n);
        for (j, factor) in factors.iter().enumerate() {
            if b.people_present[j] <= 0.0 {
                continue;
            }
            let population = derived.nodes[j].population.max(1.0);
            let disinfected = self.do_work(offers, j, &UnitRole::Disinfection, f64::INFINITY);
            let disinfection = if disinfected > 0.0 {
                let coverage = disinfected / dt / (population / RESIDENTS_PER_DISINFECTION_SITE);
                1.0 - coverage.min(1.0) * DISINFECTION_MAX_CUT
            } else {
                1.0
            };
            // A place's contacts are a setting of their own (`contact_intensity` times an
            // ordinary day's), not a share of the district's community layer.
            let community = if derived.nodes[j].facility.is_none() {
                1.0 - derived.households.share[j]
            } else {
                1.0
            };
            b.hazard_at[j] = derived.beta
                * community
                * derived.nodes[j].contact_intensity
                * factor.0
                * disinfection
                * b.infectious_present[j]
                / b.people_present[j];
        }
        self.household_hazard(alpha, &mut b.household_infectious, &mut b.lambda_household);
        super::step::zeroed(&mut b.lambda, n);
        for d in 0..n {
            b.lambda[d] = home_share[d] * b.hazard_at[d]
                + m[d]
                    .iter()
                    .map(|&(j, share)| share * b.hazard_at[j])
                    .sum::<f64>()
                + b.lambda_household[d];
        }
    }

    /// Exposure inside quarantine sites, shared city-wide: the infectious contacts in their
    /// rooms meet the others there with the sites' transmission weight (staff, corridors,
    /// breaches, more with disorder), so a site can spark a cluster among the people it holds,
    /// as one did in Tianjin in January 2022 (`scenarios/observed/tianjin-2022.md`).
    fn site_hazard(&self, alpha: f64, site_weight: f64) -> f64 {
        let (infectious, people) =
            self.districts
                .iter()
                .fold((0.0, 0.0), |(infectious, people), d| {
                    let quarantined = d.epi.quarantined();
                    if quarantined <= 0.0 {
                        return (infectious, people);
                    }
                    let in_sites = (quarantined - d.epi.q_home).max(0.0);
                    (
                        infectious + d.epi.quarantined_infectious(alpha) * in_sites / quarantined,
                        people + in_sites,
                    )
                });
        if people <= 0.0 {
            return 0.0;
        }
        self.derived.beta * site_weight * infectious / people
    }

    /// The household layer (`households.rs`): every infectious resident counts at home, those
    /// quarantined or isolated at home with their weights, whatever the measures; fills
    /// `lambda_household`, the hazard each population's people meet at home.
    fn household_hazard(
        &self,
        alpha: f64,
        infectious: &mut Vec<f64>,
        lambda_household: &mut Vec<f64>,
    ) {
        let households = &self.derived.households;
        super::step::zeroed(infectious, households.residents.len());
        // A cohort's people are kept at their place, away from their homes.
        for (k, district) in self.districts.iter().enumerate() {
            if self.in_cohort(k) {
                continue;
            }
            infectious[households.home[k]] +=
                infectious_at_home(&district.epi, alpha, self.derived.isolated_infectious);
        }
        super::step::zeroed(lambda_household, self.districts.len());
        for (k, lambda) in lambda_household.iter_mut().enumerate() {
            if self.in_cohort(k) {
                continue;
            }
            let home = households.home[k];
            let residents = households.residents[home];
            if residents > 0.0 {
                *lambda = self.derived.beta * households.share[home] * infectious[home] / residents;
            }
        }
    }

    /// New infections and the progression of the disease in every district, for one step.
    /// Severe cases are counted in `b.severe` (they need a bed; `care` admits them).
    pub(crate) fn progress(&mut self, dt: f64, b: &mut StepBuffers) {
        let n = self.districts.len();
        let now = self.now;
        // People infected, or falling ill, during the step: on average at its middle.
        let mid = f64::from(now) - f64::from(self.scenario.meta.time_step.get()) / 2.0;
        let dispersion = self.dispersion();
        let dispersion_rng = &mut self.streams.dispersion;
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.epidemic,
        };
        let PathogenChances {
            latent,
            recover,
            release,
            leave_isolation,
            asymptomatic,
            hospitalised,
        } = &mut self.chances;
        b.severe.clear();
        b.severe.resize(n, Default::default());
        let pcr = self.derived.pcr;
        for d in 0..n {
            let profile = self.derived.severity.district_profile[d];
            let hospitalised = &mut hospitalised[profile];
            let district = &mut self.districts[d];
            let epi = &mut district.epi;
            let infect = Chance::of_rate(b.lambda[d], dt);
            let infected = if b.lambda[d] > 0.0 {
                sampler.draw(epi.s, infect)
            } else {
                0.0
            };
            epi.s -= infected;
            // Those who leave each compartment are drawn from the counts at the start of the
            // step: newcomers wait for the next.
            let latent_out = sampler.leave(&mut epi.e, latent);
            let (to_a, to_i) = sampler.split(latent_out.n, asymptomatic);
            let a_out = sampler.leave(&mut epi.a, recover);
            let mut i_out = sampler.leave(&mut epi.i, recover);
            let i_severe = i_out.take(sampler.draw_repeated(i_out.n, hospitalised));
            epi.e.add(Infected::new_at(infected, mid));
            epi.a.add(Infected {
                n: to_a,
                weight: dispersion.mean_of(to_a, dispersion_rng),
                ..latent_out
            });
            epi.i.add(
                Infected {
                    n: to_i,
                    weight: dispersion.mean_of(to_i, dispersion_rng),
                    ..latent_out
                }
                .with_onset(mid),
            );
            if to_i > 0.0 {
                district.onsets.push((mid as u32, to_i));
            }
            epi.stop_shedding(pcr, dt);
            epi.r += a_out.n + i_out.n;
            epi.shedding += a_out.n + i_out.n;
            district.infections += infected;
            let at_home = if b.lambda[d] > 0.0 {
                b.lambda_household[d] / b.lambda[d]
            } else {
                0.0
            };
            self.totals.household_infections += infected * at_home;
            self.totals.household_members_exposed +=
                latent_out.n * self.derived.households.others_of(d);
            b.severe[d].free = i_severe;
            // Most districts, most of the time, have nobody named, in quarantine, isolation or
            // hospital: their draws would all be of zero people and take no random numbers.
            let in_care = epi.named() > 0.0
                || epi.quarantined() > 0.0
                || epi.isolated() > 0.0
                || !epi.patients.is_empty();
            if !in_care {
                continue;
            }
            // Named contacts, not reached yet: they mix and progress like everyone else.
            let named_infected = if b.lambda[d] > 0.0 {
                sampler.draw(epi.ns, infect)
            } else {
                0.0
            };
            epi.ns -= named_infected;
            let n_latent_out = sampler.leave(&mut epi.ne, latent);
            let (n_to_a, n_to_i) = sampler.split(n_latent_out.n, asymptomatic);
            let na_out = sampler.leave(&mut epi.na, recover);
            let mut ni_out = sampler.leave(&mut epi.ni, recover);
            let ni_severe = ni_out.take(sampler.draw_repeated(ni_out.n, hospitalised));
            epi.ne.add(Infected::new_at(named_infected, mid));
            epi.na.add(Infected {
                n: n_to_a,
                weight: dispersion.mean_of(n_to_a, dispersion_rng),
                ..n_latent_out
            });
            epi.ni.add(
                Infected {
                    n: n_to_i,
                    weight: dispersion.mean_of(n_to_i, dispersion_rng),
                    ..n_latent_out
                }
                .with_onset(mid),
            );
            if n_to_i > 0.0 {
                district.onsets.push((mid as u32, n_to_i));
            }
            epi.nr += na_out.n + ni_out.n;
            district.infections += named_infected;
            self.totals.household_infections += named_infected * at_home;
            self.totals.household_members_exposed +=
                n_latent_out.n * self.derived.households.others_of(d);
            district.named_gone += ni_severe.n;
            b.severe[d].named = ni_severe;

            // Quarantined contacts: released when their time is up; the ill wait in quarantine
            // for a health check and their test's result.
            let quarantined_before = epi.quarantined();
            let site_share = if quarantined_before > 0.0 {
                (1.0 - epi.q_home / quarantined_before).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let infected_in_site = if b.site_hazard > 0.0 && epi.qs > 0.0 {
                let in_sites = epi.qs * site_share;
                let in_sites = if self.mode == super::Mode::Stochastic {
                    in_sites.floor()
                } else {
                    in_sites
                };
                sampler.draw(in_sites, Chance::of_rate(b.site_hazard, dt))
            } else {
                0.0
            };
            epi.qs -= infected_in_site;
            let q_latent_out = sampler.leave(&mut epi.qe, latent);
            self.totals.household_members_exposed +=
                q_latent_out.n * self.derived.households.others_of(d);
            let (q_to_a, q_to_i) = sampler.split(q_latent_out.n, asymptomatic);
            let qa_out = sampler.leave(&mut epi.qa, recover);
            // The ill who get better while they wait for their result still have it to come
            // (`quarantine_checks.rs`); released, they no longer wait.
            let qi_out = sampler.leave(&mut epi.qi, recover);
            let qs_out = sampler.draw_repeated(epi.qs, release);
            let qr_out = sampler.draw_repeated(epi.qr, release);
            epi.qs -= qs_out;
            epi.s += qs_out;
            epi.qe.add(Infected::new_at(infected_in_site, mid));
            district.infections += infected_in_site;
            self.totals.infected_in_quarantine_sites += infected_in_site;
            let waiting_released = if epi.qr > 0.0 {
                sampler.binomial(district.quarantine_recovered_waiting, qr_out / epi.qr)
            } else {
                0.0
            };
            district.quarantine_recovered_waiting =
                (district.quarantine_recovered_waiting - waiting_released).max(0.0) + qi_out.n;
            epi.qr += qa_out.n + qi_out.n - qr_out;
            epi.r += qr_out;
            epi.qa.add(Infected {
                n: q_to_a,
                weight: dispersion.mean_of(q_to_a, dispersion_rng),
                ..q_latent_out
            });
            // The ill stay in quarantine until a health check finds them and their test's
            // result comes (`quarantine_checks.rs`).
            epi.qi.add(
                Infected {
                    n: q_to_i,
                    weight: dispersion.mean_of(q_to_i, dispersion_rng),
                    ..q_latent_out
                }
                .with_onset(mid),
            );
            let leaving_quarantine = qs_out + qr_out;
            let home_share = if quarantined_before > 0.0 {
                (epi.q_home / quarantined_before).min(1.0)
            } else {
                0.0
            };
            epi.q_home = (epi.q_home - leaving_quarantine * home_share)
                .clamp(0.0, epi.quarantined().max(0.0));
            let epi = &mut district.epi;

            // Isolated cases recover, or need a bed.
            let isolated_before = epi.isolated();
            let x_home_before = epi.x_home;
            let x_hospital_before = epi.x_hospital;
            let xa_out = sampler.leave(&mut epi.xa, leave_isolation);
            let mut xi_out = sampler.leave(&mut epi.xi, leave_isolation);
            let xi_severe = xi_out.take(sampler.draw_repeated(xi_out.n, hospitalised));
            epi.r += xa_out.n + xi_out.n;
            b.severe[d].isolated = xi_severe;
            let leaving_isolation = xa_out.n + xi_out.n + xi_severe.n;
            // Cases leave home isolation (and hospital wards) in proportion to their share of
            // the isolated.
            let (home_leaving, hospital_leaving) = if isolated_before > 0.0 {
                (
                    (leaving_isolation * x_home_before / isolated_before).min(x_home_before),
                    (leaving_isolation * x_hospital_before / isolated_before)
                        .min(x_hospital_before),
                )
            } else {
                (0.0, 0.0)
            };
            epi.x_hospital -= hospital_leaving;
            // Recovered at home inside their first day: they never needed a transfer, so they
            // do not count against isolating cases within 24 hours.
            for (confirmed_at, count) in district.leave_home_isolation(home_leaving) {
                if now.saturating_sub(confirmed_at) < super::tracing::ON_TIME_MINUTES {
                    district.isolation_needed -= count;
                }
            }
        }
    }

    /// Average disorder at quarantine sites (breaches weaken quarantine).
    fn site_disorder(&self) -> f64 {
        let sites = &self.derived.sites;
        if sites.is_empty() {
            return 0.0;
        }
        sites
            .iter()
            .map(|&f| self.facilities[f].disorder)
            .sum::<f64>()
            / sites.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::small;

    /// Closing a district cuts the hazard its residents meet, in proportion to compliance.
    #[test]
    fn measures_cut_the_force_of_infection_by_compliance() {
        let run = |level: &str| {
            let mut ex = small(Mode::Expected, "");
            ex.districts[0].epi.i = Infected::new_at(100.0, 0.0);
            if !level.is_empty() {
                ex.apply(crate::sim::test_support::command(&format!(
                    r#"OrderMeasure(team: "health-team", district: "north", level: {level})"#
                )))
                .unwrap();
            }
            let mut b = StepBuffers::default();
            let offers = Offers::default();
            ex.force_of_infection(0.25, &mut b, &offers);
            b.lambda[0]
        };
        let open = run("");
        let enhanced = run("Enhanced");
        let closed = run("Closed");
        assert!(open > 0.0);
        assert!(
            enhanced < open && closed < enhanced,
            "{open} {enhanced} {closed}"
        );
    }

    /// Infectious contacts quarantined at home still infect their households, and leak to the
    /// community twice as much as from a site's room.
    #[test]
    fn quarantine_at_home_spreads_more_than_in_a_site() {
        let lambda = |at_home: bool| {
            let mut ex = small(Mode::Expected, "");
            let epi = &mut ex.districts[0].epi;
            epi.s -= 100.0;
            epi.qa = Infected::new_at(100.0, 0.0);
            if at_home {
                epi.q_home = 100.0;
            }
            let mut b = StepBuffers::default();
            ex.force_of_infection(0.25, &mut b, &Offers::default());
            (b.lambda[0], b.lambda_household[0])
        };
        let ((home, household), (site, site_household)) = (lambda(true), lambda(false));
        assert!(site > 0.0 && household > 0.0);
        assert_eq!(site_household, 0.0);
        assert!(
            ((home - household) / site - QUARANTINE_HOME_COMMUNITY / QUARANTINE_SITE).abs() < 1e-9,
            "{home} {household} {site}"
        );
    }

    /// Contacts in a quarantine site's rooms meet its infectious with the site's weight: 100
    /// infectious among 1,000 in rooms give the others β × 0.1 × 100 × α / 1,000 (α the
    /// asymptomatic infectiousness), and infect some of them; at home they meet none of it.
    #[test]
    fn infectious_contacts_in_a_site_expose_the_others_there() {
        let in_site = |at_home: bool| {
            let mut ex = small(Mode::Expected, "");
            let epi = &mut ex.districts[0].epi;
            epi.s -= 1000.0;
            epi.qa = Infected::new_at(100.0, 0.0);
            epi.qs = 900.0;
            if at_home {
                epi.q_home = 1000.0;
            }
            let mut b = StepBuffers::default();
            ex.force_of_infection(0.25, &mut b, &Offers::default());
            let hazard = b.site_hazard;
            ex.progress(0.25, &mut b);
            (
                hazard,
                ex.totals.infected_in_quarantine_sites,
                ex.districts[0].epi.qs,
            )
        };
        let (hazard, infected, qs) = in_site(false);
        let alpha = 0.75;
        let expected =
            small(Mode::Expected, "").derived.beta * QUARANTINE_SITE * 100.0 * alpha / 1000.0;
        assert!((hazard - expected).abs() < 1e-12, "{hazard} {expected}");
        assert!(infected > 0.0);
        assert!(
            qs < 900.0 - infected + 1e-9,
            "the infected leave the susceptible"
        );
        let (hazard, infected, _) = in_site(true);
        assert_eq!((hazard, infected), (0.0, 0.0));
    }

    /// Quarantined contacts come home when their quarantine is over, even in a district where
    /// nobody else is named, isolated or in hospital.
    #[test]
    fn quarantine_ends_where_nobody_else_is_in_care() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[0].epi.s -= 100.0;
        ex.districts[0].epi.qs = 100.0;
        ex.advance(30 * 24 * 60);
        assert!(ex.districts[0].epi.qs < 50.0, "{}", ex.districts[0].epi.qs);
    }

    /// Quarantined contacts who fall ill move to isolation: nobody is counted twice or lost.
    #[test]
    fn quarantined_contacts_falling_ill_are_neither_lost_nor_doubled() {
        let mut ex = small(Mode::Expected, "");
        let before = ex.districts[0].epi.total();
        ex.districts[0].epi.s -= 1000.0;
        ex.districts[0].epi.qe = Infected::new_at(1000.0, 0.0);
        ex.advance(3 * 24 * 60);
        let epi = &ex.districts[0].epi;
        assert!(epi.qe.n < 1000.0, "some progressed");
        assert!(
            (epi.total() - before).abs() < 1e-6,
            "{} vs {before}",
            epi.total()
        );
    }

    /// Those who got better while they waited for a result leave quarantine with the others
    /// when their time is up, in the same share.
    #[test]
    fn the_recovered_waiting_for_a_result_are_released_with_the_others() {
        let mut ex = small(Mode::Expected, "");
        let district = &mut ex.districts[0];
        district.epi.s -= 100.0;
        district.epi.qr = 100.0;
        district.quarantine_recovered_waiting = 50.0;
        ex.advance(6 * 60);
        let kept = (-0.25f64 / 14.0).exp();
        let district = &ex.districts[0];
        assert!(
            (district.epi.qr - 100.0 * kept).abs() < 1e-9,
            "{}",
            district.epi.qr
        );
        assert!(
            (district.quarantine_recovered_waiting - 50.0 * kept).abs() < 1e-9,
            "{}",
            district.quarantine_recovered_waiting
        );
    }

    /// Residents follow measures in proportion to trust, between the scenario's compliance at
    /// no trust and at full trust.
    #[test]
    fn compliance_follows_trust() {
        let mut ex = small(
            Mode::Expected,
            "public.compliance_at_zero_trust: 0.2\npublic.compliance_at_full_trust: 0.9",
        );
        for (trust, compliance) in [(0.0, 0.2), (0.5, 0.55), (1.0, 0.9)] {
            ex.districts[0].trust = trust;
            assert!((ex.compliance(0) - compliance).abs() < 1e-12, "{trust}");
        }
    }

    /// Days from infection travel with people between compartments: those who leave take the
    /// compartment's mean, newcomers shift it.
    #[test]
    fn infection_times_travel_with_flows() {
        let mut e = Infected::new_at(10.0, 100.0);
        e.add(Infected::new_at(10.0, 200.0));
        assert_eq!(e.infected_at, 150.0);
        let out = e.take(4.0);
        assert_eq!((out.n, out.infected_at), (4.0, 150.0));
        assert_eq!((e.n, e.infected_at), (16.0, 150.0));
        let ill = out.with_onset(300.0);
        assert_eq!((ill.infected_at, ill.onset_at), (150.0, 300.0));
        assert_eq!(e.take(100.0).n, 16.0, "no more than there is");
    }

    /// With R0 given, β makes a case infect R0 people in a fully susceptible population.
    #[test]
    fn beta_gives_the_scenarios_r0() {
        let ex = small(Mode::Expected, "");
        let s = ex.scenario();
        let dt = 0.25;
        let p = &s.pathogen;
        let steps_infectious = 1.0 / Chance::of_rate(1.0 / p.infectious_days.get(), dt).get();
        let weight = 1.0 - p.asymptomatic_share.get()
            + p.asymptomatic_share.get() * p.asymptomatic_infectiousness.get();
        let r = beta(s, dt) * dt * steps_infectious * weight;
        assert!((r - p.r0.unwrap().get()).abs() < 1e-9, "{r}");
    }
}
