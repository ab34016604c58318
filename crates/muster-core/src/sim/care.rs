//! Care: severity by age band, hospital beds by kind (ward, children's ward, intensive care),
//! treatment from the hospital's stock, deaths, and transfers of confirmed cases from home to
//! isolation sites.
//!
//! A severe case needs a bed of one kind: intensive care for the `icu_share` of each band, a
//! children's bed for children when any hospital declares some, a ward bed otherwise. When a
//! scenario declares no intensive-care beds at all, intensive-care patients take ward beds (and
//! still stay `icu_days`). Patients wait (in the emergency department, counted as overflow) for
//! the nearest hospital with a free bed of their kind, and die more often while they wait.
//!
//! The care policy (`surveillance.care_policy`, or a `CarePolicy` effect at run time) decides
//! where: `Nearest`; `DesignatedSevere`, patients to the designated hospitals only (their
//! beds bind: others wait even where another hospital has room); `DesignatedAll`, patients and
//! every confirmed case, the cases isolated in the designated hospitals' ward beds instead of
//! isolation sites, so an outbreak's cases fill them (Tianjin, 2022: every case to Haihe
//! Hospital). Cases with no ward free wait at home, where they infect their households.

use serde::Serialize;

use super::epidemic::{Chance, Infected, Sampler};
use super::step::StepBuffers;
use super::units::Offers;
use super::{Audience, EventKind, Exercise};
use crate::scenario::{AgeBand, AgeShares, CarePolicy, Scenario, UnitRole};

/// The kind of bed a patient needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BedKind {
    Ward,
    Paediatric,
    Icu,
}

impl BedKind {
    pub const ALL: [BedKind; 3] = [BedKind::Ward, BedKind::Paediatric, BedKind::Icu];

    pub fn words(self, lang: crate::i18n::Language) -> String {
        match self {
            BedKind::Ward => crate::tr!(lang, "bed-ward"),
            BedKind::Paediatric => crate::tr!(lang, "bed-paediatric"),
            BedKind::Icu => crate::tr!(lang, "bed-icu"),
        }
    }
}

/// Patients of one district alike in age band, bed and treatment, in one hospital or waiting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patients {
    pub band: AgeBand,
    pub bed: BedKind,
    /// Needs intensive care (stays `icu_days`), whatever bed it takes.
    pub icu: bool,
    /// Index into the scenario's hospitals; none while waiting for a bed.
    pub hospital: Option<usize>,
    /// Had a course of the scenario's treatment on admission.
    pub treated: bool,
    pub n: f64,
}

/// How a case came to be confirmed: decides whether its contacts are named, and whether it
/// counts as found through contact lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// Confirmed by an inject (at the border, in another city): the inject names its contacts.
    Reported,
    Clinic,
    Testing,
    Hospital,
    /// A named contact found ill by tracers.
    Tracing,
    /// Fell ill in quarantine.
    Quarantine,
}

impl Found {
    /// Cases who moved about before they were found name contacts.
    pub fn names_contacts(self) -> bool {
        matches!(
            self,
            Found::Clinic | Found::Testing | Found::Hospital | Found::Tracing
        )
    }
}

/// Severity of one age structure: the share of symptomatic cases needing a bed, and how those
/// patients divide among the age bands.
pub(crate) struct Profile {
    pub hospitalisation: f64,
    pub band_shares: [f64; 3],
}

/// Severity figures worked out once from the scenario.
pub(crate) struct Severity {
    pub profiles: Vec<Profile>,
    /// Each district's profile (districts with the city's age structure share one).
    pub district_profile: Vec<usize>,
    pub icu_share: [f64; 3],
    /// Chance of dying at discharge, by band, waiting or not, treated or not.
    pub fatality: [[[f64; 2]; 2]; 3],
    pub icu_beds_declared: bool,
    pub paediatric_beds_declared: bool,
}

impl Severity {
    pub(crate) fn new(scenario: &Scenario, nodes: &[super::Node]) -> Severity {
        let p = &scenario.pathogen;
        let band = |b: &AgeBand| p.severity.iter().find(|s| s.band.value == *b);
        let hospitalisation: [f64; 3] = AgeBand::ALL.map(|b| {
            band(&b).map_or(p.hospitalisation_rate.get(), |s| {
                s.hospitalisation_rate.get()
            })
        });
        let icu_share = AgeBand::ALL.map(|b| {
            band(&b)
                .and_then(|s| s.icu_share)
                .unwrap_or(p.icu_share)
                .get()
        });
        let base_fatality = AgeBand::ALL.map(|b| {
            band(&b)
                .and_then(|s| s.fatality_rate)
                .unwrap_or(p.fatality_rate)
                .get()
        });
        let overflow = p.overflow_fatality_factor.get();
        let untreated = p
            .treatment
            .as_ref()
            .map_or(1.0, |t| t.untreated_fatality_factor.get());
        let fatality = base_fatality.map(|f| {
            [false, true].map(|waiting| {
                [false, true].map(|without_course| {
                    let mut f = f;
                    if waiting {
                        f *= overflow;
                    }
                    if without_course {
                        f *= untreated;
                    }
                    f.min(1.0)
                })
            })
        });
        let mut structures: Vec<AgeShares> = Vec::new();
        let mut district_profile = Vec::new();
        for node in nodes {
            let shares = node.age_shares.clone();
            let n = match structures.iter().position(|s| *s == shares) {
                Some(n) => n,
                None => {
                    structures.push(shares);
                    structures.len() - 1
                }
            };
            district_profile.push(n);
        }
        let profiles = structures
            .iter()
            .map(|shares| {
                let people: f64 = AgeBand::ALL.iter().map(|b| shares.get(b)).sum();
                let weights = AgeBand::ALL.map(|b| shares.get(&b) / people.max(1e-12));
                let rate: f64 = (0..3).map(|n| weights[n] * hospitalisation[n]).sum();
                Profile {
                    hospitalisation: rate,
                    band_shares: std::array::from_fn(|n| {
                        if rate > 0.0 {
                            weights[n] * hospitalisation[n] / rate
                        } else {
                            weights[n]
                        }
                    }),
                }
            })
            .collect();
        let hospitals = scenario
            .facilities
            .iter()
            .filter(|f| f.kind == crate::scenario::FacilityKind::Hospital);
        Severity {
            profiles,
            district_profile,
            icu_share,
            fatality,
            icu_beds_declared: hospitals.clone().any(|f| f.icu_beds > 0),
            paediatric_beds_declared: hospitals.clone().any(|f| f.paediatric_beds > 0),
        }
    }

    /// The bed a patient of a band needs.
    fn bed_for(&self, band: &AgeBand, icu: bool) -> BedKind {
        if icu && self.icu_beds_declared {
            BedKind::Icu
        } else if *band == AgeBand::Children && self.paediatric_beds_declared {
            BedKind::Paediatric
        } else {
            BedKind::Ward
        }
    }
}

/// Adds patients to a district's list, merging with alike ones.
fn add_patients(list: &mut Vec<Patients>, patients: Patients) {
    if patients.n <= 0.0 {
        return;
    }
    match list.iter_mut().find(|p| {
        p.band == patients.band
            && p.bed == patients.bed
            && p.icu == patients.icu
            && p.hospital == patients.hospital
            && p.treated == patients.treated
    }) {
        Some(p) => p.n += patients.n,
        None => list.push(patients),
    }
}

impl Exercise {
    /// Beds of a kind a hospital can use now (beds lost to staff sickness come off the ward
    /// first, then intensive care, then the children's ward; none while it is closed).
    pub fn beds_of(&self, hospital: usize, kind: BedKind) -> f64 {
        let f = self.derived.hospitals[hospital];
        // A closed hospital (a field hospital not yet opened) has no beds to offer.
        if !self.facility_open(f) {
            return 0.0;
        }
        let [beds, icu_beds, paediatric_beds] = self.declared_beds(f);
        let mut lost = self.facilities[f].beds_lost;
        let mut left = |beds: u32| {
            let cut = lost.min(beds);
            lost -= cut;
            f64::from(beds - cut)
        };
        let ward = left(beds);
        let icu = left(icu_beds);
        let children = left(paediatric_beds);
        match kind {
            BedKind::Ward => ward,
            BedKind::Icu => icu,
            BedKind::Paediatric => children,
        }
    }

    /// Patients in beds of a kind at a hospital.
    pub fn beds_used(&self, hospital: usize, kind: BedKind) -> f64 {
        let patients: f64 = self
            .districts
            .iter()
            .flat_map(|d| &d.epi.patients)
            .filter(|p| p.hospital == Some(hospital) && p.bed == kind)
            .map(|p| p.n)
            .sum();
        if kind == BedKind::Ward {
            patients + self.isolated_in_wards_of(hospital)
        } else {
            patients
        }
    }

    /// Confirmed cases isolated in a designated hospital's ward beds: all those isolated in
    /// designated hospitals, shared among them by their ward beds.
    pub(crate) fn isolated_in_wards_of(&self, hospital: usize) -> f64 {
        if !self.derived.designated.contains(&hospital) {
            return 0.0;
        }
        let isolated: f64 = self.districts.iter().map(|d| d.epi.x_hospital).sum();
        if isolated <= 0.0 {
            return 0.0;
        }
        let wards: f64 = self
            .derived
            .designated
            .iter()
            .map(|&h| self.declared_ward_beds(h))
            .sum();
        if wards <= 0.0 {
            return 0.0;
        }
        isolated * self.declared_ward_beds(hospital) / wards
    }

    fn declared_ward_beds(&self, hospital: usize) -> f64 {
        f64::from(self.declared_beds(self.derived.hospitals[hospital])[0])
    }

    /// Free ward beds in the designated hospitals now.
    fn free_designated_wards(&self) -> f64 {
        self.derived
            .designated
            .iter()
            .map(|&h| (self.beds_of(h, BedKind::Ward) - self.beds_used(h, BedKind::Ward)).max(0.0))
            .sum()
    }

    /// Whether a hospital takes the outbreak's patients under the care policy: every hospital
    /// under `Nearest` (or when the scenario designates none), else the designated ones.
    fn takes_patients(&self, hospital: usize) -> bool {
        self.care_policy == CarePolicy::Nearest
            || self.derived.designated.is_empty()
            || self.derived.designated.contains(&hospital)
    }

    /// Hospital stays end (recovery or death), severe cases of the step need beds, and waiting
    /// patients take the nearest free bed of their kind, with a course of treatment if the
    /// hospital has one. Deaths are added to `b.deaths`.
    pub(crate) fn care_step(&mut self, dt: f64, b: &mut StepBuffers) {
        let n = self.districts.len();
        super::step::zeroed(&mut b.deaths, n);
        let derived = self.derived.clone();
        let severity = &derived.severity;
        let p = &self.scenario.pathogen;
        let discharge = [
            Chance::of_rate(1.0 / p.hospital_days.get(), dt),
            Chance::of_rate(1.0 / p.icu_days.get(), dt),
        ];
        let mut sampler = Sampler {
            mode: self.mode,
            rng: &mut self.streams.care,
        };
        for d in 0..n {
            let epi = &mut self.districts[d].epi;
            if epi.patients.is_empty() && b.severe[d].total() <= 0.0 {
                continue;
            }
            // Stays that end this step.
            for patients in &mut epi.patients {
                let out = sampler.draw(patients.n, discharge[usize::from(patients.icu)]);
                let chance = severity.fatality[patients.band.index()]
                    [usize::from(patients.hospital.is_none())][usize::from(!patients.treated)];
                let died = sampler.binomial(out, chance);
                patients.n -= out;
                epi.d += died;
                epi.r += out - died;
                b.deaths[d] += died;
            }
            epi.patients.retain(|p| p.n > 0.0);
            // New severe cases, by age band, then intensive care or not.
            let severe = b.severe[d].total();
            if severe > 0.0 {
                let profile = &severity.profiles[severity.district_profile[d]];
                let by_band = sampler.multinomial(severe, profile.band_shares);
                for (band, count) in AgeBand::ALL.iter().zip(by_band) {
                    let icu = sampler.binomial(count, severity.icu_share[band.index()]);
                    for (needs_icu, people) in [(true, icu), (false, count - icu)] {
                        add_patients(
                            &mut epi.patients,
                            Patients {
                                band: band.clone(),
                                bed: severity.bed_for(band, needs_icu),
                                icu: needs_icu,
                                hospital: None,
                                treated: false,
                                n: people,
                            },
                        );
                    }
                }
            }
        }
        self.admit();
    }

    /// Waiting patients take the nearest free bed of their kind.
    fn admit(&mut self) {
        let hospitals = self.derived.hospitals.len();
        if self.districts.iter().all(|d| d.epi.waiting() <= 0.0) {
            return;
        }
        // A closed hospital admits nobody new (its patients stay).
        let mut free: Vec<[f64; 3]> = (0..hospitals)
            .map(|h| {
                let open = self.facility_open(self.derived.hospitals[h]);
                BedKind::ALL.map(|kind| {
                    if open {
                        (self.beds_of(h, kind) - self.beds_used(h, kind)).max(0.0)
                    } else {
                        0.0
                    }
                })
            })
            .collect();
        let treatment = self.scenario.pathogen.treatment.clone();
        let stochastic = self.mode == super::Mode::Stochastic;
        for d in 0..self.districts.len() {
            let waiting: Vec<Patients> = self.districts[d]
                .epi
                .patients
                .iter()
                .filter(|p| p.hospital.is_none())
                .cloned()
                .collect();
            for mut group in waiting {
                let kind = group.bed as usize;
                let mut admitted = Vec::new();
                for &h in &self.derived.hospitals_by_distance[d] {
                    if group.n <= 0.0 {
                        break;
                    }
                    if !self.takes_patients(h) {
                        continue;
                    }
                    let moved = group.n.min(free[h][kind]);
                    let moved = if stochastic { moved.floor() } else { moved };
                    if moved <= 0.0 {
                        continue;
                    }
                    free[h][kind] -= moved;
                    group.n -= moved;
                    admitted.push((h, moved));
                }
                if admitted.is_empty() {
                    continue;
                }
                let total: f64 = admitted.iter().map(|(_, m)| m).sum();
                // Take the admitted off the waiting group.
                let patients = &mut self.districts[d].epi.patients;
                if let Some(w) = patients.iter_mut().find(|p| {
                    p.hospital.is_none()
                        && p.band == group.band
                        && p.bed == group.bed
                        && p.icu == group.icu
                }) {
                    w.n -= total;
                }
                patients.retain(|p| p.n > 1e-12);
                for (h, moved) in admitted {
                    let treated = match &treatment {
                        None => moved,
                        Some(t) => {
                            let per = f64::from(t.courses_per_patient.max(1));
                            let facility = self.derived.hospitals[h];
                            let got =
                                self.take_from(facility, t.supply.as_str(), (moved * per).ceil());
                            let treated = (got / per).min(moved);
                            self.totals.patients_untreated += moved - treated;
                            treated
                        }
                    };
                    for (was_treated, people) in [(true, treated), (false, moved - treated)] {
                        add_patients(
                            &mut self.districts[d].epi.patients,
                            Patients {
                                hospital: Some(h),
                                treated: was_treated,
                                n: people,
                                ..group.clone()
                            },
                        );
                    }
                }
            }
        }
    }

    /// Ambulances take isolated cases from home to isolation sites while rooms are free.
    pub(crate) fn transfer(&mut self, offers: &Offers) {
        let to_hospital =
            self.care_policy == CarePolicy::DesignatedAll && !self.derived.designated.is_empty();
        let mut free = if to_hospital {
            let free = self.free_designated_wards();
            if self.mode == super::Mode::Stochastic {
                free.floor()
            } else {
                free
            }
        } else {
            self.free_site_rooms()
        };
        for d in 0..self.districts.len() {
            let waiting = self.districts[d].epi.x_home;
            if waiting <= 0.0 || free <= 0.0 {
                continue;
            }
            let moved = self.do_work(offers, d, &UnitRole::PatientTransport, waiting.min(free));
            let moved = if self.mode == super::Mode::Stochastic {
                moved.floor()
            } else {
                moved
            };
            free -= moved;
            let now = self.now;
            if to_hospital {
                self.districts[d].epi.x_hospital += moved;
            }
            for (confirmed_at, count) in self.districts[d].leave_home_isolation(moved) {
                self.totals.isolated_in_sites += count;
                if now.saturating_sub(confirmed_at) <= super::tracing::ON_TIME_MINUTES {
                    self.totals.isolated_within_24h += count;
                }
            }
        }
    }

    /// Hours with patients waiting for a bed; the first hour announced and reported.
    pub(crate) fn note_overflow(&mut self, dt: f64) {
        let waiting: f64 = self.districts.iter().map(|d| d.epi.waiting()).sum();
        if waiting >= 0.5 {
            self.totals.overflow_hours += dt * 24.0;
            if !self.overflow_active {
                self.overflow_active = true;
                let kinds: Vec<BedKind> = BedKind::ALL
                    .iter()
                    .filter(|kind| {
                        self.districts.iter().any(|d| {
                            d.epi
                                .patients
                                .iter()
                                .any(|p| p.hospital.is_none() && p.bed == **kind)
                        })
                    })
                    .copied()
                    .collect();
                self.emit(
                    Audience::Everyone,
                    EventKind::HospitalOverflow {
                        waiting: waiting.round() as u64,
                        beds: crate::msg!(
                            "event-bed-kinds",
                            kinds = crate::i18n::Arg::worded(|lang| {
                                let words: Vec<String> =
                                    kinds.iter().map(|kind| kind.words(lang)).collect();
                                words.join(&crate::tr!(lang, "list-comma"))
                            })
                        ),
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

/// Severe cases of one district in one step: free (found at the hospital), named contacts not
/// yet traced (likewise), and cases already isolated.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Severe {
    pub free: Infected,
    pub named: Infected,
    pub isolated: Infected,
}

impl Severe {
    pub fn total(&self) -> f64 {
        self.free.n + self.named.n + self.isolated.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    fn severe(ex: &mut Exercise, district: usize, n: f64) -> StepBuffers {
        let mut b = StepBuffers {
            severe: vec![Severe::default(); ex.districts.len()],
            ..Default::default()
        };
        b.severe[district].isolated = Infected::new_at(n, 0.0);
        ex.care_step(0.25, &mut b);
        b
    }

    /// Beds bind: patients beyond the beds wait, and the overflow is counted.
    /// Ambulances bring cases isolated at home to the sites only while rooms are free: two
    /// districts served in the same step share the last rooms, they do not each get them.
    #[test]
    fn transfers_to_the_sites_stop_when_the_rooms_are_taken() {
        let mut ex = small(
            Mode::Expected,
            r#"site.beds: 10
            extra.units: (id: "amb-north", resource: "ambulance", agency: "health", base: "north", people: 20)
            extra.units: (id: "amb-south", resource: "ambulance", agency: "health", base: "south", people: 20)"#,
        );
        for (d, unit) in [(0, "amb-north"), (1, "amb-south")] {
            let cases = crate::sim::Infected::new_at(20.0, 0.0);
            ex.districts[d].epi.s -= 20.0;
            ex.districts[d].epi.xi.add(cases);
            ex.districts[d].isolate_at_home(0, cases);
            let district = if d == 0 { "north" } else { "south" };
            ex.apply(command(&format!(
                r#"Dispatch(team: "health-team", unit: "{unit}", to: "{district}", work: "1d")"#
            )))
            .unwrap();
        }
        // One step of six hours: the rooms fill; few of those inside recover and leave so soon.
        ex.advance(6 * 60);
        let moved = ex.totals.isolated_in_sites;
        assert!((10.0..10.5).contains(&moved), "{moved} moved into 10 rooms");
    }

    /// A designated hospital in the south beside the ordinary one in the north, and the
    /// ambulances to bring cases from home.
    const DESIGNATED: &str = r#"extra.facilities: (id: "designated", name: "Designated", kind: Hospital, district: "south", beds: 10, operator: "health", designated: true)
        extra.units: (id: "amb-north", resource: "ambulance", agency: "health", base: "north", people: 20)"#;

    /// Under a designated policy the patients go to the designated hospital only, and wait
    /// when it is full although the ordinary hospital has beds; `Nearest` sends them there.
    #[test]
    fn a_designated_policy_sends_patients_to_the_designated_hospitals_only() {
        let waiting_with = |policy: &str| {
            let mut ex = small(
                Mode::Expected,
                &format!("{DESIGNATED}\nsurveillance.care_policy: {policy}\nhospital.icu_beds: 0"),
            );
            severe(&mut ex, 0, 30.0);
            let designated = ex.derived.designated[0];
            (
                ex.districts.iter().map(|d| d.epi.waiting()).sum::<f64>(),
                ex.hospital_occupancy(designated),
            )
        };
        let (waiting, in_designated) = waiting_with("DesignatedSevere");
        assert!((in_designated - 10.0).abs() < 1e-9, "{in_designated}");
        assert!((waiting - 20.0).abs() < 1e-9, "{waiting}");
        let (waiting, _) = waiting_with("Nearest");
        assert_eq!(waiting, 0.0, "the ordinary hospital had room");
    }

    /// With every case to the designated hospitals, ambulances bring isolated cases from home
    /// into their ward beds, no more than are free, and the cases count in its occupancy; a
    /// `CarePolicy` effect switches to it during the exercise.
    #[test]
    fn every_case_to_the_designated_hospitals_fills_their_wards() {
        let mut ex = small(Mode::Expected, DESIGNATED);
        let cases = Infected::new_at(25.0, 0.0);
        ex.districts[0].epi.s -= 25.0;
        ex.districts[0].epi.xi.add(cases);
        ex.districts[0].isolate_at_home(0, cases);
        ex.apply_effect(
            &crate::scenario::Effect::CarePolicy(CarePolicy::DesignatedAll),
            super::super::effects::Actor::Scenario,
        );
        ex.apply(command(
            r#"Dispatch(team: "health-team", unit: "amb-north", to: "north", work: "1d")"#,
        ))
        .unwrap();
        // Two steps: the first fills the ten beds, the second finds none free.
        ex.advance(12 * 60);
        let in_wards = ex.districts[0].epi.x_hospital;
        assert!(
            (9.0..=10.0).contains(&in_wards),
            "{in_wards} in 10 ward beds"
        );
        let designated = ex.derived.designated[0];
        for kind in [BedKind::Icu, BedKind::Paediatric] {
            assert_eq!(ex.beds_used(designated, kind), 0.0, "{kind:?}");
        }
        assert!((ex.isolated_in_wards_of(designated) - in_wards).abs() < 1e-9);
        // Cases and patients share the ward beds.
        assert!(ex.hospital_occupancy(designated) <= 10.0 + 1e-9);
        // The rest wait at home; nobody went to the isolation site.
        assert!(
            ex.districts[0].epi.x_home > 13.0,
            "{}",
            ex.districts[0].epi.x_home
        );
        assert!(ex.site_occupancy() < 1e-9, "{}", ex.site_occupancy());
    }

    #[test]
    fn patients_beyond_the_beds_wait_and_count_as_overflow() {
        let mut ex = small(Mode::Expected, "");
        let hospital = 0;
        let beds = ex.hospital_capacity(hospital);
        severe(&mut ex, 0, beds + 30.0);
        let patients: f64 = ex.districts[0].epi.patients.iter().map(|p| p.n).sum();
        assert!(
            (patients - (beds + 30.0)).abs() < 1e-9,
            "every severe case is a patient"
        );
        let waiting: f64 = ex.districts.iter().map(|d| d.epi.waiting()).sum();
        assert!((waiting - 30.0).abs() < 1e-6, "{waiting}");
        assert!(ex.hospital_occupancy(hospital) <= beds + 1e-9);
        ex.note_overflow(0.25);
        assert_eq!(ex.totals.overflow_hours, 6.0);
    }

    /// Severity by age: with children severely ill far more often, most patients are children,
    /// and with children's beds declared they need those.
    #[test]
    fn severity_by_age_band_fills_childrens_beds() {
        let mut ex = small(
            Mode::Expected,
            r#"pathogen.severity: [(band: Children, hospitalisation_rate: 0.5), (band: Adults, hospitalisation_rate: 0.01), (band: Older, hospitalisation_rate: 0.01)]
               hospital.paediatric_beds: 5"#,
        );
        let profile = &ex.derived.severity.profiles[0];
        assert!(profile.band_shares[0] > 0.8, "{:?}", profile.band_shares);
        severe(&mut ex, 0, 20.0);
        let children_waiting: f64 = ex.districts[0]
            .epi
            .patients
            .iter()
            .filter(|p| p.band == AgeBand::Children && p.hospital.is_none())
            .map(|p| p.n)
            .sum();
        assert!(ex.beds_used(0, BedKind::Paediatric) <= 5.0 + 1e-9);
        assert!(
            children_waiting > 10.0,
            "{children_waiting}: children beyond 5 beds wait"
        );
        assert!(
            ex.beds_used(0, BedKind::Ward) > 0.0,
            "adults take ward beds"
        );
    }

    /// Without a course of treatment, patients die more often.
    #[test]
    fn treatment_courses_are_used_per_patient_and_their_lack_kills() {
        let deaths = |courses: u64| {
            let mut ex = small(
                Mode::Expected,
                &format!(
                    r#"pathogen.treatment: (supply: "kits", untreated_fatality_factor: 3.0)
                       hospital.stock: {{"kits": {courses}}}"#
                ),
            );
            severe(&mut ex, 0, 10.0);
            let used = courses - ex.stock(ex.derived.hospitals[0], "kits");
            let mut total = 0.0;
            for _ in 0..40 {
                let mut b = StepBuffers {
                    severe: vec![Severe::default(); ex.districts.len()],
                    ..Default::default()
                };
                ex.care_step(0.25, &mut b);
                total += b.deaths.iter().sum::<f64>();
            }
            (used, total, ex.totals.patients_untreated)
        };
        let (used, treated_deaths, untreated) = deaths(100);
        assert!(
            (10..=16).contains(&used),
            "{used}: a course each, whole courses per group"
        );
        assert_eq!(untreated, 0.0);
        let (used, untreated_deaths, untreated) = deaths(0);
        assert_eq!((used, untreated), (0, 10.0));
        assert!(
            untreated_deaths > 2.5 * treated_deaths,
            "{untreated_deaths} vs {treated_deaths}"
        );
    }

    /// A scenario with no intensive-care beds puts intensive-care patients in ward beds.
    #[test]
    fn without_icu_beds_declared_icu_patients_take_ward_beds() {
        let ex = small(Mode::Expected, "hospital.icu_beds: 0");
        assert!(!ex.derived.severity.icu_beds_declared);
        assert_eq!(
            ex.derived.severity.bed_for(&AgeBand::Adults, true),
            BedKind::Ward
        );
        let ex = small(Mode::Expected, "");
        assert_eq!(
            ex.derived.severity.bed_for(&AgeBand::Adults, true),
            BedKind::Icu
        );
    }

    /// Patients alike share a cohort; unlike ones (band, bed, care, hospital, treatment) never do.
    #[test]
    fn only_alike_patients_share_a_cohort() {
        let mut list = Vec::new();
        let base = Patients {
            band: AgeBand::Adults,
            bed: BedKind::Ward,
            icu: false,
            hospital: None,
            treated: false,
            n: 2.0,
        };
        add_patients(&mut list, base.clone());
        add_patients(&mut list, base.clone());
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].n, 4.0);
        for other in [
            Patients {
                band: AgeBand::Older,
                ..base.clone()
            },
            Patients {
                bed: BedKind::Icu,
                ..base.clone()
            },
            Patients {
                icu: true,
                ..base.clone()
            },
            Patients {
                hospital: Some(0),
                ..base.clone()
            },
            Patients {
                treated: true,
                ..base.clone()
            },
        ] {
            add_patients(&mut list, other);
        }
        assert_eq!(list.len(), 6);
        assert_eq!(list.iter().map(|p| p.n).sum::<f64>(), 14.0);
        add_patients(&mut list, Patients { n: 0.0, ..base });
        assert_eq!(list.len(), 6, "nobody to add");
    }

    /// Beds lost to staff sickness come off the ward first, then intensive care.
    #[test]
    fn beds_lost_come_off_the_ward_first() {
        let mut ex = small(Mode::Expected, "hospital.paediatric_beds: 5");
        let f = ex.derived.hospitals[0];
        assert_eq!(ex.beds_of(0, BedKind::Ward), 40.0);
        ex.facilities[f].beds_lost = 30;
        assert_eq!(ex.beds_of(0, BedKind::Ward), 10.0);
        assert_eq!(ex.beds_of(0, BedKind::Icu), 10.0);
        ex.facilities[f].beds_lost = 45;
        assert_eq!(ex.beds_of(0, BedKind::Ward), 0.0);
        assert_eq!(ex.beds_of(0, BedKind::Icu), 5.0);
        assert_eq!(ex.beds_of(0, BedKind::Paediatric), 5.0);
        assert_eq!(ex.hospital_capacity(0), 10.0);
    }

    /// Ward patients stay `hospital_days` on average, intensive-care ones `icu_days`.
    #[test]
    fn stays_last_their_days() {
        let mut ex = small(
            Mode::Expected,
            "pathogen.hospital_days: 4.0\npathogen.icu_days: 10.0",
        );
        let patients = |icu: bool| Patients {
            band: AgeBand::Adults,
            bed: if icu { BedKind::Icu } else { BedKind::Ward },
            icu,
            hospital: Some(0),
            treated: true,
            n: 100.0,
        };
        ex.districts[0].epi.patients = vec![patients(false), patients(true)];
        let mut b = StepBuffers {
            severe: vec![Severe::default(); ex.districts.len()],
            ..Default::default()
        };
        ex.care_step(0.25, &mut b);
        let left = |icu: bool| {
            ex.districts[0]
                .epi
                .patients
                .iter()
                .find(|p| p.icu == icu)
                .map_or(0.0, |p| p.n)
        };
        assert!((left(false) - 100.0 * (-0.25f64 / 4.0).exp()).abs() < 1e-9);
        assert!((left(true) - 100.0 * (-0.25f64 / 10.0).exp()).abs() < 1e-9);
    }

    /// The overflow is announced once, with the kinds of bed patients wait for.
    #[test]
    fn an_overflow_names_the_beds_missing() {
        let mut ex = small(Mode::Expected, "hospital.icu_beds: 1");
        ex.districts[0].epi.patients = vec![Patients {
            band: AgeBand::Older,
            bed: BedKind::Icu,
            icu: true,
            hospital: None,
            treated: false,
            n: 3.0,
        }];
        ex.note_overflow(0.25);
        ex.note_overflow(0.25);
        let announced: Vec<String> = ex
            .events()
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::HospitalOverflow { beds, .. } => Some(beds.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(announced, vec!["intensive care".to_string()]);
        assert_eq!(ex.totals.overflow_hours, 12.0);
    }
}
