//! The contract cases, written once for both engines.

use domain::access::Role;
use domain::agreement::Agreement;
use domain::directory::{PersonRecord, PersonRow, UnitKind};
use domain::people::Affiliation;
use domain::workflow::{Actor, AgreementAction, AgreementState};

use crate::audit::Verification;
use crate::{PersonId, Store, StoreError, UnitId};

async fn school(s: &Store) -> (UnitId, UnitId, UnitId) {
    let hq = s
        .create_unit(
            None,
            None,
            UnitKind::Headquarters,
            "OBEC",
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
            Affiliation::Obec,
        )
        .await
        .expect("hq");
    let esa = s
        .create_unit(
            None,
            Some(&hq),
            UnitKind::AreaOffice,
            "PLK2",
            "สพป.พิษณุโลก เขต 2",
            Affiliation::Obec,
        )
        .await
        .expect("esa");
    let sch = s
        .create_unit(
            None,
            Some(&esa),
            UnitKind::School,
            "1065000001",
            "โรงเรียนบ้านหนองกุลา",
            Affiliation::Obec,
        )
        .await
        .expect("school");
    (hq, esa, sch)
}

fn record(unit: &str, citizen: &str, email: &str, first: &str) -> PersonRecord {
    PersonRecord::try_from(PersonRow {
        citizen_id: citizen.into(),
        title: "นาง".into(),
        first_name: first.into(),
        last_name: "ใจดี".into(),
        position: "ครู".into(),
        standing: "ชำนาญการพิเศษ".into(),
        salary_scale: "คศ.3".into(),
        salary: "45000".into(),
        unit_code: unit.into(),
        email: email.into(),
        phone: "0812345678".into(),
    })
    .unwrap_or_else(|e| panic!("valid record: {e:?}"))
}

pub(crate) fn citizen(n: u64) -> String {
    domain::directory::CitizenId::from_number(110_000_000_000 + n)
        .as_str()
        .to_owned()
}

async fn teacher(s: &Store) -> (UnitId, PersonId) {
    let (_, _, sch) = school(s).await;
    let id = s
        .create_person(
            None,
            &record("1065000001", &citizen(1), "somsri@example.org", "สมศรี"),
        )
        .await
        .expect("person");
    (sch, id)
}

fn example() -> Agreement {
    Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("example")
}

pub(super) async fn opening_twice_applies_migrations_once(s: Store) {
    crate::engine::migrate(s.pool(), s.engine())
        .await
        .expect("second migrate is a no-op");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM schema_migrations")
        .fetch_one(s.pool())
        .await
        .expect("count");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .expect("migrations folder")
        .count();
    assert_eq!(
        n,
        i64::try_from(files).expect("count"),
        "each migration once"
    );
}

pub(super) async fn units_form_a_tree_listed_parents_first(s: Store) {
    let (hq, esa, _) = school(&s).await;
    let codes: Vec<String> = s
        .units_under(&hq)
        .await
        .expect("tree")
        .into_iter()
        .map(|u| u.code)
        .collect();
    assert_eq!(codes, ["OBEC", "PLK2", "1065000001"]);
    let codes: Vec<String> = s
        .units_under(&esa)
        .await
        .expect("tree")
        .into_iter()
        .map(|u| u.code)
        .collect();
    assert_eq!(codes, ["PLK2", "1065000001"]);
}

pub(super) async fn a_duplicate_unit_code_is_a_field_error(s: Store) {
    school(&s).await;
    let err = s
        .create_unit(
            None,
            None,
            UnitKind::School,
            "PLK2",
            "ซ้ำ",
            Affiliation::Obec,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { field: "code", .. }),
        "{err:?}"
    );
}

pub(super) async fn a_stale_unit_rename_is_a_conflict(s: Store) {
    let (_, esa, _) = school(&s).await;
    s.rename_unit(None, &esa, 1, "สพป.พิษณุโลก เขต ๒")
        .await
        .expect("rename");
    let err = s.rename_unit(None, &esa, 1, "ชื่ออื่น").await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "{err:?}"
    );
    assert_eq!(s.unit(&esa).await.expect("unit").name, "สพป.พิษณุโลก เขต ๒");
}

pub(super) async fn a_person_is_created_read_and_updated(s: Store) {
    let (_, id) = teacher(&s).await;
    let p = s.person(&id).await.expect("person");
    assert_eq!(p.full_name(), "นางสมศรี ใจดี");
    assert_eq!(p.position, "teacher");
    assert_eq!(p.standing, "senior_professional");
    let v = s
        .update_person(
            None,
            &id,
            p.version,
            &record("1065000001", &citizen(1), "somsri@example.org", "สมศรีใหม่"),
        )
        .await
        .expect("update");
    assert_eq!(v, 2);
    assert_eq!(s.person(&id).await.expect("person").first_name, "สมศรีใหม่");
}

pub(super) async fn a_stale_person_update_is_a_conflict_and_changes_nothing(s: Store) {
    let (_, id) = teacher(&s).await;
    s.update_person(
        None,
        &id,
        1,
        &record("1065000001", &citizen(1), "somsri@example.org", "แท็บแรก"),
    )
    .await
    .expect("first tab");
    let err = s
        .update_person(
            None,
            &id,
            1,
            &record("1065000001", &citizen(1), "somsri@example.org", "แท็บสอง"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "{err:?}"
    );
    assert_eq!(s.person(&id).await.expect("person").first_name, "แท็บแรก");
}

pub(super) async fn a_duplicate_email_is_a_field_error(s: Store) {
    teacher(&s).await;
    let err = s
        .create_person(
            None,
            &record("1065000001", &citizen(2), "somsri@example.org", "อีกคน"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
}

pub(super) async fn people_under_a_unit_include_its_schools(s: Store) {
    let (hq, esa, _) = school(&s).await;
    s.create_person(
        None,
        &record("1065000001", &citizen(1), "a@example.org", "ครูโรงเรียน"),
    )
    .await
    .expect("teacher");
    s.create_person(None, &record("PLK2", &citizen(2), "b@example.org", "คนเขต"))
        .await
        .expect("officer");
    assert_eq!(s.people_under(&esa).await.expect("people").len(), 2);
    assert_eq!(s.people_under(&hq).await.expect("people").len(), 2);
}

pub(super) async fn deactivating_a_person_ends_their_sessions_and_login(s: Store) {
    let (_, id) = teacher(&s).await;
    s.set_account(None, &id, "somsri", "hash", false)
        .await
        .expect("account");
    let (token, _) = s.create_session(&id).await.expect("session");
    s.set_person_active(None, &id, 1, false)
        .await
        .expect("deactivate");
    assert!(s.session(&token).await.expect("lookup").is_none());
    assert!(
        s.account_by_login("somsri")
            .await
            .expect("lookup")
            .is_none()
    );
    assert_eq!(s.person(&id).await.expect("still there").active, 0);
}

pub(super) async fn a_session_is_found_by_its_token_until_it_ends(s: Store) {
    let (_, id) = teacher(&s).await;
    let (token, info) = s.create_session(&id).await.expect("session");
    let found = s.session(&token).await.expect("lookup").expect("live");
    assert_eq!(found, info);
    assert!(s.session("not-a-token").await.expect("lookup").is_none());
    s.end_session(&token).await.expect("logout");
    assert!(s.session(&token).await.expect("lookup").is_none());
}

pub(super) async fn failed_logins_are_counted_per_key_within_the_window(s: Store) {
    for i in 1..=3 {
        let counts = s
            .record_failed_login(&["login:somsri", "ip:10.0.0.1"], 60_000)
            .await
            .expect("count");
        assert_eq!(counts, vec![i, i]);
    }
    s.record_failed_login(&["ip:10.0.0.1"], 60_000)
        .await
        .expect("count");
    assert_eq!(s.failed_logins("login:somsri", 60_000).await.expect("n"), 3);
    assert_eq!(s.failed_logins("ip:10.0.0.1", 60_000).await.expect("n"), 4);
    s.clear_failed_logins("login:somsri").await.expect("clear");
    assert_eq!(s.failed_logins("login:somsri", 60_000).await.expect("n"), 0);
}

pub(super) async fn grants_are_stored_once_and_read_back(s: Store) {
    let (sch, id) = teacher(&s).await;
    s.grant_role(None, &id, Role::Approver, Some(&sch))
        .await
        .expect("grant");
    s.grant_role(None, &id, Role::Approver, Some(&sch))
        .await
        .expect("again");
    s.grant_role(None, &id, Role::Admin, None)
        .await
        .expect("admin");
    let grants = s.grants_of(&id).await.expect("grants");
    assert_eq!(grants.len(), 2, "{grants:?}");
    assert!(
        grants
            .iter()
            .any(|g| g.role == Role::Admin && g.unit.is_none())
    );
}

pub(super) async fn every_change_is_in_an_intact_audit_chain(s: Store) {
    let (_, id) = teacher(&s).await;
    s.set_account(None, &id, "somsri", "hash", false)
        .await
        .expect("account");
    assert_eq!(
        s.verify_audit().await.expect("verify"),
        Verification::Intact { events: 5 }
    );
    assert_eq!(s.audit_of("person", &id.0).await.expect("events").len(), 2);
}

pub(super) async fn an_edited_audit_event_is_detected(s: Store) {
    teacher(&s).await;
    sqlx::query("UPDATE audit_events SET detail = '{\"code\":\"EVIL\"}' WHERE seq = 2")
        .execute(s.pool())
        .await
        .expect("tamper");
    match s.verify_audit().await.expect("verify") {
        Verification::Broken { seq, .. } => assert_eq!(seq, 2),
        other => panic!("tampering not detected: {other:?}"),
    }
}

pub(super) async fn a_deleted_last_audit_event_is_detected(s: Store) {
    teacher(&s).await;
    sqlx::query("DELETE FROM audit_events WHERE seq = 4")
        .execute(s.pool())
        .await
        .expect("tamper");
    assert!(matches!(
        s.verify_audit().await.expect("verify"),
        Verification::Broken { seq: 4, .. }
    ));
}

pub(super) async fn a_stale_agreement_save_is_a_conflict(s: Store) {
    let (_, id) = teacher(&s).await;
    let a = s.create_agreement(&id, &example()).await.expect("create");
    let mut edit = example();
    edit.challenges[0].title = "แท็บแรก".into();
    assert_eq!(s.save_agreement(&id, &a, 1, &edit).await.expect("save"), 2);
    edit.challenges[0].title = "แท็บสอง".into();
    let err = s.save_agreement(&id, &a, 1, &edit).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "{err:?}"
    );
    assert_eq!(
        s.agreement(&a).await.expect("read").content.challenges[0].title,
        "แท็บแรก"
    );
    // The first tab's edit sent again from its old version is the stored content: no conflict,
    // nothing written.
    edit.challenges[0].title = "แท็บแรก".into();
    assert_eq!(
        s.save_agreement(&id, &a, 1, &edit).await.expect("resend"),
        2
    );
    assert_eq!(s.agreement(&a).await.expect("read").version, 2);
}

pub(super) async fn submitting_freezes_a_numbered_version(s: Store) {
    let (_, id) = teacher(&s).await;
    let a = s.create_agreement(&id, &example()).await.expect("create");
    let next = s
        .transition_agreement(&id, Actor::Maker, &a, &AgreementAction::Submit)
        .await
        .expect("submit");
    assert_eq!(next, AgreementState::Submitted);
    let versions = s.agreement_versions(&a).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].0, 1);
    assert_eq!(versions[0].1, example());
}

pub(super) async fn an_illegal_transition_is_refused_and_changes_nothing(s: Store) {
    let (_, id) = teacher(&s).await;
    let a = s.create_agreement(&id, &example()).await.expect("create");
    let err = s
        .transition_agreement(&id, Actor::Maker, &a, &AgreementAction::Approve)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(
        s.agreement(&a).await.expect("read").state,
        AgreementState::Draft
    );
}

pub(super) async fn importing_people_twice_changes_nothing_the_second_time(s: Store) {
    school(&s).await;
    let records: Vec<PersonRecord> = (1..=50)
        .map(|i| {
            record(
                "1065000001",
                &citizen(i),
                &format!("t{i}@example.org"),
                &format!("ครู{i}"),
            )
        })
        .collect();
    let first = s.upsert_people(None, &records).await.expect("import");
    assert_eq!(first.created, 50);
    let events_after_first = s.verify_audit().await.expect("verify");
    let second = s.upsert_people(None, &records).await.expect("import again");
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, 50)
    );
    assert_eq!(s.verify_audit().await.expect("verify"), events_after_first);
}

pub(super) async fn a_failing_import_leaves_nothing_behind(s: Store) {
    school(&s).await;
    let mut records: Vec<PersonRecord> = (1..=10)
        .map(|i| {
            record(
                "1065000001",
                &citizen(i),
                &format!("t{i}@example.org"),
                "ครู",
            )
        })
        .collect();
    records.push(record("NO-SUCH-UNIT", &citizen(99), "x@example.org", "ครู"));
    assert!(s.upsert_people(None, &records).await.is_err());
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people")
        .fetch_one(s.pool())
        .await
        .expect("count");
    assert_eq!(n, 0);
}

/// (table, column) pairs of the SQLite schema.
pub(super) async fn sqlite_shape(s: &Store) -> Vec<(String, String)> {
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .fetch_all(s.pool())
            .await
            .expect("tables");
    let mut out = Vec::new();
    for (t,) in tables {
        let cols: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&t)
                .fetch_all(s.pool())
                .await
                .expect("columns");
        out.extend(cols.into_iter().map(|(c,)| (t.clone(), c)));
    }
    out
}

/// (table, column) pairs of the PostgreSQL schema.
pub(super) async fn postgres_shape(s: &Store) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    )
    .fetch_all(s.pool())
    .await
    .expect("columns");
    rows
}
