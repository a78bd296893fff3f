//! The role matrix: for every route, which roles get through and which are refused. A teacher
//! must not reach another teacher's record by changing an id.

use crate::common;

use std::collections::HashMap;

use common::{TestApp, spawn_app};
use reqwest::StatusCode;

const ROLES: [&str; 6] = [
    "anonymous",
    "teacher",
    "colleague",
    "director",
    "officer",
    "admin",
];

struct Ids {
    teacher: String,
    school: String,
    hq: String,
    /// The demo deputy director's agreement of this year, waiting for the `director`.
    waiting: String,
    /// The `teacher`'s approved agreement of last year (its evidence page).
    approved: String,
    /// The committee that evaluated school 2's ครูชำนาญการพิเศษ last year: the `teacher` sat
    /// on it.
    committee: String,
}

async fn ids(app: &TestApp) -> Ids {
    let teacher = app
        .store
        .account_by_login("teacher")
        .await
        .expect("lookup")
        .expect("teacher")
        .person_id;
    let school = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school")
        .0;
    let hq = web::demo::unit_of(&app.store, "OBEC").await.expect("hq").0;
    let deputy = app
        .store
        .account_by_login("demo-s01-2")
        .await
        .expect("lookup")
        .expect("deputy")
        .person_id;
    let fy = domain::thai::fiscal::fiscal_year(
        (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive(),
    );
    let waiting = app
        .store
        .agreement_of(&store::PersonId(deputy), i64::from(fy))
        .await
        .expect("lookup")
        .expect("the demo deputy's agreement")
        .id
        .0;
    let approved = app
        .store
        .agreement_of(&store::PersonId(teacher.clone()), i64::from(fy) - 1)
        .await
        .expect("lookup")
        .expect("the teacher's approved agreement")
        .id
        .0;
    let evaluated = app
        .store
        .agreement_of(&app.person("demo-s02-6").await, i64::from(fy) - 1)
        .await
        .expect("lookup")
        .expect("the demo's evaluated agreement");
    let committee = app
        .store
        .committees_of(&evaluated.id)
        .await
        .expect("rounds")[0]
        .id
        .0
        .clone();
    Ids {
        teacher,
        school,
        hq,
        waiting,
        approved,
        committee,
    }
}

async fn clients(app: &TestApp) -> HashMap<&'static str, reqwest::Client> {
    let mut out = HashMap::new();
    out.insert("anonymous", app.client());
    for (role, login) in [
        ("teacher", "teacher"),
        ("colleague", "demo-s01-5"),
        ("director", "director"),
        ("officer", "officer"),
        ("admin", "admin"),
    ] {
        out.insert(role, app.signed_in(login).await);
    }
    out
}

/// Expected status per role, in `ROLES` order.
fn row(codes: [u16; 6]) -> [StatusCode; 6] {
    codes.map(|c| StatusCode::from_u16(c).expect("status"))
}

#[tokio::test]
async fn every_get_route_answers_each_role_as_the_matrix_says() {
    let app = spawn_app().await;
    let ids = ids(&app).await;
    let clients = clients(&app).await;
    let matrix: Vec<(String, [StatusCode; 6])> = vec![
        //                                           anon teacher colleague director officer admin
        ("/".into(), row([303, 200, 200, 200, 200, 200])),
        ("/password".into(), row([303, 200, 200, 200, 200, 200])),
        ("/units".into(), row([303, 403, 403, 403, 200, 200])),
        (
            format!("/units/{}", ids.school),
            row([303, 403, 403, 403, 200, 200]),
        ),
        (
            format!("/units/{}", ids.hq),
            row([303, 403, 403, 403, 404, 200]),
        ),
        ("/people/new".into(), row([303, 403, 403, 403, 200, 200])),
        ("/import".into(), row([303, 403, 403, 403, 200, 200])),
        (
            format!("/people/{}", ids.teacher),
            row([303, 200, 404, 200, 200, 200]),
        ),
        (
            format!("/people/{}/edit", ids.teacher),
            row([303, 403, 403, 403, 200, 200]),
        ),
        (
            "/people/no-such-id".into(),
            row([303, 404, 404, 404, 404, 404]),
        ),
        ("/reviews".into(), row([303, 403, 403, 200, 200, 200])),
        (
            format!("/reviews/{}", ids.waiting),
            row([303, 404, 404, 200, 200, 200]),
        ),
        (
            "/reviews/no-such-id".into(),
            row([303, 404, 404, 404, 404, 404]),
        ),
        ("/notifications".into(), row([303, 200, 200, 200, 200, 200])),
        ("/evaluations".into(), row([303, 200, 200, 200, 200, 200])),
        (
            format!("/agreements/{}/evidence", ids.approved),
            row([303, 200, 404, 200, 200, 200]),
        ),
        (
            format!("/agreements/{}/report", ids.approved),
            row([303, 200, 404, 404, 404, 404]),
        ),
        (
            format!("/evaluations/{}", ids.committee),
            row([303, 200, 404, 404, 200, 200]),
        ),
        (
            "/evaluations/no-such-id".into(),
            row([303, 404, 404, 404, 404, 404]),
        ),
        (
            format!("/evaluations/appoint?unit={}", ids.school),
            row([303, 404, 404, 200, 200, 200]),
        ),
        (
            format!("/people/{}/evaluations", ids.teacher),
            row([303, 200, 404, 200, 200, 200]),
        ),
        ("/api/me".into(), row([401, 200, 200, 200, 200, 200])),
        ("/api/units".into(), row([401, 403, 403, 403, 200, 200])),
        (
            format!("/api/units/{}/people", ids.school),
            row([401, 403, 403, 403, 200, 200]),
        ),
        (
            format!("/api/people/{}", ids.teacher),
            row([401, 200, 404, 200, 200, 200]),
        ),
        (
            "/api/openapi.json".into(),
            row([200, 200, 200, 200, 200, 200]),
        ),
        ("/healthz".into(), row([200, 200, 200, 200, 200, 200])),
        ("/metrics".into(), row([200, 200, 200, 200, 200, 200])),
        ("/no/such/page".into(), row([404, 404, 404, 404, 404, 404])),
    ];
    let mut wrong = Vec::new();
    for (path, expected) in &matrix {
        for (role, want) in ROLES.iter().zip(expected) {
            let got = clients[role]
                .get(app.url(path))
                .send()
                .await
                .expect("request")
                .status();
            if got != *want {
                wrong.push(format!("{role} GET {path}: got {got}, expected {want}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn only_an_officer_above_a_person_may_deactivate_them() {
    let app = spawn_app().await;
    let ids = ids(&app).await;
    let clients = clients(&app).await;
    let path = format!("/people/{}/active", ids.teacher);
    for (role, want) in [
        ("teacher", 403),
        ("colleague", 403),
        ("director", 403),
        ("officer", 303),
    ] {
        let client = &clients[role];
        let csrf = app.csrf(client).await;
        let version = app
            .store
            .person(&store::PersonId(ids.teacher.clone()))
            .await
            .expect("person")
            .version
            .to_string();
        let r = client
            .post(app.url(&path))
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("active", "false"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), want, "{role}");
    }
    assert_eq!(
        app.store
            .person(&store::PersonId(ids.teacher))
            .await
            .expect("person")
            .active,
        0
    );
}

#[tokio::test]
async fn only_the_recorded_approver_may_decide_on_an_agreement() {
    let app = spawn_app().await;
    let ids = ids(&app).await;
    let clients = clients(&app).await;
    let path = format!("/reviews/{}/decision", ids.waiting);
    for (role, want) in [
        ("anonymous", 303),
        ("teacher", 404),
        ("colleague", 404),
        ("officer", 403),
        ("admin", 403),
        ("director", 303),
    ] {
        let client = &clients[role];
        let csrf = if role == "anonymous" {
            String::new()
        } else {
            app.csrf(client).await
        };
        let r = client
            .post(app.url(&path))
            .form(&[("csrf", csrf.as_str()), ("decision", "approve")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), want, "{role}");
    }
    let state = app
        .store
        .agreement(&store::AgreementId(ids.waiting))
        .await
        .expect("agreement")
        .state;
    assert_eq!(state, domain::workflow::AgreementState::Approved);
}

#[tokio::test]
async fn a_post_without_the_session_csrf_token_is_refused() {
    let app = spawn_app().await;
    let ids = ids(&app).await;
    let officer = app.signed_in("officer").await;
    let r = officer
        .post(app.url(&format!("/people/{}/active", ids.teacher)))
        .form(&[("csrf", "forged"), ("version", "1"), ("active", "false")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.store
            .person(&store::PersonId(ids.teacher))
            .await
            .expect("person")
            .active,
        1
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app
        .client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    for p in [
        "/api/me",
        "/api/units",
        "/api/units/{id}/people",
        "/api/people/{id}",
    ] {
        assert!(
            paths.iter().any(|x| x.as_str() == p),
            "{p} missing from {paths:?}"
        );
    }
    assert_eq!(doc["openapi"], "3.1.0");
}
