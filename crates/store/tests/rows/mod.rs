//! Rows every store test needs: a city with a department and a form version, and
//! submissions, events and mails to store in it.

// Each test crate that includes this module uses some of its rows.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use madoguchi_core::{ActorKind, FilingMode, SubmissionState};
use madoguchi_records::{
    DepartmentRecord, EventRecord, FormVersionRecord, OutboxRecord, SubmissionRecord, TenantRecord,
};
use madoguchi_store::DbConn;
use madoguchi_store::prelude::*;

pub fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// A tenant, a department, a form version: what every submission needs.
pub fn seed(conn: &mut DbConn) {
    conn.insert_tenant(&TenantRecord {
        id: "041009".into(),
        name_ja: "仙台市".into(),
        name_en: "Sendai".into(),
        created_at: t("2026-11-01 00:00:00"),
    })
    .unwrap();
    conn.insert_department(&DepartmentRecord {
        id: "dep-1".into(),
        tenant_id: "041009".into(),
        code: "koseki-jumin".into(),
        name_ja: "戸籍住民課".into(),
        name_en: "Family Register".into(),
        created_at: t("2026-11-01 00:00:00"),
        ward_office: true,
    })
    .unwrap();
    conn.ensure_form_version(&FormVersionRecord {
        version: "v1".into(),
        procedure_id: "juminhyo-copy".into(),
        definition: "{}".into(),
        first_loaded_at: t("2026-11-01 00:00:00"),
    })
    .unwrap();
}

pub fn submission(id: &str, number: &str, at: &str) -> SubmissionRecord {
    SubmissionRecord {
        id: id.into(),
        tenant_id: "041009".into(),
        department_id: "dep-1".into(),
        procedure_id: "juminhyo-copy".into(),
        form_version: "v1".into(),
        arrival_number: number.into(),
        arrived_at: t(at),
        due_on: NaiveDate::from_ymd_opt(2026, 11, 26),
        state: SubmissionState::Arrived,
        data: r#"{"applicant_name":"仙台 太郎"}"#.into(),
        data_sha256: "00".into(),
        fee_yen: 600,
        applicant_name: Some("仙台 太郎".into()),
        contact_email: Some("taro@example.jp".into()),
        resident_session_hash: None,
        resident_account: None,
        status_key_hash: None,
        privacy_notice_shown_at: None,
        entered_by: None,
        duplicate_key: None,
        updated_at: t(at),
        ward_code: None,
        assignee_id: None,
        search_key: "仙台太郎/センダイタロウ".into(),
        filing_mode: FilingMode::Online,
        decided_at: None,
        days_used: None,
        correction_count: 0,
    }
}

pub fn event(id: &str, submission_id: &str, seq: i32) -> EventRecord {
    EventRecord {
        id: id.into(),
        tenant_id: "041009".into(),
        submission_id: submission_id.into(),
        seq,
        at: t("2026-11-20 10:00:00"),
        actor_kind: ActorKind::Resident,
        actor_id: None,
        action: madoguchi_core::HistoryAction::Submit,
        from_state: None,
        to_state: SubmissionState::Arrived,
        reason: None,
        detail: None,
    }
}

pub fn mail(id: &str, due: &str) -> OutboxRecord {
    OutboxRecord {
        id: id.into(),
        tenant_id: "041009".into(),
        submission_id: None,
        kind: madoguchi_core::MailKind::Receipt,
        recipient: "taro@example.jp".into(),
        subject: "受付".into(),
        body: "本文".into(),
        message_id: format!("<{id}@madoguchi.test>"),
        created_at: t(due),
        attempts: 0,
        next_attempt_at: t(due),
        locked_until: None,
        sent_at: None,
        failed_at: None,
        last_error: None,
        calendar: None,
    }
}
