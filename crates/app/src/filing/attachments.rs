//! Files attached to a procedure's file questions (添付書類).
//!
//! A file is checked before anything is stored: its name (no folders), its kind by its
//! content (magic bytes: PDF, JPEG, PNG, HEIC — never the browser's word), its size (per
//! file, per filing), how many per question, and a virus scan that fails closed (a scanner
//! that cannot answer refuses the file). The bytes go to a [`FileStore`] under their SHA-256
//! (the same document uploaded twice is stored once); the database keeps who it belongs to.

use madoguchi_core::ProcedureId;
use madoguchi_core::{AttachmentId, CorrectionId, ErrorCode, SubmissionId, TenantId};
use madoguchi_forms::FieldKind;
use madoguchi_records::AttachmentRecord;

use super::Filing;
use crate::kernel::files::{clean_file_name, detect_type, head_of};
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{
    AppError, AttachmentView, FileContent, MAX_FILE_BYTES, MAX_FILES_PER_QUESTION,
    MAX_FILING_BYTES, ScanVerdict, token_hash,
};

impl Filing<'_> {
    fn session_hash_of(token: Option<&str>) -> Result<String, AppError> {
        token
            .filter(|t| looks_like_token(t))
            .map(token_hash)
            .ok_or(AppError::DraftMissing)
    }

    /// Attaches a file to a file question of the session's draft. Nothing is stored when
    /// any check fails. The content is read in chunks (an upload is a file on disk).
    pub fn upload(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
        field: &str,
        file_name: &str,
        bytes: &(impl FileContent + ?Sized),
    ) -> Result<AttachmentView, AppError> {
        let session = Self::session_hash_of(token)?;
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        if form.field(field).map(|f| f.kind) != Some(FieldKind::File) {
            return Err(AppError::NotFound);
        }
        let existing = self
            .app
            .read(|c| Ok(c.draft_attachments(self.city, &session, procedure_id)?))?;
        let checked = self.check_file(field, file_name, bytes, &existing)?;
        let place = Place {
            tenant: self.city,
            session_hash: session,
            procedure_id,
            field,
            filed: None,
        };
        Ok(self.keep_file(place, checked, bytes)?.into())
    }

    /// Stores a checked file's bytes and its row: the file is `place`'s.
    pub(super) fn keep_file(
        &self,
        place: Place<'_>,
        (file_name, content_type, size): CheckedFile,
        bytes: &(impl FileContent + ?Sized),
    ) -> Result<AttachmentRecord, AppError> {
        let sha256 = self.app.files.put(place.tenant, &Content(bytes))?;
        let (submission_id, correction_id) = place.filed.unzip();
        let record = AttachmentRecord {
            id: AttachmentId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: place.tenant.clone(),
            session_hash: place.session_hash,
            procedure_id: place.procedure_id.clone(),
            field: place.field.to_string(),
            file_name,
            content_type: content_type.to_string(),
            size_bytes: size,
            sha256,
            created_at: self.app.now().naive_utc(),
            submission_id,
            correction_id,
        };
        self.app.write(|c| Ok(c.insert_attachment(&record)?))?;
        Ok(record)
    }

    /// Every check a file passes before it is stored, against the files already there:
    /// its (clean) name, detected type and size.
    pub(super) fn check_file(
        &self,
        field: &str,
        file_name: &str,
        bytes: &(impl FileContent + ?Sized),
        existing: &[AttachmentRecord],
    ) -> Result<CheckedFile, AppError> {
        let refuse = |code| Err(AppError::Refused(code));
        let io = |e: std::io::Error| AppError::internal("uploaded file", e);
        let Some(file_name) = clean_file_name(file_name) else {
            return refuse(ErrorCode::FileNameInvalid);
        };
        let size = bytes.size().map_err(io)?;
        if size > MAX_FILE_BYTES as u64 {
            return refuse(ErrorCode::FileTooLarge);
        }
        // The longest signature `detect_type` looks at is 12 bytes.
        let Some(content_type) = detect_type(&head_of(bytes, 16).map_err(io)?) else {
            return refuse(ErrorCode::FileTypeNotAllowed);
        };
        if existing.iter().filter(|a| a.field == field).count() >= MAX_FILES_PER_QUESTION {
            return refuse(ErrorCode::TooManyFiles);
        }
        let total: i64 = existing.iter().map(|a| a.size_bytes).sum();
        let size = i64::try_from(size).unwrap_or(i64::MAX);
        if total + size > MAX_FILING_BYTES {
            return refuse(ErrorCode::FileTooLarge);
        }
        match self.app.scanner.scan(&mut bytes.reader().map_err(io)?) {
            Ok(ScanVerdict::Clean) => Ok((file_name, content_type, size)),
            Ok(ScanVerdict::Infected(name)) => {
                tracing::warn!(virus = %name, "uploaded file refused by the virus scan");
                refuse(ErrorCode::FileRejected)
            }
            Err(why) => {
                tracing::error!(%why, "virus scanner unavailable: upload refused");
                Err(AppError::Unavailable(format!("virus scanner: {why}")))
            }
        }
    }

    /// A file sent in answer to a correction request, for a file question of the form (one
    /// it names, or one its new answers make necessary), while it can still be answered. It joins the filing's files, marked as sent
    /// with the correction.
    pub fn upload_for_correction(
        &self,
        token: &str,
        field: &str,
        file_name: &str,
        bytes: &(impl FileContent + ?Sized),
    ) -> Result<AttachmentView, AppError> {
        let (page, correction, row) = self.app.read(|c| self.correction_in(c, token))?;
        if !page.can_answer {
            return Err(AppError::InvalidTransition);
        }
        // A file question it names, or one an answer to it can make necessary (a letter of
        // proxy once the filer is an agent): any file question of the form.
        if !page.form.file_questions().any(|f| f.pointer == field) {
            return Err(AppError::NotFound);
        }
        let existing = self.app.read(|c| Ok(c.attachments_of(&row.id)?))?;
        // The limits per question count what is sent with this correction.
        let new: Vec<AttachmentRecord> = existing
            .iter()
            .filter(|a| a.correction_id.as_ref() == Some(&correction.id))
            .cloned()
            .collect();
        let checked = self.check_file(field, file_name, bytes, &new)?;
        let place = Place {
            tenant: self.city,
            session_hash: correction.token_hash.clone(),
            procedure_id: &row.procedure_id,
            field,
            filed: Some((row.id.clone(), correction.id.clone())),
        };
        Ok(self.keep_file(place, checked, bytes)?.into())
    }

    /// Takes back a file sent with a correction not yet answered.
    pub fn remove_correction_upload(
        &self,
        token: &str,
        attachment_id: &AttachmentId,
    ) -> Result<(), AppError> {
        let (page, correction, _) = self.app.read(|c| self.correction_in(c, token))?;
        if !page.can_answer {
            return Err(AppError::InvalidTransition);
        }
        if self
            .app
            .write(|c| Ok(c.delete_correction_attachment(attachment_id, &correction.id)?))?
        {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The files of the session's draft of a procedure.
    pub fn draft_files(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
    ) -> Result<Vec<AttachmentView>, AppError> {
        let Ok(session) = Self::session_hash_of(token) else {
            return Ok(Vec::new());
        };
        let rows = self
            .app
            .read(|c| Ok(c.draft_attachments(self.city, &session, procedure_id)?))?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// Removes one of the session's draft files (another session's id is not found).
    pub fn remove_upload(
        &self,
        token: Option<&str>,
        attachment_id: &AttachmentId,
    ) -> Result<(), AppError> {
        let session = Self::session_hash_of(token).map_err(|_| AppError::NotFound)?;
        if self
            .app
            .write(|c| Ok(c.delete_draft_attachment(attachment_id, self.city, &session)?))?
        {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

/// A file that passed the checks: its clean name, detected type and size.
pub(super) type CheckedFile = (String, &'static str, i64);

/// Whose a stored file is: a draft's question (the session's or a department system's), or
/// a filing's, sent with a correction.
pub(super) struct Place<'a> {
    pub tenant: &'a TenantId,
    pub session_hash: String,
    pub procedure_id: &'a ProcedureId,
    pub field: &'a str,
    pub filed: Option<(SubmissionId, CorrectionId)>,
}

/// Any [`FileContent`] as a sized one, for [`crate::kernel::FileStore::put`].
struct Content<'a, T: FileContent + ?Sized>(&'a T);

impl<T: FileContent + ?Sized> FileContent for Content<'_, T> {
    fn size(&self) -> std::io::Result<u64> {
        self.0.size()
    }
    fn reader(&self) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        self.0.reader()
    }
}
