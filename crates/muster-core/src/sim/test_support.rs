//! A small scenario for the mechanics' unit tests, with fields a test can change:
//! `small(mode, "hospital.beds: 10\npathogen.r0: 1.5")` sets `beds` of the record named
//! `hospital` and `r0` of the pathogen; `scenario.FIELD` sets a top-level section;
//! `extra.facilities: (id: "school", ...)` adds items to a list (facilities, agencies, teams,
//! units).

use std::sync::Arc;

use super::{Command, Exercise, Mode};
use crate::scenario::Scenario;

/// (record, default fields) in the order the template uses them.
const RECORDS: &[(&str, &str)] = &[
    (
        "meta",
        r#"id: "small", title: "Small", start: "2026-01-01T08:00", duration: "14d", time_step: "6h", seed: 1"#,
    ),
    (
        "city",
        r#"name: "Small", mobility: Flows([(from: "north", to: "south", share: 0.1), (from: "south", to: "north", share: 0.1)])"#,
    ),
    (
        "north",
        r#"id: "north", name: "North", population: 100000, position: (0.0, 0.0)"#,
    ),
    (
        "south",
        r#"id: "south", name: "South", population: 50000, position: (0.0, 20.0)"#,
    ),
    (
        "pathogen",
        r#"name: "Virus", r0: 2.5, latent_days: 4.0, infectious_days: 7.0"#,
    ),
    ("surveillance", ""),
    ("kits", r#"id: "kits", name: "Test kits""#),
    ("public", ""),
    (
        "hospital",
        r#"id: "hospital", name: "Hospital", kind: Hospital, district: "north", beds: 40, icu_beds: 10, operator: "health""#,
    ),
    (
        "clinic",
        r#"id: "clinic", name: "Clinic", kind: FeverClinic, district: "south", daily_capacity: 100, stock: {"kits": 1000}, operator: "health""#,
    ),
    (
        "lab",
        r#"id: "lab", name: "Laboratory", kind: TestingSite, district: "south", daily_capacity: 2000, stock: {"kits": 20000}, operator: "health""#,
    ),
    (
        "site",
        r#"id: "site", name: "Quarantine hotel", kind: QuarantineSite, district: "south", beds: 1000, operator: "health""#,
    ),
    (
        "depot",
        r#"id: "depot", name: "Depot", kind: Warehouse, district: "north", stock: {"kits": 5000}, operator: "police""#,
    ),
    ("scenario", ""),
];

const TEMPLATE: &str = r#"Scenario(
    meta: ({meta}),
    city: ({city}, districts: [({north}), ({south})]),
    pathogen: ({pathogen}),
    surveillance: ({surveillance}),
    public: ({public}),
    supplies: [({kits})],
    facilities: [({hospital}), ({clinic}), ({lab}), ({site}), ({depot}), {extra_facilities}],
    agencies: [(id: "health", name: "Health", kind: Health), (id: "police", name: "Police", kind: Police, reports_to: "health"), {extra_agencies}],
    teams: [(id: "health-team", name: "Health", agencies: ["health"]), (id: "police-team", name: "Police", agencies: ["police"]), {extra_teams}],
    resource_types: [
        (id: "tracer", name: "Tracer", role: Tracing, speed_kmh: 30.0, capacity: 40),
        (id: "tester", name: "Tester", role: Testing, speed_kmh: 30.0, capacity: 100, consumes: "kits"),
        (id: "ambulance", name: "Ambulance", role: PatientTransport, speed_kmh: 50.0, capacity: 2, shift: "2h"),
        (id: "patrol", name: "Patrol", role: Patrol, speed_kmh: 40.0, capacity: 4),
        (id: "grid", name: "Grid team", role: CommunitySupport, speed_kmh: 15.0, capacity: 200),
        (id: "truck", name: "Truck", role: Supply, speed_kmh: 40.0, capacity: 1000),
    ],
    units: [
        (id: "tracers", resource: "tracer", agency: "health", base: "north", count: 2),
        (id: "testers", resource: "tester", agency: "health", base: "lab"),
        (id: "ambulance", resource: "ambulance", agency: "health", base: "hospital"),
        (id: "patrol", resource: "patrol", agency: "police", base: "north", count: 2),
        (id: "grid", resource: "grid", agency: "health", base: "north"),
        (id: "truck", resource: "truck", agency: "police", base: "depot"),
        {extra_units}
    ],
    reporting: [(id: "cases", name: "Case report", on: CaseConfirmed, from: "health", to: "police", within: "2h")],
    {scenario}
)"#;

/// The small scenario's text with edits applied (`record.field: value`, one per line).
pub fn small_text(edits: &str) -> String {
    let mut records: Vec<(String, Vec<(String, String)>)> = RECORDS
        .iter()
        .map(|(name, fields)| (name.to_string(), split_fields(fields)))
        .collect();
    let mut extra: Vec<(String, String)> = Vec::new();
    for edit in edits_of(edits) {
        let (path, value) = edit
            .split_once(':')
            .expect("an edit is `record.field: value`");
        let (record, field) = path.trim().split_once('.').expect("record.field");
        if record == "extra" {
            extra.push((field.to_string(), value.trim().to_string()));
            continue;
        }
        let fields = &mut records
            .iter_mut()
            .find(|(name, _)| name == record)
            .unwrap_or_else(|| panic!("no record `{record}` in the small scenario"))
            .1;
        match fields.iter_mut().find(|(f, _)| f == field) {
            Some((_, v)) => *v = value.trim().to_string(),
            None => fields.push((field.to_string(), value.trim().to_string())),
        }
    }
    let mut text = TEMPLATE.to_string();
    for list in ["facilities", "agencies", "teams", "units"] {
        let items: Vec<&str> = extra
            .iter()
            .filter(|(l, _)| l == list)
            .map(|(_, v)| v.as_str())
            .collect();
        text = text.replace(&format!("{{extra_{list}}}"), &items.join(", "));
    }
    for (name, fields) in records {
        let joined: Vec<String> = fields.iter().map(|(f, v)| format!("{f}: {v}")).collect();
        let mut joined = joined.join(", ");
        if name == "scenario" && !joined.is_empty() {
            joined.push(',');
        }
        text = text.replace(&format!("{{{name}}}"), &joined);
    }
    text
}

/// The edits of a text: each starts with `record.field:` at the start of a line; the lines
/// after it that do not start another belong to its value.
fn edits_of(text: &str) -> Vec<String> {
    let starts_edit = |line: &str| {
        line.split_once(':').is_some_and(|(path, _)| {
            path.split_once('.').is_some_and(|(r, f)| {
                !r.is_empty()
                    && !f.is_empty()
                    && (r.chars().chain(f.chars())).all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        })
    };
    let mut edits: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match edits.last_mut() {
            Some(last) if !starts_edit(line) => {
                last.push(' ');
                last.push_str(line);
            }
            _ => edits.push(line.to_string()),
        }
    }
    edits
}

/// Splits `a: 1, b: (x, y), c: "t, u"` at the top-level commas.
fn split_fields(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    let bytes: Vec<char> = text.chars().collect();
    let mut push = |piece: String| {
        if let Some((f, v)) = piece.split_once(':') {
            out.push((f.trim().to_string(), v.trim().to_string()));
        }
    };
    for (n, &c) in bytes.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => depth += 1,
            ')' | ']' | '}' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                push(bytes[start..n].iter().collect());
                start = n + 1;
            }
            _ => {}
        }
    }
    push(bytes[start..].iter().collect());
    out
}

pub fn small_scenario(edits: &str) -> Arc<Scenario> {
    let text = small_text(edits);
    match crate::scenario::load_str("small.ron", &text) {
        Ok((scenario, _)) => Arc::new(scenario),
        Err(report) => panic!("{}\n{text}", report.render_short()),
    }
}

/// The small scenario, started.
pub fn small(mode: Mode, edits: &str) -> Exercise {
    Exercise::new(small_scenario(edits), 1, mode)
}

pub fn command(text: &str) -> Command {
    super::command::decode_command(text).unwrap_or_else(|d| panic!("{text}: {}", d.message))
}

pub fn bundled(file: &str) -> Arc<Scenario> {
    let (scenario, _) = crate::library::find(file)
        .expect("bundled scenario")
        .load()
        .expect("valid");
    Arc::new(scenario)
}
