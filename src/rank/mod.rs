//! Ranking: the feature index, related items, most-read and the browser's own view log.
pub mod index;
pub mod most_read;
pub mod view_log;
pub mod related;

/// Document `d`'s entry of a per-document array. Positions come from the same
/// dataset; one that is not there reads as nothing rather than panicking.
fn at<T: Copy + Default>(v: &[T], d: usize) -> T {
    v.get(d).copied().unwrap_or_default()
}
