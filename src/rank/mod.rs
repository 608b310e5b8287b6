//! Ranking: the feature index, related items, most-read and the browser's own view log.
pub mod index;
pub mod most_read;
pub mod view_log;
pub mod related;
