//! `thaipa catalog`: the forms the binary carries.

use std::process::ExitCode;

use domain::catalog::{Catalog, Form};
use serde::Serialize;

use crate::Format;

/// A form as listed: the whole catalog entry plus its indicator codes in form order.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    form: &'a Form,
    indicator_codes: Vec<&'a str>,
}

pub fn run(format: Format) -> ExitCode {
    let forms = Catalog::embedded().forms();
    match format {
        Format::Json => {
            let listed: Vec<Listed> = forms
                .iter()
                .map(|form| Listed {
                    form,
                    indicator_codes: form.indicator_codes(),
                })
                .collect();
            super::print_json(&listed)
        }
        Format::Text => {
            for f in forms {
                let counts: Vec<String> = f
                    .part1
                    .areas
                    .iter()
                    .map(|a| a.indicators.len().to_string())
                    .collect();
                println!(
                    "{}\t{} ({})\t{}\tรุ่น {}\t{} {} {} ({})\tประเด็นท้าทาย {}\t{}",
                    f.id,
                    f.position.thai(),
                    f.affiliation.thai(),
                    f.regulation,
                    f.version,
                    f.part1.area_word,
                    f.part1.areas.len(),
                    f.part1.indicator_word,
                    counts.join("/"),
                    f.part2.issue_count,
                    f.codes.pa1,
                );
            }
            ExitCode::SUCCESS
        }
    }
}
