//! Monte-Carlo sweeps: the same scenario and commands under many seeds, in parallel, and the
//! distribution of every outcome and KPI. Runs are numbered and their results kept in seed
//! order, so the result is identical whatever the number of threads.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::headless;
use crate::journal::Entry;
use crate::scenario::Scenario;
use crate::scenario::values::MINUTES_PER_DAY;
use crate::scoring;
use crate::series::{Area, Series};
use crate::sim::{Exercise, Mode};

/// Summary statistics of one measure over the runs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Distribution {
    pub name: String,
    /// None when no run had a value.
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p5: Option<f64>,
    pub p95: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Runs where the measure had a value (a KPI may have nothing to measure).
    pub runs: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SweepResult {
    pub scenario: String,
    pub runs: u32,
    pub first_seed: u64,
    pub commands: usize,
    /// The response plan played in every run, if any.
    pub plan: Option<String>,
    /// Whether the automatic red cell played red.
    pub auto_red: bool,
    pub names: Vec<String>,
    pub distributions: Vec<Distribution>,
    /// One row per run (seed order): the value of each measure, in `names` order.
    pub per_run: Vec<(u64, Vec<Option<f64>>)>,
    /// The minute the runs stopped at.
    pub until: u32,
    /// Quantiles over the runs of every series (`series.rs`) at the end of each day.
    pub daily: Vec<DailyBand>,
}

/// A series' quantiles over the runs, day by day.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DailyBand {
    pub series: String,
    /// A district (with its places), or None for the city.
    pub district: Option<String>,
    pub days: Vec<DayQuantiles>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DayQuantiles {
    /// Whole days from the start: the value at the end of that day.
    pub day: u32,
    #[serde(flatten)]
    pub band: Quantiles,
}

/// The median and the 5th and 95th percentiles of the runs' values (nearest rank); None where
/// no run has a value.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Quantiles {
    pub median: Option<f64>,
    pub p5: Option<f64>,
    pub p95: Option<f64>,
}

impl Quantiles {
    pub fn of(sorted: &[f64]) -> Quantiles {
        Quantiles {
            median: quantile(sorted, 0.5),
            p5: quantile(sorted, 0.05),
            p95: quantile(sorted, 0.95),
        }
    }
}

/// The values the runs have (a KPI may have nothing to measure), in order.
pub fn sorted(values: impl IntoIterator<Item = Option<f64>>) -> Vec<f64> {
    let mut values: Vec<f64> = values.into_iter().flatten().collect();
    values.sort_by(f64::total_cmp);
    values
}

/// One run's measures: (name, value), in a fixed order.
type Measures = Vec<(String, Option<f64>)>;

/// The measures of one finished run: outcomes, then each KPI of the whole-exercise scorecard.
fn measures(exercise: &Exercise, baseline: &Exercise, ledgers: &scoring::LedgerCache) -> Measures {
    let o = headless::outcome(exercise);
    let mut out = vec![
        ("infections".to_string(), Some(o.infections)),
        ("deaths".to_string(), Some(o.deaths)),
        ("confirmed".to_string(), Some(o.confirmed)),
        ("peak_hospitalised".to_string(), Some(o.peak_hospitalised)),
        ("public_trust".to_string(), Some(o.mean_trust)),
        ("economic_cost".to_string(), Some(o.economic_cost)),
        (
            "reports_on_time".to_string(),
            Some(o.reports_on_time as f64),
        ),
        (
            "reports_late_or_missing".to_string(),
            Some(o.reports_late_or_missing as f64),
        ),
    ];
    let optional = [
        ("cases_among_known_contacts", o.cases_among_known_contacts),
        ("infected_share_of_traced", o.infected_share_of_traced),
        ("contacts_per_case", o.contacts_per_case),
        ("household_attack_rate", o.household_attack_rate),
        ("scripted_share", o.scripted_share),
        ("infection_to_isolation_days", o.infection_to_isolation_days),
        ("onset_to_isolation_days", o.onset_to_isolation_days),
        (
            "onset_to_isolation_traced_days",
            o.onset_to_isolation_traced_days,
        ),
        (
            "infection_to_quarantine_days",
            o.infection_to_quarantine_days,
        ),
    ];
    out.extend(optional.iter().map(|(name, v)| (name.to_string(), *v)));
    // Red's card: its moves, and what they did over Blue's same play without them.
    if let Some(card) = crate::scoring::red_card_of(exercise, crate::i18n::Language::En) {
        out.extend([
            ("red_moves".to_string(), Some(card.moves.len() as f64)),
            ("red_points_spent".to_string(), Some(card.spent)),
            ("red_moves_answered".to_string(), Some(card.answered as f64)),
            (
                "red_answer_hours_median".to_string(),
                card.median_answer_minutes.map(|m| f64::from(m) / 60.0),
            ),
            ("red_trust_points_taken".to_string(), Some(card.trust_taken)),
            (
                "red_infections_caused".to_string(),
                Some(card.infections_caused),
            ),
        ]);
    }
    let lang = crate::i18n::Language::En;
    let accounts = if exercise.scenario().scores_proportion() {
        ledgers.accounts(exercise, lang)
    } else {
        Vec::new()
    };
    let cards = scoring::scorecards_with(exercise, baseline, &accounts, lang);
    out.push(("score_percent".to_string(), cards[0].percent));
    for card in &cards[1..] {
        if let Some(team) = &card.team {
            out.push((format!("score_percent/{team}"), card.percent));
        }
    }
    for objective in &cards[0].objectives {
        for kpi in &objective.kpis {
            out.push((format!("{}/{:?}", objective.id, kpi.metric), kpi.value));
        }
    }
    out
}

/// Value at a quantile of sorted values (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    Some(sorted[((sorted.len() - 1) as f64 * q).round() as usize])
}

/// Who plays beside the commands in every run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sides<'a> {
    /// A response plan playing its teams.
    pub plan: Option<&'a crate::plan::Plan>,
    /// The automatic red cell playing red.
    pub auto_red: bool,
}

/// Which seeds run, on how many threads, and to which minute of the exercise.
#[derive(Debug, Clone, Copy)]
pub struct Runs {
    pub count: u32,
    pub first_seed: u64,
    pub threads: usize,
    /// The minute every run stops at (the scenario's end, or earlier).
    pub until: u32,
}

/// Runs `runs` seeds from `first_seed` on `threads` threads to the scenario's end; `progress`
/// is told how many are done.
pub fn sweep(
    scenario: Arc<Scenario>,
    commands: &[Entry],
    sides: Sides<'_>,
    runs: u32,
    first_seed: u64,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> SweepResult {
    let until = scenario.meta.duration.get();
    sweep_runs(
        scenario,
        commands,
        sides,
        Runs {
            count: runs,
            first_seed,
            threads,
            until,
        },
        progress,
    )
}

/// Like [`sweep`], with the runs' end chosen.
pub fn sweep_runs(
    scenario: Arc<Scenario>,
    commands: &[Entry],
    sides: Sides<'_>,
    runs: Runs,
    progress: &(dyn Fn(usize) + Sync),
) -> SweepResult {
    let part = sweep_part(scenario, commands, sides, runs, Shard::WHOLE, progress);
    summarise(&part)
}

/// Which share of a sweep's runs one machine plays: the `index`-th (from 1) of `of` runs of
/// consecutive seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub of: u32,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 1, of: 1 };

    /// Reads `K/N` (1 ≤ K ≤ N).
    pub fn parse(text: &str) -> Option<Shard> {
        let (index, of) = text.split_once('/')?;
        let shard = Shard {
            index: index.trim().parse().ok()?,
            of: of.trim().parse().ok()?,
        };
        (shard.index >= 1 && shard.index <= shard.of).then_some(shard)
    }

    /// The runs (numbered from 0) of this shard of `runs`: as even as whole runs allow.
    pub fn runs(self, runs: u32) -> std::ops::Range<u32> {
        let bound = |k: u32| (u64::from(runs) * u64::from(k) / u64::from(self.of)) as u32;
        bound(self.index - 1)..bound(self.index)
    }
}

/// What `PART_FORMAT` names: the first line a reader checks.
pub const PART_FORMAT: &str = "muster-sweep-part 1";

/// The runs of one shard of a sweep, before they are summarised: what `sweep --shard` writes
/// and `merge` reads. Everything a summary needs is here, so merging needs neither the
/// scenario nor the commands; `sweep` is the fingerprint of what all shards must share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPart {
    pub format: String,
    pub sweep: String,
    pub shard: Shard,
    pub scenario: String,
    /// The scenario's start, for the calendar dates of the daily quantiles.
    pub start: String,
    /// Runs of the whole sweep, and its first seed.
    pub runs: u32,
    pub first_seed: u64,
    pub commands: usize,
    pub plan: Option<String>,
    pub auto_red: bool,
    pub until: u32,
    pub names: Vec<String>,
    /// The series and district of each daily column block, in order.
    pub daily_keys: Vec<(String, Option<String>)>,
    /// One row per run of this shard (seed order): the value of each measure.
    pub per_run: Vec<(u64, Vec<Option<f64>>)>,
    /// One row per run: every series' value at the end of each day.
    pub daily_rows: Vec<Vec<Option<f64>>>,
}

/// Plays the runs of one shard of a sweep.
pub fn sweep_part(
    scenario: Arc<Scenario>,
    commands: &[Entry],
    sides: Sides<'_>,
    runs: Runs,
    shard: Shard,
    progress: &(dyn Fn(usize) + Sync),
) -> SweepPart {
    let days = runs.until / MINUTES_PER_DAY;
    let layout = scenario_layout(&scenario);
    let ledgers = scoring::LedgerCache::default();
    let mine = shard.runs(runs.count);
    let shard_runs = Runs {
        count: mine.len() as u32,
        first_seed: runs.first_seed.wrapping_add(u64::from(mine.start)),
        ..runs
    };
    let results = run_seeds(
        &scenario,
        commands,
        sides,
        shard_runs,
        progress,
        |exercise| {
            let baseline = scoring::Baseline::of(exercise);
            (
                measures(exercise, &baseline, &ledgers),
                daily_values(exercise, &layout, days),
            )
        },
    );
    let (rows, daily_rows): (Vec<Measures>, Vec<Vec<Option<f64>>>) = results.into_iter().unzip();
    let names = rows.first().map_or_else(
        || measure_names(&scenario),
        |r| r.iter().map(|(n, _)| n.clone()).collect(),
    );
    SweepPart {
        format: PART_FORMAT.to_string(),
        sweep: sweep_fingerprint(&scenario, commands, sides, runs),
        shard,
        scenario: scenario.meta.id.name.clone(),
        start: scenario.meta.start.to_string(),
        runs: runs.count,
        first_seed: runs.first_seed,
        commands: commands.len(),
        plan: sides.plan.map(|p| p.id.name.clone()),
        auto_red: sides.auto_red,
        until: runs.until,
        names,
        daily_keys: layout
            .keys
            .iter()
            .map(|(series, area)| (series.name(), area.as_ref().map(|a| a.text.clone())))
            .collect(),
        per_run: rows
            .into_iter()
            .enumerate()
            .map(|(n, r)| {
                (
                    shard_runs.first_seed.wrapping_add(n as u64),
                    r.into_iter().map(|(_, v)| v).collect(),
                )
            })
            .collect(),
        daily_rows,
    }
}

/// The measures' names of a scenario's sweep, for a shard with no run of its own.
fn measure_names(scenario: &Arc<Scenario>) -> Vec<String> {
    let exercise = Exercise::new(scenario.clone(), 0, Mode::Expected);
    let baseline = scoring::Baseline::of(&exercise);
    measures(&exercise, &baseline, &scoring::LedgerCache::default())
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// What every shard of one sweep shares: the scenario, the commands, who plays beside them,
/// the runs and where they stop.
fn sweep_fingerprint(
    scenario: &Scenario,
    commands: &[Entry],
    sides: Sides<'_>,
    runs: Runs,
) -> String {
    let commands: Vec<(u32, &crate::sim::Command)> =
        commands.iter().map(|e| (e.at, &e.command)).collect();
    crate::journal::fingerprint(&format!(
        "{}\n{}\n{}\n{}\n{} {} {}",
        json(scenario),
        json(&commands),
        json(&sides.plan),
        sides.auto_red,
        runs.count,
        runs.first_seed,
        runs.until
    ))
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Why parts do not make one sweep.
#[derive(Debug, PartialEq)]
pub enum MergeError {
    /// A file that is not a sweep's part (its index among the parts given).
    NotAPart(usize),
    /// A part of another sweep than the first part's.
    OtherSweep(usize),
    /// A shard given twice, or parts split in different numbers of shards.
    Repeated(usize),
    /// Shards of the sweep no part holds (numbered from 1).
    Missing(Vec<u32>),
}

/// The sweep the parts of one sweep make, in any order: identical to the sweep run at once.
pub fn merge(mut parts: Vec<SweepPart>) -> Result<SweepResult, MergeError> {
    let Some(first) = parts.first() else {
        return Err(MergeError::Missing(vec![1]));
    };
    if let Some(n) = parts.iter().position(|p| p.format != PART_FORMAT) {
        return Err(MergeError::NotAPart(n));
    }
    let (sweep, of) = (first.sweep.clone(), first.shard.of);
    if let Some(n) = parts.iter().position(|p| p.sweep != sweep) {
        return Err(MergeError::OtherSweep(n));
    }
    let mut seen = vec![false; of as usize];
    for (n, part) in parts.iter().enumerate() {
        let slot = seen.get_mut(part.shard.index as usize - 1);
        match slot {
            Some(seen) if !*seen && part.shard.of == of => *seen = true,
            _ => return Err(MergeError::Repeated(n)),
        }
    }
    let missing: Vec<u32> = (1..=of).filter(|k| !seen[*k as usize - 1]).collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing(missing));
    }
    parts.sort_by_key(|p| p.shard.index);
    let mut whole = parts.remove(0);
    for part in parts {
        whole.per_run.extend(part.per_run);
        whole.daily_rows.extend(part.daily_rows);
    }
    whole.shard = Shard::WHOLE;
    Ok(summarise(&whole))
}

/// The distributions and daily quantiles of a sweep's runs.
pub fn summarise(part: &SweepPart) -> SweepResult {
    let days = part.until / MINUTES_PER_DAY;
    let distributions = part
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let values = sorted(part.per_run.iter().map(|(_, r)| r[i]));
            let mean =
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
            let Quantiles { median, p5, p95 } = Quantiles::of(&values);
            Distribution {
                name: name.clone(),
                mean,
                median,
                p5,
                p95,
                min: values.first().copied(),
                max: values.last().copied(),
                runs: values.len(),
            }
        })
        .collect();
    SweepResult {
        scenario: part.scenario.clone(),
        runs: part.runs,
        first_seed: part.first_seed,
        until: part.until,
        commands: part.commands,
        plan: part.plan.clone(),
        auto_red: part.auto_red,
        names: part.names.clone(),
        distributions,
        per_run: part.per_run.clone(),
        daily: daily_bands(&part.daily_keys, days, &part.daily_rows),
    }
}

/// Plays each seed of `runs` (with the commands and sides given) on `runs.threads` threads and
/// hands each finished exercise to `each`; the results come back in seed order, so they do not
/// depend on the number of threads.
pub fn run_seeds<T: Send>(
    scenario: &Arc<Scenario>,
    commands: &[Entry],
    sides: Sides<'_>,
    runs: Runs,
    progress: &(dyn Fn(usize) + Sync),
    each: impl Fn(&Exercise) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..runs.count).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..runs.threads.max(1) {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= runs.count as usize {
                        break;
                    }
                    let seed = runs.first_seed.wrapping_add(n as u64);
                    let mut plan = sides
                        .plan
                        .map(|p| crate::plan::PlanPlayer::new(p.clone(), scenario));
                    let mut red = sides
                        .auto_red
                        .then(|| crate::red_cell::AutoRed::new(scenario, 0))
                        .flatten();
                    let mut players = crate::player::seated(plan.as_mut(), red.as_mut());
                    let (exercise, _) = headless::run_with_players(
                        scenario.clone(),
                        seed,
                        Mode::Stochastic,
                        commands,
                        runs.until,
                        None,
                        &mut players,
                    )
                    .expect("no journal, no I/O");
                    let result = each(&exercise);
                    results.lock().expect("a run panicked")[n] = Some(result);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("a run panicked")
        .into_iter()
        .map(|r| r.expect("every run finished"))
        .collect()
}

/// The series a sweep gives daily quantiles of, in order: every count for the city and for
/// each district, and each district's share of every cumulative count (districts only up to
/// `DAILY_DISTRICTS_MAX`).
struct Layout {
    keys: Vec<(Series, Option<Area>)>,
}

/// Beyond this many districts the daily quantiles are the city's only: every district's every
/// series and day, kept for each of a thousand runs, would take gigabytes.
const DAILY_DISTRICTS_MAX: usize = 64;

fn scenario_layout(scenario: &Arc<Scenario>) -> Layout {
    let exercise = Exercise::new(scenario.clone(), 0, Mode::Expected);
    let mut districts = Area::districts(&exercise);
    if districts.len() > DAILY_DISTRICTS_MAX {
        districts.clear();
    }
    let mut keys = Vec::new();
    for series in Series::all() {
        if !series.is_share() {
            keys.push((series, None));
        }
        keys.extend(districts.iter().map(|d| (series, Some(d.clone()))));
    }
    Layout { keys }
}

/// One run's value of every series of the layout at the end of each day, series by series.
fn daily_values(exercise: &Exercise, layout: &Layout, days: u32) -> Vec<Option<f64>> {
    let samples = exercise.series();
    layout
        .keys
        .iter()
        .flat_map(|(series, area)| {
            (1..=days).map(move |day| {
                series.at(
                    samples,
                    day * MINUTES_PER_DAY,
                    area.as_ref().map(|a| a.nodes.as_slice()),
                )
            })
        })
        .collect()
}

fn daily_bands(
    keys: &[(String, Option<String>)],
    days: u32,
    rows: &[Vec<Option<f64>>],
) -> Vec<DailyBand> {
    keys.iter()
        .enumerate()
        .map(|(k, (series, district))| DailyBand {
            series: series.clone(),
            district: district.clone(),
            days: (1..=days)
                .map(|day| {
                    let column = k * days as usize + (day - 1) as usize;
                    DayQuantiles {
                        day,
                        band: Quantiles::of(&sorted(rows.iter().map(|r| r[column]))),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The daily CSV: one row per series, district and day (`day` counts whole days from the start;
/// `at` is the end of that day on the calendar).
pub fn daily_csv(result: &SweepResult, start: crate::scenario::DateTime) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let cell = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    // Writing to memory cannot fail.
    let _ = writer.write_record(["day", "at", "series", "district", "median", "p5", "p95"]);
    for band in &result.daily {
        for q in &band.days {
            let _ = writer.write_record([
                q.day.to_string(),
                start.plus_minutes(q.day * MINUTES_PER_DAY).to_string(),
                band.series.clone(),
                band.district.clone().unwrap_or_default(),
                cell(q.band.median),
                cell(q.band.p5),
                cell(q.band.p95),
            ]);
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Pads to a number of terminal columns (a Chinese character takes two), on the right or,
/// for a right-aligned column, on the left.
/// Columns a text takes on a terminal: wide (CJK) characters take two.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

pub(crate) fn pad_to(text: &str, columns: usize, right_aligned: bool) -> String {
    let width = display_width(text);
    let padding = " ".repeat(columns.saturating_sub(width));
    if right_aligned {
        format!("{padding}{text}")
    } else {
        format!("{text}{padding}")
    }
}

/// The per-run table as CSV.
pub fn csv(result: &SweepResult) -> String {
    let mut out = format!("seed,{}\n", result.names.join(","));
    for (seed, values) in &result.per_run {
        let cells: Vec<String> = values
            .iter()
            .map(|v| v.map_or(String::new(), |v| format!("{v}")))
            .collect();
        out.push_str(&format!("{seed},{}\n", cells.join(",")));
    }
    out
}

/// The distributions as a table for the terminal; the measures by their ids, as the CSV's
/// columns name them.
pub fn table(result: &SweepResult, lang: crate::i18n::Language) -> String {
    let mut out = crate::tr!(
        lang,
        "sweep-title",
        runs = result.runs,
        scenario = result.scenario.as_str(),
        first = result.first_seed.to_string(),
        last = (result.first_seed + u64::from(result.runs)).to_string(),
        commands = result.commands
    );
    out.push('\n');
    let blue = match (&result.plan, result.commands) {
        (Some(plan), _) => crate::tr!(lang, "sweep-blue-plan", plan = plan.as_str()),
        (None, 0) => crate::tr!(lang, "sweep-blue-none"),
        (None, _) => crate::tr!(lang, "sweep-blue-commands"),
    };
    let red = if result.auto_red {
        crate::tr!(lang, "sweep-red-auto")
    } else {
        crate::tr!(lang, "sweep-red-none")
    };
    out.push_str(&crate::tr!(lang, "sweep-sides", blue = blue, red = red));
    out.push('\n');
    out.push_str(&format!(
        "{} {} {} {:>12} {:>12}\n",
        pad_to(&crate::tr!(lang, "sweep-measure"), 44, false),
        pad_to(&crate::tr!(lang, "sweep-mean"), 12, true),
        pad_to(&crate::tr!(lang, "sweep-median"), 12, true),
        "p5",
        "p95"
    ));
    let cell = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.3}"));
    for d in &result.distributions {
        out.push_str(&format!(
            "{:<44} {:>12} {:>12} {:>12} {:>12}\n",
            d.name,
            cell(d.mean),
            cell(d.median),
            cell(d.p5),
            cell(d.p95)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_do_not_depend_on_the_number_of_threads() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let one = sweep(scenario.clone(), &[], Sides::default(), 12, 5, 1, &|_| {});
        let three = sweep(scenario, &[], Sides::default(), 12, 5, 3, &|_| {});
        assert_eq!(one, three);
        assert_eq!(one.per_run.len(), 12);
        let infections = &one.distributions[0];
        assert_eq!(infections.name, "infections");
        assert!(infections.p5 <= infections.median && infections.median <= infections.p95);
        assert!(
            infections.p5 < infections.p95,
            "seeds differ: {infections:?}"
        );
    }

    /// Shards played apart (each on its own thread count), written, read back and merged in
    /// any order give the very result of the sweep run at once.
    #[test]
    fn shards_merged_equal_one_sweep() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let until = 5 * MINUTES_PER_DAY;
        let runs = |threads| Runs {
            count: 7,
            first_seed: 3,
            threads,
            until,
        };
        let whole = sweep_runs(scenario.clone(), &[], Sides::default(), runs(2), &|_| {});
        let parts: Vec<SweepPart> = [3, 1, 2]
            .into_iter()
            .map(|index| {
                let shard = Shard { index, of: 3 };
                let part = sweep_part(
                    scenario.clone(),
                    &[],
                    Sides::default(),
                    runs(1),
                    shard,
                    &|_| {},
                );
                serde_json::from_str(&serde_json::to_string(&part).unwrap()).unwrap()
            })
            .collect();
        assert_eq!(parts[0].per_run.len(), 3, "runs 4–6 of 0–6");
        assert_eq!(merge(parts.clone()).unwrap(), whole);

        assert_eq!(
            merge(parts[..2].to_vec()),
            Err(MergeError::Missing(vec![2]))
        );
        let mut twice = parts.clone();
        twice.push(parts[1].clone());
        assert_eq!(merge(twice), Err(MergeError::Repeated(3)));
        let other = sweep_part(
            scenario,
            &[],
            Sides::default(),
            Runs {
                count: 8,
                ..runs(1)
            },
            Shard { index: 2, of: 3 },
            &|_| {},
        );
        let mut mixed = parts.clone();
        mixed[2] = other;
        assert_eq!(merge(mixed), Err(MergeError::OtherSweep(2)));
        let mut foreign = parts;
        foreign[1].format = "something else".into();
        assert_eq!(merge(foreign), Err(MergeError::NotAPart(1)));
    }

    /// Every run falls in exactly one shard, the shards as even as whole runs allow.
    #[test]
    fn shards_share_the_runs_out_evenly() {
        for runs in [0, 1, 2, 7, 10, 1000] {
            for of in [1, 2, 3, 7, 16] {
                let sizes: Vec<u32> = (1..=of)
                    .map(|index| Shard { index, of }.runs(runs))
                    .scan(0, |next, range| {
                        assert_eq!(range.start, *next, "{runs} runs in {of}");
                        *next = range.end;
                        Some(range.len() as u32)
                    })
                    .collect();
                assert_eq!(sizes.iter().sum::<u32>(), runs);
                let (least, most) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
                assert!(most - least <= 1, "{runs} runs in {of}: {sizes:?}");
            }
        }
        assert_eq!(Shard::parse("3/10"), Some(Shard { index: 3, of: 10 }));
        for wrong in ["0/3", "4/3", "3", "a/b", "1/0", ""] {
            assert_eq!(Shard::parse(wrong), None, "{wrong}");
        }
    }

    /// The daily quantiles of every series: a cumulative count's median never falls, and on
    /// the last day the city's infections are the runs' infections; a district's share lies
    /// between 0 and 1; the CSV has a row per series, district and day.
    #[test]
    fn daily_quantiles_follow_every_series() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let start = scenario.meta.start;
        let result = sweep(scenario, &[], Sides::default(), 6, 1, 2, &|_| {});
        let days = result.until / MINUTES_PER_DAY;
        let city = |name: &str| {
            result
                .daily
                .iter()
                .find(|b| b.series == name && b.district.is_none())
                .unwrap()
        };
        let infections = city("infections");
        assert_eq!(infections.days.len(), days as usize);
        let medians: Vec<f64> = infections
            .days
            .iter()
            .map(|d| d.band.median.unwrap())
            .collect();
        assert!(medians.windows(2).all(|w| w[0] <= w[1]), "{medians:?}");
        for day in &infections.days {
            let band = day.band;
            assert!(band.p5 <= band.median && band.median <= band.p95, "{day:?}");
        }
        let last = infections.days.last().unwrap().band;
        assert_eq!(last.median, result.distributions[0].median);
        assert_eq!(last.p95, result.distributions[0].p95);
        let share = result
            .daily
            .iter()
            .find(|b| b.series == "infections_share" && b.district.is_some())
            .unwrap();
        assert!(
            share
                .days
                .iter()
                .filter_map(|d| d.band.median)
                .all(|m| (0.0..=1.0).contains(&m))
        );
        let csv = daily_csv(&result, start);
        let rows = result.daily.iter().map(|b| b.days.len()).sum::<usize>();
        assert_eq!(csv.lines().count(), rows + 1);
        assert!(csv.starts_with("day,at,series,district,median,p5,p95\n"));
    }

    #[test]
    fn the_automatic_red_cell_plays_in_every_run_alike_on_any_number_of_threads() {
        let scenario = Arc::new(crate::library::default_scenario().unwrap().0);
        let red = Sides {
            plan: None,
            auto_red: true,
        };
        let one = sweep(scenario.clone(), &[], red, 3, 5, 1, &|_| {});
        let two = sweep(scenario.clone(), &[], red, 3, 5, 2, &|_| {});
        assert_eq!(one, two);
        assert!(one.auto_red);
        let none = sweep(scenario, &[], Sides::default(), 3, 5, 1, &|_| {});
        let trust = |r: &SweepResult| {
            r.distributions
                .iter()
                .find(|d| d.name == "public_trust")
                .and_then(|d| d.mean)
                .unwrap()
        };
        assert!(
            trust(&one) < trust(&none),
            "red played: {} vs {}",
            trust(&one),
            trust(&none)
        );
        assert!(table(&one, crate::i18n::Language::En).contains("red: the automatic red cell"));
    }
}
