//! The self-report in Word: the same sections as the PDF, each Part 1 row as a table of its
//! own, and the pictures inline, at most 8 cm wide and high.

use docx_rs::{Paragraph, Pic, Run, Shading, Table, TableCell, TableRow};

use super::{
    GREY, Writer, bold, cell, center, centered_cell, dotted, grid, head_cell, header_row, para,
    run, text_cell,
};
use crate::RenderError;
use crate::report::{Figure, ImageFormat, Report};

/// Word's pixel at 96 dpi, and the largest side of a picture (8 cm), in EMU.
const EMU_PER_PX: u64 = 9525;
const MAX_SIDE: u64 = 2_880_000;

impl Writer {
    pub(super) fn report(&mut self, d: &Report) -> Result<(), RenderError> {
        self.p(center(Paragraph::new().add_run(bold(&d.title))));
        if !d.subtitle.is_empty() {
            self.p(center(Paragraph::new().add_run(bold(&d.subtitle))));
        }
        self.evaluee(&d.evaluee);

        self.heading(&d.part1_title, 1);
        let [tasks, done, achieved, evidence] = &d.row_labels;
        for r in &d.rows {
            let mut title = vec![Paragraph::new().add_run(bold(&r.area))];
            if let Some(i) = &r.indicator {
                title.push(Paragraph::new().add_run(bold(i)));
            }
            let rows = vec![
                header_row(vec![
                    cell(title).grid_span(2).shading(Shading::new().fill(GREY)),
                ]),
                TableRow::new(vec![label(tasks), text_cell(&r.tasks)]),
                TableRow::new(vec![label(done), text_cell(&dotted(&r.done, 60))]),
                TableRow::new(vec![label(achieved), text_cell(&dotted(&r.achieved, 60))]),
                TableRow::new(vec![
                    label(evidence),
                    cell(bullets(&r.evidence, &r.unproven)),
                ]),
            ];
            self.table(Table::new(rows).set_grid(grid(&LABELLED)));
            self.p(para(""));
        }

        self.heading(&d.part2_title, 1);
        for c in &d.challenges {
            self.heading(&c.heading, 2);
            let mut rows = vec![header_row(
                d.target_columns.iter().map(|h| head_cell(h)).collect(),
            )];
            for t in &c.targets {
                let mut first = vec![para(&t.text)];
                if !t.note.is_empty() {
                    first.push(Paragraph::new().add_run(run(&t.note).size(28)));
                }
                let verdict = if t.met == Some(false) {
                    bold(&t.verdict)
                } else {
                    run(&t.verdict)
                };
                rows.push(TableRow::new(vec![
                    cell(first),
                    centered_cell(&t.target),
                    centered_cell(&t.result),
                    cell(vec![center(Paragraph::new().add_run(verdict))]),
                ]));
            }
            self.table(Table::new(rows).set_grid(grid(&[46, 17, 17, 20])));
            self.p(para(""));
            let [goals, reached] = &d.qualitative_labels;
            let mut rows = Vec::new();
            if !c.qualitative_goals.is_empty() {
                rows.push(TableRow::new(vec![
                    label(goals),
                    cell(c.qualitative_goals.iter().map(|g| para(g)).collect()),
                ]));
            }
            rows.push(TableRow::new(vec![
                label(reached),
                text_cell(&dotted(&c.qualitative, 60)),
            ]));
            if !c.evidence.is_empty() {
                rows.push(TableRow::new(vec![
                    label(evidence),
                    cell(bullets(&c.evidence, &[])),
                ]));
            }
            self.table(Table::new(rows).set_grid(grid(&LABELLED)));
            self.p(para(""));
        }

        if !d.evidence.is_empty() {
            self.heading(&d.evidence_title, 1);
            let mut rows = vec![header_row(
                d.evidence_columns.iter().map(|h| head_cell(h)).collect(),
            )];
            for e in &d.evidence {
                let mut what = vec![
                    Paragraph::new().add_run(bold(&e.title)),
                    para(&format!("({})", e.kind)),
                ];
                if !e.url.is_empty() {
                    what.push(Paragraph::new().add_run(run(&e.url).size(28)));
                }
                if !e.description.is_empty() {
                    what.push(para(&e.description));
                }
                rows.push(TableRow::new(vec![
                    centered_cell(&e.number),
                    cell(what),
                    centered_cell(&e.date),
                    cell(bullets(&[], &e.proves)),
                ]));
            }
            self.table(Table::new(rows).set_grid(grid(&[6, 50, 17, 27])));
        }

        if !d.figures.is_empty() {
            self.heading(&d.figures_title, 1);
            for f in &d.figures {
                self.p(
                    center(Paragraph::new().add_run(Run::new().add_image(picture(f)?)))
                        .keep_next(true),
                );
                self.p(center(Paragraph::new().add_run(run(&f.caption).size(28))));
            }
        }

        self.p(para(""));
        self.signature(&d.signature, true, &d.signature.caption);
        Ok(())
    }
}

/// A labelled table's columns: the label, then the text (as in the PDF, 4.6 cm of 16.5).
const LABELLED: [usize; 2] = [28, 72];

fn label(text: &str) -> TableCell {
    cell(vec![Paragraph::new().add_run(bold(text))])
}

/// Evidence as a row or a challenge lists it, then lines as they are (what has no evidence
/// and why; what an item proves); one empty paragraph for none, as Word needs in a cell.
fn bullets(items: &[String], plain: &[String]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = items.iter().map(|e| para(&format!("• {e}"))).collect();
    out.extend(plain.iter().map(|u| para(u)));
    if out.is_empty() {
        out.push(Paragraph::new());
    }
    out
}

/// The picture as Word embeds it: PNG (docx-rs stores every picture as one), at its size at
/// 96 dpi, shrunk to fit 8 cm each way.
fn picture(f: &Figure) -> Result<Pic, RenderError> {
    let unreadable = |e: image::ImageError| {
        RenderError::Docx(format!("อ่านภาพประกอบ \"{}\" ไม่ได้: {e}", f.caption))
    };
    let format = f.checked_format().map_err(RenderError::Docx)?;
    let (png, (w, h)) = match format {
        ImageFormat::Png => {
            let reader = image::ImageReader::with_format(
                std::io::Cursor::new(&f.bytes),
                image::ImageFormat::Png,
            );
            (
                f.bytes.clone(),
                reader.into_dimensions().map_err(unreadable)?,
            )
        }
        ImageFormat::Jpeg => {
            let img = image::load_from_memory_with_format(&f.bytes, image::ImageFormat::Jpeg)
                .map_err(unreadable)?;
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Png)
                .map_err(unreadable)?;
            (out.into_inner(), (img.width(), img.height()))
        }
    };
    let (w_emu, h_emu) = (
        u64::from(w.max(1)) * EMU_PER_PX,
        u64::from(h.max(1)) * EMU_PER_PX,
    );
    let largest = w_emu.max(h_emu);
    let (w_emu, h_emu) = if largest > MAX_SIDE {
        (w_emu * MAX_SIDE / largest, h_emu * MAX_SIDE / largest)
    } else {
        (w_emu, h_emu)
    };
    // Both fit in u32: at most MAX_SIDE.
    let emu = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(Pic::new_with_dimensions(png, w, h).size(emu(w_emu), emu(h_emu)))
}
