//! What a team's desk says: each event as news, where a unit is, a planned gathering. The one
//! wording for the app's team desk and the teams' browser pages.

use crate::i18n::Language;
use crate::sim::EventKind;
use crate::tr;

/// How a piece of news reads: the colour the desk and the pages give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    /// Something happened that the team should read: an inject, a message, a request.
    News,
    /// Something the team asked for came through.
    Good,
    /// Something went wrong or is late.
    Alert,
    /// Bookkeeping: units moving, reports falling due.
    Routine,
}

/// An event as a team's inbox words it, in the reader's language; none for events the inbox
/// leaves out. `clock` writes an exercise minute as the exercise's clock reads.
pub fn describe(
    kind: &EventKind,
    lang: Language,
    clock: &dyn Fn(u32) -> String,
) -> Option<(Tone, String)> {
    let list = |items: &[String]| items.join(&tr!(lang, "list-comma"));
    let note = |note: &str| {
        if note.is_empty() {
            String::new()
        } else {
            tr!(lang, "inbox-note", note = note)
        }
    };
    Some(match kind {
        EventKind::InjectFired {
            title,
            channel,
            from,
            message,
            ..
        } => {
            let heading = if from.is_empty() {
                title.clone()
            } else {
                tr!(
                    lang,
                    "inbox-from",
                    title = title.as_str(),
                    from = from.as_str()
                )
            };
            (
                Tone::News,
                format!("[{}] {heading}\n{message}", channel.words(lang)),
            )
        }
        EventKind::Shared { team, text, .. } => (
            Tone::News,
            tr!(
                lang,
                "inbox-shared",
                team = team.as_str(),
                text = text.as_str()
            ),
        ),
        EventKind::AidRequested {
            request,
            from_team,
            to_team,
            units,
            supply,
            quantity,
            text,
        } => {
            let mut what = Vec::new();
            if !units.is_empty() {
                what.push(tr!(lang, "console-request-units", units = list(units)));
            }
            if let Some(supply) = supply {
                what.push(format!(
                    "{} {supply}",
                    crate::i18n::count(lang, *quantity as f64)
                ));
            }
            if what.is_empty() {
                what.push(tr!(lang, "console-request-help"));
            }
            (
                Tone::News,
                tr!(
                    lang,
                    "inbox-aid-requested",
                    request = *request,
                    from = from_team.as_str(),
                    to = to_team.as_str(),
                    what = list(&what),
                    text = text.as_str()
                ),
            )
        }
        EventKind::AidAnswered {
            request,
            team,
            accepted,
            text,
            note: answer_note,
        } => (
            Tone::Good,
            if *accepted {
                tr!(
                    lang,
                    "inbox-aid-accepted",
                    request = *request,
                    team = team.as_str(),
                    note = note(&answer_note.text(lang)),
                    text = text.as_str()
                )
            } else {
                tr!(
                    lang,
                    "inbox-aid-declined",
                    request = *request,
                    team = team.as_str(),
                    note = note(&answer_note.text(lang)),
                    text = text.as_str()
                )
            },
        ),
        EventKind::AidUnanswered { request, .. } => (
            Tone::Alert,
            tr!(lang, "inbox-aid-unanswered", request = *request),
        ),
        EventKind::ReportDue { rule, from, to, .. } => (
            Tone::Routine,
            tr!(
                lang,
                "inbox-report-due",
                rule = rule.as_str(),
                from = from.as_str(),
                to = to.as_str()
            ),
        ),
        EventKind::ReportOverdue { rule, .. } => (
            Tone::Alert,
            tr!(lang, "inbox-report-overdue", rule = rule.as_str()),
        ),
        EventKind::ReportFiled {
            from,
            to,
            untrue: Some(untrue),
            ..
        } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-report-filed-untrue",
                from = from.as_str(),
                to = to.as_str(),
                falsehood = untrue.words(lang)
            ),
        ),
        EventKind::ReportFiled {
            from, to, on_time, ..
        } => (
            Tone::Good,
            if *on_time {
                tr!(
                    lang,
                    "inbox-report-filed",
                    from = from.as_str(),
                    to = to.as_str()
                )
            } else {
                tr!(
                    lang,
                    "inbox-report-filed-late",
                    from = from.as_str(),
                    to = to.as_str()
                )
            },
        ),
        EventKind::UnitDispatched { unit, to, .. } => (
            Tone::Routine,
            tr!(
                lang,
                "inbox-unit-dispatched",
                unit = unit.as_str(),
                place = to.as_str()
            ),
        ),
        EventKind::UnitArrived { unit, at_place } => (
            Tone::Routine,
            tr!(
                lang,
                "inbox-unit-arrived",
                unit = unit.as_str(),
                place = at_place.as_str()
            ),
        ),
        EventKind::UnitFinished { unit, at_place } => (
            Tone::Routine,
            tr!(
                lang,
                "inbox-unit-finished",
                unit = unit.as_str(),
                place = at_place.as_str()
            ),
        ),
        EventKind::UnitReturned { unit } => (
            Tone::Routine,
            tr!(lang, "inbox-unit-returned", unit = unit.as_str()),
        ),
        EventKind::UnitIdle { unit, reason } => {
            (Tone::Alert, format!("{unit}: {}", reason.text(lang)))
        }
        EventKind::Delivered {
            unit,
            supply,
            quantity,
            to,
        } => (
            Tone::Good,
            tr!(
                lang,
                "inbox-delivered",
                unit = unit.as_str(),
                quantity = crate::i18n::count(lang, *quantity as f64),
                supply = supply.as_str(),
                place = to.as_str()
            ),
        ),
        EventKind::MeasureOrdered {
            team,
            district,
            level,
        } => (
            Tone::News,
            tr!(
                lang,
                "inbox-measure",
                team = team.as_str(),
                district = district.as_str(),
                level = level.words(lang)
            ),
        ),
        EventKind::Statement { team, text, .. } => (
            Tone::News,
            tr!(
                lang,
                "inbox-statement",
                team = team.as_str(),
                text = text.as_str()
            ),
        ),
        EventKind::Activated { team } => (
            Tone::News,
            tr!(lang, "inbox-activated", team = team.as_str()),
        ),
        EventKind::StockOut { facility, supply } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-stock-out",
                facility = facility.as_str(),
                supply = supply.as_str()
            ),
        ),
        EventKind::HospitalOverflow { waiting, beds } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-hospitals-full",
                waiting = crate::i18n::count(lang, *waiting as f64),
                beds = beds.text(lang)
            ),
        ),
        EventKind::NoQuarantineRoom { district, waiting } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-no-quarantine-room",
                waiting = crate::i18n::count(lang, *waiting as f64),
                district = district.as_str()
            ),
        ),
        EventKind::SitesNearlyFull { occupied, rooms } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-sites-nearly-full",
                occupied = crate::i18n::count(lang, *occupied as f64),
                rooms = crate::i18n::count(lang, *rooms as f64)
            ),
        ),
        EventKind::GatheringStarted {
            name,
            place,
            attendees,
            with_measures,
            ..
        } => (
            Tone::News,
            if *with_measures {
                tr!(
                    lang,
                    "inbox-gathering-started-with-measures",
                    name = name.as_str(),
                    place = place.as_str(),
                    attendees = crate::i18n::count(lang, *attendees as f64)
                )
            } else {
                tr!(
                    lang,
                    "inbox-gathering-started",
                    name = name.as_str(),
                    place = place.as_str(),
                    attendees = crate::i18n::count(lang, *attendees as f64)
                )
            },
        ),
        EventKind::GatheringDecided {
            name,
            team,
            decision,
            ..
        } => (
            Tone::News,
            tr!(
                lang,
                "inbox-gathering-decided",
                team = team.as_str(),
                name = name.as_str(),
                decision = decision.words(lang)
            ),
        ),
        EventKind::TrustAlert { district, trust } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-trust",
                district = district.as_str(),
                trust = crate::i18n::percent(*trust)
            ),
        ),
        EventKind::Deaths { district, count } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-deaths",
                count = *count,
                district = district.as_str()
            ),
        ),
        EventKind::Notice { text } => (Tone::Routine, text.text(lang)),
        EventKind::DecisionOpened { question, due, .. } => (
            Tone::News,
            tr!(
                lang,
                "inbox-decision-opened",
                question = question.as_str(),
                time = clock(*due)
            ),
        ),
        EventKind::DecisionAnswered {
            team, label, text, ..
        } => (
            Tone::Good,
            if text.is_empty() {
                tr!(
                    lang,
                    "inbox-decision-answered",
                    team = team.as_str(),
                    option = label.as_str()
                )
            } else {
                tr!(
                    lang,
                    "inbox-decision-answered-why",
                    team = team.as_str(),
                    option = label.as_str(),
                    why = text.as_str()
                )
            },
        ),
        EventKind::DecisionSettled {
            question,
            label,
            how,
            ..
        } => (
            Tone::News,
            tr!(
                lang,
                "inbox-decision-settled",
                question = question.as_str(),
                option = label.as_str(),
                how = how.words(lang)
            ),
        ),
        EventKind::ActionTaken { name, team, .. } => (Tone::News, format!("{team}: {name}")),
        EventKind::RedPlayed {
            name,
            target_name,
            cost,
            ..
        } => (
            Tone::News,
            tr!(
                lang,
                "inbox-red-played",
                tactic = name.as_str(),
                target = target_name
                    .clone()
                    .unwrap_or_else(|| tr!(lang, "red-target-city")),
                cost = crate::i18n::count(lang, *cost)
            ),
        ),
        EventKind::RedSign {
            sign,
            place,
            detail,
        } => {
            let place = place
                .clone()
                .unwrap_or_else(|| tr!(lang, "effect-the-city"));
            let (place, detail) = (place.as_str(), detail.as_str());
            let text = match sign {
                crate::sim::RedSign::Rumour if detail.is_empty() => {
                    tr!(lang, "inbox-red-rumour-plain", place = place)
                }
                crate::sim::RedSign::Rumour => {
                    tr!(lang, "inbox-red-rumour", place = place, detail = detail)
                }
                crate::sim::RedSign::PanicBuying => {
                    tr!(lang, "inbox-red-panic-buying", place = place)
                }
                crate::sim::RedSign::Crowd => {
                    tr!(lang, "inbox-red-crowd", place = place, detail = detail)
                }
                crate::sim::RedSign::Fraud => tr!(lang, "inbox-red-fraud", place = place),
            };
            (Tone::Alert, text)
        }
        EventKind::CasesUncovered {
            district,
            cases,
            by,
        } => (
            Tone::Alert,
            match by {
                crate::sim::UncoveredBy::Audit => tr!(
                    lang,
                    "inbox-uncovered-by-audit",
                    district = district.as_str(),
                    cases = *cases
                ),
                crate::sim::UncoveredBy::CrossCheck => tr!(
                    lang,
                    "inbox-uncovered-by-cross-check",
                    district = district.as_str(),
                    cases = *cases
                ),
            },
        ),
        EventKind::ChannelDown { agency, until } => (
            Tone::Alert,
            tr!(
                lang,
                "inbox-channel-down",
                agency = agency.as_str(),
                time = clock(*until)
            ),
        ),
        EventKind::ChannelRestoring { agency, team, at } => (
            Tone::Routine,
            tr!(
                lang,
                "inbox-channel-restoring",
                agency = agency.as_str(),
                team = team.as_str(),
                time = clock(*at)
            ),
        ),
        EventKind::ChannelBack { agency } => (
            Tone::Good,
            tr!(lang, "inbox-channel-back", agency = agency.as_str()),
        ),
        EventKind::ActionInEffect { name, .. } => (
            Tone::Good,
            tr!(lang, "inbox-action-in-effect", action = name.as_str()),
        ),
        EventKind::FacilityOpened { facility, by, open } => (
            Tone::News,
            if *open {
                tr!(
                    lang,
                    "inbox-facility-opened",
                    facility = facility.as_str(),
                    team = by.as_str()
                )
            } else {
                tr!(
                    lang,
                    "inbox-facility-closed",
                    facility = facility.as_str(),
                    team = by.as_str()
                )
            },
        ),
        EventKind::CapacityChanged {
            facility,
            beds,
            daily_capacity,
            ..
        } => (
            Tone::Good,
            tr!(
                lang,
                "inbox-capacity",
                facility = facility.as_str(),
                beds = crate::i18n::count(lang, *beds as f64),
                daily = crate::i18n::count(lang, *daily_capacity as f64)
            ),
        ),
        EventKind::UnitsOutOfService { units, reason, .. } => (
            Tone::Alert,
            if reason.is_empty() {
                tr!(lang, "inbox-out-of-service", units = list(units))
            } else {
                tr!(
                    lang,
                    "inbox-out-of-service-why",
                    units = list(units),
                    why = reason.as_str()
                )
            },
        ),
        EventKind::UnitsBackInService { units } => (
            Tone::Good,
            tr!(lang, "inbox-back-in-service", units = list(units)),
        ),
        EventKind::AgencyMessage {
            from,
            channel,
            text,
            ..
        } => (
            Tone::News,
            format!("[{}] {from}: {text}", channel.words(lang)),
        ),
        _ => return None,
    })
}

/// Where a unit is and until when; `clock` writes an exercise minute as the exercise's clock reads.
pub fn unit_status(
    exercise: &crate::sim::Exercise,
    lang: Language,
    status: &crate::sim::UnitStatus,
    clock: &dyn Fn(u32) -> String,
) -> String {
    use crate::sim::UnitStatus;
    match status {
        UnitStatus::AtBase => tr!(lang, "unit-status-at-base"),
        UnitStatus::Travelling { to, arrive, .. } => tr!(
            lang,
            "unit-status-travelling",
            place = exercise.place_name(*to),
            at = clock(*arrive)
        ),
        UnitStatus::Working { place, until, .. } => tr!(
            lang,
            "unit-status-working",
            place = exercise.place_name(*place),
            until = clock(*until)
        ),
        UnitStatus::Returning { arrive, .. } => {
            tr!(lang, "unit-status-returning", at = clock(*arrive))
        }
    }
}

/// A planned mass gathering: what, where, when, how many.
pub fn planned_gathering(
    exercise: &crate::sim::Exercise,
    lang: Language,
    gathering: usize,
    clock: &dyn Fn(u32) -> String,
) -> String {
    let plan = &exercise.scenario().mass_gatherings[gathering];
    let state = &exercise.gatherings()[gathering];
    let (name, place) = (plan.name.as_str(), plan.place.as_str());
    let time = clock(state.start);
    let attendees = crate::i18n::count(lang, plan.attendees as f64);
    if state.with_measures {
        tr!(
            lang,
            "team-gathering-with-measures",
            name = name,
            place = place,
            time = time,
            attendees = attendees
        )
    } else {
        tr!(
            lang,
            "team-gathering",
            name = name,
            place = place,
            time = time,
            attendees = attendees
        )
    }
}

/// A feed post as the desk and the pages show it: who posted (as the public sees them: the red
/// cell's accounts look like any unverified account), when, how many engaged, and whether a
/// team answered it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PostWords {
    pub number: u32,
    pub who: String,
    pub time: String,
    pub text: String,
    /// `negative`, `neutral`, `positive`.
    pub tone: &'static str,
    pub engaged: String,
    /// Open bad news, growing until answered.
    pub open: bool,
    /// Who answered and when, in words.
    pub answered: Option<String>,
    pub district: Option<String>,
}

pub fn post_words(
    exercise: &crate::sim::Exercise,
    post: &crate::sim::Post,
    lang: Language,
) -> PostWords {
    use crate::scenario::{AccountKind, PostTone};
    let scenario = exercise.scenario();
    let kind = match post.kind {
        AccountKind::Official => tr!(lang, "feed-official"),
        AccountKind::Press => tr!(lang, "feed-press"),
        AccountKind::Resident => tr!(lang, "feed-resident"),
        AccountKind::RumourMill | AccountKind::Red => tr!(lang, "feed-unverified"),
    };
    let clock = |m: u32| crate::scoring::clock_in(lang, scenario, m);
    PostWords {
        number: post.number,
        who: tr!(lang, "feed-who", name = post.name.as_str(), kind = kind),
        time: clock(post.at),
        text: post.text.clone(),
        tone: match post.tone {
            PostTone::Negative => "negative",
            PostTone::Neutral => "neutral",
            PostTone::Positive => "positive",
        },
        engaged: tr!(
            lang,
            "feed-engaged",
            count = crate::i18n::count(lang, exercise.engagement(post).round())
        ),
        open: post.is_open(),
        answered: post.answered.as_ref().map(|(at, team)| {
            let team = scenario
                .team(team)
                .map_or(team.as_str(), |t| t.name.as_str());
            tr!(lang, "feed-answered", team = team, time = clock(*at))
        }),
        district: post.district.clone(),
    }
}

/// The latest posts of the feed, newest first, as many as a desk shows.
pub fn latest_posts(exercise: &crate::sim::Exercise, lang: Language) -> Vec<PostWords> {
    const SHOWN: usize = 40;
    exercise
        .feed()
        .iter()
        .rev()
        .take(SHOWN)
        .map(|post| post_words(exercise, post, lang))
        .collect()
}

/// "Block 7 (5,000 residents): sealed (everyone stays home)".
pub fn zone_words(
    lang: Language,
    zone: &crate::sim::Node,
    level: Option<&crate::scenario::ZoneLevel>,
) -> String {
    let level = level.map_or_else(|| tr!(lang, "zone-no-level"), |l| l.words(lang));
    tr!(
        lang,
        "team-zone",
        zone = zone.name.as_str(),
        residents = crate::i18n::count(lang, zone.population),
        level = level
    )
}

/// "In Hexi, enhanced measures cost about ¥20.2 million a day and a closure about ¥171
/// million (¥171 per resident a day: the output lost)".
pub fn measure_costs(exercise: &crate::sim::Exercise, lang: Language, district: usize) -> String {
    use crate::scenario::ControlLevel;
    let residents = exercise.scenario().city.districts[district]
        .population
        .max(1) as f64;
    let closed = exercise.measure_cost_per_day(district, ControlLevel::Closed);
    tr!(
        lang,
        "team-measure-costs",
        district = exercise.scenario().city.districts[district].name.as_str(),
        enhanced = crate::i18n::yuan(
            lang,
            exercise.measure_cost_per_day(district, ControlLevel::Enhanced)
        ),
        closed = crate::i18n::yuan(lang, closed),
        per_resident = crate::i18n::yuan(lang, closed / residents)
    )
}

/// "Hexi: PCR, 10 samples a tube — 12,340 of 1,070,000 residents tested".
pub fn round_progress(
    exercise: &crate::sim::Exercise,
    lang: Language,
    round: &crate::sim::RoundProgress,
) -> String {
    tr!(
        lang,
        "team-round-progress",
        district = exercise.scenario().city.districts[round.district]
            .name
            .as_str(),
        method = round.method.name().text(lang),
        pool = round.pool,
        tested = crate::i18n::count(lang, round.tested),
        of = crate::i18n::count(lang, round.of)
    )
}
