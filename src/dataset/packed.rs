//! The bundled dataset as compact bytes: the seed pages already parsed and the
//! partnership facts already read and checked, so the browser build carries neither
//! the page text nor the seed parser. `seeds/bundled.bin` is made natively from the
//! seed files (`make seeds`); a test fails when it is stale.
//!
//! Layout: `TBDS`, a version byte, then varints and length-prefixed UTF-8. Each item
//! starts with a bit mask of the fields it has, which also keeps the bytes free of
//! long zero runs (wasm-opt would split the data segment there).

use super::{Dataset, Item, Kind, SeenIn, Views};
use crate::facts::{Fact, FactValue, Partner, Partnership, PartnershipKind, Source, Version};

const MAGIC: &[u8; 4] = b"TBDS";
const VERSION: u8 = 2;

// Item fields, one bit each in the item's mask.
const URL: u64 = 1;
const PUBLISHED: u64 = 1 << 1;
const PUBLISHED_AT: u64 = 1 << 2;
const SUMMARY: u64 = 1 << 3;
const BODY: u64 = 1 << 4;
const CAPTIONS: u64 = 1 << 5;
const TAGS: u64 = 1 << 6;
const IMAGE: u64 = 1 << 7;
const SOURCE: u64 = 1 << 8;
const SEEN_IN: u64 = 1 << 9;
const VIEWS: u64 = 1 << 10;
/// An id other than the title's slug.
const ID: u64 = 1 << 11;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The item being read, for messages; MAX outside the items.
    item: usize,
}

impl Reader<'_> {
    fn err(&self, field: &str) -> String {
        match self.item {
            usize::MAX => format!("{field}: truncated or invalid at byte {}", self.pos),
            i => format!("item {i}: {field}: truncated or invalid at byte {}", self.pos),
        }
    }

    fn byte(&mut self, field: &str) -> Result<u8, String> {
        let b = self.bytes.get(self.pos).copied().ok_or_else(|| self.err(field))?;
        self.pos += 1;
        Ok(b)
    }

    fn num(&mut self, field: &str) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte(field)?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err(field))
    }

    fn len(&mut self, field: &str) -> Result<usize, String> {
        // No count can exceed the bytes left: this bounds every allocation.
        let n = self.num(field)?;
        usize::try_from(n).ok().filter(|&n| n <= self.bytes.len().saturating_sub(self.pos)).ok_or_else(|| self.err(field))
    }

    fn int(&mut self, field: &str) -> Result<i64, String> {
        let z = self.num(field)?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    fn text(&mut self, field: &str) -> Result<String, String> {
        let n = self.len(field)?;
        let end = self.pos + n;
        let s = self.bytes.get(self.pos..end).and_then(|b| std::str::from_utf8(b).ok()).ok_or_else(|| self.err(field))?;
        self.pos = end;
        Ok(s.to_owned())
    }

    fn texts(&mut self, field: &str) -> Result<Vec<String>, String> {
        (0..self.len(field)?).map(|_| self.text(field)).collect()
    }

    fn opt_text(&mut self, mask: u64, bit: u64, field: &str) -> Result<Option<String>, String> {
        if mask & bit == 0 {
            return Ok(None);
        }
        self.text(field).map(Some)
    }

    fn opt_texts(&mut self, mask: u64, bit: u64, field: &str) -> Result<Vec<String>, String> {
        if mask & bit == 0 {
            return Ok(Vec::new());
        }
        self.texts(field)
    }

    /// Items are stored field by field (every title, then every summary…), which
    /// compresses better than item by item.
    fn items(&mut self) -> Result<Vec<Item>, String> {
        let n = self.len("items")?;
        let mut masks = Vec::new();
        let mut items = Vec::new();
        for i in 0..n {
            self.item = i;
            masks.push(self.num("fields")?);
            let kind = match self.byte("kind")? {
                0 => Kind::Article,
                1 => Kind::Infographic,
                2 => Kind::Video,
                _ => return Err(self.err("kind")),
            };
            items.push(Item { kind, ..Item::default() });
        }
        let mut each = |r: &mut Self, f: &mut dyn FnMut(&mut Self, u64, &mut Item) -> Result<(), String>| {
            for (i, (it, &m)) in items.iter_mut().zip(&masks).enumerate() {
                r.item = i;
                f(r, m, it)?;
            }
            Ok::<(), String>(())
        };
        each(self, &mut |r, m, it| {
            it.body = r.opt_texts(m, BODY, "body")?;
            Ok(())
        })?;
        each(self, &mut |r, m, it| {
            it.captions = r.opt_texts(m, CAPTIONS, "captions")?;
            Ok(())
        })?;
        each(self, &mut |r, m, it| {
            it.summary = r.opt_text(m, SUMMARY, "summary")?;
            Ok(())
        })?;
        each(self, &mut |r, _, it| {
            it.title = r.text("title")?;
            Ok(())
        })?;
        // Most ids are their title's slug, as the seed parser made them.
        each(self, &mut |r, m, it| {
            it.id = match r.opt_text(m, ID, "id")? {
                Some(id) => id,
                None => Some(crate::text::slug(&it.title, 80)).filter(|s| !s.is_empty()).ok_or_else(|| r.err("id"))?,
            };
            Ok(())
        })?;
        each(self, &mut |r, m, it| {
            if m & SEEN_IN != 0 {
                for _ in 0..r.len("seen_in")? {
                    let source = r.text("seen_in.source")?;
                    let section = r.text("seen_in.section")?;
                    let position = u32::try_from(r.num("seen_in.position")?).map_err(|_| r.err("seen_in.position"))?;
                    it.seen_in.push(SeenIn { source, section, position });
                }
            }
            Ok(())
        })?;
        each(self, &mut |r, m, it| {
            it.source = r.opt_text(m, SOURCE, "source")?;
            it.url = r.opt_text(m, URL, "url")?;
            it.published = r.opt_text(m, PUBLISHED, "published")?;
            it.published_at = if m & PUBLISHED_AT != 0 { Some(r.int("published_at")?) } else { None };
            it.tags = r.opt_texts(m, TAGS, "tags")?;
            it.image = r.opt_text(m, IMAGE, "image")?;
            if m & VIEWS != 0 {
                let count = r.num("views.count")?;
                let timestamps = (0..r.len("views.timestamps")?).map(|_| r.int("views.timestamps")).collect::<Result<_, _>>()?;
                it.views = Some(Views { count, timestamps });
            }
            Ok(())
        })?;
        self.item = usize::MAX;
        Ok(items)
    }

    fn fact(&mut self) -> Result<Fact, String> {
        let key = self.text("key")?;
        let label = self.text("label")?;
        let mut versions = Vec::new();
        for _ in 0..self.len("versions")? {
            let value = match self.byte("value")? {
                0 => FactValue::Number(self.int("value")?),
                1 => FactValue::Text(self.text("value")?),
                2 => FactValue::List(self.texts("value")?),
                _ => return Err(self.err("value")),
            };
            let at_least = self.byte("at_least")? != 0;
            let mut sources = Vec::new();
            for _ in 0..self.len("sources")? {
                sources.push(Source { item: self.text("sources.item")?, quote: self.text("sources.quote")? });
            }
            versions.push(Version { value, at_least, sources });
        }
        let disputed = self.byte("disputed")? != 0;
        let derived = if self.byte("derived")? != 0 { Some(self.text("derived")?) } else { None };
        Ok(Fact { key, label, versions, disputed, derived })
    }

    fn partnership(&mut self) -> Result<Partnership, String> {
        let id = self.text("id")?;
        let kind = if self.byte("kind")? != 0 { PartnershipKind::Overview } else { PartnershipKind::Partnership };
        let title = self.text("title")?;
        let mut partners = Vec::new();
        for _ in 0..self.len("partners")? {
            partners.push(Partner { name: self.text("partners.name")?, aliases: self.texts("partners.aliases")? });
        }
        let mut facts = Vec::new();
        for i in 0..self.len("facts")? {
            facts.push(self.fact().map_err(|m| format!("fact {i}: {m}"))?);
        }
        let mentioned_in = self.texts("mentioned_in")?;
        Ok(Partnership { id, kind, title, partners, facts, mentioned_in })
    }
}

/// The dataset in `bytes`, or what is wrong and where.
pub fn decode(bytes: &[u8]) -> Result<Dataset, String> {
    let mut r = Reader { bytes, pos: 0, item: usize::MAX };
    if bytes.get(..4) != Some(MAGIC.as_slice()) {
        return Err("not a packed dataset (no TBDS)".into());
    }
    r.pos = 4;
    let v = r.byte("version")?;
    if v != VERSION {
        return Err(format!("version {v} is not {VERSION}"));
    }
    let items = r.items()?;
    let mut partnerships = Vec::new();
    for i in 0..r.len("partnerships")? {
        partnerships.push(r.partnership().map_err(|m| format!("partnership {i}: {m}"))?);
    }
    if r.pos != bytes.len() {
        return Err(r.err("end"));
    }
    Ok(Dataset::new(items, partnerships))
}

/// `data` as bytes for [`decode`].
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(data: &Dataset) -> Vec<u8> {
    struct W(Vec<u8>);
    impl W {
        fn num(&mut self, mut v: u64) {
            while v >= 0x80 {
                self.0.push((v as u8 & 0x7f) | 0x80);
                v >>= 7;
            }
            self.0.push(v as u8);
        }
        fn int(&mut self, v: i64) {
            self.num(((v << 1) ^ (v >> 63)) as u64);
        }
        fn text(&mut self, s: &str) {
            self.num(s.len() as u64);
            self.0.extend_from_slice(s.as_bytes());
        }
        fn texts(&mut self, v: &[String]) {
            self.num(v.len() as u64);
            v.iter().for_each(|s| self.text(s));
        }
    }
    let mut w = W(MAGIC.to_vec());
    w.0.push(VERSION);
    let items = data.items();
    w.num(items.len() as u64);
    for it in items {
        let bits = [
            (URL, it.url.is_some()),
            (PUBLISHED, it.published.is_some()),
            (PUBLISHED_AT, it.published_at.is_some()),
            (SUMMARY, it.summary.is_some()),
            (BODY, !it.body.is_empty()),
            (CAPTIONS, !it.captions.is_empty()),
            (TAGS, !it.tags.is_empty()),
            (IMAGE, it.image.is_some()),
            (SOURCE, it.source.is_some()),
            (SEEN_IN, !it.seen_in.is_empty()),
            (VIEWS, it.views.is_some()),
            (ID, crate::text::slug(&it.title, 80) != it.id),
        ];
        w.num(bits.iter().filter(|b| b.1).map(|b| b.0).sum());
        w.0.push(it.kind as u8);
    }
    let opt = |w: &mut W, s: &Option<String>| s.iter().for_each(|s| w.text(s));
    let list = |w: &mut W, l: &[String]| {
        if !l.is_empty() {
            w.texts(l)
        }
    };
    items.iter().for_each(|it| list(&mut w, &it.body));
    items.iter().for_each(|it| list(&mut w, &it.captions));
    items.iter().for_each(|it| opt(&mut w, &it.summary));
    items.iter().for_each(|it| w.text(&it.title));
    for it in items.iter().filter(|it| crate::text::slug(&it.title, 80) != it.id) {
        w.text(&it.id);
    }
    for it in items.iter().filter(|it| !it.seen_in.is_empty()) {
        w.num(it.seen_in.len() as u64);
        for s in &it.seen_in {
            w.text(&s.source);
            w.text(&s.section);
            w.num(u64::from(s.position));
        }
    }
    for it in items {
        opt(&mut w, &it.source);
        opt(&mut w, &it.url);
        opt(&mut w, &it.published);
        it.published_at.iter().for_each(|&t| w.int(t));
        list(&mut w, &it.tags);
        opt(&mut w, &it.image);
        if let Some(v) = &it.views {
            w.num(v.count);
            w.num(v.timestamps.len() as u64);
            v.timestamps.iter().for_each(|&t| w.int(t));
        }
    }
    w.num(data.partnerships().len() as u64);
    for p in data.partnerships() {
        w.text(&p.id);
        w.0.push(u8::from(p.kind == PartnershipKind::Overview));
        w.text(&p.title);
        w.num(p.partners.len() as u64);
        for pt in &p.partners {
            w.text(&pt.name);
            w.texts(&pt.aliases);
        }
        w.num(p.facts.len() as u64);
        for f in &p.facts {
            w.text(&f.key);
            w.text(&f.label);
            w.num(f.versions.len() as u64);
            for v in &f.versions {
                match &v.value {
                    FactValue::Number(n) => {
                        w.0.push(0);
                        w.int(*n);
                    }
                    FactValue::Text(s) => {
                        w.0.push(1);
                        w.text(s);
                    }
                    FactValue::List(l) => {
                        w.0.push(2);
                        w.texts(l);
                    }
                }
                w.0.push(u8::from(v.at_least));
                w.num(v.sources.len() as u64);
                for s in &v.sources {
                    w.text(&s.item);
                    w.text(&s.quote);
                }
            }
            w.0.push(u8::from(f.disputed));
            w.0.push(u8::from(f.derived.is_some()));
            f.derived.iter().for_each(|d| w.text(d));
        }
        w.texts(&p.mentioned_in);
    }
    w.0
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/bundled.bin");

    /// Fails when seeds/bundled.bin is not what the seed files give; `make seeds`
    /// (TINBAI_WRITE_SEEDS=1) writes it anew.
    #[test]
    fn bundled_bin_is_the_parsed_seeds() {
        let data = crate::engine::bundled_dataset().unwrap();
        let bytes = encode(&data);
        if std::env::var_os("TINBAI_WRITE_SEEDS").is_some() {
            std::fs::write(PATH, &bytes).unwrap();
        }
        let committed = std::fs::read(PATH).unwrap_or_default();
        assert!(committed == bytes, "seeds/bundled.bin is stale: run `make seeds`");
        let back = decode(&committed).unwrap();
        assert_eq!(format!("{:?}", back.items()), format!("{:?}", data.items()));
        assert_eq!(back.partnerships(), data.partnerships());
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let good = std::fs::read(PATH).unwrap();
        for n in [0, 3, 5, 9, 100, good.len() - 1] {
            assert!(decode(&good[..n]).is_err(), "{n} bytes");
        }
        let mut more = good.clone();
        more.push(1);
        let e = decode(&more).unwrap_err();
        assert!(e.contains("end"), "{e}");
        let mut bad = good.clone();
        bad[4] = 9;
        assert!(decode(&bad).is_err());
    }
}
