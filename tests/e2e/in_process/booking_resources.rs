//! The department's page defining what residents book (issue 49, item 1), through the pages
//! as a browser without JavaScript uses them: a supervisor adds a counter on the form — a
//! row added by a button, inputs that cannot be read and a definition with faults each
//! named at its input and kept as typed (422), a taken id refused — saves it, and its slots
//! open; editing it changes the slots' capacity; an English page says the same; a clerk
//! may read the list but not define.

use chrono::NaiveDate;
use madoguchi_core::ResourceId;

use super::support::{Browser, Page, service};

/// The counter as the supervisor fills the form: weekdays 9:00–11:00 in 30-minute slots.
fn counter_form<'a>(capacity: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("id", "aoba-counter"),
        ("name-ja", "青葉区役所 市民課窓口"),
        ("name-en", "Aoba Ward Office counter"),
        ("place-ja", "青葉区役所 1階"),
        ("place-en", ""),
        ("unit", "persons"),
        ("confirm", "on_filing"),
        ("s0-day", "mon"),
        ("s0-day", "tue"),
        ("s0-day", "wed"),
        ("s0-day", "thu"),
        ("s0-day", "fri"),
        ("s0-from", "09:00"),
        ("s0-until", "11:00"),
        ("s0-every", "30"),
        ("s0-capacity", capacity),
        ("s0-valid-from", ""),
        ("s0-valid-until", ""),
        ("c0-day", "2026-12-09"),
        ("c0-reason-ja", "システム更新のため休みです"),
        ("c0-reason-en", ""),
        ("opens", "45"),
        ("closes", "2"),
        ("cutoff", ""),
        ("per-person", "1"),
    ];
    fields.extend_from_slice(extra);
    fields
}

/// The fields with `name` given `value` in place of what it had.
fn with<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    name: &str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    for f in fields.iter_mut().filter(|f| f.0 == name) {
        f.1 = value;
    }
    fields
}

fn csrf(page: &Page) -> String {
    madoguchi_e2e::input_value(&page.text, "csrf_token")
}

web_test!(
    async fn a_supervisor_defines_a_counter_on_the_page(t) {
        let service = service(&t).await;
        let kacho = Browser::default();
        kacho.set_cookie(
            "__Host-mdg_clerk",
            &t.sign_in_token("koseki-jumin.kacho@sendai.example"),
        );
        let list = kacho.get(&service, "/office/bookings/resources").await;
        assert_eq!(list.status, 200);
        assert!(
            list.text.contains("まだ受付枠はありません")
                && list.text.contains("href=\"/office/bookings/resources/new\""),
            "{}",
            list.text
        );
        let new = kacho.get(&service, "/office/bookings/resources/new").await;
        assert_eq!(new.status, 200);
        let token = csrf(&new);
        let path = "/office/bookings/resources";

        // "Add another session" draws the form again with a second, blank session row.
        let more = kacho
            .post_form(&service, path, Some(&token), &counter_form("2", &[("more", "session")]))
            .await;
        assert_eq!(more.status, 200);
        assert!(
            more.text.contains("id=\"s1-from\"") && more.text.contains("受付時間帯2"),
            "{}",
            more.text
        );
        assert!(more.text.contains("value=\"青葉区役所 市民課窓口\""), "kept as typed");

        // Inputs that cannot be read: each named, at its input, kept as typed.
        let unreadable = with(with(counter_form("二", &[]), "s0-from", "9時"), "opens", "");
        let refused = kacho.post_form(&service, path, Some(&token), &unreadable).await;
        assert_eq!(refused.status, 422);
        for expected in [
            "受付時間帯1: 始まりの時刻: 時刻は 09:00 のように",
            "受付時間帯1: 1枠の定員: 半角数字の整数で書いてください",
            "何日前から予約できるか: 入力してください",
            "href=\"#s0-from\"",
            "value=\"9時\"",
            "<title>エラー",
        ] {
            assert!(refused.text.contains(expected), "{expected}: {}", refused.text);
        }

        // A definition with faults: each said at its input, in the form's words.
        let faulty = with(
            with(counter_form("0", &[]), "s0-until", "08:00"),
            "id",
            "Aoba Counter",
        );
        let refused = kacho.post_form(&service, path, Some(&token), &faulty).await;
        assert_eq!(refused.status, 422);
        for expected in [
            "受付ID: IDは1〜60文字の英小文字・数字・ハイフンで",
            "受付時間帯1: 終わりの時刻: 終わりの時刻(until)を始まりの時刻(from)より後に",
            "受付時間帯1: 1枠の定員: 定員(capacity)は1〜100000に",
            "href=\"#s0-capacity\"",
            "href=\"#id\"",
        ] {
            assert!(refused.text.contains(expected), "{expected}: {}", refused.text);
        }
        let city = t.tenant();
        let bookings = t.app.bookings(&city);
        assert!(bookings.resources().unwrap().is_empty(), "nothing stored");

        // Saved: back to the list, which says what was opened; the slots are there.
        let saved = kacho.post_form(&service, path, Some(&token), &counter_form("2", &[])).await;
        assert_eq!(saved.status, 303, "{}", saved.text);
        let location = saved.header("location").to_string();
        assert!(
            location.starts_with("/office/bookings/resources?saved=aoba-counter&slots="),
            "{location}"
        );
        let opened: u32 = location.rsplit('=').next().unwrap().parse().unwrap();
        assert!(opened > 0, "{location}");
        let list = kacho.get(&service, &location).await;
        assert!(
            list.text.contains(&format!("新しく開いた枠: {opened}"))
                && list.text.contains("月・火・水・木・金 09:00〜11:00, 30分ごと, 1枠の定員 2")
                && list.text.contains("href=\"/office/bookings?resource=aoba-counter\""),
            "{}",
            list.text
        );
        let id = ResourceId::new("aoba-counter");
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let slots = bookings.slots(&id, day(1), day(1)).unwrap();
        assert_eq!(slots.len(), 4, "{slots:?}");
        assert!(slots.iter().all(|s| s.capacity == 2 && s.closed.is_none()));
        let closed = bookings.slots(&id, day(9), day(9)).unwrap();
        assert!(
            closed
                .iter()
                .all(|s| s.closed.as_ref().is_some_and(|r| r.ja.contains("システム更新"))),
            "{closed:?}"
        );

        // The same id again on the new form is refused; nothing is replaced.
        let again = kacho.post_form(&service, path, Some(&token), &counter_form("5", &[])).await;
        assert_eq!(again.status, 422);
        assert!(again.text.contains("受付ID: このIDはもう使われています"), "{}", again.text);
        let slots = bookings.slots(&id, day(1), day(1)).unwrap();
        assert!(slots.iter().all(|s| s.capacity == 2));

        // Edited: the form comes filled from the definition; a new capacity re-plans the slots.
        let edit = kacho.get(&service, "/office/bookings/resources/aoba-counter").await;
        assert_eq!(edit.status, 200);
        for expected in [
            "name=\"editing\" value=\"1\"",
            "id=\"s0-day-mon\" name=\"s0-day\" value=\"mon\" checked",
            "id=\"s0-capacity\" name=\"s0-capacity\" type=\"text\" value=\"2\"",
            "value=\"2026-12-09\"",
        ] {
            assert!(edit.text.contains(expected), "{expected}: {}", edit.text);
        }
        let edited = kacho
            .post_form(&service, path, Some(&token), &counter_form("3", &[("editing", "1")]))
            .await;
        assert_eq!(edited.status, 303, "{}", edited.text);
        let slots = bookings.slots(&id, day(1), day(1)).unwrap();
        assert!(slots.iter().all(|s| s.capacity == 3), "{slots:?}");
        let missing = kacho.get(&service, "/office/bookings/resources/no-such").await;
        assert_eq!(missing.status, 404);

        // In English, the same faults in English, naming the same inputs.
        kacho.set_cookie("__Host-mdg_lang", "en");
        let refused = kacho
            .post_form(&service, path, Some(&token), &with(counter_form("2", &[]), "s0-from", "9"))
            .await;
        assert_eq!(refused.status, 422);
        assert!(
            refused.text.contains("Session 1: Starts at: write a time as hours and minutes"),
            "{}",
            refused.text
        );

        // A clerk reads the list but may not define.
        let clerk = Browser::default();
        clerk.set_cookie("__Host-mdg_clerk", &t.sign_in_token("koseki-jumin@sendai.example"));
        let list = clerk.get(&service, "/office/bookings/resources").await;
        assert_eq!(list.status, 200);
        assert!(
            list.text.contains("青葉区役所 市民課窓口")
                && !list.text.contains("/office/bookings/resources/new")
                && !list.text.contains("href=\"/office/bookings/resources/aoba-counter\""),
            "{}",
            list.text
        );
        assert_eq!(clerk.get(&service, "/office/bookings/resources/new").await.status, 403);
        let token = csrf(&list);
        let post = clerk.post_form(&service, path, Some(&token), &counter_form("9", &[("editing", "1")])).await;
        assert_eq!(post.status, 403);
        assert!(
            post.text.contains("この操作をする権限がありません"),
            "refused for the role, not the token: {}",
            post.text
        );
        let slots = bookings.slots(&id, day(1), day(1)).unwrap();
        assert!(slots.iter().all(|s| s.capacity == 3));
    }
);
