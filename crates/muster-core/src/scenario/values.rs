//! The small value types of scenario files: ids, shares, durations, times of the exercise.
//!
//! Time in Muster is whole minutes since the exercise starts, never wall-clock time, so that
//! the simulation replays identically (see ARCHITECTURE.md).

use std::fmt;

use serde::{Serialize, Serializer};

use super::decode::{Decode, Decoder, HasSpan};
use super::ron_tree::{Node, NodeKind};
use crate::diagnostic::Span;
use crate::i18n::Message;
use crate::msg;

/// The id of a scenario item (a district, team, inject ...), or a reference to one.
/// Equality and order ignore where it was written.
#[derive(Debug, Clone, Default)]
pub struct Id {
    pub name: String,
    pub span: Span,
}

impl Id {
    pub fn new(name: impl Into<String>) -> Self {
        Id {
            name: name.into(),
            span: Span::default(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Id {}
impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Id {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.name.cmp(&other.name)
    }
}
impl std::hash::Hash for Id {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}
impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}
impl From<&Id> for crate::i18n::Arg {
    fn from(id: &Id) -> Self {
        crate::i18n::Arg::Text(id.name.clone())
    }
}

impl HasSpan for Id {
    fn span(&self) -> Span {
        self.span
    }
}
impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl Decode for Id {
    fn expected() -> Message {
        msg!("value-id")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let NodeKind::Str(name) = &node.kind else {
            d.expected(node, Self::expected());
            return None;
        };
        if let Some(problem) = id_problem(name) {
            d.invalid(node.span, problem);
            return None;
        }
        Some(Id {
            name: name.clone(),
            span: node.span,
        })
    }
}

/// Ids are written by hand and typed in commands, so they are kept simple: letters (any
/// script), digits, `-`, `_`, `.`, with no spaces.
fn id_problem(name: &str) -> Option<Message> {
    if name.is_empty() {
        return Some(msg!("id-empty"));
    }
    if name.chars().count() > 64 {
        return Some(msg!("id-too-long", id = name));
    }
    name.chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .map(|c| msg!("id-bad-character", id = name, character = format!("{c:?}")))
}

/// A share between 0 and 1 (a rate, a probability, a proportion of people).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize)]
#[serde(transparent)]
pub struct Fraction(pub f64);

impl Fraction {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Decode for Fraction {
    fn expected() -> Message {
        msg!("value-fraction")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let value = f64::decode(node, d)?;
        if !(0.0..=1.0).contains(&value) {
            let problem = if (1.0..=100.0).contains(&value) {
                msg!(
                    "decode-not-a-share-percent",
                    value = value.to_string(),
                    share = (value / 100.0).to_string()
                )
            } else {
                msg!("decode-not-a-share", value = value.to_string())
            };
            d.invalid(node.span, problem);
            return None;
        }
        Some(Fraction(value))
    }
}

/// A number that must be strictly positive (a speed, a number of days).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Positive(pub f64);

impl Positive {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Decode for Positive {
    fn expected() -> Message {
        msg!("value-positive")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let value = f64::decode(node, d)?;
        if value <= 0.0 {
            d.invalid(
                node.span,
                msg!("decode-not-positive", value = value.to_string()),
            );
            return None;
        }
        Some(Positive(value))
    }
}

/// A value that remembers where it was written, so a later check (one that needs a simulation,
/// say) can point at it. Equality ignores the place.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T) -> Self {
        Spanned {
            value,
            span: Span::default(),
        }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<T: Decode> Decode for Spanned<T> {
    fn expected() -> Message {
        T::expected()
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        T::decode(node, d).map(|value| Spanned {
            value,
            span: node.span,
        })
    }
}

/// A position on the scenario map, in kilometres east (x) and south (y) of its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn distance_km(self, other: Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

impl Serialize for Point {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.x, self.y).serialize(s)
    }
}

impl Decode for Point {
    fn expected() -> Message {
        msg!("value-point")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let (x, y) = <(f64, f64)>::decode(node, d)?;
        Some(Point { x, y })
    }
}

pub const MINUTES_PER_HOUR: u32 = 60;
pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// A length of time in whole minutes, written `"90m"`, `"2h30m"`, `"14d"` or `"1d 12h"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Minutes(pub u32);

impl Minutes {
    pub fn get(self) -> u32 {
        self.0
    }

    pub fn days(self) -> f64 {
        f64::from(self.0) / f64::from(MINUTES_PER_DAY)
    }
}

/// The scenario format's own notation (`1d2h30m`), which is also how English writes it.
impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::duration(crate::i18n::Language::En, self.0))
    }
}

impl Serialize for Minutes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Parses `"2h30m"`-style durations; `None` when the text is not one.
pub fn parse_duration(text: &str) -> Option<u32> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut last_unit = 0;
    for c in compact.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, scale) = match c {
            'd' => (1, MINUTES_PER_DAY),
            'h' => (2, MINUTES_PER_HOUR),
            'm' => (3, 1),
            _ => return None,
        };
        // Units must come largest first, each once: "1d2h", not "2h1d" or "1h1h".
        if number.is_empty() || rank <= last_unit {
            return None;
        }
        last_unit = rank;
        total += number.parse::<u64>().ok()? * u64::from(scale);
        number.clear();
    }
    if !number.is_empty() {
        return None;
    }
    u32::try_from(total).ok()
}

impl Decode for Minutes {
    fn expected() -> Message {
        msg!("value-duration")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let NodeKind::Str(text) = &node.kind else {
            d.expected(node, Self::expected());
            return None;
        };
        match parse_duration(text) {
            Some(minutes) => Some(Minutes(minutes)),
            None => {
                d.invalid(node.span, msg!("decode-not-a-duration", text = text));
                None
            }
        }
    }
}

/// A moment of the exercise, in minutes since it starts. Written as an offset (`"2h30m"`,
/// `"+1d4h"`) or as a day of the exercise and a clock time (`"D2 09:30"`, day 1 being the start day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ScenarioTime(pub u32);

impl ScenarioTime {
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ScenarioTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Minutes(self.0))
    }
}

impl Serialize for ScenarioTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&Minutes(self.0).to_string())
    }
}

/// Parses `"D2 09:30"` into (day, minute of day).
fn parse_day_clock(text: &str) -> Option<(u32, u32)> {
    let rest = text.trim().strip_prefix(['D', 'd'])?;
    let (day, clock) = rest.split_once(|c: char| c.is_whitespace())?;
    let day: u32 = day.parse().ok()?;
    // "D2 24:00" is the end of day 2, as an MSEL's "by 24:00" means.
    let minute = match clock.trim() {
        "24:00" => MINUTES_PER_DAY,
        clock => parse_clock(clock)?,
    };
    (day >= 1).then_some((day, minute))
}

/// `"09:30"` into minutes after midnight.
fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.len() <= 5).then_some(h * 60 + m)
}

impl Decode for ScenarioTime {
    fn expected() -> Message {
        msg!("value-time")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let NodeKind::Str(text) = &node.kind else {
            d.expected(node, Self::expected());
            return None;
        };
        if let Some(minutes) = parse_duration(text.trim().trim_start_matches('+')) {
            return Some(ScenarioTime(minutes));
        }
        if let Some((day, minute_of_day)) = parse_day_clock(text) {
            // Without a valid `meta.start` that problem is already reported; saying it again
            // at every such time would bury it.
            let start = d.start_minute_of_day?;
            let absolute = (day - 1) * MINUTES_PER_DAY + minute_of_day;
            if absolute < start {
                d.invalid(
                    node.span,
                    msg!(
                        "decode-before-start",
                        text = text,
                        start = clock_text(start)
                    ),
                );
                return None;
            }
            return Some(ScenarioTime(absolute - start));
        }
        d.invalid(node.span, msg!("decode-not-a-time", text = text));
        None
    }
}

/// A time of an exercise that started at `start`, in minutes from the start, written as a
/// commands file writes it (`95`, `1d6h`, `D2 14:00`) or on the calendar: `2022-01-11T08:00`,
/// or a date alone, `2022-01-11`, for the end of that day (a daily bulletin's count).
pub fn parse_time_after(text: &str, start: DateTime) -> Option<u32> {
    let text = text.trim();
    if let Ok(minutes) = text.parse() {
        return Some(minutes);
    }
    if let Some(minutes) = parse_duration(text.trim_start_matches('+')) {
        return Some(minutes);
    }
    if let Some((day, minute_of_day)) = parse_day_clock(text) {
        return ((day - 1) * MINUTES_PER_DAY + minute_of_day).checked_sub(start.minute_of_day);
    }
    let (date, end_of_day) = match text.split_once(['T', ' ']) {
        None => (format!("{text}T00:00"), true),
        Some((date, "24:00")) => (format!("{date}T00:00"), true),
        Some(_) => (text.to_string(), false),
    };
    let at = DateTime::parse(&date)?;
    let at = if end_of_day {
        at.plus_minutes(MINUTES_PER_DAY)
    } else {
        at
    };
    at.minutes_since(start)
}

fn clock_text(minute_of_day: u32) -> String {
    format!("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

/// A calendar date and time of day, written `"2022-01-08T08:00"` (local time of the exercise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub minute_of_day: u32,
}

impl DateTime {
    pub fn parse(text: &str) -> Option<DateTime> {
        let (date, time) = text.trim().split_once(['T', ' '])?;
        let mut parts = date.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some()
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        let time = time.trim();
        // Seconds are accepted and must be zero: scenario time has minute resolution.
        let time = time
            .strip_suffix(":00")
            .filter(|t| t.len() == 5)
            .unwrap_or(time);
        let minute_of_day = parse_clock(time)?;
        Some(DateTime {
            year,
            month,
            day,
            minute_of_day,
        })
    }

    /// Minutes from `start` to this date-time; None if it is earlier.
    pub fn minutes_since(self, start: DateTime) -> Option<u32> {
        let minute = |t: DateTime| {
            days_from_civil(t.year, t.month, t.day) * i64::from(MINUTES_PER_DAY)
                + i64::from(t.minute_of_day)
        };
        u32::try_from(minute(self) - minute(start)).ok()
    }

    /// The calendar date-time `minutes` after this one.
    pub fn plus_minutes(self, minutes: u32) -> DateTime {
        let total = u64::from(self.minute_of_day) + u64::from(minutes);
        let days = days_from_civil(self.year, self.month, self.day)
            + (total / u64::from(MINUTES_PER_DAY)) as i64;
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            minute_of_day: (total % u64::from(MINUTES_PER_DAY)) as u32,
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{}",
            self.year,
            self.month,
            self.day,
            clock_text(self.minute_of_day)
        )
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Decode for DateTime {
    fn expected() -> Message {
        msg!("value-date-time")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let NodeKind::Str(text) = &node.kind else {
            d.expected(node, Self::expected());
            return None;
        };
        match DateTime::parse(text) {
            Some(dt) => {
                // Only `meta.start` is a date-time; later `"D2 09:30"` times count from it.
                d.start_minute_of_day.get_or_insert(dt.minute_of_day);
                Some(dt)
            }
            None => {
                d.invalid(node.span, msg!("decode-not-a-date-time", text = text));
                None
            }
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90m"), Some(90));
        assert_eq!(parse_duration("2h30m"), Some(150));
        assert_eq!(parse_duration("1d 12h"), Some(2160));
        assert_eq!(parse_duration("14d"), Some(14 * 1440));
        assert_eq!(parse_duration("0m"), Some(0));
        for bad in ["", "2", "h", "2h1d", "1h1h", "2x", "-1h", "99999999999d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(Minutes(2160).to_string(), "1d12h");
        assert_eq!(Minutes(0).to_string(), "0m");
        assert_eq!(parse_duration(&Minutes(1234).to_string()), Some(1234));
    }

    #[test]
    fn day_clock_times() {
        assert_eq!(parse_day_clock("D2 09:30"), Some((2, 570)));
        assert_eq!(
            parse_day_clock("D2 24:00"),
            Some((2, 1440)),
            "the end of day 2"
        );
        assert_eq!(parse_day_clock("D2 24:01"), None);
        assert_eq!(parse_day_clock("D0 09:30"), None);
        assert_eq!(parse_day_clock("D1 25:00"), None);
    }

    #[test]
    fn dates() {
        let start = DateTime::parse("2022-01-08T08:00").unwrap();
        assert_eq!(start.minute_of_day, 480);
        assert_eq!(
            start.plus_minutes(16 * 60 + 24 * 60 * 30).to_string(),
            "2022-02-08T00:00"
        );
        assert_eq!(
            DateTime::parse("2024-02-29 23:59:00")
                .unwrap()
                .plus_minutes(1)
                .to_string(),
            "2024-03-01T00:00"
        );
        for bad in [
            "2022-02-30T08:00",
            "2022-13-01T08:00",
            "2022-01-08",
            "2022-01-08T8",
            "2022-01-08T08:00:30",
        ] {
            assert_eq!(DateTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids() {
        assert_eq!(id_problem("heping-district_2.a"), None);
        assert_eq!(id_problem("和平区"), None);
        assert!(id_problem("").is_some());
        assert!(id_problem("two words").is_some());
    }
}
