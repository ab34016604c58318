//! What each role's page shows, built from the core's scoped queries: a team's view holds only
//! what that team's desk shows (its inbox, its units, what it owes and was asked), never the
//! true epidemic or other teams' units. Every text is worded here, in the exercise's language;
//! the page only lays it out.

use serde::Serialize;
use serde_json::{Value, json};

use crate::i18n::Language;
use crate::net::Role;
use crate::scenario::Scenario;
use crate::scoring::{RedCard, Scorecard};
use crate::sim::{Event, Exercise};
use crate::views::{BriefingPage, EvaluatorDesk, Projector, TeamDesk};

fn clock(exercise: &Exercise, lang: Language, minutes: u32) -> String {
    crate::scoring::clock_in(lang, exercise.scenario(), minutes)
}

/// A team's page: its desk ([`TeamDesk`], the type the app's panel draws too) and the public
/// feed ([`feed`]), the same on every page.
pub fn team(
    exercise: &Exercise,
    lang: Language,
    team: &str,
    card: Option<&Scorecard>,
    red_card: Option<&RedCard>,
    feed: &Value,
) -> Value {
    #[derive(Serialize)]
    struct TeamPage<'a> {
        #[serde(flatten)]
        desk: TeamDesk,
        feed: &'a Value,
    }
    match TeamDesk::of(exercise, lang, team, card, red_card) {
        Some(desk) => serde_json::to_value(TeamPage { desk, feed }).unwrap_or_default(),
        None => json!({}),
    }
}

/// The room's common picture: the clock, the city, the public feed.
pub fn projector(exercise: &Exercise, lang: Language, feed: &Value) -> Value {
    #[derive(Serialize)]
    struct ProjectorPage<'a> {
        #[serde(flatten)]
        projector: Projector,
        feed: &'a Value,
    }
    let projector = Projector::of(exercise, lang);
    serde_json::to_value(ProjectorPage { projector, feed }).unwrap_or_default()
}

/// The public feed's latest posts as every page shows them (built once per publish).
pub fn feed(exercise: &Exercise, lang: Language) -> Value {
    serde_json::to_value(crate::inbox::latest_posts(exercise, lang)).unwrap_or_default()
}

/// An evaluator's tablet ([`EvaluatorDesk`]).
pub fn evaluator(exercise: &Exercise, lang: Language) -> Value {
    serde_json::to_value(EvaluatorDesk::of(exercise, lang)).unwrap_or_default()
}

/// What a role's page shows before the exercise starts ([`BriefingPage`]).
pub fn briefing(scenario: &Scenario, lang: Language, role: &Role) -> Value {
    serde_json::to_value(BriefingPage::of(scenario, lang, role)).unwrap_or_default()
}

/// One inbox item for a page; none for events the inbox leaves out.
pub fn news_item(exercise: &Exercise, lang: Language, event: &Event) -> Option<String> {
    let (tone, text) = crate::inbox::describe(&event.kind, lang, &|m| clock(exercise, lang, m))?;
    Some(
        json!({"at": event.at, "time": clock(exercise, lang, event.at), "tone": tone, "text": text})
            .to_string(),
    )
}
