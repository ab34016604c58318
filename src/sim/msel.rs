//! The MSEL at run time: scheduled and conditional injects, their effects on the world, and
//! the deadlines they and the reporting rules create.

use super::{
    ActionKind, ActionRecord, Audience, EventKind, Exercise, ExpectationState, InjectStatus, Place,
};
use crate::scenario::{ActionCheck, CaseState, Condition, Effect, Inject, ReportTrigger, Trigger};

/// Calls `consider` with the minutes at which a condition may start to hold without any
/// change of state: deadlines of `NotDone` and follow-up delays of `AfterInject`.
pub(crate) fn condition_times(
    condition: &Condition,
    fired: &impl Fn(&str) -> Option<u32>,
    consider: &mut impl FnMut(u32),
) {
    match condition {
        Condition::NotDone(n) => consider(n.by.minutes()),
        Condition::AfterInject(a) => {
            if let Some(at) = fired(a.inject.as_str()) {
                consider(at.saturating_add(a.delay.get()));
            }
        }
        Condition::All(parts) | Condition::Any(parts) => parts
            .iter()
            .for_each(|p| condition_times(p, fired, consider)),
        _ => {}
    }
}

/// Whether a recorded action fulfils an expected one.
pub(crate) fn action_matches(check: &ActionCheck, action: &ActionKind) -> bool {
    match (check, action) {
        (ActionCheck::Dispatch(c), ActionKind::Dispatch { role, to }) => {
            c.role.as_ref().is_none_or(|r| r == role)
                && c.to.as_ref().is_none_or(|t| t.as_str() == to)
        }
        (ActionCheck::Report(c), ActionKind::Report { to }) => {
            c.to.as_ref().is_none_or(|t| t.as_str() == to)
        }
        (ActionCheck::Measure(c), ActionKind::Measure { district, level }) => {
            c.district.as_ref().is_none_or(|d| d.as_str() == district)
                && c.level.as_ref().is_none_or(|l| l == level)
        }
        (ActionCheck::Share(c), ActionKind::Share { with }) => c
            .with
            .as_ref()
            .is_none_or(|t| with.iter().any(|w| w == t.as_str())),
        (ActionCheck::RequestAid(c), ActionKind::RequestAid { from }) => {
            c.from.as_ref().is_none_or(|t| t.as_str() == from)
        }
        (
            ActionCheck::Gathering(c),
            ActionKind::Gathering {
                gathering,
                decision,
            },
        ) => {
            c.gathering.as_ref().is_none_or(|g| g.as_str() == gathering)
                && c.decision.as_ref().is_none_or(|d| *d == decision.choice())
        }
        (ActionCheck::AnswerAid, ActionKind::AnswerAid)
        | (ActionCheck::Statement, ActionKind::Statement)
        | (ActionCheck::Activate, ActionKind::Activate) => true,
        _ => false,
    }
}

impl Exercise {
    pub(crate) fn fire_scheduled_injects(&mut self) {
        for n in 0..self.injects.len() {
            if self.injects[n].status != InjectStatus::Pending {
                continue;
            }
            if let Trigger::At(at) = &self.scenario.injects[n].trigger
                && at.minutes().saturating_add(self.injects[n].delay) <= self.now
            {
                self.fire(n);
            }
        }
    }

    pub(crate) fn fire_conditional_injects(&mut self) {
        // A fired inject can make another's condition true (`AfterInject` with no delay).
        loop {
            let mut fired_any = false;
            for n in 0..self.injects.len() {
                if self.injects[n].status != InjectStatus::Pending {
                    continue;
                }
                if let Trigger::When(condition) = &self.scenario.injects[n].trigger
                    && self.holds(condition)
                {
                    self.fire(n);
                    fired_any = true;
                }
            }
            if !fired_any {
                break;
            }
        }
    }

    /// Whether a condition holds now.
    pub fn holds(&self, condition: &Condition) -> bool {
        let in_scope = |district: &Option<crate::scenario::Id>| -> Vec<usize> {
            match district {
                Some(d) => self
                    .derived
                    .district_index
                    .get(d.as_str())
                    .copied()
                    .into_iter()
                    .collect(),
                None => (0..self.districts.len()).collect(),
            }
        };
        match condition {
            Condition::ConfirmedAtLeast(t) => {
                in_scope(&t.district)
                    .iter()
                    .map(|&d| self.districts[d].confirmed)
                    .sum::<f64>()
                    >= t.count as f64
            }
            Condition::InfectedAtLeast(t) => {
                in_scope(&t.district)
                    .iter()
                    .map(|&d| self.districts[d].infections)
                    .sum::<f64>()
                    >= t.count as f64
            }
            Condition::DeathsAtLeast(t) => {
                in_scope(&t.district)
                    .iter()
                    .map(|&d| self.districts[d].epi.d)
                    .sum::<f64>()
                    >= t.count as f64
            }
            Condition::HospitalLoadAtLeast(load) => {
                let hospitals: Vec<usize> = match &load.facility {
                    Some(f) => self
                        .derived
                        .hospitals
                        .iter()
                        .position(|&h| self.scenario.facilities[h].id == *f)
                        .into_iter()
                        .collect(),
                    None => (0..self.derived.hospitals.len()).collect(),
                };
                let capacity: f64 = hospitals.iter().map(|&h| self.hospital_capacity(h)).sum();
                let used: f64 = hospitals.iter().map(|&h| self.hospital_occupancy(h)).sum();
                capacity > 0.0 && used / capacity >= load.share.get()
            }
            Condition::TrustBelow(level) => {
                let scope = in_scope(&level.district);
                let people: f64 = scope
                    .iter()
                    .map(|&d| self.scenario.city.districts[d].population as f64)
                    .sum();
                let trust: f64 = scope
                    .iter()
                    .map(|&d| {
                        self.districts[d].trust * self.scenario.city.districts[d].population as f64
                    })
                    .sum();
                people > 0.0 && trust / people < level.level.get()
            }
            Condition::StockBelow(level) => {
                let total: u64 = self
                    .scenario
                    .facilities
                    .iter()
                    .zip(&self.facilities)
                    .filter(|(f, _)| level.facility.as_ref().is_none_or(|id| *id == f.id))
                    .map(|(_, s)| s.stock.get(level.supply.as_str()).copied().unwrap_or(0))
                    .sum();
                total < level.quantity
            }
            Condition::NotDone(n) => {
                self.now >= n.by.minutes()
                    && !self.actions.iter().any(|a| {
                        a.team == n.team.as_str()
                            && a.at <= n.by.minutes()
                            && action_matches(&n.action, &a.kind)
                    })
            }
            Condition::AfterInject(a) => self
                .fired_at(a.inject.as_str())
                .is_some_and(|at| self.now >= at.saturating_add(a.delay.get())),
            Condition::All(parts) => parts.iter().all(|p| self.holds(p)),
            Condition::Any(parts) => parts.iter().any(|p| self.holds(p)),
        }
    }

    /// Fires an inject of the MSEL now: message, effects, expectations, reports.
    pub(crate) fn fire(&mut self, n: usize) {
        let scenario = self.scenario.clone();
        let inject = &scenario.injects[n];
        let state = &mut self.injects[n];
        state.status = InjectStatus::Fired(self.now);
        let (title, message) = (state.title.clone(), state.message.clone());
        self.deliver(inject, title, message);
        self.open_reports(&ReportTrigger::Inject(inject.id.clone()));
    }

    /// Delivers an inject's message and applies its effects (also for composed injects).
    pub(crate) fn deliver(&mut self, inject: &Inject, title: String, message: String) {
        let audience = self.audience_of(&inject.to);
        let Audience::Teams(teams) = audience.clone() else {
            unreachable!("audience_of lists teams")
        };
        self.emit(
            audience,
            EventKind::InjectFired {
                inject: inject.id.name.clone(),
                title,
                channel: inject.channel.clone(),
                from: inject.from.clone(),
                message,
            },
        );
        for effect in &inject.effects {
            self.apply_effect(effect);
        }
        for expectation in &inject.expects {
            let expected_teams: Vec<String> = match &expectation.team {
                Some(t) => vec![t.name.clone()],
                None => teams.clone(),
            };
            for team in expected_teams {
                let in_place = expectation
                    .check
                    .as_ref()
                    .is_some_and(|check| self.already_in_place(&team, check));
                self.expectations.push(ExpectationState {
                    inject: inject.id.name.clone(),
                    team: team.clone(),
                    text: expectation.text.clone(),
                    check: expectation.check.clone(),
                    fired_at: self.now,
                    due: self.now.saturating_add(expectation.within.get()),
                    met_at: in_place.then_some(self.now),
                    already_in_place: in_place,
                    missed_noted: false,
                });
                if in_place {
                    self.emit(
                        Audience::Control,
                        EventKind::ExpectationMet {
                            inject: inject.id.name.clone(),
                            team,
                            text: expectation.text.clone(),
                            after_minutes: 0,
                        },
                    );
                }
            }
        }
    }

    pub(crate) fn apply_effect(&mut self, effect: &Effect) {
        let index = |exercise: &Self, id: &crate::scenario::Id| {
            exercise.derived.district_index.get(id.as_str()).copied()
        };
        let now = self.now;
        match effect {
            Effect::NewCases(e) => {
                if let Some(d) = index(self, &e.district) {
                    self.seed_cases(
                        d,
                        f64::from(e.count),
                        e.state == CaseState::Exposed,
                        e.confirmed,
                    );
                }
            }
            Effect::Contacts(e) => {
                if let Some(d) = index(self, &e.district) {
                    let share = e
                        .infected_share
                        .unwrap_or(self.scenario.surveillance.contact_infection_share)
                        .get();
                    self.expose_and_name(d, f64::from(e.count), share);
                }
            }
            Effect::RoadClosure(e) => {
                if let Some(d) = index(self, &e.district) {
                    self.districts[d].road_closed_until = now.saturating_add(e.duration.get());
                    self.districts[d].road_slowdown = e.slowdown.get();
                }
            }
            Effect::SupplyDelay(e) => {
                let until = self.supply_delays.entry(e.supply.name.clone()).or_insert(0);
                *until = (*until).max(now) + e.delay.get();
            }
            Effect::StockLoss(e) => {
                if let Some(&f) = self.derived.facility_index.get(e.facility.as_str())
                    && let Some(stock) = self.facilities[f].stock.get_mut(e.supply.as_str())
                {
                    *stock = stock.saturating_sub(e.quantity);
                }
            }
            Effect::Rumour(e) => {
                for d in self.scope(&e.district) {
                    let district = &mut self.districts[d];
                    district.rumour = (district.rumour + e.reach.get()).min(1.0);
                }
            }
            Effect::TrustShift(e) => {
                for d in self.scope(&e.district) {
                    let district = &mut self.districts[d];
                    district.trust = (district.trust + e.change).clamp(0.0, 1.0);
                }
            }
            Effect::Disorder(e) => match super::place_of(&self.derived, e.place.as_str()) {
                Some(Place::Facility(f)) => {
                    self.facilities[f].disorder =
                        (self.facilities[f].disorder + e.severity.get()).min(1.0)
                }
                Some(Place::District(d)) => {
                    self.districts[d].disorder =
                        (self.districts[d].disorder + e.severity.get()).min(1.0)
                }
                None => {}
            },
            Effect::PriceGouging(e) => {
                for d in self.scope(&e.district) {
                    let district = &mut self.districts[d];
                    district.gouging = (district.gouging + e.severity.get()).min(1.0);
                }
            }
            Effect::Gathering(e) => self.gather_crowd(e),
            Effect::CapacityLoss(e) => {
                if let Some(&f) = self.derived.facility_index.get(e.facility.as_str()) {
                    self.facilities[f].beds_lost =
                        self.facilities[f].beds_lost.saturating_add(e.beds);
                }
            }
        }
    }

    /// Deadlines reached now: overdue reports, missed expectations, unanswered requests.
    pub(crate) fn check_deadlines(&mut self) {
        let now = self.now;
        self.check_report_deadlines();
        for n in 0..self.expectations.len() {
            let e = &self.expectations[n];
            if e.met_at.is_none() && !e.missed_noted && e.due <= now {
                let e = e.clone();
                self.expectations[n].missed_noted = true;
                let (inject, team, text) = (e.inject, e.team, e.text);
                self.emit(
                    Audience::Control,
                    EventKind::ExpectationMissed { inject, team, text },
                );
            }
        }
        for n in 0..self.requests.len() {
            let a = &self.requests[n];
            if a.answered.is_none() && !a.unanswered_noted && a.due <= now {
                let a = a.clone();
                self.requests[n].unanswered_noted = true;
                let (request, from_team, to_team) = (a.number, a.from_team, a.to_team);
                self.emit(
                    Audience::Teams(vec![from_team.clone(), to_team.clone()]),
                    EventKind::AidUnanswered {
                        request,
                        from_team,
                        to_team,
                    },
                );
            }
        }
    }

    /// Whether what an inject asks of a team is already in place when it fires: units of the
    /// role at (or on their way to) the place named, the district already at the level asked,
    /// the command already activated. A report or a statement must come after the news.
    fn already_in_place(&self, team: &str, check: &ActionCheck) -> bool {
        match check {
            ActionCheck::Dispatch(c) => {
                let Some(place) = c.to.as_ref().and_then(|to| self.place_index(to.as_str())) else {
                    return false;
                };
                match &c.role {
                    Some(role) => self.unit_at_or_bound_for(team, role, place),
                    None => crate::sim::units::WORK_ROLES
                        .iter()
                        .chain(std::iter::once(&crate::scenario::UnitRole::Supply))
                        .any(|role| self.unit_at_or_bound_for(team, role, place)),
                }
            }
            ActionCheck::Measure(c) => {
                let Some(&d) = c
                    .district
                    .as_ref()
                    .and_then(|d| self.derived.district_index.get(d.as_str()))
                else {
                    return false;
                };
                let level = &self.districts[d].level;
                match &c.level {
                    Some(wanted) => level == wanted,
                    None => *level != crate::scenario::ControlLevel::Normal,
                }
            }
            ActionCheck::Activate => self.activations.contains_key(team),
            // Decided before the inject asked: the decision stands.
            ActionCheck::Gathering(_) => self
                .actions
                .iter()
                .any(|a| a.team == team && action_matches(check, &a.kind)),
            _ => false,
        }
    }

    /// Records a player action and marks the expectations it fulfils.
    pub(crate) fn record_action(&mut self, team: &str, kind: ActionKind) {
        let now = self.now;
        for n in 0..self.expectations.len() {
            let e = &self.expectations[n];
            let fulfils = e.team == team
                && e.met_at.is_none()
                && e.check.as_ref().is_some_and(|c| action_matches(c, &kind));
            if fulfils {
                let e = e.clone();
                self.expectations[n].met_at = Some(now);
                let (inject, text, after_minutes) = (e.inject, e.text, now - e.fired_at);
                self.emit(
                    Audience::Control,
                    EventKind::ExpectationMet {
                        inject,
                        team: team.to_string(),
                        text,
                        after_minutes,
                    },
                );
            }
        }
        self.actions.push(ActionRecord {
            at: now,
            team: team.to_string(),
            kind,
        });
    }
}
