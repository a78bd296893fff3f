//! Why a whole file could not be read. Row-level problems are [`super::RowError`]s instead.

use thiserror::Error;

/// A problem with the file as a whole: nothing in it is imported. Each message says what to do
/// in Excel to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("ไฟล์ว่าง ไม่มีข้อมูลให้นำเข้า")]
    Empty,
    #[error("อ่านไฟล์ไม่ได้ ({0}): ตรวจว่าเป็นไฟล์ Excel (.xlsx) หรือ CSV ที่เปิดใน Excel ได้ตามปกติ")]
    Unreadable(String),
    #[error(
        "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) หรือเป็นไฟล์ Excel ที่ตั้งรหัสผ่านไว้: เปิดใน Excel (เอารหัสผ่านออกถ้ามี) แล้วเลือก บันทึกเป็น > สมุดงาน Excel (.xlsx) หรือ CSV UTF-8"
    )]
    OldOrEncryptedExcel,
    #[error(
        "ไฟล์ CSV นี้ไม่ได้บันทึกเป็น UTF-8 (น่าจะเป็น {encoding}) ภาษาไทยจึงอ่านไม่ได้: ใน Excel เลือก บันทึกเป็น > CSV UTF-8 (คั่นด้วยจุลภาค) (*.csv) แล้วอัปโหลดใหม่ หรืออัปโหลดเป็นไฟล์ .xlsx"
    )]
    NotUtf8 { encoding: &'static str },
    #[error(
        "แถวที่ 1 ต้องเป็นหัวตาราง (ชื่อคอลัมน์) แต่แถวที่ 1 ว่าง และข้อมูลเริ่มที่แถวที่ {first_row}: ลบแถวว่างด้านบนออก"
    )]
    NoHeader { first_row: usize },
    #[error("ไฟล์มีข้อมูลเกิน {limit} แถว ซึ่งมากกว่าที่นำเข้าได้ในครั้งเดียว: แบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์")]
    TooManyRows { limit: usize },
    #[error(
        "ไม่รู้จักหัวคอลัมน์ {}: แก้ชื่อคอลัมน์ในแถวที่ 1 ให้เป็นชื่อที่ระบบรู้จัก ได้แก่ {}",
        quoted(.names),
        .accepted.join(", ")
    )]
    UnknownHeaders {
        names: Vec<String>,
        accepted: Vec<&'static str>,
    },
    #[error("ไม่พบคอลัมน์ที่ต้องมี: {}: เพิ่มคอลัมน์เหล่านี้ในแถวที่ 1", .names.join(", "))]
    MissingHeaders { names: Vec<&'static str> },
    #[error("คอลัมน์ {first} และ {second} เป็นข้อมูลเดียวกัน (“{name}”): ลบคอลัมน์ที่ซ้ำออกหนึ่งคอลัมน์")]
    DuplicateHeader {
        name: String,
        first: String,
        second: String,
    },
    #[error("คอลัมน์ {column} มีข้อมูลแต่ไม่มีหัวตาราง: ใส่ชื่อคอลัมน์ในแถวที่ 1 หรือลบข้อมูลในคอลัมน์นั้น")]
    BlankHeader { column: String },
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}
