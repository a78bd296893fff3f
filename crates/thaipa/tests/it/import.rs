//! Importing a staff list from CSV and XLSX end to end: the dry run lists exactly the bad rows
//! with Thai reasons and writes nothing; a clean import is all-or-nothing and idempotent.

use std::path::Path;

use assert_cmd::Command;

const HEADERS: [&str; 11] = [
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

fn citizen(n: u64) -> String {
    domain::directory::CitizenId::from_number(140_000_000_000 + n)
        .as_str()
        .to_owned()
}

fn good(n: u64) -> Vec<String> {
    let (standing, scale) = [
        ("ไม่มีวิทยฐานะ", "คศ.1"),
        ("ชำนาญการ", "คศ.2"),
        ("ชำนาญการพิเศษ", "คศ.3"),
        ("เชี่ยวชาญ", "คศ.4"),
    ][(n % 4) as usize];
    vec![
        citizen(n),
        "นาง".into(),
        format!("ครูคนที่{n}"),
        "ทดสอบ".into(),
        "ครู".into(),
        standing.into(),
        scale.into(),
        "30000".into(),
        format!("S{}", n % 3 + 1),
        format!("t{n}@example.org"),
        "0812345678".into(),
    ]
}

/// 1,000 good rows with five bad ones among them; returns the rows and the bad row numbers
/// as the user sees them (the header is row 1).
fn staff() -> (Vec<Vec<String>>, Vec<usize>) {
    let mut rows: Vec<Vec<String>> = (1..=1000).map(good).collect();
    let mut bad = Vec::new();
    let mut insert = |at: usize, row: Vec<String>| {
        rows.insert(at, row);
        bad.push(at + 2);
    };
    let mut r = good(2001);
    r[8] = "NO-SUCH-SCHOOL".into();
    insert(10, r);
    let mut r = good(2002);
    r[0] = "1400000020021".into();
    r[0].replace_range(
        12..13,
        if citizen(2002).ends_with('1') {
            "2"
        } else {
            "1"
        },
    );
    insert(200, r);
    let mut r = good(2003);
    r[5] = "ปรมาจารย์".into();
    insert(400, r);
    let mut r = good(2004);
    r[9] = "t5@example.org".into();
    insert(600, r);
    let mut r = good(2005);
    r[10] = "12".into();
    insert(800, r);
    (rows, bad)
}

fn csv(rows: &[Vec<String>]) -> String {
    let mut out = HEADERS.join(",") + "\n";
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

fn xlsx(rows: &[Vec<String>], path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            sheet.write_string(i as u32 + 1, c as u16, v).expect("cell");
        }
    }
    book.save(path).expect("save xlsx");
}

struct Db {
    dir: tempfile::TempDir,
    url: String,
}

fn database() -> Db {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("thaipa.db").display());
    let units = "รหัส,ชื่อหน่วยงาน,ประเภท,รหัสหน่วยงานต้นสังกัด,สังกัด\n\
                 OBEC,สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน,ส่วนกลาง,,สพฐ.\n\
                 ESA1,สพป.ทดสอบ เขต 1,สำนักงานเขตพื้นที่การศึกษา,OBEC,สพฐ.\n\
                 S1,โรงเรียนหนึ่ง,สถานศึกษา,ESA1,สพฐ.\n\
                 S2,โรงเรียนสอง,สถานศึกษา,ESA1,สพฐ.\n\
                 S3,โรงเรียนสาม,สถานศึกษา,ESA1,สพฐ.\n";
    let path = dir.path().join("units.csv");
    std::fs::write(&path, units).expect("write");
    let out = run(&url, &["import", "units"], &path, true);
    assert!(out.0 == 0, "units import failed:\n{}", out.1);
    Db { dir, url }
}

/// Runs `thaipa import …`; returns the exit code and stdout.
fn run(url: &str, what: &[&str], file: &Path, commit: bool) -> (i32, String) {
    let mut cmd = Command::cargo_bin("thaipa").expect("binary");
    cmd.args(what).arg(file).args(["--database-url", url]);
    if commit {
        cmd.arg("--commit");
    }
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn bad_rows(stdout: &str) -> Vec<usize> {
    stdout
        .lines()
        .filter(|l| !l.contains("(คำเตือน)"))
        .filter_map(|l| {
            l.strip_prefix("แถว ")?
                .split(':')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .collect()
}

fn check_file(db: &Db, file: &Path, clean: &Path, bad: &[usize]) {
    let (code, out) = run(&db.url, &["import", "people"], file, false);
    assert_eq!(code, 1, "{out}");
    assert_eq!(bad_rows(&out), bad, "{out}");
    for reason in ["ไม่พบหน่วยงานรหัส NO-SUCH-SCHOOL", "t5@example.org"]
    {
        assert!(out.contains(reason), "{reason} not in {out}");
    }
    let (code, out) = run(&db.url, &["import", "people"], file, true);
    assert_eq!(
        code, 1,
        "a file with bad rows is never imported, even with --commit: {out}"
    );
    let (code, out) = run(&db.url, &["import", "people"], clean, true);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("เพิ่มใหม่ 1000 แก้ไข 0 ไม่เปลี่ยนแปลง 0"),
        "nothing was written before: {out}"
    );
    let (code, out) = run(&db.url, &["import", "people"], clean, true);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("เพิ่มใหม่ 0 แก้ไข 0 ไม่เปลี่ยนแปลง 1000"),
        "idempotent: {out}"
    );
}

#[test]
fn a_csv_staff_list_is_checked_row_by_row_then_imported_once() {
    let db = database();
    let (rows, bad) = staff();
    let file = db.dir.path().join("staff.csv");
    std::fs::write(&file, csv(&rows)).expect("write");
    let clean = db.dir.path().join("clean.csv");
    std::fs::write(&clean, csv(&(1..=1000).map(good).collect::<Vec<_>>())).expect("write");
    check_file(&db, &file, &clean, &bad);
}

#[test]
fn an_xlsx_staff_list_is_checked_row_by_row_then_imported_once() {
    let db = database();
    let (rows, bad) = staff();
    let file = db.dir.path().join("staff.xlsx");
    xlsx(&rows, &file);
    let clean = db.dir.path().join("clean.xlsx");
    xlsx(&(1..=1000).map(good).collect::<Vec<_>>(), &clean);
    check_file(&db, &file, &clean, &bad);
}
