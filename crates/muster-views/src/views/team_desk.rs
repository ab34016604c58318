//! The team desk as one type: what a team sees and may do, built from the core's scoped queries
//! (its inbox aside, which arrives as news). Every option carries the command it sends, so
//! the app's panel and the browser page offer the same choices and send the same commands; a
//! page fills in only what the player types or picks (the reason, a destination, figures).
//! Every text is worded here, in the exercise's language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Language;
use crate::scenario::{
    ControlLevel, DecisionPoint, Id, JointRule, Minutes, TeamRole, UnitRole, ZoneLevel,
};
use crate::scoring::{RedCard, Scorecard};
use crate::sim::command::{
    Act, AnswerAid, Decide, DecideGathering, FacilityOrder, GatheringDecision, Report,
    ReportedFigures, Restore, TeamOnly, TestMethod, UnitOrder,
};
use crate::sim::{Availability, Command, DecisionState, Exercise, Place, UnitStatus};
use crate::tr;

fn clock(exercise: &Exercise, lang: Language, minutes: u32) -> String {
    crate::scoring::clock_in(lang, exercise.scenario(), minutes)
}

/// The exercise clock as every screen shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub title: String,
    pub now: Option<u32>,
    pub clock: String,
}

impl Header {
    pub fn of(exercise: &Exercise, lang: Language) -> Self {
        Header {
            title: exercise.scenario().meta.title.clone(),
            now: Some(exercise.now()),
            clock: clock(exercise, lang, exercise.now()),
        }
    }
}

/// A scenario item by id and name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A choice among a fixed set (a control level, a test method), with its words.
#[derive(Debug, Clone, Serialize)]
pub struct Choice<T> {
    pub id: T,
    pub words: String,
}

/// Districts and facilities where a map draws them, without their epidemic: what anyone in the
/// room knows of the city.
#[derive(Debug, Clone, Serialize)]
pub struct CityMap {
    pub districts: Vec<DistrictSpot>,
    pub facilities: Vec<FacilitySpot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictSpot {
    pub id: String,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub level: ControlLevel,
    pub level_words: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacilitySpot {
    pub id: String,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub kind: String,
    pub open: bool,
}

impl CityMap {
    pub fn of(exercise: &Exercise, lang: Language) -> Self {
        let scenario = exercise.scenario();
        let districts = scenario
            .city
            .districts
            .iter()
            .zip(exercise.districts())
            .map(|(d, state)| DistrictSpot {
                id: d.id.name.clone(),
                name: d.name.clone(),
                x: d.position.x,
                y: d.position.y,
                level: state.level.clone(),
                level_words: state.level.words(lang),
            })
            .collect();
        let facilities = scenario
            .facilities
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let at = exercise.place_position(Place::Facility(n));
                FacilitySpot {
                    id: f.id.name.clone(),
                    name: f.name.clone(),
                    x: at.x,
                    y: at.y,
                    kind: f.kind.words(lang),
                    open: exercise.facility_open(n),
                }
            })
            .collect();
        CityMap {
            districts,
            facilities,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamLine {
    pub id: String,
    pub name: String,
    pub activated: bool,
    /// Activating the team's incident command, until it is (never for the red cell).
    pub activate: Option<Command>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitLine {
    pub id: String,
    pub kind: String,
    pub people: u32,
    /// The unit as its line reads: id, kind, crew, where it is and what it does.
    pub line: String,
    /// How long it works on site unless the order says: one shift of its type.
    pub shift: String,
    pub status: String,
    pub at_base: bool,
    pub carries_supplies: bool,
    /// Why it cannot take orders, and until when.
    pub out_of_service: Option<String>,
    pub x: f64,
    pub y: f64,
    /// Calling the unit back to base, while it is away.
    pub recall: Option<Command>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionCard {
    /// The inject that put the question.
    pub decision: String,
    pub question: String,
    pub due: String,
    /// The deadline and the option that holds if no one answers.
    pub deadline: String,
    /// For a decision taken with other teams: how it is decided, and each team's answer.
    pub together: Option<String>,
    pub answers: Vec<String>,
    pub options: Vec<DecisionOption>,
    /// The option the team chose, if it has answered (it may answer again while open).
    pub answered: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionOption {
    pub id: String,
    pub label: String,
    pub description: String,
    /// What the scenario makes follow from it.
    pub follows: Option<String>,
    pub command: Command,
}

/// A report the team owes. `command` files it with the city's count as its figures; the
/// player may change the figures and add a text.
#[derive(Debug, Clone, Serialize)]
pub struct OwedReport {
    pub from: String,
    pub to: String,
    pub rule: String,
    pub late: bool,
    pub words: String,
    pub command: Command,
}

#[derive(Debug, Clone, Serialize)]
pub struct AidRequestLine {
    pub number: u32,
    /// Where stock would come from, when the team holds what was asked.
    pub from_facility: Option<String>,
    pub words: String,
    pub accept: Command,
    pub decline: Command,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub follows: Option<String>,
    /// What it costs and takes, and why not now.
    pub facts: String,
    pub available: bool,
    pub why_not: Option<String>,
    pub command: Command,
}

#[derive(Debug, Clone, Serialize)]
pub struct Measures {
    pub may_order: bool,
    pub levels: Vec<Choice<ControlLevel>>,
    pub zones: Vec<ZoneLine>,
    pub zone_levels: Vec<Choice<ZoneLevel>>,
    /// What each district's measures cost a day, by district id (empty unless `may_order`).
    pub costs: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ZoneLine {
    pub id: String,
    /// The district it lies in (by id).
    pub district: String,
    pub level: Option<ZoneLevel>,
    pub words: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rounds {
    pub may_start: bool,
    pub methods: Vec<Choice<TestMethod>>,
    pub under_way: Vec<String>,
}

/// A facility the team may close, open or cohort; each command there only when it applies.
#[derive(Debug, Clone, Serialize)]
pub struct FacilityLine {
    pub id: String,
    pub open: bool,
    pub cohort: bool,
    pub people: bool,
    pub words: String,
    pub close: Option<Command>,
    pub reopen: Option<Command>,
    pub cohort_isolate: Option<Command>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GatheringCard {
    pub id: String,
    pub words: String,
    pub options: Vec<GatheringOption>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GatheringOption {
    pub words: String,
    pub command: Command,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelDown {
    pub agency: String,
    pub restoring: bool,
    pub words: String,
    pub restore: Option<Command>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreLine {
    pub percent: Option<String>,
    pub objectives: Vec<ObjectiveScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveScore {
    pub title: String,
    pub attainment: Option<String>,
    pub rating: Option<String>,
    pub meaning: Option<String>,
}

/// The red cell's console: its budget and its tactics, each with what it must be aimed at.
#[derive(Debug, Clone, Serialize)]
pub struct RedConsole {
    pub budget: String,
    pub tactics: Vec<TacticLine>,
    pub agencies: Vec<Named>,
    /// Each move so far with Blue's answer, latest first.
    pub played: Vec<PlayedMove>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TacticLine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub cost: String,
    /// `district_or_city`, `district`, `facility` or `agency`.
    pub target: &'static str,
    pub available: bool,
    pub why_not: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlayedMove {
    pub time: String,
    pub name: String,
    pub target: String,
    pub answer: String,
    pub answered: bool,
}

/// A team's desk.
#[derive(Debug, Clone, Serialize)]
pub struct TeamDesk {
    pub header: Header,
    pub team: TeamLine,
    pub units: Vec<UnitLine>,
    pub decisions: Vec<DecisionCard>,
    pub reports: Vec<OwedReport>,
    /// What a true report states now.
    pub counted: ReportedFigures,
    pub requests: Vec<AidRequestLine>,
    pub actions: Vec<ActionLine>,
    /// The teams to share with or ask for help (not the red cell).
    pub teams: Vec<Named>,
    pub measures: Measures,
    pub rounds: Rounds,
    pub supplies: Vec<Named>,
    pub facilities: Vec<FacilityLine>,
    /// Gatherings the team decides on the desk (a decision point's are answered there).
    pub gatherings: Vec<GatheringCard>,
    /// Gatherings of the team that a decision point decides, with where.
    pub gatherings_at_points: Vec<String>,
    /// Whom the team may ask for help: the other teams and the agencies the control cell
    /// plays.
    pub aid_partners: Vec<Named>,
    /// The agencies the team plays (a report's sender), and every agency (its recipient).
    pub own_agencies: Vec<Named>,
    pub agencies: Vec<Named>,
    pub city: CityMap,
    pub scorecard: Option<ScoreLine>,
    /// Reporting channels red took down, of agencies the team plays.
    pub channels_down: Vec<ChannelDown>,
    pub red: Option<RedConsole>,
}

impl TeamDesk {
    /// The desk of `team`; `None` for a team the scenario does not have. `card` is the team's
    /// own scorecard, `red_card` the red cell's (shown on the red cell's desk).
    pub fn of(
        exercise: &Exercise,
        lang: Language,
        team: &str,
        card: Option<&Scorecard>,
        red_card: Option<&RedCard>,
    ) -> Option<Self> {
        let scenario = exercise.scenario();
        let team_def = scenario.team(team)?;
        let activated = exercise.activations().contains_key(team);
        let red = team_def.role == TeamRole::Red;
        let counted = exercise.counts_now().as_figures();
        Some(TeamDesk {
            header: Header::of(exercise, lang),
            team: TeamLine {
                id: team.to_string(),
                name: team_def.name.clone(),
                activated,
                activate: (!activated && !red).then(|| {
                    Command::Activate(TeamOnly {
                        team: Id::new(team),
                    })
                }),
            },
            units: units(exercise, lang, team),
            decisions: decisions(exercise, lang, team),
            reports: owed_reports(exercise, lang, team, &counted),
            counted,
            requests: requests(exercise, lang, team),
            actions: actions(exercise, lang, team),
            teams: partner_teams(exercise, team).collect(),
            measures: measures(exercise, lang, team),
            rounds: rounds(exercise, lang, team),
            supplies: scenario
                .supplies
                .iter()
                .map(|s| Named::of(&s.id, &s.name))
                .collect(),
            facilities: facilities(exercise, lang, team),
            gatherings: gatherings(exercise, lang, team),
            gatherings_at_points: gatherings_at_points(exercise, lang, team),
            aid_partners: aid_partners(exercise, lang, team),
            own_agencies: team_def
                .agencies
                .iter()
                .map(|a| {
                    let name = scenario.agency(a.as_str()).map_or(&a.name, |a| &a.name);
                    Named::of(a, name)
                })
                .collect(),
            agencies: scenario
                .agencies
                .iter()
                .map(|a| Named::of(&a.id, &a.name))
                .collect(),
            city: CityMap::of(exercise, lang),
            scorecard: card.map(|c| score_line(c, lang)),
            channels_down: channels_down(exercise, lang, team),
            red: red.then(|| red_console(exercise, lang, team, red_card)),
        })
    }
}

impl Named {
    pub fn of(id: &Id, name: &str) -> Named {
        Named {
            id: id.name.clone(),
            name: name.to_string(),
        }
    }
}

/// The other teams, to share with or ask for help (the red cell is no partner).
fn partner_teams<'a>(exercise: &'a Exercise, team: &'a str) -> impl Iterator<Item = Named> + 'a {
    exercise
        .scenario()
        .teams
        .iter()
        .filter(move |t| t.id.as_str() != team && t.role != TeamRole::Red)
        .map(|t| Named::of(&t.id, &t.name))
}

/// The team's gatherings that a decision point decides, each with where.
fn gatherings_at_points(exercise: &Exercise, lang: Language, team: &str) -> Vec<String> {
    exercise
        .gatherings_to_decide(team)
        .into_iter()
        .filter_map(|(n, point)| {
            let point = tr!(lang, "team-decided-at-point", inject = point?);
            let words =
                crate::inbox::planned_gathering(exercise, lang, n, &|m| clock(exercise, lang, m));
            Some(format!("{words} {point}"))
        })
        .collect()
}

fn aid_partners(exercise: &Exercise, lang: Language, team: &str) -> Vec<Named> {
    let control = exercise
        .scenario()
        .agencies
        .iter()
        .filter(|a| a.simulated)
        .map(|a| Named {
            id: a.id.name.clone(),
            name: tr!(lang, "team-control-cell", name = a.name.as_str()),
        });
    partner_teams(exercise, team).chain(control).collect()
}

fn units(exercise: &Exercise, lang: Language, team: &str) -> Vec<UnitLine> {
    let scenario = exercise.scenario();
    exercise
        .units_visible_to(Some(team))
        .into_iter()
        .map(|n| {
            let unit = &exercise.units()[n];
            let kind = &scenario.resource_types[unit.resource];
            let at = exercise.unit_position(n);
            let at_base = matches!(unit.status, UnitStatus::AtBase);
            let status = crate::inbox::unit_status(exercise, lang, &unit.status, &|m| {
                clock(exercise, lang, m)
            });
            let out_of_service = unit.out_of_service.as_ref().map(|(until, why)| {
                if *until == u32::MAX {
                    tr!(lang, "team-out-of-service", why = why.as_str())
                } else {
                    let time = clock(exercise, lang, *until);
                    tr!(
                        lang,
                        "team-out-of-service-until",
                        time = time,
                        why = why.as_str()
                    )
                }
            });
            let crew = if unit.people > 1 {
                tr!(lang, "team-unit-people", count = unit.people)
            } else {
                String::new()
            };
            UnitLine {
                id: unit.id.to_string(),
                kind: kind.role.words(lang),
                people: unit.people,
                line: format!(
                    "{} ({}{crew}) — {status}{}",
                    unit.id,
                    kind.role.words(lang),
                    out_of_service.as_deref().unwrap_or_default()
                ),
                shift: tr!(
                    lang,
                    "team-a-shift-of",
                    duration = Minutes(exercise.default_work_minutes(n)).to_string()
                ),
                status,
                at_base,
                carries_supplies: kind.role == UnitRole::Supply,
                out_of_service,
                x: at.x,
                y: at.y,
                recall: (!at_base).then(|| {
                    Command::Recall(UnitOrder {
                        team: Id::new(team),
                        unit: Id::new(unit.id.to_string()),
                    })
                }),
            }
        })
        .collect()
}

/// What a scenario's effects make follow, in words; none when nothing does.
fn follows(
    exercise: &Exercise,
    lang: Language,
    effects: &[crate::scenario::Effect],
) -> Option<String> {
    let words: Vec<String> = effects
        .iter()
        .map(|e| e.describe(exercise.scenario(), lang))
        .collect();
    (!words.is_empty()).then(|| tr!(lang, "team-what-follows", effects = words.join("; ")))
}

fn decisions(exercise: &Exercise, lang: Language, team: &str) -> Vec<DecisionCard> {
    exercise
        .open_decisions_for(team)
        .filter_map(|d| {
            let point = exercise.decision_point(&d.inject)?;
            let options = point
                .options
                .iter()
                .map(|o| DecisionOption {
                    id: o.id.name.clone(),
                    label: o.label.clone(),
                    description: o.description.clone(),
                    follows: follows(exercise, lang, &o.effects),
                    command: Command::Decide(Decide {
                        team: Id::new(team),
                        decision: Id::new(d.inject.clone()),
                        option: o.id.clone(),
                        text: String::new(),
                    }),
                })
                .collect();
            let (together, answers) = joint_answers(exercise, lang, d, point);
            Some(DecisionCard {
                decision: d.inject.to_string(),
                question: d.question.clone(),
                due: clock(exercise, lang, d.due),
                deadline: tr!(
                    lang,
                    "team-decide-by",
                    time = clock(exercise, lang, d.due),
                    default = option_label(point, point.default.as_str())
                ),
                together,
                answers,
                options,
                answered: d.answer_of(team).map(|a| a.option.to_string()),
            })
        })
        .collect()
}

fn option_label(point: &DecisionPoint, option: &str) -> String {
    point
        .option(option)
        .map_or(option.to_string(), |o| o.label.clone())
}

/// For a decision taken with other teams: how it is decided, and each team's answer so far
/// (nothing for a team's own decision).
fn joint_answers(
    exercise: &Exercise,
    lang: Language,
    decision: &DecisionState,
    point: &DecisionPoint,
) -> (Option<String>, Vec<String>) {
    if decision.teams.len() < 2 {
        return (None, Vec::new());
    }
    let scenario = exercise.scenario();
    let name = |team: &str| {
        scenario
            .team(team)
            .map_or(team.to_string(), |t| t.name.clone())
    };
    let rule = match &point.rule {
        JointRule::Lead(lead) => tr!(lang, "team-rule-lead", lead = name(lead.as_str())),
        JointRule::Unanimous => tr!(lang, "team-rule-unanimous"),
        JointRule::FirstAnswer => tr!(lang, "team-rule-first-answer"),
    };
    let names: Vec<String> = decision.teams.iter().map(|t| name(t)).collect();
    let teams = names.join(&tr!(lang, "list-comma"));
    let together = tr!(lang, "team-together-with", teams = teams, rule = rule);
    let answers = decision
        .teams
        .iter()
        .map(|t| {
            let answer = decision
                .answer_of(t)
                .map_or(tr!(lang, "team-no-answer-yet"), |a| {
                    let (option, time) =
                        (option_label(point, &a.option), clock(exercise, lang, a.at));
                    tr!(lang, "team-answered", option = option, time = time)
                });
            format!("{}: {answer}", name(t))
        })
        .collect();
    (Some(together), answers)
}

/// The reports the team owes, each filed with `counted`, the city's count now.
fn owed_reports(
    exercise: &Exercise,
    lang: Language,
    team: &str,
    counted: &ReportedFigures,
) -> Vec<OwedReport> {
    let now = exercise.now();
    exercise
        .reports()
        .iter()
        .filter(|r| r.filed_at.is_none() && exercise.team_plays(team, &r.from))
        .map(|r| OwedReport {
            from: r.from.to_string(),
            to: r.to.to_string(),
            rule: r.rule.to_string(),
            late: r.due <= now,
            words: tr!(
                lang,
                "team-report-owed",
                from = r.from.as_str(),
                to = r.to.as_str(),
                rule = r.rule.as_str(),
                time = clock(exercise, lang, r.due)
            ),
            command: Command::Report(Report {
                team: Id::new(team),
                from: Id::new(r.from.to_string()),
                to: Id::new(r.to.to_string()),
                text: String::new(),
                figures: Some(counted.clone()),
            }),
        })
        .collect()
}

fn requests(exercise: &Exercise, lang: Language, team: &str) -> Vec<AidRequestLine> {
    let scenario = exercise.scenario();
    exercise
        .requests()
        .iter()
        .filter(|r| r.to_team == team && r.answered.is_none())
        .map(|r| {
            let source = r
                .supply
                .as_ref()
                .and_then(|supply| exercise.best_stock_source(team, supply))
                .map(|f| scenario.facilities[f].id.name.clone());
            let answer = |accept: bool| {
                Command::AnswerAid(AnswerAid {
                    team: Id::new(team),
                    request: r.number,
                    accept,
                    from: source.clone().filter(|_| accept).map(Id::new),
                    quantity: None,
                    unit: None,
                    arrives_in: None,
                    text: String::new(),
                })
            };
            AidRequestLine {
                number: r.number,
                words: tr!(
                    lang,
                    "team-request-from",
                    number = r.number,
                    team = r.from_team.as_str(),
                    time = clock(exercise, lang, r.made_at)
                ),
                accept: answer(true),
                decline: answer(false),
                from_facility: source.clone(),
            }
        })
        .collect()
}

fn why_not(availability: &Availability, lang: Language) -> Option<String> {
    match availability {
        Availability::NotNow(reason) => Some(reason.text(lang)),
        _ => None,
    }
}

fn actions(exercise: &Exercise, lang: Language, team: &str) -> Vec<ActionLine> {
    exercise
        .actions_for(team)
        .map(|(def, availability)| {
            let why_not = why_not(&availability, lang);
            let mut facts = Vec::new();
            if def.cost > 0.0 {
                let cost = crate::i18n::count(lang, def.cost);
                facts.push(tr!(lang, "team-costs", cost = cost));
            }
            if def.takes.get() > 0 {
                let duration = crate::i18n::duration(lang, def.takes.get());
                facts.push(tr!(lang, "team-takes", duration = duration));
            }
            facts.extend(why_not.clone());
            ActionLine {
                id: def.id.name.clone(),
                name: def.name.clone(),
                description: def.description.clone(),
                follows: follows(exercise, lang, &def.effects),
                facts: facts.join(" · "),
                available: why_not.is_none(),
                why_not,
                command: Command::Act(Act {
                    team: Id::new(team),
                    action: def.id.clone(),
                    text: String::new(),
                }),
            }
        })
        .collect()
}

fn measures(exercise: &Exercise, lang: Language, team: &str) -> Measures {
    let may_order = exercise.may_order_measures(team);
    // Worded for every district on each publish: only for a team that can order measures.
    let costs = if may_order {
        exercise
            .scenario()
            .city
            .districts
            .iter()
            .enumerate()
            .map(|(n, d)| {
                (
                    d.id.name.clone(),
                    crate::inbox::measure_costs(exercise, lang, n),
                )
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut zones: Vec<_> = exercise.zones().collect();
    zones.sort_by_key(|&(node, _)| exercise.nodes()[node].district);
    Measures {
        may_order,
        levels: [
            ControlLevel::Normal,
            ControlLevel::Enhanced,
            ControlLevel::Closed,
        ]
        .into_iter()
        .map(|l| Choice {
            words: l.words(lang),
            id: l,
        })
        .collect(),
        zones: zones
            .into_iter()
            .map(|(node, level)| {
                let zone = &exercise.nodes()[node];
                ZoneLine {
                    id: zone.id.to_string(),
                    district: exercise.scenario().city.districts[zone.district]
                        .id
                        .name
                        .clone(),
                    words: crate::inbox::zone_words(lang, zone, level.as_ref()),
                    level,
                }
            })
            .collect(),
        zone_levels: [
            ZoneLevel::Sealed,
            ZoneLevel::Controlled,
            ZoneLevel::Precaution,
            ZoneLevel::Lifted,
        ]
        .into_iter()
        .map(|l| Choice {
            words: l.words(lang),
            id: l,
        })
        .collect(),
        costs,
    }
}

fn rounds(exercise: &Exercise, lang: Language, team: &str) -> Rounds {
    Rounds {
        may_start: exercise.may_start_rounds(team),
        methods: [TestMethod::Pcr, TestMethod::Antigen]
            .into_iter()
            .map(|m| Choice {
                words: m.name().text(lang),
                id: m,
            })
            .collect(),
        under_way: exercise
            .rounds_under_way()
            .iter()
            .map(|r| crate::inbox::round_progress(exercise, lang, r))
            .collect(),
    }
}

fn facilities(exercise: &Exercise, lang: Language, team: &str) -> Vec<FacilityLine> {
    let scenario = exercise.scenario();
    (0..scenario.facilities.len())
        .filter(|&f| exercise.may_close(team, f).is_ok())
        .map(|f| {
            let facility = &scenario.facilities[f];
            let open = exercise.facility_open(f);
            let cohort = exercise.facility_in_cohort(f);
            let name = facility.name.as_str();
            let state = if cohort {
                tr!(lang, "team-facility-cohort", facility = name)
            } else if open {
                tr!(lang, "team-facility-open", facility = name)
            } else {
                tr!(lang, "team-facility-closed", facility = name)
            };
            let people = facility.people > 0;
            let words = if people {
                let count = crate::i18n::count(lang, f64::from(facility.people));
                state + &tr!(lang, "team-facility-people", count = count)
            } else {
                state
            };
            let order = || FacilityOrder {
                team: Id::new(team),
                facility: facility.id.clone(),
                text: String::new(),
            };
            FacilityLine {
                id: facility.id.name.clone(),
                open,
                cohort,
                people,
                words,
                close: open.then(|| Command::CloseFacility(order())),
                reopen: (!open || cohort).then(|| Command::OpenFacility(order())),
                cohort_isolate: (open && !cohort && people)
                    .then(|| Command::CohortFacility(order())),
            }
        })
        .collect()
}

fn gatherings(exercise: &Exercise, lang: Language, team: &str) -> Vec<GatheringCard> {
    let scenario = exercise.scenario();
    exercise
        .gatherings_to_decide(team)
        .into_iter()
        .filter(|(_, decided_at)| decided_at.is_none())
        .map(|(n, _)| {
            let plan = &scenario.mass_gatherings[n];
            let options = [
                GatheringDecision::GoAhead,
                GatheringDecision::WithMeasures,
                GatheringDecision::Postpone(Minutes(24 * 60)),
                GatheringDecision::Cancel,
            ]
            .into_iter()
            .map(|decision| GatheringOption {
                words: decision.words(lang),
                command: Command::DecideGathering(DecideGathering {
                    team: Id::new(team),
                    gathering: plan.id.clone(),
                    decision,
                    text: String::new(),
                }),
            })
            .collect();
            GatheringCard {
                id: plan.id.name.clone(),
                words: crate::inbox::planned_gathering(exercise, lang, n, &|m| {
                    clock(exercise, lang, m)
                }),
                options,
            }
        })
        .collect()
}

fn channels_down(exercise: &Exercise, lang: Language, team: &str) -> Vec<ChannelDown> {
    exercise
        .channels_down()
        .filter(|(agency, _, _)| exercise.team_plays(team, agency))
        .map(|(agency, back, restoring)| ChannelDown {
            agency: agency.to_string(),
            restoring,
            words: tr!(
                lang,
                "team-channel-down",
                agency = agency,
                time = clock(exercise, lang, back)
            ),
            restore: (!restoring).then(|| {
                Command::Restore(Restore {
                    team: Id::new(team),
                    agency: Id::new(agency.to_string()),
                })
            }),
        })
        .collect()
}

fn score_line(card: &Scorecard, lang: Language) -> ScoreLine {
    ScoreLine {
        percent: card.percent.map(|p| crate::i18n::percent(p / 100.0)),
        objectives: card
            .objectives
            .iter()
            .map(|o| ObjectiveScore {
                title: o.title.clone(),
                attainment: o.attainment.map(crate::i18n::percent),
                rating: o.rating.as_ref().map(|r| format!("{r:?}")),
                meaning: o.rating.as_ref().map(|r| r.meaning(lang)),
            })
            .collect(),
    }
}

fn red_console(
    exercise: &Exercise,
    lang: Language,
    team: &str,
    card: Option<&RedCard>,
) -> RedConsole {
    use crate::scenario::RedTarget;
    let scenario = exercise.scenario();
    let tactics = exercise
        .red_tactics_for(team)
        .map(|(def, availability)| {
            let why_not = why_not(&availability, lang);
            TacticLine {
                id: def.id.name.clone(),
                name: def.name.clone(),
                description: def.description.clone(),
                cost: crate::i18n::count(lang, def.cost),
                target: match def.does.target() {
                    RedTarget::DistrictOrCity => "district_or_city",
                    RedTarget::District => "district",
                    RedTarget::Facility => "facility",
                    RedTarget::Agency => "agency",
                },
                available: why_not.is_none(),
                why_not,
            }
        })
        .collect();
    let played = card
        .map(|card| card.moves.iter().rev().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|m| PlayedMove {
            time: m.time.clone(),
            name: m.tactic.clone(),
            target: m.target.clone(),
            answer: m.answer.clone(),
            answered: m.answered_at.is_some(),
        })
        .collect();
    let budget = scenario.red.as_ref().map_or(0.0, |r| r.budget);
    RedConsole {
        budget: tr!(
            lang,
            "red-budget",
            left = crate::i18n::count(lang, exercise.red_budget_left()),
            budget = crate::i18n::count(lang, budget)
        ),
        tactics,
        agencies: scenario
            .agencies
            .iter()
            .map(|a| Named::of(&a.id, &a.name))
            .collect(),
        played,
        summary: card.map(|c| c.summary.clone()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::sim::Mode;

    /// Every command in a desk as the page receives it: the options' and the ready orders'.
    fn offered(page: &serde_json::Value, into: &mut Vec<serde_json::Value>) {
        const COMMANDS: &[&str] = &[
            "command",
            "activate",
            "recall",
            "accept",
            "decline",
            "close",
            "reopen",
            "cohort_isolate",
            "restore",
        ];
        match page {
            serde_json::Value::Object(fields) => {
                for (key, value) in fields {
                    if COMMANDS.contains(&key.as_str()) && value.is_object() {
                        into.push(value.clone());
                    } else {
                        offered(value, into);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| offered(v, into)),
            _ => {}
        }
    }

    /// What a desk offers, the core accepts: each command the flagship's desks carry, read back
    /// from the JSON a page receives, applies to the exercise as it stands. (An action the
    /// desk shows as unavailable carries its command too; the core refuses it with the reason
    /// the desk shows.)
    #[test]
    fn every_command_a_desk_offers_reads_back_from_its_json_and_is_accepted() {
        let bundled = crate::library::find(crate::library::DEFAULT_SCENARIO).unwrap();
        let scenario = Arc::new(bundled.load().unwrap().0);
        let mut exercise = Exercise::new(scenario.clone(), 7, Mode::Stochastic);
        let mut kinds = std::collections::BTreeSet::new();
        let dispatch = r#"Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi", work: "3d")"#;
        exercise
            .apply(crate::journal::decode_command(dispatch).unwrap())
            .unwrap();
        for _ in 0..12 {
            exercise.advance(8 * 60);
            for team in &scenario.teams {
                let desk =
                    TeamDesk::of(&exercise, Language::En, team.id.as_str(), None, None).unwrap();
                let unavailable: Vec<&Command> = desk
                    .actions
                    .iter()
                    .filter(|a| !a.available)
                    .map(|a| &a.command)
                    .collect();
                let page = serde_json::to_value(&desk).unwrap();
                let mut commands = Vec::new();
                offered(&page, &mut commands);
                for json in commands {
                    let command = crate::sim::command::command_from_json(&json)
                        .unwrap_or_else(|m| panic!("{json}: {m}"));
                    kinds.insert(json.as_object().unwrap().keys().next().unwrap().clone());
                    let outcome = exercise.clone().apply(command.clone());
                    if unavailable.contains(&&command) {
                        assert!(outcome.is_err(), "{json} was shown unavailable");
                    } else {
                        assert!(outcome.is_ok(), "{json}: {:?}", outcome.err());
                    }
                }
            }
        }
        for kind in [
            "Activate",
            "Decide",
            "Report",
            "Act",
            "Recall",
            "CloseFacility",
        ] {
            assert!(kinds.contains(kind), "no desk offered {kind}: {kinds:?}");
        }
    }

    /// A gathering that an MSEL decision point owns is decided there, never on the desk.
    #[test]
    fn a_gathering_a_decision_point_owns_is_not_offered_on_the_desk() {
        let bundled = crate::library::find(crate::library::DEFAULT_SCENARIO).unwrap();
        let scenario = Arc::new(bundled.load().unwrap().0);
        let owned: Vec<&str> = scenario
            .mass_gatherings
            .iter()
            .filter(|g| scenario.gathering_decided_at(g.id.as_str()).is_some())
            .map(|g| g.id.as_str())
            .collect();
        assert!(
            !owned.is_empty(),
            "the flagship's marathon has a decision point"
        );
        let exercise = Exercise::new(scenario.clone(), 7, Mode::Stochastic);
        for team in &scenario.teams {
            let desk = TeamDesk::of(&exercise, Language::En, team.id.as_str(), None, None).unwrap();
            assert!(
                desk.gatherings
                    .iter()
                    .all(|g| !owned.contains(&g.id.as_str()))
            );
        }
    }
}
