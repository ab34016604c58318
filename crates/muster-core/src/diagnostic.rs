//! Problems found in a user's file, located by byte span and rendered as `file:line:col`.
//!
//! Messages are written for facilitators: they name the district, team or inject at fault,
//! never a Rust type. A diagnostic keeps its message's key and arguments; it is worded in the
//! reader's language when it is rendered.

use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor::Buffer};
use serde::Serialize;

use crate::i18n::{Language, Message};
use crate::tr;

/// A byte range in a source text. `0..0` for values that did not come from a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn word(self, lang: Language) -> String {
        match self {
            Severity::Error => tr!(lang, "diagnostic-error"),
            Severity::Warning => tr!(lang, "diagnostic-warning"),
        }
    }
}

/// One problem in a file: where, what, and optionally a hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub message: Message,
    /// Secondary locations, e.g. where a duplicated id was first defined.
    pub related: Vec<(Span, Message)>,
    /// Boxed: most diagnostics have none, and a small diagnostic keeps `Result`s small.
    pub help: Option<Box<Message>>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            related: Vec::new(),
            help: None,
        }
    }

    pub fn warning(span: Span, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<Message>) -> Self {
        self.set_help(help);
        self
    }

    pub fn set_help(&mut self, help: impl Into<Message>) {
        self.help = Some(Box::new(help.into()));
    }

    pub fn with_related(mut self, span: Span, note: impl Into<Message>) -> Self {
        self.related.push((span, note.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (columns count characters, not bytes, so Chinese text lines up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Converts a byte offset into a line and column of `text`.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    LineCol { line, column }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A file's diagnostics together with its text, so they can be located and rendered.
#[derive(Debug, Clone)]
pub struct Report {
    pub file_name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// A diagnostic flattened for machine consumers (`--format json`, the app's problem list).
#[derive(Debug, Clone, Serialize)]
pub struct LocatedDiagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
}

impl Report {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn locate(&self, span: Span) -> LineCol {
        line_col(&self.text, span.start)
    }

    /// In English (tests, logs).
    pub fn located(&self) -> Vec<LocatedDiagnostic> {
        self.located_in(Language::En)
    }

    pub fn located_in(&self, lang: Language) -> Vec<LocatedDiagnostic> {
        self.diagnostics
            .iter()
            .map(|d| {
                let at = self.locate(d.span);
                LocatedDiagnostic {
                    file: self.file_name.clone(),
                    line: at.line,
                    column: at.column,
                    severity: d.severity,
                    message: d.message.text(lang),
                    help: d.help.as_ref().map(|h| h.text(lang)),
                }
            })
            .collect()
    }

    /// One line per problem in English: `file:line:col: error: message`.
    pub fn render_short(&self) -> String {
        self.render_short_in(Language::En)
    }

    /// One line per problem, the form editors and grep understand: `file:line:col: error:
    /// message`; the words in `lang`, the location as it is.
    pub fn render_short_in(&self, lang: Language) -> String {
        let mut out = String::new();
        for d in &self.located_in(lang) {
            let kind = d.severity.word(lang);
            out.push_str(&format!(
                "{}:{}:{}: {kind}: {}",
                d.file, d.line, d.column, d.message
            ));
            if let Some(help) = &d.help {
                out.push_str(&tr!(lang, "diagnostic-help-inline", help = help.as_str()));
            }
            out.push('\n');
        }
        out
    }

    /// Rich output in English.
    pub fn render_rich(&self, color: bool) -> String {
        self.render_rich_in(color, Language::En)
    }

    /// Rich output with the offending source line underlined, as compilers print it, worded
    /// in `lang`.
    pub fn render_rich_in(&self, color: bool, lang: Language) -> String {
        let file = SimpleFile::new(self.file_name.as_str(), self.text.as_str());
        let config = Config::default();
        let styles = Styles::default();
        let mut out = String::new();
        for d in &self.diagnostics {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            let mut labels = vec![Label::primary((), clamp(d.span, &self.text))];
            for (span, note) in &d.related {
                labels.push(
                    Label::secondary((), clamp(*span, &self.text)).with_message(note.text(lang)),
                );
            }
            let base = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            };
            let mut cs = base.with_message(d.message.text(lang)).with_labels(labels);
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![tr!(lang, "diagnostic-help", help = help.text(lang))]);
            }
            // Rendering into memory only fails on a span outside the text, which `clamp` rules out.
            let _ = term::emit_to_write_style(
                &mut StylesWriter::new(&mut buffer, &styles),
                &config,
                &file,
                &cs,
            );
            // The library writes the severity in English, first thing in its header.
            let english = d.severity.word(Language::En);
            out.push_str(&String::from_utf8_lossy(buffer.as_slice()).replacen(
                &english,
                &d.severity.word(lang),
                1,
            ));
        }
        out
    }
}

/// Keeps a span inside the text and on character boundaries, so rendering never fails.
fn clamp(span: Span, text: &str) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Levenshtein distance, for "did you mean …?" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\n天津 x";
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        // Offsets past the end or inside a character are clamped, never panic.
        assert_eq!(line_col(text, 999).line, 2);
        assert_eq!(line_col(text, 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let names = ["population", "position", "name"];
        assert_eq!(suggest("popluation", names), Some("population"));
        assert_eq!(suggest("Name", names), Some("name"));
        assert_eq!(suggest("budget", names), None);
    }

    #[test]
    fn rich_rendering_survives_spans_outside_the_text() {
        let report = Report {
            file_name: "x.ron".into(),
            text: "天津".into(),
            diagnostics: vec![Diagnostic::error(
                Span::new(1, 99),
                Message::verbatim("bad"),
            )],
        };
        assert!(report.render_rich(false).contains("x.ron:1:1"));
        assert!(report.render_short().starts_with("x.ron:1:1: error: bad"));
    }
}
