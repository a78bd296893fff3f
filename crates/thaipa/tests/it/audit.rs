//! `thaipa audit verify` on a real database: intact, then after someone edits a row.

use assert_cmd::Command;

fn thaipa(url: &str, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("thaipa")
        .expect("binary")
        .args(args)
        .args(["--database-url", url])
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[tokio::test]
async fn audit_verify_passes_an_intact_log_and_names_the_first_edited_event() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("thaipa.db").display());
    let units = dir.path().join("units.csv");
    std::fs::write(
        &units,
        "รหัส,ชื่อหน่วยงาน,ประเภท,รหัสหน่วยงานต้นสังกัด,สังกัด\nOBEC,สพฐ.,ส่วนกลาง,,สพฐ.\nE1,สพป.ทดสอบ,สำนักงานเขตพื้นที่การศึกษา,OBEC,สพฐ.\nS1,โรงเรียนทดสอบ,สถานศึกษา,E1,สพฐ.\n",
    )
    .expect("write");
    let (code, out) = thaipa(
        &url,
        &["import", "units", units.to_str().expect("path"), "--commit"],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = thaipa(&url, &["audit", "verify"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 เหตุการณ์"), "{out}");

    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&url).await.expect("open");
    sqlx::query("UPDATE audit_events SET detail = '{\"code\":\"X\"}' WHERE seq = 2")
        .execute(&pool)
        .await
        .expect("tamper");
    pool.close().await;

    let (code, out) = thaipa(&url, &["audit", "verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ลำดับที่ 2"), "{out}");
}

#[test]
fn migrate_and_admin_create_prepare_a_new_installation() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("new/thaipa.db").display());
    let (code, out) = thaipa(&url, &["migrate"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("รุ่นล่าสุด"), "{out}");
    let weak = Command::cargo_bin("thaipa")
        .expect("binary")
        .env("THAIPA_ADMIN_PASSWORD", "short")
        .args([
            "admin",
            "create",
            "--login",
            "root",
            "--first-name",
            "สมหมาย",
            "--last-name",
            "ดูแลระบบ",
            "--database-url",
            &url,
        ])
        .output()
        .expect("run");
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("อย่างน้อย 10 ตัวอักษร"));
    let ok = Command::cargo_bin("thaipa")
        .expect("binary")
        .env("THAIPA_ADMIN_PASSWORD", "รหัสผ่านผู้ดูแลระบบ")
        .args([
            "admin",
            "create",
            "--login",
            "root",
            "--first-name",
            "สมหมาย",
            "--last-name",
            "ดูแลระบบ",
            "--database-url",
            &url,
        ])
        .output()
        .expect("run");
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let (code, out) = thaipa(&url, &["audit", "verify"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("4 เหตุการณ์"),
        "unit, person, account, role grant: {out}"
    );
}
