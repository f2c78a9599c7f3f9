//! Finding a procedure: the list by category, search in Japanese (kanji, hiragana,
//! katakana) and English with partial words, the procedure pages, and the life-event guide.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get};
use reqwest::StatusCode;

/// The procedure ids a results page links to, in order.
fn linked_procedures(page: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for part in page.split("href=\"/p/").skip(1) {
        let id: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

e2e_test!(async fn every_procedure_is_listed_by_category(server) {
    let client = browser();
    let (status, home) = get(&client, &server.url("/procedures")).await;
    assert_eq!(status, StatusCode::OK);
    for heading in ["証明書", "子育て", "介護", "ごみ"] {
        assert!(home.contains(heading), "category {heading} missing");
    }
    // The home page links the categories; each category's page lists its procedures.
    let mut listed = Vec::new();
    for part in home.split("href=\"/procedures/").skip(1) {
        let category: String = part.chars().take_while(|c| *c != '"').collect();
        let (status, page) = get(&client, &server.url(&format!("/procedures/{category}"))).await;
        assert_eq!(status, StatusCode::OK, "{category}");
        assert!(page.contains("<h1>"), "{category} has its heading");
        listed.extend(linked_procedures(&page));
    }
    assert!(listed.len() >= 100, "{} procedures listed", listed.len());
});

e2e_test!(async fn search_finds_the_same_procedure_however_it_is_written(server) {
    let client = browser();
    let search = |q: &str| server.url(&format!("/procedures?q={}", urlencode(q)));
    // The resident-record copy: kanji, hiragana, katakana, English, and parts of words.
    for q in ["住民票", "じゅうみんひょう", "ジュウミンヒョウ", "ｼﾞｭｳﾐﾝﾋｮｳ", "residence certificate", "Residence", "住民", "certif"] {
        let (status, page) = get(&client, &search(q)).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        let found = linked_procedures(&page);
        assert!(found.contains(&"juminhyo-copy".to_string()), "{q}: {found:?}");
    }
    // The best match comes first.
    let (_, page) = get(&client, &search("住民票")).await;
    assert_eq!(linked_procedures(&page)[0], "juminhyo-copy");
    for (q, id) in [("保育", "hoiku-moushikomi"), ("ほいくしょ", "hoiku-moushikomi"), ("nursery", "hoiku-moushikomi"), ("犬", "inu-toroku"), ("dog", "inu-toroku"), ("粗大ごみ", "sodai-gomi")] {
        let (_, page) = get(&client, &search(q)).await;
        let found = linked_procedures(&page);
        assert!(found.iter().any(|f| f == id || f.starts_with(id)), "{q}: {found:?}");
    }
    // A move, however 引っ越し is written, finds moving in, out and within the city.
    for q in ["引っ越し", "引越し", "引越", "ひっこし"] {
        let (_, page) = get(&client, &search(q)).await;
        let found = linked_procedures(&page);
        for id in ["tennyu-yoyaku", "tenshutsu-todoke", "tenkyo-todoke"] {
            assert!(found.iter().any(|f| f == id), "{q}: {id} in {found:?}");
        }
    }
    // Nothing found: said so, with a way on.
    let (status, page) = get(&client, &search("zzzzqqq")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("見つかりませんでした") && !page.contains("0件"), "no 「0件」");
    assert!(page.contains("href=\"/guide\"") && page.contains("href=\"/procedures\""));
    // A hostile query is shown back as text, never as markup.
    let (_, page) = get(&client, &search("<script>alert(1)</script>")).await;
    assert!(!page.contains("<script>alert(1)"));
});

e2e_test!(async fn a_procedure_page_says_who_what_it_costs_and_how_long(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url("/p/juminhyo-copy")).await;
    assert_eq!(status, StatusCode::OK);
    for part in ["申請できる方", "手数料", "300円", "用意するもの", "結果の受け取り方", "かかる日数", "到達の翌日から3開庁日以内", "申請を始める"] {
        assert!(page.contains(part), "{part} missing");
    }
    // A procedure the law keeps at the counter says so and offers to prepare it online.
    let (status, page) = get(&client, &server.url("/p/shussei-todoke")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("この手続は窓口で完了します"));
    assert!(page.contains("出生証明書の原本"));
    assert!(page.contains("事前入力を始める"));
    // The same in English.
    let res = client.get(server.url("/lang/en?return=/p/juminhyo-copy")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&client, &server.url("/p/juminhyo-copy")).await;
    for part in ["Who can apply", "Fee", "What you need", "How you get the result", "How long it takes"] {
        assert!(page.contains(part), "{part} missing");
    }
});

e2e_test!(async fn the_life_event_guide_lists_what_applies(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url("/guide")).await;
    assert_eq!(status, StatusCode::OK);
    for event in ["moving-in", "moving-out", "moving-within", "birth", "marriage", "death", "nursery", "care", "business", "disaster"] {
        assert!(page.contains(&format!("href=\"/guide/{event}\"")), "{event} missing");
    }
    // Moving in: the questions first, as a form that works without JavaScript.
    let (status, page) = get(&client, &server.url("/guide/moving-in")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<form method=\"get\""));
    assert!(page.contains("犬を飼っていますか"));
    // With children and a dog, but no health insurance to join.
    let (_, page) = get(&client, &server.url("/guide/moving-in?answered=1&q.children=yes&q.nhi=no&q.care=no&q.dog=yes")).await;
    let listed = linked_procedures(&page);
    for id in ["tennyu-yoyaku", "jido-teate-nintei"] {
        assert!(listed.contains(&id.to_string()), "{id} not in {listed:?}");
    }
    // A dog from another town is registered at a counter (inu-henko is for moves within
    // the city): the guide says where, and links no online procedure for it.
    assert!(!listed.contains(&"inu-henko".to_string()), "{listed:?}");
    assert!(page.contains("犬の登録の届出(市外から連れてきた犬)") && page.contains("区役所・総合支所の窓口"));
    assert!(!listed.contains(&"kokuho-kanyu".to_string()), "not asked for: {listed:?}");
    assert!(page.contains("引っ越しから14日以内"), "deadlines are shown");
    assert!(page.contains("事前入力して窓口で完了") && page.contains("オンラインでできます"));
    // Without a dog or children, those drop out.
    let (_, page) = get(&client, &server.url("/guide/moving-in?answered=1&q.children=no&q.nhi=yes&q.care=no&q.dog=no")).await;
    let listed = linked_procedures(&page);
    assert!(listed.contains(&"kokuho-kanyu".to_string()));
    assert!(!listed.contains(&"jido-teate-nintei".to_string()));
    assert!(!page.contains("犬の登録の届出"), "no dog, no dog item");
    let (status, _) = get(&client, &server.url("/guide/no-such-event")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

e2e_test!(async fn the_published_figures_are_open_to_everyone(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url("/statistics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("手続の実績") && page.contains("<svg") && page.contains("role=\"img\""));
    assert!(page.contains("href=\"/statistics.csv?year="));
    let res = client.get(server.url("/statistics.csv")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheet tools");
    assert!(String::from_utf8_lossy(&body).contains("fiscal_year,procedure_id"));
    let res = client.get(server.url("/statistics.json")).send().await.unwrap();
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["total"]["procedure_id"], "all");
    assert_eq!(json["monthly"].as_array().unwrap().len(), 12);
    assert_eq!(get(&client, &server.url("/statistics?year=abc")).await.0, StatusCode::NOT_FOUND);
});

// A procedure page says how its fee is paid and where its facts come from: bulky waste is
// paid with stickers bought at a shop (never charged here), its sources are linked in the
// 根拠 section with the day they were read, and the notes for the city are never shown.
e2e_test!(async fn a_procedure_page_says_how_the_fee_is_paid_and_cites_its_sources(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url("/p/sodai-gomi-shushu")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("品目の種類ごとに手数料がかかります"), "a per-item fee is not 'free'");
    assert!(!page.contains("無料です"));
    assert!(page.contains("納付券・証紙・印紙をお店などで購入して納めます"), "paid with stickers bought elsewhere");
    assert!(page.contains("<h2>根拠</h2>"));
    assert!(page.contains(r#"<a href="https://www.city.sendai.jp/haiki-shido/foreignlanguage/en/garbage/garbage-02.html" rel="noopener">7. Bulky Waste Guide</a>"#), "{page}");
    assert!(page.contains("仙台市 環境局(2026年11月23日確認)"), "who published it and when it was read");
    assert!(page.contains(r#"<span class="muted">手数料・還付：</span> <a href="https://www.city.sendai.jp/haiki-shido/"#), "which facts the source supports: {page}");
    // Its fee and legal basis carry notes for the city: marked as not yet confirmed, with
    // the section to ask, and the line on the sources says what the marks mean.
    assert!(page.contains("このページの内容は2026年11月23日に出典と照合しましたが、「市に確認中」と示した内容は、まだ市が確認していません。"), "{page}");
    let fee = &page[page.find("<h2>手数料</h2>").unwrap()..page.find("<h2>用意するもの</h2>").unwrap()];
    assert!(fee.contains("<strong class=\"to-confirm-label\">市に確認中</strong> この内容は、まだ市が確認していません。確かなことは"), "{fee}");
    assert!(!page.contains("to_confirm") && !page.contains("No city fee table"), "notes for the city stay with the authors");
    // In English too.
    let res = client.get(server.url("/lang/en?return=/p/sodai-gomi-shushu")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&client, &server.url("/p/sodai-gomi-shushu")).await;
    assert!(page.contains("Legal basis and sources") && page.contains("read on"), "{page}");
    assert!(page.contains(r#"<span class="muted">Fee, Refund:</span>"#), "{page}");
    assert!(page.contains("nothing is charged here"));
    assert!(page.contains("<strong class=\"to-confirm-label\">Being confirmed with the city</strong> The city has not yet confirmed this. To be sure, ask"), "{page}");
});

// A fee the form cannot compute is stated in words, never called free: the road occupancy
// charge is set with the permit. The list of procedures says which procedures charge, and
// that a fee priced by the request depends on it.
e2e_test!(async fn a_fee_the_form_cannot_compute_is_stated_never_called_free(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url("/p/doro-senyo-kyoka")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("占用料は仙台市道路占用料条例の別表により"), "{page}");
    assert!(!page.contains("無料です"), "a charged procedure is not free");
    // Every category's list of procedures, one after the other.
    let (_, home) = get(&client, &server.url("/procedures")).await;
    let mut list = String::new();
    for part in home.split("href=\"/procedures/").skip(1) {
        let category: String = part.chars().take_while(|c| *c != '"').collect();
        list.push_str(&get(&client, &server.url(&format!("/procedures/{category}"))).await.1);
    }
    let item = |id: &str| {
        let at = list.find(&format!("/p/{id}\"")).unwrap_or_else(|| panic!("{id} listed"));
        list[at..].chars().take(800).collect::<String>()
    };
    assert!(item("doro-senyo-kyoka").contains("有料(ここでは支払いません)"), "{}", item("doro-senyo-kyoka"));
    assert!(item("sodai-gomi-shushu").contains("手数料は内容により異なります"), "{}", item("sodai-gomi-shushu"));
    assert!(item("tenshutsu-todoke").contains("手数料なし"), "{}", item("tenshutsu-todoke"));
});
