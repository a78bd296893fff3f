//! The year's end in headless Chromium: an officer appoints the committees of a whole school at
//! once; three members score one teacher independently (a member sees nobody else's scores
//! before all have signed); the chair finalises; the teacher sees the result and downloads
//! PA 2 and PA 3 as PDF.

use crate::browser;
use crate::common;

use browser::{Browser, screenshots, start_driver};
use common::committee::{CHAIR, OTHER_TEACHER, SUPERVISOR, approved};
use common::{spawn_app, this_year};
use domain::workflow::AgreementState;
use store::workflow::evaluation::CommitteeStatus;
use web::demo::DEMO_PASSWORD;

/// Ticks level `level` on every indicator and Part 2 item, the workload "met", and a comment,
/// as a member clicks through the sheet.
async fn fill_sheet(b: &Browser<'_>, level: u8, comment: &str) {
    b.script(&format!(
        "document.querySelectorAll('#sheet-form input[type=radio][value=\"{level}\"]').forEach(r => r.click());"
    ))
    .await;
    b.click("input[name=\"workload\"][value=\"yes\"]").await;
    b.fill("#comment", comment).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_is_appointed_for_a_school_scores_independently_and_the_teacher_sees_the_result()
 {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let shots = screenshots();
    let base = app.url("");
    let teacher_pa = approved(&app, "teacher", &this_year(|_| {})).await;
    let colleague_pa = approved(&app, "demo-s01-5", &this_year(|_| {})).await;

    // The officer picks the school, keeps both approved agreements ticked, chooses the members.
    let b = driver.browser().await;
    b.size(1280, 900).await;
    b.log_in(&base, "officer", DEMO_PASSWORD).await;
    b.goto(&app.url("/evaluations")).await;
    b.wait_for_heading("การประเมินผล").await;
    let school = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school");
    b.script(&format!(
        "document.getElementById('appoint-unit').value = '{school}';"
    ))
    .await;
    b.click("form[action=\"/evaluations/appoint\"] button[type=submit]")
        .await;
    b.wait_for_heading("แต่งตั้งคณะกรรมการประเมิน").await;
    let supervisor = app.person(SUPERVISOR).await;
    let other = app.person(OTHER_TEACHER).await;
    // The second member is found by typing part of their name into the list's search box.
    let choices = "document.querySelectorAll('#member2 option[value]:not([value=\"\"])').length";
    let before = b.script(&format!("return {choices};")).await;
    let name = b
        .script(&format!(
            "return document.querySelector('#member2 option[value=\"{other}:teacher_other_school\"]').textContent.split(' · ')[0];"
        ))
        .await;
    let name = name.as_str().expect("the colleague is a choice");
    b.type_into("#member2-filter", name).await;
    b.wait_until(&format!("{choices} === 1"), "the search leaving one choice")
        .await;
    assert!(
        before.as_u64().expect("count") > 1,
        "the list had more than one choice: {before}"
    );
    assert_eq!(
        b.script("return document.getElementById('member2').value;")
            .await,
        serde_json::json!(format!("{other}:teacher_other_school"))
    );
    b.script(&format!(
        "document.getElementById('member1').value = '{supervisor}:supervisor';
         document.getElementById('deadline').value = '2026-09-15';"
    ))
    .await;
    b.screenshot(1280, &shots.join("appoint-desktop.png")).await;
    b.click("#appoint").await;
    b.wait_until(
        "document.body.innerText.includes('แต่งตั้งคณะกรรมการแล้ว 2 ราย')",
        "both committees appointed",
    )
    .await;
    for a in [&teacher_pa, &colleague_pa] {
        let state = app.store.agreement(a).await.expect("agreement").state;
        assert_eq!(state, AgreementState::UnderEvaluation);
    }
    let committee = common::committee::committee_of(&app, &teacher_pa).await;
    let page = app.url(&format!("/evaluations/{committee}"));

    // The chair scores first and signs.
    b.log_in(&base, CHAIR, DEMO_PASSWORD).await;
    b.goto(&app.url("/evaluations")).await;
    b.screenshot(1280, &shots.join("evaluation-worklist-desktop.png"))
        .await;
    b.click(&format!("a.btn[href=\"/evaluations/{committee}\"]"))
        .await;
    b.wait_for_heading("PA 2").await;
    fill_sheet(&b, 4, "จัดกิจกรรมการเรียนรู้ได้ดีเยี่ยม").await;
    b.script("window.scrollTo(0, 0);").await;
    b.screenshot(1280, &shots.join("evaluation-sheet-desktop.png"))
        .await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("evaluation-sheet-phone.png"))
        .await;
    b.size(1280, 900).await;
    b.script("window.confirm = () => true;").await;
    b.click("#sign-sheet").await;
    b.wait_until(
        "document.body.innerText.includes('ลงนามใบประเมินแล้ว')",
        "the chair's signature",
    )
    .await;

    // The supervisor cannot see the chair's scores until everyone has signed.
    b.log_in(&base, SUPERVISOR, DEMO_PASSWORD).await;
    b.goto(&page).await;
    b.wait_for_heading("PA 2").await;
    let committee_table = b
        .script("return document.getElementById('committee').innerText")
        .await;
    let table = committee_table.as_str().unwrap_or_default();
    assert!(table.contains("ลงนามแล้ว"), "{table}");
    assert!(!table.contains("100"), "the chair's total leaks: {table}");
    assert!(b.text().await.contains("จะแสดงเมื่อกรรมการลงนามครบทุกคน"));
    assert!(
        b.head_of(&format!("/evaluations/{committee}/pa2.pdf?member=0"))
            .await
            .starts_with("error 404"),
        "the chair's PA 2 is not the supervisor's to read yet"
    );
    fill_sheet(&b, 3, "ผลลัพธ์ด้านผู้เรียนชัดเจน").await;
    b.click("#save-sheet").await;
    b.wait_until(
        "document.body.innerText.includes('บันทึกร่างคะแนนแล้ว')",
        "the draft saved",
    )
    .await;
    assert_eq!(
        b.script("return document.getElementById('my-total').textContent")
            .await,
        "75"
    );
    b.script("window.confirm = () => true;").await;
    b.click("#sign-sheet").await;
    b.wait_until(
        "document.body.innerText.includes('ลงนามใบประเมินแล้ว')",
        "the supervisor's signature",
    )
    .await;

    b.log_in(&base, OTHER_TEACHER, DEMO_PASSWORD).await;
    b.goto(&page).await;
    b.wait_for_heading("PA 2").await;
    fill_sheet(&b, 3, "ควรขยายผลสู่เพื่อนครู").await;
    b.script("window.confirm = () => true;").await;
    b.click("#sign-sheet").await;
    b.wait_until(
        "document.body.innerText.includes('ลงนามใบประเมินแล้ว')",
        "the third signature",
    )
    .await;
    let table = b
        .script("return document.getElementById('committee').innerText")
        .await;
    assert!(
        table.as_str().unwrap_or_default().contains("100"),
        "all signed: the scores show"
    );

    // The chair finalises PA 3.
    b.log_in(&base, CHAIR, DEMO_PASSWORD).await;
    b.goto(&page).await;
    b.wait_until("document.getElementById('finalize')", "the finalise button")
        .await;
    b.screenshot(1280, &shots.join("evaluation-finalize-desktop.png"))
        .await;
    b.script("window.confirm = () => true;").await;
    b.click("#finalize").await;
    b.wait_until(
        "document.body.innerText.includes('ยืนยันผลการประเมินแล้ว')",
        "the result finalised",
    )
    .await;
    let stored = app.store.committee(&committee).await.expect("committee");
    assert_eq!(stored.status, CommitteeStatus::Finalized);
    assert!(stored.outcome.as_ref().expect("outcome").passed);

    // The teacher sees the result and the comments, and downloads PA 2 and PA 3.
    b.log_in(&base, "teacher", DEMO_PASSWORD).await;
    b.goto(&app.url(&format!("/agreements/{teacher_pa}"))).await;
    b.wait_until("document.getElementById('result')", "the result card")
        .await;
    let text = b.text().await;
    assert!(text.contains("ผ่านเกณฑ์"), "{text}");
    assert!(text.contains("ควรขยายผลสู่เพื่อนครู"), "{text}");
    b.screenshot(1280, &shots.join("evaluation-result-desktop.png"))
        .await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("evaluation-result-phone.png"))
        .await;
    b.size(1280, 900).await;
    assert_eq!(
        b.head_of(&format!("/evaluations/{committee}/pa3.pdf"))
            .await,
        "%PDF"
    );
    assert_eq!(
        b.head_of(&format!("/evaluations/{committee}/pa2.pdf?member=1"))
            .await,
        "%PDF"
    );
    let teacher = app.person("teacher").await;
    b.goto(&app.url(&format!("/people/{teacher}/evaluations")))
        .await;
    b.wait_for_heading("ประวัติผลการประเมิน").await;
    b.screenshot(1280, &shots.join("evaluation-history-desktop.png"))
        .await;
    b.close().await;
}
