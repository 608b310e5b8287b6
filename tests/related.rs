//! "Tin bài liên quan" on the bundled seeds and on small host datasets.
#![cfg(not(target_arch = "wasm32"))]

use tinbai::dataset::value::parse_json;
use tinbai::engine::{Engine, RelatedQuery};
use tinbai::rank::related::Empty;
use tinbai::text::{fold, nfd};
use tinbai::Error;

const HUE: &str = "thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle";
const CONF_50: &str = "50-dia-phuong-viet-nam-va-12-dia-phuong-phap-tim-hieu-co-hoi-hop-tac";
const CONF_TQ: &str = "tai-thu-do-ha-noi-dien-ra-hoi-nghi-hop-tac-giua-cac-dia-phuong-viet-nam-phap-lan";
const LAO_CAI: &str = "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai";
const MONTREUIL: &str = "thuc-day-tang-cuong-hop-tac-giua-montreuil-phap-va-cac-dia-phuong-viet-nam";
const ARTICLES: [&str; 5] = [HUE, CONF_50, CONF_TQ, LAO_CAI, MONTREUIL];

fn engine() -> Engine {
    Engine::bundled().unwrap()
}

fn ids_for(e: &Engine, q: RelatedQuery) -> Vec<String> {
    e.related(&q).unwrap().items.into_iter().map(|i| i.id).collect()
}

fn of(article: &str, limit: usize) -> RelatedQuery {
    RelatedQuery { article: Some(article.into()), limit: Some(limit), ..Default::default() }
}

fn text(t: &str, limit: usize) -> RelatedQuery {
    RelatedQuery { text: Some(t.into()), limit: Some(limit), ..Default::default() }
}

#[test]
fn the_two_conference_articles_are_each_others_top_match() {
    let e = engine();
    assert_eq!(ids_for(&e, of(CONF_50, 3))[0], CONF_TQ);
    assert_eq!(ids_for(&e, of(CONF_TQ, 3))[0], CONF_50);
}

#[test]
fn the_two_nouvelle_aquitaine_articles_rank_each_other_in_their_top_three() {
    let e = engine();
    assert!(ids_for(&e, of(HUE, 3)).contains(&LAO_CAI.to_owned()));
    assert!(ids_for(&e, of(LAO_CAI, 3)).contains(&HUE.to_owned()));
}

/// Names of countries other than France, as a reader would spot them in a headline.
/// ("Lào" is Laos, but "Lào Cai" is a Vietnamese province.)
const OTHER_COUNTRIES: &[&str] = &[
    "romania", "nga", "hoa ky", "thai lan", "trung quoc", "lao", "campuchia", "ha lan", "mong co", "canada", "cuba",
    "phan lan", "trieu tien", "an do", "han quoc", "palestine", "lien minh chau au", "viet - trung",
];

fn names_another_country(s: &str) -> Option<&'static str> {
    let f = format!(" {} ", fold(s).replace("lao cai", "laocai").replace(|c: char| !c.is_alphanumeric() && c != '-', " "));
    OTHER_COUNTRIES.iter().copied().find(|c| f.contains(&format!(" {c} ")))
}

#[test]
fn no_seed_article_is_matched_with_news_about_another_country() {
    let e = engine();
    assert_eq!(names_another_country("Việt Nam – LB Nga"), Some("nga"), "the check itself works");
    assert_eq!(names_another_country("tỉnh Lào Cai"), None);
    for a in ARTICLES {
        for id in ids_for(&e, of(a, 3)) {
            let item = e.dataset().get(&id).unwrap();
            let text: Vec<&str> = item.texts().collect();
            assert_eq!(names_another_country(&text.join(" ")), None, "{a} → {id}");
        }
    }
}

#[test]
fn every_result_explains_itself() {
    let e = engine();
    let out = e.related(&of(LAO_CAI, 3)).unwrap();
    let hue = out.items.iter().find(|i| i.id == HUE).unwrap();
    assert!(hue.reasons.places.contains(&"Nouvelle-Aquitaine".to_owned()), "{:?}", hue.reasons);
    assert!(hue.reasons.terms.contains(&"hợp tác".to_owned()), "{:?}", hue.reasons);
    // A term covered by a shared place is not listed again.
    assert!(!hue.reasons.terms.iter().any(|t| fold(t).contains("aquitaine")));
    let scores: Vec<f64> = out.items.iter().map(|i| i.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

#[test]
fn an_item_never_relates_to_itself_or_its_near_duplicates() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes về quy hoạch đô thị"},
            {"id": "a-copy", "title": "Đà Nẵng hợp tác với Nantes về quy hoạch đô thị!"},
            {"id": "b", "title": "Nantes hỗ trợ Đà Nẵng đào tạo cán bộ quy hoạch"},
            {"id": "c", "title": "Giá lúa gạo tăng ở đồng bằng"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    assert_eq!(ids_for(&e, of("a", 5)), ["b"]);
}

#[test]
fn the_next_in_a_series_is_related_not_a_duplicate() {
    // Numbers are no features, so these read alike; their figures tell them apart.
    let data = parse_json(
        r#"{"articles": [
            {"id": "jul", "title": "7 tháng năm 2025: Hà Nội đón 18,36 triệu lượt khách du lịch"},
            {"id": "oct", "title": "10 tháng năm 2025: Hà Nội đón 28,22 triệu lượt khách du lịch"},
            {"id": "jul-again", "title": "Hà Nội đón 18,36 triệu lượt khách du lịch trong 7 tháng năm 2025"},
            {"id": "other", "title": "Giá lúa gạo tăng ở đồng bằng"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    assert_eq!(ids_for(&e, of("jul", 5)), ["oct"], "the same figures reworded are the same story");
    assert_eq!(ids_for(&e, of("oct", 5))[0], "jul");
    // The seeds' own series.
    let e = engine();
    let jul = "7-thang-nam-2025-ha-noi-don-18-36-trieu-luot-khach-du-lich";
    let oct = "10-thang-nam-2025-ha-noi-don-28-22-trieu-luot-khach-du-lich";
    assert_eq!(ids_for(&e, of(jul, 3))[0], oct);
    assert_eq!(ids_for(&e, of(oct, 3))[0], jul);
}

#[test]
fn ties_break_the_same_way_every_time_newest_first_then_by_id() {
    let data = parse_json(
        r#"{"articles": [
            {"id": "q", "title": "Lễ hội pháo hoa Đà Nẵng"},
            {"id": "z-old", "title": "Pháo hoa Đà Nẵng", "published": "2024-01-01"},
            {"id": "y-new", "title": "Pháo hoa Đà Nẵng.", "published": "2025-01-01"},
            {"id": "x-undated", "title": "Pháo hoa, Đà Nẵng"},
            {"id": "w-undated", "title": "Pháo hoa Đà Nẵng?"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    // Same words, so near-duplicates of one another: only the first of each title shows.
    let got = ids_for(&e, of("q", 5));
    assert_eq!(got, ["y-new"], "equal titles collapse to the best-ranked one");
    for _ in 0..5 {
        assert_eq!(ids_for(&e, of("q", 5)), got);
    }
    let data = parse_json(
        r#"{"articles": [
            {"id": "q", "title": "Lễ hội pháo hoa Đà Nẵng"},
            {"id": "b", "title": "Pháo hoa rực rỡ"},
            {"id": "a", "title": "Pháo hoa lộng lẫy"},
            {"id": "c", "title": "Pháo hoa tưng bừng", "published": "2025-05-01"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let out = e.related(&RelatedQuery { min_score: Some(0.0), ..of("q", 5) }).unwrap();
    let scores: Vec<f64> = out.items.iter().map(|i| i.score).collect();
    assert!(scores.windows(2).all(|w| w[0] == w[1]), "the fixture must tie: {scores:?}");
    assert_eq!(out.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["c", "a", "b"]);
}

#[test]
fn weak_matches_are_dropped_and_the_reason_is_given() {
    let e = engine();
    let all = e.related(&RelatedQuery { min_score: Some(0.0), ..of(LAO_CAI, 50) }).unwrap();
    let kept = e.related(&of(LAO_CAI, 50)).unwrap();
    assert!(kept.items.len() < all.items.len(), "the default threshold drops something");
    assert!(kept.items.iter().all(|i| i.score >= 0.06));

    let out = e.related(&RelatedQuery { min_score: Some(5.0), ..of(LAO_CAI, 5) }).unwrap();
    assert!(out.items.is_empty());
    match out.empty {
        Some(Empty::BelowThreshold { best, threshold }) => assert!(best > 0.0 && best < threshold),
        other => panic!("{other:?}"),
    }
    let out = e.related(&text("zzzz qqqq", 5)).unwrap();
    assert_eq!(out.empty, Some(Empty::NoSharedTerms));
}

#[test]
fn exclusions_apply_before_the_limit() {
    let e = engine();
    let top = ids_for(&e, of(CONF_50, 3));
    let q = RelatedQuery { exclude: vec![top[0].clone()], ..of(CONF_50, 3) };
    let without = ids_for(&e, q);
    assert_eq!(without.len(), 3, "still three items");
    assert!(!without.contains(&top[0]));
    assert_eq!(without[..2], top[1..]);
}

#[test]
fn queries_without_diacritics_find_the_same_items_and_exact_spelling_ranks_higher() {
    let e = engine();
    let plain = e.related(&text("hop tac Lao Cai", 50)).unwrap();
    let marked = e.related(&text("hợp tác Lào Cai", 50)).unwrap();
    let decomposed = e.related(&text(&nfd("hợp tác Lào Cai"), 50)).unwrap();
    let ids = |l: &tinbai::engine::RelatedList| {
        let mut v: Vec<String> = l.items.iter().map(|i| i.id.clone()).collect();
        v.sort();
        v
    };
    assert!(!plain.items.is_empty());
    assert_eq!(ids(&plain), ids(&marked));
    assert_eq!(marked.items, decomposed.items, "NFD input ranks exactly as NFC");
    assert_eq!(plain.items[0].id, LAO_CAI);
    assert_eq!(marked.items[0].id, LAO_CAI);
    assert!(marked.items[0].score > plain.items[0].score);

    // đường (road) and dương (ocean/Hải Dương) fold alike, but the exact word wins.
    let data = parse_json(
        r#"{"articles": [
            {"id": "road", "title": "Sửa đường ở Thái Bình"},
            {"id": "sea", "title": "Bảo vệ dương xỉ ở Thái Bình"}
        ]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let q = |t: &str| ids_for(&e, RelatedQuery { min_score: Some(0.0), ..text(t, 5) });
    assert_eq!(q("đường Thái Bình"), ["road", "sea"]);
    assert_eq!(q("dương Thái Bình"), ["sea", "road"]);
    let mut plain = q("duong Thai Binh");
    plain.sort();
    assert_eq!(plain, ["road", "sea"]);
}

#[test]
fn free_text_from_a_host_page_finds_the_matching_stories() {
    let e = engine();
    let out = e.related(&text("Hà Nội và vùng Île-de-France kỷ niệm quan hệ đối tác", 3)).unwrap();
    assert_eq!(out.items[0].id, "nhieu-trien-vong-hop-tac-moi-giua-ha-noi-va-vung-ile-de-france-tai-viet-nam");
    assert!(out.items[0].reasons.places.contains(&"Île-de-France".to_owned()));
    // Old tone placement in the query still matches ("hoá" / "hóa").
    let a = ids_for(&e, text("văn hoá di sản Huế", 5));
    let b = ids_for(&e, text("văn hóa di sản Huế", 5));
    assert_eq!(a, b);
}

#[test]
fn bad_requests_name_the_problem() {
    let e = engine();
    let err = e.related(&of("no-such-article", 3)).unwrap_err();
    assert_eq!(err, Error::UnknownId { what: "article", id: "no-such-article".into() });
    assert!(err.to_string().contains("no-such-article"));
    for limit in [0, 51] {
        let msg = e.related(&of(HUE, limit)).unwrap_err().to_string();
        assert!(msg.contains("limit") && msg.contains(&limit.to_string()), "{msg}");
    }
    let msg = e.related(&RelatedQuery::default()).unwrap_err().to_string();
    assert!(msg.contains("article"), "{msg}");
    let both = RelatedQuery { text: Some("x".into()), ..of(HUE, 3) };
    assert!(e.related(&both).unwrap_err().to_string().contains("not both"));
}

#[test]
fn a_host_pages_own_article_text_does_not_recommend_that_article() {
    let e = engine();
    let page = e.dataset().get(LAO_CAI).unwrap();
    let body: Vec<&str> = page.texts().collect();
    let ids = ids_for(&e, text(&body.join("\n"), 3));
    assert!(!ids.contains(&LAO_CAI.to_owned()), "{ids:?}");
    assert_eq!(ids[0], HUE, "the other Nouvelle-Aquitaine story leads");
    // A short typed query is a search: an exact headline match stays.
    let title = ids_for(&e, text(&page.title, 1));
    assert_eq!(title, [LAO_CAI]);
}
