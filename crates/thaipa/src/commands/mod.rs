pub mod catalog;
pub mod check;
pub mod demo;
pub mod import;
pub mod render;
pub mod score;
pub mod server;

use std::path::Path;
use std::process::ExitCode;

use domain::agreement::Agreement;

/// Exit code for input that cannot be read or makes no sense.
pub const BAD_INPUT: u8 = 2;

/// Reads a file, or says in Thai why it cannot.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("ไม่พบแฟ้ม {}", path.display()),
        std::io::ErrorKind::InvalidData => format!("แฟ้ม {} ไม่ใช่ข้อความ UTF-8", path.display()),
        _ => format!("อ่านแฟ้ม {} ไม่ได้: {e}", path.display()),
    })
}

pub fn fail(message: &str) -> ExitCode {
    eprintln!("thaipa: {message}");
    ExitCode::from(BAD_INPUT)
}

pub fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("สร้าง JSON ไม่ได้: {e}")),
    }
}

pub fn schema() -> ExitCode {
    print_json(&Agreement::json_schema())
}
