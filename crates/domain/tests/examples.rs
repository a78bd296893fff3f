//! Every fixture under `examples/` is a valid agreement on a catalog form.

use std::path::PathBuf;

use domain::agreement::Agreement;
use domain::catalog::Catalog;

fn examples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("read example"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_example_parses_and_names_a_catalog_form() {
    let all = examples();
    assert!(!all.is_empty());
    for (path, text) in all {
        let a = Agreement::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            Catalog::embedded().get(&a.form).is_some(),
            "{path}: unknown form {}",
            a.form
        );
    }
}

#[test]
fn every_catalog_form_has_an_example() {
    let used: Vec<String> = examples()
        .iter()
        .filter_map(|(_, t)| Agreement::from_json(t).ok())
        .map(|a| a.form)
        .collect();
    for f in Catalog::embedded().forms() {
        assert!(used.contains(&f.id), "no example for {}", f.id);
    }
}
