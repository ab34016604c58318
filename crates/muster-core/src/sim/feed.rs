//! The public's feed: news outlets, officials, residents, rumour accounts and the red cell's
//! own accounts post about what happens in the exercise, from templates filled in from its
//! events (a cluster, a queue at the hospital, empty shelves, a rumour, a team's statement).
//! The accounts and templates are the shared ones of the scenario's language
//! (`assets/feed/<language>.ron`) and the scenario's own (`feed:`).
//!
//! Which account posts which template is drawn from a random stream of the feed's own, so the
//! feed is the same for the same seed and commands, and drawing it changes no other draw.
//! A post's engagement starts at a share of its account's followers, more where trust is low,
//! and bad news keeps growing for as long as no one answers it: a team's statement answers the
//! post it names, and every open rumour or fraud post in its district (or the city).

use std::collections::BTreeMap;

use rand::RngExt;
use serde::Serialize;

use super::{Exercise, RedSign};
use crate::i18n::Language;
use crate::scenario::shared_feed;
use crate::scenario::{
    AccountKind, Channel, Effect, FeedAccount, PostTemplate, PostTone, PostTrigger, Scenario,
};

/// Share of an account's followers who engage with a post at once (illustrative: engagement
/// rates on Weibo-like platforms run between 0.1 % and 1 % of followers).
pub const FIRST_ENGAGEMENT_SHARE: f64 = 0.002;
/// At zero trust a post engages (1 + this) times as many as at full trust: people share what
/// confirms their distrust (illustrative).
pub const LOW_TRUST_GAIN: f64 = 2.0;
/// Hours in which an unanswered post gains its first engagement again: it is reshared while
/// no one answers it (illustrative: a rumour's reach doubles within hours if unanswered).
pub const GROWTH_HOURS: f64 = 6.0;
/// An unanswered post stops growing at this many times its first engagement (after two days).
pub const MAX_GROWTH: f64 = 9.0;
/// The feed posts about the same kind of happening in the same district at most once in this
/// many minutes (a twelve-hour news cycle).
pub const QUIET_MINUTES: u32 = 12 * 60;
/// Share of a district's clinic visitors turned away untested from which the queue is news
/// (illustrative: one in five).
pub const CLINIC_QUEUE_NEWS_SHARE: f64 = 0.2;
/// Share of a closed district's households left without the deliveries they need above which
/// the feed writes about hardship (illustrative).
pub const HARDSHIP_NEWS_SHARE: f64 = 0.5;
/// At most this many posts about one happening, each by a different kind of account.
pub const POSTS_PER_HAPPENING: usize = 2;

/// The feed's accounts and templates for a scenario: the shared ones of its language (unless
/// it says `shared: false`), then its own; `{city}` in names filled in.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeedBook {
    pub accounts: Vec<FeedAccount>,
    pub templates: Vec<PostTemplate>,
}

/// A template with what happened filled in, in one pass: a placeholder it does not know stays
/// as written, and what is filled in (a statement's words) is never read as a template again.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let from = &rest[open..];
        match values.iter().find(|(name, _)| from.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &from[name.len()..];
            }
            None => {
                out.push('{');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn book(scenario: &Scenario) -> FeedBook {
    let own = &scenario.feed;
    let mut book = FeedBook::default();
    if own.shared {
        let shared = shared_feed(scenario.meta.language.unwrap_or(Language::En));
        book.accounts = shared.accounts;
        book.templates = shared.templates;
    }
    // The scenario's accounts replace shared ones of the same id.
    for account in &own.accounts {
        book.accounts.retain(|a| a.id != account.id);
        book.accounts.push(account.clone());
    }
    book.templates.extend(own.templates.iter().cloned());
    for account in &mut book.accounts {
        account.name = account.name.replace("{city}", &scenario.city.name);
    }
    book
}

/// One post in the feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Post {
    /// Numbered from 1, in order; a statement answers a post by its number.
    pub number: u32,
    pub at: u32,
    /// The account's id and name, and who it is.
    pub account: String,
    pub name: String,
    pub kind: AccountKind,
    pub text: String,
    pub tone: PostTone,
    pub on: PostTrigger,
    /// The district it is about; none: the city.
    pub district: Option<String>,
    /// When a team's statement answered it, and which team.
    pub answered: Option<(u32, String)>,
    /// What its engagement grows from: the account's followers and stance, and the trust
    /// where it was posted when it was posted.
    #[serde(skip)]
    followers: u64,
    #[serde(skip)]
    stance: f64,
    #[serde(skip)]
    trust: f64,
}

impl Post {
    /// Bad news, which grows until it is answered.
    pub fn is_open(&self) -> bool {
        self.tone == PostTone::Negative && self.answered.is_none()
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FeedState {
    pub posts: Vec<Post>,
    /// Events already looked at.
    events_seen: usize,
    /// When the feed last posted about a kind of happening in a district.
    last_about: BTreeMap<(PostTrigger, Option<String>), u32>,
    /// Choices made in expected mode, which draws nothing.
    turn: usize,
}

/// Something the feed may post about.
struct Happening {
    on: PostTrigger,
    district: Option<usize>,
    /// `{place}`, `{count}`, `{text}`, `{channel}`, `{supply}`.
    place: String,
    count: Option<u64>,
    text: String,
    channel: String,
    supply: String,
    /// Red's doing: red's own accounts join in.
    by_red: bool,
}

impl Happening {
    fn new(on: PostTrigger, district: Option<usize>) -> Happening {
        Happening {
            on,
            district,
            place: String::new(),
            count: None,
            text: String::new(),
            channel: String::new(),
            supply: String::new(),
            by_red: false,
        }
    }
}

impl Exercise {
    /// The feed so far, oldest first.
    pub fn feed(&self) -> &[Post] {
        &self.feed.posts
    }

    /// How many people engaged with a post by now (likes, shares, comments): its first
    /// engagement, grown while it was left unanswered if it is bad news.
    pub fn engagement(&self, post: &Post) -> f64 {
        self.engagement_at(post, self.now)
    }

    /// A post's engagement as it stood at a minute (no earlier than it was posted).
    pub fn engagement_at(&self, post: &Post, at: u32) -> f64 {
        let amplified = match post.tone {
            PostTone::Negative => 1.0 + (-post.stance).max(0.0),
            PostTone::Positive => 1.0 + post.stance.max(0.0),
            PostTone::Neutral => 1.0,
        };
        let first = post.followers as f64
            * FIRST_ENGAGEMENT_SHARE
            * (1.0 + LOW_TRUST_GAIN * (1.0 - post.trust))
            * amplified;
        if post.tone != PostTone::Negative {
            return first;
        }
        let open_until = post
            .answered
            .as_ref()
            .map_or(at, |(answered, _)| (*answered).min(at));
        let hours = f64::from(open_until.saturating_sub(post.at)) / 60.0;
        first * (1.0 + hours / GROWTH_HOURS).min(MAX_GROWTH)
    }

    /// A team's statement (to a district, or city-wide) answers the post it names (refused if
    /// there is none) and every open rumour or fraud post in its scope: a city-wide statement
    /// all of them, a district's those about the district.
    pub(crate) fn answer_posts(
        &mut self,
        team: &str,
        district: Option<&str>,
        post: Option<u32>,
    ) -> Result<(), crate::i18n::Message> {
        if let Some(n) = post
            && !self.feed.posts.iter().any(|p| p.number == n)
        {
            return Err(crate::msg!("refused-no-post", post = n));
        }
        let now = self.now;
        let in_scope = |about: &Option<String>| district.is_none() || about.as_deref() == district;
        let answered: Vec<usize> = (0..self.feed.posts.len())
            .filter(|&n| {
                let p = &self.feed.posts[n];
                p.is_open()
                    && (Some(p.number) == post
                        || matches!(p.on, PostTrigger::Rumour | PostTrigger::Fraud)
                            && in_scope(&p.district))
            })
            .collect();
        for n in answered {
            self.feed.posts[n].answered = Some((now, team.to_string()));
        }
        Ok(())
    }

    /// Posts about the events since the last look.
    pub(crate) fn update_feed(&mut self) {
        let fresh = self.events.len();
        for n in self.feed.events_seen..fresh {
            for happening in self.happenings(&self.events[n].kind) {
                self.post_about(&happening);
            }
        }
        self.feed.events_seen = fresh;
        // Queues are a state, not an event: news while they last (at most once a news cycle).
        for d in 0..self.scenario.city.districts.len() {
            let turned_away = self.districts[d].clinic_queue;
            if turned_away >= CLINIC_QUEUE_NEWS_SHARE {
                let mut h = Happening::new(PostTrigger::ClinicQueue, Some(d));
                h.count = Some((turned_away * 100.0).round() as u64);
                self.post_about(&h);
            }
            // Deliveries are counted at the model's steps: hardship is news then, not at
            // whatever minute a command comes in (or a clock stepping minute by minute would
            // post at other times than one jumping from step to step).
            if self.now == self.last_step_at
                && self.districts[d].unsupported >= HARDSHIP_NEWS_SHARE
                && let Some(since) = self.districts[d].kept_home_since
            {
                let mut h = Happening::new(PostTrigger::Hardship, Some(d));
                let days =
                    self.now.saturating_sub(since) / crate::scenario::values::MINUTES_PER_DAY;
                h.count = Some(u64::from(days + 1));
                self.post_about(&h);
            }
        }
    }

    fn happenings(&self, kind: &super::EventKind) -> Vec<Happening> {
        use super::EventKind as E;
        let lang = self.scenario.meta.language.unwrap_or(Language::En);
        let district = |id: &str| self.derived.district_index.get(id).copied();
        let facility_district = |id: &str| {
            self.derived
                .facility_index
                .get(id)
                .map(|&f| self.place_district(super::Place::Facility(f)))
        };
        let place_name = |id: &str| self.scenario.target_name(id).unwrap_or(id).to_string();
        let mut out = Vec::new();
        match kind {
            E::CasesConfirmed { district: d, count } if *count > 0 => {
                let mut h = Happening::new(PostTrigger::Cases, district(d));
                h.count = Some(*count);
                out.push(h);
            }
            E::Deaths { district: d, count } if *count > 0 => {
                let mut h = Happening::new(PostTrigger::Deaths, district(d));
                h.count = Some(*count);
                out.push(h);
            }
            E::HospitalOverflow { waiting, .. } => {
                let mut h = Happening::new(PostTrigger::HospitalFull, None);
                h.count = Some(*waiting);
                out.push(h);
            }
            E::StockOut { facility, supply } => {
                let mut h = Happening::new(PostTrigger::StockOut, facility_district(facility));
                h.place = place_name(facility);
                h.supply = self
                    .scenario
                    .supplies
                    .iter()
                    .find(|s| s.id.as_str() == supply)
                    .map_or(supply.clone(), |s| s.name.clone());
                out.push(h);
            }
            E::TrustAlert { district: d, .. } => {
                out.push(Happening::new(PostTrigger::TrustLow, district(d)));
            }
            E::MeasureOrdered {
                district: d, level, ..
            } if *level != crate::scenario::ControlLevel::Normal => {
                let mut h = Happening::new(PostTrigger::Measure, district(d));
                h.text = level.words(lang);
                out.push(h);
            }
            E::Statement {
                district: d, text, ..
            } => {
                let mut h = Happening::new(PostTrigger::Statement, d.as_deref().and_then(district));
                h.text = text.clone();
                out.push(h);
            }
            E::RedSign {
                sign,
                place,
                detail,
            } => {
                let on = match sign {
                    RedSign::Rumour => PostTrigger::Rumour,
                    RedSign::PanicBuying => PostTrigger::PanicBuying,
                    RedSign::Crowd => PostTrigger::Crowd,
                    RedSign::Fraud => PostTrigger::Fraud,
                };
                let at = place
                    .as_deref()
                    .and_then(|p| district(p).or_else(|| facility_district(p)));
                let mut h = Happening::new(on, at);
                h.place = place.as_deref().map(place_name).unwrap_or_default();
                h.channel = detail.clone();
                h.count = detail.parse().ok();
                h.by_red = true;
                out.push(h);
            }
            E::CasesUncovered {
                district: d, cases, ..
            } => {
                let mut h = Happening::new(PostTrigger::CoverUp, district(d));
                h.count = Some(*cases);
                out.push(h);
            }
            E::InjectFired {
                inject,
                title,
                channel: channel @ (Channel::Media | Channel::SocialMedia),
                ..
            } => {
                let mut h = Happening::new(PostTrigger::Media, None);
                h.text = title.clone();
                out.push(h);
                // An inject that starts a rumour or sends prices up: the public takes it up.
                let effects = self
                    .scenario
                    .injects
                    .iter()
                    .find(|i| i.id.as_str() == inject)
                    .map_or(&[][..], |i| i.effects.as_slice());
                for effect in effects {
                    let (on, at) = match effect {
                        Effect::Rumour(r) => (PostTrigger::Rumour, &r.district),
                        Effect::PriceGouging(p) => (PostTrigger::PanicBuying, &p.district),
                        _ => continue,
                    };
                    let mut h = Happening::new(on, at.as_ref().and_then(|d| district(d.as_str())));
                    h.channel = channel.words(lang);
                    out.push(h);
                }
            }
            _ => {}
        }
        out
    }

    fn post_about(&mut self, h: &Happening) {
        let district_id = h
            .district
            .map(|d| self.scenario.city.districts[d].id.name.clone());
        // News that repeats within the news cycle is not news; statements and orders always are.
        let repeats = !matches!(
            h.on,
            PostTrigger::Statement | PostTrigger::Measure | PostTrigger::Media
        );
        let key = (h.on, district_id.clone());
        if repeats
            && self
                .feed
                .last_about
                .get(&key)
                .is_some_and(|&at| self.now < at.saturating_add(QUIET_MINUTES))
        {
            return;
        }
        let derived = self.derived.clone();
        let book = &derived.feed;
        let mut candidates: Vec<&PostTemplate> = book
            .templates
            .iter()
            .filter(|t| t.on == h.on && (h.by_red || t.by != AccountKind::Red))
            .filter(|t| book.accounts.iter().any(|a| a.kind == t.by))
            .collect();
        if candidates.is_empty() {
            return;
        }
        // The order they are tried in is drawn (in expected mode, turn by turn: it draws
        // nothing); a statement is the officials' first.
        for n in (1..candidates.len()).rev() {
            candidates.swap(n, self.feed_pick(n + 1));
        }
        candidates.sort_by_key(|t| h.on == PostTrigger::Statement && t.by != AccountKind::Official);
        let mut kinds: Vec<AccountKind> = Vec::new();
        let trust = match h.district {
            Some(d) => self.districts[d].trust,
            None => self.mean_trust(),
        };
        // What a template may be filled in with, the same for every post about it.
        let scenario = self.scenario.clone();
        let city = scenario.city.name.as_str();
        let district_name = h
            .district
            .map_or(city, |d| scenario.city.districts[d].name.as_str());
        let count = h.count.map(|c| c.to_string()).unwrap_or_default();
        let values = [
            ("{district}", district_name),
            (
                "{place}",
                if h.place.is_empty() {
                    district_name
                } else {
                    &h.place
                },
            ),
            ("{count}", &count),
            ("{text}", &h.text),
            ("{channel}", &h.channel),
            ("{supply}", &h.supply),
            ("{city}", city),
        ];
        for template in candidates {
            if kinds.len() == POSTS_PER_HAPPENING {
                break;
            }
            if kinds.contains(&template.by) {
                continue;
            }
            kinds.push(template.by);
            let mut accounts = book.accounts.iter().filter(|a| a.kind == template.by);
            let pick = self.feed_pick(accounts.clone().count());
            let Some(account) = accounts.nth(pick) else {
                continue;
            };
            let text = fill(&template.text.value, &values);
            let number = self.feed.posts.len() as u32 + 1;
            self.feed.posts.push(Post {
                number,
                at: self.now,
                account: account.id.name.clone(),
                name: account.name.clone(),
                kind: account.kind,
                text,
                tone: template.tone,
                on: h.on,
                district: district_id.clone(),
                answered: None,
                followers: account.followers,
                stance: account.stance.clamp(-1.0, 1.0),
                trust,
            });
        }
        self.feed.last_about.insert(key, self.now);
    }

    /// One of `n` choices: drawn from the feed's stream, or in expected mode the next in turn.
    fn feed_pick(&mut self, n: usize) -> usize {
        match self.mode {
            super::Mode::Stochastic => self.streams.feed.random_range(0..n),
            super::Mode::Expected => {
                self.feed.turn = self.feed.turn.wrapping_add(1);
                self.feed.turn % n
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{bundled, command, small};

    const RED: &str = r#"
extra.teams: (id: "red", name: "Red cell", role: Red)
scenario.red: (budget: 30.0, tactics: [
    (id: "rumour", name: "Lockdown rumour", cost: 5.0, does: Rumour((reach: 0.4, channel: "microblog"))),
])
"#;

    /// Every placeholder is filled in one pass; an unknown one stays, and a filled-in text
    /// with braces in it is not read as a template again.
    #[test]
    fn a_template_is_filled_in_one_pass() {
        let values = [
            ("{district}", "Hexi"),
            ("{text}", "see {district}"),
            ("{count}", ""),
        ];
        assert_eq!(
            super::fill("{count} in {district}: {text} {unknown} {", &values),
            " in Hexi: see {district} {unknown} {"
        );
        assert_eq!(super::fill("no braces", &values), "no braces");
    }

    #[test]
    fn the_shared_feeds_read_and_post_in_both_languages() {
        for lang in Language::ALL {
            let (file, text) = match lang {
                Language::En => ("en.ron", include_str!("../../../../assets/feed/en.ron")),
                Language::Zh => (
                    "zh-CN.ron",
                    include_str!("../../../../assets/feed/zh-CN.ron"),
                ),
            };
            let (feed, report) = crate::scenario::check_document(
                file,
                text,
                "Feed",
                |_: &crate::scenario::Feed, _| Vec::new(),
            );
            assert!(report.diagnostics.is_empty(), "{}", report.render_short());
            let feed = feed.unwrap();
            assert_eq!(feed, shared_feed(lang));
            for template in &feed.templates {
                assert!(
                    feed.accounts.iter().any(|a| a.kind == template.by),
                    "{lang:?}: nobody writes {:?}",
                    template.text.value
                );
            }
            // Every happening has something to say, and the officials post statements.
            for on in PostTrigger::VARIANTS {
                assert!(
                    feed.templates.iter().any(|t| format!("{:?}", t.on) == *on),
                    "{lang:?}: no template on {on}"
                );
            }
        }
        // The Chinese flagship posts in Chinese.
        let zh = Exercise::new(bundled("port-city-outbreak.zh.ron"), 1, Mode::Stochastic);
        let mut zh = zh;
        zh.advance(2 * 24 * 60);
        let post = zh.feed().first().expect("the feed posts in two days");
        assert!(
            post.text
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{post:?}"
        );
    }

    #[test]
    fn the_same_seed_and_commands_give_the_same_feed_and_it_draws_nothing_else() {
        let scenario = bundled(crate::library::DEFAULT_SCENARIO);
        let run = |scenario: std::sync::Arc<Scenario>, seed: u64| {
            let mut ex = Exercise::new(scenario, seed, Mode::Stochastic);
            ex.advance(24 * 60);
            ex.apply(command(
                r#"RedMove(team: "red-cell", tactic: "lockdown-rumour")"#,
            ))
            .unwrap();
            ex.advance(3 * 24 * 60);
            ex
        };
        let one = run(scenario.clone(), 4);
        let two = run(scenario.clone(), 4);
        assert!(one.feed().len() > 10, "{}", one.feed().len());
        assert_eq!(one.feed(), two.feed());
        assert_ne!(
            one.feed(),
            run(scenario.clone(), 5).feed(),
            "another seed, another feed"
        );
        // Without any feed the exercise runs the same: the feed draws from its own stream.
        let mut quiet = (*scenario).clone();
        quiet.feed.shared = false;
        let quiet = run(std::sync::Arc::new(quiet), 4);
        assert!(quiet.feed().is_empty());
        assert_eq!(quiet.events(), one.events());
        assert_eq!(quiet.districts()[0].trust, one.districts()[0].trust);
    }

    /// The engagement rule in figures: 0.2 % of followers at full trust, ×(1 + 2 × distrust),
    /// amplified by a stance that favours the post, and bad news growing by its first
    /// engagement every six hours until answered, at most nine times.
    #[test]
    fn engagement_follows_followers_trust_stance_and_time_left_unanswered() {
        let mut ex = small(Mode::Expected, "");
        let post = |tone: PostTone, stance: f64, trust: f64| Post {
            number: 1,
            at: 0,
            account: "a".into(),
            name: "A".into(),
            kind: AccountKind::Press,
            text: String::new(),
            tone,
            on: PostTrigger::Rumour,
            district: None,
            answered: None,
            followers: 1_000_000,
            stance,
            trust,
        };
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        close(
            ex.engagement_at(&post(PostTone::Neutral, 0.0, 1.0), 0),
            2000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Neutral, 0.0, 0.5), 0),
            4000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Neutral, -1.0, 0.0), 0),
            6000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Negative, -0.5, 1.0), 0),
            3000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Negative, 0.5, 1.0), 0),
            2000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Positive, 0.5, 1.0), 0),
            3000.0,
        );
        close(
            ex.engagement_at(&post(PostTone::Positive, -0.5, 1.0), 0),
            2000.0,
        );
        let bad = post(PostTone::Negative, 0.0, 1.0);
        close(ex.engagement_at(&bad, 6 * 60), 4000.0);
        close(ex.engagement_at(&bad, 100 * 60), 18000.0);
        // Good news does not grow; answered bad news stops where it was.
        close(
            ex.engagement_at(&post(PostTone::Positive, 0.0, 1.0), 100 * 60),
            2000.0,
        );
        let answered = Post {
            answered: Some((3 * 60, "health-team".into())),
            ..bad.clone()
        };
        close(ex.engagement_at(&answered, 100 * 60), 3000.0);
        ex.advance(6 * 60);
        close(ex.engagement(&bad), 4000.0);
    }

    /// Each kind of happening is posted about, in its district, with what it says filled in;
    /// what is no news (no deaths, measures back to normal) is not.
    #[test]
    fn each_happening_makes_its_posts() {
        use crate::scenario::ControlLevel;
        use crate::sim::{Audience, EventKind};
        let mut ex = small(Mode::Expected, "");
        let posts_on = |ex: &mut Exercise, kind: Option<EventKind>| -> Vec<Post> {
            let before = ex.feed().len();
            if let Some(kind) = kind {
                ex.emit(Audience::Everyone, kind);
            }
            ex.update_feed();
            ex.feed()[before..].to_vec()
        };
        let deaths = |count| EventKind::Deaths {
            district: "south".into(),
            count,
        };
        let cases = |count| EventKind::CasesConfirmed {
            district: "north".into(),
            count,
        };
        assert!(
            posts_on(&mut ex, Some(cases(0))).is_empty(),
            "no cases, no news"
        );
        let posted = posts_on(&mut ex, Some(cases(2)));
        assert!(
            posted
                .iter()
                .any(|p| p.on == PostTrigger::Cases && p.text.contains("North today: 2")),
            "{posted:?}"
        );
        assert!(
            posts_on(&mut ex, Some(deaths(0))).is_empty(),
            "no deaths, no news"
        );
        let posted = posts_on(&mut ex, Some(deaths(3)));
        assert!(!posted.is_empty());
        assert!(
            posted
                .iter()
                .all(|p| p.on == PostTrigger::Deaths && p.district.as_deref() == Some("south"))
        );
        assert!(
            posted.iter().any(|p| p.text.contains("South: 3")),
            "{posted:?}"
        );
        let trust = posts_on(
            &mut ex,
            Some(EventKind::TrustAlert {
                district: "north".into(),
                trust: 0.2,
            }),
        );
        assert!(
            trust
                .iter()
                .any(|p| p.on == PostTrigger::TrustLow && p.text.contains("North"))
        );
        let measure = |level| EventKind::MeasureOrdered {
            team: "health-team".into(),
            district: "north".into(),
            level,
        };
        assert!(posts_on(&mut ex, Some(measure(ControlLevel::Normal))).is_empty());
        let raised = posts_on(&mut ex, Some(measure(ControlLevel::Closed)));
        let words = ControlLevel::Closed.words(Language::En);
        assert!(
            raised
                .iter()
                .any(|p| p.on == PostTrigger::Measure && p.text.contains(&words))
        );
        // A queue is a state: news while a fifth or more are turned away.
        ex.districts[1].clinic_queue = 0.1;
        assert!(posts_on(&mut ex, None).is_empty());
        ex.districts[1].clinic_queue = 0.35;
        let queue = posts_on(&mut ex, None);
        assert!(queue.iter().all(|p| p.on == PostTrigger::ClinicQueue));
        assert!(queue.iter().any(|p| p.text.contains("35%")), "{queue:?}");
        assert!(
            posts_on(&mut ex, None).is_empty(),
            "not again within the news cycle"
        );
    }

    #[test]
    fn a_rumour_post_grows_until_a_statement_answers_it() {
        let mut ex = small(Mode::Expected, RED);
        ex.advance(60);
        ex.apply(command(r#"RedMove(team: "red", tactic: "rumour")"#))
            .unwrap();
        let rumour = ex
            .feed()
            .iter()
            .find(|p| p.on == PostTrigger::Rumour && p.tone == PostTone::Negative)
            .expect("the rumour is posted")
            .clone();
        assert!(rumour.is_open());
        let first = ex.engagement(&rumour);
        assert!(first > 0.0);
        ex.advance(6 * 60);
        let grown = ex.engagement(&ex.feed()[rumour.number as usize - 1]);
        assert!(
            (grown / first - 2.0).abs() < 1e-9,
            "six hours unanswered: twice its first engagement ({first} → {grown})"
        );
        // A statement naming no post answers the open rumours in its scope (here the city).
        ex.apply(command(
            r#"Statement(team: "health-team", text: "No lockdown.")"#,
        ))
        .unwrap();
        let answered = ex.feed()[rumour.number as usize - 1].clone();
        assert_eq!(
            answered.answered,
            Some((ex.now(), "health-team".to_string()))
        );
        let official = ex
            .feed()
            .iter()
            .find(|p| p.on == PostTrigger::Statement)
            .unwrap();
        assert_eq!(official.kind, AccountKind::Official);
        assert_eq!(official.text, "No lockdown.");
        ex.advance(12 * 60);
        assert_eq!(ex.engagement(&ex.feed()[rumour.number as usize - 1]), grown);
    }

    #[test]
    fn a_statement_answers_the_post_it_names_and_a_missing_post_is_refused() {
        let mut ex = small(Mode::Expected, RED);
        ex.advance(60);
        ex.apply(command(
            r#"RedMove(team: "red", tactic: "rumour", target: "south")"#,
        ))
        .unwrap();
        let rumours: Vec<u32> = ex
            .feed()
            .iter()
            .filter(|p| p.is_open())
            .map(|p| p.number)
            .collect();
        assert!(!rumours.is_empty());
        // A statement to the north does not answer the south's rumour...
        ex.apply(command(
            r#"Statement(team: "health-team", district: "north", text: "Calm.")"#,
        ))
        .unwrap();
        assert!(ex.feed()[rumours[0] as usize - 1].is_open());
        // ...one naming the post does, wherever it is addressed.
        let line = format!(
            r#"Statement(team: "health-team", district: "north", text: "Not true.", post: {})"#,
            rumours[0]
        );
        ex.apply(command(&line)).unwrap();
        assert!(!ex.feed()[rumours[0] as usize - 1].is_open());
        let before = ex.feed().to_vec();
        let missing = ex
            .apply(command(
                r#"Statement(team: "health-team", text: "?", post: 999)"#,
            ))
            .unwrap_err();
        assert!(
            missing.0.text(Language::En).contains("no post 999"),
            "{missing}"
        );
        assert_eq!(
            ex.feed(),
            before.as_slice(),
            "a refused statement changes nothing"
        );
    }

    #[test]
    fn a_scenario_adds_its_own_accounts_and_templates_or_drops_the_shared_ones() {
        let own = r#"scenario.feed: (
    accounts: [(id: "radio", name: "{city} Radio", kind: Press, followers: 1000)],
    templates: [(on: Rumour, by: Press, text: "Radio check on the rumour in {district}.")],
    shared: false,
)
extra.teams: (id: "red", name: "Red cell", role: Red)
scenario.red: (budget: 30.0, tactics: [
    (id: "rumour", name: "Lockdown rumour", cost: 5.0, does: Rumour((reach: 0.4, channel: "microblog"))),
])"#;
        let mut ex = small(Mode::Expected, own);
        ex.apply(command(
            r#"RedMove(team: "red", tactic: "rumour", target: "south")"#,
        ))
        .unwrap();
        let posts = ex.feed();
        assert_eq!(posts.len(), 1, "{posts:?}");
        assert_eq!(posts[0].name, "Small Radio");
        assert_eq!(posts[0].text, "Radio check on the rumour in South.");
    }

    /// A post keeps the trust where it was posted (the district's, or the city's mean for the
    /// whole city), and a hostile account amplifies bad news.
    #[test]
    fn a_post_grows_from_the_trust_where_it_was_posted_and_its_accounts_stance() {
        use crate::sim::{Audience, EventKind};
        let own = r#"scenario.feed: (
    accounts: [(id: "mill", name: "Mill", kind: Press, followers: 1000000, stance: -1.0)],
    templates: [(on: Rumour, by: Press, tone: Negative, text: "Seal!")],
    shared: false,
)"#;
        let mut ex = small(Mode::Expected, own);
        ex.districts[0].trust = 0.5;
        ex.districts[1].trust = 0.2;
        for place in [None, Some("south".to_string())] {
            ex.emit(
                Audience::Everyone,
                EventKind::RedSign {
                    sign: RedSign::Rumour,
                    place,
                    detail: "microblog".into(),
                },
            );
            ex.update_feed();
        }
        let posts = ex.feed();
        assert_eq!(posts.len(), 2, "{posts:?}");
        // North 100,000 at 0.5, south 50,000 at 0.2: the city's mean is 0.4.
        let first = |trust: f64| 1_000_000.0 * 0.002 * (1.0 + 2.0 * (1.0 - trust)) * 2.0;
        assert!((ex.engagement(&posts[0]) - first(0.4)).abs() < 1e-6);
        assert!((ex.engagement(&posts[1]) - first(0.2)).abs() < 1e-6);
    }

    /// However the draw falls, a statement is first posted by an official account.
    #[test]
    fn a_statement_is_always_the_officials_post_first() {
        let own = r#"scenario.feed: (
    accounts: [
        (id: "gov", name: "Government", kind: Official, followers: 1000),
        (id: "paper", name: "Paper", kind: Press, followers: 1000),
        (id: "neighbour", name: "Neighbour", kind: Resident, followers: 1000),
    ],
    templates: [
        (on: Statement, by: Press, text: "Paper: {text}"),
        (on: Statement, by: Resident, text: "Neighbour: {text}"),
        (on: Statement, by: Official, text: "{text}"),
    ],
    shared: false,
)"#;
        let scenario = crate::sim::test_support::small_scenario(own);
        for seed in 1..=8 {
            let mut ex = Exercise::new(scenario.clone(), seed, Mode::Stochastic);
            ex.apply(command(r#"Statement(team: "health-team", text: "Calm.")"#))
                .unwrap();
            let posts = ex.feed();
            assert_eq!(posts.len(), POSTS_PER_HAPPENING, "{posts:?}");
            assert_eq!(
                posts[0].kind,
                AccountKind::Official,
                "seed {seed}: {posts:?}"
            );
            assert_eq!(posts[0].text, "Calm.");
        }
    }

    #[test]
    fn a_template_with_an_unknown_placeholder_or_no_writer_is_pointed_out() {
        let text = crate::sim::test_support::small_text(
            r#"scenario.feed: (
    accounts: [(id: "radio", name: "Radio", kind: Press, followers: 1000, stance: 2.0)],
    templates: [
        (on: Rumour, by: Press, text: "In {distrct}."),
        (on: Rumour, by: Resident, text: "Heard it."),
    ],
    shared: false,
)"#,
        );
        let report = match crate::scenario::load_str("small.ron", &text) {
            Ok((_, report)) | Err(report) => report,
        };
        let all = report.render_short();
        assert!(
            all.contains("`{distrct}` is nothing a post can be filled in with"),
            "{all}"
        );
        assert!(all.contains("No account of kind Resident"), "{all}");
        assert!(all.contains("stance 2"), "{all}");
    }

    /// A closed district whose households go without deliveries makes the news, with the days
    /// its people have been kept at home; the open district does not.
    #[test]
    fn hardship_under_closure_makes_the_news() {
        let mut ex = small(Mode::Expected, "");
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Closed)"#,
        ))
        .unwrap();
        ex.advance(30 * 60);
        let hardship: Vec<&Post> = ex
            .feed()
            .iter()
            .filter(|p| p.on == PostTrigger::Hardship)
            .collect();
        assert!(!hardship.is_empty());
        assert!(
            hardship
                .iter()
                .all(|p| p.district.as_deref() == Some("north")),
            "{hardship:?}"
        );
        assert!(
            hardship.iter().any(|p| p.text.contains("Day 1")),
            "{hardship:?}"
        );
    }
}
