//! Live charts (egui_plot): the epidemic, hospital occupancy, and KPIs, each against the same
//! seed with no player action.

use bevy_egui::egui;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use super::screen_cache::{ScreenCache, Series};
use crate::app::session::Session;
use crate::i18n::Language;
use crate::scenario::Metric;
use crate::scoring::kpi_series;
use crate::sim::{DistrictSample, Exercise};
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartChoice {
    #[default]
    Epidemic,
    Districts,
    Hospital,
    Kpis,
}

fn active(d: &DistrictSample) -> f64 {
    d.e + d.a + d.i + d.isolated + d.hospitalised
}

fn days(t: u32) -> f64 {
    f64::from(t) / 1440.0
}

fn total(exercise: &Exercise, f: impl Fn(&DistrictSample) -> f64) -> Vec<[f64; 2]> {
    exercise
        .series()
        .iter()
        .map(|s| [days(s.t), s.districts.iter().map(&f).sum()])
        .collect()
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    choice: &mut ChartChoice,
    derived: &mut ScreenCache,
) {
    if session.exercise.is_none() {
        return;
    }
    let lang = session.language;
    ui.horizontal(|ui| {
        for (value, key) in [
            (ChartChoice::Epidemic, tr!(lang, "chart-epidemic")),
            (ChartChoice::Districts, tr!(lang, "chart-districts")),
            (ChartChoice::Hospital, tr!(lang, "report-chart-hospital")),
            (ChartChoice::Kpis, tr!(lang, "chart-kpis")),
        ] {
            ui.selectable_value(choice, value, key);
        }
    });
    // Bounds follow the data as the exercise grows; the plot's memory would keep the first,
    // empty view otherwise.
    let plot = Plot::new(("chart", *choice as u8))
        .legend(Legend::default())
        .allow_scroll(false)
        .auto_bounds(egui::Vec2b::TRUE)
        .include_x(0.0)
        .include_y(0.0)
        .x_axis_label(tr!(lang, "chart-days"))
        .height(ui.available_height().max(80.0));
    let lines = derived.chart(session, *choice);
    let dashed = LineStyle::Dashed { length: 8.0 };
    plot.show(ui, |p| {
        for (n, series) in lines.iter().enumerate() {
            let line = Line::new(series.name.clone(), PlotPoints::from(series.points.clone()));
            p.line(match (series.no_action, *choice) {
                (true, _) => line.style(dashed),
                // The curve as played stands out from the rest.
                (false, ChartChoice::Kpis) => line.width(2.0),
                (false, ChartChoice::Epidemic | ChartChoice::Hospital) if n == 0 => line.width(2.0),
                _ => line,
            });
        }
    });
}

/// The lines of a chart, as played and (dashed) with no action on the same seed.
pub fn series(
    exercise: &Exercise,
    baseline: &Exercise,
    choice: ChartChoice,
    lang: Language,
) -> Vec<Series> {
    let played = |name: &str, points| Series {
        name: name.to_string(),
        points,
        no_action: false,
    };
    let no_action = |name: String, points| Series {
        name,
        points,
        no_action: true,
    };
    match choice {
        ChartChoice::Epidemic => vec![
            played(&tr!(lang, "chart-infected-played"), total(exercise, active)),
            no_action(
                tr!(lang, "chart-infected-no-action"),
                total(baseline, active),
            ),
            played(
                &tr!(lang, "chart-confirmed"),
                total(exercise, |d| d.confirmed),
            ),
        ],
        ChartChoice::Districts => exercise
            .scenario()
            .city
            .districts
            .iter()
            .enumerate()
            .map(|(n, district)| {
                // A district's curve includes its places' people.
                let nodes: Vec<usize> = exercise.district_and_places(n).collect();
                let points = exercise
                    .series()
                    .iter()
                    .map(|s| {
                        let sum: f64 = nodes.iter().map(|&k| active(&s.districts[k])).sum();
                        [days(s.t), sum]
                    })
                    .collect();
                played(&district.name, points)
            })
            .collect(),
        ChartChoice::Hospital => vec![
            played(
                &tr!(lang, "report-series-in-hospital"),
                total(exercise, |d| d.hospitalised),
            ),
            played(
                &tr!(lang, "chart-waiting-for-bed"),
                total(exercise, |d| d.waiting),
            ),
            no_action(
                tr!(lang, "report-series-in-hospital-baseline"),
                total(baseline, |d| d.hospitalised),
            ),
        ],
        ChartChoice::Kpis => {
            let points = |exercise: &Exercise, metric: &Metric| -> Vec<[f64; 2]> {
                kpi_series(exercise, metric)
                    .into_iter()
                    .filter_map(|(t, v)| v.map(|v| [days(t), v]))
                    .collect()
            };
            [
                (
                    Metric::ContactsQuarantinedWithin24h,
                    tr!(lang, "report-series-contacts"),
                ),
                (Metric::ReportsOnTime, tr!(lang, "report-series-reports")),
                (Metric::PublicTrust, tr!(lang, "report-series-trust")),
            ]
            .into_iter()
            .flat_map(|(metric, name)| {
                [
                    played(&name, points(exercise, &metric)),
                    no_action(
                        tr!(lang, "report-series-no-action", name = name.as_str()),
                        points(baseline, &metric),
                    ),
                ]
            })
            .collect()
        }
    }
}
