//! Observed data against the model: a scenario is played with its commands (a reported
//! response) over many seeds, and every observation of a CSV file is set against the median
//! and the 5–95% band of the same series at the same minute. The hindcasts of the library and
//! an agency checking a scenario against its own past outbreak use the same path.
//!
//! The file: a header naming the columns `time`, `series`, `value` and, optionally,
//! `district`, in any order, then one observation a row; `#` starts a comment line. `time` is
//! written as in a commands file (`95`, `3d`, `D3 24:00`) or on the calendar (`2022-01-11`
//! for the end of that day, `2022-01-11T08:00`); `series` is one of `series.rs`; `district`
//! is empty for the city, or ids of districts and places joined with `+`.

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Report, Span};
use crate::i18n::Language;
use crate::journal::Entry;
use crate::msg;
use crate::report::escape;
use crate::report::svg::{BandChart, band_chart};
use crate::scenario::Scenario;
use crate::scenario::values::{MINUTES_PER_DAY, parse_time_after};
use crate::series::{Area, Series, area_ids};
use crate::sim::{Exercise, Mode};
use crate::sweep::{Quantiles, Runs, Sides, run_seeds, sorted};
use crate::tr;

/// One observed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Line of the file (from 1).
    pub line: usize,
    /// The time as written.
    pub time: String,
    pub minute: u32,
    pub series: Series,
    /// None: the whole city.
    pub area: Option<Area>,
    pub value: f64,
}

/// Reads an observations file; every problem is reported at once, each at its line and column.
pub fn read_observed(
    text: &str,
    file_name: &str,
    scenario: &Arc<Scenario>,
) -> Result<Vec<Observation>, Report> {
    let exercise = Exercise::new(scenario.clone(), 0, Mode::Expected);
    let start = scenario.meta.start;
    let mut problems = Vec::new();
    let mut observations = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let columns = match header_columns(&mut reader) {
        Ok(columns) => columns,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    if let Some(columns) = columns {
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let row = Row {
                        record: &record,
                        text,
                        columns,
                    };
                    match row.observation(&exercise, start, scenario.meta.duration.get()) {
                        Ok(observation) => observations.push(observation),
                        Err(problem) => problems.push(problem),
                    }
                }
                Err(error) => problems.push(csv_problem(text, &error)),
            }
        }
        if observations.is_empty() && problems.is_empty() {
            problems.push(Diagnostic::error(Span::new(0, 0), msg!("observed-empty")));
        }
    }
    if problems.is_empty() {
        Ok(observations)
    } else {
        Err(Report {
            file_name: file_name.to_string(),
            text: text.to_string(),
            diagnostics: problems,
        })
    }
}

/// Where each column is: time, series, value, district.
#[derive(Debug, Clone, Copy)]
struct Columns {
    time: usize,
    series: usize,
    value: usize,
    district: Option<usize>,
}

fn header_columns(reader: &mut csv::Reader<&[u8]>) -> Result<Option<Columns>, Diagnostic> {
    let header = reader.headers().map_err(|e| {
        Diagnostic::error(
            Span::new(0, 0),
            msg!("observed-csv", problem = e.to_string()),
        )
    })?;
    let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let span = header.position().map_or(Span::new(0, 0), |p| {
        let start = p.byte() as usize;
        Span::new(start, start)
    });
    let missing: Vec<&str> = ["time", "series", "value"]
        .into_iter()
        .filter(|name| find(name).is_none())
        .collect();
    match (find("time"), find("series"), find("value")) {
        (Some(time), Some(series), Some(value)) => Ok(Some(Columns {
            time,
            series,
            value,
            district: find("district"),
        })),
        _ => Err(
            Diagnostic::error(span, msg!("observed-header", missing = missing.join(", ")))
                .with_help(msg!("observed-header-help")),
        ),
    }
}

/// A record of the file with the text it was read from, for locating its fields.
struct Row<'a> {
    record: &'a csv::StringRecord,
    text: &'a str,
    columns: Columns,
}

impl Row<'_> {
    fn line(&self) -> usize {
        self.record.position().map_or(0, |p| p.line() as usize)
    }

    fn field(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("")
    }

    /// The span of a field in the file: found in its line, else the line's start.
    fn span_of(&self, column: usize) -> Span {
        let start = self.record.position().map_or(0, |p| p.byte() as usize);
        let line_end = self.text[start.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |n| start + n);
        let field = self.field(column);
        match self.text[start.min(line_end)..line_end].find(field) {
            Some(at) if !field.is_empty() => Span::new(start + at, start + at + field.len()),
            _ => Span::new(start, line_end),
        }
    }

    fn observation(
        &self,
        exercise: &Exercise,
        start: crate::scenario::DateTime,
        end: u32,
    ) -> Result<Observation, Diagnostic> {
        let Columns {
            time,
            series,
            value,
            district,
        } = self.columns;
        let time_text = self.field(time);
        let minute = parse_time_after(time_text, start).ok_or_else(|| {
            Diagnostic::error(
                self.span_of(time),
                msg!("observed-bad-time", text = time_text),
            )
            .with_help(msg!("observed-bad-time-help", start = start.to_string()))
        })?;
        if minute > end {
            return Err(Diagnostic::error(
                self.span_of(time),
                msg!(
                    "observed-after-end",
                    text = time_text,
                    end = start.plus_minutes(end).to_string()
                ),
            ));
        }
        let series_text = self.field(series);
        let parsed = Series::parse(series_text).ok_or_else(|| {
            let names: Vec<String> = Series::all().map(Series::name).collect();
            let mut problem = Diagnostic::error(
                self.span_of(series),
                msg!("observed-bad-series", text = series_text),
            );
            problem.set_help(
                match crate::diagnostic::suggest(series_text, names.iter().map(String::as_str)) {
                    Some(near) => msg!("observed-did-you-mean", name = near),
                    None => msg!("observed-series-list", names = names.join(", ")),
                },
            );
            problem
        })?;
        let value_text = self.field(value);
        let observed: f64 = value_text
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                Diagnostic::error(
                    self.span_of(value),
                    msg!("observed-bad-value", text = value_text),
                )
            })?;
        let area_text = district.map_or("", |d| self.field(d));
        let area = if area_text.is_empty() {
            None
        } else {
            let area = Area::resolve(exercise, area_text).map_err(|unknown| {
                let column = district.unwrap_or(0);
                let mut problem = Diagnostic::error(
                    self.span_of(column),
                    msg!("observed-unknown-area", id = unknown.as_str()),
                );
                if let Some(near) = crate::diagnostic::suggest(&unknown, area_ids(exercise)) {
                    problem.set_help(msg!("observed-did-you-mean", name = near));
                }
                problem
            })?;
            Some(area)
        };
        if parsed.is_share() && area.is_none() {
            return Err(Diagnostic::error(
                self.span_of(series),
                msg!("observed-share-needs-district", series = series_text),
            ));
        }
        if parsed.is_share() && observed > 1.0 {
            return Err(Diagnostic::error(
                self.span_of(value),
                msg!("observed-share-above-one", text = value_text),
            ));
        }
        Ok(Observation {
            line: self.line(),
            time: time_text.to_string(),
            minute,
            series: parsed,
            area,
            value: observed,
        })
    }
}

fn csv_problem(text: &str, error: &csv::Error) -> Diagnostic {
    let at = error
        .position()
        .map_or(0, |p| (p.byte() as usize).min(text.len()));
    Diagnostic::error(
        Span::new(at, at),
        msg!("observed-csv", problem = error.to_string()),
    )
}

/// An observation set against the runs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Checkpoint {
    pub line: usize,
    pub time: String,
    pub minute: u32,
    pub series: String,
    pub district: Option<String>,
    /// The district's name (or the names joined), as people read it.
    pub district_name: Option<String>,
    pub observed: f64,
    #[serde(flatten)]
    pub band: Quantiles,
    /// Runs with a value (a share of nothing has none).
    pub runs: usize,
    /// Whether the observation lies within the 5–95% band; None without values.
    pub inside: Option<bool>,
}

/// A series' band over the runs, day by day, for a chart: (minute, p5, median, p95).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Band {
    pub series: String,
    pub district: Option<String>,
    pub district_name: Option<String>,
    pub points: Vec<(u32, f64, f64, f64)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub scenario: String,
    pub title: String,
    pub runs: u32,
    pub first_seed: u64,
    pub commands: usize,
    pub until: u32,
    pub checkpoints: Vec<Checkpoint>,
    pub inside: usize,
    pub outside: usize,
    pub bands: Vec<Band>,
}

/// The series the observations name, once each, in the order first named.
fn observed_series(observations: &[Observation]) -> Vec<(Series, Option<Area>)> {
    let mut keys: Vec<(Series, Option<Area>)> = Vec::new();
    for o in observations {
        let key = (o.series, o.area.clone());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Plays the scenario over `runs` (to the last observation, or later if `runs.until` is
/// later) and sets every observation against the runs' band.
pub fn compare(
    scenario: Arc<Scenario>,
    commands: &[Entry],
    observations: &[Observation],
    runs: Runs,
    progress: &(dyn Fn(usize) + Sync),
) -> Comparison {
    let last = observations.iter().map(|o| o.minute).max().unwrap_or(0);
    let runs = Runs {
        until: runs.until.max(last),
        ..runs
    };
    let keys = observed_series(observations);
    let chart_minutes: Vec<u32> = (0..=runs.until / MINUTES_PER_DAY)
        .map(|day| day * MINUTES_PER_DAY)
        .chain((!runs.until.is_multiple_of(MINUTES_PER_DAY)).then_some(runs.until))
        .collect();
    let nodes = |area: &Option<Area>| area.as_ref().map(|a| a.nodes.clone());
    let results = run_seeds(
        &scenario,
        commands,
        Sides::default(),
        runs,
        progress,
        |exercise| {
            let samples = exercise.series();
            let at_observations: Vec<Option<f64>> = observations
                .iter()
                .map(|o| o.series.at(samples, o.minute, nodes(&o.area).as_deref()))
                .collect();
            let daily: Vec<Vec<Option<f64>>> = keys
                .iter()
                .map(|(series, area)| {
                    chart_minutes
                        .iter()
                        .map(|&m| series.at(samples, m, nodes(area).as_deref()))
                        .collect()
                })
                .collect();
            (at_observations, daily)
        },
    );
    let checkpoints: Vec<Checkpoint> = observations
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let values = sorted(results.iter().map(|r| r.0[k]));
            let band = Quantiles::of(&values);
            Checkpoint {
                line: o.line,
                time: o.time.clone(),
                minute: o.minute,
                series: o.series.name(),
                district: o.area.as_ref().map(|a| a.text.clone()),
                district_name: o.area.as_ref().map(|a| a.name.clone()),
                observed: o.value,
                band,
                runs: values.len(),
                inside: band
                    .p5
                    .zip(band.p95)
                    .map(|(lo, hi)| lo <= o.value && o.value <= hi),
            }
        })
        .collect();
    let bands = keys
        .iter()
        .enumerate()
        .map(|(k, (series, area))| Band {
            series: series.name(),
            district: area.as_ref().map(|a| a.text.clone()),
            district_name: area.as_ref().map(|a| a.name.clone()),
            points: chart_minutes
                .iter()
                .enumerate()
                .filter_map(|(m, &minute)| {
                    let band = Quantiles::of(&sorted(results.iter().map(|r| r.1[k][m])));
                    Some((minute, band.p5?, band.median?, band.p95?))
                })
                .collect(),
        })
        .collect();
    Comparison {
        scenario: scenario.meta.id.name.clone(),
        title: scenario.meta.title.clone(),
        runs: runs.count,
        first_seed: runs.first_seed,
        commands: commands.len(),
        until: runs.until,
        inside: checkpoints
            .iter()
            .filter(|c| c.inside == Some(true))
            .count(),
        outside: checkpoints
            .iter()
            .filter(|c| c.inside != Some(true))
            .count(),
        checkpoints,
        bands,
    }
}

/// A figure as the table shows it: shares as percentages, counts whole above 100.
fn figure(value: f64, share: bool) -> String {
    // Sums of fractions may land a hair below zero; a count is never negative.
    let value = if value.abs() < 1e-9 { 0.0 } else { value };
    if share {
        format!("{:.1}%", value * 100.0)
    } else if value.abs() >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A series' name as people read it (its id if unknown).
fn series_label(series: &str, lang: Language) -> String {
    Series::parse(series).map_or_else(|| series.to_string(), |s| s.label(lang))
}

fn is_share_name(series: &str) -> bool {
    Series::parse(series).is_some_and(Series::is_share)
}

/// The comparison as a table for the terminal.
pub fn table(comparison: &Comparison, lang: Language) -> String {
    let mut out = tr!(
        lang,
        "compare-title",
        runs = comparison.runs,
        scenario = comparison.scenario.as_str(),
        commands = comparison.commands
    );
    out.push('\n');
    let headings = [
        tr!(lang, "compare-time"),
        tr!(lang, "compare-series"),
        tr!(lang, "compare-district"),
        tr!(lang, "compare-observed"),
        tr!(lang, "compare-median"),
        tr!(lang, "compare-band"),
        String::new(),
    ];
    let mut rows = vec![headings.to_vec()];
    for c in &comparison.checkpoints {
        let share = is_share_name(&c.series);
        let cell = |v: Option<f64>| v.map_or("–".to_string(), |v| figure(v, share));
        rows.push(vec![
            c.time.clone(),
            series_label(&c.series, lang),
            shortened(
                &c.district_name
                    .clone()
                    .unwrap_or_else(|| tr!(lang, "compare-city")),
            ),
            figure(c.observed, share),
            cell(c.band.median),
            format!("{} – {}", cell(c.band.p5), cell(c.band.p95)),
            match c.inside {
                Some(true) => tr!(lang, "compare-inside"),
                Some(false) => tr!(lang, "compare-outside"),
                None => tr!(lang, "compare-no-value"),
            },
        ]);
    }
    let widths: Vec<usize> = (0..headings.len())
        .map(|col| rows.iter().map(|r| columns_of(&r[col])).max().unwrap_or(0))
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(col, (text, &width))| {
                let pad = " ".repeat(width.saturating_sub(columns_of(text)));
                // Figures right-aligned, words left.
                if (3..=5).contains(&col) {
                    format!("{pad}{text}")
                } else {
                    format!("{text}{pad}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&tr!(
        lang,
        "compare-verdict",
        inside = comparison.inside,
        total = comparison.checkpoints.len()
    ));
    out.push('\n');
    out
}

/// Terminal columns a cell of the table may take: a long list of places joined is cut (the
/// page and the JSON keep it whole).
const CELL_COLUMNS: usize = 40;

fn shortened(text: &str) -> String {
    if columns_of(text) <= CELL_COLUMNS {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if columns_of(&out) + columns_of(&c.to_string()) > CELL_COLUMNS - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Terminal columns a text takes (a Chinese character takes two).
fn columns_of(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The comparison as a page: the table, and a chart per observed series with the band, the
/// median and the observations marked inside or outside.
pub fn html(comparison: &Comparison, lang: Language) -> String {
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>{}</h1><p>{}</p>",
        escape(&comparison.title),
        escape(&tr!(
            lang,
            "compare-title",
            runs = comparison.runs,
            scenario = comparison.scenario.as_str(),
            commands = comparison.commands
        ))
    ));
    body.push_str(&format!(
        "<p class=\"verdict\">{}</p>",
        escape(&tr!(
            lang,
            "compare-verdict",
            inside = comparison.inside,
            total = comparison.checkpoints.len()
        ))
    ));
    let names = [
        tr!(lang, "compare-band"),
        tr!(lang, "compare-median"),
        tr!(lang, "compare-observed-inside"),
        tr!(lang, "compare-observed-outside"),
    ];
    for band in &comparison.bands {
        let share = is_share_name(&band.series);
        let observed: Vec<(f64, f64, bool)> = comparison
            .checkpoints
            .iter()
            .filter(|c| c.series == band.series && c.district == band.district)
            .map(|c| (f64::from(c.minute), c.observed, c.inside == Some(true)))
            .collect();
        let points: Vec<(f64, f64, f64, f64)> = band
            .points
            .iter()
            .map(|&(m, lo, mid, hi)| (f64::from(m), lo, mid, hi))
            .collect();
        let where_ = band
            .district_name
            .clone()
            .unwrap_or_else(|| tr!(lang, "compare-city"));
        let label = series_label(&band.series, lang);
        let title = format!("{label} — {where_}");
        body.push_str(&band_chart(
            &BandChart {
                title: &title,
                duration_minutes: f64::from(comparison.until),
                band: &points,
                observed: &observed,
                names: [&names[0], &names[1], &names[2], &names[3]],
                y_label: &label,
                percent: share,
            },
            lang,
        ));
    }
    body.push_str("<table><tr>");
    for key in [
        "compare-time",
        "compare-series",
        "compare-district",
        "compare-observed",
        "compare-median",
        "compare-band",
    ] {
        body.push_str(&format!(
            "<th>{}</th>",
            escape(&crate::i18n::text(lang, key))
        ));
    }
    body.push_str("<th></th></tr>");
    for c in &comparison.checkpoints {
        let share = is_share_name(&c.series);
        let cell = |v: Option<f64>| v.map_or("–".to_string(), |v| figure(v, share));
        let (class, verdict) = match c.inside {
            Some(true) => ("inside", tr!(lang, "compare-inside")),
            Some(false) => ("outside", tr!(lang, "compare-outside")),
            None => ("outside", tr!(lang, "compare-no-value")),
        };
        body.push_str(&format!(
            "<tr class=\"{class}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} – {}</td><td>{}</td></tr>",
            escape(&c.time),
            escape(&series_label(&c.series, lang)),
            escape(&c.district_name.clone().unwrap_or_else(|| tr!(lang, "compare-city"))),
            figure(c.observed, share),
            cell(c.band.median),
            cell(c.band.p5),
            cell(c.band.p95),
            escape(&verdict)
        ));
    }
    body.push_str("</table>");
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        lang.code(),
        escape(&comparison.title)
    )
}

const STYLE: &str = "body { font-family: sans-serif; margin: 16px auto; max-width: 800px; padding: 0 12px; color: #222; } \
.chart { width: 100%; height: auto; border: 1px solid #e3e3e3; margin: 8px 0 16px; } .chart-title { font-size: 14px; font-weight: bold; } \
.tick { font-size: 11px; fill: #555; } .legend { font-size: 11px; fill: #333; } \
table { border-collapse: collapse; width: 100%; font-size: 14px; } th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; } \
td.n { text-align: right; font-variant-numeric: tabular-nums; } tr.outside td { background: #fdecea; } .verdict { font-weight: bold; } \
@media (max-width: 480px) { table { font-size: 12px; } th, td { padding: 3px; } }";

#[cfg(test)]
mod tests {
    use super::*;

    fn flagship() -> Arc<Scenario> {
        Arc::new(crate::library::default_scenario().unwrap().0)
    }

    #[test]
    fn observations_read_every_time_form_and_series() {
        let scenario = flagship();
        let start = scenario.meta.start;
        let district = scenario.city.districts[0].id.as_str().to_string();
        let date = start.plus_minutes(2 * MINUTES_PER_DAY);
        let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);
        let text = format!(
            "# a comment\nseries,time,value,district\nconfirmed,3d,12,\ninfections,D2 24:00,40,{district}\nconfirmed_share,{day},0.5,{district}\ndeaths,90,0\n"
        );
        let observed = read_observed(&text, "obs.csv", &scenario).unwrap();
        assert_eq!(observed.len(), 4);
        assert_eq!(observed[0].minute, 3 * MINUTES_PER_DAY);
        assert_eq!(observed[0].line, 3);
        assert_eq!(observed[0].area, None);
        assert_eq!(
            observed[1].minute,
            2 * MINUTES_PER_DAY - start.minute_of_day
        );
        assert_eq!(observed[1].area.as_ref().unwrap().text, district);
        // A date alone is the end of that day.
        assert_eq!(
            observed[2].minute,
            3 * MINUTES_PER_DAY - start.minute_of_day
        );
        assert!(observed[2].series.is_share());
        assert_eq!(observed[3].minute, 90);
    }

    #[test]
    fn every_problem_of_an_observations_file_is_located() {
        let scenario = flagship();
        let text = "time,series,value,district\n3d,confirmd,12,\nsoon,confirmed,3,\n2d,deaths,-1,\n2d,confirmed,1,atlantis\n2d,confirmed_share,0.3,\n";
        let report = read_observed(text, "obs.csv", &scenario).unwrap_err();
        let located = report.located_in(Language::En);
        let lines: Vec<usize> = located.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6], "{located:#?}");
        assert!(located[0].message.contains("confirmd"), "{located:#?}");
        assert!(
            located[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("confirmed"))
        );
        assert_eq!(located[0].column, 4);
        assert!(located[1].message.contains("soon"));
        assert!(located[2].message.contains("-1"));
        assert!(located[3].message.contains("atlantis"));
        assert_eq!(located[3].column, 16);
        assert!(located[4].message.contains("confirmed_share"));
        let no_header = read_observed("a,b\n1,2\n", "obs.csv", &scenario).unwrap_err();
        assert!(
            no_header.located_in(Language::En)[0]
                .message
                .contains("time, series, value")
        );
        assert!(read_observed("time,series,value\n", "obs.csv", &scenario).is_err());
    }

    /// An observation taken from the model's own runs lies inside their band, and one far
    /// above it outside; the band does not depend on the number of threads.
    #[test]
    fn a_models_own_figure_lies_inside_its_band_and_a_wild_one_outside() {
        let scenario = flagship();
        let runs = |threads| Runs {
            count: 12,
            first_seed: 1,
            threads,
            until: 0,
        };
        let probe = read_observed(
            "time,series,value\n5d,infections,0\n",
            "probe.csv",
            &scenario,
        )
        .unwrap();
        let first = compare(scenario.clone(), &[], &probe, runs(1), &|_| {});
        let median = first.checkpoints[0].band.median.unwrap();
        assert!(median > 0.0);
        let text = format!(
            "time,series,value\n5d,infections,{median}\n5d,infections,{}\n",
            median * 100.0 + 1000.0
        );
        let observations = read_observed(&text, "obs.csv", &scenario).unwrap();
        let one = compare(scenario.clone(), &[], &observations, runs(1), &|_| {});
        let two = compare(scenario, &[], &observations, runs(2), &|_| {});
        assert_eq!(one, two);
        assert_eq!(one.until, 5 * MINUTES_PER_DAY);
        assert_eq!(one.checkpoints[0].inside, Some(true));
        assert_eq!(one.checkpoints[1].inside, Some(false));
        assert_eq!((one.inside, one.outside), (1, 1));
        assert_eq!(one.bands.len(), 1);
        assert_eq!(one.bands[0].points.len(), 6);
        let band_at_five = one.bands[0].points[5];
        assert_eq!(band_at_five.2, median);
        let table = table(&one, Language::En);
        assert!(
            table.contains("inside") && table.contains("outside"),
            "{table}"
        );
        let page = html(&one, Language::Zh);
        assert!(page.contains("<svg") && page.contains("<polygon"));
    }
}
