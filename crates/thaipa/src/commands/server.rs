//! The server's commands: `serve`, `migrate`, `admin create`, `audit verify`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use domain::access::Role;
use domain::directory::UnitKind;
use domain::people::{Affiliation, Position, Standing};
use store::Store;
use store::audit::Verification;
use web::{AppState, Config};

#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// แฟ้มตั้งค่า (ค่าเริ่มต้น ./thaipa.toml ถ้ามี)
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// ฐานข้อมูล: sqlite://PATH หรือ postgres://… (แทนค่าในแฟ้มตั้งค่า)
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum AdminAction {
    /// สร้างผู้ดูแลระบบคนแรก (รหัสผ่านอ่านจากตัวแปร THAIPA_ADMIN_PASSWORD)
    Create {
        #[arg(long)]
        login: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// หน่วยงานของผู้ดูแลระบบ (สร้างให้ถ้ายังไม่มี)
        #[arg(long, default_value = "ADMIN")]
        unit_code: String,
        #[arg(long, default_value = "ผู้ดูแลระบบ ThaiPA")]
        unit_name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditAction {
    /// คำนวณสายแฮชใหม่ทั้งหมดและรายงานจุดแรกที่ผิดปกติ
    Verify,
}

fn load(args: &ConfigArgs) -> Result<Config, String> {
    let mut config =
        Config::load(args.config.as_deref(), std::env::vars()).map_err(|e| e.to_string())?;
    if let Some(url) = &args.database_url {
        config.database_url.clone_from(url);
    }
    Ok(config)
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

fn logs() {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("THAIPA_LOG").unwrap_or_else(|_| "info".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .json()
        .try_init();
}

/// Runs an async command with the store open, turning failures into exit 2 with a Thai message.
pub fn with_store<F, Fut>(args: &ConfigArgs, f: F) -> ExitCode
where
    F: FnOnce(Store, Config) -> Fut,
    Fut: std::future::Future<Output = Result<ExitCode, String>>,
{
    let outcome = load(args).and_then(|config| {
        runtime()?.block_on(async move {
            let store = Store::open(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            f(store, config).await
        })
    });
    outcome.unwrap_or_else(|e| super::fail(&e))
}

pub fn serve(args: &ConfigArgs, demo: bool, addr: Option<String>) -> ExitCode {
    logs();
    with_store(args, |store, mut config| async move {
        if let Some(addr) = addr {
            config.addr = addr;
        }
        std::fs::create_dir_all(&config.blobs_dir)
            .map_err(|e| format!("สร้างโฟลเดอร์ {} ไม่ได้: {e}", config.blobs_dir.display()))?;
        if demo {
            if web::demo::seed(&store, &config)
                .await
                .map_err(|e| e.to_string())?
            {
                tracing::info!("demo data loaded");
                println!(
                    "โหลดข้อมูลสาธิตแล้ว: ผู้ใช้ {} รหัสผ่าน {}",
                    web::demo::DEMO_LOGINS
                        .iter()
                        .map(|(l, _)| *l)
                        .collect::<Vec<_>>()
                        .join(", "),
                    web::demo::DEMO_PASSWORD
                );
            } else {
                println!("ฐานข้อมูลมีข้อมูลอยู่แล้ว จึงไม่โหลดข้อมูลสาธิตซ้ำ");
            }
        }
        let listener = tokio::net::TcpListener::bind(&config.addr)
            .await
            .map_err(|e| format!("เปิดพอร์ต {} ไม่ได้: {e}", config.addr))?;
        println!("ThaiPA พร้อมใช้งานที่ http://{}", config.addr);
        let state = AppState::new(store.clone(), config);
        web::serve(listener, state, shutdown_signal())
            .await
            .map_err(|e| e.to_string())?;
        store.close().await;
        Ok(ExitCode::SUCCESS)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
    tracing::info!("shutting down");
}

pub fn migrate(args: &ConfigArgs) -> ExitCode {
    with_store(args, |_store, config| async move {
        println!("ฐานข้อมูล {} เป็นรุ่นล่าสุดแล้ว", redact(&config.database_url));
        Ok(ExitCode::SUCCESS)
    })
}

/// A database URL without its password, for printing.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &url[..scheme], &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

pub fn admin(args: &ConfigArgs, action: AdminAction) -> ExitCode {
    let AdminAction::Create {
        login,
        first_name,
        last_name,
        unit_code,
        unit_name,
    } = action;
    let Ok(password) = std::env::var("THAIPA_ADMIN_PASSWORD") else {
        return super::fail(
            "กำหนดรหัสผ่านของผู้ดูแลระบบในตัวแปร THAIPA_ADMIN_PASSWORD (อย่างน้อย 10 ตัวอักษร)",
        );
    };
    if password.chars().count() < 10 {
        return super::fail("รหัสผ่านของผู้ดูแลระบบต้องยาวอย่างน้อย 10 ตัวอักษร");
    }
    with_store(args, |store, config| async move {
        let e = |e: store::StoreError| e.to_string();
        if store.unit_by_code(&unit_code).await.map_err(e)?.is_none() {
            store
                .create_unit(
                    None,
                    None,
                    UnitKind::Headquarters,
                    &unit_code,
                    &unit_name,
                    Affiliation::All,
                )
                .await
                .map_err(e)?;
        }
        let record = domain::directory::PersonRecord {
            citizen_id: None,
            title: String::new(),
            first_name,
            last_name,
            position: Position::Supervisor,
            standing: Standing::None,
            salary_scale: None,
            salary: None,
            unit_code,
            email: None,
            phone: None,
        };
        let id = store.create_person(None, &record).await.map_err(e)?;
        let hash = web::auth::hash_password(&config, password)
            .await
            .map_err(|x| x.0)?;
        store
            .set_account(None, &id, &login, &hash, false)
            .await
            .map_err(e)?;
        store
            .grant_role(None, &id, Role::Admin, None)
            .await
            .map_err(e)?;
        println!("สร้างผู้ดูแลระบบ {login} แล้ว");
        Ok(ExitCode::SUCCESS)
    })
}

pub fn audit(args: &ConfigArgs, action: AuditAction) -> ExitCode {
    let AuditAction::Verify = action;
    with_store(args, |store, _| async move {
        match store.verify_audit().await.map_err(|e| e.to_string())? {
            Verification::Intact { events } => {
                println!("บันทึกการใช้งานครบถ้วน ไม่ถูกแก้ไข ({events} เหตุการณ์)");
                Ok(ExitCode::SUCCESS)
            }
            Verification::Broken { seq, reason } => {
                println!("บันทึกการใช้งานผิดปกติ ตั้งแต่เหตุการณ์ลำดับที่ {seq}: {reason}");
                Ok(ExitCode::FAILURE)
            }
        }
    })
}
