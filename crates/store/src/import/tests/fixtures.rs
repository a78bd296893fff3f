//! Staff lists for the tests: 1,000 valid people, and bad rows with the reason each must get.

use domain::directory::CitizenId;

pub const THAI_HEADERS: [&str; 11] = [
    "เลขประจำตัวประชาชน",
    "คำนำหน้า",
    "ชื่อ",
    "นามสกุล",
    "ตำแหน่ง",
    "วิทยฐานะ",
    "อันดับ",
    "เงินเดือน",
    "รหัสหน่วยงาน",
    "อีเมล",
    "โทรศัพท์",
];

pub const ENGLISH_HEADERS: [&str; 11] = [
    "citizen_id",
    "title",
    "first_name",
    "last_name",
    "position",
    "standing",
    "salary_scale",
    "salary",
    "unit_code",
    "email",
    "phone",
];

/// Column indexes in the header order above.
pub const CITIZEN_ID: usize = 0;
pub const PHONE: usize = 10;
pub const SALARY: usize = 7;

const FIRST_NAMES: [&str; 8] = [
    "สมชาย",
    "สมศรี",
    "วิไลวรรณ",
    "ประเสริฐ",
    "กาญจนา",
    "ธนพล",
    "ณัฐธิดา",
    "อำนาจ",
];
const LAST_NAMES: [&str; 7] = [
    "ใจดี",
    "มั่นคง",
    "ศรีสุข",
    "พลายสังข์",
    "บุญมา",
    "แก้วประเสริฐ",
    "ทองคำ",
];

/// Consistent position, standing and salary-scale cells, in the many ways people write them.
const RANKS: [(&str, &str, &str); 12] = [
    ("ครู", "ชำนาญการ", "คศ.2"),
    ("ครู", "ชำนาญการพิเศษ", "คศ.3"),
    ("ครูผู้ช่วย", "", "ครูผู้ช่วย"),
    ("ครู", "ไม่มีวิทยฐานะ", "คศ.1"),
    ("ครู", "-", ""),
    ("ผอ.", "ผู้อำนวยการชำนาญการพิเศษ", "คศ.3"),
    ("รอง ผอ.", "ชำนาญการ", "คศ. 2"),
    ("ศึกษานิเทศก์", "เชี่ยวชาญ", "คศ.4"),
    ("ผอ.สพท.", "เชี่ยวชาญ", "คศ.4"),
    ("รอง ผอ.สพท.", "ชำนาญการพิเศษ", "ค.ศ.3"),
    ("teacher", "senior_expert", "คศ.5"),
    ("ครูชำนาญการพิเศษ", "", "คศ.3"),
];

pub fn citizen_id(n: u64) -> String {
    CitizenId::from_number(1_100_000_000_000 / 10 + n * 7919)
        .as_str()
        .to_owned()
}

pub fn email(n: usize) -> String {
    format!("kru{n:04}@school{}.ac.th", n % 5)
}

/// The cells of valid person `n`, in header order.
pub fn valid_person(n: usize) -> Vec<String> {
    let (position, standing, scale) = RANKS[n % RANKS.len()];
    vec![
        citizen_id(n as u64),
        if n.is_multiple_of(2) {
            "นาย"
        } else {
            "นาง"
        }
        .to_owned(),
        FIRST_NAMES[n % FIRST_NAMES.len()].to_owned(),
        LAST_NAMES[n % LAST_NAMES.len()].to_owned(),
        position.to_owned(),
        standing.to_owned(),
        scale.to_owned(),
        format!("{}", 18_000 + (n % 50) * 500),
        format!("10650100{:02}", n % 17),
        email(n),
        format!("08{:08}", n * 37),
    ]
}

/// A bad row, and a phrase its one error message must contain.
pub struct Bad {
    pub cells: Vec<String>,
    pub reason: &'static str,
}

/// Eight rows, each wrong in one way. Based on people 2000+ so that only the intended
/// duplicate collides with a valid row.
pub fn bad_people() -> Vec<Bad> {
    let with = |n: usize, field: usize, value: &str| {
        let mut cells = valid_person(n);
        cells[field] = value.to_owned();
        cells
    };
    let mut wrong_checksum = citizen_id(2000);
    let last = wrong_checksum.pop().map_or(0, |c| c as u8 - b'0');
    wrong_checksum.push(char::from(b'0' + (last + 1) % 10));
    let mut scale_mismatch = valid_person(2003);
    scale_mismatch[4] = "ครู".into();
    scale_mismatch[5] = "ชำนาญการ".into();
    scale_mismatch[6] = "คศ.3".into();
    vec![
        Bad {
            cells: with(2000, CITIZEN_ID, &wrong_checksum),
            reason: "เลขตรวจสอบ",
        },
        Bad {
            cells: with(2001, 5, "ชำนาญงาน"),
            reason: "ไม่รู้จักวิทยฐานะ “ชำนาญงาน”",
        },
        Bad {
            cells: scale_mismatch,
            reason: "อันดับ คศ.3 ไม่ตรงกับวิทยฐานะ ชำนาญการ",
        },
        Bad {
            cells: with(2004, 9, "kru2004.school.ac.th"),
            reason: "อีเมล “kru2004.school.ac.th” ไม่ถูกต้อง",
        },
        Bad {
            // Valid person 10's address in upper case. Person 10 is data row 11, after the
            // first bad row, which is Excel row 13.
            cells: with(2005, 9, &email(10).to_uppercase()),
            reason: "ซ้ำกับแถวที่ 13",
        },
        Bad {
            cells: with(2006, 2, "   "),
            reason: "กรุณากรอกชื่อ",
        },
        Bad {
            cells: with(2007, PHONE, "12-345"),
            reason: "หมายเลขโทรศัพท์ “12-345” ไม่ถูกต้อง",
        },
        Bad {
            cells: with(2008, 4, "ภารโรง"),
            reason: "ไม่รู้จักตำแหน่ง “ภารโรง”",
        },
    ]
}

/// Where the bad rows go among the 1,000 valid ones: after this many valid rows each.
pub const BAD_AFTER: [usize; 8] = [0, 57, 300, 301, 555, 700, 998, 1000];

/// The data rows of the test file, and for each bad row its Excel row number and reason.
pub fn staff_list() -> (Vec<Vec<String>>, Vec<(usize, &'static str)>) {
    let mut rows = Vec::new();
    let mut expected = Vec::new();
    let mut bad = bad_people().into_iter();
    let mut valid = 0;
    for after in BAD_AFTER {
        while valid < after {
            rows.push(valid_person(valid));
            valid += 1;
        }
        if let Some(b) = bad.next() {
            rows.push(b.cells);
            // Header is row 1, so the n-th data row (from 0) is row n + 2.
            expected.push((rows.len() + 1, b.reason));
        }
    }
    while valid < 1000 {
        rows.push(valid_person(valid));
        valid += 1;
    }
    (rows, expected)
}

pub fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer
        .write_record(headers)
        .and_then(|()| rows.iter().try_for_each(|r| writer.write_record(r)));
    assert!(written.is_ok());
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
