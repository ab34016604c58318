//! Monte-Carlo sweeps: the same scenario and commands under many seeds, in parallel, and the
//! distribution of every outcome and KPI. Runs are numbered and their results kept in seed
//! order, so the result is identical whatever the number of threads.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

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
    let days = runs.until / MINUTES_PER_DAY;
    let layout = scenario_layout(&scenario);
    let ledgers = scoring::LedgerCache::default();
    let results = run_seeds(&scenario, commands, sides, runs, progress, |exercise| {
        let baseline = scoring::Baseline::of(exercise);
        (
            measures(exercise, &baseline, &ledgers),
            daily_values(exercise, &layout, days),
        )
    });
    let (rows, daily_rows): (Vec<Measures>, Vec<Vec<Option<f64>>>) = results.into_iter().unzip();
    let daily = daily_bands(&layout, days, &daily_rows);
    let names: Vec<String> = rows
        .first()
        .map(|r| r.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    let distributions = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let values = sorted(rows.iter().map(|r| r[i].1));
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
        scenario: scenario.meta.id.name.clone(),
        runs: runs.count,
        first_seed: runs.first_seed,
        until: runs.until,
        commands: commands.len(),
        plan: sides.plan.map(|p| p.id.name.clone()),
        auto_red: sides.auto_red,
        names,
        distributions,
        per_run: rows
            .into_iter()
            .enumerate()
            .map(|(n, r)| {
                (
                    runs.first_seed.wrapping_add(n as u64),
                    r.into_iter().map(|(_, v)| v).collect(),
                )
            })
            .collect(),
        daily,
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

fn daily_bands(layout: &Layout, days: u32, rows: &[Vec<Option<f64>>]) -> Vec<DailyBand> {
    layout
        .keys
        .iter()
        .enumerate()
        .map(|(k, (series, area))| DailyBand {
            series: series.name(),
            district: area.as_ref().map(|a| a.text.clone()),
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
