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

/// A line chart over the exercise's days. `percent` formats the y axis as shares (0..1).
pub fn line_chart(
    title: &str,
    duration_minutes: f64,
    series: &[Series],
    y_label: &str,
    percent: bool,
    lang: crate::i18n::Language,
) -> String {
    let (width, left, right, bottom) = (760.0, 64.0, 16.0, 40.0);
    // Lay the legend out first: the plot starts below however many rows it takes.
    let mut legend = Vec::new();
    let (mut lx, mut row) = (left + 8.0, 0);
    for s in series {
        let w = 26.0 + text_width(&s.name);
        if lx + w > width - right && lx > left + 8.0 {
            lx = left + 8.0;
            row += 1;
        }
        legend.push((lx, 34.0 + 14.0 * f64::from(row)));
        lx += w;
    }
    let top = 44.0 + 14.0 * f64::from(row);
    let height = top + 236.0;
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let data_max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0f64, f64::max);
    let y_max = if percent {
        1.0
    } else {
        (data_max * 1.1).max(1.0)
    };
    let y_step = if percent { 0.25 } else { tick_step(y_max, 5.0) };
    let y_max = if percent {
        1.0
    } else {
        (y_max / y_step).ceil() * y_step
    };
    let days = (duration_minutes / 1440.0).max(1.0 / 24.0);
    let x = |minutes: f64| left + plot_w * (minutes / 1440.0 / days).clamp(0.0, 1.0);
    let y = |v: f64| top + plot_h * (1.0 - (v / y_max).clamp(0.0, 1.0));
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{t}"><title>{t}</title><text x="{left}" y="18" class="chart-title">{t}</text>"#,
        t = escape(title)
    );
    let mut tick = 0.0;
    while tick <= y_max + 1e-9 {
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e3e3e3"/><text x="{}" y="{:.1}" class="tick" text-anchor="end">{}</text>"##,
            left + plot_w,
            left - 6.0,
            y(tick) + 4.0,
            format_tick(tick, percent),
            y = y(tick)
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
            x = x(day * 1440.0)
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
    for s in series {
        if s.points.is_empty() {
            continue;
        }
        let path: Vec<String> = s
            .points
            .iter()
            .map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v)))
            .collect();
        let dash = if s.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<polyline fill="none" stroke="{}" stroke-width="2"{dash} points="{}"/>"#,
            s.color,
            path.join(" ")
        );
    }
    for (s, (lx, ly)) in series.iter().zip(legend) {
        let dash = if s.dashed {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let _ = write!(
            svg,
            r#"<line x1="{lx:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{}" stroke-width="2"{dash}/><text x="{:.1}" y="{ly:.1}" class="legend">{}</text>"#,
            lx + 18.0,
            ly - 4.0,
            ly - 4.0,
            s.color,
            lx + 22.0,
            escape(&s.name)
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
