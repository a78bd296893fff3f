//! What an uploaded file really is, decided by its content, never its name: the types evidence
//! may be, the name's extension checked against the content, the size limit per kind, Office
//! files opened far enough to refuse a zip bomb, and the facts the DPA checks read (a PDF's
//! pages, a clip's length, an image's size and thumbnail). Refusals are Thai sentences the maker
//! can act on. CPU and disk work: callers run it on the blocking pool.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// What a staged file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspected {
    pub media_type: &'static str,
    /// "PDF", "รูปภาพ JPEG", "วิดีโอ MP4", …
    pub label: &'static str,
    pub video: bool,
    pub image: bool,
    pub pages: Option<u32>,
    pub duration_seconds: Option<f64>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// The types evidence may be: (media type, Thai label, extensions that may name it).
const ALLOWED: &[(&str, &str, &[&str])] = &[
    ("application/pdf", "PDF", &["pdf"]),
    ("image/jpeg", "รูปภาพ JPEG", &["jpg", "jpeg", "jfif"]),
    ("image/png", "รูปภาพ PNG", &["png"]),
    ("image/webp", "รูปภาพ WebP", &["webp"]),
    ("image/heif", "รูปภาพ HEIC", &["heic", "heif"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "เอกสาร Word",
        &["docx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ตาราง Excel",
        &["xlsx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "งานนำเสนอ PowerPoint",
        &["pptx"],
    ),
    ("video/mp4", "วิดีโอ MP4", &["mp4", "m4v"]),
    ("video/quicktime", "วิดีโอ MOV", &["mov", "qt"]),
    ("video/webm", "วิดีโอ WebM", &["webm"]),
    ("audio/mpeg", "เสียง MP3", &["mp3"]),
    ("audio/m4a", "เสียง M4A", &["m4a"]),
    ("audio/x-wav", "เสียง WAV", &["wav"]),
];

/// Per-kind size limits (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub video: u64,
    pub other: u64,
}

/// An Office file may not unpack to more than this, nor this many times its size.
const MAX_UNPACKED: u64 = 512 * 1024 * 1024;
const MAX_RATIO: u64 = 100;

fn mb(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1024.0 {
        format!("{:.0} GB", mib / 1024.0)
    } else {
        format!("{mib:.0} MB")
    }
}

/// The largest file of any allowed kind (the video limit), to refuse early before any byte.
pub fn max_size(limits: &Limits) -> u64 {
    limits.video.max(limits.other)
}

/// Checks the first bytes of an upload (at least 512, or the whole file when smaller): its
/// kind, its name, and its declared size against that kind's limit.
pub fn sniff(
    head: &[u8],
    file_name: &str,
    size: u64,
    limits: &Limits,
) -> Result<Inspected, String> {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let mut kind = infer::get(head).map(|k| k.mime_type());
    // An Office file is a zip; infer does not always see which. Take the name's word for it
    // here, and [`examine`] opens the archive to check its parts before anything is kept.
    if kind == Some("application/zip")
        && let Some((t, _, _)) = ALLOWED
            .iter()
            .find(|(t, _, exts)| t.contains("openxmlformats") && exts.contains(&ext.as_str()))
    {
        kind = Some(t);
    }
    let Some(&(media_type, label, extensions)) =
        kind.and_then(|m| ALLOWED.iter().find(|(t, _, _)| *t == m))
    else {
        let what = match kind {
            Some("application/zip") => "ไฟล์ zip".to_owned(),
            Some(m) if m.contains("msdownload") || m.contains("executable") => {
                "โปรแกรม (ไฟล์ที่รันได้)".to_owned()
            }
            Some(m) => format!("ไฟล์ชนิด {m}"),
            None => "ไฟล์ที่ระบบไม่รู้จักชนิด".to_owned(),
        };
        return Err(format!(
            "ไม่รับ{what}: แนบได้เฉพาะ PDF รูปภาพ (JPEG PNG WebP HEIC) Word Excel PowerPoint วิดีโอ (MP4 MOV WebM) และเสียง (MP3 M4A WAV)"
        ));
    };
    let known = ALLOWED
        .iter()
        .any(|(_, _, exts)| exts.contains(&ext.as_str()));
    if known && !extensions.contains(&ext.as_str()) {
        return Err(format!(
            "นามสกุลไฟล์ .{ext} ไม่ตรงกับเนื้อไฟล์ซึ่งเป็น{label} กรุณาตรวจว่าเลือกไฟล์ถูก หรือแก้นามสกุลให้ตรง"
        ));
    }
    let video = media_type.starts_with("video/");
    let limit = if video { limits.video } else { limits.other };
    if size > limit {
        return Err(format!(
            "{label} ขนาด {} ใหญ่เกินที่รับได้ ({} สำหรับ{})",
            mb(size),
            mb(limit),
            if video {
                "วิดีโอ"
            } else {
                "ไฟล์ชนิดนี้"
            }
        ));
    }
    Ok(Inspected {
        media_type,
        label,
        video,
        image: media_type.starts_with("image/"),
        pages: None,
        duration_seconds: None,
        width: None,
        height: None,
    })
}

/// Reads the whole staged file for what the checks need; refuses a zip bomb.
pub fn examine(path: &Path, mut found: Inspected) -> Result<Inspected, String> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    if found.media_type.contains("openxmlformats") {
        let file = std::fs::File::open(path).map_err(|e| format!("เปิดไฟล์ไม่ได้: {e}"))?;
        let archive =
            zip::ZipArchive::new(file).map_err(|_| format!("{} นี้เสียหาย เปิดไม่ได้", found.label))?;
        let part = match found.media_type {
            t if t.contains("wordprocessingml") => "word/",
            t if t.contains("spreadsheetml") => "xl/",
            _ => "ppt/",
        };
        if !archive.file_names().any(|n| n.starts_with(part)) {
            return Err(format!(
                "ไฟล์นี้เป็นไฟล์ zip ธรรมดา ไม่ใช่{} ระบบไม่รับไฟล์ zip",
                found.label
            ));
        }
        let unpacked = archive
            .decompressed_size()
            .map_or(u64::MAX, |s| u64::try_from(s).unwrap_or(u64::MAX));
        if unpacked > MAX_UNPACKED || unpacked > size.saturating_mul(MAX_RATIO) {
            return Err(format!(
                "{} นี้ขยายออกเป็น {} ผิดปกติ (ลักษณะของ zip bomb) ระบบไม่รับ",
                found.label,
                mb(unpacked)
            ));
        }
    }
    match found.media_type {
        "application/pdf" => found.pages = pdf_pages(path),
        "video/mp4" | "video/quicktime" | "audio/m4a" => {
            found.duration_seconds = mp4_duration(path)
        }
        "image/jpeg" | "image/png" => {
            if let Some((w, h)) = image::ImageReader::open(path)
                .ok()
                .and_then(|r| r.with_guessed_format().ok())
                .and_then(|r| r.into_dimensions().ok())
            {
                found.width = Some(w);
                found.height = Some(h);
            }
        }
        _ => {}
    }
    Ok(found)
}

/// The first 8 KiB of a file (all of it when smaller): what [`sniff`] reads.
pub fn head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(8192);
    std::fs::File::open(path)?
        .take(8192)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// The file's SHA-256, read in chunks.
pub fn sha256_of(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// A JPEG thumbnail at most 320 pixels wide, for an image.
pub fn thumbnail(path: &Path) -> Option<Vec<u8>> {
    // The staged file has no extension: the format comes from its bytes.
    let img = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?
        .decode()
        .ok()?;
    let small = img.thumbnail(320, 320).to_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    small.write_to(&mut out, image::ImageFormat::Jpeg).ok()?;
    Some(out.into_inner())
}

/// The page count a PDF declares: the largest `/Count` of its page tree (`/Type /Pages`).
fn pdf_pages(path: &Path) -> Option<u32> {
    // A PDF is at most the non-video limit (50 MB by default); read no more than that.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024 * 1024)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let mut best = None;
    for (i, _) in text
        .match_indices("/Type /Pages")
        .chain(text.match_indices("/Type/Pages"))
    {
        let window = &text[i.saturating_sub(300)..(i + 300).min(text.len())];
        if let Some(at) = window.find("/Count") {
            let digits: String = window[at + 6..]
                .chars()
                .skip_while(|c| c.is_whitespace())
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<u32>() {
                best = Some(best.map_or(n, |b: u32| b.max(n)));
            }
        }
    }
    best
}

/// An MP4/MOV's length from its `moov/mvhd` box (wherever `moov` sits in the file).
fn mp4_duration(path: &Path) -> Option<f64> {
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut pos = 0u64;
    while pos + 8 <= len {
        f.seek(SeekFrom::Start(pos)).ok()?;
        let mut head = [0u8; 16];
        f.read_exact(&mut head[..8]).ok()?;
        let mut size = u64::from(u32::from_be_bytes(head[..4].try_into().ok()?));
        let kind: [u8; 4] = head[4..8].try_into().ok()?;
        let mut header = 8;
        if size == 1 {
            f.read_exact(&mut head[8..16]).ok()?;
            size = u64::from_be_bytes(head[8..16].try_into().ok()?);
            header = 16;
        } else if size == 0 {
            size = len - pos;
        }
        if size < header {
            return None;
        }
        if &kind == b"moov" {
            let body = (size - header).min(64 * 1024 * 1024);
            let mut moov = vec![0u8; usize::try_from(body).ok()?];
            f.read_exact(&mut moov).ok()?;
            return mvhd(&moov);
        }
        pos += size;
    }
    None
}

fn mvhd(moov: &[u8]) -> Option<f64> {
    let mut i = 0;
    while i + 8 <= moov.len() {
        let size = usize::try_from(u32::from_be_bytes(moov[i..i + 4].try_into().ok()?)).ok()?;
        if &moov[i + 4..i + 8] == b"mvhd" {
            let b = moov.get(i + 8..i + size.max(8))?;
            let version = *b.first()?;
            let (scale, duration) = if version == 1 {
                (
                    u32::from_be_bytes(b.get(20..24)?.try_into().ok()?),
                    u64::from_be_bytes(b.get(24..32)?.try_into().ok()?),
                )
            } else {
                (
                    u32::from_be_bytes(b.get(12..16)?.try_into().ok()?),
                    u64::from(u32::from_be_bytes(b.get(16..20)?.try_into().ok()?)),
                )
            };
            return (scale > 0).then(|| duration as f64 / f64::from(scale));
        }
        if size < 8 {
            return None;
        }
        i += size;
    }
    None
}

/// A link's address, checked for form: http or https with a host; `javascript:`, `data:` and
/// the like are refused.
pub fn check_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let host = rest
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or_default();
    if rest.is_none() {
        return Err(format!(
            "ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http:// (ได้รับ \"{}\")",
            url.chars().take(40).collect::<String>()
        ));
    }
    if host.is_empty()
        || !host.contains('.')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("ลิงก์ไม่ถูกต้อง กรุณาคัดลอกลิงก์ทั้งหมดจากแถบที่อยู่ของเบราว์เซอร์".to_owned());
    }
    if url.len() > 2000 {
        return Err("ลิงก์ยาวเกิน 2,000 ตัวอักษร".to_owned());
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests;
