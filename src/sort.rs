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

/// Keep the `k` least elements of `v` by `cmp`, in any order: `select_nth_unstable_by`
/// natively. The browser build keeps a sorted buffer of positions instead (one
/// comparison per element once it is full), compiled once: `k` is small here and
/// the standard selection was another ~3 KB per element type. With a total order
/// both keep the same elements.
#[allow(clippy::ptr_arg)]
pub fn least<T>(v: &mut Vec<T>, k: usize, cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= k {
        return;
    }
    #[cfg(not(target_arch = "wasm32"))]
    v.select_nth_unstable_by(k, cmp);
    #[cfg(target_arch = "wasm32")]
    {
        let mut cmp = cmp;
        let kept = least_positions(v.len(), k, &mut |a, b| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
        let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
        v.extend(kept.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
    }
    v.truncate(k);
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // tested natively
fn least_positions(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(k + 1);
    for i in 0..n {
        if kept.len() == k && kept.last().is_none_or(|&w| cmp(i, w) != Ordering::Less) {
            continue;
        }
        let at = kept.partition_point(|&j| cmp(j, i) != Ordering::Greater);
        kept.insert(at, i);
        kept.truncate(k);
    }
    kept
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

#[cfg(test)]
mod tests {
    #[test]
    fn least_positions_keeps_what_selection_keeps() {
        let mut x: u64 = 7;
        for n in [0, 1, 5, 60, 300] {
            let v: Vec<u64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (x >> 33) % 50
                })
                .collect();
            for k in [0, 1, 3, 10, 50] {
                // Ties broken by position: a total order, as the callers' are.
                let mut cmp = |a: usize, b: usize| v[a].cmp(&v[b]).then(a.cmp(&b));
                let got = super::least_positions(n, k, &mut cmp);
                let mut want: Vec<usize> = (0..n).collect();
                want.sort_by(|&a, &b| cmp(a, b));
                want.truncate(k);
                assert_eq!(got, want, "n {n} k {k}");
            }
        }
    }
}
