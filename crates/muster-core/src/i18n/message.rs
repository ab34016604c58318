//! A message kept as its key and arguments, and worded when it is shown: the core refuses a
//! command, or the validator finds a problem, without knowing who will read it or in which
//! language; the app, the report and the command line word it in theirs.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::Language;

/// A message of the tables with its arguments, or a text that came from elsewhere as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub key: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// An argument, kept in a form each language can word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    /// An id, a name or any text of the user's: shown as it is.
    Text(String),
    /// A number; also what plurals choose by.
    Number(f64),
    /// Ids or names, joined as the language joins a list.
    List(Vec<String>),
    /// A length of time in minutes: `1d2h`, `1天2小时`.
    Duration(u32),
    /// A message inside a message, worded in the same language.
    Message(Message),
    /// Words the code makes in each language (a level, a condition), in `Language::ALL`'s order.
    Worded(Vec<String>),
}

/// The key of a text kept as it is (from a file written before messages had keys).
const VERBATIM: &str = "";

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message {
            key: Cow::Borrowed(key),
            args: Vec::new(),
        }
    }

    /// A text shown as it is, in every language.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Message {
            key: Cow::Borrowed(VERBATIM),
            args: vec![(Cow::Borrowed("text"), Arg::Text(text.into()))],
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// This message with `from` replaced by `to` wherever it is an argument, at any depth;
    /// None when `from` appears nowhere.
    pub fn replacing(&self, from: &Message, to: &Message) -> Option<Message> {
        let mut found = false;
        let args = self
            .args
            .iter()
            .map(|(name, arg)| {
                let arg = match arg {
                    Arg::Message(m) if m == from => {
                        found = true;
                        Arg::Message(to.clone())
                    }
                    Arg::Message(m) => match m.replacing(from, to) {
                        Some(m) => {
                            found = true;
                            Arg::Message(m)
                        }
                        None => arg.clone(),
                    },
                    other => other.clone(),
                };
                (name.clone(), arg)
            })
            .collect();
        found.then(|| Message {
            key: self.key.clone(),
            args,
        })
    }

    /// The message in a language.
    pub fn text(&self, language: Language) -> String {
        if self.key == VERBATIM {
            return match self.args.first() {
                Some((_, Arg::Text(text))) => text.clone(),
                _ => String::new(),
            };
        }
        let worded: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, arg)| (name.as_ref(), arg.value(language)))
            .collect();
        super::text_with(language, &self.key, &worded)
    }
}

impl Arg {
    /// Words made in every language by `words`.
    pub fn worded(words: impl Fn(Language) -> String) -> Arg {
        Arg::Worded(Language::ALL.iter().map(|l| words(*l)).collect())
    }

    fn value(&self, language: Language) -> FluentValue<'static> {
        match self {
            Arg::Text(text) => FluentValue::from(text.clone()),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::List(items) => FluentValue::from(items.join(match language {
                Language::En => ", ",
                Language::Zh => "、",
            })),
            Arg::Duration(minutes) => FluentValue::from(super::duration(language, *minutes)),
            Arg::Message(message) => FluentValue::from(message.text(language)),
            Arg::Worded(words) => {
                let n = Language::ALL.iter().position(|l| *l == language);
                FluentValue::from(n.and_then(|n| words.get(n)).cloned().unwrap_or_default())
            }
        }
    }
}

/// English, for logs, tests and the journal's readable reason.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
    }
}

/// A text that came worded already (an operating system's error), shown as it is.
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::verbatim(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::verbatim(text)
    }
}

/// Writes a message as its English text, for JSON that scripts read as text.
pub fn serialize_english<S: serde::Serializer>(
    message: &Message,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&message.text(Language::En))
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(message)
    }
}

impl From<Vec<String>> for Arg {
    fn from(items: Vec<String>) -> Self {
        Arg::List(items)
    }
}

impl From<Vec<&str>> for Arg {
    fn from(items: Vec<&str>) -> Self {
        Arg::List(items.into_iter().map(str::to_string).collect())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        })*
    };
}
number_args!(u8, u32, u64, usize, i32, i64, f64);

/// `msg!("key")`, `msg!("key", name = value, …)`: a message to word later, in the reader's
/// language (see `tr!` for one worded at once).
#[macro_export]
macro_rules! msg {
    ($key:literal) => {
        $crate::i18n::Message::new($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Message::new($key)$(.with(stringify!($name), $value))+
    };
}
