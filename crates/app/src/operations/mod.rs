//! Operations: setting up a municipality and the demo, loading postal codes, retention,
//! and the published figures.

mod demo;
mod figures;
mod keys;
mod postal;
mod retention;
mod setup;

pub use demo::DEMO_DOMAIN;
pub use figures::{FigureRow, Figures, fiscal_year_of};
pub use keys::{KeyCheckError, KeyMismatch, RotatedKey, key_check_value};
pub use postal::{ImportError, parse_postal_csv};
pub use retention::RetentionReport;
pub use setup::{
    DEMO_PASSWORD, DEMO_RESIDENT, DEMO_TENANT, DemoLogin, Municipality, RESIDENT_LOGIN,
};
