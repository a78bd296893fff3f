//! The year's evidence in headless Chromium: a teacher uploads a photo, a PDF and a 200 MB
//! video (the connection cut once mid-way, the upload going on from where it stopped; then the
//! page left mid-way, the upload going on when the same file is picked again) to indicators,
//! adds a YouTube link, records results against every target, submits the self-report and
//! downloads its PDF.

use crate::browser;
use crate::common;

use std::io::Write;
use std::time::Duration;

use browser::{Browser, screenshots, start_driver};
use common::committee::approved;
use common::{spawn_app, this_year};
use web::demo::DEMO_PASSWORD;

/// Waits up to `seconds` for `condition`, or fails with what the page shows.
async fn wait_long(b: &Browser<'_>, condition: &str, seconds: u64, what: &str) {
    for _ in 0..seconds * 10 {
        if b.script(&format!("return !!({condition});")).await == serde_json::json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "timed out waiting for {what}; the page shows: {}",
        b.text().await
    );
}

/// Picks `path` in the upload form, names it, ticks `indicator` and sends it.
async fn attach(b: &Browser<'_>, path: &std::path::Path, title: &str, indicator: &str) {
    b.type_into("#file", path.to_str().expect("path")).await;
    b.fill("#u-title", title).await;
    b.click(&format!(
        "#upload-form input[name=\"indicator\"][value=\"{indicator}\"]"
    ))
    .await;
    b.click("#upload").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_gathers_evidence_reports_results_and_downloads_the_report() {
    let app = spawn_app().await;
    let driver = start_driver().await;
    let shots = screenshots();
    let agreement = approved(&app, "teacher", &this_year(|_| {})).await;
    let files = tempfile::tempdir().expect("files");

    let photo = files.path().join("กิจกรรมกลุ่ม.png");
    image::RgbImage::from_fn(800, 600, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 3) as u8, 120])
    })
    .save(&photo)
    .expect("photo");
    let pdf = files.path().join("แผนการจัดการเรียนรู้.pdf");
    std::fs::write(
        &pdf,
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 8 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    )
    .expect("pdf");
    // 200 MB: an MP4 of 48 minutes, most of it `mdat`.
    let video = files.path().join("คลิปการสอน.mp4");
    {
        let fill: u32 = 200 * 1024 * 1024;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&video).expect("video"));
        f.write_all(&20u32.to_be_bytes()).expect("w");
        f.write_all(b"ftypisom\0\0\x02\0isom").expect("w");
        let mut mvhd = vec![0u8; 100];
        mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
        mvhd[16..20].copy_from_slice(&(48 * 60 * 1000u32).to_be_bytes());
        f.write_all(&116u32.to_be_bytes()).expect("w");
        f.write_all(b"moov").expect("w");
        f.write_all(&108u32.to_be_bytes()).expect("w");
        f.write_all(b"mvhd").expect("w");
        f.write_all(&mvhd).expect("w");
        f.write_all(&(8 + fill).to_be_bytes()).expect("w");
        f.write_all(b"mdat").expect("w");
        let block = vec![3u8; 1024 * 1024];
        for _ in 0..200 {
            f.write_all(&block).expect("w");
        }
    }

    let b = driver.browser().await;
    b.size(1280, 900).await;
    b.log_in(&app.url(""), "teacher", DEMO_PASSWORD).await;
    b.goto(&app.url(&format!("/agreements/{agreement}"))).await;
    b.click("#evidence-link").await;
    b.wait_for_heading("หลักฐานและร่องรอย").await;

    attach(&b, &photo, "ภาพกิจกรรมการเรียนรู้แบบกลุ่ม", "1.3").await;
    wait_long(
        &b,
        "location.search.includes('done=added')",
        30,
        "the photo",
    )
    .await;
    attach(&b, &pdf, "แผนการจัดการเรียนรู้ หน่วยที่ 1", "1.2").await;
    wait_long(
        &b,
        "document.querySelectorAll('.evidence-list li').length >= 2",
        30,
        "the PDF",
    )
    .await;

    // The video, on a slow line (10 MB/s up): cut the connection once while it goes, then give
    // it back; the page goes on by itself.
    let slow = Some(10 * 1024 * 1024);
    b.network(false, slow).await;
    attach(&b, &video, "คลิปการสอนในชั้นเรียน", "1.3").await;
    let progress = "(document.getElementById('upload-progress') || {}).value";
    wait_long(&b, &format!("{progress} >= 10"), 60, "the video under way").await;
    b.network(true, slow).await;
    wait_long(
        &b,
        "(window.evidenceResumes || 0) >= 1",
        60,
        "the upload noticing the cut",
    )
    .await;
    let cut_at = b.script(&format!("return {progress};")).await;
    let cut_at = cut_at.as_u64().expect("progress");
    b.network(false, slow).await;
    wait_long(
        &b,
        &format!("{progress} >= {}", cut_at + 10),
        120,
        "the upload going on after the cut",
    )
    .await;
    // Then the teacher leaves the page mid-way (a closed tab, a reload), comes back and picks
    // the same file: it goes on from where the server stands, under the title given first.
    b.goto("about:blank").await;
    b.goto(&app.url(&format!("/agreements/{agreement}/evidence")))
        .await;
    wait_long(
        &b,
        "!!window.evidencePending",
        30,
        "the unfinished upload noticed",
    )
    .await;
    assert!(b.text().await.contains("ส่งค้างไว้"));
    b.type_into("#file", video.to_str().expect("path")).await;
    b.click("#upload").await;
    wait_long(
        &b,
        "window.evidenceResumedFrom !== undefined",
        30,
        "the upload going on",
    )
    .await;
    let from = b.script("return window.evidenceResumedFrom;").await;
    let size = std::fs::metadata(&video).expect("meta").len();
    assert!(
        from.as_u64().expect("offset") * 100 >= (cut_at + 10) * size,
        "went on from {from} of {size}, not from the start"
    );
    b.network(false, None).await;
    wait_long(&b, "location.search.includes('done=added') && document.querySelectorAll('.evidence-list li').length >= 3", 180, "the video stored").await;
    let stored = app.store.evidence_of(&agreement).await.expect("evidence");
    let clip = stored
        .iter()
        .find_map(|e| e.file.as_ref().filter(|f| f.media_type == "video/mp4"))
        .expect("the video");
    assert_eq!(
        clip.size,
        std::fs::metadata(&video).expect("meta").len() as i64
    );
    assert_eq!(clip.duration_seconds, Some(48.0 * 60.0));
    assert!(
        stored
            .iter()
            .any(|e| e.details.title == "คลิปการสอนในชั้นเรียน"),
        "the clip keeps the title it was started with"
    );
    assert!(
        !b.text().await.contains("ส่งค้างไว้"),
        "nothing left unfinished"
    );

    // A YouTube link.
    b.script("document.querySelectorAll('#add details').forEach(d => d.open = true);")
        .await;
    b.fill("#url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        .await;
    b.fill("#l-title", "คลิปการสอนฉบับเต็มบน YouTube").await;
    b.click("form[action$=\"/evidence/link\"] input[name=\"indicator\"][value=\"1.3\"]")
        .await;
    b.click("#add-link").await;
    wait_long(
        &b,
        "document.querySelectorAll('.evidence-list li').length >= 4",
        30,
        "the link",
    )
    .await;
    b.script("window.scrollTo(0, 0);").await;
    b.screenshot(1280, &shots.join("evidence-desktop.png"))
        .await;
    b.size(390, 844).await;
    b.screenshot(390, &shots.join("evidence-phone.png")).await;
    b.size(1280, 900).await;

    // The self-report: results for every row and target, explanations for the rest.
    b.goto(&app.url(&format!("/agreements/{agreement}/report")))
        .await;
    b.wait_for_heading("รายงานผล").await;
    b.script(
        "document.querySelectorAll('textarea[name$=\"/done\"]').forEach(t => t.value = 'จัดการเรียนรู้ตามแผนครบทุกหน่วย');
         document.querySelectorAll('textarea[name$=\"/achieved\"]').forEach(t => t.value = 'นักเรียนร้อยละ 86 ผ่านเกณฑ์');
         document.querySelectorAll('input[name$=\"/achieved\"]').forEach(i => i.value = '86');
         document.querySelectorAll('textarea[name$=\"/qualitative\"]').forEach(t => t.value = 'นักเรียนอ่านออกเสียงคล่องและมั่นใจขึ้น');
         document.querySelectorAll('textarea[name^=\"explain/\"]').forEach(t => t.value = 'ร่องรอยอยู่ในแผนการจัดการเรียนรู้และคลิปการสอน');",
    )
    .await;
    b.click("#save-report").await;
    wait_long(
        &b,
        "location.search.includes('done=saved')",
        30,
        "the draft",
    )
    .await;
    assert!(b.text().await.contains("บรรลุ"));
    b.screenshot(1280, &shots.join("report-desktop.png")).await;
    b.script("window.confirm = () => true;").await;
    b.click("#submit-report").await;
    wait_long(
        &b,
        "location.search.includes('done=submitted')",
        30,
        "the submission",
    )
    .await;
    let report = app
        .store
        .self_report(&agreement)
        .await
        .expect("read")
        .expect("report");
    assert!(report.submitted);
    assert_eq!(
        b.head_of(&format!("/agreements/{agreement}/report.pdf"))
            .await,
        "%PDF"
    );
    b.close().await;
}
