//! A run's headline figures, read from the exercise: what `run` prints and writes, what the red
//! cell's card compares with and without its moves, and what sweeps summarise.

use serde::Serialize;

use super::Exercise;

/// Headline figures of a run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    pub infections: f64,
    pub deaths: f64,
    pub confirmed: f64,
    pub peak_hospitalised: f64,
    pub mean_trust: f64,
    pub economic_cost: f64,
    pub reports_on_time: usize,
    pub reports_late_or_missing: usize,
    /// Share of confirmed cases who were known contacts (ill in quarantine, or found ill by
    /// tracers).
    pub cases_among_known_contacts: Option<f64>,
    /// Share of the contacts reached by tracers who were infected.
    pub infected_share_of_traced: Option<f64>,
    /// Contacts named per confirmed case who named any (an inject's exposure lists aside).
    pub contacts_per_case: Option<f64>,
    /// Infections at home per household member of the infected (the household secondary
    /// attack rate, over the run).
    pub household_attack_rate: Option<f64>,
    /// Share of all infections that the scenario scripted (initial and injected cases and
    /// exposures): the rest are the epidemic's, which the players' decisions move.
    pub scripted_share: Option<f64>,
    /// Mean days from infection to isolation of confirmed cases, from symptom onset to
    /// isolation (all, and those found through contact lists; over the cases whose symptoms
    /// began at least a week before the end, `onset_cohorts.rs`, so none while the exercise
    /// is shorter), and from infection to quarantine of infected contacts.
    pub infection_to_isolation_days: Option<f64>,
    pub onset_to_isolation_days: Option<f64>,
    pub onset_to_isolation_traced_days: Option<f64>,
    pub infection_to_quarantine_days: Option<f64>,
}

/// The headline figures of an exercise as it stands.
pub fn outcome(exercise: &Exercise) -> Outcome {
    let districts = exercise.districts();
    let t = exercise.totals();
    let onset_to_isolation = exercise.onset_to_isolation_days();
    let peak_hospitalised = exercise
        .series()
        .iter()
        .map(|s| s.districts.iter().map(|d| d.hospitalised).sum::<f64>())
        .fold(0.0, f64::max);
    let reports = exercise.reports();
    let on_time = reports
        .iter()
        .filter(|r| r.filed_at.is_some_and(|at| at <= r.due))
        .count();
    let due = reports
        .iter()
        .filter(|r| r.filed_at.is_some() || r.due <= exercise.now())
        .count();
    Outcome {
        infections: districts.iter().map(|d| d.infections).sum(),
        deaths: districts.iter().map(|d| d.epi.d).sum(),
        confirmed: districts.iter().map(|d| d.confirmed).sum(),
        peak_hospitalised,
        mean_trust: exercise.mean_trust(),
        economic_cost: exercise.totals().economic_cost,
        reports_on_time: on_time,
        reports_late_or_missing: due - on_time,
        cases_among_known_contacts: {
            let confirmed: f64 = districts.iter().map(|d| d.confirmed).sum();
            (confirmed > 0.0)
                .then(|| (t.confirmed_from_quarantine + t.confirmed_on_tracing) / confirmed)
        },
        infected_share_of_traced: (t.contacts_reached > 0.0)
            .then(|| t.contacts_reached_infected / t.contacts_reached),
        contacts_per_case: (t.cases_naming_contacts > 0.0)
            .then(|| t.contacts_named_by_cases / t.cases_naming_contacts),
        household_attack_rate: (t.household_members_exposed > 0.0)
            .then(|| t.household_infections / t.household_members_exposed),
        scripted_share: {
            let infections: f64 = districts.iter().map(|d| d.infections).sum();
            (infections > 0.0).then(|| t.scripted_infections / infections)
        },
        infection_to_isolation_days: t.infection_to_isolation.mean(),
        onset_to_isolation_days: onset_to_isolation.0,
        onset_to_isolation_traced_days: onset_to_isolation.1,
        infection_to_quarantine_days: t.infection_to_quarantine.mean(),
    }
}
