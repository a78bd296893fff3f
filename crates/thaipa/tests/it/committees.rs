//! The committee table: two dozen committees taken through the web flow (an officer appoints
//! them school by school, three members score and sign over HTTP, the chair finalises) give
//! exactly the result `thaipa score` prints for the same levels: the verdict, each member's
//! Part 1, Part 2 and total, the mean and the reasons. The table holds the edges: exactly
//! 70, 69.50 and 70.50 through Part 2's conversion, a workload judged not met, one member below
//! 70 while the mean is above it, and all-1 / all-4.

use crate::common;

use std::collections::HashMap;

use assert_cmd::Command;
use common::committee::{Levels, approved, committee_of, finalize, score, taken};
use common::{TestApp, spawn_app, this_year};
use serde_json::{Value, json};
use store::AgreementId;

/// One committee: the chair's and the two members' levels.
struct Case {
    name: &'static str,
    /// The verdict the rule gives, for the named edges; `None` for the generated ones.
    expect: Option<bool>,
    members: [Levels; 3],
}

/// Part 1 levels summing to `sum` (15 indicators, each 1–4).
fn part1_summing(sum: u32) -> Vec<u8> {
    assert!((15..=60).contains(&sum), "{sum}");
    let mut levels = vec![1u8; 15];
    let mut left = sum - 15;
    for l in levels.iter_mut() {
        let add = left.min(3);
        *l += u8::try_from(add).expect("small");
        left -= add;
    }
    levels
}

fn member(part1_sum: u32, part2: [u8; 3], workload: bool) -> Levels {
    Levels {
        part1: part1_summing(part1_sum),
        part2,
        workload,
        comment: format!("ส่วนที่ 1 รวม {part1_sum}"),
    }
}

fn cases() -> Vec<Case> {
    let three = || member(45, [3, 3, 3], true);
    let mut out = vec![
        Case {
            name: "ทุกคนระดับ 3",
            expect: Some(true),
            members: [three(), three(), three()],
        },
        Case {
            name: "ทุกคนได้ 70 พอดี (40 + 30)",
            expect: Some(true),
            members: [
                member(40, [3, 3, 3], true),
                member(40, [2, 4, 4], true),
                member(40, [3, 3, 3], true),
            ],
        },
        Case {
            name: "คนหนึ่งได้ 69.50 จากการแปลงส่วนที่ 2",
            expect: Some(false),
            members: [three(), member(42, [3, 2, 3], true), three()],
        },
        Case {
            name: "70.50 ผ่าน",
            expect: Some(true),
            members: [member(43, [3, 2, 3], true), three(), three()],
        },
        Case {
            name: "กรรมการคนหนึ่งเห็นว่าภาระงานไม่เป็นไปตามเกณฑ์",
            expect: Some(false),
            members: [
                member(60, [4, 4, 4], true),
                member(60, [4, 4, 4], false),
                member(60, [4, 4, 4], true),
            ],
        },
        Case {
            name: "คนหนึ่งต่ำกว่า 70 แต่ค่าเฉลี่ยเกิน 70",
            expect: Some(false),
            members: [
                member(55, [4, 4, 4], true),
                member(35, [3, 2, 2], true),
                member(56, [4, 4, 3], true),
            ],
        },
        Case {
            name: "ทุกคนระดับ 4",
            expect: Some(true),
            members: [
                member(60, [4, 4, 4], true),
                member(60, [4, 4, 4], true),
                member(60, [4, 4, 4], true),
            ],
        },
        Case {
            name: "ทุกคนระดับ 1",
            expect: Some(false),
            members: [
                member(15, [1, 1, 1], true),
                member(15, [1, 1, 1], true),
                member(15, [1, 1, 1], true),
            ],
        },
        Case {
            name: "70 / 70.50 / 69.50",
            expect: Some(false),
            members: [
                member(40, [3, 3, 3], true),
                member(43, [3, 2, 3], true),
                member(42, [3, 2, 3], true),
            ],
        },
        Case {
            name: "ส่วนที่ 2 ระดับ 4 แต่ส่วนที่ 1 ต่ำ (30 + 40)",
            expect: Some(true),
            members: [
                member(30, [4, 4, 4], true),
                member(30, [4, 4, 4], true),
                member(30, [4, 4, 4], true),
            ],
        },
        Case {
            name: "ส่วนที่ 1 เต็ม ส่วนที่ 2 ต่ำ (60 + 10)",
            expect: Some(true),
            members: [
                member(60, [1, 1, 1], true),
                member(60, [1, 2, 1], true),
                member(60, [2, 1, 1], true),
            ],
        },
    ];
    // The rest: levels 2–4 from a fixed generator, a workload "no" now and then.
    let mut seed: u64 = 0x5EED_2569;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u8::try_from((seed >> 33) % 3).expect("small") + 2
    };
    for n in 0..13 {
        let members = [0, 1, 2].map(|m| Levels {
            part1: (0..15).map(|_| next()).collect(),
            part2: [next(), next(), next()],
            workload: !(n % 5 == 4 && m == 1),
            comment: format!("ชุดที่ {n} กรรมการคนที่ {m}"),
        });
        out.push(Case {
            name: "สุ่มระดับ 2–4",
            expect: None,
            members,
        });
    }
    out
}

/// A demo login by school (0-based) and staff index (0 = director, 5 = ครูชำนาญการพิเศษ).
fn login(school: usize, index: usize) -> String {
    match (school, index) {
        (0, 0) => "director".into(),
        (0, 5) => "teacher".into(),
        _ => format!("demo-s{:02}-{}", school + 1, index + 1),
    }
}

/// Clients signed in once per login.
struct Clients<'a> {
    app: &'a TestApp,
    by_login: HashMap<String, reqwest::Client>,
}

impl Clients<'_> {
    async fn get(&mut self, login: &str) -> reqwest::Client {
        if !self.by_login.contains_key(login) {
            let c = self.app.signed_in(login).await;
            self.by_login.insert(login.to_owned(), c);
        }
        self.by_login[login].clone()
    }
}

/// Two decimals, as `thaipa score` prints every score.
fn two(x: f64) -> Value {
    serde_json::from_str(&format!("{x:.2}")).expect("number")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_committee_gets_the_same_result_on_the_web_as_from_thaipa_score() {
    let app = spawn_app().await;
    let mut clients = Clients {
        app: &app,
        by_login: HashMap::new(),
    };
    let cases = cases();
    assert!(cases.len() >= 20);
    let officer = clients.get("officer").await;
    let supervisor = app.person("supervisor").await;
    let dir = tempfile::tempdir().expect("temp");
    // Three makers per school (ครู, ครูชำนาญการ, ครูเชี่ยวชาญ), appointed school by school.
    let mut slots = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let (school, index) = (i / 3, [3, 4, 6][i % 3]);
        let maker = login(school, index);
        let agreement = approved(&app, &maker, &this_year(|_| {})).await;
        slots.push((case, school, maker, agreement));
    }
    for school in 0..slots.len().div_ceil(3) {
        let unit = web::demo::unit_of(&app.store, &format!("DEMO-S{:02}", school + 1))
            .await
            .expect("school");
        let other = app.person(&login((school + 1) % 10, 5)).await;
        let agreements: Vec<&AgreementId> = slots
            .iter()
            .filter(|s| s.1 == school)
            .map(|s| &s.3)
            .collect();
        let r = common::committee::appoint(
            &app,
            &officer,
            &unit.0,
            &agreements,
            [
                (&supervisor, "supervisor"),
                (&other, "teacher_other_school"),
            ],
        )
        .await;
        let html = r.text().await.expect("body");
        assert!(
            html.contains(&format!("แต่งตั้งคณะกรรมการแล้ว {} ราย", agreements.len())),
            "school {school}: {html}"
        );
    }
    for (n, (case, school, maker, agreement)) in slots.iter().enumerate() {
        let committee = committee_of(&app, agreement).await;
        let seats = [
            login(*school, 0),
            "supervisor".to_owned(),
            login((school + 1) % 10, 5),
        ];
        for (seat, levels) in seats.iter().zip(&case.members) {
            let client = clients.get(seat).await;
            let r = score(&app, &client, seat, &committee, levels, "sign").await;
            taken(&r, &format!("{}: {seat} signs", case.name));
        }
        let chair = clients.get(&seats[0]).await;
        taken(&finalize(&app, &chair, &committee).await, case.name);
        let web = app
            .store
            .committee(&committee)
            .await
            .expect("committee")
            .outcome
            .expect("finalised outcome");

        // The same levels, as a `thaipa score` request.
        let mut members = Vec::new();
        for (i, (seat, levels)) in seats.iter().zip(&case.members).enumerate() {
            let person = app.store.person(&app.person(seat).await).await.expect("p");
            members
                .push(levels.request(&person.full_name(), if i == 0 { "chair" } else { "member" }));
        }
        let request = json!({
            "form": common::committee::form().id,
            "workload_met": case.members.iter().all(|m| m.workload),
            "members": members,
        });
        let path = dir.path().join(format!("case-{n}.json"));
        std::fs::write(&path, request.to_string()).expect("write request");
        let out = Command::cargo_bin("thaipa")
            .expect("binary")
            .arg("score")
            .arg(&path)
            .output()
            .expect("run thaipa score");
        assert!(
            out.status.success(),
            "{}: {}",
            case.name,
            String::from_utf8_lossy(&out.stderr)
        );
        let cli: Value = serde_json::from_slice(&out.stdout).expect("score JSON");

        let from_web = json!({
            "passed": web.passed,
            "mean_total": two(web.mean_total),
            "reasons": web.reasons,
            "members": web.members.iter().map(|m| json!({
                "name": m.name,
                "role": m.seat,
                "part1": two(m.part1),
                "part2": two(m.part2),
                "total": two(m.total),
                "passed": m.passed,
            })).collect::<Vec<_>>(),
        });
        assert_eq!(from_web, cli, "{} ({maker})", case.name);
        if let Some(expected) = case.expect {
            assert_eq!(web.passed, expected, "{}", case.name);
        }
        // The maker's page says the same.
        let teacher = clients.get(maker).await;
        let html = teacher
            .get(app.url(&format!("/agreements/{agreement}")))
            .send()
            .await
            .expect("agreement page")
            .text()
            .await
            .expect("body");
        let verdict = if web.passed {
            "<strong>ผ่านเกณฑ์</strong>"
        } else {
            "<strong>ไม่ผ่านเกณฑ์</strong>"
        };
        assert!(html.contains(verdict), "{}: {html}", case.name);
    }
}
