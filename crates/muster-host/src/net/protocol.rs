//! The messages between the host and a browser page: JSON text frames.
//!
//! From the page: `{"type":"join","code":"ABCD-EFGH"}`, then
//! `{"type":"command","ref":7,"command":{"Dispatch":{"team":"health","unit":"epi-1","to":"hexi"}}}`
//! (a command as serde writes it: the desk's options carry theirs ready to send). A command
//! written as a string is read as a journal line writes it, for clients written before.
//! From the host: `welcome` (the role and the page's words), `state` (the role's view, whole),
//! `news` (items to add; `reset`: drop what was shown), `result` (a command's answer, by its
//! `ref`), `error` (a message that was not understood), `denied` (a wrong code), `revoked`.

use serde::Deserialize;
use serde_json::json;

use super::codes::Role;
use crate::i18n::{Language, Message};
use crate::msg;
use crate::sim::Command;

/// What a page may send.
#[derive(Debug, PartialEq)]
pub enum ClientMessage {
    Join {
        code: String,
    },
    /// A command, or why it could not be read (answered by its reference).
    Command {
        reference: u64,
        command: Result<Box<Command>, Message>,
    },
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum Wire {
    Join {
        code: String,
    },
    Command {
        #[serde(rename = "ref")]
        reference: u64,
        command: serde_json::Value,
    },
}

/// Reads a page's message; what is wrong is said in the page's terms.
pub fn parse(text: &str) -> Result<ClientMessage, Message> {
    match serde_json::from_str::<Wire>(text) {
        Ok(Wire::Join { code }) => Ok(ClientMessage::Join { code }),
        Ok(Wire::Command { reference, command }) => Ok(ClientMessage::Command {
            reference,
            command: match &command {
                serde_json::Value::String(line) => {
                    crate::journal::decode_command(line).map_err(|d| d.message)
                }
                typed => crate::sim::command::command_from_json(typed),
            }
            .map(Box::new),
        }),
        Err(e) => Err(msg!("web-error-not-understood", error = e.to_string())),
    }
}

/// The page's words, in the exercise's language.
pub const PAGE_WORDS: &[&str] = &[
    "web-title",
    "web-join-prompt",
    "web-join",
    "web-connecting",
    "web-reconnecting",
    "web-connected",
    "web-inbox",
    "web-decisions",
    "web-deadline",
    "web-why",
    "web-reports-owed",
    "web-file-report",
    "web-report-text",
    "web-report-figures",
    "figure-found",
    "figure-deaths",
    "figure-in-hospital",
    "web-requests",
    "web-accept",
    "web-decline",
    "web-units",
    "web-dispatch",
    "web-recall",
    "web-to",
    "web-actions",
    "web-take",
    "web-measures",
    "web-order",
    "web-zone",
    "web-cohort",
    "web-testing-rounds",
    "web-test-method",
    "web-samples-a-tube",
    "web-start-round",
    "web-share",
    "web-share-with",
    "web-statement",
    "web-city-wide",
    "web-request-aid",
    "web-send",
    "web-scorecard",
    "web-map",
    "web-observe",
    "web-objective",
    "web-team",
    "web-rate",
    "web-observations",
    "web-public",
    "web-nothing-yet",
    "web-done",
    "web-activate",
    "web-work",
    "web-a-shift",
    "web-evaluator",
    "web-your-name",
    "web-record",
    "web-deliver",
    "web-facilities",
    "web-gatherings",
    "web-close",
    "web-open",
    "web-waiting",
    "web-feed",
    "web-answer",
    "web-answering",
    "web-cancel",
    "web-briefing",
    "web-your-agencies",
    "web-your-units",
    "web-objectives",
    "web-red",
    "web-red-place",
    "web-red-site",
    "web-red-agency",
    "web-red-text",
    "web-play",
    "web-played",
    "web-restore",
];

pub fn welcome(role: &Role, lang: Language) -> String {
    let words: serde_json::Map<String, serde_json::Value> = PAGE_WORDS
        .iter()
        .map(|key| (key.to_string(), crate::i18n::text(lang, key).into()))
        .collect();
    let (kind, team) = match role {
        Role::Team(team) => ("team", Some(team.as_str())),
        Role::Evaluator => ("evaluator", None),
        Role::Projector => ("projector", None),
    };
    json!({"type": "welcome", "role": kind, "team": team, "lang": lang.code(), "words": words})
        .to_string()
}

/// A role's view as the `state` message (the view is already JSON).
pub fn state(view: &str) -> String {
    format!(r#"{{"type":"state","view":{view}}}"#)
}

pub fn news(reset: bool, items: &[std::sync::Arc<str>]) -> String {
    let mut text = format!(r#"{{"type":"news","reset":{reset},"items":["#);
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            text.push(',');
        }
        text.push_str(item);
    }
    text.push_str("]}");
    text
}

pub fn result(reference: u64, outcome: Result<(), String>) -> String {
    match outcome {
        Ok(()) => json!({"type": "result", "ref": reference, "ok": true}),
        Err(error) => json!({"type": "result", "ref": reference, "ok": false, "error": error}),
    }
    .to_string()
}

pub fn error(reference: Option<u64>, error: &str) -> String {
    json!({"type": "error", "ref": reference, "error": error}).to_string()
}

pub fn denied(error: &str) -> String {
    json!({"type": "denied", "error": error}).to_string()
}

pub fn revoked(error: &str) -> String {
    json!({"type": "revoked", "error": error}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_message_is_read_or_explained() {
        assert_eq!(
            parse(r#"{"type":"join","code":"ab"}"#).unwrap(),
            ClientMessage::Join { code: "ab".into() }
        );
        let activate = crate::journal::decode_command(r#"Activate(team: "a")"#).unwrap();
        for typed_or_line in [
            r#"{"type":"command","ref":3,"command":{"Activate":{"team":"a"}}}"#,
            r#"{"type":"command","ref":3,"command":"Activate(team: \"a\")"}"#,
        ] {
            assert_eq!(
                parse(typed_or_line).unwrap(),
                ClientMessage::Command {
                    reference: 3,
                    command: Ok(Box::new(activate.clone()))
                }
            );
        }
        let ClientMessage::Command { command, .. } =
            parse(r#"{"type":"command","ref":4,"command":{"Activate":{"tema":"a"}}}"#).unwrap()
        else {
            panic!("a command message")
        };
        assert!(command.unwrap_err().to_string().contains("tema"));
        for bad in [
            "",
            "{",
            "[]",
            r#"{"type":"fly"}"#,
            r#"{"type":"command","command":"x"}"#,
            r#"{"type":"join","code":"a","admin":true}"#,
        ] {
            let problem = parse(bad).unwrap_err();
            assert_eq!(problem.key, "web-error-not-understood", "{bad}");
        }
    }

    #[test]
    fn news_items_are_joined_as_one_json_message() {
        let items: Vec<std::sync::Arc<str>> = vec![r#"{"a":1}"#.into(), r#"{"b":2}"#.into()];
        let text = news(true, &items);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["reset"], true);
        assert_eq!(value["items"][1]["b"], 2);
        let value: serde_json::Value = serde_json::from_str(&news(false, &[])).unwrap();
        assert_eq!(value["items"].as_array().unwrap().len(), 0);
    }
}
