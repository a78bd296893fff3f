//! Structural checks on a form after it is read: what serde cannot say about a catalog file.

use std::collections::HashSet;

use super::Form;

pub(super) fn form(f: &Form) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut fail = |p: String| problems.push(p);

    if f.standings.is_empty() {
        fail("ไม่ได้ระบุวิทยฐานะที่ใช้แบบฟอร์มนี้ (standings)".into());
    }
    let mut area_codes = HashSet::new();
    let mut indicator_codes = HashSet::new();
    for area in &f.part1.areas {
        if !area_codes.insert(area.code.as_str()) {
            fail(format!("รหัสด้าน {} ซ้ำ", area.code));
        }
        if area.indicators.is_empty() {
            fail(format!("ด้าน {} ไม่มีตัวชี้วัด", area.code));
        }
        for ind in &area.indicators {
            if !indicator_codes.insert(ind.code.as_str()) {
                fail(format!("รหัสตัวชี้วัด {} ซ้ำ", ind.code));
            }
            if !ind.code.starts_with(&format!("{}.", area.code)) {
                fail(format!(
                    "ตัวชี้วัด {} ไม่ได้ขึ้นต้นด้วยรหัสด้าน {}",
                    ind.code, area.code
                ));
            }
            for s in &f.standings {
                let described = ind.descriptions.contains_key(s);
                let missing = ind.descriptions_missing.contains(s);
                if described == missing {
                    fail(format!(
                        "ตัวชี้วัด {}: วิทยฐานะ {:?} ต้องมีคำอธิบายหรือระบุใน descriptions_missing อย่างใดอย่างหนึ่ง",
                        ind.code, s
                    ));
                }
            }
        }
    }
    if f.part1.target_groups.is_empty() {
        fail("ไม่มีกลุ่มเป้าหมายของผลลัพธ์ (target_groups)".into());
    }
    let groups: HashSet<_> = f
        .part1
        .target_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    if groups.len() != f.part1.target_groups.len() {
        fail("รหัสกลุ่มเป้าหมายซ้ำ".into());
    }

    for s in &f.standings {
        if f.expected_level(*s).is_none() {
            fail(format!("ไม่มีระดับการปฏิบัติที่คาดหวังของวิทยฐานะ {s:?}"));
        }
    }
    if f.part2.issue_count == 0 {
        fail("ส่วนที่ 2 ต้องมีประเด็นท้าทายอย่างน้อย 1 ประเด็น".into());
    }
    if f.part2.requires_policy && f.part2.policy_label.is_none() {
        fail("ประเด็นท้าทายต้องอ้างนโยบาย แต่ไม่มี policy_label".into());
    }
    if let Some(choice) = &f.type_choice {
        if choice.min_selected > choice.options.len() {
            fail("min_selected มากกว่าจำนวนตัวเลือก".into());
        }
        let ids: HashSet<_> = choice.options.iter().map(|o| o.id.as_str()).collect();
        if ids.len() != choice.options.len() {
            fail("รหัสตัวเลือกประเภทซ้ำ".into());
        }
    }
    let items: HashSet<_> = f.workload.items.iter().map(|i| i.code.as_str()).collect();
    if items.len() != f.workload.items.len() {
        fail("รหัสรายการภาระงานซ้ำ".into());
    }

    let sc = &f.scoring;
    let part1_expected = 4.0 * indicator_codes.len() as f64;
    if (sc.part1_max - part1_expected).abs() > 1e-9 {
        fail(format!(
            "คะแนนเต็มส่วนที่ 1 ({}) ไม่เท่ากับ 4 × จำนวนตัวชี้วัด ({part1_expected})",
            sc.part1_max
        ));
    }
    for id in ["method", "quantitative", "qualitative"] {
        if f.part2_item(id).is_none() {
            fail(format!("ไม่มีรายการประเมินส่วนที่ 2 '{id}'"));
        }
    }
    let part2_sum: f64 = sc.part2_items.iter().map(|i| i.points[3]).sum();
    if (sc.part2_max - part2_sum).abs() > 1e-9 {
        fail(format!(
            "คะแนนเต็มส่วนที่ 2 ({}) ไม่เท่ากับผลรวมคะแนนสูงสุดของรายการ ({part2_sum})",
            sc.part2_max
        ));
    }
    for item in &sc.part2_items {
        if !item.points.windows(2).all(|w| w[0] < w[1]) || item.points[0] < 0.0 {
            fail(format!("ตารางแปลงคะแนนของ {} ต้องเพิ่มขึ้นตามระดับ", item.id));
        }
    }
    if !(0.0..=100.0).contains(&sc.pass_percent.value) {
        fail("เกณฑ์ผ่านต้องอยู่ระหว่าง 0 ถึง 100".into());
    }
    if f.committee.size == 0 {
        fail("คณะกรรมการต้องมีอย่างน้อย 1 คน".into());
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}
