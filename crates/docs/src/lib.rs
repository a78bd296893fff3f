//! ThaiPA's official documents: PA 1 (the agreement), PA 2 (one committee member's evaluation),
//! PA 3 (the committee's summary) and the maker's self-report, each as one document model
//! ([`pa1`], [`scores`], [`report`]) that two renderers place on the page: PDF through typst
//! with Laksaman embedded ([`pdf`]) and editable Word files ([`docx`]).
//!
//! The models hold the text exactly as it prints (the form's wording filled in, numbers in the
//! document's digits, dates in BE), so the two renderers never word anything themselves, and the
//! maker's text reaches typst as JSON data, never as markup.

pub mod docx;
pub mod pa1;
pub mod pdf;
pub mod report;
pub mod scores;
pub mod wording;

use domain::agreement::Agreement;
use domain::catalog::Form;
use domain::report::{EvidenceItem, SelfReport};
use domain::scoring::Evaluation;
use domain::thai::Digits;
use serde::Serialize;

pub use pa1::Pa1;
pub use report::Report;
pub use scores::{Pa2, Pa3};

/// Per-document choices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Thai or Arabic digits; by default the form's own (Thai where its code is "PA ๑/…").
    pub digits: Option<Digits>,
    /// Bind as a booklet (cover, คำนำ, contents, page numbers, continuation cues); by default
    /// for administrators and ESA directors and for agreements that carry booklet text.
    pub booklet: Option<bool>,
}

/// Which form to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Pa1,
    Pa2,
    Pa3,
    /// รายงานผลการพัฒนางานตามข้อตกลง.
    Report,
}

impl FormKind {
    pub fn name(self) -> &'static str {
        match self {
            FormKind::Pa1 => "pa1",
            FormKind::Pa2 => "pa2",
            FormKind::Pa3 => "pa3",
            FormKind::Report => "report",
        }
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }
}

/// One document ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "doc", rename_all = "snake_case")]
pub enum Document {
    Pa1(Box<Pa1>),
    /// One form per member, each starting on a new page.
    Pa2(Vec<Pa2>),
    Pa3(Box<Pa3>),
    Report(Box<Report>),
}

impl Document {
    pub fn pa1(form: &Form, a: &Agreement, options: &Options) -> Document {
        Document::Pa1(Box::new(Pa1::new(form, a, options)))
    }

    /// PA 2 of every member of `e`, or of the one member at index `member`.
    pub fn pa2(
        e: &Evaluation,
        a: Option<&Agreement>,
        member: Option<usize>,
        options: &Options,
    ) -> Document {
        Document::Pa2(
            e.sheets
                .iter()
                .enumerate()
                .filter(|(i, _)| member.is_none_or(|m| m == *i))
                .map(|(_, s)| Pa2::new(e, s, a, options))
                .collect(),
        )
    }

    pub fn pa3(e: &Evaluation, a: Option<&Agreement>, options: &Options) -> Document {
        Document::Pa3(Box::new(Pa3::new(e, a, options)))
    }

    /// The self-report on `a`, listing `evidence` and printing `images` (evidence id, JPEG or
    /// PNG bytes of its thumbnail).
    pub fn report(
        form: &Form,
        a: &Agreement,
        report: &SelfReport,
        evidence: &[EvidenceItem],
        images: &[(String, Vec<u8>)],
        options: &Options,
    ) -> Document {
        Document::Report(Box::new(Report::new(
            form, a, report, evidence, images, options,
        )))
    }

    pub fn kind(&self) -> FormKind {
        match self {
            Document::Pa1(_) => FormKind::Pa1,
            Document::Pa2(_) => FormKind::Pa2,
            Document::Pa3(_) => FormKind::Pa3,
            Document::Report(_) => FormKind::Report,
        }
    }

    /// Renders the document in `format`.
    pub fn render(&self, format: Format) -> Result<Vec<u8>, RenderError> {
        match format {
            Format::Pdf => pdf::render(self),
            Format::Docx => docx::render(self),
        }
    }
}

/// A document that could not be produced. The models are checked data, so this means a fault
/// in a template, or a picture for the self-report that is not one; the message says where.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("สร้างเอกสาร PDF ไม่สำเร็จ: {0}")]
    Pdf(String),
    #[error("สร้างเอกสาร Word ไม่สำเร็จ: {0}")]
    Docx(String),
}

#[cfg(test)]
mod tests;
