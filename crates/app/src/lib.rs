#![doc = include_str!("../README.md")]

pub mod kernel;

pub mod notification;
pub mod submission;

pub mod authoring;
pub mod bookings;
pub mod congestion;
pub mod counter;
pub mod fees;
pub mod filing;
pub mod integrations;
pub mod operations;
pub mod residents;
pub mod review;
pub mod staff;

pub use kernel::{App, AppConfig, AppError, SecretKeys, THROTTLE_WINDOW};

impl App {
    /// Builds the application and records every loaded form version in the database, so a
    /// submission can always be shown with the form it was filed under.
    pub fn new(
        db: std::sync::Arc<dyn madoguchi_records::Database>,
        forms: madoguchi_forms::FormRegistry,
        clock: std::sync::Arc<dyn kernel::Clock>,
        config: AppConfig,
    ) -> Result<App, AppError> {
        let app = App::assemble(db, forms, clock, config);
        app.record_form_versions(&app.catalogue())?;
        app.refresh_published()?;
        app.fill_search_keys()?;
        app.reload_tenants()?;
        Ok(app)
    }
}
