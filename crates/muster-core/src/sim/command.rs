//! Everything players and the facilitator can do, as plain data: the same types feed the
//! journal, the command line, the app and (later) the network.
//!
//! Commands are written in RON, one per journal line, e.g.
//! `95 Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")`, and decoded with the
//! scenario decoder so a broken line is reported with its column.

use std::fmt;

use crate::diagnostic::{Diagnostic, Span};
use crate::msg;
use crate::scenario::decode::{Decode, Decoder};
use crate::scenario::ron_tree::{self, Node};
use crate::scenario::validate::Kind;
use crate::scenario::{Channel, ControlLevel, Effect, Id, Minutes, ZoneLevel};
use crate::{ron_enum, ron_struct};

ron_enum! {
    /// One action of a team or of the control cell (facilitator).
    pub enum Command {
        /// The team activates its incident command (starts the activation clock KPI).
        Activate(TeamOnly),
        /// Sends an idle unit to a district or facility to work there for `work` (default: its shift).
        Dispatch(Dispatch),
        /// Sends a busy unit somewhere else, from where it is now.
        Redirect(Redirect),
        /// Sends a unit back to its base.
        Recall(UnitOrder),
        /// Loads supplies at the unit's base and carries them to a facility.
        Deliver(Deliver),
        /// Sets a district's control level.
        OrderMeasure(OrderMeasure),
        /// Files a report from one of the team's agencies to another agency.
        Report(Report),
        /// Passes information to other teams.
        Share(Share),
        /// Makes a public statement (answers rumours).
        Statement(Statement),
        /// Asks another team for units or stock.
        RequestAid(RequestAid),
        /// Answers a request for aid.
        AnswerAid(AnswerAid),
        /// Lets a planned mass gathering go ahead, run it with measures, postpone or cancel it.
        DecideGathering(DecideGathering),
        /// Answers a decision point with one of its options, and why.
        Decide(Decide),
        /// Takes one of the scenario's own actions.
        Act(Act),
        /// The red cell plays one of the scenario's red tactics, at a target.
        RedMove(RedMove),
        /// Restores an agency's reporting channel that red disrupted (the team plays it).
        Restore(Restore),
        /// Tests every resident of some districts, or of the whole city, once.
        TestingRound(TestingRound),
        /// Seals, controls or lifts a zone of the scenario (`zones.rs`).
        DeclareZone(DeclareZone),
        /// Closes a facility (a school, a market, a clinic): a place's people stay home.
        CloseFacility(FacilityOrder),
        /// Keeps a place's people inside, day and night (cohort isolation); opening or closing
        /// it ends that.
        CohortFacility(FacilityOrder),
        /// Opens a closed facility again.
        OpenFacility(FacilityOrder),
        /// Control cell: fires an inject now.
        FireInject(InjectOrder),
        /// Control cell: postpones a scheduled inject.
        DelayInject(DelayInject),
        /// Control cell: cancels an inject that has not fired.
        SkipInject(InjectOrder),
        /// Control cell: changes the text of an inject that has not fired.
        EditInject(EditInject),
        /// Control cell: writes a new inject and fires it now.
        ComposeInject(ComposeInject),
        /// Control cell, speaking as an agency it plays: a message to teams.
        Message(Message),
        /// Evaluator: records an observation.
        Observe(Observe),
        /// Evaluator: rates an objective P/S/M/U (the latest rating counts).
        Rate(Rate),
        /// Evaluator: says whether an expected action that no command shows was done.
        Judge(Judge),
    }
}

ron_struct! {
    pub struct DeclareZone {
        team: Id,
        zone: Id,
        level: ZoneLevel,
    }
}

ron_struct! {
    /// A mass-testing round (`testing_rounds.rs`).
    pub struct TestingRound {
        team: Id,
        /// Districts to test; none named: the whole city.
        districts: Vec<Id> = Vec::new(),
        method: TestMethod = TestMethod::Pcr,
        /// People whose samples share one tube (10: 10-in-1); 1: each tested alone.
        pool: u32 = 1,
    }
}

ron_enum! {
    /// How a testing round tests.
    pub enum TestMethod {
        /// Swabs taken by sampling teams, tested by laboratories.
        Pcr,
        /// Antigen self-tests at home, read at once.
        Antigen,
    }
}

impl TestMethod {
    /// The method's name, in the reader's language.
    pub fn name(&self) -> crate::i18n::Message {
        match self {
            TestMethod::Pcr => crate::msg!("test-method-pcr"),
            TestMethod::Antigen => crate::msg!("test-method-antigen"),
        }
    }
}

ron_struct! {
    pub struct Decide {
        team: Id,
        /// The inject that put the question.
        decision: Id,
        option: Id,
        /// Why: shown in the debrief and the report.
        text: String = String::new(),
    }
}

ron_struct! {
    pub struct Act {
        team: Id,
        action: Id,
        text: String = String::new(),
    }
}

ron_struct! {
    pub struct FacilityOrder {
        team: Id,
        facility: Id,
        text: String = String::new(),
    }
}

ron_struct! {
    pub struct Message {
        /// The agency the control cell speaks as (`simulated: true`).
        from: Id,
        /// Teams or agencies.
        to: Vec<Id>,
        text: String,
        channel: Channel = Channel::Phone,
    }
}

ron_enum! {
    /// An evaluator's judgement of an expected action.
    pub enum Verdict { Done, Partly, NotDone }
}

impl Verdict {
    /// Share of a response the verdict is worth.
    pub fn credit(&self) -> f64 {
        match self {
            Verdict::Done => 1.0,
            Verdict::Partly => 0.5,
            Verdict::NotDone => 0.0,
        }
    }

    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            Verdict::Done => crate::tr!(lang, "verdict-done"),
            Verdict::Partly => crate::tr!(lang, "verdict-partly"),
            Verdict::NotDone => crate::tr!(lang, "verdict-not-done"),
        }
    }
}

ron_struct! {
    pub struct Judge {
        inject: Id,
        /// Which of the inject's expected actions, counting from 1.
        expectation: u32,
        /// The team judged; none: the only team expected (or any team, for `All`).
        team: Option<Id> = None,
        verdict: Verdict,
        note: String = String::new(),
        evaluator: String = String::new(),
    }
}

ron_enum! {
    /// HSEEP performance ratings.
    pub enum Rating {
        /// Performed without challenges.
        P,
        /// Performed with some challenges.
        S,
        /// Performed with major challenges.
        M,
        /// Unable to be performed.
        U,
    }
}

impl Rating {
    /// Share of the objective's points the rating is worth.
    pub fn attainment(&self) -> f64 {
        match self {
            Rating::P => 1.0,
            Rating::S => 0.75,
            Rating::M => 0.4,
            Rating::U => 0.0,
        }
    }

    pub fn meaning(&self, lang: crate::i18n::Language) -> String {
        match self {
            Rating::P => crate::tr!(lang, "rating-p"),
            Rating::S => crate::tr!(lang, "rating-s"),
            Rating::M => crate::tr!(lang, "rating-m"),
            Rating::U => crate::tr!(lang, "rating-u"),
        }
    }

    /// The rating an attainment (0..1) deserves.
    pub fn from_attainment(attainment: f64) -> Rating {
        match attainment {
            a if a >= 0.9 => Rating::P,
            a if a >= 0.7 => Rating::S,
            a if a >= 0.4 => Rating::M,
            _ => Rating::U,
        }
    }
}

ron_struct! {
    pub struct Observe {
        text: String,
        objective: Option<Id> = None,
        team: Option<Id> = None,
        evaluator: String = String::new(),
    }
}

ron_struct! {
    pub struct Rate {
        objective: Id,
        rating: Rating,
        /// The team rated; none: the objective as a whole.
        team: Option<Id> = None,
        note: String = String::new(),
        evaluator: String = String::new(),
    }
}

ron_struct! {
    pub struct TeamOnly {
        team: Id,
    }
}

ron_struct! {
    pub struct Dispatch {
        team: Id,
        unit: Id,
        /// A district or facility.
        to: Id,
        /// How long to work on site; defaults to the unit's shift.
        work: Option<Minutes> = None,
    }
}

ron_struct! {
    pub struct Redirect {
        team: Id,
        unit: Id,
        to: Id,
        work: Option<Minutes> = None,
    }
}

ron_struct! {
    pub struct UnitOrder {
        team: Id,
        unit: Id,
    }
}

ron_struct! {
    pub struct Deliver {
        team: Id,
        unit: Id,
        supply: Id,
        quantity: u64,
        /// A facility.
        to: Id,
    }
}

ron_struct! {
    pub struct OrderMeasure {
        team: Id,
        district: Id,
        level: ControlLevel,
    }
}

ron_struct! {
    pub struct Report {
        team: Id,
        /// The reporting agency, played by the team.
        from: Id,
        /// The agency reported to.
        to: Id,
        text: String = String::new(),
        /// The counts the report states, each checked against the city's own count
        /// (`report_truth.rs`); journals before reports had figures have none.
        #[serde(skip_serializing_if = "Option::is_none")]
        figures: Option<ReportedFigures> = None,
    }
}

ron_struct! {
    /// What a report says the city counts now; a figure left out is not checked.
    pub struct ReportedFigures {
        /// Infections found so far: confirmed cases and asymptomatic infections.
        #[serde(skip_serializing_if = "Option::is_none")]
        found: Option<u32> = None,
        #[serde(skip_serializing_if = "Option::is_none")]
        deaths: Option<u32> = None,
        #[serde(skip_serializing_if = "Option::is_none")]
        in_hospital: Option<u32> = None,
    }
}

ron_struct! {
    pub struct Share {
        team: Id,
        with: Vec<Id>,
        text: String,
    }
}

ron_struct! {
    pub struct Statement {
        team: Id,
        /// None: city-wide.
        district: Option<Id> = None,
        text: String = String::new(),
        /// The feed's post it answers, by number (journals before the feed have none).
        #[serde(skip_serializing_if = "Option::is_none")]
        post: Option<u32> = None,
    }
}

ron_struct! {
    pub struct RequestAid {
        team: Id,
        /// The team asked.
        to: Id,
        /// Units of the other team's agencies to lend.
        units: Vec<Id> = Vec::new(),
        supply: Option<Id> = None,
        quantity: u64 = 0,
        /// Facility where the stock should go.
        deliver_to: Option<Id> = None,
        text: String = String::new(),
        /// Answer wanted within this delay.
        within: Minutes = Minutes(120),
    }
}

ron_struct! {
    pub struct AnswerAid {
        team: Id,
        /// Number of the request, as given when it was made.
        request: u32,
        accept: bool,
        /// For stock: the facility it is taken from.
        from: Option<Id> = None,
        /// For stock: how much is sent, if less than asked.
        quantity: Option<u64> = None,
        /// For stock: a supply unit of the team, at its base `from`, that carries it; without
        /// one, a courier takes the road (or `arrives_in`, when the team states a time).
        unit: Option<Id> = None,
        arrives_in: Option<Minutes> = None,
        text: String = String::new(),
    }
}

ron_enum! {
    /// What is decided about a planned mass gathering.
    pub enum GatheringDecision {
        GoAhead,
        /// Capped attendance and fewer contacts, at the event's cost of measures.
        WithMeasures,
        /// Moves it later by a duration.
        Postpone(Minutes),
        Cancel,
    }
}

impl GatheringDecision {
    /// The decision, in words.
    pub fn words(&self, lang: crate::i18n::Language) -> String {
        match self {
            GatheringDecision::GoAhead => crate::tr!(lang, "gathering-go-ahead"),
            GatheringDecision::WithMeasures => crate::tr!(lang, "gathering-with-measures"),
            GatheringDecision::Postpone(by) => crate::tr!(
                lang,
                "gathering-postpone",
                by = crate::i18n::duration(lang, by.0)
            ),
            GatheringDecision::Cancel => crate::tr!(lang, "gathering-cancel"),
        }
    }

    /// The kind of decision, as an inject's expected action names it.
    pub fn choice(&self) -> crate::scenario::GatheringChoice {
        use crate::scenario::GatheringChoice;
        match self {
            GatheringDecision::GoAhead => GatheringChoice::GoAhead,
            GatheringDecision::WithMeasures => GatheringChoice::WithMeasures,
            GatheringDecision::Postpone(_) => GatheringChoice::Postpone,
            GatheringDecision::Cancel => GatheringChoice::Cancel,
        }
    }
}

ron_struct! {
    pub struct DecideGathering {
        team: Id,
        gathering: Id,
        decision: GatheringDecision,
        text: String = String::new(),
    }
}

ron_struct! {
    pub struct RedMove {
        team: Id,
        tactic: Id,
        /// A district, a facility or an agency, as the tactic needs; none: the whole city.
        target: Option<Id> = None,
        text: String = String::new(),
    }
}

ron_struct! {
    pub struct Restore {
        team: Id,
        /// The agency whose reporting channel is down.
        agency: Id,
    }
}

ron_struct! {
    pub struct InjectOrder {
        inject: Id,
    }
}

ron_struct! {
    pub struct DelayInject {
        inject: Id,
        by: Minutes,
    }
}

ron_struct! {
    pub struct EditInject {
        inject: Id,
        title: Option<String> = None,
        message: Option<String> = None,
    }
}

ron_struct! {
    pub struct ComposeInject {
        title: String,
        to: Vec<Id>,
        channel: Channel = Channel::Phone,
        from: String = String::new(),
        message: String,
        effects: Vec<Effect> = Vec::new(),
    }
}

impl Command {
    /// The command with the reason the player gave, for the commands that carry one (a
    /// decision, an action, a facility order, a gathering's decision, a report's text); the
    /// others are returned as they are.
    pub fn with_text(mut self, why: String) -> Command {
        match &mut self {
            Command::Decide(Decide { text, .. })
            | Command::Act(Act { text, .. })
            | Command::CloseFacility(FacilityOrder { text, .. })
            | Command::OpenFacility(FacilityOrder { text, .. })
            | Command::CohortFacility(FacilityOrder { text, .. })
            | Command::DecideGathering(DecideGathering { text, .. })
            | Command::Report(Report { text, .. }) => *text = why,
            _ => {}
        }
        self
    }

    /// Every id the command names, with the kinds it may be and the field it is in, so a
    /// commands file can be checked against its scenario before a run.
    /// The field's name is the context: it reads the same in every language.
    pub fn references(&self) -> Vec<(&Id, &'static [Kind], crate::i18n::Message)> {
        use crate::scenario::validate::{
            ACTION, AGENCY, DISTRICT, FACILITY, GATHERING, INJECT, OBJECTIVE, PARTY, PLACE,
            RED_TACTIC, RED_TARGET, SUPPLY, TEAM, UNIT, ZONE,
        };
        let mut refs: Vec<(&Id, &'static [Kind], crate::i18n::Message)> = Vec::new();
        macro_rules! r {
            ($id:expr, $kinds:expr, $field:literal) => {
                refs.push((
                    &$id,
                    $kinds,
                    crate::i18n::Message::verbatim(concat!("`", $field, "`")),
                ))
            };
        }
        macro_rules! opt {
            ($id:expr, $kinds:expr, $field:literal) => {
                if let Some(id) = &$id {
                    refs.push((
                        id,
                        $kinds,
                        crate::i18n::Message::verbatim(concat!("`", $field, "`")),
                    ))
                }
            };
        }
        match self {
            // The control cell answers as an agency it plays.
            Command::AnswerAid(c) => {
                refs.push((&c.team, PARTY, crate::i18n::Message::verbatim("`team`")))
            }
            _ => {
                if let Some(team) = self.team() {
                    refs.push((team, TEAM, crate::i18n::Message::verbatim("`team`")));
                }
            }
        }
        match self {
            Command::Activate(_) => {}
            Command::Dispatch(c) => {
                r!(c.unit, UNIT, "unit");
                r!(c.to, PLACE, "to");
            }
            Command::Redirect(c) => {
                r!(c.unit, UNIT, "unit");
                r!(c.to, PLACE, "to");
            }
            Command::Recall(c) => r!(c.unit, UNIT, "unit"),
            Command::Deliver(c) => {
                r!(c.unit, UNIT, "unit");
                r!(c.supply, SUPPLY, "supply");
                r!(c.to, FACILITY, "to");
            }
            Command::OrderMeasure(c) => r!(c.district, DISTRICT, "district"),
            Command::Report(c) => {
                r!(c.from, AGENCY, "from");
                r!(c.to, AGENCY, "to");
            }
            Command::Share(c) => {
                for t in &c.with {
                    r!(*t, TEAM, "with");
                }
            }
            Command::Statement(c) => opt!(c.district, DISTRICT, "district"),
            Command::RequestAid(c) => {
                r!(c.to, PARTY, "to");
                for u in &c.units {
                    r!(*u, UNIT, "units");
                }
                opt!(c.supply, SUPPLY, "supply");
                opt!(c.deliver_to, FACILITY, "deliver_to");
            }
            Command::AnswerAid(c) => {
                opt!(c.from, FACILITY, "from");
                opt!(c.unit, UNIT, "unit");
            }
            Command::DecideGathering(c) => r!(c.gathering, GATHERING, "gathering"),
            Command::Decide(c) => r!(c.decision, INJECT, "decision"),
            Command::Act(c) => r!(c.action, ACTION, "action"),
            Command::RedMove(c) => {
                r!(c.tactic, RED_TACTIC, "tactic");
                opt!(c.target, RED_TARGET, "target");
            }
            Command::Restore(c) => r!(c.agency, AGENCY, "agency"),
            Command::DeclareZone(c) => r!(c.zone, ZONE, "zone"),
            Command::TestingRound(c) => {
                for d in &c.districts {
                    r!(*d, DISTRICT, "districts");
                }
            }
            Command::CloseFacility(c) | Command::OpenFacility(c) | Command::CohortFacility(c) => {
                r!(c.facility, FACILITY, "facility")
            }
            Command::Message(c) => {
                r!(c.from, AGENCY, "from");
                for t in &c.to {
                    r!(*t, PARTY, "to");
                }
            }
            Command::Judge(c) => {
                r!(c.inject, INJECT, "inject");
                opt!(c.team, TEAM, "team");
            }
            Command::FireInject(c) | Command::SkipInject(c) => r!(c.inject, INJECT, "inject"),
            Command::DelayInject(c) => r!(c.inject, INJECT, "inject"),
            Command::EditInject(c) => r!(c.inject, INJECT, "inject"),
            Command::ComposeInject(c) => {
                for t in &c.to {
                    r!(*t, PARTY, "to");
                }
            }
            Command::Observe(c) => {
                opt!(c.objective, OBJECTIVE, "objective");
                opt!(c.team, TEAM, "team");
            }
            Command::Rate(c) => {
                r!(c.objective, OBJECTIVE, "objective");
                opt!(c.team, TEAM, "team");
            }
        }
        refs
    }

    /// The team that issues the command, or None for the control cell.
    pub fn team(&self) -> Option<&Id> {
        match self {
            Command::Activate(c) => Some(&c.team),
            Command::Dispatch(c) => Some(&c.team),
            Command::Redirect(c) => Some(&c.team),
            Command::Recall(c) => Some(&c.team),
            Command::Deliver(c) => Some(&c.team),
            Command::OrderMeasure(c) => Some(&c.team),
            Command::Report(c) => Some(&c.team),
            Command::Share(c) => Some(&c.team),
            Command::Statement(c) => Some(&c.team),
            Command::RequestAid(c) => Some(&c.team),
            Command::AnswerAid(c) => Some(&c.team),
            Command::DecideGathering(c) => Some(&c.team),
            Command::Decide(c) => Some(&c.team),
            Command::Act(c) => Some(&c.team),
            Command::RedMove(c) => Some(&c.team),
            Command::Restore(c) => Some(&c.team),
            Command::TestingRound(c) => Some(&c.team),
            Command::DeclareZone(c) => Some(&c.team),
            Command::CloseFacility(c) | Command::OpenFacility(c) | Command::CohortFacility(c) => {
                Some(&c.team)
            }
            Command::FireInject(_)
            | Command::DelayInject(_)
            | Command::SkipInject(_)
            | Command::EditInject(_)
            | Command::ComposeInject(_)
            | Command::Message(_)
            | Command::Observe(_)
            | Command::Rate(_)
            | Command::Judge(_) => None,
        }
    }

    /// The command without the team issuing it, for lists that already say who:
    /// `Dispatch(unit: "epi-1", to: "hexi")`.
    pub fn in_brief(&self) -> String {
        let mut text = self.to_ron();
        if let Some(team) = self.team() {
            let field = format!("team:{}", ron::to_string(team.as_str()).unwrap_or_default());
            text = text
                .replacen(&format!("{field},"), "", 1)
                .replacen(&field, "", 1);
        }
        // Spaced as people write it, outside quoted text.
        let mut out = String::with_capacity(text.len() + 16);
        let mut quoted = false;
        let mut escaped = false;
        for c in text.chars() {
            out.push(c);
            match c {
                '\\' if quoted => escaped = !escaped,
                '"' if !escaped => quoted = !quoted,
                ':' | ',' if !quoted => out.push(' '),
                _ => escaped = false,
            }
        }
        out
    }

    /// The command as one line of RON, the journal's form.
    pub fn to_ron(&self) -> String {
        let extensions = ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES
            | ron::extensions::Extensions::IMPLICIT_SOME;
        let options = ron::Options::default().with_default_extension(extensions);
        options
            .to_string(self)
            .expect("commands hold only plain data")
    }
}

/// Why a command was refused. The exercise is unchanged when a command is refused.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CommandError(pub crate::i18n::Message);

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for CommandError {}

/// Decodes one command written in RON; the first problem is returned, located in `text`.
pub fn decode_command(text: &str) -> Result<Command, Diagnostic> {
    let node = ron_tree::parse(text)?;
    command_of(&node, text)
}

/// Decodes a command sent as JSON, in the form serde writes a `Command`
/// (`{"Dispatch": {"team": "health", "unit": "epi-1", "to": "hexi"}}`); the first problem is
/// returned in the sender's terms (the field and what it expected).
pub fn command_from_json(value: &serde_json::Value) -> Result<Command, crate::i18n::Message> {
    let node = ron_tree::from_json(value);
    let mut decoder = Decoder::default();
    decoder.choices_quoted = true;
    let command = Command::decode(&node, &mut decoder);
    match (command, decoder.diagnostics.into_iter().next()) {
        (Some(command), None) => Ok(command),
        (_, Some(problem)) => Err(problem.message),
        (None, None) => Err(msg!("journal-not-a-command")),
    }
}

/// Decodes the command a parsed RON node holds; `text` is the line it was parsed from.
pub(crate) fn command_of(node: &Node, text: &str) -> Result<Command, Diagnostic> {
    let mut decoder = Decoder::default();
    let command = Command::decode(node, &mut decoder);
    match (command, decoder.diagnostics.into_iter().next()) {
        (Some(command), None) => Ok(command),
        (_, Some(problem)) => Err(problem),
        (None, None) => Err(Diagnostic::error(
            Span::new(0, text.len()),
            msg!("journal-not-a-command"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::decode_command;

    /// Each decision on a gathering reads as itself, in both languages.
    #[test]
    fn a_gathering_decision_has_words_of_its_own() {
        use super::{GatheringDecision, Minutes};
        use crate::i18n::Language;
        for lang in [Language::En, Language::Zh] {
            let words: Vec<String> = [
                GatheringDecision::GoAhead,
                GatheringDecision::WithMeasures,
                GatheringDecision::Postpone(Minutes(24 * 60)),
                GatheringDecision::Cancel,
            ]
            .iter()
            .map(|d| d.words(lang))
            .collect();
            assert!(words.iter().all(|w| !w.trim().is_empty()), "{words:?}");
            let mut distinct = words.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), 4, "{words:?}");
        }
    }

    /// A player's reason goes where the command keeps it, and nowhere else.
    #[test]
    fn a_reason_is_kept_by_the_commands_that_carry_one() {
        for (line, kept) in [
            (r#"Decide(team: "a", decision: "d", option: "o")"#, true),
            (r#"Act(team: "a", action: "x")"#, true),
            (r#"CloseFacility(team: "a", facility: "f")"#, true),
            (r#"OpenFacility(team: "a", facility: "f")"#, true),
            (r#"CohortFacility(team: "a", facility: "f")"#, true),
            (
                r#"DecideGathering(team: "a", gathering: "g", decision: Cancel)"#,
                true,
            ),
            (r#"Report(team: "a", from: "x", to: "y")"#, true),
            (r#"Activate(team: "a")"#, false),
        ] {
            let command = decode_command(line).unwrap();
            let given = command.clone().with_text("because".into());
            let json = serde_json::to_string(&given).unwrap();
            assert_eq!(json.contains("because"), kept, "{line}: {json}");
            if !kept {
                assert_eq!(given, command);
            }
        }
    }

    /// HSEEP's four ratings read as HSEEP words them, in the reader's language.
    #[test]
    fn a_rating_means_what_hseep_says() {
        use super::Rating;
        use crate::i18n::Language;
        assert_eq!(
            Rating::P.meaning(Language::En),
            "Performed without challenges"
        );
        assert_eq!(Rating::U.meaning(Language::En), "Unable to be performed");
        assert_eq!(Rating::M.meaning(Language::Zh), "有重大挑战完成");
        assert_eq!(Rating::from_attainment(0.8), Rating::S);
    }

    #[test]
    fn a_command_in_brief_drops_its_team_and_is_spaced_outside_its_quotes() {
        let command = decode_command(
            r#"Share(team: "health", with: ["police", "port"], text: "one,two: \"three, four\"")"#,
        )
        .unwrap();
        assert_eq!(
            command.in_brief(),
            r#"Share(with: ["police", "port"], text: "one,two: \"three, four\"")"#
        );
    }

    /// An evaluator's verdict counts in full, half or not at all.
    #[test]
    fn a_verdict_gives_its_share_of_the_credit() {
        use super::Verdict;
        let credits: Vec<f64> = [Verdict::Done, Verdict::Partly, Verdict::NotDone]
            .iter()
            .map(Verdict::credit)
            .collect();
        assert_eq!(credits, [1.0, 0.5, 0.0]);
    }
}
