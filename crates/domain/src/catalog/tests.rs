use super::*;

#[test]
fn the_embedded_catalog_loads_and_validates() {
    let catalog = Catalog::from_files(FILES).unwrap_or_else(|e| panic!("{e}"));
    assert!(!catalog.forms().is_empty());
}

#[test]
fn every_file_in_the_catalog_folder_is_embedded() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("catalog folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

fn form(id: &str) -> &'static Form {
    Catalog::embedded()
        .get(id)
        .unwrap_or_else(|| panic!("form {id} missing"))
}

fn per_area(f: &Form) -> Vec<usize> {
    f.part1.areas.iter().map(|a| a.indicators.len()).collect()
}

#[test]
fn teacher_forms_have_three_areas_of_eight_four_and_three_indicators() {
    for id in ["teacher-obec-w9-2564-v1", "teacher-local-w9-2564-v1"] {
        assert_eq!(per_area(form(id)), vec![8, 4, 3], "{id}");
        assert_eq!(form(id).part2.issue_count, 1);
    }
}

#[test]
fn school_administrator_forms_have_five_areas_of_six_three_two_two_two() {
    for id in [
        "school-director-w10-2564-v1",
        "deputy-school-director-w10-2564-v1",
    ] {
        assert_eq!(per_area(form(id)), vec![6, 3, 2, 2, 2], "{id}");
        assert_eq!(form(id).part2.issue_count, 1);
    }
}

#[test]
fn esa_forms_have_five_elements_of_four_three_three_two_three_and_three_challenges() {
    for id in [
        "esa-director-w12-2564-v1",
        "deputy-esa-director-w12-2564-v1",
    ] {
        let f = form(id);
        assert_eq!(per_area(f), vec![4, 3, 3, 2, 3], "{id}");
        assert_eq!(f.part2.issue_count, 3);
        assert!(f.part2.requires_policy);
        assert_eq!(f.part1.target_groups.len(), 4);
    }
    assert_eq!(form("esa-director-w12-2564-v1").codes.pa1, "PA ๑/บก.");
}

#[test]
fn every_form_scores_part1_out_of_60_and_part2_out_of_40() {
    for f in Catalog::embedded().forms() {
        assert_eq!(f.scoring.part1_max, 60.0, "{}", f.id);
        assert_eq!(f.scoring.part2_max, 40.0, "{}", f.id);
        assert_eq!(f.scoring.pass_percent.value, 70.0, "{}", f.id);
        assert_eq!(f.committee.size, 3, "{}", f.id);
    }
}

#[test]
fn find_picks_the_form_for_a_position_affiliation_and_standing() {
    let c = Catalog::embedded();
    let f = c
        .find(
            Position::Teacher,
            Affiliation::LocalGovernment,
            Standing::SeniorExpert,
            2567,
        )
        .expect("local teacher form");
    assert_eq!(f.id, "teacher-local-w9-2564-v1");
    let f = c
        .find(
            Position::SchoolDirector,
            Affiliation::Obec,
            Standing::Professional,
            2567,
        )
        .expect("a form for all affiliations serves OBEC");
    assert_eq!(f.id, "school-director-w10-2564-v1");
    assert!(
        c.find(
            Position::Teacher,
            Affiliation::Obec,
            Standing::Assistant,
            2567
        )
        .is_none()
    );
    assert!(
        c.find(Position::Teacher, Affiliation::Obec, Standing::None, 2564)
            .is_none()
    );
}

const MINIMAL: &str = include_str!("test_minimal.toml");

#[test]
fn a_variant_overrides_the_body_key_by_key() {
    let forms = parse_file("t.toml", MINIMAL).expect("minimal form");
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[0].approval.approver_title, "ผู้อำนวยการสถานศึกษา");
    assert_eq!(forms[1].approval.approver_title, "ผู้อำนวยการศูนย์พัฒนาเด็กเล็ก");
    assert_eq!(
        forms[1].approval.opinion_heading,
        forms[0].approval.opinion_heading
    );
}

#[test]
fn a_file_without_variants_is_refused() {
    let text = MINIMAL.split("[[variant]]").next().unwrap_or_default();
    assert_eq!(
        parse_file("t.toml", text).unwrap_err(),
        CatalogError::NoVariant {
            file: "t.toml".into()
        }
    );
}

#[test]
fn an_indicator_without_description_or_missing_mark_is_refused() {
    let text = MINIMAL.replace("descriptions_missing = [\"professional\"]", "");
    let err = parse_file("t.toml", &text).unwrap_err().to_string();
    assert!(err.contains("descriptions_missing"), "{err}");
}

#[test]
fn a_wrong_part1_maximum_is_refused() {
    let text = MINIMAL.replace("part1_max = 4.0", "part1_max = 60.0");
    let err = parse_file("t.toml", &text).unwrap_err().to_string();
    assert!(err.contains("ส่วนที่ 1"), "{err}");
}

#[test]
fn a_duplicate_form_id_is_refused() {
    let err = Catalog::from_files(&[("a.toml", MINIMAL), ("b.toml", MINIMAL)]).unwrap_err();
    assert_eq!(err, CatalogError::DuplicateId("t-a".into()));
}
