#![doc = include_str!("../README.md")]

pub mod definition;
pub mod display;
pub mod errors;
pub mod fee;
pub mod formats;
pub mod input;
pub mod model;
pub mod normalize;
pub mod registry;
mod validate;

pub use definition::{FormDefinition, IdentityLevel, ProcedureSettings};
pub use display::Answer;
pub use errors::{FieldError, FormErrorCode};
pub use fee::FeeQuote;
pub use model::{Field, FieldKind, Step};
pub use registry::{Form, FormLoadError, FormRegistry, Problem};
