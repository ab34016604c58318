//! Numbers, exercise time and durations as each language writes them: `12,500` and
//! `1.25万`, `D2 10:30` and `第2天 10:30`, `1d2h` and `1天2小时`.

use super::Language;

const WAN: f64 = 10_000.0;
const YI: f64 = 100_000_000.0;

/// A count of people, units or items, rounded to a whole number. Chinese counts from ten
/// thousand up in 万 and 亿 (as a Chinese report writes 1.25万人), to two decimals at most.
pub fn count(language: Language, value: f64) -> String {
    let whole = value.max(0.0).round();
    match language {
        Language::Zh if whole >= YI => format!("{}亿", decimals(whole / YI)),
        Language::Zh if whole >= WAN => format!("{}万", decimals(whole / WAN)),
        _ => group_digits(whole as u64),
    }
}

/// An amount of money in yuan: `¥171 million`, `¥1.65 bn`, `¥12,500`; `1.71亿元`, `1.25万元`.
pub fn yuan(language: Language, value: f64) -> String {
    let whole = value.max(0.0).round();
    match language {
        Language::Zh => format!("{}元", count(language, whole)),
        Language::En if whole >= 1e9 => format!("¥{} bn", decimals(whole / 1e9)),
        Language::En if whole >= 1e6 => format!("¥{} million", decimals_below(whole / 1e6)),
        Language::En => format!("¥{}", group_digits(whole as u64)),
    }
}

/// Millions to three significant digits at most: `171`, `15.2`, `1.65`.
fn decimals_below(value: f64) -> String {
    if value >= 100.0 {
        format!("{}", value.round())
    } else if value >= 10.0 {
        decimals((value * 10.0).round() / 10.0)
    } else {
        decimals(value)
    }
}

/// A share between 0 and 1 as a percentage: `42%`.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// Exercise time: day of the exercise and time of day (`D2 09:30`, `第2天 09:30`).
pub fn clock(language: Language, day: u32, minute_of_day: u32) -> String {
    let (hours, minutes) = (minute_of_day / 60, minute_of_day % 60);
    match language {
        Language::En => format!("D{day} {hours:02}:{minutes:02}"),
        Language::Zh => format!("第{day}天 {hours:02}:{minutes:02}"),
    }
}

/// A length of time in days, hours and minutes (`1d2h`, `1天2小时`; `0m`, `0分钟`).
pub fn duration(language: Language, minutes: u32) -> String {
    let (days, rest) = (minutes / (24 * 60), minutes % (24 * 60));
    let (hours, minutes) = (rest / 60, rest % 60);
    let [day, hour, minute] = match language {
        Language::En => ["d", "h", "m"],
        Language::Zh => ["天", "小时", "分钟"],
    };
    let mut out = String::new();
    if days > 0 {
        out.push_str(&format!("{days}{day}"));
    }
    if hours > 0 {
        out.push_str(&format!("{hours}{hour}"));
    }
    if minutes > 0 || out.is_empty() {
        // 1天2小时30分 reads better than 30分钟 after another unit.
        let minute = if out.is_empty() || language == Language::En {
            minute
        } else {
            "分"
        };
        out.push_str(&format!("{minutes}{minute}"));
    }
    out
}

fn decimals(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1234567` → `1,234,567`.
pub(crate) fn group_digits(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally_in_each_language() {
        assert_eq!(count(Language::En, 12_500.0), "12,500");
        assert_eq!(count(Language::En, 999.6), "1,000");
        assert_eq!(count(Language::En, -3.0), "0");
        assert_eq!(count(Language::Zh, 9_999.0), "9,999");
        assert_eq!(count(Language::Zh, 12_500.0), "1.25万");
        assert_eq!(count(Language::Zh, 150_000.0), "15万");
        assert_eq!(count(Language::Zh, 20_000_000.0), "2000万");
        assert_eq!(count(Language::Zh, 130_000_000.0), "1.3亿");
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(100), "100");
    }

    #[test]
    fn money_reads_with_its_currency() {
        assert_eq!(yuan(Language::En, 170_500_000.0), "¥171 million");
        assert_eq!(yuan(Language::En, 15_230_000.0), "¥15.2 million");
        assert_eq!(yuan(Language::En, 1_650_000_000.0), "¥1.65 bn");
        assert_eq!(yuan(Language::En, 12_500.0), "¥12,500");
        assert_eq!(yuan(Language::Zh, 170_500_000.0), "1.71亿元");
        assert_eq!(yuan(Language::Zh, 12_500.0), "1.25万元");
        assert_eq!(yuan(Language::Zh, 800.0), "800元");
    }

    #[test]
    fn time_reads_naturally_in_each_language() {
        assert_eq!(clock(Language::En, 2, 10 * 60 + 30), "D2 10:30");
        assert_eq!(clock(Language::Zh, 2, 10 * 60 + 30), "第2天 10:30");
        assert_eq!(duration(Language::En, 26 * 60), "1d2h");
        assert_eq!(duration(Language::En, 0), "0m");
        assert_eq!(duration(Language::En, 90), "1h30m");
        assert_eq!(duration(Language::Zh, 26 * 60), "1天2小时");
        assert_eq!(duration(Language::Zh, 26 * 60 + 30), "1天2小时30分");
        assert_eq!(duration(Language::Zh, 45), "45分钟");
        assert_eq!(percent(0.416), "42%");
    }
}
