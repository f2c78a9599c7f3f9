//! Congestion now (issue 49 item 8), through the pages as a browser without JavaScript uses
//! them: a supervisor adds a counter (each fault named at its input, kept as typed, 422), a
//! desk hands out numbers and calls them, and the public page, its JSON and its CSV say
//! how many wait, the number called and the expected wait — in Japanese and English.

use serde_json::Value;

use super::support::{Browser, Page, service};

fn csrf(page: &Page) -> String {
    madoguchi_e2e::input_value(&page.text, "csrf_token")
}

fn signed_in(t: &madoguchi_testkit::TestApp, login: &str) -> Browser {
    let b = Browser::default();
    b.set_cookie("__Host-mdg_clerk", &t.sign_in_token(login));
    b
}

const COUNTER: [(&str, &str); 5] = [
    ("id", "aoba-shimin"),
    ("name_ja", "青葉区役所 市民課"),
    ("name_en", "Aoba Ward Office, Citizens Division"),
    ("place_ja", "1階 3番窓口"),
    ("place_en", ""),
];

web_test!(
    async fn desks_call_numbers_and_everyone_reads_the_wait(t) {
        let service = service(&t).await;
        // Before any counter: the public page says the city publishes none yet.
        let public = Browser::default();
        let empty = public.get(&service, "/congestion").await;
        assert_eq!(empty.status, 200);
        assert!(empty.text.contains("まだ窓口の混雑状況をお知らせしていません"), "{}", empty.text);
        assert_eq!(empty.header("cache-control"), "no-cache");

        // A supervisor adds the counter; faults first, each at its input, nothing stored.
        let kacho = signed_in(&t, "koseki-jumin.kacho@sendai.example");
        let desk_page = kacho.get(&service, "/office/congestion").await;
        assert_eq!(desk_page.status, 200);
        let token = csrf(&desk_page);
        let faulty = [
            ("id", "Aoba Shimin"),
            ("name_ja", ""),
            ("name_en", ""),
            ("place_ja", "1階"),
            ("place_en", ""),
        ];
        let refused = kacho
            .post_form(&service, "/office/congestion/lines", Some(&token), &faulty)
            .await;
        assert_eq!(refused.status, 422);
        for expected in [
            "窓口のID: 英小文字・数字・ハイフン(-)で60文字までにしてください",
            "窓口の名前(日本語): 入力してください",
            "href=\"#id\"",
            "href=\"#name_ja\"",
            "value=\"Aoba Shimin\"",
            "aria-invalid=\"true\"",
            "<title>エラー",
        ] {
            assert!(refused.text.contains(expected), "{expected}: {}", refused.text);
        }
        let added = kacho
            .post_form(&service, "/office/congestion/lines", Some(&token), &COUNTER)
            .await;
        assert_eq!(added.status, 303, "{}", added.text);
        let location = added.header("location").to_string();
        assert_eq!(location, "/office/congestion?added=aoba-shimin");
        let back = kacho.get(&service, &location).await;
        assert!(back.text.contains("窓口「青葉区役所 市民課」を加えました。"), "{}", back.text);
        // The same id again is taken.
        let again = kacho
            .post_form(&service, "/office/congestion/lines", Some(&token), &COUNTER)
            .await;
        assert_eq!(again.status, 422);
        assert!(again.text.contains("窓口のID: このIDの窓口はもうあります"), "{}", again.text);

        // A clerk works the numbers but adds no counter.
        let desk = signed_in(&t, "koseki-jumin@sendai.example");
        let page = desk.get(&service, "/office/congestion").await;
        assert_eq!(page.status, 200);
        assert!(page.text.contains("窓口を加えるのは、課長(監督者)と管理者です。"), "{}", page.text);
        assert!(!page.text.contains("action=\"/office/congestion/lines\""));
        let token = csrf(&page);
        let forbidden = desk
            .post_form(&service, "/office/congestion/lines", Some(&token), &COUNTER)
            .await;
        assert_eq!(forbidden.status, 403);
        // Nothing to call yet.
        let call = "/office/congestion/aoba-shimin/call";
        let issue = "/office/congestion/aoba-shimin/issue";
        let none = desk.post_form(&service, call, Some(&token), &[]).await;
        assert_eq!(none.status, 303);
        let said = desk.get(&service, none.header("location")).await;
        assert!(said.text.contains("青葉区役所 市民課: お待ちの方はいません。"), "{}", said.text);
        // Three check in; the first is called.
        for n in 1..=3 {
            let issued = desk.post_form(&service, issue, Some(&token), &[]).await;
            assert_eq!(issued.status, 303);
            assert_eq!(
                issued.header("location"),
                format!("/office/congestion?line=aoba-shimin&issued={n}#line-aoba-shimin")
            );
        }
        let said = desk
            .get(&service, "/office/congestion?line=aoba-shimin&issued=3")
            .await;
        assert!(said.text.contains("青葉区役所 市民課: 番号札 3番をお渡しください。"), "{}", said.text);
        let called = desk.post_form(&service, call, Some(&token), &[]).await;
        let said = desk.get(&service, called.header("location")).await;
        assert!(said.text.contains("青葉区役所 市民課: 1番の方をお呼びください。"), "{}", said.text);
        // Without the form's token, nothing is handed out.
        let forged = desk.post_form(&service, issue, None, &[]).await;
        assert_eq!(forged.status, 403);
        // An unknown counter is not found.
        let unknown = desk
            .post_form(&service, "/office/congestion/nowhere/issue", Some(&token), &[])
            .await;
        assert_eq!(unknown.status, 404);

        // The public page: 2 waiting, number 1 called, no estimate from one call.
        let now = public.get(&service, "/congestion").await;
        for expected in ["青葉区役所 市民課", "1階 3番窓口", "2人", "1番", "まだ目安を出せません"] {
            assert!(now.text.contains(expected), "{expected}: {}", now.text);
        }
        let json = public.get(&service, "/congestion.json").await;
        assert_eq!(json.status, 200);
        assert_eq!(json.header("cache-control"), "no-cache");
        let v: Value = serde_json::from_str(&json.text).unwrap();
        let line = &v["lines"][0];
        assert_eq!(line["id"], "aoba-shimin");
        assert_eq!(line["waiting"], 2);
        assert_eq!(line["calling"], 1);
        assert_eq!(line["expected_minutes"], Value::Null);
        assert_eq!((line["issued_today"].as_u64(), line["called_today"].as_u64()), (Some(3), Some(1)));
        let csv = public.get(&service, "/congestion.csv").await;
        assert_eq!(csv.status, 200);
        assert!(csv.header("content-type").starts_with("text/csv"));
        let text = csv.text.trim_start_matches('\u{feff}');
        let mut rows = text.lines();
        assert_eq!(
            rows.next(),
            Some("as_of,counter_id,counter_ja,counter_en,place_ja,place_en,waiting,expected_wait_minutes,now_calling,issued_today,called_today")
        );
        let row = rows.next().unwrap();
        assert!(row.contains(",aoba-shimin,青葉区役所 市民課,\"Aoba Ward Office, Citizens Division\",1階 3番窓口,1階 3番窓口,2,,1,3,1"), "{row}");

        // In English: the English name, the place in Japanese where none was given.
        public.set_cookie("__Host-mdg_lang", "en");
        let en = public.get(&service, "/congestion").await;
        for expected in ["Waiting at the counters", "Aoba Ward Office, Citizens Division", "2 waiting", "No. 1", "No estimate yet"] {
            assert!(en.text.contains(expected), "{expected}: {}", en.text);
        }
    }
);
