//! `thaipa check FILE`: the checker's findings for an agreement file.

use std::path::Path;
use std::process::ExitCode;

use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::checker::check_in;

use crate::Format;

pub fn run(path: &Path, format: Format) -> ExitCode {
    let text = match super::read(path) {
        Ok(t) => t,
        Err(e) => return super::fail(&e),
    };
    let agreement = match Agreement::from_json(&text) {
        Ok(a) => a,
        Err(e) => return super::fail(&format!("{}: {e}", path.display())),
    };
    let report = check_in(Catalog::embedded(), &agreement);
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => return super::fail(&format!("สร้าง JSON ไม่ได้: {e}")),
        },
        Format::Text => {
            for f in &report.findings {
                println!("{} {} {}: {}", f.severity.thai(), f.rule, f.path, f.message);
            }
            let errors = report.errors().count();
            let warnings = report.warnings().count();
            println!(
                "{}: ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ",
                path.display()
            );
        }
    }
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
