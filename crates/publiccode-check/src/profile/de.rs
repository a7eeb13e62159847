//! A serde `Deserializer` over the core's spanned YAML tree, so that profile files are
//! read with derived, `deny_unknown_fields` structs and every mistake still points at
//! the line and column of the offending key or value.
//!
//! Only what profile files need is supported: mappings (optionally seen through a key
//! filter, so a rule's common keys and its kind's keys are read by two structs), lists,
//! strings, booleans, unsigned integers, options and unit enum variants.

use std::fmt;

use publiccode::Span;
use publiccode::yaml::{Entry, Node, NodeKind};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::tree::join;

/// A mistake found while reading a profile, with the place it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeError {
    /// What is wrong.
    pub message: String,
    /// Where (filled in by the innermost node that knows).
    pub span: Option<Span>,
    /// The key path (`rules[2].allowed`).
    pub path: Option<String>,
}

impl DeError {
    /// Attaches a place unless a more precise one is already known.
    fn at(mut self, span: Span, path: &str) -> DeError {
        if self.span.is_none() {
            self.span = Some(span);
            self.path = Some(path.to_string());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

fn one_of(expected: &'static [&'static str]) -> String {
    if expected.is_empty() {
        "none is allowed here".to_string()
    } else {
        format!("expected one of: {}", expected.join(", "))
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
            span: None,
            path: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        de::Error::custom(format_args!("unknown key `{field}`; {}", one_of(expected)))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        de::Error::custom(format_args!(
            "`{variant}` is not allowed; {}",
            one_of(expected)
        ))
    }

    fn missing_field(field: &'static str) -> Self {
        de::Error::custom(format_args!("missing required key `{field}`"))
    }
}

/// Which keys of a mapping a deserializer sees.
#[derive(Clone, Copy)]
pub(crate) enum Keys<'k> {
    /// Every key.
    All,
    /// Only these.
    Only(&'k [&'k str]),
    /// All but these.
    Except(&'k [&'k str]),
}

impl Keys<'_> {
    fn admits(&self, key: &str) -> bool {
        match self {
            Keys::All => true,
            Keys::Only(k) => k.contains(&key),
            Keys::Except(k) => !k.contains(&key),
        }
    }
}

/// Deserializes one node; `path` names it in errors.
pub(crate) struct NodeDe<'de, 'k> {
    node: &'de Node,
    path: String,
    keys: Keys<'k>,
}

impl<'de, 'k> NodeDe<'de, 'k> {
    /// A deserializer for `node`, seeing the keys `keys` admits if it is a mapping.
    pub(crate) fn new(node: &'de Node, path: &str, keys: Keys<'k>) -> Self {
        NodeDe {
            node,
            path: path.to_string(),
            keys,
        }
    }

    fn scalar(&self) -> Option<&'de str> {
        match &self.node.kind {
            NodeKind::Scalar(s) if !self.node.is_null() => Some(s.value.as_str()),
            _ => None,
        }
    }

    fn wrong(&self, expected: &str) -> DeError {
        let found = if self.node.is_null() {
            "nothing"
        } else {
            self.node.type_name()
        };
        DeError {
            message: format!("expected {expected}, found {found}"),
            span: Some(self.node.span),
            path: Some(self.path.clone()),
        }
    }
}

/// Reads `T` from `node`, seeing only the keys `keys` admits.
pub(crate) fn from_node<'de, T: de::Deserialize<'de>>(
    node: &'de Node,
    path: &str,
    keys: Keys<'_>,
) -> Result<T, DeError> {
    T::deserialize(NodeDe::new(node, path, keys)).map_err(|e| e.at(node.span, path))
}

macro_rules! unsigned {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.scalar().and_then(|s| s.trim().parse::<$t>().ok()) {
                Some(n) => visitor.$visit(n),
                None => Err(self.wrong("a non-negative whole number")),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'de, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Scalar(_) if self.node.is_null() => visitor.visit_unit(),
            NodeKind::Scalar(s) => visitor.visit_borrowed_str(&s.value),
            NodeKind::Sequence(_) => self.deserialize_seq(visitor),
            NodeKind::Mapping(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar() {
            Some("true") => visitor.visit_bool(true),
            Some("false") => visitor.visit_bool(false),
            _ => Err(self.wrong("true or false")),
        }
    }

    unsigned!(deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
              deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64);

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar() {
            Some(s) => visitor.visit_borrowed_str(s),
            None => Err(self.wrong("a string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Sequence(items) => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                path: &self.path,
            }),
            _ => Err(self.wrong("a list")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Mapping(entries) => {
                let span = self.node.span;
                let path = self.path.clone();
                visitor
                    .visit_map(Map {
                        entries: entries.iter(),
                        pending: None,
                        path: &self.path,
                        keys: self.keys,
                    })
                    .map_err(|e| e.at(span, &path))
            }
            _ => Err(self.wrong("a mapping")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span;
        let path = self.path.clone();
        match self.scalar() {
            Some(s) => visitor
                .visit_enum(IntoDeserializer::<DeError>::into_deserializer(s))
                .map_err(|e| e.at(span, &path)),
            None => Err(self.wrong("a string")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 f32 f64 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct
    }
}

struct Seq<'de, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Node>>,
    path: &'p str,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((i, item)) = self.items.next() else {
            return Ok(None);
        };
        let path = format!("{}[{i}]", self.path);
        seed.deserialize(NodeDe::new(item, &path, Keys::All))
            .map(Some)
            .map_err(|e| e.at(item.span, &path))
    }
}

struct Map<'de, 'p, 'k> {
    entries: std::slice::Iter<'de, Entry>,
    pending: Option<&'de Entry>,
    path: &'p str,
    keys: Keys<'k>,
}

impl<'de> de::MapAccess<'de> for Map<'de, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        for entry in self.entries.by_ref() {
            let Some(key) = entry.key_str() else {
                return Err(DeError {
                    message: "keys must be strings".into(),
                    span: Some(entry.key.span),
                    path: Some(self.path.to_string()),
                });
            };
            if !self.keys.admits(key) {
                continue;
            }
            self.pending = Some(entry);
            let path = join(self.path, key);
            return seed
                .deserialize(NodeDe::new(&entry.key, &path, Keys::All))
                .map(Some)
                .map_err(|e| e.at(entry.key.span, &path));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(entry) = self.pending.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        let path = join(self.path, entry.key_str().unwrap_or(""));
        seed.deserialize(NodeDe::new(&entry.value, &path, Keys::All))
            .map_err(|e| e.at(entry.value.span, &path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use publiccode::LineIndex;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct T {
        name: String,
        #[serde(default)]
        items: Vec<String>,
        #[serde(default)]
        max_items: Option<usize>,
        #[serde(default)]
        flag: bool,
    }

    fn load(text: &str) -> Node {
        let index = LineIndex::new(text);
        match publiccode::yaml::load(text, &index, publiccode::yaml::Limits::default()) {
            Ok((Some(n), _)) => n,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_structs_and_points_at_mistakes() {
        let n = load("name: a\nitems: [x, y]\nmax-items: 3\nflag: true\n");
        let t: T = from_node(&n, "", Keys::All).unwrap();
        assert_eq!(t.items, ["x", "y"]);
        assert_eq!(t.max_items, Some(3));
        assert!(t.flag);

        let n = load("name: a\nbogus: 1\n");
        let e = from_node::<T>(&n, "r", Keys::All).unwrap_err();
        assert!(e.message.starts_with("unknown key `bogus`"), "{e:?}");
        assert_eq!(e.path.as_deref(), Some("r.bogus"));
        assert_eq!(e.span.map(|s| s.start), Some(8));

        let n = load("name: a\nitems: [x, {k: v}]\n");
        let e = from_node::<T>(&n, "", Keys::All).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("items[1]"));
        assert_eq!(e.message, "expected a string, found a mapping");

        let n = load("items: [x]\n");
        let e = from_node::<T>(&n, "", Keys::All).unwrap_err();
        assert_eq!(e.message, "missing required key `name`");

        let n = load("name: a\nmax-items: -1\n");
        let e = from_node::<T>(&n, "", Keys::All).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("max-items"));

        // A key filter hides the other struct's keys.
        let n = load("name: a\nother: 1\n");
        let t: T = from_node(&n, "", Keys::Except(&["other"])).unwrap();
        assert_eq!(t.name, "a");
        assert!(from_node::<T>(&n, "", Keys::Only(&["name", "other"])).is_err());
    }
}
