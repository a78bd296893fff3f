//! Contract cases for the jobs queue (crate::jobs), run on both engines.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::json;

use crate::Store;
use crate::jobs::{self, MAIL, Mail, Retry};

const LEASE_MS: i64 = 60_000;

fn mail(n: usize) -> Mail {
    Mail {
        to: format!("teacher{n}@example.org"),
        subject: format!("ข้อตกลงฉบับที่ {n} รอการพิจารณา"),
        body: "เรียน ผู้อำนวยการ\nมีข้อตกลงในการพัฒนางาน (PA) รอการพิจารณา".into(),
    }
}

pub async fn a_job_enqueued_in_a_rolled_back_transaction_does_not_exist(s: Store) {
    let mut tx = s.write().await.expect("begin");
    jobs::enqueue(&mut tx, MAIL, &json!({"to": "lost@example.org"}))
        .await
        .expect("enqueue");
    tx.rollback().await.expect("rollback");
    let mut tx = s.write().await.expect("begin");
    jobs::enqueue(&mut tx, "document", &json!({"kept": true}))
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");

    assert_eq!(s.pending_jobs(MAIL).await.expect("pending"), 0);
    assert!(
        s.claim_due(MAIL, 10, LEASE_MS)
            .await
            .expect("claim")
            .is_empty()
    );
    assert_eq!(s.pending_jobs("document").await.expect("pending"), 1);
}

pub async fn a_claimed_job_is_not_claimed_twice_while_leased(s: Store) {
    s.enqueue_mail(&mail(1)).await.expect("enqueue");

    let first = s.claim_due(MAIL, 10, LEASE_MS).await.expect("claim");
    let second = s.claim_due(MAIL, 10, LEASE_MS).await.expect("claim again");

    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].kind, MAIL);
    assert_eq!(first[0].attempts, 0);
    let payload: Mail = serde_json::from_value(first[0].payload.clone()).expect("a mail");
    assert_eq!(payload, mail(1));
    assert!(second.is_empty(), "{second:?}");
    assert_eq!(s.pending_jobs(MAIL).await.expect("pending"), 1);
}

pub async fn concurrent_claims_never_take_the_same_job(s: Store) {
    for n in 0..20 {
        s.enqueue_mail(&mail(n)).await.expect("enqueue");
    }

    let workers: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.claim_due(MAIL, 5, LEASE_MS).await.expect("claim") })
        })
        .collect();
    let mut ids = Vec::new();
    for worker in workers {
        ids.extend(worker.await.expect("worker").into_iter().map(|j| j.id));
    }

    let distinct: HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), 20, "{ids:?}");
    assert_eq!(distinct.len(), 20, "a job was claimed twice: {ids:?}");
    assert!(
        s.claim_due(MAIL, 50, LEASE_MS)
            .await
            .expect("claim")
            .is_empty()
    );
}

pub async fn a_job_whose_lease_ran_out_is_claimed_again(s: Store) {
    s.enqueue_mail(&mail(1)).await.expect("enqueue");
    let first = s.claim_due(MAIL, 10, 20).await.expect("claim");
    assert_eq!(first.len(), 1);

    tokio::time::sleep(Duration::from_millis(40)).await;
    let again = s.claim_due(MAIL, 10, LEASE_MS).await.expect("claim again");

    assert_eq!(again.len(), 1, "a crashed worker's job must come back");
    assert_eq!(again[0].id, first[0].id);
}

pub async fn a_failed_job_is_retried_after_its_time_and_given_up_after_the_max(s: Store) {
    let retry = Retry {
        base_ms: 30,
        cap_ms: 30,
        max_attempts: 3,
    };
    s.enqueue_mail(&mail(1)).await.expect("enqueue");
    let mut claims = Vec::new();
    for attempt in 1..=5 {
        let claimed = s.claim_due(MAIL, 10, LEASE_MS).await.expect("claim");
        let Some(job) = claimed.into_iter().next() else {
            break;
        };
        claims.push(job.attempts);
        let retry_at = retry.after_failure(job.attempts, crate::now_ms());
        s.fail(&job.id, &format!("ขัดข้องครั้งที่ {attempt}"), retry_at)
            .await
            .expect("fail");
        if retry_at.is_some() {
            let early = s.claim_due(MAIL, 10, LEASE_MS).await.expect("claim early");
            assert!(early.is_empty(), "retried before its time: {early:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    assert_eq!(claims, vec![0, 1, 2], "claimed with these attempt counts");
    assert_eq!(s.pending_jobs(MAIL).await.expect("pending"), 0);
    let status = s.job_statuses(MAIL).await.expect("statuses");
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].attempts, 3);
    assert!(status[0].done_at.is_some(), "given up: {status:?}");
    assert_eq!(status[0].last_error.as_deref(), Some("ขัดข้องครั้งที่ 3"));
}

pub async fn completed_jobs_are_not_claimed(s: Store) {
    s.enqueue_mail(&mail(1)).await.expect("enqueue");
    s.enqueue_mail(&mail(2)).await.expect("enqueue");
    let claimed = s.claim_due(MAIL, 1, 20).await.expect("claim");
    assert_eq!(claimed.len(), 1);

    s.complete(&claimed[0].id).await.expect("complete");
    tokio::time::sleep(Duration::from_millis(40)).await;
    let rest = s
        .claim_due(MAIL, 10, LEASE_MS)
        .await
        .expect("claim the rest");

    assert_eq!(rest.len(), 1, "{rest:?}");
    assert_ne!(rest[0].id, claimed[0].id);
    assert_eq!(s.pending_jobs(MAIL).await.expect("pending"), 1);
}

pub async fn an_unknown_job_cannot_be_completed_failed_or_retried(s: Store) {
    assert!(matches!(
        s.complete("nope").await,
        Err(crate::StoreError::NotFound(_))
    ));
    assert!(matches!(
        s.fail("nope", "x", None).await,
        Err(crate::StoreError::NotFound(_))
    ));
    assert!(matches!(
        s.retry_now("nope").await,
        Err(crate::StoreError::NotFound(_))
    ));
}
