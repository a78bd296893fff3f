//! CSV (and its tab- and semicolon-separated cousins), which must be UTF-8.
//!
//! Excel in a Thai locale saves "CSV (คั่นด้วยจุลภาค)" in Windows-874 and only "CSV UTF-8" in
//! UTF-8. Guessing the encoding would be wrong often enough to corrupt names silently, so a file
//! that is not UTF-8 is refused with instructions instead.

use super::{ImportError, MAX_ROWS};

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Numbered raw rows. Numbers count lines as Excel shows rows: a blank line is a row, and a
/// quoted cell spanning lines is still one row.
pub(super) fn read_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.contains('\0') {
        return Err(ImportError::Unreadable("ไม่ใช่ไฟล์ข้อความ".into()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    let mut non_empty = 0usize;
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let start = record.position().map_or(0, |p| p.byte());
        let number = lines.row_at(start);
        lines.skip_breaks_in(record.iter());
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            non_empty += 1;
            // The header and one row over the limit are enough to refuse the file.
            if non_empty > MAX_ROWS + 1 {
                return Err(ImportError::TooManyRows { limit: MAX_ROWS });
            }
        }
        rows.push((number, cells));
    }
    Ok(rows)
}

/// Turns the byte offsets the CSV reader gives into the row numbers Excel shows.
///
/// The reader's own line numbers cannot be used: a record's position is taken before the blank
/// lines and the "\n" of a CRLF that precede it are skipped. So rows are counted here: line
/// breaks ("\r\n", "\n" or "\r") before the record's first character, less those inside
/// quoted cells of earlier records, which Excel keeps within one row.
struct LineCounter<'a> {
    bytes: &'a [u8],
    scanned: usize,
    breaks: usize,
    in_cells: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            scanned: 0,
            breaks: 0,
            in_cells: 0,
        }
    }

    /// The row number of a record whose position is `offset`.
    fn row_at(&mut self, offset: u64) -> usize {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        while self.scanned < start {
            if is_break(self.bytes, self.scanned) {
                self.breaks += 1;
            }
            self.scanned += 1;
        }
        1 + self.breaks - self.in_cells.min(self.breaks)
    }

    fn skip_breaks_in<'c>(&mut self, cells: impl Iterator<Item = &'c str>) {
        for cell in cells {
            let bytes = cell.as_bytes();
            self.in_cells += (0..bytes.len()).filter(|&i| is_break(bytes, i)).count();
        }
    }
}

/// True when `bytes[i]` ends a line: a "\n", or a "\r" not followed by "\n".
fn is_break(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

fn decode(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::NotUtf8 {
            encoding: "UTF-16 (ข้อความ Unicode)",
        });
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8 {
        encoding: guess_encoding(bytes),
    })
}

/// TIS-620 and Windows-874 put Thai letters at 0xA1–0xFB; a file with many such bytes that is
/// not UTF-8 is almost certainly one of them.
fn guess_encoding(bytes: &[u8]) -> &'static str {
    let thai = bytes.iter().filter(|b| (0xA1..=0xFB).contains(*b)).count();
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high > 0 && thai * 10 >= high * 9 {
        "TIS-620 / Windows-874"
    } else {
        "รหัสอักขระอื่นที่ไม่ใช่ UTF-8"
    }
}

/// Excel writes commas, but with some regional settings semicolons, and "Text (Tab delimited)"
/// uses tabs: the one that occurs most in the header line wins, commas on a tie.
fn guess_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| header.matches(d).count();
    [b'\t', b';']
        .into_iter()
        .filter(|&d| count(char::from(d)) > count(','))
        .max_by_key(|&d| count(char::from(d)))
        .unwrap_or(b',')
}
