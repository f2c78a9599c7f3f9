#![doc = include_str!("../README.md")]

pub mod bounds;
pub mod catalog;
pub mod checkdigits;
pub mod definition;
pub mod display;
pub mod errors;
pub mod examples;
pub mod fee;
pub mod formats;
pub mod guide;
pub mod hidden;
pub mod input;
pub mod integers;
pub mod model;
pub mod normalize;
pub mod provenance;
pub mod registry;
pub mod rules;
pub mod strict_json;
mod validate;
pub mod wareki;

pub use definition::{FormDefinition, IdentityLevel, ProcedureSettings};
pub use display::Answer;
pub use errors::{FieldError, FormErrorCode};
pub use fee::FeeQuote;
pub use model::{Field, FieldKind, Step};
pub use registry::{Form, FormLoadError, FormRegistry, Problem};
