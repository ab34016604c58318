//! A RON reader that keeps the location of every value.
//!
//! `ron`'s serde deserializer stops at the first problem and forgets positions once a value is
//! built. Facilitators need every problem at once, each pointing at its line, including
//! problems found after parsing (an unknown district, a duplicated id). So scenario files are
//! first read into this tree of located nodes, then decoded (see `decode`). The grammar is
//! RON's (`ron` 0.12 `docs/grammar.md`); a round-trip test checks files written by `ron` read back.

use crate::diagnostic::{Diagnostic, Span};

/// Deeper nesting than this is refused rather than risking the stack on hostile input.
pub const MAX_DEPTH: usize = 96;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Char(char),
    /// `()`
    Unit,
    /// A bare identifier: a unit enum variant such as `Hospital`, or `None`.
    Ident(String),
    /// `[a, b]`
    List(Vec<Node>),
    /// `{k: v}`
    Map(Vec<(Node, Node)>),
    /// `(a, b)` or `Name(a, b)`; also `Some(x)` and newtype variants.
    Tuple(Option<Name>, Vec<Node>),
    /// `(f: v)` or `Name(f: v)`.
    Struct(Option<Name>, Vec<Field>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub value: Node,
}

impl NodeKind {
    /// How the value reads to a user, for "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match self {
            NodeKind::Bool(_) => "true/false".into(),
            NodeKind::Int(_) => "a whole number".into(),
            NodeKind::Float(_) => "a number".into(),
            NodeKind::Str(_) => "text in quotes".into(),
            NodeKind::Char(_) => "a character".into(),
            NodeKind::Unit => "`()`".into(),
            NodeKind::Ident(name) => format!("the word `{name}`"),
            NodeKind::List(_) => "a list `[...]`".into(),
            NodeKind::Map(_) => "a map `{...}`".into(),
            NodeKind::Tuple(Some(name), _) | NodeKind::Struct(Some(name), _) => {
                format!("`{}(...)`", name.text)
            }
            NodeKind::Tuple(None, _) => "a tuple `(...)`".into(),
            NodeKind::Struct(None, _) => "a record `(field: ...)`".into(),
        }
    }
}

/// Parses a whole RON document. A syntax error ends parsing: what follows it cannot be read
/// reliably, so it is the only diagnostic returned.
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    parser.skip_ws()?;
    parser.skip_extensions()?;
    let node = parser.value()?;
    parser.skip_ws()?;
    if parser.pos < text.len() {
        return Err(parser.error_here("unexpected text after the end of the scenario")
            .with_help("the file must contain exactly one top-level value; check for an extra `)` or a missing `(`"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

type ParseResult<T> = Result<T, Diagnostic>;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn char_here(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn span_here(&self) -> Span {
        let len = self.char_here().map_or(0, char::len_utf8);
        Span::new(self.pos, self.pos + len)
    }

    fn error_here(&self, message: &str) -> Diagnostic {
        let found = match self.char_here() {
            None => "the end of the file".to_string(),
            Some(c) if c.is_control() => format!("{c:?}"),
            Some(c) => format!("`{c}`"),
        };
        Diagnostic::error(self.span_here(), format!("{message}, found {found}"))
    }

    fn skip_ws(&mut self) -> ParseResult<()> {
        loop {
            match self.char_here() {
                Some(c) if c.is_whitespace() || c == '\u{200E}' || c == '\u{200F}' => {
                    self.pos += c.len_utf8();
                }
                Some('/') if self.peek_at(1) == Some(b'/') => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some('/') if self.peek_at(1) == Some(b'*') => self.block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn block_comment(&mut self) -> ParseResult<()> {
        let start = self.pos;
        let mut nesting = 0usize;
        while self.pos < self.bytes.len() {
            if self.bytes[self.pos..].starts_with(b"/*") {
                nesting += 1;
                self.pos += 2;
            } else if self.bytes[self.pos..].starts_with(b"*/") {
                nesting -= 1;
                self.pos += 2;
                if nesting == 0 {
                    return Ok(());
                }
            } else {
                self.pos += 1;
            }
        }
        Err(Diagnostic::error(
            Span::new(start, start + 2),
            "this comment is never closed: `/*` has no matching `*/`",
        ))
    }

    /// `#![enable(...)]` headers: accepted and ignored, since the decoder is already lenient
    /// (it accepts `Some(x)` and a bare `x` for optional values alike).
    fn skip_extensions(&mut self) -> ParseResult<()> {
        while self.peek() == Some(b'#') {
            self.pos += 1;
            self.skip_ws()?;
            self.expect(b'!', "expected `!` in a `#![enable(...)]` header")?;
            self.skip_ws()?;
            self.expect(b'[', "expected `[` in a `#![enable(...)]` header")?;
            while let Some(c) = self.peek() {
                self.pos += 1;
                if c == b']' {
                    break;
                }
            }
            self.skip_ws()?;
        }
        Ok(())
    }

    fn expect(&mut self, byte: u8, message: &str) -> ParseResult<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error_here(message))
        }
    }

    fn value(&mut self) -> ParseResult<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Diagnostic::error(
                self.span_here(),
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.error_here("expected a value")),
            Some(b'[') => self.list(),
            Some(b'{') => self.map(),
            Some(b'(') => self.parenthesised(None, start),
            Some(b'"') => {
                let s = self.quoted_string()?;
                Ok(Node {
                    span: Span::new(start, self.pos),
                    kind: NodeKind::Str(s),
                })
            }
            Some(b'\'') => self.char_literal(),
            Some(b'r') if matches!(self.peek_at(1), Some(b'"' | b'#')) => {
                let s = self.raw_string()?;
                Ok(Node {
                    span: Span::new(start, self.pos),
                    kind: NodeKind::Str(s),
                })
            }
            Some(b'b') if matches!(self.peek_at(1), Some(b'"' | b'\'')) => Err(Diagnostic::error(
                Span::new(start, start + 2),
                "byte strings and byte literals are not used in scenario files; write plain text in quotes",
            )),
            Some(c) if c == b'+' || c == b'-' || c == b'.' || c.is_ascii_digit() => self.number(),
            Some(_) => {
                let c = self.char_here().unwrap_or('?');
                if c.is_alphabetic() || c == '_' {
                    let name = self.identifier();
                    self.after_identifier(name, start)
                } else {
                    Err(self.error_here("expected a value"))
                }
            }
        }
    }

    fn identifier(&mut self) -> Name {
        let start = self.pos;
        // `r#name` raw identifiers.
        if self.bytes[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while let Some(c) = self.char_here() {
            if c.is_alphanumeric() || c == '_' {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let raw = &self.text[start..self.pos];
        Name {
            text: raw.strip_prefix("r#").unwrap_or(raw).to_string(),
            span: Span::new(start, self.pos),
        }
    }

    fn after_identifier(&mut self, name: Name, start: usize) -> ParseResult<Node> {
        match name.text.as_str() {
            "true" => {
                return Ok(Node {
                    span: name.span,
                    kind: NodeKind::Bool(true),
                });
            }
            "false" => {
                return Ok(Node {
                    span: name.span,
                    kind: NodeKind::Bool(false),
                });
            }
            "inf" => {
                return Ok(Node {
                    span: name.span,
                    kind: NodeKind::Float(f64::INFINITY),
                });
            }
            "NaN" => {
                return Ok(Node {
                    span: name.span,
                    kind: NodeKind::Float(f64::NAN),
                });
            }
            _ => {}
        }
        // A name directly followed by `(` (after whitespace) names a struct, tuple or variant.
        let before_ws = self.pos;
        self.skip_ws()?;
        if self.peek() == Some(b'(') {
            self.parenthesised(Some(name), start)
        } else {
            self.pos = before_ws;
            Ok(Node {
                span: name.span,
                kind: NodeKind::Ident(name.text),
            })
        }
    }

    /// `( ... )`: unit, tuple or struct, decided by whether the first item is `ident:`.
    fn parenthesised(&mut self, name: Option<Name>, start: usize) -> ParseResult<Node> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws()?;
        if self.peek() == Some(b')') {
            self.pos += 1;
            let kind = match name {
                None => NodeKind::Unit,
                Some(name) => NodeKind::Tuple(Some(name), Vec::new()),
            };
            return Ok(Node {
                span: Span::new(start, self.pos),
                kind,
            });
        }
        if self.at_field_name() {
            let mut fields: Vec<Field> = Vec::new();
            loop {
                self.skip_ws()?;
                match self.peek() {
                    Some(b')') => break,
                    None => return Err(self.unclosed(open)),
                    _ => {}
                }
                if !self.at_field_name() {
                    // A record followed by a new `(` where its next field should be: its own
                    // `)` was forgotten at the end of its last field.
                    if let (Some(last), Some(b'(')) = (fields.last(), self.peek()) {
                        return Err(self.missing_close(open, last.value.span.end));
                    }
                    return Err(
                        self.error_here("expected a field name such as `name:` or a closing `)`")
                    );
                }
                let field_name = self.identifier();
                self.skip_ws()?;
                self.expect(b':', "expected `:` after the field name")?;
                self.skip_ws()?;
                let value = self.value()?;
                // The same, without the comma: a new `(` on a later line ends this record.
                if self.next_line_opens_record(&value)? {
                    return Err(self.missing_close(open, value.span.end));
                }
                let after = self.comma_or_close(b')', open, &value)?;
                fields.push(Field {
                    name: field_name,
                    value,
                });
                if !after {
                    break;
                }
            }
            self.pos += 1;
            Ok(Node {
                span: Span::new(start, self.pos),
                kind: NodeKind::Struct(name, fields),
            })
        } else {
            let mut items = Vec::new();
            loop {
                self.skip_ws()?;
                match self.peek() {
                    Some(b')') => break,
                    None => return Err(self.unclosed(open)),
                    _ => {}
                }
                let item = self.value()?;
                let after = self.comma_or_close(b')', open, &item)?;
                items.push(item);
                if !after {
                    break;
                }
            }
            self.pos += 1;
            Ok(Node {
                span: Span::new(start, self.pos),
                kind: NodeKind::Tuple(name, items),
            })
        }
    }

    /// After an item: consumes a comma and returns true to continue, or stops before the
    /// closing bracket and returns false.
    fn comma_or_close(&mut self, close: u8, open: usize, previous: &Node) -> ParseResult<bool> {
        self.skip_ws()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => Ok(false),
            None => Err(self.unclosed(open)),
            // Right after text in quotes, the usual cause is a missing `"` earlier on, which
            // made the text swallow what followed: point at where that text began.
            _ if matches!(previous.kind, NodeKind::Str(_)) => Err(self
                .error_here(&format!("expected `,` or `{}`", close as char))
                .with_related(previous.span, "this text in quotes ends just before")
                .with_help("check for a missing `\"` or a missing comma")),
            _ => Err(self
                .error_here(&format!("expected `,` or `{}`", close as char))
                .with_help(
                    "items are separated by commas; is a comma missing on the line before?",
                )),
        }
    }

    /// Whether, after a field's value, the next thing is a `(` on a later line: a record whose
    /// `)` is missing, since a record's fields are `name: value`, never a bare `(`.
    fn next_line_opens_record(&mut self, value: &Node) -> ParseResult<bool> {
        self.skip_ws()?;
        Ok(self.peek() == Some(b'(') && self.text[value.span.end..self.pos].contains('\n'))
    }

    /// A record's `)` forgotten after its last field: located where it is missing.
    fn missing_close(&self, open: usize, at: usize) -> Diagnostic {
        let next = crate::diagnostic::line_col(self.text, self.pos);
        Diagnostic::error(
            Span::new(at, at + 1),
            format!(
                "a `)` is missing here: this record is still open when the next one starts at line {}",
                next.line
            ),
        )
        .with_related(Span::new(open, open + 1), "the record opened here")
        .with_help("add `)` at the end of the record's last field")
    }

    /// At the end of the file inside brackets: the opening bracket is what needs fixing.
    fn unclosed(&self, open: usize) -> Diagnostic {
        let bracket = self.text[open..].chars().next().unwrap_or('(');
        let close = match bracket {
            '[' => ']',
            '{' => '}',
            _ => ')',
        };
        Diagnostic::error(
            Span::new(open, open + 1),
            format!("this `{bracket}` is never closed"),
        )
        .with_help(format!("add `{close}` at the end of the list of items"))
    }

    fn at_field_name(&self) -> bool {
        let mut probe = Parser {
            text: self.text,
            bytes: self.bytes,
            pos: self.pos,
            depth: 0,
        };
        match probe.char_here() {
            Some(c) if c.is_alphabetic() || c == '_' => {}
            _ => return false,
        }
        probe.identifier();
        if probe.skip_ws().is_err() {
            return false;
        }
        probe.peek() == Some(b':') && probe.peek_at(1) != Some(b':')
    }

    fn list(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            match self.peek() {
                Some(b']') => break,
                None => return Err(self.unclosed(start)),
                _ => {}
            }
            let item = self.value()?;
            let after = self.comma_or_close(b']', start, &item)?;
            items.push(item);
            if !after {
                break;
            }
        }
        self.pos += 1;
        Ok(Node {
            span: Span::new(start, self.pos),
            kind: NodeKind::List(items),
        })
    }

    fn map(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            match self.peek() {
                Some(b'}') => break,
                None => return Err(self.unclosed(start)),
                _ => {}
            }
            let key = self.value()?;
            self.skip_ws()?;
            self.expect(b':', "expected `:` between a key and its value")?;
            self.skip_ws()?;
            let value = self.value()?;
            let after = self.comma_or_close(b'}', start, &value)?;
            entries.push((key, value));
            if !after {
                break;
            }
        }
        self.pos += 1;
        Ok(Node {
            span: Span::new(start, self.pos),
            kind: NodeKind::Map(entries),
        })
    }

    fn quoted_string(&mut self) -> ParseResult<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.char_here() else {
                return Err(Diagnostic::error(
                    Span::new(start, start + 1),
                    "this text is never closed: the opening `\"` has no closing `\"`",
                ));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    if matches!(self.peek(), Some(b'\n' | b'\r')) {
                        // Line continuation: drop the newline and the indentation after it.
                        while matches!(self.peek(), Some(b'\n' | b'\r' | b' ' | b'\t')) {
                            self.pos += 1;
                        }
                    } else {
                        out.push(self.escape(self.pos - 1)?);
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, backslash: usize) -> ParseResult<char> {
        let Some(c) = self.char_here() else {
            return Err(Diagnostic::error(
                Span::new(backslash, backslash + 1),
                "unfinished escape at the end of the file",
            ));
        };
        self.pos += c.len_utf8();
        let bad = |p: &Self, what: &str| {
            Diagnostic::error(
                Span::new(backslash, p.pos),
                format!("invalid escape `{}`: {what}", &p.text[backslash..p.pos]),
            )
        };
        Ok(match c {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            'x' => {
                let hex = self.text.get(self.pos..self.pos + 2).unwrap_or("");
                let value = u8::from_str_radix(hex, 16)
                    .map_err(|_| bad(self, "expected two hex digits"))?;
                self.pos += 2;
                if value > 0x7f {
                    return Err(bad(
                        self,
                        "only ASCII values up to \\x7F can be written this way",
                    ));
                }
                value as char
            }
            'u' => {
                if self.peek() != Some(b'{') {
                    return Err(bad(self, "expected `\\u{...}`"));
                }
                let close = self.text[self.pos..]
                    .find('}')
                    .filter(|&i| i <= 7)
                    .ok_or_else(|| bad(self, "expected `\\u{...}` with 1 to 6 hex digits"))?;
                let hex = &self.text[self.pos + 1..self.pos + close];
                self.pos += close + 1;
                u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| bad(self, "not a valid Unicode character"))?
            }
            _ => return Err(bad(self, "use one of \\n \\t \\\\ \\\" \\u{...}")),
        })
    }

    fn raw_string(&mut self) -> ParseResult<String> {
        let start = self.pos;
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.expect(b'"', "expected `\"` to open a raw string")?;
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.text[self.pos..].find(&closing) {
            Some(end) => {
                let s = self.text[self.pos..self.pos + end].to_string();
                self.pos += end + closing.len();
                Ok(s)
            }
            None => Err(Diagnostic::error(
                Span::new(start, self.pos),
                format!("this raw text is never closed with `{closing}`"),
            )),
        }
    }

    fn char_literal(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.char_here() {
            Some('\\') => {
                self.pos += 1;
                self.escape(self.pos - 1)?
            }
            Some(c) if c != '\'' => {
                self.pos += c.len_utf8();
                c
            }
            _ => return Err(self.error_here("expected a character after `'`")),
        };
        if self.peek() != Some(b'\'') {
            return Err(Diagnostic::error(
                Span::new(start, start + 1),
                "a character literal holds exactly one character; use double quotes for text",
            )
            .with_help("write text as \"...\""));
        }
        self.pos += 1;
        Ok(Node {
            span: Span::new(start, self.pos),
            kind: NodeKind::Char(c),
        })
    }

    fn number(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        // `-inf`, `+NaN`
        for (word, value) in [("inf", f64::INFINITY), ("NaN", f64::NAN)] {
            if self.text[self.pos..].starts_with(word) {
                self.pos += word.len();
                let value = if negative { -value } else { value };
                return Ok(Node {
                    span: Span::new(start, self.pos),
                    kind: NodeKind::Float(value),
                });
            }
        }
        let radix = match (self.peek(), self.peek_at(1)) {
            (Some(b'0'), Some(b'x')) => 16,
            (Some(b'0'), Some(b'b')) => 2,
            (Some(b'0'), Some(b'o')) => 8,
            _ => 10,
        };
        if radix != 10 {
            self.pos += 2;
            let digits_start = self.pos;
            while matches!(self.peek(), Some(c) if c.is_ascii_hexdigit() || c == b'_') {
                self.pos += 1;
            }
            let digits: String = self.text[digits_start..self.pos]
                .chars()
                .filter(|&c| c != '_')
                .collect();
            let span = Span::new(start, self.pos);
            self.skip_int_suffix();
            let magnitude = i128::from_str_radix(&digits, radix).map_err(|_| {
                Diagnostic::error(
                    span,
                    format!("`{}` is not a valid number", &self.text[start..self.pos]),
                )
            })?;
            let value = if negative { -magnitude } else { magnitude };
            return Ok(Node {
                span: Span::new(start, self.pos),
                kind: NodeKind::Int(value),
            });
        }
        let mut is_float = false;
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' | b'_' => self.pos += 1,
                b'.' if !is_float => {
                    is_float = true;
                    self.pos += 1;
                }
                b'e' | b'E' => {
                    is_float = true;
                    self.pos += 1;
                    if matches!(self.peek(), Some(b'+' | b'-')) {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
        let literal: String = self.text[start..self.pos]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let span = Span::new(start, self.pos);
        if self.text[self.pos..].starts_with("f32") || self.text[self.pos..].starts_with("f64") {
            is_float = true;
            self.pos += 3;
        } else if !is_float {
            self.skip_int_suffix();
        }
        if let Some(c) = self.char_here().filter(|c| c.is_alphanumeric()) {
            return Err(Diagnostic::error(
                Span::new(start, self.pos + c.len_utf8()),
                format!(
                    "`{}{c}…` is not a valid number",
                    &self.text[start..self.pos]
                ),
            )
            .with_help("durations and times are written in quotes, e.g. \"2h30m\""));
        }
        let invalid = || Diagnostic::error(span, format!("`{}` is not a valid number", &literal));
        let kind = if is_float {
            NodeKind::Float(literal.parse::<f64>().map_err(|_| invalid())?)
        } else {
            match literal.parse::<i128>() {
                Ok(value) => NodeKind::Int(value),
                Err(_) if literal.chars().any(|c| c.is_ascii_digit()) => {
                    return Err(Diagnostic::error(
                        span,
                        format!("`{literal}` is too large a number"),
                    ));
                }
                Err(_) => return Err(invalid()),
            }
        };
        Ok(Node {
            span: Span::new(start, self.pos),
            kind,
        })
    }

    fn skip_int_suffix(&mut self) {
        for suffix in [
            "i128", "u128", "i16", "u16", "i32", "u32", "i64", "u64", "i8", "u8",
        ] {
            if self.text[self.pos..].starts_with(suffix) {
                self.pos += suffix.len();
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_col;

    fn kind(text: &str) -> NodeKind {
        parse(text).unwrap().kind
    }

    #[test]
    fn scalars() {
        assert_eq!(kind("42"), NodeKind::Int(42));
        assert_eq!(kind("-7"), NodeKind::Int(-7));
        assert_eq!(kind("1_000_000"), NodeKind::Int(1_000_000));
        assert_eq!(kind("0x1F"), NodeKind::Int(31));
        assert_eq!(kind("2.5"), NodeKind::Float(2.5));
        assert_eq!(kind("1e3"), NodeKind::Float(1000.0));
        assert_eq!(kind("-inf"), NodeKind::Float(f64::NEG_INFINITY));
        assert_eq!(kind("true"), NodeKind::Bool(true));
        assert_eq!(kind("'x'"), NodeKind::Char('x'));
        assert_eq!(
            kind(r#""天津\n\u{4E2D}""#),
            NodeKind::Str("天津\n中".into())
        );
        assert_eq!(
            kind(r##"r#"a "raw" b"#"##),
            NodeKind::Str("a \"raw\" b".into())
        );
        assert_eq!(kind("Hospital"), NodeKind::Ident("Hospital".into()));
    }

    #[test]
    fn compound_values_with_comments() {
        let node = parse(
            "// header\n#![enable(implicit_some)]\nScenario( /* nested /* comment */ */ a: [1, 2,], b: {\"k\": (1, \"x\")}, c: Some(3), d: At(\"2h\"), )",
        )
        .unwrap();
        let NodeKind::Struct(Some(name), fields) = node.kind else {
            panic!("not a struct")
        };
        assert_eq!(name.text, "Scenario");
        let names: Vec<_> = fields.iter().map(|f| f.name.text.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        assert!(matches!(&fields[0].value.kind, NodeKind::List(items) if items.len() == 2));
        assert!(
            matches!(&fields[2].value.kind, NodeKind::Tuple(Some(n), items) if n.text == "Some" && items.len() == 1)
        );
        assert_eq!(kind("()"), NodeKind::Unit);
    }

    #[test]
    fn spans_point_at_values() {
        let text = "(\n  name: \"Heping\",\n  population: 350000,\n)";
        let NodeKind::Struct(_, fields) = parse(text).unwrap().kind else {
            panic!()
        };
        let at = line_col(text, fields[1].value.span.start);
        assert_eq!((at.line, at.column), (3, 15));
    }

    fn error_at(text: &str) -> (usize, usize, String) {
        let d = parse(text).unwrap_err();
        let at = line_col(text, d.span.start);
        (at.line, at.column, d.message)
    }

    #[test]
    fn syntax_errors_are_located_and_explained() {
        let (line, col, msg) = error_at("(\n  a: 1\n  b: 2\n)");
        assert_eq!((line, col), (3, 3));
        assert!(msg.contains("expected `,` or `)`"), "{msg}");

        // A record's `)` forgotten: reported at the end of its last field, with or without
        // the comma, not at the next record's `(`.
        let text = "[\n  (a: 1, b: 2\n  (a: 3, b: 4),\n]";
        let (line, col, msg) = error_at(text);
        assert_eq!((line, col), (2, 14), "{msg}");
        assert!(msg.contains("`)` is missing here"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        let (line, col, msg) = error_at("[\n  (a: 1, b: (2, 3),\n  (a: 3),\n]");
        assert_eq!((line, col), (2, 19), "{msg}");
        assert!(msg.contains("`)` is missing here"), "{msg}");
        // A list of tuples on one line keeps the usual message.
        let (_, _, msg) = error_at("(a: 1 (b))");
        assert!(msg.contains("expected `,` or `)`"), "{msg}");

        let (line, col, msg) = error_at("(a: \"open\n)");
        assert_eq!((line, col), (1, 5));
        assert!(msg.contains("never closed"), "{msg}");

        let (line, _, msg) = error_at("(a: [1, 2\n");
        assert_eq!(line, 1);
        assert!(msg.contains("`[` is never closed"), "{msg}");

        let (_, _, msg) = error_at("(a: 2h)");
        assert!(msg.contains("not a valid number"), "{msg}");

        let (_, _, msg) = error_at("(a: 1) )");
        assert!(msg.contains("after the end"), "{msg}");

        let (_, _, msg) = error_at("/* open");
        assert!(msg.contains("comment is never closed"), "{msg}");

        let (_, _, msg) = error_at("(a: 99999999999999999999999999999999999999999)");
        assert!(msg.contains("too large"), "{msg}");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        let msg = parse(&text).unwrap_err().message;
        assert!(msg.contains("nested"), "{msg}");
    }
}
