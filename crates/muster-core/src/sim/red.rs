//! The red cell: its budget, the tactics the scenario gives it, what each sets going, and how
//! Blue counters it.
//!
//! A tactic costs red points from the scenario's budget and may not be played again before its
//! cooldown. Each sets one mechanic of the simulation going, at a target chosen when it is
//! played:
//! - a rumour adds to the reach of unanswered rumours (`public.rs`: trust and so compliance
//!   fall, the worried well crowd the clinics); a statement answers it;
//! - panic buying adds price gouging and carries off part of the stock at the target's markets;
//!   patrols and released reserves bring prices down;
//! - a crowd at a site adds disorder there and gathers people who meet closely
//!   (`gatherings.rs`); officers on site and patrols disperse it, closing the site ends it;
//! - fraud calls posing as officials wear trust down while they go on (`public.rs`); a
//!   statement warns the public, patrols catch the callers;
//! - concealment at a district office hides a share of the district's new cases: not counted,
//!   not reported, their contacts not named. An audit (tracers or testers of a Blue team working
//!   in the district) or data shared between teams once a day's figures can be compared
//!   ([`CROSS_CHECK_MINUTES`]) uncovers them: they are counted and their contacts named, late,
//!   and the cover-up costs the district's trust;
//! - a disrupted channel stops an agency's reports until the disruption ends or the team that
//!   plays the agency restores it ([`RESTORE_MINUTES`]).
//!
//! What red did is seen by the control cell and red; what the public sees of it (a rumour, empty
//! shelves, a crowd, the calls) reaches every team.

use std::collections::BTreeMap;

use serde::Serialize;

use super::actions::Availability;
use super::care::Found;
use super::command::{RedMove, Restore};
use super::epidemic::Infected;
use super::{Audience, Command, CommandError, EventKind, Exercise, Place};
use crate::msg;
use crate::scenario::{
    Effect, FacilityKind, Gathering, Id, Positive, PriceGouging, RedEffect, RedTarget, Rumour,
    TeamRole, UnitRole,
};

/// Shared figures expose hidden cases once a day's reports can be set against the hospitals'
/// and laboratories' own (China's direct network reporting compares them daily).
pub const CROSS_CHECK_MINUTES: u32 = 24 * 60;
/// Time for a team to switch an agency's reports to a backup channel (illustrative: an hour).
pub const RESTORE_MINUTES: u32 = 60;
/// Trust a district loses when a cover-up of its cases comes out (illustrative: five points).
pub const UNCOVERED_TRUST: f64 = 0.05;

/// One tactic red played.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedPlay {
    pub tactic: String,
    pub team: String,
    /// None: the whole city.
    pub target: Option<String>,
    pub at: u32,
    pub cost: f64,
    pub text: String,
}

/// Cases a district office is hiding.
#[derive(Debug, Clone, Default)]
pub(crate) struct Concealment {
    pub since: u32,
    pub share: f64,
    pub hidden: Infected,
    /// Of the hidden, those who moved about before they were found (they name contacts).
    pub naming: f64,
}

/// An agency's reporting channel that red took down.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChannelDown {
    pub until: u32,
    /// When the team's switch to a backup channel completes, once ordered.
    pub restored_at: Option<u32>,
}

impl ChannelDown {
    fn back_at(&self) -> u32 {
        self.restored_at.map_or(self.until, |r| r.min(self.until))
    }
}

/// Red's side of the exercise.
#[derive(Debug, Clone, Default)]
pub(crate) struct RedState {
    pub spent: f64,
    pub plays: Vec<RedPlay>,
    /// Per district (not places): cases its office hides.
    pub concealed: Vec<Option<Concealment>>,
    pub channels_down: BTreeMap<String, ChannelDown>,
}

/// How hidden cases came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UncoveredBy {
    Audit,
    CrossCheck,
}

/// What the public sees of a red tactic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedSign {
    Rumour,
    PanicBuying,
    Crowd,
    Fraud,
}

impl Exercise {
    /// Red points left.
    pub fn red_budget_left(&self) -> f64 {
        self.scenario
            .red
            .as_ref()
            .map_or(0.0, |r| (r.budget - self.red.spent).max(0.0))
    }

    /// Red's tactics played so far.
    pub fn red_plays(&self) -> &[RedPlay] {
        &self.red.plays
    }

    /// Whether a team may play a red tactic now, and if not, why.
    pub fn red_availability(&self, team: &str, tactic: &str) -> Availability {
        let plays_red = self
            .scenario
            .team(team)
            .is_some_and(|t| t.role == TeamRole::Red);
        let Some(def) = self.scenario.red_tactic(tactic) else {
            return Availability::NotTheirs;
        };
        if !plays_red {
            return Availability::NotTheirs;
        }
        if self.is_over() {
            return Availability::NotNow(msg!("refused-exercise-ended"));
        }
        if def.cost > self.red_budget_left() + 1e-9 {
            return Availability::NotNow(msg!(
                "red-over-budget",
                cost = def.cost.to_string(),
                left = self.red_budget_left().to_string()
            ));
        }
        if let Some(last) = self.red.plays.iter().rev().find(|p| p.tactic == tactic) {
            let again = last.at.saturating_add(def.cooldown.get());
            if again > self.now {
                return Availability::NotNow(msg!(
                    "action-cooling-down",
                    at = self.clock_arg(again)
                ));
            }
        }
        Availability::Available
    }

    /// The red tactics a team may play, with their availability now (none for a Blue team).
    pub fn red_tactics_for<'a>(
        &'a self,
        team: &'a str,
    ) -> impl Iterator<Item = (&'a crate::scenario::RedTactic, Availability)> + 'a {
        self.scenario
            .red
            .iter()
            .flat_map(|r| &r.tactics)
            .filter_map(
                move |def| match self.red_availability(team, def.id.as_str()) {
                    Availability::NotTheirs => None,
                    availability => Some((def, availability)),
                },
            )
    }

    pub(crate) fn play_red(&mut self, c: &RedMove) -> Result<(), CommandError> {
        let Some(def) = self.scenario.red_tactic(c.tactic.as_str()).cloned() else {
            return Err(CommandError(msg!(
                "refused-no-red-tactic",
                tactic = &c.tactic
            )));
        };
        match self.red_availability(c.team.as_str(), c.tactic.as_str()) {
            Availability::Available => {}
            Availability::NotTheirs => {
                return Err(CommandError(msg!("refused-not-red", team = &c.team)));
            }
            Availability::NotNow(why) => {
                return Err(CommandError(msg!(
                    "refused-action-not-now",
                    action = &c.tactic,
                    why = why
                )));
            }
        }
        let target = self.red_target(&def.does, &c.target)?;
        self.red.spent += def.cost;
        self.red.plays.push(RedPlay {
            tactic: c.tactic.name.clone(),
            team: c.team.name.clone(),
            target: c.target.as_ref().map(|t| t.name.clone()),
            at: self.now,
            cost: def.cost,
            text: c.text.clone(),
        });
        self.emit(
            Audience::Teams(vec![c.team.name.clone()]),
            EventKind::RedPlayed {
                team: c.team.name.clone(),
                tactic: c.tactic.name.clone(),
                name: def.name.clone(),
                target: c.target.as_ref().map(|t| t.name.clone()),
                target_name: c.target.as_ref().map(|t| {
                    self.scenario
                        .target_name(t.as_str())
                        .unwrap_or(t.as_str())
                        .to_string()
                }),
                cost: def.cost,
                text: c.text.clone(),
            },
        );
        let target_name = c.target.as_ref().map(|t| t.name.clone());
        match (&def.does, target) {
            (RedEffect::Rumour(r), _) => {
                self.apply_effect(
                    &Effect::Rumour(Rumour {
                        district: c.target.clone(),
                        reach: r.reach,
                        topic: c.text.clone(),
                    }),
                    super::effects::Actor::Scenario,
                );
                self.red_sign(RedSign::Rumour, target_name, r.channel.clone());
            }
            (RedEffect::PanicBuying(p), _) => {
                self.apply_effect(
                    &Effect::PriceGouging(PriceGouging {
                        district: c.target.clone(),
                        severity: p.gouging,
                    }),
                    super::effects::Actor::Scenario,
                );
                self.buy_out_markets(&c.target, p.stock_bought.get());
                self.red_sign(RedSign::PanicBuying, target_name, String::new());
            }
            (RedEffect::Crowd(crowd), Some(Place::Facility(f))) => {
                let facility = &self.scenario.facilities[f];
                let gathering = Gathering {
                    district: facility.district.clone(),
                    people: crowd.people,
                    duration: crowd.duration,
                    from: Vec::new(),
                    contact_intensity: Positive(3.0),
                };
                self.gather_crowd(&gathering);
                self.facilities[f].disorder =
                    (self.facilities[f].disorder + crowd.disorder.get()).min(1.0);
                self.red_sign(RedSign::Crowd, target_name, crowd.people.to_string());
            }
            (RedEffect::Fraud(fraud), _) => {
                for d in self.scope(&c.target) {
                    let district = &mut self.districts[d];
                    district.fraud = (district.fraud + fraud.strength.get()).min(1.0);
                }
                self.red_sign(RedSign::Fraud, target_name, String::new());
            }
            (RedEffect::Conceal(conceal), Some(Place::District(d))) => {
                let now = self.now;
                let slot = &mut self.red.concealed[d];
                match slot {
                    Some(under_way) => under_way.share = under_way.share.max(conceal.share.get()),
                    None => {
                        *slot = Some(Concealment {
                            since: now,
                            share: conceal.share.get(),
                            ..Default::default()
                        })
                    }
                }
            }
            (RedEffect::Disrupt(disrupt), _) => {
                let agency = c.target.clone().unwrap_or_default();
                let until = self.now.saturating_add(disrupt.duration.get());
                let channel =
                    self.red
                        .channels_down
                        .entry(agency.name.clone())
                        .or_insert(ChannelDown {
                            until,
                            restored_at: None,
                        });
                channel.until = channel.until.max(until);
                channel.restored_at = None;
                let audience = self.audience_of(std::slice::from_ref(&agency));
                self.emit(
                    audience,
                    EventKind::ChannelDown {
                        agency: agency.name,
                        until,
                    },
                );
            }
            // `red_target` checked the target's kind.
            (RedEffect::Crowd(_) | RedEffect::Conceal(_), _) => {}
        }
        Ok(())
    }

    /// The place a tactic is aimed at, checked against what it needs.
    fn red_target(
        &self,
        does: &RedEffect,
        target: &Option<Id>,
    ) -> Result<Option<Place>, CommandError> {
        let need = does.target();
        let Some(id) = target else {
            return match need {
                RedTarget::DistrictOrCity => Ok(None),
                _ => Err(CommandError(msg!(
                    "refused-red-needs-target",
                    kind = need.key()
                ))),
            };
        };
        let place = super::place_of(&self.derived, id.as_str());
        let district = self.derived.district_index.get(id.as_str()).copied();
        match need {
            RedTarget::DistrictOrCity | RedTarget::District => match district {
                Some(d) => Ok(Some(Place::District(d))),
                None => Err(CommandError(msg!("refused-no-district", district = id))),
            },
            RedTarget::Facility => match place {
                Some(Place::Facility(f)) => Ok(Some(Place::Facility(f))),
                _ => Err(CommandError(msg!("refused-no-facility", facility = id))),
            },
            RedTarget::Agency => match self.scenario.agency(id.as_str()) {
                Some(_) => Ok(None),
                None => Err(CommandError(msg!("refused-no-agency", agency = id))),
            },
        }
    }

    fn red_sign(&mut self, sign: RedSign, place: Option<String>, detail: String) {
        self.emit(
            Audience::Everyone,
            EventKind::RedSign {
                sign,
                place,
                detail,
            },
        );
    }

    /// Panic buyers carry off a share of every supply at the markets in scope.
    fn buy_out_markets(&mut self, target: &Option<Id>, share: f64) {
        if share <= 0.0 {
            return;
        }
        let districts = self.scope(target);
        for (f, facility) in self.scenario.facilities.iter().enumerate() {
            let in_scope = self
                .derived
                .district_index
                .get(facility.district.as_str())
                .is_some_and(|d| districts.contains(d));
            if facility.kind != FacilityKind::Market || !in_scope {
                continue;
            }
            for stock in self.facilities[f].stock.values_mut() {
                *stock -= (*stock as f64 * share).round() as u64;
            }
        }
    }

    /// When a channel of an agency is down, until when.
    pub fn channel_down(&self, agency: &str) -> Option<u32> {
        self.red
            .channels_down
            .get(agency)
            .map(ChannelDown::back_at)
            .filter(|&back| back > self.now)
    }

    /// Reporting channels down now: (agency, back at, whether a restore is under way).
    pub fn channels_down(&self) -> impl Iterator<Item = (&str, u32, bool)> + '_ {
        self.red
            .channels_down
            .iter()
            .filter(|(_, ch)| ch.back_at() > self.now)
            .map(|(agency, ch)| (agency.as_str(), ch.back_at(), ch.restored_at.is_some()))
    }

    pub(crate) fn restore(&mut self, c: &Restore) -> Result<(), CommandError> {
        if !self.team_plays(c.team.as_str(), c.agency.as_str()) {
            return Err(CommandError(msg!(
                "refused-not-their-agency",
                team = &c.team,
                agency = &c.agency
            )));
        }
        let now = self.now;
        let Some(channel) = self
            .red
            .channels_down
            .get_mut(c.agency.as_str())
            .filter(|ch| ch.back_at() > now)
        else {
            return Err(CommandError(msg!("refused-channel-up", agency = &c.agency)));
        };
        if channel.restored_at.is_some() {
            let back = channel.back_at();
            return Err(CommandError(msg!(
                "refused-channel-restoring",
                agency = &c.agency,
                at = self.clock_arg(back)
            )));
        }
        let at = now.saturating_add(RESTORE_MINUTES);
        channel.restored_at = Some(at);
        let back = channel.back_at();
        let audience = self.audience_of(std::slice::from_ref(&c.agency));
        self.emit(
            audience,
            EventKind::ChannelRestoring {
                agency: c.agency.name.clone(),
                team: c.team.name.clone(),
                at: back,
            },
        );
        Ok(())
    }

    /// Channels whose disruption ended or that were restored: the agencies hear of it.
    pub(crate) fn channels_back(&mut self) {
        let now = self.now;
        let back: Vec<String> = self
            .red
            .channels_down
            .iter()
            .filter(|(_, ch)| ch.back_at() <= now)
            .map(|(agency, _)| agency.clone())
            .collect();
        for agency in back {
            self.red.channels_down.remove(&agency);
            let audience = self.audience_of(&[Id::new(agency.clone())]);
            self.emit(audience, EventKind::ChannelBack { agency });
        }
    }

    /// The next minute a channel comes back.
    pub(crate) fn red_wakeups(&self, consider: &mut impl FnMut(u32)) {
        for channel in self.red.channels_down.values() {
            consider(channel.back_at());
        }
    }

    /// The part of newly found cases a concealing district office reports; it keeps the rest.
    pub(crate) fn withhold(&mut self, node: usize, cases: Infected, found: Found) -> Infected {
        if found == Found::Reported || self.red.concealed.is_empty() {
            return cases;
        }
        let d = self.district_of(node);
        let Some(concealment) = self.red.concealed.get_mut(d).and_then(Option::as_mut) else {
            return cases;
        };
        let mut reported = cases;
        let hidden = reported.take(cases.n * concealment.share);
        concealment.hidden.add(hidden);
        if found.names_contacts() {
            concealment.naming += hidden.n;
        }
        reported
    }

    /// Tracers or testers of a Blue team at work in a district audit its office.
    pub(crate) fn audit_concealment(&mut self, offers: &super::units::Offers) {
        use crate::scenario::UnitRole;
        for d in 0..self.red.concealed.len() {
            if self.red.concealed[d].is_some()
                && (offers.total(d, &UnitRole::Tracing) > 0.0
                    || offers.total(d, &UnitRole::Testing) > 0.0)
            {
                self.uncover(d, UncoveredBy::Audit);
            }
        }
    }

    /// Data shared between teams exposes concealment that has run long enough to show.
    pub(crate) fn cross_check_concealment(&mut self) {
        let now = self.now;
        for d in 0..self.red.concealed.len() {
            if self.red.concealed[d]
                .as_ref()
                .is_some_and(|c| c.since.saturating_add(CROSS_CHECK_MINUTES) <= now)
            {
                self.uncover(d, UncoveredBy::CrossCheck);
            }
        }
    }

    fn uncover(&mut self, d: usize, by: UncoveredBy) {
        let Some(concealment) = self.red.concealed[d].take() else {
            return;
        };
        let cases = concealment.hidden.n;
        self.confirm(d, concealment.hidden, Found::Reported, true);
        self.interview_later(
            d,
            Infected {
                n: concealment.naming,
                ..concealment.hidden
            },
        );
        let district = &mut self.districts[d];
        district.trust = (district.trust - UNCOVERED_TRUST).max(0.0);
        let name = self.derived.nodes[d].id.clone();
        self.emit(
            Audience::Everyone,
            EventKind::CasesUncovered {
                district: name,
                cases: cases.round() as u64,
                by,
            },
        );
    }
}

impl RedTarget {
    /// The kind of target, as refusals name it.
    pub fn key(self) -> crate::i18n::Message {
        crate::i18n::Message::new(match self {
            RedTarget::DistrictOrCity | RedTarget::District => "kind-district",
            RedTarget::Facility => "kind-facility",
            RedTarget::Agency => "kind-agency",
        })
    }
}

/// How Blue answered one of red's moves: the first counter played after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnsweredBy {
    /// A public statement (city-wide, or to the rumour's district).
    Statement,
    /// Police patrols sent to the target.
    Patrol,
    /// The site closed.
    Closure,
    /// Hidden cases uncovered (an audit, or shared data).
    Uncovered,
    /// The channel switched to a backup.
    Restore,
}

/// One red move and Blue's answer to it, if any yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedAnswer {
    /// Index in [`Exercise::red_plays`].
    pub play: usize,
    pub answered: Option<(u32, AnsweredBy)>,
}

impl Exercise {
    /// Blue's answer to each of red's moves: the first counter to it played at or after it (a
    /// statement for a rumour or fraud calls, patrols for panic buying or a crowd, closing the
    /// crowded site, an audit or shared data uncovering hidden cases, a restored channel).
    pub fn red_answers(&self) -> Vec<RedAnswer> {
        self.red
            .plays
            .iter()
            .enumerate()
            .map(|(play, p)| RedAnswer {
                play,
                answered: self.first_answer(p),
            })
            .collect()
    }

    fn first_answer(&self, play: &RedPlay) -> Option<(u32, AnsweredBy)> {
        let does = &self.scenario.red_tactic(&play.tactic)?.does;
        let target = play.target.as_deref();
        let target_place = target.and_then(|t| super::place_of(&self.derived, t));
        let target_district = target_place.map(|p| self.place_district(p));
        if let RedEffect::Conceal(_) = does {
            return self.events.iter().find_map(|e| match &e.kind {
                EventKind::CasesUncovered { district, .. }
                    if e.at >= play.at && Some(district.as_str()) == target =>
                {
                    Some((e.at, AnsweredBy::Uncovered))
                }
                _ => None,
            });
        }
        let is_patrol = |unit: &Id| {
            self.derived
                .unit_index
                .get(unit.as_str())
                .is_some_and(|&n| {
                    self.scenario.resource_types[self.units[n].resource].role == UnitRole::Patrol
                })
        };
        // Patrols sent to the target: the place itself, or anywhere in its district (a
        // district-wide or city-wide move: anywhere in it).
        let patrol_reaches = |unit: &Id, to: &Id| {
            is_patrol(unit)
                && super::place_of(&self.derived, to.as_str()).is_some_and(|place| {
                    Some(place) == target_place
                        || target_district.is_none_or(|d| self.place_district(place) == d)
                })
        };
        self.log
            .iter()
            .filter(|(at, _)| *at >= play.at)
            .find_map(|(at, command)| {
                let by = match (does, command) {
                    (RedEffect::Rumour(_), Command::Statement(s))
                        if s.district.is_none()
                            || s.district.as_ref().map(Id::as_str) == target =>
                    {
                        AnsweredBy::Statement
                    }
                    (RedEffect::Fraud(_), Command::Statement(_)) => AnsweredBy::Statement,
                    (
                        RedEffect::PanicBuying(_) | RedEffect::Crowd(_) | RedEffect::Fraud(_),
                        Command::Dispatch(super::command::Dispatch { unit, to, .. })
                        | Command::Redirect(super::command::Redirect { unit, to, .. }),
                    ) if patrol_reaches(unit, to) => AnsweredBy::Patrol,
                    (RedEffect::Crowd(_), Command::CloseFacility(f))
                        if Some(f.facility.as_str()) == target =>
                    {
                        AnsweredBy::Closure
                    }
                    (RedEffect::Disrupt(_), Command::Restore(r))
                        if Some(r.agency.as_str()) == target =>
                    {
                        AnsweredBy::Restore
                    }
                    _ => return None,
                };
                Some((*at, by))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small};

    /// The small scenario with a red cell, a market in the south and these tactics.
    const RED: &str = r#"
extra.teams: (id: "red", name: "Red cell", role: Red)
extra.facilities: (id: "market", name: "Market", kind: Market, district: "south", stock: {"kits": 1000}, operator: "police")
scenario.red: (budget: 30.0, tactics: [
    (id: "rumour", name: "Lockdown rumour", cost: 5.0, cooldown: "6h", does: Rumour((reach: 0.4, channel: "microblog"))),
    (id: "panic", name: "Panic buying", cost: 5.0, does: PanicBuying((gouging: 0.5, stock_bought: 0.3))),
    (id: "crowd", name: "Crowd at the market", cost: 5.0, does: Crowd((people: 300, disorder: 0.6))),
    (id: "conceal", name: "Hide cases", cost: 5.0, does: Conceal((share: 0.8))),
    (id: "disrupt", name: "Cut the case line", cost: 5.0, does: Disrupt((duration: "12h"))),
    (id: "fraud", name: "Fraud calls", cost: 5.0, does: Fraud((strength: 0.6))),
    (id: "dear", name: "Too dear", cost: 40.0, does: Fraud((strength: 1.0))),
])
"#;

    fn red() -> Exercise {
        small(Mode::Expected, RED)
    }

    fn play(ex: &mut Exercise, line: &str) -> Result<(), CommandError> {
        ex.apply(command(line)).map(|_| ())
    }

    #[test]
    fn the_scenario_with_a_red_cell_is_valid_and_without_a_red_team_it_is_not() {
        let ex = red();
        assert_eq!(ex.red_budget_left(), 30.0);
        assert_eq!(ex.red_tactics_for("red").count(), 7);
        assert_eq!(ex.red_tactics_for("health-team").count(), 0);
        let text = crate::sim::test_support::small_text(&RED.replace("role: Red", "role: Blue"));
        let report = crate::scenario::load_str("small.ron", &text).unwrap_err();
        assert!(
            report.render_short().contains("no team plays red"),
            "{}",
            report.render_short()
        );
    }

    #[test]
    fn red_pays_from_its_budget_waits_out_cooldowns_and_only_red_plays() {
        let mut ex = red();
        let blue = play(&mut ex, r#"RedMove(team: "health-team", tactic: "rumour")"#);
        assert_eq!(blue.unwrap_err().0.key, "refused-not-red");
        play(&mut ex, r#"RedMove(team: "red", tactic: "rumour")"#).unwrap();
        assert_eq!(ex.red_budget_left(), 25.0);
        let again = play(&mut ex, r#"RedMove(team: "red", tactic: "rumour")"#).unwrap_err();
        assert_eq!(again.0.key, "refused-action-not-now");
        ex.advance(6 * 60);
        play(&mut ex, r#"RedMove(team: "red", tactic: "rumour")"#).unwrap();
        let dear = play(&mut ex, r#"RedMove(team: "red", tactic: "dear")"#).unwrap_err();
        assert_eq!(dear.0.key, "refused-action-not-now");
        for tactic in ["panic", "fraud", "rumour"] {
            ex.advance(6 * 60);
            play(
                &mut ex,
                &format!(r#"RedMove(team: "red", tactic: "{tactic}")"#),
            )
            .unwrap();
        }
        assert_eq!(ex.red_budget_left(), 5.0);
        assert_eq!(ex.red_plays().len(), 5);
        ex.advance(6 * 60);
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "fraud", target: "north")"#,
        )
        .unwrap();
        let broke = play(&mut ex, r#"RedMove(team: "red", tactic: "panic")"#).unwrap_err();
        assert_eq!(broke.0.key, "refused-action-not-now");
        // Red's move is red's and the control cell's to see; the public sees its sign.
        let played = ex
            .events()
            .iter()
            .find(|e| matches!(e.kind, EventKind::RedPlayed { .. }))
            .unwrap();
        assert!(!played.audience.includes("health-team") && played.audience.includes("red"));
        assert!(ex.events().iter().any(|e| matches!(
            e.kind,
            EventKind::RedSign {
                sign: RedSign::Rumour,
                ..
            }
        ) && e.audience == Audience::Everyone));
    }

    #[test]
    fn a_tactic_must_be_aimed_at_what_it_needs() {
        let mut ex = red();
        for (line, key) in [
            (
                r#"RedMove(team: "red", tactic: "crowd")"#,
                "refused-red-needs-target",
            ),
            (
                r#"RedMove(team: "red", tactic: "crowd", target: "north")"#,
                "refused-no-facility",
            ),
            (
                r#"RedMove(team: "red", tactic: "conceal")"#,
                "refused-red-needs-target",
            ),
            (
                r#"RedMove(team: "red", tactic: "conceal", target: "market")"#,
                "refused-no-district",
            ),
            (
                r#"RedMove(team: "red", tactic: "disrupt", target: "north")"#,
                "refused-no-agency",
            ),
            (
                r#"RedMove(team: "red", tactic: "nothing")"#,
                "refused-no-red-tactic",
            ),
        ] {
            assert_eq!(play(&mut ex, line).unwrap_err().0.key, key, "{line}");
        }
        assert_eq!(ex.red_budget_left(), 30.0, "a refused move costs nothing");
    }

    /// Trust in the south after two days, with the moves given, then Blue's answer.
    fn south_trust(moves: &[&str]) -> f64 {
        let mut ex = red();
        for line in moves {
            play(&mut ex, line).unwrap();
        }
        ex.advance(2 * 24 * 60);
        ex.districts[1].trust
    }

    #[test]
    fn a_rumour_costs_trust_until_a_statement_answers_it() {
        let calm = south_trust(&[]);
        let rumour = r#"RedMove(team: "red", tactic: "rumour", target: "south")"#;
        let answer =
            r#"Statement(team: "health-team", district: "south", text: "No lockdown is planned.")"#;
        let unanswered = south_trust(&[rumour]);
        let answered = south_trust(&[rumour, answer]);
        assert!(unanswered < calm - 0.01, "{unanswered} vs {calm}");
        assert!(answered > unanswered, "{answered} vs {unanswered}");
        let mut ex = red();
        play(&mut ex, rumour).unwrap();
        assert!((ex.districts[1].rumour - 0.4).abs() < 1e-9);
        assert_eq!(ex.districts[0].rumour, 0.0, "aimed at the south only");
    }

    #[test]
    fn fraud_calls_wear_trust_down_and_a_statement_and_patrols_cut_them() {
        let fraud = r#"RedMove(team: "red", tactic: "fraud", target: "south")"#;
        let calm = south_trust(&[]);
        let defrauded = south_trust(&[fraud]);
        assert!(defrauded < calm - 0.01, "{defrauded} vs {calm}");
        let warned = south_trust(&[
            fraud,
            r#"Statement(team: "health-team", district: "south", text: "Officials never ask for money.")"#,
        ]);
        assert!(warned > defrauded);
        let patrolled = south_trust(&[
            fraud,
            r#"Dispatch(team: "police-team", unit: "patrol-1", to: "south", work: "2d")"#,
            r#"Dispatch(team: "police-team", unit: "patrol-2", to: "south", work: "2d")"#,
        ]);
        assert!(patrolled > defrauded, "{patrolled} vs {defrauded}");
    }

    /// A copy of the exercise with both patrols sent to work a day at a place.
    fn with_patrols(ex: &Exercise, place: &str) -> Exercise {
        let mut patrolled = ex.clone();
        for n in 1..=2 {
            let order = format!(
                r#"Dispatch(team: "police-team", unit: "patrol-{n}", to: "{place}", work: "1d")"#
            );
            play(&mut patrolled, &order).unwrap();
        }
        patrolled
    }

    #[test]
    fn panic_buying_empties_the_markets_and_raises_prices_until_patrols_calm_them() {
        let mut ex = red();
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "panic", target: "south")"#,
        )
        .unwrap();
        let market = ex.derived.facility_index["market"];
        assert_eq!(ex.facilities[market].stock["kits"], 700);
        assert!((ex.districts[1].gouging - 0.5).abs() < 1e-9);
        assert_eq!(ex.districts[0].gouging, 0.0);
        let mut patrolled = with_patrols(&ex, "south");
        ex.advance(24 * 60);
        patrolled.advance(24 * 60);
        assert!(patrolled.districts[1].gouging < ex.districts[1].gouging - 0.05);
    }

    #[test]
    fn a_crowd_gathers_at_its_site_and_officers_there_disperse_the_trouble() {
        let mut ex = red();
        let crowds = ex.crowds.len();
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "crowd", target: "market")"#,
        )
        .unwrap();
        let market = ex.derived.facility_index["market"];
        assert!((ex.facilities[market].disorder - 0.6).abs() < 1e-9);
        assert_eq!(ex.crowds.len(), crowds + 1);
        assert_eq!(ex.crowds.last().unwrap().people, 300.0);
        let mut policed = with_patrols(&ex, "market");
        ex.advance(24 * 60);
        policed.advance(24 * 60);
        assert!(policed.facilities[market].disorder < ex.facilities[market].disorder);
    }

    /// An outbreak in the south that the clinic finds, with a district office told to hide.
    fn outbreak(conceal: bool) -> Exercise {
        let mut ex = red();
        ex.seed_cases(1, 300.0, false, false);
        if conceal {
            play(
                &mut ex,
                r#"RedMove(team: "red", tactic: "conceal", target: "south")"#,
            )
            .unwrap();
        }
        ex.advance(18 * 60);
        ex
    }

    #[test]
    fn concealed_cases_go_uncounted_until_an_audit_uncovers_them() {
        let open = outbreak(false);
        let hidden = outbreak(true);
        assert!(
            open.districts[1].confirmed > 5.0,
            "{}",
            open.districts[1].confirmed
        );
        assert!(
            hidden.districts[1].confirmed < open.districts[1].confirmed * 0.5,
            "{} vs {}",
            hidden.districts[1].confirmed,
            open.districts[1].confirmed
        );
        let kept = hidden.red.concealed[1].as_ref().unwrap().hidden.n;
        assert!(kept > 0.0);
        let mut audited = hidden.clone();
        let trust = audited.districts[1].trust;
        play(
            &mut audited,
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "south", work: "1d")"#,
        )
        .unwrap();
        audited.advance(12 * 60);
        assert!(audited.red.concealed[1].is_none());
        let uncovered = audited
            .events()
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::CasesUncovered { cases, by, .. } => Some((*cases, *by)),
                _ => None,
            })
            .expect("the audit uncovers the hidden cases");
        assert_eq!(uncovered.1, UncoveredBy::Audit);
        assert!(uncovered.0 as f64 >= kept.floor());
        assert!(audited.districts[1].confirmed >= hidden.districts[1].confirmed + kept - 1e-6);
        assert!(audited.districts[1].trust < trust);
    }

    #[test]
    fn shared_data_exposes_concealment_once_a_days_figures_can_be_compared() {
        let share = r#"Share(team: "health-team", with: ["police-team"], text: "Daily figures")"#;
        let mut early = outbreak(true);
        play(&mut early, share).unwrap();
        assert!(early.red.concealed[1].is_some(), "too early to compare");
        let mut later = outbreak(true);
        later.advance(6 * 60);
        play(&mut later, share).unwrap();
        assert!(later.red.concealed[1].is_none());
        assert!(later.events().iter().any(|e| matches!(
            e.kind,
            EventKind::CasesUncovered {
                by: UncoveredBy::CrossCheck,
                ..
            }
        )));
    }

    #[test]
    fn a_disrupted_channel_stops_reports_until_it_is_restored_or_the_disruption_ends() {
        let report = r#"Report(team: "health-team", from: "health", to: "police")"#;
        let mut ex = red();
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "disrupt", target: "health")"#,
        )
        .unwrap();
        assert_eq!(ex.channel_down("health"), Some(12 * 60));
        assert_eq!(
            play(&mut ex, report).unwrap_err().0.key,
            "refused-channel-down"
        );
        let mut restored = ex.clone();
        let wrong = play(
            &mut restored,
            r#"Restore(team: "police-team", agency: "health")"#,
        );
        assert_eq!(wrong.unwrap_err().0.key, "refused-not-their-agency");
        play(
            &mut restored,
            r#"Restore(team: "health-team", agency: "health")"#,
        )
        .unwrap();
        let twice = play(
            &mut restored,
            r#"Restore(team: "health-team", agency: "health")"#,
        );
        assert_eq!(twice.unwrap_err().0.key, "refused-channel-restoring");
        restored.advance(RESTORE_MINUTES);
        assert_eq!(restored.channel_down("health"), None);
        play(&mut restored, report).unwrap();
        assert!(restored.events().iter().any(
            |e| matches!(&e.kind, EventKind::ChannelBack { agency } if agency == "health")
                && e.audience.includes("health-team")
        ));
        // Left alone, it comes back when the disruption ends.
        ex.advance(12 * 60 - 1);
        assert!(ex.channel_down("health").is_some());
        ex.advance(1);
        assert_eq!(ex.channel_down("health"), None);
        let up = play(&mut ex, r#"Restore(team: "health-team", agency: "health")"#);
        assert_eq!(up.unwrap_err().0.key, "refused-channel-up");
    }

    #[test]
    fn red_play_replays_the_same() {
        let lines = [
            r#"RedMove(team: "red", tactic: "rumour", target: "north")"#,
            r#"RedMove(team: "red", tactic: "conceal", target: "south")"#,
            r#"RedMove(team: "red", tactic: "crowd", target: "market")"#,
        ];
        let run = || {
            let mut ex = small(Mode::Stochastic, RED);
            ex.seed_cases(1, 200.0, false, false);
            for line in lines {
                play(&mut ex, line).unwrap();
                ex.advance(8 * 60);
            }
            ex.advance(3 * 24 * 60);
            (
                ex.events().to_vec(),
                ex.districts[1].confirmed,
                ex.districts[0].trust,
            )
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn each_move_is_answered_by_the_first_counter_played_after_it() {
        let mut ex = red();
        // A statement before the rumour does not answer it.
        play(
            &mut ex,
            r#"Statement(team: "health-team", district: "north", text: "Wash hands.")"#,
        )
        .unwrap();
        ex.advance(60);
        for line in [
            r#"RedMove(team: "red", tactic: "rumour", target: "south")"#,
            r#"RedMove(team: "red", tactic: "crowd", target: "market")"#,
            r#"RedMove(team: "red", tactic: "disrupt", target: "health")"#,
            r#"RedMove(team: "red", tactic: "fraud", target: "north")"#,
        ] {
            play(&mut ex, line).unwrap();
        }
        let answers = |ex: &Exercise| -> Vec<Option<(u32, AnsweredBy)>> {
            ex.red_answers().into_iter().map(|a| a.answered).collect()
        };
        assert_eq!(answers(&ex), vec![None; 4]);
        ex.advance(60);
        // A statement to another district answers neither the south's rumour nor... it warns
        // the public of the fraud calls, wherever they are.
        play(&mut ex, r#"Statement(team: "health-team", district: "north", text: "Officials never ask for money.")"#).unwrap();
        ex.advance(60);
        play(
            &mut ex,
            r#"Dispatch(team: "police-team", unit: "patrol-1", to: "market")"#,
        )
        .unwrap();
        play(
            &mut ex,
            r#"Statement(team: "health-team", text: "No lockdown is planned.")"#,
        )
        .unwrap();
        let now = ex.now();
        assert_eq!(
            answers(&ex),
            vec![
                Some((now, AnsweredBy::Statement)),
                Some((now, AnsweredBy::Patrol)),
                None,
                Some((now - 60, AnsweredBy::Statement)),
            ]
        );
        ex.advance(30);
        play(&mut ex, r#"Restore(team: "health-team", agency: "health")"#).unwrap();
        assert_eq!(answers(&ex)[2], Some((ex.now(), AnsweredBy::Restore)));
    }

    #[test]
    fn hidden_cases_are_answered_when_they_come_out_and_a_closed_site_ends_a_crowd() {
        let mut ex = red();
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "conceal", target: "south")"#,
        )
        .unwrap();
        play(
            &mut ex,
            r#"RedMove(team: "red", tactic: "crowd", target: "market")"#,
        )
        .unwrap();
        play(
            &mut ex,
            r#"CloseFacility(team: "police-team", facility: "market")"#,
        )
        .unwrap();
        let crowd = ex.red_answers()[1].answered;
        assert_eq!(crowd, Some((ex.now(), AnsweredBy::Closure)));
        assert_eq!(ex.red_answers()[0].answered, None);
        ex.advance(3 * 24 * 60);
        play(
            &mut ex,
            r#"Dispatch(team: "health-team", unit: "tracers-1", to: "south", work: "1d")"#,
        )
        .unwrap();
        ex.advance(24 * 60);
        let uncovered = ex
            .events()
            .iter()
            .find_map(|e| matches!(e.kind, EventKind::CasesUncovered { .. }).then_some(e.at));
        assert_eq!(
            ex.red_answers()[0].answered,
            uncovered.map(|at| (at, AnsweredBy::Uncovered)),
            "the audit found them"
        );
        assert!(uncovered.is_some(), "tracers at work audit the district");
    }
}
