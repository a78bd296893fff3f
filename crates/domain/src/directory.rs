//! The directory (ทะเบียนบุคลากรและหน่วยงาน): the people and units a school or an area office
//! keeps on file, as they arrive from a form or a spreadsheet.
//!
//! Every record comes in as a struct of strings ([`PersonRow`], [`UnitRow`]) and becomes a
//! record only through `TryFrom`, which reports every problem of the row at once so that a user
//! fixing a spreadsheet does not have to upload it once per mistake (STYLE.md: parse, don't
//! validate). Messages are Thai and say what to type instead.

mod citizen_id;
mod contact;
mod person;
mod rank;
mod text;
mod unit;
mod vocab;

#[cfg(test)]
mod tests;

use std::fmt;

pub use citizen_id::{CitizenId, CitizenIdError};
pub use contact::{Email, EmailError, PhoneError, parse_phone};
pub use person::{PersonRecord, PersonRow};
pub use unit::{UnitKind, UnitRecord, UnitRow};
pub use vocab::{
    PositionText, SalaryScaleError, StandingError, StandingText, parse_affiliation, parse_position,
    parse_salary_scale, parse_standing,
};

/// One problem with one field of a row: `field` is the field's code name (`"first_name"`), so a
/// form can show the message beside the right input and an import can name the right column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}
