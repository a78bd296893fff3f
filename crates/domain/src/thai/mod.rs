//! Thai text helpers: digits, Buddhist-era dates, fiscal years, collation and normalisation.
//!
//! Official PA documents write dates in พุทธศักราช (BE) and often in Thai digits, and the text we
//! receive is pasted from PDFs with damaged vowels (DOMAIN.md §4; seed S004). Everything here is
//! pure so the checker and the document generator can share it.

pub mod collate;
pub mod date;
pub mod digits;
pub mod fiscal;
pub mod normalize;

pub use digits::Digits;
