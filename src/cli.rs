//! The `muster` command line. Every command writes to the given streams and returns the exit
//! code, so tests drive it in-process exactly as a user would from a shell.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Report;
use crate::i18n::Language;
use crate::library;
use crate::scenario::{self, Scenario};
use crate::summary;
use crate::tr;

#[derive(Debug, Parser)]
#[command(
    name = "muster",
    version,
    about = "Tabletop exercise simulator for public-health emergencies"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Language of the output, reports and the app: en or zh (default: the scenario's, else the
    /// system's, else English).
    #[arg(long, global = true, value_parser = parse_language)]
    pub lang: Option<Language>,
}

/// Parses the process's command line, with `--help` in the language asked for (`--lang`, else
/// the system's, else English). A wrong command line exits with status 2 and a message in that
/// language.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = language_in(&args).unwrap_or_else(|| Language::default_for(None));
    let parsed = command(lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.unwrap_or_else(|e| exit_on(e, lang))
}

/// Prints a command-line error as clap would, but in the language (help and version pages are
/// already in it), and exits.
fn exit_on(error: clap::Error, lang: Language) -> ! {
    use clap::error::ErrorKind;
    if lang == Language::En
        || matches!(
            error.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        error.exit()
    }
    eprint!("{}", error_in(&error, lang));
    std::process::exit(2)
}

/// A command-line error's words in a language, from what clap knows about it: the argument or
/// command it did not understand, a suggestion, the values allowed, the usage line.
fn error_in(error: &clap::Error, lang: Language) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind: ContextKind| -> Option<String> {
        match error.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(items) => Some(items.join(&crate::tr!(lang, "list-comma"))),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            other => Some(other.to_string()),
        }
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let problem = match error.kind() {
        ErrorKind::UnknownArgument => crate::tr!(lang, "cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => crate::tr!(
            lang,
            "cli-error-unknown-command",
            command = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => crate::tr!(
            lang,
            "cli-error-invalid-value",
            arg = arg,
            value = text(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            crate::tr!(lang, "cli-error-missing-argument", arg = arg)
        }
        ErrorKind::MissingSubcommand => crate::tr!(lang, "cli-error-missing-command"),
        ErrorKind::ArgumentConflict => crate::tr!(
            lang,
            "cli-error-conflict",
            arg = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        // Rarer mistakes (too many values, a missing `=`): clap's own words.
        _ => error.kind().to_string(),
    };
    let mut out = format!("{}{problem}\n", crate::tr!(lang, "cli-error"));
    let suggestion =
        text(ContextKind::SuggestedArg).or_else(|| text(ContextKind::SuggestedSubcommand));
    if let Some(suggestion) = suggestion {
        out.push_str(&crate::tr!(
            lang,
            "cli-error-did-you-mean",
            suggestion = suggestion
        ));
        out.push('\n');
    }
    if let Some(values) = text(ContextKind::ValidValue) {
        out.push_str(&crate::tr!(
            lang,
            "cli-error-possible-values",
            values = values
        ));
        out.push('\n');
    }
    if let Some(usage) = text(ContextKind::Usage) {
        // clap's usage line begins with its English heading; ours is the language's.
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n{}{usage}\n", crate::tr!(lang, "help-usage")));
    }
    out.push_str(&crate::tr!(lang, "cli-error-more-help"));
    out.push('\n');
    out
}

/// `--lang xx` or `--lang=xx` anywhere on a command line, read before clap parses it.
fn language_in(args: &[std::ffi::OsString]) -> Option<Language> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().find_map(|(n, arg)| {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(n + 1)?.as_str(),
            Some(rest) => rest.strip_prefix('=')?,
            None => return None,
        };
        Language::from_code(value)
    })
}

/// The command line's definition with every help text in a language.
pub fn command(lang: Language) -> clap::Command {
    let usage = crate::tr!(lang, "help-usage");
    let template =
        format!("{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}");
    let top = Cli::command().disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(crate::tr!(lang, "help-version")),
    );
    localized(top, lang, "help-muster", &template)
}

/// A command's about, its arguments' help and its subcommands' (keys `help-<command>` and
/// `help-<command>-<argument>`), with the help flag and headings in the language too.
fn localized(command: clap::Command, lang: Language, key: &str, template: &str) -> clap::Command {
    let text = |key: &str| crate::i18n::text(lang, key);
    let ids: Vec<(String, bool)> = command
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut command = command
        .about(text(key))
        .help_template(template.to_string())
        .subcommand_help_heading(text("help-heading-commands"))
        .disable_help_subcommand(true)
        .disable_help_flag(true);
    for (id, positional) in ids {
        let heading = text(if positional {
            "help-heading-arguments"
        } else {
            "help-heading-options"
        });
        // The version flag was written in the language already.
        let help = (id != "version").then(|| text(&format!("{key}-{id}")));
        command = command.mut_arg(id.as_str(), |a| {
            let a = a.help_heading(heading);
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(text("help-help"))
            .help_heading(text("help-heading-options")),
    );
    for name in subcommands {
        command = command.mut_subcommand(name.as_str(), |c| {
            localized(c, lang, &format!("help-{name}"), template)
        });
    }
    command
}

/// The language of a command's words: the one asked for, else the scenario's, else the
/// system's, else English.
fn speak(asked: Option<Language>, scenario: Option<&Scenario>) -> Language {
    asked.unwrap_or_else(|| Language::default_for(scenario.and_then(|s| s.meta.language)))
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text)
        .ok_or_else(|| format!("`{text}` is not a language of Muster: en or zh"))
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
    /// Open the exercise app (the default when a display is available).
    Gui {
        /// A scenario file, or the name of a bundled scenario; default: the flagship.
        scenario: Option<String>,
        #[arg(long)]
        seed: Option<u64>,
        /// Where to write the journal (default: journals/<scenario>-<n>.journal).
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Play a script of UI steps (for tests and demos), with screenshots into --shots.
        #[arg(long, requires = "shots")]
        script: Option<PathBuf>,
        #[arg(long)]
        shots: Option<PathBuf>,
        /// Window size, e.g. 1600x960.
        #[arg(long, default_value = "1600x960")]
        size: String,
        /// A response plan playing its teams beside the human teams.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Who plays the red cell when no one in the room does: `auto`.
        #[arg(long, value_enum, value_name = "WHO")]
        red: Option<RedCell>,
        /// Go on with the exercise a journal recorded (after a crash or a closed window), from
        /// where its clock stood; new commands are added to the same journal.
        #[arg(long, value_name = "JOURNAL", conflicts_with_all = ["scenario", "seed", "journal", "plan"])]
        resume: Option<PathBuf>,
        /// Open the exercise to teams' browsers on this address, e.g. 0.0.0.0:7878 (every
        /// network of this machine) or 127.0.0.1:7878 (this machine only).
        #[arg(long, value_name = "ADDR:PORT")]
        host: Option<std::net::SocketAddr>,
        /// Also write the join codes to this file: one line per role, `ROLE<TAB>CODE<TAB>URL`.
        #[arg(long, value_name = "FILE", requires = "host")]
        codes: Option<PathBuf>,
    },
    /// Run an exercise without a window: scripted commands at their times, outcome as JSON/CSV.
    Run {
        /// A scenario file, or the name of a bundled scenario.
        scenario: String,
        /// Random seed (default: the scenario's).
        #[arg(long)]
        seed: Option<u64>,
        /// Commands to apply, one per line: `MINUTE COMMAND` (the journal's form).
        #[arg(long)]
        commands: Option<PathBuf>,
        /// Stop at this time of the exercise (e.g. `3d`, `90m`); default: its end.
        #[arg(long)]
        until: Option<String>,
        /// Write the outcome (time series, events, final state) as JSON.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the time series per district as CSV.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Write the journal of the run.
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Expected values instead of random draws.
        #[arg(long)]
        expected: bool,
        /// Write the after-action report (HTML, CSV, JSON) into this folder.
        #[arg(long)]
        report: Option<PathBuf>,
        /// A response plan playing its teams beside the commands (scenarios/plans/).
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Who plays the red cell: `auto` (the automatic red cell).
        #[arg(long, value_enum, value_name = "WHO")]
        red: Option<RedCell>,
    },
    /// Run many seeds in parallel and report the distribution of every outcome and KPI.
    Sweep(SweepArgs),
    /// Put the parts of a sweep run in shards (`sweep --shard`) back together: the same result
    /// as the sweep run at once.
    Merge(MergeArgs),
    /// Play a scenario over many seeds and set observed data against the runs' 5–95% band.
    Compare {
        /// A scenario file or bundled name.
        scenario: String,
        /// The observations: CSV with the columns `time,series,value[,district]`.
        #[arg(long)]
        observed: PathBuf,
        /// Commands applied in every run (the response as it happened).
        #[arg(long)]
        commands: Option<PathBuf>,
        /// Number of runs.
        #[arg(long, default_value_t = 100)]
        runs: u32,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Threads (default: all cores). Results do not depend on it.
        #[arg(long)]
        threads: Option<usize>,
        /// Print the comparison as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Write the comparison as a page with a chart per series.
        #[arg(long)]
        html: Option<PathBuf>,
    },
    /// Set a targeted response beside no action, an over-reaction, paperwork alone and the same
    /// response a day late, over many seeds, and check that the scores tell them apart.
    Contrasts {
        /// A scenario file or bundled name.
        scenario: String,
        /// The targeted response: a commands file.
        #[arg(long)]
        commands: PathBuf,
        /// Runs of each response.
        #[arg(long, default_value_t = 200)]
        runs: u32,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Threads (default: all cores). Results do not depend on it.
        #[arg(long)]
        threads: Option<usize>,
        /// Also write the derived responses as commands files in this folder
        /// (`SCENARIO-over-reaction.txt`, `-paperwork.txt`, `-late-response.txt`).
        #[arg(long)]
        write: Option<PathBuf>,
    },
    /// Time whole runs of a scenario in this process (build with --release for real figures).
    Bench {
        /// A scenario file or bundled name; default: the flagship.
        scenario: Option<String>,
        /// Number of seeds to run one after another.
        #[arg(long, default_value_t = 1000)]
        runs: u32,
        /// Commands applied in every run.
        #[arg(long)]
        commands: Option<PathBuf>,
        /// A response plan playing its teams in every run.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Instead: generated grid cities of growing size (load, one 14-day run, memory).
        #[arg(long)]
        scale: bool,
    },
    /// Write the after-action report of a recorded exercise: HTML, with CSV and JSON data.
    Report {
        journal: PathBuf,
        /// Folder to write into.
        #[arg(long)]
        out: PathBuf,
        /// The scenario, if not the one the journal names.
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Rebuild an exercise from its journal and report its state.
    Replay {
        journal: PathBuf,
        /// The scenario, if not the one the journal names.
        #[arg(long)]
        scenario: Option<String>,
        /// Write the rebuilt outcome as JSON.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the time series per district as CSV.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
}

/// Who plays the red cell besides the people in the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RedCell {
    /// The automatic red cell: plays the scenario's tactics to do the most harm (red_cell.rs).
    Auto,
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
/// A file could not be written (disk full, no permission, too large): the message names it.
pub const EXIT_IO: u8 = 3;

/// Output to the terminal or a pipe: its errors say which stream failed, so that they are not
/// mistaken for a file's. A closed pipe stays a closed pipe.
struct Stream<'a> {
    inner: &'a mut dyn Write,
    name: &'static str,
}

impl Stream<'_> {
    fn named(&self, e: std::io::Error) -> std::io::Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            e
        } else {
            std::io::Error::new(e.kind(), format!("cannot write to {}: {e}", self.name))
        }
    }
}

impl Write for Stream<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| self.named(e))
    }
}

/// Runs a parsed command line. A closed pipe (`muster summary | head`) ends it quietly; any other
/// failure to write is an error with the file's name and exit code [`EXIT_IO`].
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = run_command(
        cli,
        &mut Stream {
            inner: out,
            name: "standard output",
        },
        &mut Stream {
            inner: err,
            name: "standard error",
        },
    );
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_IO
        }
    }
}

fn run_command(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let lang = cli.lang;
    match cli.command {
        Some(Command::Validate {
            files,
            format,
            deny_warnings,
        }) => validate(&files, format, deny_warnings, lang, out),
        Some(Command::Summary { scenario }) => show_summary(scenario.as_deref(), lang, out, err),
        Some(Command::Scenarios) => list_scenarios(speak(lang, None), out),
        Some(Command::Run {
            scenario,
            seed,
            commands,
            until,
            out: json,
            csv,
            journal,
            expected,
            report,
            plan,
            red,
        }) => {
            let options = RunOptions {
                scenario,
                seed,
                commands,
                until,
                json,
                csv,
                journal,
                expected,
                report: report.map(|dir| ReportTo { dir, lang }),
                plan,
                red,
                lang,
            };
            run_headless(options, out, err)
        }
        Some(Command::Bench {
            scenario,
            runs,
            commands,
            plan,
            scale: false,
        }) => bench(
            scenario.as_deref(),
            runs,
            (commands.as_deref(), plan.as_deref()),
            speak(lang, None),
            out,
            err,
        ),
        Some(Command::Bench { scale: true, .. }) => bench_scale(out),
        Some(Command::Compare {
            scenario,
            observed,
            commands,
            runs,
            seed,
            threads,
            json,
            html,
        }) => compare(
            CompareOptions {
                scenario,
                observed,
                commands,
                runs,
                seed,
                threads,
                json,
                html,
                lang,
            },
            out,
            err,
        ),
        Some(Command::Contrasts {
            scenario,
            commands,
            runs,
            seed,
            threads,
            write,
        }) => contrasts(
            ContrastsOptions {
                scenario,
                commands,
                runs,
                seed,
                threads,
                write,
                lang,
            },
            out,
            err,
        ),
        Some(Command::Sweep(args)) => sweep(args, lang, out, err),
        Some(Command::Merge(args)) => merge(args, lang, out, err),
        Some(Command::Replay {
            journal,
            scenario,
            out: json,
            csv,
        }) => replay(
            &journal,
            scenario,
            Outputs { json, csv, lang },
            None,
            out,
            err,
        ),
        Some(Command::Report {
            journal,
            out: dir,
            scenario,
        }) => replay(
            &journal,
            scenario,
            Outputs {
                json: None,
                csv: None,
                lang,
            },
            Some(ReportTo { dir, lang }),
            out,
            err,
        ),
        Some(Command::Gui {
            scenario,
            seed,
            journal,
            script,
            shots,
            size,
            plan,
            red,
            resume,
            host,
            codes,
        }) => gui(
            GuiOptions {
                scenario,
                seed,
                journal,
                script: script.zip(shots),
                size,
                plan,
                red,
                resume,
                host,
                codes,
                lang,
            },
            err,
        ),
        #[cfg(feature = "gui")]
        None if crate::app::display_available() => gui(
            GuiOptions {
                lang,
                ..GuiOptions::default()
            },
            err,
        ),
        // Without a window: the flagship's briefing and a headless run of it with no player
        // action (the baseline every team must beat).
        None => show_summary(None, lang, out, err).and_then(|code| {
            if code != EXIT_OK {
                return Ok(code);
            }
            let flagship = load_scenario(None).ok().map(|(s, _)| s);
            writeln!(
                out,
                "\n{}",
                tr!(speak(lang, flagship.as_ref()), "cli-headless-no-action")
            )?;
            let options = RunOptions {
                scenario: library::DEFAULT_SCENARIO.to_string(),
                seed: None,
                commands: None,
                until: None,
                json: None,
                csv: None,
                journal: None,
                expected: false,
                report: None,
                plan: None,
                red: None,
                lang,
            };
            run_headless(options, out, err)
        }),
    }
}

fn use_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Problems go to standard output with the verdicts, in order: they are this command's result.
fn validate(
    files: &[PathBuf],
    format: Format,
    deny_warnings: bool,
    asked: Option<Language>,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut failed = 0;
    let mut located = Vec::new();
    let mut lang = speak(asked, None);
    for path in files {
        let report = match scenario::read_text(path) {
            Ok(text) => {
                // Each file's problems in the language it declares, unless one was asked for.
                lang = scenario::language_for_text(asked, &text);
                if path.to_string_lossy().ends_with(".plan.ron") {
                    check_plan(path, &text)
                } else {
                    crate::scoring::targets::check(&path.display().to_string(), &text).1
                }
            }
            Err(report) => report,
        };
        let bad = report.has_errors() || (deny_warnings && report.warning_count() > 0);
        failed += usize::from(bad);
        match format {
            Format::Json => located.extend(report.located_in(lang)),
            Format::Short => write!(out, "{}", report.render_short_in(lang))?,
            Format::Rich => write!(out, "{}", report.render_rich_in(color, lang))?,
        }
        if format != Format::Json {
            writeln!(out, "{}", verdict(&report, lang))?;
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
            "{}",
            tr!(
                lang,
                "cli-checked-files",
                files = files.len(),
                valid = files.len() - failed,
                failed = failed
            )
        )?;
    }
    Ok(if failed > 0 { EXIT_INVALID } else { EXIT_OK })
}

fn verdict(report: &Report, lang: Language) -> String {
    let file = report.file_name.as_str();
    match (report.error_count(), report.warning_count()) {
        (0, 0) => tr!(lang, "cli-valid", file = file),
        (0, w) => tr!(lang, "cli-valid-with-warnings", file = file, warnings = w),
        (e, w) => tr!(lang, "cli-invalid", file = file, errors = e, warnings = w),
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
                crate::msg!("file-no-scenario", name = name),
            )],
        }),
    }
}

fn show_summary(
    name: Option<&str>,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match load_scenario(name) {
        Ok((scenario, mut report)) => {
            let scenario = std::sync::Arc::new(scenario);
            report
                .diagnostics
                .extend(crate::scoring::targets::met_by_doing_nothing(&scenario));
            let lang = speak(lang, Some(&scenario));
            if !report.diagnostics.is_empty() {
                write!(err, "{}", report.render_rich_in(use_color(), lang))?;
            }
            write!(out, "{}", summary::briefing(&scenario, lang))?;
            Ok(EXIT_OK)
        }
        Err(report) => fail_with(
            &report,
            scenario::language_for_text(lang, &report.text),
            err,
        ),
    }
}

fn list_scenarios(lang: Language, out: &mut dyn Write) -> std::io::Result<u8> {
    for bundled in library::BUNDLED {
        let title = match bundled.load() {
            Ok((s, _)) => format!(
                "{} [{}, {}]",
                s.meta.title,
                s.meta.language.map_or("-", Language::native_name),
                crate::i18n::duration(lang, s.meta.duration.get())
            ),
            Err(report) => tr!(lang, "cli-scenario-invalid", errors = report.error_count()),
        };
        let default = if bundled.file == library::DEFAULT_SCENARIO {
            tr!(lang, "cli-default")
        } else {
            String::new()
        };
        writeln!(out, "{:<28} {title}{default}", bundled.file)?;
    }
    Ok(EXIT_OK)
}

struct RunOptions {
    scenario: String,
    seed: Option<u64>,
    commands: Option<PathBuf>,
    until: Option<String>,
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
    journal: Option<PathBuf>,
    expected: bool,
    report: Option<ReportTo>,
    plan: Option<PathBuf>,
    red: Option<RedCell>,
    lang: Option<Language>,
}

/// The outputs of a run or a replay besides its report, and the language asked for.
struct Outputs {
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
    lang: Option<Language>,
}

/// Where to write an after-action report, and in which language (None: the scenario's).
struct ReportTo {
    dir: PathBuf,
    lang: Option<Language>,
}

/// `muster sweep`'s arguments.
#[derive(clap::Args, Debug)]
pub struct SweepArgs {
    /// A scenario file or bundled name.
    scenario: String,
    /// Number of runs (seeds `--seed` .. `--seed` + N).
    #[arg(long)]
    runs: u32,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Commands applied in every run.
    #[arg(long)]
    commands: Option<PathBuf>,
    /// Threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// A response plan played in every run.
    #[arg(long)]
    plan: Option<PathBuf>,
    /// Who plays the red cell in every run: `auto` (the automatic red cell).
    #[arg(long, value_enum, value_name = "WHO")]
    red: Option<RedCell>,
    /// Write the distributions and every run as JSON (with `--shard`: this shard's runs, for
    /// `merge`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Play only shard K of N (`3/10`): its share of the runs, written to `--out` for `merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Write one row per run as CSV.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Stop every run at this time of the exercise (e.g. `14d`); default: its end.
    #[arg(long)]
    until: Option<String>,
    /// Write the daily quantiles of every series (city and districts) as CSV.
    #[arg(long)]
    daily: Option<PathBuf>,
}

/// `muster merge`'s arguments.
#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The parts written by `sweep --shard K/N --out PART`, one per shard, in any order.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// Write the distributions and every run as JSON.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write one row per run as CSV.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write the daily quantiles of every series (city and districts) as CSV.
    #[arg(long)]
    daily: Option<PathBuf>,
}

/// Whether the automatic red cell plays; refused, with the reason, for a scenario that gives red
/// nothing to play.
fn auto_red(
    red: Option<RedCell>,
    scenario: &Scenario,
    lang: Language,
    err: &mut dyn Write,
) -> std::io::Result<Result<bool, u8>> {
    match red {
        None => Ok(Ok(false)),
        Some(RedCell::Auto) if crate::red_cell::AutoRed::new(scenario, 0).is_some() => Ok(Ok(true)),
        Some(RedCell::Auto) => {
            writeln!(
                err,
                "{}",
                tr!(
                    lang,
                    "cli-no-red-cell",
                    scenario = scenario.meta.id.as_str()
                )
            )?;
            Ok(Err(EXIT_USAGE))
        }
    }
}

/// Loads a plan and checks its ids against the scenario it will play.
fn load_plan(
    path: Option<&Path>,
    scenario: &Scenario,
    lang: Language,
    err: &mut dyn Write,
) -> std::io::Result<Result<Option<crate::plan::Plan>, u8>> {
    let Some(path) = path else {
        return Ok(Ok(None));
    };
    match crate::plan::load_file(path, Some(scenario)) {
        Ok((plan, report)) => {
            if !report.diagnostics.is_empty() {
                write!(err, "{}", report.render_rich_in(use_color(), lang))?;
            }
            Ok(Ok(Some(plan)))
        }
        Err(report) => Ok(Err(fail_with(&report, lang, err)?)),
    }
}

/// Prints a report's problems and returns the exit code for them.
fn fail_with(report: &Report, lang: Language, err: &mut dyn Write) -> std::io::Result<u8> {
    if report.text.is_empty() {
        write!(err, "{}", report.render_short_in(lang))?;
        return Ok(EXIT_USAGE);
    }
    write!(err, "{}", report.render_rich_in(use_color(), lang))?;
    writeln!(err, "{}", verdict(report, lang))?;
    Ok(EXIT_INVALID)
}

/// The text a scenario was loaded from (for the journal's fingerprint).
fn scenario_text(name: &str) -> String {
    let path = Path::new(name);
    if path.exists() {
        return std::fs::read_to_string(path).unwrap_or_default();
    }
    library::find(name)
        .map(|b| b.text.to_string())
        .unwrap_or_default()
}

fn write_outputs(
    exercise: &crate::sim::Exercise,
    refused: Vec<crate::headless::Refusal>,
    outputs: &Outputs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let lang = speak(outputs.lang, Some(exercise.scenario()));
    let (json, csv) = (outputs.json.as_deref(), outputs.csv.as_deref());
    let output = crate::headless::output(exercise, refused);
    for r in output.refused.iter().filter(|r| !r.as_recorded) {
        writeln!(
            err,
            "{}",
            tr!(
                lang,
                "cli-refused",
                line = r.line,
                time = crate::i18n::duration(lang, r.at),
                reason = r.reason.text(lang),
                command = r.command.as_str()
            )
        )?;
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&output).map_err(std::io::Error::other)?;
        crate::files::write(path, text)?;
    }
    if let Some(path) = csv {
        crate::files::write(path, crate::headless::csv(exercise))?;
    }
    write!(out, "{}", crate::headless::brief(&output, lang))?;
    let scores: Vec<String> = crate::scoring::scorecards_of(exercise, lang)
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                c.name,
                c.percent.map_or("–".into(), |p| format!("{p:.0}%"))
            )
        })
        .collect();
    writeln!(
        out,
        "{}",
        tr!(lang, "cli-scores", scores = scores.join(" · "))
    )?;
    Ok(EXIT_OK)
}

/// The commands of a commands file (none without a file), or the exit code after reporting why
/// the file cannot be used: a broken line, or ids the scenario does not define.
fn read_commands(
    path: Option<&Path>,
    scenario: &Scenario,
    lang: Language,
    err: &mut dyn Write,
) -> std::io::Result<Result<Vec<crate::journal::Entry>, u8>> {
    let Some(path) = path else {
        return Ok(Ok(Vec::new()));
    };
    let text = match scenario::read_text(path) {
        Ok(text) => text,
        Err(report) => return Ok(Err(fail_with(&report, lang, err)?)),
    };
    let (journal, problem) = crate::journal::parse(&text);
    if let Some(problem) = problem {
        let report = Report {
            file_name: path.display().to_string(),
            text,
            diagnostics: vec![problem],
        };
        write!(err, "{}", report.render_rich_in(use_color(), lang))?;
        return Ok(Err(EXIT_INVALID));
    }
    let unknown = crate::journal::check_references(&journal, scenario);
    if !unknown.is_empty() {
        let report = Report {
            file_name: path.display().to_string(),
            text,
            diagnostics: unknown,
        };
        write!(err, "{}", report.render_rich_in(use_color(), lang))?;
        writeln!(
            err,
            "{}",
            tr!(
                lang,
                "cli-commands-unknown-ids",
                file = report.file_name.as_str(),
                scenario = scenario.meta.id.as_str()
            )
        )?;
        return Ok(Err(EXIT_INVALID));
    }
    let late = crate::journal::check_times(&journal, scenario);
    if !late.is_empty() {
        let report = Report {
            file_name: path.display().to_string(),
            text,
            diagnostics: late,
        };
        write!(err, "{}", report.render_rich_in(use_color(), lang))?;
    }
    Ok(Ok(journal.entries))
}

fn parse_until(text: &str) -> Option<u32> {
    text.parse()
        .ok()
        .or_else(|| crate::scenario::values::parse_duration(text.trim_start_matches('+')))
}

/// `--until`: a time of the exercise, no later than its end (the end when not given); a text
/// that is not a time is explained and refused.
fn until_of(
    text: Option<&str>,
    scenario: &Scenario,
    lang: Language,
    err: &mut dyn Write,
) -> std::io::Result<Result<u32, u8>> {
    let end = scenario.meta.duration.get();
    match text.map(|t| (t, parse_until(t))) {
        None => Ok(Ok(end)),
        Some((_, Some(until))) => Ok(Ok(until.min(end))),
        Some((text, None)) => {
            writeln!(err, "{}", tr!(lang, "cli-until-not-a-time", until = text))?;
            Ok(Err(EXIT_USAGE))
        }
    }
}

/// A scenario, the language to speak, and the commands played on it.
type Loaded = (Scenario, Language, Vec<crate::journal::Entry>);

/// A scenario (a file or a bundled name), the language to speak, and the commands of a
/// commands file checked against it; a problem is explained and ends the command with its code.
fn scenario_and_commands(
    name: &str,
    commands: Option<&Path>,
    lang: Option<Language>,
    err: &mut dyn Write,
) -> std::io::Result<Result<Loaded, u8>> {
    let (scenario, _) = match load_scenario(Some(name)) {
        Ok(loaded) => loaded,
        Err(report) => {
            let lang = scenario::language_for_text(lang, &report.text);
            return Ok(Err(fail_with(&report, lang, err)?));
        }
    };
    let lang = speak(lang, Some(&scenario));
    Ok(read_commands(commands, &scenario, lang, err)?.map(|commands| (scenario, lang, commands)))
}

fn run_headless(o: RunOptions, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let (scenario, lang, commands) =
        match scenario_and_commands(&o.scenario, o.commands.as_deref(), o.lang, err)? {
            Ok(loaded) => loaded,
            Err(code) => return Ok(code),
        };
    let until = match until_of(o.until.as_deref(), &scenario, lang, err)? {
        Ok(until) => until,
        Err(code) => return Ok(code),
    };
    let seed = o.seed.unwrap_or(scenario.meta.seed);
    let mode = if o.expected {
        crate::sim::Mode::Expected
    } else {
        crate::sim::Mode::Stochastic
    };
    let mut writer = match &o.journal {
        Some(path) => Some(crate::journal::JournalWriter::create(
            path,
            &o.scenario,
            &scenario_text(&o.scenario),
            seed,
            mode,
        )?),
        None => None,
    };
    let plan = match load_plan(o.plan.as_deref(), &scenario, lang, err)? {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
    };
    let red = match auto_red(o.red, &scenario, lang, err)? {
        Ok(red) => red,
        Err(code) => return Ok(code),
    };
    let mut player = plan.map(|p| crate::plan::PlanPlayer::new(p, &scenario));
    let mut red_cell = red
        .then(|| crate::red_cell::AutoRed::new(&scenario, 0))
        .flatten();
    let mut players = crate::player::seated(player.as_mut(), red_cell.as_mut());
    let (exercise, refused) = crate::headless::run_with_players(
        std::sync::Arc::new(scenario),
        seed,
        mode,
        &commands,
        until,
        writer.as_mut(),
        &mut players,
    )?;
    if let Some(player) = &player {
        let changes: Vec<String> = player
            .history
            .iter()
            .map(|(at, l)| {
                let time = crate::scoring::clock_in(lang, exercise.scenario(), *at);
                match *l {
                    0 => tr!(lang, "cli-plan-level-none", time = time),
                    level => tr!(lang, "cli-plan-level", level = level, time = time),
                }
            })
            .collect();
        let changes = if changes.is_empty() {
            tr!(lang, "cli-plan-no-level")
        } else {
            changes.join(&tr!(lang, "list-comma"))
        };
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-plan",
                plan = player.plan.id.as_str(),
                changes = changes
            )
        )?;
    }
    if red_cell.is_some() || !exercise.red_plays().is_empty() {
        let key = if red_cell.is_some() {
            "cli-red-auto"
        } else {
            "cli-red"
        };
        if let Some(card) = crate::scoring::red_card_of(&exercise, lang) {
            let line = crate::i18n::text_with(lang, key, &[("summary", card.summary.into())]);
            writeln!(out, "{line}")?;
        }
    }
    let outputs = Outputs {
        json: o.json,
        csv: o.csv,
        lang: o.lang,
    };
    let code = write_outputs(&exercise, refused, &outputs, out, err)?;
    match o.report {
        Some(to) => Ok(code.max(write_report(&exercise, &to, out)?)),
        None => Ok(code),
    }
}

/// Writes the after-action report of an exercise, with its no-action baseline on the same seed.
fn write_report(
    exercise: &crate::sim::Exercise,
    to: &ReportTo,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let dir = to.dir.as_path();
    let baseline = crate::scoring::Baseline::of(exercise);
    let lang = to
        .lang
        .unwrap_or_else(|| Language::default_for(exercise.scenario().meta.language));
    let files = crate::report::write(dir, exercise, &baseline, lang)?;
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "cli-report-written",
            file = dir.join("report.html").display().to_string()
        )
    )?;
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    writeln!(
        out,
        "{}",
        tr!(lang, "cli-report-data", files = names.join(", "))
    )?;
    Ok(EXIT_OK)
}

fn replay(
    path: &Path,
    scenario_name: Option<String>,
    outputs: Outputs,
    report: Option<ReportTo>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    // Before the scenario is known: the language asked for, else the system's.
    let asked = speak(outputs.lang, None);
    let text = match scenario::read_text(path) {
        Ok(text) => text,
        Err(report) => return fail_with(&report, asked, err),
    };
    let (journal, problem) = crate::journal::parse(&text);
    let mut code = EXIT_OK;
    if let Some(problem) = problem {
        let report = Report {
            file_name: path.display().to_string(),
            text: text.clone(),
            diagnostics: vec![problem],
        };
        write!(err, "{}", report.render_rich_in(use_color(), asked))?;
        let last = journal.entries.last().map_or(0, |e| e.line);
        writeln!(
            err,
            "{}",
            tr!(
                asked,
                "cli-journal-damaged",
                commands = journal.entries.len(),
                line = last
            )
        )?;
        code = EXIT_INVALID;
    }
    let Some(name) = scenario_name.or_else(|| {
        journal
            .scenario
            .as_deref()
            .map(|named| crate::journal::scenario_location(path, named))
    }) else {
        writeln!(err, "{}", tr!(asked, "cli-journal-no-scenario"))?;
        return Ok(EXIT_USAGE);
    };
    let (scenario, _) = match load_scenario(Some(&name)) {
        Ok(loaded) => loaded,
        Err(report) => return fail_with(&report, asked, err),
    };
    let lang = speak(outputs.lang, Some(&scenario));
    if let Some(hash) = &journal.scenario_hash
        && *hash != crate::journal::fingerprint(&scenario_text(&name))
    {
        writeln!(
            err,
            "{}",
            tr!(lang, "cli-scenario-changed", scenario = name.as_str())
        )?;
    }
    let seed = journal.seed.unwrap_or(scenario.meta.seed);
    let mode = journal.mode.unwrap_or(crate::sim::Mode::Stochastic);
    let until = journal.reached();
    let (exercise, refused) = crate::headless::run(
        std::sync::Arc::new(scenario),
        seed,
        mode,
        &journal.entries,
        until,
        None,
    )?;
    let mismatched = refused.iter().filter(|r| !r.as_recorded).count();
    if mismatched > 0 {
        writeln!(
            err,
            "{}",
            tr!(lang, "cli-journal-mismatch", commands = mismatched)
        )?;
        code = EXIT_INVALID;
    }
    let mut written = write_outputs(&exercise, refused, &outputs, out, err)?;
    if let Some(to) = report {
        written = written.max(write_report(&exercise, &to, out)?);
    }
    Ok(code.max(written))
}

/// Times whole runs; `given` is the commands file and the plan played in every run.
fn bench(
    name: Option<&str>,
    runs: u32,
    given: (Option<&Path>, Option<&Path>),
    lang: Language,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use std::time::Instant;
    let (scenario, _) = match load_scenario(name) {
        Ok(loaded) => loaded,
        Err(report) => return fail_with(&report, lang, err),
    };
    let commands = match read_commands(given.0, &scenario, lang, err)? {
        Ok(commands) => commands,
        Err(code) => return Ok(code),
    };
    let plan = match load_plan(given.1, &scenario, lang, err)? {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
    };
    let scenario = std::sync::Arc::new(scenario);
    let until = scenario.meta.duration.get();
    let one = |seed: u64, mode: crate::sim::Mode| -> std::io::Result<f64> {
        let mut planner = plan
            .as_ref()
            .map(|p| crate::plan::PlanPlayer::new(p.clone(), &scenario));
        let mut players = crate::player::seated(planner.as_mut(), None);
        let (exercise, _) = crate::headless::run_with_players(
            scenario.clone(),
            seed,
            mode,
            &commands,
            until,
            None,
            &mut players,
        )?;
        Ok(exercise.districts().iter().map(|d| d.infections).sum())
    };
    let mut single = Vec::new();
    for seed in 0..21 {
        let start = Instant::now();
        std::hint::black_box(one(seed, crate::sim::Mode::Stochastic)?);
        single.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    single.sort_by(f64::total_cmp);
    let start = Instant::now();
    std::hint::black_box(one(0, crate::sim::Mode::Expected)?);
    let expected_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let mut infections = Vec::with_capacity(runs as usize);
    for seed in 0..u64::from(runs) {
        infections.push(one(seed, crate::sim::Mode::Stochastic)?);
    }
    let total = start.elapsed().as_secs_f64();
    infections.sort_by(f64::total_cmp);
    let median = infections.get(infections.len() / 2).copied().unwrap_or(0.0);
    writeln!(
        out,
        "{} ({}, {} commands{}), one thread",
        scenario.meta.title,
        scenario.meta.duration,
        commands.len(),
        plan.as_ref()
            .map_or(String::new(), |p| format!(", plan {}", p.id))
    )?;
    writeln!(
        out,
        "one run:   median {:.3} ms, min {:.3} ms, max {:.3} ms (21 seeds)",
        single[10], single[0], single[20]
    )?;
    writeln!(out, "expected:  {expected_ms:.3} ms")?;
    writeln!(
        out,
        "{runs} runs: {total:.3} s ({:.3} ms per run), median infections {median:.0}",
        total * 1000.0 / f64::from(runs.max(1))
    )?;
    Ok(EXIT_OK)
}

#[derive(Default)]
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct GuiOptions {
    scenario: Option<String>,
    seed: Option<u64>,
    journal: Option<PathBuf>,
    script: Option<(PathBuf, PathBuf)>,
    size: String,
    plan: Option<PathBuf>,
    red: Option<RedCell>,
    resume: Option<PathBuf>,
    host: Option<std::net::SocketAddr>,
    codes: Option<PathBuf>,
    lang: Option<Language>,
}

#[cfg(feature = "gui")]
fn gui(o: GuiOptions, err: &mut dyn Write) -> std::io::Result<u8> {
    let GuiOptions {
        scenario,
        seed,
        journal,
        script,
        size,
        plan,
        red,
        resume,
        host,
        codes,
        lang,
    } = o;
    let size = if size.is_empty() {
        "1600x960".to_string()
    } else {
        size
    };
    let Some((w, h)) = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
    else {
        writeln!(
            err,
            "{}",
            tr!(
                speak(lang, None),
                "cli-size-not-a-size",
                size = size.as_str()
            )
        )?;
        return Ok(EXIT_USAGE);
    };
    let name = scenario.unwrap_or_else(|| library::DEFAULT_SCENARIO.to_string());
    let source = if Path::new(&name).exists() {
        crate::app::Source::File(PathBuf::from(&name))
    } else if let Some(bundled) = library::find(&name) {
        crate::app::Source::Bundled(bundled.file)
    } else {
        writeln!(
            err,
            "{}",
            tr!(speak(lang, None), "cli-no-scenario", name = name.as_str())
        )?;
        return Ok(EXIT_USAGE);
    };
    if !crate::app::display_available() {
        writeln!(err, "{}", tr!(speak(lang, None), "cli-no-display"))?;
        return Ok(EXIT_USAGE);
    }
    // The plan's ids, and that red has something to play, are checked against the scenario
    // (loaded once here; a resumed exercise's scenario is checked when it loads).
    let checked = if plan.is_some() || red.is_some() && resume.is_none() {
        match load_scenario(Some(&name)) {
            Ok((scenario, _)) => Some(scenario),
            Err(report) => {
                return fail_with(
                    &report,
                    scenario::language_for_text(lang, &report.text),
                    err,
                );
            }
        }
    } else {
        None
    };
    let plan = match (&plan, &checked) {
        (Some(path), Some(scenario)) => {
            match load_plan(Some(path), scenario, speak(lang, Some(scenario)), err)? {
                Ok(plan) => plan,
                Err(code) => return Ok(code),
            }
        }
        _ => None,
    };
    let auto_red = match &checked {
        Some(scenario) if resume.is_none() => {
            match auto_red(red, scenario, speak(lang, Some(scenario)), err)? {
                Ok(red) => red,
                Err(code) => return Ok(code),
            }
        }
        _ => red.is_some(),
    };
    let exit = crate::app::run(crate::app::AppOptions {
        source,
        seed,
        journal,
        script,
        size: (w, h),
        plan,
        auto_red,
        resume,
        host,
        codes,
        lang,
    });
    Ok(if exit.is_success() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

#[cfg(not(feature = "gui"))]
fn gui(o: GuiOptions, err: &mut dyn Write) -> std::io::Result<u8> {
    writeln!(err, "{}", tr!(speak(o.lang, None), "cli-no-gui"))?;
    Ok(EXIT_USAGE)
}

fn sweep(
    args: SweepArgs,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let SweepArgs {
        scenario: name,
        runs,
        seed,
        commands,
        threads,
        plan,
        red,
        out: json,
        shard,
        csv,
        until,
        daily,
    } = args;
    let (scenario, lang, commands) =
        match scenario_and_commands(&name, commands.as_deref(), lang, err)? {
            Ok(loaded) => loaded,
            Err(code) => return Ok(code),
        };
    let plan = match load_plan(plan.as_deref(), &scenario, lang, err)? {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
    };
    let auto_red = match auto_red(red, &scenario, lang, err)? {
        Ok(red) => red,
        Err(code) => return Ok(code),
    };
    if runs == 0 {
        writeln!(err, "{}", tr!(lang, "cli-runs-at-least-one"))?;
        return Ok(EXIT_USAGE);
    }
    let until = match until_of(until.as_deref(), &scenario, lang, err)? {
        Ok(until) => until,
        Err(code) => return Ok(code),
    };
    let shard = match shard.as_deref().map(crate::sweep::Shard::parse) {
        None => None,
        Some(Some(shard)) if json.is_some() => Some(shard),
        Some(Some(_)) => {
            writeln!(err, "{}", tr!(lang, "cli-shard-needs-out"))?;
            return Ok(EXIT_USAGE);
        }
        Some(None) => {
            let given = shard.unwrap_or_default();
            writeln!(err, "{}", tr!(lang, "cli-bad-shard", given = given))?;
            return Ok(EXIT_USAGE);
        }
    };
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let start = std::time::Instant::now();
    let start_date = scenario.meta.start;
    let sides = crate::sweep::Sides {
        plan: plan.as_ref(),
        auto_red,
    };
    let runs = crate::sweep::Runs {
        count: runs,
        first_seed: seed,
        threads,
        until,
    };
    let scenario = std::sync::Arc::new(scenario);
    let done = |count: u32| {
        let seconds = format!("{:.2}", start.elapsed().as_secs_f64());
        tr!(
            lang,
            "cli-sweep-done",
            runs = count,
            seconds = seconds,
            threads = threads
        )
    };
    if let (Some(shard), Some(path)) = (shard, &json) {
        let mine = shard.runs(runs.count);
        let progress = progress_bar(mine.len() as u32);
        let part = crate::sweep::sweep_part(scenario, &commands, sides, runs, shard, &progress);
        let text = serde_json::to_string(&part).map_err(std::io::Error::other)?;
        crate::files::write(path, text)?;
        let path = path.display().to_string();
        let written = if mine.is_empty() {
            tr!(
                lang,
                "cli-shard-empty",
                index = shard.index,
                of = shard.of,
                path = path
            )
        } else {
            let (first, last) = (mine.start, mine.end - 1);
            let (index, of) = (shard.index, shard.of);
            tr!(
                lang,
                "cli-shard-written",
                index = index,
                of = of,
                first = first,
                last = last,
                path = path
            )
        };
        writeln!(out, "{written}\n{}", done(mine.len() as u32))?;
        return Ok(EXIT_OK);
    }
    let progress = progress_bar(runs.count);
    let result = crate::sweep::sweep_runs(scenario, &commands, sides, runs, &progress);
    let outputs = SweepOutputs { json, csv, daily };
    outputs.write(&result, start_date, lang, out)?;
    writeln!(out, "{}", done(runs.count))?;
    Ok(EXIT_OK)
}

/// Where a sweep's result goes besides the terminal's table.
struct SweepOutputs {
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
    daily: Option<PathBuf>,
}

impl SweepOutputs {
    fn write(
        &self,
        result: &crate::sweep::SweepResult,
        start: crate::scenario::DateTime,
        lang: Language,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        if let Some(path) = &self.json {
            let text = serde_json::to_string_pretty(result).map_err(std::io::Error::other)?;
            crate::files::write(path, text)?;
        }
        if let Some(path) = &self.csv {
            crate::files::write(path, crate::sweep::csv(result))?;
        }
        if let Some(path) = &self.daily {
            crate::files::write(path, crate::sweep::daily_csv(result, start))?;
        }
        write!(out, "{}", crate::sweep::table(result, lang))
    }
}

/// A sweep's part from its file, or what is wrong with the file.
fn read_part(path: &Path, lang: Language) -> Result<crate::sweep::SweepPart, String> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|problem| {
        let error = problem.to_string();
        tr!(
            lang,
            "file-cannot-read",
            file = file.as_str(),
            error = error
        )
    })?;
    serde_json::from_str(&text).map_err(|problem| {
        let problem = problem.to_string();
        tr!(
            lang,
            "cli-merge-not-a-part",
            file = file.as_str(),
            problem = problem
        )
    })
}

fn merge(
    args: MergeArgs,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let lang = speak(lang, None);
    let mut parts = Vec::new();
    for path in &args.parts {
        match read_part(path, lang) {
            Ok(part) => parts.push(part),
            Err(problem) => {
                writeln!(err, "{problem}")?;
                return Ok(EXIT_INVALID);
            }
        }
    }
    let Some(start) = parts
        .first()
        .map(|p| crate::scenario::DateTime::parse(&p.start))
    else {
        return Ok(EXIT_USAGE);
    };
    let Some(start) = start else {
        let problem = tr!(lang, "cli-merge-no-start");
        writeln!(
            err,
            "{}",
            tr!(
                lang,
                "cli-merge-not-a-part",
                file = args.parts[0].display().to_string(),
                problem = problem
            )
        )?;
        return Ok(EXIT_INVALID);
    };
    let file = |n: usize| args.parts[n].display().to_string();
    let problem = match crate::sweep::merge(parts) {
        Ok(result) => {
            let outputs = SweepOutputs {
                json: args.out,
                csv: args.csv,
                daily: args.daily,
            };
            outputs.write(&result, start, lang, out)?;
            return Ok(EXIT_OK);
        }
        Err(crate::sweep::MergeError::NotAPart(n)) => {
            let problem = tr!(lang, "cli-merge-format", format = crate::sweep::PART_FORMAT);
            tr!(
                lang,
                "cli-merge-not-a-part",
                file = file(n),
                problem = problem
            )
        }
        Err(crate::sweep::MergeError::OtherSweep(n)) => {
            tr!(
                lang,
                "cli-merge-other-sweep",
                file = file(n),
                first = file(0)
            )
        }
        Err(crate::sweep::MergeError::Repeated(n)) => {
            tr!(lang, "cli-merge-repeated", file = file(n))
        }
        Err(crate::sweep::MergeError::Missing(shards)) => {
            let shards: Vec<String> = shards.iter().map(u32::to_string).collect();
            tr!(lang, "cli-merge-missing", shards = shards.join(", "))
        }
    };
    writeln!(err, "{problem}")?;
    Ok(EXIT_INVALID)
}

struct ContrastsOptions {
    scenario: String,
    commands: PathBuf,
    runs: u32,
    seed: u64,
    threads: Option<usize>,
    write: Option<PathBuf>,
    lang: Option<Language>,
}

fn contrasts(o: ContrastsOptions, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    use crate::contrasts::{Contrast, Scores};
    let (scenario, lang, targeted) =
        match scenario_and_commands(&o.scenario, Some(&o.commands), o.lang, err)? {
            Ok(loaded) => loaded,
            Err(code) => return Ok(code),
        };
    if o.runs == 0 {
        writeln!(err, "{}", tr!(lang, "cli-runs-at-least-one"))?;
        return Ok(EXIT_USAGE);
    }
    let threads = o
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let scenario = std::sync::Arc::new(scenario);
    if let Some(folder) = &o.write {
        std::fs::create_dir_all(folder)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", folder.display())))?;
    }
    let mut scores = Vec::new();
    let mut closers = Vec::new();
    for contrast in Contrast::ALL {
        let commands = crate::contrasts::commands_of(&scenario, &targeted, contrast);
        if contrast == Contrast::OverReaction {
            closers = crate::contrasts::closers(&commands);
        }
        if let Some(folder) = &o.write
            && matches!(
                contrast,
                Contrast::OverReaction | Contrast::Paperwork | Contrast::Late
            )
        {
            let name = format!("{}-{}.txt", scenario.meta.id.as_str(), contrast.file_name());
            let header = tr!(
                lang,
                "contrast-file-header",
                contrast = contrast_words(lang, &scenario, contrast),
                scenario = o.scenario.as_str(),
                targeted = o.commands.display().to_string()
            );
            let text = crate::contrasts::commands_text(&header, &commands);
            crate::files::write(&folder.join(name), text)?;
        }
        let result = crate::sweep::sweep(
            scenario.clone(),
            &commands,
            crate::sweep::Sides {
                plan: None,
                auto_red: false,
            },
            o.runs,
            o.seed,
            threads,
            &|_| {},
        );
        scores.push((contrast, Scores::of(&scenario, &result)));
    }
    write!(out, "{}", contrasts_table(&scenario, lang, &scores))?;
    let checks = crate::contrasts::checks(&scores, &closers);
    let mut all_met = true;
    for check in &checks {
        all_met &= check.met;
        let who = check.who.as_deref().map_or_else(
            || tr!(lang, "contrast-overall"),
            |t| scenario.team(t).map_or(t.to_string(), |t| t.name.clone()),
        );
        let verdict = if check.met {
            tr!(lang, "contrast-met")
        } else {
            tr!(lang, "contrast-not-met")
        };
        use crate::contrasts::Criterion;
        let criterion = match check.criterion {
            Criterion::Targeted => tr!(lang, "contrast-check-targeted", who = who),
            Criterion::OverReaction => tr!(lang, "contrast-check-over-reaction", who = who),
            Criterion::Paperwork => tr!(lang, "contrast-check-paperwork", who = who),
            Criterion::Late => tr!(lang, "contrast-check-late", who = who),
        };
        writeln!(
            out,
            "{}  {criterion}",
            crate::sweep::pad_to(&verdict, 8, false)
        )?;
    }
    Ok(if all_met { EXIT_OK } else { 1 })
}

fn contrast_words(
    lang: Language,
    scenario: &Scenario,
    contrast: crate::contrasts::Contrast,
) -> String {
    use crate::contrasts::Contrast;
    match contrast {
        Contrast::NoAction => tr!(lang, "contrast-no-action"),
        Contrast::Targeted => tr!(lang, "contrast-targeted"),
        Contrast::OverReaction => tr!(lang, "contrast-over-reaction"),
        Contrast::Paperwork => tr!(lang, "contrast-paperwork"),
        Contrast::Late => tr!(
            lang,
            "contrast-late",
            delay = crate::i18n::duration(lang, crate::contrasts::late_by(scenario))
        ),
    }
}

/// One row per response: median overall score, each team's, infections and cost.
fn contrasts_table(
    scenario: &Scenario,
    lang: Language,
    scores: &[(crate::contrasts::Contrast, crate::contrasts::Scores)],
) -> String {
    let teams: Vec<&str> = scores
        .iter()
        .flat_map(|(_, s)| s.teams.iter().map(|(t, _)| t.as_str()))
        .fold(Vec::new(), |mut seen, t| {
            if !seen.contains(&t) {
                seen.push(t);
            }
            seen
        });
    let percent = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.0}%"));
    let mut header = vec![
        tr!(lang, "contrast-response"),
        tr!(lang, "contrast-overall"),
    ];
    header.extend(
        teams
            .iter()
            .map(|t| scenario.team(t).map_or(t.to_string(), |t| t.name.clone())),
    );
    header.push(tr!(lang, "contrast-infections"));
    header.push(tr!(lang, "contrast-cost"));
    let mut rows = vec![header];
    for (contrast, s) in scores {
        let mut row = vec![
            contrast_words(lang, scenario, *contrast),
            percent(s.overall),
        ];
        row.extend(
            teams
                .iter()
                .map(|t| percent(s.teams.iter().find(|(id, _)| id == t).and_then(|(_, v)| *v))),
        );
        row.push(
            s.infections
                .map_or("–".into(), |v| crate::i18n::count(lang, v)),
        );
        row.push(s.cost.map_or("–".into(), |v| crate::i18n::yuan(lang, v)));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| {
            rows.iter()
                .map(|r| crate::sweep::display_width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| crate::sweep::pad_to(cell, *width, false))
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// Counts finished runs as a bar on a terminal; logs and pipes get the result alone.
fn progress_bar(runs: u32) -> impl Fn(usize) + Sync {
    let terminal = std::io::stderr().is_terminal();
    move |done: usize| {
        if terminal && (done.is_multiple_of(10) || done == runs as usize) {
            let width = 40;
            let filled = done * width / runs as usize;
            eprint!(
                "\r[{}{}] {done}/{runs}",
                "#".repeat(filled),
                ".".repeat(width - filled)
            );
            if done == runs as usize {
                eprintln!();
            }
        }
    }
}

struct CompareOptions {
    scenario: String,
    observed: PathBuf,
    commands: Option<PathBuf>,
    runs: u32,
    seed: u64,
    threads: Option<usize>,
    json: bool,
    html: Option<PathBuf>,
    lang: Option<Language>,
}

fn compare(o: CompareOptions, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let (scenario, lang, commands) =
        match scenario_and_commands(&o.scenario, o.commands.as_deref(), o.lang, err)? {
            Ok(loaded) => loaded,
            Err(code) => return Ok(code),
        };
    if o.runs == 0 {
        writeln!(err, "{}", tr!(lang, "cli-runs-at-least-one"))?;
        return Ok(EXIT_USAGE);
    }
    let scenario = std::sync::Arc::new(scenario);
    let text = match scenario::read_text(&o.observed) {
        Ok(text) => text,
        Err(report) => return fail_with(&report, lang, err),
    };
    let file_name = o.observed.display().to_string();
    let observations = match crate::compare::read_observed(&text, &file_name, &scenario) {
        Ok(observations) => observations,
        Err(report) => return fail_with(&report, lang, err),
    };
    let threads = o
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let comparison = crate::compare::compare(
        scenario,
        &commands,
        &observations,
        crate::sweep::Runs {
            count: o.runs,
            first_seed: o.seed,
            threads,
            until: 0,
        },
        &progress_bar(o.runs),
    );
    if let Some(path) = &o.html {
        crate::files::write(path, crate::compare::html(&comparison, lang))?;
    }
    if o.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&comparison).map_err(std::io::Error::other)?
        )?;
    } else {
        write!(out, "{}", crate::compare::table(&comparison, lang))?;
    }
    Ok(EXIT_OK)
}

/// Peak resident memory of this process, in MiB (Linux), to report memory with timings.
/// A memory figure of this process from /proc (Linux): `VmHWM` peak, `VmRSS` now.
fn process_memory_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn bench_scale(out: &mut dyn Write) -> std::io::Result<u8> {
    use std::time::Instant;
    // Resident before any scenario: mostly the program's own code (with the GUI built in,
    // Bevy's), which the runs do not add to.
    let resident_before = process_memory_mib("VmRSS:");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    writeln!(
        out,
        "Generated grid cities, 14 days, one run each, no commands ({cores} cores available, one used)"
    )?;
    writeln!(
        out,
        "{:>9} {:>12} {:>7} {:>12} {:>12} {:>12}",
        "districts", "people", "units", "load (ms)", "run (ms)", "infections"
    )?;
    for (districts, people, units) in [
        (100, 1_000_000, 250),
        (500, 5_000_000, 1000),
        (2000, 20_000_000, 1000),
        (2000, 20_000_000, 5000),
    ] {
        let text = crate::scale::scale_scenario(districts, people, units);
        let start = Instant::now();
        let (scenario, report) = scenario::check("scale.ron", &text);
        let load_ms = start.elapsed().as_secs_f64() * 1000.0;
        let Some(scenario) = scenario else {
            write!(out, "{}", report.render_short())?;
            return Ok(EXIT_INVALID);
        };
        let scenario = std::sync::Arc::new(scenario);
        let start = Instant::now();
        let mut exercise = crate::sim::Exercise::new(scenario, 1, crate::sim::Mode::Stochastic);
        exercise.advance(14 * 24 * 60);
        let run_ms = start.elapsed().as_secs_f64() * 1000.0;
        let infections: f64 = exercise.districts().iter().map(|d| d.infections).sum();
        writeln!(
            out,
            "{districts:>9} {people:>12} {units:>7} {load_ms:>12.1} {run_ms:>12.1} {infections:>12.0}"
        )?;
    }
    if let (Some(peak), Some(before)) = (process_memory_mib("VmHWM:"), resident_before) {
        writeln!(
            out,
            "peak memory of this process: {peak:.1} MiB ({before:.1} MiB resident before the \
             first scenario, so {:.1} MiB for scenarios and runs)",
            peak - before
        )?;
    }
    Ok(EXIT_OK)
}

/// Checks a plan file, against the scenario it names when that scenario loads.
fn check_plan(path: &Path, text: &str) -> Report {
    let name = path.display().to_string();
    let (plan, mut report) = crate::plan::check(&name, text, None);
    let Some(scenario_name) = plan.and_then(|p| p.scenario) else {
        return report;
    };
    match load_scenario(Some(&scenario_name)) {
        Ok((scenario, _)) => crate::plan::check(&name, text, Some(&scenario)).1,
        Err(_) => {
            let note = crate::msg!("plan-scenario-not-loaded", scenario = &scenario_name);
            report
                .diagnostics
                .push(crate::diagnostic::Diagnostic::warning(
                    Default::default(),
                    note,
                ));
            report
        }
    }
}
