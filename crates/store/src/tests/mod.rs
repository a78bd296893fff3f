//! The store contract: every case runs on SQLite (a temporary file) and on PostgreSQL (a fresh
//! uniquely named database on the local server). Without a reachable PostgreSQL the PostgreSQL
//! cases fail with a message saying so; they are never skipped.

mod cases;

use crate::Store;

async fn sqlite() -> (Store, Option<tempfile::TempDir>) {
    let (store, dir) = crate::testing::sqlite().await;
    (store, Some(dir))
}

async fn postgres() -> (Store, Option<tempfile::TempDir>) {
    (crate::testing::postgres().await, None)
}

/// Runs each named case once per engine.
macro_rules! contract {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $case() { let (s, _dir) = super::sqlite().await; super::cases::$case(s).await; })*
        }
        mod postgres {
            $(#[tokio::test] async fn $case() { let (s, _dir) = super::postgres().await; super::cases::$case(s).await; })*
        }
    };
}

contract!(
    opening_twice_applies_migrations_once,
    units_form_a_tree_listed_parents_first,
    a_duplicate_unit_code_is_a_field_error,
    a_stale_unit_rename_is_a_conflict,
    a_person_is_created_read_and_updated,
    a_stale_person_update_is_a_conflict_and_changes_nothing,
    a_duplicate_email_is_a_field_error,
    people_under_a_unit_include_its_schools,
    deactivating_a_person_ends_their_sessions_and_login,
    a_session_is_found_by_its_token_until_it_ends,
    failed_logins_are_counted_per_key_within_the_window,
    grants_are_stored_once_and_read_back,
    every_change_is_in_an_intact_audit_chain,
    an_edited_audit_event_is_detected,
    a_deleted_last_audit_event_is_detected,
    a_stale_agreement_save_is_a_conflict,
    submitting_freezes_a_numbered_version,
    an_illegal_transition_is_refused_and_changes_nothing,
    importing_people_twice_changes_nothing_the_second_time,
    a_failing_import_leaves_nothing_behind,
);

#[tokio::test]
async fn both_engines_have_the_same_tables_and_columns() {
    let (sqlite, _dir) = sqlite().await;
    let (pg, _) = postgres().await;
    let shape_sqlite = cases::sqlite_shape(&sqlite).await;
    let shape_pg = cases::postgres_shape(&pg).await;
    assert!(shape_sqlite.len() > 15, "{shape_sqlite:?}");
    assert_eq!(shape_sqlite, shape_pg);
}
