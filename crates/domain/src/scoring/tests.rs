use proptest::prelude::*;
use serde_json::json;

use super::*;

const FORM: &str = "teacher-obec-w9-2564-v1";

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

fn member_json(name: &str, role: &str, part1: &[u8], part2: [u8; 3]) -> Value {
    let codes = catalog().get(FORM).expect("form").indicator_codes();
    let p1: serde_json::Map<String, Value> = codes
        .iter()
        .zip(part1)
        .map(|(c, l)| ((*c).to_owned(), json!(l)))
        .collect();
    json!({"name": name, "role": role, "part1": p1,
           "part2": {"method": part2[0], "quantitative": part2[1], "qualitative": part2[2]}})
}

fn request(workload_met: bool, members: Vec<Value>) -> String {
    json!({"form": FORM, "workload_met": workload_met, "members": members}).to_string()
}

fn three(levels: [([u8; 15], [u8; 3]); 3]) -> String {
    let roles = ["chair", "member", "member"];
    let members = levels
        .iter()
        .zip(roles)
        .enumerate()
        .map(|(i, ((p1, p2), role))| member_json(&format!("กรรมการ {i}"), role, p1, *p2))
        .collect();
    request(true, members)
}

fn outcome(text: &str) -> Outcome {
    Evaluation::from_json(text, catalog())
        .expect("valid request")
        .outcome()
}

fn errors(text: &str) -> Vec<String> {
    Evaluation::from_json(text, catalog())
        .expect_err("must be refused")
        .0
}

#[test]
fn all_threes_score_45_plus_30_and_pass() {
    let o = outcome(&three([([3; 15], [3; 3]); 3]));
    assert_eq!(o.members[0].part1, 45.0);
    assert_eq!(o.members[0].part2, 30.0);
    assert_eq!(o.members[0].total, 75.0);
    assert!(o.passed);
    assert!(o.reasons.is_empty());
}

#[test]
fn part2_converts_levels_through_the_seed_001_table() {
    let o = outcome(&three([([4; 15], [4, 2, 1]); 3]));
    // 20 (method 4) + 5.00 (quantitative 2) + 2.50 (qualitative 1)
    assert_eq!(o.members[0].part2, 27.5);
    assert_eq!(o.members[0].total, 87.5);
}

#[test]
fn one_member_below_70_fails_the_agreement_even_when_the_mean_passes() {
    let o = outcome(&three([
        ([4; 15], [4; 3]),
        ([4; 15], [4; 3]),
        ([2; 15], [3; 3]),
    ]));
    assert_eq!(o.members[2].total, 60.0);
    assert!(!o.members[2].passed);
    assert!(o.mean_total > 70.0);
    assert!(!o.passed);
    assert_eq!(o.reasons.len(), 1);
    assert!(o.reasons[0].contains("กรรมการคนที่ 3"), "{}", o.reasons[0]);
}

#[test]
fn exactly_70_passes() {
    // 15 × 3 = 45 … need 25 from part 2: 15 + 5 + 5
    let o = outcome(&three([([3; 15], [3, 2, 2]); 3]));
    assert_eq!(o.members[0].total, 70.0);
    assert!(o.passed);
}

#[test]
fn unmet_workload_fails_whatever_the_scores() {
    let members = (0..3)
        .map(|i| {
            member_json(
                "ก",
                if i == 0 { "chair" } else { "member" },
                &[4; 15],
                [4; 3],
            )
        })
        .collect();
    let o = outcome(&request(false, members));
    assert!(!o.passed);
    assert!(o.reasons[0].contains("ภาระงาน"));
}

#[test]
fn an_unknown_form_is_refused_by_name() {
    let text = json!({"form": "nope", "workload_met": true, "members": []}).to_string();
    assert!(errors(&text)[0].contains("nope"));
}

#[test]
fn levels_outside_one_to_four_or_fractional_are_refused() {
    for bad in [json!(0), json!(5), json!(2.5), json!("3"), json!(-1)] {
        let mut m = member_json("ก", "chair", &[3; 15], [3; 3]);
        m["part1"]["1.3"] = bad.clone();
        let rest = (0..2).map(|_| member_json("ข", "member", &[3; 15], [3; 3]));
        let errs = errors(&request(true, std::iter::once(m).chain(rest).collect()));
        assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
        assert!(
            errs[0].contains("1.3") && errs[0].contains("1 ถึง 4"),
            "{errs:?}"
        );
    }
}

#[test]
fn a_missing_or_extra_indicator_is_named() {
    let mut m = member_json("ก", "chair", &[3; 15], [3; 3]);
    let p1 = m["part1"].as_object_mut().expect("object");
    p1.remove("2.4");
    p1.insert("9.9".into(), json!(3));
    let rest = (0..2).map(|_| member_json("ข", "member", &[3; 15], [3; 3]));
    let errs = errors(&request(true, std::iter::once(m).chain(rest).collect()));
    assert!(errs.iter().any(|e| e.contains("2.4")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("9.9")), "{errs:?}");
}

#[test]
fn a_missing_part2_item_is_named() {
    let mut m = member_json("ก", "chair", &[3; 15], [3; 3]);
    m["part2"]
        .as_object_mut()
        .expect("object")
        .remove("qualitative");
    let rest = (0..2).map(|_| member_json("ข", "member", &[3; 15], [3; 3]));
    let errs = errors(&request(true, std::iter::once(m).chain(rest).collect()));
    assert!(errs.iter().any(|e| e.contains("qualitative")), "{errs:?}");
}

#[test]
fn a_committee_of_the_wrong_size_is_refused() {
    for n in [0, 2, 4] {
        let members = (0..n)
            .map(|i| {
                member_json(
                    "ก",
                    if i == 0 { "chair" } else { "member" },
                    &[3; 15],
                    [3; 3],
                )
            })
            .collect();
        let errs = errors(&request(true, members));
        assert!(errs[0].contains("3 คน"), "{n}: {errs:?}");
    }
}

#[test]
fn a_committee_needs_exactly_one_chair() {
    let members = (0..3)
        .map(|_| member_json("ก", "member", &[3; 15], [3; 3]))
        .collect();
    assert!(errors(&request(true, members))[0].contains("ประธาน"));
    let members = (0..3)
        .map(|_| member_json("ก", "chair", &[3; 15], [3; 3]))
        .collect();
    assert!(errors(&request(true, members))[0].contains("ประธาน"));
}

#[test]
fn malformed_json_is_refused_in_thai() {
    assert!(errors("{not json")[0].contains("JSON"));
}

fn level() -> impl Strategy<Value = u8> {
    1u8..=4
}

fn sheet() -> impl Strategy<Value = ([u8; 15], [u8; 3])> {
    (
        proptest::array::uniform15(level()),
        proptest::array::uniform3(level()),
    )
}

/// The rule written out the plain way, independent of the catalog tables.
fn straightforward_total(p1: &[u8; 15], p2: &[u8; 3]) -> f64 {
    let part1: u32 = p1.iter().map(|&l| u32::from(l)).sum();
    let part2 = f64::from(p2[0]) * 5.0 + f64::from(p2[1]) * 2.5 + f64::from(p2[2]) * 2.5;
    f64::from(part1) + part2
}

proptest! {
    #[test]
    fn totals_stay_between_0_and_100(sheets in proptest::array::uniform3(sheet())) {
        for m in outcome(&three(sheets)).members {
            prop_assert!((0.0..=100.0).contains(&m.total));
            prop_assert!(m.part1 <= 60.0 && m.part2 <= 40.0);
        }
    }

    #[test]
    fn raising_one_level_never_lowers_a_total(
        sheets in proptest::array::uniform3(sheet()),
        member in 0usize..3,
        slot in 0usize..18,
    ) {
        let before = outcome(&three(sheets));
        let mut raised = sheets;
        let (p1, p2) = &mut raised[member];
        let l = if slot < 15 { &mut p1[slot] } else { &mut p2[slot - 15] };
        *l = (*l + 1).min(4);
        let after = outcome(&three(raised));
        prop_assert!(after.members[member].total >= before.members[member].total);
        prop_assert!(after.passed || !before.passed);
    }

    #[test]
    fn the_verdict_matches_a_straightforward_computation(
        sheets in proptest::array::uniform3(sheet()),
        workload_met in any::<bool>(),
    ) {
        let roles = ["chair", "member", "member"];
        let members = sheets.iter().zip(roles)
            .map(|((p1, p2), r)| member_json("ก", r, p1, *p2)).collect();
        let o = outcome(&request(workload_met, members));
        let totals: Vec<f64> = sheets.iter().map(|(p1, p2)| straightforward_total(p1, p2)).collect();
        let expected = workload_met && totals.iter().all(|&t| t >= 70.0);
        prop_assert_eq!(o.passed, expected);
        for (m, t) in o.members.iter().zip(&totals) {
            prop_assert_eq!(m.total, *t);
        }
        prop_assert!((o.mean_total - totals.iter().sum::<f64>() / 3.0).abs() < 1e-9);
    }
}
