//! The translation machinery itself; the tables against the code of the whole workspace are
//! checked in the `muster` crate (`src/i18n_tests.rs`).

use super::*;

#[test]
fn a_message_has_its_arguments_filled_in_and_no_direction_marks() {
    assert_eq!(tr!(Language::En, "report-events", count = 1), "1 event");
    assert_eq!(tr!(Language::En, "report-events", count = 3), "3 events");
    let text = tr!(Language::Zh, "report-events", count = 3);
    assert_eq!(text, "3 个事件");
    assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
}

#[test]
fn the_language_comes_from_the_scenario_then_the_system() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Language::of_locale_variables(vars(&[("LANG", "zh_CN.UTF-8")])),
        Some(Language::Zh)
    );
    assert_eq!(
        Language::of_locale_variables(vars(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB")])),
        Some(Language::En),
        "LC_ALL wins"
    );
    assert_eq!(
        Language::of_locale_variables(vars(&[("LANG", "en_US"), ("LC_ALL", "")])),
        Some(Language::En),
        "an empty variable is skipped"
    );
    assert_eq!(Language::of_locale_variables(vars(&[("LANG", "C")])), None);
    assert_eq!(Language::from_code("zh-Hans"), Some(Language::Zh));
    assert_eq!(Language::from_code("EN"), Some(Language::En));
    assert_eq!(Language::from_code("fr"), None);
    assert_eq!(Language::default_for(Some(Language::Zh)), Language::Zh);
}

/// A message is worded when shown: nested messages, lists and durations in the reader's
/// language, a verbatim text as it came, words made per language picked by language.
#[test]
fn a_kept_message_is_worded_in_the_language_of_its_reader() {
    let busy = crate::msg!(
        "refused-unit-busy",
        unit = "epi-1",
        status = crate::msg!("unit-status-returning", at = Arg::Duration(90))
    );
    assert_eq!(
        busy.text(Language::En),
        "unit `epi-1` is busy (returning to base, back at 1h30m); use Redirect or Recall"
    );
    assert_eq!(
        busy.text(Language::Zh),
        "队伍 `epi-1` 正在执行任务（返回驻地途中，1小时30分 到达）；请用“改派”或“召回”"
    );
    let options = crate::msg!("v-options", options = vec!["a", "b"]);
    assert_eq!(options.text(Language::En), "its options: a, b");
    assert_eq!(options.text(Language::Zh), "可选：a、b");
    let worded = crate::msg!(
        "action-not-allowed-now",
        condition = Arg::worded(|lang| lang.code().to_string())
    );
    assert_eq!(worded.text(Language::Zh), "现在不可采取：zh");
    assert_eq!(
        Message::verbatim("disk full").text(Language::Zh),
        "disk full"
    );
    // Replacing a nested message, at any depth.
    let returning = crate::msg!("unit-status-returning", at = Arg::Duration(90));
    let replaced = busy
        .replacing(&returning, &crate::msg!("unit-status-at-base"))
        .unwrap();
    assert_eq!(
        replaced.to_string(),
        "unit `epi-1` is busy (at base); use Redirect or Recall"
    );
    assert!(
        busy.replacing(&crate::msg!("unit-status-at-base"), &returning)
            .is_none()
    );
}
