//! Reading index files: checked at every step, so any bytes give data or an error.

use super::{from_fixed, FormatError, DOCS, FACTS, HEADER, MAGIC, ROUTES, SHARD, TERMS, VERSION, WINDOWS};
use crate::dataset::{Item, Kind};
use crate::engine::{MostReadItem, MostReadList, RelatedItem, RelatedList};
use crate::facts::{Fact, FactValue, Partner, Partnership, PartnershipKind, Source, Version};
use crate::rank::most_read::{self, Basis, Window};
use crate::rank::related::{self, Reasons};

type Result<T> = std::result::Result<T, FormatError>;

/// A position in one section of a file.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    end: usize,
    section: &'static str,
}

impl<'a> Cursor<'a> {
    fn err(&self, message: &'static str) -> FormatError {
        FormatError { section: self.section, offset: self.pos, message }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        match self.pos.checked_add(n).filter(|&e| e <= self.end) {
            Some(e) => {
                let s = self.bytes.get(self.pos..e).ok_or_else(|| self.err("truncated"))?;
                self.pos = e;
                Ok(s)
            }
            None => Err(self.err("truncated")),
        }
    }

    fn u8(&mut self) -> Result<u8> {
        let at = self.err("truncated");
        self.take(1)?.first().copied().ok_or(at)
    }

    fn u32(&mut self) -> Result<u32> {
        let at = self.err("truncated");
        <[u8; 4]>::try_from(self.take(4)?).map(u32::from_le_bytes).map_err(|_| at)
    }

    fn i64(&mut self) -> Result<i64> {
        let at = self.err("truncated");
        <[u8; 8]>::try_from(self.take(8)?).map(i64::from_le_bytes).map_err(|_| at)
    }

    fn v64(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for i in 0..10 {
            let b = self.u8()?;
            if i == 9 && b > 1 {
                return Err(self.err("varint overflows 64 bits"));
            }
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint longer than 10 bytes"))
    }

    fn v32(&mut self) -> Result<u32> {
        let v = self.v64()?;
        u32::try_from(v).map_err(|_| self.err("number larger than 32 bits"))
    }

    /// The next section: a u32 length and that many bytes.
    fn section(&mut self, name: &'static str) -> Result<Cursor<'a>> {
        self.section = name;
        let len = self.u32()? as usize;
        let start = self.pos;
        self.take(len)?;
        Ok(Cursor { bytes: self.bytes, pos: start, end: start + len, section: name })
    }

    fn done(&self) -> Result<()> {
        if self.pos == self.end {
            Ok(())
        } else {
            Err(self.err("unexpected bytes after the section's data"))
        }
    }
}

/// A file's string table.
#[derive(Clone, Copy)]
struct Strings<'a> {
    offsets: Cursor<'a>,
    data: &'a [u8],
    count: u32,
}

impl<'a> Strings<'a> {
    fn read(mut c: Cursor<'a>) -> Result<Strings<'a>> {
        let count = c.u32()?;
        let table = (count as usize).checked_add(1).and_then(|n| n.checked_mul(4)).ok_or_else(|| c.err("too many strings"))?;
        let offsets = Cursor { end: c.pos + table.min(c.end - c.pos), ..c };
        c.take(table)?;
        let data = c.bytes.get(c.pos..c.end).unwrap_or(&[]);
        let s = Strings { offsets, data, count };
        // Offsets must rise and end at the data's end; then every slice is in bounds.
        let mut o = offsets;
        let mut prev = 0u32;
        for i in 0..=count {
            let x = o.u32()?;
            if x < prev || (i == 0 && x != 0) || x as usize > data.len() {
                return Err(FormatError { section: "strings", offset: o.pos - 4, message: "string offsets out of order or out of bounds" });
            }
            prev = x;
        }
        if prev as usize != data.len() {
            return Err(FormatError { section: "strings", offset: o.pos, message: "string data longer than its offsets say" });
        }
        Ok(s)
    }

    fn get(&self, i: u32, at: &Cursor<'_>) -> Result<&'a str> {
        if i >= self.count {
            return Err(at.err("string number out of range"));
        }
        let mut o = self.offsets;
        o.pos += i as usize * 4;
        let (a, b) = (o.u32()? as usize, o.u32()? as usize);
        let bytes = self.data.get(a..b).ok_or_else(|| at.err("string out of bounds"))?;
        std::str::from_utf8(bytes).map_err(|_| at.err("string is not UTF-8"))
    }

    fn read_str(&self, c: &mut Cursor<'_>) -> Result<&'a str> {
        let i = c.v32()?;
        self.get(i, c)
    }

    fn read_list(&self, c: &mut Cursor<'_>) -> Result<Vec<String>> {
        let n = c.v32()?;
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.read_str(c)?.to_owned());
        }
        Ok(out)
    }
}

fn preamble(bytes: &[u8], kind: u8) -> Result<Cursor<'_>> {
    let mut c = Cursor { bytes, pos: 0, end: bytes.len(), section: "preamble" };
    if c.take(4)? != MAGIC {
        return Err(FormatError { section: "preamble", offset: 0, message: "not a tinbai index file (no TBIX magic)" });
    }
    match c.u8()? {
        VERSION => {}
        v if v < VERSION => return Err(FormatError { section: "preamble", offset: 4, message: "index built by an older tinbai; rebuild it" }),
        _ => return Err(FormatError { section: "preamble", offset: 4, message: "index built by a newer tinbai; update tinbai or rebuild it" }),
    }
    let k = c.u8()?;
    if k != kind {
        let message = match (kind, k) {
            (_, k) if !(HEADER..=FACTS).contains(&k) => "unknown file kind",
            (HEADER, SHARD) => "expected the header, got a shard",
            (SHARD, HEADER) => "expected a shard, got the header",
            (HEADER, _) => "expected the header, got another index file",
            (SHARD, _) => "expected a shard, got another index file",
            (ROUTES, _) => "expected a routes file, got another index file",
            (TERMS, _) => "expected a terms file, got another index file",
            (FACTS, _) => "expected a facts file, got another index file",
            _ => "expected a docs file, got another index file",
        };
        return Err(FormatError { section: "preamble", offset: 5, message });
    }
    c.take(2)?;
    Ok(c)
}

/// What the shard, routes and terms files share after their preamble: strings; a meta
/// section of the file's number, how many files of its kind there are (the number
/// below it) and its row count; then a table of that many fixed-width rows, looked up
/// by binary search. `rest` is the file after the table.
struct Keyed<'a> {
    rest: Cursor<'a>,
    strings: Strings<'a>,
    number: u32,
    files: u32,
    count: u32,
    table: Cursor<'a>,
}

/// A keyed file's kind, its table's name and row width, and how its errors read.
struct Layout {
    kind: u8,
    table: &'static str,
    width: u64,
    out_of_range: &'static str,
    mismatch: &'static str,
}

fn keyed<'a>(bytes: &'a [u8], l: &Layout) -> Result<Keyed<'a>> {
    let mut rest = preamble(bytes, l.kind)?;
    let strings = Strings::read(rest.section("strings")?)?;
    let mut m = rest.section("meta")?;
    let (number, files, count) = (m.v32()?, m.v32()?, m.v32()?);
    m.done()?;
    if number >= files {
        return Err(m.err(l.out_of_range));
    }
    let table = rest.section(l.table)?;
    if (table.end - table.pos) as u64 != u64::from(count) * l.width {
        return Err(table.err(l.mismatch));
    }
    Ok(Keyed { rest, strings, number, files, count, table })
}

/// Nothing may follow a file's last section.
fn end(mut c: Cursor<'_>) -> Result<()> {
    c.section = "end";
    c.done()
}

/// (id, title, url, kind) of a listed item.
fn listed(s: &Strings<'_>, c: &mut Cursor<'_>) -> Result<(String, String, Option<String>, Kind)> {
    let id = s.read_str(c)?.to_owned();
    let title = s.read_str(c)?.to_owned();
    let url = match c.v32()? {
        0 => None,
        n => Some(s.get(n - 1, c)?.to_owned()),
    };
    let kind = match c.u8()? {
        0 => Kind::Article,
        1 => Kind::Infographic,
        2 => Kind::Video,
        _ => return Err(c.err("unknown item kind")),
    };
    Ok((id, title, url, kind))
}

fn basis(c: &mut Cursor<'_>) -> Result<Basis> {
    match c.u8()? {
        0 => Ok(Basis::Views),
        1 => Ok(Basis::Prior),
        2 => Ok(Basis::Newest),
        3 => Ok(Basis::Total),
        _ => Err(c.err("unknown most-read basis")),
    }
}

/// The header: what every page loads.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub articles: u32,
    pub shards: u32,
    /// Related items kept per article.
    pub kept: u32,
    /// Unix seconds: the clock the most-read lists were ranked at.
    pub built_at: i64,
    /// How many routes files and terms files there are.
    pub routes: u32,
    pub terms: u32,
    /// Articles per docs file.
    pub docs_per_file: u32,
    /// One list per window of [`super::WINDOWS`].
    pub most_read: Vec<MostReadList>,
}

impl Header {
    pub fn most_read(&self, w: Window) -> Option<&MostReadList> {
        WINDOWS.iter().position(|&x| x == w).and_then(|i| self.most_read.get(i))
    }

    /// The docs file holding article number `d`.
    pub fn docs_file(&self, d: u32) -> u32 {
        d / self.docs_per_file.max(1)
    }
}

pub fn header(bytes: &[u8]) -> Result<Header> {
    let mut c = preamble(bytes, HEADER)?;
    let s = Strings::read(c.section("strings")?)?;
    let mut m = c.section("meta")?;
    let (articles, shards, kept, built_at) = (m.v32()?, m.v32()?, m.v32()?, m.i64()?);
    let (routes, terms, docs_per_file) = (m.v32()?, m.v32()?, m.v32()?);
    m.done()?;
    if articles > 0 && (shards == 0 || routes == 0 || terms == 0 || docs_per_file == 0) {
        return Err(m.err("no shards, routes, terms or docs files for a non-empty index"));
    }
    let mut r = c.section("most-read")?;
    let mut most_read = Vec::new();
    for window in WINDOWS {
        let list_basis = basis(&mut r)?;
        let empty = match r.u8()? {
            0 => None,
            1 => Some(most_read::Empty::NoViewsInWindow),
            2 => Some(most_read::Empty::NoViewsNoPrior),
            3 => Some(most_read::Empty::AllExcluded),
            _ => return Err(r.err("unknown empty reason")),
        };
        let n = r.v32()?;
        let mut items = Vec::new();
        for _ in 0..n {
            let (id, title, url, kind) = listed(&s, &mut r)?;
            let views = r.v64()?;
            let basis = basis(&mut r)?;
            let prior = from_fixed(r.v32()?);
            items.push(MostReadItem { id, title, kind, url, views, basis, prior });
        }
        most_read.push(MostReadList { items, basis: list_basis, window, empty });
    }
    r.done()?;
    end(c)?;
    Ok(Header { articles, shards, kept, built_at, routes, terms, docs_per_file, most_read })
}

/// One shard, read in place: lookups decode only the record they need.
pub struct Shard<'a> {
    pub shard: u32,
    pub shards: u32,
    pub articles: u32,
    strings: Strings<'a>,
    ids: Cursor<'a>,
    records: Cursor<'a>,
}

pub fn shard(bytes: &[u8]) -> Result<Shard<'_>> {
    let layout = Layout { kind: SHARD, table: "ids", width: 8, out_of_range: "shard number out of range", mismatch: "id table size does not match the article count" };
    let Keyed { mut rest, strings, number, files, count, table } = keyed(bytes, &layout)?;
    let records = rest.section("records")?;
    end(rest)?;
    Ok(Shard { shard: number, shards: files, articles: count, strings, ids: table, records })
}

impl Shard<'_> {
    /// The `i`th id and its record's offset.
    fn entry(&self, i: u32) -> Result<(&str, u32)> {
        let mut c = self.ids;
        c.pos += i as usize * 8;
        let at = c;
        let (sid, off) = (c.u32()?, c.u32()?);
        Ok((self.strings.get(sid, &at)?, off))
    }

    /// The precomputed related list of article `id`, or `None` if this shard lacks it.
    pub fn related(&self, id: &str) -> Result<Option<RelatedList>> {
        let (mut lo, mut hi) = (0u32, self.articles);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (key, off) = self.entry(mid)?;
            match key.as_bytes().cmp(id.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.record(off).map(Some),
            }
        }
        Ok(None)
    }

    fn record(&self, off: u32) -> Result<RelatedList> {
        let mut c = self.records;
        if off as usize > c.end - c.pos {
            return Err(c.err("record offset out of bounds"));
        }
        c.pos += off as usize;
        let s = &self.strings;
        let empty = match c.u8()? {
            0 => None,
            1 => Some(related::Empty::NoSharedTerms),
            2 => {
                let best = from_fixed(c.v32()?) as f32;
                let threshold = from_fixed(c.v32()?) as f32;
                Some(related::Empty::BelowThreshold { best, threshold })
            }
            3 => Some(related::Empty::AllExcluded),
            _ => return Err(c.err("unknown empty reason")),
        };
        let n = c.v32()?;
        let mut items = Vec::new();
        for _ in 0..n {
            let (id, title, url, kind) = listed(s, &mut c)?;
            let score = from_fixed(c.v32()?);
            let places = s.read_list(&mut c)?;
            let terms = s.read_list(&mut c)?;
            items.push(RelatedItem { id, title, kind, url, score, reasons: Reasons { places, terms } });
        }
        Ok(RelatedList { items, empty })
    }

    /// Every article's id and related list, checking each id is in order.
    pub fn all(&self) -> Result<Vec<(String, RelatedList)>> {
        let mut out = Vec::new();
        let mut prev: Option<&str> = None;
        for i in 0..self.articles {
            let (id, off) = self.entry(i)?;
            if prev.is_some_and(|p| p.as_bytes() >= id.as_bytes()) {
                let mut at = self.ids;
                at.pos += i as usize * 8;
                return Err(at.err("ids not in order"));
            }
            prev = Some(id);
            out.push((id.to_owned(), self.record(off)?));
        }
        Ok(out)
    }
}

/// One route: a key, the article it names and the shard holding its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub key: String,
    pub id: String,
    pub shard: u32,
}

/// A routes file, read in place.
pub struct Routes<'a> {
    pub file: u32,
    pub files: u32,
    pub count: u32,
    strings: Strings<'a>,
    table: Cursor<'a>,
}

pub fn routes(bytes: &[u8]) -> Result<Routes<'_>> {
    let layout = Layout { kind: ROUTES, table: "routes", width: 12, out_of_range: "file number out of range", mismatch: "route table size does not match the route count" };
    let Keyed { rest, strings, number, files, count, table } = keyed(bytes, &layout)?;
    end(rest)?;
    Ok(Routes { file: number, files, count, strings, table })
}

impl<'a> Routes<'a> {
    fn entry(&self, i: u32) -> Result<(&'a str, &'a str, u32)> {
        let mut c = self.table;
        c.pos += i as usize * 12;
        let at = c;
        let (k, id, shard) = (c.u32()?, c.u32()?, c.u32()?);
        Ok((self.strings.get(k, &at)?, self.strings.get(id, &at)?, shard))
    }

    /// The article `key` names, and the shard holding its record.
    pub fn find(&self, key: &str) -> Result<Option<(&'a str, u32)>> {
        let (mut lo, mut hi) = (0u32, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (k, id, shard) = self.entry(mid)?;
            match k.as_bytes().cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(Some((id, shard))),
            }
        }
        Ok(None)
    }

    /// Every route, checking the keys are in order.
    pub fn all(&self) -> Result<Vec<Route>> {
        let mut out: Vec<Route> = Vec::new();
        for i in 0..self.count {
            let (key, id, shard) = self.entry(i)?;
            if out.last().is_some_and(|p| p.key.as_bytes() >= key.as_bytes()) {
                let mut at = self.table;
                at.pos += i as usize * 12;
                return Err(at.err("route keys not in order"));
            }
            out.push(Route { key: key.to_owned(), id: id.to_owned(), shard });
        }
        Ok(out)
    }
}

/// One feature of a terms file, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The tagged key: kind character and key.
    pub key: String,
    /// Articles that have it, before each article kept only its heaviest features.
    pub df: u32,
    pub surface: Option<String>,
    /// The largest weight in its postings.
    pub max: f32,
    pub cohesion: f32,
    /// (article number, weight), in article-number order.
    pub postings: Vec<(u32, f32)>,
}

/// A feature found in a terms file; its postings are decoded on demand.
#[derive(Clone, Copy)]
pub struct Entry<'a> {
    pub df: u32,
    pub surface: Option<&'a str>,
    pub max: f32,
    pub cohesion: f32,
    /// How many postings.
    pub len: u32,
    postings: Cursor<'a>,
}

impl Entry<'_> {
    /// The postings: (article number, weight), numbers rising.
    pub fn postings(&self) -> Result<Vec<(u32, f32)>> {
        let mut c = self.postings;
        // Not `with_capacity(len)`: the count is the file's word, the bytes are not.
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut prev: Option<u32> = None;
        for _ in 0..self.len {
            let gap = c.v32()?;
            let d = match prev {
                None => gap,
                Some(_) if gap == 0 => return Err(c.err("article numbers not rising")),
                Some(p) => p.checked_add(gap).ok_or_else(|| c.err("article number larger than 32 bits"))?,
            };
            let at = c.err("truncated");
            let w = <[u8; 2]>::try_from(c.take(2)?).map(u16::from_le_bytes).map_err(|_| at)?;
            out.push((d, self.max * (f32::from(w) / 65535.0)));
            prev = Some(d);
        }
        Ok(out)
    }
}

/// A terms file, read in place.
pub struct Terms<'a> {
    pub file: u32,
    pub files: u32,
    pub count: u32,
    strings: Strings<'a>,
    table: Cursor<'a>,
    postings: Cursor<'a>,
}

pub fn terms(bytes: &[u8]) -> Result<Terms<'_>> {
    let layout = Layout { kind: TERMS, table: "features", width: 8, out_of_range: "file number out of range", mismatch: "feature table size does not match the feature count" };
    let Keyed { mut rest, strings, number, files, count, table } = keyed(bytes, &layout)?;
    let postings = rest.section("postings")?;
    end(rest)?;
    Ok(Terms { file: number, files, count, strings, table, postings })
}

impl<'a> Terms<'a> {
    fn key(&self, i: u32) -> Result<(&'a str, u32)> {
        let mut c = self.table;
        c.pos += i as usize * 8;
        let at = c;
        let (k, off) = (c.u32()?, c.u32()?);
        Ok((self.strings.get(k, &at)?, off))
    }

    fn entry(&self, off: u32) -> Result<Entry<'a>> {
        let mut c = self.postings;
        if off as usize > c.end - c.pos {
            return Err(c.err("postings offset out of bounds"));
        }
        c.pos += off as usize;
        let df = c.v32()?;
        let surface = match c.v32()? {
            0 => None,
            n => Some(self.strings.get(n - 1, &c)?),
        };
        let max = f32::from_bits(c.u32()?);
        // Zero or a normal positive number: weights scaled from it then keep their
        // 16 bits of precision, and never overflow.
        if !(max == 0.0 || (max.is_normal() && max > 0.0)) {
            return Err(c.err("largest weight is not 0 or a normal positive number"));
        }
        let cohesion = c.v32()?;
        if cohesion > 10_000 {
            return Err(c.err("cohesion above 1"));
        }
        let cohesion = from_fixed(cohesion) as f32;
        let len = c.v32()?;
        // Each posting takes at least 3 bytes: a count beyond that is a lie.
        if u64::from(len) * 3 > (c.end - c.pos) as u64 {
            return Err(c.err("more postings than bytes"));
        }
        Ok(Entry { df, surface, max, cohesion, len, postings: c })
    }

    /// The feature with tagged key `key`, if this file has it.
    pub fn find(&self, key: &str) -> Result<Option<Entry<'a>>> {
        let (mut lo, mut hi) = (0u32, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (k, off) = self.key(mid)?;
            match k.as_bytes().cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.entry(off).map(Some),
            }
        }
        Ok(None)
    }

    /// Every feature with its postings, checking the keys are in order.
    pub fn all(&self) -> Result<Vec<Feature>> {
        let mut out: Vec<Feature> = Vec::new();
        for i in 0..self.count {
            let (key, off) = self.key(i)?;
            if out.last().is_some_and(|p| p.key.as_bytes() >= key.as_bytes()) {
                let mut at = self.table;
                at.pos += i as usize * 8;
                return Err(at.err("feature keys not in order"));
            }
            let e = self.entry(off)?;
            out.push(Feature {
                key: key.to_owned(),
                df: e.df,
                surface: e.surface.map(str::to_owned),
                max: e.max,
                cohesion: e.cohesion,
                postings: e.postings()?,
            });
        }
        Ok(out)
    }
}

/// What a free-text result shows of an article, and what ranking it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub kind: Kind,
    pub published: Option<i64>,
    /// Countries other than Việt Nam it names, as bits.
    pub foreign: u64,
    /// `fnv1a32` of its folded headline.
    pub title_hash: u32,
}

/// A docs file, read in place.
pub struct Docs<'a> {
    pub file: u32,
    /// The article number of its first entry.
    pub first: u32,
    pub count: u32,
    strings: Strings<'a>,
    offsets: Cursor<'a>,
    entries: Cursor<'a>,
}

pub fn docs(bytes: &[u8]) -> Result<Docs<'_>> {
    let mut c = preamble(bytes, DOCS)?;
    let strings = Strings::read(c.section("strings")?)?;
    let mut m = c.section("meta")?;
    let (file, first, count) = (m.v32()?, m.v32()?, m.v32()?);
    m.done()?;
    if first.checked_add(count).is_none() {
        return Err(m.err("article numbers beyond 32 bits"));
    }
    let offsets = c.section("offsets")?;
    if (offsets.end - offsets.pos) as u64 != u64::from(count) * 4 {
        return Err(offsets.err("offset table size does not match the article count"));
    }
    let entries = c.section("entries")?;
    end(c)?;
    Ok(Docs { file, first, count, strings, offsets, entries })
}

impl Docs<'_> {
    /// Article number `d`'s entry, if this file holds it.
    pub fn get(&self, d: u32) -> Result<Option<Doc>> {
        let Some(i) = d.checked_sub(self.first).filter(|&i| i < self.count) else { return Ok(None) };
        let mut o = self.offsets;
        o.pos += i as usize * 4;
        let off = o.u32()?;
        let mut c = self.entries;
        if off as usize > c.end - c.pos {
            return Err(o.err("entry offset out of bounds"));
        }
        c.pos += off as usize;
        let (id, title, url, kind) = listed(&self.strings, &mut c)?;
        let published = match c.v64()? {
            0 => None,
            v => {
                let z = v - 1;
                Some(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
        };
        let foreign = c.v64()?;
        let title_hash = c.u32()?;
        Ok(Some(Doc { id, title, url, kind, published, foreign, title_hash }))
    }

    /// Every entry, in article-number order.
    pub fn all(&self) -> Result<Vec<Doc>> {
        let mut out = Vec::new();
        for i in 0..self.count {
            let d = self.first + i;
            match self.get(d)? {
                Some(doc) => out.push(doc),
                None => return Err(self.offsets.err("entry missing")),
            }
        }
        Ok(out)
    }
}

/// A built index's partnership facts: all the partnership card needs (see
/// [`crate::markup::Library`]). A missing `facts.bin` is [`Facts::default`]: none.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The bundled facts on a site without its own: render with
    /// [`crate::markup::View::citations`], as their sources have no page there.
    pub cite: bool,
    pub partnerships: Vec<Partnership>,
    /// The items sources and mentions name, sorted by id bytes; only the fields the
    /// card shows (id, title, kind, url, published, image).
    pub items: Vec<Item>,
}

impl crate::markup::Library for Facts {
    fn partnerships(&self) -> &[Partnership] {
        &self.partnerships
    }

    fn item(&self, id: &str) -> Option<&Item> {
        let i = self.items.binary_search_by(|it| it.id.as_bytes().cmp(id.as_bytes())).ok()?;
        self.items.get(i)
    }
}

/// 0 or 1.
fn flag(c: &mut Cursor<'_>) -> Result<bool> {
    let at = c.err("flag is neither 0 nor 1");
    match c.u8()? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(at),
    }
}

/// A string number + 1, 0 for none.
fn opt_str(s: &Strings<'_>, c: &mut Cursor<'_>) -> Result<Option<String>> {
    match c.v32()? {
        0 => Ok(None),
        n => Ok(Some(s.get(n - 1, c)?.to_owned())),
    }
}

fn fact_value(s: &Strings<'_>, c: &mut Cursor<'_>) -> Result<FactValue> {
    let at = c.err("unknown fact value type");
    match c.u8()? {
        0 => {
            let z = c.v64()?;
            Ok(FactValue::Number(((z >> 1) as i64) ^ -((z & 1) as i64)))
        }
        1 => Ok(FactValue::Text(s.read_str(c)?.to_owned())),
        2 => Ok(FactValue::List(s.read_list(c)?)),
        _ => Err(at),
    }
}

fn fact(s: &Strings<'_>, c: &mut Cursor<'_>) -> Result<Fact> {
    let key = s.read_str(c)?.to_owned();
    let label = s.read_str(c)?.to_owned();
    let disputed = flag(c)?;
    let derived = opt_str(s, c)?;
    let mut versions = Vec::new();
    for _ in 0..c.v32()? {
        let value = fact_value(s, c)?;
        let at_least = flag(c)?;
        let mut sources = Vec::new();
        for _ in 0..c.v32()? {
            let item = s.read_str(c)?.to_owned();
            let quote = s.read_str(c)?.to_owned();
            sources.push(Source { item, quote });
        }
        versions.push(Version { value, at_least, sources });
    }
    Ok(Fact { key, label, versions, disputed, derived })
}

fn partnership(s: &Strings<'_>, c: &mut Cursor<'_>) -> Result<Partnership> {
    let id = s.read_str(c)?.to_owned();
    let at = c.err("unknown partnership kind");
    let kind = match c.u8()? {
        0 => PartnershipKind::Partnership,
        1 => PartnershipKind::Overview,
        _ => return Err(at),
    };
    let title = s.read_str(c)?.to_owned();
    let mut partners = Vec::new();
    for _ in 0..c.v32()? {
        let name = s.read_str(c)?.to_owned();
        partners.push(Partner { name, aliases: s.read_list(c)? });
    }
    let mut facts = Vec::new();
    for _ in 0..c.v32()? {
        facts.push(fact(s, c)?);
    }
    let mentioned_in = s.read_list(c)?;
    Ok(Partnership { id, kind, title, partners, facts, mentioned_in })
}

/// A facts file, decoded whole: it is small (tens of items), and the card reads all of it.
pub fn facts(bytes: &[u8]) -> Result<Facts> {
    let mut c = preamble(bytes, FACTS)?;
    let s = Strings::read(c.section("strings")?)?;
    let mut m = c.section("meta")?;
    let cite = flag(&mut m)?;
    let (np, ni) = (m.v32()?, m.v32()?);
    m.done()?;
    // Counts are the file's word: every entry reads at least one byte, so a false
    // count ends in an error at the section's end, not a long loop or a large allocation.
    let mut p = c.section("partnerships")?;
    let mut partnerships = Vec::new();
    for _ in 0..np {
        partnerships.push(partnership(&s, &mut p)?);
    }
    p.done()?;
    let mut r = c.section("items")?;
    let mut items: Vec<Item> = Vec::new();
    for _ in 0..ni {
        let at = r.err("item ids not in order");
        let (id, title, url, kind) = listed(&s, &mut r)?;
        // Sorted and distinct: `item` is a binary search.
        if items.last().is_some_and(|p| p.id.as_bytes() >= id.as_bytes()) {
            return Err(at);
        }
        let published = opt_str(&s, &mut r)?;
        let image = opt_str(&s, &mut r)?;
        items.push(Item { id, title, kind, url, published, image, ..Item::default() });
    }
    r.done()?;
    end(c)?;
    Ok(Facts { cite, partnerships, items })
}

/// Check a whole file of any kind, decoding every part of it: the fuzz target.
pub fn check(bytes: &[u8]) -> Result<()> {
    match bytes.get(5) {
        Some(&SHARD) => shard(bytes)?.all().map(drop),
        Some(&ROUTES) => routes(bytes)?.all().map(drop),
        Some(&TERMS) => terms(bytes)?.all().map(drop),
        Some(&DOCS) => docs(bytes)?.all().map(drop),
        Some(&FACTS) => facts(bytes).map(drop),
        _ => header(bytes).map(drop),
    }
}
