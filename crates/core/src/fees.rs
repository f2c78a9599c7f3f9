//! The closed sets of fee collection, shared by the procedure definitions (`forms`), the
//! provider interface (`payment`) and the stored payments and refunds (`records`): each is
//! stored and serialised as its `code()`.

use crate::column::code_enum;

code_enum! {
    /// How and when a procedure's fee is paid. A fee rule always says which: there is no
    /// default, because a wrong guess charges a resident twice or not at all.
    pub enum FeeTiming {
        /// Online, right after the resident confirms the filing; the office decides only
        /// once it is paid.
        OnSubmission = "on_submission",
        /// Online, once the office approves (事後決済: certificates are charged when the
        /// office has confirmed it can issue them); the matter is closed only once it is
        /// paid.
        AfterApproval = "after_approval",
        /// At the counter, in cash or by the counter's terminal (appointments, pre-entry).
        AtCounter = "at_counter",
        /// With a sticker, stamp or ticket the resident buys elsewhere (粗大ごみ処理券 at a
        /// shop, 収入印紙 at a post office) and hands in or sticks on; never charged here.
        BoughtElsewhere = "bought_elsewhere",
        /// Paid to someone else or where the service is given (a plant by weight, a
        /// contractor); the form only says what it costs.
        InformationOnly = "information_only",
    }
}

impl FeeTiming {
    /// Collected by the platform's payment provider.
    pub fn is_online(self) -> bool {
        matches!(self, FeeTiming::OnSubmission | FeeTiming::AfterApproval)
    }
}

code_enum! {
    /// Where a payment stands.
    pub enum PaymentStatus {
        /// Owed, and no checkout has been made yet (the platform's own first state; a
        /// provider never reports it).
        Due = "due",
        /// A checkout exists; the resident has not paid yet.
        Created = "created",
        /// The resident chose a method that is paid later (a convenience-store payment
        /// number was issued); the money has not arrived yet.
        Pending = "pending",
        Paid = "paid",
        /// The resident gave up, the checkout timed out, or the payment number lapsed.
        Expired = "expired",
        Failed = "failed",
        /// Refunded in full. A partial refund leaves the payment `Paid`.
        Refunded = "refunded",
    }
}

impl PaymentStatus {
    /// Nothing more will happen to the payment.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            PaymentStatus::Expired | PaymentStatus::Failed | PaymentStatus::Refunded
        )
    }

    /// The money arrived (whether or not it was given back since).
    pub fn is_settled(self) -> bool {
        matches!(self, PaymentStatus::Paid | PaymentStatus::Refunded)
    }
}

code_enum! {
    /// How the resident paid.
    pub enum PaymentMethod {
        Card = "card",
        /// Convenience store (コンビニ払い): a payment number paid at the till later.
        Konbini = "konbini",
        /// A QR code paid from a phone app.
        Qr = "qr",
        /// Cash handed over at a counter (窓口収納); only a clerk records it.
        Cash = "cash",
    }
}

code_enum! {
    /// Where a fee was collected.
    pub enum PaymentChannel {
        /// Through the payment provider's hosted checkout.
        Online = "online",
        /// At a city counter (窓口収納): cash, or the counter's card or QR terminal,
        /// recorded by the clerk who took it with the receipt number the till printed.
        Counter = "counter",
    }
}

code_enum! {
    /// Where a refund stands.
    pub enum RefundState {
        /// Owed; the provider is asked (again) when `next_attempt_at` passes.
        Requested = "requested",
        Done = "done",
        /// The provider refused it for good: a person has to return the money.
        Failed = "failed",
    }
}

code_enum! {
    /// Why a paid fee is given back.
    pub enum RefundReason {
        /// The office rejected the filing and the fee is refundable.
        Rejected = "rejected",
        /// The resident withdrew the filing and the fee is refundable.
        Withdrawn = "withdrawn",
        /// The money arrived after the filing was already rejected or withdrawn.
        PaidAfterClose = "paid_after_close",
        /// The same fee was paid twice, online and at the counter: the later online
        /// payment is given back.
        PaidTwice = "paid_twice",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_serialise_as_stored() {
        fn check<T>(all: &[T])
        where
            T: Copy + std::fmt::Debug + PartialEq + std::str::FromStr + serde::Serialize,
            T: std::fmt::Display,
            <T as std::str::FromStr>::Err: std::fmt::Debug,
        {
            for v in all {
                let code = v.to_string();
                assert_eq!(code.parse::<T>().unwrap(), *v);
                assert_eq!(serde_json::to_value(v).unwrap(), code.as_str());
            }
            assert!("nope".parse::<T>().is_err());
        }
        check(FeeTiming::ALL);
        check(PaymentStatus::ALL);
        check(PaymentMethod::ALL);
        check(PaymentChannel::ALL);
        check(RefundState::ALL);
        check(RefundReason::ALL);
    }
}
