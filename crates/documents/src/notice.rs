//! 決定通知書: the notice of a decision on a filing.

use chrono::NaiveDate;

use crate::era::{format_wareki, format_wareki_iso};
use crate::fonts::Fonts;
use crate::layout::{Align, BODY, SMALL, TITLE, Writer};
use crate::{DocumentError, LANG, digest, label};
use madoguchi_core::Lang;
use madoguchi_i18n::{msg, t};

/// What a 決定通知書 says. Every text is printed as given; empty optional texts are left
/// out.
#[derive(Debug, Clone)]
pub struct DecisionNotice {
    /// The municipality, printed at the top right: `みどり市`.
    pub municipality: String,
    /// Who decides and issues the notice (処分庁), printed in place of the municipality:
    /// `みどり市長`, or a ward's `青葉区長` when the ward mayor decides. Empty: the
    /// municipality's name.
    pub authority: String,
    /// The issuing office or department, under the municipality: `市民生活部 市民課`.
    pub office: String,
    /// The date of the notice (a JST calendar date), printed as `令和8年11月23日` with the
    /// ISO date beside it.
    pub notice_date: NaiveDate,
    /// The applicant's name; `様` is added.
    pub applicant_name: String,
    /// What was applied for, as the title and the body name it: `住民票の写しの交付`
    /// gives the title `住民票の写しの交付について(通知)`.
    pub subject: String,
    /// The procedure's published title: `住民票の写しの交付申請`.
    pub procedure_title: String,
    /// The 到達番号 of the filing.
    pub arrival_number: String,
    /// The day the application was filed (its JST arrival date).
    pub filed_on: NaiveDate,
    /// The decision as the procedure words it: `許可`, `不許可`, `承認`, `却下`.
    pub decision: String,
    /// Whether the decision grants the application. A refusal needs `reasons` and is
    /// titled `…について(<decision>通知)`, e.g. `(不許可通知)`.
    pub granted: bool,
    /// 理由: required for a refusal; for a grant, an optional note for the applicant
    /// (付記事項, printed under that heading), empty for none. `'\n'` separates
    /// paragraphs.
    pub reasons: String,
    /// 教示: the appeal-rights notice, several paragraphs separated by `'\n'`.
    pub appeal_notice: String,
    /// An English title printed under the Japanese one; empty for none.
    pub title_en: String,
    /// An English summary printed after the Japanese body; empty for none.
    pub summary_en: String,
    /// The document id for the footer; empty: the SHA-256 of the notice's contents.
    pub reference: String,
}

impl DecisionNotice {
    /// `住民票の写しの交付について(通知)`, or `…について(不許可通知)` for a refusal.
    pub fn title(&self) -> String {
        if self.granted {
            t!(
                LANG,
                doc_notice_title_granted,
                subject = self.subject.as_str()
            )
        } else {
            t!(
                LANG,
                doc_notice_title_refused,
                subject = self.subject.as_str(),
                decision = self.decision.as_str()
            )
        }
    }

    /// `reference` if given, otherwise the SHA-256 (hex) of everything the notice says.
    pub fn document_id(&self) -> String {
        if !self.reference.trim().is_empty() {
            return self.reference.trim().to_owned();
        }
        let notice_date = self.notice_date.to_string();
        let filed_on = self.filed_on.to_string();
        digest([
            "decision-notice",
            &self.municipality,
            &self.authority,
            &self.office,
            &notice_date,
            &self.applicant_name,
            &self.subject,
            &self.procedure_title,
            &self.arrival_number,
            &filed_on,
            &self.decision,
            if self.granted { "granted" } else { "refused" },
            &self.reasons,
            &self.appeal_notice,
            &self.title_en,
            &self.summary_en,
        ])
    }
}

/// Renders a 決定通知書 as an A4 PDF. A refusal without reasons is
/// [`DocumentError::MissingReasons`].
pub fn decision_notice(notice: &DecisionNotice, fonts: &Fonts) -> Result<Vec<u8>, DocumentError> {
    if !notice.granted && notice.reasons.trim().is_empty() {
        return Err(DocumentError::MissingReasons);
    }
    let title = notice.title();
    let mut w = Writer::new(fonts, &title);

    w.paragraph(&format_wareki_iso(notice.notice_date), BODY, Align::Right);
    w.gap(BODY);
    w.paragraph(
        &t!(
            LANG,
            doc_notice_addressee,
            name = notice.applicant_name.trim()
        ),
        12.0,
        Align::Left,
    );
    w.gap(BODY / 2.0);
    let issuer = if notice.authority.trim().is_empty() {
        &notice.municipality
    } else {
        &notice.authority
    };
    w.paragraph(issuer, BODY, Align::Right);
    if !notice.office.trim().is_empty() {
        w.paragraph(&notice.office, BODY, Align::Right);
    }
    w.gap(BODY * 1.5);

    w.paragraph(&title, TITLE, Align::Center);
    w.gap(BODY);

    let body = t!(
        LANG,
        doc_notice_body,
        filed_on = format_wareki(notice.filed_on),
        subject = notice.subject.as_str()
    );
    w.paragraph(&body, BODY, Align::Left);
    w.gap(BODY);
    w.paragraph(t!(LANG, doc_notice_details), BODY, Align::Center);
    w.gap(BODY / 2.0);

    let mut rows = vec![
        (
            label(msg::doc_arrival_number::text),
            notice.arrival_number.clone(),
        ),
        (
            label(msg::doc_notice_procedure::text),
            notice.procedure_title.clone(),
        ),
        (
            label(msg::doc_notice_filed_on::text),
            format_wareki_iso(notice.filed_on),
        ),
        (
            label(msg::doc_notice_decision::text),
            notice.decision.clone(),
        ),
    ];
    if !notice.reasons.trim().is_empty() {
        // A refusal states its reasons (理由); an approval may carry a note for the
        // applicant (付記事項).
        let heading: madoguchi_i18n::Phrase = if notice.granted {
            msg::doc_notice_note::text
        } else {
            msg::doc_notice_reasons::text
        };
        rows.push((label(heading), notice.reasons.trim().to_owned()));
    }
    w.rows(&rows, BODY);
    w.gap(BODY * 1.5);

    if !notice.appeal_notice.trim().is_empty() {
        w.ensure(100.0);
        w.paragraph(t!(LANG, doc_notice_appeal), 12.0, Align::Left);
        w.gap(BODY / 3.0);
        w.paragraphs(notice.appeal_notice.trim(), SMALL + 0.5, 3.0);
    }
    english_reference(&mut w, notice);

    w.finish(&notice.document_id())
}

/// The English reference, on a page of its own after the Japanese notice, which stays whole:
/// the procedure's English title and summary with the notice's facts, said to be for
/// information only. Left out when the procedure has no English title or summary.
fn english_reference(w: &mut Writer<'_>, notice: &DecisionNotice) {
    if notice.title_en.trim().is_empty() && notice.summary_en.trim().is_empty() {
        return;
    }
    let en = Lang::En;
    w.page_break();
    w.paragraph(
        msg::doc_notice_reference_heading::text(LANG),
        12.0,
        Align::Left,
    );
    w.paragraph(
        msg::doc_notice_reference_heading::text(en),
        12.0,
        Align::Left,
    );
    w.gap(BODY / 2.0);
    w.paragraph(
        msg::doc_notice_reference_note::text(LANG),
        SMALL + 0.5,
        Align::Left,
    );
    w.paragraph(
        msg::doc_notice_reference_note::text(en),
        SMALL + 0.5,
        Align::Left,
    );
    w.gap(BODY);
    if !notice.title_en.trim().is_empty() {
        w.paragraph(notice.title_en.trim(), BODY, Align::Center);
        w.gap(BODY / 2.0);
    }
    if !notice.summary_en.trim().is_empty() {
        w.paragraph(notice.summary_en.trim(), BODY, Align::Left);
        w.gap(BODY / 2.0);
    }
    let outcome = if notice.granted {
        msg::doc_notice_reference_granted::text(en)
    } else {
        msg::doc_notice_reference_refused::text(en)
    };
    let rows = [
        (
            msg::doc_arrival_number::text(en).to_owned(),
            notice.arrival_number.clone(),
        ),
        (
            msg::doc_notice_procedure::text(en).to_owned(),
            notice.procedure_title.clone(),
        ),
        (
            msg::doc_notice_filed_on::text(en).to_owned(),
            notice.filed_on.format("%-d %B %Y").to_string(),
        ),
        (
            msg::doc_notice_decision::text(en).to_owned(),
            format!("{outcome} ({})", notice.decision.trim()),
        ),
    ];
    w.rows(&rows, SMALL + 0.5);
}
