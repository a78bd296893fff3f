//! Evidence over HTTP: resumable uploads (a chunk lost and resumed), files examined by their
//! content, links and notes, who may read, signed links, deleting; and every bad input the
//! issue names: a file whose extension lies, an oversized file, an empty file, a zip bomb, a
//! script URL. Each is refused in Thai and leaves nothing stored.

use crate::common;

use common::committee::{approved, post};
use common::{TestApp, spawn_app, this_year};
use reqwest::StatusCode;
use serde_json::Value;
use store::AgreementId;

const CHUNK: usize = 8 * 1024 * 1024;

fn pdf(pages: u32) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count {pages} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    .into_bytes()
}

/// An MP4 of `seconds` whose `mdat` holds `fill` bytes.
fn mp4(seconds: u32, fill: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(fill + 200);
    out.extend_from_slice(&20u32.to_be_bytes());
    out.extend_from_slice(b"ftypisom\0\0\x02\0isom");
    let mut mvhd = vec![0u8; 100];
    mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
    mvhd[16..20].copy_from_slice(&(seconds * 1000).to_be_bytes());
    out.extend_from_slice(&(116u32).to_be_bytes());
    out.extend_from_slice(b"moov");
    out.extend_from_slice(&(108u32).to_be_bytes());
    out.extend_from_slice(b"mvhd");
    out.extend_from_slice(&mvhd);
    out.extend_from_slice(&u32::try_from(8 + fill).expect("small").to_be_bytes());
    out.extend_from_slice(b"mdat");
    out.resize(out.len() + fill, 7);
    out
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

async fn setup() -> (TestApp, reqwest::Client, AgreementId) {
    let app = spawn_app().await;
    let agreement = approved(&app, "teacher", &this_year(|_| {})).await;
    let teacher = app.signed_in("teacher").await;
    (app, teacher, agreement)
}

async fn open(
    app: &TestApp,
    client: &reqwest::Client,
    a: &AgreementId,
    name: &str,
    size: usize,
    indicators: &[&str],
) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    let mut form: Vec<(String, String)> = vec![
        ("file_name".into(), name.into()),
        ("size".into(), size.to_string()),
        ("title".into(), format!("หลักฐาน {name}")),
        ("date".into(), "2026-11-20".into()),
    ];
    form.extend(
        indicators
            .iter()
            .map(|c| ("indicator".to_owned(), (*c).to_owned())),
    );
    client
        .post(app.url(&format!("/agreements/{a}/uploads")))
        .header("x-csrf-token", csrf)
        .form(&form)
        .send()
        .await
        .expect("create upload")
}

async fn patch(
    app: &TestApp,
    client: &reqwest::Client,
    uid: &str,
    offset: usize,
    chunk: &[u8],
) -> reqwest::Response {
    let csrf = app.csrf(client).await;
    client
        .patch(app.url(&format!("/uploads/{uid}")))
        .header("x-csrf-token", csrf)
        .header("upload-offset", offset.to_string())
        .body(chunk.to_vec())
        .send()
        .await
        .expect("patch")
}

/// The id of the upload a `POST …/uploads` opened.
async fn id_of(r: reqwest::Response) -> String {
    r.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// Uploads `bytes` whole, chunk by chunk; the last response.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    a: &AgreementId,
    name: &str,
    bytes: &[u8],
    indicators: &[&str],
) -> (StatusCode, Value) {
    let r = open(app, client, a, name, bytes.len(), indicators).await;
    if r.status() != StatusCode::CREATED {
        return (r.status(), r.json().await.expect("json"));
    }
    let uid = id_of(r).await;
    let mut offset = 0;
    loop {
        let end = (offset + CHUNK).min(bytes.len());
        let r = patch(app, client, &uid, offset, &bytes[offset..end]).await;
        let status = r.status();
        let body: Value = r.json().await.expect("json");
        if status != StatusCode::OK {
            return (status, body);
        }
        offset = usize::try_from(body["offset"].as_u64().expect("offset")).expect("usize");
    }
}

/// Nothing of a refused file may stay: no evidence, no staged bytes, no stored blob.
async fn nothing_kept(app: &TestApp, a: &AgreementId) {
    assert!(app.store.evidence_of(a).await.expect("list").is_empty());
    for dir in ["staging", "store"] {
        let path = app.config.blobs_dir.join(dir);
        let files = walk(&path);
        assert!(files.is_empty(), "{dir}: {files:?}");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[tokio::test]
async fn a_pdf_an_image_a_link_and_a_note_are_attached_to_indicators() {
    let (app, teacher, a) = setup().await;
    let (status, body) = upload(&app, &teacher, &a, "แผนการสอน.pdf", &pdf(12), &["1.2"]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = upload(&app, &teacher, &a, "กิจกรรม.png", &png(), &["1.3", "1.7"]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let r = post(
        &app,
        &teacher,
        &format!("/agreements/{a}/evidence/link"),
        &[
            ("url".into(), "https://youtu.be/dQw4w9WgXcQ".into()),
            ("title".into(), "คลิปการสอน".into()),
            ("indicator".into(), "1.3".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(
        &app,
        &teacher,
        &format!("/agreements/{a}/evidence/note"),
        &[
            ("title".into(), "บันทึกการนิเทศ".into()),
            ("challenge".into(), "0".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let listed = app.store.evidence_of(&a).await.expect("list");
    assert_eq!(listed.len(), 4);
    let pdf_facts = listed[0].file.clone().expect("file");
    assert_eq!(
        (pdf_facts.media_type.as_str(), pdf_facts.pages),
        ("application/pdf", Some(12))
    );
    let image = listed[1].file.clone().expect("file");
    assert_eq!((image.width, image.height), (Some(640), Some(480)));
    assert!(image.thumbnail.is_some());
    let html = teacher
        .get(app.url(&format!("/agreements/{a}/evidence")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(html.contains("PDF 1 KB · 12 หน้า"), "{html}");
    assert!(html.contains("ตัวชี้วัดที่ยังไม่มีหลักฐาน"), "{html}");
    assert!(
        !html.contains("href=\"#i-1.2\""),
        "1.2 has evidence now: {html}"
    );
    assert!(html.contains("ข้อสังเกตสำหรับส่ง DPA"), "12 pages > 10: {html}");
    // The signed link opens the file; a forged or expired one does not.
    let link = html
        .split("href=\"/evidence/")
        .nth(1)
        .expect("a file link")
        .split('"')
        .next()
        .expect("link")
        .replace("&#38;", "&");
    let r = teacher
        .get(app.url(&format!("/evidence/{link}")))
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), StatusCode::OK, "{link}");
    assert!(r.bytes().await.expect("bytes").starts_with(b"%PDF"));
    let forged = link.replace("&s=", "&s=00");
    let r = teacher
        .get(app.url(&format!("/evidence/{forged}")))
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The approver reads it; a colleague does not even see that it exists.
    let director = app.signed_in("director").await;
    let r = director
        .get(app.url(&format!("/evidence/{link}")))
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), StatusCode::OK);
    let colleague = app.signed_in("demo-s01-5").await;
    for path in [
        format!("/agreements/{a}/evidence"),
        format!("/evidence/{link}"),
    ] {
        let r = colleague.get(app.url(&path)).send().await.expect("get");
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // Deleting removes the file and leaves an audit record.
    let r = post(
        &app,
        &teacher,
        &format!("/evidence/{}/delete", listed[0].id),
        &[],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.store.evidence_of(&a).await.expect("list").len(), 3);
    let audit = app.store.audit_of("agreement", &a.0).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "evidence.delete"));
    let r = teacher
        .get(app.url(&format!("/evidence/{link}")))
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_large_video_resumes_where_the_connection_dropped() {
    let (app, teacher, a) = setup().await;
    let video = mp4(45 * 60, 3 * CHUNK);
    let r = open(&app, &teacher, &a, "สอนจริง.mp4", video.len(), &["1.3"]).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let uid = id_of(r).await;
    let r = patch(&app, &teacher, &uid, 0, &video[..CHUNK]).await;
    assert_eq!(r.status(), StatusCode::OK);
    // The client lost track (a dropped connection): a wrong offset tells it where to go on.
    let r = patch(&app, &teacher, &uid, 0, &video[..CHUNK]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let at = r.json::<Value>().await.expect("json")["offset"]
        .as_u64()
        .expect("offset");
    assert_eq!(at, CHUNK as u64);
    let status: Value = teacher
        .get(app.url(&format!("/uploads/{uid}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(status["offset"].as_u64(), Some(CHUNK as u64));
    let mut offset = CHUNK;
    let mut last = StatusCode::OK;
    while offset < video.len() {
        let end = (offset + CHUNK).min(video.len());
        let r = patch(&app, &teacher, &uid, offset, &video[offset..end]).await;
        last = r.status();
        offset = end;
    }
    assert_eq!(last, StatusCode::CREATED);
    let e = &app.store.evidence_of(&a).await.expect("list")[0];
    let f = e.file.as_ref().expect("file");
    assert_eq!(
        (f.media_type.as_str(), f.duration_seconds),
        ("video/mp4", Some(2700.0))
    );
    assert_eq!(f.size, video.len() as i64);
    // Someone else cannot append to or read the state of this upload.
    let other = app.signed_in("demo-s01-5").await;
    let r = other
        .get(app.url(&format!("/uploads/{uid}")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_second_request_on_an_upload_still_streaming_waits_and_nothing_interleaves() {
    use reqwest::cookie::CookieStore;
    use tokio::io::AsyncWriteExt;

    let (app, _, a) = setup().await;
    // A teacher whose cookies we can also send by hand.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let teacher = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    app.login(&teacher, "teacher", web::demo::DEMO_PASSWORD)
        .await;
    let cookies = jar
        .cookies(&app.url("/").parse().expect("url"))
        .expect("signed in");
    let video = mp4(45 * 60, 2 * CHUNK);
    let r = open(&app, &teacher, &a, "สอนจริง.mp4", video.len(), &["1.3"]).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let uid = id_of(r).await;
    // The old page's request: a whole chunk announced, half of it sent, then silence.
    let csrf = app.csrf(&teacher).await;
    let mut old = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    let head = format!(
        "PATCH /uploads/{uid} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-CSRF-Token: {csrf}\r\nUpload-Offset: 0\r\nContent-Type: application/octet-stream\r\nContent-Length: {CHUNK}\r\n\r\n",
        app.addr,
        cookies.to_str().expect("ascii")
    );
    old.write_all(head.as_bytes()).await.expect("head");
    old.write_all(&video[..CHUNK / 2]).await.expect("half");
    old.flush().await.expect("flush");
    let mut waited = 0;
    let status = loop {
        let status: Value = teacher
            .get(app.url(&format!("/uploads/{uid}")))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        if status["offset"].as_u64() == Some(CHUNK as u64 / 2) || waited > 100 {
            break status;
        }
        waited += 1;
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(status["offset"].as_u64(), Some(CHUNK as u64 / 2));
    // The reloaded page asks where to go on and sends from there while the old request hangs:
    // told to wait, with nothing written.
    let r = patch(&app, &teacher, &uid, CHUNK / 2, &video[CHUNK / 2..CHUNK]).await;
    assert_eq!(r.status(), StatusCode::LOCKED);
    let body: Value = r.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .expect("message")
            .contains("รอสักครู่"),
        "{body}"
    );
    // The old request dies; its half stays, and the upload goes on from it to the end.
    drop(old);
    let mut offset = CHUNK / 2;
    let mut last = StatusCode::LOCKED;
    for _ in 0..100 {
        let end = (offset + CHUNK).min(video.len());
        let r = patch(&app, &teacher, &uid, offset, &video[offset..end]).await;
        last = r.status();
        match last {
            StatusCode::LOCKED => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            StatusCode::OK => offset = end,
            _ => break,
        }
    }
    assert_eq!(last, StatusCode::CREATED);
    let e = &app.store.evidence_of(&a).await.expect("list")[0];
    let f = e.file.as_ref().expect("file");
    assert_eq!(f.size, video.len() as i64);
    let sha = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&video))
    };
    assert_eq!(f.sha256, sha, "the bytes are the file's, in order");
}

#[tokio::test]
async fn the_sweep_gives_up_uploads_left_for_days_and_keeps_those_still_going() {
    use std::time::{Duration, SystemTime};

    let (app, teacher, a) = setup().await;
    let state = web::AppState::new(app.store.clone(), app.config.clone());
    let video = mp4(60, 2 * CHUNK);
    let started = |name: &'static str| {
        let (app, teacher, a, size) = (&app, &teacher, &a, video.len());
        async move {
            let r = open(app, teacher, a, name, size, &["1.3"]).await;
            assert_eq!(r.status(), StatusCode::CREATED);
            id_of(r).await
        }
    };
    let left = started("ทิ้งไว้.mp4").await;
    let going = started("กำลังส่ง.mp4").await;
    let never = started("ไม่ได้ส่ง.mp4").await;
    for uid in [&left, &going] {
        let r = patch(&app, &teacher, uid, 0, &video[..CHUNK]).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    // Four days on: `left` had its last byte four days ago, `going` an hour ago, `never` none.
    let now = SystemTime::now() + Duration::from_secs(4 * 24 * 3600);
    let staged = |uid: &str| app.config.blobs_dir.join("staging").join(uid);
    std::fs::File::options()
        .write(true)
        .open(staged(&going))
        .expect("staged")
        .set_modified(now - Duration::from_secs(3600))
        .expect("touch");
    assert_eq!(web::sweep_uploads(&state, now).await, 2);
    assert!(!staged(&left).exists());
    for uid in [&left, &never] {
        let r = teacher
            .get(app.url(&format!("/uploads/{uid}")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{uid} given up");
    }
    // The one still going finishes as if nothing happened.
    let r = patch(&app, &teacher, &going, CHUNK, &video[CHUNK..]).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(app.store.evidence_of(&a).await.expect("list").len(), 1);
    // Today nothing is old enough.
    let _ = started("ใหม่.mp4").await;
    assert_eq!(web::sweep_uploads(&state, SystemTime::now()).await, 0);
}

#[tokio::test]
async fn a_file_whose_extension_lies_is_refused_and_nothing_is_kept() {
    let (app, teacher, a) = setup().await;
    let (status, body) = upload(&app, &teacher, &a, "รูปกิจกรรม.jpg", &pdf(2), &["1.3"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let m = body["message"].as_str().expect("message");
    assert!(m.contains("นามสกุลไฟล์ .jpg ไม่ตรงกับเนื้อไฟล์ซึ่งเป็นPDF"), "{m}");
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".repeat(400);
    let (status, body) = upload(&app, &teacher, &a, "แผน.pdf", &exe, &["1.3"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().expect("m").contains("ไม่รับ"),
        "{body}"
    );
    nothing_kept(&app, &a).await;
}

#[tokio::test]
async fn an_oversized_or_empty_file_is_refused_before_its_bytes_and_nothing_is_kept() {
    let (app, teacher, a) = setup().await;
    let r = open(&app, &teacher, &a, "ว่าง.pdf", 0, &["1.1"]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.json::<Value>().await.expect("json")["message"]
            .as_str()
            .expect("m")
            .contains("ว่างเปล่า")
    );
    let r = open(
        &app,
        &teacher,
        &a,
        "ใหญ่มาก.mp4",
        3 * 1024 * 1024 * 1024,
        &["1.1"],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.json::<Value>().await.expect("json")["message"]
            .as_str()
            .expect("m")
            .contains("ใหญ่เกิน")
    );
    // A PDF declared at 60 MB: the first chunk shows it is a PDF, whose limit is 50 MB.
    let r = open(&app, &teacher, &a, "สแกน.pdf", 60 * 1024 * 1024, &["1.1"]).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let uid = id_of(r).await;
    let mut first = pdf(3);
    first.resize(CHUNK, b' ');
    let r = patch(&app, &teacher, &uid, 0, &first).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let m = r.json::<Value>().await.expect("json")["message"]
        .as_str()
        .expect("m")
        .to_owned();
    assert!(m.contains("50 MB"), "{m}");
    // Sending more than declared is refused too.
    let r = open(&app, &teacher, &a, "แผน.pdf", 100, &["1.1"]).await;
    let uid = id_of(r).await;
    let r = patch(&app, &teacher, &uid, 0, &pdf(1)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    nothing_kept(&app, &a).await;
}

#[tokio::test]
async fn a_zip_bomb_dressed_as_a_word_file_is_refused_and_nothing_is_kept() {
    let (app, teacher, a) = setup().await;
    let mut bomb = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bomb);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options)
            .expect("entry");
        std::io::Write::write_all(&mut zip, b"<Types/>").expect("write");
        zip.start_file("word/document.xml", options).expect("entry");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..700 {
            std::io::Write::write_all(&mut zip, &zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    let bytes = bomb.into_inner();
    let (status, body) = upload(&app, &teacher, &a, "รายงาน.docx", &bytes, &["2.1"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().expect("m").contains("zip bomb"),
        "{body}"
    );
    nothing_kept(&app, &a).await;
}

#[tokio::test]
async fn a_script_url_is_refused_and_nothing_is_kept() {
    let (app, teacher, a) = setup().await;
    for url in [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "youtube",
    ] {
        let r = post(
            &app,
            &teacher,
            &format!("/agreements/{a}/evidence/link"),
            &[
                ("url".into(), url.into()),
                ("title".into(), "คลิป".into()),
                ("indicator".into(), "1.3".into()),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let html = r.text().await.expect("body");
        assert!(html.contains("ลิงก์ต้องขึ้นต้นด้วย https://"), "{url}: {html}");
        assert!(
            !html.contains("<script>alert(1)"),
            "echoed unescaped: {html}"
        );
    }
    nothing_kept(&app, &a).await;
}

#[tokio::test]
async fn the_self_report_is_checked_submitted_frozen_and_downloaded() {
    let (app, teacher, a) = setup().await;
    let content = app.store.agreement(&a).await.expect("agreement").content;
    let (status, _) = upload(&app, &teacher, &a, "กิจกรรม.png", &png(), &["1.1", "1.2"]).await;
    assert_eq!(status, StatusCode::CREATED);
    // The maker chooses to print the photo in the report.
    let photo = app.store.evidence_of(&a).await.expect("list")[0].id.clone();
    let r = post(
        &app,
        &teacher,
        &format!("/evidence/{photo}/inline"),
        &[("inline".into(), "yes".into())],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        app.store
            .evidence(&photo)
            .await
            .expect("photo")
            .item()
            .inline
    );
    let mut fields: Vec<(String, String)> = Vec::new();
    for i in 0..content.part1.len() {
        fields.push((format!("part1/{i}/done"), "จัดการเรียนรู้ตามแผน".into()));
        fields.push((
            format!("part1/{i}/achieved"),
            "นักเรียนร้อยละ 85 ผ่านเกณฑ์".into(),
        ));
    }
    for (c, ch) in content.challenges.iter().enumerate() {
        fields.push((
            format!("challenges/{c}/qualitative"),
            "นักเรียนอ่านคล่องขึ้น".into(),
        ));
        for t in 0..ch.quantitative.len() {
            fields.push((format!("challenges/{c}/targets/{t}/achieved"), "85".into()));
        }
    }
    // A value that is not a number is refused, and what was typed stays on the page.
    let mut bad = fields.clone();
    bad.retain(|(k, _)| k != "challenges/0/targets/0/achieved");
    bad.push(("challenges/0/targets/0/achieved".into(), "แปดสิบ".into()));
    bad.push(("version".into(), "0".into()));
    let r = post(&app, &teacher, &format!("/agreements/{a}/report"), &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.expect("body");
    assert!(html.contains("ผลที่ได้ต้องเป็นตัวเลข"), "{html}");
    assert!(html.contains("นักเรียนอ่านคล่องขึ้น"), "typed text kept: {html}");
    assert!(app.store.self_report(&a).await.expect("read").is_none());
    // Submitting with indicators neither proven nor explained is refused, the draft kept.
    let mut submit = fields.clone();
    submit.push(("version".into(), "0".into()));
    submit.push(("action".into(), "submit".into()));
    let r = post(&app, &teacher, &format!("/agreements/{a}/report"), &submit).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("ตัวชี้วัด 1.3"));
    let stored = app
        .store
        .self_report(&a)
        .await
        .expect("read")
        .expect("draft");
    assert!(!stored.submitted);
    let form = common::committee::form();
    for code in form
        .indicator_codes()
        .into_iter()
        .filter(|c| !["1.1", "1.2"].contains(c))
    {
        fields.push((
            format!("explain/{code}"),
            "บันทึกไว้ในแผนการจัดการเรียนรู้ของตัวชี้วัด 1.1".into(),
        ));
    }
    fields.push(("version".into(), stored.version.to_string()));
    fields.push(("action".into(), "submit".into()));
    let r = post(&app, &teacher, &format!("/agreements/{a}/report"), &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        app.store
            .self_report(&a)
            .await
            .expect("read")
            .expect("report")
            .submitted
    );
    assert_eq!(
        app.store.agreement(&a).await.expect("a").state,
        domain::workflow::AgreementState::SelfReportSubmitted
    );
    let r = open(&app, &teacher, &a, "เพิ่ม.pdf", 100, &["1.1"]).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "evidence is frozen"
    );
    let r = teacher
        .get(app.url(&format!("/agreements/{a}/report.pdf")))
        .send()
        .await
        .expect("pdf");
    assert_eq!(r.status(), StatusCode::OK);
    let pdf = r.bytes().await.expect("bytes");
    assert!(pdf.starts_with(b"%PDF"));
    // Kept beside the screenshots, to look at as the maker would.
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).expect("screenshots folder");
    std::fs::write(shots.join("self-report.pdf"), &pdf).expect("write the report");
}
