//! The blob API on both of its backends: a local directory, and S3 against a real
//! S3-compatible server (moto's, from PyPI, started here; `scripts/test.sh` installs it).
//! Without `moto_server` the S3 test fails saying so; it never skips.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use store::StoreError;
use store::blobs::{Blobs, CHUNK};

struct Moto(Child);

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn moto() -> (Moto, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("free port")
        .local_addr()
        .expect("addr")
        .port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "moto_server is required by this test and did not start ({e}): \
                 python3 -m pip install 'moto[server]', as scripts/test.sh does"
            )
        });
    let guard = Moto(child);
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(&url).await.is_ok() {
            return (guard, url);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto_server did not answer on {url}");
}

/// A staged file of `len` pseudo-random bytes, and its SHA-256.
fn staged(dir: &tempfile::TempDir, name: &str, len: usize) -> (std::path::PathBuf, Vec<u8>) {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x & 0xff) as u8
        })
        .collect();
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).expect("stage");
    (path, Sha256::digest(&bytes).to_vec())
}

async fn read_back(blobs: &Blobs, key: &str) -> Vec<u8> {
    let chunks: Vec<bytes::Bytes> = blobs
        .get(key)
        .await
        .expect("get")
        .try_collect()
        .await
        .expect("stream");
    Sha256::digest(chunks.concat()).to_vec()
}

async fn round_trip(blobs: &Blobs, dir: &tempfile::TempDir) {
    // One small object, and one of two and a half multipart parts.
    for (name, len) in [("small.pdf", 1000), ("big.mp4", CHUNK * 2 + CHUNK / 2)] {
        let (path, sha) = staged(dir, name, len);
        let key = format!("evidence/agreement-1/{name}");
        blobs.put_file(&key, &path).await.expect("put");
        assert!(!path.exists(), "the staged file is gone once stored");
        assert_eq!(read_back(blobs, &key).await, sha, "{name}");
        blobs.delete(&key).await.expect("delete");
        assert!(matches!(
            blobs.get(&key).await.err(),
            Some(StoreError::NotFound(_))
        ));
    }
    assert!(blobs.get("../outside").await.is_err());
}

#[tokio::test]
async fn a_local_directory_stores_streams_and_deletes() {
    let root = tempfile::tempdir().expect("root");
    let staging = tempfile::tempdir().expect("staging");
    round_trip(&Blobs::local(root.path()), &staging).await;
}

#[tokio::test]
async fn s3_compatible_storage_stores_streams_and_deletes() {
    let (_server, url) = moto().await;
    let blobs = Blobs::s3(&url, "thaipa-test", "us-east-1", "testing", "testing");
    let Blobs::S3(s3) = &blobs else {
        unreachable!()
    };
    s3.create_bucket().await.expect("bucket");
    let staging = tempfile::tempdir().expect("staging");
    round_trip(&blobs, &staging).await;
}
