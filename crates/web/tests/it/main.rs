//! The web application's integration tests, in one binary: each module below was its own test
//! binary, and every one of them linked the whole application (Typst and its fonts included) on
//! its own. One binary links once, which keeps a cold `cargo test` within the CI machine's disk
//! and time. Run one module with `cargo test -p thaipa-web --test it evidence::`.

mod browser;
mod common;

mod agreements;
mod auth;
mod documents;
mod e2e;
mod evaluation_journey;
mod evaluations;
mod evidence;
mod evidence_journey;
mod import;
mod journeys;
mod mail;
mod notifications;
mod people;
mod reviews;
mod roles;
mod units;
