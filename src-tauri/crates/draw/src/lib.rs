//! orgpath's drawing: a dataset to positioned shapes, the third floor.
//!
//! Owns the four views ([`views`]: organisation tree, relationship map, career paths,
//! inquiry flow), the pure layouts they use ([`layout`]), the [`scene`] they produce
//! (cards, text runs, routed edges, labels, a legend), font metrics and line breaking
//! ([`font`]), and tours' steps as scenes ([`tour`]). It reads the validated dataset
//! from `orgpath-model` and may not know how files are read (`orgpath-load`), how a
//! scene is painted (`orgpath-render`), or that a window exists.

pub mod font;
pub mod layout;
pub mod scene;
pub mod tour;
pub mod views;

/// The built-in dataset, for tests of the drawing.
#[cfg(test)]
pub(crate) fn builtin() -> orgpath_model::Dataset {
    let json = orgpath_model::BUILTIN_JSON.as_bytes();
    orgpath_load::load_json(json, orgpath_model::BUILTIN_NAME, &views::ViewDrawings)
        .unwrap_or_else(|r| panic!("{r}"))
}
