//! The spanned YAML tree as a `serde_json::Value`, typing plain scalars by the YAML
//! 1.2 core schema, so that a publiccode.yml can be checked against a JSON Schema
//! exactly as yaml-language-server would see it.

use publiccode::yaml::{CoreType, Node, NodeKind, core_type};
use serde_json::{Map, Number, Value};

/// Converts a node (and its subtree) to JSON.
pub fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar(s) if !s.is_plain() => Value::String(s.value.clone()),
        NodeKind::Scalar(s) => match core_type(&s.value) {
            CoreType::Null => Value::Null,
            CoreType::Bool => Value::Bool(s.value.eq_ignore_ascii_case("true")),
            CoreType::Int => int(&s.value).unwrap_or_else(|| Value::String(s.value.clone())),
            CoreType::Float => s
                .value
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map_or_else(|| Value::String(s.value.clone()), Value::Number),
            CoreType::Str => Value::String(s.value.clone()),
        },
        NodeKind::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Mapping(entries) => {
            let mut map = Map::new();
            for e in entries {
                let key = match &e.key.kind {
                    NodeKind::Scalar(s) => s.value.clone(),
                    _ => continue,
                };
                map.insert(key, to_json(&e.value));
            }
            Value::Object(map)
        }
    }
}

fn int(s: &str) -> Option<Value> {
    let parsed = if let Some(h) = s.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()
    } else if let Some(o) = s.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()
    } else {
        s.strip_prefix('+').unwrap_or(s).parse::<i64>().ok()
    };
    match parsed {
        Some(i) => Some(Value::Number(i.into())),
        None => s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
    }
}
