//! Bulk import of people and units from an uploaded spreadsheet (นำเข้าข้อมูลบุคลากรและหน่วยงาน).
//!
//! Pure: bytes in, records and Thai messages out; nothing here touches the database. An upload
//! goes through three steps:
//! 1. [`read_table`] turns an `.xlsx` (first sheet) or a UTF-8 CSV into a [`Table`] of trimmed
//!    text cells, numbered as the user sees the rows in Excel (the header is row 1);
//! 2. the header row is matched to fields, in Thai or in English ([`ImportError`] if a column is
//!    unknown, missing or doubled: nothing can be read row by row until that is right);
//! 3. [`parse_people`] / [`parse_units`] read each row through the domain's `TryFrom`, so an
//!    import accepts exactly what the form accepts, and report every bad row with all its
//!    problems, so one corrected upload is enough.

mod checked;
mod columns;
mod delimited;
mod error;
mod people;
mod units;
mod xlsx;

#[cfg(test)]
mod tests;

pub use error::ImportError;
pub use people::{import_people, parse_people};
pub use units::{import_units, parse_units};

/// More rows than any one area office has staff: a file beyond it is a mistake (a whole
/// province, or a sheet with a million formatted blank rows), and is refused before it is read.
pub const MAX_ROWS: usize = 50_000;

/// The cells of an uploaded sheet, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Row 1, trimmed.
    pub headers: Vec<String>,
    /// Every non-empty row after the header, with its row number as Excel shows it (the header
    /// is row 1), each padded to the width of the header.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// What a file's rows became: the records that can be saved, and the rows that cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub ok: Vec<(usize, T)>,
    pub errors: Vec<RowError>,
    /// Changes made to rows in `ok` that the user should look at, such as a telephone number
    /// given back the leading 0 that Excel dropped.
    pub warnings: Vec<RowWarning>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            ok: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Why one row was not imported: every problem of the row, each naming its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub messages: Vec<String>,
}

/// What was changed in one imported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowWarning {
    pub row: usize,
    pub messages: Vec<String>,
}

/// The start of every ZIP archive, hence of every `.xlsx`.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file: a legacy `.xls`, or an `.xlsx` encrypted with a password.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// Reads an uploaded file, telling XLSX from CSV by its content rather than its name (a
/// browser's file name and type are whatever the user's machine says).
pub fn read_table(bytes: &[u8]) -> Result<Table, ImportError> {
    let rows = if bytes.starts_with(ZIP_MAGIC) {
        xlsx::read_rows(bytes)?
    } else if bytes.starts_with(OLE_MAGIC) {
        return Err(ImportError::OldOrEncryptedExcel);
    } else {
        delimited::read_rows(bytes)?
    };
    into_table(rows)
}

/// Raw rows (numbered, untrimmed) into a [`Table`]: trims cells, drops empty rows, finds the
/// header and the width.
fn into_table(raw: Vec<(usize, Vec<String>)>) -> Result<Table, ImportError> {
    let mut rows = raw.into_iter().filter_map(|(number, cells)| {
        let cells: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
        cells
            .iter()
            .any(|c| !c.is_empty())
            .then_some((number, cells))
    });
    let Some((first, headers)) = rows.next() else {
        return Err(ImportError::Empty);
    };
    if first != 1 {
        return Err(ImportError::NoHeader { first_row: first });
    }
    let rows: Vec<(usize, Vec<String>)> = rows.collect();
    if rows.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows { limit: MAX_ROWS });
    }
    let width = std::iter::once(&headers)
        .chain(rows.iter().map(|(_, cells)| cells))
        .map(|cells| {
            cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |i| i + 1)
        })
        .max()
        .unwrap_or(0);
    let pad = |mut cells: Vec<String>| {
        cells.resize(width, String::new());
        cells
    };
    Ok(Table {
        headers: pad(headers),
        rows: rows.into_iter().map(|(n, cells)| (n, pad(cells))).collect(),
    })
}

/// The column letter Excel shows for a 0-based index: 0 → A, 25 → Z, 26 → AA.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
