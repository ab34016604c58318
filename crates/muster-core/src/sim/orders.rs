//! Commands: each is checked completely before anything changes, so a refused command leaves
//! the exercise exactly as it was.

use super::command::*;
use super::{
    ActionKind, AidRequest, Audience, Event, EventKind, Exercise, InjectStatus, Place, UnitStatus,
};
use crate::i18n::Arg;
use crate::msg;
use crate::scenario::{AgencyKind, FacilityKind, Id, Inject, Trigger};

/// Time for stock sent by an agency outside the city (a neighbouring province) to arrive when
/// the answer states none, in minutes: a day's road trip with loading. Illustrative.
pub(crate) const OUTSIDE_AID_MINUTES: u32 = 24 * 60;

fn refuse<T>(message: crate::i18n::Message) -> Result<T, CommandError> {
    Err(CommandError(message))
}

impl Exercise {
    /// Applies a command at the current minute. Returns the events it caused, or why it was
    /// refused (and then nothing changed).
    /// A refusal is recorded (`refusals`): the debrief shows what a team tried and could not do.
    pub fn apply(&mut self, command: Command) -> Result<Vec<Event>, CommandError> {
        let first = self.events.len();
        match self.try_apply(&command) {
            Ok(()) => {
                self.log.push((self.now, command));
                self.fire_conditional_injects();
                self.update_feed();
                Ok(self.events[first..].to_vec())
            }
            Err(reason) => {
                self.record_refusal(command, reason.0.clone());
                Err(reason)
            }
        }
    }

    /// Records an attempt refused at the current minute (also when a journal is replayed: its
    /// refused lines are recorded as they were, not tried again).
    pub fn record_refusal(&mut self, command: Command, reason: crate::i18n::Message) {
        self.refusals.push(super::RefusalRecord {
            at: self.now,
            team: command.team().map(|t| t.name.clone()),
            command,
            reason,
        });
    }

    fn try_apply(&mut self, command: &Command) -> Result<(), CommandError> {
        if self.is_over() {
            return refuse(msg!("refused-exercise-ended"));
        }
        match command {
            // The control cell answers as an agency it plays.
            Command::AnswerAid(c) if self.is_simulated(c.team.as_str()) => {}
            _ => {
                if let Some(team) = command.team() {
                    self.check_team(team)?;
                }
            }
        }
        match command {
            Command::Activate(c) => self.activate(c)?,
            Command::Dispatch(c) => self.dispatch(&c.team, &c.unit, &c.to, c.work, false)?,
            Command::Redirect(c) => self.dispatch(&c.team, &c.unit, &c.to, c.work, true)?,
            Command::Recall(c) => self.recall(c)?,
            Command::Deliver(c) => self.deliver_supplies(c)?,
            Command::OrderMeasure(c) => self.order_measure(c)?,
            Command::Report(c) => self.report(c)?,
            Command::Share(c) => self.share(c)?,
            Command::Statement(c) => self.statement(c)?,
            Command::RequestAid(c) => self.request_aid(c)?,
            Command::AnswerAid(c) => self.answer_aid(c)?,
            Command::DecideGathering(c) => self.decide(c)?,
            Command::Decide(c) => self.answer_decision(c)?,
            Command::Act(c) => self.act(c)?,
            Command::RedMove(c) => self.play_red(c)?,
            Command::Restore(c) => self.restore(c)?,
            Command::TestingRound(c) => self.start_testing_round(c)?,
            Command::DeclareZone(c) => self.declare_zone(c)?,
            Command::CloseFacility(c) => self.order_facility(c, false)?,
            Command::OpenFacility(c) => self.order_facility(c, true)?,
            Command::CohortFacility(c) => self.cohort_facility(c)?,
            Command::Message(c) => self.message(c)?,
            Command::Judge(c) => self.judge(c)?,
            Command::FireInject(c) => self.fire_now(&c.inject)?,
            Command::DelayInject(c) => self.delay_inject(c)?,
            Command::SkipInject(c) => self.skip_inject(&c.inject)?,
            Command::EditInject(c) => self.edit_inject(c)?,
            Command::ComposeInject(c) => self.compose(c)?,
            Command::Observe(c) => self.observe(c)?,
            Command::Rate(c) => self.rate(c)?,
        }
        Ok(())
    }

    fn check_team(&self, team: &Id) -> Result<(), CommandError> {
        match self.scenario.team(team.as_str()) {
            Some(_) => Ok(()),
            None => refuse(msg!("refused-no-team", team = team)),
        }
    }

    fn activate(&mut self, c: &TeamOnly) -> Result<(), CommandError> {
        if self.activations.contains_key(c.team.as_str()) {
            return refuse(msg!("refused-already-activated", team = &c.team));
        }
        self.activations.insert(c.team.name.clone(), self.now);
        self.emit(
            Audience::Everyone,
            EventKind::Activated {
                team: c.team.name.clone(),
            },
        );
        self.record_action(c.team.as_str(), ActionKind::Activate);
        Ok(())
    }

    /// A team's name as participants read it.
    pub(crate) fn team_name(&self, id: &str) -> String {
        self.scenario
            .team(id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// Whether an id names an agency the control cell plays.
    pub fn is_simulated(&self, agency: &str) -> bool {
        self.scenario.agency(agency).is_some_and(|a| a.simulated)
    }

    fn unit_for(&self, team: &Id, unit: &Id) -> Result<usize, CommandError> {
        let Some(&n) = self.derived.unit_index.get(unit.as_str()) else {
            return refuse(msg!("refused-no-unit", unit = unit));
        };
        if !self.commands_unit(team.as_str(), n) {
            return refuse(msg!(
                "refused-unit-not-theirs",
                unit = unit,
                agency = &self.units[n].agency,
                team = team
            ));
        }
        Ok(n)
    }

    fn place(&self, id: &Id) -> Result<Place, CommandError> {
        match super::place_of(&self.derived, id.as_str()) {
            Some(place) => Ok(place),
            None => refuse(msg!("refused-no-place", place = id)),
        }
    }

    pub(crate) fn dispatch(
        &mut self,
        team: &Id,
        unit: &Id,
        to: &Id,
        work: Option<crate::scenario::Minutes>,
        redirect: bool,
    ) -> Result<(), CommandError> {
        let n = self.unit_for(team, unit)?;
        self.check_in_service(n)?;
        let target = self.place(to)?;
        let resource = &self.scenario.resource_types[self.units[n].resource];
        if resource.role == crate::scenario::UnitRole::Supply
            && self.units[n].cargo.is_none()
            && !redirect
        {
            return refuse(msg!("refused-supply-unit-dispatched", unit = unit));
        }
        let busy = !matches!(self.units[n].status, UnitStatus::AtBase);
        if busy && !redirect {
            return refuse(msg!(
                "refused-unit-busy",
                unit = unit,
                status = self.status_text(n)
            ));
        }
        if !busy && redirect {
            return refuse(msg!("refused-redirect-at-base", unit = unit));
        }
        if self.units[n].cargo.is_some() && redirect && !matches!(target, Place::Facility(_)) {
            return refuse(msg!("refused-cargo-redirect", unit = unit));
        }
        let work = work.map_or(self.default_work_minutes(n), |w| w.get());
        if work == 0 {
            return refuse(msg!("refused-zero-work"));
        }
        let role = resource.role.clone();
        let speed = resource.speed_kmh.get();
        self.accrue(n);
        let from = self.unit_position(n);
        let arrive = self
            .now
            .saturating_add(self.travel_minutes(from, target, speed));
        self.units[n].status = UnitStatus::Travelling {
            from: (from.x, from.y),
            to: target,
            depart: self.now,
            arrive,
            work,
        };
        let audience = self.unit_audience(n);
        self.emit(
            audience,
            EventKind::UnitDispatched {
                unit: unit.name.clone(),
                team: team.name.clone(),
                to: to.name.clone(),
                arrives: arrive,
            },
        );
        self.record_action(
            team.as_str(),
            ActionKind::Dispatch {
                role,
                to: to.name.clone(),
            },
        );
        Ok(())
    }

    fn status_text(&self, n: usize) -> crate::i18n::Message {
        match &self.units[n].status {
            UnitStatus::AtBase => msg!("unit-status-at-base"),
            UnitStatus::Travelling { to, arrive, .. } => msg!(
                "unit-status-travelling",
                place = self.place_name(*to),
                at = self.clock_arg(*arrive)
            ),
            UnitStatus::Working { place, until, .. } => msg!(
                "unit-status-working",
                place = self.place_name(*place),
                until = self.clock_arg(*until)
            ),
            UnitStatus::Returning { arrive, .. } => {
                msg!("unit-status-returning", at = self.clock_arg(*arrive))
            }
        }
    }

    fn recall(&mut self, c: &UnitOrder) -> Result<(), CommandError> {
        let n = self.unit_for(&c.team, &c.unit)?;
        match self.units[n].status {
            UnitStatus::AtBase => refuse(msg!("refused-already-at-base", unit = &c.unit)),
            UnitStatus::Returning { .. } => {
                refuse(msg!("refused-already-returning", unit = &c.unit))
            }
            _ => {
                self.accrue(n);
                // Undelivered cargo goes back to the base with the unit.
                if let (Some((supply, quantity)), Place::Facility(f)) =
                    (self.units[n].cargo.take(), self.units[n].base)
                {
                    self.add_stock(f, &supply, quantity);
                }
                self.start_return(n);
                let audience = self.unit_audience(n);
                self.emit(
                    audience,
                    EventKind::Notice {
                        text: msg!("event-recalled", unit = &c.unit, team = &c.team),
                    },
                );
                Ok(())
            }
        }
    }

    fn deliver_supplies(&mut self, c: &Deliver) -> Result<(), CommandError> {
        let n = self.unit_for(&c.team, &c.unit)?;
        self.check_in_service(n)?;
        let resource = &self.scenario.resource_types[self.units[n].resource];
        if resource.role != crate::scenario::UnitRole::Supply {
            return refuse(msg!("refused-not-supply-unit", unit = &c.unit));
        }
        if !matches!(self.units[n].status, UnitStatus::AtBase) {
            return refuse(msg!(
                "refused-supply-unit-busy",
                unit = &c.unit,
                status = self.status_text(n)
            ));
        }
        let Place::Facility(to) = self.place(&c.to)? else {
            return refuse(msg!("refused-deliver-to-district", place = &c.to));
        };
        let Place::Facility(base) = self.units[n].base else {
            return refuse(msg!("refused-unit-based-in-district", unit = &c.unit));
        };
        if c.quantity == 0 {
            return refuse(msg!("refused-zero-delivery"));
        }
        let carries = self.unit_capacity(n);
        if c.quantity as f64 > carries {
            return refuse(msg!(
                "refused-over-capacity",
                unit = &c.unit,
                capacity = carries
            ));
        }
        let available = self.facilities[base]
            .stock
            .get(c.supply.as_str())
            .copied()
            .unwrap_or(0);
        if available < c.quantity {
            return refuse(msg!(
                "refused-short-stock",
                facility = &self.scenario.facilities[base].id,
                held = available,
                supply = &c.supply,
                asked = c.quantity
            ));
        }
        let speed = resource.speed_kmh.get();
        if let Some(stock) = self.facilities[base].stock.get_mut(c.supply.as_str()) {
            *stock -= c.quantity;
        }
        self.units[n].cargo = Some((c.supply.name.clone(), c.quantity));
        let from = self.unit_position(n);
        let arrive = self
            .now
            .saturating_add(self.travel_minutes(from, Place::Facility(to), speed));
        self.units[n].status = UnitStatus::Travelling {
            from: (from.x, from.y),
            to: Place::Facility(to),
            depart: self.now,
            arrive,
            work: 0,
        };
        let audience = self.unit_audience(n);
        self.emit(
            audience,
            EventKind::UnitDispatched {
                unit: c.unit.name.clone(),
                team: c.team.name.clone(),
                to: c.to.name.clone(),
                arrives: arrive,
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Dispatch {
                role: crate::scenario::UnitRole::Supply,
                to: c.to.name.clone(),
            },
        );
        Ok(())
    }

    /// Whether a team may order district measures: one of its agencies is listed in
    /// `measures.ordered_by` (or, when that is empty, is a command or health agency). Where it
    /// may order them is its jurisdiction's (`may_order_in`).
    pub fn may_order_measures(&self, team: &str) -> bool {
        let Some(team) = self.scenario.team(team) else {
            return false;
        };
        team.agencies
            .iter()
            .filter_map(|a| self.scenario.agency(a.as_str()))
            .any(|a| self.orders_measures(a))
    }

    /// Whether an agency may order measures (somewhere).
    pub(crate) fn orders_measures(&self, agency: &crate::scenario::Agency) -> bool {
        let allowed = &self.scenario.measures.ordered_by;
        if allowed.is_empty() {
            matches!(agency.kind, AgencyKind::Command | AgencyKind::Health)
        } else {
            allowed.contains(&agency.id)
        }
    }

    /// Whether a team may decide on a planned mass gathering (by its index): one of the
    /// gathering's `decided_by` agencies, or, when it names none, a team that orders measures.
    pub fn may_decide_gathering(&self, team: &str, gathering: usize) -> bool {
        let Some(plan) = self.scenario.mass_gatherings.get(gathering) else {
            return false;
        };
        if plan.decided_by.is_empty() {
            return self.may_order_measures(team);
        }
        self.scenario
            .team(team)
            .is_some_and(|t| t.agencies.iter().any(|a| plan.decided_by.contains(a)))
    }

    /// The planned gatherings a team may decide on, by index, each with the decision point of
    /// the MSEL that decides it instead, if one does (then `DecideGathering` on it is refused:
    /// the team answers the point). The desk and the pages list these and nothing else.
    pub fn gatherings_to_decide(&self, team: &str) -> Vec<(usize, Option<&str>)> {
        self.gatherings
            .iter()
            .enumerate()
            .filter(|(n, g)| {
                g.status == super::GatheringStatus::Planned && self.may_decide_gathering(team, *n)
            })
            .map(|(n, _)| {
                let id = self.scenario.mass_gatherings[n].id.as_str();
                (
                    n,
                    self.scenario
                        .gathering_decided_at(id)
                        .map(|i| i.id.as_str()),
                )
            })
            .collect()
    }

    /// Who may order measures, in words, for a refusal.
    pub(crate) fn who_orders_measures(&self) -> crate::i18n::Message {
        let allowed = &self.scenario.measures.ordered_by;
        if allowed.is_empty() {
            msg!("who-command-or-health")
        } else {
            msg!(
                "who-listed",
                list = allowed.iter().map(|a| a.name.clone()).collect::<Vec<_>>()
            )
        }
    }

    fn order_measure(&mut self, c: &OrderMeasure) -> Result<(), CommandError> {
        let Some(&d) = self.derived.district_index.get(c.district.as_str()) else {
            return refuse(msg!("refused-no-district", district = &c.district));
        };
        self.may_order_in(c.team.as_str(), c.district.as_str())
            .map_err(CommandError)?;
        if self.districts[d].level == c.level {
            return refuse(msg!(
                "refused-same-level",
                district = &c.district,
                level = Arg::worded(|lang| c.level.words(lang))
            ));
        }
        self.set_level(d, &c.level, Some(c.team.as_str()));
        self.record_action(
            c.team.as_str(),
            ActionKind::Measure {
                district: c.district.name.clone(),
                level: c.level.clone(),
            },
        );
        Ok(())
    }

    /// Sets a district's control level, announced to everyone; the team that ordered it (if
    /// any) pays for it from now on.
    pub(crate) fn set_level(
        &mut self,
        d: usize,
        level: &crate::scenario::ControlLevel,
        team: Option<&str>,
    ) {
        if self.districts[d].level == *level {
            return;
        }
        self.districts[d].level = level.clone();
        self.districts[d].level_ordered_by = team.map(str::to_string);
        self.count_days_at_home(d);
        self.emit(
            Audience::Everyone,
            EventKind::MeasureOrdered {
                team: team.unwrap_or(super::effects::CONTROL_CELL).to_string(),
                district: self.scenario.city.districts[d].id.name.clone(),
                level: level.clone(),
            },
        );
    }

    fn report(&mut self, c: &Report) -> Result<(), CommandError> {
        if !self.team_plays(c.team.as_str(), c.from.as_str()) {
            return refuse(msg!(
                "refused-not-their-agency",
                team = &c.team,
                agency = &c.from
            ));
        }
        if self.scenario.agency(c.to.as_str()).is_none() {
            return refuse(msg!("refused-no-agency", agency = &c.to));
        }
        if let Some(back) = self.channel_down(c.from.as_str()) {
            return refuse(msg!(
                "refused-channel-down",
                agency = &c.from,
                at = self.clock_arg(back)
            ));
        }
        let since = self.latest_due(c.from.as_str(), c.to.as_str());
        let untrue = c
            .figures
            .as_ref()
            .and_then(|figures| self.false_figure(figures, since));
        let any_on_time = self.file_reports(c.from.as_str(), c.to.as_str(), untrue.as_ref());
        let audience = self.audience_of(&[c.from.clone(), c.to.clone()]);
        self.emit(
            audience,
            EventKind::ReportFiled {
                team: c.team.name.clone(),
                from: c.from.name.clone(),
                to: c.to.name.clone(),
                on_time: any_on_time,
                text: c.text.clone(),
                untrue,
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Report {
                to: c.to.name.clone(),
            },
        );
        Ok(())
    }

    fn share(&mut self, c: &Share) -> Result<(), CommandError> {
        if c.with.is_empty() {
            return refuse(msg!("refused-share-with-nobody"));
        }
        for t in &c.with {
            self.check_team(t)?;
        }
        let mut teams: Vec<String> = c.with.iter().map(|t| t.name.clone()).collect();
        teams.push(c.team.name.clone());
        self.cross_check_concealment();
        self.emit(
            Audience::Teams(teams),
            EventKind::Shared {
                team: c.team.name.clone(),
                with: c.with.iter().map(|t| t.name.clone()).collect(),
                text: c.text.clone(),
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::Share {
                with: c.with.iter().map(|t| t.name.clone()).collect(),
            },
        );
        Ok(())
    }

    fn statement(&mut self, c: &Statement) -> Result<(), CommandError> {
        if let Some(d) = &c.district
            && !self.derived.district_index.contains_key(d.as_str())
        {
            return refuse(msg!("refused-no-district", district = d));
        }
        let districts = self.scope(&c.district);
        self.answer_posts(
            c.team.as_str(),
            c.district.as_ref().map(|d| d.as_str()),
            c.post,
        )
        .map_err(CommandError)?;
        self.answer_rumours(&districts);
        self.emit(
            Audience::Everyone,
            EventKind::Statement {
                team: c.team.name.clone(),
                district: c.district.as_ref().map(|d| d.name.clone()),
                text: c.text.clone(),
            },
        );
        self.record_action(c.team.as_str(), ActionKind::Statement);
        Ok(())
    }

    fn request_aid(&mut self, c: &RequestAid) -> Result<(), CommandError> {
        let simulated = self.is_simulated(c.to.as_str());
        if !simulated {
            self.check_team(&c.to)
                .map_err(|_| CommandError(msg!("refused-no-team-nor-simulated", team = &c.to)))?;
        }
        if c.to == c.team {
            return refuse(msg!("refused-aid-from-itself"));
        }
        for unit in &c.units {
            let Some(&n) = self.derived.unit_index.get(unit.as_str()) else {
                return refuse(msg!("refused-no-unit", unit = unit));
            };
            let belongs = if simulated {
                self.units[n].agency == c.to.as_str()
            } else {
                self.team_plays(c.to.as_str(), &self.units[n].agency)
            };
            if !belongs {
                return refuse(msg!("refused-unit-not-of", unit = unit, owner = &c.to));
            }
        }
        if c.units.is_empty() && c.supply.is_none() && c.text.trim().is_empty() {
            return refuse(msg!("refused-empty-request"));
        }
        if let Some(supply) = &c.supply {
            if !self.scenario.supplies.iter().any(|s| s.id == *supply) {
                return refuse(msg!("refused-no-supply", supply = supply));
            }
            match &c.deliver_to {
                Some(f) if self.derived.facility_index.contains_key(f.as_str()) => {}
                Some(f) => return refuse(msg!("refused-no-facility", facility = f)),
                None => {
                    return refuse(msg!("refused-request-without-destination"));
                }
            }
            if c.quantity == 0 {
                return refuse(msg!("refused-zero-request"));
            }
        }
        let number = self.requests.len() as u32 + 1;
        self.requests.push(AidRequest {
            number,
            from_team: c.team.name.clone(),
            to_team: c.to.name.clone(),
            units: c.units.iter().map(|u| u.name.clone()).collect(),
            supply: c.supply.as_ref().map(|s| s.name.clone()),
            quantity: c.quantity,
            deliver_to: c.deliver_to.as_ref().map(|f| f.name.clone()),
            made_at: self.now,
            due: self.now.saturating_add(c.within.get()),
            answered: None,
            unanswered_noted: false,
        });
        self.emit(
            Audience::Teams(vec![c.team.name.clone(), c.to.name.clone()]),
            EventKind::AidRequested {
                request: number,
                from_team: c.team.name.clone(),
                to_team: c.to.name.clone(),
                units: c.units.iter().map(|u| u.name.clone()).collect(),
                supply: c.supply.as_ref().map(|s| s.name.clone()),
                quantity: c.quantity,
                text: c.text.clone(),
            },
        );
        self.record_action(
            c.team.as_str(),
            ActionKind::RequestAid {
                from: c.to.name.clone(),
            },
        );
        Ok(())
    }

    fn answer_aid(&mut self, c: &AnswerAid) -> Result<(), CommandError> {
        let Some(n) = self.requests.iter().position(|r| r.number == c.request) else {
            return refuse(msg!("refused-no-request", number = c.request));
        };
        let request = self.requests[n].clone();
        if request.to_team != c.team.as_str() {
            return refuse(msg!(
                "refused-request-not-to-them",
                number = c.request,
                to = &request.to_team,
                team = &c.team
            ));
        }
        if request.answered.is_some() {
            return refuse(msg!("refused-request-answered", number = c.request));
        }
        // Stock: everything about the answer is checked before anything moves.
        let mut shipment = None;
        let simulated = self.is_simulated(c.team.as_str());
        if c.accept
            && let (Some(supply), Some(to)) = (&request.supply, &request.deliver_to)
            && simulated
            && c.from.is_none()
        {
            // An agency outside the exercise sends stock from outside the city.
            let to = self.derived.facility_index[to.as_str()];
            let sent = c.quantity.unwrap_or(request.quantity);
            if sent == 0 {
                return refuse(msg!("refused-zero-answer"));
            }
            let minutes = c.arrives_in.map_or(OUTSIDE_AID_MINUTES, |m| m.get());
            self.requests[n].answered = Some((
                self.now,
                if sent < request.quantity {
                    super::AidAnswer::Short {
                        sent,
                        reason: msg!("aid-short-offered", offered = sent),
                    }
                } else {
                    super::AidAnswer::Accepted
                },
            ));
            self.ship_from_outside(supply, sent, c.team.as_str(), to, minutes, request.number);
            self.emit(
                Audience::Teams(vec![request.from_team.clone()]),
                EventKind::AidAnswered {
                    request: c.request,
                    team: c.team.name.clone(),
                    accepted: true,
                    text: c.text.clone(),
                    note: msg!(
                        "aid-note-arriving",
                        sent = sent,
                        supply = supply,
                        at = self.clock_arg(self.now.saturating_add(minutes.max(1)))
                    ),
                },
            );
            return Ok(());
        }
        if c.accept
            && let (Some(supply), Some(to)) = (&request.supply, &request.deliver_to)
        {
            let Some(from) = &c.from else {
                return refuse(msg!("refused-accept-without-source"));
            };
            let Some(&f) = self.derived.facility_index.get(from.as_str()) else {
                return refuse(msg!("refused-no-facility", facility = from));
            };
            let operator = self.scenario.facilities[f].operator.as_ref();
            let runs = |a: &Id| {
                if simulated {
                    *a == c.team
                } else {
                    self.team_plays(c.team.as_str(), a.as_str())
                }
            };
            if !operator.is_some_and(runs) {
                return refuse(msg!(
                    "refused-not-their-facility",
                    facility = from,
                    team = &c.team
                ));
            }
            let to = self.derived.facility_index[to.as_str()];
            let offered = c.quantity.unwrap_or(request.quantity);
            if offered == 0 {
                return refuse(msg!("refused-zero-answer"));
            }
            let carrier = match &c.unit {
                Some(unit) => {
                    let u = self.unit_for(&c.team, unit)?;
                    self.check_in_service(u)?;
                    let resource = &self.scenario.resource_types[self.units[u].resource];
                    if resource.role != crate::scenario::UnitRole::Supply {
                        return refuse(msg!("refused-not-supply-unit", unit = unit));
                    }
                    if !matches!(self.units[u].status, UnitStatus::AtBase)
                        || self.units[u].base != Place::Facility(f)
                    {
                        return refuse(msg!(
                            "refused-load-away-from-base",
                            unit = unit,
                            base = from
                        ));
                    }
                    Some((u, self.unit_capacity(u) as u64))
                }
                None => None,
            };
            let held = self.stock(f, supply);
            let sent = offered
                .min(held)
                .min(carrier.map_or(u64::MAX, |(_, cap)| cap));
            shipment = Some((supply.clone(), f, to, offered, sent, held, carrier));
        }
        // The answer stands, even when the stock is not all there: it was given in good faith.
        let mut note = crate::i18n::Message::default();
        let mut answer = if c.accept {
            super::AidAnswer::Accepted
        } else {
            super::AidAnswer::Declined
        };
        if c.accept {
            for unit in &request.units {
                if let Some(&u) = self.derived.unit_index.get(unit.as_str()) {
                    self.units[u].loaned_to = Some(request.from_team.clone());
                }
            }
            if !request.units.is_empty() {
                note = msg!("aid-note-units-lent", units = request.units.clone());
            }
        }
        if let Some((supply, f, to, offered, sent, held, carrier)) = shipment {
            let from_name = self.scenario.facilities[f].id.name.clone();
            if sent < offered || sent < request.quantity {
                let reason = if held < offered {
                    msg!(
                        "aid-short-held",
                        facility = from_name,
                        held = held,
                        supply = &supply
                    )
                } else if sent < offered {
                    msg!("aid-short-per-trip", sent = sent)
                } else {
                    msg!("aid-short-offered", offered = offered)
                };
                answer = super::AidAnswer::Short {
                    sent,
                    reason: reason.clone(),
                };
                note = msg!(
                    "aid-note-short",
                    sent = sent,
                    asked = request.quantity,
                    supply = &supply,
                    reason = reason
                );
            }
            if sent > 0 {
                match carrier {
                    Some((u, _)) => {
                        self.facilities[f]
                            .stock
                            .entry(supply.clone())
                            .and_modify(|q| *q -= sent);
                        self.load_and_send(u, &supply, sent, to, &c.team);
                        if note.key.is_empty() {
                            note = msg!(
                                "aid-note-on-unit",
                                sent = sent,
                                supply = &supply,
                                unit = &self.units[u].id
                            );
                        }
                    }
                    None => {
                        let minutes = c
                            .arrives_in
                            .map_or_else(|| self.courier_minutes(f, to), |m| m.get());
                        self.ship(&supply, sent, f, to, minutes, Some(request.number));
                        if note.key.is_empty() {
                            note = msg!(
                                "aid-note-arriving",
                                sent = sent,
                                supply = &supply,
                                at = self.clock_arg(self.now.saturating_add(minutes.max(1)))
                            );
                        }
                    }
                }
            }
        }
        self.requests[n].answered = Some((self.now, answer));
        self.emit(
            Audience::Teams(vec![request.from_team.clone(), request.to_team.clone()]),
            EventKind::AidAnswered {
                request: c.request,
                team: c.team.name.clone(),
                accepted: c.accept,
                text: c.text.clone(),
                note,
            },
        );
        self.record_action(c.team.as_str(), ActionKind::AnswerAid);
        Ok(())
    }

    /// Loads a supply unit at its base (the stock already taken) and sends it to a facility.
    fn load_and_send(&mut self, u: usize, supply: &str, quantity: u64, to: usize, team: &Id) {
        let speed = self.scenario.resource_types[self.units[u].resource]
            .speed_kmh
            .get();
        self.units[u].cargo = Some((supply.to_string(), quantity));
        let from = self.unit_position(u);
        let arrive = self
            .now
            .saturating_add(self.travel_minutes(from, Place::Facility(to), speed));
        self.units[u].status = UnitStatus::Travelling {
            from: (from.x, from.y),
            to: Place::Facility(to),
            depart: self.now,
            arrive,
            work: 0,
        };
        let audience = self.unit_audience(u);
        self.emit(
            audience,
            EventKind::UnitDispatched {
                unit: self.units[u].id.clone(),
                team: team.name.clone(),
                to: self.scenario.facilities[to].id.name.clone(),
                arrives: arrive,
            },
        );
    }

    fn decide(&mut self, c: &DecideGathering) -> Result<(), CommandError> {
        let Some(n) = self
            .scenario
            .mass_gatherings
            .iter()
            .position(|g| g.id == c.gathering)
        else {
            return refuse(msg!("refused-no-gathering", gathering = &c.gathering));
        };
        let plan = &self.scenario.mass_gatherings[n];
        if !self.may_decide_gathering(c.team.as_str(), n) {
            let who = if plan.decided_by.is_empty() {
                self.who_orders_measures()
            } else {
                let list: Vec<String> = plan.decided_by.iter().map(|a| a.name.clone()).collect();
                msg!("who-listed", list = list)
            };
            return refuse(msg!(
                "refused-gathering-not-theirs",
                team = &c.team,
                gathering = &c.gathering,
                who = who
            ));
        }
        // The MSEL's decision point owns this gathering: its options carry the scenario's
        // consequences and scores, so a direct decision would go around them.
        if let Some(point) = self.scenario.gathering_decided_at(plan.id.as_str()) {
            return refuse(msg!(
                "refused-gathering-at-decision-point",
                gathering = &plan.name,
                point = point.title.as_str()
            ));
        }
        let state = &self.gatherings[n];
        match state.status {
            super::gatherings::GatheringStatus::Cancelled => {
                return refuse(msg!(
                    "refused-gathering-cancelled",
                    gathering = &c.gathering
                ));
            }
            super::gatherings::GatheringStatus::Held => {
                return refuse(msg!("refused-gathering-started", gathering = &c.gathering));
            }
            super::gatherings::GatheringStatus::Planned => {}
        }
        if let GatheringDecision::Postpone(by) = &c.decision
            && by.get() == 0
        {
            return refuse(msg!("refused-zero-postponement"));
        }
        if c.decision == GatheringDecision::WithMeasures && state.with_measures {
            return refuse(msg!(
                "refused-gathering-has-measures",
                gathering = &c.gathering
            ));
        }
        self.decide_gathering(n, c.team.as_str(), &c.decision);
        self.record_action(
            c.team.as_str(),
            ActionKind::Gathering {
                gathering: c.gathering.name.clone(),
                decision: c.decision.clone(),
            },
        );
        Ok(())
    }

    fn inject_index(&self, id: &Id) -> Result<usize, CommandError> {
        match self.scenario.injects.iter().position(|i| i.id == *id) {
            Some(n) => Ok(n),
            None => refuse(msg!("refused-no-inject", inject = id)),
        }
    }

    fn pending_inject(&self, id: &Id) -> Result<usize, CommandError> {
        let n = self.inject_index(id)?;
        match self.injects[n].status {
            InjectStatus::Pending => Ok(n),
            InjectStatus::Fired(at) => refuse(msg!(
                "refused-inject-fired",
                inject = id,
                at = self.clock_arg(at)
            )),
            InjectStatus::Skipped => refuse(msg!("refused-inject-skipped", inject = id)),
        }
    }

    fn fire_now(&mut self, id: &Id) -> Result<(), CommandError> {
        let n = self.pending_inject(id)?;
        self.fire(n);
        Ok(())
    }

    fn delay_inject(&mut self, c: &DelayInject) -> Result<(), CommandError> {
        let n = self.pending_inject(&c.inject)?;
        let Trigger::At(at) = self.scenario.injects[n].trigger else {
            return refuse(msg!("refused-delay-conditional", inject = &c.inject));
        };
        if c.by.get() == 0 {
            return refuse(msg!("refused-zero-delay"));
        }
        self.injects[n].delay = self.injects[n].delay.saturating_add(c.by.get());
        let until = at.minutes().saturating_add(self.injects[n].delay);
        self.emit(
            Audience::Control,
            EventKind::InjectDelayed {
                inject: c.inject.name.clone(),
                until,
            },
        );
        Ok(())
    }

    fn skip_inject(&mut self, id: &Id) -> Result<(), CommandError> {
        let n = self.pending_inject(id)?;
        self.injects[n].status = InjectStatus::Skipped;
        self.emit(
            Audience::Control,
            EventKind::InjectSkipped {
                inject: id.name.clone(),
            },
        );
        Ok(())
    }

    fn edit_inject(&mut self, c: &EditInject) -> Result<(), CommandError> {
        let n = self.pending_inject(&c.inject)?;
        if c.title.is_none() && c.message.is_none() {
            return refuse(msg!("refused-empty-edit"));
        }
        if let Some(title) = &c.title {
            self.injects[n].title = title.clone();
        }
        if let Some(message) = &c.message {
            self.injects[n].message = message.clone();
        }
        self.emit(
            Audience::Control,
            EventKind::InjectEdited {
                inject: c.inject.name.clone(),
            },
        );
        Ok(())
    }

    fn compose(&mut self, c: &ComposeInject) -> Result<(), CommandError> {
        if c.to.is_empty() {
            return refuse(msg!("refused-compose-to-nobody"));
        }
        for id in &c.to {
            if self.scenario.team(id.as_str()).is_none()
                && self.scenario.agency(id.as_str()).is_none()
            {
                return refuse(msg!("refused-no-team-or-agency", id = id));
            }
        }
        // Effects are checked like a scenario's: every id they name must exist.
        let mut probe = (*self.scenario).clone();
        probe.injects = vec![Inject {
            id: Id::new("composed"),
            title: c.title.clone(),
            trigger: Trigger::At(crate::scenario::ScenarioTime(0)),
            to: crate::scenario::Recipients::Listed(c.to.clone()),
            channel: c.channel.clone(),
            from: c.from.clone(),
            message: c.message.clone(),
            effects: c.effects.clone(),
            expects: Vec::new(),
            objective: None,
            objectives: Vec::new(),
            only_if: None,
            decision: None,
        }];
        let problems = crate::scenario::validate::validate(&probe, &Default::default());
        // The validator names the probe `inject `composed``; the team knows it as its inject.
        let probe_name = msg!("v-inject", id = "composed");
        if let Some(problem) = problems.iter().filter(|d| d.is_error()).find_map(|d| {
            d.message
                .replacing(&probe_name, &msg!("refused-the-composed-inject"))
        }) {
            return refuse(problem);
        }
        self.composed += 1;
        let inject = Inject {
            id: Id::new(format!("X-{}", self.composed)),
            ..probe.injects.remove(0)
        };
        self.deliver(&inject, c.title.clone(), c.message.clone());
        Ok(())
    }

    fn check_objective_and_team(
        &self,
        objective: Option<&Id>,
        team: Option<&Id>,
    ) -> Result<(), CommandError> {
        if let Some(objective) = objective
            && !self.scenario.objectives.iter().any(|o| o.id == *objective)
        {
            return refuse(msg!("refused-no-objective", objective = objective));
        }
        if let Some(team) = team {
            self.check_team(team)?;
        }
        Ok(())
    }

    fn observe(&mut self, c: &Observe) -> Result<(), CommandError> {
        if c.text.trim().is_empty() {
            return refuse(msg!("refused-empty-observation"));
        }
        self.check_objective_and_team(c.objective.as_ref(), c.team.as_ref())?;
        self.observations.push(super::ObservationRecord {
            at: self.now,
            objective: c.objective.as_ref().map(|o| o.name.clone()),
            team: c.team.as_ref().map(|t| t.name.clone()),
            text: c.text.clone(),
            evaluator: c.evaluator.clone(),
        });
        self.emit(
            Audience::Control,
            EventKind::Notice {
                text: msg!("event-observation", text = &c.text),
            },
        );
        Ok(())
    }

    fn rate(&mut self, c: &Rate) -> Result<(), CommandError> {
        self.check_objective_and_team(Some(&c.objective), c.team.as_ref())?;
        self.ratings.push(super::RatingRecord {
            at: self.now,
            objective: c.objective.name.clone(),
            team: c.team.as_ref().map(|t| t.name.clone()),
            rating: c.rating.clone(),
            note: c.note.clone(),
            evaluator: c.evaluator.clone(),
        });
        let text = match &c.team {
            Some(team) => msg!(
                "event-rating-of-team",
                rating = format!("{:?}", c.rating),
                objective = &c.objective,
                team = team
            ),
            None => msg!(
                "event-rating",
                rating = format!("{:?}", c.rating),
                objective = &c.objective
            ),
        };
        self.emit(Audience::Control, EventKind::Notice { text });
        Ok(())
    }

    /// The control cell speaks as an agency it plays: a message to teams.
    fn message(&mut self, c: &Message) -> Result<(), CommandError> {
        if !self.is_simulated(c.from.as_str()) {
            return refuse(msg!("refused-not-simulated", agency = &c.from));
        }
        if c.to.is_empty() {
            return refuse(msg!("refused-message-to-nobody"));
        }
        for id in &c.to {
            if self.scenario.team(id.as_str()).is_none()
                && self.scenario.agency(id.as_str()).is_none()
            {
                return refuse(msg!("refused-no-team-or-agency", id = id));
            }
        }
        if c.text.trim().is_empty() {
            return refuse(msg!("refused-empty-message"));
        }
        let audience = self.audience_of(&c.to);
        let from = self
            .scenario
            .agency(c.from.as_str())
            .map_or(c.from.name.clone(), |a| a.name.clone());
        self.emit(
            audience,
            EventKind::AgencyMessage {
                agency: c.from.name.clone(),
                from,
                channel: c.channel.clone(),
                text: c.text.clone(),
            },
        );
        Ok(())
    }

    /// An evaluator's verdict on an expected action that no command shows.
    fn judge(&mut self, c: &Judge) -> Result<(), CommandError> {
        let n = self.inject_index(&c.inject)?;
        let expects = &self.scenario.injects[n].expects;
        let Some(expected) = expects.get((c.expectation as usize).wrapping_sub(1)) else {
            return refuse(msg!(
                "refused-no-expectation",
                inject = &c.inject,
                count = expects.len()
            ));
        };
        if expected.check.is_some() {
            return refuse(msg!(
                "refused-judge-automatic",
                expectation = &expected.text
            ));
        }
        if let Some(team) = &c.team {
            self.check_team(team)?;
        }
        let matching: Vec<usize> = self
            .expectations
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.inject == c.inject.as_str()
                    && e.index == c.expectation
                    && match &c.team {
                        Some(t) => e.team.as_deref().is_none_or(|x| x == t.as_str()),
                        None => true,
                    }
            })
            .map(|(k, _)| k)
            .collect();
        let k = match matching.as_slice() {
            [] => {
                return refuse(match &c.team {
                    Some(team) => {
                        msg!("refused-not-asked-of-team", inject = &c.inject, team = team)
                    }
                    None => msg!("refused-not-asked-yet", inject = &c.inject),
                });
            }
            [k] => *k,
            _ => {
                return refuse(msg!("refused-judge-which-team", inject = &c.inject));
            }
        };
        let record = super::JudgementRecord {
            at: self.now,
            verdict: c.verdict.clone(),
            note: c.note.clone(),
            evaluator: c.evaluator.clone(),
        };
        let e = &mut self.expectations[k];
        if e.team.is_none()
            && let Some(team) = &c.team
        {
            e.met_by = Some(team.name.clone());
        }
        e.judged = Some(record);
        let verdict = c.verdict.clone();
        let text = msg!(
            "event-judged",
            verdict = Arg::worded(|lang| verdict.words(lang)),
            text = &e.text,
            inject = &e.inject,
            team = Arg::worded(|lang| e.team_words(lang))
        );
        self.emit(Audience::Control, EventKind::Notice { text });
        Ok(())
    }

    /// Facilities of a kind, for views (quarantine sites, hospitals).
    pub fn facilities_of(&self, kind: FacilityKind) -> impl Iterator<Item = usize> + '_ {
        self.scenario
            .facilities
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.kind == kind)
            .map(|(n, _)| n)
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::test_support::{command, small};
    use crate::sim::{AidAnswer, EventKind, Exercise, Mode};

    const PROVINCE: &str = r#"extra.agencies: (id: "province", name: "Provincial health commission", kind: Neighbour, simulated: true)"#;

    fn apply(ex: &mut Exercise, text: &str) -> Result<(), String> {
        ex.apply(command(text))
            .map(|_| ())
            .map_err(|e| e.0.to_string())
    }

    /// A delayed inject fires that much later, and only then.
    #[test]
    fn a_delayed_inject_fires_later() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [(id: "I-1", title: "Alert", trigger: At("2h"), to: All, message: "Cases reported")]"#,
        );
        apply(&mut ex, r#"DelayInject(inject: "I-1", by: "3h")"#).unwrap();
        ex.advance(4 * 60);
        assert_eq!(ex.fired_at("I-1"), None, "not at its first time");
        ex.advance(60);
        assert_eq!(ex.fired_at("I-1"), Some(5 * 60));
        let again = apply(&mut ex, r#"DelayInject(inject: "I-1", by: "1h")"#);
        assert!(again.is_err(), "fired already");
    }

    /// A supply unit goes out only with a load: dispatched empty it is refused (Deliver says
    /// what it carries); loaded and on its way, it can be redirected to another facility.
    #[test]
    fn a_supply_unit_moves_only_with_its_load() {
        let mut ex = small(Mode::Expected, "");
        let refused = apply(
            &mut ex,
            r#"Dispatch(team: "police-team", unit: "truck", to: "clinic")"#,
        )
        .unwrap_err();
        assert!(refused.contains("use Deliver"), "{refused}");
        apply(
            &mut ex,
            r#"Deliver(team: "police-team", unit: "truck", supply: "kits", quantity: 100, to: "clinic")"#,
        )
        .unwrap();
        apply(
            &mut ex,
            r#"Redirect(team: "police-team", unit: "truck", to: "lab")"#,
        )
        .unwrap();
    }

    /// The map asks for the facilities of a kind: hospitals, sites.
    #[test]
    fn facilities_of_a_kind_are_listed_in_the_scenarios_order() {
        use crate::scenario::FacilityKind;
        let ex = small(
            Mode::Expected,
            r#"extra.facilities: (id: "field", name: "Field hospital", kind: Hospital, district: "south", beds: 10, operator: "health")"#,
        );
        let names = |kind| -> Vec<&str> {
            ex.facilities_of(kind)
                .map(|f| ex.scenario().facilities[f].id.as_str())
                .collect()
        };
        assert_eq!(names(FacilityKind::Hospital), ["hospital", "field"]);
        assert_eq!(names(FacilityKind::QuarantineSite), ["site"]);
    }

    /// An answer's stock goes on a supply unit only at the unit's base, while it is there.
    #[test]
    fn an_answer_loads_a_supply_unit_only_at_its_base() {
        let mut ex = small(Mode::Expected, "");
        apply(
            &mut ex,
            r#"RequestAid(team: "health-team", to: "police-team", supply: "kits", quantity: 100, deliver_to: "clinic")"#,
        )
        .unwrap();
        apply(
            &mut ex,
            r#"Deliver(team: "police-team", unit: "truck", supply: "kits", quantity: 10, to: "clinic")"#,
        )
        .unwrap();
        let answer = r#"AnswerAid(team: "police-team", request: 1, accept: true, from: "depot", unit: "truck")"#;
        let refused = apply(&mut ex, answer).unwrap_err();
        assert!(refused.contains("must be at its base"), "{refused}");
        ex.advance(24 * 60);
        apply(&mut ex, answer).unwrap();
    }

    /// A request to an agency the control cell plays reaches the facilitator, who answers as
    /// that agency: the stock comes from outside the city, after the time stated.
    #[test]
    fn the_control_cell_answers_as_an_agency_it_plays() {
        let mut ex = small(Mode::Expected, PROVINCE);
        apply(
            &mut ex,
            r#"RequestAid(team: "health-team", to: "province", supply: "kits", quantity: 5000, deliver_to: "clinic", text: "kits run short")"#,
        )
        .unwrap();
        assert_eq!(ex.requests()[0].to_team, "province");
        assert!(
            apply(
                &mut ex,
                r#"AnswerAid(team: "police-team", request: 1, accept: true)"#
            )
            .unwrap_err()
            .contains("was made to team `province`")
        );
        let clinic = ex.derived.facility_index["clinic"];
        let before = ex.stock(clinic, "kits");
        apply(
            &mut ex,
            r#"AnswerAid(team: "province", request: 1, accept: true, quantity: 3000, arrives_in: "12h")"#,
        )
        .unwrap();
        assert!(matches!(
            ex.requests()[0].answered,
            Some((0, AidAnswer::Short { sent: 3000, .. }))
        ));
        ex.advance(12 * 60);
        assert_eq!(
            ex.stock(clinic, "kits"),
            before + 3000,
            "nobody ill used a kit"
        );
        apply(
            &mut ex,
            r#"Message(from: "province", to: ["health-team"], text: "More kits on Friday")"#,
        )
        .unwrap();
        assert!(ex.events_for("health-team").any(|e| matches!(
            &e.kind,
            EventKind::AgencyMessage { from, .. } if from == "Provincial health commission"
        )));
        assert!(
            apply(
                &mut ex,
                r#"Message(from: "police", to: ["health-team"], text: "Hello")"#
            )
            .unwrap_err()
            .contains("not an agency the control cell plays")
        );
    }

    /// An evaluator judges an expected action no command shows; a checked one is not theirs
    /// to judge, and an unjudged one is never reported missed.
    #[test]
    fn evaluators_judge_what_no_command_shows() {
        let mut ex = small(
            Mode::Expected,
            r#"scenario.injects: [(id: "I-1", title: "Briefing", trigger: At("1h"), to: ["health-team", "police-team"], message: "Brief the mayor", expects: [(text: "Brief the mayor in person", within: "2h"), (text: "Report", check: Report(()), within: "2h")])]"#,
        );
        ex.advance(6 * 60);
        assert!(
            !ex.events()
                .iter()
                .any(|e| matches!(&e.kind, EventKind::ExpectationMissed { text, .. } if text.contains("in person")))
        );
        let several = apply(
            &mut ex,
            r#"Judge(inject: "I-1", expectation: 1, verdict: Done)"#,
        )
        .unwrap_err();
        assert!(several.contains("say which with `team`"), "{several}");
        apply(
            &mut ex,
            r#"Judge(inject: "I-1", expectation: 1, team: "health-team", verdict: Partly, note: "by phone only")"#,
        )
        .unwrap();
        let judged = ex
            .expectations()
            .iter()
            .find(|e| e.team.as_deref() == Some("health-team") && e.index == 1)
            .and_then(|e| e.judged.clone())
            .unwrap();
        assert_eq!(judged.verdict, crate::sim::command::Verdict::Partly);
        assert!(
            apply(
                &mut ex,
                r#"Judge(inject: "I-1", expectation: 2, team: "health-team", verdict: Done)"#
            )
            .unwrap_err()
            .contains("checked automatically")
        );
        assert!(
            apply(
                &mut ex,
                r#"Judge(inject: "I-1", expectation: 3, team: "health-team", verdict: Done)"#
            )
            .unwrap_err()
            .contains("counts them from 1")
        );
    }
}
