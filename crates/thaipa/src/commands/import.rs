//! `thaipa import people|units FILE [--commit]`: a dry run that lists every bad row with its row
//! number and a Thai reason; with `--commit` and no bad rows, an idempotent, all-or-nothing import.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use store::import::{Parsed, RowError, RowWarning, import_people, import_units};
use store::units::ImportCounts;

use super::server::{ConfigArgs, with_store};

#[derive(Subcommand, Debug)]
pub enum ImportKind {
    /// นำเข้าบุคลากร (CSV หรือ XLSX)
    People {
        file: PathBuf,
        /// บันทึกจริง (ถ้าไม่ใส่ จะตรวจสอบอย่างเดียว)
        #[arg(long)]
        commit: bool,
    },
    /// นำเข้าหน่วยงาน (CSV หรือ XLSX)
    Units {
        file: PathBuf,
        #[arg(long)]
        commit: bool,
    },
}

pub fn run(args: &ConfigArgs, kind: ImportKind) -> ExitCode {
    let (file, commit) = match &kind {
        ImportKind::People { file, commit } | ImportKind::Units { file, commit } => {
            (file.clone(), *commit)
        }
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => return super::fail(&format!("อ่านไฟล์ {} ไม่ได้: {e}", file.display())),
    };
    with_store(args, |store, _| async move {
        let e = |e: store::StoreError| e.to_string();
        match kind {
            ImportKind::People { .. } => {
                let parsed = import_people(&bytes).map_err(|x| x.to_string())?;
                let checked = store.check_people(parsed, None).await.map_err(e)?;
                if !report(&checked) || !commit {
                    return Ok(verdict(&checked, commit));
                }
                let records: Vec<_> = checked.ok.into_iter().map(|(_, r)| r).collect();
                counts(store.upsert_people(None, &records).await.map_err(e)?);
            }
            ImportKind::Units { .. } => {
                let parsed = import_units(&bytes).map_err(|x| x.to_string())?;
                let checked = store.check_units(parsed).await.map_err(e)?;
                if !report(&checked) || !commit {
                    return Ok(verdict(&checked, commit));
                }
                let records: Vec<_> = checked.ok.into_iter().map(|(_, r)| r).collect();
                counts(store.upsert_units(None, &records).await.map_err(e)?);
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Prints every bad row and warning; true when there are no bad rows.
fn report<T>(p: &Parsed<T>) -> bool {
    for RowError { row, messages } in &p.errors {
        println!("แถว {row}: {}", messages.join("; "));
    }
    for RowWarning { row, messages } in &p.warnings {
        println!("แถว {row} (คำเตือน): {}", messages.join("; "));
    }
    println!(
        "ตรวจแล้ว {} แถว: ถูกต้อง {} แถว ผิด {} แถว",
        p.ok.len() + p.errors.len(),
        p.ok.len(),
        p.errors.len()
    );
    p.errors.is_empty()
}

fn verdict<T>(p: &Parsed<T>, commit: bool) -> ExitCode {
    if !p.errors.is_empty() {
        println!("ยังไม่ได้บันทึกข้อมูลใด ๆ: แก้แถวที่ผิดแล้วลองใหม่");
        ExitCode::FAILURE
    } else {
        if !commit {
            println!("ไฟล์ถูกต้อง: ใส่ --commit เพื่อบันทึก");
        }
        ExitCode::SUCCESS
    }
}

fn counts(c: ImportCounts) {
    println!(
        "บันทึกแล้ว: เพิ่มใหม่ {} แก้ไข {} ไม่เปลี่ยนแปลง {}",
        c.created, c.updated, c.unchanged
    );
}
