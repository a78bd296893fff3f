//! PDF through typst embedded as a library: the templates and Laksaman are compiled into the
//! binary, the document model goes in as `/data.json` and the self-report's pictures as files
//! of their own (`/images/0.png`), and nothing is read from disk.
//!
//! A bound booklet prints at the foot of each page the first words of the next page
//! ("/คำแรกของหน้าถัดไป…", seed 004). Those words are only known once the pages are laid
//! out, so a booklet is laid out twice: the first pass finds the words, the second prints them
//! into a footer of fixed height, which cannot move anything else on the page.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::visualize::{Color, Paint};
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::{Document, FormKind, RenderError};

/// The fonts, embedded: Laksaman regular and bold (fonts/README.md).
const FONTS: [&[u8]; 2] = [
    include_bytes!("../fonts/Laksaman.ttf"),
    include_bytes!("../fonts/Laksaman-Bold.ttf"),
];

/// The templates, by their path inside the virtual project.
const TEMPLATES: [(&str, &str); 5] = [
    ("/common.typ", include_str!("../templates/common.typ")),
    ("/pa1.typ", include_str!("../templates/pa1.typ")),
    ("/pa2.typ", include_str!("../templates/pa2.typ")),
    ("/pa3.typ", include_str!("../templates/pa3.typ")),
    ("/report.typ", include_str!("../templates/report.typ")),
];

const DATA: &str = "/data.json";
/// The continuation cues, by page index; only the booklet's footer reads it, so the second
/// pass re-lays out nothing but the footers (typst memoises the rest).
const CUES: &str = "/cues.json";

/// The colour of running headers, footers and repeated table headers: black to the eye, and
/// told apart from body text when the continuation cues are read off the laid-out pages.
const FURNITURE: (u8, u8, u8) = (1, 1, 1);

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: Vec<Source>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        sources: TEMPLATES
            .iter()
            .map(|(path, text)| Source::new(file_id(path), (*text).to_owned()))
            .collect(),
    }
});

fn file_id(path: &str) -> FileId {
    // The paths are the constants above and the pictures' `/images/<n>.<ext>`, all valid.
    let vpath = VirtualPath::new(path).unwrap_or_else(|e| panic!("template path {path}: {e:?}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// One compilation: the shared library, fonts and templates, and this document's data.
struct DocWorld {
    main: FileId,
    data: Bytes,
    cues: Bytes,
    /// The pictures the document prints, at their paths.
    images: Vec<(FileId, Bytes)>,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        SHARED
            .sources
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA) {
            return Ok(self.data.clone());
        }
        if id == file_id(CUES) {
            return Ok(self.cues.clone());
        }
        if let Some((_, bytes)) = self.images.iter().find(|(path, _)| *path == id) {
            return Ok(bytes.clone());
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

pub fn render(document: &Document) -> Result<Vec<u8>, RenderError> {
    let pages = layout(document, &[])?;
    let booklet = matches!(document, Document::Pa1(p) if p.booklet.is_some());
    let pages = if booklet {
        let cues = cues(&pages);
        layout(document, &cues)?
    } else {
        pages
    };
    let pdf = typst_pdf::pdf(&pages, &typst_pdf::PdfOptions::default())
        .map_err(|e| RenderError::Pdf(messages(&e)));
    // typst memoises layout across compilations; keep what recent documents used and drop the
    // rest, so a long-running server does not grow without bound.
    typst::comemo::evict(10);
    pdf
}

/// Lays the document out into pages.
pub fn layout(document: &Document, cues: &[String]) -> Result<PagedDocument, RenderError> {
    let data = serde_json::to_vec(document).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let cues = serde_json::to_vec(cues).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let main = match document.kind() {
        FormKind::Pa1 => "/pa1.typ",
        FormKind::Pa2 => "/pa2.typ",
        FormKind::Pa3 => "/pa3.typ",
        FormKind::Report => "/report.typ",
    };
    let world = DocWorld {
        main: file_id(main),
        data: Bytes::new(data),
        cues: Bytes::new(cues),
        images: images(document)?,
    };
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| RenderError::Pdf(messages(&e)))
}

/// The self-report's pictures as files; a picture that is neither PNG nor JPEG is refused
/// here, by its caption, rather than as a typst error about a file.
fn images(document: &Document) -> Result<Vec<(FileId, Bytes)>, RenderError> {
    let Document::Report(report) = document else {
        return Ok(Vec::new());
    };
    report
        .figures
        .iter()
        .map(|f| {
            f.checked_format().map_err(RenderError::Pdf)?;
            Ok((file_id(&f.path), Bytes::new(f.bytes.clone())))
        })
        .collect()
}

fn messages(errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The cue for each page: "/" and the first words of the next page's body, and "…".
pub fn cues(pages: &PagedDocument) -> Vec<String> {
    let firsts: Vec<Option<String>> = pages.pages().iter().map(|p| first_text(&p.frame)).collect();
    (0..firsts.len())
        .map(|i| match firsts.get(i + 1) {
            Some(Some(next)) => format!("/{}…", first_words(next)),
            _ => String::new(),
        })
        .collect()
}

/// The top-left text run of a page's body, skipping headers, footers and repeated table heads.
fn first_text(frame: &Frame) -> Option<String> {
    let mut runs: Vec<(Point, String)> = Vec::new();
    collect(frame, Transform::identity(), &mut runs);
    runs.into_iter()
        .filter(|(_, t)| !t.trim().is_empty())
        // Runs on one line differ in baseline by less than a point.
        .min_by(|(a, _), (b, _)| {
            (a.y.to_pt().round(), a.x.to_pt())
                .partial_cmp(&(b.y.to_pt().round(), b.x.to_pt()))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(_, t)| t)
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<(Point, String)>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y).pre_concat(g.transform));
                collect(&g.frame, ts, out);
            }
            FrameItem::Text(t) if !furniture(&t.fill) => {
                out.push((pos.transform(ts), t.text.to_string()));
            }
            _ => {}
        }
    }
}

fn furniture(paint: &Paint) -> bool {
    let (r, g, b) = FURNITURE;
    matches!(paint, Paint::Solid(c) if *c == Color::from_u8(r, g, b, 255))
}

/// Up to two words, or the first dozen letters of an unspaced Thai run, never splitting a
/// letter from its vowel and tone marks.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(2).collect();
    let joined = words.join(" ");
    if joined.chars().count() <= 24 {
        return joined;
    }
    let mut out = String::new();
    for c in words.first().copied().unwrap_or_default().chars() {
        if out.chars().count() >= 12 && !is_mark(c) {
            break;
        }
        out.push(c);
    }
    out
}

/// Thai vowels and tone marks written above or below a consonant, and sara am.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}
