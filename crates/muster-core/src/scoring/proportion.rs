//! Proportion: the harm of each measure set against the harm it averted, and the harm it did
//! beyond that set against the danger the city faced. A response that closes every district
//! to avert what a targeted one averts wastes many times what the outbreak could have done,
//! and scores less; a cheap measure that did little wastes little, and loses little.
//!
//! - **Infections averted** by a measure are the infections of the exercise replayed without it
//!   minus the exercise's (`measures.rs`), each *projected* one generation past now
//!   (`projected`): the infections so far, and those the people still at large (latent or
//!   infectious, neither quarantined nor isolated) would cause next at the pathogen's R0 with
//!   the measures lifted. Counting only the exercise's days would miss what a measure set in
//!   motion by its end; projecting further at R0 would multiply every difference of a fraction
//!   of a person by the thousands (an outbreak left at large in a city grows without bound at
//!   R0), and credit a measure with an epidemic the response that goes on would have stopped.
//! - **The harm of an infection** (yuan) = its expected care (hospital share × the cost of a
//!   hospital case) + the output of its days ill (symptomatic share × infectious days × the
//!   city's daily output per person) + its risk of death × the value of a statistical life.
//!   A scenario may set its own (`proportion.harm_of_an_infection`).
//! - **A measure's waste** = its harm (its cost, the school days lost under it at the lifetime
//!   earnings a day of school is worth, and the deaths of care forgone under it at the value of
//!   a statistical life) less the infections it averted × the harm of an infection;
//!   none when it averted at least its worth.
//! - **The danger** = the no-action run's projected infections × the harm of an infection.
//!
//! Attainment = 1 − log10(1 + waste ÷ danger) ÷ `TENFOLDS_TO_NOTHING`: wasting a tenth of what
//! the whole outbreak could do costs 4% of the points, as much as it 30%, nine times it all. A
//! team's KPI sums the waste of its measures; nothing spent: it does not apply.

pub use crate::scenario::valuation::{
    COST_OF_A_HOSPITAL_CASE_YUAN, VALUE_OF_A_SCHOOL_DAY_YUAN, VALUE_OF_A_STATISTICAL_LIFE_YUAN,
    harm_of_an_infection,
};
use crate::sim::{Exercise, Sample};

/// Tenfolds of the danger that a response's waste may reach before it earns nothing: one, so
/// that wasting nine times what the outbreak could do earns nothing. Cost-effectiveness is
/// judged in small multiples (WHO-CHOICE calls an intervention very cost-effective below one
/// GDP per capita per healthy year gained and not cost-effective beyond three), and a response
/// that wastes several times the outbreak's own harm is out of proportion on any reading. A
/// modelling convention, not a finding: at three (a thousand times to nothing), closing all of
/// Tianjin for a month to avert what testing and sealing averted kept 78% of the points, and
/// over-reactions scored within 10 points of targeted responses (`muster contrasts`).
pub const TENFOLDS_TO_NOTHING: f64 = 1.0;

fn infections(sample: &Sample) -> f64 {
    sample.districts.iter().map(|d| d.infections).sum()
}

/// A run's infections so far, and the next generation: those its people at large would infect
/// over their illness at R0 × the susceptible share, with the measures lifted (asymptomatic
/// infections at their relative infectiousness).
pub fn projected(run: &Exercise) -> f64 {
    let Some(now) = run.series().last() else {
        return 0.0;
    };
    let people: f64 = now.districts.iter().map(living).sum();
    if people <= 0.0 {
        return infections(now);
    }
    let susceptible: f64 = now.districts.iter().map(|d| d.s).sum();
    let weight = run.scenario().pathogen.asymptomatic_infectiousness.get();
    let at_large: f64 = now.districts.iter().map(|d| d.e + d.i + d.a * weight).sum();
    infections(now) + at_large * run.basic_reproduction_number() * susceptible / people
}

/// Everyone alive in a district's sample (named contacts not yet reached who are still
/// susceptible are left out: a small share, and the sample does not keep them apart).
fn living(d: &crate::sim::DistrictSample) -> f64 {
    d.s + d.e + d.a + d.i + d.quarantined + d.isolated + d.hospitalised + d.waiting + d.r
}

/// The harm a measure did beyond what it averted, yuan.
pub fn waste(harm: f64, averted: f64, harm_of_an_infection: f64) -> f64 {
    (harm - averted * harm_of_an_infection).max(0.0)
}

/// Attainment of a waste against the danger.
pub fn attainment(waste: f64, danger: f64) -> f64 {
    if waste <= 0.0 {
        return 1.0;
    }
    if danger <= 0.0 {
        return 0.0;
    }
    (1.0 - (1.0 + waste / danger).log10() / TENFOLDS_TO_NOTHING).clamp(0.0, 1.0)
}

/// How a measure reads against the danger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It averted at least its harm's worth.
    InProportion,
    /// It wasted less than the whole outbreak could have done.
    Costly,
    /// It wasted more than that.
    OutOfProportion,
    /// It cost nothing.
    Free,
}

impl Verdict {
    pub fn of(harm: f64, waste: f64, danger: f64) -> Verdict {
        if harm <= 0.0 {
            Verdict::Free
        } else if waste <= 0.0 {
            Verdict::InProportion
        } else if waste <= danger {
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
            Verdict::Free => crate::tr!(lang, "report-free"),
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

    /// Wasting nothing earns everything; as much as the danger, 30% less; nine times it,
    /// nothing. No danger at all: any waste earns nothing.
    #[test]
    fn attainment_falls_with_the_waste_over_the_danger() {
        assert_eq!(attainment(0.0, 100.0), 1.0);
        assert!((attainment(100.0, 100.0) - (1.0 - 2f64.log10())).abs() < 1e-12);
        assert!((attainment(10.0, 100.0) - (1.0 - 1.1f64.log10())).abs() < 1e-12);
        assert_eq!(attainment(900.0, 100.0), 0.0);
        assert!(attainment(800.0, 100.0) > 0.0);
        assert_eq!(attainment(1.0, 0.0), 0.0);
    }

    /// A measure that averted its worth wastes nothing; one that added infections wastes their
    /// harm too.
    #[test]
    fn waste_is_the_harm_beyond_what_was_averted() {
        assert_eq!(waste(1_000.0, 20.0, 100.0), 0.0);
        assert_eq!(waste(1_000.0, 4.0, 100.0), 600.0);
        assert_eq!(waste(1_000.0, -2.0, 100.0), 1_200.0);
    }

    #[test]
    fn a_measure_reads_by_its_waste_against_the_danger() {
        assert_eq!(Verdict::of(0.0, 0.0, 10.0), Verdict::Free);
        assert_eq!(Verdict::of(5.0, 0.0, 10.0), Verdict::InProportion);
        assert_eq!(Verdict::of(5.0, 5.0, 10.0), Verdict::Costly);
        assert_eq!(Verdict::of(50.0, 40.0, 10.0), Verdict::OutOfProportion);
    }
}
