//! The committee's flow over HTTP, as an officer and the members take it: an approved
//! agreement, the appointment form, each member's sheet, the chair's finalisation.

use domain::agreement::{Agreement, Decision};
use domain::catalog::Catalog;
use reqwest::StatusCode;
use store::workflow::Notify;
use store::workflow::evaluation::CommitteeId;
use store::{AgreementId, PersonId};

use super::TestApp;

/// The demo's committee for a teacher of the first school: its director in the chair, the
/// area's supervisor, and a ครูชำนาญการพิเศษ of the second school.
pub const CHAIR: &str = "director";
pub const SUPERVISOR: &str = "supervisor";
pub const OTHER_TEACHER: &str = "demo-s02-6";

/// One member's levels: 15 indicators, 3 Part 2 items, the workload judgment, a comment.
#[derive(Debug, Clone)]
pub struct Levels {
    pub part1: Vec<u8>,
    pub part2: [u8; 3],
    pub workload: bool,
    pub comment: String,
}

impl Levels {
    pub fn all(level: u8) -> Levels {
        Levels {
            part1: vec![level; 15],
            part2: [level; 3],
            workload: true,
            comment: format!("ให้ระดับ {level} ทุกรายการ"),
        }
    }

    /// The form fields the evaluation page posts for these levels.
    pub fn fields(&self) -> Vec<(String, String)> {
        let form = form();
        let mut out: Vec<(String, String)> = form
            .indicator_codes()
            .iter()
            .zip(&self.part1)
            .map(|(code, l)| (format!("l:{code}"), l.to_string()))
            .collect();
        out.extend(
            form.scoring
                .part2_items
                .iter()
                .zip(self.part2)
                .map(|(item, l)| (format!("p2:{}", item.id), l.to_string())),
        );
        out.push((
            "workload".into(),
            if self.workload { "yes" } else { "no" }.into(),
        ));
        out.push(("comment".into(), self.comment.clone()));
        out
    }

    /// This member as `thaipa score` reads them.
    pub fn request(&self, name: &str, role: &str) -> serde_json::Value {
        let form = form();
        let part1: serde_json::Map<String, serde_json::Value> = form
            .indicator_codes()
            .iter()
            .zip(&self.part1)
            .map(|(c, l)| ((*c).to_owned(), (*l).into()))
            .collect();
        let part2: serde_json::Map<String, serde_json::Value> = form
            .scoring
            .part2_items
            .iter()
            .zip(self.part2)
            .map(|(i, l)| (i.id.clone(), l.into()))
            .collect();
        serde_json::json!({"name": name, "role": role, "part1": part1, "part2": part2, "comment": self.comment})
    }
}

/// The form of the example agreement every committee test evaluates.
pub fn form() -> &'static domain::catalog::Form {
    Catalog::embedded()
        .get("teacher-obec-w9-2564-v1")
        .expect("teacher form")
}

/// `content` for `login`, submitted and approved by their recorded approver.
pub async fn approved(app: &TestApp, login: &str, content: &Agreement) -> AgreementId {
    let maker = app.person(login).await;
    let quiet = Notify::default();
    let id = app
        .store
        .create_agreement(&maker, content)
        .await
        .expect("create");
    app.store
        .submit_agreement(&maker, &id, 1, &quiet)
        .await
        .expect("submit");
    let approver = app
        .store
        .agreement_approver(&id)
        .await
        .expect("approver")
        .expect("an approver");
    app.store
        .review_agreement(
            &approver,
            &id,
            Decision::Approve,
            "",
            &Default::default(),
            &quiet,
        )
        .await
        .expect("approve");
    id
}

async fn csrf(app: &TestApp, client: &reqwest::Client) -> String {
    app.csrf(client).await
}

/// Posts a form with the session's token.
pub async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let mut form = vec![("csrf".to_owned(), csrf(app, client).await)];
    form.extend_from_slice(fields);
    client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post")
}

/// The appointment form for `agreements` of `unit`: the approver in the chair, the members
/// as "person:basis".
pub async fn appoint(
    app: &TestApp,
    officer: &reqwest::Client,
    unit: &str,
    agreements: &[&AgreementId],
    members: [(&PersonId, &str); 2],
) -> reqwest::Response {
    let mut fields = vec![
        ("unit".to_owned(), unit.to_owned()),
        ("chair".to_owned(), "approver".to_owned()),
        (
            "member1".to_owned(),
            format!("{}:{}", members[0].0, members[0].1),
        ),
        (
            "member2".to_owned(),
            format!("{}:{}", members[1].0, members[1].1),
        ),
        ("deadline".to_owned(), "2026-09-15".to_owned()),
    ];
    fields.extend(
        agreements
            .iter()
            .map(|a| ("agreement".to_owned(), a.0.clone())),
    );
    post(app, officer, "/evaluations/appoint", &fields).await
}

/// The usual committee for an agreement of the first school, appointed by the officer.
pub async fn appoint_usual(
    app: &TestApp,
    officer: &reqwest::Client,
    agreements: &[&AgreementId],
) -> reqwest::Response {
    let unit = web::demo::unit_of(&app.store, "DEMO-S01")
        .await
        .expect("school");
    let supervisor = app.person(SUPERVISOR).await;
    let teacher = app.person(OTHER_TEACHER).await;
    appoint(
        app,
        officer,
        &unit.0,
        agreements,
        [
            (&supervisor, "supervisor"),
            (&teacher, "teacher_other_school"),
        ],
    )
    .await
}

/// The latest committee of an agreement.
pub async fn committee_of(app: &TestApp, agreement: &AgreementId) -> CommitteeId {
    app.store
        .committees_of(agreement)
        .await
        .expect("rounds")
        .last()
        .expect("a committee")
        .id
        .clone()
}

/// The caller's sheet version on a committee.
pub async fn version(app: &TestApp, committee: &CommitteeId, login: &str) -> i64 {
    let me = app.person(login).await;
    app.store
        .committee(committee)
        .await
        .expect("committee")
        .member_of(&me)
        .expect("seat")
        .sheet
        .version
}

/// Posts `levels` on the member's sheet, saving (`action` "save") or signing ("sign").
pub async fn score(
    app: &TestApp,
    member: &reqwest::Client,
    login: &str,
    committee: &CommitteeId,
    levels: &Levels,
    action: &str,
) -> reqwest::Response {
    let mut fields = levels.fields();
    fields.push((
        "version".into(),
        version(app, committee, login).await.to_string(),
    ));
    fields.push(("action".into(), action.into()));
    post(
        app,
        member,
        &format!("/evaluations/{committee}/sheet"),
        &fields,
    )
    .await
}

pub async fn finalize(
    app: &TestApp,
    chair: &reqwest::Client,
    committee: &CommitteeId,
) -> reqwest::Response {
    post(
        app,
        chair,
        &format!("/evaluations/{committee}/finalize"),
        &[],
    )
    .await
}

/// Asserts a redirect (the step was taken).
pub fn taken(r: &reqwest::Response, what: &str) {
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{what}");
}
