//! The MSEL at run time: scheduled and conditional injects, their effects on the world, and
//! the deadlines they and the reporting rules create.

use super::effects::Actor;
use super::{
    ActionKind, ActionRecord, Audience, EventKind, Exercise, ExpectationState, InjectStatus,
};
use crate::scenario::{ActionCheck, Condition, Inject, ReportTrigger, Trigger};

/// Calls `consider` with the minutes at which a condition may start to hold without any
/// change of state: deadlines of `NotDone` and follow-up delays of `AfterInject`.
pub(crate) fn condition_times(
    condition: &Condition,
    fired: &impl Fn(&str) -> Option<u32>,
    consider: &mut impl FnMut(u32),
) {
    match condition {
        Condition::NotDone(n) => consider(n.by.minutes()),
        Condition::Done(d) => {
            if let Some(by) = &d.by {
                consider(by.minutes().saturating_add(1));
            }
        }
        Condition::Not(inner) => condition_times(inner, fired, consider),
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
        // Sealing a building is a measure in its district.
        (
            ActionCheck::Measure(c),
            ActionKind::Zone {
                district, level, ..
            },
        ) => {
            c.district.as_ref().is_none_or(|d| d.as_str() == district)
                && c.level
                    .as_ref()
                    .is_none_or(|l| *l == level.district_equivalent())
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
        (ActionCheck::Decide(c), ActionKind::Decide { decision, option }) => {
            c.decision.as_ref().is_none_or(|d| d.as_str() == decision)
                && c.option.as_ref().is_none_or(|o| o.as_str() == option)
        }
        (ActionCheck::Action(c), ActionKind::Action { id }) => {
            c.action.as_ref().is_none_or(|a| a.as_str() == id)
        }
        (ActionCheck::Facility(c), ActionKind::Facility { facility, open }) => {
            c.facility.as_ref().is_none_or(|f| f.as_str() == facility)
                && c.open.is_none_or(|o| o == *open)
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
            // Fired by a decision or an action: whatever its trigger, and its `only_if`.
            if self.injects[n].forced_at.is_some_and(|at| at <= self.now) {
                self.fire(n);
                continue;
            }
            let inject = &self.scenario.injects[n];
            if let Trigger::At(at) = &inject.trigger
                && at.minutes().saturating_add(self.injects[n].delay) <= self.now
            {
                match &inject.only_if {
                    Some(condition) if !self.holds(condition) => {
                        self.injects[n].status = InjectStatus::Skipped;
                        self.emit(
                            Audience::Control,
                            EventKind::InjectDropped {
                                inject: inject.id.name.clone(),
                            },
                        );
                    }
                    _ => self.fire(n),
                }
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
                let inject = &self.scenario.injects[n];
                if let Trigger::When(condition) = &inject.trigger
                    && self.holds(condition)
                    && inject.only_if.as_ref().is_none_or(|c| self.holds(c))
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
        // A district's counts include its places'.
        let in_scope = |district: &Option<crate::scenario::Id>| -> Vec<usize> {
            match district {
                Some(d) => match self.derived.district_index.get(d.as_str()) {
                    Some(&d) => self.district_and_places(d).collect(),
                    None => Vec::new(),
                },
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
                let scope: Vec<usize> = in_scope(&level.district)
                    .into_iter()
                    .filter(|&d| d < self.district_count())
                    .collect();
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
            Condition::Done(done) => self.actions.iter().any(|a| {
                done.team.as_ref().is_none_or(|t| a.team == t.as_str())
                    && done.by.as_ref().is_none_or(|by| a.at <= by.minutes())
                    && action_matches(&done.action, &a.kind)
            }),
            Condition::ContactsTracedBelow(c) | Condition::ContactsQuarantinedBelow(c) => {
                let scope = in_scope(&c.district);
                let named: f64 = scope
                    .iter()
                    .map(|&d| self.districts[d].contacts_named)
                    .sum();
                let done: f64 = scope
                    .iter()
                    .map(|&d| match condition {
                        Condition::ContactsTracedBelow(_) => self.districts[d].contacts_reached,
                        _ => self.districts[d].contacts_quarantined,
                    })
                    .sum();
                named >= c.min_named.max(1) as f64 && done < c.share.get() * named
            }
            Condition::Decided(check) => self
                .decision_state(check.decision.as_str())
                .and_then(|d| d.settled.as_ref())
                .is_some_and(|s| check.option.as_ref().is_none_or(|o| s.option == o.as_str())),
            Condition::Not(inner) => !self.holds(inner),
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
        let teams: Vec<String> = match &inject.to {
            crate::scenario::Recipients::All => self
                .scenario
                .blue_teams()
                .map(|t| t.id.name.clone())
                .collect(),
            crate::scenario::Recipients::Listed(to) => match self.audience_of(to) {
                Audience::Teams(teams) => teams,
                _ => Vec::new(),
            },
        };
        let audience = Audience::Teams(teams.clone());
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
        self.apply_effects(&inject.effects, Actor::Scenario);
        self.open_decision(inject, &teams);
        for (index, expectation) in inject.expects.iter().enumerate() {
            // An inject to every team asks any one of them, unless it names the team.
            let expected_teams: Vec<Option<String>> = match (&expectation.team, &inject.to) {
                (Some(t), _) => vec![Some(t.name.clone())],
                (None, crate::scenario::Recipients::All) => vec![None],
                (None, _) => teams.iter().cloned().map(Some).collect(),
            };
            for team in expected_teams {
                let in_place_by = expectation.check.as_ref().and_then(|check| match &team {
                    Some(t) => self.already_in_place(t, check).then(|| t.clone()),
                    None => teams
                        .iter()
                        .find(|t| self.already_in_place(t, check))
                        .cloned(),
                });
                let in_place = in_place_by.is_some();
                self.expectations.push(ExpectationState {
                    inject: inject.id.name.clone(),
                    index: index as u32 + 1,
                    team: team.clone(),
                    met_by: in_place_by.clone(),
                    text: expectation.text.clone(),
                    check: expectation.check.clone(),
                    fired_at: self.now,
                    due: self.now.saturating_add(expectation.within.get()),
                    met_at: in_place.then_some(self.now),
                    already_in_place: in_place,
                    missed_noted: false,
                    judged: None,
                });
                if let Some(by) = in_place_by {
                    self.emit(
                        Audience::Control,
                        EventKind::ExpectationMet {
                            inject: inject.id.name.clone(),
                            team: by,
                            text: expectation.text.clone(),
                            after_minutes: 0,
                        },
                    );
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
            // An action no command shows waits for an evaluator's judgement instead.
            if e.check.is_some() && e.met_at.is_none() && !e.missed_noted && e.due <= now {
                let e = e.clone();
                self.expectations[n].missed_noted = true;
                // Empty when any team was asked: readers word it in their language.
                let team = e.team_concerned().unwrap_or_default().to_string();
                let (inject, text) = (e.inject, e.text);
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
            // Decided (or done) before the inject asked: it stands.
            ActionCheck::Gathering(_) | ActionCheck::Decide(_) | ActionCheck::Action(_) => self
                .actions
                .iter()
                .any(|a| a.team == team && action_matches(check, &a.kind)),
            // The facility is already as asked (closed before the inject said to close it).
            ActionCheck::Facility(c) => c.facility.as_ref().is_some_and(|f| {
                self.derived
                    .facility_index
                    .get(f.as_str())
                    .is_some_and(|&n| c.open.is_some_and(|o| self.facilities[n].open == o))
            }),
            _ => false,
        }
    }

    /// Records a player action and marks the expectations it fulfils.
    pub(crate) fn record_action(&mut self, team: &str, kind: ActionKind) {
        let now = self.now;
        for n in 0..self.expectations.len() {
            let e = &self.expectations[n];
            let asked = match &e.team {
                Some(t) => t == team,
                None => self.scenario.team(team).is_some(),
            };
            let fulfils = asked
                && e.met_at.is_none()
                && e.check.as_ref().is_some_and(|c| action_matches(c, &kind));
            if fulfils {
                let e = e.clone();
                self.expectations[n].met_at = Some(now);
                self.expectations[n].met_by = Some(team.to_string());
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

#[cfg(test)]
mod tests {
    use crate::sim::test_support::{command, small};
    use crate::sim::{EventKind, InjectStatus, Mode};

    /// An expected measure is met by that level in that district, not by another level.
    #[test]
    fn an_expected_measure_is_met_by_its_level_and_district() {
        use crate::scenario::{ActionCheck, ControlLevel, Id, MeasureCheck};
        use crate::sim::ActionKind;
        let check = ActionCheck::Measure(MeasureCheck {
            district: Some(Id::new("north")),
            level: Some(ControlLevel::Closed),
        });
        let ordered = |district: &str, level| ActionKind::Measure {
            district: district.into(),
            level,
        };
        assert!(super::action_matches(
            &check,
            &ordered("north", ControlLevel::Closed)
        ));
        assert!(!super::action_matches(
            &check,
            &ordered("north", ControlLevel::Enhanced)
        ));
        assert!(!super::action_matches(
            &check,
            &ordered("south", ControlLevel::Closed)
        ));
        let any_level = ActionCheck::Measure(MeasureCheck {
            district: None,
            level: None,
        });
        assert!(super::action_matches(
            &any_level,
            &ordered("south", ControlLevel::Enhanced)
        ));
    }

    /// A condition that something be done by a deadline wakes the exercise the minute after
    /// it, when it can first be judged done or not.
    #[test]
    fn a_deadline_in_a_condition_wakes_the_exercise() {
        let condition = crate::scenario::Condition::Done(
            crate::scenario::decode::Decode::decode(
                &crate::scenario::ron_tree::parse(r#"(action: Activate, by: "2h")"#).unwrap(),
                &mut crate::scenario::decode::Decoder::default(),
            )
            .unwrap(),
        );
        let mut times = Vec::new();
        super::condition_times(&condition, &|_| None, &mut |t| times.push(t));
        assert_eq!(times, [121]);
    }

    /// An inject to `All` reaches every Blue team, and one of them acting meets it.
    #[test]
    fn an_inject_to_all_is_met_by_any_team() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [(id: "I-1", title: "Alert", trigger: At("1h"), to: All, message: "Cases reported", expects: [(text: "Someone reports up", check: Report(()), within: "2h")])]"#,
        );
        ex.advance(60);
        assert!(
            ex.events_for("police-team")
                .any(|e| matches!(e.kind, EventKind::InjectFired { .. }))
        );
        assert_eq!(
            ex.expectations().len(),
            1,
            "one expectation, not one per team"
        );
        ex.apply(command(
            r#"Report(team: "police-team", from: "police", to: "health")"#,
        ))
        .unwrap();
        let e = &ex.expectations()[0];
        assert_eq!(
            (e.team.as_deref(), e.met_by.as_deref()),
            (None, Some("police-team"))
        );
        assert!(e.concerns("police-team") && !e.concerns("health-team"));
    }

    /// `only_if` drops a scheduled inject whose condition does not hold at its time; `Not` and
    /// `Done` read as they say.
    #[test]
    fn only_if_drops_an_inject_and_not_and_done_combine() {
        let text = r#"scenario.injects: [
            (id: "I-1", title: "Praise", trigger: At("2h"), to: ["health-team"], message: "Well done", only_if: Done((team: "health-team", action: Activate, by: "1h"))),
            (id: "I-2", title: "Reminder", trigger: At("2h"), to: ["health-team"], message: "Activate!", only_if: Not(Done((action: Activate)))),
        ]"#;
        let mut ex = small(Mode::Expected, text);
        ex.apply(command(r#"Activate(team: "health-team")"#))
            .unwrap();
        ex.advance(2 * 60);
        assert_eq!(ex.injects()[0].status, InjectStatus::Fired(120));
        assert_eq!(ex.injects()[1].status, InjectStatus::Skipped);
        assert!(
            ex.events()
                .iter()
                .any(|e| matches!(&e.kind, EventKind::InjectDropped { inject } if inject == "I-2"))
        );

        let mut late = small(Mode::Expected, text);
        late.advance(90);
        late.apply(command(r#"Activate(team: "health-team")"#))
            .unwrap();
        late.advance(30);
        assert_eq!(
            late.injects()[0].status,
            InjectStatus::Skipped,
            "activated after 1h"
        );
        assert_eq!(late.injects()[1].status, InjectStatus::Skipped);
    }

    /// "If fewer than 70% of contacts are traced by 24:00": the share counts the contacts of
    /// the district (its places included), and says nothing before any is named.
    #[test]
    fn contact_shares_compare_reached_and_quarantined_to_named() {
        let mut ex = small(Mode::Expected, "");
        let below = |ex: &crate::sim::Exercise, traced: bool, district: Option<&str>| {
            let share = crate::scenario::ContactShare {
                share: crate::scenario::Fraction(0.7),
                district: district.map(crate::scenario::Id::new),
                min_named: 1,
            };
            ex.holds(&if traced {
                crate::scenario::Condition::ContactsTracedBelow(share)
            } else {
                crate::scenario::Condition::ContactsQuarantinedBelow(share)
            })
        };
        assert!(!below(&ex, true, None), "nothing named: nothing below");
        ex.districts[0].contacts_named = 100.0;
        ex.districts[0].contacts_reached = 80.0;
        ex.districts[0].contacts_quarantined = 60.0;
        assert!(!below(&ex, true, None));
        assert!(below(&ex, false, None));
        assert!(below(&ex, false, Some("north")));
        assert!(
            !below(&ex, false, Some("south")),
            "nothing named in the south"
        );
    }

    /// "When the hospital is 60% full": patients in its beds over the beds it has, of one
    /// hospital or of all; an empty hospital is not full.
    #[test]
    fn hospital_load_counts_the_patients_in_the_beds() {
        use crate::scenario::{AgeBand, Condition, Fraction, Id, Load};
        use crate::sim::care::{BedKind, Patients};
        let mut ex = small(Mode::Expected, "");
        let at_least = |ex: &crate::sim::Exercise, share: f64, facility: Option<&str>| {
            ex.holds(&Condition::HospitalLoadAtLeast(Load {
                facility: facility.map(Id::new),
                share: Fraction(share),
            }))
        };
        assert!(!at_least(&ex, 0.1, None), "no patients yet");
        let capacity = ex.hospital_capacity(0);
        assert_eq!(capacity, 50.0, "40 ward beds and 10 intensive-care beds");
        ex.districts[1].epi.patients.push(Patients {
            band: AgeBand::Adults,
            bed: BedKind::Ward,
            icu: false,
            hospital: Some(0),
            treated: false,
            n: 30.0,
        });
        ex.districts[1].epi.patients.push(Patients {
            band: AgeBand::Older,
            bed: BedKind::Icu,
            icu: true,
            hospital: None,
            treated: false,
            n: 7.0,
        });
        assert_eq!(
            ex.hospital_occupancy(0),
            30.0,
            "those waiting are not in a bed"
        );
        assert_eq!(ex.districts[1].epi.hospitalised(), 30.0);
        assert!(at_least(&ex, 0.6, None), "30 of 50 beds: 60%");
        assert!(!at_least(&ex, 0.61, None));
        assert!(at_least(&ex, 0.6, Some("hospital")));
        assert!(!at_least(&ex, 0.1, Some("clinic")), "a clinic has no beds");
    }

    /// An expected decision on a gathering is met by that decision only; an expected measure
    /// already in force when the inject fires is met at once, a different level is not.
    #[test]
    fn expectations_match_the_decision_and_level_asked_for() {
        let marathon = r#"scenario.mass_gatherings: [(id: "marathon", name: "Marathon", place: "south", start: "2d", duration: "5h", attendees: 20000, contact_intensity: 4.0)]"#;
        let injects = r#"scenario.injects: [
            (id: "I-1", title: "Marathon", trigger: At("1h"), to: ["health-team"], message: "Cancel it?",
             expects: [(text: "Cancel the marathon", check: Gathering((gathering: "marathon", decision: Cancel)), within: "1d")]),
            (id: "I-2", title: "Lockdown", trigger: At("1h"), to: ["health-team"], message: "Close the north",
             expects: [(text: "Enhanced in the north", check: Measure((district: "north", level: Enhanced)), within: "1d")]),
            (id: "I-3", title: "Lockdown", trigger: At("1h"), to: ["health-team"], message: "Close the north",
             expects: [(text: "Closed in the north", check: Measure((district: "north", level: Closed)), within: "1d")]),
        ]"#;
        let mut ex = small(Mode::Expected, &format!("{marathon}\n{injects}"));
        ex.apply(command(
            r#"OrderMeasure(team: "health-team", district: "north", level: Enhanced)"#,
        ))
        .unwrap();
        ex.advance(60);
        let met = |ex: &crate::sim::Exercise| -> Vec<bool> {
            ex.expectations()
                .iter()
                .map(|e| e.met_at.is_some())
                .collect()
        };
        assert_eq!(met(&ex), [false, true, false], "Enhanced already in force");
        ex.apply(command(
            r#"DecideGathering(team: "health-team", gathering: "marathon", decision: GoAhead)"#,
        ))
        .unwrap();
        assert_eq!(
            met(&ex),
            [false, true, false],
            "going ahead is not cancelling"
        );
        ex.apply(command(
            r#"DecideGathering(team: "health-team", gathering: "marathon", decision: Cancel)"#,
        ))
        .unwrap();
        assert_eq!(met(&ex), [true, true, false]);
    }

    /// "When trust falls below 60%": the population-weighted trust of the district, or of the
    /// city.
    #[test]
    fn trust_below_compares_the_weighted_trust_to_the_level() {
        use crate::scenario::{Condition, Fraction, Id, TrustLevel};
        let mut ex = small(Mode::Expected, "");
        let below = |ex: &crate::sim::Exercise, level: f64, district: Option<&str>| {
            ex.holds(&Condition::TrustBelow(TrustLevel {
                district: district.map(Id::new),
                level: Fraction(level),
            }))
        };
        ex.districts[0].trust = 0.5;
        ex.districts[1].trust = 0.8;
        assert!(below(&ex, 0.6, Some("north")));
        assert!(!below(&ex, 0.6, Some("south")));
        // The city: (100,000 × 0.5 + 50,000 × 0.8) / 150,000 = 0.6.
        assert!(below(&ex, 0.61, None) && !below(&ex, 0.59, None));
    }

    /// A condition inside `Any` or `All` is checked at the moment it can change, not at the
    /// next step: an inject for a team that has not acted by 1h30 fires then.
    #[test]
    fn a_deadline_inside_any_fires_on_time() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [(id: "I-1", title: "Nudge", trigger: When(Any([NotDone((team: "health-team", action: Activate, by: "1h30m"))])), to: ["health-team"], message: "Activate!")]"#,
        );
        ex.advance(6 * 60);
        assert_eq!(ex.injects()[0].status, InjectStatus::Fired(90));
    }

    /// A decision's option can fire a later inject (after a delay, whatever its trigger) or
    /// cancel one.
    #[test]
    fn effects_fire_and_cancel_injects() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [
                (id: "I-1", title: "Start", trigger: At("1h"), to: ["health-team"], message: "Go", effects: [FireInject((inject: "I-2", after: "3h")), CancelInject("I-3")]),
                (id: "I-2", title: "Follow-up", trigger: When(DeathsAtLeast((count: 1000))), to: ["health-team"], message: "Later"),
                (id: "I-3", title: "Cancelled", trigger: At("2h"), to: ["health-team"], message: "Never"),
            ]"#,
        );
        ex.advance(4 * 60 - 1);
        assert_eq!(ex.injects()[1].status, InjectStatus::Pending);
        ex.advance(1);
        assert_eq!(ex.injects()[1].status, InjectStatus::Fired(240));
        assert_eq!(ex.injects()[2].status, InjectStatus::Skipped);
    }
}
