//! Proportion: what each measure cost per infection it averted, set against what one
//! infection costs the city. A response that closes every district to avert what a targeted
//! one averts pays many times more per infection, and scores less.
//!
//! - **Infections averted** by a measure are the infections of the exercise replayed without it
//!   minus the exercise's (`measures.rs`), each *projected* `PROJECTION_HORIZON_DAYS` past now
//!   with the measures lifted (`projected`). Counting only the exercise's own days would
//!   undercount what early action averts (an outbreak stopped on day 3 has averted little by
//!   day 14 but a city-wide epidemic after it); carrying a run's own course forward with its
//!   measures still on would credit a closure with weeks it is not paid for.
//! - **The harm of an infection** (yuan) = its expected care (hospital share × the cost of a
//!   hospital case) + the output of its days ill (symptomatic share × infectious days × the
//!   city's daily output per person) + its risk of death × the value of a statistical life.
//!   A scenario may set its own (`proportion.harm_of_an_infection`).
//!
//! A measure's attainment: full while its cost per infection averted is at or below the harm
//! of an infection, then a third less for each tenfold (`TENFOLDS_TO_NOTHING`); averting
//! nothing, none. A team's KPI is its measures' attainments weighted by their cost; nothing
//! spent: it does not apply.

use crate::scenario::Scenario;
use crate::sim::economy::daily_output_per_person;
use crate::sim::{Exercise, Sample};

/// Days past now that infections are projected: twice the 14-day longest incubation period of
/// SARS-CoV-2, the span without a new case after which an outbreak is declared over (WHO's
/// end-of-outbreak rule). An assumption of this model, not a fitted value.
pub const PROJECTION_HORIZON_DAYS: f64 = 28.0;
/// Steps of the projection per day (its equations are stiff for infectious periods of 2–3
/// days at a step of a day).
const PROJECTION_STEPS_PER_DAY: u32 = 4;
/// Value of a statistical life in China, yuan (2019 prices): Cao C et al. 2021, contingent
/// valuation in six cities (n = 3,936), doi:10.21203/rs.3.rs-199197/v1: 5.10 million
/// (3.79–6.36 million by city).
pub const VALUE_OF_A_STATISTICAL_LIFE_YUAN: f64 = 5_100_000.0;
/// Medical cost of a hospitalised case, yuan: 1.35 bn for 58,000 confirmed inpatients settled
/// by 31 May 2020, about 23,000 each (severe cases over 150,000); State Council white paper
/// "Fighting COVID-19: China in Action", 7 June 2020.
pub const COST_OF_A_HOSPITAL_CASE_YUAN: f64 = 23_000.0;

/// Tenfolds of the harm of an infection that a cost per infection averted may reach before it
/// earns nothing: cost-effectiveness is judged in orders of magnitude (WHO-CHOICE calls an
/// intervention very cost-effective below one GDP per capita per healthy year gained, and not
/// cost-effective beyond three); 1,000 times the harm is beyond any such reading. A
/// modelling convention, not a finding.
pub const TENFOLDS_TO_NOTHING: f64 = 3.0;

/// What one infection costs the city, yuan.
pub fn harm_of_an_infection(scenario: &Scenario) -> f64 {
    if let Some(harm) = scenario.proportion.harm_of_an_infection {
        return harm.get();
    }
    let pathogen = &scenario.pathogen;
    let symptomatic = 1.0 - pathogen.asymptomatic_share.get();
    let hospitalised = symptomatic * pathogen.hospitalisation_rate.get();
    let care = hospitalised * COST_OF_A_HOSPITAL_CASE_YUAN;
    let days_ill = symptomatic * pathogen.infectious_days.get() * daily_output_per_person(scenario);
    let death = hospitalised * pathogen.fatality_rate.get() * VALUE_OF_A_STATISTICAL_LIFE_YUAN;
    care + days_ill + death
}

fn infections(sample: &Sample) -> f64 {
    sample.districts.iter().map(|d| d.infections).sum()
}

/// A run's infections by the horizon. After the exercise its measures are taken to lift: the
/// people at large (latent or infectious, neither quarantined nor isolated) go on infecting at
/// the pathogen's R0 in a well-mixed city, an SEIR projection from the run's own state:
///
///   new infections per day = S · (1 − e^(−β·I/N)),  β = R0 / D,
///   latent E leave at 1/L a day, infectious I at 1/D a day,
///
/// with L and D the pathogen's latent and infectious days, N the city's people, and the
/// asymptomatic counted at their relative infectiousness. So a response that found and
/// isolated the infected has little left to grow, while one that only held people at home
/// resumes its epidemic from a smaller start, and catches up as far as the susceptible allow.
/// The projection leaves out what the exercise's own model adds (households, clinics finding
/// cases by themselves): it is the same for every run it compares, so differences hold.
pub fn projected(run: &Exercise) -> f64 {
    let Some(now) = run.series().last() else {
        return 0.0;
    };
    let scenario = run.scenario();
    let pathogen = &scenario.pathogen;
    let people: f64 = scenario
        .city
        .districts
        .iter()
        .map(|d| d.population as f64)
        .sum();
    if people <= 0.0 {
        return infections(now);
    }
    let (latent_days, infectious_days) =
        (pathogen.latent_days.get(), pathogen.infectious_days.get());
    let beta = run.basic_reproduction_number() / infectious_days;
    let asymptomatic_weight = pathogen.asymptomatic_infectiousness.get();
    let mut susceptible: f64 = now.districts.iter().map(|d| d.s).sum();
    let mut latent: f64 = now.districts.iter().map(|d| d.e).sum();
    let mut infectious: f64 = now
        .districts
        .iter()
        .map(|d| d.i + d.a * asymptomatic_weight)
        .sum();
    let dt = 1.0 / f64::from(PROJECTION_STEPS_PER_DAY);
    let steps = (PROJECTION_HORIZON_DAYS * f64::from(PROJECTION_STEPS_PER_DAY)) as u32;
    let mut future = 0.0;
    for _ in 0..steps {
        let new = susceptible * (1.0 - (-beta * infectious / people * dt).exp());
        let becoming_infectious = latent * (1.0 - (-dt / latent_days).exp());
        let recovering = infectious * (1.0 - (-dt / infectious_days).exp());
        susceptible -= new;
        latent += new - becoming_infectious;
        infectious += becoming_infectious - recovering;
        future += new;
    }
    infections(now) + future
}

/// Attainment of a cost per infection averted against the harm of an infection: full up to
/// the harm, then a third less for each tenfold beyond it.
pub fn attainment(cost: f64, averted: f64, harm: f64) -> f64 {
    if averted <= 0.0 {
        return 0.0;
    }
    let times_the_harm = cost / averted / harm;
    (1.0 - times_the_harm.log10() / TENFOLDS_TO_NOTHING).clamp(0.0, 1.0)
}

/// How a measure's cost per infection averted reads against the harm of an infection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// At most the harm of an infection.
    InProportion,
    /// Up to ten times the harm.
    Costly,
    /// More than ten times the harm, or nothing averted.
    OutOfProportion,
}

impl Verdict {
    pub fn of(attainment: f64) -> Verdict {
        if attainment >= super::STRENGTH {
            Verdict::InProportion
        } else if attainment >= 1.0 - 1.0 / TENFOLDS_TO_NOTHING - 1e-9 {
            Verdict::Costly
        } else {
            Verdict::OutOfProportion
        }
    }

    /// The verdict in words, with the share of the points when it is not in proportion.
    pub fn words(self, attainment: f64, lang: crate::i18n::Language) -> String {
        let points = format!("{:.0}%", attainment * 100.0);
        match self {
            Verdict::InProportion => crate::tr!(lang, "report-in-proportion"),
            Verdict::Costly => crate::tr!(lang, "report-costly", points = points),
            Verdict::OutOfProportion => {
                crate::tr!(lang, "report-out-of-proportion", points = points)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_within_ten_times_the_harm_is_costly_beyond_it_out_of_proportion() {
        assert_eq!(Verdict::of(1.0), Verdict::InProportion);
        assert_eq!(Verdict::of(attainment(10.0, 1.0, 1.0)), Verdict::Costly);
        assert_eq!(
            Verdict::of(attainment(11.0, 1.0, 1.0)),
            Verdict::OutOfProportion
        );
        assert_eq!(Verdict::of(0.0), Verdict::OutOfProportion);
    }

    /// Spending ten times what the infections averted are worth costs a third of the points,
    /// a hundred times two thirds; spending less earns them all; averting nothing earns none.
    #[test]
    fn attainment_falls_a_third_for_each_tenfold_over_the_harm() {
        assert!((attainment(10_000_000.0, 100.0, 10_000.0) - 2.0 / 3.0).abs() < 1e-12);
        assert!((attainment(100_000_000.0, 100.0, 10_000.0) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(attainment(10_000_000_000.0, 100.0, 10_000.0), 0.0);
        assert_eq!(attainment(500_000.0, 100.0, 10_000.0), 1.0);
        assert_eq!(attainment(500_000.0, 0.0, 10_000.0), 0.0);
        assert_eq!(attainment(500_000.0, -5.0, 10_000.0), 0.0);
    }
}
