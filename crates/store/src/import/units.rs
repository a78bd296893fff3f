//! Reading a list of units (รายชื่อหน่วยงาน) into unit records.

use std::collections::HashMap;

use domain::directory::{UnitRecord, UnitRow};
use domain::thai::digits::to_arabic;

use super::columns::{Field, map_columns};
use super::people::{formula_errors, labelled};
use super::{ImportError, Parsed, RowError, Table, read_table};

const UNITS: &[Field] = &[
    Field {
        code: "code",
        thai: "รหัส",
        aliases: &["รหัสหน่วยงาน", "unit_code"],
        required: true,
    },
    Field {
        code: "name",
        thai: "ชื่อหน่วยงาน",
        aliases: &["ชื่อ", "unit_name"],
        required: true,
    },
    Field {
        code: "kind",
        thai: "ประเภท",
        aliases: &["ประเภทหน่วยงาน", "type"],
        required: true,
    },
    Field {
        code: "parent_code",
        thai: "รหัสหน่วยงานต้นสังกัด",
        aliases: &["รหัสต้นสังกัด", "parent"],
        required: false,
    },
    Field {
        code: "affiliation",
        thai: "สังกัด",
        aliases: &[],
        required: true,
    },
];

/// Reads and parses a list of units in one step.
pub fn import_units(bytes: &[u8]) -> Result<Parsed<UnitRecord>, ImportError> {
    parse_units(&read_table(bytes)?)
}

/// Reads every row of a list of units. A code given twice is refused on the later row, naming
/// the earlier one. Whether each parent exists is for the store to check against the whole
/// directory, since a parent may already be on file rather than in this upload.
pub fn parse_units(table: &Table) -> Result<Parsed<UnitRecord>, ImportError> {
    let columns = map_columns(table, UNITS)?;
    let mut parsed = Parsed::default();
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (number, cells) in &table.rows {
        let mut messages = Vec::new();
        let formula_fields = formula_errors(&columns, cells, &mut messages);
        let get = |field| columns.get(cells, field).to_owned();
        let row = UnitRow {
            code: get("code"),
            name: get("name"),
            kind: get("kind"),
            parent_code: get("parent_code"),
            affiliation: get("affiliation"),
        };
        let code = to_arabic(row.code.trim());
        if !code.is_empty() {
            match codes.get(&code) {
                Some(first) => messages.push(format!(
                    "{}: รหัสหน่วยงาน {code} ซ้ำกับแถวที่ {first}",
                    columns.label("code")
                )),
                None => {
                    codes.insert(code, *number);
                }
            }
        }
        match UnitRecord::try_from(row) {
            Ok(record) if messages.is_empty() => parsed.ok.push((*number, record)),
            Ok(_) => parsed.errors.push(RowError {
                row: *number,
                messages,
            }),
            Err(field_errors) => {
                let mut all = labelled(&columns, field_errors, &formula_fields);
                all.extend(messages);
                parsed.errors.push(RowError {
                    row: *number,
                    messages: all,
                });
            }
        }
    }
    Ok(parsed)
}
