//! Renders real PDFs with the built-in Japanese font and reads them back (text, word
//! positions, fonts) with `madoguchi_documents::readback`: no font or PDF tool needs to be
//! installed. The PDFs are left in `target/test-artifacts/` to be looked at.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use madoguchi_documents::readback::{FontInfo, PageText, Readout, Word};
use madoguchi_documents::{
    Attachment, DecisionNotice, DocumentError, EMBEDDED_FONT_NAME, FontSource, Fonts, Receipt,
    SYSTEM_FONT_PATHS, decision_notice, receipt,
};

/// The last sentence of the appeal notice: if it comes back out, nothing was cut off.
const LAST_SENTENCE: &str = "この教示の内容についてご不明な点がありましたら、みどり市市民生活部市民課(電話0123-45-6789)までお問い合わせください。";

fn appeal_notice() -> String {
    [
        "1 この決定に不服がある場合は、この決定があったことを知った日の翌日から起算して3か月以内に、文書で、みどり市長に対して審査請求をすることができます。審査請求書には、審査請求人の氏名及び住所、審査請求に係る処分の内容、審査請求に係る処分があったことを知った年月日、審査請求の趣旨及び理由、処分庁の教示の有無及びその内容並びに審査請求の年月日を記載してください。",
        "2 この決定の取消しを求める訴えは、この決定があったことを知った日の翌日から起算して6か月以内に、みどり市を被告として(訴訟においてみどり市を代表する者はみどり市長となります。)提起することができます。ただし、上記1の審査請求をした場合は、その審査請求に対する裁決があったことを知った日の翌日から起算して6か月以内に提起することができます。審査請求をした日から3か月を経過しても裁決がないとき、この決定、この決定の執行又は手続の続行により生ずる著しい損害を避けるため緊急の必要があるとき、その他裁決を経ないことにつき正当な理由があるときは、裁決を経ないで訴えを提起することができます。",
        "3 上記の期間内であっても、この決定(審査請求をした場合は、その裁決)があった日の翌日から起算して1年を経過すると、審査請求や訴えの提起はできなくなります。ただし、正当な理由があるときは、この限りではありません。また、審査請求をしても、この決定の効力、この決定の執行又は手続の続行は妨げられません。執行停止を求める場合は、審査請求とあわせて、その旨を申し立ててください。",
        "4 審査請求は、代理人によってすることもできます。その場合は、代理人の資格を証する書面(委任状など)を添付してください。審査請求の手続や審査請求書の書き方については、みどり市総務局法務課(市役所本庁舎3階)で案内しています。障害などのために文書の作成が難しい方は、あらかじめご相談ください。なお、審査請求の手続に費用はかかりませんが、郵送で提出する場合の郵便料金は審査請求人の負担となります。この決定に係る行政文書の開示を希望する場合は、みどり市情報公開条例に基づき開示請求をすることができます。",
        "5 This notice of appeal rights is a translation for your convenience; the Japanese text above is authoritative. If you disagree with this decision, you may file a request for review (shinsa seikyu) with the Mayor of Midori City within three months from the day after you learned of the decision, and you may bring an action for revocation against Midori City within six months. Neither is possible once one year has passed since the day after the decision, unless there are justifiable reasons.",
        LAST_SENTENCE,
    ]
    .join("\n")
}

fn notice(granted: bool) -> DecisionNotice {
    DecisionNotice {
        municipality: "みどり市".into(),
        authority: "みどり市長".into(),
        office: "市民生活部 市民課".into(),
        notice_date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        applicant_name: "山田 花子".into(),
        subject: "住民票の写しの交付".into(),
        procedure_title: "住民票の写しの交付申請".into(),
        arrival_number: "2026-0001234".into(),
        filed_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        decision: if granted { "許可" } else { "不許可" }.into(),
        granted,
        reasons: if granted {
            String::new()
        } else {
            "申請者と請求に係る住民との関係が確認できず、住民基本台帳法第12条の3第1項に規定する自己の権利を行使し、又は自己の義務を履行するために必要がある者に該当すると認められないため。".into()
        },
        appeal_notice: appeal_notice(),
        title_en: "Notice of decision: issue of a copy of the residence certificate".into(),
        summary_en: "Your application filed on 20 November 2026 has been decided as shown below."
            .into(),
        reference: String::new(),
    }
}

fn receipt_data() -> Receipt {
    let mut answers: Vec<(String, String)> = vec![
        ("氏名".into(), "山田 花子".into()),
        ("氏名(フリガナ)".into(), "ヤマダ ハナコ".into()),
        ("生年月日".into(), "平成2年4月1日".into()),
        ("郵便番号".into(), "123-4567".into()),
        (
            "住所".into(),
            "みどり県みどり市中央一丁目2番3号 みどりマンション456号室(旧住所:あおば市北町七丁目8番9号)".into(),
        ),
        ("電話番号".into(), "090-1234-5678".into()),
        ("メールアドレス".into(), "hanako.yamada@example.jp".into()),
        ("必要な証明書".into(), "住民票の写し(世帯全員)".into()),
        ("通数".into(), "1通".into()),
        ("本籍・筆頭者の記載".into(), "省略する".into()),
        ("マイナンバーの記載".into(), "省略する".into()),
        (
            "使用目的".into(),
            "勤務先への提出(扶養手当の申請のため)。勤務先から、世帯全員が記載され、本籍と続柄が記載されたものを求められていますが、本籍の記載は不要との追加の連絡がありましたので、本籍は省略して請求します。提出期限が12月10日のため、それまでに届くようにお願いします。".into(),
        ),
        ("受取方法".into(), "郵送".into()),
        ("送付先".into(), "住所と同じ".into()),
        (
            "備考".into(),
            "A very long note in English that has to wrap: please send the certificate to the address above; if anything is missing, call me at the number given (weekdays after 18:00). averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongtokenwithoutanyspaces".into(),
        ),
    ];
    answers.truncate(15);
    Receipt {
        municipality: "みどり市".into(),
        office: "市民生活部 市民課".into(),
        procedure_title: "住民票の写しの交付申請".into(),
        procedure_title_en: "Application for a copy of the residence certificate".into(),
        arrival_number: "2026-0001234".into(),
        arrived_at: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 5, 0)
            .unwrap(),
        answers,
        attachments: vec![
            Attachment {
                file_name: "本人確認書類_運転免許証.pdf".into(),
                size_bytes: 250_000,
            },
            Attachment {
                file_name: "委任状.jpg".into(),
                size_bytes: 2_500_000,
            },
        ],
        fee_yen: 300,
        bookings: vec!["2026年12月3日 10:00〜10:30\nみどり市役所 1階 市民課".into()],
        note: "この控えは申請内容の確認用です。審査の結果は、登録されたメールアドレスにお知らせします。お問い合わせの際は到達番号をお伝えください。".into(),
        reference: String::new(),
    }
}

/// The font every document is set in unless `font_path` names another: the one inside
/// the binary, so these tests need no font installed.
fn fonts() -> Fonts {
    let fonts = Fonts::embedded().unwrap();
    assert_eq!(fonts.source(), &FontSource::Embedded);
    fonts
}

fn artifacts() -> PathBuf {
    // CARGO_TARGET_TMPDIR is <target dir>/tmp, wherever the target dir is.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the PDF to look at and reads it back.
fn keep(name: &str, bytes: &[u8]) -> (PathBuf, Readout) {
    let pdf = artifacts().join(name);
    std::fs::write(&pdf, bytes).unwrap();
    let readout = Readout::parse(bytes).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    (pdf, readout)
}

/// The text without any whitespace, so a sentence wrapped over lines is found whole.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 25 mm margins, with a point of slack for rounding.
const MARGIN: f32 = 70.866;

fn assert_inside_margins(pdf: &Path, readout: &Readout) {
    let words: Vec<(usize, &PageText, &Word)> = readout
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.words.iter().map(move |w| (i + 1, p, w)))
        .collect();
    assert!(!words.is_empty(), "no words in {}", pdf.display());
    for (page, p, w) in words {
        assert!(
            w.x_max <= p.width - MARGIN + 1.0 && w.x_min >= MARGIN - 1.0,
            "{:?} on page {page} runs outside the margins (x {}..{} of {}) in {}",
            w.text,
            w.x_min,
            w.x_max,
            p.width,
            pdf.display()
        );
        assert!(
            w.top >= 0.0 && w.top <= p.height,
            "{:?} on page {page} is off the page (baseline {} from the top)",
            w.text,
            w.top
        );
    }
}

/// Small, and the font is embedded as a subset with a map back to Unicode.
fn assert_small_and_subset(pdf: &Path, bytes: &[u8], readout: &Readout) {
    assert!(
        bytes.len() < 500 * 1024,
        "{} is {} bytes: the font is not subset",
        pdf.display(),
        bytes.len()
    );
    assert!(!readout.fonts.is_empty(), "no fonts in {}", pdf.display());
    for font in &readout.fonts {
        assert!(
            font.embedded && font.subset && font.unicode,
            "{font:?} in {}: must be embedded, a subset, with ToUnicode",
            pdf.display()
        );
    }
}

/// The PDF is set in the built-in IPAex Gothic.
fn assert_built_in_font(pdf: &Path, readout: &Readout) {
    let families: Vec<&str> = readout.fonts.iter().map(FontInfo::family).collect();
    assert_eq!(families, [EMBEDDED_FONT_NAME], "{}", pdf.display());
}

#[test]
fn decision_notice_wraps_and_runs_onto_a_second_page() {
    let fonts = fonts();
    let data = notice(false);
    let appeal_chars = data.appeal_notice.chars().count();
    assert!(
        appeal_chars >= 1400,
        "the appeal text is {appeal_chars} characters"
    );
    let bytes = decision_notice(&data, &fonts).unwrap();
    let (pdf, readout) = keep("decision-notice.pdf", &bytes);

    // Two pages of the Japanese notice, then the English reference on its own.
    assert_eq!(readout.pages.len(), 3, "{}", pdf.display());
    let text = readout.text();
    let flat = squeezed(&text);
    for needle in [
        "2026-0001234",
        "山田花子様",
        "教示",
        "令和8年11月23日",
        "2026-11-23",
        "令和8年11月20日付けで申請のあった住民票の写しの交付について、次のとおり決定しましたので通知します。",
        "住民票の写しの交付について(不許可通知)",
        "みどり市長",
        "市民生活部市民課",
        "不許可",
        "理由",
        "住民基本台帳法第12条の3第1項",
        "1/3",
        "2/3",
        "3/3",
        "文書ID:",
        &data.document_id(),
        LAST_SENTENCE,
    ] {
        assert!(
            flat.contains(&squeezed(needle)),
            "{needle:?} missing from {}:\n{text}",
            pdf.display()
        );
    }
    assert_small_and_subset(&pdf, &bytes, &readout);
    assert_built_in_font(&pdf, &readout);
    assert_inside_margins(&pdf, &readout);

    // The long paragraphs were wrapped: many lines on the second page, none too wide.
    let mut lines_on_page_two: Vec<i32> = readout.pages[1]
        .words
        .iter()
        .map(|w| w.top.round() as i32)
        .collect();
    lines_on_page_two.dedup();
    assert!(
        lines_on_page_two.len() >= 8,
        "only {} lines on page 2:\n{text}",
        lines_on_page_two.len()
    );
    let text_lines = text.lines().filter(|l| l.contains("審査請求")).count();
    assert!(text_lines >= 5, "the appeal text was not wrapped:\n{text}");
}

#[test]
fn receipt_lists_answers_attachments_and_the_fee() {
    let fonts = fonts();
    let data = receipt_data();
    assert_eq!(data.answers.len(), 15);
    let bytes = receipt(&data, &fonts).unwrap();
    let (pdf, readout) = keep("receipt.pdf", &bytes);

    let text = readout.text();
    let flat = squeezed(&text);
    for needle in [
        "受付控え",
        "住民票の写しの交付申請",
        "2026-0001234",
        "2026年11月23日 10時05分",
        "300円",
        "2026年12月3日 10:00〜10:30",
        "みどり市役所 1階 市民課",
        "山田 花子",
        "ヤマダ ハナコ",
        "本人確認書類_運転免許証.pdf",
        "245 KB",
        "2.4 MB",
        "提出期限が12月10日のため、それまでに届くようにお願いします。",
        "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongtokenwithoutanyspaces",
        "お問い合わせの際は到達番号をお伝えください。",
        &data.document_id(),
    ] {
        assert!(
            flat.contains(&squeezed(needle)),
            "{needle:?} missing from {}:\n{text}",
            pdf.display()
        );
    }
    for (label, _) in &data.answers {
        assert!(
            flat.contains(&squeezed(label)),
            "answer {label:?} missing:\n{text}"
        );
    }
    assert_small_and_subset(&pdf, &bytes, &readout);
    assert_built_in_font(&pdf, &readout);
    assert_inside_margins(&pdf, &readout);
}

#[test]
fn the_japanese_notice_stays_whole_and_the_english_reference_follows_on_its_own_page() {
    let fonts = fonts();
    let data = notice(true);
    let bytes = decision_notice(&data, &fonts).unwrap();
    let (pdf, readout) = keep("decision-notice-english.pdf", &bytes);
    let page_text = |i: usize| {
        let words: Vec<&str> = readout.pages[i]
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        squeezed(&words.join(" "))
    };
    let last = readout.pages.len() - 1;
    assert!(last >= 1, "no page after the notice: {}", pdf.display());
    // No English in the Japanese notice; the notice's text is not on the reference page.
    for i in 0..last {
        let text = page_text(i);
        assert!(
            !text.contains("Notice"),
            "English on page {}: {text}",
            i + 1
        );
        assert!(!text.contains("Yourapplication"), "page {}: {text}", i + 1);
    }
    let reference = page_text(last);
    for needle in [
        "参考訳",
        "English reference",
        "for information only",
        "Notice of decision: issue of a copy of the residence certificate",
        "Your application filed on 20 November 2026",
        "Arrival number",
        "2026-0001234",
        "20 November 2026",
        "Your application was granted (許可)",
    ] {
        assert!(
            reference.contains(&squeezed(needle)),
            "{needle:?} missing from the reference page of {}:\n{reference}",
            pdf.display()
        );
    }
    assert!(!reference.contains(&squeezed("次のとおり決定しました")));
    assert_inside_margins(&pdf, &readout);

    // A procedure without English texts gets no reference page.
    let mut plain = notice(true);
    plain.title_en.clear();
    plain.summary_en.clear();
    let (_, japanese_only) = keep(
        "decision-notice-japanese-only.pdf",
        &decision_notice(&plain, &fonts).unwrap(),
    );
    assert_eq!(
        japanese_only.pages.len(),
        last,
        "one page fewer without the reference"
    );
    assert!(!squeezed(&japanese_only.text()).contains("English"));
}

#[test]
fn a_grant_needs_no_reasons_and_a_refusal_does() {
    let fonts = fonts();
    let granted = notice(true);
    assert_eq!(granted.title(), "住民票の写しの交付について(通知)");
    let bytes = decision_notice(&granted, &fonts).unwrap();
    let (_, readout) = keep("decision-notice-granted.pdf", &bytes);
    let flat = squeezed(&readout.text());
    assert!(flat.contains("住民票の写しの交付について(通知)"));
    assert!(flat.contains("許可"));

    let mut refused = notice(false);
    refused.reasons = "  ".into();
    assert!(matches!(
        decision_notice(&refused, &fonts),
        Err(DocumentError::MissingReasons)
    ));
}

#[test]
fn a_reference_replaces_the_digest_and_the_digest_follows_the_answers() {
    let mut data = receipt_data();
    let digest = data.document_id();
    assert_eq!(digest.len(), 64);
    data.answers[0].1 = "山田 太郎".into();
    assert_ne!(data.document_id(), digest);
    data.reference = "MIDORI-2026-R-0001234".into();
    assert_eq!(data.document_id(), "MIDORI-2026-R-0001234");
}

/// Every font file known to work as `font_path` renders when it is installed (IPAex:
/// TrueType outlines; Noto CJK: a collection with CFF outlines), and so does the built-in
/// font, which is always there.
#[test]
fn the_built_in_font_and_every_installed_system_font_render() {
    let mut candidates = vec![fonts()];
    for path in SYSTEM_FONT_PATHS.iter().map(PathBuf::from) {
        if path.exists() {
            let fonts = Fonts::configured(Some(&path)).unwrap();
            assert_eq!(fonts.source(), &FontSource::File(path));
            candidates.push(fonts);
        }
    }
    for fonts in candidates {
        let source = fonts.source().to_string();
        let bytes = decision_notice(&notice(false), &fonts).unwrap();
        let name = match fonts.source() {
            FontSource::Embedded => "built-in".to_owned(),
            FontSource::File(path) => path.file_stem().unwrap().to_string_lossy().into_owned(),
        };
        let (pdf, readout) = keep(&format!("decision-notice-{name}.pdf"), &bytes);
        let flat = squeezed(&readout.text());
        assert_eq!(readout.pages.len(), 3, "{source}");
        assert!(flat.contains("令和8年11月23日"), "{source}");
        assert!(flat.contains(&squeezed(LAST_SENTENCE)), "{source}");
        assert_small_and_subset(&pdf, &bytes, &readout);
        assert_inside_margins(&pdf, &readout);
    }
}
