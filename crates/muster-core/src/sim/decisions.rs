//! Decision points: the question an inject puts to teams (go ahead with the marathon, postpone
//! or cancel it), answered by a journaled `Decide` with a rationale. A single team's answer
//! settles it; several teams decide by the scenario's rule (a lead team decides, the first
//! answer decides, or all must choose the same option). Until it is settled a team may change
//! its answer; at the deadline without a decision the default option applies. The option's
//! effects then act on the world, and its cost is the deciding teams'.

use serde::Serialize;

use super::command::Decide;
use super::effects::Actor;
use super::{ActionKind, Audience, CommandError, EventKind, Exercise};
use crate::scenario::{DecisionPoint, Inject, JointRule};

/// A team's answer to a decision point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionAnswer {
    pub team: String,
    pub option: String,
    pub at: u32,
    pub text: String,
}

/// How a decision was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettledBy {
    /// One team decided (the only one asked, the lead, or the first to answer).
    Team(String),
    /// Every team asked chose the same option.
    Agreed,
    /// No decision by the deadline: the default applied.
    Default,
}

impl SettledBy {
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            SettledBy::Team(team) => crate::tr!(lang, "settled-by-team", team = team.as_str()),
            SettledBy::Agreed => crate::tr!(lang, "settled-agreed"),
            SettledBy::Default => crate::tr!(lang, "settled-default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settlement {
    pub option: String,
    pub at: u32,
    pub by: SettledBy,
}

/// A decision point put to teams when its inject fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionState {
    /// The inject that put the question (the decision's id).
    pub inject: String,
    pub question: String,
    pub teams: Vec<String>,
    pub opened_at: u32,
    pub due: u32,
    /// Every answer given, in order; a team's latest counts.
    pub answers: Vec<DecisionAnswer>,
    pub settled: Option<Settlement>,
}

impl DecisionState {
    /// A team's latest answer.
    pub fn answer_of(&self, team: &str) -> Option<&DecisionAnswer> {
        self.answers.iter().rev().find(|a| a.team == team)
    }

    /// Teams asked that have not answered yet.
    pub fn waiting_for(&self) -> Vec<&str> {
        self.teams
            .iter()
            .filter(|t| self.answer_of(t).is_none())
            .map(String::as_str)
            .collect()
    }
}

impl Exercise {
    /// The decision point an inject put, if it has fired.
    pub fn decision_state(&self, inject: &str) -> Option<&DecisionState> {
        self.decisions.iter().find(|d| d.inject == inject)
    }

    /// The scenario's definition of a decision point.
    pub fn decision_point(&self, inject: &str) -> Option<&DecisionPoint> {
        self.scenario.decision(inject).map(|(_, d)| d)
    }

    /// Decisions a team has to take now (open, asked of it).
    pub fn open_decisions_for<'a>(
        &'a self,
        team: &'a str,
    ) -> impl Iterator<Item = &'a DecisionState> + 'a {
        self.decisions
            .iter()
            .filter(move |d| d.settled.is_none() && d.teams.iter().any(|t| t == team))
    }

    /// Puts an inject's question to its teams (called when the inject is delivered).
    pub(crate) fn open_decision(&mut self, inject: &Inject, reached: &[String]) {
        let Some(point) = &inject.decision else {
            return;
        };
        let teams: Vec<String> = if point.teams.is_empty() {
            reached.to_vec()
        } else {
            point.teams.iter().map(|t| t.name.clone()).collect()
        };
        let due = self.now.saturating_add(point.within.get());
        self.decisions.push(DecisionState {
            inject: inject.id.name.clone(),
            question: point.question.clone(),
            teams: teams.clone(),
            opened_at: self.now,
            due,
            answers: Vec::new(),
            settled: None,
        });
        self.emit(
            Audience::Teams(teams.clone()),
            EventKind::DecisionOpened {
                decision: inject.id.name.clone(),
                question: point.question.clone(),
                teams,
                due,
            },
        );
    }

    pub(crate) fn answer_decision(&mut self, c: &Decide) -> Result<(), CommandError> {
        let refuse = |m: crate::i18n::Message| Err(CommandError(m));
        let Some(point) = self.decision_point(c.decision.as_str()).cloned() else {
            return refuse(crate::msg!("refused-no-decision", decision = &c.decision));
        };
        let Some(n) = self
            .decisions
            .iter()
            .position(|d| d.inject == c.decision.as_str())
        else {
            return refuse(crate::msg!(
                "refused-decision-not-put",
                decision = &c.decision
            ));
        };
        if let Some(settled) = &self.decisions[n].settled {
            return refuse(crate::msg!(
                "refused-decision-settled",
                decision = &c.decision,
                at = self.clock_arg(settled.at),
                how = crate::i18n::Arg::worded(|lang| settled.by.words(lang))
            ));
        }
        if !self.decisions[n].teams.iter().any(|t| t == c.team.as_str()) {
            return refuse(crate::msg!(
                "refused-decision-not-theirs",
                decision = &c.decision,
                teams = self.decisions[n].teams.clone(),
                team = &c.team
            ));
        }
        let Some(option) = point.option(c.option.as_str()) else {
            let ids: Vec<&str> = point.options.iter().map(|o| o.id.as_str()).collect();
            return refuse(crate::msg!(
                "refused-no-option",
                decision = &c.decision,
                option = &c.option,
                options = ids
            ));
        };
        if self.decisions[n]
            .answer_of(c.team.as_str())
            .is_some_and(|a| a.option == c.option.as_str())
        {
            return refuse(crate::msg!(
                "refused-option-chosen",
                team = &c.team,
                option = &c.option
            ));
        }
        let decision = &mut self.decisions[n];
        decision.answers.push(DecisionAnswer {
            team: c.team.name.clone(),
            option: c.option.name.clone(),
            at: self.now,
            text: c.text.clone(),
        });
        let teams = decision.teams.clone();
        self.emit(
            Audience::Teams(teams.clone()),
            EventKind::DecisionAnswered {
                decision: c.decision.name.clone(),
                team: c.team.name.clone(),
                option: c.option.name.clone(),
                label: option.label.clone(),
                text: c.text.clone(),
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Decide {
                decision: c.decision.name.clone(),
                option: c.option.name.clone(),
            },
        );
        if let Some((option, by)) = reached(&point, &self.decisions[n], c.team.as_str()) {
            self.settle(n, &point, &option, by);
        }
        Ok(())
    }

    /// Decisions past their deadline: the default applies.
    pub(crate) fn settle_overdue_decisions(&mut self) {
        for n in 0..self.decisions.len() {
            let d = &self.decisions[n];
            if d.settled.is_some() || d.due > self.now {
                continue;
            }
            let Some(point) = self.decision_point(&d.inject).cloned() else {
                continue;
            };
            let default = point.default.name.clone();
            self.settle(n, &point, &default, SettledBy::Default);
        }
    }

    fn settle(&mut self, n: usize, point: &DecisionPoint, option: &str, by: SettledBy) {
        let Some(chosen) = point.option(option).cloned() else {
            return;
        };
        let decision = &mut self.decisions[n];
        decision.settled = Some(Settlement {
            option: option.to_string(),
            at: self.now,
            by: by.clone(),
        });
        let (inject, question, teams) = (
            decision.inject.clone(),
            decision.question.clone(),
            decision.teams.clone(),
        );
        self.emit(
            Audience::Everyone,
            EventKind::DecisionSettled {
                decision: inject,
                question,
                option: option.to_string(),
                label: chosen.label.clone(),
                how: by.clone(),
            },
        );
        let actor = match &by {
            SettledBy::Team(team) => Actor::Team(team),
            SettledBy::Agreed => Actor::Teams(&teams),
            SettledBy::Default => Actor::Scenario,
        };
        self.apply_effects(&chosen.effects, actor);
    }
}

/// Whether the answers so far reach a decision, after `team` answered: the option and how.
fn reached(
    point: &DecisionPoint,
    state: &DecisionState,
    team: &str,
) -> Option<(String, SettledBy)> {
    let answer = state.answer_of(team)?.option.clone();
    if state.teams.len() == 1 {
        return Some((answer, SettledBy::Team(team.to_string())));
    }
    match &point.rule {
        JointRule::Lead(lead) if lead.as_str() == team => {
            Some((answer, SettledBy::Team(team.to_string())))
        }
        JointRule::Lead(_) => None,
        JointRule::FirstAnswer => Some((answer, SettledBy::Team(team.to_string()))),
        JointRule::Unanimous => state
            .teams
            .iter()
            .all(|t| state.answer_of(t).is_some_and(|a| a.option == answer))
            .then_some((answer, SettledBy::Agreed)),
    }
}

#[cfg(test)]
mod tests {
    use super::SettledBy;
    use crate::sim::test_support::{command, small};
    use crate::sim::{EventKind, Exercise, Mode};

    /// A decision put at 1h to both teams (or `teams`), with a rule; cancelling costs 1,000
    /// and closes the clinic.
    fn with_decision(rule: &str, teams: &str) -> Exercise {
        let mut ex = small(
            Mode::Expected,
            &format!(
                r#"scenario.injects: [(id: "D-1", title: "The marathon", trigger: At("1h"), to: ["health-team", "police-team"], message: "Decide on Sunday's marathon", decision: (question: "Run the marathon?", teams: [{teams}], options: [(id: "go", label: "Go ahead"), (id: "cancel", label: "Cancel it", effects: [Cost(1000.0), CloseFacility("clinic")], score: 1.0)], default: "go", within: "2h", rule: {rule}))]"#
            ),
        );
        ex.advance(60);
        ex
    }

    fn decide(ex: &mut Exercise, team: &str, option: &str) -> Result<(), String> {
        ex.apply(command(&format!(
            r#"Decide(team: "{team}", decision: "D-1", option: "{option}", text: "because")"#
        )))
        .map(|_| ())
        .map_err(|e| e.0.to_string())
    }

    fn clinic_open(ex: &Exercise) -> bool {
        ex.facility_open(ex.derived.facility_index["clinic"])
    }

    #[test]
    fn one_team_decides_and_the_option_acts_at_once() {
        let mut ex = with_decision("Unanimous", r#""health-team""#);
        assert_eq!(ex.open_decisions_for("health-team").count(), 1);
        assert_eq!(ex.open_decisions_for("police-team").count(), 0);
        decide(&mut ex, "health-team", "cancel").unwrap();
        let settled = ex.decision_state("D-1").unwrap().settled.clone().unwrap();
        assert_eq!(settled.option, "cancel");
        assert_eq!(settled.by, SettledBy::Team("health-team".into()));
        assert!(!clinic_open(&ex));
        assert_eq!(ex.costs().get("health-team"), Some(&1000.0));
        let answer = ex
            .decision_state("D-1")
            .unwrap()
            .answer_of("health-team")
            .unwrap();
        assert_eq!((answer.at, answer.text.as_str()), (60, "because"));
        let late = decide(&mut ex, "health-team", "go").unwrap_err();
        assert!(late.contains("was settled"), "{late}");
    }

    #[test]
    fn a_unanimous_decision_waits_for_agreement_and_shares_the_cost() {
        let mut ex = with_decision("Unanimous", "");
        let mut asked = ex.decision_state("D-1").unwrap().waiting_for();
        asked.sort();
        assert_eq!(asked, ["health-team", "police-team"]);
        decide(&mut ex, "health-team", "cancel").unwrap();
        assert_eq!(
            ex.decision_state("D-1").unwrap().waiting_for(),
            ["police-team"]
        );
        decide(&mut ex, "police-team", "go").unwrap();
        assert!(ex.decision_state("D-1").unwrap().waiting_for().is_empty());
        assert!(
            ex.decision_state("D-1").unwrap().settled.is_none(),
            "they disagree"
        );
        assert_eq!(
            decide(&mut ex, "police-team", "go").unwrap_err(),
            "team `police-team` has already chosen `go`"
        );
        decide(&mut ex, "police-team", "cancel").unwrap();
        let settled = ex.decision_state("D-1").unwrap().settled.clone().unwrap();
        assert_eq!(
            (settled.option.as_str(), settled.by),
            ("cancel", SettledBy::Agreed)
        );
        assert_eq!(ex.costs().get("health-team"), Some(&500.0));
        assert_eq!(ex.costs().get("police-team"), Some(&500.0));
    }

    #[test]
    fn the_lead_team_decides_and_the_others_advise() {
        let mut ex = with_decision(r#"Lead("police-team")"#, "");
        decide(&mut ex, "health-team", "cancel").unwrap();
        assert!(ex.decision_state("D-1").unwrap().settled.is_none());
        decide(&mut ex, "police-team", "go").unwrap();
        let settled = ex.decision_state("D-1").unwrap().settled.clone().unwrap();
        assert_eq!(settled.option, "go");
        assert!(clinic_open(&ex), "the lead chose to go ahead");
    }

    #[test]
    fn the_first_answer_decides_for_all() {
        let mut ex = with_decision("FirstAnswer", "");
        decide(&mut ex, "police-team", "cancel").unwrap();
        assert_eq!(
            ex.decision_state("D-1")
                .unwrap()
                .settled
                .as_ref()
                .unwrap()
                .by,
            SettledBy::Team("police-team".into())
        );
    }

    #[test]
    fn without_a_decision_by_the_deadline_the_default_applies() {
        let mut ex = with_decision("Unanimous", "");
        decide(&mut ex, "health-team", "cancel").unwrap();
        ex.advance(2 * 60 - 1);
        assert!(ex.decision_state("D-1").unwrap().settled.is_none());
        ex.advance(1);
        let settled = ex.decision_state("D-1").unwrap().settled.clone().unwrap();
        assert_eq!((settled.option.as_str(), settled.at), ("go", 180));
        assert_eq!(settled.by, SettledBy::Default);
        assert!(ex.events().iter().any(|e| matches!(
            &e.kind,
            EventKind::DecisionSettled {
                how: SettledBy::Default,
                ..
            }
        )));
        assert!(ex.holds(&crate::scenario::Condition::Decided(
            crate::scenario::DecidedCheck {
                decision: crate::scenario::Id::new("D-1"),
                option: Some(crate::scenario::Id::new("go")),
            }
        )));
    }

    #[test]
    fn answers_are_refused_before_the_question_and_from_others() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [(id: "D-1", title: "The marathon", trigger: At("1h"), to: ["health-team"], message: "Decide", decision: (question: "Run it?", options: [(id: "go", label: "Go"), (id: "cancel", label: "Cancel")], default: "go"))]"#,
        );
        let early = decide(&mut ex, "health-team", "go").unwrap_err();
        assert!(early.contains("not been put"), "{early}");
        ex.advance(60);
        let other = decide(&mut ex, "police-team", "go").unwrap_err();
        assert!(other.contains("is for health-team"), "{other}");
        let unknown = decide(&mut ex, "health-team", "stop").unwrap_err();
        assert!(
            unknown.contains("no option `stop` (its options: go, cancel)"),
            "{unknown}"
        );
        assert_eq!(ex.refusals().len(), 3, "refused attempts are kept");
    }
}
