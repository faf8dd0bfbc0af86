#!/usr/bin/env python3
"""A loopback stand-in of GitHub's git trees API and raw host, for the tests.

   github_httpd.py --repos DIR --port-file F --log F [--lifetime S] [--latency-ms MS]

DIR/OWNER/REPO/BRANCH/ is a repository's tree. Answers:
  GET /api/repos/OWNER/REPO/git/trees/BRANCH?recursive=1
      {"sha", "url", "tree": [{path, mode, type, sha, size}...], "truncated"}
      with a strong ETag; If-None-Match with it gives 304. Blob SHAs are
      git's (sha1 of "blob <size>\\0" + content).
  GET /raw/OWNER/REPO/BRANCH/PATH  the file, or 404.
Switches, as files in DIR (read at each request):
  .ratelimit   the API answers 403 with X-RateLimit-Remaining: 0 and
               X-RateLimit-Reset one hour ahead, or the file's text when it
               holds any (a time in the past, or no number at all)
  .retry-after the API answers 429 with Retry-After: 120
  .truncated   the listing says "truncated": true
Every request is logged as METHOD<TAB>PATH<TAB>STATUS<TAB>AUTH, AUTH being
"bearer:" plus the token's length when an Authorization: Bearer came, else
"-" (the token itself is never written down). It also answers as an HTTP
proxy (GET http://HOST/api/...: HOST is not looked up), so that a test can
name the API by a host other than this machine's without leaving it."""
import argparse, hashlib, http.server, json, os, sys, threading, time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import serve  # noqa: E402 (tests/lib/serve.py)

ap = argparse.ArgumentParser()
ap.add_argument("--repos", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--lifetime", type=float, default=240)
ap.add_argument("--latency-ms", type=float, default=0, help="wait before each answer")
args = ap.parse_args()
lock = threading.Lock()


def blob_sha(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def listing(root):
    tree = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(d, root)
        if rel != ".":
            tree.append({"path": rel, "mode": "040000", "type": "tree",
                         "sha": hashlib.sha1(rel.encode()).hexdigest()})
        for f in sorted(files):
            p = os.path.join(d, f)
            data = open(p, "rb").read()
            path = f if rel == "." else rel + "/" + f
            tree.append({"path": path, "mode": "100644", "type": "blob",
                         "sha": blob_sha(data), "size": len(data),
                         "url": "https://api.github.invalid/blob"})
    return tree


class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def record(self, status):
        auth = self.headers.get("Authorization", "")
        who = "bearer:%d" % len(auth[7:]) if auth.startswith("Bearer ") else "-"
        with lock, open(args.log, "a") as f:
            f.write("%s\t%s\t%d\t%s\n" % (self.command, self.path, status, who))

    def send(self, status, body=b"", headers=()):
        if args.latency_ms:
            time.sleep(args.latency_ms / 1000)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.record(status)

    def do_GET(self):
        if self.path.startswith("http://"):
            self.path = "/" + self.path[len("http://"):].partition("/")[2]
        path, _, query = self.path.partition("?")
        parts = path.split("/")
        if path.startswith("/api/repos/") and len(parts) >= 8 and parts[5:7] == ["git", "trees"]:
            owner, repo, branch = parts[3], parts[4], "/".join(parts[7:])
            limit = os.path.join(args.repos, ".ratelimit")
            if os.path.exists(limit):
                body = b'{"message": "API rate limit exceeded"}'
                reset = open(limit).read().strip() or str(int(time.time()) + 3600)
                return self.send(403, body, [("X-RateLimit-Limit", "60"),
                                             ("X-RateLimit-Remaining", "0"),
                                             ("X-RateLimit-Reset", reset)])
            if os.path.exists(os.path.join(args.repos, ".retry-after")):
                return self.send(429, b"{}", [("Retry-After", "120")])
            root = os.path.join(args.repos, owner, repo, branch)
            if not os.path.isdir(root) or query != "recursive=1":
                return self.send(404, b'{"message": "Not Found"}')
            doc = {"sha": "0" * 40, "url": "x", "tree": listing(root),
                   "truncated": os.path.exists(os.path.join(args.repos, ".truncated"))}
            body = json.dumps(doc).encode()
            etag = '"%s"' % hashlib.sha1(body).hexdigest()
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, b"", [("ETag", etag)])
            return self.send(200, body, [("ETag", etag), ("Content-Type", "application/json"),
                                         ("X-RateLimit-Remaining", "59")])
        if path.startswith("/raw/"):
            rel = path[5:]
            p = os.path.normpath(os.path.join(args.repos, rel))
            if ".." not in rel.split("/") and os.path.isfile(p):
                data = open(p, "rb").read()
                return self.send(200, data, [("Content-Type", "text/plain; charset=utf-8"),
                                             ("ETag", '"%s"' % blob_sha(data))])
        return self.send(404, b"404")

    do_HEAD = do_GET


serve.serve(H, args.port_file, args.lifetime, exit_status=0)
