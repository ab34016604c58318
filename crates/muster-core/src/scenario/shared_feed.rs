//! The feed's shared accounts and templates, one set per language, compiled into the binary.

use super::{Feed, check_document};
use crate::i18n::Language;

/// The shared feed of a language, as compiled into the binary.
pub fn shared_feed(lang: Language) -> Feed {
    let (file, text) = match lang {
        Language::En => (
            "assets/feed/en.ron",
            include_str!("../../../../assets/feed/en.ron"),
        ),
        Language::Zh => (
            "assets/feed/zh-CN.ron",
            include_str!("../../../../assets/feed/zh-CN.ron"),
        ),
    };
    // Checked by `the_shared_feeds_read_and_post_in_both_languages`.
    check_document(file, text, "Feed", |_: &Feed, _| Vec::new())
        .0
        .unwrap_or_default()
}
