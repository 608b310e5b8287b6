//! The `tinbai` binary: JSON on stdout, errors on stderr, non-zero exit on failure.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;

#[path = "../common/mod.rs"]
mod common;
use common::tinbai;
use std::process::Command;

const LAO_CAI: &str = "hop-ban-noi-dung-hop-tac-giua-tinh-lao-cai-va-vung-nouvelle-aquitaine-phap-giai";

fn json(args: &[&str]) -> Value {
    let out = tinbai(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fails(args: &[&str], code: i32, needle: &str) {
    let out = tinbai(args);
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "{args:?}: {err}");
}

fn temp_file(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tinbai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(content.as_bytes()).unwrap();
    path
}

#[test]
fn dataset_prints_articles_and_partnerships() {
    let v = json(&["dataset"]);
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 93);
    for a in articles {
        for field in ["id", "title", "kind"] {
            assert!(a[field].is_string(), "{field} in {a}");
        }
        assert!(a["source"].is_string() || a["seen_in"].is_array(), "{a}");
    }
    assert_eq!(articles[0]["source"], "000_eccbb825d31a92b6.txt");
    assert_eq!(articles[5]["seen_in"][0]["section"], "Các tin bài khác");
    assert_eq!(articles[9]["seen_in"][0]["section"], "Đọc nhiều");
    assert_eq!(v["partnerships"].as_array().unwrap().len(), 7);
}

#[test]
fn related_by_id_and_by_text() {
    let v = json(&["related", LAO_CAI, "--limit", "2"]);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], "thua-thien-hue-thuc-day-moi-quan-he-hop-tac-tren-nhieu-linh-voi-vung-nouvelle");
    for key in ["id", "title", "kind", "score", "reasons"] {
        assert!(!list[0][key].is_null(), "{key}");
    }
    let v = json(&["related", "--text", "hop tac Lao Cai", "--limit=1"]);
    assert_eq!(v[0]["id"], LAO_CAI);
    assert_eq!(v[0]["reasons"]["places"][0], "Lào Cai");
}

#[test]
fn an_empty_related_list_is_explained_on_stderr() {
    let out = tinbai(&["related", "--text", "zzzz"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no_shared_terms"));
}

#[test]
fn most_read_with_views_window_clock_and_exclusions() {
    let views = temp_file("views.json", &format!(r#"{{"{LAO_CAI}": ["2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z"], "ha-noi-gone": 3,
        "dac-khu-truong-sa-chu-dong-ung-pho-voi-bao-so-15": ["2026-11-01T00:00:00Z", "2026-11-21T23:00:00Z", "2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z"]}}"#));
    let p = views.to_str().unwrap();
    let out = tinbai(&["most-read", "--views", p, "--window", "24h", "--now", "2026-11-22T12:00:00Z"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, u64, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["views"].as_u64().unwrap(), i["basis"].as_str().unwrap()))
        .collect();
    assert_eq!(got[..2], [("dac-khu-truong-sa-chu-dong-ung-pho-voi-bao-so-15", 3, "views"), (LAO_CAI, 2, "views")]);
    // The rest of the list is filled by the prior, and says so.
    assert_eq!(got.len(), 5);
    assert!(got[2..].iter().all(|&(_, views, basis)| views == 0 && basis == "prior"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ha-noi-gone"), "unknown ids are reported");
    let v = json(&["most-read", "--views", p, "--window", "30d", "--now", "2026-11-22T12:00:00Z", "--exclude", LAO_CAI, "--limit", "1"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["views"], 4);
    let v = json(&["most-read", "--limit", "3"]);
    assert_eq!(v[0]["basis"], "prior");
}

#[test]
fn facts_check_passes_on_the_bundled_facts() {
    let v = json(&["facts", "--check", "--year", "2026"]);
    for p in v.as_array().unwrap() {
        for f in p["facts"].as_array().unwrap() {
            for version in f["versions"].as_array().unwrap() {
                for s in version["sources"].as_array().unwrap() {
                    assert!(s["item"].is_string() && s["quote"].as_str().is_some_and(|q| !q.is_empty()));
                }
            }
        }
    }
    assert_eq!(v[0]["facts"][1]["key"], "years");
    assert_eq!(v[0]["facts"][1]["versions"][0]["value"], 37);
}

#[test]
fn facts_check_fails_on_a_misquote() {
    let data = temp_file(
        "misquote.json",
        r#"{"articles": [{"id": "a", "title": "Hà Nội – Toulouse từ 1996"}],
            "partnerships": [{"id": "p", "partners": ["Hà Nội", "Toulouse"],
              "facts": [{"key": "since", "value": 1995, "sources": [{"item": "a", "quote": "từ 1995"}]}]}]}"#,
    );
    fails(&["facts", "--check", "--dataset", data.to_str().unwrap()], 1, "quote not in \"a\"");
    // Without --check the facts still print.
    assert!(tinbai(&["facts", "--dataset", data.to_str().unwrap()]).status.success());
}

#[test]
fn every_command_takes_a_host_dataset() {
    let data = temp_file(
        "site.json",
        r#"{"articles": [
            {"id": "a", "title": "Đà Nẵng hợp tác với Nantes", "url": "/tin/a", "views": 5},
            {"id": "b", "title": "Nantes và Đà Nẵng ký biên bản ghi nhớ", "url": "/tin/b", "views": 9}
        ]}"#,
    );
    let d = data.to_str().unwrap();
    assert_eq!(json(&["dataset", "--dataset", d])["articles"].as_array().unwrap().len(), 2);
    assert_eq!(json(&["related", "a", "--dataset", d])[0]["url"], "/tin/b");
    assert_eq!(json(&["most-read", "--dataset", d])[0]["id"], "b");
    assert_eq!(json(&["facts", "--check", "--dataset", d]), serde_json::json!([]));
}

#[test]
fn a_json_feed_is_a_dataset_too() {
    let feed = temp_file(
        "feed.json",
        r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Báo Đà Nẵng", "items": [
            {"id": "dn-1", "url": "https://bao.vn/dn-1", "title": "Đà Nẵng hợp tác với Nantes về xe điện", "content_text": "Hai thành phố ký biên bản ghi nhớ.", "date_published": "2025-03-01T08:00:00+07:00", "tags": ["Pháp"]},
            {"id": "dn-2", "url": "/tin/dn-2", "title": "Nantes và Đà Nẵng mở rộng hợp tác", "summary": "Xe điện và đô thị xanh"},
            {"id": "dn-3", "url": "/tin/dn-3", "title": "Giá lúa ở Đồng bằng sông Cửu Long"}
        ]}"#,
    );
    let d = feed.to_str().unwrap();
    let dump = json(&["dataset", "--dataset", d]);
    let first = &dump["articles"][0];
    assert_eq!((first["id"].as_str(), first["url"].as_str()), (Some("dn-1"), Some("https://bao.vn/dn-1")));
    assert_eq!(first["tags"][0], "Pháp");
    let related = json(&["related", "dn-1", "--dataset", d]);
    assert_eq!(related[0]["id"], "dn-2");
    assert!(related.as_array().unwrap().iter().all(|r| r["id"] != "dn-3"));
}

#[test]
fn bad_input_exits_non_zero_with_a_named_error() {
    fails(&["related", "nope"], 1, "unknown article id \"nope\"");
    fails(&["related", LAO_CAI, "--limit", "0"], 1, "option \"limit\"");
    fails(&["related", LAO_CAI, "--limit", "lots"], 2, "invalid value 'lots' for '--limit <N>'");
    fails(&["most-read", "--window", "1y"], 2, "invalid value '1y' for '--window");
    fails(&["most-read", "--now", "yesterday"], 2, "for '--now <RFC3339>': expects an RFC 3339 time");
    fails(&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'");
    fails(&["dataset", "--colour"], 2, "unexpected argument '--colour'");
    // No command: the help, on stderr.
    fails(&[], 2, "Usage: tinbai <COMMAND>");
    fails(&["dataset", "--dataset", "/no/such/file.json"], 1, "cannot read /no/such/file.json");
    let broken = temp_file("broken.json", "{\"articles\": [");
    fails(&["dataset", "--dataset", broken.to_str().unwrap()], 1, "invalid JSON");
    let bad = temp_file("bad.json", r#"{"articles": [{"id": "x", "title": "t", "url": "javascript:alert(1)"}, {"id": "y", "title": "ok"}]}"#);
    fails(&["dataset", "--dataset", bad.to_str().unwrap()], 1, r#"articles[0] (id "x"), field "url""#);
    // --lenient keeps both items, drops the unsafe link and says so.
    let out = tinbai(&["dataset", "--dataset", bad.to_str().unwrap(), "--lenient"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
    assert!(v["articles"][0].get("url").is_none());
    assert!(String::from_utf8_lossy(&out.stderr).contains(r#"articles[0] (id "x"), field "url": "javascript:alert(1)" must be http(s) or relative, not a "javascript" URL; the link was dropped"#));
    let bad = temp_file("bad-title.json", r#"{"articles": [{"id": "x", "title": 1}, {"id": "y", "title": "ok"}]}"#);
    let out = tinbai(&["dataset", "--dataset", bad.to_str().unwrap(), "--lenient"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped articles[0]"));
}

#[test]
fn render_html_is_a_placeholder_the_loader_upgrades() {
    let out = tinbai(&["render", "related", "--text", "Lào Cai hợp tác Pháp", "--limit", "3", "--lang", "en", "--heading-level", "3", "--html"]);
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with(r#"<div data-tinbai="related" data-text="Lào Cai hợp tác Pháp" data-limit="3" data-lang="en" data-heading-level="3" data-tinbai-state="static"><section class="tinbai tinbai-related"#), "{html}");
    assert!(html.contains(r#"<h3 class="tinbai-heading" id="tinbai-related-h">Related articles</h3>"#));
    assert_eq!(html.matches("<li ").count(), 3);
    assert!(html.contains(r#"<script type="application/ld+json">"#) || !html.contains("href="), "links come with their ItemList");
    let bare = String::from_utf8(tinbai(&["render", "partnership", "ha-noi-ile-de-france", "--id-prefix", "p1"]).stdout).unwrap();
    assert!(bare.starts_with("<section ") && bare.contains(r#"id="p1-h""#));
    fails(&["render", "related", "--text", "x", "--heading-level", "9"], 2, "'--heading-level <1-6>': 9 is not in 1..=6");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    // The dump is larger than a pipe holds, so the writer meets the closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tinbai")).arg("dataset").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut head = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn render_html_restates_every_option_in_its_placeholder() {
    let args = ["render", "related", LAO_CAI, "--html", "--limit", "2", "--exclude", "a", "--exclude=b", "--min-score", "0.25", "--lang", "fr", "--heading", "Xem",
        "--heading-level", "4", "--link-template", "/tin/{id}", "--target", "_blank", "--layout", "grid", "--theme", "dark", "--id-prefix", "r1"];
    let html = String::from_utf8(tinbai(&args).stdout).unwrap();
    let want = format!(r#"<div data-tinbai="related" data-article="{LAO_CAI}" data-limit="2" data-exclude="a,b" data-min-score="0.25" data-lang="fr" data-heading="Xem" data-heading-level="4" data-link-template="/tin/{{id}}" data-target="_blank" data-layout="grid" data-theme="dark" data-tinbai-state="static"><section "#);
    assert!(html.starts_with(&want), "{html}");
    let html = String::from_utf8(tinbai(&["render", "most-read", "--html", "--window=7d", "--limit", "3", "--now", "2026-11-22T12:00:00Z"]).stdout).unwrap();
    assert!(html.starts_with(r#"<div data-tinbai="most-read" data-limit="3" data-window="7d" data-tinbai-state="static"><section "#), "{html}");
}

fn help(args: &[&str]) -> String {
    let out = tinbai(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_lists_the_commands_and_options_with_examples() {
    let top = help(&["--help"]);
    for needle in ["Usage: tinbai <COMMAND>", "most-read", "render", "build", "--version", "Examples:"] {
        assert!(top.contains(needle), "{needle}: {top}");
    }
    let build = help(&["build", "--help"]);
    for needle in ["--input <FILE>", "--seeds", "tinbai build --seeds --out", "--out <DIR>", "--shards <N>", "--now", "--threads", "--lenient", "Examples:\n  tinbai build "] {
        assert!(build.contains(needle), "{needle}: {build}");
    }
    assert_eq!(help(&["help", "build"]), build);
    let render = help(&["render", "related", "--help"]);
    for needle in ["--text", "--min-score", "--heading-level", "--html", "--dataset", "[possible values: vi, en, fr]", "Examples:\n  tinbai render related "] {
        assert!(render.contains(needle), "{needle}: {render}");
    }
    assert_eq!(help(&["help", "render", "related"]), render);
    for cmd in ["dataset", "related", "most-read", "facts", "render", "corpus"] {
        assert!(help(&[cmd, "--help"]).contains(&format!("Examples:\n  tinbai {cmd}")), "{cmd}");
    }
}

#[test]
fn version_is_the_crate_version() {
    assert_eq!(help(&["--version"]), format!("tinbai {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_2_naming_the_option() {
    fails(&["related", "--limit", "x"], 2, "--limit");
    fails(&["related", LAO_CAI, "--frobnicate"], 2, "unexpected argument '--frobnicate'");
    fails(&["related", LAO_CAI, "--text", "x"], 2, "cannot be used with '--text <TEXT>'");
    fails(&["related"], 2, "<ID|--text <TEXT>>");
    fails(&["related", LAO_CAI, "--min-score", "high"], 2, "'--min-score <X>'");
    fails(&["facts", "--year", "soon"], 2, "'--year <YYYY>'");
    fails(&["render", "most-read", "--layout", "table"], 2, "'--layout <LAYOUT>'");
    fails(&["render", "partnership", "--theme", "sepia"], 2, "'--theme <THEME>'");
    fails(&["render", "carousel"], 2, "unrecognized subcommand 'carousel'");
    fails(&["build", "--input", "x.jsonl", "--out", "d", "--shards", "0"], 2, "'--shards <N>': 0 is not in 1..=100000");
    fails(&["build", "--input", "x.jsonl"], 2, "--out <DIR>");
    fails(&["build", "--seeds", "--input", "x.jsonl", "--out", "d"], 2, "'--seeds' cannot be used with '--input <FILE>'");
    fails(&["build", "--seeds", "--inject", "--out", "d"], 2, "cannot be used with");
    fails(&["build", "--out", "d"], 2, "<--input <FILE>|--site <DIR>|--seeds>");
    fails(&["corpus", "--count", "-1"], 2, "--count");
    // A repeated single-value option keeps its last value.
    assert_eq!(json(&["related", LAO_CAI, "--limit", "5", "--limit", "1"]).as_array().unwrap().len(), 1);
}
