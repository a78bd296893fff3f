use super::*;
use crate::catalog::Catalog;

fn agreement() -> Agreement {
    Agreement::from_json(include_str!(
        "../../../../examples/teacher-obec-senior-professional.json"
    ))
    .expect("example")
}

fn form(a: &Agreement) -> &'static Form {
    Catalog::embedded().get(&a.form).expect("form")
}

fn evidence(indicators: &[&str]) -> EvidenceItem {
    EvidenceItem {
        id: "e1".into(),
        kind: EvidenceKind::File,
        title: "แผนการจัดการเรียนรู้".into(),
        description: String::new(),
        date: None,
        indicators: indicators.iter().map(|c| (*c).to_owned()).collect(),
        challenges: Vec::new(),
        file_name: "plan.pdf".into(),
        media_type: "application/pdf".into(),
        size: 1000,
        url: String::new(),
        pages: Some(12),
        duration_seconds: None,
        inline: false,
    }
}

/// Every field filled, every indicator proven.
fn complete(a: &Agreement) -> (SelfReport, Vec<EvidenceItem>) {
    let mut r = SelfReport::blank(a);
    for row in &mut r.part1 {
        row.done = "จัดทำแผนและสอนตามแผน".into();
        row.achieved = "นักเรียนร้อยละ 85 ผ่านเกณฑ์".into();
    }
    for c in &mut r.challenges {
        c.qualitative = "นักเรียนอ่านคล่องขึ้น".into();
        for t in &mut c.targets {
            t.achieved = Some(85.0);
        }
    }
    let codes = form(a).indicator_codes();
    (r, vec![evidence(&codes)])
}

#[test]
fn a_blank_report_has_a_slot_for_every_row_challenge_and_target() {
    let a = agreement();
    let r = SelfReport::blank(&a);
    assert_eq!(r.part1.len(), a.part1.len());
    assert_eq!(r.challenges.len(), a.challenges.len());
    assert_eq!(
        r.challenges[0].targets.len(),
        a.challenges[0].quantitative.len()
    );
}

#[test]
fn a_complete_report_has_no_findings() {
    let a = agreement();
    let (r, e) = complete(&a);
    assert_eq!(r.check(form(&a), &a, &e), Vec::<Finding>::new());
}

#[test]
fn a_missing_result_target_or_evidence_is_a_finding_at_its_field() {
    let a = agreement();
    let (mut r, _) = complete(&a);
    r.part1[0].done.clear();
    r.challenges[0].targets[0].achieved = None;
    let findings = r.check(form(&a), &a, &[evidence(&["1.1"])]);
    let paths: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.contains(&"/part1/0/done"), "{paths:?}");
    assert!(paths.contains(&"/challenges/0/targets/0"), "{paths:?}");
    assert!(!paths.contains(&"/evidence/1.1"), "{paths:?}");
    assert!(paths.contains(&"/evidence/1.2"), "{paths:?}");
    // An explanation stands in for evidence.
    r.explanations
        .insert("1.2".into(), "บันทึกไว้ในแผนฯ ของตัวชี้วัด 1.1".into());
    let findings = r.check(form(&a), &a, &[evidence(&["1.1"])]);
    assert!(findings.iter().all(|f| f.path != "/evidence/1.2"));
}

#[test]
fn a_target_is_achieved_at_or_above_its_value() {
    let t = Target {
        value: Some(80.0),
        ..Target::default()
    };
    let r = |v| TargetResult {
        achieved: Some(v),
        note: String::new(),
    };
    assert_eq!(achieved(&t, &r(80.0)), Some(true));
    assert_eq!(achieved(&t, &r(79.99)), Some(false));
    assert_eq!(achieved(&t, &TargetResult::default()), None);
}

#[test]
fn a_long_clip_or_pdf_is_a_dpa_warning() {
    let mut clip = evidence(&["1.3"]);
    clip.pages = None;
    clip.duration_seconds = Some(75.0 * 60.0);
    let mut short = clip.clone();
    short.duration_seconds = Some(20.0 * 60.0);
    let warnings = dpa_warnings(
        &[clip, short, evidence(&["1.1"])],
        &EvidenceLimits::default(),
    );
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].contains("75 นาที"), "{warnings:?}");
    assert!(warnings[2].contains("12 หน้า"), "{warnings:?}");
}

#[test]
fn a_report_is_refitted_to_a_changed_agreement() {
    let a = agreement();
    let mut r = SelfReport::blank(&a);
    r.part1.push(RowResult::default());
    r.challenges[0].targets.clear();
    let r = r.fitted(&a);
    assert_eq!(r, SelfReport::blank(&a));
}
