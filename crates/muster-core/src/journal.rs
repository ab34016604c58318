//! The journal: the seed and every command, one line each, written and synced to disk *before*
//! the command takes effect, so neither a crash nor a power cut loses a command that was
//! applied. Replaying it rebuilds the exact state; resuming it goes on from where the clock
//! stood. Commands files for `muster run --commands` use the same line form.
//!
//! ```text
//! muster-journal 4
//! scenario ../scenarios/port-city-outbreak.en.ron 9c1e0f3a2b4d5e6f
//! seed 2022
//! mode stochastic
//! 30 Activate(team: "command")
//! 95 Dispatch(team: "health-cdc", unit: "epi-1", to: "hexi")
//! 95 Refused("there is no unit `epi-9`", (key:"refused-no-unit",args:[("unit",Text("epi-9"))]))
//! clock 120
//! end 20160
//! ```
//! A command line is a minute (or a duration such as `1d2h30m`) and a command in RON. The
//! scenario is a file relative to the journal's folder, or the name of a bundled scenario, with
//! the fingerprint of its text. A command the exercise refused is followed by its reason,
//! `Refused("reason", message)`, so the debrief shows what a team tried; replaying records it
//! as refused again without applying it. The reason is in English for people reading the file,
//! its message (key and arguments) words it in the reader's language. Version 3 wrote only the
//! text, `Refused("reason")`, and version 2 `Refused("reason", Command(…))` on one line: both are
//! still read, their reasons shown as written. `clock MINUTE` lines record how far the exercise clock went (each scenario hour and
//! at each pause), so resuming returns to where the clock stood. Blank lines and lines starting
//! with `#` are ignored. Journals of versions 1 to 3 read the same.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::i18n::{Language, Message};
use crate::msg;
use crate::scenario::ron_tree;
use crate::scenario::values::parse_duration;
use crate::sim::command::command_of;
pub use crate::sim::command::decode_command;
use crate::sim::{Command, Mode};

pub const MAGIC: &str = "muster-journal 4";
/// Journal versions this build reads.
const READABLE_VERSIONS: [&str; 4] = ["1", "2", "3", "4"];

/// A command with the minute it applies at and the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub at: u32,
    pub command: Command,
    /// Why the exercise refused it, for an attempt journaled as refused.
    pub refused: Option<Message>,
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
    /// The furthest minute the exercise clock reached, from its `clock` lines.
    pub clock: Option<u32>,
    pub end: Option<u32>,
}

impl Journal {
    /// The minute the exercise had reached: its end, else the furthest of its clock and its
    /// last command.
    pub fn reached(&self) -> u32 {
        self.end.unwrap_or_else(|| {
            self.clock
                .unwrap_or(0)
                .max(self.entries.last().map_or(0, |e| e.at))
        })
    }
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
        let fail = |at: usize, len: usize, message: Message| {
            Some(Diagnostic::error(
                Span::new(line_start + at, line_start + at + len.max(1)),
                message,
            ))
        };
        // A problem with the line as a whole, after its indentation.
        let fail_line = |message: Message| fail(lead, line.len() - lead, message);
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
                    fail_line(msg!(
                        "journal-newer-version",
                        version = rest,
                        readable = READABLE_VERSIONS.to_vec()
                    )),
                );
            }
            "scenario" => {
                // The fingerprint is the last word: a file name may hold spaces.
                match rest.rsplit_once(char::is_whitespace) {
                    Some((name, hash)) if is_fingerprint(hash) => {
                        journal.scenario = Some(name.trim_end().to_string());
                        journal.scenario_hash = Some(hash.to_string());
                    }
                    _ => journal.scenario = Some(rest.to_string()),
                }
                continue;
            }
            "clock" => match parse_minute(rest) {
                Some(at) => {
                    journal.clock = Some(journal.clock.unwrap_or(0).max(at));
                    continue;
                }
                None => {
                    return (journal, fail_line(msg!("journal-not-a-time", text = rest)));
                }
            },
            "seed" => match rest.parse() {
                Ok(seed) => {
                    journal.seed = Some(seed);
                    continue;
                }
                Err(_) => {
                    return (journal, fail_line(msg!("journal-not-a-seed", text = rest)));
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
                        fail_line(msg!("journal-unknown-mode", text = rest)),
                    );
                }
            },
            "end" => match parse_minute(rest) {
                Some(end) => {
                    journal.end = Some(end);
                    continue;
                }
                None => {
                    return (journal, fail_line(msg!("journal-not-a-time", text = rest)));
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
                    msg!("journal-no-time", line = number + 1, found = word),
                ),
            );
        };
        if at < last_at {
            return (
                journal,
                fail(
                    lead,
                    word.len(),
                    msg!("journal-out-of-order", time = word, before = last_at),
                ),
            );
        }
        let command_offset = line.len() - rest.len();
        match decode_entry(rest) {
            // A refusal written after the attempt it refuses.
            Ok(Decoded::Refusal(reason)) => match journal.entries.last_mut() {
                Some(entry) if entry.at == at && entry.refused.is_none() => {
                    entry.refused = Some(reason);
                }
                _ => {
                    return (journal, fail_line(msg!("journal-refusal-alone")));
                }
            },
            Ok(Decoded::Command(command, refused)) => {
                last_at = at;
                journal.entries.push(Entry {
                    line: number + 1,
                    at,
                    command: *command,
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

/// Commands timed after the exercise's end: never applied, so each is a warning where it is
/// written (a run stops at the end and would drop them without a word).
pub fn check_times(journal: &Journal, scenario: &crate::scenario::Scenario) -> Vec<Diagnostic> {
    let end = scenario.meta.duration.get();
    let clock = |minutes: u32| {
        crate::i18n::Arg::worded(|lang| crate::scoring::clock_in(lang, scenario, minutes))
    };
    journal
        .entries
        .iter()
        .filter(|e| e.refused.is_none() && e.at > end)
        .map(|e| {
            Diagnostic::warning(
                Span::new(e.offset, e.offset + 1),
                crate::msg!("journal-after-the-end", at = clock(e.at), end = clock(end)),
            )
        })
        .collect()
}

fn parse_minute(text: &str) -> Option<u32> {
    text.parse()
        .ok()
        .or_else(|| parse_duration(text.trim_start_matches('+')))
}

/// What one journal line holds.
enum Decoded {
    /// A command, with its refusal when written on the same line (version 2).
    Command(Box<Command>, Option<Message>),
    /// `Refused("reason")`: the command on the line before was refused.
    Refusal(Message),
}

/// Decodes a journal line's RON: a command, `Refused("reason")` after a refused command, or
/// `Refused("reason", Command(...))`.
fn decode_entry(text: &str) -> Result<Decoded, Diagnostic> {
    let node = ron_tree::parse(text)?;
    match &node.kind {
        ron_tree::NodeKind::Tuple(Some(name), items) if name.text == "Refused" => {
            match items.as_slice() {
                [
                    ron_tree::Node {
                        kind: ron_tree::NodeKind::Str(reason),
                        ..
                    },
                ] => Ok(Decoded::Refusal(Message::verbatim(reason.clone()))),
                // Version 4: the reason's text, then its message for other languages.
                [
                    ron_tree::Node {
                        kind: ron_tree::NodeKind::Str(reason),
                        ..
                    },
                    message @ ron_tree::Node {
                        kind:
                            ron_tree::NodeKind::Tuple(None, _) | ron_tree::NodeKind::Struct(None, _),
                        ..
                    },
                ] => Ok(Decoded::Refusal(
                    ron::from_str(&text[message.span.range()])
                        .unwrap_or_else(|_| Message::verbatim(reason.clone())),
                )),
                [
                    ron_tree::Node {
                        kind: ron_tree::NodeKind::Str(reason),
                        ..
                    },
                    command,
                ] => Ok(Decoded::Command(
                    Box::new(command_of(command, text)?),
                    Some(Message::verbatim(reason.clone())),
                )),
                _ => Err(Diagnostic::error(node.span, msg!("journal-refusal-form"))),
            }
        }
        _ => Ok(Decoded::Command(Box::new(command_of(&node, text)?), None)),
    }
}

/// A fingerprint as a journal's header writes it (hexadecimal digits).
fn is_fingerprint(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_hexdigit())
}

/// How a journal names its scenario: a file by its path from the journal's folder (so the
/// journal finds it from any working directory), or a bundled scenario by its name.
pub fn scenario_reference(journal_path: &Path, scenario: &str) -> String {
    let file = Path::new(scenario);
    if !file.is_file() {
        return scenario.to_string();
    }
    let folder = journal_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let relative = std::fs::canonicalize(file)
        .ok()
        .zip(std::fs::canonicalize(folder).ok())
        .and_then(|(file, folder)| pathdiff::diff_paths(&file, &folder).or(Some(file)));
    relative.map_or_else(
        || scenario.to_string(),
        |p| p.to_string_lossy().into_owned(),
    )
}

/// Where the scenario a journal names is: the file beside the journal it was written relative
/// to; for journals written before (relative to where their run started) the name as written;
/// else the name of a bundled scenario.
pub fn scenario_location(journal_path: &Path, name: &str) -> String {
    let folder = journal_path.parent().unwrap_or(Path::new(""));
    let beside = folder.join(name);
    if Path::new(name).is_relative() && beside.is_file() {
        beside.to_string_lossy().into_owned()
    } else {
        name.to_string()
    }
}

/// Journals a command, then applies it to the exercise: the line is on disk before the command
/// takes effect, so a command the journal cannot keep is never applied, and a crash cannot lose
/// one that was; a refusal is journaled after it. The app and the runs without a window both
/// give commands through here. The outer error: the journal could not be written (the command
/// did not take effect); the inner: the exercise refused the command, and why.
pub fn journal_then_apply(
    exercise: &mut crate::sim::Exercise,
    journal: Option<&mut JournalWriter>,
    command: Command,
) -> std::io::Result<Result<Vec<crate::sim::Event>, Message>> {
    let now = exercise.now();
    let Some(journal) = journal else {
        return Ok(exercise.apply(command).map_err(|refusal| refusal.0));
    };
    journal.append(now, &command)?;
    match exercise.apply(command) {
        Ok(events) => Ok(Ok(events)),
        Err(refusal) => {
            journal.refused(now, &refusal.0)?;
            Ok(Err(refusal.0))
        }
    }
}

/// Writes a journal: each line flushed and synced to disk before the caller goes on, so a line
/// written is a line kept. Its errors name the file.
pub struct JournalWriter {
    file: File,
    path: PathBuf,
}

impl JournalWriter {
    /// Creates the file and writes the header. `scenario_name` is the file the scenario was read
    /// from (as given on the command line) or a bundled scenario's name.
    pub fn create(
        path: &Path,
        scenario_name: &str,
        scenario_text: &str,
        seed: u64,
        mode: Mode,
    ) -> std::io::Result<JournalWriter> {
        let file = File::create(path).map_err(|e| journal_error(path, e))?;
        let mut writer = JournalWriter {
            file,
            path: path.to_path_buf(),
        };
        let mode = match mode {
            Mode::Stochastic => "stochastic",
            Mode::Expected => "expected",
        };
        let name: String = scenario_reference(path, scenario_name)
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        writer.line(
            &format!(
                "{MAGIC}\nscenario {name} {}\nseed {seed}\nmode {mode}",
                fingerprint(scenario_text)
            ),
            true,
        )?;
        Ok(writer)
    }

    /// Opens a journal to go on writing it (resuming an exercise). A last line cut short by a
    /// crash (no line end: its command never took effect) is removed first; returns whether one
    /// was.
    pub fn continue_at(path: &Path) -> std::io::Result<(JournalWriter, bool)> {
        let text = std::fs::read(path).map_err(|e| journal_error(path, e))?;
        let complete = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| journal_error(path, e))?;
        let cut = complete < text.len();
        if cut {
            file.set_len(complete as u64)
                .map_err(|e| journal_error(path, e))?;
        }
        let mut writer = JournalWriter {
            file,
            path: path.to_path_buf(),
        };
        std::io::Seek::seek(&mut writer.file, std::io::SeekFrom::End(0))
            .map_err(|e| journal_error(path, e))?;
        Ok((writer, cut))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn line(&mut self, text: &str, sync: bool) -> std::io::Result<()> {
        writeln!(self.file, "{text}")
            .and_then(|()| self.file.flush())
            .and_then(|()| if sync { self.file.sync_data() } else { Ok(()) })
            .map_err(|e| journal_error(&self.path, e))
    }

    /// Writes a command about to be applied: call it *before* applying, and do not apply the
    /// command when it fails.
    pub fn append(&mut self, at: u32, command: &Command) -> std::io::Result<()> {
        self.line(&format!("{at} {}", command.to_ron()), true)
    }

    /// Records that the command just written was refused, with the reason.
    /// The English text is for people reading the file; the message words it in any language.
    pub fn refused(&mut self, at: u32, reason: &Message) -> std::io::Result<()> {
        let text = ron::to_string(&reason.text(Language::En)).map_err(std::io::Error::other)?;
        let message = ron::to_string(reason).map_err(std::io::Error::other)?;
        self.line(&format!("{at} Refused({text}, {message})"), true)
    }

    /// Appends an attempt already known to be refused (one a journal being replayed recorded).
    pub fn append_refused(
        &mut self,
        at: u32,
        command: &Command,
        reason: &Message,
    ) -> std::io::Result<()> {
        self.append(at, command)?;
        self.refused(at, reason)
    }

    /// Records how far the clock went. `sync` at a pause; the hourly lines only reach the
    /// operating system (they survive the app being killed, and cost no disk wait).
    pub fn clock(&mut self, at: u32, sync: bool) -> std::io::Result<()> {
        self.line(&format!("clock {at}"), sync)
    }

    pub fn end(&mut self, at: u32) -> std::io::Result<()> {
        self.line(&format!("end {at}"), true)
    }
}

fn journal_error(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        e.kind(),
        format!("cannot write the journal {}: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_col;
    use crate::i18n::Arg;

    /// Whether a problem was found and says `words` (in English).
    fn says(problem: Option<Diagnostic>, words: &str) -> bool {
        problem.is_some_and(|p| p.message.to_string().contains(words))
    }

    /// A command timed at the exercise's last minute is applied; one a minute later is never
    /// applied, and the warning points at its line.
    #[test]
    fn a_command_after_the_end_is_warned_about_where_it_is_written() {
        let scenario = crate::sim::test_support::small_scenario("");
        let end = scenario.meta.duration.get();
        let text = format!(
            "{end} Activate(team: \"health-team\")\n{} Activate(team: \"police-team\")\n",
            end + 1
        );
        let (journal, problem) = parse(&text);
        assert!(problem.is_none(), "{problem:?}");
        let late = check_times(&journal, &scenario);
        assert_eq!(late.len(), 1, "{late:?}");
        assert_eq!(late[0].span.start, journal.entries[1].offset);
        assert!(late[0].message.to_string().contains("never applied"));
    }

    /// A command reaches the exercise only once its line is on disk; a refusal is written
    /// after the command it answers.
    #[test]
    fn a_command_is_journaled_before_it_applies_and_its_refusal_after() {
        use crate::sim::test_support::{command, small};
        let mut exercise = small(Mode::Stochastic, "");
        let full = File::options().write(true).open("/dev/full").unwrap();
        let mut cannot_keep = JournalWriter {
            file: full,
            path: PathBuf::from("/dev/full"),
        };
        let activate = command(r#"Activate(team: "health-team")"#);
        let outcome = journal_then_apply(&mut exercise, Some(&mut cannot_keep), activate.clone());
        assert!(outcome.is_err());
        assert!(exercise.log().is_empty(), "not applied");
        let path = std::env::temp_dir().join(format!("muster-jta-{}.journal", std::process::id()));
        let mut journal = JournalWriter::create(&path, "s.ron", "", 1, Mode::Stochastic).unwrap();
        let applied = journal_then_apply(&mut exercise, Some(&mut journal), activate).unwrap();
        assert!(applied.is_ok());
        let unknown = command(r#"Activate(team: "nobody")"#);
        let refused = journal_then_apply(&mut exercise, Some(&mut journal), unknown).unwrap();
        assert!(refused.is_err());
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().skip(4).collect();
        assert!(lines[0].contains("health-team"), "{text}");
        assert!(
            lines[1].contains("nobody") && lines[2].contains("Refused("),
            "{text}"
        );
        let _ = std::fs::remove_file(path);
    }

    /// A page sends commands as JSON in the form serde writes them; every command the
    /// library's commands files hold comes back the same through it.
    #[test]
    fn every_command_reads_back_from_the_json_serde_writes() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/commands");
        let mut read = 0;
        for file in std::fs::read_dir(folder).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let (journal, problem) = parse(&std::fs::read_to_string(&path).unwrap());
            assert!(problem.is_none(), "{}: {problem:?}", path.display());
            for entry in journal.entries {
                let json = serde_json::to_value(&entry.command).unwrap();
                let back = crate::sim::command::command_from_json(&json)
                    .unwrap_or_else(|m| panic!("{json}: {m}"));
                assert_eq!(back, entry.command, "{json}");
                read += 1;
            }
        }
        assert!(read > 500, "only {read} commands read");
    }

    #[test]
    fn a_json_command_with_a_mistake_says_which_field_and_what() {
        use crate::sim::command::command_from_json;
        let problem = |text: &str| {
            command_from_json(&serde_json::from_str(text).unwrap())
                .unwrap_err()
                .to_string()
        };
        let wrong_variant = problem(r#"{"Dispatc": {"team": "a", "unit": "u", "to": "x"}}"#);
        assert!(wrong_variant.contains("Dispatc"), "{wrong_variant}");
        let wrong_type =
            problem(r#"{"AnswerAid": {"team": "a", "request": "one", "accept": true}}"#);
        assert!(wrong_type.contains("request"), "{wrong_type}");
        let unknown_field = problem(r#"{"Activate": {"team": "a", "admin": true}}"#);
        assert!(unknown_field.contains("admin"), "{unknown_field}");
        let wrong_choice = problem(
            r#"{"DecideGathering": {"team": "a", "gathering": "g", "decision": "Maybe", "text": ""}}"#,
        );
        assert!(wrong_choice.contains("Maybe"), "{wrong_choice}");
        for not_a_command in ["null", "[]", "7", r#""Activate""#, r#"{"team": "a"}"#] {
            let value = serde_json::from_str(not_a_command).unwrap();
            assert!(command_from_json(&value).is_err(), "{not_a_command}");
        }
        let postponed = command_from_json(&serde_json::json!({"DecideGathering": {
            "team": "a", "gathering": "g", "decision": {"Postpone": "1d"}, "text": "later"}}))
        .unwrap();
        assert_eq!(
            postponed,
            decode_command(r#"DecideGathering(team: "a", gathering: "g", decision: Postpone("1d"), text: "later")"#)
                .unwrap()
        );
    }

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
            problem.message.to_string().contains("no field `tema`"),
            "{}",
            problem.message
        );
        let text = "10 Activate(team: \"a\")\n20 Activate(tema: \"a\")\n";
        let problem = parse(text).1.unwrap();
        assert_eq!(
            &text[problem.span.start..problem.span.end],
            "tema",
            "the whole word"
        );
        // A note's place is moved to the line too.
        let text = "10 Activate(team: \"a\")\n20 Activate(team: \"a\", team: \"b\")\n";
        let problem = parse(text).1.unwrap();
        let (first, _) = &problem.related[0];
        assert_eq!(first.start, text.rfind("team: \"a\"").unwrap());
        assert_eq!(&text[first.start..first.end], "team");

        let (_, problem) = parse("20 Activate(team: \"a\")\n10 Activate(team: \"b\")\n");
        assert!(says(problem, "time order"));
        let (_, problem) = parse("soon Activate(team: \"a\")\n");
        assert!(says(problem, "does not start with a time"));
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
        let reason = crate::msg!(
            "refused-unit-busy",
            unit = "u",
            status = crate::msg!(
                "unit-status-working",
                place = "\"x\"",
                until = Arg::Duration(95)
            )
        );
        writer.append_refused(95, &command, &reason).unwrap();
        writer.append(96, &command).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("muster-journal 4\n"), "{text}");
        // The English reason for people reading the file, then the message for any language.
        assert!(
            text.contains("\n95 Refused(\"unit `u` is busy (working at \\\"x\\\" until 1h35m); use Redirect or Recall\", (key:"),
            "{text}"
        );
        let (journal, problem) = parse(&text);
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(journal.entries.len(), 2);
        assert_eq!(journal.entries[0].command, command);
        let read = journal.entries[0].refused.as_ref().unwrap();
        assert_eq!(read, &reason);
        assert_eq!(
            read.text(Language::Zh),
            "队伍 `u` 正在执行任务（在 \"x\" 工作至 1小时35分）；请用“改派”或“召回”"
        );
        assert_eq!(journal.entries[1].refused, None);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn older_journals_read_and_newer_ones_are_named() {
        let (journal, problem) = parse("muster-journal 1\nseed 4\n10 Activate(team: \"a\")\n");
        assert!(problem.is_none());
        assert_eq!(journal.entries.len(), 1);
        let (journal, problem) = parse(
            "muster-journal 2\n10 Refused(\"busy\", Activate(team: \"a\"))\n20 Activate(team: \"a\")\n",
        );
        assert!(problem.is_none());
        assert_eq!(journal.entries[0].refused, Some(Message::verbatim("busy")));
        assert_eq!(journal.entries[1].refused, None);
        // Version 3 wrote the reason's text only: shown as written, in every language.
        let (journal, problem) =
            parse("muster-journal 3\n10 Activate(team: \"a\")\n10 Refused(\"busy\")\n");
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(
            journal.entries[0]
                .refused
                .as_ref()
                .map(|m| m.text(Language::Zh)),
            Some("busy".to_string())
        );
        let (_, problem) = parse("muster-journal 5\n10 Activate(team: \"a\")\n");
        assert!(says(problem, "version 5, written by a newer Muster"));
        let (_, problem) = parse("10 Refused(Activate(team: \"a\"))\n");
        assert!(says(problem, "Refused(\"reason\")"));
        // A refusal belongs to the command before it, at the same minute.
        let (journal, problem) = parse("10 Refused(\"no\")\n");
        assert!(journal.entries.is_empty());
        assert!(says(problem, "must follow the command"));
        let (_, problem) = parse("10 Activate(team: \"a\")\n11 Refused(\"no\")\n");
        assert!(says(problem, "must follow the command"));
        let (_, problem) =
            parse("10 Activate(team: \"a\")\n10 Refused(\"no\")\n10 Refused(\"again\")\n");
        assert!(says(problem, "must follow the command"));
    }

    /// Clock lines say how far the exercise went; resuming goes there, not to the last command.
    #[test]
    fn the_clock_lines_tell_where_the_exercise_stood() {
        let (journal, problem) = parse(
            "scenario my scenarios/x y.ron 00112233aabbccdd\n30 Activate(team: \"a\")\nclock 60\nclock 120\nclock 95\n",
        );
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(journal.scenario.as_deref(), Some("my scenarios/x y.ron"));
        assert_eq!(journal.scenario_hash.as_deref(), Some("00112233aabbccdd"));
        assert_eq!(journal.clock, Some(120));
        assert_eq!(journal.reached(), 120);
        let (journal, _) = parse("30 Activate(team: \"a\")\n");
        assert_eq!(journal.reached(), 30);
        let (journal, _) = parse("30 Activate(team: \"a\")\nclock 90\nend 200\n");
        assert_eq!(journal.reached(), 200);
        // Problems are located on the whole line, after its indentation.
        let text = "  clock soon\n";
        let problem = parse(text).1.unwrap();
        assert!(problem.message.to_string().contains("`soon` is not a time"));
        assert_eq!(&text[problem.span.start..problem.span.end], "clock soon");
        let text = "10 Activate(team: \"a\")\n 11 Refused(\"no\")\n";
        let problem = parse(text).1.unwrap();
        assert_eq!(
            &text[problem.span.start..problem.span.end],
            "11 Refused(\"no\")"
        );
        // A header without a fingerprint still names its scenario, spaces and all.
        let (journal, _) = parse("scenario x.ron\n");
        assert_eq!(journal.scenario.as_deref(), Some("x.ron"));
        assert_eq!(journal.scenario_hash, None);
        let (journal, _) = parse("scenario my scenario.ron\n");
        assert_eq!(journal.scenario.as_deref(), Some("my scenario.ron"));
        assert_eq!(journal.scenario_hash, None);
    }

    #[test]
    fn fingerprints_tell_texts_apart() {
        let a = fingerprint("population: 100");
        assert_eq!(a.len(), 16);
        assert!(is_fingerprint(&a));
        assert_eq!(a, fingerprint("population: 100"));
        assert_ne!(a, fingerprint("population: 101"));
        assert_ne!(fingerprint(""), fingerprint(" "));
        assert!(is_fingerprint("0011"));
        assert!(!is_fingerprint(""));
        assert!(!is_fingerprint("00112233aabbccdz"));
    }

    /// A journal names its scenario file from its own folder, so it is found from anywhere; a
    /// line cut short by a crash is dropped when the journal is continued.
    #[test]
    fn a_journal_finds_its_scenario_and_goes_on_after_a_crash() {
        let dir = std::env::temp_dir().join(format!("muster-journal-go-on-{}", std::process::id()));
        let runs = dir.join("runs");
        std::fs::create_dir_all(&runs).unwrap();
        let scenario = dir.join("my scenario.ron");
        std::fs::write(&scenario, "(meta: ())").unwrap();
        let path = runs.join("a.journal");
        let mut writer = JournalWriter::create(
            &path,
            scenario.to_str().unwrap(),
            "(meta: ())",
            1,
            Mode::Stochastic,
        )
        .unwrap();
        let command = decode_command(r#"Activate(team: "a")"#).unwrap();
        writer.append(10, &command).unwrap();
        writer.clock(60, false).unwrap();
        drop(writer);
        let text = std::fs::read_to_string(&path).unwrap();
        let (journal, _) = parse(&text);
        assert_eq!(journal.scenario.as_deref(), Some("../my scenario.ron"));
        assert_eq!(
            Path::new(&scenario_location(&path, "../my scenario.ron")),
            runs.join("../my scenario.ron")
        );
        assert_eq!(
            scenario_location(&path, "tutorial.en.ron"),
            "tutorial.en.ron"
        );
        assert_eq!(
            scenario_reference(&path, "tutorial.en.ron"),
            "tutorial.en.ron"
        );

        // A crash in the middle of a line.
        std::fs::write(&path, format!("{text}70 Activate(te")).unwrap();
        let (mut writer, cut) = JournalWriter::continue_at(&path).unwrap();
        assert!(cut);
        writer.append(80, &command).unwrap();
        let (journal, problem) = parse(&std::fs::read_to_string(&path).unwrap());
        assert!(problem.is_none(), "{problem:?}");
        assert_eq!(
            journal.entries.iter().map(|e| e.at).collect::<Vec<_>>(),
            [10, 80]
        );
        assert_eq!(journal.clock, Some(60));
        let (_, cut) = JournalWriter::continue_at(&path).unwrap();
        assert!(!cut);

        // A name cannot break the header's lines.
        let odd = dir.join("odd.journal");
        JournalWriter::create(&odd, "two\nlines\r", "", 1, Mode::Stochastic).unwrap();
        let (journal, _) = parse(&std::fs::read_to_string(&odd).unwrap());
        assert_eq!(journal.scenario.as_deref(), Some("two lines"));
        assert_eq!(journal.seed, Some(1));

        // Errors name the file.
        let e = JournalWriter::create(&dir.join("no/such/a.journal"), "x", "", 1, Mode::Stochastic)
            .err()
            .unwrap();
        assert!(e.to_string().contains("no/such/a.journal"), "{e}");
        let _ = std::fs::remove_dir_all(dir);
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
                .to_string()
                .contains("there is no district or facility `riversid`"),
            "{}",
            place.message
        );
        assert_eq!(
            place.help.as_ref().map(|h| h.to_string()).as_deref(),
            Some("did you mean `riverside`?")
        );
    }
}
