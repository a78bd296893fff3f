//! People: who works where, in which position and standing. Never hard-deleted: a person who
//! leaves is deactivated, so their agreements and the audit trail keep their meaning.

use domain::directory::PersonRecord;
use domain::people::{Position, Standing};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Event};
use crate::units::ImportCounts;
use crate::{PersonId, Result, Store, StoreError, UnitId, new_id, now_ms, on_unique};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Person {
    pub id: String,
    pub unit_id: String,
    pub citizen_id: Option<String>,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub position: String,
    pub standing: String,
    pub salary_scale: Option<String>,
    pub salary: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub active: i64,
    pub version: i64,
    /// 1 for an outside expert registered for committee seats (not on the unit's staff).
    pub external: i64,
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{}{} {}", self.title, self.first_name, self.last_name)
    }

    pub fn position(&self) -> Option<Position> {
        serde_json::from_value(serde_json::Value::String(self.position.clone())).ok()
    }

    pub fn standing(&self) -> Option<Standing> {
        serde_json::from_value(serde_json::Value::String(self.standing.clone())).ok()
    }

    pub fn id(&self) -> PersonId {
        PersonId(self.id.clone())
    }

    /// What the committee rules know of this person as a nominee.
    pub fn nominee(&self) -> domain::evaluation::Nominee {
        domain::evaluation::Nominee {
            person_id: self.id.clone(),
            unit_id: self.unit_id.clone(),
            position: self.position(),
            standing: self.standing(),
            external: self.external != 0,
        }
    }
}

/// The columns of [`Person`], as a literal so queries stay `&'static str`.
macro_rules! columns {
    ($p:literal) => {
        concat!(
            $p,
            "id, ",
            $p,
            "unit_id, ",
            $p,
            "citizen_id, ",
            $p,
            "title, ",
            $p,
            "first_name, ",
            $p,
            "last_name, ",
            $p,
            "position, ",
            $p,
            "standing, ",
            $p,
            "salary_scale, ",
            $p,
            "salary, ",
            $p,
            "email, ",
            $p,
            "phone, ",
            $p,
            "active, ",
            $p,
            "version, ",
            $p,
            "external"
        )
    };
}
pub(crate) use columns as person_columns;

fn code_of<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A record's columns, as stored.
struct Columns {
    citizen_id: Option<String>,
    title: String,
    first_name: String,
    last_name: String,
    position: String,
    standing: String,
    salary_scale: Option<String>,
    salary: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl From<&PersonRecord> for Columns {
    fn from(r: &PersonRecord) -> Columns {
        Columns {
            citizen_id: r.citizen_id.as_ref().map(|c| c.as_str().to_owned()),
            title: r.title.clone(),
            first_name: r.first_name.clone(),
            last_name: r.last_name.clone(),
            position: code_of(r.position),
            standing: code_of(r.standing),
            salary_scale: r.salary_scale.clone(),
            salary: r.salary.as_ref().map(ToString::to_string),
            email: r.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: r.phone.clone(),
        }
    }
}

fn duplicate(e: sqlx::Error, c: &Columns) -> StoreError {
    let message = match &e {
        sqlx::Error::Database(db) if db.message().contains("email") => {
            return on_unique(
                e,
                "email",
                format!("อีเมล {} มีผู้ใช้แล้ว", c.email.clone().unwrap_or_default()),
            );
        }
        _ => format!(
            "เลขประจำตัวประชาชน {} มีในระบบแล้ว",
            c.citizen_id.clone().unwrap_or_default()
        ),
    };
    on_unique(e, "citizen_id", message)
}

impl Store {
    /// Adds a person to the unit their record names.
    pub async fn create_person(&self, actor: Option<&str>, r: &PersonRecord) -> Result<PersonId> {
        let mut tx = self.write().await?;
        let unit = unit_id_of(&mut tx, &r.unit_code).await?;
        let id = insert_person(&mut tx, &unit, &Columns::from(r)).await?;
        audit::record(
            &mut tx,
            Event {
                actor,
                action: "person.create",
                entity: "person",
                entity_id: &id,
                detail: json!({"unit": r.unit_code}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(PersonId(id))
    }

    pub async fn person(&self, id: &PersonId) -> Result<Person> {
        sqlx::query_as(concat!(
            "SELECT ",
            columns!(""),
            " FROM people WHERE id = $1"
        ))
        .bind(&id.0)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound("บุคลากร"))
    }

    /// People in a unit and every unit below it, active first, then by name.
    pub async fn people_under(&self, root: &UnitId) -> Result<Vec<Person>> {
        Ok(sqlx::query_as(concat!(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = $1 ",
            "UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) ",
            "SELECT ",
            columns!("p."),
            " FROM people p JOIN sub ON sub.id = p.unit_id ORDER BY p.active DESC, p.first_name, p.last_name"
        ))
        .bind(&root.0)
        .fetch_all(self.pool())
        .await?)
    }

    /// Replaces a person's record if nobody changed it since `expected_version`.
    pub async fn update_person(
        &self,
        actor: Option<&str>,
        id: &PersonId,
        expected_version: i64,
        r: &PersonRecord,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let unit = unit_id_of(&mut tx, &r.unit_code).await?;
        let c = Columns::from(r);
        let changed = sqlx::query(
            "UPDATE people SET unit_id = $1, citizen_id = $2, title = $3, first_name = $4, last_name = $5, position = $6, \
             standing = $7, salary_scale = $8, salary = $9, email = $10, phone = $11, version = version + 1, updated_at = $12 \
             WHERE id = $13 AND version = $14",
        )
        .bind(&unit)
        .bind(c.citizen_id.clone())
        .bind(&c.title)
        .bind(&c.first_name)
        .bind(&c.last_name)
        .bind(&c.position)
        .bind(&c.standing)
        .bind(c.salary_scale.clone())
        .bind(c.salary.clone())
        .bind(c.email.clone())
        .bind(c.phone.clone())
        .bind(now_ms())
        .bind(&id.0)
        .bind(expected_version)
        .execute(&mut *tx)
        .await
        .map_err(|e| duplicate(e, &c))?
        .rows_affected();
        if changed == 0 {
            return Err(stale(&mut tx, id).await);
        }
        audit::record(
            &mut tx,
            Event {
                actor,
                action: "person.update",
                entity: "person",
                entity_id: &id.0,
                detail: json!({"version": expected_version + 1}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// Deactivates (or reactivates) a person; their sessions end at once.
    pub async fn set_person_active(
        &self,
        actor: Option<&str>,
        id: &PersonId,
        expected_version: i64,
        active: bool,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let changed = sqlx::query("UPDATE people SET active = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4")
            .bind(i64::from(active))
            .bind(now_ms())
            .bind(&id.0)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(stale(&mut tx, id).await);
        }
        if !active {
            sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                .bind(&id.0)
                .execute(&mut *tx)
                .await?;
        }
        let action = if active {
            "person.reactivate"
        } else {
            "person.deactivate"
        };
        audit::record(
            &mut tx,
            Event {
                actor,
                action,
                entity: "person",
                entity_id: &id.0,
                detail: json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(expected_version + 1)
    }

    /// Imports people in one transaction, matched by citizen id (else e-mail): new people are
    /// added, changed ones updated, identical ones left alone, so a second run changes nothing.
    pub async fn upsert_people(
        &self,
        actor: Option<&str>,
        records: &[PersonRecord],
    ) -> Result<ImportCounts> {
        let mut tx = self.write().await?;
        let mut counts = ImportCounts::default();
        for r in records {
            let unit = unit_id_of(&mut tx, &r.unit_code).await?;
            let c = Columns::from(r);
            let existing: Option<Person> = match (&c.citizen_id, &c.email) {
                (Some(cid), _) => {
                    sqlx::query_as(concat!(
                        "SELECT ",
                        columns!(""),
                        " FROM people WHERE citizen_id = $1"
                    ))
                    .bind(cid)
                    .fetch_optional(&mut *tx)
                    .await?
                }
                (None, Some(mail)) => {
                    sqlx::query_as(concat!(
                        "SELECT ",
                        columns!(""),
                        " FROM people WHERE email = $1"
                    ))
                    .bind(mail)
                    .fetch_optional(&mut *tx)
                    .await?
                }
                (None, None) => None,
            };
            match existing {
                Some(p) if same(&p, &unit, &c) => counts.unchanged += 1,
                Some(p) => {
                    sqlx::query(
                        "UPDATE people SET unit_id = $1, title = $2, first_name = $3, last_name = $4, position = $5, standing = $6, \
                         salary_scale = $7, salary = $8, email = $9, phone = $10, version = version + 1, updated_at = $11 WHERE id = $12",
                    )
                    .bind(&unit)
                    .bind(&c.title)
                    .bind(&c.first_name)
                    .bind(&c.last_name)
                    .bind(&c.position)
                    .bind(&c.standing)
                    .bind(c.salary_scale.clone())
                    .bind(c.salary.clone())
                    .bind(c.email.clone())
                    .bind(c.phone.clone())
                    .bind(now_ms())
                    .bind(&p.id)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| duplicate(e, &c))?;
                    audit::record(
                        &mut tx,
                        Event {
                            actor,
                            action: "person.import_update",
                            entity: "person",
                            entity_id: &p.id,
                            detail: json!({}),
                        },
                    )
                    .await?;
                    counts.updated += 1;
                }
                None => {
                    let id = insert_person(&mut tx, &unit, &c).await?;
                    audit::record(
                        &mut tx,
                        Event {
                            actor,
                            action: "person.import_create",
                            entity: "person",
                            entity_id: &id,
                            detail: json!({}),
                        },
                    )
                    .await?;
                    counts.created += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(counts)
    }
}

fn same(p: &Person, unit: &str, c: &Columns) -> bool {
    p.unit_id == unit
        && p.title == c.title
        && p.first_name == c.first_name
        && p.last_name == c.last_name
        && p.position == c.position
        && p.standing == c.standing
        && p.salary_scale == c.salary_scale
        && p.salary == c.salary
        && p.email == c.email
        && p.phone == c.phone
}

async fn insert_person(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    unit: &str,
    c: &Columns,
) -> Result<String> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO people (id, unit_id, citizen_id, title, first_name, last_name, position, standing, salary_scale, salary, \
         email, phone, active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, 1, $13, $13)",
    )
    .bind(&id)
    .bind(unit)
    .bind(c.citizen_id.clone())
    .bind(&c.title)
    .bind(&c.first_name)
    .bind(&c.last_name)
    .bind(&c.position)
    .bind(&c.standing)
    .bind(c.salary_scale.clone())
    .bind(c.salary.clone())
    .bind(c.email.clone())
    .bind(c.phone.clone())
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(|e| duplicate(e, c))?;
    Ok(id)
}

async fn unit_id_of(tx: &mut sqlx::Transaction<'static, sqlx::Any>, code: &str) -> Result<String> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM units WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|(id,)| id)
        .ok_or_else(|| StoreError::Invalid(format!("ไม่พบหน่วยงานรหัส {code}")))
}

async fn stale(tx: &mut sqlx::Transaction<'static, sqlx::Any>, id: &PersonId) -> StoreError {
    match sqlx::query_as::<_, (i64,)>("SELECT version FROM people WHERE id = $1")
        .bind(&id.0)
        .fetch_optional(&mut **tx)
        .await
    {
        Ok(Some((v,))) => StoreError::Conflict { current: v },
        Ok(None) => StoreError::NotFound("บุคลากร"),
        Err(e) => StoreError::Database(e),
    }
}
