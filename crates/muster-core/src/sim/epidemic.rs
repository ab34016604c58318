//! The epidemic: a stochastic metapopulation compartmental model, one set of compartments per
//! district, coupled by daily mobility, advanced by a chain-binomial (tau-leap) step.
//!
//! Compartments of a district (counts of residents):
//! - `s` susceptible; `e` exposed (latent); `a` infectious without symptoms; `i` infectious with
//!   symptoms — all undetected and moving about the city;
//! - `ns`, `ne`, `na`, `ni`, `nr`: named contacts not reached by tracers yet — they move about
//!   and progress like the undetected (`tracing.rs`);
//! - `qs`, `qe`, `qa`, `qi`, `qr`: quarantined contacts (`q_home` of them at home; `qi` fell ill
//!   and wait for their test's result, `quarantine_checks.rs`);
//! - `xa`, `xi`: confirmed cases in isolation (`x_home` of them still at home, `x_hospital` in a
//!   designated hospital, the rest in isolation sites);
//! - `patients`: residents needing a hospital bed, by age band and bed kind, in a bed or
//!   waiting (`care.rs`);
//! - `r` recovered (of whom `shedding` still test PCR-positive, `pcr.rs`), `d` dead.
//!
//! Infected compartments carry the mean minute their people were infected and fell ill: stays
//! are exponential, so who leaves does not depend on how long they stayed, and the means give
//! the days from infection (or symptoms) to isolation without tracking anyone one by one.
//!
//! Each step of Δt days (the scenario's `time_step`), with p(rate) = 1 − exp(−rate·Δt):
//! - Force of infection, in two layers (`transmission.rs`, `households.rs`). A share hₖ of a
//!   case's transmission is in its household: hₖ = min((sizeₖ − 1)·SAR / R0, 0.8), with sizeₖ
//!   the district's mean household size and SAR the pathogen's household attack rate.
//!   Community layer: undetected and named infectious residents of k spend a share M'ₖⱼ of the
//!   day in district j (M' is the mobility matrix with measures applied: off-diagonal entries
//!   scaled by the mobility factors of both districts, the diagonal taking the rest).
//!   Quarantined and isolated people stay home or in a site and count with reduced weight
//!   (outside the household: quarantine 0.2 at home, 0.1 in a site; isolation 0.1 at home,
//!   0.02 in a site; Covasim's factors per layer). Then λⱼ = β·(1 − hⱼ)·cⱼ·(Σₖ M'ₖⱼ·(iₖ +
//!   α·aₖ) + zⱼ) / Nⱼ, where cⱼ is the contact factor of district j's measures (weighted by
//!   compliance), α the asymptomatic infectiousness, zⱼ the weighted quarantined/isolated
//!   infectious, and Nⱼ the people present. Household layer, which no measure cuts: every
//!   infectious resident of d counts at home (quarantined at home ×0.6, isolated at home ×0.3,
//!   in a site ×0), Hd, and a resident meets λʰ_d = β·h_d·H_d / R_d (R_d the residents). A
//!   resident of d meets λ_d = Σⱼ M'_dj·λⱼ + λʰ_d, and new infections are Binomial(s_d, p(λ_d)).
//! - Progression: E → A or I after the latent period (Binomial(e, p(1/latent)), split by the
//!   asymptomatic share); A and I recover after the infectious period; a share of leaving I
//!   (by the district's age structure) needs a hospital bed; hospital stays end in death with
//!   the band's fatality (times the overflow factor without a bed, times the untreated factor
//!   without a course) or recovery; quarantined contacts are released after `quarantine_days`,
//!   those who fall ill there waiting in `qi` until a check and a test confirm them
//!   (`quarantine_checks.rs`);
//!   confirmed cases leave isolation after `isolation_days` (else when no longer infectious;
//!   while they stay longer only the share D / isolation_days of them counts as infectious).
//!   Those who stop being infectious go on testing PCR-positive (`pcr.rs`).
//! - Crowds (`gatherings.rs`): attendees from several districts mix for the hours they are
//!   together, with hazard β·intensity·hours/24 times the infectious share among them.
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

    /// Draws who leaves a compartment of infected people with a chance used again and again.
    pub fn leave(&mut self, group: &mut Infected, chance: &mut RepeatedChance) -> Infected {
        let count = self.draw_repeated(group.n, chance);
        group.take(count)
    }

    /// Splits `count` among outcomes of the given probabilities (adding up to 1): sequential
    /// binomials, each outcome's share of what is left. In expected mode the split is exact.
    pub fn multinomial<const N: usize>(&mut self, count: f64, shares: [f64; N]) -> [f64; N] {
        let mut out = [0.0; N];
        let mut left = count;
        let mut share_left = 1.0;
        for (n, &share) in shares.iter().enumerate() {
            if left <= 0.0 {
                break;
            }
            if n + 1 == N || share >= share_left {
                out[n] = left;
                break;
            }
            let take = self.binomial(left, (share / share_left).clamp(0.0, 1.0));
            out[n] = take;
            left -= take;
            share_left -= share;
        }
        out
    }

    /// Which of `count` people, taken at random from groups of the given sizes, come from each
    /// group: sequential binomials (each group's share of those still to place), never more
    /// than a group holds. In expected mode the split is proportional.
    pub fn pick<const N: usize>(&mut self, count: f64, groups: [f64; N]) -> [f64; N] {
        let mut picked = [0.0; N];
        let total: f64 = groups.iter().map(|g| g.max(0.0)).sum();
        let count = count.min(total);
        if count <= 0.0 {
            return picked;
        }
        let mut left = count;
        let mut pool = total;
        for (n, &size) in groups.iter().enumerate() {
            let size = size.max(0.0);
            if left <= 0.0 || pool <= 0.0 {
                break;
            }
            let take = if n + 1 == N || size >= pool {
                left.min(size)
            } else {
                self.binomial(left, size / pool).min(size)
            };
            picked[n] = take;
            left -= take;
            pool -= size;
        }
        // Draws held back by a small group leave some unplaced: they go where there is room.
        for (n, &size) in groups.iter().enumerate() {
            if left <= 1e-12 {
                break;
            }
            let room = (size.max(0.0) - picked[n]).max(0.0).min(left);
            picked[n] += room;
            left -= room;
        }
        picked
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

/// Infected people in one compartment, with the mean minute they were infected and, for
/// symptomatic people, the mean minute their symptoms began. Stays in a compartment are
/// exponential (memoryless), so who leaves does not depend on how long they have been there:
/// a flow carries the compartment's means and those who stay keep them. `weight` is their mean
/// infectiousness relative to an average case (1 without offspring overdispersion,
/// `dispersion.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Infected {
    pub n: f64,
    pub infected_at: f64,
    pub onset_at: f64,
    pub weight: f64,
}

impl Default for Infected {
    fn default() -> Infected {
        Infected::new_at(0.0, 0.0)
    }
}

impl Infected {
    /// `n` people infected at `minute`.
    pub fn new_at(n: f64, minute: f64) -> Infected {
        Infected {
            n,
            infected_at: minute,
            onset_at: minute,
            weight: 1.0,
        }
    }

    /// Their infectiousness as a number of average cases.
    pub fn weighted(&self) -> f64 {
        self.n * self.weight
    }

    /// Takes up to `count` people out, with this compartment's means.
    pub fn take(&mut self, count: f64) -> Infected {
        let count = count.clamp(0.0, self.n.max(0.0));
        self.n -= count;
        Infected { n: count, ..*self }
    }

    /// Adds a flow of people, averaging the times.
    pub fn add(&mut self, flow: Infected) {
        if flow.n <= 0.0 {
            return;
        }
        let total = self.n + flow.n;
        if self.n <= 0.0 {
            *self = Infected { n: total, ..flow };
            return;
        }
        self.infected_at = (self.n * self.infected_at + flow.n * flow.infected_at) / total;
        self.onset_at = (self.n * self.onset_at + flow.n * flow.onset_at) / total;
        self.weight = (self.n * self.weight + flow.n * flow.weight) / total;
        self.n = total;
    }

    /// The same people, their symptoms beginning at `minute`.
    pub fn with_onset(self, minute: f64) -> Infected {
        Infected {
            onset_at: minute,
            ..self
        }
    }
}

/// The compartments of one district; see the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Compartments {
    pub s: f64,
    pub e: Infected,
    pub a: Infected,
    pub i: Infected,
    /// Named contacts not reached by tracers yet: they move about like everyone else.
    pub ns: f64,
    pub ne: Infected,
    pub na: Infected,
    pub ni: Infected,
    /// Named contacts who recovered before tracers reached them.
    pub nr: f64,
    /// Quarantined contacts: susceptible, latent, asymptomatic infectious, ill and waiting for
    /// their test's result (`quarantine_checks.rs`), recovered.
    pub qs: f64,
    pub qe: Infected,
    pub qa: Infected,
    pub qi: Infected,
    pub qr: f64,
    /// Quarantined people at home (waiting for a room, or quarantined at home by policy).
    pub q_home: f64,
    pub xa: Infected,
    pub xi: Infected,
    /// Isolated cases still at home, waiting for transfer to a site.
    pub x_home: f64,
    /// Isolated cases in a designated hospital's ward (`CarePolicy::DesignatedAll`).
    pub x_hospital: f64,
    /// Residents needing a hospital bed, in one or waiting for one (see `care.rs`).
    pub patients: Vec<super::care::Patients>,
    pub r: f64,
    /// Recovered people moving about who still shed viral RNA, so that a PCR swab finds them:
    /// a part of `r` (`pcr.rs`).
    pub shedding: f64,
    pub d: f64,
}

impl Compartments {
    /// Patients in a hospital bed.
    pub fn hospitalised(&self) -> f64 {
        self.patients
            .iter()
            .filter(|p| p.hospital.is_some())
            .map(|p| p.n)
            .sum()
    }

    /// Patients needing a bed and finding none.
    pub fn waiting(&self) -> f64 {
        self.patients
            .iter()
            .filter(|p| p.hospital.is_none())
            .map(|p| p.n)
            .sum()
    }

    pub fn named(&self) -> f64 {
        self.ns + self.ne.n + self.na.n + self.ni.n + self.nr
    }

    pub fn quarantined(&self) -> f64 {
        self.qs + self.qe.n + self.qa.n + self.qi.n + self.qr
    }

    pub fn isolated(&self) -> f64 {
        self.xa.n + self.xi.n
    }

    /// Everyone alive or dead: conserved by every step.
    pub fn total(&self) -> f64 {
        self.mobile()
            + self.quarantined()
            + self.isolated()
            + self.patients.iter().map(|p| p.n).sum::<f64>()
            + self.d
    }

    /// People moving about the district (not quarantined, isolated, in hospital or dead).
    pub fn mobile(&self) -> f64 {
        self.s + self.e.n + self.a.n + self.i.n + self.named() + self.r
    }

    /// Infectious people moving about, asymptomatic ones weighted by `alpha`, each group by
    /// its infectiousness.
    pub fn mobile_infectious(&self, alpha: f64) -> f64 {
        self.i.weighted() + self.ni.weighted() + alpha * (self.a.weighted() + self.na.weighted())
    }

    /// Infectious quarantined people, asymptomatic ones weighted by `alpha`.
    pub fn quarantined_infectious(&self, alpha: f64) -> f64 {
        alpha * self.qa.weighted() + self.qi.weighted()
    }

    /// Infectious people moving about, asymptomatic ones included (what a test can find).
    pub fn mobile_positive(&self) -> f64 {
        self.a.n + self.i.n + self.na.n + self.ni.n
    }

    /// Currently infected, known or not.
    pub fn infected(&self) -> f64 {
        self.e.n
            + self.a.n
            + self.i.n
            + self.ne.n
            + self.na.n
            + self.ni.n
            + self.qe.n
            + self.qa.n
            + self.qi.n
            + self.isolated()
            + self.patients.iter().map(|p| p.n).sum::<f64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// Each count sums its own compartments: with a different power of two in every one, a
    /// sum that adds a wrong one, or drops or doubles one, gives another number.
    #[test]
    fn the_counts_sum_their_own_compartments() {
        let people = |n: f64| Infected {
            n,
            ..Infected::default()
        };
        let c = Compartments {
            e: people(1.0),
            a: people(2.0),
            i: people(4.0),
            ne: people(8.0),
            na: people(16.0),
            ni: people(32.0),
            qe: people(64.0),
            qa: people(128.0),
            qi: people(256.0),
            xa: people(512.0),
            xi: people(1024.0),
            s: 4096.0,
            r: 8192.0,
            ..Compartments::default()
        };
        assert_eq!(c.mobile_positive(), 2.0 + 4.0 + 16.0 + 32.0);
        assert_eq!(c.isolated(), 512.0 + 1024.0);
        assert_eq!(c.infected(), 2047.0);
    }

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
