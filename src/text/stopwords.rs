//! Vietnamese function words: they join a sentence together but say nothing about
//! its topic. Words whose unaccented form is also a common content word or a place
//! syllable (cái/Cai, cờ, lá) are left out on purpose.

use crate::rank::index::FxHasher;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Looked up for every token: a fixed table, so FxHash is safe and much cheaper.
type Set = HashSet<String, BuildHasherDefault<FxHasher>>;

const WORDS: &str = "\
và của các những là có được trong cho với đã sẽ đang này đó tại từ về theo để một \
không cũng như khi thì mà nhưng hay hoặc nếu vì do bởi rằng ra vào lên xuống đến tới \
qua lại nữa rất nhiều ít hơn nhất cùng giữa trên dưới sau trước ngoài bên nên vẫn còn \
đây đấy ấy kia nào gì ai sao mỗi mọi từng chỉ ngay luôn đều nhau vậy nay lúc \
việc sự bị bằng hết thêm vừa mới gồm nhằm cả chưa đi ông bà tôi chúng họ mình ta nơi hãy";

/// Words that scale the number before them ("3,1 triệu", "5,6 tỷ USD", "2 nghìn"):
/// part of the quantity there, and words elsewhere ("triệu tập", "tỷ lệ").
const NUMBER_WORDS: &str = "trăm nghìn ngàn vạn triệu tỷ tỉ chục";

struct Sets {
    exact: Set,
    folded: Set,
}

impl Sets {
    fn of(words: &str) -> Sets {
        let d = super::nfd(words);
        let mut exact = Set::default();
        let mut folded = Set::default();
        for w in d.split(' ').filter(|w| !w.is_empty()) {
            let (e, f, _) = super::forms(w);
            exact.insert(e);
            folded.insert(f);
        }
        Sets { exact, folded }
    }
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets::of(WORDS))
}

fn number_words() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets::of(NUMBER_WORDS))
}

/// A word that scales a number, by its exact form, or by its bare letters in a text
/// typed without diacritics.
pub fn is_number_word(exact: &str, folded: &str, marked_text: bool) -> bool {
    if marked_text {
        number_words().exact.contains(exact)
    } else {
        number_words().folded.contains(folded)
    }
}

pub fn is_stop(exact: &str) -> bool {
    sets().exact.contains(exact)
}

/// For text typed without any diacritics, where only the bare letters are known.
pub fn is_stop_folded(folded: &str) -> bool {
    sets().folded.contains(folded)
}
