//! The command line's integration tests, in one binary so the application links once. Run one
//! module with `cargo test -p thaipa --test it cli::`.

// The committee table drives the web flow with the web crate's own test helpers.
#[path = "../../../web/tests/it/common/mod.rs"]
mod common;

mod audit;
mod cli;
mod committees;
mod import;
