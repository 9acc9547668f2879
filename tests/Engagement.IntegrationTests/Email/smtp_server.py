"""A real SMTP server for the email tests (Debian's python3-aiosmtpd).

Usage: /usr/bin/python3 smtp_server.py --port PORT --folder DIR [--tempfail N] [--reject]

Every accepted message is saved as DIR/<n>.eml with DIR/<n>.json holding the envelope (mail_from, rcpt_tos) and the
client's address and port (peer): messages sent on one connection share it.
--tempfail N answers "451" to the first N deliveries; --reject answers "550" to every delivery.
Prints READY once listening and stops when its standard input closes.
"""
import argparse
import json
import os
import sys
import threading

from aiosmtpd.controller import Controller


class SavingHandler:
    def __init__(self, folder, tempfail, reject):
        self.folder = folder
        self.tempfail = tempfail
        self.reject = reject
        self.deliveries = 0
        self.saved = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.deliveries += 1
            if self.reject:
                return "550 5.7.1 Delivery not authorised, message refused"
            if self.deliveries <= self.tempfail:
                return "451 4.3.0 Temporary failure, try again later"
            self.saved += 1
            number = self.saved
        base = os.path.join(self.folder, str(number))
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "peer": "%s:%s" % tuple(session.peer[:2])}, f)
        os.replace(base + ".json.tmp", base + ".json")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.replace(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--tempfail", type=int, default=0)
    parser.add_argument("--reject", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    controller = Controller(SavingHandler(args.folder, args.tempfail, args.reject), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
