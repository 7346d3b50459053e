#!/usr/bin/python3
"""A mail server for the tests, on 127.0.0.1 only (Debian's python3-aiosmtpd).

usage: smtp_sink.py PORT DIR

Accepts mail on 127.0.0.1:PORT and writes each message, as received, to DIR/NNNN.eml.
Refuses any recipient whose address starts with "bounce" with 550, as a server does for a
mailbox that does not exist. Writes DIR/ready once it listens; runs until killed.
"""
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.received = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        path = os.path.join(self.directory, "%04d.eml" % self.received)
        with open(path, "wb") as out:
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content)
        return "250 Accepted"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(directory, "ready"), "w") as ready:
        ready.write(str(port))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
