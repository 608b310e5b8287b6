//! One sort for every list. The standard sorts are faster, but each is compiled
//! again for every element type and comparison, and in the wasm that was the largest
//! single cost (about 58 KB before wasm-opt). So the browser build sorts positions
//! with one merge sort through a `dyn` comparison and then moves the elements once;
//! native builds, where size does not matter and an index build sorts millions of
//! entries, keep the standard sort. Both are stable, so both give the same order.

use std::cmp::Ordering;

/// Sort `v` by `cmp`, stably.
#[allow(clippy::ptr_arg)] // the browser's build moves the elements out and back in
pub fn by<T>(v: &mut Vec<T>, cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
    #[cfg(target_arch = "wasm32")]
    merge(v, cmp);
}

#[cfg(target_arch = "wasm32")]
fn merge<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(v.len(), &mut |a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
}

/// Sort `v` by `cmp`, under which no two elements are equal (feature ids, say),
/// so every sort gives the same order: natively the unstable sort, which needs no
/// scratch memory. An index build sorts millions of short lists.
#[allow(clippy::ptr_arg)]
pub fn total<T>(v: &mut Vec<T>, cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(cmp);
    #[cfg(target_arch = "wasm32")]
    merge(v, cmp);
}

/// [`total`] by a key that no two elements share.
#[allow(clippy::ptr_arg)]
pub fn total_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    total(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` by a key, stably.
#[allow(clippy::ptr_arg)]
pub fn by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` in its natural order.
#[allow(clippy::ptr_arg)]
pub fn ascending<T: Ord>(v: &mut Vec<T>) {
    by(v, |a, b| a.cmp(b));
}

/// The positions of `0..n` in sorted order: a bottom-up merge sort that takes from
/// the left run on ties, so it is stable.
#[cfg(target_arch = "wasm32")]
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut runs: Vec<usize> = (0..n).collect();
    let mut width = 1;
    while width < n {
        let mut merged = Vec::with_capacity(n);
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let left = runs.get(start..mid).unwrap_or_default();
            let right = runs.get(mid..end).unwrap_or_default();
            let (mut i, mut j) = (0, 0);
            while let (Some(&a), Some(&b)) = (left.get(i), right.get(j)) {
                if cmp(b, a) == Ordering::Less {
                    merged.push(b);
                    j += 1;
                } else {
                    merged.push(a);
                    i += 1;
                }
            }
            merged.extend(left.get(i..).unwrap_or_default());
            merged.extend(right.get(j..).unwrap_or_default());
            start = end;
        }
        runs = merged;
        width *= 2;
    }
    runs
}
