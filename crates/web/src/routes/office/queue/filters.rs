//! The queue's filters as they appear in the address.

use chrono::NaiveDate;
use madoguchi_app::{
    review::AssigneeChoice, review::DueChoice, review::QueueQuery, review::QueueSort,
};
use madoguchi_core::ClerkId;
use madoguchi_core::ProcedureId;
use madoguchi_workflow::State;

use crate::extract::{from_pairs, parse_urlencoded};

/// The queue's filters as they appear in the address (a GET form: bookmarkable, works
/// without JavaScript).
#[derive(Clone, Debug, Default)]
pub(in crate::routes::office) struct Filters {
    pub(super) status: String,
    pub(super) procedure: String,
    pub(super) ward: String,
    pub(super) assignee: String,
    pub(super) due: String,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) q: String,
    pub(super) sort: String,
    pub(super) page: i64,
}

/// The queue's address as sent (the GET form's inputs).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct FilterInput {
    status: String,
    procedure: String,
    ward: String,
    assignee: String,
    due: String,
    from: String,
    to: String,
    q: String,
    sort: String,
    page: String,
}

impl Filters {
    /// The filters of a query string; what cannot be read counts as not filtered.
    pub(in crate::routes::office) fn parse(query: &str) -> Filters {
        let input: FilterInput =
            from_pairs(&parse_urlencoded(query.as_bytes()).unwrap_or_default()).unwrap_or_default();
        let clip = |v: String| v.trim().chars().take(100).collect::<String>();
        Filters {
            status: clip(input.status),
            procedure: clip(input.procedure),
            ward: clip(input.ward),
            assignee: clip(input.assignee),
            due: clip(input.due),
            from: clip(input.from),
            to: clip(input.to),
            q: clip(input.q),
            sort: clip(input.sort),
            page: clip(input.page).parse().unwrap_or(1),
        }
    }

    /// The view of open filings (awaiting, in review, correction).
    pub(super) fn shows_open(&self) -> bool {
        self.status == "open"
    }

    pub(in crate::routes::office) fn query(&self) -> QueueQuery {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        QueueQuery {
            states: match self.status.as_str() {
                "" | "all" => Vec::new(),
                "open" => State::OPEN.to_vec(),
                code => code.parse().map(|s| vec![s]).unwrap_or_default(),
            },
            procedure: some(&self.procedure).map(ProcedureId::new),
            ward: some(&self.ward),
            assignee: match self.assignee.as_str() {
                "" | "any" => AssigneeChoice::Anyone,
                "me" => AssigneeChoice::Me,
                "none" => AssigneeChoice::Unassigned,
                id => AssigneeChoice::Clerk(ClerkId::new(id)),
            },
            due: match self.due.as_str() {
                "overdue" => Some(DueChoice::Overdue),
                "soon" => Some(DueChoice::Soon),
                _ => None,
            },
            arrived_from: date(&self.from),
            arrived_to: date(&self.to),
            search: some(&self.q),
            sort: match self.sort.as_str() {
                "oldest" => QueueSort::OldestFirst,
                "due" => QueueSort::DueFirst,
                _ => QueueSort::NewestFirst,
            },
            page: self.page,
        }
    }

    /// The address of this view with one filter changed (and back to page 1).
    pub(super) fn with(&self, key: &str, value: &str) -> String {
        let mut f = self.clone();
        match key {
            "status" => f.status = value.into(),
            "page" => f.page = value.parse().unwrap_or(1),
            _ => {}
        }
        if key != "page" {
            f.page = 1;
        }
        let mut out = f.pairs();
        if f.page > 1 {
            out.push(format!("page={}", f.page));
        }
        if out.is_empty() {
            "/office/queue".into()
        } else {
            format!("/office/queue?{}", out.join("&"))
        }
    }

    /// The filters and sort as a query string (no page): a filing opened from the queue
    /// carries them, so "next filing" follows the same list.
    pub(in crate::routes::office) fn query_string(&self) -> String {
        self.pairs().join("&")
    }

    fn pairs(&self) -> Vec<String> {
        let pairs = [
            ("status", self.status.as_str()),
            ("procedure", &self.procedure),
            ("ward", &self.ward),
            ("assignee", &self.assignee),
            ("due", &self.due),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("sort", &self.sort),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect()
    }
}

pub(super) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
