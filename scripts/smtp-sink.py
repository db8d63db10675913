#!/usr/bin/python3
"""A local SMTP server that keeps every message it accepts, for development and tests.

Each message becomes two files in --dir: <time>-<n>.eml (the raw message, as a mail client
would open it) and <time>-<n>.json (envelope sender and recipients, and the decoded subject,
headers, plain-text and HTML bodies). Files appear whole (written, then renamed).
Addresses given with --refuse are refused at RCPT TO with a permanent 550, as a server
refuses an unknown mailbox. Runs until it is terminated.

    scripts/smtp-sink.py --port 2525 --dir target/mail

Runs on the system Python, where Debian installs aiosmtpd (apt-get install python3-aiosmtpd).
"""
import argparse
import itertools
import json
import os
import signal
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class KeepEveryMessage:
    def __init__(self, folder, refused):
        self.folder = folder
        self.refused = {address.lower() for address in refused}
        self.numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        summary = {
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "headers": {name: str(value) for name, value in message.items()},
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        # Unique across restarts on the same folder: arrival time, then a counter.
        name = "%019d-%06d" % (time.time_ns(), next(self.numbers))
        self._write(name + ".eml", raw)
        self._write(name + ".json", json.dumps(summary, indent=2).encode("utf-8"))
        return "250 Message accepted"

    def _write(self, name, data):
        partial = os.path.join(self.folder, "." + name + ".part")
        with open(partial, "wb") as out:
            out.write(data)
        os.replace(partial, os.path.join(self.folder, name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", required=True, help="folder the messages are written to")
    parser.add_argument("--refuse", action="append", default=[], help="an address refused with 550")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(KeepEveryMessage(args.dir, args.refuse), hostname=args.host, port=args.port)
    controller.start()
    print("smtp-sink listening on %s:%d, writing to %s" % (args.host, args.port, args.dir), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
