//! Operations: setting up a municipality and the demo, loading postal codes, retention,
//! and the published figures.

mod figures;
mod postal;
mod retention;
mod setup;

pub use figures::{FigureRow, Figures, fiscal_year_of};
pub use postal::{ImportError, parse_postal_csv};
pub use retention::RetentionReport;
pub use setup::{
    DEMO_PASSWORD, DEMO_RESIDENT, DEMO_TENANT, DemoLogin, Municipality, RESIDENT_LOGIN,
};
