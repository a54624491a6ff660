#!/usr/bin/env python3
"""The Python yardstick for `newsbench e2e`: what newsd does, written the way a
Python engineer would, with the best existing tools.

    python3 pipeline.py --data-dir DIR [--workers N] [--commit-every N]

Takes every file in DIR/inbox (name order) and, per file:
  read -> SHA-256 -> exact duplicate? (in-memory set of stored hashes)
  -> format sniffed from the first 4 KiB (doctype / <html>) ->
     HTML: trafilatura.bare_extraction (body, title, author, date, site name, url)
     text (page dumps): each line a paragraph, jusText with the stoplist of the
        language py3langid detects (jusText is what a Python user cleans boilerplate
        text with; trafilatura needs markup)
  -> language: py3langid (on the extracted body for HTML, on the page for text)
  -> near duplicate: datasketch MinHash (64 permutations, word 4-shingles, like
     newsd's 64-value sketch) queried in a MinHashLSH at Jaccard 0.4 (newsd's
     threshold); the best candidate's estimated Jaccard >= 0.4 makes it a copy
  -> one JSON line per record (newsd's fields; no entities: Python has no tool for
     them short of spaCy, which would be far slower) appended to
     DIR/store/articles.jsonl
  -> group commit: write + fdatasync every --commit-every records (and at the end);
     only then are that batch's inputs moved to DIR/processed/ (newsd's guarantee).
  Exact duplicates get no record and move once the original's batch is durable.

--workers 1 is a plain single-process pipeline; --workers N > 1 reads and extracts
in a multiprocessing.Pool (imap, ordered) while the main process takes verdicts,
writes and syncs in arrival order, as newsd's workers and committer do.

The script installs its own dependencies (pinned) into a venv under
~/.cache/newsd-yardstick on first use and re-runs itself there. The last line on
stdout is a JSON summary; the clock runs from the first file read to the last move
(imports and the venv are not timed).
"""

import hashlib
import json
import os
import subprocess
import sys
import time

PINS = ["trafilatura==2.0.0", "justext==3.0.2", "lxml_html_clean==0.4.2", "datasketch==1.6.5", "py3langid==0.3.0"]
VENV = os.path.join(os.path.expanduser("~/.cache/newsd-yardstick"), "venv-" + hashlib.sha256(" ".join(PINS).encode()).hexdigest()[:12])


def ensure_venv():
    """Re-executes this script inside a venv holding PINS, creating it once."""
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    if not os.path.exists(os.path.join(VENV, ".complete")):
        print(f"yardstick: creating {VENV} with {' '.join(PINS)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINS], check=True,
                       stdout=sys.stderr)
        open(os.path.join(VENV, ".complete"), "w").close()
    os.execv(python, [python, *sys.argv])


ensure_venv()

# One BLAS thread per process: py3langid is a numpy dot product, and OpenBLAS's
# default (a thread per core in every process) makes it 7x slower on a busy machine.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import html as htmllib  # noqa: E402
import multiprocessing  # noqa: E402
import re  # noqa: E402
from importlib.metadata import version  # noqa: E402

import justext  # noqa: E402
import py3langid  # noqa: E402
import trafilatura  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402

NUM_PERM = 64
THRESHOLD = 0.4
MAX_BYTES = 20 * 1024 * 1024
WORD = re.compile(r"\w+", re.UNICODE)
DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")

# py3langid code -> jusText stoplist, for the languages newsd profiles.
STOPLISTS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
             "pt": "Portuguese", "nl": "Dutch", "id": "Indonesian", "pl": "Polish", "tr": "Turkish",
             "sv": "Swedish", "ro": "Romanian", "ru": "Russian", "uk": "Ukrainian", "el": "Greek"}
_stoplists = {}


def stoplist(language):
    name = STOPLISTS.get(language, "English")
    if name not in _stoplists:
        _stoplists[name] = justext.get_stoplist(name)
    return _stoplists[name]


def decode(data):
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), True


def understand(path):
    """The parallel part: bytes -> hash -> article -> MinHash. None when unreadable."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as error:
        return {"path": path, "error": str(error)}
    if not data or len(data) > MAX_BYTES:
        return {"path": path, "error": "empty or too large"}
    sha = hashlib.sha256(data).hexdigest()
    head = data[:4096].lower()
    is_html = head.lstrip().startswith((b"<!doctype", b"<html")) or (b"<html" in head and b"<body" in head)
    article = {"format": "html" if is_html else "text", "title": None, "byline": [], "publisher": None,
               "published": None, "url": None, "decoded_lossy": False}
    if is_html:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
        doc = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
        text = doc.get("text") or ""
        language = py3langid.classify(text[:4000])[0] if text else None
        article.update(title=doc.get("title"), byline=[a.strip() for a in (doc.get("author") or "").split(";") if a.strip()],
                       publisher=doc.get("sitename"), published=doc.get("date"), url=doc.get("url"))
    else:
        raw, lossy = decode(data)
        article["decoded_lossy"] = lossy
        # The page's language picks jusText's stoplist and is the record's language.
        language = py3langid.classify(raw[:4000])[0]
        markup = "<html><body>" + "".join("<p>" + htmllib.escape(line) + "</p>" for line in raw.splitlines() if line.strip()) + "</body></html>"
        paragraphs = [p.text for p in justext.justext(markup, stoplist(language)) if not p.is_boilerplate]
        text = "\n\n".join(paragraphs)
        lines = [line.strip() for line in raw.splitlines()[:30] if line.strip()]
        # The headline: a short line near the top that the body does not contain.
        article["title"] = next((line for line in lines if 3 <= len(line.split()) <= 20 and line not in text), None)
        match = next((DATE.search(line) for line in lines if DATE.search(line)), None)
        article["published"] = "%s-%02d-%02d" % (match.group(1), int(match.group(2)), int(match.group(3))) if match else None
    words = WORD.findall(text.lower())
    article["language"] = language if text else None
    shingles = {" ".join(words[i:i + 4]).encode() for i in range(max(1, len(words) - 3))} if words else set()
    minhash = MinHash(num_perm=NUM_PERM)
    if shingles:
        minhash.update_batch(list(shingles))
    first = text.split("\n\n", 1)[0] if text else ""
    article.update(text=text, lead=first, word_count=len(words))
    if not article["title"]:
        article["title"] = first.split(". ")[0][:120]
    return {"path": path, "sha256": sha, "bytes": len(data), "article": article,
            "minhash": minhash.hashvalues, "empty": not words}


def warm_up():
    """Loads the language model and the extractors' lazy state, so the clock measures
    the steady state (newsd's start-up is not timed either)."""
    py3langid.classify("the quick brown fox jumps over the lazy dog")
    trafilatura.bare_extraction(b"<html><body><article><p>" + b"Warm up text. " * 40 + b"</p></article></body></html>")
    justext.justext("<html><body><p>warm up</p></body></html>", stoplist("en"))


class Store:
    """JSONL with group commit: lines are buffered and synced every `every` records;
    inputs move to processed/ only after the sync that covers them."""

    def __init__(self, data_dir, every):
        self.data_dir = data_dir
        self.every = every
        os.makedirs(os.path.join(data_dir, "store"), exist_ok=True)
        self.processed = os.path.join(data_dir, "processed", time.strftime("%Y-%m-%d"))
        os.makedirs(self.processed, exist_ok=True)
        self.file = open(os.path.join(data_dir, "store", "articles.jsonl"), "ab")
        self.lines = []
        self.waiting = []   # inputs to move after the next sync
        self.pending_records = 0

    def append(self, record, path):
        self.lines.append(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        self.waiting.append(path)
        self.pending_records += 1
        if self.pending_records >= self.every:
            self.commit()

    def after_commit(self, path):
        self.waiting.append(path)

    def commit(self):
        if self.lines:
            self.file.write(b"".join(self.lines))
            self.file.flush()
            os.fdatasync(self.file.fileno())
        for path in self.waiting:
            os.rename(path, os.path.join(self.processed, os.path.basename(path)))
        self.lines, self.waiting, self.pending_records = [], [], 0


def main():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--commit-every", type=int, default=100)
    args = parser.parse_args()

    inbox = os.path.join(args.data_dir, "inbox")
    paths = sorted(entry.path for entry in os.scandir(inbox) if entry.is_file())
    store = Store(args.data_dir, args.commit_every)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sketches = {}
    hashes = {}
    counts = {"records": 0, "duplicates": 0, "near_duplicates": 0, "failed": 0}
    sequence = 0

    warm_up()
    pool = multiprocessing.Pool(args.workers, initializer=warm_up) if args.workers > 1 else None
    if pool:
        # A worker runs its initializer before its first task: one short task per
        # worker keeps their warm-up out of the timed part.
        pool.map(time.sleep, [0.2] * args.workers, chunksize=1)
    started = time.monotonic()
    if pool:
        results = pool.imap(understand, paths, chunksize=16)
    else:
        results = map(understand, paths)
    for result in results:
        path = result["path"]
        if "error" in result:
            counts["failed"] += 1
            continue
        sha = result["sha256"]
        if sha in hashes:
            counts["duplicates"] += 1
            store.after_commit(path)
            continue
        sequence += 1
        record_id = "%013d" % sequence
        hashes[sha] = record_id
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=result["minhash"])
        duplicate_of, similarity = None, None
        if not result["empty"]:
            for candidate in lsh.query(minhash):
                score = minhash.jaccard(sketches[candidate])
                if score >= THRESHOLD and (similarity is None or score > similarity):
                    duplicate_of, similarity = candidate, score
            lsh.insert(record_id, minhash)
            sketches[record_id] = minhash
        if duplicate_of:
            counts["near_duplicates"] += 1
        article = result["article"]
        record = {"v": 1, "id": record_id, "file": os.path.relpath(path, inbox), "sha256": sha, "bytes": result["bytes"],
                  "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "format": article["format"],
                  "title": article["title"], "byline": article["byline"], "publisher": article["publisher"],
                  "published": article["published"], "language": article["language"], "url": article["url"],
                  "lead": article["lead"], "word_count": article["word_count"], "text": article["text"],
                  "entities": {"people": [], "organizations": [], "places": []},
                  "duplicate_of": duplicate_of, "similarity": round(similarity, 3) if similarity else None,
                  "story": None, "decoded_lossy": article["decoded_lossy"]}
        counts["records"] += 1
        store.append(record, path)
    store.commit()
    elapsed = time.monotonic() - started
    if pool:
        pool.close()
        pool.join()
    tools = ", ".join(f"{name} {version(name)}" for name in ("trafilatura", "justext", "datasketch", "py3langid"))
    print(json.dumps({"files": len(paths), **counts, "workers": args.workers, "commit_every": args.commit_every,
                      "seconds": round(elapsed, 3), "articles_per_s": len(paths) / elapsed if elapsed else 0.0,
                      "python": sys.version.split()[0], "tools": tools}))


if __name__ == "__main__":
    main()
