use rust_xlsxwriter::Workbook;

use crate::import::{ImportError, MAX_ROWS, Table, read_table};

fn table(text: &str) -> Result<Table, ImportError> {
    read_table(text.as_bytes())
}

fn row_numbers(table: &Result<Table, ImportError>) -> Vec<usize> {
    table
        .as_ref()
        .map(|t| t.rows.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default()
}

#[test]
fn cells_are_trimmed_and_rows_padded_to_the_header() {
    let read = table("ชื่อ , นามสกุล,ตำแหน่ง\r\n  สมชาย ,ใจดี\r\n");
    assert_eq!(
        read,
        Ok(Table {
            headers: vec!["ชื่อ".into(), "นามสกุล".into(), "ตำแหน่ง".into()],
            rows: vec![(2, vec!["สมชาย".into(), "ใจดี".into(), String::new()])],
        })
    );
}

#[test]
fn blank_rows_are_skipped_but_still_counted_as_excel_rows() {
    let read = table("a,b\n1,2\n\n,\n3,4\n\n\n");
    assert_eq!(row_numbers(&read), [2, 5]);
}

#[test]
fn a_cell_spanning_lines_is_one_row() {
    let read = table("a,b\n\"line one\nline two\",2\n3,4\n");
    assert_eq!(row_numbers(&read), [2, 3]);
}

#[test]
fn semicolon_and_tab_separated_files_are_read() {
    for text in ["a;b\n1;2\n", "a\tb\n1\t2\n"] {
        let read = table(text);
        assert_eq!(
            read.map(|t| t.headers),
            Ok(vec!["a".into(), "b".into()]),
            "{text:?}"
        );
    }
}

#[test]
fn commas_inside_a_semicolon_file_stay_in_their_cell() {
    let read = table("ชื่อ;ที่อยู่;ตำแหน่ง\nสมชาย;1,2;ครู\n");
    assert_eq!(read.map(|t| t.rows[0].1[1].clone()), Ok("1,2".to_owned()));
}

#[test]
fn an_empty_file_is_refused() {
    for bytes in [&b""[..], b"  \n\n", b"\xEF\xBB\xBF", b",,\n,,\n"] {
        assert_eq!(read_table(bytes), Err(ImportError::Empty), "{bytes:?}");
    }
}

#[test]
fn a_blank_first_row_means_there_is_no_header() {
    assert_eq!(
        table("\n\nชื่อ,นามสกุล\nสมชาย,ใจดี\n"),
        Err(ImportError::NoHeader { first_row: 3 })
    );
}

#[test]
fn a_header_alone_is_a_table_without_rows() {
    assert_eq!(table("ชื่อ,นามสกุล\n").map(|t| t.rows.len()), Ok(0));
}

#[test]
fn a_binary_file_is_refused_as_unreadable() {
    assert!(matches!(
        read_table(b"\x00\x01\x02abc"),
        Err(ImportError::Unreadable(_))
    ));
}

#[test]
fn a_legacy_xls_or_encrypted_workbook_is_refused_with_instructions() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let error = read_table(&ole);
    assert_eq!(error, Err(ImportError::OldOrEncryptedExcel));
    assert!(error.is_err_and(|e| e.to_string().contains(".xlsx")));
}

#[test]
fn a_damaged_zip_is_refused_as_unreadable() {
    assert!(matches!(
        read_table(b"PK\x03\x04 not really a zip"),
        Err(ImportError::Unreadable(_))
    ));
}

#[test]
fn more_than_fifty_thousand_rows_are_refused() {
    let mut text = String::from("a,b\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("{i},x\n"));
    }
    assert_eq!(
        table(&text),
        Err(ImportError::TooManyRows { limit: MAX_ROWS })
    );
}

#[test]
fn exactly_fifty_thousand_rows_are_accepted() {
    let mut text = String::from("a,b\n");
    for i in 0..MAX_ROWS {
        text.push_str(&format!("{i},x\n"));
    }
    assert_eq!(table(&text).map(|t| t.rows.len()), Ok(MAX_ROWS));
}

#[test]
fn a_workbook_with_a_blank_first_row_has_no_header() {
    let mut workbook = Workbook::new();
    let written = workbook
        .add_worksheet()
        .write_string(1, 0, "ชื่อ")
        .and_then(|s| s.write_string(2, 0, "สมชาย"))
        .map(|_| ());
    let bytes = written.and_then(|()| workbook.save_to_buffer());
    let read = bytes.map(|b| read_table(&b));
    assert!(matches!(
        read,
        Ok(Err(ImportError::NoHeader { first_row: 2 }))
    ));
}

#[test]
fn workbook_rows_keep_their_excel_numbers_and_columns_their_place() {
    let mut workbook = Workbook::new();
    let written = workbook
        .add_worksheet()
        .write_string(0, 1, "ชื่อ")
        .and_then(|s| s.write_string(4, 1, "สมชาย"))
        .and_then(|s| s.write_number(4, 2, 41620.5))
        .map(|_| ());
    let bytes = written.and_then(|()| workbook.save_to_buffer());
    let read = bytes.map(|b| read_table(&b));
    let Ok(Ok(read)) = read else {
        panic!("{read:?}");
    };
    assert_eq!(read.headers, ["", "ชื่อ", ""]);
    assert_eq!(
        read.rows,
        [(5, vec![String::new(), "สมชาย".into(), "41620.5".into()])]
    );
}

#[test]
fn an_empty_workbook_is_refused_as_empty() {
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    let read = workbook.save_to_buffer().map(|b| read_table(&b));
    assert!(matches!(read, Ok(Err(ImportError::Empty))));
}
