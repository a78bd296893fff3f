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
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("อ่านแฟ้มตั้งค่า {path} ไม่ได้: {message}")]
    File { path: String, message: String },
    #[error("ตัวแปร {name} ไม่ถูกต้อง: {message}")]
    Env { name: String, message: String },
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
        Ok(config)
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
            // Variables the binary itself reads (e.g. THAIPA_LOG) are not configuration errors.
            _ => {}
        }
        Ok(())
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
}
