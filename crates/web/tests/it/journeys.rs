//! The PA 1 journeys in a real headless Chromium: a teacher writes a complete agreement from an
//! empty form and submits it; the director returns it with a suggestion on one field; the
//! teacher fixes that field and resubmits; the director sees what changed and approves. An ESA
//! director fills three challenge issues and submits. An edit made offline survives a reload;
//! a second tab gets a conflict instead of overwriting. Screenshots go to target/screenshots/.

use crate::browser;
use crate::common;

use browser::{Browser, screenshots, start_driver};
use common::{TestApp, spawn_app};
use domain::agreement::{Agreement, YearMonth};
use domain::workflow::AgreementState;
use serde_json::json;
use store::AgreementId;
use web::demo::DEMO_PASSWORD;

/// What a maker types into the editor for an agreement, as (input name, value) pairs in page
/// order. Area-layout forms get one row per area, so indicator rows of the fixture are joined.
fn fields_for(
    editor_rows: &[(String, Option<String>)],
    a: &Agreement,
    fiscal_year: u16,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |k: String, v: &str| {
        if !v.is_empty() {
            out.push((k, v.to_owned()));
        }
    };
    for t in &a.types {
        put("/types".into(), t);
    }
    if let Some(ft) = a.workload.full_time {
        put(
            "/workload/full_time".into(),
            if ft { "true" } else { "false" },
        );
    }
    for (i, line) in a.workload.items.iter().enumerate() {
        for (j, s) in line.subjects.iter().enumerate() {
            put(
                format!("/workload/items/{i}/subjects/{j}/subject"),
                &s.subject,
            );
            put(
                format!("/workload/items/{i}/subjects/{j}/hours"),
                &s.hours.map(|h| h.to_string()).unwrap_or_default(),
            );
        }
        put(
            format!("/workload/items/{i}/hours"),
            &line.hours.map(|h| h.to_string()).unwrap_or_default(),
        );
        put(format!("/workload/items/{i}/note"), &line.note);
    }
    for (i, (area, indicator)) in editor_rows.iter().enumerate() {
        let rows: Vec<_> = a
            .part1
            .iter()
            .filter(|r| &r.area == area && (indicator.is_none() || &r.indicator == indicator))
            .collect();
        let join = |f: &dyn Fn(&domain::agreement::Part1Row) -> String| {
            rows.iter()
                .map(|r| f(r))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let tasks = join(&|r| r.tasks.clone());
        put(
            format!("/part1/{i}/tasks"),
            if tasks.is_empty() {
                "1. ดำเนินงานตามมาตรฐานตำแหน่งในองค์ประกอบนี้ตามแผนปฏิบัติการของสำนักงาน"
            } else {
                &tasks
            },
        );
        let groups: std::collections::BTreeSet<&String> =
            a.part1.iter().flat_map(|r| r.outcomes.keys()).collect();
        for g in groups {
            let o = join(&|r| r.outcomes.get(g).cloned().unwrap_or_default());
            let n = join(&|r| r.indicators.get(g).cloned().unwrap_or_default());
            put(
                format!("/part1/{i}/outcomes/{g}"),
                if o.is_empty() {
                    "ผู้เกี่ยวข้องได้รับการพัฒนาตามเป้าหมาย"
                } else {
                    &o
                },
            );
            put(
                format!("/part1/{i}/indicators/{g}"),
                if n.is_empty() {
                    "ร้อยละ 80 ของผู้เกี่ยวข้องได้รับการพัฒนา"
                } else {
                    &n
                },
            );
        }
    }
    let shift = i32::from(fiscal_year) - i32::from(a.fiscal_year);
    let month = |m: Option<YearMonth>| {
        m.map(|m| {
            YearMonth {
                year: m.year + shift,
                month: m.month,
            }
            .to_string()
        })
        .unwrap_or_default()
    };
    for (i, c) in a.challenges.iter().enumerate() {
        let at = |rest: String| format!("/challenges/{i}/{rest}");
        put(at("title".into()), &c.title);
        put(at("policy".into()), &c.policy);
        put(at("problem".into()), &c.problem);
        put(at("method/intro".into()), &c.method.intro);
        for (j, s) in c.method.steps.iter().enumerate() {
            put(at(format!("method/steps/{j}/text")), &s.text);
            put(at(format!("method/steps/{j}/start")), &month(s.start));
            put(at(format!("method/steps/{j}/end")), &month(s.end));
        }
        for (j, t) in c.quantitative.iter().enumerate() {
            put(at(format!("quantitative/{j}/text")), &t.text);
            put(at(format!("quantitative/{j}/what")), &t.what);
            put(
                at(format!("quantitative/{j}/value")),
                &t.value.map(|v| v.to_string()).unwrap_or_default(),
            );
            put(at(format!("quantitative/{j}/unit")), &t.unit);
        }
        for (j, q) in c.qualitative.iter().enumerate() {
            put(at(format!("qualitative/{j}")), q);
        }
    }
    out
}

/// Texts longer than this are pasted rather than typed key by key.
const PASTE_ABOVE: usize = 200;

fn by_name(name: &str) -> String {
    format!("[name=\"{name}\"]")
}

/// Adds rows until an input named `name` exists (clicking the list's add button, as a maker
/// would), then fills it: typing into text inputs, ticking boxes, choosing options.
async fn put(b: &Browser<'_>, name: &str, value: &str) {
    let exists = format!(
        "document.querySelector('{}')",
        by_name(name).replace('\'', "\\'")
    );
    for _ in 0..20 {
        if b.script(&format!("return !!{exists};")).await == json!(true) {
            break;
        }
        let add = b
            .script(&format!(
                "const n = {name:?}; const b = Array.from(document.querySelectorAll('[data-add-row]')).find(b => n.startsWith(b.dataset.addRow + '/')); if (b) {{ b.click(); return true; }} return false;"
            ))
            .await;
        assert_eq!(add, json!(true), "no row can be added for {name}");
    }
    let kind = b
        .script(&format!(
            "const e = {exists}; return e ? (e.type || e.tagName) : '';"
        ))
        .await;
    match kind.as_str().unwrap_or_default() {
        "checkbox" | "radio" => {
            b.click(&format!("{}[value=\"{value}\"]", by_name(name)))
                .await;
        }
        "select-one" => {
            b.click(&format!("{} option[value=\"{value}\"]", by_name(name)))
                .await;
        }
        "" => panic!("no input named {name}"),
        // A long text is pasted (as teachers paste from Word), which is one input event.
        _ if value.chars().count() > PASTE_ABOVE => {
            let value = serde_json::to_string(value).expect("json");
            b.script(&format!(
                "const e = {exists}; e.value = {value}; e.dispatchEvent(new Event('input', {{bubbles: true}}));"
            ))
            .await;
        }
        _ => b.fill(&by_name(name), value).await,
    }
}

/// Types every field, then waits for the autosave to store it with no checker error left.
async fn write_agreement(b: &Browser<'_>, fields: &[(String, String)]) {
    for (name, value) in fields {
        put(b, name, value).await;
    }
    wait_saved(b).await;
    b.wait_until(
        "document.querySelector('#findings-panel .findings').dataset.errors === '0'",
        "the checker to find no errors",
    )
    .await;
}

async fn wait_saved(b: &Browser<'_>) {
    b.wait_until(
        "document.getElementById('save-status').dataset.state === 'saved' && !localStorage.getItem('thaipa:pending:' + document.getElementById('editor').dataset.id)",
        "the autosave",
    )
    .await;
}

/// The Part 1 rows of a blank agreement of `form`, as the editor numbers them.
fn rows_of(a: &Agreement) -> Vec<(String, Option<String>)> {
    a.part1
        .iter()
        .map(|r| (r.area.clone(), r.indicator.clone()))
        .collect()
}

async fn editor_agreement(
    app: &TestApp,
    b: &Browser<'_>,
) -> (AgreementId, store::agreements::StoredAgreement) {
    let id = b
        .script("return document.getElementById('editor').dataset.id")
        .await
        .as_str()
        .expect("editor id")
        .to_owned();
    let id = AgreementId(id);
    let stored = app.store.agreement(&id).await.expect("stored");
    (id, stored)
}

/// Signs in as `login` and starts this year's agreement from an empty form, in the editor.
async fn start_blank(
    app: &TestApp,
    b: &Browser<'_>,
    base: &str,
    login: &str,
) -> (AgreementId, store::agreements::StoredAgreement) {
    b.log_in(base, login, DEMO_PASSWORD).await;
    b.click("#start-blank").await;
    b.wait_until("document.getElementById('editor')", "the editor")
        .await;
    editor_agreement(app, b).await
}

async fn submit(b: &Browser<'_>) {
    b.click("#submit-link").await;
    b.wait_for_heading("เสนอข้อตกลงในการพัฒนางาน").await;
    b.click("#confirm-submit").await;
    b.wait_until(
        "document.body.innerText.includes('เสนอข้อตกลงแล้ว')",
        "the submission",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_writes_and_submits_a_pa_that_the_director_returns_and_then_approves() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let shots = screenshots();
    let base = app.url("");
    let fixture = Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("fixture");

    // The teacher starts from an empty form and writes the whole agreement.
    let b = driver.browser().await;
    let (id, blank) = start_blank(&app, &b, &base, "teacher").await;
    b.screenshot(1280, &shots.join("editor-empty-desktop.png"))
        .await;
    let fields = fields_for(
        &rows_of(&blank.content),
        &fixture,
        blank.content.fiscal_year,
    );
    write_agreement(&b, &fields).await;
    b.screenshot(1280, &shots.join("editor-complete-desktop.png"))
        .await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("editor-complete-phone.png"))
        .await;
    b.size(1280, 900).await;
    submit(&b).await;
    b.screenshot(1280, &shots.join("agreement-submitted-desktop.png"))
        .await;
    assert_eq!(
        app.store.agreement(&id).await.expect("stored").state,
        AgreementState::Submitted
    );
    let written = app.store.agreement(&id).await.expect("stored").content;
    assert_eq!(
        written.challenges[0].method.steps.len(),
        fixture.challenges[0].method.steps.len()
    );
    assert_eq!(
        written.workload.items[0].subjects.len(),
        fixture.workload.items[0].subjects.len()
    );

    // The director finds it in the inbox and returns it with a suggestion on the first task.
    b.log_in(&base, "director", DEMO_PASSWORD).await;
    b.goto(&app.url("/reviews")).await;
    b.screenshot(1280, &shots.join("inbox-desktop.png")).await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("inbox-phone.png")).await;
    b.size(1280, 900).await;
    b.click(&format!("a[href=\"/reviews/{id}\"]")).await;
    b.wait_until(
        "document.querySelector('form[action$=\"/decision\"]')",
        "the decision form",
    )
    .await;
    b.screenshot(1280, &shots.join("review-desktop.png")).await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("review-phone.png")).await;
    b.size(1280, 900).await;
    b.click("input[name=\"decision\"][value=\"return\"]").await;
    b.fill(
        "textarea[name=\"suggestions\"]",
        "กรุณาระบุจำนวนแผนการจัดการเรียนรู้ให้ชัดเจน",
    )
    .await;
    b.script("document.querySelector('[name=\"comment:/part1/0/tasks\"]').closest('details').open = true;").await;
    b.fill("[name=\"comment:/part1/0/tasks\"]", "ระบุจำนวนแผนที่จะจัดทำ")
        .await;
    b.click("form[action$=\"/decision\"] button[type=submit]")
        .await;
    b.wait_until(
        &format!("!location.pathname.startsWith('/reviews/{id}')"),
        "leaving the review page",
    )
    .await;
    assert_eq!(
        app.store.agreement(&id).await.expect("stored").state,
        AgreementState::Returned
    );

    // The teacher sees the suggestion beside that field, fixes it, and resubmits.
    b.log_in(&base, "teacher", DEMO_PASSWORD).await;
    b.goto(&app.url(&format!("/agreements/{id}/edit"))).await;
    b.wait_until(
        "document.querySelector('.review-comment')",
        "the director's comment",
    )
    .await;
    let comment = b
        .script("return document.querySelector('[name=\"/part1/0/tasks\"]').closest('.field').querySelector('.review-comment').textContent")
        .await;
    assert!(
        comment
            .as_str()
            .is_some_and(|c| c.contains("ระบุจำนวนแผนที่จะจัดทำ")),
        "{comment}"
    );
    let fixed = "1. จัดทำแผนการจัดการเรียนรู้รายวิชาคณิตศาสตร์ จำนวน 40 แผน";
    b.fill("[name=\"/part1/0/tasks\"]", fixed).await;
    wait_saved(&b).await;
    assert_eq!(
        app.store
            .agreement(&id)
            .await
            .expect("stored")
            .content
            .part1[0]
            .tasks,
        fixed,
        "the fix is saved before it is submitted"
    );
    submit(&b).await;
    assert_eq!(
        app.store
            .agreement_versions(&id)
            .await
            .expect("versions")
            .len(),
        2
    );

    // The director sees exactly what changed, and approves.
    b.log_in(&base, "director", DEMO_PASSWORD).await;
    b.goto(&app.url(&format!("/reviews/{id}"))).await;
    b.wait_until(
        "document.querySelector('.diff')",
        "the changes since the return",
    )
    .await;
    let diff = b
        .script("return Array.from(document.querySelectorAll('.diff')).map(d => Array.from(d.childNodes).filter(n => n.nodeName !== 'DEL').map(n => n.textContent).join('')).join(' | ')")
        .await;
    let diff = diff.as_str().unwrap_or_default();
    assert!(
        diff.contains("จำนวน 40 แผน"),
        "the new text is shown (all but the struck runs): {diff}"
    );
    b.screenshot(1280, &shots.join("review-diff-desktop.png"))
        .await;
    b.click("input[name=\"decision\"][value=\"approve\"]").await;
    b.click("form[action$=\"/decision\"] button[type=submit]")
        .await;
    b.wait_until(
        &format!("!location.pathname.startsWith('/reviews/{id}')"),
        "leaving the review page",
    )
    .await;
    assert_eq!(
        app.store.agreement(&id).await.expect("stored").state,
        AgreementState::Approved
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_esa_director_fills_three_challenge_issues_and_submits() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let base = app.url("");
    let fixture = Agreement::from_json(include_str!(
        "../../../../examples/seed-004-esa-director.json"
    ))
    .expect("fixture");
    let b = driver.browser().await;
    let (id, blank) = start_blank(&app, &b, &base, "esa").await;
    assert_eq!(
        blank.content.challenges.len(),
        3,
        "the ESA form asks for three issues"
    );
    let fields = fields_for(
        &rows_of(&blank.content),
        &fixture,
        blank.content.fiscal_year,
    );
    // Part 1 (fifteen sub-elements × four target groups) is pasted in by script to keep the
    // test short; the workload and the three challenge issues are typed.
    let (part1, typed): (Vec<_>, Vec<_>) = fields
        .into_iter()
        .partition(|(k, _)| k.starts_with("/part1/"));
    let pasted = serde_json::to_string(&part1).expect("json");
    b.script(&format!(
        "for (const [k, v] of {pasted}) {{ const e = document.querySelector('[name=\"' + k + '\"]'); e.value = v; }} document.getElementById('editor').dispatchEvent(new Event('input'));"
    ))
    .await;
    write_agreement(&b, &typed).await;
    b.screenshot(1280, &screenshots().join("editor-esa-desktop.png"))
        .await;
    submit(&b).await;
    let stored = app.store.agreement(&id).await.expect("stored");
    assert_eq!(stored.state, AgreementState::Submitted);
    for (c, f) in stored.content.challenges.iter().zip(&fixture.challenges) {
        assert_eq!(c.title, f.title);
        assert_eq!(c.policy, f.policy);
        assert_eq!(c.quantitative.len(), f.quantitative.len());
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_made_offline_survives_a_reload_and_is_saved_when_back_online() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let b = driver.browser().await;
    let (id, _) = start_blank(&app, &b, &app.url(""), "demo-s01-5").await;
    let url = b.url().await;

    b.offline(true).await;
    b.fill("[name=\"/part1/0/tasks\"]", "เขียนตอนสัญญาณหาย").await;
    b.wait_until(
        "document.getElementById('save-status').dataset.state === 'offline'",
        "the offline state",
    )
    .await;
    let status = b
        .script("return document.getElementById('save-status').textContent")
        .await;
    assert!(
        status.as_str().is_some_and(|s| s.contains("ออฟไลน์")),
        "{status}"
    );
    assert_eq!(
        app.store
            .agreement(&id)
            .await
            .expect("stored")
            .content
            .part1[0]
            .tasks,
        ""
    );

    b.offline(false).await;
    b.goto(&url).await;
    b.wait_until("document.getElementById('editor')", "the editor again")
        .await;
    wait_saved(&b).await;
    let value = b
        .script("return document.querySelector('[name=\"/part1/0/tasks\"]').value")
        .await;
    assert_eq!(value, json!("เขียนตอนสัญญาณหาย"));
    assert_eq!(
        app.store
            .agreement(&id)
            .await
            .expect("stored")
            .content
            .part1[0]
            .tasks,
        "เขียนตอนสัญญาณหาย"
    );
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_tab_gets_a_conflict_instead_of_overwriting_the_first() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let b = driver.browser().await;
    let (id, _) = start_blank(&app, &b, &app.url(""), "demo-s01-5").await;
    let url = b.url().await;
    let (first, second) = b.new_tab().await;
    b.switch_to(&second).await;
    b.goto(&url).await;
    b.wait_until(
        "document.getElementById('editor')",
        "the editor in the second tab",
    )
    .await;

    b.switch_to(&first).await;
    b.fill("[name=\"/part1/0/tasks\"]", "จากแท็บแรก").await;
    wait_saved(&b).await;

    b.switch_to(&second).await;
    b.fill("[name=\"/part1/0/tasks\"]", "จากแท็บที่สอง").await;
    b.wait_until(
        "!document.getElementById('conflict').hidden",
        "the conflict message",
    )
    .await;
    b.screenshot(1280, &screenshots().join("editor-conflict-desktop.png"))
        .await;
    assert_eq!(
        app.store
            .agreement(&id)
            .await
            .expect("stored")
            .content
            .part1[0]
            .tasks,
        "จากแท็บแรก"
    );
    b.close().await;
}
