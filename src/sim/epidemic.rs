//! The epidemic: a stochastic metapopulation compartmental model, one set of compartments per
//! district, coupled by daily mobility, advanced by a chain-binomial (tau-leap) step.
//!
//! Compartments of a district (counts of residents):
//! - `s` susceptible; `e` exposed (latent); `a` infectious without symptoms; `i` infectious with
//!   symptoms — all undetected and moving about the city;
//! - `qs`, `qe`, `qa`: quarantined contacts (susceptible, latent, asymptomatic infectious);
//! - `xa`, `xi`: confirmed cases in isolation (`x_home` of them still at home);
//! - `h`: hospitalised (in a bed, per hospital) and `waiting` (needing a bed, finding none);
//! - `r` recovered, `d` dead.
//!
//! Each step of Δt days (the scenario's `time_step`), with p(rate) = 1 − exp(−rate·Δt):
//! - Force of infection. Undetected infectious residents of k spend a share M'ₖⱼ of the day in
//!   district j (M' is the mobility matrix with measures applied: off-diagonal entries scaled by
//!   the mobility factors of both districts, the diagonal taking the rest). Quarantined and
//!   isolated people stay home and count with reduced weight (quarantine 0.6 at home, 0.1 in a
//!   site; isolation 0.3 at home, 0.02 in a site; after Covasim). Then
//!   λⱼ = β·cⱼ·(Σₖ M'ₖⱼ·(iₖ + α·aₖ) + zⱼ) / Nⱼ, where cⱼ is the contact factor of district j's
//!   measures (weighted by compliance), α the asymptomatic infectiousness, zⱼ the weighted
//!   quarantined/isolated infectious, and Nⱼ the people present. A resident of d meets
//!   λ_d = Σⱼ M'_dj·λⱼ, and new infections are Binomial(s_d, p(λ_d)).
//! - Progression: E → A or I after the latent period (Binomial(e, p(1/latent)), split by the
//!   asymptomatic share); A and I recover after the infectious period; a share of leaving I needs
//!   a hospital bed; hospital stays end in death with the fatality rate (times the overflow
//!   factor for patients without a bed) or recovery; quarantined contacts are released after 14
//!   days on average.
//! - β is chosen so that the discrete model has exactly the scenario's R0:
//!   β = R0·p(1/D) / (Δt·(1 − a + a·α)) with D the infectious period and a the asymptomatic
//!   share, since a case is counted in `i` for 1/p(1/D) steps on average. In expected-value mode
//!   the final size of a single well-mixed district is then z = 1 − exp(−R0·z).
//!
//! In `Mode::Expected` every binomial draw is replaced by its mean n·p: a deterministic model
//! for validation and for reading trends without noise.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution};
use serde::{Deserialize, Serialize};

/// How random outcomes are produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Chain-binomial draws from the seeded generator.
    Stochastic,
    /// Expected values: no randomness at all.
    Expected,
}

/// A probability with its complement's logarithm, worked out once and used for many draws:
/// a binomial draw by inversion starts from (1 − p)ⁿ, and exp(n·ln(1 − p)) is much cheaper
/// than a power when ln(1 − p) is already known (it is −rate·Δt for a rate's chance).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chance {
    p: f64,
    ln_q: f64,
}

impl Chance {
    /// A probability, clamped to 0..=1.
    pub fn new(p: f64) -> Chance {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        Chance {
            p,
            ln_q: (-p).ln_1p(),
        }
    }

    /// The chance that an event of the given rate (per day) happens within `dt` days.
    pub fn of_rate(rate_per_day: f64, dt_days: f64) -> Chance {
        let exponent = (rate_per_day * dt_days).max(0.0);
        if exponent.is_nan() {
            return Chance::new(0.0);
        }
        Chance {
            p: 1.0 - (-exponent).exp(),
            ln_q: -exponent,
        }
    }

    pub fn get(self) -> f64 {
        self.p
    }
}

/// A chance used for draw after draw (a pathogen's daily progression): (1 − p)ⁿ, the start of
/// an inversion draw, is remembered for each trial count `n` the first time it is met, since
/// the same counts keep coming back. The remembered value is the one that would be computed
/// afresh, so draws are exactly as with a plain [`Chance`].
#[derive(Debug, Clone)]
pub struct RepeatedChance {
    chance: Chance,
    /// (1 − p)ⁿ by n, NaN until first needed; only for the n an inversion draw can meet.
    powers: Vec<f64>,
}

impl RepeatedChance {
    /// Room for the trial counts of inversion draws, up to a bound that keeps tiny chances cheap.
    const MAX_REMEMBERED: f64 = 4096.0;

    pub fn new(chance: Chance) -> RepeatedChance {
        let remembered = if chance.p > 0.0 && chance.p <= 0.5 {
            (INVERSION_BELOW_MEAN / chance.p)
                .ceil()
                .min(Self::MAX_REMEMBERED) as usize
        } else {
            0
        };
        RepeatedChance {
            chance,
            powers: vec![f64::NAN; remembered],
        }
    }
}

/// Draws counts: binomial in stochastic mode, the mean in expected mode.
pub struct Sampler<'a> {
    pub mode: Mode,
    pub rng: &'a mut ChaCha8Rng,
}

impl Sampler<'_> {
    /// Number of successes out of `n` trials of probability `p`.
    pub fn binomial(&mut self, n: f64, p: f64) -> f64 {
        if n <= 0.0 || p.is_nan() || p <= 0.0 {
            return 0.0;
        }
        self.draw(n, Chance::new(p))
    }

    /// Number of successes out of `n` trials of the given chance.
    pub fn draw(&mut self, n: f64, chance: Chance) -> f64 {
        self.draw_remembering(n, chance, &mut [])
    }

    /// Number of successes out of `n` trials of a chance used again and again.
    pub fn draw_repeated(&mut self, n: f64, chance: &mut RepeatedChance) -> f64 {
        self.draw_remembering(n, chance.chance, &mut chance.powers)
    }

    fn draw_remembering(&mut self, n: f64, chance: Chance, powers: &mut [f64]) -> f64 {
        if n <= 0.0 || chance.p <= 0.0 {
            return 0.0;
        }
        match self.mode {
            Mode::Expected => n * chance.p,
            Mode::Stochastic => {
                // n > 0 here, so adding a half and truncating rounds it (and is cheaper than
                // `round`, a library call on baseline x86-64).
                let trials = (n + 0.5) as u64;
                if chance.p >= 1.0 {
                    return trials as f64;
                }
                binomial_draw(self.rng, trials, chance, powers) as f64
            }
        }
    }

    /// Splits `n` into (share, rest).
    pub fn split(&mut self, n: f64, share: &mut RepeatedChance) -> (f64, f64) {
        let first = self.draw_repeated(n, share);
        (first, n - first)
    }
}

/// Below this mean a binomial is drawn by inversion (rand_distr's threshold too).
const INVERSION_BELOW_MEAN: f64 = 10.0;

/// Binomial(n, p) for 0 < p < 1. Small means use inversion (BINV, Kachitvichyanukul and
/// Schmeiser 1988) started from exp(n·ln q), or from `powers[n]` once that is known; larger
/// ones rand_distr's BTPE, whose setup needs no power.
fn binomial_draw(rng: &mut ChaCha8Rng, n: u64, chance: Chance, powers: &mut [f64]) -> u64 {
    // The GSL restart bound for a run-away inversion.
    const INVERSION_MAX_X: u64 = 110;
    if chance.p > 0.5 {
        return n - binomial_draw(rng, n, complement(chance), &mut []);
    }
    let (p, q) = (chance.p, 1.0 - chance.p);
    if n as f64 * p >= INVERSION_BELOW_MEAN {
        // `new` only fails for p outside 0..=1, excluded by the caller.
        return Binomial::new(n, p).map_or(0, |b| b.sample(rng));
    }
    let start = match usize::try_from(n).ok().and_then(|n| powers.get_mut(n)) {
        Some(known) if !known.is_nan() => *known,
        Some(unknown) => {
            *unknown = (n as f64 * chance.ln_q).exp();
            *unknown
        }
        None => (n as f64 * chance.ln_q).exp(),
    };
    let odds = p / q;
    let a = (n as f64 + 1.0) * odds;
    'draw: loop {
        let mut r = start;
        let mut u: f64 = rng.random();
        let mut x = 0;
        while u > r {
            u -= r;
            x += 1;
            if x > INVERSION_MAX_X {
                continue 'draw;
            }
            r *= a / (x as f64) - odds;
        }
        return x.min(n);
    }
}

/// Failures of a likely event are drawn as successes of its complement; kept out of line so
/// the logarithm is not computed on the common path.
#[cold]
#[inline(never)]
fn complement(chance: Chance) -> Chance {
    Chance {
        p: 1.0 - chance.p,
        ln_q: chance.p.ln(),
    }
}

/// Probability that an event of the given rate (per day) happens within `dt` days.
pub fn prob(rate_per_day: f64, dt_days: f64) -> f64 {
    Chance::of_rate(rate_per_day, dt_days).get()
}

/// The compartments of one district; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Compartments {
    pub s: f64,
    pub e: f64,
    pub a: f64,
    pub i: f64,
    pub qs: f64,
    pub qe: f64,
    pub qa: f64,
    pub xa: f64,
    pub xi: f64,
    /// Isolated cases still at home, waiting for transfer to a site.
    pub x_home: f64,
    /// Patients in a bed, per hospital (in the order of the scenario's hospitals).
    pub admitted: Vec<f64>,
    /// Patients needing a bed and finding none.
    pub waiting: f64,
    pub r: f64,
    pub d: f64,
}

impl Compartments {
    pub fn hospitalised(&self) -> f64 {
        self.admitted.iter().sum::<f64>() + self.waiting
    }

    pub fn quarantined(&self) -> f64 {
        self.qs + self.qe + self.qa
    }

    pub fn isolated(&self) -> f64 {
        self.xa + self.xi
    }

    /// Everyone alive or dead: conserved by every step.
    pub fn total(&self) -> f64 {
        self.s
            + self.e
            + self.a
            + self.i
            + self.quarantined()
            + self.isolated()
            + self.hospitalised()
            + self.r
            + self.d
    }

    /// People moving about the district (not quarantined, isolated, in hospital or dead).
    pub fn mobile(&self) -> f64 {
        self.s + self.e + self.a + self.i + self.r
    }

    /// Currently infected, known or not.
    pub fn infected(&self) -> f64 {
        self.e + self.a + self.i + self.qe + self.qa + self.isolated() + self.hospitalised()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn expected_mode_returns_means() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut sampler = Sampler {
            mode: Mode::Expected,
            rng: &mut rng,
        };
        assert_eq!(sampler.binomial(100.0, 0.25), 25.0);
        assert_eq!(
            sampler.split(10.0, &mut RepeatedChance::new(Chance::new(0.3))),
            (3.0, 7.0)
        );
    }

    fn stochastic(rng: &mut ChaCha8Rng) -> Sampler<'_> {
        Sampler {
            mode: Mode::Stochastic,
            rng,
        }
    }

    #[test]
    fn a_rate_chance_is_the_probability_of_the_rate() {
        for (rate, dt) in [(0.25, 0.25), (1.0 / 14.0, 1.0), (3.0, 0.5), (0.0, 1.0)] {
            let chance = Chance::of_rate(rate, dt);
            assert_eq!(chance.get(), 1.0 - (-rate * dt).exp());
            assert_eq!(prob(rate, dt), chance.get());
            assert!((chance.ln_q - (1.0 - chance.get()).ln()).abs() < 1e-12);
        }
        assert_eq!(Chance::new(f64::NAN).get(), 0.0);
        assert_eq!(Chance::new(1.5).get(), 1.0);
    }

    /// Mean and variance of many draws are those of Binomial(n, p), on every path: inversion
    /// (small mean), BTPE (large mean), and the complement for p > 0.5.
    #[test]
    fn draws_follow_the_binomial_distribution() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut sampler = stochastic(&mut rng);
        for (n, p) in [
            (3.0, 0.2),
            (40.0, 0.05),
            (150.0, 0.049),
            (5_000.0, 0.01),
            (200_000.0, 0.002),
            (30.0, 0.9),
            (1_000.0, 0.995),
        ] {
            let draws = 20_000;
            let samples: Vec<f64> = (0..draws)
                .map(|_| sampler.draw(n, Chance::new(p)))
                .collect();
            let mean = samples.iter().sum::<f64>() / f64::from(draws);
            let variance =
                samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(draws - 1);
            let (want_mean, want_variance) = (n * p, n * p * (1.0 - p));
            // Five standard errors of the mean; 10% on the variance.
            let tolerance = 5.0 * (want_variance / f64::from(draws)).sqrt();
            assert!(
                (mean - want_mean).abs() < tolerance,
                "n {n} p {p}: mean {mean}, want {want_mean}"
            );
            assert!(
                (variance / want_variance - 1.0).abs() < 0.1,
                "n {n} p {p}: variance {variance}, want {want_variance}"
            );
            assert!(
                samples
                    .iter()
                    .all(|&x| x.fract() == 0.0 && (0.0..=n).contains(&x))
            );
        }
    }

    /// Remembering (1 − p)ⁿ changes no draw: the same seed gives the same numbers.
    #[test]
    fn a_repeated_chance_draws_exactly_like_a_plain_one() {
        for chance in [
            Chance::of_rate(0.25, 0.25),
            Chance::new(0.3),
            Chance::new(0.7),
        ] {
            let counts = [0.0, 1.0, 7.0, 7.0, 120.0, 3.0, 7.0, 5_000.0, 1.0, 120.0];
            let mut plain_rng = ChaCha8Rng::seed_from_u64(5);
            let mut plain = stochastic(&mut plain_rng);
            let expected: Vec<f64> = counts.iter().map(|&n| plain.draw(n, chance)).collect();
            let mut repeated_rng = ChaCha8Rng::seed_from_u64(5);
            let mut repeated = stochastic(&mut repeated_rng);
            let mut remembered = RepeatedChance::new(chance);
            let got: Vec<f64> = counts
                .iter()
                .map(|&n| repeated.draw_repeated(n, &mut remembered))
                .collect();
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn stochastic_draws_are_whole_bounded_and_seeded() {
        let draw = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut sampler = Sampler {
                mode: Mode::Stochastic,
                rng: &mut rng,
            };
            (0..100)
                .map(|_| sampler.binomial(1000.0, 0.3))
                .collect::<Vec<_>>()
        };
        let a = draw(7);
        assert_eq!(a, draw(7));
        assert_ne!(a, draw(8));
        assert!(
            a.iter()
                .all(|&x| x.fract() == 0.0 && (0.0..=1000.0).contains(&x))
        );
        let mean = a.iter().sum::<f64>() / a.len() as f64;
        assert!((mean - 300.0).abs() < 10.0, "{mean}");
    }
}
