//! `thaipa render FILE.json --form pa1|pa2|pa3 --format pdf|docx --out PATH`: an official
//! document from an agreement (PA 1) or a committee's score file (PA 2, PA 3).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use docs::{Document, Format, Options};
use domain::agreement::Agreement;
use domain::catalog::Catalog;
use domain::scoring::Evaluation;
use domain::thai::Digits;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormArg {
    Pa1,
    Pa2,
    Pa3,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Pdf,
    Docx,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigitsArg {
    Thai,
    Arabic,
}

#[derive(Args)]
pub struct RenderArgs {
    /// แฟ้มข้อตกลง (PA 1) หรือแฟ้มคะแนนของคณะกรรมการ (PA 2, PA 3)
    file: PathBuf,
    #[arg(long, value_enum)]
    form: FormArg,
    #[arg(long, value_enum, default_value_t = FormatArg::Pdf)]
    format: FormatArg,
    /// แฟ้มที่จะเขียน
    #[arg(long)]
    out: PathBuf,
    /// แฟ้มข้อตกลงของผู้รับการประเมิน สำหรับหัวแบบ PA 2 และ PA 3
    #[arg(long)]
    agreement: Option<PathBuf>,
    /// PA 2 ของกรรมการคนที่ N เท่านั้น (เริ่มที่ 1)
    #[arg(long)]
    member: Option<usize>,
    /// ตัวเลขไทยหรืออารบิก (ค่าเริ่มต้นตามแบบฟอร์ม)
    #[arg(long, value_enum)]
    digits: Option<DigitsArg>,
    /// เข้าเล่ม (ปก คำนำ สารบัญ เลขหน้า): ค่าเริ่มต้นตามตำแหน่ง
    #[arg(long)]
    booklet: Option<bool>,
}

fn agreement(path: &Path) -> Result<Agreement, String> {
    let text = super::read(path)?;
    Agreement::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn document(args: &RenderArgs) -> Result<Document, String> {
    let catalog = Catalog::embedded();
    let options = Options {
        digits: args.digits.map(|d| match d {
            DigitsArg::Thai => Digits::Thai,
            DigitsArg::Arabic => Digits::Arabic,
        }),
        booklet: args.booklet,
    };
    if args.form == FormArg::Pa1 {
        let a = agreement(&args.file)?;
        let form = catalog.get(&a.form).ok_or_else(|| {
            format!(
                "{}: ไม่พบแบบฟอร์มรหัส \"{}\" ในแคตตาล็อก",
                args.file.display(),
                a.form
            )
        })?;
        return Ok(Document::pa1(form, &a, &options));
    }
    let text = super::read(&args.file)?;
    let e = Evaluation::from_json(&text, catalog)
        .map_err(|e| format!("{}:\n{e}", args.file.display()))?;
    let a = args.agreement.as_deref().map(agreement).transpose()?;
    if let Some(a) = &a
        && a.form != e.form.id
    {
        return Err(format!(
            "ข้อตกลงเขียนบนแบบฟอร์ม {} แต่แฟ้มคะแนนเป็นของแบบฟอร์ม {}",
            a.form, e.form.id
        ));
    }
    Ok(match args.form {
        FormArg::Pa2 => {
            let member = match args.member {
                Some(n) if n == 0 || n > e.sheets.len() => {
                    return Err(format!(
                        "กรรมการคนที่ {n} ไม่มีในแฟ้มนี้ (มี {} คน)",
                        e.sheets.len()
                    ));
                }
                m => m.map(|n| n - 1),
            };
            Document::pa2(&e, a.as_ref(), member, &options)
        }
        _ => Document::pa3(&e, a.as_ref(), &options),
    })
}

pub fn run(args: &RenderArgs) -> ExitCode {
    let document = match document(args) {
        Ok(d) => d,
        Err(e) => return super::fail(&e),
    };
    let format = match args.format {
        FormatArg::Pdf => Format::Pdf,
        FormatArg::Docx => Format::Docx,
    };
    let bytes = match document.render(format) {
        Ok(b) => b,
        Err(e) => return super::fail(&e.to_string()),
    };
    if let Err(e) = std::fs::write(&args.out, bytes) {
        return super::fail(&format!("เขียนแฟ้ม {} ไม่ได้: {e}", args.out.display()));
    }
    ExitCode::SUCCESS
}
