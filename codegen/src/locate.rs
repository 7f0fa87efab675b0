//! Maps spec paths to source positions.
//!
//! serde_yaml gives typed values but no positions, so the front end also runs a YAML event
//! parser over the same text and records where every node starts, keyed by the same dotted
//! path that validation uses (`paths./#Action=X.post.parameters[2].schema`). Aliases are not
//! expanded, so the index stays linear in the size of the input.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions (1-based line and column) of every node of one YAML document.
#[derive(Debug, Default)]
pub(crate) struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    /// A mapping: the path of the mapping itself, the key awaiting its value, and whether
    /// the mapping's own position is provisional (block mappings in sequences are reported
    /// by the event parser after their first key; the first key's position is better).
    Map {
        path: String,
        key: Option<String>,
        provisional: bool,
    },
    /// A sequence: the path of the sequence itself and the index of the next item.
    Seq { path: String, next: usize },
}

struct Builder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Builder {
    fn pos(mark: Marker) -> (usize, usize) {
        (mark.line().max(1), mark.col() + 1)
    }

    /// Called for every node start: returns the node's path, or `None` when the node is a
    /// mapping key (recorded as the pending key instead).
    fn enter(&mut self, mark: Marker, scalar: Option<&str>) -> Option<String> {
        let pos = Self::pos(mark);
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                self.positions.entry(p.clone()).or_insert(pos);
                Some(p)
            }
            Some(Frame::Map {
                path,
                key,
                provisional,
            }) => match key.take() {
                None => {
                    // This node is a key. Complex keys (mappings as keys) get a placeholder.
                    if std::mem::take(provisional) {
                        self.positions.insert(path.clone(), pos);
                    }
                    let k = scalar.unwrap_or("?").to_string();
                    let p = join(path, &k);
                    self.positions.entry(p).or_insert(pos);
                    *key = Some(k);
                    None
                }
                Some(k) => Some(join(path, &k)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                self.enter(mark, Some(&value));
            }
            Event::Alias(_) => {
                self.enter(mark, None);
            }
            Event::MappingStart(..) => {
                let provisional = !matches!(self.stack.last(), Some(Frame::Map { .. }));
                let entered = self.enter(mark, None);
                let path = entered.unwrap_or_else(|| "?".to_string());
                self.positions
                    .entry(path.clone())
                    .or_insert(Self::pos(mark));
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    provisional,
                });
            }
            Event::SequenceStart(..) => {
                let entered = self.enter(mark, None);
                let path = entered.unwrap_or_else(|| "?".to_string());
                self.positions
                    .entry(path.clone())
                    .or_insert(Self::pos(mark));
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Locator {
    /// Indexes `source`. A document the event parser rejects yields a partial index; the
    /// caller reports the parse error through serde_yaml, which has its own position.
    pub(crate) fn new(source: &str) -> Self {
        let mut builder = Builder {
            stack: Vec::new(),
            positions: HashMap::new(),
        };
        let _ = Parser::new_from_str(source).load(&mut builder, false);
        Locator {
            positions: builder.positions,
        }
    }

    /// Position of the node at `path`, or of its nearest ancestor that exists in the source
    /// (a missing key is reported where its parent is).
    pub(crate) fn position(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.positions.get("").copied().unwrap_or((1, 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_keys_and_sequence_items() {
        let src = "info:\n  version: '1'\npaths:\n  /#Action=A:\n    post:\n      parameters:\n        - name: a\n        - name: b\n          schema:\n            type: string\n";
        let loc = Locator::new(src);
        assert_eq!(loc.position("info.version"), (2, 3));
        assert_eq!(loc.position("paths./#Action=A.post.parameters[1]"), (8, 11));
        assert_eq!(
            loc.position("paths./#Action=A.post.parameters[1].schema.type"),
            (10, 13)
        );
        // A missing key falls back to its parent.
        assert_eq!(
            loc.position("paths./#Action=A.post.parameters[0].schema"),
            (7, 11)
        );
    }
}
