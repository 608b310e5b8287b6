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

struct Sets {
    exact: Set,
    folded: Set,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let d = super::nfd(WORDS);
        let mut exact = Set::default();
        let mut folded = Set::default();
        for w in d.split(' ').filter(|w| !w.is_empty()) {
            let (e, f, _) = super::forms(w);
            exact.insert(e);
            folded.insert(f);
        }
        Sets { exact, folded }
    })
}

pub fn is_stop(exact: &str) -> bool {
    sets().exact.contains(exact)
}

/// For text typed without any diacritics, where only the bare letters are known.
pub fn is_stop_folded(folded: &str) -> bool {
    sets().folded.contains(folded)
}
