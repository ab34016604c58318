//! Small inline SVG line charts: the report must open offline and print, so no script and no
//! external library.

use std::fmt::Write;

use super::escape;

pub struct Series {
    pub name: String,
    pub color: &'static str,
    pub dashed: bool,
    /// (minutes since the start, value)
    pub points: Vec<(f64, f64)>,
}

pub const PALETTE: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
];

/// A nice round step for about `target` ticks up to `max`.
fn tick_step(max: f64, target: f64) -> f64 {
    let raw = (max / target).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
}

fn format_tick(v: f64, percent: bool) -> String {
    if percent {
        format!("{:.0}%", v * 100.0)
    } else if v >= 1_000_000.0 {
        format!("{:.1}M", v / 1_000_000.0)
    } else if v >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The plot area of a chart over the exercise's days, once its legend and axes are drawn.
struct Frame {
    left: f64,
    top: f64,
    plot_w: f64,
    plot_h: f64,
    days: f64,
    y_max: f64,
}

impl Frame {
    fn x(&self, minutes: f64) -> f64 {
        self.left + self.plot_w * (minutes / 1440.0 / self.days).clamp(0.0, 1.0)
    }

    fn y(&self, v: f64) -> f64 {
        self.top + self.plot_h * (1.0 - (v / self.y_max).clamp(0.0, 1.0))
    }
}

/// What a legend entry shows beside its name.
#[derive(Clone, Copy)]
enum Key {
    Line { color: &'static str, dashed: bool },
    Area(&'static str),
    Dot(&'static str),
}

/// Opens an SVG chart: title, legend, value and day grids, axes. `data_max` is the largest
/// value to plot; `percent` formats the y axis as shares (0..1).
fn open_chart(
    title: &str,
    duration_minutes: f64,
    legend: &[(&str, Key)],
    data_max: f64,
    y_label: &str,
    percent: bool,
    lang: crate::i18n::Language,
) -> (String, Frame) {
    let (width, left, right, bottom) = (760.0, 64.0, 16.0, 40.0);
    // Lay the legend out first: the plot starts below however many rows it takes.
    let mut placed = Vec::new();
    let (mut lx, mut row) = (left + 8.0, 0);
    for (name, _) in legend {
        let w = 26.0 + text_width(name);
        if lx + w > width - right && lx > left + 8.0 {
            lx = left + 8.0;
            row += 1;
        }
        placed.push((lx, 34.0 + 14.0 * f64::from(row)));
        lx += w;
    }
    let top = 44.0 + 14.0 * f64::from(row);
    let height = top + 236.0;
    let y_max = if percent {
        1.0
    } else {
        (data_max * 1.1).max(1.0)
    };
    let y_step = if percent { 0.25 } else { tick_step(y_max, 5.0) };
    let frame = Frame {
        left,
        top,
        plot_w: width - left - right,
        plot_h: height - top - bottom,
        days: (duration_minutes / 1440.0).max(1.0 / 24.0),
        y_max: if percent {
            1.0
        } else {
            (y_max / y_step).ceil() * y_step
        },
    };
    let (plot_w, plot_h, days) = (frame.plot_w, frame.plot_h, frame.days);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{t}"><title>{t}</title><text x="{left}" y="18" class="chart-title">{t}</text>"#,
        t = escape(title)
    );
    let mut tick = 0.0;
    while tick <= frame.y_max + 1e-9 {
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e3e3e3"/><text x="{}" y="{:.1}" class="tick" text-anchor="end">{}</text>"##,
            left + plot_w,
            left - 6.0,
            frame.y(tick) + 4.0,
            format_tick(tick, percent),
            y = frame.y(tick)
        );
        tick += y_step;
    }
    let day_step = tick_step(days, 8.0).max(1.0 / 24.0);
    let mut day = 0.0;
    while day <= days + 1e-9 {
        let label = if days <= 1.0 {
            crate::tr!(lang, "chart-hour", hour = (day * 24.0).round())
        } else {
            crate::tr!(lang, "chart-day", day = day as u32 + 1)
        };
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{}" stroke="#f0f0f0"/><text x="{x:.1}" y="{}" class="tick" text-anchor="middle">{label}</text>"##,
            top + plot_h,
            top + plot_h + 16.0,
            x = frame.x(day * 1440.0)
        );
        day += day_step;
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" x2="{left}" y1="{top}" y2="{}" stroke="#777"/><line x1="{left}" x2="{}" y1="{}" y2="{}" stroke="#777"/><text x="14" y="{}" class="tick" transform="rotate(-90 14 {})" text-anchor="middle">{}</text>"##,
        top + plot_h,
        left + plot_w,
        top + plot_h,
        top + plot_h,
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        escape(y_label)
    );
    for ((name, key), (lx, ly)) in legend.iter().zip(placed) {
        let mark = match *key {
            Key::Line { color, dashed } => format!(
                r#"<line x1="{lx:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="2"{}/>"#,
                lx + 18.0,
                ly - 4.0,
                ly - 4.0,
                if dashed {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                }
            ),
            Key::Area(color) => format!(
                r#"<rect x="{lx:.1}" y="{:.1}" width="18" height="8" fill="{color}" fill-opacity="0.25"/>"#,
                ly - 8.0
            ),
            Key::Dot(color) => format!(
                r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{color}"/>"#,
                lx + 9.0,
                ly - 4.0
            ),
        };
        let _ = write!(
            svg,
            r#"{mark}<text x="{:.1}" y="{ly:.1}" class="legend">{}</text>"#,
            lx + 22.0,
            escape(name)
        );
    }
    (svg, frame)
}

/// A line chart over the exercise's days. `percent` formats the y axis as shares (0..1).
pub fn line_chart(
    title: &str,
    duration_minutes: f64,
    series: &[Series],
    y_label: &str,
    percent: bool,
    lang: crate::i18n::Language,
) -> String {
    let data_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0f64, f64::max);
    let legend: Vec<(&str, Key)> = series
        .iter()
        .map(|s| {
            let key = Key::Line {
                color: s.color,
                dashed: s.dashed,
            };
            (s.name.as_str(), key)
        })
        .collect();
    let (mut svg, frame) = open_chart(
        title,
        duration_minutes,
        &legend,
        data_max,
        y_label,
        percent,
        lang,
    );
    for s in series {
        if s.points.is_empty() {
            continue;
        }
        let dash = if s.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<polyline fill="none" stroke="{}" stroke-width="2"{dash} points="{}"/>"#,
            s.color,
            polyline(&frame, s.points.iter().copied())
        );
    }
    svg.push_str("</svg>");
    svg
}

fn polyline(frame: &Frame, points: impl Iterator<Item = (f64, f64)>) -> String {
    points
        .map(|(t, v)| format!("{:.1},{:.1}", frame.x(t), frame.y(v)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A band of a model's runs over time (minutes since the start, 5th percentile, median, 95th
/// percentile) with the observations set against it, each marked inside or outside the band.
pub struct BandChart<'a> {
    pub title: &'a str,
    pub duration_minutes: f64,
    pub band: &'a [(f64, f64, f64, f64)],
    /// (minutes since the start, value, inside the band)
    pub observed: &'a [(f64, f64, bool)],
    /// Legend names: the band, the median, observations inside, observations outside.
    pub names: [&'a str; 4],
    pub y_label: &'a str,
    pub percent: bool,
}

const BAND_COLOR: &str = "#1f77b4";
const INSIDE_COLOR: &str = "#2ca02c";
const OUTSIDE_COLOR: &str = "#d62728";

pub fn band_chart(chart: &BandChart<'_>, lang: crate::i18n::Language) -> String {
    let data_max = chart
        .band
        .iter()
        .map(|b| b.3)
        .chain(chart.observed.iter().map(|o| o.1))
        .fold(0.0f64, f64::max);
    let [band_name, median_name, inside_name, outside_name] = chart.names;
    let legend = [
        (band_name, Key::Area(BAND_COLOR)),
        (
            median_name,
            Key::Line {
                color: BAND_COLOR,
                dashed: false,
            },
        ),
        (inside_name, Key::Dot(INSIDE_COLOR)),
        (outside_name, Key::Dot(OUTSIDE_COLOR)),
    ];
    let (mut svg, frame) = open_chart(
        chart.title,
        chart.duration_minutes,
        &legend,
        data_max,
        chart.y_label,
        chart.percent,
        lang,
    );
    if !chart.band.is_empty() {
        let upper = chart.band.iter().map(|b| (b.0, b.3));
        let lower = chart.band.iter().rev().map(|b| (b.0, b.1));
        let _ = write!(
            svg,
            r#"<polygon fill="{BAND_COLOR}" fill-opacity="0.25" stroke="none" points="{}"/><polyline fill="none" stroke="{BAND_COLOR}" stroke-width="2" points="{}"/>"#,
            polyline(&frame, upper.chain(lower)),
            polyline(&frame, chart.band.iter().map(|b| (b.0, b.2)))
        );
    }
    for &(t, v, inside) in chart.observed {
        let color = if inside { INSIDE_COLOR } else { OUTSIDE_COLOR };
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{color}" stroke="white"/>"#,
            frame.x(t),
            frame.y(v)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Width of a legend's text at 11 px: Chinese characters take about twice a Latin letter's room.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.len_utf8() >= 3 { 11.5 } else { 6.5 })
        .sum()
}
