//! Live charts (egui_plot): the epidemic, hospital occupancy, and KPIs, each against the same
//! seed with no player action.

use bevy_egui::egui;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints};

use crate::app::session::Session;
use crate::scenario::Metric;
use crate::scoring::kpi_series;
use crate::sim::{DistrictSample, Exercise};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

pub fn show(ui: &mut egui::Ui, session: &Session, choice: &mut ChartChoice) {
    let (Some(exercise), Some(scoring)) = (&session.exercise, &session.scoring) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.selectable_value(choice, ChartChoice::Epidemic, "Infections vs no action");
        ui.selectable_value(choice, ChartChoice::Districts, "By district");
        ui.selectable_value(choice, ChartChoice::Hospital, "Hospital occupancy");
        ui.selectable_value(choice, ChartChoice::Kpis, "KPIs over time");
    });
    // The scoring keeps its baseline in step with the exercise.
    let baseline = scoring.baseline_now();
    // Bounds follow the data as the exercise grows; the plot's memory would keep the first,
    // empty view otherwise.
    let plot = Plot::new(("chart", *choice as u8))
        .legend(Legend::default())
        .allow_scroll(false)
        .auto_bounds(egui::Vec2b::TRUE)
        .include_x(0.0)
        .include_y(0.0)
        .x_axis_label("days")
        .height(ui.available_height().max(80.0));
    let dashed = LineStyle::Dashed { length: 8.0 };
    plot.show(ui, |p| match choice {
        ChartChoice::Epidemic => {
            p.line(
                Line::new(
                    "infected now, as played",
                    PlotPoints::from(total(exercise, active)),
                )
                .width(2.0),
            );
            p.line(
                Line::new(
                    "infected now, no action",
                    PlotPoints::from(total(baseline, active)),
                )
                .style(dashed),
            );
            p.line(Line::new(
                "confirmed (cumulative)",
                PlotPoints::from(total(exercise, |d| d.confirmed)),
            ));
        }
        ChartChoice::Districts => {
            for (n, district) in exercise.scenario().city.districts.iter().enumerate() {
                // A district's curve includes its places' people.
                let nodes: Vec<usize> = exercise.district_and_places(n).collect();
                let points: Vec<[f64; 2]> = exercise
                    .series()
                    .iter()
                    .map(|s| {
                        let sum: f64 = nodes.iter().map(|&k| active(&s.districts[k])).sum();
                        [days(s.t), sum]
                    })
                    .collect();
                p.line(Line::new(district.name.clone(), PlotPoints::from(points)));
            }
        }
        ChartChoice::Hospital => {
            p.line(
                Line::new(
                    "in hospital",
                    PlotPoints::from(total(exercise, |d| d.hospitalised)),
                )
                .width(2.0),
            );
            p.line(Line::new(
                "waiting for a bed",
                PlotPoints::from(total(exercise, |d| d.waiting)),
            ));
            p.line(
                Line::new(
                    "in hospital, no action",
                    PlotPoints::from(total(baseline, |d| d.hospitalised)),
                )
                .style(dashed),
            );
        }
        ChartChoice::Kpis => {
            for (metric, name) in [
                (
                    Metric::ContactsQuarantinedWithin24h,
                    "contacts quarantined within 24 h",
                ),
                (Metric::ReportsOnTime, "reports on time"),
                (Metric::PublicTrust, "public trust"),
            ] {
                let points: Vec<[f64; 2]> = kpi_series(exercise, &metric)
                    .into_iter()
                    .filter_map(|(t, v)| v.map(|v| [days(t), v]))
                    .collect();
                p.line(Line::new(name, PlotPoints::from(points)).width(2.0));
                let points: Vec<[f64; 2]> = kpi_series(baseline, &metric)
                    .into_iter()
                    .filter_map(|(t, v)| v.map(|v| [days(t), v]))
                    .collect();
                p.line(
                    Line::new(format!("{name}, no action"), PlotPoints::from(points)).style(dashed),
                );
            }
        }
    });
}
