use rust_xlsxwriter::{Workbook, XlsxError};

use super::fixtures::{CITIZEN_ID, ENGLISH_HEADERS, PHONE, SALARY, THAI_HEADERS, staff_list};
use super::people_csv::assert_only_bad_rows_refused;
use crate::import::{import_people, read_table};

/// A workbook whose first sheet holds `rows`, with citizen ids and salaries stored as numbers,
/// as Excel stores anything typed into a General cell. Telephone numbers of the rows
/// `phone_as_number` picks are numbers too, so they lose their leading 0. A second sheet must
/// be ignored.
fn workbook(
    headers: &[&str],
    rows: &[Vec<String>],
    phone_as_number: impl Fn(usize) -> bool,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("รายชื่อ")?;
    for (c, header) in (0u16..).zip(headers) {
        sheet.write_string(0, c, *header)?;
    }
    for (r, cells) in (1u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(cells) {
            let numeric = match usize::from(c) {
                CITIZEN_ID | SALARY => true,
                PHONE => phone_as_number(r as usize),
                _ => false,
            };
            match cell.parse::<u64>() {
                Ok(n) if numeric => sheet.write_number(r, c, n as f64)?,
                _ => sheet.write_string(r, c, cell)?,
            };
        }
    }
    workbook
        .add_worksheet()
        .set_name("หมายเหตุ")?
        .write_string(0, 0, "ไม่ใช่ข้อมูล")?;
    workbook.save_to_buffer()
}

#[test]
fn a_thai_workbook_of_a_thousand_people_imports_all_but_the_bad_rows() {
    let (rows, expected) = staff_list();
    let bytes = workbook(&THAI_HEADERS, &rows, |_| false);
    let parsed = bytes.map(|b| import_people(&b));
    let Ok(Ok(parsed)) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
}

#[test]
fn an_english_workbook_imports_all_but_the_bad_rows() {
    let (rows, expected) = staff_list();
    let bytes = workbook(&ENGLISH_HEADERS, &rows, |_| false);
    let parsed = bytes.map(|b| import_people(&b));
    let Ok(Ok(parsed)) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
}

#[test]
fn whole_numbers_from_a_workbook_are_read_without_a_decimal_point() {
    let (rows, _) = staff_list();
    let table = workbook(&THAI_HEADERS, &rows, |_| true).map(|b| read_table(&b));
    let Ok(Ok(table)) = table else {
        panic!("{table:?}");
    };
    let (_, first_valid) = &table.rows[1];
    assert_eq!(first_valid[CITIZEN_ID], rows[1][CITIZEN_ID]);
    assert_eq!(first_valid[SALARY], "18000");
    assert_eq!(first_valid[PHONE], "800000000");
}

#[test]
fn telephone_numbers_that_lost_their_zero_get_it_back_with_a_warning() {
    let (rows, expected) = staff_list();
    let numeric_phone = |r: usize| r.is_multiple_of(3);
    let bytes = workbook(&THAI_HEADERS, &rows, numeric_phone);
    let parsed = bytes.map(|b| import_people(&b));
    let Ok(Ok(parsed)) = parsed else {
        panic!("{parsed:?}");
    };
    assert_only_bad_rows_refused(&parsed, &expected);
    let bad_rows: Vec<usize> = expected.iter().map(|(row, _)| *row).collect();
    // Sheet row index r is Excel row r + 1.
    let warned: Vec<usize> = (1..=rows.len())
        .filter(|&r| numeric_phone(r) && !bad_rows.contains(&(r + 1)))
        .map(|r| r + 1)
        .collect();
    assert_eq!(
        parsed.warnings.iter().map(|w| w.row).collect::<Vec<_>>(),
        warned
    );
    assert!(parsed.warnings[0].messages[0].contains("เติมเป็น 0"));
    assert!(
        parsed
            .ok
            .iter()
            .all(|(_, p)| p.phone.as_deref().is_some_and(|t| t.starts_with("08")))
    );
}
