//! Scenario files: the RON format facilitators write, read with every problem located.
//!
//! `check` is the one entry point: it parses (`ron_tree`), decodes (`decode`, types in `model`),
//! then validates across sections (`validate`), and returns the scenario with every
//! diagnostic found. The format is documented in `scenarios/README.md`.

pub mod decode;
pub mod model;
pub mod ron_tree;
mod shared_feed;
pub mod validate;
pub mod valuation;
pub mod values;

use std::path::Path;

pub use model::*;
pub use shared_feed::shared_feed;
pub use values::{DateTime, Fraction, Id, Minutes, Point, Positive, ScenarioTime, Spanned};

use crate::diagnostic::{Diagnostic, Report, Span};
use crate::msg;
use decode::{Decode, Decoder};

/// Reads and checks a scenario text. The scenario is returned when it has no errors (warnings
/// are allowed); the report holds every problem found either way.
pub fn check(file_name: &str, text: &str) -> (Option<Scenario>, Report) {
    let (scenario, report) = check_document(file_name, text, "Scenario", validate::validate);
    (scenario.map(with_proportion_objective), report)
}

/// Id of the objective added to score proportion.
pub const PROPORTION_OBJECTIVE: &str = "measures-in-proportion";
/// Share of the whole exercise's KPI weight the added objective carries unless the author sets
/// its weight: proportion is one of the four things a drill of this kind teaches (act early,
/// act precisely, work together, keep the city going), so a quarter. A rubric convention.
pub const PROPORTION_SHARE: f64 = 0.25;

/// Every exercise is scored on the proportion of its response (the harm of the measures
/// against the harm they averted, `scoring/proportion.rs`): unless the author opted out or
/// wrote such a KPI, an objective for every team is added, in the scenario's language.
fn with_proportion_objective(mut scenario: Scenario) -> Scenario {
    if scenario.scores_proportion() || scenario.proportion.opt_out.is_some() {
        return scenario;
    }
    let lang = scenario.meta.language.unwrap_or_else(|| {
        let chinese = scenario.meta.title.chars().any(validate::is_cjk);
        if chinese { Language::Zh } else { Language::En }
    });
    let mut id = PROPORTION_OBJECTIVE.to_string();
    while scenario.objectives.iter().any(|o| o.id.as_str() == id) {
        id.push_str("-added");
    }
    scenario.objectives.push(Objective {
        id: Id::new(id),
        title: crate::tr!(lang, "proportion-objective-title"),
        description: crate::tr!(lang, "proportion-objective-description"),
        capability: crate::tr!(lang, "proportion-objective-capability"),
        teams: Vec::new(),
        kpis: vec![Kpi {
            metric: Metric::CostPerInfectionAverted,
            target: Spanned {
                value: valuation::harm_of_an_infection(&scenario),
                span: Default::default(),
            },
            weight: scenario.proportion.weight.unwrap_or_else(|| {
                let others: f64 = scenario
                    .objectives
                    .iter()
                    .flat_map(|o| &o.kpis)
                    .map(|k| k.weight.get())
                    .sum();
                Positive((others * PROPORTION_SHARE / (1.0 - PROPORTION_SHARE)).max(1.0))
            }),
            district: None,
        }],
        evaluator_rated: false,
    });
    scenario
}

/// Parses, decodes and validates one RON document of a type (a scenario, a plan): every problem
/// located, errors first, then in file order. `kind` is the document's type name: a file whose
/// top-level value is named otherwise (a plan given as a scenario) gets one clear message.
pub fn check_document<T: Decode>(
    file_name: &str,
    text: &str,
    kind: &str,
    validate: impl FnOnce(&T, &std::collections::BTreeSet<String>) -> Vec<Diagnostic>,
) -> (Option<T>, Report) {
    let text = &normalise(text);
    let mut report = Report {
        file_name: file_name.to_string(),
        text: text.to_string(),
        diagnostics: Vec::new(),
    };
    let root = match ron_tree::parse(text) {
        Ok(root) => root,
        Err(syntax) => {
            report.diagnostics.push(syntax);
            return (None, report);
        }
    };
    if let ron_tree::NodeKind::Struct(Some(name), _) | ron_tree::NodeKind::Tuple(Some(name), _) =
        &root.kind
        && name.text != kind
    {
        let holds = name.text.as_str();
        let message = match holds {
            "Plan" => msg!("file-holds-a-plan", kind = kind),
            "Scenario" => msg!("file-holds-a-scenario", kind = kind),
            _ => msg!("file-holds-other", holds = holds, kind = kind),
        };
        report
            .diagnostics
            .push(Diagnostic::error(name.span, message));
        return (None, report);
    }
    let mut decoder = Decoder::default();
    let decoded = T::decode(&root, &mut decoder);
    report.diagnostics = decoder.diagnostics;
    if let Some(document) = &decoded {
        report
            .diagnostics
            .extend(validate(document, &decoder.broken_ids));
    }
    report
        .diagnostics
        .sort_by_key(|d| (d.severity, d.span.start));
    let document = decoded.filter(|_| !report.has_errors());
    (document, report)
}

/// Loads a scenario from a string, failing with the report when it has errors.
pub fn load_str(file_name: &str, text: &str) -> Result<(Scenario, Report), Report> {
    match check(file_name, text) {
        (Some(scenario), report) => Ok((scenario, report)),
        (None, report) => Err(report),
    }
}

/// Loads a scenario file. A file that cannot be read gives a report saying why.
pub fn load_file(path: &Path) -> Result<(Scenario, Report), Report> {
    load_str(&path.display().to_string(), &read_text(path)?)
}

/// Reads a user's file as text, turning I/O and encoding failures into a report.
pub fn read_text(path: &Path) -> Result<String, Report> {
    let name = path.display().to_string();
    let fail = |message: crate::i18n::Message| Report {
        file_name: name.clone(),
        text: String::new(),
        diagnostics: vec![Diagnostic::error(Span::default(), message)],
    };
    let bytes = std::fs::read(path).map_err(|e| {
        fail(msg!(
            "file-cannot-read",
            file = &name,
            error = e.to_string()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = crate::diagnostic::line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        fail(msg!("file-not-utf8", file = &name, at = at.to_string()))
    })?;
    Ok(normalise(&text).into_owned())
}

/// A text as editors save it, read as the parser expects it: without the byte-order mark that
/// Windows Notepad writes first, and with Windows (CRLF) and old Mac (CR) line ends as `\n`,
/// so positions count lines the way the editor shows them and quoted texts hold no `\r`.
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The language to speak about a file that may not load: the one asked for, else the one its
/// text declares, else the system's.
pub fn language_for_text(asked: Option<Language>, text: &str) -> Language {
    asked.unwrap_or_else(|| Language::default_for(declared_language(text)))
}

/// The language a scenario's text declares (`language: Zh` in its `meta`), read from the text
/// itself so that a file too broken to load still gets its problems in its own language.
pub fn declared_language(text: &str) -> Option<Language> {
    let mut rest = text;
    while let Some(at) = rest.find("language") {
        let after = rest[at + "language".len()..].trim_start();
        rest = &rest[at + "language".len()..];
        let Some(value) = after.strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start();
        let value = value.strip_prefix("Some(").unwrap_or(value).trim_start();
        let word: String = value
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        match word.as_str() {
            "Zh" => return Some(Language::Zh),
            "En" => return Some(Language::En),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn a_scenario_declares_its_language_even_when_broken() {
        assert_eq!(
            declared_language("(meta: (language: Zh, title: \"天津\", id: oops"),
            Some(Language::Zh)
        );
        assert_eq!(
            declared_language("meta: (language: Some(En))"),
            Some(Language::En)
        );
        // The word in a text or an id is not a declaration.
        assert_eq!(declared_language("title: \"language skills\""), None);
        assert_eq!(declared_language("language: Fr"), None);
    }
}
