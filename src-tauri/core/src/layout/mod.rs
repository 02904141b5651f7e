//! Pure, deterministic layout algorithms: same input, same coordinates.

pub mod layered;
pub mod tree;
