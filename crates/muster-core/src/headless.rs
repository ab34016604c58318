//! Runs without a window: apply scripted commands at their times, advance the clock, and
//! write the outcome (time series, events, final state) as JSON or CSV.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use crate::journal::{Entry, JournalWriter};
use crate::scenario::Scenario;
pub use crate::sim::outcome::{Outcome, outcome};
use crate::sim::{Command, Event, Exercise, Mode, Sample, Totals, UnitStatus};

/// A scripted command the exercise refused.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    pub line: usize,
    pub at: u32,
    pub command: String,
    #[serde(serialize_with = "crate::i18n::serialize_english")]
    pub reason: crate::i18n::Message,
    /// Refused as the journal recorded it (an attempt refused when it was made), not refused
    /// only now.
    pub as_recorded: bool,
}

/// Everything a run produced.
#[derive(Debug, Clone, Serialize)]
pub struct RunOutput {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub mode: Mode,
    pub until: u32,
    pub commands_applied: usize,
    pub refused: Vec<Refusal>,
    pub outcome: Outcome,
    pub totals: Totals,
    pub series: Vec<Sample>,
    pub events: Vec<Event>,
    /// The public's feed, each post with its engagement at the end.
    pub feed: Vec<FeedItem>,
    pub final_state: FinalState,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    #[serde(flatten)]
    pub post: crate::sim::Post,
    pub engagement: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinalState {
    pub districts: Vec<FinalDistrict>,
    pub units: Vec<FinalUnit>,
    pub stocks: Vec<(String, Vec<(String, u64)>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinalDistrict {
    pub id: String,
    pub compartments: crate::sim::Compartments,
    pub level: crate::scenario::ControlLevel,
    pub trust: f64,
    pub rumour: f64,
    pub contacts_waiting: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinalUnit {
    pub id: String,
    pub status: UnitStatus,
    pub position: (f64, f64),
}

/// Runs an exercise with scripted commands until a minute. Refused commands are collected, not
/// fatal: a script is a plan, and the run shows what happened to it. Every command is written
/// to the journal, when one is given, before it is applied (refused ones with their reason).
pub fn run(
    scenario: Arc<Scenario>,
    seed: u64,
    mode: Mode,
    commands: &[Entry],
    until: u32,
    journal: Option<&mut JournalWriter>,
) -> std::io::Result<(Exercise, Vec<Refusal>)> {
    run_with_players(scenario, seed, mode, commands, until, journal, &mut [])
}

/// Like [`run`], with players (a response plan, the automatic red cell) playing beside the
/// scripted commands: at each of their reviews their commands are applied (and journaled) like
/// any others, in the order the players are given.
pub fn run_with_players(
    scenario: Arc<Scenario>,
    seed: u64,
    mode: Mode,
    commands: &[Entry],
    until: u32,
    mut journal: Option<&mut JournalWriter>,
    players: &mut [&mut dyn crate::player::Player],
) -> std::io::Result<(Exercise, Vec<Refusal>)> {
    let mut exercise = Exercise::new(scenario, seed, mode);
    let mut refused = Vec::new();
    let mut next = 0;
    loop {
        let scripted = commands.get(next).map(|e| e.at);
        let review = crate::player::next_review(players);
        let Some(at) = [scripted, review].into_iter().flatten().min() else {
            break;
        };
        if at > until {
            break;
        }
        exercise.advance_to(at);
        let mut due: Vec<(usize, Command, Option<crate::i18n::Message>)> = Vec::new();
        while let Some(entry) = commands.get(next).filter(|e| e.at <= exercise.now()) {
            due.push((entry.line, entry.command.clone(), entry.refused.clone()));
            next += 1;
        }
        for player in players.iter_mut() {
            if player.next_review() <= exercise.now() {
                due.extend(player.review(&exercise).into_iter().map(|c| (0, c, None)));
            }
        }
        for (line, command, recorded) in due {
            let now = exercise.now();
            let result = match recorded {
                Some(reason) => {
                    if let Some(journal) = journal.as_deref_mut() {
                        journal.append_refused(now, &command, &reason)?;
                    }
                    exercise.record_refusal(command.clone(), reason.clone());
                    Err((reason, true))
                }
                None => crate::journal::journal_then_apply(
                    &mut exercise,
                    journal.as_deref_mut(),
                    command.clone(),
                )?
                .map_err(|reason| (reason, false)),
            };
            if let Err((reason, as_recorded)) = result {
                refused.push(Refusal {
                    line,
                    at: now,
                    command: command.to_ron(),
                    reason,
                    as_recorded,
                });
            }
        }
        if exercise.is_over() {
            break;
        }
    }
    exercise.advance_to(until);
    if let Some(journal) = journal {
        journal.end(exercise.now())?;
    }
    Ok((exercise, refused))
}

pub fn output(exercise: &Exercise, refused: Vec<Refusal>) -> RunOutput {
    let scenario = exercise.scenario();
    let final_state = FinalState {
        // Districts, then places with people.
        districts: exercise
            .districts()
            .iter()
            .zip(exercise.nodes())
            .map(|(d, s)| FinalDistrict {
                id: s.id.clone(),
                compartments: d.epi.clone(),
                level: d.level.clone(),
                trust: d.trust,
                rumour: d.rumour,
                contacts_waiting: d.epi.named(),
            })
            .collect(),
        units: exercise
            .units()
            .iter()
            .enumerate()
            .map(|(n, u)| {
                let p = exercise.unit_position(n);
                FinalUnit {
                    id: u.id.clone(),
                    status: u.status.clone(),
                    position: (p.x, p.y),
                }
            })
            .collect(),
        stocks: exercise
            .facilities()
            .iter()
            .zip(&scenario.facilities)
            .filter(|(f, _)| !f.stock.is_empty())
            .map(|(f, s)| {
                (
                    s.id.name.clone(),
                    f.stock.iter().map(|(k, v)| (k.clone(), *v)).collect(),
                )
            })
            .collect(),
    };
    RunOutput {
        scenario: scenario.meta.id.name.clone(),
        title: scenario.meta.title.clone(),
        seed: exercise.seed(),
        mode: exercise.mode(),
        until: exercise.now(),
        commands_applied: exercise.log().len(),
        refused,
        outcome: outcome(exercise),
        totals: exercise.totals().clone(),
        series: exercise.series().to_vec(),
        events: exercise.events().to_vec(),
        feed: exercise
            .feed()
            .iter()
            .map(|post| FeedItem {
                post: post.clone(),
                engagement: exercise.engagement(post),
            })
            .collect(),
        final_state,
    }
}

/// The time series as CSV: one row per step and district.
pub fn csv(exercise: &Exercise) -> String {
    let mut out = String::from(
        "t,district,s,e,a,i,quarantined,isolated,hospitalised,waiting,r,d,confirmed,infections,trust,level\n",
    );
    // Districts, then places with people.
    let ids: Vec<&str> = exercise.nodes().iter().map(|n| n.id.as_str()).collect();
    for sample in exercise.series() {
        for (d, row) in sample.districts.iter().enumerate() {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.4},{:?}",
                sample.t,
                ids[d],
                row.s,
                row.e,
                row.a,
                row.i,
                row.quarantined,
                row.isolated,
                row.hospitalised,
                row.waiting,
                row.r,
                row.d,
                row.confirmed,
                row.infections,
                row.trust,
                row.level
            );
        }
    }
    out
}

/// A few lines for the terminal.
pub fn brief(output: &RunOutput, lang: crate::i18n::Language) -> String {
    use crate::i18n::count;
    use crate::tr;
    let o = &output.outcome;
    let t = &output.totals;
    let named = t.contacts_named.max(1.0);
    let mode = match output.mode {
        Mode::Stochastic => tr!(lang, "brief-stochastic"),
        Mode::Expected => tr!(lang, "brief-expected"),
    };
    let lines = [
        tr!(
            lang,
            "brief-run",
            title = output.title.as_str(),
            seed = output.seed.to_string(),
            mode = mode,
            until = crate::i18n::duration(lang, output.until)
        ),
        tr!(
            lang,
            "brief-outcome",
            infections = count(lang, o.infections),
            confirmed = count(lang, o.confirmed),
            deaths = count(lang, o.deaths),
            peak = count(lang, o.peak_hospitalised)
        ),
        tr!(
            lang,
            "brief-contacts",
            named = count(lang, t.contacts_named),
            quarantined = count(lang, t.contacts_quarantined),
            quick = crate::i18n::percent(t.contacts_quarantined_within_24h / named),
            lost = count(lang, t.contacts_lost)
        ),
        tr!(
            lang,
            "brief-strain",
            overflow = format!("{:.0}", t.overflow_hours),
            stock_outs = t.stock_outs,
            trust = format!("{:.2}", o.mean_trust),
            cost = crate::i18n::yuan(lang, o.economic_cost)
        ),
        tr!(
            lang,
            "brief-hardship",
            school_days = count(lang, t.hardship.school_days_lost),
            care_deaths = format!("{:.1}", t.hardship.care_forgone_deaths),
            calls = count(lang, t.hardship.hotline_calls),
            site_days = count(lang, t.hardship.site_person_days)
        ),
        tr!(
            lang,
            "brief-records",
            on_time = o.reports_on_time,
            late = o.reports_late_or_missing,
            applied = output.commands_applied,
            refused = output.refused.len()
        ),
    ];
    let mut text = lines.join("\n");
    text.push('\n');
    text
}
