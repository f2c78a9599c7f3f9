//! Pages read by everyone, made cheap to send again (issue 19, item 3): the home page as a
//! search and categories, `ETag`/`304` on pages the same for every reader, and static files
//! under content-hashed names, cached for good and sent precompressed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use madoguchi_e2e::{browser, e2e_test, get};
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_NONE_MATCH, VARY,
};

/// The values of `href="{prefix}…"` in a page, in order.
fn links(page: &str, prefix: &str) -> Vec<String> {
    page.split(&format!("href=\"{prefix}"))
        .skip(1)
        .map(|rest| rest.chars().take_while(|c| *c != '"').collect())
        .collect()
}

e2e_test!(async fn the_home_page_is_small_links_every_category_and_searches(server) {
    let client = browser();
    let (status, home) = get(&client, &server.url("/procedures")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.len() <= 15 * 1024, "home page is {} bytes", home.len());
    assert!(home.contains("<form method=\"get\" action=\"/procedures\""), "a search that works without JavaScript");
    assert!(home.contains("href=\"/guide/"), "life events");
    let categories = links(&home, "/procedures/");
    let known: BTreeSet<&str> = madoguchi_forms::catalog::CATEGORIES.iter().map(|(c, _)| *c).collect();
    // The demo city offers something in every category of the catalogue.
    assert_eq!(categories.iter().map(String::as_str).collect::<BTreeSet<_>>(), known, "every category linked once");
    assert_eq!(categories.len(), known.len());
    let mut every = BTreeSet::new();
    for category in &categories {
        let (status, page) = get(&client, &server.url(&format!("/procedures/{category}"))).await;
        assert_eq!(status, StatusCode::OK, "{category}");
        let listed = links(&page, "/p/");
        assert!(!listed.is_empty(), "{category} lists its procedures");
        for id in listed {
            assert!(every.insert(id.clone()), "{id} is in one category only");
        }
    }
    assert!(every.len() >= 100, "{} procedures reachable from the categories", every.len());
    assert!(every.contains("juminhyo-copy"));
    // An unknown category is no page.
    let (status, _) = get(&client, &server.url("/procedures/no-such-category")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The search box's GET form.
    let (status, found) = get(&client, &server.url("/procedures?q=%E4%BD%8F%E6%B0%91%E7%A5%A8")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(links(&found, "/p/").first().map(String::as_str), Some("juminhyo-copy"), "住民票 finds the copy first");
});

e2e_test!(async fn a_page_the_same_for_everyone_answers_304_to_its_etag(server) {
    let client = browser();
    for path in ["/p/juminhyo-copy", "/procedures", "/procedures/certificates"] {
        let res = client.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let tag = res.headers().get(ETAG).expect("an ETag").to_str().unwrap().to_string();
        assert_eq!(res.headers().get(CACHE_CONTROL).unwrap(), "no-cache", "{path}: kept but asked again");
        assert!(res.headers().get(VARY).unwrap().to_str().unwrap().contains("Cookie"), "{path}");
        let first = res.text().await.unwrap();
        assert!(!first.is_empty());

        let again = client.get(server.url(path)).header(IF_NONE_MATCH, &tag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers().get(ETAG).unwrap().to_str().unwrap(), tag);
        assert!(again.bytes().await.unwrap().is_empty(), "{path}: 304 has no body");

        // Another tag (an older version) gets the page.
        let stale = client.get(server.url(path)).header(IF_NONE_MATCH, "W/\"0000\"").send().await.unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(stale.text().await.unwrap(), first, "{path}: the same page to everyone");

        // The page in English is another page, with another tag.
        let english = reqwest::Client::new()
            .get(server.url(path))
            .header(ACCEPT_LANGUAGE, "en")
            .header(IF_NONE_MATCH, &tag)
            .send()
            .await
            .unwrap();
        assert_eq!(english.status(), StatusCode::OK, "{path}: the Japanese tag is not the English page's");
        assert_ne!(english.headers().get(ETAG).unwrap().to_str().unwrap(), tag);
    }
    // A resident's own pages carry no tag and are not kept.
    let res = client.get(server.url("/my")).send().await.unwrap();
    assert!(res.headers().get(ETAG).is_none());
    assert_eq!(res.headers().get(CACHE_CONTROL).unwrap(), "no-store");
});

e2e_test!(async fn static_files_have_hashed_names_cached_for_good_and_sent_gzipped(server) {
    let client = browser();
    let (_, home) = get(&client, &server.url("/procedures")).await;
    let css = links(&home, "/static/").into_iter().find(|h| h.ends_with(".css")).expect("the stylesheet");
    let (stem, rest) = css.split_once('.').unwrap();
    let (hash, ext) = rest.split_once('.').unwrap();
    assert_eq!((stem, ext), ("app", "css"));
    assert!(hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{css}");

    let url = server.url(&format!("/static/{css}"));
    let plain = client.get(&url).send().await.unwrap();
    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(plain.headers().get(CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none(), "sent plain to who does not ask for gzip");
    let tag = plain.headers().get(ETAG).unwrap().to_str().unwrap().to_string();
    let text = plain.text().await.unwrap();
    assert!(text.contains("font-family") || text.contains('{'), "the stylesheet");

    let packed = client.get(&url).header(ACCEPT_ENCODING, "gzip, deflate, br").send().await.unwrap();
    assert_eq!(packed.status(), StatusCode::OK);
    assert_eq!(packed.headers().get(CONTENT_ENCODING).unwrap(), "gzip");
    assert!(packed.headers().get(VARY).unwrap().to_str().unwrap().contains("Accept-Encoding"));
    assert_eq!(packed.headers().get(CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
    let bytes = packed.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "a gzip stream");
    assert!(bytes.len() < text.len(), "smaller than the file");

    let held = client.get(&url).header(IF_NONE_MATCH, &tag).send().await.unwrap();
    assert_eq!(held.status(), StatusCode::NOT_MODIFIED);
    assert!(held.bytes().await.unwrap().is_empty());

    // A name with a digest this build does not have (an older build's) is not found.
    for stale in ["/static/app.0123456789abcdef.css", "/static/postal.0000000000000000.js", "/static/nothing.css"] {
        let res = client.get(server.url(stale)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{stale}");
    }
});
