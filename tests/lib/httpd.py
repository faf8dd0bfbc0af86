#!/usr/bin/env python3
"""A local HTTP server for digest-tui's fetch tests, on 127.0.0.1 only.

    httpd.py --root DIR --port-file FILE --log FILE [--latency-ms N]
             [--stall-s N] [--lifetime S] [--tls-cert PEM --tls-key PEM]

The port is chosen by the system and written to --port-file (atomically, once
the server listens). Files are served from --root; the first path segment of
a URL picks how:

  /ok/PATH          the file, with ETag and Last-Modified; answers 304 to a
                    matching If-None-Match or If-Modified-Since; 404 when
                    there is no such file
  /noval/PATH       the file without ETag or Last-Modified
  /flakyN/PATH      500 for the first N requests of this URL, then as /ok/
  /status/CODE/PATH always answers CODE
  /stall/PATH       sends the status line and headers, then nothing for
                    --stall-s seconds (default 30) or until the client
                    closes the connection, then the body
  /truncate/PATH    Content-Length larger than the body; closes after the body
  /big/PATH         a 5 MiB body with Content-Length
  /bigchunked/PATH  a 5 MiB body, chunked (no Content-Length)
  /loop/PATH        302 to itself, for ever
  /redirect/PATH    302 to /ok/PATH
  /euckr/PATH       the file (UTF-8) re-encoded as EUC-KR, with
                    Content-Type: text/markdown; charset=euc-kr
  /cp949/PATH       the file re-encoded as CP949, Content-Type: text/plain
                    (no charset)
  /drip/PATH        the file at 15 bytes a second (Content-Length given)
  /bigetag/PATH     as /ok/ with a 90,000-byte ETag; a request carrying an
                    If-None-Match over 8 KiB gets 431
  /cond431/PATH     431 to any conditional request, else as /ok/

Every response waits --latency-ms first. Each request adds a line to --log
when it ends, tab-separated:

  METHOD PATH STATUS BODY_BYTES IN_FLIGHT CONDITIONAL CLIENT_PORT USER_AGENT

IN_FLIGHT counts the requests being served when this one began (itself
included); CONDITIONAL is 1 when the request had If-None-Match or
If-Modified-Since. The server exits by itself after --lifetime seconds
(default 300) so that a test that dies cannot leave it behind. With
--tls-cert and --tls-key it speaks HTTPS (TLS) with that certificate; a
client that refuses the certificate leaves no line in the log.
"""

import argparse
import email.utils
import hashlib
import http.server
import os
import select
import socket
import ssl
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import serve  # noqa: E402 (tests/lib/serve.py)

BIG = 5 * 1024 * 1024


class State:
    def __init__(self, args):
        self.root = os.path.realpath(args.root)
        self.latency = args.latency_ms / 1000.0
        self.stall = args.stall_s
        self.log_path = args.log
        self.lock = threading.Lock()
        self.in_flight = 0
        self.hits = {}

    def log(self, fields):
        line = "\t".join(str(f) for f in fields) + "\n"
        with self.lock:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(line)

    def hit(self, path):
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without this, Nagle's
    # algorithm and delayed ACKs add ~40 ms to every response.
    disable_nagle_algorithm = True
    server_version = "digest-tui-test-httpd"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    # -- helpers ---------------------------------------------------------
    def file_path(self, rel):
        st = self.server.state
        path = os.path.realpath(os.path.join(st.root, urllib.parse.unquote(rel)))
        if not path.startswith(st.root + os.sep) or not os.path.isfile(path):
            return None
        return path

    def send(self, status, body=b"", headers=(), content_length=None):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if content_length is None:
            content_length = len(body)
        self.send_header("Content-Length", str(content_length))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
            self.sent += len(body)
        self.status = status

    def not_found(self):
        self.send(404, b"no such post\n", [("Content-Type", "text/plain")])

    # -- modes -----------------------------------------------------------
    def serve_file(self, rel, validators=True, encoding=None, ctype=None):
        path = self.file_path(rel)
        if not path:
            return self.not_found()
        with open(path, "rb") as f:
            body = f.read()
        if encoding:
            body = body.decode("utf-8").encode(encoding)
        headers = [("Content-Type", ctype or "text/plain; charset=utf-8")]
        if validators:
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            mtime = int(os.stat(path).st_mtime)
            last_mod = email.utils.formatdate(mtime, usegmt=True)
            headers += [("ETag", etag), ("Last-Modified", last_mod)]
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = False
            if inm is not None:
                fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
            elif ims is not None:
                try:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                    fresh = mtime <= since
                except (TypeError, ValueError):
                    fresh = False
            if fresh:
                self.send_response(304)
                for k, v in headers[1:]:
                    self.send_header(k, v)
                self.end_headers()
                self.status = 304
                return None
        return self.send(200, body, headers)

    def stall(self, rel):
        path = self.file_path(rel)
        if not path:
            return self.not_found()
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        self.status = 200
        # Nothing more until --stall-s passes or the client goes away.
        end = time.monotonic() + self.server.state.stall
        while time.monotonic() < end:
            ready, _, _ = select.select([self.connection], [], [], 0.05)
            if ready and not self.connection.recv(1, socket.MSG_PEEK):
                self.close_connection = True
                return
        self.wfile.write(body)
        self.sent += len(body)

    def truncate(self, rel):
        path = self.file_path(rel)
        if not path:
            return self.not_found()
        with open(path, "rb") as f:
            body = f.read()
        self.send(200, body, [("Content-Type", "text/plain; charset=utf-8")],
                  content_length=len(body) + 1000)
        self.wfile.flush()
        self.close_connection = True

    def drip(self, rel):
        path = self.file_path(rel)
        if not path:
            return self.not_found()
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.status = 200
        for i in range(0, len(body), 15):
            self.wfile.write(body[i:i + 15])
            self.wfile.flush()
            self.sent += len(body[i:i + 15])
            time.sleep(1)

    def big_etag(self, rel):
        if len(self.headers.get("If-None-Match", "")) > 8192:
            return self.send(431, b"header too large\n", [("Content-Type", "text/plain")])
        path = self.file_path(rel)
        if not path:
            return self.not_found()
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % ("e" * 90000)
        return self.send(200, body, [("Content-Type", "text/plain; charset=utf-8"),
                                     ("ETag", etag)])

    def big(self, chunked):
        block = (b"# 1. [Big](https://arxiv.org/abs/2509.00001)\n" + b"x" * 977 + b"\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(BIG))
        self.end_headers()
        self.status = 200
        left = BIG
        while left > 0:
            part = block[:min(len(block), left)]
            if chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            else:
                self.wfile.write(part)
            self.sent += len(part)
            left -= len(part)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    # -- dispatch ----------------------------------------------------------
    def do_GET(self):
        st = self.server.state
        self.sent = 0
        self.status = 0
        with st.lock:
            st.in_flight += 1
            in_flight = st.in_flight
        conditional = int("If-None-Match" in self.headers or "If-Modified-Since" in self.headers)
        try:
            if st.latency:
                time.sleep(st.latency)
            self.dispatch()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with st.lock:
                st.in_flight -= 1
            st.log([self.command, self.path, self.status, self.sent, in_flight,
                    conditional, self.client_address[1],
                    self.headers.get("User-Agent", "-")])

    do_HEAD = do_GET

    def dispatch(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.lstrip("/").split("/", 1)
        mode, rel = parts[0], parts[1] if len(parts) > 1 else ""
        if mode == "ok":
            self.serve_file(rel)
        elif mode == "noval":
            self.serve_file(rel, validators=False)
        elif mode.startswith("flaky") and mode[5:].isdigit():
            if self.server.state.hit(url.path) <= int(mode[5:]):
                self.send(500, b"try again\n", [("Content-Type", "text/plain")])
            else:
                self.serve_file(rel)
        elif mode == "status":
            code, _, _ = rel.partition("/")
            self.send(int(code), b"status\n", [("Content-Type", "text/plain")])
        elif mode == "stall":
            self.stall(rel)
        elif mode == "truncate":
            self.truncate(rel)
        elif mode == "big":
            self.big(chunked=False)
        elif mode == "bigchunked":
            self.big(chunked=True)
        elif mode == "loop":
            self.send(302, b"", [("Location", self.path)])
        elif mode == "redirect":
            self.send(302, b"", [("Location", "/ok/" + rel)])
        elif mode == "euckr":
            self.serve_file(rel, encoding="euc_kr", ctype="text/markdown; charset=euc-kr")
        elif mode == "cp949":
            self.serve_file(rel, encoding="cp949", ctype="text/plain")
        elif mode == "drip":
            self.drip(rel)
        elif mode == "bigetag":
            self.big_etag(rel)
        elif mode == "cond431":
            if "If-None-Match" in self.headers or "If-Modified-Since" in self.headers:
                self.send(431, b"header too large\n", [("Content-Type", "text/plain")])
            else:
                self.serve_file(rel)
        else:
            self.not_found()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--root", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--stall-s", type=float, default=30)
    p.add_argument("--lifetime", type=float, default=300)
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    args = p.parse_args()

    wrap = None
    if args.tls_cert:
        # The handshake of each connection happens at accept(); a failed
        # one (the client refused the certificate) is dropped by the server.
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        wrap = lambda sock: ctx.wrap_socket(sock, server_side=True)
    open(args.log, "a").close()
    return serve.serve(Handler, args.port_file, args.lifetime, State(args), wrap)


if __name__ == "__main__":
    sys.exit(main())
