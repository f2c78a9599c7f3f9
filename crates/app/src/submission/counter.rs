//! What a counter clerk records about a filing made at the counter.

/// Identity documents a clerk may record as checked: (code, label).
pub const IDENTITY_DOCUMENTS: &[(&str, &str, &str)] = &[
    ("my_number_card", "マイナンバーカード", "My Number Card"),
    ("driving_licence", "運転免許証", "Driving licence"),
    ("passport", "パスポート", "Passport"),
    (
        "residence_card",
        "在留カード・特別永住者証明書",
        "Residence card / special permanent resident certificate",
    ),
    (
        "two_documents",
        "その他の書類2点(健康保険の資格確認書など)",
        "Two other documents (health insurance certificate…)",
    ),
];
