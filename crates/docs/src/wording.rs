//! The form's own wording with the maker's values filled in: `{placeholders}` of the catalog's
//! header lines and sentences, numbers in the document's digits, months and dates in BE.
//!
//! The printed page in the browser and the PDF and DOCX documents all fill the same catalog
//! text through this one place, so they never disagree about what the form says.

use chrono::{Datelike, NaiveDate};
use domain::agreement::{Agreement, YearMonth};
use domain::catalog::Form;
use domain::thai::{Digits, date, fiscal};

/// A run of a header line: literal form wording, or a value of the maker's at its path.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Run {
    pub text: String,
    pub path: Option<String>,
}

impl Run {
    pub fn blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The form, the agreement and the digits a document prints in.
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    pub form: &'a Form,
    pub a: &'a Agreement,
    pub digits: Digits,
}

impl<'a> Wording<'a> {
    /// The wording of `a` on `form` in the form's own digits (see [`form_digits`]).
    pub fn new(form: &'a Form, a: &'a Agreement) -> Wording<'a> {
        Wording {
            form,
            a,
            digits: form_digits(form),
        }
    }

    /// Numbering in the document's digits ("๑." on a form printed with Thai digits).
    pub fn number(&self, n: usize) -> String {
        self.digits.apply(&n.to_string())
    }

    pub fn month(&self, m: Option<YearMonth>) -> String {
        m.map(|m| date::format_month(m.year, m.month, self.digits))
            .unwrap_or_default()
    }

    /// A signature-line date, "19 ธันวาคม พ.ศ. 2566"; "" for none.
    pub fn signed(&self, d: Option<NaiveDate>) -> String {
        d.map(|d| date::format_long_with_era(d, self.digits))
            .unwrap_or_default()
    }

    /// A template sentence with the maker's position and standing filled in.
    pub fn fill(&self, template: &str) -> String {
        self.runs(template).into_iter().map(|r| r.text).collect()
    }

    /// A catalog line split at its placeholders, each value with the path it comes from.
    pub fn runs(&self, template: &str) -> Vec<Run> {
        runs(template, |name| self.placeholder(name))
    }

    /// The value and path of a `{placeholder}` of the catalog's wording.
    fn placeholder(&self, name: &str) -> Option<(String, Option<&'static str>)> {
        let a = self.a;
        let m = &a.maker;
        let position = m.position.unwrap_or(self.form.position);
        let (start, end) = (a.period.start, a.period.end);
        let day = |d: NaiveDate| self.digits.apply(&d.day().to_string());
        let month = |d: NaiveDate| {
            date::MONTHS
                .get(d.month0() as usize)
                .copied()
                .unwrap_or_default()
                .to_owned()
        };
        let year = |d: NaiveDate| self.digits.apply(&fiscal::ce_to_be(d.year()).to_string());
        let standing_title = if m.standing_title.trim().is_empty() {
            m.standing.map(|s| s.title(position)).unwrap_or_default()
        } else {
            m.standing_title.clone()
        };
        let expected = m
            .standing
            .and_then(|s| self.form.expected_level(s))
            .map(|l| l.level.clone())
            .unwrap_or_default();
        Some(match name {
            "fiscal_year" => (
                self.digits.apply(&a.fiscal_year.to_string()),
                Some("/fiscal_year"),
            ),
            "start_day" => (day(start), Some("/period/start")),
            "start_month" => (month(start), Some("/period/start")),
            "start_year" => (year(start), Some("/period/start")),
            "end_day" => (day(end), Some("/period/end")),
            "end_month" => (month(end), Some("/period/end")),
            "end_year" => (year(end), Some("/period/end")),
            "period_start" => (date::format_long(start, self.digits), Some("/period/start")),
            "period_end" => (date::format_long(end, self.digits), Some("/period/end")),
            "title" => (m.title.clone(), Some("/maker/title")),
            "first_name" => (m.first_name.clone(), Some("/maker/first_name")),
            "last_name" => (m.last_name.clone(), Some("/maker/last_name")),
            "position" => (position.thai().to_owned(), Some("/maker/position")),
            "standing" => (
                m.standing.map(|s| s.thai()).unwrap_or_default().to_owned(),
                Some("/maker/standing"),
            ),
            "standing_title" => (standing_title, Some("/maker/standing_title")),
            "unit" => (m.unit.clone(), Some("/maker/unit")),
            "affiliation" => (m.affiliation.clone(), Some("/maker/affiliation")),
            "district" => (m.district.clone(), Some("/maker/district")),
            "province" => (m.province.clone(), Some("/maker/province")),
            "salary_scale" => (m.salary_scale.clone(), Some("/maker/salary_scale")),
            "salary" => (m.salary.clone(), Some("/maker/salary")),
            "counterpart" => (self.form.counterpart.clone(), None),
            "expected_level" => (expected, None),
            _ => return None,
        })
    }
}

/// Splits catalog wording at its `{placeholders}`; an unknown one is printed as written.
fn runs(
    template: &str,
    lookup: impl Fn(&str) -> Option<(String, Option<&'static str>)>,
) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        match lookup(name) {
            Some((text, path)) => {
                if open > 0 {
                    out.push(Run {
                        text: rest[..open].to_owned(),
                        path: None,
                    });
                }
                out.push(Run {
                    text,
                    path: path.map(str::to_owned),
                });
            }
            None => out.push(Run {
                text: rest[..=close].to_owned(),
                path: None,
            }),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Run {
            text: rest.to_owned(),
            path: None,
        });
    }
    out
}

/// The form prints Thai digits when its own code does ("PA ๑/บก.").
pub fn form_digits(form: &Form) -> Digits {
    if form.codes.pa1.chars().any(|c| ('๐'..='๙').contains(&c)) {
        Digits::Thai
    } else {
        Digits::Arabic
    }
}

/// Hours as a person writes them: "18", "2.5"; "" for none.
pub fn hours(v: Option<f64>) -> String {
    match v {
        Some(h) if h.fract() == 0.0 => format!("{h:.0}"),
        Some(h) => h.to_string(),
        None => String::new(),
    }
}

/// A column heading up to its English gloss: "งาน (Tasks) ที่จะดำเนินการ…" → "งาน (Tasks)".
pub fn column_short(column: &str) -> String {
    match (column.find('('), column.find(')')) {
        // A space before the gloss gives "ผลลัพธ์(Outcomes)" a place to break.
        (Some(open), Some(close)) if open < close => {
            format!("{} {}", column[..open].trim(), &column[open..=close])
                .trim()
                .to_owned()
        }
        _ => column.trim().to_owned(),
    }
}

/// What follows the English gloss of a column heading: "ที่จะดำเนินการ…" of
/// "งาน (Tasks) ที่จะดำเนินการ…"; "" when the heading has no gloss or nothing after it.
pub fn column_rest(column: &str) -> &str {
    match (column.find('('), column.find(')')) {
        (Some(open), Some(close)) if open < close => column[close + 1..].trim(),
        _ => "",
    }
}

/// The fiscal year's twelve months, October first.
pub fn fiscal_months(fiscal_year: u16) -> Vec<YearMonth> {
    fiscal::months(fiscal_year)
        .iter()
        .map(|&(year, month)| YearMonth { year, month })
        .collect()
}

/// The short month name of a Gantt-chart column, "ต.ค.".
pub fn month_short(m: YearMonth) -> &'static str {
    m.month
        .checked_sub(1)
        .and_then(|k| date::MONTHS_SHORT.get(k as usize))
        .copied()
        .unwrap_or_default()
}

/// Which of `months` a step planned from `start` to `end` covers; a step with one month given
/// is planned for that month alone.
pub fn planned(
    months: &[YearMonth],
    start: Option<YearMonth>,
    end: Option<YearMonth>,
) -> Vec<bool> {
    let (from, to) = match (start, end) {
        (Some(x), Some(y)) => (Some(x), Some(y)),
        (Some(x), None) | (None, Some(x)) => (Some(x), Some(x)),
        (None, None) => (None, None),
    };
    months
        .iter()
        .map(|m| from.is_some_and(|f| f <= *m) && to.is_some_and(|t| *m <= t))
        .collect()
}
