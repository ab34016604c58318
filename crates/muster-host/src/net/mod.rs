//! Teams on their own devices: the facilitator's app hosts the exercise over HTTP and
//! WebSocket on the room's network, and each team (evaluators, the projector) joins from a
//! browser with its code.
//!
//! The core stays single and authoritative. A page sends a command as a journal line; the host
//! checks that the code's role may give it ([`permitted`]) and hands it to the app, which
//! journals and applies it exactly as a button press. What each role may see leaves the app as
//! that role's feed ([`Publisher`]), built from the core's scoped queries: scoping happens here,
//! on the host, never in the page.
//!
//! - `codes.rs` — join codes per role, revoke and reissue, the codes file.
//! - `host.rs` — the server (axum on tokio, in its own thread), connections, limits, slowing
//!   down wrong codes.
//! - `protocol.rs` — the JSON messages.
//! - `views.rs` — what each role's page shows.
//! - `pages.rs` — the page, its script and style, compiled into the binary.

pub mod codes;
pub mod host;
pub mod pages;
pub mod protocol;
pub mod views;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

pub use codes::{Codes, Role};
pub use host::{Host, Hub, Inbound};

use crate::i18n::Language;
use crate::scenario::Scenario;
use crate::scoring::Scorecard;
use crate::sim::Exercise;

/// Keeps every role's feed up to date with the exercise: new events become news for the roles
/// that may see them (each worded once), and a role's state is sent again only when it changed.
/// News and views are kept apart, so that the views (the dear part, built from a copy of the
/// exercise) never hold up a command's news.
#[derive(Default)]
pub struct Publisher {
    news: Mutex<NewsCursor>,
    /// The last state sent per role, to send only changes.
    states: Mutex<BTreeMap<Role, String>>,
}

#[derive(Default)]
struct NewsCursor {
    language: Option<Language>,
    /// Events of the exercise already made news.
    events_seen: usize,
}

impl Publisher {
    /// Brings the feeds up to date: the news, then the views (see [`Publisher::publish_views`]).
    pub fn publish(
        &self,
        host: &Hub,
        exercise: &Exercise,
        lang: Language,
        scorecards: &[Scorecard],
        red_card: Option<&crate::scoring::RedCard>,
    ) {
        self.publish_news(host, exercise, lang);
        self.publish_views(host, exercise, lang, scorecards, red_card);
    }

    /// Brings the views up to date. `scorecards` and `red_card` are the app's latest (a team's
    /// own card is on its page, red's on red's). Views are built only for roles with someone
    /// connected (news go to every role, so a team that joins late reads its whole inbox).
    pub fn publish_views(
        &self,
        host: &Hub,
        exercise: &Exercise,
        lang: Language,
        scorecards: &[Scorecard],
        red_card: Option<&crate::scoring::RedCard>,
    ) {
        let connected = host.connected();
        if connected.is_empty() {
            return;
        }
        let feed = views::feed(exercise, lang);
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        for role in connected.keys() {
            let view = match role {
                Role::Team(team) => {
                    let card = scorecards
                        .iter()
                        .find(|c| c.team.as_deref() == Some(team.as_str()));
                    views::team(exercise, lang, team, card, red_card, &feed)
                }
                Role::Evaluator => views::evaluator(exercise, lang),
                Role::Projector => views::projector(exercise, lang, &feed),
            }
            .to_string();
            if states.get(role) != Some(&view) || host.lacks_state(role) {
                host.set_state(role, &view);
                states.insert(role.clone(), view);
            }
        }
    }

    /// Before the exercise starts: every connected role's page shows its briefing (a language
    /// chosen meanwhile reaches the pages too).
    pub fn publish_briefing(&self, host: &Hub, scenario: &Scenario, lang: Language) {
        self.follow_language(host, lang);
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        for role in host.connected().keys() {
            let view = views::briefing(scenario, lang, role).to_string();
            if states.get(role) != Some(&view) || host.lacks_state(role) {
                host.set_state(role, &view);
                states.insert(role.clone(), view);
            }
        }
    }

    /// Another language: every page takes its new words and starts its news again.
    fn follow_language(&self, host: &Hub, lang: Language) {
        let mut news = self.news.lock().unwrap_or_else(PoisonError::into_inner);
        if news.language != Some(lang) {
            restart(&mut news, host, lang);
        }
    }

    /// Brings only the news up to date: what a command's events need at once (each role's
    /// whole view is the dearer part, and follows with the next [`Publisher::publish_views`]).
    pub fn publish_news(&self, host: &Hub, exercise: &Exercise, lang: Language) {
        let roles: Vec<Role> = host
            .codes()
            .passes()
            .iter()
            .map(|p| p.role.clone())
            .collect();
        let events = exercise.events();
        let mut news = self.news.lock().unwrap_or_else(PoisonError::into_inner);
        if news.language != Some(lang) || events.len() < news.events_seen {
            // Another language, or another exercise.
            restart(&mut news, host, lang);
        }
        let fresh = &events[news.events_seen..];
        news.events_seen = events.len();
        // Each event worded once, then handed to the roles that may see it.
        let worded: Vec<(&crate::sim::Event, Arc<str>)> = fresh
            .iter()
            .filter_map(|event| Some((event, views::news_item(exercise, lang, event)?.into())))
            .collect();
        for role in &roles {
            let items: Vec<Arc<str>> = worded
                .iter()
                .filter(|(event, _)| match role {
                    Role::Team(team) => event.audience.includes(team),
                    // Evaluators sit with the control cell: they read everything.
                    Role::Evaluator => true,
                    Role::Projector => event.audience == crate::sim::Audience::Everyone,
                })
                .map(|(_, item)| item.clone())
                .collect();
            host.add_news(role, items);
        }
    }
}

/// Every page starts its news again, in `lang` (and its state: `lacks_state` then has the views
/// sent again).
fn restart(news: &mut NewsCursor, host: &Hub, lang: Language) {
    news.language = Some(lang);
    news.events_seen = 0;
    host.set_language(lang);
    for pass in host.codes().passes() {
        host.restart_news(&pass.role);
    }
}
