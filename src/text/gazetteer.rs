//! Place names: Vietnamese provinces and cities, French regions and cities, and the
//! countries a Vietnamese foreign-affairs page names, each with its aliases.
//!
//! Matching is strict where Vietnamese is ambiguous: a one-syllable name needs its
//! diacritics ("Lào" is Laos, "lao động" is labour) and every capitalised syllable of a
//! name must be capitalised in the text ("Hòa Bình" the province, "hòa bình" peace),
//! unless the text was typed with no diacritics or no capitals at all. A name never
//! spans a sentence end or a comma ("miền Nam. Định hướng" is not Nam Định), and a
//! country that is also a given name is not read inside a personal name.

use super::{analyze, Analysis, Gap, Token};
use crate::rank::index::FxMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Bloc,
    Province,
    Region,
    City,
}

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub id: &'static str,
    pub name: &'static str,
    /// ISO 3166 alpha-2, or "EU"/"ASEAN" for blocs.
    pub country: &'static str,
    pub kind: PlaceKind,
    aliases: &'static [&'static str],
}

use PlaceKind::*;

macro_rules! places {
    ($($id:literal, $name:literal, $country:literal, $kind:ident, [$($alias:literal),* $(,)?];)*) => {
        &[$(Place { id: $id, name: $name, country: $country, kind: $kind, aliases: &[$($alias),*] },)*]
    };
}

pub static PLACES: &[Place] = places! {
    // Countries and blocs. One-word names that are also given names: GIVEN_NAMES.
    "vn", "Việt Nam", "VN", Country, ["Vietnam", "Viet Nam"];
    "fr", "Pháp", "FR", Country, ["CH Pháp", "Cộng hòa Pháp", "nước Pháp", "France"];
    "ro", "Romania", "RO", Country, ["Rumani"];
    "ru", "Nga", "RU", Country, ["LB Nga", "Liên bang Nga", "Russia"];
    "us", "Hoa Kỳ", "US", Country, ["Mỹ"];
    "th", "Thái Lan", "TH", Country, [];
    "cn", "Trung Quốc", "CN", Country, ["Việt - Trung"];
    "la", "Lào", "LA", Country, ["Laos"];
    "kh", "Campuchia", "KH", Country, ["Cambodia"];
    "nl", "Hà Lan", "NL", Country, [];
    "mn", "Mông Cổ", "MN", Country, [];
    "ca", "Canada", "CA", Country, [];
    "cu", "Cuba", "CU", Country, [];
    "fi", "Phần Lan", "FI", Country, [];
    "kp", "Triều Tiên", "KP", Country, [];
    "kr", "Hàn Quốc", "KR", Country, [];
    "jp", "Nhật Bản", "JP", Country, [];
    "in", "Ấn Độ", "IN", Country, [];
    "ps", "Palestine", "PS", Country, [];
    "de", "Đức", "DE", Country, ["CHLB Đức", "nước Đức", "Cộng hòa Liên bang Đức"];
    "gb", "Anh", "GB", Country, ["Vương quốc Anh", "nước Anh"];
    "it", "Italia", "IT", Country, ["Italy"];
    "au", "Australia", "AU", Country, ["Úc"];
    "sg", "Singapore", "SG", Country, [];
    "be", "Bỉ", "BE", Country, ["Vương quốc Bỉ"];
    "ch", "Thụy Sĩ", "CH", Country, [];
    "eu", "Liên minh châu Âu", "EU", Bloc, ["EU", "Liên minh Châu Âu"];
    "asean", "ASEAN", "ASEAN", Bloc, [];

    // Vietnamese provinces and centrally run cities.
    "ha-noi", "Hà Nội", "VN", Province, ["Hanoi", "Thủ đô Hà Nội"];
    "tp-hcm", "TP.HCM", "VN", Province, ["TPHCM", "HCMC", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "Sài Gòn"];
    "hai-phong", "Hải Phòng", "VN", Province, [];
    "da-nang", "Đà Nẵng", "VN", Province, ["Da Nang"];
    "can-tho", "Cần Thơ", "VN", Province, [];
    "hue", "Thừa Thiên Huế", "VN", Province, ["Huế", "TP Huế", "Thừa Thiên - Huế", "Thành phố Huế"];
    "an-giang", "An Giang", "VN", Province, [];
    "ba-ria-vung-tau", "Bà Rịa - Vũng Tàu", "VN", Province, [];
    "bac-lieu", "Bạc Liêu", "VN", Province, [];
    "bac-giang", "Bắc Giang", "VN", Province, [];
    "bac-kan", "Bắc Kạn", "VN", Province, ["Bắc Cạn"];
    "bac-ninh", "Bắc Ninh", "VN", Province, [];
    "ben-tre", "Bến Tre", "VN", Province, [];
    "binh-duong", "Bình Dương", "VN", Province, [];
    "binh-dinh", "Bình Định", "VN", Province, [];
    "binh-phuoc", "Bình Phước", "VN", Province, [];
    "binh-thuan", "Bình Thuận", "VN", Province, [];
    "ca-mau", "Cà Mau", "VN", Province, [];
    "cao-bang", "Cao Bằng", "VN", Province, [];
    "dak-lak", "Đắk Lắk", "VN", Province, ["Đắc Lắc", "Dak Lak"];
    "dak-nong", "Đắk Nông", "VN", Province, [];
    "dien-bien", "Điện Biên", "VN", Province, [];
    "dong-nai", "Đồng Nai", "VN", Province, [];
    "dong-thap", "Đồng Tháp", "VN", Province, [];
    "gia-lai", "Gia Lai", "VN", Province, [];
    "ha-giang", "Hà Giang", "VN", Province, [];
    "ha-nam", "Hà Nam", "VN", Province, [];
    "ha-tinh", "Hà Tĩnh", "VN", Province, [];
    "hai-duong", "Hải Dương", "VN", Province, [];
    "hau-giang", "Hậu Giang", "VN", Province, [];
    "hoa-binh", "Hòa Bình", "VN", Province, [];
    "hung-yen", "Hưng Yên", "VN", Province, [];
    "khanh-hoa", "Khánh Hòa", "VN", Province, [];
    "kien-giang", "Kiên Giang", "VN", Province, [];
    "kon-tum", "Kon Tum", "VN", Province, [];
    "lai-chau", "Lai Châu", "VN", Province, [];
    "lam-dong", "Lâm Đồng", "VN", Province, [];
    "lang-son", "Lạng Sơn", "VN", Province, [];
    "lao-cai", "Lào Cai", "VN", Province, [];
    "long-an", "Long An", "VN", Province, [];
    "nam-dinh", "Nam Định", "VN", Province, [];
    "nghe-an", "Nghệ An", "VN", Province, [];
    "ninh-binh", "Ninh Bình", "VN", Province, [];
    "ninh-thuan", "Ninh Thuận", "VN", Province, [];
    "phu-tho", "Phú Thọ", "VN", Province, [];
    "phu-yen", "Phú Yên", "VN", Province, [];
    "quang-binh", "Quảng Bình", "VN", Province, [];
    "quang-nam", "Quảng Nam", "VN", Province, [];
    "quang-ngai", "Quảng Ngãi", "VN", Province, [];
    "quang-ninh", "Quảng Ninh", "VN", Province, [];
    "quang-tri", "Quảng Trị", "VN", Province, [];
    "soc-trang", "Sóc Trăng", "VN", Province, [];
    "son-la", "Sơn La", "VN", Province, [];
    "tay-ninh", "Tây Ninh", "VN", Province, [];
    "thai-binh", "Thái Bình", "VN", Province, [];
    "thai-nguyen", "Thái Nguyên", "VN", Province, [];
    "thanh-hoa", "Thanh Hóa", "VN", Province, [];
    "tien-giang", "Tiền Giang", "VN", Province, [];
    "tra-vinh", "Trà Vinh", "VN", Province, [];
    "tuyen-quang", "Tuyên Quang", "VN", Province, [];
    "vinh-long", "Vĩnh Long", "VN", Province, [];
    "vinh-phuc", "Vĩnh Phúc", "VN", Province, [];
    "yen-bai", "Yên Bái", "VN", Province, [];

    // Vietnamese cities and special zones often named alone.
    "sa-pa", "Sa Pa", "VN", City, ["Sapa"];
    "ha-long", "Hạ Long", "VN", City, [];
    "hoi-an", "Hội An", "VN", City, [];
    "nha-trang", "Nha Trang", "VN", City, [];
    "da-lat", "Đà Lạt", "VN", City, [];
    "vung-tau", "Vũng Tàu", "VN", City, [];
    "phu-quoc", "Phú Quốc", "VN", City, [];
    "buon-ma-thuot", "Buôn Ma Thuột", "VN", City, [];
    "truong-sa", "Trường Sa", "VN", City, [];
    "hoang-sa", "Hoàng Sa", "VN", City, [];

    // French regions.
    "ile-de-france", "Île-de-France", "FR", Region, ["Ile-de-France", "Ile de France", "Île de France"];
    "nouvelle-aquitaine", "Nouvelle-Aquitaine", "FR", Region, ["Nouvelle Aquitaine"];
    "occitanie", "Occitanie", "FR", Region, [];
    "auvergne-rhone-alpes", "Auvergne-Rhône-Alpes", "FR", Region, [];
    "bretagne", "Bretagne", "FR", Region, ["Brittany"];
    "normandie", "Normandie", "FR", Region, ["Normandy"];
    "grand-est", "Grand Est", "FR", Region, [];
    "hauts-de-france", "Hauts-de-France", "FR", Region, [];
    "paca", "Provence-Alpes-Côte d'Azur", "FR", Region, ["PACA"];
    "pays-de-la-loire", "Pays de la Loire", "FR", Region, [];
    "centre-val-de-loire", "Centre-Val de Loire", "FR", Region, [];
    "bourgogne-franche-comte", "Bourgogne-Franche-Comté", "FR", Region, [];
    "corse", "Corse", "FR", Region, ["Corsica"];
    "seine-saint-denis", "Seine-Saint-Denis", "FR", Region, [];
    "val-de-marne", "Val-de-Marne", "FR", Region, [];

    // French cities.
    "paris", "Paris", "FR", City, [];
    "toulouse", "Toulouse", "FR", City, [];
    "montreuil", "Montreuil", "FR", City, [];
    "grand-poitiers", "Grand Poitiers", "FR", City, ["Poitiers"];
    "lyon", "Lyon", "FR", City, [];
    "marseille", "Marseille", "FR", City, [];
    "bordeaux", "Bordeaux", "FR", City, [];
    "nantes", "Nantes", "FR", City, [];
    "lille", "Lille", "FR", City, [];
    "strasbourg", "Strasbourg", "FR", City, [];
    "rennes", "Rennes", "FR", City, [];
    "montpellier", "Montpellier", "FR", City, [];
    "nice", "Nice", "FR", City, [];
    "limoges", "Limoges", "FR", City, [];
    "la-rochelle", "La Rochelle", "FR", City, [];
    "brest", "Brest", "FR", City, [];
    "rouen", "Rouen", "FR", City, [];
    "grenoble", "Grenoble", "FR", City, [];
    "metz", "Metz", "FR", City, [];

    // Foreign cities and provinces named in Vietnamese foreign-affairs news.
    "thuong-hai", "Thượng Hải", "CN", City, ["Shanghai"];
    "bac-kinh", "Bắc Kinh", "CN", City, ["Beijing"];
    "nam-ninh", "Nam Ninh", "CN", City, ["Nanning"];
    "ulaanbaatar", "Ulaanbaatar", "MN", City, ["Ulan Bator"];
    "kaluga", "Kaluga", "RU", Region, [];
    "moskva", "Moskva", "RU", City, ["Moscow", "Mát-xcơ-va"];
    "vientiane", "Viêng Chăn", "LA", City, ["Vientiane"];
    "phnom-penh", "Phnom Penh", "KH", City, ["Phnôm Pênh"];
    "tokyo", "Tokyo", "JP", City, [];
    "seoul", "Seoul", "KR", City, [];
    "bangkok", "Bangkok", "TH", City, [];
    "binh-nhuong", "Bình Nhưỡng", "KP", City, ["Pyongyang"];
    "havana", "La Habana", "CU", City, ["Havana"];
};

/// One occurrence of a place in a text: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceHit {
    pub place: &'static Place,
    pub start: usize,
    pub end: usize,
}

struct AliasToken {
    exact: String,
    folded: String,
    capital: bool,
    marked: bool,
}

struct Alias {
    place: &'static Place,
    tokens: Vec<AliasToken>,
    /// One of [`GIVEN_NAMES`], alone.
    given_name: bool,
}

/// Country names that are also Vietnamese given names, and start place names too:
/// "Nguyễn Minh Đức", "Anh Tuấn", "Thị Nga", "Mỹ Đình", "Nga Sơn". Written alone
/// they name the country only outside a personal name; see [`in_a_name`].
const GIVEN_NAMES: &str = "Anh Đức Nga Mỹ";

/// Words written before a person's given name ("ông Đức", "chị Nga").
const TITLES: &str = "ông bà anh chị em cô chú bác cậu dì cụ thầy cháu";

/// Aliases keyed by their first folded token, longest first. Looked up for every
/// token, in a fixed table: FxHash, not SipHash.
fn index() -> &'static FxMap<String, Vec<Alias>> {
    static INDEX: OnceLock<FxMap<String, Vec<Alias>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let given = analyze(GIVEN_NAMES).tokens;
        let mut map: FxMap<String, Vec<Alias>> = FxMap::default();
        for place in PLACES {
            for name in std::iter::once(&place.name).chain(place.aliases) {
                let tokens: Vec<AliasToken> = analyze(name)
                    .tokens
                    .into_iter()
                    .map(|t| AliasToken { exact: t.exact, folded: t.folded, capital: t.capital, marked: t.marked })
                    .collect();
                if let Some(first) = tokens.first() {
                    let given_name = tokens.len() == 1 && given.iter().any(|g| g.exact == first.exact);
                    map.entry(first.folded.clone()).or_default().push(Alias { place, tokens, given_name });
                }
            }
        }
        for list in map.values_mut() {
            crate::sort::by_key(list, |a| std::cmp::Reverse(a.tokens.len()));
        }
        map
    })
}

fn alias_matches(a: &Analysis, at: usize, alias: &Alias) -> bool {
    let Some(window) = a.tokens.get(at..at + alias.tokens.len()) else { return false };
    // Spaces, hyphens and dashes only: "Bà Rịa - Vũng Tàu", not "Hải. Phòng".
    if window.iter().skip(1).any(|t| t.gap > Gap::Dash) {
        return false;
    }
    window.iter().zip(&alias.tokens).all(|(t, al)| {
        if a.any_capital && al.capital && !t.capital {
            return false;
        }
        if t.marked && al.marked {
            t.exact == al.exact
        } else if al.marked && a.any_marked && alias.tokens.len() == 1 {
            false // "lao" in a text with diacritics is not "Lào"
        } else {
            t.folded == al.folded
        }
    })
}

/// Every place named in the text, longest name first, without overlaps.
pub fn find_places(a: &Analysis) -> Vec<PlaceHit> {
    let index = index();
    let mut hits = Vec::new();
    let mut i = 0;
    while let Some(t) = a.tokens.get(i) {
        let found = index
            .get(&t.folded)
            .and_then(|aliases| aliases.iter().find(|al| alias_matches(a, i, al)));
        match found {
            Some(al) => {
                hits.push((PlaceHit { place: al.place, start: i, end: i + al.tokens.len() }, al.given_name));
                i += al.tokens.len();
            }
            None => i += 1,
        }
    }
    // A neighbour inside another place's name is no name syllable: "Việt Nam Anh".
    let in_place = |k: usize| hits.iter().any(|(h, given)| !given && (h.start..h.end).contains(&k));
    hits.iter().filter(|(h, given)| !(*given && in_a_name(a, h.start, in_place))).map(|(h, _)| *h).collect()
}

/// Whether the one-word name at token `at` is part of a personal name: after a title
/// ("ông Đức"), or next to another capitalised Vietnamese syllable with only space
/// between ("Anh Tuấn", "Nguyễn Minh Đức"). A foreign name next to it is no sign:
/// "Thủ tướng Anh Keir Starmer" names the UK.
fn in_a_name(a: &Analysis, at: usize, in_place: impl Fn(usize) -> bool) -> bool {
    let titles = titles();
    let name_syllable = |k: usize, t: &Token| t.capital && !t.stop && !in_place(k) && vietnamese_syllable(&t.folded);
    let spaced = |k: usize| a.tokens.get(k).is_some_and(|t| t.gap == Gap::Space);
    let before = at.checked_sub(1).filter(|_| spaced(at)).and_then(|k| Some((k, a.tokens.get(k)?)));
    let after = Some(at + 1).filter(|&k| spaced(k)).and_then(|k| Some((k, a.tokens.get(k)?)));
    before.is_some_and(|(k, t)| titles.contains(&t.exact) || name_syllable(k, t))
        || after.is_some_and(|(k, t)| name_syllable(k, t))
}

fn titles() -> &'static Vec<String> {
    static TITLE_WORDS: OnceLock<Vec<String>> = OnceLock::new();
    TITLE_WORDS.get_or_init(|| analyze(TITLES).tokens.into_iter().map(|t| t.exact).collect())
}

/// Whether a folded word could be one Vietnamese syllable: an initial consonant, one
/// to three vowels, a final consonant. Foreign names mostly can't: "Keir", "Olaf",
/// "Putin", "Scholz".
pub(crate) fn vietnamese_syllable(w: &str) -> bool {
    const INITIALS: &[&str] = &[
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "g", "h", "k", "l", "m",
        "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
    INITIALS.iter().filter_map(|i| w.strip_prefix(i)).any(|rest| {
        let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
        (1..=3).contains(&vowels) && rest.get(vowels..).is_some_and(|f| FINALS.contains(&f))
    })
}

/// A bitmask of the countries other than Việt Nam that these places belong to, so
/// two texts' foreign countries compare in one instruction.
pub fn foreign_mask(places: &[&'static Place]) -> u64 {
    places.iter().filter(|p| p.country != "VN").fold(0, |m, p| m | country_bit(p.country))
}

fn country_bit(code: &str) -> u64 {
    static CODES: OnceLock<Vec<&'static str>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let mut c: Vec<&str> = PLACES.iter().map(|p| p.country).filter(|&c| c != "VN").collect();
        crate::sort::ascending(&mut c);
        c.dedup();
        c
    });
    codes.iter().position(|&c| c == code).map_or(1 << 63, |i| 1 << i.min(63))
}

/// The place with this id.
pub fn place(id: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.id == id)
}

/// [`place`] with its name folded: folded once, not for every related list that
/// names the place as a reason.
pub fn place_folded(id: &str) -> Option<(&'static Place, &'static str)> {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    let folded = FOLDED.get_or_init(|| PLACES.iter().map(|p| super::fold(p.name)).collect());
    let i = PLACES.iter().position(|p| p.id == id)?;
    Some((PLACES.get(i)?, folded.get(i)?.as_str()))
}

/// Places named by a free-standing name, as a partnership partner is written.
pub fn lookup(name: &str) -> Option<&'static Place> {
    let a = analyze(name);
    let hits = find_places(&a);
    match hits.as_slice() {
        [one] if one.start == 0 && one.end == a.tokens.len() => Some(one.place),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        find_places(&analyze(text)).into_iter().map(|h| h.place.id).collect()
    }

    #[test]
    fn aliases_resolve_to_one_place() {
        for (text, id) in [
            ("tỉnh Thừa Thiên Huế", "hue"),
            ("Festival Huế", "hue"),
            ("TP.HCM thúc đẩy", "tp-hcm"),
            ("Ủy ban Nhân dân Thành phố Hồ Chí Minh", "tp-hcm"),
            ("vùng Nouvelle Aquitaine", "nouvelle-aquitaine"),
            ("Vùng Nouvelle-Aquitaine", "nouvelle-aquitaine"),
            ("Vùng Ile-de-France", "ile-de-france"),
            ("vùng Île-de-France", "ile-de-france"),
            ("thành phố Toulouse", "toulouse"),
        ] {
            assert_eq!(ids(text), [id], "{text}");
        }
    }

    #[test]
    fn ambiguous_words_are_not_places() {
        assert!(ids("Chủ tịch Hồ Chí Minh tại Pháp").iter().all(|&id| id != "tp-hcm"));
        assert_eq!(ids("Người lao động và hòa bình"), Vec::<&str>::new());
        assert_eq!(ids("Lào và Lào Cai"), ["la", "lao-cai"]);
        assert_eq!(ids("Giải thưởng Hòa bình"), Vec::<&str>::new());
    }

    #[test]
    fn typed_without_diacritics_or_capitals() {
        assert_eq!(ids("hop tac lao cai"), ["lao-cai"]);
        assert_eq!(ids("hue va nouvelle aquitaine"), ["hue", "nouvelle-aquitaine"]);
        assert_eq!(ids(&crate::text::nfd("Hà Nội – Île-de-France")), ["ha-noi", "ile-de-france"]);
    }

    #[test]
    fn vietnamese_syllables_by_rule() {
        for w in ["anh", "tuan", "nguyen", "nghieng", "thi", "minh", "duc", "gia", "quoc", "khuya", "oanh", "y"] {
            assert!(vietnamese_syllable(w), "{w}");
        }
        for w in ["keir", "starmer", "olaf", "putin", "scholz", "donald", "trump", "sergei", "john", "nga-", "", "hcm"] {
            assert!(!vietnamese_syllable(w), "{w}");
        }
    }

    #[test]
    fn lookup_takes_whole_names_only() {
        assert_eq!(lookup("Île-de-France").map(|p| p.id), Some("ile-de-france"));
        assert_eq!(lookup("Thừa Thiên Huế").map(|p| p.id), Some("hue"));
        assert_eq!(lookup("Hà Nội và Pháp"), None);
    }
}
