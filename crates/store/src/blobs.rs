//! Evidence files behind one API: a local directory (the default, for a school or a district)
//! or S3-compatible object storage (a national deployment). Files arrive already staged on
//! local disk (uploads are resumable, so they are written there chunk by chunk) and go in with
//! [`Blobs::put_file`]; they come out as a stream of chunks, never whole in memory.
//!
//! The S3 client speaks the plain REST API with AWS Signature Version 4 over reqwest: PUT for
//! small objects, multipart upload in 8 MiB parts for the rest, GET, DELETE. It is tested
//! against a real S3-compatible server (moto) in the store's contract tests.

use std::path::{Path, PathBuf};

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

use crate::{Result, StoreError};

/// Bytes per multipart part (S3's minimum is 5 MiB for all but the last) and per read.
pub const CHUNK: usize = 8 * 1024 * 1024;

/// Where blobs live.
#[derive(Debug, Clone)]
pub enum Blobs {
    Local(PathBuf),
    S3(S3),
}

/// An S3-compatible bucket.
#[derive(Debug, Clone)]
pub struct S3 {
    /// `https://s3.ap-southeast-1.amazonaws.com` or `http://127.0.0.1:9000` (path-style).
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    http: reqwest::Client,
}

/// A blob as it streams out.
pub type ByteStream = std::pin::Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

fn io_error(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!("{what}: {e}"))
}

/// A key as the store writes it: letters, digits, `-`, `_`, `.` and `/` only, no `..`.
fn checked(key: &str) -> Result<&str> {
    let ok = !key.is_empty()
        && !key.starts_with('/')
        && !key
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok {
        Ok(key)
    } else {
        Err(StoreError::Invalid(format!(
            "ชื่อไฟล์ในที่เก็บ \"{key}\" ไม่ถูกต้อง"
        )))
    }
}

impl Blobs {
    pub fn local(dir: impl Into<PathBuf>) -> Blobs {
        Blobs::Local(dir.into())
    }

    pub fn s3(
        endpoint: &str,
        bucket: &str,
        region: &str,
        access_key: &str,
        secret_key: &str,
    ) -> Blobs {
        Blobs::S3(S3 {
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            bucket: bucket.to_owned(),
            region: region.to_owned(),
            access_key: access_key.to_owned(),
            secret_key: secret_key.to_owned(),
            http: reqwest::Client::new(),
        })
    }

    /// Stores the staged file at `path` under `key`, then removes the staged file.
    pub async fn put_file(&self, key: &str, path: &Path) -> Result<()> {
        let key = checked(key)?;
        match self {
            Blobs::Local(root) => {
                let target = root.join(key);
                if let Some(dir) = target.parent() {
                    tokio::fs::create_dir_all(dir)
                        .await
                        .map_err(|e| io_error("สร้างโฟลเดอร์เก็บไฟล์ไม่ได้", e))?;
                }
                if tokio::fs::rename(path, &target).await.is_err() {
                    // Another filesystem: copy, then remove the staged file.
                    tokio::fs::copy(path, &target)
                        .await
                        .map_err(|e| io_error("เก็บไฟล์ไม่ได้", e))?;
                    let _ = tokio::fs::remove_file(path).await;
                }
                Ok(())
            }
            Blobs::S3(s3) => {
                s3.put_file(key, path).await?;
                let _ = tokio::fs::remove_file(path).await;
                Ok(())
            }
        }
    }

    /// The blob's bytes, as a stream of chunks.
    pub async fn get(&self, key: &str) -> Result<ByteStream> {
        let key = checked(key)?;
        match self {
            Blobs::Local(root) => {
                let file = tokio::fs::File::open(root.join(key))
                    .await
                    .map_err(|_| StoreError::NotFound("ไฟล์หลักฐาน"))?;
                Ok(Box::pin(futures_util::stream::try_unfold(
                    file,
                    |mut file| async move {
                        let mut buf = vec![0u8; 256 * 1024];
                        let n = file.read(&mut buf).await?;
                        if n == 0 {
                            return Ok(None);
                        }
                        buf.truncate(n);
                        Ok(Some((Bytes::from(buf), file)))
                    },
                )))
            }
            Blobs::S3(s3) => s3.get(key).await,
        }
    }

    pub async fn delete(&self, key: &str) -> Result<()> {
        let key = checked(key)?;
        match self {
            Blobs::Local(root) => match tokio::fs::remove_file(root.join(key)).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(io_error("ลบไฟล์ไม่ได้", e)),
            },
            Blobs::S3(s3) => s3.delete(key).await,
        }
    }
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// HMAC-SHA256 (RFC 2104) on sha2's block size of 64 bytes.
fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(data);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// RFC 3986 unreserved characters as they are; everything else %XX (S3's URI encoding).
fn uri_encode(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && b == b'/')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl S3 {
    /// A request on the object `key`, signed (see [`S3::sign`]).
    fn signed(
        &self,
        method: reqwest::Method,
        key: &str,
        query: &[(&str, String)],
        body_hash: &str,
    ) -> reqwest::RequestBuilder {
        let path = format!("/{}/{}", self.bucket, uri_encode(key, true));
        self.sign(method, &path, query, body_hash)
    }

    /// A request on `path` (`/bucket` or `/bucket/key`, already encoded) signed with AWS
    /// Signature Version 4 for a body whose SHA-256 is `body_hash`.
    fn sign(
        &self,
        method: reqwest::Method,
        path: &str,
        query: &[(&str, String)],
        body_hash: &str,
    ) -> reqwest::RequestBuilder {
        let now = chrono::Utc::now();
        let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
        let date = now.format("%Y%m%d").to_string();
        let host = self
            .endpoint
            .split("://")
            .nth(1)
            .unwrap_or(&self.endpoint)
            .to_owned();
        let canonical = format!(
            "{method}\n{path}\n{}\nhost:{host}\nx-amz-content-sha256:{body_hash}\nx-amz-date:{amz_date}\n\nhost;x-amz-content-sha256;x-amz-date\n{body_hash}",
            canonical_query(query)
        );
        let scope = format!("{date}/{}/s3/aws4_request", self.region);
        let to_sign = format!(
            "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
            sha256_hex(canonical.as_bytes())
        );
        let k_date = hmac(
            format!("AWS4{}", self.secret_key).as_bytes(),
            date.as_bytes(),
        );
        let k_region = hmac(&k_date, self.region.as_bytes());
        let k_service = hmac(&k_region, b"s3");
        let k_signing = hmac(&k_service, b"aws4_request");
        let signature = hex::encode(hmac(&k_signing, to_sign.as_bytes()));
        let auth = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}",
            self.access_key
        );
        let mut url = format!("{}{path}", self.endpoint);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&canonical_query(query));
        }
        self.http
            .request(method, url)
            .header("x-amz-date", amz_date)
            .header("x-amz-content-sha256", body_hash)
            .header("authorization", auth)
    }

    async fn send(&self, req: reqwest::RequestBuilder, what: &str) -> Result<reqwest::Response> {
        let r = req
            .send()
            .await
            .map_err(|e| io_error(&format!("ติดต่อที่เก็บไฟล์ S3 ไม่ได้ ({what})"), e))?;
        if r.status().is_success() {
            Ok(r)
        } else if r.status() == reqwest::StatusCode::NOT_FOUND {
            Err(StoreError::NotFound("ไฟล์หลักฐาน"))
        } else {
            let status = r.status();
            let text = r.text().await.unwrap_or_default();
            Err(StoreError::Invalid(format!(
                "ที่เก็บไฟล์ S3 ปฏิเสธ ({what}, {status}): {}",
                text.chars().take(300).collect::<String>()
            )))
        }
    }

    async fn put_file(&self, key: &str, path: &Path) -> Result<()> {
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| io_error("เปิดไฟล์ที่อัปโหลดไม่ได้", e))?;
        let mut first = read_chunk(&mut file).await?;
        if first.len() < CHUNK {
            let hash = sha256_hex(&first);
            let req = self
                .signed(reqwest::Method::PUT, key, &[], &hash)
                .body(std::mem::take(&mut first));
            self.send(req, "PUT").await?;
            return Ok(());
        }
        let created = self
            .send(
                self.signed(
                    reqwest::Method::POST,
                    key,
                    &[("uploads", String::new())],
                    &sha256_hex(b""),
                ),
                "CreateMultipartUpload",
            )
            .await?
            .text()
            .await
            .map_err(|e| io_error("อ่านคำตอบจาก S3 ไม่ได้", e))?;
        let upload_id = between(&created, "<UploadId>", "</UploadId>")
            .ok_or_else(|| StoreError::Invalid("S3 ไม่ส่ง UploadId กลับมา".into()))?
            .to_owned();
        let mut parts = Vec::new();
        let mut chunk = first;
        let mut number = 1u32;
        let result: Result<()> = async {
            while !chunk.is_empty() {
                let query = [
                    ("partNumber", number.to_string()),
                    ("uploadId", upload_id.clone()),
                ];
                let hash = sha256_hex(&chunk);
                let r = self
                    .send(
                        self.signed(reqwest::Method::PUT, key, &query, &hash)
                            .body(std::mem::take(&mut chunk)),
                        "UploadPart",
                    )
                    .await?;
                let etag = r
                    .headers()
                    .get("etag")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                parts.push((number, etag));
                number += 1;
                chunk = read_chunk(&mut file).await?;
            }
            let xml: String = parts
                .iter()
                .map(|(n, etag)| {
                    format!("<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>")
                })
                .collect();
            let body = format!("<CompleteMultipartUpload>{xml}</CompleteMultipartUpload>");
            let req = self
                .signed(
                    reqwest::Method::POST,
                    key,
                    &[("uploadId", upload_id.clone())],
                    &sha256_hex(body.as_bytes()),
                )
                .body(body);
            self.send(req, "CompleteMultipartUpload").await?;
            Ok(())
        }
        .await;
        if result.is_err() {
            let abort = self.signed(
                reqwest::Method::DELETE,
                key,
                &[("uploadId", upload_id.clone())],
                &sha256_hex(b""),
            );
            let _ = abort.send().await;
        }
        result
    }

    async fn get(&self, key: &str) -> Result<ByteStream> {
        let r = self
            .send(
                self.signed(reqwest::Method::GET, key, &[], &sha256_hex(b"")),
                "GET",
            )
            .await?;
        Ok(Box::pin(r.bytes_stream().map_err(std::io::Error::other)))
    }

    async fn delete(&self, key: &str) -> Result<()> {
        self.send(
            self.signed(reqwest::Method::DELETE, key, &[], &sha256_hex(b"")),
            "DELETE",
        )
        .await?;
        Ok(())
    }

    /// Creates the bucket (for tests and first start-up); an existing bucket is fine.
    pub async fn create_bucket(&self) -> Result<()> {
        let path = format!("/{}", self.bucket);
        let r = self
            .sign(reqwest::Method::PUT, &path, &[], &sha256_hex(b""))
            .send()
            .await
            .map_err(|e| io_error("ติดต่อที่เก็บไฟล์ S3 ไม่ได้", e))?;
        if r.status().is_success() || r.status() == reqwest::StatusCode::CONFLICT {
            Ok(())
        } else {
            Err(StoreError::Invalid(format!(
                "สร้าง bucket ไม่ได้: {}",
                r.status()
            )))
        }
    }
}

/// Query parameters sorted and encoded as SigV4 canonicalises them.
fn canonical_query(query: &[(&str, String)]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (uri_encode(k, false), uri_encode(v, false)))
        .collect();
    pairs.sort();
    pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

/// Up to [`CHUNK`] bytes from the file (fewer only at its end).
async fn read_chunk(file: &mut tokio::fs::File) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; CHUNK];
    let mut filled = 0;
    while filled < CHUNK {
        let n = file
            .read(&mut buf[filled..])
            .await
            .map_err(|e| io_error("อ่านไฟล์ที่อัปโหลดไม่ได้", e))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buf.truncate(filled);
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hex::encode(hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn keys_cannot_climb_out_of_the_store() {
        for bad in [
            "../etc/passwd",
            "/abs",
            "a//b",
            "a/./b",
            "",
            "ไทย.pdf",
            "a b",
        ] {
            assert!(checked(bad).is_err(), "{bad}");
        }
        assert!(checked("evidence/abc/0190-x.pdf").is_ok());
    }

    #[test]
    fn query_parameters_are_sorted_and_encoded() {
        assert_eq!(
            canonical_query(&[("uploadId", "a/b c".into()), ("partNumber", "2".into())]),
            "partNumber=2&uploadId=a%2Fb%20c"
        );
    }
}
