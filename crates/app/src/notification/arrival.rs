//! What a new filing sets off, inside the transaction that stores it: the receipt email,
//! the request to pay when the fee is paid online now, and the department's webhooks.

use madoguchi_core::TenantId;
use madoguchi_records::{OutboxRecord, Records, RecordsRead, WebhookDeliveryRecord, WebhookRecord};

use crate::kernel::{App, AppError};
use crate::notification::booking_mails::BookingNews;
use crate::notification::webhooks::webhook_deliveries;
use crate::submission::Receipt;
use crate::submission::store::Arrival;

/// The rows a new filing's announcement adds (written by the caller, in the filing's
/// transaction).
#[derive(Debug, Default)]
pub(crate) struct Notices {
    pub mails: Vec<OutboxRecord>,
    pub deliveries: Vec<WebhookDeliveryRecord>,
}

impl App {
    /// Queues the receipt email (and the request to pay) to the contact address, if the
    /// answers gave one, and the webhooks of the arrival event.
    pub(crate) fn announce_arrival(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        receipt: &Receipt,
        arrival: &Arrival,
    ) -> Result<(), AppError> {
        let hooks = c.webhooks(&arrival.row.tenant_id, &arrival.department_code)?;
        let notices = self.arrival_notices(c, tenant, receipt, arrival, &hooks)?;
        if !notices.deliveries.is_empty() {
            c.enqueue_webhooks(&notices.deliveries)?;
        }
        let mut mails = notices.mails;
        // Each booking made with it: the time, the place, the link and the calendar entry.
        for id in &arrival.bookings {
            let booking = c.find_booking(tenant, id)?.ok_or(AppError::NotFound)?;
            let booking = self.filed_booking(c, tenant, &booking)?;
            mails.extend(self.booking_mail(
                c,
                tenant,
                &arrival.row,
                &booking,
                BookingNews::Made,
            )?);
        }
        if !mails.is_empty() {
            c.enqueue_mails(&mails)?;
        }
        Ok(())
    }

    /// What [`App::announce_arrival`] queues, given the department's webhooks (`hooks`,
    /// read once for a batch of filings to one department). `c` is only read.
    pub(crate) fn arrival_notices(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        receipt: &Receipt,
        arrival: &Arrival,
        hooks: &[WebhookRecord],
    ) -> Result<Notices, AppError> {
        let mut notices = Notices {
            mails: Vec::new(),
            deliveries: webhook_deliveries(
                hooks,
                &arrival.row,
                &arrival.department_code,
                &arrival.event,
            ),
        };
        if let Some(email) = &arrival.row.contact_email {
            notices
                .mails
                .push(self.receipt_mail(c, tenant, receipt, email)?);
            if let Some(token) = &arrival.pay_token {
                notices
                    .mails
                    .push(self.payment_request_mail(c, receipt, tenant, token, email)?);
            }
        }
        Ok(notices)
    }
}
