//! The seed parser on the five seed pages, on a sixth page it has never seen, and on
//! decomposed (NFD) input.
#![cfg(not(target_arch = "wasm32"))]

use tinbai::dataset::bundled::PAGES;
use tinbai::dataset::seed::{derive_title, parse_page, parse_pages};
use tinbai::dataset::{Item, Kind};
use tinbai::text::nfd;

const SIXTH: &str = include_str!("fixtures/page_006.txt");

fn items() -> Vec<Item> {
    parse_pages(PAGES.iter().copied())
}

fn by_title<'a>(items: &'a [Item], title: &str) -> &'a Item {
    items.iter().find(|i| i.title == title).unwrap_or_else(|| panic!("no item titled {title:?}"))
}

#[test]
fn every_seed_page_becomes_an_article_with_its_source() {
    let items = items();
    let articles: Vec<&Item> = items.iter().filter(|i| i.source.is_some()).collect();
    assert_eq!(articles.len(), 5);
    for (a, (name, _)) in articles.iter().zip(PAGES) {
        assert_eq!(a.source.as_deref(), Some(*name));
        assert!(!a.body.is_empty(), "{name} has body paragraphs");
        assert!(a.seen_in.is_empty(), "{name} was not listed in a sidebar");
    }
    assert_eq!(articles[3].title, "Họp bàn nội dung hợp tác giữa tỉnh Lào Cai và vùng Nouvelle Aquitaine (Pháp) giai đoạn 2025 - 2027");
}

#[test]
fn the_page_without_a_headline_gets_a_short_title_from_its_first_sentence() {
    let page = parse_page("002", PAGES[2].1);
    assert_eq!(page.title, "Tại thủ đô Hà Nội diễn ra Hội nghị hợp tác giữa các địa phương Việt Nam - Pháp lần thứ 12");
    // The first line is still the first paragraph of the body.
    assert!(page.body[0].starts_with("Từ ngày 14/4 đến ngày 16/4"));
    assert!(derive_title(&"từ ".repeat(80)).chars().count() <= 110);
}

#[test]
fn body_is_in_order_without_noise_or_repeats() {
    let items = items();
    for a in items.iter().filter(|i| i.source.is_some()) {
        for p in &a.body {
            for noise in ["![](", ".jpg", "fb yt zl tw", "Tin bài liên quan", "Đọc nhiều", "Theo TQĐT"] {
                assert!(!p.contains(noise), "{noise:?} leaked into {:?}", a.id);
            }
        }
    }
    // Page 001 repeats a paragraph word for word (only the spacing of a hyphen differs).
    let conf = &items[1];
    let repeated = conf.body.iter().filter(|p| p.starts_with("Đến nay, đã có trên 33 tỉnh")).count();
    assert_eq!(repeated, 1);
    let pos = |start: &str| conf.body.iter().position(|p| p.starts_with(start)).unwrap();
    assert!(pos("Năm 2023, với chủ đề") < pos("Hợp tác giữa các địa phương (còn gọi"));
}

#[test]
fn captions_are_kept_apart_from_the_body() {
    let items = items();
    let hue = &items[0];
    assert_eq!(hue.captions.len(), 2);
    assert!(hue.captions[1].starts_with("Các đại biểu chụp ảnh lưu niệm"));
    let lao_cai = &items[3];
    assert_eq!(lao_cai.captions, ["Quang cảnh cuộc họp.", "Đoàn công tác tỉnh Lào Cai tham dự cuộc họp.", "Lãnh đạo Hội đồng vùng Nouvelle Aquitaine và cán bộ dự án (Cộng hòa Pháp)."]);
    // A long paragraph under the last photo is body, not caption.
    assert!(lao_cai.body.last().unwrap().starts_with("Kết thúc cuộc họp"));
    // Page 001's caption ends in " |" under an image marker.
    assert!(items[1].captions.iter().any(|c| c.contains("từ ngày 13 đến 16/4 tới")));
}

#[test]
fn teasers_and_sidebar_headlines_become_headline_only_items() {
    let items = items();
    let teaser = by_title(&items, "Thành phố Hà Nội sẽ chủ trì tổ chức Hội nghị hợp tác giữa các địa phương của Việt Nam và Pháp lần thứ 12");
    assert!(teaser.summary.as_deref().unwrap().starts_with("Từ ngày 13-15/4/2023"));
    assert_eq!(teaser.seen_in[0].section, "teaser");
    assert!(teaser.body.is_empty() && teaser.source.is_none());

    let info = by_title(&items, "Lịch sử hình thành và phát triển Liên hiệp các tổ chức hữu nghị Việt Nam");
    assert_eq!(info.kind, Kind::Infographic);
    let video = by_title(&items, "World Vision hỗ trợ hơn 1.100 người dân Quảng Ngãi tiếp cận nước sạch bền vững");
    assert_eq!(video.kind, Kind::Video);
    assert_eq!(video.seen_in.len(), 3, "one item for the three pages that list it");

    // "[VIDEO]" and a bare listing of the same headline are one video item.
    let award = by_title(&items, "Ấn Độ tặng Giải thưởng Hòa bình Romesh Chandra cho bà Nguyễn Thị Bình");
    assert_eq!(award.kind, Kind::Video);

    // Sidebar "Tin cùng chuyên mục" repeats each headline and adds a summary.
    let school = by_title(&items, "Xây dựng Trường Chính trị tỉnh đạt chuẩn mức 2");
    assert!(school.summary.as_deref().unwrap().starts_with("Thực hiện Đề án 06-ĐA/TU"));
    assert_eq!(school.seen_in.len(), 1);
    assert!(items.iter().all(|i| i.title != "Quyết tâm từ Nậm Than"), "link text and heading are one item");

    // Positions count within a section, from 1.
    let most_read: Vec<&Item> = items.iter().filter(|i| i.seen_in.iter().any(|s| s.section == "Đọc nhiều" && s.source.starts_with("000"))).collect();
    let mut positions: Vec<u32> = most_read.iter().flat_map(|i| &i.seen_in).filter(|s| s.source.starts_with("000") && s.section == "Đọc nhiều").map(|s| s.position).collect();
    positions.sort();
    assert_eq!(positions, [1, 2, 3, 4]);

    // Navigation strips are not headlines.
    assert!(items.iter().all(|i| !i.title.starts_with("Miền đất - Con người")));
}

#[test]
fn ids_are_unique_folded_slugs() {
    let items = items();
    let mut ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    for id in &ids {
        assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{id}");
        assert!(id.len() <= 80);
    }
    assert_eq!(items[3].id, "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), items.len());
    // Stable: parsing again gives the same ids.
    assert_eq!(items.iter().map(|i| &i.id).collect::<Vec<_>>(), self::items().iter().map(|i| &i.id).collect::<Vec<_>>());
}

#[test]
fn a_sixth_page_in_the_same_style_parses() {
    let page = parse_page("page_006.txt", SIXTH);
    assert_eq!(page.title, "Đà Nẵng và thành phố Nantes (Pháp) ký kết hợp tác về quy hoạch đô thị");
    assert_eq!(page.body.len(), 3, "{:#?}", page.body);
    assert!(page.body[0].starts_with("Chiều 15/9"));
    assert!(page.body[1].starts_with("Theo biên bản ghi nhớ"), "the repeat with extra spaces is dropped");
    assert!(page.body[2].starts_with("Phát biểu tại buổi làm việc"));
    assert_eq!(page.captions, ["Lãnh đạo hai thành phố ký kết biên bản ghi nhớ hợp tác. (Ảnh: danang.gov.vn)", "Toàn cảnh buổi làm việc."]);
    let titles: Vec<(&str, &str, Kind)> = page.headlines.iter().map(|h| (h.seen_in.section.as_str(), h.title.as_str(), h.kind)).collect();
    assert_eq!(
        titles,
        [
            ("teaser", "Tại Hà Nội, Hội hữu nghị Việt Nam - Pháp tổ chức gặp mặt hội viên nhân dịp năm mới, điểm lại các hoạt động…", Kind::Article),
            ("Tin liên quan", "Nantes và Đà Nẵng: hai thành phố bên sông", Kind::Video),
            ("Tin liên quan", "Đà Nẵng tăng cường hợp tác với các địa phương của Pháp", Kind::Article),
            ("Đọc nhiều", "Thúc đẩy tăng cường hợp tác giữa Montreuil (Pháp) và các địa phương Việt Nam", Kind::Article),
            ("Đọc nhiều", "Đà Nẵng đón 1 triệu lượt khách quốc tế trong quý III", Kind::Article),
            ("Bờ cõi biển đảo", "Ngư dân Quảng Ngãi vươn khơi bám biển", Kind::Article),
            ("Tin cùng chuyên mục", "Quy hoạch đô thị xanh: kinh nghiệm từ Pháp", Kind::Article),
        ]
    );
    assert!(page.headlines[6].summary.as_deref().unwrap().starts_with("Các thành phố của Pháp"));
}

#[test]
fn a_headline_on_a_new_page_joins_the_existing_item() {
    let pages: Vec<(&str, &str)> = PAGES.iter().copied().chain([("page_006.txt", SIXTH)]).collect();
    let items = parse_pages(pages);
    let montreuil = by_title(&items, "Thúc đẩy tăng cường hợp tác giữa Montreuil (Pháp) và các địa phương Việt Nam");
    assert_eq!(montreuil.source.as_deref(), Some("004_921db87d3866f0f0.txt"));
    assert_eq!(montreuil.seen_in.len(), 1);
    assert_eq!((montreuil.seen_in[0].source.as_str(), montreuil.seen_in[0].section.as_str(), montreuil.seen_in[0].position), ("page_006.txt", "Đọc nhiều", 1));
    // The seed ids do not move when a page is added after them.
    let seed_ids: Vec<String> = self::items().into_iter().map(|i| i.id).collect();
    assert_eq!(items[..5].iter().map(|i| &i.id).collect::<Vec<_>>(), seed_ids[..5].iter().collect::<Vec<_>>());
}

#[test]
fn decomposed_input_parses_to_the_same_composed_dataset() {
    let composed = items();
    let decomposed_pages: Vec<(String, String)> = PAGES.iter().map(|(n, t)| (n.to_string(), nfd(t))).collect();
    assert_ne!(decomposed_pages[0].1, PAGES[0].1, "the fixture must really be NFD");
    let decomposed = parse_pages(decomposed_pages.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    assert_eq!(composed.len(), decomposed.len());
    for (a, b) in composed.iter().zip(&decomposed) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title, "titles are stored in NFC");
        assert_eq!(a.body, b.body);
        assert_eq!(a.captions, b.captions);
        assert_eq!(a.seen_in, b.seen_in);
    }
}
