//! The catalog: every official form as versioned data compiled into the binary.
//!
//! A catalog file holds the body of one form version at its top level and one `[[variant]]`
//! table per position and affiliation it serves. A variant is merged over the body key by key
//! (tables merge, everything else replaces), so the OBEC and local-government teacher forms
//! share one transcription of the 15 indicators instead of two copies that drift apart.

mod form;
mod validate;

use std::sync::OnceLock;

pub use form::*;
use thiserror::Error;

use crate::people::{Affiliation, Position, Standing};

/// The catalog files, embedded at compile time. A test checks this list against the folder.
pub const FILES: &[(&str, &str)] = &[
    (
        "teacher-w9-2564.toml",
        include_str!("../../catalog/teacher-w9-2564.toml"),
    ),
    (
        "school-director-w10-2564.toml",
        include_str!("../../catalog/school-director-w10-2564.toml"),
    ),
    (
        "esa-director-w12-2564.toml",
        include_str!("../../catalog/esa-director-w12-2564.toml"),
    ),
];

#[derive(Debug, Error, PartialEq)]
pub enum CatalogError {
    #[error("แฟ้มแบบฟอร์ม {file}: อ่าน TOML ไม่ได้: {message}")]
    Syntax { file: String, message: String },
    #[error("แฟ้มแบบฟอร์ม {file}: ไม่มีตาราง [[variant]] อย่างน้อยหนึ่งรายการ")]
    NoVariant { file: String },
    #[error("แฟ้มแบบฟอร์ม {file}: แบบฟอร์ม {form}: {message}")]
    Invalid {
        file: String,
        form: String,
        message: String,
    },
    #[error("รหัสแบบฟอร์ม {0} ซ้ำกันในแคตตาล็อก")]
    DuplicateId(String),
}

/// All forms, in file and variant order.
#[derive(Debug)]
pub struct Catalog {
    forms: Vec<Form>,
}

impl Catalog {
    /// The embedded catalog, parsed and validated once. Its validity is asserted by the test
    /// suite, so a malformed catalog never reaches a release.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::from_files(FILES) {
            Ok(catalog) => catalog,
            // The embedded files are fixed at compile time and validated by the tests.
            Err(e) => panic!("embedded catalog is invalid: {e}"),
        })
    }

    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
        let mut forms: Vec<Form> = Vec::new();
        for (name, text) in files {
            for form in parse_file(name, text)? {
                if forms.iter().any(|f| f.id == form.id) {
                    return Err(CatalogError::DuplicateId(form.id));
                }
                forms.push(form);
            }
        }
        Ok(Catalog { forms })
    }

    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    pub fn get(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The newest form version for a position, affiliation and standing in a fiscal year.
    /// A form for all affiliations serves any affiliation that has no form of its own.
    pub fn find(
        &self,
        position: Position,
        affiliation: Affiliation,
        standing: Standing,
        fiscal_year: u16,
    ) -> Option<&Form> {
        let fits = |f: &&Form, aff: Affiliation| {
            f.position == position
                && f.affiliation == aff
                && f.standings.contains(&standing)
                && f.valid_from_fiscal_year <= fiscal_year
        };
        let newest = |aff| {
            self.forms
                .iter()
                .filter(|f| fits(f, aff))
                .max_by_key(|f| (f.valid_from_fiscal_year, f.version))
        };
        newest(affiliation).or_else(|| newest(Affiliation::All))
    }
}

fn parse_file(name: &str, text: &str) -> Result<Vec<Form>, CatalogError> {
    let syntax = |e: &dyn std::fmt::Display| CatalogError::Syntax {
        file: name.to_owned(),
        message: e.to_string(),
    };
    let mut body: toml::Table = text.parse().map_err(|e: toml::de::Error| syntax(&e))?;
    let variants = match body.remove("variant") {
        Some(toml::Value::Array(v)) if !v.is_empty() => v,
        _ => {
            return Err(CatalogError::NoVariant {
                file: name.to_owned(),
            });
        }
    };
    variants
        .into_iter()
        .map(|variant| {
            let mut merged = toml::Value::Table(body.clone());
            merge(&mut merged, variant);
            let id = merged
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or("?")
                .to_owned();
            let form: Form =
                merged
                    .try_into()
                    .map_err(|e: toml::de::Error| CatalogError::Invalid {
                        file: name.to_owned(),
                        form: id.clone(),
                        message: e.to_string(),
                    })?;
            validate::form(&form).map_err(|message| CatalogError::Invalid {
                file: name.to_owned(),
                form: id,
                message,
            })?;
            Ok(form)
        })
        .collect()
}

/// Deep-merges `over` into `base`: tables merge key by key, any other value replaces.
fn merge(base: &mut toml::Value, over: toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests;
