//! Who gives a command, and what each may give: a team only its own team's orders, an
//! evaluator only observations, ratings and judgements, the projector nothing. The host asks
//! this of every command a device sends; the exercise then checks the command itself as it
//! would a button's. The control cell (the facilitator's console, a commands file, a plan) is
//! no role here: it may give any command the exercise accepts.

use std::fmt;

use super::Command;
use crate::i18n::Message;
use crate::msg;

/// Who a connection speaks for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A team's table: its own inbox, units and orders.
    Team(String),
    /// An evaluator walking the room: observations and ratings.
    Evaluator,
    /// The room's common picture, read-only.
    Projector,
}

impl Role {
    /// The role as the codes file and the protocol name it: a team's id, `evaluator`, `projector`.
    /// Team ids cannot clash: `evaluator` and `projector` are refused as team ids below.
    pub fn key(&self) -> &str {
        match self {
            Role::Team(team) => team,
            Role::Evaluator => "evaluator",
            Role::Projector => "projector",
        }
    }

    /// The role a codes file names; none for a key that is neither a team of `teams` nor a
    /// shared role.
    pub fn from_key(key: &str, teams: &[String]) -> Option<Role> {
        match key {
            "evaluator" => Some(Role::Evaluator),
            "projector" => Some(Role::Projector),
            team if teams.iter().any(|t| t == team) => Some(Role::Team(team.to_string())),
            _ => None,
        }
    }

    /// Whether this role may give `command`, and why not.
    pub fn may_issue(&self, command: &Command) -> Result<(), Message> {
        match self {
            Role::Team(team) => match command.team() {
                Some(issuer) if issuer.as_str() == team => Ok(()),
                Some(issuer) => Err(msg!(
                    "web-refused-other-team",
                    team = team.as_str(),
                    other = issuer.as_str()
                )),
                None => Err(msg!("web-refused-control", team = team.as_str())),
            },
            Role::Evaluator => match command {
                Command::Observe(_) | Command::Rate(_) | Command::Judge(_) => Ok(()),
                _ => Err(msg!("web-refused-evaluator")),
            },
            Role::Projector => Err(msg!("web-refused-projector")),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A role reads back from the key the codes file writes, and a key that is neither a shared
    /// role nor one of the teams is none.
    #[test]
    fn a_role_is_named_by_its_key() {
        let teams = ["health".to_string(), "police".to_string()];
        for role in [
            Role::Team("health".into()),
            Role::Team("police".into()),
            Role::Evaluator,
            Role::Projector,
        ] {
            assert_eq!(Role::from_key(role.key(), &teams), Some(role.clone()));
            assert_eq!(role.to_string(), role.key());
        }
        assert_eq!(Role::Evaluator.key(), "evaluator");
        assert_eq!(Role::Projector.key(), "projector");
        assert_eq!(Role::Team("health".into()).key(), "health");
        assert_eq!(Role::from_key("fire", &teams), None);
        assert_eq!(Role::from_key("", &teams), None);
    }

    #[test]
    fn a_role_may_give_only_its_own_orders() {
        let command = |text: &str| super::super::command::decode_command(text).unwrap();
        let dispatch = command(r#"Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")"#);
        let observe = command(r#"Observe(text: "calm and quick")"#);
        let rate = command(r#"Rate(objective: "activate", rating: P)"#);
        let fire = command(r#"FireInject(inject: "I-04")"#);
        let health = Role::Team("health-cdc".into());
        assert!(health.may_issue(&dispatch).is_ok());
        let other = Role::Team("public-security".into())
            .may_issue(&dispatch)
            .unwrap_err();
        assert_eq!(other.key, "web-refused-other-team");
        assert_eq!(
            health.may_issue(&fire).unwrap_err().key,
            "web-refused-control"
        );
        assert_eq!(
            health.may_issue(&observe).unwrap_err().key,
            "web-refused-control"
        );
        assert!(Role::Evaluator.may_issue(&observe).is_ok());
        assert!(Role::Evaluator.may_issue(&rate).is_ok());
        assert_eq!(
            Role::Evaluator.may_issue(&dispatch).unwrap_err().key,
            "web-refused-evaluator"
        );
        assert_eq!(
            Role::Evaluator.may_issue(&fire).unwrap_err().key,
            "web-refused-evaluator"
        );
        for any in [&dispatch, &observe, &fire] {
            assert_eq!(
                Role::Projector.may_issue(any).unwrap_err().key,
                "web-refused-projector"
            );
        }
    }
}
