//! The `muster` command line. Every command writes to the given streams and returns the exit
//! code, so tests drive it in-process exactly as a user would from a shell.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Report;
use crate::library;
use crate::scenario::{self, Scenario};
use crate::summary;

#[derive(Debug, Parser)]
#[command(
    name = "muster",
    version,
    about = "Tabletop exercise simulator for public-health emergencies"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and report every problem with its file:line:column.
    Validate {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How problems are printed.
        #[arg(long, value_enum, default_value_t = Format::Rich)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print a briefing of a scenario: the city, the teams, resources, the MSEL and objectives.
    Summary {
        /// A scenario file, or the name of a bundled scenario (see `muster scenarios`).
        /// Defaults to the flagship scenario.
        scenario: Option<String>,
    },
    /// List the scenarios bundled with Muster.
    Scenarios,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source lines with the problem underlined.
    Rich,
    /// One `file:line:col: error: message` line per problem.
    Short,
    /// A JSON array of problems, for tools.
    Json,
}

pub const EXIT_OK: u8 = 0;
/// A scenario has errors (or warnings, with `--deny-warnings`).
pub const EXIT_INVALID: u8 = 1;
/// The command itself is wrong (unknown file, bad arguments).
pub const EXIT_USAGE: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match cli.command {
        Some(Command::Validate {
            files,
            format,
            deny_warnings,
        }) => validate(&files, format, deny_warnings, out),
        Some(Command::Summary { scenario }) => show_summary(scenario.as_deref(), out, err),
        Some(Command::Scenarios) => list_scenarios(out),
        // The GUI will open here; until it exists the main job is the flagship's briefing.
        None => show_summary(None, out, err),
    };
    // A closed pipe (`muster summary | head`) is not an error worth a message.
    result.unwrap_or(EXIT_OK)
}

fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Problems go to standard output with the verdicts, in order: they are this command's result.
fn validate(
    files: &[PathBuf],
    format: Format,
    deny_warnings: bool,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut failed = 0;
    let mut located = Vec::new();
    for path in files {
        let report = match scenario::read_text(path) {
            Ok(text) => scenario::check(&path.display().to_string(), &text).1,
            Err(report) => report,
        };
        let bad = report.has_errors() || (deny_warnings && report.warning_count() > 0);
        failed += usize::from(bad);
        match format {
            Format::Json => located.extend(report.located()),
            Format::Short => write!(out, "{}", report.render_short())?,
            Format::Rich => write!(out, "{}", report.render_rich(color))?,
        }
        if format != Format::Json {
            writeln!(out, "{}", verdict(&report))?;
        }
    }
    if format == Format::Json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&located).unwrap_or_default()
        )?;
    } else if files.len() > 1 {
        writeln!(
            out,
            "checked {} files: {} valid, {failed} with problems",
            files.len(),
            files.len() - failed
        )?;
    }
    Ok(if failed > 0 { EXIT_INVALID } else { EXIT_OK })
}

fn verdict(report: &Report) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (report.error_count(), report.warning_count()) {
        (0, 0) => format!("{}: valid", report.file_name),
        (0, w) => format!("{}: valid, {}", report.file_name, plural(w, "warning")),
        (e, w) => format!(
            "{}: {}, {}",
            report.file_name,
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

/// Resolves a scenario argument: a file path, else a bundled scenario's name.
pub fn load_scenario(name: Option<&str>) -> Result<(Scenario, Report), Report> {
    let name = name.unwrap_or(library::DEFAULT_SCENARIO);
    let path = Path::new(name);
    if path.exists() {
        return scenario::load_file(path);
    }
    match library::find(name) {
        Some(bundled) => bundled.load(),
        None => Err(Report {
            file_name: name.to_string(),
            text: String::new(),
            diagnostics: vec![crate::diagnostic::Diagnostic::error(
                Default::default(),
                format!(
                    "no scenario file `{name}`, and no bundled scenario of that name (see `muster scenarios`)"
                ),
            )],
        }),
    }
}

fn show_summary(
    name: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match load_scenario(name) {
        Ok((scenario, report)) => {
            if !report.diagnostics.is_empty() {
                write!(err, "{}", report.render_rich(use_color()))?;
            }
            write!(out, "{}", summary::briefing(&scenario))?;
            Ok(EXIT_OK)
        }
        Err(report) => {
            if report.text.is_empty() {
                write!(err, "{}", report.render_short())?;
                return Ok(EXIT_USAGE);
            }
            write!(err, "{}", report.render_rich(use_color()))?;
            writeln!(err, "{}", verdict(&report))?;
            Ok(EXIT_INVALID)
        }
    }
}

fn list_scenarios(out: &mut dyn Write) -> std::io::Result<u8> {
    for bundled in library::BUNDLED {
        let title = match bundled.load() {
            Ok((s, _)) => format!(
                "{} [{:?}, {}]",
                s.meta.title, s.meta.language, s.meta.duration
            ),
            Err(report) => format!("(invalid: {} errors)", report.error_count()),
        };
        let default = if bundled.file == library::DEFAULT_SCENARIO {
            " (default)"
        } else {
            ""
        };
        writeln!(out, "{:<28} {title}{default}", bundled.file)?;
    }
    Ok(EXIT_OK)
}
