//! The import page: check first, bad rows listed with their numbers, all or nothing.

use crate::common;

use common::spawn_app;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const HEADER: &str =
    "เลขประจำตัวประชาชน,คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,วิทยฐานะ,อันดับ,เงินเดือน,รหัสหน่วยงาน,อีเมล,โทรศัพท์\n";

fn citizen(n: u64) -> String {
    domain::directory::CitizenId::from_number(170_000_000_000 + n)
        .as_str()
        .to_owned()
}

fn row(n: u64, unit: &str) -> String {
    format!(
        "{},นาย,ครูใหม่{n},นำเข้า,ครู,ชำนาญการ,คศ.2,28000,{unit},new{n}@example.org,0811111111\n",
        citizen(n)
    )
}

fn form(csrf: &str, action: &str, kind: &str, csv: String) -> Form {
    Form::new()
        .text("csrf", csrf.to_owned())
        .text("kind", kind.to_owned())
        .text("action", action.to_owned())
        .part("file", Part::bytes(csv.into_bytes()).file_name("staff.csv"))
}

#[tokio::test]
async fn an_officer_checks_a_file_sees_the_bad_rows_then_imports_the_fixed_file_once() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let bad = format!(
        "{HEADER}{}{}{}",
        row(1, "DEMO-S03"),
        row(2, "OBEC"),
        row(3, "DEMO-S03")
    );
    let r = officer
        .post(app.url("/import"))
        .multipart(form(&csrf, "commit", "people", bad))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("<td class=\"num\">3</td>"),
        "row 3 (OBEC, outside the officer's area) is listed: {page}"
    );
    assert!(page.contains("ไม่อยู่ในความดูแลของคุณ"));
    assert!(!page.contains("บันทึกแล้ว"), "nothing saved");
    let good = format!("{HEADER}{}{}", row(1, "DEMO-S03"), row(3, "DEMO-S03"));
    let r = officer
        .post(app.url("/import"))
        .multipart(form(&csrf, "commit", "people", good.clone()))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("เพิ่มใหม่ 2 แก้ไข 0 ไม่เปลี่ยนแปลง 0")
    );
    let again = officer
        .post(app.url("/import"))
        .multipart(form(&csrf, "commit", "people", good))
        .send()
        .await
        .expect("post");
    assert!(
        again
            .text()
            .await
            .expect("body")
            .contains("เพิ่มใหม่ 0 แก้ไข 0 ไม่เปลี่ยนแปลง 2")
    );
}

#[tokio::test]
async fn only_an_administrator_imports_units() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let units =
        "รหัส,ชื่อหน่วยงาน,ประเภท,รหัสหน่วยงานต้นสังกัด,สังกัด\nNEW1,โรงเรียนใหม่,สถานศึกษา,DEMO-ESA1,สพฐ.\n"
            .to_owned();
    let r = officer
        .post(app.url("/import"))
        .multipart(form(&csrf, "commit", "units", units.clone()))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let admin = app.signed_in("admin").await;
    let csrf = app.csrf(&admin).await;
    let r = admin
        .post(app.url("/import"))
        .multipart(form(&csrf, "commit", "units", units))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        app.store
            .unit_by_code("NEW1")
            .await
            .expect("lookup")
            .is_some()
    );
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let r = officer
        .post(app.url("/import"))
        .multipart(form(
            "forged",
            "commit",
            "people",
            format!("{HEADER}{}", row(1, "DEMO-S03")),
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
