//! Files a department's system attaches over the API: each file is uploaded first, on its
//! own, with the department's token (`POST /api/v1/procedures/{id}/files`), and the answers
//! the system then files name it by id (`"funeral_proof": "<id>"`, or a list of ids). An
//! upload belongs to the token that sent it and goes with one filing; one that no filing
//! takes is deleted with the drafts' files (`App::purge_expired`).
//!
//! The file passes the checks of a resident's upload (`filing/attachments.rs`) when it
//! arrives; what depends on the filing (how many files per question, their total size)
//! is checked when it is filed.

use std::collections::HashSet;

use madoguchi_core::{AttachmentId, ErrorCode, ProcedureId};
use madoguchi_forms::{FieldError, FieldKind, Form, FormErrorCode};
use serde_json::Value;

use super::Filing;
use crate::kernel::staff::Clerk;
use crate::kernel::staff::require_city;
use crate::kernel::{
    AppError, AttachmentView, FileContent, MAX_FILES_PER_QUESTION, MAX_FILING_BYTES,
};
use crate::submission::NamedUploads;

/// Whose uploads these are, as `attachments.session_hash` keeps it: the token's, which a
/// browser session's hash (64 hexadecimal digits) can never be. Only a department's
/// system, known by its token, uploads over the API.
pub(crate) fn uploader_of(client: &Clerk) -> Result<String, AppError> {
    match &client.via_token {
        Some(token) => Ok(format!("api:{token}")),
        None => Err(AppError::Forbidden),
    }
}

impl Filing<'_> {
    /// Stores a file a department's system (`client`: the author its token acts as) will
    /// name in a filing of `procedure_id`, for the file question `field` (its JSON
    /// pointer). The procedure is one of the token's department. Nothing is stored when any
    /// check fails.
    pub fn upload_for_api(
        &self,
        client: &Clerk,
        procedure_id: &ProcedureId,
        field: &str,
        file_name: &str,
        bytes: &(impl FileContent + ?Sized),
    ) -> Result<AttachmentView, AppError> {
        let uploader = uploader_of(client)?;
        let clerk = client;
        require_city(clerk, self.city)?;
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        if self.app.department_of(self.city, &form)?.id != clerk.department {
            return Err(AppError::NotFound);
        }
        if form.field(field).map(|f| f.kind) != Some(FieldKind::File) {
            return Err(AppError::Validation {
                step: String::new(),
                errors: vec![FieldError::new(field, FormErrorCode::UnexpectedField)],
            });
        }
        // How many files a question takes and their total size depend on the filing that
        // names them: checked when it is filed.
        let checked = self.check_file(field, file_name, bytes, &[])?;
        let place = super::attachments::Place {
            tenant: self.city,
            session_hash: uploader,
            procedure_id,
            field,
            filed: None,
        };
        let record = self.keep_file(place, checked, bytes)?;
        tracing::info!(procedure = %procedure_id, uploader = %record.session_hash, "file uploaded over the API");
        Ok(record.into())
    }

    /// Turns the file answers of answers sent as JSON into what a filing stores: each
    /// question named by its files' names (as when a resident attaches them), with the
    /// uploads it takes. Every named id must be an upload of `uploader` for that question of
    /// this procedure that no filing has taken, at most five to a question and 30 MB in all;
    /// without an uploader (no token) no file can be named.
    pub(crate) fn take_named_uploads(
        &self,
        form: &Form,
        data: &mut Value,
        uploader: Option<&str>,
    ) -> Result<Option<NamedUploads>, AppError> {
        let named = checked_named_ids(form, data)?;
        let Value::Object(map) = data else {
            return Ok(None);
        };
        if named.is_empty() {
            form.answer_files(map, std::iter::empty::<(&str, &str)>());
            return Ok(None);
        }
        let ids: Vec<AttachmentId> = named.iter().map(|(_, id)| id.clone()).collect();
        let found = match uploader {
            Some(owner) => self
                .app
                .read(|c| Ok(c.unfiled_uploads(self.city, owner, &ids)?))?,
            None => Vec::new(),
        };
        // Each question whose files are not all this uploader's, for it, and untaken.
        let mut errors: Vec<FieldError> = Vec::new();
        for (pointer, id) in &named {
            let fits = found.iter().any(|a| {
                a.id == *id && a.field == *pointer && a.procedure_id == form.procedure_id()
            });
            if !fits && !errors.iter().any(|e| e.pointer == *pointer) {
                errors.push(FieldError::new(
                    pointer.as_str(),
                    FormErrorCode::FileNotUploaded,
                ));
            }
        }
        if let Some(first) = errors.first() {
            return Err(AppError::Validation {
                step: form.step_id_asking(&first.pointer),
                errors,
            });
        }
        let Some(owner) = uploader else {
            return Err(AppError::broken("files found without their uploader"));
        };
        let total: i64 = found.iter().map(|a| a.size_bytes).sum();
        if total > MAX_FILING_BYTES {
            return Err(AppError::Refused(ErrorCode::FileTooLarge));
        }
        let pairs: Vec<(&str, &str)> = named
            .iter()
            .filter_map(|(pointer, id)| {
                let file = found.iter().find(|a| a.id == *id)?;
                Some((pointer.as_str(), file.file_name.as_str()))
            })
            .collect();
        form.answer_files(map, pairs);
        Ok(Some(NamedUploads {
            owner: owner.to_string(),
            files: named,
        }))
    }
}

/// The answers' file references, checked for their form alone (what the API's validate,
/// which knows no token, can check): each an upload id, none named twice, at most five to
/// a question. `(question pointer, id)` in page order, and the problems of the questions
/// whose references are not (each named by none of the ids).
pub(crate) fn named_ids(
    form: &Form,
    data: &Value,
) -> (Vec<(String, AttachmentId)>, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut named = Vec::new();
    let mut seen = HashSet::new();
    for (question, ids) in form.file_references(data) {
        if ids.len() > MAX_FILES_PER_QUESTION {
            let limit = i64::try_from(MAX_FILES_PER_QUESTION).unwrap_or(i64::MAX);
            errors.push(
                FieldError::new(question.pointer.clone(), FormErrorCode::TooManyItems)
                    .with_limit(limit),
            );
            continue;
        }
        // An upload's id is the UUID it was given; nothing else can name one.
        if ids
            .iter()
            .any(|id| uuid::Uuid::try_parse(id).is_err() || !seen.insert(*id))
        {
            errors.push(FieldError::new(
                question.pointer.clone(),
                FormErrorCode::FileNotUploaded,
            ));
            continue;
        }
        named.extend(
            ids.iter()
                .map(|id| (question.pointer.clone(), AttachmentId::new(id.to_string()))),
        );
    }
    (named, errors)
}

/// [`named_ids`], its problems refused.
fn checked_named_ids(form: &Form, data: &Value) -> Result<Vec<(String, AttachmentId)>, AppError> {
    let (named, errors) = named_ids(form, data);
    match errors.first() {
        None => Ok(named),
        Some(first) => Err(AppError::Validation {
            step: form.step_id_asking(&first.pointer),
            errors,
        }),
    }
}
