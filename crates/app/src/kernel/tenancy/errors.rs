//! The operator's mistakes in a tenant change, in both languages, naming the field.

/// The operator's mistakes, in both languages, naming the field.
#[derive(Clone, Debug, PartialEq)]
pub enum TenancyError {
    /// `--code`: not six digits.
    CodeFormat,
    /// `--code`: the sixth digit should be `expected`.
    CheckDigit {
        expected: u32,
        given: u32,
    },
    AccentFormat,
    AccentContrast(f64),
    PublicUrl,
    HostFormat(String),
    HostTaken(String),
    NoSuchHost(String),
    NoSuchTenant(String),
    TenantExists(String),
    /// `identity_provider` names no configuration of the deployment.
    UnknownIdentityProvider(String),
    /// `payment_provider` names no configuration of the deployment.
    UnknownPaymentProvider(String),
    /// `office_hours` is not `8:30–17:15`.
    OfficeHours(String),
    /// A closing day is not `MM-DD`.
    ClosingDay(String),
    /// A section's approval route cannot be followed (`decision_routes`).
    DecisionRoute(String),
}

impl TenancyError {
    pub fn message(&self, lang: madoguchi_core::Lang) -> String {
        let ja = lang == madoguchi_core::Lang::Ja;
        match self {
            Self::CodeFormat if ja => {
                "code: 地方公共団体コードは6桁の数字です(検査数字を含む)".into()
            }
            Self::CodeFormat => {
                "code: a local-government code is six digits (with its check digit)".into()
            }
            Self::CheckDigit { expected, given } if ja => format!(
                "code: 6桁目(検査数字)が {given} ですが、前の5桁からは {expected} になります"
            ),
            Self::CheckDigit { expected, given } => format!(
                "code: the 6th digit (check digit) is {given}, but the first five digits give {expected}"
            ),
            Self::AccentFormat if ja => "accent: 色は #rrggbb の形で書いてください".into(),
            Self::AccentFormat => "accent: write the colour as #rrggbb".into(),
            Self::AccentContrast(r) if ja => format!(
                "accent: 白い背景とのコントラスト比が {r:.2}:1 です。4.5:1 以上の色にしてください"
            ),
            Self::AccentContrast(r) => format!(
                "accent: contrast against white is {r:.2}:1; choose a colour of at least 4.5:1"
            ),
            Self::PublicUrl if ja => "public_url: https:// で始まる URL にしてください".into(),
            Self::PublicUrl => "public_url: give a URL starting with https://".into(),
            Self::HostFormat(h) if ja => format!("host: 「{h}」はホスト名ではありません"),
            Self::HostFormat(h) => format!("host: `{h}` is not a host name"),
            Self::HostTaken(h) if ja => format!("host: {h} は既に別の団体に割り当てられています"),
            Self::HostTaken(h) => format!("host: {h} already serves a municipality"),
            Self::NoSuchHost(h) if ja => format!("host: {h} は登録されていません"),
            Self::NoSuchHost(h) => format!("host: {h} is not registered"),
            Self::NoSuchTenant(c) if ja => format!("code: 団体 {c} は登録されていません"),
            Self::NoSuchTenant(c) => format!("code: there is no municipality {c}"),
            Self::TenantExists(c) if ja => format!("code: 団体 {c} は既に登録されています"),
            Self::TenantExists(c) => format!("code: municipality {c} exists already"),
            Self::UnknownIdentityProvider(n) if ja => format!(
                "identity_provider: 「{n}」という設定はありません([oidc.providers.{n}] を設定してください)"
            ),
            Self::UnknownIdentityProvider(n) => format!(
                "identity_provider: there is no configuration `{n}` (configure [oidc.providers.{n}])"
            ),
            Self::UnknownPaymentProvider(n) if ja => format!(
                "payment_provider: 「{n}」という設定はありません([payment.providers.{n}] を設定してください)"
            ),
            Self::OfficeHours(h) if ja => {
                format!("office_hours: 「{h}」は 8:30–17:15 の形で、開く時刻を先に書いてください")
            }
            Self::OfficeHours(h) => {
                format!("office_hours: write `{h}` as 8:30–17:15, opening time first")
            }
            Self::ClosingDay(d) if ja => {
                format!("closing_days: 「{d}」は 12-29 のように 月-日 で書いてください")
            }
            Self::ClosingDay(d) => format!("closing_days: write `{d}` as month-day, e.g. 12-29"),
            Self::DecisionRoute(p) if ja => format!(
                "decision_routes: {p}(職位は staff・chief・manager・director を低い順に、4段まで)"
            ),
            Self::DecisionRoute(p) => format!(
                "decision_routes: {p} (posts staff, chief, manager, director, lowest first, at most 4)"
            ),
            Self::UnknownPaymentProvider(n) => format!(
                "payment_provider: there is no configuration `{n}` (configure [payment.providers.{n}])"
            ),
        }
    }
}

impl std::fmt::Display for TenancyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} / {}",
            self.message(madoguchi_core::Lang::Ja),
            self.message(madoguchi_core::Lang::En)
        )
    }
}

impl std::error::Error for TenancyError {}
