//! An agreement's history in Thai, read from its audit events, so the story shown is the one
//! the hash chain vouches for.

use std::collections::BTreeMap;

use domain::workflow::AgreementState;
use serde_json::Value;

use super::HistoryEntry;
use crate::audit::AuditRow;
use crate::{AgreementId, Result, Store, StoreError};

impl Store {
    /// The agreement's history for both sides, oldest first. Consecutive draft saves read as
    /// one line ("บันทึกร่าง 5 ครั้ง", at the last of them).
    pub async fn agreement_history(&self, id: &AgreementId) -> Result<Vec<HistoryEntry>> {
        let events = self.audit_of("agreement", &id.0).await?;
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for actor in events.iter().filter_map(|e| e.actor_id.as_deref()) {
            if names.contains_key(actor) {
                continue;
            }
            let row: Option<(String, String, String)> =
                sqlx::query_as("SELECT title, first_name, last_name FROM people WHERE id = $1")
                    .bind(actor)
                    .fetch_optional(self.pool())
                    .await?;
            let name = row.map_or_else(
                || "ไม่ทราบชื่อ".to_owned(),
                |(title, first, last)| format!("{title}{first} {last}"),
            );
            names.insert(actor.to_owned(), name);
        }
        let mut out: Vec<HistoryEntry> = Vec::new();
        let mut saves = 0;
        for e in &events {
            let actor_name = e
                .actor_id
                .as_deref()
                .and_then(|a| names.get(a).cloned())
                .unwrap_or_else(|| "ระบบ".to_owned());
            if e.action == "agreement.save" {
                if saves > 0
                    && let Some(last) = out.last_mut()
                {
                    saves += 1;
                    last.at = e.at;
                    last.what = format!("บันทึกร่าง {saves} ครั้ง");
                    continue;
                }
                saves = 1;
            } else {
                saves = 0;
            }
            out.push(HistoryEntry {
                at: e.at,
                actor_name,
                what: describe(e)?,
            });
        }
        Ok(out)
    }
}

/// One event as a Thai sentence.
fn describe(e: &AuditRow) -> Result<String> {
    let detail: Value = serde_json::from_str(&e.detail)
        .map_err(|err| StoreError::Corrupt(format!("รายละเอียดเหตุการณ์ลำดับที่ {}: {err}", e.seq)))?;
    let text = |key: &str| {
        detail
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let number = detail
        .get("version_number")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    Ok(match e.action.as_str() {
        "agreement.create" => "สร้างข้อตกลง".to_owned(),
        "agreement.save" => "บันทึกร่าง".to_owned(),
        "agreement.submit" => format!("เสนอข้อตกลง ฉบับที่ {number}"),
        "agreement.review" => match text("decision").as_str() {
            "return" => format!("ไม่เห็นชอบ พร้อมข้อเสนอแนะ: {}", text("suggestions")),
            _ if text("suggestions").is_empty() => format!("เห็นชอบ ฉบับที่ {number}"),
            _ => format!(
                "เห็นชอบ ฉบับที่ {number} พร้อมข้อเสนอแนะ: {}",
                text("suggestions")
            ),
        },
        "agreement.amendment_request" => format!("ขอแก้ไขข้อตกลง: เหตุผล {}", text("reason")),
        "agreement.amendment_allow" if text("reason").is_empty() => "อนุญาตให้แก้ไขข้อตกลง".to_owned(),
        "agreement.amendment_allow" => format!("อนุญาตให้แก้ไขข้อตกลง: {}", text("reason")),
        "agreement.amendment_refuse" => {
            format!("ไม่อนุญาตให้แก้ไขข้อตกลง: เหตุผล {}", text("reason"))
        }
        "agreement.transition" => format!(
            "เปลี่ยนสถานะจาก \"{}\" เป็น \"{}\"",
            state_thai(&text("from")),
            state_thai(&text("to"))
        ),
        other => format!("ดำเนินการ ({other})"),
    })
}

fn state_thai(code: &str) -> String {
    serde_json::from_value::<AgreementState>(Value::String(code.to_owned()))
        .map_or_else(|_| code.to_owned(), |s| s.thai().to_owned())
}
