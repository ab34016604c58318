//! Typed values from located RON nodes, collecting every problem instead of stopping at one.
//!
//! Each scenario type implements [`Decode`], usually through the [`ron_struct!`] and
//! [`ron_enum!`] macros, which also declare the type so field lists never drift from decoders.
//! A value that cannot be decoded yields `None` after its problem is recorded; lists keep their
//! good items so that later checks still see the rest of the file.

use std::collections::{BTreeMap, BTreeSet};

use super::ron_tree::{Field, Node, NodeKind};
use crate::diagnostic::{Diagnostic, Span, suggest};
use crate::i18n::{Arg, Language, Message};
use crate::msg;

/// Collects problems while decoding one file.
#[derive(Default)]
pub struct Decoder {
    pub diagnostics: Vec<Diagnostic>,
    /// The field being decoded, named in messages about its value.
    field: Option<&'static str>,
    /// Ids of items that failed to decode, so references to them do not add false "unknown id" errors.
    pub broken_ids: BTreeSet<String>,
    /// Minute of the day the exercise starts, for times written as `"D2 09:30"`.
    pub start_minute_of_day: Option<u32>,
    /// The value came from JSON (`ron_tree::from_json`), where a choice can only be written
    /// as a string: `"GoAhead"` is then the variant, not a mistake.
    pub choices_quoted: bool,
}

impl Decoder {
    pub fn error(&mut self, span: Span, message: impl Into<crate::i18n::Message>) {
        self.diagnostics.push(Diagnostic::error(span, message));
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The problem, preceded by "`population`: " when inside a field.
    pub fn in_field(&self, problem: Message) -> Message {
        match self.field {
            Some(field) => msg!("decode-in-field", field = field, problem = problem),
            None => problem,
        }
    }

    /// Records "expected X, found Y" at the node.
    pub fn expected(&mut self, node: &Node, expected: Message) {
        let problem = msg!(
            "decode-expected",
            expected = expected,
            found = node.kind.describe()
        );
        let message = self.in_field(problem);
        self.error(node.span, message);
    }

    /// Records a problem with a value that has the right shape but a wrong content.
    pub fn invalid(&mut self, span: Span, problem: Message) {
        let message = self.in_field(problem);
        self.error(span, message);
    }

    pub fn decode_field<T: Decode>(&mut self, name: &'static str, node: &Node) -> Option<T> {
        let outer = self.field.replace(name);
        let value = T::decode(node, self);
        self.field = outer;
        value
    }

    /// Opens a record `(field: value, ...)`: reports unknown and repeated fields.
    pub fn record<'n>(
        &mut self,
        node: &'n Node,
        what: Message,
        known: &[&'static str],
    ) -> Option<Record<'n>> {
        let fields: &[Field] = match &node.kind {
            NodeKind::Struct(_, fields) => fields,
            NodeKind::Unit => &[],
            NodeKind::Tuple(Some(_), items) if items.is_empty() => &[],
            _ => {
                self.expected(node, msg!("decode-written-as-record", what = what));
                return None;
            }
        };
        let label = || record_label(&what, fields);
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        let mut kept = Vec::new();
        let mut misspelt = Vec::new();
        for field in fields {
            let name = field.name.text.as_str();
            if !known.contains(&name) {
                let mut d = Diagnostic::error(
                    field.name.span,
                    msg!("decode-no-such-field", record = label(), field = name),
                );
                d = match suggest(name, known.iter().copied()) {
                    Some(s) => {
                        misspelt.push(s);
                        d.with_help(msg!("did-you-mean", name = s))
                    }
                    None => d.with_help(msg!(
                        "decode-fields-are",
                        what = what.clone(),
                        fields = known.to_vec()
                    )),
                };
                self.push(d);
            } else if let Some(first) = seen.get(name) {
                self.push(
                    Diagnostic::error(
                        field.name.span,
                        msg!("decode-field-twice", field = name, record = label()),
                    )
                    .with_related(*first, msg!("decode-first-given-here")),
                );
            } else {
                seen.insert(name, field.name.span);
                kept.push(field);
            }
        }
        Some(Record {
            span: node.span,
            what,
            fields: kept,
            misspelt,
        })
    }
}

/// "district `heping`" when the record has an id, else "this district".
fn record_label<'f>(what: &Message, fields: impl IntoIterator<Item = &'f Field>) -> Message {
    let noun = Arg::worded(|lang| {
        let what = what.text(lang);
        match lang {
            // "a district" is "district `heping`"; Chinese has no articles to drop.
            Language::En => what
                .trim_start_matches("an ")
                .trim_start_matches("a ")
                .trim_start_matches("the ")
                .to_string(),
            Language::Zh => what,
        }
    });
    let id = fields
        .into_iter()
        .find(|f| f.name.text == "id")
        .and_then(|f| match &f.value.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => None,
        });
    match id {
        Some(id) => msg!("decode-record-with-id", noun = noun, id = id),
        None => msg!("decode-record-this", noun = noun),
    }
}

/// The fields of one record, checked against the type's field list.
pub struct Record<'n> {
    pub span: Span,
    /// What the record is: named in messages only when one is needed (naming it looks up
    /// both languages' tables).
    what: Message,
    fields: Vec<&'n Field>,
    /// Known fields that an unknown one was probably meant to be: not reported again as missing.
    misspelt: Vec<&'static str>,
}

impl<'n> Record<'n> {
    /// "district `heping`", "this district".
    fn label(&self) -> Message {
        record_label(&self.what, self.fields.iter().copied())
    }

    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.fields
            .iter()
            .find(|f| f.name.text == name)
            .map(|f| &f.value)
    }

    pub fn missing(&self, d: &mut Decoder, name: &str, expected: Message) {
        if self.misspelt.contains(&name) {
            return;
        }
        let at = Span::new(self.span.start, self.span.start + 1);
        d.push(
            Diagnostic::error(
                at,
                msg!("decode-missing-field", record = self.label(), field = name),
            )
            .with_help(msg!("decode-add-field", field = name, expected = expected)),
        );
    }

    /// Remembers the id of a record that failed to decode (see `Decoder::broken_ids`).
    pub fn mark_broken(&self, d: &mut Decoder) {
        if let Some(Node {
            kind: NodeKind::Str(id),
            ..
        }) = self.get("id")
        {
            d.broken_ids.insert(id.clone());
        }
    }
}

/// The largest count of people the model holds in one place: more than any country, so that
/// sums over a city stay exact in floating point and costs per person stay finite.
pub const MAX_PEOPLE: u64 = 1_500_000_000;
/// The largest quantity of anything else (stock, deliveries): far above any real reserve, and
/// far enough below `u64::MAX` that resupplies and sums cannot wrap around.
pub const MAX_QUANTITY: u64 = 1_000_000_000_000;

impl Decoder {
    /// The largest whole number the current field may hold.
    fn model_limit(&self) -> u64 {
        match self.field {
            Some("seed") => u64::MAX,
            Some("population" | "people" | "attendees") => MAX_PEOPLE,
            _ => MAX_QUANTITY,
        }
    }
}

/// 18446744073709551615 → "18,446,744,073,709,551,615".
pub fn thousands(value: i128) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (n, c) in digits.chars().enumerate() {
        if n > 0 && (digits.len() - n).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// A value that can be read from a located RON node.
pub trait Decode: Sized {
    /// What the value is, in a user's words: "a whole number", "a facility kind".
    fn expected() -> Message;
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self>;
}

/// Declares a record type and its decoder. Fields with `= default` may be left out of a file.
#[macro_export]
macro_rules! ron_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty $(= $default:expr)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl $crate::scenario::decode::Decode for $name {
            /// `type-TYPE` in the message tables.
            fn expected() -> $crate::i18n::Message {
                $crate::i18n::Message::new(concat!("type-", stringify!($name)))
            }

            fn decode(
                node: &$crate::scenario::ron_tree::Node,
                d: &mut $crate::scenario::decode::Decoder,
            ) -> Option<Self> {
                const FIELDS: &[&str] = &[$(stringify!($field)),*];
                let record = d.record(node, Self::expected(), FIELDS)?;
                $(
                    let $field: Option<$ty> = match record.get(stringify!($field)) {
                        Some(value) => d.decode_field(stringify!($field), value),
                        None => $crate::ron_struct!(@default d, record, $field, $ty $(, $default)?),
                    };
                )*
                match ($($field,)*) {
                    ($(Some($field),)*) => Some($name { $($field,)* }),
                    _ => {
                        record.mark_broken(d);
                        None
                    }
                }
            }
        }
    };
    (@default $d:ident, $record:ident, $field:ident, $ty:ty, $default:expr) => {
        Some($default)
    };
    (@default $d:ident, $record:ident, $field:ident, $ty:ty) => {{
        $record.missing($d, stringify!($field), <$ty as $crate::scenario::decode::Decode>::expected());
        None
    }};
}

/// Declares an enum and its decoder. Unit variants are written `Name`; variants with a payload
/// `Name(payload)`, or `Name(field: ...)` when the payload is a record.
#[macro_export]
macro_rules! ron_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(($payload:ty))? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* $variant $(($payload))?, )*
        }

        impl $name {
            pub const VARIANTS: &'static [&'static str] = &[$(stringify!($variant)),*];
        }

        impl $crate::scenario::decode::Decode for $name {
            /// `type-TYPE` in the message tables.
            fn expected() -> $crate::i18n::Message {
                $crate::i18n::Message::new(concat!("type-", stringify!($name)))
            }

            fn decode(
                node: &$crate::scenario::ron_tree::Node,
                d: &mut $crate::scenario::decode::Decoder,
            ) -> Option<Self> {
                let (variant, payload) = $crate::scenario::decode::split_variant(node, d, Self::expected(), Self::VARIANTS)?;
                match variant.as_str() {
                    $(stringify!($variant) => $crate::ron_enum!(@build d, node, payload, $name, $variant $(, $payload)?),)*
                    _ => unreachable!("split_variant only returns listed variants"),
                }
            }
        }
    };
    (@build $d:ident, $node:ident, $body:ident, $name:ident, $variant:ident, $payload:ty) => {{
        // `Report` or `Report()` alone: the payload with every field at its default, or a
        // "missing field" message naming what it needs.
        let empty = $crate::scenario::ron_tree::Node { span: $node.span, kind: $crate::scenario::ron_tree::NodeKind::Unit };
        let inner = $body.unwrap_or(&empty);
        <$payload as $crate::scenario::decode::Decode>::decode(inner, $d).map($name::$variant)
    }};
    (@build $d:ident, $node:ident, $body:ident, $name:ident, $variant:ident) => {{
        match $body {
            None => Some($name::$variant),
            Some(_) => {
                $d.invalid($node.span, $crate::msg!("decode-takes-no-details", variant = stringify!($variant)));
                None
            }
        }
    }};
}

/// Splits `Variant`, `Variant(x)` or `Variant(field: ..)` into the variant name and the node
/// holding its payload, reporting unknown variants with a suggestion.
pub fn split_variant<'n>(
    node: &'n Node,
    d: &mut Decoder,
    what: Message,
    variants: &[&str],
) -> Option<(String, Option<&'n Node>)> {
    let (name, span, payload) = match &node.kind {
        NodeKind::Ident(name) => (name.clone(), node.span, None),
        NodeKind::Tuple(Some(name), items) if items.len() == 1 => {
            (name.text.clone(), name.span, Some(&items[0]))
        }
        NodeKind::Tuple(Some(name), items) if items.is_empty() => {
            (name.text.clone(), name.span, None)
        }

        NodeKind::Struct(Some(name), _) => (name.text.clone(), name.span, Some(node)),
        NodeKind::Str(text) if d.choices_quoted => (text.clone(), node.span, None),
        NodeKind::Str(text) if variants.contains(&text.as_str()) => {
            d.invalid(node.span, msg!("decode-unquote-choice", text = text));
            return None;
        }
        _ => {
            let one_of = msg!("decode-one-of", what = what, variants = variants.to_vec());
            d.expected(node, one_of);
            return None;
        }
    };
    if !variants.contains(&name.as_str()) {
        let mut diag = Diagnostic::error(
            span,
            d.in_field(msg!("decode-not-a", name = name.as_str(), what = what)),
        );
        diag = match suggest(&name, variants.iter().copied()) {
            Some(s) => diag.with_help(msg!("did-you-mean", name = s)),
            None => diag.with_help(msg!("decode-choose-one-of", variants = variants.to_vec())),
        };
        d.push(diag);
        return None;
    }
    Some((name, payload))
}

impl Decode for crate::i18n::Language {
    fn expected() -> Message {
        msg!("type-Language")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let (variant, payload) = split_variant(node, d, Self::expected(), &["En", "Zh"])?;
        if payload.is_some() {
            d.invalid(
                node.span,
                msg!("decode-takes-no-details", variant = variant.as_str()),
            );
            return None;
        }
        Some(if variant == "Zh" {
            Language::Zh
        } else {
            Language::En
        })
    }
}

impl Decode for bool {
    fn expected() -> Message {
        msg!("value-bool")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                d.expected(node, Self::expected());
                None
            }
        }
    }
}

macro_rules! decode_unsigned {
    ($($ty:ty),*) => {$(
        impl Decode for $ty {
            fn expected() -> Message {
                msg!("value-whole-number")
            }
            fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
                let value = match node.kind {
                    NodeKind::Int(v) => v,
                    NodeKind::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 1e30 => f as i128,
                    _ => {
                        d.expected(node, Self::expected());
                        return None;
                    }
                };
                if value < 0 {
                    d.invalid(node.span, msg!("decode-not-negative", value = value.to_string()));
                    return None;
                }
                let most = d.model_limit().min(u64::from(<$ty>::MAX));
                match <$ty>::try_from(value) {
                    Ok(v) if u64::from(v) <= most => Some(v),
                    _ => {
                        d.invalid(node.span, msg!(
                            "decode-too-large",
                            value = thousands(value),
                            most = thousands(i128::from(most))
                        ));
                        None
                    }
                }
            }
        }
    )*};
}
decode_unsigned!(u32, u64);

impl Decode for i64 {
    fn expected() -> Message {
        msg!("value-signed-number")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let value = match node.kind {
            NodeKind::Int(v) => v,
            NodeKind::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 1e30 => f as i128,
            _ => {
                d.expected(node, Self::expected());
                return None;
            }
        };
        let most = i128::from(d.model_limit());
        if value.abs() > most {
            d.invalid(
                node.span,
                msg!(
                    "decode-too-large-either-way",
                    value = thousands(value),
                    most = thousands(most)
                ),
            );
            return None;
        }
        i64::try_from(value).ok()
    }
}

/// `Box<T>` reads as `T` (for recursive types such as `Not(condition)`).
impl<T: Decode> Decode for Box<T> {
    fn expected() -> Message {
        T::expected()
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        T::decode(node, d).map(Box::new)
    }
}

impl Decode for f64 {
    fn expected() -> Message {
        msg!("value-number")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let value = match node.kind {
            NodeKind::Int(v) => v as f64,
            NodeKind::Float(f) => f,
            _ => {
                d.expected(node, Self::expected());
                return None;
            }
        };
        if !value.is_finite() {
            d.invalid(node.span, msg!("decode-not-finite"));
            return None;
        }
        Some(value)
    }
}

impl Decode for String {
    fn expected() -> Message {
        msg!("value-text")
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            _ => {
                d.expected(node, Self::expected());
                None
            }
        }
    }
}

/// Optional values: `None`, `Some(x)`, or `x` alone.
impl<T: Decode> Decode for Option<T> {
    fn expected() -> Message {
        msg!("value-option", inner = T::expected())
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Ident(name) if name == "None" => Some(None),
            NodeKind::Tuple(Some(name), items) if name.text == "Some" && items.len() == 1 => {
                T::decode(&items[0], d).map(Some)
            }
            _ => T::decode(node, d).map(Some),
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn expected() -> Message {
        msg!("value-list", inner = T::expected())
    }
    /// Keeps the items that decode, so one bad item does not hide problems in the others.
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::List(items) => {
                Some(items.iter().filter_map(|item| T::decode(item, d)).collect())
            }
            _ => {
                d.expected(node, Self::expected());
                None
            }
        }
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn expected() -> Message {
        msg!("value-pair", first = A::expected(), second = B::expected())
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        match &node.kind {
            NodeKind::Tuple(None, items) if items.len() == 2 => {
                let a = A::decode(&items[0], d);
                let b = B::decode(&items[1], d);
                Some((a?, b?))
            }
            _ => {
                d.expected(node, Self::expected());
                None
            }
        }
    }
}

/// Maps `{key: value}` with unique keys, in the file's order.
impl<K: Decode + Ord + Clone + HasSpan, V: Decode> Decode for BTreeMap<K, V> {
    fn expected() -> Message {
        msg!("value-map", inner = V::expected())
    }
    fn decode(node: &Node, d: &mut Decoder) -> Option<Self> {
        let NodeKind::Map(entries) = &node.kind else {
            d.expected(node, Self::expected());
            return None;
        };
        let mut map: BTreeMap<K, V> = BTreeMap::new();
        for (key_node, value_node) in entries {
            let (Some(key), Some(value)) = (K::decode(key_node, d), V::decode(value_node, d))
            else {
                continue;
            };
            if let Some((first, _)) = map.get_key_value(&key) {
                let first = first.span();
                d.push(
                    Diagnostic::error(key_node.span, msg!("decode-key-twice"))
                        .with_related(first, msg!("decode-first-given-here")),
                );
            } else {
                map.insert(key, value);
            }
        }
        Some(map)
    }
}

/// Values that remember where they were written.
pub trait HasSpan {
    fn span(&self) -> Span;
}
