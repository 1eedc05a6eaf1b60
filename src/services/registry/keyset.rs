//! Pages by key, shared by the console's lists kept newest first (the matrix, the event log): where a page starts
//! ([`PageAt`]) becomes a bound and a read order, and the rows read become the page with the keys beside it.

use crate::filters::PageAt;

/// How to read one page: rows past `bound` (the key and `<` or `>`), in ascending order or not, one more than the
/// page holds (to know whether more follow).
pub struct Plan<K> {
    pub bound: Option<(K, &'static str)>,
    pub ascending: bool,
}

impl<K> Plan<K> {
    /// None for a key that cannot be read (the caller shows the newest page).
    pub fn new(at: &PageAt, parse: impl Fn(&str) -> Option<K>) -> Option<Plan<K>> {
        Some(match at {
            PageAt::Newest => Plan { bound: None, ascending: false },
            PageAt::Older(k) => Plan { bound: Some((parse(k)?, "<")), ascending: false },
            PageAt::Newer(k) => Plan { bound: Some((parse(k)?, ">")), ascending: true },
            PageAt::Oldest => Plan { bound: None, ascending: true },
        })
    }

    pub fn order(&self) -> &'static str {
        if self.ascending {
            "ASC"
        } else {
            "DESC"
        }
    }
}

/// A page read by a [`Plan`]: its rows newest first, and the `newer=` / `older=` keys of the pages beside it.
pub struct Page<T> {
    pub rows: Vec<T>,
    pub newer: Option<String>,
    pub older: Option<String>,
}

/// The `limit + 1` rows a plan read, as a page; None when a `newer=` page came back short (back at the top: the caller
/// shows the newest page, full).
pub fn page<T, K>(at: &PageAt, plan: &Plan<K>, mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> String) -> Option<Page<T>> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    if plan.ascending {
        rows.reverse();
    }
    if matches!(at, PageAt::Newer(_)) && !more {
        return None;
    }
    let (first, last) = (rows.first().map(&key), rows.last().map(&key));
    let (newer, older) = match at {
        PageAt::Newest => (None, last.filter(|_| more)),
        PageAt::Older(_) => (first, last.filter(|_| more)),
        PageAt::Newer(_) => (first, last),
        PageAt::Oldest => (first.filter(|_| more), None),
    };
    Some(Page { rows, newer, older })
}
