//! The first worksheet of an `.xlsx` workbook.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::ImportError;

/// Numbered raw rows of the first sheet, every cell rendered as the text a person would type.
pub(super) fn read_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let unreadable = |e: calamine::XlsxError| ImportError::Unreadable(e.to_string());
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let range = match workbook.worksheet_range_at(0) {
        None => return Err(ImportError::Empty),
        Some(range) => range.map_err(unreadable)?,
    };
    let Some((first_row, first_column)) = range.start() else {
        return Err(ImportError::Empty);
    };
    let leading = vec![String::new(); first_column as usize];
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = leading.clone();
            row.extend(cells.iter().map(render));
            (first_row as usize + i + 1, row)
        })
        .collect())
}

/// A cell as text. Whole numbers lose Excel's ".0", since citizen ids, telephone numbers and
/// salaries typed into a number-formatted column arrive as floating-point numbers.
fn render(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => e.to_string(),
    }
}
