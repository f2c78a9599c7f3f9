//! What a mail in the outbox is (stored as its code, shown to clerks by name).

crate::column::code_enum! {
    /// The kind of a mail the service sends.
    pub enum MailKind {
        /// 受付のお知らせ: the filing arrived.
        Receipt = "receipt",
        /// The decision, with the notice attached or linked.
        Decision = "decision",
        /// The office asks for a correction (補正).
        CorrectionRequest = "correction_request",
        /// The correction is still awaited.
        CorrectionReminder = "correction_reminder",
        /// The applicant sent the correction.
        Resubmitted = "resubmitted",
        /// The applicant withdrew the filing (取下げ).
        Withdrawn = "withdrawn",
        /// A clerk took the filing up (審査中).
        InReview = "in_review",
        /// The processing period was extended (延長), with the reason.
        Extended = "extended",
        /// The matter is completed (完結).
        Closed = "closed",
        /// Please pay (with the secret link).
        PaymentRequest = "payment_request",
        PaymentReceived = "payment_received",
        Refund = "refund",
        /// A saved draft's link to go on later.
        ResumeLink = "resume_link",
        /// The code that confirms a guest's address.
        EmailCode = "email_code",
        /// Someone tried to register an address that already has an account.
        AccountExists = "account_exists",
        AccountVerify = "account_verify",
        AccountReset = "account_reset",
        AccountPasswordChanged = "account_password_changed",
        /// A booking made, requested, changed or confirmed (with its calendar entry).
        Booking = "booking",
        /// A booking cancelled (with the calendar's CANCEL).
        BookingCancelled = "booking_cancelled",
        /// Tomorrow is the booked day.
        BookingReminder = "booking_reminder",
        /// A clerk stopped the booked time: the reason, and where to choose another.
        BookingStopped = "booking_stopped",
        /// In line for a full time (キャンセル待ち), with the link to the place in line.
        WaitlistJoined = "waitlist_joined",
        /// A place freed in the time waited for is held for the person: the link takes it.
        WaitlistOffer = "waitlist_offer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in MailKind::ALL {
            assert_eq!(k.code().parse::<MailKind>().unwrap(), *k);
        }
        assert!("postcard".parse::<MailKind>().is_err());
    }
}
