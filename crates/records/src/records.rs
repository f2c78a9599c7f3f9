//! What each table's rows hold. Field names match the columns.

use chrono::NaiveDate;

use crate::Timestamp;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantRecord {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartmentRecord {
    pub id: String,
    pub tenant_id: String,
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
    /// Filings are routed to a ward of this department (区役所の課).
    pub ward_office: bool,
}

/// A ward (区) of a municipality, keyed by its 5-digit local-government code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardRecord {
    pub tenant_id: String,
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct ClerkRecord {
    pub id: String,
    pub tenant_id: String,
    pub department_id: String,
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: Timestamp,
    /// The ward the clerk works for; `None` for every ward (central processing).
    pub ward_code: Option<String>,
    /// `clerk`, `supervisor`, `author` or `administrator` (the workflow crate's roles).
    pub role: String,
    /// The TOTP secret, sealed; `None` until the clerk enrols an authenticator.
    pub totp_secret: Option<String>,
    /// The last 30-second step a code was accepted for.
    pub totp_last_step: Option<i64>,
    /// Sessions made under an older epoch no longer work.
    pub session_epoch: i32,
}

impl std::fmt::Debug for ClerkRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkRecord")
            .field("id", &self.id)
            .field("login", &self.login)
            .field("department_id", &self.department_id)
            .field("password_hash", &"<redacted>")
            .field(
                "totp_secret",
                &self.totp_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkSessionRecord {
    pub token_hash: String,
    pub clerk_id: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    /// Idle expiry (slides with activity).
    pub expires_at: Timestamp,
    /// The second factor was checked.
    pub mfa_verified: bool,
    /// The session ends at this time however active it is.
    pub absolute_expires_at: Option<Timestamp>,
    /// The clerk's `session_epoch` when the session began.
    pub epoch: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormVersionRecord {
    pub version: String,
    pub procedure_id: String,
    pub definition: String,
    pub first_loaded_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftRecord {
    pub id: String,
    pub tenant_id: String,
    pub session_hash: String,
    pub procedure_id: String,
    pub form_version: String,
    pub data: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmissionRecord {
    pub id: String,
    pub tenant_id: String,
    pub department_id: String,
    pub procedure_id: String,
    pub form_version: String,
    pub arrival_number: String,
    pub arrived_at: Timestamp,
    pub due_on: Option<NaiveDate>,
    pub state: String,
    pub data: String,
    pub data_sha256: String,
    pub fee_yen: i64,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub resident_session_hash: Option<String>,
    pub updated_at: Timestamp,
    /// The ward office the filing is routed to, if any.
    pub ward_code: Option<String>,
    /// The clerk working on it, if anyone has claimed it or been assigned it.
    pub assignee_id: Option<String>,
    /// The applicant's name and reading, normalised for search (see `madoguchi-app`).
    pub search_key: String,
    /// `online`, `pre-entry` (prepared online, finished at a counter) or `counter`.
    pub filing_mode: String,
    /// When it was approved or rejected.
    pub decided_at: Option<Timestamp>,
    /// Business days the office used until the decision (pauses excluded).
    pub days_used: Option<i32>,
    /// How many times the applicant was asked to correct it.
    pub correction_count: i32,
    /// `issuer|subject` of the resident signed in when it was filed, if anyone was.
    pub resident_account: Option<String>,
}

/// One entry of the append-only audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: String,
    pub seq: i32,
    pub at: Timestamp,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason: Option<String>,
    /// JSON with what the action carried besides its reason (an extension's days, the
    /// fields of a correction request, the assignee).
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyRecord {
    pub tenant_id: String,
    pub idem_key: String,
    pub request_hash: String,
    pub submission_id: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxRecord {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub sent_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

/// One town of a postal code (Japan Post's KEN_ALL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostalCodeRecord {
    /// 7 digits, no hyphen.
    pub postal_code: String,
    /// Order of the towns that share the code.
    pub seq: i32,
    /// 5-digit 全国地方公共団体コード (no check digit); a designated city's wards have their own.
    pub local_gov_code: String,
    pub prefecture: String,
    pub city: String,
    /// Empty for a city's catch-all row.
    pub town: String,
    pub prefecture_kana: String,
    pub city_kana: String,
    pub town_kana: String,
}

/// A correction request (補正): fields to fix, what to do, by when; and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorrectionRecord {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: String,
    /// 1 for the first request on a submission.
    pub seq: i32,
    pub requested_by: String,
    pub requested_at: Timestamp,
    /// JSON array of the JSON pointers of the fields to fix.
    pub fields: String,
    pub message: String,
    pub deadline: NaiveDate,
    /// SHA-256 (hex) of the secret in the link sent to the applicant.
    pub token_hash: String,
    pub resubmitted_at: Option<Timestamp>,
    /// The answers before the correction, once it was answered.
    pub previous_data: Option<String>,
    /// When the reminder before the deadline went out.
    pub reminded_at: Option<Timestamp>,
}

/// A counter visit prepared online (書かない窓口): which procedures, the code's expiry, and
/// who opened and filed it at the counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CounterVisitRecord {
    pub id: String,
    pub tenant_id: String,
    /// SHA-256 of the resident's session token (its drafts hold the answers).
    pub session_hash: String,
    /// SHA-256 of the current code.
    pub code_hash: String,
    /// JSON array of procedure ids.
    pub procedures: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub opened_by: Option<String>,
    pub opened_at: Option<Timestamp>,
    pub filed_by: Option<String>,
    pub filed_at: Option<Timestamp>,
    /// JSON: identity document checked, arrival numbers filed.
    pub outcome: Option<String>,
}

/// A file attached to a file question: a draft's (no submission yet) or a submission's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: String,
    pub tenant_id: String,
    pub session_hash: String,
    pub procedure_id: String,
    /// JSON pointer of the file question.
    pub field: String,
    pub file_name: String,
    /// Detected from the content.
    pub content_type: String,
    pub size_bytes: i64,
    /// Key of the bytes in the file store.
    pub sha256: String,
    pub created_at: Timestamp,
    pub submission_id: Option<String>,
    /// Sent in answer to this correction request.
    pub correction_id: Option<String>,
}

/// A document issued to an applicant: what it says, fixed at issue (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentRecord {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: String,
    /// `decision_notice`.
    pub kind: String,
    pub created_at: Timestamp,
    pub content: String,
    /// SHA-256 of the secret in the emailed link.
    pub token_hash: String,
}

/// One attempt to collect a filing's fee (see the `payments` table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: String,
    /// `on_submission` or `after_approval`.
    pub timing: String,
    pub amount_yen: i64,
    /// `due` (no checkout yet) or the provider's status code.
    pub status: String,
    pub checkout_id: Option<String>,
    pub page_url: Option<String>,
    pub method: Option<String>,
    pub konbini_number: Option<String>,
    pub amount_paid_yen: i64,
    pub amount_refunded_yen: i64,
    /// SHA-256 of the secret in the emailed "pay now" link.
    pub token_hash: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub next_check_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

/// A refund owed on a payment (the whole amount paid).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundRecord {
    pub id: String,
    pub tenant_id: String,
    pub payment_id: String,
    pub amount_yen: i64,
    /// `rejected`, `withdrawn` or `paid_after_close`.
    pub reason: String,
    /// `requested`, `done` or `failed`.
    pub state: String,
    pub requested_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub provider_refund_id: Option<String>,
}

/// A resident's sign-in in progress (see the `resident_sign_ins` table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInRecord {
    pub state_hash: String,
    pub tenant_id: String,
    pub session_hash: String,
    /// The OIDC client's pending login, as JSON (holds the PKCE verifier: never logged).
    pub pending: String,
    pub return_to: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Who a browser session signed in as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityRecord {
    pub session_hash: String,
    pub tenant_id: String,
    pub issuer: String,
    pub subject: String,
    /// `account` or `my_number_card`.
    pub level: String,
    pub acr: Option<String>,
    pub authenticated_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Which submissions a queue shows. Scope (tenant, department, the clerk's ward) always
/// applies; the rest are the clerk's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub tenant_id: String,
    pub department_id: String,
    /// The ward the clerk is limited to, or the ward chosen by a clerk who sees all.
    pub ward: Option<String>,
    /// Any of these states; all when empty.
    pub states: Vec<String>,
    pub procedure_id: Option<String>,
    pub assignee: AssigneeFilter,
    /// Due on or after / on or before.
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Arrived at or after / before.
    pub arrived_from: Option<Timestamp>,
    pub arrived_before: Option<Timestamp>,
    /// An arrival number (exact), or a normalised fragment of the name or reading.
    pub search: Option<String>,
    pub sort: QueueSort,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    Clerk(String),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueSort {
    #[default]
    NewestFirst,
    OldestFirst,
    /// Earliest due date first; those without one last.
    DueFirst,
}

/// One entry of the append-only audit log: a view of personal data, a revealed My Number,
/// an export, or a change to a staff account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: String,
    pub tenant_id: String,
    pub at: Timestamp,
    pub clerk_id: Option<String>,
    pub action: String,
    pub submission_id: Option<String>,
    pub target_clerk_id: Option<String>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

/// New answers of a submission and the columns derived from them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataUpdate {
    pub data: String,
    pub data_sha256: String,
    pub search_key: String,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub ward_code: Option<String>,
    pub fee_yen: i64,
}

/// Counts behind the published figures, for one municipality and period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FigureCounts {
    /// (procedure, filing mode, state, count).
    pub by_state: Vec<(String, String, String, i64)>,
    /// (procedure, business days used, count) of decided filings.
    pub by_days: Vec<(String, i32, i64)>,
    /// (procedure, count) of filings with at least one correction request.
    pub corrected: Vec<(String, i64)>,
    /// (procedure, count) of decided filings that took longer than their period.
    pub late: Vec<(String, i64)>,
}

/// A resident's own account (see the `resident_accounts` table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRecord {
    pub id: String,
    pub tenant_id: String,
    /// Lower-cased.
    pub email: String,
    pub password_hash: String,
    pub verified_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub password_changed_at: Timestamp,
}

/// An emailed link for an account: `verify` (the address) or `reset` (the password).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountLinkRecord {
    pub token_hash: String,
    pub account_id: String,
    pub purpose: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// A guest's email confirmed (or being confirmed) by a code, for one browser session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuestEmailRecord {
    pub session_hash: String,
    pub tenant_id: String,
    pub email: String,
    pub code_hash: String,
    pub attempts: i32,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub verified_at: Option<Timestamp>,
}

/// A department's working copy of a procedure (see `procedure_drafts`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcedureDraftRecord {
    pub tenant_id: String,
    pub procedure_id: String,
    pub department_code: String,
    /// The JSON as typed (it may not parse).
    pub definition: String,
    /// The clerk (author) who saved it last.
    pub updated_by: String,
    pub updated_at: Timestamp,
}

/// A published version of a procedure (never changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcedureVersionRecord {
    pub id: String,
    pub tenant_id: String,
    pub procedure_id: String,
    /// 1, 2, 3… per procedure.
    pub number: i32,
    /// The definition's content hash (`form_versions.version`).
    pub form_version: String,
    pub department_code: String,
    pub published_by: String,
    pub published_at: Timestamp,
    pub change_note: String,
}

/// A procedure closed to new filings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetirementRecord {
    pub tenant_id: String,
    pub procedure_id: String,
    pub retired_by: String,
    pub retired_at: Timestamp,
    pub reason: String,
}

/// A department's API token (see `api_tokens`): only the secret's SHA-256 is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: String,
    pub tenant_id: String,
    pub department_code: String,
    pub name: String,
    pub can_write: bool,
    pub secret_hash: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// A department's webhook subscription (see `webhooks`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookRecord {
    pub id: String,
    pub tenant_id: String,
    pub department_code: String,
    pub url: String,
    /// Comma-separated event names.
    pub events: String,
    /// The signing secret, sealed.
    pub secret: String,
    pub created_by: String,
    pub created_at: Timestamp,
    pub disabled_at: Option<Timestamp>,
}

/// One event posted (or to be posted) to one webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookDeliveryRecord {
    pub id: String,
    pub webhook_id: String,
    pub event: String,
    /// The JSON body, exactly as signed and sent.
    pub payload: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    /// The receiver's last HTTP status.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

/// A working copy sent for a supervisor's approval.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalRequest {
    pub submitted_by: String,
    pub submitted_at: Timestamp,
    pub note: String,
}
