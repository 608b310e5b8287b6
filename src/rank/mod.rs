//! Ranking: the feature index, related items and most-read.
pub mod index;
pub mod most_read;
pub mod related;
