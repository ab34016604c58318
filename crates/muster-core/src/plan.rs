//! Response plans (预案): a team's or the city's plan written as a RON file, executed by Muster
//! against a scenario. A plan has graded response levels (IV lowest … I highest), each raised when
//! a condition on the simulation holds and carrying standing actions; it also says how fast the
//! played teams report, when they answer rumours, and which mutual-aid requests they grant.
//!
//! The plan player only issues ordinary commands, so a plan's run is journaled, replayed and
//! scored like a human team's.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Report, suggest};
use crate::scenario::{Condition, ControlLevel, Id, Minutes, Scenario, TeamRole, UnitRole};
use crate::sim::command::*;
use crate::sim::{Command, Exercise, Place, UnitStatus};
use crate::{msg, ron_enum, ron_struct};

ron_struct! {
    /// A response plan.
    pub struct Plan {
        id: Id,
        title: String,
        description: String = String::new(),
        /// Grade and category, as plans are managed (分级分类): e.g. "Municipal", "Epidemic".
        grade: String = String::new(),
        category: String = String::new(),
        /// The scenario it is written for (a bundled name or a file), used to check its ids.
        scenario: Option<String> = None,
        /// Teams the plan plays; empty: every Blue team.
        teams: Vec<Id> = Vec::new(),
        /// How often the plan looks at the situation.
        review_every: Minutes = Minutes(30),
        levels: Vec<PlanLevel>,
        /// Reports due from the played teams' agencies are filed this long after they fall due.
        report_after: Option<Minutes> = None,
        /// A public statement whenever unanswered rumours reach this share of the public.
        answer_rumours_at: Option<crate::scenario::Fraction> = None,
        agreements: Vec<Agreement> = Vec::new(),
        /// Standing orders to restock facilities (常态储备、科学配发).
        restock: Vec<RestockOrder> = Vec::new(),
    }
}

ron_struct! {
    /// When a facility's stock of a supply falls below `below`, an idle supply unit of a played
    /// team brings `quantity` (at most a load) from its base, unless a delivery is on its way.
    pub struct RestockOrder {
        supply: Id,
        /// A facility.
        to: Id,
        below: u64,
        quantity: u64,
    }
}

ron_struct! {
    /// A graded response level and what entering it sets in motion.
    pub struct PlanLevel {
        /// 4 (level IV, lowest) down to 1 (level I, highest).
        level: u32,
        name: String,
        /// Raised when this holds (levels are entered in order).
        when: Condition,
        /// Lowered back to the level before when this holds; the district measures this level
        /// ordered are relaxed to Normal. The level may be raised again later.
        lower_when: Option<Condition> = None,
        actions: Vec<PlanAction>,
    }
}

ron_enum! {
    /// A standing action of a response level.
    pub enum PlanAction {
        /// The played teams activate their incident command.
        Activate,
        /// Sends idle units of a role.
        Dispatch(PlanDispatch),
        /// Sets a district's control level.
        Measure(PlanMeasure),
        Statement,
    }
}

ron_struct! {
    pub struct PlanDispatch {
        role: UnitRole,
        to: Target,
        units: u32 = 1,
        work: Minutes = Minutes(24 * 60),
    }
}

ron_struct! {
    pub struct PlanMeasure {
        district: Target,
        level: ControlLevel,
    }
}

ron_enum! {
    /// Where an action applies.
    pub enum Target {
        /// The district with the most confirmed cases when the action is taken.
        Hotspot,
        /// The n districts with the most confirmed cases (units spread over them).
        Hotspots(u32),
        /// A named district or facility.
        Place(Id),
    }
}

ron_struct! {
    /// Mutual aid agreed in advance: requests from `from` to `to` are granted within the delay.
    pub struct Agreement {
        from: Id,
        to: Id,
        within: Minutes = Minutes(30),
    }
}

/// Reads and checks a plan; with a scenario, its team and place ids are checked too.
pub fn check(file_name: &str, text: &str, scenario: Option<&Scenario>) -> (Option<Plan>, Report) {
    crate::scenario::check_document(file_name, text, "Plan", |plan, _| validate(plan, scenario))
}

pub fn load_file(path: &Path, scenario: Option<&Scenario>) -> Result<(Plan, Report), Report> {
    let text = crate::scenario::read_text(path)?;
    match check(&path.display().to_string(), &text, scenario) {
        (Some(plan), report) => Ok((plan, report)),
        (None, report) => Err(report),
    }
}

fn validate(plan: &Plan, scenario: Option<&Scenario>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if plan.levels.is_empty() {
        out.push(Diagnostic::error(
            plan.id.span,
            msg!("plan-no-levels", plan = &plan.id),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut previous = u32::MAX;
    for level in &plan.levels {
        let span = plan.id.span;
        if !(1..=4).contains(&level.level) {
            out.push(Diagnostic::error(
                span,
                msg!(
                    "plan-level-number",
                    name = level.name.as_str(),
                    number = level.level
                ),
            ));
        } else if !seen.insert(level.level) {
            out.push(Diagnostic::error(
                span,
                msg!("plan-level-twice", number = level.level),
            ));
        } else if level.level > previous {
            out.push(Diagnostic::error(
                span,
                msg!(
                    "plan-level-order",
                    name = level.name.as_str(),
                    number = level.level
                ),
            ));
        }
        previous = level.level;
    }
    if plan.review_every.get() == 0 {
        out.push(Diagnostic::error(plan.id.span, msg!("plan-review-every")));
    }
    let Some(scenario) = scenario else { return out };
    let teams: Vec<&str> = scenario.teams.iter().map(|t| t.id.as_str()).collect();
    let refer_team = |id: &Id, out: &mut Vec<Diagnostic>| {
        if !teams.contains(&id.as_str()) {
            let mut d = Diagnostic::error(
                id.span,
                msg!("plan-no-team", id = id, scenario = &scenario.meta.id),
            );
            if let Some(s) = suggest(&id.name, teams.iter().copied()) {
                d = d.with_help(msg!("did-you-mean", name = s));
            }
            out.push(d);
        }
    };
    for t in &plan.teams {
        refer_team(t, &mut out);
    }
    for a in &plan.agreements {
        refer_team(&a.from, &mut out);
        refer_team(&a.to, &mut out);
    }
    let places: Vec<&str> = scenario
        .city
        .districts
        .iter()
        .map(|d| d.id.as_str())
        .chain(scenario.facilities.iter().map(|f| f.id.as_str()))
        .collect();
    for level in &plan.levels {
        for action in &level.actions {
            let target = match action {
                PlanAction::Dispatch(d) => Some(&d.to),
                PlanAction::Measure(m) => Some(&m.district),
                _ => None,
            };
            if let Some(Target::Place(id)) = target
                && !places.contains(&id.as_str())
            {
                let mut d = Diagnostic::error(
                    id.span,
                    msg!("plan-no-place", id = id, scenario = &scenario.meta.id),
                );
                if let Some(s) = suggest(&id.name, places.iter().copied()) {
                    d = d.with_help(msg!("did-you-mean", name = s));
                }
                out.push(d);
            }
        }
    }
    let facilities: Vec<&str> = scenario.facilities.iter().map(|f| f.id.as_str()).collect();
    let supplies: Vec<&str> = scenario.supplies.iter().map(|x| x.id.as_str()).collect();
    for order in &plan.restock {
        for (id, known, unknown) in [
            (&order.to, &facilities, msg!("plan-restock-no-facility")),
            (&order.supply, &supplies, msg!("plan-restock-no-supply")),
        ] {
            if !known.contains(&id.as_str()) {
                let unknown = unknown.with("id", id).with("scenario", &scenario.meta.id);
                let mut d = Diagnostic::error(id.span, unknown);
                if let Some(s) = suggest(&id.name, known.iter().copied()) {
                    d = d.with_help(msg!("did-you-mean", name = s));
                }
                out.push(d);
            }
        }
        if order.quantity == 0 {
            out.push(Diagnostic::error(
                order.to.span,
                msg!("plan-restock-quantity"),
            ));
        }
    }
    out
}

/// The language of what a plan writes in its commands (reports, statements, answers): the
/// scenario's, else English; never the machine's, so a journal reads the same wherever it is
/// played.
fn written_in(exercise: &Exercise) -> crate::i18n::Language {
    exercise
        .scenario()
        .meta
        .language
        .unwrap_or(crate::i18n::Language::En)
}

/// Executes a plan: looks at the exercise every `review_every` and returns the commands to apply.
pub struct PlanPlayer {
    pub plan: Plan,
    /// Teams played (Blue teams when the plan names none).
    pub teams: Vec<String>,
    /// Levels in force, in the order they were raised (numbers).
    pub entered: Vec<u32>,
    /// Every level change: (minute, level in force after it; 0 for none).
    pub history: Vec<(u32, u32)>,
    /// Districts each level in force set a measure in, to relax them when it is lowered.
    measured: Vec<Vec<Id>>,
    next_review: u32,
    last_statement: Option<u32>,
}

impl PlanPlayer {
    pub fn new(plan: Plan, scenario: &Scenario) -> PlanPlayer {
        let teams = if plan.teams.is_empty() {
            scenario
                .teams
                .iter()
                .filter(|t| t.role == TeamRole::Blue)
                .map(|t| t.id.name.clone())
                .collect()
        } else {
            plan.teams.iter().map(|t| t.name.clone()).collect()
        };
        PlanPlayer {
            plan,
            teams,
            entered: Vec::new(),
            history: Vec::new(),
            measured: Vec::new(),
            next_review: 0,
            last_statement: None,
        }
    }

    /// The current response level (None before the first is raised).
    pub fn level(&self) -> Option<u32> {
        self.entered.last().copied()
    }

    /// When the plan looks next.
    pub fn next_review(&self) -> u32 {
        self.next_review
    }

    fn plays(&self, team: &str) -> bool {
        self.teams.iter().any(|t| t == team)
    }

    /// The team of ours that plays an agency.
    fn team_of(&self, exercise: &Exercise, agency: &str) -> Option<String> {
        self.teams
            .iter()
            .find(|t| exercise.team_plays(t, agency))
            .cloned()
    }

    /// Commands the plan gives now (call at or after `next_review`).
    pub fn review(&mut self, exercise: &Exercise) -> Vec<Command> {
        let now = exercise.now();
        self.next_review = now + self.plan.review_every.get().max(1);
        let mut commands = Vec::new();
        // Lower while the level in force says so; otherwise raise levels in order while their
        // conditions hold. A level just lowered is not raised again in the same review.
        let mut lowered = false;
        while let Some(current) = self
            .entered
            .len()
            .checked_sub(1)
            .map(|n| self.plan.levels[n].clone())
        {
            if !current
                .lower_when
                .as_ref()
                .is_some_and(|c| exercise.holds(c))
            {
                break;
            }
            self.entered.pop();
            lowered = true;
            let relax = self.measured.pop().unwrap_or_default();
            if let Some(team) = self.teams.iter().find(|t| exercise.may_order_measures(t)) {
                for district in relax {
                    commands.push(Command::OrderMeasure(OrderMeasure {
                        team: Id::new(team.clone()),
                        district,
                        level: ControlLevel::Normal,
                    }));
                }
            }
            self.history.push((now, self.level().unwrap_or(0)));
        }
        while !lowered && let Some(level) = self.plan.levels.get(self.entered.len()).cloned() {
            // Hysteresis: a level is not raised while its own lowering condition holds.
            if !exercise.holds(&level.when)
                || level.lower_when.as_ref().is_some_and(|c| exercise.holds(c))
            {
                break;
            }
            self.entered.push(level.level);
            self.measured.push(Vec::new());
            self.history.push((now, level.level));
            for action in &level.actions {
                self.act(exercise, action, &mut commands);
            }
        }
        // Reporting discipline.
        if let Some(delay) = self.plan.report_after {
            let mut filed = BTreeSet::new();
            for r in exercise
                .reports()
                .iter()
                .filter(|r| r.filed_at.is_none() && now >= r.opened_at + delay.get())
            {
                if let Some(team) = self.team_of(exercise, &r.from)
                    && filed.insert((r.from.clone(), r.to.clone()))
                {
                    commands.push(Command::Report(crate::sim::command::Report {
                        team: Id::new(team),
                        from: Id::new(r.from.clone()),
                        to: Id::new(r.to.clone()),
                        text: crate::tr!(
                            written_in(exercise),
                            "plan-report-text",
                            rule = r.rule.as_str(),
                            plan = self.plan.id.as_str()
                        ),
                        // A plan reports what the city counts: its reports are true.
                        figures: Some(exercise.counts_now().as_figures()),
                    }));
                }
            }
        }
        // Standing restock orders: a unit sent for one is not free for the next.
        let mut units_sent: Vec<String> = Vec::new();
        for order in &self.plan.restock {
            if let Some(command) = self.restock(exercise, order, &units_sent) {
                if let Command::Deliver(deliver) = &command {
                    units_sent.push(deliver.unit.as_str().to_string());
                }
                commands.push(command);
            }
        }
        // Answer rumours.
        if let Some(at) = self.plan.answer_rumours_at {
            let rumour = exercise
                .districts()
                .iter()
                .map(|d| d.rumour)
                .fold(0.0, f64::max);
            let quiet = self.last_statement.is_none_or(|t| now >= t + 12 * 60);
            if rumour >= at.get()
                && quiet
                && let Some(team) = self.teams.first()
            {
                self.last_statement = Some(now);
                commands.push(Command::Statement(Statement {
                    team: Id::new(team.clone()),
                    district: None,
                    text: crate::tr!(
                        written_in(exercise),
                        "plan-official-information",
                        plan = self.plan.id.as_str()
                    ),
                    post: None,
                }));
            }
        }
        // Mutual aid granted as agreed.
        for r in exercise.requests().iter().filter(|r| r.answered.is_none()) {
            let agreed = self
                .plan
                .agreements
                .iter()
                .find(|a| a.from.as_str() == r.from_team && a.to.as_str() == r.to_team);
            // Granted at the first review after the request: plan the review interval within the agreed delay.
            if agreed.is_some() && self.plays(&r.to_team) {
                let from = r
                    .supply
                    .as_ref()
                    .and_then(|supply| exercise.best_stock_source(&r.to_team, supply))
                    .map(|f| exercise.scenario().facilities[f].id.clone());
                commands.push(Command::AnswerAid(AnswerAid {
                    team: Id::new(r.to_team.clone()),
                    request: r.number,
                    accept: true,
                    from,
                    quantity: None,
                    unit: None,
                    arrives_in: None,
                    text: crate::tr!(
                        written_in(exercise),
                        "plan-aid-granted",
                        plan = self.plan.id.as_str()
                    ),
                }));
            }
        }
        commands
    }

    /// A delivery for a restock order whose facility runs low, if a unit not already sent
    /// (`units_sent`) can make it.
    fn restock(
        &self,
        exercise: &Exercise,
        order: &RestockOrder,
        units_sent: &[String],
    ) -> Option<Command> {
        let Some(Place::Facility(to)) = exercise.place_index(order.to.as_str()) else {
            return None;
        };
        let supply = order.supply.as_str();
        if exercise.stock(to, supply) >= order.below {
            return None;
        }
        let under_way = exercise.units().iter().any(|u| {
            matches!(u.status, UnitStatus::Travelling { to: t, .. } if t == Place::Facility(to))
                && u.cargo.as_ref().is_some_and(|(s, _)| s == supply)
        }) || exercise
            .shipments()
            .iter()
            .any(|s| s.supply == supply && s.to == order.to.as_str());
        if under_way {
            return None;
        }
        let scenario = exercise.scenario();
        exercise.units().iter().find_map(|u| {
            let resource = &scenario.resource_types[u.resource];
            let Place::Facility(base) = u.base else {
                return None;
            };
            let team = self.team_of(exercise, &u.agency)?;
            let load = order
                .quantity
                .min(u64::from(resource.capacity))
                .min(exercise.stock(base, supply));
            (resource.role == UnitRole::Supply
                && matches!(u.status, UnitStatus::AtBase)
                && !units_sent.contains(&u.id)
                && base != to
                && load > 0)
                .then(|| {
                    Command::Deliver(Deliver {
                        team: Id::new(team),
                        unit: Id::new(u.id.clone()),
                        supply: order.supply.clone(),
                        quantity: load,
                        to: order.to.clone(),
                    })
                })
        })
    }

    /// Districts by confirmed cases, most first (ties by order in the scenario).
    fn hotspots(exercise: &Exercise, n: usize) -> Vec<Id> {
        let confirmed = |d: usize| exercise.district_total(d, |x| x.confirmed);
        let mut order: Vec<usize> = (0..exercise.district_count()).collect();
        order.sort_by(|&a, &b| confirmed(b).total_cmp(&confirmed(a)).then(a.cmp(&b)));
        order
            .into_iter()
            .take(n.max(1))
            .map(|d| exercise.scenario().city.districts[d].id.clone())
            .collect()
    }

    fn targets(exercise: &Exercise, target: &Target) -> Vec<Id> {
        match target {
            Target::Hotspot => Self::hotspots(exercise, 1),
            Target::Hotspots(n) => Self::hotspots(exercise, *n as usize),
            Target::Place(id) => vec![id.clone()],
        }
    }

    fn act(&mut self, exercise: &Exercise, action: &PlanAction, commands: &mut Vec<Command>) {
        let scenario = exercise.scenario();
        match action {
            PlanAction::Activate => {
                for team in &self.teams {
                    if !exercise.activations().contains_key(team) {
                        commands.push(Command::Activate(TeamOnly {
                            team: Id::new(team.clone()),
                        }));
                    }
                }
            }
            PlanAction::Dispatch(d) => {
                let targets = Self::targets(exercise, &d.to);
                // Idle units of the role, of our teams' agencies, in scenario order.
                let already: BTreeSet<String> = commands
                    .iter()
                    .filter_map(|c| {
                        if let Command::Dispatch(x) = c {
                            Some(x.unit.name.clone())
                        } else {
                            None
                        }
                    })
                    .collect();
                let idle = exercise.units().iter().filter(|u| {
                    matches!(u.status, UnitStatus::AtBase)
                        && scenario.resource_types[u.resource].role == d.role
                        && !already.contains(&u.id)
                        && self.team_of(exercise, &u.agency).is_some()
                });
                for (k, unit) in idle.take(d.units as usize).enumerate() {
                    let team = self.team_of(exercise, &unit.agency).expect("filtered");
                    let to = targets[k % targets.len()].clone();
                    commands.push(Command::Dispatch(Dispatch {
                        team: Id::new(team),
                        unit: Id::new(unit.id.clone()),
                        to,
                        work: Some(d.work),
                    }));
                }
            }
            PlanAction::Measure(m) => {
                // The first played team allowed to order measures gives the order; the core refuses otherwise.
                if let Some(team) = self.teams.first() {
                    for district in Self::targets(exercise, &m.district) {
                        if let Some(place) = exercise.place_index(district.as_str())
                            && let Place::District(n) = place
                            && exercise.districts()[n].level == m.level
                        {
                            continue;
                        }
                        let team = self
                            .teams
                            .iter()
                            .find(|t| exercise.may_order_measures(t))
                            .unwrap_or(team);
                        if let Some(set) = self.measured.last_mut() {
                            set.push(district.clone());
                        }
                        commands.push(Command::OrderMeasure(OrderMeasure {
                            team: Id::new(team.clone()),
                            district,
                            level: m.level.clone(),
                        }));
                    }
                }
            }
            PlanAction::Statement => {
                if let Some(team) = self.teams.first() {
                    self.last_statement = Some(exercise.now());
                    commands.push(Command::Statement(Statement {
                        team: Id::new(team.clone()),
                        district: None,
                        text: crate::tr!(
                            written_in(exercise),
                            "plan-level-raised",
                            plan = self.plan.id.as_str()
                        ),
                        post: None,
                    }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Mode;
    use crate::sim::test_support::{command, small, small_scenario};

    /// A restock order sends the team's truck when the clinic runs low, but not while a
    /// shipment of that supply is already on its way there.
    #[test]
    fn a_restock_waits_for_a_shipment_under_way() {
        let text = r#"Plan(
            id: "restock", title: "Restock", teams: ["police-team"],
            levels: [(level: 4, name: "IV", when: ConfirmedAtLeast(count: 100000), actions: [])],
            restock: [(supply: "kits", to: "clinic", below: 2000, quantity: 500)],
        )"#;
        let scenario = small_scenario("");
        let (plan, report) = check("restock.plan.ron", text, Some(&scenario));
        let plan = plan.unwrap_or_else(|| panic!("{}", report.render_short()));
        let delivers = |ex: &Exercise| {
            PlanPlayer::new(plan.clone(), &scenario)
                .review(ex)
                .iter()
                .filter(|c| matches!(c, Command::Deliver(_)))
                .count()
        };
        let mut ex = small(Mode::Expected, "");
        assert_eq!(delivers(&ex), 1, "1000 kits at the clinic, below 2000");
        ex.apply(command(
            r#"RequestAid(team: "health-team", to: "police-team", supply: "kits", quantity: 100, deliver_to: "clinic")"#,
        ))
        .unwrap();
        ex.apply(command(
            r#"AnswerAid(team: "police-team", request: 1, accept: true, from: "depot")"#,
        ))
        .unwrap();
        assert_eq!(ex.shipments().len(), 1, "a courier takes the kits");
        assert_eq!(delivers(&ex), 0, "kits already on their way");
    }

    /// Two facilities low at once and one truck: the truck goes to the first, and the second
    /// waits for the next review instead of being refused.
    #[test]
    fn one_truck_is_sent_once_per_review() {
        let text = r#"Plan(
            id: "restock", title: "Restock", teams: ["police-team"],
            levels: [(level: 4, name: "IV", when: ConfirmedAtLeast(count: 100000), actions: [])],
            restock: [
                (supply: "kits", to: "clinic", below: 2000, quantity: 500),
                (supply: "kits", to: "lab", below: 30000, quantity: 500),
            ],
        )"#;
        let scenario = small_scenario("");
        let (plan, report) = check("restock.plan.ron", text, Some(&scenario));
        let plan = plan.unwrap_or_else(|| panic!("{}", report.render_short()));
        let ex = small(Mode::Expected, "");
        let commands = PlanPlayer::new(plan, &scenario).review(&ex);
        let delivers: Vec<&Deliver> = commands
            .iter()
            .filter_map(|c| match c {
                Command::Deliver(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(delivers.len(), 1, "{commands:?}");
        assert_eq!(delivers[0].to.as_str(), "clinic");
    }
}
