//! Scenario-defined actions: what a scenario lets a team do beyond the built-in commands
//! (close a terminal section, recall a product batch, open a temporary site). Taking one is a
//! journaled `Act`: it is allowed to the teams of its agencies, while its precondition holds,
//! no more often than its cooldown and its number of times allow; its cost is spent at once and
//! its effects take hold after the time it takes.

use serde::Serialize;

use super::command::Act;
use super::effects::Actor;
use super::{ActionKind, Audience, CommandError, EventKind, Exercise};

/// One use of a scenario-defined action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionTaken {
    pub action: String,
    pub team: String,
    pub at: u32,
    pub effective_at: u32,
    pub in_effect: bool,
    pub text: String,
}

/// Whether a team may take an action now, and if not, why (for the team's buttons).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Availability {
    Available,
    /// Not this team's to take: the action is not shown to it.
    NotTheirs,
    /// Theirs, but not now: why.
    NotNow(crate::i18n::Message),
}

impl Exercise {
    /// Whether a team may take a scenario-defined action now.
    pub fn action_availability(&self, team: &str, action: &str) -> Availability {
        let Some(def) = self.scenario.action(action) else {
            return Availability::NotTheirs;
        };
        let theirs = def
            .by
            .iter()
            .any(|by| by.as_str() == team || self.team_plays(team, by.as_str()));
        if !theirs {
            return Availability::NotTheirs;
        }
        if self.is_over() {
            return Availability::NotNow(crate::msg!("refused-exercise-ended"));
        }
        let uses: Vec<&ActionTaken> = self
            .actions_taken
            .iter()
            .filter(|a| a.action == action)
            .collect();
        if let Some(under_way) = uses.iter().find(|a| !a.in_effect) {
            return Availability::NotNow(crate::msg!(
                "action-under-way",
                at = self.clock_arg(under_way.effective_at)
            ));
        }
        if let Some(times) = def.times
            && uses.len() >= times as usize
        {
            return Availability::NotNow(crate::msg!("action-used-up", times = times));
        }
        if let Some(last) = uses.last() {
            let again = last.effective_at.saturating_add(def.cooldown.get());
            if again > self.now {
                return Availability::NotNow(crate::msg!(
                    "action-cooling-down",
                    at = self.clock_arg(again)
                ));
            }
        }
        if let Some(condition) = &def.requires
            && !self.holds(condition)
        {
            return Availability::NotNow(crate::msg!(
                "action-not-allowed-now",
                condition = crate::i18n::Arg::worded(|lang| condition.describe(lang))
            ));
        }
        Availability::Available
    }

    /// The scenario's actions a team may take, with their availability now.
    pub fn actions_for<'a>(
        &'a self,
        team: &'a str,
    ) -> impl Iterator<Item = (&'a crate::scenario::ActionDef, Availability)> + 'a {
        self.scenario.actions.iter().filter_map(move |def| {
            match self.action_availability(team, def.id.as_str()) {
                Availability::NotTheirs => None,
                availability => Some((def, availability)),
            }
        })
    }

    pub(crate) fn act(&mut self, c: &Act) -> Result<(), CommandError> {
        let Some(def) = self.scenario.action(c.action.as_str()).cloned() else {
            return Err(CommandError(crate::msg!(
                "refused-no-action",
                action = &c.action
            )));
        };
        match self.action_availability(c.team.as_str(), c.action.as_str()) {
            Availability::Available => {}
            Availability::NotTheirs => {
                let by: Vec<&str> = def.by.iter().map(|b| b.as_str()).collect();
                return Err(CommandError(crate::msg!(
                    "refused-action-not-theirs",
                    team = &c.team,
                    action = &c.action,
                    by = by
                )));
            }
            Availability::NotNow(why) => {
                return Err(CommandError(crate::msg!(
                    "refused-action-not-now",
                    action = &c.action,
                    why = why.clone()
                )));
            }
        }
        let effective_at = self.now.saturating_add(def.takes.get());
        self.spend(c.team.as_str(), def.cost);
        self.actions_taken.push(ActionTaken {
            action: c.action.name.clone(),
            team: c.team.name.clone(),
            at: self.now,
            effective_at,
            in_effect: false,
            text: c.text.clone(),
        });
        self.emit(
            Audience::Everyone,
            EventKind::ActionTaken {
                action: c.action.name.clone(),
                name: def.name.clone(),
                team: c.team.name.clone(),
                effective_at,
                text: c.text.clone(),
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Action {
                id: c.action.name.clone(),
            },
        );
        self.complete_actions();
        Ok(())
    }

    /// Actions whose time has come take effect.
    pub(crate) fn complete_actions(&mut self) {
        for n in 0..self.actions_taken.len() {
            let taken = &self.actions_taken[n];
            if taken.in_effect || taken.effective_at > self.now {
                continue;
            }
            self.actions_taken[n].in_effect = true;
            let taken = self.actions_taken[n].clone();
            let Some(def) = self.scenario.action(&taken.action).cloned() else {
                continue;
            };
            self.emit(
                Audience::Everyone,
                EventKind::ActionInEffect {
                    action: taken.action.clone(),
                    name: def.name.clone(),
                    team: taken.team.clone(),
                },
            );
            self.apply_effects(&def.effects, Actor::Team(&taken.team));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Availability;
    use crate::sim::test_support::{command, small};
    use crate::sim::{EventKind, Exercise, Mode};

    /// Opening an overflow ward: the health agency's, 50,000, takes 6 hours, twice at most, a
    /// day apart, only once 5 cases are confirmed.
    const WARD: &str = r#"scenario.actions: [(id: "overflow-ward", name: "Open an overflow ward", by: ["health"], cost: 50000.0, takes: "6h", cooldown: "1d", times: 2, requires: ConfirmedAtLeast((count: 5)), effects: [Capacity((facility: "hospital", beds: 100))])]"#;

    fn act(ex: &mut Exercise, team: &str) -> Result<(), String> {
        ex.apply(command(&format!(
            r#"Act(team: "{team}", action: "overflow-ward", text: "beds are short")"#
        )))
        .map(|_| ())
        .map_err(|e| e.0.to_string())
    }

    fn confirmed(ex: &mut Exercise, n: f64) {
        ex.districts[0].confirmed = n;
    }

    #[test]
    fn an_action_costs_at_once_and_acts_when_its_time_is_up() {
        let mut ex = small(Mode::Expected, WARD);
        confirmed(&mut ex, 5.0);
        let hospital = ex.derived.facility_index["hospital"];
        act(&mut ex, "health-team").unwrap();
        assert_eq!(ex.costs().get("health-team"), Some(&50000.0));
        assert_eq!(ex.declared_beds(hospital)[0], 40, "not yet");
        ex.advance(6 * 60);
        assert_eq!(ex.declared_beds(hospital)[0], 140);
        assert!(ex.actions_taken()[0].in_effect);
        assert!(ex.events().iter().any(
            |e| matches!(&e.kind, EventKind::ActionInEffect { team, .. } if team == "health-team")
        ));
    }

    #[test]
    fn who_may_take_an_action_when_and_how_often() {
        let mut ex = small(Mode::Expected, WARD);
        assert_eq!(
            ex.action_availability("police-team", "overflow-ward"),
            Availability::NotTheirs
        );
        assert_eq!(ex.actions_for("police-team").count(), 0);
        let Availability::NotNow(why) = ex.action_availability("health-team", "overflow-ward")
        else {
            panic!("the precondition does not hold yet")
        };
        assert!(why.to_string().contains("5 confirmed cases"), "{why}");
        let listed: Vec<_> = ex
            .actions_for("health-team")
            .map(|(def, availability)| (def.id.as_str(), availability))
            .collect();
        assert_eq!(
            listed,
            [("overflow-ward", Availability::NotNow(why.clone()))]
        );
        assert!(
            act(&mut ex, "police-team")
                .unwrap_err()
                .contains("only the teams of health")
        );
        confirmed(&mut ex, 5.0);
        act(&mut ex, "health-team").unwrap();
        assert!(
            act(&mut ex, "health-team")
                .unwrap_err()
                .contains("under way")
        );
        ex.advance(6 * 60);
        let again = act(&mut ex, "health-team").unwrap_err();
        assert!(again.contains("available again at D2 14:00"), "{again}");
        ex.advance(24 * 60);
        act(&mut ex, "health-team").unwrap();
        ex.advance(6 * 60 + 24 * 60);
        assert!(
            act(&mut ex, "health-team")
                .unwrap_err()
                .contains("taken 2 times")
        );
        assert_eq!(ex.actions_taken().len(), 2);
    }

    #[test]
    fn an_inject_can_expect_an_action() {
        let mut ex = small(
            Mode::Expected,
            &format!(
                "{WARD}\nscenario.injects: [(id: \"I-1\", title: \"Beds\", trigger: At(\"1h\"), to: [\"health-team\"], message: \"Beds short\", expects: [(text: \"Open the overflow ward\", check: Action((action: \"overflow-ward\")), within: \"4h\")])]"
            ),
        );
        confirmed(&mut ex, 5.0);
        ex.advance(90);
        act(&mut ex, "health-team").unwrap();
        let e = &ex.expectations()[0];
        assert_eq!(
            (e.met_at, e.met_by.as_deref()),
            (Some(90), Some("health-team"))
        );
    }
}
