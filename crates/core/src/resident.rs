//! Closed sets of the resident-facing records, stored as text (the codes are the stored
//! values, unchanged).

crate::column::code_enum! {
    /// What a document issued to an applicant is.
    pub enum DocumentKind {
        /// 決定通知書: the decision on a filing, with reasons and appeal rights.
        DecisionNotice = "decision_notice",
    }
}

crate::column::code_enum! {
    /// What an emailed link of a resident's account is for.
    pub enum AccountLinkPurpose {
        /// Confirms the account's address.
        Verify = "verify",
        /// Sets a new password.
        Reset = "reset",
    }
}

crate::column::code_enum! {
    /// How a browser session's resident identity was reached.
    pub enum SignInLevel {
        /// An account (of this service, or at the provider).
        Account = "account",
        /// The My Number Card, read at the provider.
        MyNumberCard = "my_number_card",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in DocumentKind::ALL {
            assert_eq!(k.code().parse::<DocumentKind>().unwrap(), *k);
        }
        for p in AccountLinkPurpose::ALL {
            assert_eq!(p.code().parse::<AccountLinkPurpose>().unwrap(), *p);
        }
        for l in SignInLevel::ALL {
            assert_eq!(l.code().parse::<SignInLevel>().unwrap(), *l);
            assert_eq!(serde_json::to_value(l).unwrap(), l.code());
        }
        assert!("nope".parse::<SignInLevel>().is_err());
    }
}
