//! Configuration: defaults that just work, then `thaipa.toml`, then `THAIPA_*` variables.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `sqlite://PATH` (default `./data/thaipa.db`) or `postgres://…`.
    pub database_url: String,
    /// Where the server listens.
    pub addr: String,
    /// Where evidence files go (local storage).
    pub blobs_dir: PathBuf,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Failed logins allowed per account, and per address, in the throttle window.
    pub login_failures_per_account: i64,
    pub login_failures_per_address: i64,
    pub login_window_seconds: i64,
    /// argon2id cost; lower only in tests.
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    /// Where users reach ThaiPA, for links in e-mails (no trailing slash needed).
    pub base_url: String,
    /// The outgoing mail server; without it no mail is sent (queued mail waits in the jobs table).
    pub smtp: Option<SmtpConfig>,
    /// The committee's evaluation (`[evaluation]`): independent scoring, periods, the history
    /// hint's threshold.
    pub evaluation: domain::evaluation::Settings,
    /// Largest evidence video, and largest evidence file of any other kind, in bytes.
    pub evidence_video_max_bytes: u64,
    pub evidence_file_max_bytes: u64,
    /// An upload that has had no bytes for this long is given up and its staged part removed.
    pub evidence_upload_keep_hours: u64,
    /// The key evidence download links are signed with. Set it (the same on every node) for
    /// links that survive a restart; without it each start draws a random one.
    pub link_secret: Option<Password>,
    /// S3-compatible object storage for evidence (`[s3]`); without it, `blobs_dir`.
    pub s3: Option<S3Config>,
}

/// An S3-compatible bucket for evidence files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3Config {
    /// `https://s3.ap-southeast-1.amazonaws.com`, or a MinIO's `http://10.0.0.5:9000`.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: Option<Password>,
}

/// The SMTP server ThaiPA sends notifications through (`[smtp]` in `thaipa.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<Password>,
    /// The sender, `noreply@example.go.th` or `ระบบ ThaiPA <noreply@example.go.th>`; a bare
    /// address is shown as "ThaiPA".
    pub from: String,
    pub security: SmtpSecurity,
}

impl Default for SmtpConfig {
    fn default() -> SmtpConfig {
        SmtpConfig {
            host: String::new(),
            port: 587,
            username: None,
            password: None,
            from: "noreply@localhost".into(),
            security: SmtpSecurity::Starttls,
        }
    }
}

impl SmtpConfig {
    /// The `From` mailbox, named "ThaiPA" when the setting gives only an address.
    pub fn sender(&self) -> Result<lettre::message::Mailbox, ConfigError> {
        let mut mailbox: lettre::message::Mailbox =
            self.from.parse().map_err(|e| ConfigError::Setting {
                name: "smtp.from".into(),
                message: format!("\"{}\" ไม่ใช่ที่อยู่อีเมล ({e})", self.from),
            })?;
        if mailbox.name.is_none() {
            mailbox.name = Some("ThaiPA".into());
        }
        Ok(mailbox)
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on the same host or a test server.
    None,
    /// Upgrade with STARTTLS, required (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl std::str::FromStr for SmtpSecurity {
    type Err = ();

    fn from_str(s: &str) -> Result<SmtpSecurity, ()> {
        match s.to_ascii_lowercase().as_str() {
            "none" => Ok(SmtpSecurity::None),
            "starttls" => Ok(SmtpSecurity::Starttls),
            "tls" => Ok(SmtpSecurity::Tls),
            _ => Err(()),
        }
    }
}

/// A secret that `Debug` does not print, so logging the configuration cannot leak it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    pub fn new(secret: impl Into<String>) -> Password {
        Password(secret.into())
    }

    /// The secret itself, for the one place that needs it (logging in to the server).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database_url: "sqlite://data/thaipa.db".into(),
            addr: "127.0.0.1:8080".into(),
            blobs_dir: PathBuf::from("data/blobs"),
            secure_cookies: false,
            max_body_bytes: 20 * 1024 * 1024,
            login_failures_per_account: 5,
            login_failures_per_address: 30,
            login_window_seconds: 15 * 60,
            argon2_memory_kib: 19 * 1024,
            argon2_iterations: 2,
            base_url: "http://127.0.0.1:8080".into(),
            smtp: None,
            evaluation: domain::evaluation::Settings::default(),
            evidence_video_max_bytes: 2 * 1024 * 1024 * 1024,
            evidence_file_max_bytes: 50 * 1024 * 1024,
            evidence_upload_keep_hours: 72,
            link_secret: None,
            s3: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("อ่านแฟ้มตั้งค่า {path} ไม่ได้: {message}")]
    File { path: String, message: String },
    #[error("ตัวแปร {name} ไม่ถูกต้อง: {message}")]
    Env { name: String, message: String },
    #[error("ค่าตั้ง {name} ไม่ถูกต้อง: {message}")]
    Setting { name: String, message: String },
}

impl Config {
    /// Defaults, overridden by the file (if it exists), overridden by the environment.
    pub fn load(
        file: Option<&std::path::Path>,
        env: impl Iterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let path = file
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("thaipa.toml"));
        let mut config = if path.exists() {
            let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::File {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            toml_from_str(&text).map_err(|message| ConfigError::File {
                path: path.display().to_string(),
                message,
            })?
        } else {
            Config::default()
        };
        for (name, value) in env.filter(|(k, _)| k.starts_with("THAIPA_")) {
            config.set(&name, &value)?;
        }
        config.check()?;
        Ok(config)
    }

    /// A full link to `path` (`/agreements/…`) for an e-mail.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.trim_end_matches('/'))
    }

    /// Settings that are each well formed but do not work together.
    fn check(&self) -> Result<(), ConfigError> {
        if let Some(smtp) = &self.smtp {
            if smtp.host.trim().is_empty() {
                return Err(ConfigError::Setting {
                    name: "smtp.host (THAIPA_SMTP_HOST)".into(),
                    message: "ต้องระบุเครื่องแม่ข่ายอีเมลเมื่อตั้งค่า SMTP".into(),
                });
            }
            smtp.sender()?;
        }
        Ok(())
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), ConfigError> {
        let bad = |message: &str| ConfigError::Env {
            name: name.to_owned(),
            message: message.to_owned(),
        };
        let number = |v: &str| v.parse::<i64>().map_err(|_| bad("ต้องเป็นตัวเลข"));
        match name {
            "THAIPA_DATABASE_URL" => self.database_url = value.to_owned(),
            "THAIPA_ADDR" => self.addr = value.to_owned(),
            "THAIPA_BLOBS_DIR" => self.blobs_dir = PathBuf::from(value),
            "THAIPA_SECURE_COOKIES" => self.secure_cookies = matches!(value, "1" | "true" | "yes"),
            "THAIPA_MAX_BODY_BYTES" => {
                self.max_body_bytes =
                    usize::try_from(number(value)?).map_err(|_| bad("ต้องไม่ติดลบ"))?
            }
            "THAIPA_LOGIN_FAILURES_PER_ACCOUNT" => self.login_failures_per_account = number(value)?,
            "THAIPA_LOGIN_FAILURES_PER_ADDRESS" => self.login_failures_per_address = number(value)?,
            "THAIPA_LOGIN_WINDOW_SECONDS" => self.login_window_seconds = number(value)?,
            "THAIPA_BASE_URL" => self.base_url = value.to_owned(),
            "THAIPA_LINK_SECRET" => self.link_secret = Some(Password::new(value)),
            "THAIPA_EVIDENCE_VIDEO_MAX_BYTES" => {
                self.evidence_video_max_bytes =
                    u64::try_from(number(value)?).map_err(|_| bad("ต้องไม่ติดลบ"))?
            }
            "THAIPA_EVIDENCE_FILE_MAX_BYTES" => {
                self.evidence_file_max_bytes =
                    u64::try_from(number(value)?).map_err(|_| bad("ต้องไม่ติดลบ"))?
            }
            "THAIPA_EVIDENCE_UPLOAD_KEEP_HOURS" => {
                self.evidence_upload_keep_hours =
                    u64::try_from(number(value)?).map_err(|_| bad("ต้องไม่ติดลบ"))?
            }
            "THAIPA_EVALUATION_BLIND_UNTIL_SIGNED" => {
                self.evaluation.blind_until_signed = !matches!(value, "0" | "false" | "no")
            }
            "THAIPA_SMTP_HOST" => self.smtp_mut().host = value.to_owned(),
            "THAIPA_SMTP_PORT" => {
                self.smtp_mut().port = value.parse().map_err(|_| bad("ต้องเป็นเลขพอร์ต 1-65535"))?
            }
            "THAIPA_SMTP_USERNAME" => self.smtp_mut().username = Some(value.to_owned()),
            "THAIPA_SMTP_PASSWORD" => self.smtp_mut().password = Some(Password::new(value)),
            "THAIPA_SMTP_FROM" => self.smtp_mut().from = value.to_owned(),
            "THAIPA_SMTP_SECURITY" => {
                self.smtp_mut().security = value
                    .parse()
                    .map_err(|()| bad("ต้องเป็น none, starttls หรือ tls"))?
            }
            // Variables the binary itself reads (e.g. THAIPA_LOG) are not configuration errors.
            _ => {}
        }
        Ok(())
    }
}

impl Config {
    /// Any `THAIPA_SMTP_*` variable turns mail on (and `THAIPA_SMTP_HOST` must then be set).
    fn smtp_mut(&mut self) -> &mut SmtpConfig {
        self.smtp.get_or_insert_with(SmtpConfig::default)
    }
}

fn toml_from_str(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_overrides_the_file_which_overrides_the_defaults() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("thaipa.toml");
        std::fs::write(
            &file,
            "addr = \"0.0.0.0:9000\"\ndatabase_url = \"sqlite://x.db\"\n",
        )
        .expect("write");
        let env = vec![(
            "THAIPA_DATABASE_URL".to_owned(),
            "postgres://db/thaipa".to_owned(),
        )];
        let c = Config::load(Some(&file), env.into_iter()).expect("config");
        assert_eq!(c.addr, "0.0.0.0:9000");
        assert_eq!(c.database_url, "postgres://db/thaipa");
        assert_eq!(c.login_failures_per_account, 5);
    }

    #[test]
    fn a_bad_number_in_the_environment_is_refused_in_thai() {
        let env = vec![("THAIPA_LOGIN_WINDOW_SECONDS".to_owned(), "soon".to_owned())];
        let err = Config::load(
            Some(std::path::Path::new("/nonexistent.toml")),
            env.into_iter(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("ต้องเป็นตัวเลข"), "{err}");
    }

    fn none() -> Option<&'static std::path::Path> {
        Some(std::path::Path::new("/nonexistent.toml"))
    }

    fn vars(pairs: &[(&str, &str)]) -> impl Iterator<Item = (String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn mail_is_off_by_default() {
        let c = Config::load(none(), std::iter::empty()).expect("config");
        assert!(c.smtp.is_none());
        assert_eq!(
            c.link("/agreements/1"),
            "http://127.0.0.1:8080/agreements/1"
        );
    }

    #[test]
    fn smtp_comes_from_the_file_and_the_environment_overrides_it() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("thaipa.toml");
        std::fs::write(
            &file,
            "base_url = \"https://pa.example.go.th/\"\n\
             [smtp]\nhost = \"smtp.example.go.th\"\nport = 465\nsecurity = \"tls\"\n\
             username = \"thaipa\"\npassword = \"file-secret\"\n\
             from = \"ระบบ ThaiPA <noreply@example.go.th>\"\n",
        )
        .expect("write");
        let env = vars(&[
            ("THAIPA_SMTP_PASSWORD", "env-secret"),
            ("THAIPA_SMTP_PORT", "2465"),
        ]);

        let c = Config::load(Some(&file), env).expect("config");

        let smtp = c.smtp.as_ref().expect("smtp on");
        assert_eq!(smtp.host, "smtp.example.go.th");
        assert_eq!(smtp.port, 2465);
        assert_eq!(smtp.security, SmtpSecurity::Tls);
        assert_eq!(smtp.username.as_deref(), Some("thaipa"));
        assert_eq!(
            smtp.password.as_ref().map(Password::expose),
            Some("env-secret")
        );
        let sender = smtp.sender().expect("sender");
        assert_eq!(sender.name.as_deref(), Some("ระบบ ThaiPA"));
        assert_eq!(sender.email.to_string(), "noreply@example.go.th");
        assert_eq!(
            c.link("/agreements/1"),
            "https://pa.example.go.th/agreements/1"
        );
    }

    #[test]
    fn the_environment_alone_turns_mail_on_with_a_sender_named_thaipa() {
        let env = vars(&[
            ("THAIPA_SMTP_HOST", "127.0.0.1"),
            ("THAIPA_SMTP_SECURITY", "none"),
            ("THAIPA_SMTP_FROM", "pa@school.ac.th"),
            ("THAIPA_BASE_URL", "https://pa.school.ac.th"),
        ]);

        let c = Config::load(none(), env).expect("config");

        let smtp = c.smtp.as_ref().expect("smtp on");
        assert_eq!(smtp.security, SmtpSecurity::None);
        assert_eq!(smtp.port, 587);
        assert!(smtp.password.is_none());
        assert_eq!(
            smtp.sender().expect("sender").to_string(),
            "ThaiPA <pa@school.ac.th>"
        );
        assert_eq!(c.base_url, "https://pa.school.ac.th");
    }

    #[test]
    fn the_smtp_password_is_never_printed() {
        let env = vars(&[
            ("THAIPA_SMTP_HOST", "smtp.example.go.th"),
            ("THAIPA_SMTP_PASSWORD", "hunter2-รหัสลับ"),
        ]);
        let c = Config::load(none(), env).expect("config");

        let printed = format!("{c:?} {c:#?}");

        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("Password(***)"), "{printed}");
    }

    #[test]
    fn broken_smtp_settings_are_refused_in_thai() {
        let cases = [
            (vec![("THAIPA_SMTP_PORT", "25")], "THAIPA_SMTP_HOST"),
            (
                vec![("THAIPA_SMTP_HOST", "h"), ("THAIPA_SMTP_PORT", "70000")],
                "เลขพอร์ต",
            ),
            (
                vec![("THAIPA_SMTP_HOST", "h"), ("THAIPA_SMTP_SECURITY", "ssl3")],
                "starttls",
            ),
            (
                vec![
                    ("THAIPA_SMTP_HOST", "h"),
                    ("THAIPA_SMTP_FROM", "not an address"),
                ],
                "ไม่ใช่ที่อยู่อีเมล",
            ),
        ];
        for (env, expected) in cases {
            let err = Config::load(none(), vars(&env)).unwrap_err();
            assert!(err.to_string().contains(expected), "{env:?}: {err}");
        }
    }
}
