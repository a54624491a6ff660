#!/usr/bin/env python3
"""Reads newsd's per-file events from journald or from its console log.

    newsd_events.py wait (--journal PID | --console LOG) --file NAME [--nth N] [--timeout S]
        waits for the N-th (from 1; default 1) per-file event (stored, duplicate, already_stored,
        quarantined, skipped, dispose_failed) whose file is NAME and prints it as one
        JSON object: {"event", "file", "error", "reason", "destination", "article_id",
        "message_id"}; exit 1 (and prints nothing) after the timeout.
    newsd_events.py count (--journal PID | --console LOG) --kind EVENT
        prints how many events of that kind were logged.

NAME is given as raw bytes (it may hold newlines or invalid UTF-8): newsd logs the
name decoded as UTF-8 with U+FFFD for invalid bytes, and so is it compared here.
With both --journal and --console, both are read (an event journald refused is on
stderr; its "source" says which). In journald the fields are NEWSD_*; `journalctl -o json` shows a value that is not
printable UTF-8 as an array of bytes, which is decoded here the same way.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

PER_FILE = {"stored", "duplicate", "already_stored", "quarantined", "skipped", "dispose_failed"}
FIELDS = ["event", "file", "error", "reason", "destination", "article_id"]


def field(entry, name):
    value = entry.get(name)
    if isinstance(value, list):  # bytes that journalctl would not print as a string
        value = bytes(value).decode("utf-8", "replace")
    return value


def journal_events(pid):
    out = subprocess.run(
        ["journalctl", "-o", "json", "--no-pager", "_PID=%d" % pid, "SYSLOG_IDENTIFIER=newsd"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    for line in out.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        event = {key: field(entry, "NEWSD_" + key.upper()) for key in FIELDS}
        event["message_id"] = field(entry, "MESSAGE_ID")
        event["source"] = "journal"
        yield event


PAIR = re.compile(r' ([a-z_0-9]+)=("(?:[^"\\]|\\.)*"|\S*)')


def unquote(value):
    if not value.startswith('"'):
        return value
    body, out, i = value[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            n = body[i + 1]
            if n == "x":
                out.append(chr(int(body[i + 2:i + 4], 16))); i += 4; continue
            out.append({"n": "\n", "t": "\t"}.get(n, n)); i += 2; continue
        out.append(c); i += 1
    return "".join(out)


def console_events(log):
    try:
        with open(log, "rb") as handle:
            data = handle.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return
    for line in data.splitlines():
        pairs = {key: unquote(value) for key, value in PAIR.findall(line)}
        if "event" in pairs:
            event = {key: pairs.get(key) for key in FIELDS}
            event["message_id"] = None
            event["source"] = "console"
            yield event


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["wait", "count"])
    parser.add_argument("--kind")
    parser.add_argument("--nth", type=int, default=1)
    parser.add_argument("--journal", type=int)
    parser.add_argument("--console")
    parser.add_argument("--file")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    def events():
        # Both when both are given: a message journald refused (it went away, e.g.
        # another user's standalone journald stopped) goes to newsd's stderr.
        if args.journal:
            yield from journal_events(args.journal)
        if args.console:
            yield from console_events(args.console)
    if args.command == "count":
        print(sum(1 for e in events() if e["event"] == args.kind))
        return 0
    wanted = os.fsencode(args.file).decode("utf-8", "replace")
    deadline = time.monotonic() + args.timeout
    while True:
        seen = 0
        for event in events():
            if event["event"] in PER_FILE and event["file"] == wanted:
                seen += 1
                if seen == args.nth:
                    print(json.dumps(event))
                    return 0
        if time.monotonic() > deadline:
            return 1
        time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
