//! Cleaning of cell and form text before it is read.

use crate::thai::digits::to_arabic;
use crate::thai::normalize::normalize;

/// Repairs pasted Thai (see [`normalize`]) and makes the text one line with single spaces: a cell
/// typed with Alt+Enter or pasted from a PDF is still one name.
pub(crate) fn clean(text: &str) -> String {
    normalize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The form in which vocabulary is compared: cleaned, Arabic digits, lower case, without spaces,
/// dots, dashes or underscores, so "รอง ผอ.สพท." and "รองผอสพท" are the same word, "คศ.๓" reads
/// as "คศ3" and "Senior Professional" as "senior_professional".
pub(crate) fn key(text: &str) -> String {
    to_arabic(&clean(text))
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Cleaned text, or `None` when nothing is left.
pub(crate) fn optional(text: &str) -> Option<String> {
    let cleaned = clean(text);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// True for what people type in a spreadsheet to say "nothing here".
pub(crate) fn is_blank_marker(text: &str) -> bool {
    matches!(key(text).as_str(), "" | "–" | "—" | "ไม่มี")
}

/// Looks `text` up in a table of names, compared in [`key`] form.
pub(crate) fn lookup<T: Copy>(table: &[(&str, T)], text: &str) -> Option<T> {
    let k = key(text);
    table
        .iter()
        .find(|(name, _)| key(name) == k)
        .map(|&(_, value)| value)
}
