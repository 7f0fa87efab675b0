//! Hand-written and imported specs of the same product and version, together.
//!
//! `acs-codegen import` writes specs marked `info.x-acs-imported-from`; people keep them in
//! a directory of their own and generate from both (`--specs specs --specs specs/imported`).
//! When a hand-written spec and an imported one define the same product and version, the
//! hand-written one takes precedence, so re-importing never overwrites a hand-written fact:
//!
//! - an operation the hand-written spec defines replaces the imported operation of the
//!   same action, whole (parameters, responses, error codes, docs);
//! - the document's facts (`info`, `servers`, `x-acs-endpoints`) are the hand-written ones;
//! - components are merged, the hand-written schema winning on a name both define;
//! - every other imported operation is kept as imported.
//!
//! Each file is validated on its own first, so every problem is located in its own file.

use crate::parse::{Components, Document};

/// `hand` over `imported`.
pub(crate) fn overlay(mut hand: Document, imported: Document) -> Document {
    for (key, item) in imported.paths {
        hand.paths.entry(key).or_insert(item);
    }
    if let Some(theirs) = imported.components {
        let ours = hand.components.get_or_insert_with(Components::default);
        for (name, schema) in theirs.schemas {
            ours.schemas.entry(name).or_insert(schema);
        }
    }
    hand
}
