//! Tracing and quarantine: contacts come from cases and from exposures, tracers reach them in
//! the order they were named, and those reached are quarantined in a site room or at home.
//!
//! - A case found while moving about names its contacts in its district by setting: its
//!   household all (`household_size` − 1, infected at the household attack rate), its other
//!   `contacts_per_case` as far as `traceable_share` allows, infected at the rate that keeps
//!   all its close contacts' at `contact_infection_share` (the secondary attack rate). The
//!   infected are drawn from the district's undetected infections, never more than there are: a
//!   case's list holds the infections it could have caused, not the district's whole hidden
//!   pool. They caught it halfway through the case's infectious days before its isolation,
//!   and are as far along by the interview as that makes them (`InfecteeStages`): some still
//!   latent, some already infectious or ill. The rest are susceptible residents.
//! - Close contacts reached by tracers name `secondary_contacts_per_contact` contacts of their
//!   own each (次密接), infected at the attack rate times the close contacts' infected share;
//!   they are traced and quarantined like close contacts, and name nobody in turn.
//! - An exposure an inject names (a passenger list, buyers of a contaminated batch) creates the
//!   exposed people it names: drawn from the susceptible residents, `infected_share` of them
//!   infected `exposed_before` the list arrives (by default as long before as a clinic case's
//!   contacts), and as far along as that makes them.
//! - A case names its contacts at its interview, `interview_delay` after its confirmation.
//!   Named contacts go on with their lives (`ns`, `ne`, `na`, `ni`, `nr`) until tracers reach
//!   them: from `notification_delay` after they were named, tracing units do `capacity`
//!   contacts per shift, oldest list first. Those not reached within `contacts_lost_after` are
//!   lost to tracing.
//! - Reached contacts with symptoms are tested and isolated; the others are quarantined. With
//!   quarantine in sites, each needs a room: those who find none wait at home (where quarantine
//!   leaks more) until one frees up, and count as quarantined only when they get it.

use super::care::Found;
use super::epidemic::{Infected, Sampler};
use super::units::Offers;
use super::{Audience, EventKind, Exercise, NamedBatch, take_oldest};
use crate::scenario::{Scenario, UnitRole};

/// Load of the quarantine and isolation sites at which the control cell and the teams are told,
/// and below which the warning is re-armed.
pub(crate) const SITES_NEARLY_FULL: f64 = 0.95;
pub(crate) const SITES_RELIEVED: f64 = 0.9;
/// The 24 hours of the contact-tracing KPIs (Resolve to Save Lives playbook): a contact is
/// quarantined on time within this many minutes of being named, a case isolated on time within
/// this many minutes of confirmation.
pub(crate) const ON_TIME_MINUTES: u32 = 24 * 60;

/// Confirmed cases waiting for their interview.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interview {
    pub district: usize,
    pub cases: f64,
    /// When the people they infected caught it, on average (minute).
    pub infectees_infected_at: f64,
    /// Minute the interview is due.
    pub due: u32,
}

/// How far along a case's infected contacts are when it names them: infected `age` days ago
/// on average, each still latent with probability e^(−age / latent_days) (the latent period
/// is exponential in the model), else infectious, without symptoms with the pathogen's
/// asymptomatic share. Recovery within those few days is neglected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct InfecteeStages {
    /// Share still latent; of the others, the share without symptoms.
    pub latent: f64,
    pub asymptomatic: f64,
    pub infected_at: f64,
    /// For those past their latent period: the mean latent period of those whose latent period
    /// was shorter than their age, after their infection.
    pub onset_at: f64,
}

impl InfecteeStages {
    pub(crate) fn at(scenario: &Scenario, infected_at: f64, now: u32) -> InfecteeStages {
        let latent_days = scenario.pathogen.latent_days.get();
        let asymptomatic = scenario.pathogen.asymptomatic_share.get();
        let age = ((f64::from(now) - infected_at) / 1440.0).max(0.0);
        let still_latent = (-age / latent_days).exp();
        let past = 1.0 - still_latent;
        // E[T | T < age] for T exponential with mean latent_days.
        let latent_if_past = if past > 1e-9 {
            latent_days - age * still_latent / past
        } else {
            age / 2.0
        };
        InfecteeStages {
            latent: still_latent,
            asymptomatic,
            infected_at,
            onset_at: infected_at + latent_if_past * 1440.0,
        }
    }

    /// `infected` people in these stages, taken from the hidden `pools` (latent, asymptomatic,
    /// symptomatic), never more than a pool holds: a stage whose pool is short is made up from
    /// the others.
    fn draw(&self, sampler: &mut Sampler, infected: f64, pools: [f64; 3]) -> [f64; 3] {
        let wanted_latent = sampler.binomial(infected, self.latent);
        let wanted_asymptomatic = sampler.binomial(infected - wanted_latent, self.asymptomatic);
        let wanted = [
            wanted_latent,
            wanted_asymptomatic,
            infected - wanted_latent - wanted_asymptomatic,
        ];
        let mut drawn = [0.0; 3];
        let mut short = 0.0;
        for k in 0..3 {
            drawn[k] = wanted[k].min(pools[k]);
            short += wanted[k] - drawn[k];
        }
        let room = [0, 1, 2].map(|k| pools[k] - drawn[k]);
        let more = sampler.pick(short, room);
        [0, 1, 2].map(|k| drawn[k] + more[k])
    }
}

impl Exercise {
    /// Rooms of the quarantine and isolation sites usable now.
    pub fn site_rooms(&self) -> f64 {
        self.derived
            .sites
            .iter()
            // A closed site gives no rooms; people still in it keep theirs until released.
            .filter(|&&f| self.facility_open(f))
            .map(|&f| {
                f64::from(self.declared_beds(f)[0].saturating_sub(self.facilities[f].beds_lost))
            })
            .sum()
    }

    /// People in site rooms: quarantined contacts not at home, and isolated cases not at home.
    pub fn site_occupancy(&self) -> f64 {
        self.districts
            .iter()
            .map(|d| {
                (d.epi.quarantined() - d.epi.q_home).max(0.0)
                    + (d.epi.isolated() - d.epi.x_home - d.epi.x_hospital).max(0.0)
            })
            .sum()
    }

    pub(crate) fn free_site_rooms(&self) -> f64 {
        let free = (self.site_rooms() - self.site_occupancy()).max(0.0);
        if self.mode == super::Mode::Stochastic {
            free.floor()
        } else {
            free
        }
    }

    /// When, on average, the people a batch of cases infected caught it: halfway through the
    /// cases' infectious time before they were isolated now (from the end of their latent
    /// period, and no later than its end for cases found after recovering).
    pub(crate) fn infectees_infected_at(&self, cases: &Infected) -> f64 {
        let pathogen = &self.scenario.pathogen;
        let now = f64::from(self.now);
        let infectious_from = cases.infected_at + pathogen.latent_days.get() * 1440.0;
        let infectious_until = now.min(infectious_from + pathogen.infectious_days.get() * 1440.0);
        (infectious_from.min(infectious_until) + infectious_until) / 2.0
    }

    /// A confirmed case names its contacts; they wait for tracers (the next step at the soonest).
    /// Its infected contacts caught it at `infectees_infected_at`, on average.
    pub(crate) fn name_case_contacts(&mut self, d: usize, cases: f64, infectees_infected_at: f64) {
        let (per_case, share) = self.contacts_named_per_case(d);
        let named = cases * per_case;
        let stochastic = self.mode == super::Mode::Stochastic;
        let named = if stochastic { named.round() } else { named };
        self.totals.cases_naming_contacts += cases;
        if named <= 0.0 {
            return;
        }
        self.totals.contacts_named_by_cases += named;
        let stages = InfecteeStages::at(&self.scenario, infectees_infected_at, self.now);
        self.name_contacts(d, named, share, Some(stages));
    }

    /// Contacts a case of a district names, and the share of them infected, by setting: its
    /// household all (`household_size` − 1 of them, infected at the household attack rate),
    /// its other close contacts as far as they can be traced (`traceable_share`), infected at
    /// the rate that keeps all its close contacts' at `contact_infection_share`.
    fn contacts_named_per_case(&self, d: usize) -> (f64, f64) {
        let surveillance = &self.scenario.surveillance;
        let contacts = surveillance.contacts_per_case.get();
        let overall = surveillance.contact_infection_share.get();
        let household = self.derived.households.others_of(d).min(contacts);
        let household_attack = self.scenario.pathogen.household_attack_rate.get();
        let others = contacts - household;
        let others_attack = if others > 0.0 {
            ((overall * contacts - household * household_attack) / others).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let others_named = others * surveillance.traceable_share.get();
        let named = household + others_named;
        if named <= 0.0 {
            return (0.0, 0.0);
        }
        let infected = household * household_attack + others_named * others_attack;
        (named, infected / named)
    }

    /// `named` people of a district named as contacts, `share` of them infected: drawn from
    /// the district's undetected infections, never more than there are; the rest susceptible.
    /// A case's infected contacts are as far along as `stages` says (when it infected them);
    /// secondary contacts (`stages` none) are drawn in proportion to the hidden infections.
    fn name_contacts(&mut self, d: usize, named: f64, share: f64, stages: Option<InfecteeStages>) {
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.tracing,
        };
        let infected = sampler.binomial(named, share);
        let epi = &mut self.districts[d].epi;
        let pools = [epi.e.n, epi.a.n, epi.i.n];
        let [from_e, from_a, from_i] = match &stages {
            Some(stages) => stages.draw(&mut sampler, infected, pools),
            None => sampler.pick(infected, pools),
        };
        let from_s = (named - from_e - from_a - from_i).min(epi.s);
        let mut e = epi.e.take(from_e);
        let mut a = epi.a.take(from_a);
        let mut i = epi.i.take(from_i);
        if let Some(stages) = &stages {
            e.infected_at = stages.infected_at;
            a.infected_at = stages.infected_at;
            i.infected_at = stages.infected_at;
            a.onset_at = stages.onset_at;
            i.onset_at = stages.onset_at;
        }
        epi.s -= from_s;
        epi.ns += from_s;
        epi.ne.add(e);
        epi.na.add(a);
        epi.ni.add(i);
        self.push_named(d, from_s + from_e + from_a + from_i, stages.is_none());
    }

    /// Close contacts reached by tracers name their own contacts, the secondary contacts,
    /// `secondary_contacts_per_contact` each; as many of those are infected as an infected
    /// close contact's contacts would be (the attack rate times the close contacts' infected
    /// share).
    fn name_secondary_contacts(&mut self, d: usize, close: f64, infected_share: f64) {
        let surveillance = &self.scenario.surveillance;
        let named = close * surveillance.secondary_contacts_per_contact.max(0.0);
        let share = surveillance.contact_infection_share.get() * infected_share;
        let named = if self.mode == super::Mode::Stochastic {
            named.round()
        } else {
            named
        };
        if named > 0.0 {
            self.totals.secondary_contacts_named += named;
            self.name_contacts(d, named, share, None);
        }
    }

    /// How long ago the people a case found at a fever clinic infected caught it, on average,
    /// when it names them: half its care-seeking delay (its infectious days before it came)
    /// plus the interview delay, in minutes.
    pub(crate) fn clinic_case_infectee_age_minutes(&self) -> f64 {
        let surveillance = &self.scenario.surveillance;
        surveillance.care_seeking_delay_days.get() / 2.0 * 1440.0
            + f64::from(surveillance.interview_delay.get())
    }

    /// An exposure named by an inject: `count` susceptible residents exposed at
    /// `exposed_at` (minute), `infected_share` of them infected by it and as far along as
    /// that makes them, all to be traced.
    pub(crate) fn expose_and_name(
        &mut self,
        d: usize,
        count: f64,
        infected_share: f64,
        exposed_at: f64,
    ) {
        let stages = InfecteeStages::at(
            &self.scenario,
            exposed_at.min(f64::from(self.now)),
            self.now,
        );
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.tracing,
        };
        let district = &mut self.districts[d];
        let people = count.min(district.epi.s);
        let infected = sampler.binomial(people, infected_share);
        let [latent, asymptomatic, symptomatic] =
            stages.draw(&mut sampler, infected, [f64::INFINITY; 3]);
        district.epi.s -= people;
        district.epi.ns += people - infected;
        let infected_at = stages.infected_at;
        district.epi.ne.add(Infected::new_at(latent, infected_at));
        for (group, n) in [
            (&mut district.epi.na, asymptomatic),
            (&mut district.epi.ni, symptomatic),
        ] {
            group.add(Infected::new_at(n, infected_at).with_onset(stages.onset_at));
        }
        district.infections += infected;
        self.totals.scripted_infections += infected;
        self.push_named(d, people, false);
    }

    fn push_named(&mut self, d: usize, count: f64, secondary: bool) {
        if count <= 0.0 {
            return;
        }
        self.totals.contacts_named += count;
        self.districts[d].contacts_named += count;
        self.districts[d].named_batches.push_back(NamedBatch {
            named_at: self.now,
            count,
            secondary,
        });
        let district = self.derived.nodes[d].id.clone();
        self.emit(
            Audience::Control,
            EventKind::ContactsNamed {
                district,
                count: count.round() as u64,
            },
        );
    }

    /// Tracers reach named contacts, oldest first, and put them in quarantine (or isolation).
    pub(crate) fn trace(&mut self, offers: &Offers) {
        let now = self.now;
        let lost_after = self.scenario.surveillance.contacts_lost_after.get();
        let notification_delay = self.scenario.surveillance.notification_delay.get();
        let stochastic = self.mode == super::Mode::Stochastic;
        for d in 0..self.districts.len() {
            if self.districts[d].named_batches.is_empty() {
                continue;
            }
            // Lists not reached in time are lost: their people go back to their lives.
            while let Some(front) = self.districts[d].named_batches.front()
                && now.saturating_sub(front.named_at) > lost_after
            {
                let lost = self.districts[d]
                    .named_batches
                    .pop_front()
                    .map_or(0.0, |b| b.count);
                self.totals.contacts_lost += lost;
                self.release_named(d, lost);
            }
            // Named people found another way (at a clinic, in hospital) leave the oldest lists.
            let district = &mut self.districts[d];
            let mut gone = std::mem::take(&mut district.named_gone);
            while gone > 1e-9 {
                let Some(front) = district.named_batches.front_mut() else {
                    break;
                };
                let cut = front.count.min(gone);
                front.count -= cut;
                gone -= cut;
                if front.count <= 1e-9 {
                    district.named_batches.pop_front();
                }
            }
            let pool = district.epi.named();
            if pool <= 1e-9 {
                district.named_batches.clear();
                continue;
            }
            // Only contacts named at least the notification delay ago can be reached yet.
            let notified_by = now.saturating_sub(notification_delay);
            let notified: f64 = district
                .named_batches
                .iter()
                .take_while(|b| b.named_at <= notified_by)
                .map(|b| b.count)
                .sum();
            let pool = pool.min(notified);
            if pool <= 1e-9 {
                continue;
            }
            let reached = self.do_work(offers, d, &UnitRole::Tracing, pool);
            let reached = if stochastic { reached.floor() } else { reached };
            if reached <= 0.0 {
                continue;
            }
            self.reach_contacts(d, reached);
        }
    }

    /// `reached` named contacts of a district are reached by tracers now.
    fn reach_contacts(&mut self, d: usize, reached: f64) {
        let now = self.now;
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.tracing,
        };
        let epi = &mut self.districts[d].epi;
        let [ks, ke, ka, ki, kr] =
            sampler.pick(reached, [epi.ns, epi.ne.n, epi.na.n, epi.ni.n, epi.nr]);
        epi.ns -= ks;
        let ke = epi.ne.take(ke);
        let ka = epi.na.take(ka);
        let ki = epi.ni.take(ki);
        epi.nr -= kr;
        let reached = ks + ke.n + ka.n + ki.n + kr;
        let mut portions = Vec::new();
        let batches = &mut self.districts[d].named_batches;
        let mut left = reached;
        while left > 1e-12 {
            let Some(front) = batches.front_mut() else {
                break;
            };
            let portion = front.count.min(left);
            portions.push((front.named_at, portion, front.secondary));
            front.count -= portion;
            left -= portion;
            if front.count <= 1e-9 {
                batches.pop_front();
            }
        }
        if left > 1e-9 {
            portions.push((now, left, false));
        }
        // Contacts with symptoms are tested and isolated at home, waiting for a transfer.
        let epi = &mut self.districts[d].epi;
        epi.xi.add(ki);
        self.districts[d].isolate_at_home(now, ki);
        self.confirm(d, ki, Found::Tracing, true);
        // The others go into quarantine.
        let epi = &mut self.districts[d].epi;
        epi.qs += ks;
        epi.qe.add(ke);
        epi.qa.add(ka);
        epi.qr += kr;
        let to_quarantine = ks + ke.n + ka.n + kr;
        let infected = ke.n + ka.n;
        if infected > 0.0 {
            let infected_at = (ke.n * ke.infected_at + ka.n * ka.infected_at) / infected;
            self.totals
                .infection_to_quarantine
                .add(infected, (f64::from(now) - infected_at) / 1440.0);
        }
        self.totals.contacts_reached += reached;
        self.districts[d].contacts_reached += reached;
        self.totals.contacts_reached_infected += infected + ki.n;
        let placed = if self.derived.quarantine_in_sites {
            to_quarantine.min(self.free_site_rooms())
        } else {
            to_quarantine
        };
        let waiting = to_quarantine - placed;
        self.districts[d].epi.q_home += if self.derived.quarantine_in_sites {
            waiting
        } else {
            to_quarantine
        };
        // Each list's share: its ill contacts are isolated now, its others placed or waiting.
        let (placed_share, waiting_share) = if reached > 0.0 {
            ((placed + ki.n) / reached, waiting / reached)
        } else {
            (0.0, 0.0)
        };
        let close: f64 = portions.iter().filter(|p| !p.2).map(|p| p.1).sum();
        for (named_at, portion, _) in portions {
            let settled = portion * placed_share;
            self.totals.contacts_quarantined += settled;
            self.districts[d].contacts_quarantined += settled;
            if now.saturating_sub(named_at) <= ON_TIME_MINUTES {
                self.totals.contacts_quarantined_within_24h += settled;
            }
            if waiting_share > 0.0 {
                self.districts[d]
                    .room_queue
                    .push_back((named_at, portion * waiting_share));
            }
        }
        let district = self.derived.nodes[d].id.clone();
        self.emit(
            Audience::Control,
            EventKind::ContactsQuarantined {
                district: district.clone(),
                count: reached.round() as u64,
            },
        );
        if reached > 0.0 {
            self.name_secondary_contacts(d, close, (infected + ki.n) / reached);
        }
        self.swab_on_entry(d, ka.n, ke.n);
        if waiting > 0.0 {
            self.totals.contacts_waiting_for_rooms += waiting;
            self.emit(
                Audience::Everyone,
                EventKind::NoQuarantineRoom {
                    district,
                    waiting: waiting.round() as u64,
                },
            );
        }
    }

    /// Lost contacts go back to their lives, with whatever infection they have.
    fn release_named(&mut self, d: usize, count: f64) {
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.tracing,
        };
        let epi = &mut self.districts[d].epi;
        let [ks, ke, ka, ki, kr] =
            sampler.pick(count, [epi.ns, epi.ne.n, epi.na.n, epi.ni.n, epi.nr]);
        epi.ns -= ks;
        epi.s += ks;
        let e = epi.ne.take(ke);
        epi.e.add(e);
        let a = epi.na.take(ka);
        epi.a.add(a);
        let i = epi.ni.take(ki);
        epi.i.add(i);
        epi.nr -= kr;
        epi.r += kr;
    }

    /// Contacts waiting at home get the rooms that freed up, oldest lists first, city-wide.
    pub(crate) fn settle_rooms(&mut self) {
        if !self.derived.quarantine_in_sites {
            return;
        }
        // Those who left quarantine at home before a room came are no longer waiting.
        for district in &mut self.districts {
            let queued: f64 = district.room_queue.iter().map(|(_, n)| n).sum();
            let mut excess = queued - district.epi.q_home;
            if excess > 1e-9 {
                take_oldest(&mut district.room_queue, &mut excess);
            }
        }
        let mut free = self.free_site_rooms();
        let now = self.now;
        while free > 1e-9 {
            let oldest = self
                .districts
                .iter()
                .enumerate()
                .filter_map(|(d, district)| district.room_queue.front().map(|(t, _)| (*t, d)))
                .min();
            let Some((_, d)) = oldest else { break };
            let district = &mut self.districts[d];
            let Some(front) = district.room_queue.front_mut() else {
                break;
            };
            let moved = front.1.min(free).min(district.epi.q_home);
            let named_at = front.0;
            front.1 -= moved;
            if front.1 <= 1e-9 || moved <= 0.0 {
                district.room_queue.pop_front();
            }
            district.epi.q_home -= moved;
            district.contacts_quarantined += moved;
            free -= moved;
            self.totals.contacts_quarantined += moved;
            if now.saturating_sub(named_at) <= ON_TIME_MINUTES {
                self.totals.contacts_quarantined_within_24h += moved;
            }
        }
    }

    /// Tells everyone when the sites are nearly full, once until they have room again.
    pub(crate) fn note_site_load(&mut self) {
        let rooms = self.site_rooms();
        if rooms <= 0.0 {
            return;
        }
        let occupied = self.site_occupancy();
        let load = occupied / rooms;
        if load >= SITES_NEARLY_FULL && !self.sites_full_noted {
            self.sites_full_noted = true;
            self.emit(
                Audience::Everyone,
                EventKind::SitesNearlyFull {
                    occupied: occupied.round() as u64,
                    rooms: rooms.round() as u64,
                },
            );
        } else if load < SITES_RELIEVED {
            self.sites_full_noted = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ON_TIME_MINUTES;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// A case's contact list holds the infections it could have caused: in a district with
    /// three hidden infections, twenty named contacts cannot take more than three.
    #[test]
    fn a_case_names_contacts_whose_infected_are_bounded_by_the_hidden_pool() {
        let mut ex = small(
            Mode::Stochastic,
            "surveillance.contacts_per_case: 100.0\nsurveillance.traceable_share: 1.0\nsurveillance.contact_infection_share: 0.5",
        );
        let d = 0;
        ex.districts[d].epi.e = crate::sim::Infected::new_at(3.0, 0.0);
        ex.name_case_contacts(d, 1.0, 0.0);
        let epi = &ex.districts[d].epi;
        assert_eq!(epi.named(), 100.0);
        assert_eq!(epi.ne.n + epi.na.n + epi.ni.n, 3.0, "only the 3 who exist");
        assert_eq!(epi.e.n, 0.0);
        assert_eq!(ex.totals.contacts_named, 100.0);
    }

    /// By setting: a household of 3 means 2 household contacts, all named and infected at the
    /// household attack rate (20%); of the other 8 close contacts half can be traced, infected
    /// at (10% × 10 − 2 × 20%) / 8 = 7.5%, so that all ten would be infected at 10%. Named:
    /// 2 + 4 = 6, of whom (0.4 + 0.3) / 6 = 11.7% infected.
    #[test]
    fn a_case_names_its_household_all_and_its_other_contacts_as_far_as_traceable() {
        let ex = small(
            Mode::Expected,
            "city.household_size: 3.0\npathogen.household_attack_rate: 0.2\nsurveillance.contacts_per_case: 10.0\nsurveillance.traceable_share: 0.5\nsurveillance.contact_infection_share: 0.1",
        );
        let (named, share) = ex.contacts_named_per_case(0);
        assert!((named - 6.0).abs() < 1e-9, "{named}");
        assert!((share - 0.7 / 6.0).abs() < 1e-9, "{share}");
    }

    /// A stage whose hidden pool is short is made up from the others: a case infected just
    /// now names latent contacts, but with only 3 latent people in the district its other 47
    /// infected contacts are drawn from the 100 infectious without symptoms.
    #[test]
    fn infected_contacts_a_stage_lacks_come_from_the_others() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.contacts_per_case: 100.0\nsurveillance.traceable_share: 1.0\nsurveillance.contact_infection_share: 0.5",
        );
        let epi = &mut ex.districts[0].epi;
        epi.e = crate::sim::Infected::new_at(3.0, 0.0);
        epi.a = crate::sim::Infected::new_at(100.0, 0.0);
        ex.name_case_contacts(0, 1.0, 0.0);
        let epi = &ex.districts[0].epi;
        assert_eq!((epi.ne.n, epi.na.n), (3.0, 47.0));
    }

    /// A case names infected contacts as far along as when it infected them: caught one
    /// latent period (4 days) ago, e⁻¹ = 37% of them are still latent and the rest infectious,
    /// 40% of those without symptoms; those ill fell ill 4·(1 − e⁻¹/(1 − e⁻¹)) = 1.67 days
    /// after their infection.
    #[test]
    fn a_case_names_its_infected_contacts_as_far_along_as_when_it_infected_them() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.contacts_per_case: 100.0\nsurveillance.traceable_share: 1.0\nsurveillance.contact_infection_share: 0.5",
        );
        let d = 0;
        let epi = &mut ex.districts[d].epi;
        for group in [&mut epi.e, &mut epi.a, &mut epi.i] {
            *group = crate::sim::Infected::new_at(1000.0, 0.0);
        }
        ex.now = 10 * 1440;
        let caught_at = f64::from(6 * 1440);
        ex.name_case_contacts(d, 1.0, caught_at);
        assert_eq!(ex.totals.cases_naming_contacts, 1.0);
        assert_eq!(ex.totals.contacts_named_by_cases, 100.0);
        let epi = &ex.districts[d].epi;
        let latent = (-1.0_f64).exp();
        assert!((epi.ne.n - 50.0 * latent).abs() < 1e-9, "{}", epi.ne.n);
        assert!((epi.na.n - 50.0 * (1.0 - latent) * 0.4).abs() < 1e-9);
        assert!((epi.ni.n - 50.0 * (1.0 - latent) * 0.6).abs() < 1e-9);
        assert_eq!(epi.ne.infected_at, caught_at);
        let ill_after_days = (epi.ni.onset_at - caught_at) / 1440.0;
        assert!((ill_after_days - 4.0 * (1.0 - latent / (1.0 - latent))).abs() < 1e-9);
        assert!((ill_after_days - 1.67).abs() < 0.01);
    }

    /// The people a case infected caught it halfway through its infectious days before it
    /// was isolated: infected at day 0, infectious from day 4 (its latent period), confirmed
    /// on day 6 — they caught it on day 5. A case found after recovering infected nobody
    /// after its 7 infectious days.
    #[test]
    fn a_cases_infectees_caught_it_halfway_through_its_infectious_days_before_isolation() {
        let mut ex = small(Mode::Expected, "");
        ex.now = 6 * 1440;
        let day = |minute: f64| minute / 1440.0;
        let case = crate::sim::Infected::new_at(1.0, 0.0);
        assert!((day(ex.infectees_infected_at(&case)) - 5.0).abs() < 1e-9);
        ex.now = 30 * 1440;
        assert!((day(ex.infectees_infected_at(&case)) - 7.5).abs() < 1e-9);
        ex.now = 2 * 1440;
        assert!(
            (day(ex.infectees_infected_at(&case)) - 2.0).abs() < 1e-9,
            "found latent"
        );
    }

    /// An inject's list was exposed before it arrives: by default as long before as a clinic
    /// case's contacts (half the 2-day care-seeking delay plus the 12-hour interview delay:
    /// 1.5 days), or as the inject says; all of them infected at that time.
    #[test]
    fn an_injected_list_was_exposed_before_it_arrived() {
        let mut ex = small(Mode::Expected, "surveillance.interview_delay: \"12h\"");
        assert_eq!(ex.clinic_case_infectee_age_minutes(), 1.5 * 1440.0);
        ex.now = 10 * 1440;
        ex.expose_and_name(0, 1000.0, 0.5, f64::from(6 * 1440));
        let epi = &ex.districts[0].epi;
        let latent = (-1.0_f64).exp();
        assert!((epi.ne.n - 500.0 * latent).abs() < 1e-9);
        assert!((epi.na.n + epi.ni.n - 500.0 * (1.0 - latent)).abs() < 1e-9);
        assert_eq!(epi.ni.infected_at, f64::from(6 * 1440));
        assert_eq!(ex.districts[0].infections, 500.0);
    }

    /// An exposure creates the infections it names, even where nobody was infected.
    #[test]
    fn an_exposure_creates_infections_drawn_from_the_susceptible() {
        let mut ex = small(Mode::Expected, "");
        let s_before = ex.districts[1].epi.s;
        ex.expose_and_name(1, 1000.0, 0.5, 0.0);
        let epi = &ex.districts[1].epi;
        assert_eq!(epi.ne.n, 500.0);
        assert_eq!(epi.ns, 500.0);
        assert_eq!(s_before - epi.s, 1000.0);
        assert_eq!(ex.districts[1].infections, 500.0);
        // Scripted by the scenario, not caused by the epidemic.
        assert_eq!(ex.totals.scripted_infections, 500.0);
    }

    fn traced_within_a_day(extra: &str, tracers: u32) -> (f64, f64) {
        let mut ex = small(Mode::Expected, extra);
        ex.expose_and_name(0, 400.0, 0.1, 0.0);
        for n in 1..=tracers {
            ex.apply(command(&format!(
                r#"Dispatch(team: "health-team", unit: "tracers-{n}", to: "north", work: "3d")"#
            )))
            .unwrap();
        }
        ex.advance(3 * 24 * 60);
        let t = ex.totals_now();
        (
            t.contacts_quarantined_within_24h / (t.contacts_named - t.contacts_pending_young),
            t.contacts_waiting_for_rooms,
        )
    }

    /// A case names its contacts at its interview, `interview_delay` after confirmation, and
    /// tracers reach them from `notification_delay` after they were named.
    #[test]
    fn contacts_are_named_at_the_interview_and_reached_after_notification() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.interview_delay: \"12h\"\nsurveillance.notification_delay: \"1d\"\nsurveillance.contacts_per_case: 10.0\nsurveillance.traceable_share: 1.0",
        );
        ex.interview_later(0, crate::sim::Infected::new_at(2.0, 0.0));
        ex.name_pending_contacts();
        assert_eq!(ex.totals.contacts_named, 0.0, "before the interview");
        ex.now = 12 * 60;
        ex.name_pending_contacts();
        assert_eq!(ex.totals.contacts_named, 20.0);
        assert!(ex.pending_names.is_empty());
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "north", work: "3d")"#,
        ))
        .unwrap();
        // Steps end 18, 24 and 30 hours after the start: the contacts, named at 12 hours,
        // cannot be reached before 36.
        ex.advance(18 * 60);
        assert_eq!(ex.totals.contacts_reached, 0.0, "before the notification");
        ex.advance(12 * 60);
        assert!(ex.totals.contacts_reached > 0.0, "after it");
    }

    /// Close contacts reached name their secondary contacts, who are traced in turn and name
    /// nobody: 400 close contacts (nobody infected, so no case names more) at half a secondary
    /// contact each give 200 more, and no third generation.
    #[test]
    fn close_contacts_name_secondary_contacts_and_they_name_nobody() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.secondary_contacts_per_contact: 0.5",
        );
        ex.expose_and_name(0, 400.0, 0.0, 0.0);
        for n in 1..=2 {
            ex.apply(command(&format!(
                r#"Dispatch(team: "health-team", unit: "tracers-{n}", to: "north", work: "10d")"#
            )))
            .unwrap();
        }
        ex.advance(10 * 24 * 60);
        let t = ex.totals_now();
        assert!((t.secondary_contacts_named - 200.0).abs() < 1e-6, "{t:?}");
        assert!((t.contacts_named - 600.0).abs() < 1e-6);
        assert!(
            (t.contacts_reached - 600.0).abs() < 1e-6,
            "{}",
            t.contacts_reached
        );
        let none = {
            let mut ex = small(Mode::Expected, "");
            ex.expose_and_name(0, 400.0, 0.0, 0.0);
            ex.apply(command(
                r#"Dispatch(team: "health-team", unit: "tracers-1", to: "north", work: "10d")"#,
            ))
            .unwrap();
            ex.advance(10 * 24 * 60);
            ex.totals_now().contacts_named
        };
        assert_eq!(none, 400.0, "one generation by default");
    }

    /// Secondary contacts are infected at the attack rate times the close contacts' infected
    /// share: 100 named at 0.4 × 0.5 hold 20 infections, taken from the hidden pool.
    #[test]
    fn secondary_contacts_are_infected_at_the_attack_rate_times_the_close_contacts_share() {
        let mut ex = small(
            Mode::Expected,
            "surveillance.secondary_contacts_per_contact: 1.0\nsurveillance.contact_infection_share: 0.4",
        );
        let epi = &mut ex.districts[0].epi;
        epi.s -= 1000.0;
        epi.e = crate::sim::Infected::new_at(1000.0, 0.0);
        ex.name_secondary_contacts(0, 100.0, 0.5);
        let epi = &ex.districts[0].epi;
        assert!((epi.ne.n - 20.0).abs() < 1e-9, "{}", epi.ne.n);
        assert!((epi.ns - 80.0).abs() < 1e-9);
        assert!((ex.totals.secondary_contacts_named - 100.0).abs() < 1e-9);
    }

    /// Tracing capacity binds: fewer tracers, fewer contacts quarantined within 24 hours.
    #[test]
    fn fewer_tracers_quarantine_fewer_contacts_on_time() {
        let (two, _) = traced_within_a_day("", 2);
        let (one, _) = traced_within_a_day("", 1);
        assert!(two > one + 0.1, "two tracers {two}, one {one}");
    }

    /// Rooms bind: with the site cut to 10 rooms, most traced contacts wait at home and the
    /// on-time share falls.
    #[test]
    fn quarantine_rooms_bind() {
        let (roomy, none_waiting) = traced_within_a_day("", 2);
        let (cramped, waiting) = traced_within_a_day("site.beds: 10", 2);
        assert_eq!(none_waiting, 0.0);
        assert!(waiting > 100.0, "{waiting}");
        assert!(cramped < roomy - 0.3, "{cramped} vs {roomy}");
    }

    /// Quarantine at home when the scenario says so: nobody waits for a room.
    #[test]
    fn home_quarantine_needs_no_room() {
        let (home, waiting) =
            traced_within_a_day("site.beds: 10\nsurveillance.quarantine_at: Home", 2);
        assert_eq!(waiting, 0.0);
        assert!(home > 0.5, "{home}");
    }

    /// Contacts nobody traces are lost after `contacts_lost_after`, and go back to their lives.
    #[test]
    fn untraced_contacts_are_lost() {
        let mut ex = small(Mode::Expected, "surveillance.contacts_lost_after: \"2d\"");
        let s_before = ex.districts[0].epi.s;
        ex.expose_and_name(0, 100.0, 0.0, 0.0);
        ex.advance(3 * 24 * 60);
        assert_eq!(ex.totals.contacts_lost, 100.0);
        assert_eq!(ex.districts[0].epi.s, s_before);
        assert!(ex.districts[0].epi.named() < 1e-9);
        assert!(ex.districts[0].named_batches.is_empty());
    }

    /// Tracers reaching a third of the named contacts reach a third of each kind: the ill are
    /// isolated, the others quarantined (rooms to spare); all of them count as reached and
    /// quarantined within the day, and the infected among them add their days since infection.
    #[test]
    fn reaching_contacts_counts_each_kind_once() {
        let mut ex = small(Mode::Expected, "");
        ex.advance(3 * 24 * 60);
        let now = f64::from(ex.now());
        let epi = &mut ex.districts[0].epi;
        epi.s -= 150.0;
        epi.ns = 100.0;
        epi.na = crate::sim::Infected::new_at(30.0, now - 1440.0);
        epi.ni = crate::sim::Infected::new_at(20.0, now - 2880.0);
        ex.push_named(0, 150.0, false);
        ex.reach_contacts(0, 50.0);
        let t = &ex.totals;
        assert!(
            (t.contacts_reached - 50.0).abs() < 1e-9,
            "{}",
            t.contacts_reached
        );
        assert!((t.contacts_quarantined - 50.0).abs() < 1e-9);
        assert!((t.contacts_quarantined_within_24h - 50.0).abs() < 1e-9);
        // The 10 infected without symptoms were infected a day before.
        let days = t.infection_to_quarantine.mean().unwrap();
        assert!((days - 1.0).abs() < 1e-9, "{days}");
        // The ill among them (a third of 20) are confirmed, found by tracing.
        assert!((t.confirmed_on_tracing - 20.0 / 3.0).abs() < 1e-9);
        assert!((ex.districts[0].epi.named() - 100.0).abs() < 1e-9);
    }

    /// Contacts who left quarantine at home while waiting for a room leave the queue too, the
    /// oldest first: the queue never holds more than are at home.
    #[test]
    fn the_room_queue_holds_no_more_than_are_at_home() {
        let mut ex = small(Mode::Expected, "");
        assert!(ex.derived.quarantine_in_sites);
        // Every room taken, so that none frees up for those still waiting.
        ex.districts[1].epi.s -= ex.site_rooms();
        ex.districts[1].epi.qs = ex.site_rooms();
        let district = &mut ex.districts[0];
        district.room_queue.push_back((0, 70.0));
        district.room_queue.push_back((60, 30.0));
        district.epi.q_home = 60.0;
        ex.settle_rooms();
        let queue: Vec<(u32, f64)> = ex.districts[0].room_queue.iter().copied().collect();
        assert_eq!(queue.len(), 2);
        assert!(
            (queue[0].1 - 30.0).abs() < 1e-9 && queue[1] == (60, 30.0),
            "{queue:?}"
        );
    }

    /// Rooms that free up go to the contacts waiting longest: ten rooms take ten off the head
    /// of the queue, and those ten leave home for the site.
    #[test]
    fn freed_rooms_go_to_the_longest_waiting() {
        let mut ex = small(Mode::Expected, "");
        ex.districts[1].epi.s -= ex.site_rooms() - 10.0;
        ex.districts[1].epi.qs = ex.site_rooms() - 10.0;
        let district = &mut ex.districts[0];
        district.room_queue.push_back((0, 30.0));
        district.epi.q_home = 30.0;
        ex.settle_rooms();
        let district = &ex.districts[0];
        assert_eq!(district.room_queue.front(), Some(&(0, 20.0)));
        assert!((district.epi.q_home - 20.0).abs() < 1e-9);
        assert!((ex.totals.contacts_quarantined - 10.0).abs() < 1e-9);
    }

    /// Contacts named less than a day ago may still be quarantined in time, whether tracers have
    /// yet to reach them or they wait at home for a room: both are left out of the 24-hour
    /// share; older ones count.
    #[test]
    fn contacts_named_less_than_a_day_ago_are_still_pending() {
        let mut ex = small(Mode::Expected, "");
        ex.advance(2 * 24 * 60);
        let now = ex.now();
        let district = &mut ex.districts[0];
        for (named_at, count) in [(now - 60, 10.0), (now - ON_TIME_MINUTES - 60, 1000.0)] {
            district.named_batches.push_back(crate::sim::NamedBatch {
                named_at,
                count,
                secondary: false,
            });
        }
        district.room_queue.push_back((now - 120, 5.0));
        district
            .room_queue
            .push_back((now - ON_TIME_MINUTES - 1, 500.0));
        assert_eq!(ex.totals_now().contacts_pending_young, 15.0);
    }
}
