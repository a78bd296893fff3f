//! The Thai name of a path, in the form's own words, for field errors, findings and the diff.

use super::index;
use crate::agreement::Agreement;
use crate::catalog::Form;

/// The Thai label of a path, as the form prints it: "ส่วนที่ 1 ตัวชี้วัด 1.1: งาน (Tasks)".
///
/// Covers every path the editor posts and the checker reports; a path it does not know is
/// returned as it is, so a label is never empty.
pub fn label(form: &Form, agreement: &Agreement, path: &str) -> String {
    labelled(form, agreement, path).unwrap_or_else(|| path.to_owned())
}

fn labelled(form: &Form, a: &Agreement, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    match segments.as_slice() {
        ["format"] => Some("รุ่นของรูปแบบแฟ้มข้อตกลง".into()),
        ["form"] => Some("แบบฟอร์ม".into()),
        ["fiscal_year"] => Some("ปีงบประมาณ".into()),
        ["period"] => Some("ระยะเวลาของข้อตกลง".into()),
        ["period", "start"] => Some("ระยะเวลาของข้อตกลง: วันที่เริ่ม".into()),
        ["period", "end"] => Some("ระยะเวลาของข้อตกลง: วันที่สิ้นสุด".into()),
        ["maker"] => Some("ผู้จัดทำข้อตกลง".into()),
        ["maker", field] => Some(format!("ผู้จัดทำข้อตกลง: {}", maker_field(field)?)),
        ["types"] => Some(types_label(form)),
        ["types", i] => {
            let i = index(i)?;
            let option = a.types.get(i).map(|id| {
                form.type_choice
                    .as_ref()
                    .and_then(|c| c.options.iter().find(|o| &o.id == id))
                    .map_or_else(|| id.clone(), |o| o.name.clone())
            });
            Some(format!(
                "{}: {}",
                types_label(form),
                option.unwrap_or_else(|| format!("ข้อที่ {}", i + 1))
            ))
        }
        ["workload", rest @ ..] => workload(form, a, rest),
        ["part1", rest @ ..] => part1(form, a, rest),
        ["challenges", rest @ ..] => part2(form, rest),
        ["signature", rest @ ..] => {
            let head = format!("ลงชื่อ{}", form.approval.maker_caption);
            signature(head, rest)
        }
        ["approval"] => Some(form.approval.opinion_heading.clone()),
        ["approval", "decision"] => Some(format!("{}: ความเห็น", form.approval.opinion_heading)),
        ["approval", "suggestions"] => {
            Some(format!("{}: ข้อเสนอแนะ", form.approval.opinion_heading))
        }
        ["approval", "signature", rest @ ..] => {
            let head = format!("{}: ลงชื่อ", form.approval.opinion_heading);
            signature(head, rest)
        }
        ["booklet"] => Some("เล่มข้อตกลง".into()),
        ["booklet", "preface"] => Some("คำนำ".into()),
        ["booklet", "preface", j] => Some(format!("คำนำ ย่อหน้าที่ {}", index(j)? + 1)),
        ["booklet", "preface_signer"] => Some("คำนำ: ผู้ลงนาม".into()),
        ["booklet", "cover_lines", ..] => Some("ข้อความหน้าปก".into()),
        _ => None,
    }
}

fn maker_field(field: &str) -> Option<&'static str> {
    Some(match field {
        "title" => "คำนำหน้าชื่อ",
        "first_name" => "ชื่อ",
        "last_name" => "นามสกุล",
        "position" => "ตำแหน่ง",
        "standing" => "วิทยฐานะ",
        "standing_title" => "วิทยฐานะ (ตามที่เขียนในแบบ)",
        "unit" => "สถานศึกษา/หน่วยงาน",
        "affiliation" => "สังกัด",
        "district" => "อำเภอ",
        "province" => "จังหวัด",
        "salary_scale" => "รับเงินเดือนในอันดับ",
        "salary" => "อัตราเงินเดือน",
        _ => return None,
    })
}

fn signature(head: String, rest: &[&str]) -> Option<String> {
    let part = match rest {
        [] => return Some(head),
        ["name"] => "ชื่อ",
        ["position_text"] => "ตำแหน่ง",
        ["date"] => "วันที่",
        _ => return None,
    };
    Some(format!("{head}: {part}"))
}

/// The checkbox heading without its bracketed instruction, as the checker words it.
fn types_label(form: &Form) -> String {
    form.type_choice.as_ref().map_or_else(
        || "ประเภท".to_owned(),
        |c| c.label.split(" (").next().unwrap_or(&c.label).to_owned(),
    )
}

fn workload(form: &Form, a: &Agreement, rest: &[&str]) -> Option<String> {
    const HEAD: &str = "ภาระงาน";
    let (i, rest) = match rest {
        [] => return Some(HEAD.into()),
        ["full_time"] => return Some(format!("{HEAD}: เต็มเวลา/ไม่เต็มเวลา")),
        ["part_time_reason"] => return Some(format!("{HEAD}: ไม่เต็มเวลา เนื่องจาก")),
        ["items"] => return Some(format!("{HEAD}: รายการภาระงาน")),
        ["items", i, rest @ ..] => (index(i)?, rest),
        _ => return None,
    };
    // The checker indexes the agreement's lines, the editor the form's items; both agree on
    // an agreement built by the editor, and the line's code names the item either way.
    let code = a
        .workload
        .items
        .get(i)
        .map(|l| l.code.as_str())
        .or_else(|| form.workload.items.get(i).map(|it| it.code.as_str()));
    let item = match code {
        Some(code) => match form.workload.items.iter().find(|it| it.code == code) {
            Some(it) => format!("{} {}", it.code, it.name),
            None => code.to_owned(),
        },
        None => format!("รายการที่ {}", i + 1),
    };
    let head = format!("{HEAD}: {item}");
    Some(match rest {
        [] => head,
        ["hours"] => format!("{head} (ชั่วโมง/สัปดาห์)"),
        ["note"] => format!("{head} (รายละเอียดเพิ่มเติม)"),
        ["code"] => format!("{head} (รหัสรายการ)"),
        ["subjects"] => format!("{head} รายวิชา"),
        ["subjects", j, part @ ..] => {
            let subject = format!("{head} รายวิชาที่ {}", index(j)? + 1);
            match part {
                [] => subject,
                ["subject"] => format!("{subject} (กลุ่มสาระการเรียนรู้/รายวิชา)"),
                ["hours"] => format!("{subject} (ชั่วโมง/สัปดาห์)"),
                _ => return None,
            }
        }
        _ => return None,
    })
}

fn part1(form: &Form, a: &Agreement, rest: &[&str]) -> Option<String> {
    let p1 = &form.part1;
    let (i, rest) = match rest {
        [] => return Some(p1.title.clone()),
        [i, rest @ ..] => (index(i)?, rest),
    };
    let row = match a.part1.get(i) {
        Some(row) => match &row.indicator {
            Some(code) => match form.indicator(code) {
                Some(ind) => format!("{} {} {}", p1.indicator_word, code, ind.name),
                None => format!("{} {}", p1.indicator_word, code),
            },
            None => match form.area(&row.area) {
                Some(area) => format!("{}ที่ {} {}", p1.area_word, area.code, area.name),
                None => format!("{} {}", p1.area_word, row.area),
            },
        },
        None => format!("แถวที่ {}", i + 1),
    };
    let head = format!("{} {row}", part_number(&p1.title));
    let group = |id: &str| {
        p1.target_groups.iter().find(|g| g.id == id).map_or_else(
            || id.to_owned(),
            |g| {
                if g.name.starts_with("ด้าน") {
                    g.name.clone()
                } else {
                    format!("ด้าน{}", g.name)
                }
            },
        )
    };
    Some(match rest {
        [] => head,
        ["tasks"] => format!("{head}: {}", short(&p1.columns[1])),
        ["outcomes"] => format!("{head}: {}", short(&p1.columns[2])),
        ["indicators"] => format!("{head}: {}", short(&p1.columns[3])),
        ["outcomes", g] => format!("{head}: {} {}", short(&p1.columns[2]), group(g)),
        ["indicators", g] => format!("{head}: {} {}", short(&p1.columns[3]), group(g)),
        ["area"] => format!("{head}: {}", p1.area_word),
        ["indicator"] => format!("{head}: {}", p1.indicator_word),
        _ => return None,
    })
}

fn part2(form: &Form, rest: &[&str]) -> Option<String> {
    let p2 = &form.part2;
    let (i, rest) = match rest {
        [] => return Some(p2.title.clone()),
        [i, rest @ ..] => (index(i)?, rest),
    };
    let head = format!("{} ประเด็นท้าทายที่ {}", part_number(&p2.title), i + 1);
    let method = &p2.method_label;
    let quantitative = format!("{} {}", p2.outcomes_label, p2.quantitative_label);
    let qualitative = format!("{} {}", p2.outcomes_label, p2.qualitative_label);
    let what = match rest {
        [] => return Some(head),
        ["title"] => "เรื่อง".to_owned(),
        ["policy"] => p2
            .policy_label
            .clone()
            .unwrap_or_else(|| "นโยบายที่ตอบสนอง".into()),
        ["problem"] => p2.problem_label.clone(),
        ["method"] => method.clone(),
        ["method", "intro"] => format!("{method} (รูปแบบหรือแนวทาง)"),
        ["method", "steps"] => format!("{method} ขั้นตอน"),
        ["method", "steps", j, part @ ..] => {
            let step = format!("{method} ขั้นที่ {}", index(j)? + 1);
            match part {
                [] | ["text"] => step,
                ["start"] => format!("{step} เดือนเริ่ม"),
                ["end"] => format!("{step} เดือนสิ้นสุด"),
                _ => return None,
            }
        }
        ["quantitative"] => quantitative,
        ["quantitative", j, part @ ..] => {
            let target = format!("{quantitative} ข้อ {}", index(j)? + 1);
            match part {
                [] | ["text"] => target,
                ["what"] => format!("{target} (สิ่งที่นับ)"),
                ["value"] => format!("{target} (ตัวเลขเป้าหมาย)"),
                ["unit"] => format!("{target} (หน่วย)"),
                _ => return None,
            }
        }
        ["qualitative"] => qualitative,
        ["qualitative", j] => format!("{qualitative} ข้อ {}", index(j)? + 1),
        _ => return None,
    };
    Some(format!("{head}: {what}"))
}

/// "ส่วนที่ 1" out of the part's printed title, in the form's own digits.
fn part_number(title: &str) -> String {
    let mut words = title.split_whitespace();
    match (words.next(), words.next()) {
        (Some("ส่วนที่"), Some(n)) => format!("ส่วนที่ {n}"),
        _ => title.to_owned(),
    }
}

/// A column heading up to its English gloss: "งาน (Tasks) ที่จะดำเนินการ…" → "งาน (Tasks)".
fn short(column: &str) -> &str {
    match (column.find('('), column.find(')')) {
        (Some(open), Some(close)) if open < close => &column[..=close],
        _ => column.trim(),
    }
}
