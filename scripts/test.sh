#!/usr/bin/env bash
# The whole test suite, from a fresh clone: formatting, lints, then every test.
# Installs what it needs; depends on nothing installed by hand beyond a Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "scripts/test.sh: cargo is required (https://rustup.rs)" >&2
  exit 1
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

# The browser tests drive Debian's Chromium through its chromedriver; the document tests read
# PDFs with poppler's pdftotext and convert the Word files with LibreOffice (crates/docs/tests).
if [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ] \
  || ! command -v pdftotext >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver poppler-utils libreoffice-writer-nogui fonts-thai-tlwg
fi

# The mail tests talk to a real SMTP server: Python's aiosmtpd (crates/web/tests/it/support/).
# Debian marks its Python as externally managed; the second form installs there anyway.
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  python3 -m pip install --quiet aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages aiosmtpd
fi

# The S3 blob tests run against moto's S3-compatible server (crates/store/tests/blobs.rs).
if ! command -v moto_server >/dev/null 2>&1; then
  python3 -m pip install --quiet 'moto[server]' 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages 'moto[server]'
fi

# The PostgreSQL tests need the local server; start it when it is installed but stopped.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
