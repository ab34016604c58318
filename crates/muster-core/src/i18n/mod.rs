//! The interface's words in English and Simplified Chinese.
//!
//! The message tables live in `assets/i18n/<language>/<area>.ftl` (Fluent syntax: arguments,
//! plurals) and are compiled into the binary. The language is an argument of every lookup, so
//! the app can switch while an exercise runs and a report can be written in either language from
//! the same journal. A scenario's own text (titles, inject messages, names) is never translated:
//! it stays as its author wrote it.
//!
//! `tr!(lang, "key")` and `tr!(lang, "key", name = value, …)` look a message up; the test
//! `every_key_is_in_both_languages_and_used` checks the tables against the code.

mod message;
mod numbers;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

pub use message::{Arg, Message, serialize_english};
pub use numbers::{clock, count, duration, percent, yuan};

/// A language the interface speaks and a scenario's texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Language {
    En,
    Zh,
}

static_loader! {
    static TABLES = {
        locales: "../../assets/i18n",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode direction marks meant for right-to-left scripts;
        // neither of our languages needs them, and egui would draw them as boxes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ENGLISH: LanguageIdentifier = langid!("en");
static CHINESE: LanguageIdentifier = langid!("zh-CN");

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Zh];

    fn identifier(self) -> &'static LanguageIdentifier {
        match self {
            Language::En => &ENGLISH,
            Language::Zh => &CHINESE,
        }
    }

    /// The short code used on the command line and in files: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }

    /// The language's own name, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Zh => "中文",
        }
    }

    /// `en`, `zh`, or a locale such as `zh_CN.UTF-8`, `zh-Hans`, `en-GB`.
    pub fn from_code(code: &str) -> Option<Language> {
        let language = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Language::En),
            "zh" => Some(Language::Zh),
            _ => None,
        }
    }

    /// The language of the system's locale, from the variables POSIX reads for messages, in its
    /// order of precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`); None for a locale we have no table
    /// for, such as `C`.
    pub fn of_system() -> Option<Language> {
        Self::of_locale_variables(|name| std::env::var(name).ok())
    }

    fn of_locale_variables(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Language::from_code(&value))
    }

    /// The language to show when none was asked for: the scenario's, else the system's, else
    /// English.
    pub fn default_for(scenario: Option<Language>) -> Language {
        scenario
            .or_else(Language::of_system)
            .unwrap_or(Language::En)
    }
}

/// A message in a language.
pub fn text(language: Language, key: &str) -> String {
    TABLES.lookup(language.identifier(), key)
}

/// A message in a language, with its arguments (named in the code, or at run time by a
/// `Message`).
pub fn text_with(language: Language, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| (Cow::Owned(name.to_string()), value.clone()))
        .collect();
    TABLES.lookup_with_args(language.identifier(), key, &args)
}

/// An argument of a message: text as it is, a number for plurals (`{ $n -> [one] … }`).
pub fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

/// `tr!(lang, "key")`, `tr!(lang, "key", name = value, …)`: a message of the tables.
#[macro_export]
macro_rules! tr {
    ($language:expr, $key:literal) => {
        $crate::i18n::text($language, $key)
    };
    ($language:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text_with(
            $language,
            $key,
            &[$((stringify!($name), $crate::i18n::arg($value))),+],
        )
    };
}

#[cfg(test)]
mod tests;
