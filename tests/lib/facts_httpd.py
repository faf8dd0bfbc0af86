#!/usr/bin/env python3
"""A local server for the paper facts tests (tests/facts.sh), on 127.0.0.1 only:
Hugging Face's daily papers and the arXiv API, answered from the fixtures in
tests/lib/facts, with fault modes.

    facts_httpd.py --fixtures DIR [--posts DIR] --port-file FILE --log FILE
                   [--lifetime S]

Routes (MODE is the first path segment):

  /hf/daily_papers?date=D      DIR/hf-D.json, or [] when there is none
  /hf429/daily_papers?date=D   the first request of each date: 429 with
                               Retry-After: 1; then as /hf/
  /hfbad/daily_papers?date=D   DIR/hf-malformed.json (JSON cut short)
  /hfslow/daily_papers?date=D  headers, then nothing for 20 s
  /arxiv/query?id_list=A,B&max_results=N
                               an Atom feed built from DIR/arxiv-db.json with
                               an entry per known ID, and arXiv's error entry
                               for an ID that is not one
  /arxiv503/query?...          503 with Retry-After: 3600
  /arxivdoctype/query?...      DIR/arxiv-doctype.xml (entities: refused)
  /posts/FILE                  FILE of --posts DIR (404 when there is none)

Each request adds a tab-separated line to --log when it ends (so lines are
in the order the answers ended; sort by the first column for the order the
requests came in):
  START PATH STATUS NIDS ASKED
START: when the request came, in seconds of the monotonic clock (the gaps
between requests are what tests read from it); NIDS: the number of IDs in
id_list (0 for other requests); ASKED: those IDs, comma-separated, or the
date of a daily-papers request, or "-".
"""

import argparse
import html
import json
import os
import sys
import threading
import time
import urllib.parse
import http.server

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import serve  # noqa: E402 (tests/lib/serve.py)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="application/json", headers=()):
        self.status = status
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        st = self.server.state
        self.status = 0
        start = time.monotonic()
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        ids = [i for i in q.get("id_list", [""])[0].split(",") if i]
        asked = ",".join(ids) or q.get("date", ["-"])[0] or "-"
        asked = "".join(c if c.isprintable() and not c.isspace() else "?" for c in asked)
        try:
            self.dispatch(url, q, ids)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            st.log("%.3f\t%s\t%d\t%d\t%s\n" % (start, self.path, self.status, len(ids), asked))

    def hf(self, q):
        d = q.get("date", [""])[0]
        path = os.path.join(self.server.state.fixtures, "hf-%s.json" % d)
        body = open(path, "rb").read() if os.path.isfile(path) else b"[]"
        self.send(200, body)

    def dispatch(self, url, q, ids):
        st = self.server.state
        mode = url.path.lstrip("/").split("/", 1)[0]
        if mode == "hf":
            self.hf(q)
        elif mode == "hf429":
            if st.hit(url.query) == 1:
                self.send(429, b"slow down\n", "text/plain", [("Retry-After", "1")])
            else:
                self.hf(q)
        elif mode == "hfbad":
            self.send(200, open(os.path.join(st.fixtures, "hf-malformed.json"), "rb").read())
        elif mode == "hfslow":
            self.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.flush()
            time.sleep(20)
            self.wfile.write(b"[]")
        elif mode == "arxiv":
            self.send(200, self.feed(ids).encode("utf-8"), "application/atom+xml")
        elif mode == "arxiv503":
            self.send(503, b"busy\n", "text/plain", [("Retry-After", "3600")])
        elif mode == "arxivdoctype":
            self.send(200, open(os.path.join(st.fixtures, "arxiv-doctype.xml"), "rb").read(),
                      "application/atom+xml")
        elif mode == "posts":
            rel = url.path.split("/", 2)[2] if url.path.count("/") >= 2 else ""
            path = os.path.join(st.posts, os.path.basename(rel))
            if rel and os.path.isfile(path):
                self.send(200, open(path, "rb").read(), "text/markdown")
            else:
                self.send(404, b"no\n", "text/plain")
        else:
            self.send(404, b"no\n", "text/plain")

    def feed(self, ids):
        db = self.server.state.db
        esc = html.escape
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
               '<feed xmlns="http://www.w3.org/2005/Atom" '
               'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
               '<id>https://arxiv.org/api/test</id><title>arXiv Query</title>\n']
        for i in ids:
            p = db.get(i)
            if p is None:
                if not i[:4].isdigit():
                    out.append('<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_%s'
                               '</id><title>Error</title><summary>incorrect id format</summary>'
                               '</entry>\n' % esc(i))
                continue
            out.append("<entry>\n<id>http://arxiv.org/abs/%sv1</id>\n" % esc(i))
            out.append("<updated>%s</updated>\n" % esc(p.get("updated", p["published"])))
            out.append("<published>%s</published>\n" % esc(p["published"]))
            out.append("<title>%s</title>\n<summary>%s</summary>\n"
                       % (esc(p["title"]), esc(p["summary"])))
            for a in p["authors"]:
                out.append("<author><name>%s</name></author>\n" % esc(a))
            if "comment" in p:
                out.append("<arxiv:comment>%s</arxiv:comment>\n" % esc(p["comment"]))
            out.append('<link href="http://arxiv.org/abs/%sv1" rel="alternate"/>\n' % esc(i))
            out.append('<arxiv:primary_category term="%s"/>\n' % esc(p["primary"]))
            for c in p["categories"]:
                out.append('<category term="%s"/>\n' % esc(c))
            out.append("</entry>\n")
        out.append("</feed>\n")
        return "".join(out)


class State:
    def __init__(self, args):
        self.fixtures = args.fixtures
        self.posts = args.posts or ""
        self.db = json.load(open(os.path.join(args.fixtures, "arxiv-db.json"), encoding="utf-8"))
        self.log_path = args.log
        self.lock = threading.Lock()
        self.hits = {}

    def log(self, line):
        with self.lock:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(line)

    def hit(self, key):
        with self.lock:
            self.hits[key] = self.hits.get(key, 0) + 1
            return self.hits[key]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fixtures", required=True)
    p.add_argument("--posts")
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--lifetime", type=float, default=300)
    args = p.parse_args()
    open(args.log, "a").close()
    return serve.serve(Handler, args.port_file, args.lifetime, State(args))


if __name__ == "__main__":
    sys.exit(main())
