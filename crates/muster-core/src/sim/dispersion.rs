//! Offspring overdispersion: a few cases infect many, most infect few or none.
//!
//! Each infectious person has an infectiousness ν for their whole illness, drawn from a gamma
//! distribution of mean 1 and shape k (the pathogen's `dispersion_k`); with contacts that
//! otherwise happen at random, the number a case infects is then negative binomial with mean R
//! and dispersion k (Lloyd-Smith et al., Nature 2005;438:355). Small k means super-spreading,
//! and an outbreak started by a few cases often dies out by chance: with R = 2.5 a single case
//! starts no lasting chain 86% of the time at k = 0.1, against 40% when every case is alike
//! (k = 1: the geometric offspring of an exponential infectious period).
//!
//! The engine keeps infected people in groups (`Infected`), each with its mean infectiousness
//! (`weight`). The m people who become infectious together get the mean of m draws: a
//! Gamma(k·m, 1/k) draw divided by m. A group's mean is averaged as people join it and kept
//! as people leave it (those who leave are a random part of it), so a lone case's draw stays
//! with it for its whole illness, while among thousands the means tend to 1 and the epidemic
//! is the compartmental one: the model aggregates by itself as an outbreak grows.
//!
//! The draws come from a random stream of their own: a scenario without `dispersion_k` draws
//! nothing and runs exactly as before.

use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};

use super::epidemic::Mode;

/// The infectiousness of people becoming infectious, for a pathogen's dispersion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dispersion {
    /// The negative binomial k; None: every case alike.
    pub k: Option<f64>,
    pub mode: Mode,
}

impl Dispersion {
    /// The mean infectiousness of `count` people becoming infectious together.
    pub(crate) fn mean_of(self, count: f64, rng: &mut ChaCha8Rng) -> f64 {
        let Some(k) = self.k else {
            return 1.0;
        };
        if self.mode == Mode::Expected || count <= 0.0 {
            return 1.0;
        }
        // `new` fails only for a shape or scale that is not positive and finite.
        Gamma::new(k * count, 1.0 / k).map_or(1.0, |gamma| gamma.sample(rng) / count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Exercise;
    use crate::sim::test_support::small;
    use rand::SeedableRng;

    #[test]
    fn draws_have_mean_one_and_the_variance_of_k() {
        let dispersion = Dispersion {
            k: Some(0.25),
            mode: Mode::Stochastic,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let draws: Vec<f64> = (0..40_000)
            .map(|_| dispersion.mean_of(1.0, &mut rng))
            .collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let variance = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!((mean - 1.0).abs() < 0.05, "{mean}");
        // A gamma of mean 1 and shape k has variance 1/k.
        assert!((variance - 4.0).abs() < 0.4, "{variance}");
        // The mean of many draws is close to 1: a large group is an average group.
        let many = dispersion.mean_of(10_000.0, &mut rng);
        assert!((many - 1.0).abs() < 0.05, "{many}");
        let alike = Dispersion {
            k: None,
            mode: Mode::Stochastic,
        };
        assert_eq!(alike.mean_of(1.0, &mut rng), 1.0);
        let expected = Dispersion {
            k: Some(0.1),
            mode: Mode::Expected,
        };
        assert_eq!(expected.mean_of(1.0, &mut rng), 1.0);
    }

    /// Runs started by one case (R = 2.5): with k = 0.1 about 86% die out by chance, with every
    /// case alike about 40% (the geometric offspring of an exponential infectious period).
    #[test]
    fn a_single_case_mostly_dies_out_when_spreading_is_overdispersed() {
        let died_out = |dispersion: &str| {
            (0..80)
                .filter(|&seed| {
                    let mut ex = small(
                        Mode::Stochastic,
                        &format!(
                            "pathogen.r0: 2.5\nsurveillance.care_seeking: 0.0\nmeta.duration: \"60d\"\n{dispersion}"
                        ),
                    );
                    ex.seed = seed;
                    ex.streams = crate::sim::Streams::new(seed);
                    ex.seed_cases(0, 1.0, false, false);
                    ex.advance(60 * 24 * 60);
                    let infections: f64 = Exercise::districts(&ex).iter().map(|d| d.infections).sum();
                    infections < 20.0
                })
                .count()
        };
        let overdispersed = died_out("pathogen.dispersion_k: 0.1");
        let alike = died_out("");
        assert!(
            overdispersed >= 58,
            "{overdispersed} of 80 died out with k = 0.1"
        );
        assert!(alike <= 44, "{alike} of 80 died out with every case alike");
    }
}
