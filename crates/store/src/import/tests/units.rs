use domain::directory::UnitKind;
use domain::people::Affiliation;

use crate::import::import_units;

const THAI_UNITS: &str = "\
รหัส,ชื่อหน่วยงาน,ประเภท,รหัสหน่วยงานต้นสังกัด,สังกัด
OBEC,สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน,ส่วนกลาง,,สพฐ.
6502,สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2,สพป.,OBEC,สพฐ.
1065010001,โรงเรียนบ้านหนองบัว,สถานศึกษา,6502,สพฐ.
6502,สำนักงานเขตซ้ำ,สพป.,OBEC,สพฐ.
1065010002,,โรงเรียน,6502,กระทรวง
";

#[test]
fn a_thai_unit_list_is_read_and_bad_rows_are_reported() {
    let parsed = import_units(THAI_UNITS.as_bytes());
    let Ok(parsed) = parsed else {
        panic!("{parsed:?}");
    };
    let kinds: Vec<(usize, UnitKind)> = parsed.ok.iter().map(|(n, u)| (*n, u.kind)).collect();
    assert_eq!(
        kinds,
        [
            (2, UnitKind::Headquarters),
            (3, UnitKind::AreaOffice),
            (4, UnitKind::School)
        ]
    );
    assert!(
        parsed
            .ok
            .iter()
            .all(|(_, u)| u.affiliation == Affiliation::Obec)
    );
    let rows: Vec<usize> = parsed.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [5, 6]);
    assert_eq!(
        parsed.errors[0].messages,
        ["รหัส: รหัสหน่วยงาน 6502 ซ้ำกับแถวที่ 3"]
    );
    assert_eq!(parsed.errors[1].messages.len(), 2);
    assert!(parsed.errors[1].messages[0].starts_with("ชื่อหน่วยงาน: "));
    assert!(parsed.errors[1].messages[1].starts_with("สังกัด: "));
}

#[test]
fn an_english_unit_list_is_read() {
    let csv = "code,name,kind,parent_code,affiliation\n\
               LAO-01,องค์การบริหารส่วนตำบลบ้านใหม่,area_office,,local_government\n\
               LAO-01-S1,โรงเรียนบ้านใหม่,school,LAO-01,อปท.\n";
    let parsed = import_units(csv.as_bytes());
    let codes = parsed.map(|p| {
        p.ok.into_iter()
            .map(|(_, u)| (u.code, u.parent_code))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        codes,
        Ok(vec![
            ("LAO-01".to_owned(), None),
            ("LAO-01-S1".to_owned(), Some("LAO-01".to_owned()))
        ])
    );
}
