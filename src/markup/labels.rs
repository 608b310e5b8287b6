//! Widget labels in Vietnamese (the default), English and French.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
    Fr,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    fn pick(self, vi: &'static str, en: &'static str, fr: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    pub fn related(self) -> &'static str {
        self.pick("Tin bài liên quan", "Related articles", "Articles liés")
    }

    pub fn most_read(self) -> &'static str {
        self.pick("Đọc nhiều", "Most read", "Les plus lus")
    }

    /// The most-read widget's heading when nothing was read and it lists the
    /// newest items instead.
    pub fn newest(self) -> &'static str {
        self.pick("Tin mới nhất", "Latest", "Les plus récents")
    }

    pub fn partnership(self) -> &'static str {
        self.pick("Hợp tác Việt Nam – Pháp", "Vietnam–France cooperation", "Coopération Vietnam–France")
    }

    pub fn infographic(self) -> &'static str {
        "Infographic"
    }

    pub fn video(self) -> &'static str {
        "Video"
    }

    pub fn shared(self) -> &'static str {
        self.pick("Cùng chủ đề", "In common", "En commun")
    }

    pub fn source(self) -> &'static str {
        self.pick("Nguồn", "Source", "Source")
    }

    pub fn disputed(self) -> &'static str {
        self.pick("Các nguồn chưa thống nhất", "Sources disagree", "Les sources divergent")
    }

    pub fn derived(self) -> &'static str {
        self.pick("Cách tính", "Derived", "Calcul")
    }

    pub fn timeline(self) -> &'static str {
        self.pick("Các quan hệ hợp tác theo năm thiết lập", "Partnerships by the year they began", "Partenariats par année de début")
    }

    pub fn since(self) -> &'static str {
        self.pick("Năm bắt đầu", "Since", "Depuis")
    }

    pub fn years(self) -> &'static str {
        self.pick("năm hợp tác", "years of cooperation", "ans de coopération")
    }

    /// "từ năm 1989": when a partnership began, in words.
    pub fn since_year(self, year: i64) -> String {
        match self {
            Lang::Vi => format!("từ năm {year}"),
            Lang::En => format!("since {year}"),
            Lang::Fr => format!("depuis {year}"),
        }
    }

    pub fn no_start(self) -> &'static str {
        self.pick("Nguồn không nêu năm bắt đầu", "No source gives the start year", "Aucune source ne donne l'année de début")
    }

    pub fn views(self, n: u64) -> String {
        let num = group(n, self);
        match self {
            Lang::Vi => format!("{num} lượt xem"),
            Lang::En if n == 1 => "1 view".into(),
            Lang::En => format!("{num} views"),
            Lang::Fr if n <= 1 => format!("{num} vue"),
            Lang::Fr => format!("{num} vues"),
        }
    }

    /// Views that include a plain count with no dates: not limited to the window.
    pub fn total_views(self, n: u64) -> String {
        let num = group(n, self);
        match self {
            Lang::Vi => format!("tổng {num} lượt xem"),
            Lang::En if n == 1 => "1 view in all".into(),
            Lang::En => format!("{num} views in all"),
            Lang::Fr if n <= 1 => format!("{num} vue au total"),
            Lang::Fr => format!("{num} vues au total"),
        }
    }

    /// The count announced to screen readers after a render.
    pub fn count(self, what: Widget, n: usize) -> String {
        match (self, what) {
            (Lang::Vi, Widget::Related) => format!("{n} tin bài liên quan"),
            (Lang::Vi, Widget::MostRead) => format!("{n} tin đọc nhiều"),
            (Lang::En, Widget::Related) if n == 1 => "1 related article".into(),
            (Lang::En, Widget::Related) => format!("{n} related articles"),
            (Lang::En, Widget::MostRead) if n == 1 => "1 most-read article".into(),
            (Lang::En, Widget::MostRead) => format!("{n} most-read articles"),
            (Lang::Fr, Widget::Related) if n <= 1 => format!("{n} article lié"),
            (Lang::Fr, Widget::Related) => format!("{n} articles liés"),
            (Lang::Fr, Widget::MostRead) if n <= 1 => format!("{n} article parmi les plus lus"),
            (Lang::Fr, Widget::MostRead) => format!("{n} articles parmi les plus lus"),
            (Lang::Vi, Widget::Newest) => format!("{n} tin mới nhất"),
            (Lang::En, Widget::Newest) if n == 1 => "1 latest article".into(),
            (Lang::En, Widget::Newest) => format!("{n} latest articles"),
            (Lang::Fr, Widget::Newest) if n <= 1 => format!("{n} article récent"),
            (Lang::Fr, Widget::Newest) => format!("{n} articles récents"),
        }
    }

    /// Why a list is empty, in words a reader understands.
    pub fn empty(self, what: Widget) -> &'static str {
        match what {
            Widget::Related => self.pick(
                "Chưa có tin bài nào đủ gần với bài này.",
                "No article is close enough to this one yet.",
                "Aucun article n'est encore assez proche de celui-ci.",
            ),
            Widget::MostRead | Widget::Newest => self.pick(
                "Chưa có lượt xem nào trong khoảng thời gian này.",
                "No views in this period yet.",
                "Aucune vue sur cette période pour l'instant.",
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    Related,
    MostRead,
    /// Most read, showing the newest items because nothing was read.
    Newest,
}

/// Thousands grouped the way each language writes them: 1.234 / 1,234 / 1 234.
/// In the browser `Intl.NumberFormat` does it ([`crate::platform`]), so the wasm
/// carries no locale data;
/// natively the same separators stand in for it (the CLI's static HTML).
pub fn group(n: u64, lang: Lang) -> String {
    // No language groups fewer than four digits, and the first Intl.NumberFormat a
    // page makes costs tens of milliseconds (its locale data): skip it when it
    // would change nothing.
    if let Some(s) = (n >= 1000).then(|| crate::platform::hooks().and_then(|h| (h.group)(n, lang.code()))).flatten() {
        return s;
    }
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
        Lang::Fr => '\u{202f}',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Labels for the fact keys the bundled facts use; other keys show their own label.
pub fn fact_label(key: &str, lang: Lang) -> Option<&'static str> {
    Some(match (key, lang) {
        (_, Lang::Vi) => return None,
        ("since", Lang::En) => "Year it began",
        ("since", Lang::Fr) => "Année de début",
        ("years", Lang::En) => "Years of cooperation",
        ("years", Lang::Fr) => "Années de coopération",
        ("fields", Lang::En) => "Fields of cooperation",
        ("fields", Lang::Fr) => "Domaines de coopération",
        ("new_fields", Lang::En) => "New fields",
        ("new_fields", Lang::Fr) => "Nouveaux domaines",
        ("anniversary", Lang::En) => "Years marked in 2025",
        ("anniversary", Lang::Fr) => "Années célébrées en 2025",
        ("themes_2025_2027", Lang::En) => "Themes for 2025–2027",
        ("themes_2025_2027", Lang::Fr) => "Thèmes 2025–2027",
        ("projects_period", Lang::En) => "Period of new projects",
        ("projects_period", Lang::Fr) => "Période des nouveaux projets",
        ("vn_localities", Lang::En) => "Vietnamese localities",
        ("vn_localities", Lang::Fr) => "Collectivités vietnamiennes",
        ("fr_localities", Lang::En) => "French localities",
        ("fr_localities", Lang::Fr) => "Collectivités françaises",
        ("delegates", Lang::En) => "Delegates",
        ("delegates", Lang::Fr) => "Délégués",
        ("sessions", Lang::En) => "Themed sessions",
        ("sessions", Lang::Fr) => "Sessions thématiques",
        ("session_themes", Lang::En) => "Session themes",
        ("session_themes", Lang::Fr) => "Thèmes des sessions",
        ("dates", Lang::En) => "Dates",
        ("dates", Lang::Fr) => "Dates",
        ("host", Lang::En) => "Host",
        ("host", Lang::Fr) => "Hôte",
        ("theme", Lang::En) => "Theme",
        ("theme", Lang::Fr) => "Thème",
        ("booths", Lang::En) => "Promotion booths",
        ("booths", Lang::Fr) => "Stands de promotion",
        ("vn_provinces", Lang::En) => "Vietnamese provinces and cities",
        ("vn_provinces", Lang::Fr) => "Provinces et villes vietnamiennes",
        ("projects", Lang::En) => "Projects and agreements",
        ("projects", Lang::Fr) => "Projets et accords",
        _ => return None,
    })
}
