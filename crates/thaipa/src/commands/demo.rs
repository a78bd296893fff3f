//! `thaipa demo`: ThaiPA's core on bundled data, with nothing to set up. It checks every bundled
//! agreement and scores a sample committee, showing what the server will do on each save.

use std::process::ExitCode;

use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::checker::check_in;
use domain::scoring::Evaluation;

/// The bundled examples (the same files the tests read).
const EXAMPLES: &[(&str, &str)] = &[
    (
        "seed-000-school-director.json",
        include_str!("../../../../examples/seed-000-school-director.json"),
    ),
    (
        "seed-004-esa-director.json",
        include_str!("../../../../examples/seed-004-esa-director.json"),
    ),
    (
        "teacher-obec-senior-professional.json",
        include_str!("../../../../examples/teacher-obec-senior-professional.json"),
    ),
    (
        "teacher-local-senior-expert.json",
        include_str!("../../../../examples/teacher-local-senior-expert.json"),
    ),
    (
        "deputy-school-director.json",
        include_str!("../../../../examples/deputy-school-director.json"),
    ),
    (
        "deputy-esa-director.json",
        include_str!("../../../../examples/deputy-esa-director.json"),
    ),
];

const COMMITTEE: &str = include_str!("../../../../examples/scores/teacher-committee.json");

pub fn run() -> ExitCode {
    let catalog = Catalog::embedded();
    println!("ThaiPA: แคตตาล็อกมี {} แบบฟอร์ม\n", catalog.forms().len());
    println!("ตรวจข้อตกลงตัวอย่าง:");
    for (name, text) in EXAMPLES {
        let a = match Agreement::from_json(text) {
            Ok(a) => a,
            Err(e) => return super::fail(&format!("{name}: {e}")),
        };
        let report = check_in(catalog, &a);
        let errors = report.errors().count();
        let warnings = report.warnings().count();
        let position = a.maker.position.map(|p| p.thai()).unwrap_or("-");
        println!(
            "  {name}\n    {} ({position}) ปีงบประมาณ {}: ข้อผิดพลาด {errors} คำเตือน {warnings}",
            a.maker.full_name(),
            a.fiscal_year
        );
        for f in report.findings.iter().take(3) {
            println!("      {} {}: {}", f.rule, f.path, f.message);
        }
    }
    let evaluation = match Evaluation::from_json(COMMITTEE, catalog) {
        Ok(e) => e,
        Err(e) => return super::fail(&e.to_string()),
    };
    let outcome = evaluation.outcome();
    println!("\nผลการประเมินตัวอย่าง (PA 3):");
    for (i, m) in outcome.members.iter().enumerate() {
        println!(
            "  กรรมการคนที่ {} {}: ส่วนที่ 1 {:.2} ส่วนที่ 2 {:.2} รวม {:.2} {}",
            i + 1,
            m.name,
            m.part1,
            m.part2,
            m.total,
            if m.passed {
                "ผ่าน"
            } else {
                "ไม่ผ่าน"
            }
        );
    }
    println!(
        "  สรุป: {} (คะแนนเฉลี่ย {:.2})",
        if outcome.passed {
            "ผ่านเกณฑ์"
        } else {
            "ไม่ผ่านเกณฑ์"
        },
        outcome.mean_total
    );
    ExitCode::SUCCESS
}
