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
    pub fn describe(&self) -> crate::i18n::Message {
        match self {
            NodeKind::Bool(_) => crate::msg!("syntax-true-false"),
            NodeKind::Int(_) => crate::msg!("syntax-whole-number"),
            NodeKind::Float(_) => crate::msg!("syntax-number"),
            NodeKind::Str(_) => crate::msg!("syntax-text-quotes"),
            NodeKind::Char(_) => crate::msg!("syntax-character"),
            NodeKind::Unit => crate::msg!("syntax-unit-value"),
            NodeKind::Ident(name) => crate::msg!("syntax-word", name = name.to_string()),
            NodeKind::List(_) => crate::msg!("syntax-list"),
            NodeKind::Map(_) => crate::msg!("syntax-map"),
            NodeKind::Tuple(Some(name), _) | NodeKind::Struct(Some(name), _) => {
                crate::msg!("syntax-named-value", text = name.text.to_string())
            }
            NodeKind::Tuple(None, _) => crate::msg!("syntax-tuple"),
            NodeKind::Struct(None, _) => crate::msg!("syntax-record-field"),
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
        return Err(parser
            .error_here(crate::msg!("syntax-unexpected-text-after-end-scenario"))
            .with_help(crate::msg!("syntax-file-must-contain-exactly-one")));
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

    fn error_here(&self, message: crate::i18n::Message) -> Diagnostic {
        let found = match self.char_here() {
            None => crate::msg!("syntax-end-file"),
            Some(c) if c.is_control() => {
                crate::msg!("syntax-control-character", c = format!("{:?}", c))
            }
            Some(c) => crate::msg!("syntax-character-found", c = c.to_string()),
        };
        Diagnostic::error(
            self.span_here(),
            crate::msg!("syntax-found", message = message, found = found),
        )
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
            crate::msg!("syntax-comment-never-closed"),
        ))
    }

    /// `#![enable(...)]` headers: accepted and ignored, since the decoder is already lenient
    /// (it accepts `Some(x)` and a bare `x` for optional values alike).
    fn skip_extensions(&mut self) -> ParseResult<()> {
        while self.peek() == Some(b'#') {
            self.pos += 1;
            self.skip_ws()?;
            self.expect(b'!', crate::msg!("syntax-expected-enable-header"))?;
            self.skip_ws()?;
            self.expect(b'[', crate::msg!("syntax-expected-enable-header-2"))?;
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

    fn expect(&mut self, byte: u8, message: crate::i18n::Message) -> ParseResult<()> {
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
                crate::msg!("syntax-values-are-nested-more-than", depth = MAX_DEPTH),
            ));
        }
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.error_here(crate::msg!("syntax-expected-value"))),
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
                crate::msg!("syntax-byte-strings"),
            )),
            Some(c) if c == b'+' || c == b'-' || c == b'.' || c.is_ascii_digit() => self.number(),
            Some(_) => {
                let c = self.char_here().unwrap_or('?');
                if c.is_alphabetic() || c == '_' {
                    let name = self.identifier();
                    self.after_identifier(name, start)
                } else {
                    Err(self.error_here(crate::msg!("syntax-expected-value")))
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
                    return Err(self.error_here(crate::msg!("syntax-expected-field-name-such-as")));
                }
                let field_name = self.identifier();
                self.skip_ws()?;
                self.expect(b':', crate::msg!("syntax-expected-after-field-name"))?;
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
                .error_here(crate::msg!(
                    "syntax-expected-comma-or",
                    close = (close as char).to_string()
                ))
                .with_related(
                    previous.span,
                    crate::msg!("syntax-this-text-quotes-ends-just"),
                )
                .with_help(crate::msg!("syntax-check-for-missing-missing-comma"))),
            _ => Err(self
                .error_here(crate::msg!(
                    "syntax-expected-comma-or",
                    close = (close as char).to_string()
                ))
                .with_help(crate::msg!("syntax-items-are-separated-by-commas"))),
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
            crate::msg!(
                "syntax-missing-here-this-record-still",
                line = next.line.to_string()
            ),
        )
        .with_related(
            Span::new(open, open + 1),
            crate::msg!("syntax-record-opened-here"),
        )
        .with_help(crate::msg!("syntax-add-at-end-record-s"))
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
            crate::msg!("syntax-this-never-closed", bracket = bracket.to_string()),
        )
        .with_help(crate::msg!(
            "syntax-add-at-end-list-items",
            close = close.to_string()
        ))
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
            self.expect(b':', crate::msg!("syntax-expected-between-key-value"))?;
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
                    crate::msg!("syntax-text-never-closed"),
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
                crate::msg!("syntax-unfinished-escape"),
            ));
        };
        self.pos += c.len_utf8();
        let bad = |p: &Self, what: crate::i18n::Message| {
            Diagnostic::error(
                Span::new(backslash, p.pos),
                crate::msg!(
                    "syntax-invalid-escape",
                    escape = p.text[backslash..p.pos].to_string(),
                    what = what
                ),
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
                    .map_err(|_| bad(self, crate::msg!("syntax-expected-two-hex-digits")))?;
                self.pos += 2;
                if value > 0x7f {
                    return Err(bad(self, crate::msg!("syntax-only-ascii-values-up-x7f")));
                }
                value as char
            }
            'u' => {
                if self.peek() != Some(b'{') {
                    return Err(bad(self, crate::msg!("syntax-expected-u")));
                }
                let close = self.text[self.pos..]
                    .find('}')
                    .filter(|&i| i <= 7)
                    .ok_or_else(|| bad(self, crate::msg!("syntax-expected-u-with-1-6")))?;
                let hex = &self.text[self.pos + 1..self.pos + close];
                self.pos += close + 1;
                u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| bad(self, crate::msg!("syntax-not-valid-unicode-character")))?
            }
            _ => return Err(bad(self, crate::msg!("syntax-use-one-n-t-u"))),
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
        self.expect(b'"', crate::msg!("syntax-expected-open-raw-string"))?;
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
                crate::msg!(
                    "syntax-this-raw-text-never-closed",
                    closing = closing.to_string()
                ),
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
            _ => return Err(self.error_here(crate::msg!("syntax-expected-character-after"))),
        };
        if self.peek() != Some(b'\'') {
            return Err(Diagnostic::error(
                Span::new(start, start + 1),
                crate::msg!("syntax-character-literal"),
            )
            .with_help(crate::msg!("syntax-write-text-as")));
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
                    crate::msg!(
                        "syntax-not-valid-number",
                        text = self.text[start..self.pos].to_string()
                    ),
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
                crate::msg!(
                    "syntax-not-valid-number-2",
                    text = self.text[start..self.pos].to_string(),
                    c = c.to_string()
                ),
            )
            .with_help(crate::msg!("syntax-durations-times-are-written-quotes")));
        }
        let invalid = || {
            Diagnostic::error(
                span,
                crate::msg!("syntax-not-valid-number-3", literal = &literal.to_string()),
            )
        };
        let kind = if is_float {
            NodeKind::Float(literal.parse::<f64>().map_err(|_| invalid())?)
        } else {
            match literal.parse::<i128>() {
                Ok(value) => NodeKind::Int(value),
                Err(_) if literal.chars().any(|c| c.is_ascii_digit()) => {
                    return Err(Diagnostic::error(
                        span,
                        crate::msg!("syntax-too-large-number", literal = literal.to_string()),
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

/// The node a JSON value stands for, so a value sent as JSON (a page's command) is decoded,
/// checked and explained like one written in RON. An object with one key that starts with a
/// capital letter is a variant (`{"Dispatch": {...}}`, `{"Postpone": "1d"}`), as serde writes
/// Rust's enums; other objects are records; `null` is `None`. A choice written as a string
/// needs `Decoder::choices_quoted`. Spans are empty: there is no text to point into.
pub fn from_json(value: &serde_json::Value) -> Node {
    use serde_json::Value;
    let name = |text: &str| Name {
        text: text.to_string(),
        span: Span::default(),
    };
    let record = |fields: &serde_json::Map<String, Value>| {
        fields
            .iter()
            .map(|(key, value)| Field {
                name: name(key),
                value: from_json(value),
            })
            .collect()
    };
    let kind = match value {
        Value::Null => NodeKind::Ident("None".into()),
        Value::Bool(b) => NodeKind::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => NodeKind::Int(i.into()),
            None => n.as_u64().map_or_else(
                || NodeKind::Float(n.as_f64().unwrap_or(f64::NAN)),
                |u| NodeKind::Int(u.into()),
            ),
        },
        Value::String(text) => NodeKind::Str(text.clone()),
        Value::Array(items) => NodeKind::List(items.iter().map(from_json).collect()),
        Value::Object(fields) => match fields.iter().next() {
            Some((variant, payload))
                if fields.len() == 1 && variant.starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                match payload {
                    Value::Object(inner) => NodeKind::Struct(Some(name(variant)), record(inner)),
                    Value::Null => NodeKind::Ident(variant.clone()),
                    other => NodeKind::Tuple(Some(name(variant)), vec![from_json(other)]),
                }
            }
            _ => NodeKind::Struct(None, record(fields)),
        },
    };
    Node {
        span: Span::default(),
        kind,
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
        (at.line, at.column, d.message.to_string())
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
        assert!(msg.to_string().contains("nested"), "{msg}");
    }
}
