//! Pure, deterministic layout algorithms: same input, same coordinates.

pub mod tree;
