//! Officers adding schools under their area and renaming units.

use crate::common;

use common::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn an_officer_adds_a_school_to_their_area_and_a_duplicate_code_is_refused() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let esa = web::demo::unit_of(&app.store, "DEMO-ESA1")
        .await
        .expect("esa")
        .0;
    let path = format!("/units/{esa}/children");
    let r = officer
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", "1065999999"),
            ("name", "โรงเรียนบ้านใหม่"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let school = app
        .store
        .unit_by_code("1065999999")
        .await
        .expect("lookup")
        .expect("created");
    assert_eq!(school.kind, "school");
    assert_eq!(school.parent_id.as_deref(), Some(esa.as_str()));
    let r = officer
        .post(app.url(&path))
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", "1065999999"),
            ("name", "ซ้ำ"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.expect("body").contains("มีอยู่แล้ว"));
}

#[tokio::test]
async fn a_school_has_no_units_below_it() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let school = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school")
        .0;
    let r = officer
        .post(app.url(&format!("/units/{school}/children")))
        .form(&[("csrf", csrf.as_str()), ("code", "X1"), ("name", "ห้องเรียน")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_stale_rename_is_a_conflict_and_the_first_rename_stays() {
    let app = spawn_app().await;
    let officer = app.signed_in("officer").await;
    let csrf = app.csrf(&officer).await;
    let school = web::demo::unit_of(&app.store, "DEMO-S02")
        .await
        .expect("school")
        .0;
    let path = format!("/units/{school}/name");
    let first = officer
        .post(app.url(&path))
        .form(&[("csrf", csrf.as_str()), ("version", "1"), ("name", "ชื่อแรก")])
        .send()
        .await
        .expect("post");
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = officer
        .post(app.url(&path))
        .form(&[("csrf", csrf.as_str()), ("version", "1"), ("name", "ชื่อสอง")])
        .send()
        .await
        .expect("post");
    assert_eq!(second.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.store
            .unit(&store::UnitId(school))
            .await
            .expect("unit")
            .name,
        "ชื่อแรก"
    );
}

#[tokio::test]
async fn a_teacher_cannot_add_units() {
    let app = spawn_app().await;
    let teacher = app.signed_in("teacher").await;
    let csrf = app.csrf(&teacher).await;
    let esa = web::demo::unit_of(&app.store, "DEMO-ESA1")
        .await
        .expect("esa")
        .0;
    let r = teacher
        .post(app.url(&format!("/units/{esa}/children")))
        .form(&[("csrf", csrf.as_str()), ("code", "T1"), ("name", "แอบเพิ่ม")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        app.store
            .unit_by_code("T1")
            .await
            .expect("lookup")
            .is_none()
    );
}
