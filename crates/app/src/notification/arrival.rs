//! What a new filing sets off, inside the transaction that stores it: the receipt email,
//! the request to pay when the fee is paid online now, and the department's webhooks.

use madoguchi_core::TenantId;
use madoguchi_records::Records;

use crate::kernel::{App, AppError};
use crate::submission::Receipt;
use crate::submission::store::Arrival;

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
        self.queue_department_webhooks(c, &arrival.row, &arrival.department_code, &arrival.event)?;
        if let Some(email) = &arrival.row.contact_email {
            let mail = self.receipt_mail(c, tenant, receipt, email)?;
            c.enqueue_mail(&mail)?;
            if let Some(token) = &arrival.pay_token {
                let mail = self.payment_request_mail(c, receipt, tenant, token, email)?;
                c.enqueue_mail(&mail)?;
            }
        }
        Ok(())
    }
}
