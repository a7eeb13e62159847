//! Events from `saphyr-parser` to a [`Node`] tree, with limits.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as PStyle};

use super::node::{Entry, Node, NodeKind, Scalar, ScalarStyle};
use crate::{LineIndex, Span};

/// Bounds that keep hostile input cheap.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Limits {
    /// Deepest nesting of collections.
    pub max_depth: usize,
    /// Most nodes the whole tree may hold once aliases are expanded.
    pub max_nodes: usize,
    /// Most bytes of scalar text that alias expansion may copy, in total: counting
    /// nodes alone let one long string aliased many times ask for gigabytes.
    pub max_alias_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_nodes: 200_000,
            max_alias_bytes: 8 << 20,
        }
    }
}

impl Limits {
    /// These limits with at most `n` levels of nesting.
    #[must_use]
    pub fn with_max_depth(mut self, n: usize) -> Limits {
        self.max_depth = n;
        self
    }

    /// These limits with at most `n` nodes after alias expansion.
    #[must_use]
    pub fn with_max_nodes(mut self, n: usize) -> Limits {
        self.max_nodes = n;
        self
    }

    /// These limits with at most `n` bytes copied by alias expansion.
    #[must_use]
    pub fn with_max_alias_bytes(mut self, n: usize) -> Limits {
        self.max_alias_bytes = n;
        self
    }
}

/// What went wrong while loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// Not well-formed YAML.
    Syntax,
    /// More than one document in the stream.
    MultipleDocuments,
    /// A key appears twice in one mapping (not fatal: the first is kept).
    DuplicateKey,
    /// Nesting deeper than [`Limits::max_depth`].
    TooDeep,
    /// Aliases expand to more than [`Limits::max_nodes`] nodes.
    TooManyNodes,
    /// Aliases expand to more than [`Limits::max_alias_bytes`] bytes of text.
    AliasTooLarge,
    /// An alias to an anchor that was never defined.
    UnknownAnchor,
}

/// A loading problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The kind.
    pub kind: LoadErrorKind,
    /// A message in English.
    pub message: String,
    /// Where.
    pub span: Span,
    /// For duplicate keys: where the key was first defined.
    pub first: Option<Span>,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        flow: bool,
    },
    Map {
        entries: Vec<Entry>,
        key: Option<Node>,
        /// The keys so far and where each is, once the mapping has more than
        /// [`LINEAR_KEYS`] entries; below that the entries are searched instead (no
        /// allocation or hashing for the small mappings of a descriptor).
        seen: Option<HashMap<String, Span>>,
        /// The entry being skipped because its key is a duplicate.
        skip: bool,
        start: usize,
        anchor: usize,
        flow: bool,
    },
}

/// Loads a single-document YAML text.
///
/// Returns the root node (`None` for an empty stream) and every non-fatal problem
/// (duplicate keys); a fatal problem is returned as `Err` together with the
/// non-fatal ones found before it.
// Long on purpose: one loop over the parser's events sharing the open frames, anchors
// and counts; each arm is short and hands the work to the helpers below.
pub fn load(
    text: &str,
    index: &LineIndex,
    limits: Limits,
) -> Result<(Option<Node>, Vec<LoadError>), Vec<LoadError>> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut problems = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut alias_bytes = 0usize;
    // The parser counts characters; the index turns that into bytes in O(1), with no
    // notion of lines involved (so stray line breaks cannot shift a position).
    // Positions mostly move forward, so each is found by scanning on from the last.
    let cursor = std::cell::Cell::new(crate::diagnostic::CharCursor::default());
    let pos = |m: saphyr_parser::Marker| -> usize {
        let mut c = cursor.get();
        let at = index.char_to_byte_from(&mut c, m.index());
        cursor.set(c);
        at
    };

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let at = pos(*e.marker());
                problems.push(LoadError {
                    kind: LoadErrorKind::Syntax,
                    message: e.info().to_string(),
                    span: Span::point(at),
                    first: None,
                });
                return Err(problems);
            }
        };
        let start = pos(span.start);
        let end = pos(span.end);
        let node = match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    problems.push(LoadError {
                        kind: LoadErrorKind::MultipleDocuments,
                        message: "a publiccode.yml file holds exactly one YAML document".into(),
                        span: Span::new(start, end),
                        first: None,
                    });
                    return Err(problems);
                }
                continue;
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                let start = if anchor != 0 || tag.is_some() {
                    skip_properties(text, start, end)
                } else {
                    start
                };
                if stack.len() >= limits.max_depth {
                    problems.push(too_deep(start, limits));
                    return Err(problems);
                }
                let seq = matches!(event, Event::SequenceStart(..));
                stack.push(open_frame(text, seq, anchor, start));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(f @ Frame::Seq { .. }) => close_frame(f, end, &mut anchors),
                _ => continue,
            },
            Event::MappingEnd => match stack.pop() {
                Some(f @ Frame::Map { .. }) => close_frame(f, end, &mut anchors),
                _ => continue,
            },
            Event::Scalar(value, style, anchor, tag) => {
                // The node is the value itself: a fix that replaces it keeps `&anchor`
                // and `!tag` (`&y yes` becomes `&y true`, and `*y` still resolves).
                let start = if anchor != 0 || tag.is_some() {
                    skip_properties(text, start, end)
                } else {
                    start
                };
                let node = scalar_node(
                    value.into_owned(),
                    style,
                    tag.map(|t| t.to_string()),
                    start,
                    end,
                );
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(target) => {
                    match expand_alias(
                        target,
                        Span::new(start, end),
                        limits,
                        &mut nodes,
                        &mut alias_bytes,
                    ) {
                        Ok(n) => n,
                        Err(e) => {
                            problems.push(e);
                            return Err(problems);
                        }
                    }
                }
                None => {
                    problems.push(LoadError {
                        kind: LoadErrorKind::UnknownAnchor,
                        message: "alias to an undefined anchor".into(),
                        span: Span::new(start, end),
                        first: None,
                    });
                    return Err(problems);
                }
            },
        };
        nodes += 1;
        if nodes > limits.max_nodes {
            problems.push(LoadError {
                kind: LoadErrorKind::TooManyNodes,
                message: format!("the document has more than {} nodes", limits.max_nodes),
                span: node.span,
                first: None,
            });
            return Err(problems);
        }
        attach(&mut stack, &mut root, &mut problems, node);
    }
    Ok((root, problems))
}

/// A start event's error when collections nest deeper than the limit.
fn too_deep(start: usize, limits: Limits) -> LoadError {
    LoadError {
        kind: LoadErrorKind::TooDeep,
        message: format!(
            "collections are nested more than {} levels deep",
            limits.max_depth
        ),
        span: Span::point(start),
        first: None,
    }
}

/// The frame a sequence (`seq`) or mapping start event opens at `start` (after its
/// properties); flow when it starts with a bracket.
fn open_frame(text: &str, seq: bool, anchor: usize, start: usize) -> Frame {
    let flow = matches!(text.as_bytes().get(start), Some(b'[' | b'{'));
    if seq {
        Frame::Seq {
            items: Vec::new(),
            start,
            anchor,
            flow,
        }
    } else {
        Frame::Map {
            entries: Vec::new(),
            key: None,
            seen: None,
            skip: false,
            start,
            anchor,
            flow,
        }
    }
}

/// The node of a closed collection (recorded under its anchor, if any): a block one
/// ends at its last item, a flow one at its closing bracket (`end`).
fn close_frame(frame: Frame, end: usize, anchors: &mut HashMap<usize, Node>) -> Node {
    let (node, anchor) = match frame {
        Frame::Seq {
            items,
            start: s,
            anchor,
            flow,
        } => {
            let e = if flow {
                end
            } else {
                items.last().map_or(s, |n| n.span.end)
            };
            let node = Node {
                kind: NodeKind::Sequence(items),
                span: Span::new(s, e.max(s)),
                flow,
            };
            (node, anchor)
        }
        Frame::Map {
            entries,
            start: s,
            anchor,
            flow,
            ..
        } => {
            let e = if flow {
                end
            } else {
                entries
                    .last()
                    .map_or(s, |n| n.value.span.end.max(n.key.span.end))
            };
            let node = Node {
                kind: NodeKind::Mapping(resolve_merge_keys(entries)),
                span: Span::new(s, e.max(s)),
                flow,
            };
            (node, anchor)
        }
    };
    if anchor != 0 {
        anchors.insert(anchor, node.clone());
    }
    node
}

/// A scalar event's node, spanning its value (`start` is after its properties).
fn scalar_node(
    value: String,
    style: PStyle,
    tag: Option<String>,
    start: usize,
    end: usize,
) -> Node {
    let style = match style {
        PStyle::Plain => ScalarStyle::Plain,
        PStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        PStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        PStyle::Literal => ScalarStyle::Literal,
        PStyle::Folded => ScalarStyle::Folded,
    };
    Node {
        kind: NodeKind::Scalar(Scalar { value, style, tag }),
        span: Span::new(start, end),
        flow: false,
    }
}

/// A copy of an alias's target at the alias's place, counted against the node and
/// alias-text limits (the "billion laughs" defence).
fn expand_alias(
    target: &Node,
    span: Span,
    limits: Limits,
    nodes: &mut usize,
    alias_bytes: &mut usize,
) -> Result<Node, LoadError> {
    let (size, bytes) = target.cost();
    *nodes += size;
    *alias_bytes = alias_bytes.saturating_add(bytes);
    if *alias_bytes > limits.max_alias_bytes {
        return Err(LoadError {
            kind: LoadErrorKind::AliasTooLarge,
            message: format!(
                "aliases expand to more than {} bytes of text (a \"billion laughs\" document?)",
                limits.max_alias_bytes
            ),
            span,
            first: None,
        });
    }
    if *nodes > limits.max_nodes {
        return Err(LoadError {
            kind: LoadErrorKind::TooManyNodes,
            message: format!(
                "aliases expand to more than {} nodes (a \"billion laughs\" document?)",
                limits.max_nodes
            ),
            span,
            first: None,
        });
    }
    let mut n = target.clone();
    n.span = span;
    Ok(n)
}

/// Puts a finished node where it belongs: the root, the open sequence, or the open
/// mapping as its next key (a duplicate key is reported and its entry skipped) or value.
fn attach(stack: &mut [Frame], root: &mut Option<Node>, problems: &mut Vec<LoadError>, node: Node) {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map {
            entries,
            key,
            seen,
            skip,
            ..
        }) => match key.take() {
            None => {
                *skip = false;
                if let NodeKind::Scalar(s) = &node.kind {
                    if let Some(first) = first_definition(entries, seen, &s.value) {
                        problems.push(LoadError {
                            kind: LoadErrorKind::DuplicateKey,
                            message: format!("duplicate key \"{}\"", s.value),
                            span: node.span,
                            first: Some(first),
                        });
                        *skip = true;
                    } else if let Some(seen) = seen {
                        seen.insert(s.value.clone(), node.span);
                    }
                }
                *key = Some(node);
            }
            Some(k) => {
                if !*skip {
                    entries.push(Entry {
                        key: k,
                        value: node,
                    });
                }
                *skip = false;
            }
        },
    }
}

/// Mappings up to this many entries look a new key up among their entries; larger ones
/// index their keys, so that a hostile mapping with many keys stays linear.
const LINEAR_KEYS: usize = 32;

/// Where `key` was first defined in a mapping with `entries` so far (every entry's key
/// is distinct: a duplicate's entry is skipped). `seen` is the mapping's key index,
/// built once the mapping outgrows [`LINEAR_KEYS`] and kept up to date by the caller.
fn first_definition(
    entries: &[Entry],
    seen: &mut Option<HashMap<String, Span>>,
    key: &str,
) -> Option<Span> {
    if seen.is_none() && entries.len() <= LINEAR_KEYS {
        return entries
            .iter()
            .find(|e| e.key_str() == Some(key))
            .map(|e| e.key.span);
    }
    let index = seen.get_or_insert_with(|| {
        entries
            .iter()
            .filter_map(|e| Some((e.key_str()?.to_string(), e.key.span)))
            .collect()
    });
    index.get(key).copied()
}

/// Whether a key is the YAML merge key `<<` (plain, or tagged `!!merge`).
fn is_merge_key(key: &Node) -> bool {
    match &key.kind {
        NodeKind::Scalar(s) => {
            s.value == "<<"
                && (s.style == ScalarStyle::Plain
                    && s.tag
                        .as_deref()
                        .is_none_or(|t| t == "tag:yaml.org,2002:merge" || t.ends_with("!merge")))
        }
        _ => false,
    }
}

/// Resolves merge keys as YAML's merge type (and the reference validator's YAML
/// library) does: `<<: *a` or `<<: [*a, *b]` adds the entries of the merged mappings
/// whose keys the mapping does not set itself; with several sources the earlier wins.
/// Merged entries take the place of the `<<` entry and keep the spans of their
/// definition, so diagnostics point at the text that holds the value. A `<<` whose
/// value is not a mapping or a list of mappings is left as it is (and reported by the
/// validator as an unknown key).
fn resolve_merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    let mergeable = |e: &Entry| {
        is_merge_key(&e.key)
            && match &e.value.kind {
                NodeKind::Mapping(_) => true,
                NodeKind::Sequence(items) => {
                    items.iter().all(|i| matches!(i.kind, NodeKind::Mapping(_)))
                }
                NodeKind::Scalar(_) => false,
            }
    };
    if !entries.iter().any(mergeable) {
        return entries;
    }
    let explicit: Vec<String> = entries
        .iter()
        .filter(|e| !is_merge_key(&e.key))
        .filter_map(|e| e.key_str().map(str::to_string))
        .collect();
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        if !mergeable(&e) {
            out.push(e);
            continue;
        }
        let sources: Vec<Node> = match e.value.kind {
            NodeKind::Mapping(_) => vec![e.value],
            NodeKind::Sequence(items) => items,
            NodeKind::Scalar(_) => Vec::new(),
        };
        for src in sources {
            let NodeKind::Mapping(merged) = src.kind else {
                continue;
            };
            for m in merged {
                let Some(k) = m.key_str().map(str::to_string) else {
                    continue;
                };
                if explicit.contains(&k) || taken.contains(&k) {
                    continue;
                }
                taken.push(k);
                out.push(m);
            }
        }
    }
    out
}

/// The offset of a node's content after its properties (`&anchor`, `!tag`, in any
/// order, with the white space, line breaks and comments between them), never past
/// `end`.
fn skip_properties(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut at = start;
    loop {
        let Some(&b) = bytes.get(at) else {
            return start;
        };
        if at >= end {
            return start;
        }
        match b {
            b'&' | b'!' => {
                while at < end
                    && !matches!(
                        bytes[at],
                        b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'
                    )
                {
                    at += 1;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' => at += 1,
            b'#' => {
                while at < end && !matches!(bytes[at], b'\n' | b'\r') {
                    at += 1;
                }
            }
            _ => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(text: &str) -> Result<(Option<Node>, Vec<LoadError>), Vec<LoadError>> {
        load(text, &LineIndex::new(text), Limits::default())
    }

    #[test]
    fn spans_and_duplicates() {
        let text = "a: 1\nb:\n  - x\n  - y\na: 2\n";
        let (root, problems) = ld(text).unwrap();
        let root = root.unwrap();
        assert_eq!(root.as_mapping().unwrap().len(), 2);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, LoadErrorKind::DuplicateKey);
        assert_eq!(&text[problems[0].span.range()], "a");
        assert_eq!(problems[0].span.start, 20);
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.as_sequence().unwrap()[1].span.range()], "y");
    }

    #[test]
    fn duplicates_in_large_mappings() {
        // Past the linear search the key index finds the same first definitions.
        let mut text = String::new();
        for i in 0..(LINEAR_KEYS * 3) {
            text.push_str(&format!("k{i}: {i}\n"));
            if i % 7 == 0 {
                text.push_str(&format!("k{}: again\n", i / 2));
            }
        }
        let (root, problems) = ld(&text).unwrap();
        let root = root.unwrap();
        assert_eq!(root.as_mapping().unwrap().len(), LINEAR_KEYS * 3);
        let dups: Vec<&LoadError> = problems
            .iter()
            .filter(|p| p.kind == LoadErrorKind::DuplicateKey)
            .collect();
        assert_eq!(dups.len(), LINEAR_KEYS * 3 / 7 + 1);
        for p in dups {
            let key = &text[p.span.range()];
            let first = p.first.unwrap();
            assert_eq!(&text[first.range()], key);
            assert!(first.start < p.span.start);
            assert_eq!(text.find(&format!("{key}:")), Some(first.start));
        }
    }

    #[test]
    fn merge_keys() {
        let text = "base: &b\n  x: 1\n  y: 2\nother: &o\n  y: 20\n  z: 30\nm:\n  <<: [*b, *o]\n  x: 10\nn:\n  <<: *o\n";
        let (root, problems) = ld(text).unwrap();
        assert!(problems.is_empty());
        let root = root.unwrap();
        let m = root.get("m").unwrap();
        let keys: Vec<&str> = m
            .as_mapping()
            .unwrap()
            .iter()
            .filter_map(Entry::key_str)
            .collect();
        // The mapping's own x wins; y comes from the first source; z from the second.
        assert_eq!(keys, vec!["y", "z", "x"]);
        assert_eq!(m.get("x").and_then(Node::as_str), Some("10"));
        assert_eq!(m.get("y").and_then(Node::as_str), Some("2"));
        assert_eq!(m.get("z").and_then(Node::as_str), Some("30"));
        // Merged values keep the span of their definition.
        let z = m.get("z").unwrap();
        assert_eq!(&text[z.span.range()], "30");
        let n = root.get("n").unwrap();
        assert_eq!(n.get("y").and_then(Node::as_str), Some("20"));
        // A quoted "<<" is an ordinary key; a scalar value cannot be merged.
        let (root, _) = ld("a:\n  \"<<\": 1\nb:\n  <<: 1\n").unwrap();
        let root = root.unwrap();
        assert!(root.get("a").unwrap().get("<<").is_some());
        assert!(root.get("b").unwrap().get("<<").is_some());
    }

    #[test]
    fn non_ascii_offsets() {
        let text = "é: ü\nname: x\n";
        let (root, _) = ld(text).unwrap();
        let root = root.unwrap();
        let e = root.entry("name").unwrap();
        assert_eq!(&text[e.value.span.range()], "x");
    }

    #[test]
    fn spans_leave_out_anchors_and_tags() {
        let text = "a: &y yes\nb: !!str  &z\n  no\nc: &m {k: v}\nd: [&q x, *q]\n";
        let (root, _) = ld(text).unwrap();
        let root = root.unwrap();
        let at = |n: &Node| &text[n.span.range()];
        assert_eq!(at(root.get("a").unwrap()), "yes");
        assert_eq!(at(root.get("b").unwrap()), "no");
        assert!(at(root.get("c").unwrap()).starts_with("{k"));
        assert_eq!(at(&root.get("d").unwrap().as_sequence().unwrap()[0]), "x");
    }

    #[test]
    fn billion_laughs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = ld(&text).unwrap_err();
        assert_eq!(err.last().unwrap().kind, LoadErrorKind::TooManyNodes);
    }

    #[test]
    fn one_long_string_aliased_many_times() {
        let mut text = format!("a: &s {}\nb: [", "x".repeat(200_000));
        for _ in 0..190_000 {
            text.push_str("*s, ");
        }
        text.push_str("]\n");
        let err = ld(&text).unwrap_err();
        assert_eq!(err.last().unwrap().kind, LoadErrorKind::AliasTooLarge);
    }

    #[test]
    fn deep_nesting() {
        let text = "[".repeat(10_000);
        let err = ld(&text).unwrap_err();
        assert!(matches!(
            err.last().unwrap().kind,
            LoadErrorKind::TooDeep | LoadErrorKind::Syntax
        ));
    }

    #[test]
    fn multiple_documents() {
        let err = ld("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.last().unwrap().kind, LoadErrorKind::MultipleDocuments);
    }
}
