//! Evidence through the year: the page that lists an agreement's evidence per indicator (with
//! seed 003's suggestions and what is still missing), resumable uploads, links and notes, and
//! the signed, expiring download links.
//!
//! Uploads follow a small resumable protocol: `POST /agreements/{id}/uploads` with the file's
//! name, size and details opens one (refused before any byte when the details or the size are
//! wrong); `PATCH /uploads/{uid}` with `Upload-Offset` appends a chunk, streamed to the node's
//! staging disk, never held whole in memory (one request per upload at a time: another gets 423
//! and the offset to go on from); `GET /uploads/{uid}` tells a client that lost its
//! connection where to resume. The first chunk decides the file's kind by its content; the last
//! one has the whole file examined (zip bombs, pages, length, thumbnail) and moved to the blob
//! store, and the evidence recorded. Any refusal removes what was staged: nothing is kept.

pub mod inspect;
mod page;
mod report;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use store::agreements::StoredAgreement;
use store::evidence::{Details, FileFacts, NewEvidence, Upload};
use store::people::Person;
use store::{AgreementId, StoreError};
use tokio::io::AsyncWriteExt;

use crate::agreements::load;
use crate::auth::CurrentUser;
use crate::evaluations::field;
use crate::{AppState, WebError};
use inspect::Limits;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/agreements/{id}/evidence", get(page::show))
        .route(
            "/agreements/{id}/report",
            get(report::show).post(report::save),
        )
        .route("/agreements/{id}/report.pdf", get(report::pdf))
        .route("/agreements/{id}/report.docx", get(report::docx))
        .route("/agreements/{id}/uploads", post(create_upload))
        .route("/uploads/{uid}", get(upload_offset).patch(append))
        .route("/agreements/{id}/evidence/link", post(page::add_link))
        .route("/agreements/{id}/evidence/note", post(page::add_note))
        .route("/evidence/{eid}/delete", post(page::delete))
        .route("/evidence/{eid}/inline", post(page::inline))
        .route("/evidence/{eid}/{what}", get(download))
}

/// How long a download link works.
const LINK_SECONDS: i64 = 3600;

pub fn limits(state: &AppState) -> Limits {
    Limits {
        video: state.config.evidence_video_max_bytes,
        other: state.config.evidence_file_max_bytes,
    }
}

/// A download link for evidence `eid` (`file` or `thumb`), valid for an hour.
pub fn signed_link(state: &AppState, eid: &str, what: &str) -> String {
    let expires = chrono::Utc::now().timestamp() + LINK_SECONDS;
    format!(
        "/evidence/{eid}/{what}?e={expires}&s={}",
        signature(state, eid, what, expires)
    )
}

fn signature(state: &AppState, eid: &str, what: &str, expires: i64) -> String {
    let mut h = Sha256::new();
    h.update(state.link_key.as_slice());
    h.update(format!("\u{0}{eid}\u{0}{what}\u{0}{expires}").as_bytes());
    h.update(state.link_key.as_slice());
    hex::encode(h.finalize())
}

/// The agreement and its maker, if `user` may read its evidence: its maker, its approver, its
/// committees' members, the officers above the maker and administrators. Anyone else gets the
/// 404 of an unknown id.
pub async fn readable(
    state: &AppState,
    user: &CurrentUser,
    id: &AgreementId,
) -> Result<(StoredAgreement, Person), WebError> {
    match load(state, user, id.as_str()).await {
        Ok(v) => Ok((v.stored, v.maker)),
        Err(WebError::NotFound) => {
            let me = user.person_id();
            let member = state
                .store
                .committees_of(id)
                .await?
                .iter()
                .any(|c| c.member_of(&me).is_some());
            if !member {
                return Err(WebError::NotFound);
            }
            let a = state.store.agreement(id).await?;
            let maker = state.store.person(&a.person_id).await?;
            Ok((a, maker))
        }
        Err(e) => Err(e),
    }
}

fn staging(state: &AppState, uid: &str) -> Result<PathBuf, WebError> {
    if !uid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(WebError::NotFound);
    }
    Ok(state.config.blobs_dir.join("staging").join(uid))
}

fn refusal(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({"message": message.into()}))).into_response()
}

fn csrf(user: &CurrentUser, headers: &HeaderMap) -> Result<(), WebError> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    user.verify_csrf(token)
}

/// The details as the upload and the other evidence forms post them.
pub fn details_of(fields: &[(String, String)]) -> Details {
    Details {
        title: field(fields, "title"),
        description: field(fields, "description"),
        date: chrono::NaiveDate::parse_from_str(&field(fields, "date"), "%Y-%m-%d").ok(),
        indicators: fields
            .iter()
            .filter(|(k, _)| k == "indicator")
            .map(|(_, v)| v.clone())
            .collect(),
        challenges: fields
            .iter()
            .filter(|(k, _)| k == "challenge")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    }
}

async fn create_upload(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    csrf(&user, &headers)?;
    let file_name = field(&fields, "file_name");
    let Ok(size) = field(&fields, "size").parse::<u64>() else {
        return Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "ไม่ทราบขนาดไฟล์ กรุณาเลือกไฟล์ใหม่",
        ));
    };
    if size == 0 {
        return Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("ไฟล์ \"{file_name}\" ว่างเปล่า (0 ไบต์) ไม่มีอะไรให้แนบ"),
        ));
    }
    let max = inspect::max_size(&limits(&state));
    if size > max {
        return Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "ไฟล์ \"{file_name}\" ใหญ่เกินที่รับได้ (วิดีโอไม่เกิน {} MB ไฟล์อื่นไม่เกิน {} MB)",
                state.config.evidence_video_max_bytes / (1024 * 1024),
                state.config.evidence_file_max_bytes / (1024 * 1024)
            ),
        ));
    }
    if file_name.is_empty() || file_name.chars().count() > 255 {
        return Ok(refusal(StatusCode::UNPROCESSABLE_ENTITY, "ชื่อไฟล์ไม่ถูกต้อง"));
    }
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    match state
        .store
        .create_upload(
            &user.person_id(),
            &AgreementId(id),
            &file_name,
            size,
            &details_of(&fields),
        )
        .await
    {
        Ok(uid) => Ok((StatusCode::CREATED, Json(json!({"id": uid, "offset": 0}))).into_response()),
        Err(StoreError::Invalid(m)) => Ok(refusal(StatusCode::UNPROCESSABLE_ENTITY, m)),
        Err(e) => Err(e.into()),
    }
}

/// Uploads whose bytes are streaming in on this node: one request at a time per upload, so a
/// client that comes back (a reloaded page, a retry) while its old request still drains cannot
/// interleave its chunks with the old ones.
#[derive(Clone, Default)]
pub struct Streaming(Arc<Mutex<HashSet<String>>>);

/// An upload claimed by one request until it is dropped.
struct Claim {
    streaming: Streaming,
    uid: String,
}

impl Streaming {
    fn claim(&self, uid: &str) -> Option<Claim> {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        now.insert(uid.to_owned()).then(|| Claim {
            streaming: self.clone(),
            uid: uid.to_owned(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut now = self
            .streaming
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        now.remove(&self.uid);
    }
}

/// Gives up the uploads that have had no bytes for `evidence_upload_keep_hours` as of `now`:
/// their staged part on this node's disk and their record go (a maker who walked away from a
/// 2 GB clip does not keep that disk). An upload with a request streaming now is left alone.
/// Returns how many went. The server runs it when it starts and every hour.
pub async fn sweep_uploads(state: &AppState, now: std::time::SystemTime) -> usize {
    let keep = std::time::Duration::from_secs(state.config.evidence_upload_keep_hours * 3600);
    let cutoff = now.checked_sub(keep).unwrap_or(std::time::UNIX_EPOCH);
    let mut gone = 0;
    let dir = state.config.blobs_dir.join("staging");
    // Staged parts last written before the cutoff, with or without a record.
    if let Ok(mut entries) = tokio::fs::read_dir(&dir).await {
        while let Ok(Some(entry)) = entries.next_entry().await {
            let uid = entry.file_name().to_string_lossy().into_owned();
            let stale = entry
                .metadata()
                .await
                .and_then(|m| m.modified())
                .is_ok_and(|at| at < cutoff);
            if !stale || staging(state, &uid).is_err() {
                continue;
            }
            let Some(_claim) = state.streaming.claim(&uid) else {
                continue;
            };
            if tokio::fs::remove_file(entry.path()).await.is_ok()
                && state.store.drop_upload(&uid).await.is_ok()
            {
                gone += 1;
            }
        }
    }
    // Uploads opened before the cutoff that never got a byte here.
    let opened_before = cutoff
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    match state.store.uploads_opened_before(opened_before).await {
        Ok(ids) => {
            for uid in ids {
                let Ok(path) = staging(state, &uid) else {
                    continue;
                };
                let Some(_claim) = state.streaming.claim(&uid) else {
                    continue;
                };
                if !tokio::fs::try_exists(&path).await.unwrap_or(true)
                    && state.store.drop_upload(&uid).await.is_ok()
                {
                    gone += 1;
                }
            }
        }
        Err(e) => tracing::error!(error = %e, "could not list the unfinished uploads"),
    }
    if gone > 0 {
        tracing::info!(uploads = gone, "gave up unfinished uploads");
    }
    gone
}

/// The caller's own upload, or 404.
async fn own_upload(state: &AppState, user: &CurrentUser, uid: &str) -> Result<Upload, WebError> {
    let upload = state.store.upload(uid).await?;
    if upload.person_id != user.person_id() {
        return Err(WebError::NotFound);
    }
    Ok(upload)
}

async fn staged_len(path: &std::path::Path) -> u64 {
    tokio::fs::metadata(path)
        .await
        .map(|m| m.len())
        .unwrap_or(0)
}

async fn upload_offset(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(uid): Path<String>,
) -> Result<Response, WebError> {
    let upload = own_upload(&state, &user, &uid).await?;
    let offset = staged_len(&staging(&state, &uid)?).await;
    Ok(Json(json!({"id": uid, "offset": offset, "size": upload.size})).into_response())
}

/// Gives up an upload: its staged bytes and its record go.
async fn abandon(
    state: &AppState,
    uid: &str,
    path: &std::path::Path,
    message: String,
) -> Result<Response, WebError> {
    let _ = tokio::fs::remove_file(path).await;
    state.store.drop_upload(uid).await?;
    Ok(refusal(StatusCode::UNPROCESSABLE_ENTITY, message))
}

async fn append(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(uid): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, WebError> {
    csrf(&user, &headers)?;
    let upload = own_upload(&state, &user, &uid).await?;
    let path = staging(&state, &uid)?;
    let Some(_claim) = state.streaming.claim(&uid) else {
        return Ok((
            StatusCode::LOCKED,
            Json(json!({
                "message": "ยังรับไฟล์นี้จากการส่งครั้งก่อนอยู่ รอสักครู่แล้วส่งต่อ",
                "offset": staged_len(&path).await,
            })),
        )
            .into_response());
    };
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(|e| {
            WebError::Internal(crate::error::InternalError(format!("staging: {e}")))
        })?;
    }
    let have = staged_len(&path).await;
    let offset = headers
        .get("upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if offset != Some(have) {
        return Ok((
            StatusCode::CONFLICT,
            Json(json!({"message": "ตำแหน่งต่อไฟล์ไม่ตรงกับที่ได้รับไว้ ส่งต่อจากตำแหน่งนี้", "offset": have})),
        )
            .into_response());
    }
    let size = u64::try_from(upload.size).unwrap_or(0);
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .await
        .map_err(|e| WebError::Internal(crate::error::InternalError(format!("staging: {e}"))))?;
    let mut written = have;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            // The connection dropped: what arrived is kept for the client to resume from.
            let _ = file.flush().await;
            return Ok(refusal(
                StatusCode::BAD_REQUEST,
                "การเชื่อมต่อขาดระหว่างส่ง ส่งต่อได้จากจุดที่ค้าง",
            ));
        };
        written += chunk.len() as u64;
        if written > size {
            drop(file);
            return abandon(
                &state,
                &uid,
                &path,
                "ไฟล์ที่ส่งมายาวกว่าขนาดที่แจ้งไว้ กรุณาเลือกไฟล์ใหม่".into(),
            )
            .await;
        }
        if file.write_all(&chunk).await.is_err() {
            return Ok(refusal(
                StatusCode::INSUFFICIENT_STORAGE,
                "เซิร์ฟเวอร์บันทึกไฟล์ไม่ได้ (พื้นที่อาจเต็ม) กรุณาลองใหม่ภายหลัง",
            ));
        }
    }
    file.flush().await.ok();
    drop(file);
    if written == size {
        return finish(&state, &user, upload, path).await;
    }
    // The first bytes decide the kind: refuse a wrong file now, not after two gigabytes (when
    // the first chunk holds enough of them; the last one has the whole file checked anyway).
    if have == 0 {
        let head = read_head(&path).await;
        if head.len() >= 4096
            && let Err(m) = inspect::sniff(&head, &upload.file_name, size, &limits(&state))
        {
            return abandon(&state, &uid, &path, m).await;
        }
    }
    Ok(Json(json!({"offset": written})).into_response())
}

async fn read_head(path: &std::path::Path) -> Vec<u8> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || inspect::head(&path).unwrap_or_default())
        .await
        .unwrap_or_default()
}

/// The whole file is here: examine it, store it, record the evidence.
async fn finish(
    state: &AppState,
    user: &CurrentUser,
    upload: Upload,
    path: PathBuf,
) -> Result<Response, WebError> {
    let limits = limits(state);
    let name = upload.file_name.clone();
    let size = u64::try_from(upload.size).unwrap_or(0);
    let staged = path.clone();
    let examined = tokio::task::spawn_blocking(move || {
        let head = inspect::head(&staged).map_err(|e| format!("อ่านไฟล์ไม่ได้: {e}"))?;
        let found = inspect::sniff(&head, &name, size, &limits)?;
        let found = inspect::examine(&staged, found)?;
        let sha = inspect::sha256_of(&staged).map_err(|e| format!("อ่านไฟล์ไม่ได้: {e}"))?;
        let thumb = if found.image {
            inspect::thumbnail(&staged)
        } else {
            None
        };
        Ok::<_, String>((found, sha, thumb))
    })
    .await
    .map_err(|e| WebError::Internal(crate::error::InternalError(format!("inspect: {e}"))))?;
    let (found, sha, thumb) = match examined {
        Ok(x) => x,
        Err(m) => return abandon(state, &upload.id, &path, m).await,
    };
    let key = format!(
        "evidence/{}/{}",
        upload.agreement_id,
        uuid::Uuid::new_v4().simple()
    );
    state.blobs.put_file(&key, &path).await?;
    let thumbnail = match thumb {
        Some(bytes) => {
            let thumb_path = path.with_extension("thumb");
            let thumb_key = format!("{key}.thumb.jpg");
            if tokio::fs::write(&thumb_path, bytes).await.is_ok()
                && state.blobs.put_file(&thumb_key, &thumb_path).await.is_ok()
            {
                Some(thumb_key)
            } else {
                None
            }
        }
        None => None,
    };
    let facts = FileFacts {
        blob_key: key.clone(),
        file_name: upload.file_name.clone(),
        media_type: found.media_type.to_owned(),
        size: upload.size,
        sha256: sha,
        pages: found.pages,
        duration_seconds: found.duration_seconds,
        width: found.width,
        height: found.height,
        thumbnail: thumbnail.clone(),
        inline: false,
    };
    let new = NewEvidence::file(upload.details.clone(), facts, Some(&upload.id));
    match state
        .store
        .add_evidence(&user.person_id(), &upload.agreement_id, &new)
        .await
    {
        Ok(eid) => Ok((
            StatusCode::CREATED,
            Json(json!({"done": true, "evidence": eid, "kind": found.label})),
        )
            .into_response()),
        Err(e) => {
            // Not recorded (the report went in meanwhile, say): nothing may stay behind.
            let _ = state.blobs.delete(&key).await;
            if let Some(t) = thumbnail {
                let _ = state.blobs.delete(&t).await;
            }
            state.store.drop_upload(&upload.id).await?;
            match e {
                StoreError::Invalid(m) => Ok(refusal(StatusCode::UNPROCESSABLE_ENTITY, m)),
                other => Err(other.into()),
            }
        }
    }
}

#[derive(Deserialize)]
struct LinkQuery {
    #[serde(default)]
    e: i64,
    #[serde(default)]
    s: String,
}

/// GET /evidence/{eid}/file or /thumb with a valid, unexpired signature, for someone who may
/// read the agreement's evidence.
async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((eid, what)): Path<(String, String)>,
    Query(q): Query<LinkQuery>,
) -> Result<Response, WebError> {
    if !matches!(what.as_str(), "file" | "thumb") {
        return Err(WebError::NotFound);
    }
    let expected = signature(&state, &eid, &what, q.e);
    if !crate::auth::constant_time_eq(&expected, &q.s) || q.e < chrono::Utc::now().timestamp() {
        return Err(WebError::Missing(
            "ลิงก์ไฟล์นี้หมดอายุหรือไม่ถูกต้อง กรุณาเปิดจากหน้าหลักฐานอีกครั้ง".into(),
        ));
    }
    let e = state.store.evidence(&eid).await?;
    readable(&state, &user, &e.agreement_id).await?;
    let file = e.file.ok_or(WebError::NotFound)?;
    let (key, media_type) = match what.as_str() {
        "thumb" => (
            file.thumbnail.ok_or(WebError::NotFound)?,
            "image/jpeg".to_owned(),
        ),
        _ => (file.blob_key, file.media_type),
    };
    let stream = state.blobs.get(&key).await?;
    let ascii: String = file
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{ascii}\""),
            ),
            (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// After a form post: back to the evidence page.
pub fn back(id: &str, done: &str) -> Response {
    Redirect::to(&format!("/agreements/{id}/evidence?done={done}")).into_response()
}
