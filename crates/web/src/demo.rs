//! Demo data for `thaipa serve --demo`: a realistic education area with people of every
//! position and standing, an account for everyone, and agreements from `examples/`.
//! Only loaded into an empty database, and only when asked for.

use domain::access::Role;
use domain::agreement::Agreement;
use domain::directory::{PersonRecord, PersonRow, UnitKind};
use domain::people::Affiliation;
use std::collections::BTreeMap;

use domain::agreement::Decision;
use store::workflow::Notify;
use store::{PersonId, Store, StoreError, UnitId};

use crate::Config;
use crate::auth::hash_password;

/// Every demo account's password. Demo mode only.
pub const DEMO_PASSWORD: &str = "thaipa-demo";

/// The demo logins, one per role, as the README lists them.
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("admin", "ผู้ดูแลระบบ"),
    ("officer", "เจ้าหน้าที่สำนักงานเขตพื้นที่การศึกษา (ดูแลทุกโรงเรียนในเขต)"),
    (
        "esa",
        "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ผู้ให้ความเห็นชอบของผู้อำนวยการโรงเรียน)",
    ),
    ("director", "ผู้อำนวยการโรงเรียน (ผู้ให้ความเห็นชอบของครู)"),
    ("teacher", "ครูชำนาญการพิเศษ"),
    (
        "supervisor",
        "ศึกษานิเทศก์ชำนาญการพิเศษ (กรรมการประเมิน PA ของโรงเรียนในเขต)",
    ),
];

const SCHOOLS: [&str; 10] = [
    "โรงเรียนบ้านหนองบัว",
    "โรงเรียนวัดศรีสุข",
    "โรงเรียนบ้านท่าช้าง",
    "โรงเรียนชุมชนบ้านนาเหนือ",
    "โรงเรียนบ้านโคกสะอาด",
    "โรงเรียนวัดใหม่สามัคคี",
    "โรงเรียนบ้านห้วยทราย",
    "โรงเรียนอนุบาลเมืองใหม่",
    "โรงเรียนบ้านดอนแก้ว",
    "โรงเรียนบ้านป่าตาล",
];

const FIRST: [&str; 12] = [
    "สมศรี",
    "วิไลวรรณ",
    "ประเสริฐ",
    "กนกวรรณ",
    "สุภาพร",
    "ธนากร",
    "อรุณี",
    "ชัยวัฒน์",
    "พิมพ์ชนก",
    "สมชาย",
    "นันทนา",
    "วีระพงษ์",
];
const LAST: [&str; 12] = [
    "ใจดี",
    "ศรีประเสริฐ",
    "ทองดี",
    "แก้วมณี",
    "วงศ์ใหญ่",
    "บุญมา",
    "สุขสวัสดิ์",
    "พรหมมา",
    "จันทร์เพ็ญ",
    "อินทร์แก้ว",
    "มีสุข",
    "ชัยมงคล",
];

/// The staff of one school: (position, standing, salary scale) per person.
const STAFF: [(&str, &str, &str); 8] = [
    ("ผู้อำนวยการสถานศึกษา", "ชำนาญการพิเศษ", "คศ.3"),
    ("รองผู้อำนวยการสถานศึกษา", "ชำนาญการ", "คศ.2"),
    ("ครูผู้ช่วย", "", ""),
    ("ครู", "ไม่มีวิทยฐานะ", "คศ.1"),
    ("ครู", "ชำนาญการ", "คศ.2"),
    ("ครู", "ชำนาญการพิเศษ", "คศ.3"),
    ("ครู", "เชี่ยวชาญ", "คศ.4"),
    ("ครู", "เชี่ยวชาญพิเศษ", "คศ.5"),
];

fn citizen(n: u64) -> String {
    domain::directory::CitizenId::from_number(310_000_000_000 + n)
        .as_str()
        .to_owned()
}

fn record(
    n: u64,
    unit: &str,
    position: &str,
    standing: &str,
    scale: &str,
) -> Result<PersonRecord, StoreError> {
    let i = usize::try_from(n).unwrap_or_default();
    let title = if i % 3 == 0 { "นาย" } else { "นาง" };
    PersonRecord::try_from(PersonRow {
        citizen_id: citizen(n),
        title: title.into(),
        first_name: FIRST[i % FIRST.len()].into(),
        last_name: LAST[(i / FIRST.len() + i) % LAST.len()].into(),
        position: position.into(),
        standing: standing.into(),
        salary_scale: scale.into(),
        salary: String::new(),
        unit_code: unit.into(),
        email: format!("demo{n}@example.org"),
        phone: String::new(),
    })
    .map_err(|e| StoreError::Invalid(format!("demo person {n}: {e:?}")))
}

/// Loads the demo area into an empty database. Returns false (and changes nothing) when the
/// database already has units.
pub async fn seed(store: &Store, config: &Config) -> Result<bool, StoreError> {
    if !store.all_units().await?.is_empty() {
        return Ok(false);
    }
    let hash = hash_password(config, DEMO_PASSWORD.into())
        .await
        .map_err(|e| StoreError::Invalid(e.0))?;
    let hq = store
        .create_unit(
            None,
            None,
            UnitKind::Headquarters,
            "OBEC",
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
            Affiliation::Obec,
        )
        .await?;
    let esa = store
        .create_unit(
            None,
            Some(&hq),
            UnitKind::AreaOffice,
            "DEMO-ESA1",
            "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต 1",
            Affiliation::Obec,
        )
        .await?;
    let mut n = 0u64;
    let mut person = |unit: &str, position: &str, standing: &str, scale: &str| {
        n += 1;
        record(n, unit, position, standing, scale)
    };
    let admin = store
        .create_person(None, &person("OBEC", "ศึกษานิเทศก์", "ชำนาญการพิเศษ", "คศ.3")?)
        .await?;
    let esa_director = store
        .create_person(
            None,
            &person(
                "DEMO-ESA1",
                "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
                "เชี่ยวชาญ",
                "คศ.4",
            )?,
        )
        .await?;
    let deputy_esa = store
        .create_person(
            None,
            &person(
                "DEMO-ESA1",
                "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
                "ชำนาญการพิเศษ",
                "คศ.3",
            )?,
        )
        .await?;
    let officer = store
        .create_person(None, &person("DEMO-ESA1", "ศึกษานิเทศก์", "ชำนาญการ", "คศ.2")?)
        .await?;
    let supervisor = store
        .create_person(
            None,
            &person("DEMO-ESA1", "ศึกษานิเทศก์", "ชำนาญการพิเศษ", "คศ.3")?,
        )
        .await?;
    let logins: Vec<(&str, &PersonId)> = vec![
        ("admin", &admin),
        ("esa", &esa_director),
        ("officer", &officer),
        ("supervisor", &supervisor),
    ];
    for (login, id) in &logins {
        store.set_account(None, id, login, &hash, false).await?;
    }
    store
        .set_account(None, &deputy_esa, "deputy-esa", &hash, false)
        .await?;
    store.grant_role(None, &admin, Role::Admin, None).await?;
    store
        .grant_role(None, &officer, Role::UnitOfficer, Some(&esa))
        .await?;
    store
        .grant_role(None, &esa_director, Role::Approver, Some(&esa))
        .await?;
    let mut schools: Vec<Vec<PersonId>> = Vec::new();
    for (i, name) in SCHOOLS.iter().enumerate() {
        let code = format!("DEMO-S{:02}", i + 1);
        let school = store
            .create_unit(
                None,
                Some(&esa),
                UnitKind::School,
                &code,
                name,
                Affiliation::Obec,
            )
            .await?;
        let mut staff = Vec::new();
        for (position, standing, scale) in STAFF {
            let id = store
                .create_person(None, &person(&code, position, standing, scale)?)
                .await?;
            store
                .set_account(None, &id, &staff_login(i, staff.len()), &hash, false)
                .await?;
            staff.push(id);
        }
        store
            .grant_role(None, &staff[0], Role::Approver, Some(&school))
            .await?;
        schools.push(staff);
    }
    if let [first, second, ..] = schools.as_slice() {
        agreements(store, first, second, &deputy_esa).await?;
        evaluated(store, second, &[&first[5], &supervisor], &officer).await?;
    }
    Ok(true)
}

/// The login of the `index`-th staff member (in `STAFF` order) of the `school`-th school:
/// `demo-s02-3`; the first school's director and ครูชำนาญการพิเศษ are `director` and `teacher`.
fn staff_login(school: usize, index: usize) -> String {
    match (school, index) {
        (0, 0) => "director".into(),
        (0, 5) => "teacher".into(),
        _ => format!("demo-s{:02}-{}", school + 1, index + 1),
    }
}

/// Every demo login, for load tests.
pub fn all_logins() -> Vec<String> {
    let mut out = vec![
        "admin".to_owned(),
        "officer".to_owned(),
        "esa".to_owned(),
        "deputy-esa".to_owned(),
        "supervisor".to_owned(),
    ];
    for school in 0..SCHOOLS.len() {
        out.extend((0..STAFF.len()).map(|i| staff_login(school, i)));
    }
    out
}

/// The example agreements, in the states a real area has early in the year: the `teacher`'s
/// approved agreement of last year (so this year's can start from it), a deputy director's
/// waiting for the director, a teacher of school 2 returned with suggestions, the deputy area
/// director's draft. `school1` and `school2` are the staff in `STAFF` order.
async fn agreements(
    store: &Store,
    school1: &[PersonId],
    school2: &[PersonId],
    deputy_esa: &PersonId,
) -> Result<(), StoreError> {
    let fy = crate::agreements::current_fiscal_year();
    let example = |text: &str, fiscal_year: u16| {
        Agreement::from_json(text)
            .map(|a| a.moved_to(fiscal_year))
            .map_err(|e| StoreError::Invalid(e.to_string()))
    };
    let teacher_pa = include_str!("../../../examples/teacher-obec-senior-professional.json");
    let quiet = Notify::default();
    let (director, teacher) = (&school1[0], &school1[5]);
    let last_year = store
        .create_agreement(teacher, &example(teacher_pa, fy - 1)?)
        .await?;
    store
        .submit_agreement(teacher, &last_year, 1, &quiet)
        .await?;
    store
        .review_agreement(
            director,
            &last_year,
            Decision::Approve,
            "",
            &BTreeMap::new(),
            &quiet,
        )
        .await?;

    let deputy = &school1[1];
    let waiting = store
        .create_agreement(
            deputy,
            &example(
                include_str!("../../../examples/deputy-school-director.json"),
                fy,
            )?,
        )
        .await?;
    store.submit_agreement(deputy, &waiting, 1, &quiet).await?;

    let (director2, teacher2) = (&school2[0], &school2[5]);
    let returned = store
        .create_agreement(teacher2, &example(teacher_pa, fy)?)
        .await?;
    store
        .submit_agreement(teacher2, &returned, 1, &quiet)
        .await?;
    store
        .review_agreement(
            director2,
            &returned,
            Decision::Return,
            "ขอให้ระบุตัวชี้วัดเชิงปริมาณให้ชัดเจนขึ้น และเพิ่มระยะเวลาของแต่ละขั้นตอน",
            &BTreeMap::from([(
                "/part1/0/tasks".to_owned(),
                "ควรระบุจำนวนแผนการจัดการเรียนรู้ที่จะจัดทำ".to_owned(),
            )]),
            &quiet,
        )
        .await?;

    store
        .create_agreement(
            deputy_esa,
            &example(
                include_str!("../../../examples/deputy-esa-director.json"),
                fy,
            )?,
        )
        .await?;
    Ok(())
}

/// Last year's agreement of school 2's ครูชำนาญการพิเศษ, approved, evaluated by a committee
/// (the director, the area's supervisor, a ครูชำนาญการพิเศษ of school 1) and finalised, so the
/// result, PA 2/PA 3 and the history have something to show.
async fn evaluated(
    store: &Store,
    school2: &[PersonId],
    members: &[&PersonId; 2],
    officer: &PersonId,
) -> Result<(), StoreError> {
    use domain::evaluation::Basis;
    use domain::scoring::{Level, Seat};
    use store::workflow::evaluation::{Appointment, SeatChoice, SheetDraft};
    let quiet = Notify::default();
    let (director, teacher) = (&school2[0], &school2[5]);
    let fy = crate::agreements::current_fiscal_year() - 1;
    let content = Agreement::from_json(include_str!(
        "../../../examples/teacher-obec-senior-professional.json"
    ))
    .map(|a| a.moved_to(fy))
    .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let id = store.create_agreement(teacher, &content).await?;
    store.submit_agreement(teacher, &id, 1, &quiet).await?;
    store
        .review_agreement(
            director,
            &id,
            Decision::Approve,
            "",
            &BTreeMap::new(),
            &quiet,
        )
        .await?;
    let seat = |seat, basis, person: &PersonId| SeatChoice {
        seat,
        basis,
        person: person.clone(),
    };
    let appointment = Appointment {
        seats: vec![
            seat(Seat::Chair, Basis::Approver, director),
            seat(Seat::Member, Basis::TeacherOtherSchool, members[0]),
            seat(Seat::Member, Basis::Supervisor, members[1]),
        ],
        period: 0,
        deadline: None,
    };
    let committee = store
        .appoint_committee(
            officer,
            domain::workflow::Actor::UnitOfficer,
            &id,
            &appointment,
            &quiet,
        )
        .await?;
    let form = domain::catalog::Catalog::embedded()
        .get(&content.form)
        .ok_or(StoreError::NotFound("แบบฟอร์ม"))?;
    let comments = [
        "จัดการเรียนรู้ได้ตามข้อตกลง ควรเผยแพร่สื่อที่พัฒนาให้เพื่อนครูในกลุ่มสาระ",
        "ผลลัพธ์ด้านผู้เรียนชัดเจน มีร่องรอยการพัฒนาครบถ้วน",
        "ควรเพิ่มการวิเคราะห์ผลการประเมินเพื่อนำไปพัฒนาต่อในปีถัดไป",
    ];
    for (i, who) in [director, members[0], members[1]].into_iter().enumerate() {
        let level = |n: usize| {
            if (n + i).is_multiple_of(4) {
                Level::Four
            } else {
                Level::Three
            }
        };
        let draft = SheetDraft {
            part1: form
                .indicator_codes()
                .into_iter()
                .enumerate()
                .map(|(n, c)| (c.to_owned(), level(n)))
                .collect(),
            part2: form
                .scoring
                .part2_items
                .iter()
                .enumerate()
                .map(|(n, item)| (item.id.clone(), level(n)))
                .collect(),
            workload_met: Some(true),
            comment: comments[i].to_owned(),
        };
        store.save_sheet(who, &committee, 1, &draft).await?;
        store.sign_sheet(who, &committee, 2).await?;
    }
    store
        .finalize_committee(director, &committee, &quiet)
        .await?;
    Ok(())
}

/// The unit id of a demo unit code, for tests.
pub async fn unit_of(store: &Store, code: &str) -> Result<UnitId, StoreError> {
    store
        .unit_by_code(code)
        .await?
        .map(|u| UnitId(u.id))
        .ok_or(StoreError::NotFound("หน่วยงาน"))
}
