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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{bundled, command};

    /// Each share is its count over what it is a share of, and none while there is nothing to
    /// share: before anyone is found there are no contacts per case.
    #[test]
    fn the_shares_divide_their_counts_and_are_none_without_any() {
        let scenario = bundled(crate::library::DEFAULT_SCENARIO);
        let quiet = outcome(&Exercise::new(scenario.clone(), 7, Mode::Stochastic));
        assert_eq!(quiet.cases_among_known_contacts, None);
        assert_eq!(quiet.infected_share_of_traced, None);
        assert_eq!(quiet.contacts_per_case, None);
        assert_eq!(quiet.household_attack_rate, None);
        assert_eq!(
            quiet.scripted_share,
            Some(1.0),
            "at the start, the scripted cases only"
        );
        let mut ex = Exercise::new(scenario, 7, Mode::Stochastic);
        ex.advance(24 * 60);
        for unit in ["epi-1", "epi-2", "epi-3"] {
            let dispatch =
                format!(r#"Dispatch(team: "health-cdc", unit: "{unit}", to: "hexi", work: "5d")"#);
            ex.apply(command(&dispatch)).unwrap();
        }
        ex.advance(6 * 24 * 60);
        let o = outcome(&ex);
        let t = ex.totals();
        let sum =
            |f: fn(&crate::sim::DistrictState) -> f64| ex.districts().iter().map(f).sum::<f64>();
        let (confirmed, infections) = (sum(|d| d.confirmed), sum(|d| d.infections));
        let share = |part: f64, whole: f64| Some(part / whole);
        assert!(t.contacts_reached > 0.0 && t.household_members_exposed > 0.0 && confirmed > 0.0);
        assert_eq!(
            o.cases_among_known_contacts,
            share(
                t.confirmed_from_quarantine + t.confirmed_on_tracing,
                confirmed
            )
        );
        assert_eq!(
            o.infected_share_of_traced,
            share(t.contacts_reached_infected, t.contacts_reached)
        );
        assert_eq!(
            o.contacts_per_case,
            share(t.contacts_named_by_cases, t.cases_naming_contacts)
        );
        assert_eq!(
            o.household_attack_rate,
            share(t.household_infections, t.household_members_exposed)
        );
        assert_eq!(o.scripted_share, share(t.scripted_infections, infections));
        assert!(
            o.scripted_share.unwrap() < 1.0,
            "the epidemic infected some"
        );
    }

    /// A report filed by its deadline counts on time; one past its deadline, filed or not,
    /// counts late or missing; one not yet due counts neither.
    #[test]
    fn reports_count_on_time_late_or_not_yet() {
        let scenario = bundled(crate::library::DEFAULT_SCENARIO);
        let mut ex = Exercise::new(scenario.clone(), 7, Mode::Stochastic);
        let first_due = loop {
            ex.advance(30);
            if let Some(r) = ex.reports().iter().find(|r| r.filed_at.is_none()) {
                break r.clone();
            }
        };
        assert!(first_due.due > ex.now());
        let none_due = outcome(&ex);
        assert_eq!(
            (none_due.reports_on_time, none_due.reports_late_or_missing),
            (0, 0)
        );
        let team = scenario
            .teams
            .iter()
            .find(|t| ex.team_plays(t.id.as_str(), &first_due.from))
            .unwrap();
        let file = format!(
            r#"Report(team: "{}", from: "{}", to: "{}")"#,
            team.id, first_due.from, first_due.to
        );
        ex.apply(command(&file)).unwrap();
        let filed = outcome(&ex);
        assert_eq!(
            (filed.reports_on_time, filed.reports_late_or_missing),
            (1, 0)
        );
        // Every report that falls due from now on is left unfiled.
        ex.advance(2 * 24 * 60);
        let later = outcome(&ex);
        let overdue = ex
            .reports()
            .iter()
            .filter(|r| r.filed_at.is_none() && r.due <= ex.now())
            .count();
        assert!(overdue >= 2, "{overdue}");
        assert_eq!(
            (later.reports_on_time, later.reports_late_or_missing),
            (1, overdue)
        );
    }
}
