//! The checks only the database can make, run on a parsed file before anything is written:
//! units that exist (and that the importer manages), e-mail addresses owned by someone else,
//! parents that come first. Rows that fail move from `ok` to `errors`, so a dry run lists
//! exactly the rows an import would refuse.

use std::collections::{BTreeSet, HashSet};

use domain::directory::{PersonRecord, UnitRecord};

use super::{Parsed, RowError};
use crate::{Result, Store};

impl Store {
    /// People rows whose unit is unknown, outside `allowed_units` (unit ids; `None` = any), or
    /// whose e-mail belongs to a different person become errors.
    pub async fn check_people(
        &self,
        parsed: Parsed<PersonRecord>,
        allowed_units: Option<&BTreeSet<String>>,
    ) -> Result<Parsed<PersonRecord>> {
        let Parsed {
            ok,
            mut errors,
            warnings,
        } = parsed;
        let mut kept = Vec::with_capacity(ok.len());
        for (row, r) in ok {
            let mut messages = Vec::new();
            match self.unit_by_code(&r.unit_code).await? {
                None => messages.push(format!(
                    "ไม่พบหน่วยงานรหัส {} ในระบบ: นำเข้าหน่วยงานก่อน หรือแก้รหัสให้ถูกต้อง",
                    r.unit_code
                )),
                Some(u) if allowed_units.is_some_and(|a| !a.contains(&u.id)) => messages.push(
                    format!("หน่วยงาน {} ({}) ไม่อยู่ในความดูแลของคุณ", u.name, u.code),
                ),
                Some(_) => {}
            }
            if let Some(email) = &r.email {
                let owner: Option<(Option<String>, String, String)> = sqlx::query_as(
                    "SELECT citizen_id, first_name, last_name FROM people WHERE email = $1",
                )
                .bind(email.as_str())
                .fetch_optional(self.pool())
                .await?;
                if let Some((cid, first, last)) = owner
                    && (cid.is_none()
                        || cid.as_deref() != r.citizen_id.as_ref().map(|c| c.as_str()))
                {
                    messages.push(format!(
                        "อีเมล {} เป็นของ {first} {last} ซึ่งมีอยู่ในระบบแล้ว",
                        email.as_str()
                    ));
                }
            }
            if messages.is_empty() {
                kept.push((row, r));
            } else {
                errors.push(RowError { row, messages });
            }
        }
        errors.sort_by_key(|e| e.row);
        Ok(Parsed {
            ok: kept,
            errors,
            warnings,
        })
    }

    /// Unit rows whose parent is neither in the database nor on an earlier row become errors.
    pub async fn check_units(&self, parsed: Parsed<UnitRecord>) -> Result<Parsed<UnitRecord>> {
        let Parsed {
            ok,
            mut errors,
            warnings,
        } = parsed;
        let mut earlier: HashSet<String> = HashSet::new();
        let mut kept = Vec::with_capacity(ok.len());
        for (row, r) in ok {
            let parent_known = match &r.parent_code {
                None => true,
                Some(code) => earlier.contains(code) || self.unit_by_code(code).await?.is_some(),
            };
            if parent_known {
                earlier.insert(r.code.clone());
                kept.push((row, r));
            } else {
                let code = r.parent_code.clone().unwrap_or_default();
                errors.push(RowError {
                    row,
                    messages: vec![format!(
                        "ไม่พบหน่วยงานต้นสังกัดรหัส {code}: ใส่หน่วยงานต้นสังกัดไว้ในแถวก่อนหน้า หรือนำเข้าก่อน"
                    )],
                });
            }
        }
        errors.sort_by_key(|e| e.row);
        Ok(Parsed {
            ok: kept,
            errors,
            warnings,
        })
    }
}
