//! The command line as a user meets it: exit codes, Thai messages, JSON shapes.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::{Value, json};

fn thaipa() -> Command {
    Command::cargo_bin("thaipa").expect("binary built")
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

fn write_temp(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

fn catalog_json() -> Vec<Value> {
    let out = thaipa()
        .args(["catalog", "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("catalog JSON array")
}

#[test]
fn catalog_json_lists_every_form_with_its_identity_and_indicator_codes() {
    let positions = [
        "teacher",
        "school_director",
        "deputy_school_director",
        "supervisor",
        "esa_director",
        "deputy_esa_director",
    ];
    let forms = catalog_json();
    assert!(forms.len() >= 6);
    for f in &forms {
        for key in [
            "id",
            "position",
            "affiliation",
            "regulation",
            "version",
            "indicator_codes",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {}", f["id"]);
        }
        assert!(positions.contains(&f["position"].as_str().unwrap_or_default()));
        assert_eq!(
            f["indicator_codes"].as_array().map(Vec::len),
            Some(15),
            "{}",
            f["id"]
        );
    }
    let teacher = forms
        .iter()
        .find(|f| f["id"] == "teacher-obec-w9-2564-v1")
        .expect("teacher");
    let codes: Vec<&str> = teacher["indicator_codes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        codes,
        [
            "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3", "2.4",
            "3.1", "3.2", "3.3"
        ]
    );
}

/// Indicator names as the seeds print them: seed 003 (teacher), seed 000 (school director) and
/// seed 002 (ESA director, all fifteen sub-elements).
const SEED_NAMES: &[&str] = &[
    "สร้างและหรือพัฒนาหลักสูตร",
    "ออกแบบการจัดการเรียนรู้",
    "จัดกิจกรรมการเรียนรู้",
    "สร้างและหรือพัฒนาสื่อ นวัตกรรม เทคโนโลยีและแหล่งเรียนรู้",
    "วัดและประเมินผลการเรียนรู้",
    "ศึกษา วิเคราะห์ และสังเคราะห์ เพื่อแก้ปัญหาหรือพัฒนาการเรียนรู้",
    "จัดบรรยากาศที่ส่งเสริมและพัฒนาผู้เรียน",
    "อบรมและพัฒนาคุณลักษณะที่ดีของผู้เรียน",
    "จัดทำข้อมูลสารสนเทศของผู้เรียนและรายวิชา",
    "ดำเนินการตามระบบดูแลช่วยเหลือผู้เรียน",
    "ปฏิบัติงานวิชาการ และงานอื่นๆ ของสถานศึกษา",
    "พัฒนาตนเองอย่างเป็นระบบและต่อเนื่อง",
    "มีส่วนร่วมในการแลกเปลี่ยนเรียนรู้ทางวิชาชีพ",
    "การวางแผนพัฒนามาตรฐานการเรียนรู้ของผู้เรียน",
    "การจัดทำและพัฒนาหลักสูตรสถานศึกษา",
    "การบริหารกิจการผู้เรียนและการส่งเสริมพัฒนาผู้เรียน",
    "การจัดระบบดูแลช่วยเหลือผู้เรียน",
    "การบริหารการเปลี่ยนแปลงและนวัตกรรมในสถานศึกษา",
    "การสร้างและพัฒนาเครือข่ายเพื่อพัฒนาการเรียนรู้",
    "การจัดระบบการบริการในสถานศึกษา",
    "จัดทำและดำเนินการตามแผนพัฒนาการศึกษา",
    "ส่งเสริม สนับสนุนและพัฒนาคุณภาพ และมาตรฐานการจัดการศึกษา",
    "ส่งเสริม สนับสนุน วิเคราะห์ วิจัย และประสานงานด้านวิชาการ รวมทั้งส่งเสริม สนับสนุน การพัฒนา หรือการนำสื่อ นวัตกรรม และเทคโนโลยีทางการศึกษามาใช้ในการพัฒนาการจัดการศึกษา",
    "ส่งเสริมให้มีการจัดระบบประกันคุณภาพการศึกษา ประเมินผลสถานศึกษา รวมทั้งส่งเสริมสนับสนุน การนิเทศการศึกษา",
    "บริหารงานบุคคล บริหารงบประมาณ บริหารทั่วไป ให้เป็นไปตามกฎหมายที่เกี่ยวข้อง รวมทั้งส่งเสริมและพัฒนา ข้าราชการครูและบุคลากรทางการศึกษา",
    "ส่งเสริมการมีส่วนร่วมในการบริหารและจัดการศึกษา",
    "ส่งเสริม สนับสนุนระบบดูแลช่วยเหลือผู้เรียน",
    "กำหนดและนำนโยบาย แผน กลยุทธ์ในการพัฒนาคุณภาพการศึกษาไปปฏิบัติ",
    "สร้างหรือนำนวัตกรรมเทคโนโลยีดิจิทัล มาใช้ในการพัฒนาคุณภาพการศึกษา",
    "สร้างการมีส่วนร่วมการทำงานเป็นทีม ในการบริหารการเปลี่ยนแปลงและนวัตกรรม",
    "สร้างและพัฒนาความร่วมมืออย่างสร้างสรรค์กับ ข้าราชการครูและบุคลากรทางการศึกษา ผู้เรียน สถานศึกษา หน่วยงานภาครัฐ ชุมชน และเครือข่าย",
    "จัดระบบการให้บริการ และประสานความร่วมมือกับ ชุมชนและเครือข่าย รวมทั้ง ประสาน ส่งเสริมและสนับสนุน การจัดการศึกษา",
    "มีการพัฒนาตนเองอย่างต่อเนื่อง เพื่อให้มีความรู้ความสามารถ ทักษะ",
    "มีส่วนร่วมและเป็นผู้นำในการแลกเปลี่ยนเรียนรู้ทางวิชาชีพ",
    "นำความรู้ ความสามารถ ทักษะที่ได้จากการพัฒนาตนเอง และวิชาชีพมาใช้ในการพัฒนาการบริหารจัดการศึกษาและนวัตกรรม",
];

#[test]
fn catalog_json_carries_the_seeds_indicator_names_verbatim() {
    let names: Vec<String> = catalog_json()
        .iter()
        .flat_map(|f| f["part1"]["areas"].as_array().cloned().unwrap_or_default())
        .flat_map(|a| a["indicators"].as_array().cloned().unwrap_or_default())
        .filter_map(|i| i["name"].as_str().map(str::to_owned))
        .collect();
    for name in SEED_NAMES {
        assert!(
            names.iter().any(|n| n == name),
            "{name} is not an indicator name in the catalog"
        );
    }
}

#[test]
fn catalog_text_names_each_form() {
    let out = thaipa().arg("catalog").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("teacher-local-w9-2564-v1") && text.contains("ว 12/2564"),
        "{text}"
    );
}

#[test]
fn the_seed_004_agreement_reports_only_its_missing_sub_element_1_4() {
    let out = thaipa()
        .args(["check", "--format", "json"])
        .arg(example("seed-004-esa-director.json"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let errors: Vec<&Value> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["rule"], "PA-E010");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("1.4")
    );
}

#[test]
fn the_seed_000_agreement_reports_its_placeholder_and_duplicate_numbering() {
    let out = thaipa()
        .args(["check", "--format", "json"])
        .arg(example("seed-000-school-director.json"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"PA-E020"), "{rules:?}");
    assert!(rules.contains(&"PA-W021"), "{rules:?}");
}

#[test]
fn every_clean_example_passes_the_checker() {
    for name in [
        "teacher-obec-senior-professional.json",
        "teacher-local-senior-expert.json",
        "deputy-school-director.json",
        "deputy-esa-director.json",
    ] {
        let out = thaipa()
            .arg("check")
            .arg(example(name))
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn check_says_in_thai_when_the_file_is_missing_or_not_json() {
    thaipa()
        .args(["check", "/nonexistent/pa.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ไม่พบแฟ้ม"));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write_temp(&dir, "bad.json", "{ not json");
    thaipa()
        .arg("check")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("JSON"));
}

fn member(role: &str, level: u8) -> Value {
    let codes = [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3", "2.4", "3.1",
        "3.2", "3.3",
    ];
    let part1: serde_json::Map<String, Value> = codes
        .iter()
        .map(|c| ((*c).to_owned(), json!(level)))
        .collect();
    json!({"name": "กรรมการ", "role": role, "part1": part1,
           "part2": {"method": level, "quantitative": level, "qualitative": level}})
}

fn score(request: &Value) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_temp(&dir, "score.json", &request.to_string());
    thaipa().arg("score").arg(&path).output().expect("run")
}

#[test]
fn score_prints_totals_with_two_decimals_and_the_verdict() {
    let req = json!({"form": "teacher-obec-w9-2564-v1", "workload_met": true,
                     "members": [member("chair", 3), member("member", 3), member("member", 2)]});
    let out = score(&req);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("\"total\": 75.00"), "{text}");
    assert!(text.contains("\"part2\": 20.00"), "{text}");
    let v: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["passed"], json!(false));
    assert_eq!(v["members"][2]["total"], json!(50.0));
    assert!(
        v["reasons"][0]
            .as_str()
            .unwrap_or_default()
            .contains("กรรมการคนที่ 3")
    );
}

#[test]
fn score_refuses_bad_input_with_exit_2_and_a_thai_message() {
    let form = "teacher-obec-w9-2564-v1";
    let ok = || vec![member("chair", 3), member("member", 3), member("member", 3)];
    let mut missing = ok();
    missing[0]["part1"]
        .as_object_mut()
        .expect("map")
        .remove("1.1");
    let mut extra = ok();
    extra[1]["part1"]["4.1"] = json!(3);
    let cases = [
        (
            json!({"form": "no-such-form", "workload_met": true, "members": ok()}),
            "no-such-form",
        ),
        (
            json!({"form": form, "workload_met": true, "members": missing}),
            "1.1",
        ),
        (
            json!({"form": form, "workload_met": true, "members": extra}),
            "4.1",
        ),
        (
            json!({"form": form, "workload_met": true, "members": [member("chair", 3), member("member", 3), member("member", 0)]}),
            "1 ถึง 4",
        ),
        (
            json!({"form": form, "workload_met": true, "members": [member("chair", 5), member("member", 3), member("member", 3)]}),
            "1 ถึง 4",
        ),
        (
            json!({"form": form, "workload_met": true, "members": ok()[..2]}),
            "3 คน",
        ),
    ];
    for (req, needle) in cases {
        let out = score(&req);
        assert_eq!(out.status.code(), Some(2), "{req}");
        let err = String::from_utf8(out.stderr).expect("utf-8");
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    let mut half = ok();
    half[0]["part2"]["method"] = json!(2.5);
    let out = score(&json!({"form": form, "workload_met": true, "members": half}));
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write_temp(&dir, "bad.json", "[1, 2");
    thaipa()
        .arg("score")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("JSON"));
}
