//! The published JSON Schema is the one the types generate.

use domain::agreement::Agreement;

#[test]
fn the_published_schema_matches_the_types() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/agreement.schema.json"
    );
    let published: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("docs/agreement.schema.json"))
            .expect("schema is JSON");
    assert_eq!(
        published,
        Agreement::json_schema(),
        "docs/agreement.schema.json is stale: run `cargo run -q -p thaipa -- schema > docs/agreement.schema.json`"
    );
}
