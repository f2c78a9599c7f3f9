//! Operations: setting up a municipality and the demo, loading postal codes, retention,
//! the published figures, and the vitals `/metrics` reports.

mod approval_figures;
mod booking_figures;
mod demo;
mod elsewhere;
mod fact_signoff;
mod figures;
mod keys;
mod organisation;
mod postal;
pub mod procedure_set;
mod retention;
mod setup;
mod vitals;

pub use approval_figures::{ApprovalFigures, StepFigure};
pub use booking_figures::BookingFigureRow;
pub use demo::DEMO_DOMAIN;
pub use elsewhere::{
    ElsewhereFault, ElsewhereField, ElsewhereInput, ElsewherePage, ElsewhereProblem, ElsewhereRow,
    MAX_COUNT,
};
pub use fact_signoff::{
    ConfirmFault, ConfirmInput, Confirmation, Evidence, FactToSignOff, MAX_EVIDENCE_CHARS,
    ProcedureToSignOff, SignOffPage,
};
pub use figures::{FactProgress, FigureRow, Figures, fiscal_year_of};
pub use keys::{KeyCheckError, KeyMismatch, RotatedKey, key_check_value};
pub use madoguchi_records::{PoolVitals, QueueVitals, Vitals};
pub use postal::{ImportError, PostalRows, parse_postal_csv};
pub use retention::RetentionReport;
pub use setup::{
    DEMO_PASSWORD, DEMO_RESIDENT, DEMO_TENANT, DemoLogin, Municipality, RESIDENT_LOGIN,
};
pub use vitals::OperationalVitals;
