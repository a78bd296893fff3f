//! Editable Word files with the same content as the PDF: TH Sarabun New 16 pt (set for the
//! complex-script runs too, which is what Word uses for Thai), A4, real tables whose header
//! rows repeat on every page, ☑/☐ for the ticked boxes.

mod report;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Shading, SpecialIndentType, Style, StyleType, Table, TableCell, TableOfContents, TableRow,
    VMergeType,
};

use crate::pa1::{Cell, Challenge, Check, Pa1, SignatureBlock, Workload};
use crate::scores::{Evaluee, Pa2, Pa3};
use crate::{Document, RenderError};

/// The font Word users have; Laksaman in the PDF has its metrics.
pub const FONT: &str = "TH Sarabun New";
/// 16 pt, in Word's half-points.
const SIZE: usize = 32;
/// A4 and the margins of the PDF, in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
const TEXT_WIDTH: usize = 11906 - 1417 - 1134;
const INDENT: i32 = 1418;
const GREY: &str = "D9D9D9";

pub fn render(document: &Document) -> Result<Vec<u8>, RenderError> {
    let mut w = Writer::new();
    match document {
        Document::Pa1(d) => w.pa1(d),
        Document::Pa2(sheets) => {
            for (i, d) in sheets.iter().enumerate() {
                if i > 0 {
                    w.page_break();
                }
                w.pa2(d);
            }
        }
        Document::Pa3(d) => w.pa3(d),
        Document::Report(d) => w.report(d)?,
    }
    w.finish()
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn run(text: &str) -> Run {
    // Line breaks the maker typed stay line breaks.
    let mut r = Run::new().fonts(fonts()).size(SIZE);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn bold(text: &str) -> Run {
    run(text).bold()
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn center(p: Paragraph) -> Paragraph {
    p.align(AlignmentType::Center)
}

fn indented(p: Paragraph, level: i32) -> Paragraph {
    p.indent(Some(INDENT * level), None, None, None)
}

fn first_line(p: Paragraph) -> Paragraph {
    p.indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None)
        .align(AlignmentType::Both)
}

fn mark(ticked: bool) -> &'static str {
    if ticked { "☑" } else { "☐" }
}

fn check(c: &Check) -> String {
    format!("{} {}", mark(c.ticked), c.name)
}

fn dotted(value: &str, width: usize) -> String {
    if value.trim().is_empty() {
        ".".repeat(width)
    } else {
        value.to_owned()
    }
}

/// A table cell of paragraphs.
fn cell(paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p))
}

fn text_cell(text: &str) -> TableCell {
    cell(vec![para(text)])
}

fn head_cell(text: &str) -> TableCell {
    cell(vec![center(Paragraph::new().add_run(bold(text)))]).shading(Shading::new().fill(GREY))
}

fn centered_cell(text: &str) -> TableCell {
    cell(vec![center(para(text))])
}

/// Column widths in twips from proportions of the text width.
fn grid(parts: &[usize]) -> Vec<usize> {
    let sum: usize = parts.iter().sum();
    parts.iter().map(|p| TEXT_WIDTH * p / sum).collect()
}

/// The marker put on header rows; `finish` turns it into `<w:tblHeader/>`, which docx-rs
/// cannot write itself.
const HEADER_ROW_MARK: &str = "<w:cantSplit />";

fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

struct Writer {
    docx: Docx,
}

impl Writer {
    fn new() -> Writer {
        let heading = |id: &str, name: &str| {
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .bold()
                .size(SIZE)
                .fonts(fonts())
        };
        Writer {
            docx: Docx::new()
                .page_size(A4.0, A4.1)
                .page_margin(
                    PageMargin::new()
                        .top(1247)
                        .bottom(1134)
                        .left(1417)
                        .right(1134)
                        .header(709)
                        .footer(567),
                )
                .default_fonts(fonts())
                .default_size(SIZE)
                .add_style(heading("Heading1", "heading 1"))
                .add_style(heading("Heading2", "heading 2")),
        }
    }

    fn p(&mut self, p: Paragraph) {
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn table(&mut self, t: Table) {
        self.docx = std::mem::take(&mut self.docx).add_table(t);
    }

    fn page_break(&mut self) {
        self.p(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }

    fn heading(&mut self, text: &str, level: usize) {
        self.p(Paragraph::new()
            .style(if level == 1 { "Heading1" } else { "Heading2" })
            .add_run(bold(text))
            .keep_next(true));
    }

    fn code_and_title(&mut self, code: &str, title: &str, subtitle: Option<&str>) {
        self.p(Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(bold(code)));
        self.p(center(Paragraph::new().add_run(bold(title))));
        if let Some(s) = subtitle.filter(|s| !s.is_empty()) {
            self.p(center(Paragraph::new().add_run(bold(s))));
        }
    }

    fn signature(&mut self, s: &SignatureBlock, position: bool, role: &str) {
        let right = |text: String| center(para(&text)).indent(Some(4800), None, None, None);
        self.p(right(format!("ลงชื่อ {}", ".".repeat(40))));
        self.p(right(format!("({})", dotted(&s.name, 40))));
        if position {
            self.p(right(format!("ตำแหน่ง {}", dotted(&s.position, 36))));
        }
        if !role.is_empty() {
            self.p(right(role.to_owned()));
        }
        self.p(right(format!("วันที่ {}", dotted(&s.date, 30))));
    }

    /// What someone wrote, or three dotted lines to write on by hand.
    fn written_or_lines(&mut self, text: &str) {
        if text.is_empty() {
            for _ in 0..3 {
                self.p(indented(para(&".".repeat(110)), 1));
            }
        } else {
            self.p(indented(para(text), 1));
        }
    }

    /// A committee member's signature: name and seat, no position line.
    fn member_signature(&mut self, name: &str, seat: &str) {
        let who = SignatureBlock {
            name: name.to_owned(),
            position: String::new(),
            caption: String::new(),
            date: String::new(),
        };
        self.signature(&who, false, seat);
    }

    fn pa1(&mut self, d: &Pa1) {
        if let Some(b) = &d.booklet {
            for _ in 0..8 {
                self.p(para(""));
            }
            for (i, line) in b.cover_title.iter().enumerate() {
                let size = if i == 0 { 56 } else { 44 };
                self.p(center(Paragraph::new().add_run(bold(line).size(size))));
            }
            self.p(para(""));
            for line in &b.cover_lines {
                self.p(center(Paragraph::new().add_run(bold(line).size(36))));
            }
            self.page_break();
            self.p(center(Paragraph::new().add_run(bold("คำนำ").size(40))));
            for p in &b.preface {
                self.p(first_line(para(p)));
            }
            if !b.preface_signer.is_empty() {
                self.p(para(""));
                self.p(center(para(&b.preface_signer)).indent(Some(4800), None, None, None));
            }
            self.page_break();
            self.p(center(Paragraph::new().add_run(bold("สารบัญ").size(40))));
            let toc = TableOfContents::new()
                .heading_styles_range(1, 2)
                .auto()
                .dirty();
            self.docx = std::mem::take(&mut self.docx).add_table_of_contents(toc);
            self.page_break();
            self.docx = std::mem::take(&mut self.docx)
                .header(
                    Header::new().add_paragraph(center(
                        Paragraph::new()
                            .add_run(run("- "))
                            .add_page_num(PageNum::new())
                            .add_run(run(" -")),
                    )),
                )
                .first_header(Header::new())
                .first_footer(Footer::new())
                .title_pg();
        }
        self.code_and_title(&d.code, &d.title, d.subtitle.as_deref());
        for line in &d.header {
            let mut p = Paragraph::new();
            for r in line {
                p = p.add_run(run(&if r.path.is_some() {
                    dotted(&r.text, 16)
                } else {
                    r.text.clone()
                }));
            }
            self.p(center(p));
        }
        if let Some(t) = &d.types {
            self.p(Paragraph::new().add_run(bold(&t.label)));
            for g in &t.groups {
                let mut level = 1;
                if let Some(h) = &g.heading {
                    self.p(indented(para(h), 1));
                    level = 2;
                }
                let boxes: Vec<String> = g.options.iter().map(check).collect();
                self.p(indented(para(&boxes.join("    ")), level));
            }
        }
        self.p(first_line(para(&d.intent)));

        let p1 = &d.part1;
        self.heading(&p1.title, 1);
        self.workload(&p1.workload);
        self.heading(&p1.tasks_heading, 2);
        if let Some(i) = &p1.instruction {
            self.p(first_line(para(i)));
        }
        let mut rows = vec![header_row(
            p1.columns.iter().map(|c| head_cell(c)).collect(),
        )];
        for r in &d.part1.rows {
            let mut first = vec![Paragraph::new().add_run(bold(&r.area))];
            if let Some(s) = &r.scope {
                first.push(para(s));
            }
            if let Some(i) = &r.indicator {
                first.push(Paragraph::new().add_run(bold(i)));
            }
            rows.push(TableRow::new(vec![
                cell(first),
                text_cell(&r.tasks),
                cell(group_paragraphs(&r.outcomes)),
                cell(group_paragraphs(&r.indicators)),
            ]));
        }
        self.table(Table::new(rows).set_grid(grid(&[20, 25, 20, 20])));
        if !p1.notes.is_empty() {
            self.p(Paragraph::new().add_run(bold("หมายเหตุ")));
            for n in &p1.notes {
                self.p(indented(para(n), 1));
            }
        }

        let p2 = &d.part2;
        self.heading(&p2.title, 1);
        self.p(first_line(para(&p2.preamble)));
        for c in &p2.challenges {
            self.challenge(c, &p2.months, &p2.span);
        }

        self.p(para(""));
        self.signature(&d.signature, true, &d.signature.caption);
        self.p(para(""));
        let a = &d.approval;
        self.heading(&a.heading, 2);
        self.p(indented(para(&check(&a.approve)), 1));
        self.p(indented(para(&check(&a.reject)), 1));
        self.written_or_lines(&a.suggestions);
        self.p(para(""));
        self.signature(&a.signature, true, "");
    }

    fn workload(&mut self, w: &Workload) {
        self.heading(&w.heading, 2);
        self.p(first_line(para(&w.statement)));
        if let Some(f) = &w.full_time {
            let mut line = format!("{}    {}", check(&f.full), check(&f.part));
            if f.part.ticked || !f.reason.is_empty() {
                line.push_str(&format!(" เนื่องจาก {}", dotted(&f.reason, 40)));
            }
            self.p(indented(para(&line), 1));
        }
        if let Some(i) = &w.intro {
            self.p(first_line(para(i)));
        }
        for item in &w.items {
            let mut line = format!("{} {}", item.code, item.name);
            if !item.hours.is_empty() {
                line.push_str(&format!(" จำนวน {} ชั่วโมง/สัปดาห์", item.hours));
            }
            self.p(indented(para(&line), 1));
            if !item.note.is_empty() {
                self.p(indented(para(&item.note), 1));
            }
            if !item.subjects.is_empty() {
                let mut rows = vec![header_row(vec![
                    head_cell("กลุ่มสาระการเรียนรู้/รายวิชา"),
                    head_cell("ชั่วโมง/สัปดาห์"),
                ])];
                rows.extend(
                    item.subjects.iter().map(|s| {
                        TableRow::new(vec![text_cell(&s.subject), centered_cell(&s.hours)])
                    }),
                );
                self.table(Table::new(rows).set_grid(grid(&[4, 1])).indent(INDENT * 2));
            }
        }
        if let Some(t) = &w.total {
            self.p(indented(para(&format!("รวมทั้งสิ้น {t} ชั่วโมง/สัปดาห์")), 1));
        }
    }

    fn challenge(&mut self, c: &Challenge, months: &[&str], span: &str) {
        self.heading(&c.heading, 2);
        if let Some((label, text)) = &c.policy {
            self.p(Paragraph::new()
                .add_run(bold(label))
                .add_run(run(&format!(" {}", dotted(text, 40)))));
        }
        self.p(Paragraph::new().add_run(bold(&c.problem_label)));
        self.p(first_line(para(&c.problem)));
        self.p(Paragraph::new().add_run(bold(&c.method_label)));
        if !c.intro.is_empty() {
            self.p(first_line(para(&c.intro)));
        }
        for s in &c.steps {
            let mut line = format!("{}. {}", s.number, s.text);
            if !s.start.is_empty() {
                line.push_str(&format!(" ({}", s.start));
                if !s.end.is_empty() && s.end != s.start {
                    line.push_str(&format!(" – {}", s.end));
                }
                line.push(')');
            }
            self.p(indented(para(&line), 1));
        }
        if c.planned {
            self.p(center(
                Paragraph::new().add_run(bold(&format!("ระยะเวลาการดำเนินงาน {span}"))),
            ));
            let mut head = vec![head_cell("ขั้นตอนการดำเนินงาน")];
            head.extend(months.iter().map(|m| {
                cell(vec![center(Paragraph::new().add_run(bold(m).size(24)))])
                    .shading(Shading::new().fill(GREY))
            }));
            let mut rows = vec![header_row(head)];
            for s in &c.steps {
                let mut cells = vec![text_cell(&format!("{}. {}", s.number, s.text))];
                cells.extend(s.cells.iter().map(|on| {
                    let c = TableCell::new().add_paragraph(Paragraph::new());
                    if *on {
                        c.shading(Shading::new().fill("969696"))
                    } else {
                        c
                    }
                }));
                rows.push(TableRow::new(cells));
            }
            let mut parts = vec![40];
            parts.extend(std::iter::repeat_n(4, months.len()));
            self.table(Table::new(rows).set_grid(grid(&parts)));
        }
        self.p(Paragraph::new().add_run(bold(&c.outcomes_label)));
        self.p(indented(
            Paragraph::new().add_run(bold(&c.quantitative_label)),
            1,
        ));
        for q in &c.quantitative {
            self.p(indented(para(q), 2));
        }
        self.p(indented(
            Paragraph::new().add_run(bold(&c.qualitative_label)),
            1,
        ));
        for q in &c.qualitative {
            self.p(indented(para(q), 2));
        }
    }

    fn evaluee(&mut self, e: &Evaluee) {
        self.p(para(&format!(
            "{} {}  ตำแหน่ง {}",
            e.label,
            dotted(&e.name, 30),
            dotted(&e.position, 20)
        )));
        self.p(para(&format!(
            "วิทยฐานะ {}  สถานศึกษา/หน่วยงาน {}",
            dotted(&e.standing, 20),
            dotted(&e.unit, 30)
        )));
        self.p(para(&format!(
            "สังกัด {}  ปีงบประมาณ พ.ศ. {}",
            dotted(&e.affiliation, 30),
            dotted(&e.fiscal_year, 8)
        )));
    }

    fn pa2(&mut self, d: &Pa2) {
        self.code_and_title(&d.code, &d.title, Some(&d.subtitle));
        self.evaluee(&d.evaluee);
        if !d.expected.is_empty() {
            self.p(para(&format!(
                "ระดับการปฏิบัติที่คาดหวังตามวิทยฐานะ: {}",
                d.expected
            )));
        }
        self.p(Paragraph::new().add_run(bold("คำชี้แจง")));
        for l in &d.levels {
            self.p(indented(para(l), 1));
        }
        self.p(Paragraph::new().add_run(bold("ภาระงาน")));
        self.p(indented(
            para(&format!(
                "{} มีภาระงานเป็นไปตามที่ ก.ค.ศ. กำหนด    {} ไม่เป็นไปตามที่ ก.ค.ศ. กำหนด",
                mark(d.workload_met),
                mark(!d.workload_met)
            )),
            1,
        ));
        self.p(Paragraph::new().add_run(bold(&d.part1_heading)));
        let levels = ["1", "2", "3", "4"];
        let two_row_head = |first: &str, middle: &str, last: Option<&str>| {
            let mut top = vec![head_cell(first).vertical_merge(VMergeType::Restart)];
            top.push(head_cell(middle).grid_span(4));
            let mut bottom = vec![head_cell("").vertical_merge(VMergeType::Continue)];
            bottom.extend(levels.iter().map(|l| head_cell(l)));
            if let Some(l) = last {
                top.push(head_cell(l).vertical_merge(VMergeType::Restart));
                bottom.push(head_cell("").vertical_merge(VMergeType::Continue));
            }
            vec![header_row(top), header_row(bottom)]
        };
        let mut rows = two_row_head("ตัวชี้วัด", "ระดับการประเมิน", None);
        for r in &d.rubric {
            if let Some(a) = &r.area {
                rows.push(TableRow::new(vec![
                    cell(vec![Paragraph::new().add_run(bold(a))])
                        .grid_span(5)
                        .shading(Shading::new().fill("EFEFEF")),
                ]));
            }
            let mut cells = vec![text_cell(&r.indicator)];
            cells.extend((1..=4).map(|l| centered_cell(mark(r.level == l))));
            rows.push(TableRow::new(cells));
        }
        rows.push(TableRow::new(vec![
            cell(vec![
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(bold("รวม")),
            ]),
            cell(vec![center(Paragraph::new().add_run(bold(&format!(
                "{} / {}",
                d.part1_total, d.part1_max
            ))))])
            .grid_span(4),
        ]));
        self.table(Table::new(rows).set_grid(grid(&[60, 6, 6, 6, 6])));
        self.p(Paragraph::new().add_run(bold(&d.part2_heading)));
        let mut rows = two_row_head("รายการประเมิน", "ระดับการประเมิน (คะแนน)", Some("คะแนนที่ได้"));
        for i in &d.items {
            let mut cells = vec![cell(vec![
                Paragraph::new().add_run(bold(&i.name)),
                Paragraph::new().add_run(run(&i.criterion).size(28)),
            ])];
            cells.extend((1..=4).map(|l| {
                let scale = i.scale.get(usize::from(l) - 1).cloned().unwrap_or_default();
                cell(vec![
                    center(para(mark(i.level == l))),
                    center(Paragraph::new().add_run(run(&format!("({scale})")).size(24))),
                ])
            }));
            cells.push(centered_cell(&i.points));
            rows.push(TableRow::new(cells));
        }
        rows.push(TableRow::new(vec![
            cell(vec![
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(bold("รวม")),
            ])
            .grid_span(5),
            cell(vec![center(Paragraph::new().add_run(bold(&format!(
                "{} / {}",
                d.part2_total, d.part2_max
            ))))]),
        ]));
        self.table(Table::new(rows).set_grid(grid(&[52, 6, 6, 6, 6, 8])));
        self.p(Paragraph::new().add_run(bold("สรุปผลการประเมิน")));
        let rows = vec![
            TableRow::new(vec![
                head_cell("องค์ประกอบ"),
                head_cell("คะแนนเต็ม"),
                head_cell("คะแนนที่ได้"),
            ]),
            TableRow::new(vec![
                text_cell(&d.part1_name),
                centered_cell(&d.part1_max),
                centered_cell(&d.part1_total),
            ]),
            TableRow::new(vec![
                text_cell(&d.part2_name),
                centered_cell(&d.part2_max),
                centered_cell(&d.part2_total),
            ]),
            TableRow::new(vec![
                cell(vec![
                    Paragraph::new()
                        .align(AlignmentType::Right)
                        .add_run(bold("รวม")),
                ]),
                cell(vec![center(Paragraph::new().add_run(bold(&d.max)))]),
                cell(vec![center(Paragraph::new().add_run(bold(&d.total)))]),
            ]),
        ];
        self.table(Table::new(rows).set_grid(grid(&[60, 14, 14])));
        self.p(Paragraph::new().add_run(bold("ความคิดเห็นเพิ่มเติมของกรรมการผู้ประเมิน")));
        self.written_or_lines(&d.comment);
        self.p(para(""));
        self.member_signature(&d.member, &d.seat);
    }

    fn pa3(&mut self, d: &Pa3) {
        self.code_and_title(&d.code, &d.title, Some(&d.subtitle));
        self.evaluee(&d.evaluee);
        self.p(para(""));
        let n = d.members.len();
        let mut top = vec![head_cell("องค์ประกอบการประเมิน").vertical_merge(VMergeType::Restart)];
        top.push(head_cell("ผลการประเมิน").grid_span(n));
        let mut second = vec![head_cell("").vertical_merge(VMergeType::Continue)];
        second.extend(d.members.iter().map(|m| head_cell(&m.heading)));
        let line = |label: Paragraph, values: Vec<String>| {
            let mut cells = vec![cell(vec![label])];
            cells.extend(values.iter().map(|v| centered_cell(v)));
            TableRow::new(cells)
        };
        let rows = vec![
            header_row(top),
            header_row(second),
            line(
                para(&d.part1_label),
                d.members.iter().map(|m| m.part1.clone()).collect(),
            ),
            line(
                para(&d.part2_label),
                d.members.iter().map(|m| m.part2.clone()).collect(),
            ),
            line(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(bold(&d.total_label)),
                d.members.iter().map(|m| m.total.clone()).collect(),
            ),
            line(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(run("ผลของกรรมการแต่ละคน")),
                d.members
                    .iter()
                    .map(|m| {
                        if m.passed {
                            "ผ่านเกณฑ์"
                        } else {
                            "ไม่ผ่านเกณฑ์"
                        }
                        .to_owned()
                    })
                    .collect(),
            ),
        ];
        let mut parts = vec![40];
        parts.extend(std::iter::repeat_n(16, n));
        self.table(Table::new(rows).set_grid(grid(&parts)));
        self.p(Paragraph::new()
            .add_run(bold("หมายเหตุ "))
            .add_run(run(&d.rule)));
        self.p(para(""));
        self.p(Paragraph::new().add_run(bold(&d.summary)));
        self.p(indented(
            para(&format!(
                "{} ผ่านเกณฑ์      {} ไม่ผ่านเกณฑ์",
                mark(d.passed),
                mark(!d.passed)
            )),
            1,
        ));
        if !d.workload_met {
            self.p(indented(para("ภาระงานไม่เป็นไปตามที่ ก.ค.ศ. กำหนด"), 1));
        }
        for r in &d.reasons {
            self.p(indented(para(r), 1));
        }
        // The chair signs first.
        let (chair, others): (Vec<_>, Vec<_>) = d.members.iter().partition(|m| m.chair);
        for m in chair.into_iter().chain(others) {
            self.p(para(""));
            self.member_signature(&m.name, &m.seat);
        }
    }

    fn finish(self) -> Result<Vec<u8>, RenderError> {
        let mut xml = self.docx.build();
        let document = String::from_utf8(std::mem::take(&mut xml.document))
            .map_err(|e| RenderError::Docx(e.to_string()))?;
        xml.document = document
            .replace(HEADER_ROW_MARK, "<w:cantSplit /><w:tblHeader />")
            .into_bytes();
        let mut out = std::io::Cursor::new(Vec::new());
        xml.pack(&mut out)
            .map_err(|e| RenderError::Docx(e.to_string()))?;
        Ok(out.into_inner())
    }
}

fn group_paragraphs(cells: &[Cell]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for c in cells {
        if let Some(g) = &c.group {
            out.push(Paragraph::new().add_run(bold(g)));
        }
        out.push(para(&c.text));
    }
    if out.is_empty() {
        out.push(Paragraph::new());
    }
    out
}
