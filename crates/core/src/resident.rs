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

crate::column::code_enum! {
    /// An identity document a counter clerk records as checked (本人確認書類).
    pub enum IdentityDocument {
        MyNumberCard = "my_number_card",
        DrivingLicence = "driving_licence",
        Passport = "passport",
        /// 在留カード or 特別永住者証明書.
        ResidenceCard = "residence_card",
        /// Two other documents (a health-insurance certificate and another).
        TwoDocuments = "two_documents",
    }
}

impl IdentityDocument {
    /// Its name, in every language (`core.ftl`).
    pub fn label(self) -> crate::Localized {
        use madoguchi_i18n::msg;
        let text = match self {
            IdentityDocument::MyNumberCard => msg::identity_document_my_number_card::text,
            IdentityDocument::DrivingLicence => msg::identity_document_driving_licence::text,
            IdentityDocument::Passport => msg::identity_document_passport::text,
            IdentityDocument::ResidenceCard => msg::identity_document_residence_card::text,
            IdentityDocument::TwoDocuments => msg::identity_document_two_documents::text,
        };
        crate::Localized::from_fn(|lang| text(lang).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for d in IdentityDocument::ALL {
            assert_eq!(d.code().parse::<IdentityDocument>().unwrap(), *d);
            for lang in crate::Lang::ALL {
                assert!(!d.label().get(lang).is_empty(), "{d} in {lang:?}");
            }
        }
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
