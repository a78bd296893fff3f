//! The store contract: every case runs on SQLite (a temporary file) and on PostgreSQL (a fresh
//! uniquely named database on the local server). Without a reachable PostgreSQL the PostgreSQL
//! cases fail with a message saying so; they are never skipped.

mod cases;
mod evaluation_cases;
mod evidence_cases;
mod jobs_cases;
mod workflow_cases;

use crate::Store;

async fn sqlite() -> (Store, Option<tempfile::TempDir>) {
    let (store, dir) = crate::testing::sqlite().await;
    (store, Some(dir))
}

async fn postgres() -> (Store, Option<tempfile::TempDir>) {
    (crate::testing::postgres().await, None)
}

/// Runs each named case of a module of cases once per engine, in `mod $name`.
macro_rules! contract {
    ($name:ident = $cases:ident: $($case:ident),* $(,)?) => {
        mod $name {
            mod sqlite {
                $(#[tokio::test] async fn $case() { let (s, _dir) = crate::tests::sqlite().await; crate::tests::$cases::$case(s).await; })*
            }
            mod postgres {
                $(#[tokio::test] async fn $case() { let (s, _dir) = crate::tests::postgres().await; crate::tests::$cases::$case(s).await; })*
            }
        }
    };
}

contract!(
    core = cases:
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

// The workflow use cases (crate::workflow).
contract!(
    workflow = workflow_cases:
    submitting_freezes_a_version_records_the_director_and_mails_them,
    without_mail_only_the_in_app_notification_is_written,
    a_director_is_approved_by_the_area_director_never_by_themselves,
    an_inactive_director_is_passed_over,
    a_stale_submit_is_a_conflict_and_changes_nothing,
    someone_else_cannot_submit_the_makers_agreement,
    a_return_without_suggestions_is_refused_and_changes_nothing,
    a_return_stores_field_comments_and_tells_the_maker,
    a_second_decision_on_the_same_version_is_refused,
    only_the_recorded_approver_can_decide,
    a_returned_agreement_is_resubmitted_and_approved,
    an_allowed_amendment_reopens_a_draft_and_keeps_the_approved_version,
    refusing_an_amendment_needs_a_reason,
    the_inbox_lists_oldest_first_and_only_that_approvers,
    the_history_reads_in_thai_in_order,
    latest_approved_before_finds_last_years_approved_content,
    a_draft_from_last_year_is_not_carried_over,
    notifications_are_newest_first_until_marked_read,
);

// The committee's evaluation (crate::workflow::evaluation).
contract!(
    evaluation = evaluation_cases:
    an_appointed_committee_starts_the_evaluation_and_tells_each_member,
    an_ineligible_or_conflicting_committee_is_refused_and_changes_nothing,
    only_a_seat_holder_changes_a_sheet_and_unknown_items_are_refused,
    signing_needs_every_level_and_a_second_signature_is_refused,
    the_chair_finalises_the_domain_outcome_once_all_have_signed,
    after_finalisation_only_a_reopening_with_a_reason_changes_anything,
    a_failed_result_goes_to_a_new_round_linked_to_the_first,
    an_outside_expert_is_registered_once_and_can_sit_as_a_member,
);

// Evidence, uploads and the self-report (crate::evidence).
contract!(
    evidence = evidence_cases:
    evidence_is_added_listed_and_deleted_with_an_audit_trail,
    evidence_needs_the_makers_approved_agreement_and_real_targets,
    a_submitted_self_report_freezes_itself_and_the_evidence,
    an_upload_keeps_its_details_until_it_becomes_evidence,
    a_sweep_finds_the_uploads_opened_before_a_time,
);

// The jobs queue (crate::jobs).
contract!(
    jobs = jobs_cases:
    a_job_enqueued_in_a_rolled_back_transaction_does_not_exist,
    a_claimed_job_is_not_claimed_twice_while_leased,
    concurrent_claims_never_take_the_same_job,
    a_job_whose_lease_ran_out_is_claimed_again,
    a_failed_job_is_retried_after_its_time_and_given_up_after_the_max,
    completed_jobs_are_not_claimed,
    an_unknown_job_cannot_be_completed_failed_or_retried,
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
