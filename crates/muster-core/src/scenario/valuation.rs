//! What the city's losses are worth, yuan: a resident's day of output, a hospital case, a life,
//! a school day, and so one infection. Measures' costs (`sim/economy.rs`) and the proportion of
//! a response (`scoring/proportion.rs`) are both counted in these; they are the scenario's
//! figures where it sets them, else the national ones named here with their sources.

use super::Scenario;

/// China's daily output per person in 2021, yuan: GDP per capita 80,976 / 365 (National
/// Bureau of Statistics, 2021 Statistical Communiqué, 28 February 2022).
pub const NATIONAL_DAILY_OUTPUT_PER_PERSON_YUAN: f64 = 222.0;

/// The city's daily output per person, yuan.
pub fn daily_output_per_person(scenario: &Scenario) -> f64 {
    scenario
        .city
        .daily_output_per_person
        .map_or(NATIONAL_DAILY_OUTPUT_PER_PERSON_YUAN, |p| p.get())
}

/// Value of a statistical life in China, yuan (2019 prices): Cao C et al. 2021, contingent
/// valuation in six cities (n = 3,936), doi:10.21203/rs.3.rs-199197/v1: 5.10 million
/// (3.79–6.36 million by city).
pub const VALUE_OF_A_STATISTICAL_LIFE_YUAN: f64 = 5_100_000.0;
/// Medical cost of a hospitalised case, yuan: 1.35 bn for 58,000 confirmed inpatients settled
/// by 31 May 2020, about 23,000 each (severe cases over 150,000); State Council white paper
/// "Fighting COVID-19: China in Action", 7 June 2020.
pub const COST_OF_A_HOSPITAL_CASE_YUAN: f64 = 23_000.0;

/// Lifetime earnings a student loses with one school day, yuan: school closures of three
/// months with remote learning cost a student about $6,500–6,700 of lifetime earnings at
/// present value (2017 PPP dollars), five months about $16,000 (Azevedo, Hasan, Goldemberg,
/// Geven & Iqbal, World Bank Research Observer 2021;36(1):1–40, optimistic and intermediate
/// scenarios): about $110 a school day at the optimistic end (60 school days), times China's
/// 2017 PPP conversion factor of 4.18 yuan a dollar (World Bank ICP). The low end of the
/// published range, as remote teaching went on in closures; range 460–700.
pub const VALUE_OF_A_SCHOOL_DAY_YUAN: f64 = 460.0;

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
