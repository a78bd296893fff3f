"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1:PORT, writing each message it
receives to FOLDER as JSON, decoded by Python's own e-mail parser (an independent MIME decoder).

    python3 smtp_sink.py PORT FOLDER

Prints "ready" once it listens; exits with status 3 and a message when aiosmtpd is missing.
"""

import asyncio
import email
import json
import os
import sys
from email import policy

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.stderr.write(
        "the mail tests need the Python package aiosmtpd: "
        "run scripts/test.sh or `python3 -m pip install aiosmtpd`\n"
    )
    sys.exit(3)


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=policy.default)
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
            "raw": raw.decode("ascii", "replace"),
        }
        final = os.path.join(self.folder, f"{self.count:04}.json")
        partial = final + ".part"
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(partial, final)
        return "250 Message accepted for delivery"


async def main(port, folder):
    loop = asyncio.get_running_loop()
    sink = Sink(folder)
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.test"), host="127.0.0.1", port=port
    )
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
