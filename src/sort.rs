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
/// natively; the browser build selects positions through one `dyn` comparison
/// instead (the standard selection was another ~3 KB per element type). With a
/// total order, as every caller's is, both keep the same elements.
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
        let kept = select(v.len(), k, &mut |a, b| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
        let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
        v.extend(kept.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
    }
    v.truncate(k);
}

/// The positions of the `k` least of `0..n`, in any order: quickselect with a
/// median-of-three pivot and a three-way partition. After 2·log2(n) rounds it sorts
/// what is left instead, so no input costs more than n log n.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // tested natively
fn select(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    select_within(n, k, cmp, 2 * (usize::BITS - n.leading_zeros()))
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn select_within(n: usize, k: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering, mut rounds: u32) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let (mut lo, mut hi) = (0, n);
    // p[..lo] ≤ p[lo..hi] ≤ p[hi..], and lo ≤ k ≤ hi: done when k is at an edge.
    while lo < k && k < hi {
        if rounds == 0 {
            let rest: Vec<usize> = p.get(lo..hi).unwrap_or_default().to_vec();
            let order = positions(rest.len(), &mut |a, b| match (rest.get(a), rest.get(b)) {
                (Some(&x), Some(&y)) => cmp(x, y),
                _ => Ordering::Equal,
            });
            for (slot, i) in p.iter_mut().skip(lo).zip(order) {
                *slot = rest.get(i).copied().unwrap_or(*slot);
            }
            break;
        }
        rounds -= 1;
        let (a, m, z) = (at_or(&p, lo), at_or(&p, lo + (hi - lo) / 2), at_or(&p, hi - 1));
        let pivot = if (cmp(a, m) == Ordering::Less) == (cmp(m, z) == Ordering::Less) {
            m
        } else if (cmp(m, a) == Ordering::Less) == (cmp(a, z) == Ordering::Less) {
            a
        } else {
            z
        };
        // p[lo..lt] < pivot, p[lt..i] = pivot, p[gt..hi] > pivot.
        let (mut lt, mut i, mut gt) = (lo, lo, hi);
        while i < gt {
            match cmp(at_or(&p, i), pivot) {
                Ordering::Less => {
                    p.swap(lt, i);
                    lt += 1;
                    i += 1;
                }
                Ordering::Greater => {
                    gt -= 1;
                    p.swap(i, gt);
                }
                Ordering::Equal => i += 1,
            }
        }
        if k < lt {
            hi = lt;
        } else if k > gt {
            lo = gt;
        } else {
            break;
        }
    }
    p.truncate(k);
    p
}

fn at_or(p: &[usize], i: usize) -> usize {
    p.get(i).copied().unwrap_or(0)
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
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // tested natively
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
    fn select_keeps_what_selection_keeps() {
        let mut x: u64 = 7;
        for n in [0, 1, 2, 3, 5, 60, 300, 2000] {
            for spread in [3, 50, 1 << 20] {
                let v: Vec<u64> = (0..n)
                    .map(|_| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (x >> 33) % spread
                    })
                    .collect();
                for k in [0, 1, 3, 10, 50, 192, n / 2, n] {
                    if k > n {
                        continue;
                    }
                    // Ties broken by position: a total order, as the callers' are.
                    let mut cmp = |a: usize, b: usize| v[a].cmp(&v[b]).then(a.cmp(&b));
                    let mut got = super::select(n, k, &mut cmp);
                    got.sort_by(|&a, &b| cmp(a, b));
                    let mut want: Vec<usize> = (0..n).collect();
                    want.sort_by(|&a, &b| cmp(a, b));
                    want.truncate(k);
                    assert_eq!(got, want, "n {n} k {k} spread {spread}");
                }
            }
        }
    }

    #[test]
    fn select_falls_back_to_sorting_and_stays_right() {
        // Every comparison says "less" for the lower position: sorted input, where a
        // bad pivot rule would take n rounds.
        let n = 5000;
        let mut cmp = |a: usize, b: usize| a.cmp(&b);
        let got = super::select(n, 2500, &mut cmp);
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(sorted, (0..2500).collect::<Vec<_>>());
        // An adversary that breaks ties against the pivot still gets the right answer.
        let mut organ: Vec<usize> = (0..n / 2).chain((0..n / 2).rev()).collect();
        organ.iter_mut().enumerate().for_each(|(i, v)| *v = *v * n + i);
        let mut cmp = |a: usize, b: usize| organ[a].cmp(&organ[b]);
        let mut got = super::select(n, 100, &mut cmp);
        got.sort_by(|&a, &b| cmp(a, b));
        let mut want: Vec<usize> = (0..n).collect();
        want.sort_by(|&a, &b| cmp(a, b));
        want.truncate(100);
        assert_eq!(got, want);
        // The sorting fallback itself, from the first round and after one.
        for rounds in [0, 1, 2] {
            let mut got = super::select_within(n, 777, &mut cmp, rounds);
            got.sort_by(|&a, &b| cmp(a, b));
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by(|&a, &b| cmp(a, b));
            want.truncate(777);
            assert_eq!(got, want, "rounds {rounds}");
        }
    }
}
