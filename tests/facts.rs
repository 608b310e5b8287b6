//! Partnership facts: every quote is in its source, disputes keep every version,
//! derived values say how, and partnerships link to the items that name them.
#![cfg(not(target_arch = "wasm32"))]

use tinbai::dataset::value::parse_json;
use tinbai::engine::Engine;
use tinbai::facts::{FactValue, PartnershipKind};

fn engine() -> Engine {
    Engine::bundled().unwrap()
}

#[test]
fn every_bundled_quote_is_verbatim_in_its_source() {
    let e = engine();
    assert_eq!(e.check_facts(), []);
    let mut n = 0;
    for p in e.dataset().partnerships() {
        assert!(!p.facts.is_empty(), "{}", p.id);
        for f in &p.facts {
            assert!(f.sources().count() > 0, "{} / {} has no source", p.id, f.key);
            for s in f.sources() {
                let item = e.dataset().get(&s.item).unwrap();
                assert!(item.contains_quote(&s.quote), "{} / {}", p.id, f.key);
                n += 1;
            }
        }
    }
    assert!(n >= 25, "{n} quotes");
}

#[test]
fn the_check_catches_a_quote_that_is_not_in_its_source() {
    let data = parse_json(
        r#"{"articles": [{"id": "a", "title": "Hà Nội và Toulouse", "body": "Năm 1996, Hà Nội thiết lập quan hệ với Toulouse."}],
            "partnerships": [{"id": "p", "partners": ["Hà Nội", "Toulouse"], "facts": [
                {"key": "since", "value": 1996, "sources": [{"item": "a", "quote": "Năm 1996, Hà Nội thiết lập quan hệ"}]},
                {"key": "people", "value": 7, "sources": [{"item": "a", "quote": "bảy người"}]}
            ]}]}"#,
    )
    .unwrap();
    let (e, _) = Engine::from_host(&data, false).unwrap();
    let misses = e.check_facts();
    assert_eq!(misses.len(), 1);
    assert_eq!((misses[0].fact.as_str(), misses[0].quote.as_str()), ("people", "bảy người"));
}

#[test]
fn the_required_partnerships_are_there() {
    let e = engine();
    let since = |id: &str| e.partnership(id, 2026).unwrap().since();
    assert_eq!(since("ha-noi-ile-de-france"), Some(1989));
    assert_eq!(since("ha-noi-toulouse"), Some(1996));
    assert_eq!(since("hai-duong-montreuil"), Some(1999));
    assert_eq!(since("lao-cai-nouvelle-aquitaine"), Some(2005));
    let montreuil = e.partnership("hai-duong-montreuil", 2026).unwrap();
    match montreuil.fact("fields").unwrap().value() {
        Some(FactValue::List(fields)) => assert!(fields.contains(&"trao đổi bác sỹ".to_owned())),
        other => panic!("{other:?}"),
    }
    let lao_cai = e.partnership("lao-cai-nouvelle-aquitaine", 2026).unwrap();
    assert_eq!(lao_cai.fact("anniversary").unwrap().value(), Some(&FactValue::Number(20)));
    match lao_cai.fact("themes_2025_2027").unwrap().value() {
        Some(FactValue::List(t)) => assert_eq!(t.len(), 4),
        other => panic!("{other:?}"),
    }
    let hue = e.partnership("hue-nouvelle-aquitaine-grand-poitiers", 2026).unwrap();
    assert_eq!(hue.partners.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Thừa Thiên Huế", "Nouvelle-Aquitaine", "Grand Poitiers"]);
    assert_eq!(hue.since(), None, "no source says when it began, so nothing is made up");
}

#[test]
fn the_two_overviews_carry_their_numbers() {
    let e = engine();
    let conf = e.partnership("hoi-nghi-dia-phuong-viet-phap-12", 2026).unwrap();
    assert_eq!(conf.kind, PartnershipKind::Overview);
    let num = |p: &tinbai::facts::Partnership, k: &str| match p.fact(k).unwrap().value() {
        Some(FactValue::Number(n)) => *n,
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!((num(&conf, "vn_localities"), num(&conf, "fr_localities"), num(&conf, "delegates"), num(&conf, "sessions")), (50, 12, 800, 4));
    assert!(conf.fact("delegates").unwrap().versions[0].at_least, "over 800");
    let all = e.partnership("hop-tac-dia-phuong-viet-phap", 2026).unwrap();
    assert_eq!((num(&all, "vn_provinces"), num(&all, "fr_localities"), num(&all, "projects"), num(&all, "since")), (33, 24, 55, 1989));
}

#[test]
fn disagreeing_sources_are_all_kept_and_the_fact_is_marked_disputed() {
    let e = engine();
    let conf = e.partnership("hoi-nghi-dia-phuong-viet-phap-12", 2026).unwrap();
    let dates = conf.fact("dates").unwrap();
    assert!(dates.disputed);
    let values: Vec<&FactValue> = dates.versions.iter().map(|v| &v.value).collect();
    assert_eq!(values, [&FactValue::Text("13–15/4/2023".into()), &FactValue::Text("13–16/4/2023".into()), &FactValue::Text("14–16/4/2023".into())]);
    let sources: Vec<&str> = dates.versions.iter().map(|v| v.sources[0].item.as_str()).collect();
    assert_eq!(sources.len(), 3);
    assert_ne!(sources[1], sources[2], "each version keeps its own source");
    assert!(!conf.fact("delegates").unwrap().disputed);
}

#[test]
fn derived_values_state_their_derivation() {
    let e = engine();
    let p = e.partnership("ha-noi-ile-de-france", 2026).unwrap();
    let years = p.fact("years").unwrap();
    assert_eq!(years.value(), Some(&FactValue::Number(37)));
    assert!(years.derived.as_deref().unwrap().contains("2026 − 1989"));
    assert!(years.sources().count() > 0, "it inherits the sources of the year it starts from");
    let lao_cai = e.partnership("lao-cai-nouvelle-aquitaine", 2026).unwrap();
    assert!(lao_cai.fact("since").unwrap().derived.as_deref().unwrap().contains("2025 − 20"));
    assert_eq!(e.partnership("ha-noi-toulouse", 2030).unwrap().fact("years").unwrap().value(), Some(&FactValue::Number(34)));
}

#[test]
fn partnerships_link_to_the_items_that_name_both_partners() {
    let e = engine();
    let p = e.partnership("ha-noi-ile-de-france", 2026).unwrap();
    assert_eq!(
        p.mentioned_in,
        [
            "50-dia-phuong-viet-nam-va-12-dia-phuong-phap-tim-hieu-co-hoi-hop-tac",
            "tai-thu-do-ha-noi-dien-ra-hoi-nghi-hop-tac-giua-cac-dia-phuong-viet-nam-phap-lan",
            "nhieu-trien-vong-hop-tac-moi-giua-ha-noi-va-vung-ile-de-france-tai-viet-nam",
        ]
    );
    let montreuil = e.partnership("hai-duong-montreuil", 2026).unwrap();
    assert_eq!(montreuil.mentioned_in, ["thuc-day-tang-cuong-hop-tac-giua-montreuil-phap-va-cac-dia-phuong-viet-nam"]);
    for p in e.dataset().partnerships().iter().filter(|p| p.kind == PartnershipKind::Partnership) {
        assert!(!p.mentioned_in.is_empty(), "{}", p.id);
    }
}

#[test]
fn unknown_partnership_ids_are_errors() {
    let msg = engine().partnership("nope", 2026).unwrap_err().to_string();
    assert!(msg.contains("partnership") && msg.contains("nope"));
}
