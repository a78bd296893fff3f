//! Evidence through the year (files, links, notes attached to indicators and challenges), the
//! resumable uploads that bring files in, and the self-report that freezes them. Blobs live
//! behind [`crate::blobs::Blobs`]; this module keeps their records.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::report::{EvidenceItem, EvidenceKind, SelfReport};
use domain::workflow::{Actor, AgreementAction};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::agreements::{StoredAgreement, agreement_in, form_named, state_code};
use crate::audit::{self, Event};
use crate::{AgreementId, PersonId, Result, Store, StoreError, new_id, now_ms};

/// What the maker says of a piece of evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub indicators: Vec<String>,
    #[serde(default)]
    pub challenges: Vec<usize>,
}

/// What was found in a stored file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    pub blob_key: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    #[serde(default)]
    pub pages: Option<u32>,
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
    /// A JPEG thumbnail's blob key, for images.
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// The maker wants this image printed in the self-report.
    #[serde(default)]
    pub inline: bool,
}

/// One piece of evidence as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub id: String,
    pub agreement_id: AgreementId,
    pub kind: EvidenceKind,
    pub details: Details,
    pub file: Option<FileFacts>,
    pub url: String,
    pub created_at: i64,
}

impl Evidence {
    /// As the self-report and its checks read it.
    pub fn item(&self) -> EvidenceItem {
        let f = self.file.clone().unwrap_or_default();
        EvidenceItem {
            id: self.id.clone(),
            kind: self.kind,
            title: self.details.title.clone(),
            description: self.details.description.clone(),
            date: self.details.date,
            indicators: self.details.indicators.clone(),
            challenges: self.details.challenges.clone(),
            file_name: f.file_name,
            media_type: f.media_type,
            size: f.size,
            url: self.url.clone(),
            pages: f.pages,
            duration_seconds: f.duration_seconds,
            inline: f.inline,
        }
    }
}

/// A piece of evidence to record: a stored file, a link or a note, and the upload it completes.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvidence {
    pub kind: EvidenceKind,
    pub details: Details,
    pub file: Option<FileFacts>,
    pub url: String,
    pub upload: Option<String>,
}

impl NewEvidence {
    pub fn link(details: Details, url: &str) -> NewEvidence {
        NewEvidence {
            kind: EvidenceKind::Link,
            details,
            file: None,
            url: url.to_owned(),
            upload: None,
        }
    }

    pub fn note(details: Details) -> NewEvidence {
        NewEvidence {
            kind: EvidenceKind::Note,
            details,
            file: None,
            url: String::new(),
            upload: None,
        }
    }

    pub fn file(details: Details, file: FileFacts, upload: Option<&str>) -> NewEvidence {
        NewEvidence {
            kind: EvidenceKind::File,
            details,
            file: Some(file),
            url: String::new(),
            upload: upload.map(str::to_owned),
        }
    }
}

/// A resumable upload waiting for its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub id: String,
    pub agreement_id: AgreementId,
    pub person_id: PersonId,
    pub file_name: String,
    pub size: i64,
    pub details: Details,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredReport {
    pub report: SelfReport,
    pub submitted: bool,
    pub submitted_at: Option<i64>,
    pub version: i64,
}

fn kind_code(k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::File => "file",
        EvidenceKind::Link => "link",
        EvidenceKind::Note => "note",
    }
}

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

type Tx = sqlx::Transaction<'static, sqlx::Any>;

async fn submitted_in(tx: &mut Tx, id: &AgreementId) -> Result<bool> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT state FROM self_reports WHERE agreement_id = $1")
            .bind(&id.0)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.is_some_and(|(s,)| s == "submitted"))
}

/// The maker's own agreement, open for evidence: approved (or being evaluated) and its report
/// not yet submitted.
async fn open_for_evidence(
    tx: &mut Tx,
    by: &PersonId,
    id: &AgreementId,
) -> Result<StoredAgreement> {
    let a = agreement_in(tx, id).await?;
    if a.person_id != *by {
        return Err(StoreError::NotFound("ข้อตกลง"));
    }
    if submitted_in(tx, id).await? {
        return Err(StoreError::Invalid(
            "ส่งรายงานผลการพัฒนางานแล้ว หลักฐานถูกบันทึกไว้กับรายงาน เพิ่มหรือลบไม่ได้".into(),
        ));
    }
    if !a.state.takes_evidence() {
        return Err(StoreError::Invalid(format!(
            "แนบหลักฐานได้เมื่อข้อตกลงได้รับความเห็นชอบแล้ว ข้อตกลงนี้อยู่ในสถานะ \"{}\"",
            a.state.thai()
        )));
    }
    Ok(a)
}

/// Checks what the maker says against the agreement: a title, and targets that exist.
fn checked_details(a: &StoredAgreement, d: &Details) -> Result<Details> {
    let form = form_named(&a.form_id)?;
    let mut errors = Vec::new();
    let title = d.title.trim();
    if title.is_empty() {
        errors.push("กรุณาตั้งชื่อหลักฐาน".to_owned());
    }
    if title.chars().count() > 200 {
        errors.push("ชื่อหลักฐานยาวเกิน 200 ตัวอักษร".to_owned());
    }
    if d.description.chars().count() > domain::editing::MAX_TEXT_CHARS {
        errors.push(format!(
            "คำอธิบายยาวเกิน {} ตัวอักษร",
            domain::editing::MAX_TEXT_CHARS
        ));
    }
    for code in d.indicators.iter().filter(|c| form.indicator(c).is_none()) {
        errors.push(format!("ไม่มีตัวชี้วัด \"{code}\" ในแบบฟอร์มนี้"));
    }
    for c in d
        .challenges
        .iter()
        .filter(|c| **c >= a.content.challenges.len())
    {
        errors.push(format!("ไม่มีประเด็นท้าทายที่ {}", c + 1));
    }
    if d.indicators.is_empty() && d.challenges.is_empty() {
        errors.push("กรุณาเลือกตัวชี้วัดหรือประเด็นท้าทายที่หลักฐานนี้แสดง อย่างน้อย 1 รายการ".to_owned());
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors.join(" · ")));
    }
    let mut out = d.clone();
    out.title = title.to_owned();
    out.description = d.description.trim().to_owned();
    out.indicators.sort();
    out.indicators.dedup();
    out.challenges.sort_unstable();
    out.challenges.dedup();
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: String,
    agreement_id: String,
    kind: String,
    title: String,
    description: String,
    taken_on: Option<String>,
    targets: String,
    blob_key: Option<String>,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
    url: String,
    meta: String,
    created_at: i64,
}

#[derive(Serialize, Deserialize, Default)]
struct Targets {
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    challenges: Vec<usize>,
}

#[derive(Serialize, Deserialize, Default)]
struct Meta {
    #[serde(default)]
    pages: Option<u32>,
    #[serde(default)]
    duration_seconds: Option<f64>,
    #[serde(default)]
    width: Option<u32>,
    #[serde(default)]
    height: Option<u32>,
    #[serde(default)]
    thumbnail: Option<String>,
    #[serde(default)]
    inline: bool,
}

impl Meta {
    /// The part of a file's facts kept in `evidence.meta`.
    fn of(f: &FileFacts) -> Meta {
        Meta {
            pages: f.pages,
            duration_seconds: f.duration_seconds,
            width: f.width,
            height: f.height,
            thumbnail: f.thumbnail.clone(),
            inline: f.inline,
        }
    }
}

fn evidence_of_row(r: EvidenceRow) -> Result<Evidence> {
    let kind = match r.kind.as_str() {
        "file" => EvidenceKind::File,
        "link" => EvidenceKind::Link,
        "note" => EvidenceKind::Note,
        other => return Err(corrupt(format!("ชนิดหลักฐาน {other}"))),
    };
    let targets: Targets = serde_json::from_str(&r.targets).map_err(corrupt)?;
    let meta: Meta = serde_json::from_str(&r.meta).map_err(corrupt)?;
    Ok(Evidence {
        id: r.id,
        agreement_id: AgreementId(r.agreement_id),
        kind,
        details: Details {
            title: r.title,
            description: r.description,
            date: r.taken_on.and_then(|d| d.parse().ok()),
            indicators: targets.indicators,
            challenges: targets.challenges,
        },
        file: r.blob_key.map(|blob_key| FileFacts {
            blob_key,
            file_name: r.file_name,
            media_type: r.media_type,
            size: r.size,
            sha256: r.sha256,
            pages: meta.pages,
            duration_seconds: meta.duration_seconds,
            width: meta.width,
            height: meta.height,
            thumbnail: meta.thumbnail,
            inline: meta.inline,
        }),
        url: r.url,
        created_at: r.created_at,
    })
}

const EVIDENCE_COLUMNS: &str = "SELECT id, agreement_id, kind, title, description, taken_on, targets, blob_key, file_name, media_type, size, sha256, url, meta, created_at FROM evidence";

impl Store {
    /// Starts a resumable upload of `size` bytes for the maker's agreement; the details are
    /// checked now, so a refusal comes before any byte is sent.
    pub async fn create_upload(
        &self,
        by: &PersonId,
        agreement: &AgreementId,
        file_name: &str,
        size: i64,
        details: &Details,
    ) -> Result<String> {
        let mut tx = self.write().await?;
        let a = open_for_evidence(&mut tx, by, agreement).await?;
        let details = checked_details(&a, details)?;
        let id = new_id();
        sqlx::query(
            "INSERT INTO uploads (id, agreement_id, person_id, file_name, size, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&agreement.0)
        .bind(&by.0)
        .bind(file_name)
        .bind(size)
        .bind(serde_json::to_string(&details).map_err(corrupt)?)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn upload(&self, id: &str) -> Result<Upload> {
        let row: Option<(String, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT id, agreement_id, person_id, file_name, size, details FROM uploads WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let (id, agreement, person, file_name, size, details) =
            row.ok_or(StoreError::NotFound("การอัปโหลด"))?;
        Ok(Upload {
            id,
            agreement_id: AgreementId(agreement),
            person_id: PersonId(person),
            file_name,
            size,
            details: serde_json::from_str(&details).map_err(corrupt)?,
        })
    }

    /// Uploads opened before `before` (ms since the epoch) and not finished: the ones a sweep
    /// may give up.
    pub async fn uploads_opened_before(&self, before: i64) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM uploads WHERE created_at < $1 ORDER BY id")
                .bind(before)
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn drop_upload(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM uploads WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a piece of evidence: a stored file, a link or a note. A file's upload row, if
    /// any, goes in the same transaction.
    pub async fn add_evidence(
        &self,
        by: &PersonId,
        agreement: &AgreementId,
        new: &NewEvidence,
    ) -> Result<String> {
        let (kind, file, url) = (new.kind, new.file.as_ref(), new.url.as_str());
        let mut tx = self.write().await?;
        let a = open_for_evidence(&mut tx, by, agreement).await?;
        let details = checked_details(&a, &new.details)?;
        let id = new_id();
        let f = file.cloned().unwrap_or_default();
        let meta = Meta::of(&f);
        sqlx::query(
            "INSERT INTO evidence (id, agreement_id, kind, title, description, taken_on, targets, blob_key, file_name, media_type, size, sha256, url, meta, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&id)
        .bind(&agreement.0)
        .bind(kind_code(kind))
        .bind(&details.title)
        .bind(&details.description)
        .bind(details.date.map(|d| d.to_string()))
        .bind(
            serde_json::to_string(&Targets {
                indicators: details.indicators.clone(),
                challenges: details.challenges.clone(),
            })
            .map_err(corrupt)?,
        )
        .bind(file.map(|f| f.blob_key.clone()))
        .bind(&f.file_name)
        .bind(&f.media_type)
        .bind(f.size)
        .bind(&f.sha256)
        .bind(url)
        .bind(serde_json::to_string(&meta).map_err(corrupt)?)
        .bind(&by.0)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if let Some(upload) = &new.upload {
            sqlx::query("DELETE FROM uploads WHERE id = $1")
                .bind(upload)
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "evidence.add",
                entity: "agreement",
                entity_id: &agreement.0,
                detail: json!({
                    "evidence": id, "kind": kind_code(kind), "title": details.title,
                    "file_name": f.file_name, "media_type": f.media_type, "size": f.size,
                    "sha256": f.sha256, "url": url,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The agreement's evidence, oldest first.
    pub async fn evidence_of(&self, agreement: &AgreementId) -> Result<Vec<Evidence>> {
        let rows: Vec<EvidenceRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{EVIDENCE_COLUMNS} WHERE agreement_id = $1 AND deleted_at IS NULL ORDER BY created_at, id"
        )))
        .bind(&agreement.0)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(evidence_of_row).collect()
    }

    pub async fn evidence(&self, id: &str) -> Result<Evidence> {
        let row: EvidenceRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{EVIDENCE_COLUMNS} WHERE id = $1 AND deleted_at IS NULL"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound("หลักฐาน"))?;
        evidence_of_row(row)
    }

    /// The maker deletes a piece of evidence before the report is submitted; the record stays
    /// (marked deleted) for the audit trail. Returns the blob keys to remove from storage.
    pub async fn delete_evidence(&self, by: &PersonId, id: &str) -> Result<Vec<String>> {
        let e = self.evidence(id).await?;
        let mut tx = self.write().await?;
        open_for_evidence(&mut tx, by, &e.agreement_id).await?;
        let changed = sqlx::query(
            "UPDATE evidence SET deleted_at = $1, deleted_by = $2 WHERE id = $3 AND deleted_at IS NULL",
        )
        .bind(now_ms())
        .bind(&by.0)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound("หลักฐาน"));
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "evidence.delete",
                entity: "agreement",
                entity_id: &e.agreement_id.0,
                detail: json!({"evidence": id, "title": e.details.title,
                               "sha256": e.file.as_ref().map(|f| f.sha256.clone())}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(e.file
            .into_iter()
            .flat_map(|f| std::iter::once(f.blob_key).chain(f.thumbnail))
            .collect())
    }

    /// The maker chooses whether an image prints in the self-report (until it is submitted).
    pub async fn set_evidence_inline(&self, by: &PersonId, id: &str, inline: bool) -> Result<()> {
        let e = self.evidence(id).await?;
        let mut tx = self.write().await?;
        open_for_evidence(&mut tx, by, &e.agreement_id).await?;
        let f = e
            .file
            .ok_or_else(|| StoreError::Invalid("หลักฐานนี้ไม่ใช่ไฟล์ภาพ".into()))?;
        if f.thumbnail.is_none() {
            return Err(StoreError::Invalid("พิมพ์ในรายงานได้เฉพาะไฟล์ภาพ".into()));
        }
        let meta = Meta {
            inline,
            ..Meta::of(&f)
        };
        sqlx::query("UPDATE evidence SET meta = $1 WHERE id = $2")
            .bind(serde_json::to_string(&meta).map_err(corrupt)?)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "evidence.inline",
                entity: "agreement",
                entity_id: &e.agreement_id.0,
                detail: json!({"evidence": id, "inline": inline}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The agreement's self-report, if the maker has started it.
    pub async fn self_report(&self, agreement: &AgreementId) -> Result<Option<StoredReport>> {
        let row: Option<(String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT content, state, version, submitted_at FROM self_reports WHERE agreement_id = $1",
        )
        .bind(&agreement.0)
        .fetch_optional(self.pool())
        .await?;
        row.map(|(content, state, version, submitted_at)| {
            Ok(StoredReport {
                report: serde_json::from_str(&content).map_err(corrupt)?,
                submitted: state == "submitted",
                submitted_at,
                version,
            })
        })
        .transpose()
    }

    /// Saves the maker's draft report; `based_on` is the version they saw (0: none yet).
    pub async fn save_self_report(
        &self,
        by: &PersonId,
        agreement: &AgreementId,
        based_on: i64,
        report: &SelfReport,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let a = open_for_evidence(&mut tx, by, agreement).await?;
        let content = serde_json::to_string(&report.clone().fitted(&a.content)).map_err(corrupt)?;
        let now = now_ms();
        let changed = if based_on == 0 {
            sqlx::query(
                "INSERT INTO self_reports (agreement_id, content, state, version, updated_at) VALUES ($1, $2, 'draft', 1, $3) \
                 ON CONFLICT (agreement_id) DO NOTHING",
            )
            .bind(&agreement.0)
            .bind(&content)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        } else {
            sqlx::query(
                "UPDATE self_reports SET content = $1, version = version + 1, updated_at = $2 WHERE agreement_id = $3 AND version = $4",
            )
            .bind(&content)
            .bind(now)
            .bind(&agreement.0)
            .bind(based_on)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        };
        if changed == 0 {
            let current: Option<(i64,)> =
                sqlx::query_as("SELECT version FROM self_reports WHERE agreement_id = $1")
                    .bind(&agreement.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(StoreError::Conflict {
                current: current.map_or(0, |c| c.0),
            });
        }
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "self_report.save",
                entity: "agreement",
                entity_id: &agreement.0,
                detail: json!({"version": based_on + 1}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(based_on + 1)
    }

    /// Submits the report if it passes `domain::report`'s checks; report and evidence are then
    /// frozen, and the agreement moves on (to รายงานผลแล้ว, or stays under evaluation).
    pub async fn submit_self_report(
        &self,
        by: &PersonId,
        agreement: &AgreementId,
        based_on: i64,
    ) -> Result<()> {
        let stored = self
            .self_report(agreement)
            .await?
            .ok_or_else(|| StoreError::Invalid("ยังไม่ได้บันทึกรายงานผล".into()))?;
        let evidence: Vec<EvidenceItem> = self
            .evidence_of(agreement)
            .await?
            .iter()
            .map(Evidence::item)
            .collect();
        let mut tx = self.write().await?;
        let a = open_for_evidence(&mut tx, by, agreement).await?;
        if stored.version != based_on {
            return Err(StoreError::Conflict {
                current: stored.version,
            });
        }
        let form = form_named(&a.form_id)?;
        let findings = stored.report.check(form, &a.content, &evidence);
        if !findings.is_empty() {
            let list: Vec<String> = findings.into_iter().map(|f| f.message).collect();
            return Err(StoreError::Invalid(format!(
                "ส่งรายงานไม่ได้ ยังขาด: {}",
                list.join(" · ")
            )));
        }
        let next = a
            .state
            .apply(Actor::Maker, &AgreementAction::SubmitSelfReport)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let now = now_ms();
        let changed = sqlx::query(
            "UPDATE self_reports SET state = 'submitted', submitted_at = $1, version = version + 1, updated_at = $1 \
             WHERE agreement_id = $2 AND version = $3 AND state = 'draft'",
        )
        .bind(now)
        .bind(&agreement.0)
        .bind(based_on)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict {
                current: stored.version,
            });
        }
        sqlx::query("UPDATE agreements SET state = $1, version = version + 1, state_since = $2, updated_at = $2 WHERE id = $3")
            .bind(state_code(next))
            .bind(now)
            .bind(&agreement.0)
            .execute(&mut *tx)
            .await?;
        let frozen: BTreeMap<String, String> = evidence
            .iter()
            .map(|e| (e.id.clone(), e.title.clone()))
            .collect();
        audit::record(
            &mut tx,
            Event {
                actor: Some(&by.0),
                action: "self_report.submit",
                entity: "agreement",
                entity_id: &agreement.0,
                detail: json!({"version": based_on + 1, "evidence": frozen}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
