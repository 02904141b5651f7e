//! Pure, deterministic layout algorithms: same input, same coordinates.

pub mod hub;
pub mod layered;
pub mod tidy;
