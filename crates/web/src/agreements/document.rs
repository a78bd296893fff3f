//! GET /agreements/{id}/pa1.pdf and /agreements/{id}/pa1.docx: the agreement as the official
//! PA 1 document, PDF or Word, for download: the current content, or with `?version=N` the
//! content as it was submitted the N-th time, so a document printed on the day of a submission
//! can be produced again, identical, later.
//!
//! Whoever may read the agreement may download it (maker, recorded approver, readers above the
//! maker); anyone else gets the 404 of an unknown id. Rendering is CPU work of a tenth of a
//! second to a second or more, so it runs on the blocking pool, never on the async workers,
//! and no more renders run at once than there are cores: more would only split the same cores
//! finer while each holds its own layout memory (`benches/documents.rs`: twenty at once took
//! 2 GB and twenty times as long each).

use std::sync::LazyLock;

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use docs::{Document, Format, Options};
use domain::agreement::Agreement;
use serde::Deserialize;
use tokio::sync::Semaphore;

use super::{form_of, load};
use crate::auth::CurrentUser;
use crate::error::InternalError;
use crate::{AppState, WebError};

/// One render at a time per core; the rest wait their turn without holding a thread.
static RENDERS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(1, usize::from)));

/// A stored version never changes: the browser may keep it.
const CACHE_VERSION: &str = "private, max-age=31536000, immutable";
/// The current content changes with every save: ask again each time.
pub const CACHE_CURRENT: &str = "private, no-cache";

#[derive(Debug, Deserialize)]
pub struct DocumentQuery {
    /// The number of a stored (submitted) version; the current content without it.
    version: Option<String>,
}

pub async fn pdf(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<String>,
    q: Query<DocumentQuery>,
) -> Result<Response, WebError> {
    download(state, user, id, q, Format::Pdf).await
}

pub async fn docx(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<String>,
    q: Query<DocumentQuery>,
) -> Result<Response, WebError> {
    download(state, user, id, q, Format::Docx).await
}

async fn download(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DocumentQuery>,
    format: Format,
) -> Result<Response, WebError> {
    let viewed = load(&state, &user, &id).await?;
    let form = form_of(&viewed.stored)?;
    let (version, content) = match q.version.as_deref().map(str::trim) {
        None | Some("") => (None, viewed.stored.content),
        Some(v) => {
            let n = version_number(v)?;
            let content = state
                .store
                .agreement_versions(&viewed.stored.id)
                .await?
                .into_iter()
                .find_map(|(number, a)| (number == n).then_some(a))
                .ok_or_else(|| {
                    WebError::Missing(format!(
                        "ไม่พบข้อตกลงฉบับที่ {n} ข้อตกลงนี้มีเฉพาะฉบับที่เสนอแล้วเท่านั้น \
                         กรุณากลับไปหน้าข้อตกลงแล้วเลือกฉบับจากรายการ"
                    ))
                })?;
            (Some(n), content)
        }
    };
    let names = FileNames::new(&content, &viewed.maker.full_name(), version, format);
    let bytes = render(
        move || Document::pa1(form, &content, &Options::default()),
        format,
    )
    .await?;
    let cache = if version.is_some() {
        CACHE_VERSION
    } else {
        CACHE_CURRENT
    };
    Ok(attachment(bytes, format, &names, cache))
}

/// A rendered document as a download.
pub fn attachment(bytes: Vec<u8>, format: Format, names: &FileNames, cache: &str) -> Response {
    (
        [
            (CONTENT_TYPE, format.content_type().to_owned()),
            (CONTENT_DISPOSITION, names.disposition()),
            (CACHE_CONTROL, cache.to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A version number as typed in the address: a positive whole number.
fn version_number(v: &str) -> Result<i64, WebError> {
    match v.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(WebError::Missing(format!(
            "ไม่พบข้อตกลงฉบับที่ \"{v}\" ฉบับที่ต้องเป็นเลขจำนวนเต็มตั้งแต่ 1 ขึ้นไป"
        ))),
    }
}

/// Builds and renders a document on the blocking pool, once a core is free: typst and the
/// Word writer are CPU-bound.
pub async fn render(
    document: impl FnOnce() -> Document + Send + 'static,
    format: Format,
) -> Result<Vec<u8>, WebError> {
    let _turn = RENDERS
        .acquire()
        .await
        .map_err(|e| WebError::Internal(InternalError(format!("render queue closed: {e}"))))?;
    tokio::task::spawn_blocking(move || document().render(format))
        .await
        .map_err(|e| WebError::Internal(InternalError(format!("document task failed: {e}"))))?
        .map_err(|e| WebError::Internal(InternalError(format!("{e}"))))
}

/// The file's name: ASCII for every browser (`PA1-2568-current.pdf`, `PA1-2568-2.pdf`), and
/// in Thai with the maker's name for those that read RFC 6266's `filename*`.
pub struct FileNames {
    ascii: String,
    thai: String,
}

impl FileNames {
    fn new(a: &Agreement, maker: &str, version: Option<i64>, format: Format) -> FileNames {
        let (tag, thai_tag) = match version {
            Some(n) => (n.to_string(), format!("ฉบับที่ {n}")),
            None => ("current".to_owned(), "ฉบับปัจจุบัน".to_owned()),
        };
        FileNames::named(
            ("PA1", "ข้อตกลง PA1"),
            i64::from(a.fiscal_year),
            maker,
            (&tag, &thai_tag),
            format,
        )
    }

    /// `PA2-2568-r1-m2.pdf` / "แบบประเมิน PA2 ปีงบประมาณ 2568 นางสมใจ รักเรียน กรรมการคนที่ 2.pdf".
    pub fn named(
        (code, thai_code): (&str, &str),
        fy: i64,
        maker: &str,
        (tag, thai_tag): (&str, &str),
        format: Format,
    ) -> FileNames {
        let ext = format.extension();
        // A name is typed by people: keep letters, marks, digits and spaces only, so nothing
        // in it can reach the header as a quote, a slash or a control character.
        let maker: String = maker
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || is_thai(*c))
            .collect();
        let maker = maker.split_whitespace().collect::<Vec<_>>().join(" ");
        FileNames {
            ascii: format!("{code}-{fy}-{tag}.{ext}"),
            thai: format!("{thai_code} ปีงบประมาณ {fy} {maker} {thai_tag}.{ext}")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    fn disposition(&self) -> String {
        format!(
            "attachment; filename=\"{}\"; filename*=UTF-8''{}",
            self.ascii,
            percent_encode(&self.thai)
        )
    }
}

/// Thai letters, vowels and tone marks (U+0E00–U+0E7F): the marks are not alphanumeric.
fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// RFC 8187 `value-chars`: attr-char as is, every other byte as %XX.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Agreement {
        Agreement::from_json(include_str!(
            "../../../../examples/teacher-obec-senior-professional.json"
        ))
        .expect("example")
    }

    #[test]
    fn a_version_is_named_by_its_number_and_the_current_content_as_current() {
        let a = example();
        let fy = a.fiscal_year;
        let v = FileNames::new(&a, "นางสมใจ รักเรียน", Some(2), Format::Pdf);
        assert_eq!(v.ascii, format!("PA1-{fy}-2.pdf"));
        assert_eq!(
            v.thai,
            format!("ข้อตกลง PA1 ปีงบประมาณ {fy} นางสมใจ รักเรียน ฉบับที่ 2.pdf")
        );
        let c = FileNames::new(&a, "นางสมใจ รักเรียน", None, Format::Docx);
        assert_eq!(c.ascii, format!("PA1-{fy}-current.docx"));
        assert!(c.thai.ends_with("ฉบับปัจจุบัน.docx"), "{}", c.thai);
    }

    #[test]
    fn the_header_carries_no_quote_or_line_break_from_a_name() {
        let a = example();
        let n = FileNames::new(&a, "นาย\"ก\"\r\nข/ค;", None, Format::Pdf);
        let header = n.disposition();
        assert!(
            axum::http::HeaderValue::from_str(&header).is_ok(),
            "{header}"
        );
        assert_eq!(header.matches('"').count(), 2, "{header}");
        assert!(!n.thai.contains('/') && !n.thai.contains(';'), "{}", n.thai);
        assert!(header.is_ascii(), "{header}");
    }

    #[test]
    fn thai_is_percent_encoded_as_utf8() {
        assert_eq!(percent_encode("ก 1.pdf"), "%E0%B8%81%201.pdf");
    }

    #[test]
    fn a_version_must_be_a_positive_whole_number() {
        assert_eq!(version_number("3").ok(), Some(3));
        for bad in ["0", "-1", "abc", "1.5"] {
            assert!(
                matches!(version_number(bad), Err(WebError::Missing(_))),
                "{bad}"
            );
        }
    }
}
