//! Players that play beside the people in the room and the scripted commands: a response plan
//! playing Blue teams (`plan.rs`), the automatic red cell (`red_cell.rs`). Each looks at the
//! exercise at its own reviews and gives commands, which are journaled and applied like anyone
//! else's; the rules stay the core's.

use crate::sim::{Command, Exercise};

pub trait Player {
    /// The exercise minute at which it looks next.
    fn next_review(&self) -> u32;
    /// The commands it gives now (call at or after `next_review`; it sets the next one).
    fn review(&mut self, exercise: &Exercise) -> Vec<Command>;
}

impl Player for crate::plan::PlanPlayer {
    fn next_review(&self) -> u32 {
        crate::plan::PlanPlayer::next_review(self)
    }

    fn review(&mut self, exercise: &Exercise) -> Vec<Command> {
        crate::plan::PlanPlayer::review(self, exercise)
    }
}

impl Player for crate::red_cell::AutoRed {
    fn next_review(&self) -> u32 {
        crate::red_cell::AutoRed::next_review(self)
    }

    fn review(&mut self, exercise: &Exercise) -> Vec<Command> {
        crate::red_cell::AutoRed::review(self, exercise)
    }
}

/// The players at the table beside the commands: a response plan, the automatic red cell,
/// either or both.
pub fn seated<'a>(
    plan: Option<&'a mut crate::plan::PlanPlayer>,
    red: Option<&'a mut crate::red_cell::AutoRed>,
) -> Vec<&'a mut dyn Player> {
    let mut players: Vec<&'a mut dyn Player> = Vec::new();
    if let Some(plan) = plan {
        players.push(plan);
    }
    if let Some(red) = red {
        players.push(red);
    }
    players
}

/// The earliest review among players.
pub fn next_review(players: &[&mut dyn Player]) -> Option<u32> {
    players.iter().map(|p| p.next_review()).min()
}
