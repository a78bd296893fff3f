//! Reading a staff list (รายชื่อบุคลากร) into person records.

use std::collections::HashMap;

use domain::directory::{CitizenId, Email, FieldError, PersonRecord, PersonRow};

use super::columns::{Columns, Field, map_columns};
use super::{ImportError, Parsed, RowError, RowWarning, Table, read_table};

const PEOPLE: &[Field] = &[
    Field {
        code: "citizen_id",
        thai: "เลขประจำตัวประชาชน",
        aliases: &["เลขบัตรประชาชน", "เลขประจำตัวประชาชน 13 หลัก", "national_id"],
        required: false,
    },
    Field {
        code: "title",
        thai: "คำนำหน้า",
        aliases: &["คำนำหน้าชื่อ", "prefix"],
        required: false,
    },
    Field {
        code: "first_name",
        thai: "ชื่อ",
        aliases: &["given_name"],
        required: true,
    },
    Field {
        code: "last_name",
        thai: "นามสกุล",
        aliases: &["สกุล", "surname", "family_name"],
        required: true,
    },
    Field {
        code: "position",
        thai: "ตำแหน่ง",
        aliases: &[],
        required: true,
    },
    Field {
        code: "standing",
        thai: "วิทยฐานะ",
        aliases: &["academic_standing"],
        required: false,
    },
    Field {
        code: "salary_scale",
        thai: "อันดับ",
        aliases: &["อันดับ คศ.", "อันดับเงินเดือน"],
        required: false,
    },
    Field {
        code: "salary",
        thai: "เงินเดือน",
        aliases: &["อัตราเงินเดือน"],
        required: false,
    },
    Field {
        code: "unit_code",
        thai: "รหัสหน่วยงาน",
        aliases: &["รหัสสถานศึกษา", "รหัสโรงเรียน"],
        required: true,
    },
    Field {
        code: "email",
        thai: "อีเมล",
        aliases: &["อีเมล์", "e-mail"],
        required: false,
    },
    Field {
        code: "phone",
        thai: "โทรศัพท์",
        aliases: &[
            "เบอร์โทรศัพท์",
            "เบอร์โทร",
            "หมายเลขโทรศัพท์",
            "telephone",
            "mobile",
        ],
        required: false,
    },
];

/// Reads and parses a staff list in one step.
pub fn import_people(bytes: &[u8]) -> Result<Parsed<PersonRecord>, ImportError> {
    parse_people(&read_table(bytes)?)
}

/// Reads every row of a staff list. A row that repeats a citizen id or an e-mail address of an
/// earlier row is refused, naming that row: the earlier one is kept, since people fix a list
/// from the top.
///
/// Returns `Err` only when the header row is wrong, since then no row can be read.
pub fn parse_people(table: &Table) -> Result<Parsed<PersonRecord>, ImportError> {
    let columns = map_columns(table, PEOPLE)?;
    let mut parsed = Parsed::default();
    let mut ids: HashMap<CitizenId, usize> = HashMap::new();
    let mut emails: HashMap<Email, usize> = HashMap::new();
    for (number, cells) in &table.rows {
        let mut messages = Vec::new();
        let mut notes = Vec::new();
        let formula_fields = formula_errors(&columns, cells, &mut messages);
        let row = person_row(&columns, cells, &mut notes);
        let repeated_id = CitizenId::parse(&row.citizen_id)
            .ok()
            .and_then(|id| first_seen(&mut ids, id, *number));
        if let Some(first) = repeated_id {
            messages.push(format!(
                "{}: เลขประจำตัวประชาชนซ้ำกับแถวที่ {first}",
                columns.label("citizen_id")
            ));
        }
        let repeated_email = Email::parse(&row.email).ok().and_then(|email| {
            let first = first_seen(&mut emails, email.clone(), *number)?;
            Some((email, first))
        });
        if let Some((email, first)) = repeated_email {
            messages.push(format!(
                "{}: อีเมล {email} ซ้ำกับแถวที่ {first}",
                columns.label("email")
            ));
        }
        match PersonRecord::try_from(row) {
            Ok(record) if messages.is_empty() => {
                parsed.ok.push((*number, record));
                if !notes.is_empty() {
                    parsed.warnings.push(RowWarning {
                        row: *number,
                        messages: notes,
                    });
                }
            }
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

/// Records the first row a value appears on; returns that row when `value` was seen before.
fn first_seen<K: Eq + std::hash::Hash>(
    seen: &mut HashMap<K, usize>,
    value: K,
    row: usize,
) -> Option<usize> {
    match seen.get(&value) {
        Some(first) => Some(*first),
        None => {
            seen.insert(value, row);
            None
        }
    }
}

/// Reports cells holding an Excel formula error and returns their fields, whose own messages
/// ("กรุณากรอกชื่อ") would only repeat the problem.
pub(super) fn formula_errors(
    columns: &Columns,
    cells: &[String],
    messages: &mut Vec<String>,
) -> Vec<&'static str> {
    columns
        .formula_errors(cells)
        .into_iter()
        .map(|(field, value)| {
            messages.push(format!(
                "{}: ช่องนี้เป็นผลของสูตรที่ผิดพลาด ({value}): แก้สูตร หรือพิมพ์ค่าลงไปแทนสูตร",
                columns.label(field)
            ));
            field
        })
        .collect()
}

/// Field errors as row messages, each prefixed with its column as the user named it.
pub(super) fn labelled(
    columns: &Columns,
    errors: Vec<FieldError>,
    skip: &[&'static str],
) -> Vec<String> {
    errors
        .into_iter()
        .filter(|e| !skip.contains(&e.field))
        .map(|e| format!("{}: {}", columns.label(e.field), e.message))
        .collect()
}

fn person_row(columns: &Columns, cells: &[String], notes: &mut Vec<String>) -> PersonRow {
    let get = |field| columns.get(cells, field).to_owned();
    let mut row = PersonRow {
        citizen_id: get("citizen_id"),
        title: get("title"),
        first_name: get("first_name"),
        last_name: get("last_name"),
        position: get("position"),
        standing: get("standing"),
        salary_scale: get("salary_scale"),
        salary: get("salary"),
        unit_code: get("unit_code"),
        email: get("email"),
        phone: get("phone"),
    };
    restore_leading_zeros(columns, &mut row, notes);
    row
}

/// Excel drops the leading 0 of a number typed into a cell formatted as a number: 081-234-5678
/// typed as 0812345678 is stored as 812345678, and 02-123-4567 as 21234567. Every Thai number
/// starts with 0, so 8 or 9 bare digits are given their 0 back, with a note so the user can check.
/// A citizen id of type 0 (for people without Thai nationality) loses its 0 the same way; it is
/// restored only when the restored id passes the checksum.
fn restore_leading_zeros(columns: &Columns, row: &mut PersonRow, notes: &mut Vec<String>) {
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits_only(&row.phone) && matches!(row.phone.len(), 8 | 9) && !row.phone.starts_with('0') {
        let fixed = format!("0{}", row.phone);
        notes.push(format!(
            "{}: หมายเลข {} ไม่มีเลข 0 นำหน้า (Excel ตัดทิ้งเมื่อเก็บเป็นตัวเลข) จึงเติมเป็น {fixed} ให้: ตรวจดูว่าถูกต้อง และครั้งต่อไปให้จัดรูปแบบคอลัมน์เป็นข้อความ",
            columns.label("phone"),
            row.phone
        ));
        row.phone = fixed;
    }
    if digits_only(&row.citizen_id) && row.citizen_id.len() == 12 {
        let fixed = format!("0{}", row.citizen_id);
        if CitizenId::parse(&fixed).is_ok() {
            notes.push(format!(
                "{}: เลข {} มี 12 หลัก (Excel ตัดเลข 0 นำหน้าทิ้ง) จึงเติมเป็น {fixed} ให้: ตรวจดูว่าถูกต้อง",
                columns.label("citizen_id"),
                row.citizen_id
            ));
            row.citizen_id = fixed;
        }
    }
}
