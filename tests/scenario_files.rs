//! Scenario files as users write them: the library validates, every broken file gets its
//! located message and a non-zero exit, and no input makes the validator panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use muster::diagnostic::{Severity, line_col};
use muster::library;
use muster::scenario::{self, Scenario};
use proptest::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ron_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .unwrap_or_else(|e| panic!("cannot list {folder}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn muster(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        // English unless a test asks otherwise, whatever the machine's locale.
        .env("LC_ALL", "C")
        .output()
        .expect("run muster");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_library_scenario_is_valid_clean_and_bundled() {
    let files = ron_files("scenarios");
    assert!(
        files.len() >= 4,
        "the library has the flagship (en, zh), the tutorial and a contrast"
    );
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = read(path);
        // The full check: every target must also tell a response from doing nothing.
        let (scenario, report) = muster::scoring::targets::check(name, &text);
        assert!(
            scenario.is_some() && report.diagnostics.is_empty(),
            "{name}:\n{}",
            report.render_short()
        );
        let bundled =
            library::find(name).unwrap_or_else(|| panic!("{name} is not in library::BUNDLED"));
        assert_eq!(
            bundled.text, text,
            "{name}: the bundled copy differs from the file"
        );
    }
    for bundled in library::BUNDLED {
        assert!(
            root().join("scenarios").join(bundled.file).exists(),
            "{} is bundled but not in scenarios/",
            bundled.file
        );
    }
    let (default, _) = library::default_scenario().expect("the default scenario loads");
    assert_eq!(default.meta.id.as_str(), "port-city-outbreak");
}

/// The `// expect: SEVERITY LINE:COL: MESSAGE` lines at the top of a test file.
fn expectations(text: &str) -> Vec<(Severity, usize, usize, String)> {
    text.lines()
        .filter_map(|line| line.strip_prefix("// expect: "))
        .map(|rest| {
            let (severity, rest) = rest.split_once(' ').expect("severity");
            let (location, message) = rest.split_once(": ").expect("location: message");
            let (line, column) = location.split_once(':').expect("line:col");
            let severity = if severity == "error" {
                Severity::Error
            } else {
                Severity::Warning
            };
            (
                severity,
                line.parse().unwrap(),
                column.parse().unwrap(),
                message.to_string(),
            )
        })
        .collect()
}

fn check_expectations(folder: &str) -> usize {
    let files = ron_files(folder);
    for path in &files {
        let text = read(path);
        let expected = expectations(&text);
        assert!(
            !expected.is_empty(),
            "{} has no `// expect:` line",
            path.display()
        );
        let (scenario, report) = scenario::check(&path.display().to_string(), &text);
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.severity,
                    line_col(&text, d.span.start),
                    d.message.to_string(),
                )
            })
            .collect();
        for (severity, line, column, message) in &expected {
            assert!(
                found.iter().any(|(s, at, m)| s == severity
                    && at.line == *line
                    && at.column == *column
                    && m.contains(message.as_str())),
                "{}: expected {severity:?} at {line}:{column} containing {message:?}, found:\n{}",
                path.display(),
                report.render_short()
            );
        }
        // No other error: one defect must not produce a cascade of messages.
        let expected_errors = expected.iter().filter(|e| e.0 == Severity::Error).count();
        assert_eq!(
            report.error_count(),
            expected_errors,
            "{}:\n{}",
            path.display(),
            report.render_short()
        );
        assert_eq!(
            scenario.is_some(),
            expected_errors == 0,
            "{}",
            path.display()
        );
    }
    files.len()
}

#[test]
fn each_broken_file_reports_its_problem_at_its_place() {
    assert!(check_expectations("tests/scenarios/broken") >= 50);
}

#[test]
fn each_warning_file_warns_at_its_place_and_stays_valid() {
    assert!(check_expectations("tests/scenarios/warnings") >= 10);
}

#[test]
fn the_base_of_the_broken_files_is_valid() {
    let text = read(&root().join("tests/scenarios/base.ron"));
    let (scenario, report) = scenario::check("base.ron", &text);
    assert!(
        scenario.is_some() && report.diagnostics.is_empty(),
        "{}",
        report.render_short()
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let text = read(&root().join("tests/scenarios/base.ron"))
        .replace("population: 1000", "population: -1")
        .replace("kind: Hospital", "kind: Hospitl")
        .replace("within: \"2h\"", "within: \"soon\"")
        .replace("to: [\"green\"]", "to: [\"gren\"]")
        .replace("target: 0.8", "target: 80.0")
        .replace("speed_kmh: 30.0", "speed_kmh: 30.0, colour: \"red\"");
    let (scenario, report) = scenario::check("many.ron", &text);
    assert!(scenario.is_none());
    let lines: std::collections::BTreeSet<usize> = report
        .diagnostics
        .iter()
        .map(|d| line_col(&text, d.span.start).line)
        .collect();
    assert!(
        report.error_count() >= 6 && lines.len() >= 5,
        "{}",
        report.render_short()
    );
}

#[test]
fn validate_command_exit_codes_and_located_output() {
    let mut args = vec!["validate"];
    let library: Vec<String> = ron_files("scenarios")
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    args.extend(library.iter().map(String::as_str));
    let (code, out, _) = muster(&args);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("4 valid") || out.contains(&format!("{} valid", library.len())),
        "{out}"
    );

    for path in ron_files("tests/scenarios/broken") {
        let text = read(&path);
        let (_, line, column, message) = expectations(&text).remove(0);
        let relative = path.strip_prefix(root()).unwrap().display().to_string();
        let (code, out, _) = muster(&["validate", "--format", "short", &relative]);
        assert_eq!(code, 1, "{relative}: {out}");
        assert!(
            out.contains(&format!("{relative}:{line}:{column}: error: ")) && out.contains(&message),
            "{relative}: {out}"
        );
    }

    let warning = "tests/scenarios/warnings/huge-r0.ron";
    assert_eq!(muster(&["validate", warning]).0, 0);
    assert_eq!(muster(&["validate", "--deny-warnings", warning]).0, 1);

    let (code, out, _) = muster(&["validate", "no/such/file.ron"]);
    assert_eq!(code, 1);
    assert!(out.contains("cannot read no/such/file.ron"), "{out}");

    let (code, out, _) = muster(&[
        "validate",
        "--format",
        "json",
        "tests/scenarios/broken/unknown-district.ron",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json output");
    assert_eq!(json[0]["line"], 17);
    assert_eq!(json[0]["severity"], "error");

    // A wrong command line is a usage error, not a crash.
    assert_eq!(muster(&["validate"]).0, 2);
    assert_eq!(muster(&["frobnicate"]).0, 2);
}

/// A file saved by Windows Notepad (a byte-order mark, CRLF line ends) reads like any other,
/// and its problems are located on the lines the editor shows.
#[test]
fn windows_files_read_normally() {
    let dir = std::env::temp_dir().join(format!("muster-windows-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let windows = |text: &str| format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    let base = dir.join("base.ron");
    std::fs::write(
        &base,
        windows(&read(&root().join("tests/scenarios/base.ron"))),
    )
    .unwrap();
    let (code, out, _) = muster(&["validate", base.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");
    let (loaded, _) = scenario::load_file(&base).expect("valid");
    assert!(!loaded.injects[0].message.to_string().contains('\r'));

    let broken = root().join("tests/scenarios/broken/unknown-district.ron");
    let text = read(&broken);
    let (_, line, column, _) = expectations(&text).remove(0);
    let path = dir.join("unknown-district.ron");
    std::fs::write(&path, windows(&text)).unwrap();
    let (code, out, _) = muster(&["validate", "--format", "short", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains(&format!(":{line}:{column}: error: ")), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

/// An agency the control cell plays is no team's, and the validator does not warn about it.
#[test]
fn agencies_the_control_cell_plays_need_no_team() {
    let text = read(&root().join("tests/scenarios/base.ron")).replace(
        r#"(id: "police", name: "Police", kind: Police, reports_to: "health"),"#,
        r#"(id: "police", name: "Police", kind: Police, reports_to: "health"),
        (id: "province", name: "Province", kind: Neighbour, simulated: true),"#,
    );
    let (scenario, report) = scenario::check("sim-cell.ron", &text);
    assert!(scenario.is_some());
    assert!(report.diagnostics.is_empty(), "{}", report.render_short());
}

/// A commands file naming what the scenario does not define is reported where, with "did you
/// mean", and nothing runs; a command refused while the run goes on is reported with its line.
#[test]
fn run_checks_a_commands_file_against_its_scenario() {
    let dir = std::env::temp_dir().join(format!("muster-commands-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("typo.txt");
    std::fs::write(
        &file,
        "# a typo\n30 Dispatch(team: \"health-team\", unit: \"tracers-1\", to: \"riversid\")\n",
    )
    .unwrap();
    let (code, _, err) = muster(&[
        "run",
        "tutorial.en.ron",
        "--commands",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(":2:"), "{err}");
    assert!(
        err.contains("there is no district or facility `riversid`"),
        "{err}"
    );
    assert!(err.contains("did you mean `riverside`?"), "{err}");
    assert!(err.contains("nothing was run"), "{err}");

    // Refused at run time: journaled as refused, counted alike by `run` and `report`.
    std::fs::write(
        &file,
        "30 Dispatch(team: \"health-team\", unit: \"tracers-1\", to: \"riverside\")\n31 Dispatch(team: \"health-team\", unit: \"tracers-1\", to: \"harbour\")\n",
    )
    .unwrap();
    let journal = dir.join("run.journal");
    let (code, out, err) = muster(&[
        "run",
        "tutorial.en.ron",
        "--commands",
        file.to_str().unwrap(),
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("line 2: at 31m the command was refused"),
        "{err}"
    );
    assert!(out.contains("refused 1"), "{out}");
    let text = read(&journal);
    assert!(
        text.contains("31 Refused(\"unit `tracers-1` is busy"),
        "{text}"
    );
    let (code, out, err) = muster(&[
        "report",
        journal.to_str().unwrap(),
        "--out",
        dir.join("report").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("refused 1"), "{out}");
    assert!(!err.contains("does not match"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// A script must be able to trust the exit code: every file a command cannot write is an error
/// (exit 3) that names the file; only a closed pipe is quiet.
#[test]
fn a_failed_write_exits_non_zero_and_names_the_file() {
    let dir = std::env::temp_dir().join(format!("muster-writes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let journal = dir.join("run.journal");
    let journal = journal.to_str().unwrap();
    let commands = "scenarios/commands/tutorial-good-response.txt";
    // `/dev/full` takes no byte; `/dev/null/…` is no folder.
    for args in [
        &["run", "tutorial.en.ron", "--out", "/dev/full"][..],
        &["run", "tutorial.en.ron", "--csv", "/dev/full"],
        &["run", "tutorial.en.ron", "--journal", "/dev/full"],
        &["run", "tutorial.en.ron", "--report", "/dev/null/report"],
        &[
            "sweep",
            "tutorial.en.ron",
            "--runs",
            "2",
            "--out",
            "/dev/full",
        ],
        &[
            "sweep",
            "tutorial.en.ron",
            "--runs",
            "2",
            "--csv",
            "/dev/full",
        ],
        &["summary", "tutorial.en.ron"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_muster"))
            .args(args)
            .current_dir(root())
            .stdout(if args[0] == "summary" {
                std::fs::File::create("/dev/full").unwrap().into()
            } else {
                std::process::Stdio::null()
            })
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{args:?}: {err}");
        let named = if args[0] == "summary" {
            "cannot write to standard output"
        } else {
            args.last().unwrap()
        };
        assert!(err.contains(named), "{args:?}: {err}");
    }
    let (code, _, err) = muster(&[
        "run",
        "scenarios/tutorial.en.ron",
        "--commands",
        commands,
        "--journal",
        journal,
    ]);
    assert_eq!(code, 0, "{err}");
    for args in [
        &["replay", journal, "--out", "/dev/full"][..],
        &["replay", journal, "--csv", "/dev/full"],
        &["report", journal, "--out", "/dev/null/report"],
    ] {
        let (code, _, err) = muster(args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(err.contains(args.last().unwrap()), "{args:?}: {err}");
    }

    // The journal fills up in the middle of the run: a file-size limit of one block, with the
    // signal that would kill the process ignored, so the write fails as on a full disk.
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; trap '' XFSZ; exec '{}' run tutorial.en.ron --commands {commands} --journal '{journal}'",
            env!("CARGO_BIN_EXE_muster")
        ))
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&format!("cannot write the journal {journal}")),
        "{err}"
    );
    // What was written before is kept and reads back, up to the line cut short.
    let (code, out, err) = muster(&["replay", journal]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the journal is damaged: recovered"), "{err}");
    assert!(out.contains("commands applied"), "{out}");

    // A closed pipe is not an error: megabytes of JSON into a reader that stops after 10 bytes.
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' run port-city-outbreak --out /dev/stdout | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
            env!("CARGO_BIN_EXE_muster")
        ))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "0");
    let _ = std::fs::remove_dir_all(dir);
}

/// A build without the app says so, and exits as for a wrong command line.
#[cfg(not(feature = "gui"))]
#[test]
fn a_build_without_the_app_says_so() {
    let (code, _, err) = muster(&["gui", "tutorial.en.ron"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("this build has no GUI"), "{err}");
}

/// A command timed after the exercise's end is never applied: `run` says so where it is
/// written, and runs the rest.
#[test]
fn a_command_after_the_end_is_pointed_out() {
    let dir = std::env::temp_dir().join(format!("muster-late-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("late.txt");
    std::fs::write(
        &file,
        "5 Activate(team: \"health-team\")\n2d Activate(team: \"police-team\")\n",
    )
    .unwrap();
    let (code, out, err) = muster(&[
        "run",
        "tutorial.en.ron",
        "--commands",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("late.txt:2:4"), "{err}");
    assert!(err.contains("after the exercise ends"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// `contrasts` sets the responses side by side, writes the derived ones as commands files that
/// play, and says by its exit code whether the rubric holds: the tutorial's response holds it
/// (late by a quarter of its hour), paperwork passed off as the response does not.
#[test]
fn contrasts_set_the_responses_side_by_side() {
    let dir = std::env::temp_dir().join(format!("muster-contrasts-{}", std::process::id()));
    let (code, out, err) = muster(&[
        "contrasts",
        "tutorial.en.ron",
        "--commands",
        "scenarios/commands/tutorial-good-response.txt",
        "--runs",
        "4",
        "--write",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    for row in [
        "no action",
        "targeted response",
        "every district closed",
        "paperwork only",
        "15m late",
    ] {
        assert!(out.contains(row), "{row}: {out}");
    }
    assert!(!out.contains("NOT MET"), "{out}");
    let (code, out, err) = muster(&[
        "contrasts",
        "tutorial.en.ron",
        "--commands",
        "scenarios/commands/tutorial-paperwork.txt",
        "--runs",
        "4",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("NOT MET   the targeted response scores at least 70%"),
        "{out}"
    );
    for contrast in ["over-reaction", "paperwork", "late-response"] {
        let file = dir.join(format!("tutorial-{contrast}.txt"));
        let (code, _, err) = muster(&[
            "run",
            "tutorial.en.ron",
            "--commands",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{contrast}: {err}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// A journal names its scenario file from its own folder: reports and replays work from any
/// working directory.
#[test]
fn a_journal_finds_its_scenario_from_anywhere() {
    let dir = std::env::temp_dir().join(format!("muster-anywhere-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let journal = dir.join("run.journal");
    let (code, _, err) = muster(&[
        "run",
        "scenarios/tutorial.en.ron",
        "--commands",
        "scenarios/commands/tutorial-good-response.txt",
        "--journal",
        journal.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let header = read(&journal);
    assert!(
        !header.contains("\nscenario scenarios/tutorial.en.ron"),
        "the path is relative to the journal, not to where the run started: {header}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(["report", "../run.journal", "--out", "report"])
        .current_dir(dir.join("elsewhere"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("changed since"), "{err}");
    assert!(dir.join("elsewhere/report/report.html").is_file());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn main_command_briefs_the_default_scenario() {
    // Without a display the bare command briefs and runs the flagship headless.
    let output = Command::new(env!("CARGO_BIN_EXE_muster"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let (code, out, err) = (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("One ship, two flights") && out.contains("MSEL: 18 scheduled, 7 conditional"),
        "{out}"
    );
    let (code, out, _) = muster(&["summary", "port-city-outbreak.zh"]);
    assert_eq!(code, 0);
    assert!(out.contains("一船两机") && out.contains("津海市"), "{out}");
    let (code, _, err) = muster(&["summary", "nonexistent"]);
    assert_eq!(code, 2);
    assert!(err.contains("no scenario file `nonexistent`"), "{err}");
    let (code, out, _) = muster(&["scenarios"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("tutorial.en.ron") && out.contains("(default)"),
        "{out}"
    );
}

/// Blanks the translated texts, leaving ids, numbers and structure.
fn structure(scenario: &Scenario) -> serde_json::Value {
    const TEXT: &[&str] = &[
        "title",
        "name",
        "description",
        "message",
        "text",
        "note",
        "capability",
        "topic",
        // A red rumour's channel is its words ("microblog", "微博").
        "channel",
        "from",
        "author",
        "references",
        "unit",
        "reason",
        "question",
        "label",
    ];
    fn blank(value: &mut serde_json::Value, key: Option<&str>) {
        match value {
            serde_json::Value::Object(map) => map.iter_mut().for_each(|(k, v)| blank(v, Some(k))),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| blank(v, key)),
            serde_json::Value::String(s) if key.is_some_and(|k| TEXT.contains(&k)) => s.clear(),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(scenario).unwrap();
    value["meta"]["id"] = "".into();
    value["meta"]["language"] = "".into();
    blank(&mut value, None);
    value
}

#[test]
fn english_and_chinese_flagships_are_the_same_exercise() {
    let (en, _) = library::find("port-city-outbreak.en.ron")
        .unwrap()
        .load()
        .unwrap();
    let (zh, _) = library::find("port-city-outbreak.zh.ron")
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(structure(&en), structure(&zh));
    assert_ne!(en.meta.title, zh.meta.title);
}

#[test]
fn scenarios_written_by_ron_read_back_identically() {
    for bundled in library::BUNDLED {
        let (original, _) = bundled.load().unwrap();
        let written =
            ron::ser::to_string_pretty(&original, ron::ser::PrettyConfig::default()).unwrap();
        let (read_back, report) = scenario::check("written.ron", &written);
        assert_eq!(
            read_back.as_ref(),
            Some(&original),
            "{}:\n{}",
            bundled.file,
            report.render_short()
        );
    }
}

/// Every diagnostic must point inside the text, and a file without errors must give a scenario.
fn check_never_panics(text: &str) {
    let (scenario, report) = scenario::check("fuzz.ron", text);
    for d in &report.diagnostics {
        assert!(
            d.span.start <= text.len() && d.span.end <= text.len() + 4,
            "span {:?} outside a text of {}",
            d.span,
            text.len()
        );
        line_col(text, d.span.start);
    }
    assert_eq!(scenario.is_some(), !report.has_errors());
    report.render_rich(false);
}

#[test]
fn every_truncation_of_a_scenario_is_reported_without_panic() {
    let text = library::find("tutorial.en.ron").unwrap().text;
    for (cut, _) in text.char_indices().step_by(3) {
        check_never_panics(&text[..cut]);
    }
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "r#\"",
    "/*",
    "*/",
    "//",
    "\n",
    "-",
    "1e999",
    "0x",
    "Some(",
    "None",
    "99999999999999999999",
    "-1",
    "1.5",
    "NaN",
    "inf",
    "\"\"",
    "\"D2 09:30\"",
    "\"25h\"",
    "At(",
    "When(",
    "天津",
    "\\u{",
    "#![",
    "_",
    "id:",
];

fn mutation() -> impl Strategy<Value = (usize, usize, String)> {
    (
        any::<usize>(),
        0usize..40,
        prop_oneof![
            prop::sample::select(TOKENS).prop_map(str::to_string),
            any::<String>()
        ],
    )
}

fn mutate(base: &str, edits: &[(usize, usize, String)]) -> String {
    let mut text = base.to_string();
    for (at, remove, insert) in edits {
        let mut start = at % (text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + remove).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(start..end, insert);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios_never_panic(edits in prop::collection::vec(mutation(), 1..6), pick in 0usize..3) {
        let base = [
            library::find("tutorial.en.ron").unwrap().text,
            library::find("port-city-outbreak.zh.ron").unwrap().text,
            include_str!("scenarios/base.ron"),
        ][pick];
        check_never_panics(&mutate(base, &edits));
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_never_panics(&text);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..60)) {
        check_never_panics(&tokens.concat());
    }
}

/// The command line speaks the language asked for (`--lang`), else the scenario's, else the
/// system's; the scenario's own text stays as written.
#[test]
fn a_broken_chinese_scenario_is_explained_in_chinese_with_its_line_and_column() {
    let text = std::fs::read_to_string(root().join("scenarios/port-city-outbreak.zh.ron")).unwrap();
    let dir = std::env::temp_dir().join(format!("muster-broken-zh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let unit = r#"base: "cdc-base", count: 12),"#;
    assert!(text.contains(unit));
    // A misspelt base (a reference the validator checks) and a missing comma (the reader's
    // syntax), each in a file that declares `language: Zh`; the machine speaks English.
    let misspelt = dir.join("misspelt.ron");
    std::fs::write(
        &misspelt,
        text.replace(unit, r#"base: "cdc-bas", count: 12),"#),
    )
    .unwrap();
    let comma = dir.join("comma.ron");
    std::fs::write(
        &comma,
        text.replace(unit, r#"base: "cdc-base", count: 12)"#),
    )
    .unwrap();
    let line = text[..text.find(unit).unwrap()].lines().count();
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"cdc-base\"")
        .unwrap()
        + 1;
    let files = [misspelt.to_str().unwrap(), comma.to_str().unwrap()];
    let (code, out, _) = muster(&["validate", "--format", "short", files[0], files[1]]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "misspelt.ron:{line}:{column}: 错误: 队伍 `epi`：没有区域或设施 `cdc-bas`（提示：是否应为 `cdc-base`？）"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "comma.ron:{}:9: 错误: 此处应为 `,` 或 `]`，实为`(`（提示：各项之间用逗号分隔；上一行是否漏了逗号？）",
            line + 1
        )),
        "{out}"
    );
    // The compiler-like form too, its severity included; `--lang en` wins over the file.
    let (_, out, _) = muster(&["validate", files[1]]);
    assert!(out.starts_with("错误: 此处应为"), "{out}");
    assert!(out.contains(&format!("comma.ron:{}:9", line + 1)), "{out}");
    let (_, out, _) = muster(&["validate", "--lang", "en", "--format", "short", files[0]]);
    assert!(
        out.contains("error: unit `epi`: there is no district or facility `cdc-bas` (help: did you mean `cdc-base`?)"),
        "{out}"
    );
    // A command that loads the broken scenario explains it the same way.
    let (code, _, err) = muster(&["run", files[0]]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("没有区域或设施 `cdc-bas`"), "{err}");
    // A value of the wrong kind and a field that does not exist: the reader's types and
    // field lists are named in Chinese too.
    let typed = dir.join("typed.ron");
    std::fs::write(&typed, text.replace(unit, r#"base: 12, cuont: 12),"#)).unwrap();
    let (code, out, _) = muster(&["validate", "--format", "short", typed.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    for expected in [
        format!(
            "typed.ron:{line}:{column}: 错误: `base`：应为带引号的标识，如 \"district-1\"，实为整数"
        ),
        format!(
            "typed.ron:{line}:{}: 错误: 队伍 `epi` 没有字段 `cuont`（提示：队伍的字段有：id、resource、agency、base、count、name、people）",
            column + 4
        ),
    ] {
        assert!(out.contains(&expected), "{expected}\n{out}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_command_line_speaks_the_language_asked_for() {
    let (code, out, _) = muster(&["summary", "port-city-outbreak.zh"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("推演目标（") && out.contains("小组（"),
        "{out}"
    );
    let (_, out, _) = muster(&["summary", "port-city-outbreak.zh", "--lang", "en"]);
    assert!(
        out.contains("Objectives (") && out.contains("一船两机"),
        "{out}"
    );
    let (_, out, _) = muster(&["summary", "tutorial.en", "--lang", "zh"]);
    assert!(out.contains("推演目标（"), "{out}");
    // A wrong command line too: what was wrong, the likely fix and the usage, in Chinese.
    let (code, _, err) = muster(&["sweep", "tutorial.en", "--seeds", "2", "--lang", "zh"]);
    assert_eq!(code, 2, "{err}");
    for words in [
        "错误：无法识别的参数 `--seeds`",
        "提示：是否应为 `--seed`？",
        "用法：muster sweep",
        "更多信息请使用 `--help`。",
    ] {
        assert!(err.contains(words), "{words}\n{err}");
    }
    let (code, _, err) = muster(&["swep", "--lang", "zh"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("无法识别的命令 `swep`") && err.contains("`sweep`"),
        "{err}"
    );
    let (code, out, err) = muster(&["run", "tutorial.en", "--until", "2h", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("感染") && out.contains("得分："), "{out}");
    // No language asked for and none in the files: the system's locale.
    let output = Command::new(env!("CARGO_BIN_EXE_muster"))
        .arg("scenarios")
        .current_dir(root())
        .env("LC_ALL", "")
        .env("LC_MESSAGES", "")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("（默认）"), "{out}");
    // --help too, in the language asked for or the system's.
    let (code, out, _) = muster(&["run", "--help", "--lang", "zh"]);
    assert_eq!(code, 0);
    assert!(out.contains("用法：") && out.contains("随机种子"), "{out}");
    let (_, out, _) = muster(&["run", "--help"]);
    assert!(
        out.contains("Usage: ") && out.contains("Random seed"),
        "{out}"
    );
    let (code, _, err) = muster(&["summary", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`fr` is not a language of Muster: en or zh"),
        "{err}"
    );
}
