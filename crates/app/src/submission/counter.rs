//! What a counter clerk records about a filing made at the counter.

/// Identity documents a clerk may record as checked (the vocabulary, with its names in
/// every language, lives in `madoguchi-core`).
pub use madoguchi_core::IdentityDocument;
