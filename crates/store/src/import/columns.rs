//! Matching the header row to fields, in Thai or in English.

use std::collections::HashMap;

use domain::thai::normalize::normalize;

use super::{ImportError, Table, column_letter};

/// One field a file may carry: its code name (as in the domain's `FieldError::field`), the
/// header names that mean it, and whether a file without it is refused.
pub(super) struct Field {
    pub code: &'static str,
    /// The name shown to users in messages; also accepted as a header.
    pub thai: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// Where each field is in a table, and the header the user wrote for it.
pub(super) struct Columns {
    found: HashMap<&'static str, (usize, String)>,
    labels: HashMap<&'static str, &'static str>,
}

impl Columns {
    /// The cell of `field` in `cells`, or "" when the file has no such column.
    pub fn get<'a>(&self, cells: &'a [String], field: &str) -> &'a str {
        self.found
            .get(field)
            .and_then(|(i, _)| cells.get(*i))
            .map_or("", String::as_str)
    }

    /// How to name `field` in a message: the header as the user wrote it.
    pub fn label(&self, field: &str) -> &str {
        match self.found.get(field) {
            Some((_, header)) => header,
            None => self.labels.get(field).copied().unwrap_or("ข้อมูล"),
        }
    }

    /// The fields whose cell in `cells` holds an Excel formula error such as "#N/A".
    pub fn formula_errors<'a>(&'a self, cells: &'a [String]) -> Vec<(&'static str, &'a str)> {
        let mut errors: Vec<(&'static str, &str)> = self
            .found
            .iter()
            .filter_map(|(&field, (i, _))| {
                let cell = cells.get(*i)?;
                EXCEL_ERRORS
                    .contains(&cell.as_str())
                    .then_some((field, cell.as_str()))
            })
            .collect();
        errors.sort_by_key(|(field, _)| self.found.get(field).map(|(i, _)| *i));
        errors
    }
}

/// What Excel shows in a cell whose formula failed; exported to CSV as the same text.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NUM!",
    "#NAME?",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// The comparison form of a header: repaired Thai, lower case, without a note in parentheses
/// ("เลขประจำตัวประชาชน (13 หลัก)"), a required-field star, or spaces, dots, dashes and
/// underscores, so "First Name", "first_name" and "first-name" are one name.
fn header_key(header: &str) -> String {
    let text = normalize(header).to_lowercase();
    let mut key = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_whitespace() || matches!(c, '.' | '-' | '_' | '*' | ':') => {}
            _ => key.push(c),
        }
    }
    key
}

/// Finds each field's column. Refuses a header row with a name it does not know, a field given
/// twice, data under an empty header, or a required field missing.
pub(super) fn map_columns(table: &Table, fields: &[Field]) -> Result<Columns, ImportError> {
    let mut found: HashMap<&'static str, (usize, String)> = HashMap::new();
    let mut unknown = Vec::new();
    for (i, header) in table.headers.iter().enumerate() {
        if header.is_empty() {
            if table
                .rows
                .iter()
                .any(|(_, cells)| cells.get(i).is_some_and(|c| !c.is_empty()))
            {
                return Err(ImportError::BlankHeader {
                    column: column_letter(i),
                });
            }
            continue;
        }
        let key = header_key(header);
        let field = fields.iter().find(|f| {
            header_key(f.code) == key
                || header_key(f.thai) == key
                || f.aliases.iter().any(|a| header_key(a) == key)
        });
        let Some(field) = field else {
            unknown.push(header.clone());
            continue;
        };
        if let Some((first, _)) = found.get(field.code) {
            return Err(ImportError::DuplicateHeader {
                name: field.thai.to_owned(),
                first: column_letter(*first),
                second: column_letter(i),
            });
        }
        found.insert(field.code, (i, header.clone()));
    }
    if !unknown.is_empty() {
        return Err(ImportError::UnknownHeaders {
            names: unknown,
            accepted: fields.iter().flat_map(|f| [f.thai, f.code]).collect(),
        });
    }
    let missing: Vec<&'static str> = fields
        .iter()
        .filter(|f| f.required && !found.contains_key(f.code))
        .map(|f| f.thai)
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingHeaders { names: missing });
    }
    Ok(Columns {
        found,
        labels: fields.iter().map(|f| (f.code, f.thai)).collect(),
    })
}
