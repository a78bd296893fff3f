use super::*;

const LIMITS: Limits = Limits {
    video: 2 * 1024 * 1024 * 1024,
    other: 50 * 1024 * 1024,
};

pub fn pdf_bytes(pages: u32) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count {pages} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    .into_bytes()
}

/// An MP4: `ftyp`, then `moov` with an `mvhd` of `seconds`, then `mdat` of `fill` bytes.
pub fn mp4_bytes(seconds: u32, fill: usize) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&20u32.to_be_bytes());
    out.extend_from_slice(b"ftypisom\0\0\x02\0isom");
    let mut mvhd = vec![0u8; 100];
    mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
    mvhd[16..20].copy_from_slice(&(seconds * 1000).to_be_bytes());
    let moov_len = 8 + 8 + mvhd.len();
    out.extend_from_slice(&u32::try_from(moov_len).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(b"moov");
    out.extend_from_slice(&u32::try_from(8 + mvhd.len()).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(b"mvhd");
    out.extend_from_slice(&mvhd);
    out.extend_from_slice(&u32::try_from(8 + fill).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(b"mdat");
    out.resize(out.len() + fill, 0);
    out
}

fn staged(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("f");
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

#[test]
fn a_pdf_is_a_pdf_whatever_it_is_called_unless_its_name_says_otherwise() {
    let pdf = pdf_bytes(3);
    assert_eq!(
        sniff(&pdf, "แผน.pdf", 100, &LIMITS).map(|i| i.media_type),
        Ok("application/pdf")
    );
    assert!(sniff(&pdf, "ไม่มีนามสกุล", 100, &LIMITS).is_ok());
    let e = sniff(&pdf, "photo.jpg", 100, &LIMITS).unwrap_err();
    assert!(e.contains(".jpg") && e.contains("PDF"), "{e}");
}

#[test]
fn programs_zips_and_unknown_bytes_are_refused() {
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".repeat(40);
    assert!(
        sniff(&exe, "report.pdf", 100, &LIMITS)
            .unwrap_err()
            .contains("ไม่รับ")
    );
    let zip = b"PK\x03\x04\x14\0\0\0\0\0".repeat(60);
    assert!(
        sniff(&zip, "a.zip", 100, &LIMITS)
            .unwrap_err()
            .contains("zip")
    );
    assert!(sniff(&[0u8; 600], "a.bin", 100, &LIMITS).is_err());
}

#[test]
fn video_may_be_large_other_files_may_not() {
    let mp4 = mp4_bytes(90, 10);
    assert!(sniff(&mp4, "clip.mp4", 1024 * 1024 * 1024, &LIMITS).is_ok());
    let e = sniff(&mp4, "clip.mp4", 3 * 1024 * 1024 * 1024, &LIMITS).unwrap_err();
    assert!(e.contains("2 GB"), "{e}");
    let e = sniff(&pdf_bytes(1), "big.pdf", 60 * 1024 * 1024, &LIMITS).unwrap_err();
    assert!(e.contains("50 MB"), "{e}");
}

#[test]
fn pages_and_durations_are_read_from_the_file() {
    let (_d, pdf) = staged(&pdf_bytes(12));
    let found = examine(
        &pdf,
        sniff(&pdf_bytes(12), "a.pdf", 10, &LIMITS).expect("pdf"),
    )
    .expect("examine");
    assert_eq!(found.pages, Some(12));
    let bytes = mp4_bytes(125, 1000);
    let (_d, mp4) = staged(&bytes);
    let found = examine(&mp4, sniff(&bytes, "a.mp4", 10, &LIMITS).expect("mp4")).expect("examine");
    assert_eq!(found.duration_seconds, Some(125.0));
}

#[test]
fn an_office_file_that_unpacks_to_gigabytes_is_a_zip_bomb() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bomb.docx");
    {
        let file = std::fs::File::create(&path).expect("create");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", options)
            .expect("entry");
        std::io::Write::write_all(&mut zip, b"<Types/>").expect("write");
        zip.start_file("word/document.xml", options).expect("entry");
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..600 {
            std::io::Write::write_all(&mut zip, &zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    let head = std::fs::read(&path).expect("read");
    let found = sniff(&head[..head.len().min(8192)], "bomb.docx", 1000, &LIMITS).expect("a docx");
    let e = examine(&path, found).unwrap_err();
    assert!(e.contains("zip bomb"), "{e}");
}

#[test]
fn links_must_be_http_or_https_with_a_host() {
    assert!(check_url("https://youtu.be/dQw4w9WgXcQ").is_ok());
    assert!(check_url(" https://drive.google.com/file/d/abc/view ").is_ok());
    for bad in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>",
        "ftp://x.org/a",
        "https://",
        "https://localhost",
        "https://a b.com",
    ] {
        assert!(check_url(bad).is_err(), "{bad}");
    }
}
