//! `thaipa score FILE`: PA 3 from the committee's levels.

use std::path::Path;
use std::process::ExitCode;

use domain::catalog::Catalog;
use domain::scoring::{Evaluation, Seat};
use serde::Serialize;
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Output {
    members: Vec<Member>,
    passed: bool,
    mean_total: Box<RawValue>,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct Member {
    name: String,
    role: Seat,
    part1: Box<RawValue>,
    part2: Box<RawValue>,
    total: Box<RawValue>,
    passed: bool,
}

/// A score printed with exactly two decimals, as the PA 3 form shows it.
fn two_decimals(x: f64) -> Box<RawValue> {
    RawValue::from_string(format!("{x:.2}")).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

pub fn run(path: &Path) -> ExitCode {
    let text = match super::read(path) {
        Ok(t) => t,
        Err(e) => return super::fail(&e),
    };
    let evaluation = match Evaluation::from_json(&text, Catalog::embedded()) {
        Ok(e) => e,
        Err(e) => return super::fail(&format!("{}:\n{e}", path.display())),
    };
    let outcome = evaluation.outcome();
    super::print_json(&Output {
        members: outcome
            .members
            .into_iter()
            .map(|m| Member {
                name: m.name,
                role: m.seat,
                part1: two_decimals(m.part1),
                part2: two_decimals(m.part2),
                total: two_decimals(m.total),
                passed: m.passed,
            })
            .collect(),
        passed: outcome.passed,
        mean_total: two_decimals(outcome.mean_total),
        reasons: outcome.reasons,
    })
}
