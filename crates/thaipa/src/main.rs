//! `thaipa`: the command line. Wiring only: every decision is made in `domain`.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "thaipa",
    version,
    about = "ThaiPA: ระบบข้อตกลงในการพัฒนางาน (PA)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// แสดงรายการแบบฟอร์มในแคตตาล็อก
    Catalog {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// ตรวจข้อตกลง (แฟ้ม JSON): ออก 0 เมื่อไม่มีข้อผิดพลาด 1 เมื่อมีข้อผิดพลาด 2 เมื่ออ่านแฟ้มไม่ได้
    Check {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// คำนวณผลการประเมินจากคะแนนของคณะกรรมการ (แฟ้ม JSON)
    Score { file: PathBuf },
    /// สร้างเอกสาร PA 1, PA 2 หรือ PA 3 เป็น PDF หรือ Word
    Render(commands::render::RenderArgs),
    /// พิมพ์ JSON Schema ของรูปแบบแฟ้มข้อตกลง
    Schema,
    /// สาธิต: ตรวจข้อตกลงตัวอย่างทั้งหมดและคำนวณผลการประเมินตัวอย่าง
    Demo,
    /// เปิดเว็บเซิร์ฟเวอร์ (ค่าเริ่มต้น SQLite ที่ ./data/thaipa.db, 127.0.0.1:8080)
    Serve {
        /// โหลดข้อมูลสาธิตเมื่อฐานข้อมูลว่าง
        #[arg(long)]
        demo: bool,
        /// ที่อยู่ที่รับการเชื่อมต่อ เช่น 0.0.0.0:8080
        #[arg(long)]
        addr: Option<String>,
        #[command(flatten)]
        config: commands::server::ConfigArgs,
    },
    /// ปรับโครงสร้างฐานข้อมูลให้เป็นรุ่นล่าสุด
    Migrate {
        #[command(flatten)]
        config: commands::server::ConfigArgs,
    },
    /// งานของผู้ดูแลระบบ
    Admin {
        #[command(subcommand)]
        action: commands::server::AdminAction,
        #[command(flatten)]
        config: commands::server::ConfigArgs,
    },
    /// นำเข้าหน่วยงานหรือบุคลากรจากไฟล์ CSV/XLSX (ตรวจสอบก่อน บันทึกเมื่อใส่ --commit)
    Import {
        #[command(subcommand)]
        kind: commands::import::ImportKind,
        #[command(flatten)]
        config: commands::server::ConfigArgs,
    },
    /// ตรวจบันทึกการใช้งาน (audit log)
    Audit {
        #[command(subcommand)]
        action: commands::server::AuditAction,
        #[command(flatten)]
        config: commands::server::ConfigArgs,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Catalog { format } => commands::catalog::run(format),
        Command::Check { file, format } => commands::check::run(&file, format),
        Command::Score { file } => commands::score::run(&file),
        Command::Render(args) => commands::render::run(&args),
        Command::Schema => commands::schema(),
        Command::Demo => commands::demo::run(),
        Command::Serve { demo, addr, config } => commands::server::serve(&config, demo, addr),
        Command::Migrate { config } => commands::server::migrate(&config),
        Command::Admin { action, config } => commands::server::admin(&config, action),
        Command::Import { kind, config } => commands::import::run(&config, kind),
        Command::Audit { action, config } => commands::server::audit(&config, action),
    }
}
