//! The spanned YAML tree.

use crate::Span;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'single quoted'`.
    SingleQuoted,
    /// `"double quoted"`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// A scalar: its decoded text, style and optional tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The decoded value.
    pub value: String,
    /// How it was written.
    pub style: ScalarStyle,
    /// An explicit tag (`!!str`), if any, as written.
    pub tag: Option<String>,
}

impl Scalar {
    /// Whether the scalar is a plain (unquoted, untagged) scalar, the only kind whose
    /// type YAML infers.
    pub fn is_plain(&self) -> bool {
        self.style == ScalarStyle::Plain && self.tag.is_none()
    }
}

/// A mapping entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key node (a scalar for every valid publiccode.yml).
    pub key: Node,
    /// The value node.
    pub value: Node,
}

impl Entry {
    /// The key's text when the key is a scalar.
    pub fn key_str(&self) -> Option<&str> {
        match &self.key.kind {
            NodeKind::Scalar(s) => Some(&s.value),
            _ => None,
        }
    }
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence.
    Sequence(Vec<Node>),
    /// A mapping, in document order.
    Mapping(Vec<Entry>),
}

/// A node and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The content.
    pub kind: NodeKind,
    /// The byte range of the node in the source.
    pub span: Span,
    /// Whether the node is a flow collection (`[...]`, `{...}`).
    pub flow: bool,
}

impl Node {
    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| s.value.as_str())
    }

    /// The entries, if this is a mapping.
    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(s) => Some(s),
            _ => None,
        }
    }

    /// The entry for `key` in a mapping (the first one).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?.iter().find(|e| e.key_str() == Some(key))
    }

    /// The value for `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// Whether this is a YAML null (`~`, `null`, or nothing).
    pub fn is_null(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar(s) => {
                s.is_plain() && matches!(s.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    /// A short English name of the node's YAML type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) if !s.is_plain() => "a string",
            NodeKind::Scalar(s) => match crate::yaml::core_type(&s.value) {
                crate::yaml::CoreType::Null => "null",
                crate::yaml::CoreType::Bool => "a boolean",
                crate::yaml::CoreType::Int => "a number",
                crate::yaml::CoreType::Float => "a number",
                crate::yaml::CoreType::Str => "a string",
            },
            NodeKind::Sequence(_) => "a list",
            NodeKind::Mapping(_) => "a mapping",
        }
    }

    /// Counts the nodes in this subtree and the bytes of its scalars (keys included),
    /// in one walk: what copying it for an alias costs.
    pub fn cost(&self) -> (usize, usize) {
        match &self.kind {
            NodeKind::Scalar(s) => (1, s.value.len()),
            NodeKind::Sequence(items) => items.iter().fold((1, 0), |(n, b), i| {
                let (n2, b2) = i.cost();
                (n + n2, b.saturating_add(b2))
            }),
            NodeKind::Mapping(entries) => entries.iter().fold((1, 0), |(n, b), e| {
                let (kn, kb) = e.key.cost();
                let (vn, vb) = e.value.cost();
                (n + kn + vn, b.saturating_add(kb).saturating_add(vb))
            }),
        }
    }

    /// Counts the nodes in this subtree (used to bound alias expansion).
    pub fn size(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar(_) => 1,
            NodeKind::Sequence(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeKind::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|e| e.key.size() + e.value.size())
                    .sum::<usize>()
            }
        }
    }
}
