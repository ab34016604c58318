//! The page every role opens, its script and its style: plain files under `assets/web/`,
//! compiled into the binary (no build step, nothing fetched from elsewhere).

use crate::i18n::Language;
use crate::tr;

pub const SCRIPT: &str = include_str!("../../../../assets/web/muster.js");
pub const STYLE: &str = include_str!("../../../../assets/web/muster.css");
const PAGE: &str = include_str!("../../../../assets/web/index.html");

/// The join page in the exercise's language; the rest of its words come with the `welcome`.
pub fn page(lang: Language) -> String {
    let html_lang = match lang {
        Language::En => "en",
        Language::Zh => "zh-CN",
    };
    PAGE.replace("{{lang}}", html_lang)
        .replace("{{title}}", &escape(&tr!(lang, "web-title")))
        .replace("{{join-prompt}}", &escape(&tr!(lang, "web-join-prompt")))
        .replace("{{join}}", &escape(&tr!(lang, "web-join")))
}

/// Text safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_join_page_speaks_the_exercises_language_and_leaves_no_placeholder() {
        for lang in Language::ALL {
            let page = page(lang);
            assert!(!page.contains("{{"), "{page}");
            assert!(page.contains(&escape(&tr!(lang, "web-join-prompt"))));
        }
        assert!(page(Language::Zh).contains(r#"<html lang="zh-CN">"#));
    }
}
