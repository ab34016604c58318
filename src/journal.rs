//! The journal: the seed and every applied command, one line each, appended and flushed as
//! each command is applied, so a crash loses nothing. Replaying it rebuilds the exact state.
//! Commands files for `muster run --commands` use the same line form.
//!
//! ```text
//! muster-journal 1
//! scenario port-city-outbreak.en.ron 9c1e0f3a2b4d5e6f
//! seed 2022
//! mode stochastic
//! 30 Activate(team: "command")
//! 95 Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")
//! end 20160
//! ```
//! A command line is a minute (or a duration such as `1d2h30m`) and a command in RON. A command
//! the exercise refused is kept with its reason, `95 Refused("unit `epi-1` is busy", Dispatch(…))`,
//! so the debrief shows what a team tried; replaying records it as refused again without
//! applying it. Blank lines and lines starting with `#` are ignored. Version 1 journals (no
//! refused lines) read the same.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Span};
use crate::scenario::decode::{Decode, Decoder};
use crate::scenario::ron_tree;
use crate::scenario::values::parse_duration;
use crate::sim::{Command, Mode};

pub const MAGIC: &str = "muster-journal 2";
/// Journal versions this build reads.
const READABLE_VERSIONS: [&str; 2] = ["1", "2"];

/// A command with the minute it applies at and the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub at: u32,
    pub command: Command,
    /// Why the exercise refused it, for an attempt journaled as refused.
    pub refused: Option<String>,
    /// Where the command's text starts in the file: the spans of its ids are counted from here.
    pub offset: usize,
}

/// What a journal or commands file holds.
#[derive(Debug, Clone, Default)]
pub struct Journal {
    pub scenario: Option<String>,
    pub scenario_hash: Option<String>,
    pub seed: Option<u64>,
    pub mode: Option<Mode>,
    pub entries: Vec<Entry>,
    pub end: Option<u32>,
}

/// A text's fingerprint (FNV-1a, 64 bits), to notice a scenario changed since a journal.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Reads a journal or commands file. Returns what was read up to the first broken line,
/// and the problem with that line if there was one: everything before it is kept.
pub fn parse(text: &str) -> (Journal, Option<Diagnostic>) {
    let mut journal = Journal::default();
    let mut offset = 0;
    let mut last_at = 0;
    for (number, raw) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let fail = |at: usize, len: usize, message: String| {
            Some(Diagnostic::error(
                Span::new(line_start + at, line_start + at + len.max(1)),
                message,
            ))
        };
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (word, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        let rest = rest.trim();
        match word {
            "muster-journal" if READABLE_VERSIONS.contains(&rest) => continue,
            "muster-journal" => {
                return (
                    journal,
                    fail(
                        lead,
                        line.len() - lead,
                        format!(
                            "this journal is version {rest}, written by a newer Muster; this one reads versions {}",
                            READABLE_VERSIONS.join(" and ")
                        ),
                    ),
                );
            }
            "scenario" => {
                let mut parts = rest.split_whitespace();
                journal.scenario = parts.next().map(str::to_string);
                journal.scenario_hash = parts.next().map(str::to_string);
                continue;
            }
            "seed" => match rest.parse() {
                Ok(seed) => {
                    journal.seed = Some(seed);
                    continue;
                }
                Err(_) => {
                    return (
                        journal,
                        fail(
                            lead,
                            line.len() - lead,
                            format!("`{rest}` is not a seed (a whole number)"),
                        ),
                    );
                }
            },
            "mode" => match rest {
                "stochastic" => {
                    journal.mode = Some(Mode::Stochastic);
                    continue;
                }
                "expected" => {
                    journal.mode = Some(Mode::Expected);
                    continue;
                }
                _ => {
                    return (
                        journal,
                        fail(
                            lead,
                            line.len() - lead,
                            format!("unknown mode `{rest}` (stochastic or expected)"),
                        ),
                    );
                }
            },
            "end" => match parse_minute(rest) {
                Some(end) => {
                    journal.end = Some(end);
                    continue;
                }
                None => {
                    return (
                        journal,
                        fail(lead, line.len() - lead, format!("`{rest}` is not a time")),
                    );
                }
            },
            _ => {}
        }
        let Some(at) = parse_minute(word) else {
            return (
                journal,
                fail(
                    lead,
                    word.len(),
                    format!(
                        "line {} does not start with a time: expected minutes or a duration such as `1d2h`, found `{word}`",
                        number + 1
                    ),
                ),
            );
        };
        if at < last_at {
            return (
                journal,
                fail(
                    lead,
                    word.len(),
                    format!(
                        "time {word} is earlier than the line before ({last_at}); commands must be in time order"
                    ),
                ),
            );
        }
        let command_offset = line.len() - rest.len();
        match decode_entry(rest) {
            Ok((command, refused)) => {
                last_at = at;
                journal.entries.push(Entry {
                    line: number + 1,
                    at,
                    command,
                    refused,
                    offset: line_start + command_offset,
                });
            }
            Err(mut diagnostic) => {
                let shift = line_start + command_offset;
                diagnostic.span =
                    Span::new(diagnostic.span.start + shift, diagnostic.span.end + shift);
                for (span, _) in &mut diagnostic.related {
                    *span = Span::new(span.start + shift, span.end + shift);
                }
                return (journal, Some(diagnostic));
            }
        }
    }
    (journal, None)
}

/// Checks the ids the commands name against the scenario: each unknown team, unit, place… is
/// reported where it is written, with "did you mean". Attempts journaled as refused are left
/// alone (they were refused for a reason already recorded).
pub fn check_references(
    journal: &Journal,
    scenario: &crate::scenario::Scenario,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in journal.entries.iter().filter(|e| e.refused.is_none()) {
        let refs = entry.command.references();
        let found = crate::scenario::validate::references(scenario, refs);
        problems.extend(found.into_iter().map(|mut d| {
            d.span = Span::new(d.span.start + entry.offset, d.span.end + entry.offset);
            d
        }));
    }
    problems
}

fn parse_minute(text: &str) -> Option<u32> {
    text.parse()
        .ok()
        .or_else(|| parse_duration(text.trim_start_matches('+')))
}

/// Decodes one command written in RON; the first problem is returned, located in `text`.
pub fn decode_command(text: &str) -> Result<Command, Diagnostic> {
    let node = ron_tree::parse(text)?;
    command_of(&node, text)
}

/// Decodes a journal line's RON: a command, or `Refused("reason", Command(...))`.
fn decode_entry(text: &str) -> Result<(Command, Option<String>), Diagnostic> {
    let node = ron_tree::parse(text)?;
    match &node.kind {
        ron_tree::NodeKind::Tuple(Some(name), items) if name.text == "Refused" => {
            match items.as_slice() {
                [
                    ron_tree::Node {
                        kind: ron_tree::NodeKind::Str(reason),
                        ..
                    },
                    command,
                ] => Ok((command_of(command, text)?, Some(reason.clone()))),
                _ => Err(Diagnostic::error(
                    node.span,
                    "a refused attempt is written `Refused(\"reason\", Command(...))`",
                )),
            }
        }
        _ => Ok((command_of(&node, text)?, None)),
    }
}

fn command_of(node: &ron_tree::Node, text: &str) -> Result<Command, Diagnostic> {
    let mut decoder = Decoder::default();
    let command = Command::decode(node, &mut decoder);
    match (command, decoder.diagnostics.into_iter().next()) {
        (Some(command), None) => Ok(command),
        (_, Some(problem)) => Err(problem),
        (None, None) => Err(Diagnostic::error(Span::new(0, text.len()), "not a command")),
    }
}

/// Appends commands to a journal file, flushing each to disk before returning.
pub struct JournalWriter {
    file: File,
}

impl JournalWriter {
    /// Creates the file and writes the header.
    pub fn create(
        path: &Path,
        scenario_name: &str,
        scenario_text: &str,
        seed: u64,
        mode: Mode,
    ) -> std::io::Result<JournalWriter> {
        let mut file = File::create(path)?;
        let mode = match mode {
            Mode::Stochastic => "stochastic",
            Mode::Expected => "expected",
        };
        let name: String = scenario_name
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        writeln!(
            file,
            "{MAGIC}\nscenario {name} {}\nseed {seed}\nmode {mode}",
            fingerprint(scenario_text)
        )?;
        file.sync_data()?;
        Ok(JournalWriter { file })
    }

    pub fn append(&mut self, at: u32, command: &Command) -> std::io::Result<()> {
        writeln!(self.file, "{at} {}", command.to_ron())?;
        self.file.sync_data()
    }

    /// Appends an attempt the exercise refused, with its reason.
    pub fn append_refused(
        &mut self,
        at: u32,
        command: &Command,
        reason: &str,
    ) -> std::io::Result<()> {
        let reason = ron::to_string(reason).map_err(std::io::Error::other)?;
        writeln!(self.file, "{at} Refused({reason}, {})", command.to_ron())?;
        self.file.sync_data()
    }

    pub fn end(&mut self, at: u32) -> std::io::Result<()> {
        writeln!(self.file, "end {at}")?;
        self.file.sync_data()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_col;

    #[test]
    fn reads_header_commands_and_end() {
        let text = "muster-journal 1\nscenario x.ron 0011\nseed 7\nmode expected\n# comment\n30 Activate(team: \"a\")\n1h Recall(team: \"a\", unit: \"u\")\nend 120\n";
        let (journal, problem) = parse(text);
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(journal.seed, Some(7));
        assert_eq!(journal.mode, Some(Mode::Expected));
        assert_eq!(journal.scenario.as_deref(), Some("x.ron"));
        assert_eq!(
            journal
                .entries
                .iter()
                .map(|e| (e.line, e.at))
                .collect::<Vec<_>>(),
            [(6, 30), (7, 60)]
        );
        assert_eq!(journal.end, Some(120));
    }

    #[test]
    fn a_broken_line_is_located_and_the_lines_before_it_kept() {
        let text = "10 Activate(team: \"a\")\n20 Dispatch(team: \"a\", unit: \"u\", to: \"x\"\n30 Activate(team: \"b\")\n";
        let (journal, problem) = parse(text);
        assert_eq!(journal.entries.len(), 1);
        let problem = problem.expect("the truncated line is reported");
        assert_eq!(line_col(text, problem.span.start).line, 2);

        let (_, problem) = parse("10 Activate(tema: \"a\")\n");
        let problem = problem.unwrap();
        assert_eq!(
            line_col("10 Activate(tema: \"a\")\n", problem.span.start).column,
            13
        );
        assert!(
            problem.message.contains("no field `tema`"),
            "{}",
            problem.message
        );

        let (_, problem) = parse("20 Activate(team: \"a\")\n10 Activate(team: \"b\")\n");
        assert!(problem.unwrap().message.contains("time order"));
        let (_, problem) = parse("soon Activate(team: \"a\")\n");
        assert!(
            problem
                .unwrap()
                .message
                .contains("does not start with a time")
        );
    }

    #[test]
    fn commands_round_trip_through_their_text_form() {
        let text = "5 Dispatch(team: \"health\", unit: \"epi-1\", to: \"hexi\", work: \"14d\")\n";
        let (journal, problem) = parse(text);
        assert!(problem.is_none());
        let command = &journal.entries[0].command;
        assert_eq!(&decode_command(&command.to_ron()).unwrap(), command);
    }

    /// A refused attempt is journaled with its reason and read back as refused.
    #[test]
    fn refused_attempts_round_trip_with_their_reason() {
        let dir = std::env::temp_dir().join(format!("muster-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("refused.journal");
        let mut writer = JournalWriter::create(&path, "x.ron", "", 3, Mode::Expected).unwrap();
        let command = decode_command(r#"Dispatch(team: "a", unit: "u", to: "x")"#).unwrap();
        writer
            .append_refused(95, &command, "unit `u` is busy (\"working\")")
            .unwrap();
        writer.append(96, &command).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("muster-journal 2\n"), "{text}");
        let (journal, problem) = parse(&text);
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(journal.entries.len(), 2);
        assert_eq!(journal.entries[0].command, command);
        assert_eq!(
            journal.entries[0].refused.as_deref(),
            Some("unit `u` is busy (\"working\")")
        );
        assert_eq!(journal.entries[1].refused, None);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn older_journals_read_and_newer_ones_are_named() {
        let (journal, problem) = parse("muster-journal 1\nseed 4\n10 Activate(team: \"a\")\n");
        assert!(problem.is_none());
        assert_eq!(journal.entries.len(), 1);
        let (_, problem) = parse("muster-journal 3\n10 Activate(team: \"a\")\n");
        assert!(
            problem
                .unwrap()
                .message
                .contains("version 3, written by a newer Muster")
        );
        let (_, problem) = parse("10 Refused(Activate(team: \"a\"))\n");
        assert!(problem.unwrap().message.contains("Refused(\"reason\""));
    }

    /// Ids a commands file names are checked against the scenario, each located with "did you
    /// mean"; attempts recorded as refused are not checked again.
    #[test]
    fn unknown_ids_are_located_with_a_suggestion() {
        let scenario = crate::library::find("tutorial.en.ron")
            .unwrap()
            .load()
            .unwrap()
            .0;
        let text = "10 Dispatch(team: \"health-team\", unit: \"tracer-9\", to: \"riversid\")\n20 Refused(\"no\", Activate(team: \"nobody\"))\n";
        let (journal, problem) = parse(text);
        assert!(problem.is_none());
        let problems = check_references(&journal, &scenario);
        assert_eq!(problems.len(), 2, "{problems:?}");
        let place = &problems[1];
        assert_eq!(&text[place.span.start..place.span.end], "\"riversid\"");
        assert!(
            place
                .message
                .contains("there is no district or facility `riversid`"),
            "{}",
            place.message
        );
        assert_eq!(place.help.as_deref(), Some("did you mean `riverside`?"));
    }
}
