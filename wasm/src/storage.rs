//! `recordView`'s log: kept in memory for the page, and in localStorage when the
//! browser allows it. Storage that is absent, blocked (a SecurityError) or full (a
//! QuotaExceededError) never breaks a page: the view still counts here, and a full
//! store is retried with the oldest half of the log dropped.

use std::cell::RefCell;
#[cfg(feature = "engine")]
use std::collections::HashMap;
#[cfg(feature = "engine")]
use tinbai::dataset::{Dataset, Views};
use tinbai::rank::view_log::ViewLog;
use web_sys::Storage;

const KEY: &str = "tinbai:views";

thread_local! {
    static LOG: RefCell<Option<ViewLog>> = const { RefCell::new(None) };
}

fn local_storage() -> Option<Storage> {
    // `localStorage` itself throws when the browser blocks it.
    web_sys::window()?.local_storage().ok().flatten()
}

fn with_log<T>(f: impl FnOnce(&mut ViewLog) -> T) -> T {
    LOG.with(|cell| {
        let mut slot = cell.borrow_mut();
        let log = slot.get_or_insert_with(|| {
            local_storage().and_then(|s| s.get_item(KEY).ok().flatten()).map(|t| ViewLog::parse(&t)).unwrap_or_default()
        });
        f(log)
    })
}

/// Save as much of the log as the store takes.
fn persist(log: &ViewLog) {
    let Some(store) = local_storage() else { return };
    let mut copy = log.clone();
    loop {
        if store.set_item(KEY, &copy.serialize()).is_ok() {
            return;
        }
        if !copy.shrink() {
            let _ = store.remove_item(KEY);
            return;
        }
    }
}

/// Forget the in-memory log; the next use reads it from storage again.
pub fn reload() {
    LOG.with(|cell| *cell.borrow_mut() = None);
}

pub fn record(id: &str, now: i64) {
    with_log(|log| {
        log.record(id, now);
        persist(log);
    });
}

#[cfg(feature = "engine")]
pub fn views_for(data: &Dataset) -> HashMap<usize, Views> {
    with_log(|log| log.views_for(data))
}
