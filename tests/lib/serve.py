"""The loopback test servers' common part (httpd.py, facts_httpd.py,
github_httpd.py): a threading HTTP server on 127.0.0.1, at a port the
system picks and writes to a port file (atomically, so a test that sees the
file can connect), that exits on its own after a lifetime, or as soon as the
test that started it is gone (a server that outlived its test would hold the
harness's pipe open until its lifetime is over).

Beside the port file, PORT_FILE.busy holds the number of requests being
answered: from the request line read to the handler's return, by when the
server has logged the request. A test that finds it 0 after its client is
done has every request of it in the log, without waiting for the log to
stay still for a while."""
import http.server
import os
import socketserver
import sys
import threading
import time


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        # A client that hangs up (as digest-tui does on a refused body) is
        # part of the tests, not an error worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def _write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


class Counted:
    """Mixed into the handler by serve(): counts the requests in flight."""

    def parse_request(self):
        ok = super().parse_request()
        if ok:
            self.server.busy(1)
            self.counted = True
        return ok

    def handle_one_request(self):
        self.counted = False
        try:
            super().handle_one_request()
        finally:
            if self.counted:
                self.server.busy(-1)


def serve(handler, port_file, lifetime, state=None, wrap_socket=None, exit_status=3):
    """Serves handler until the lifetime (seconds) is over, then exits with
    exit_status (0 when the parent process ends first). The handler
    reaches state as self.server.state; wrap_socket (e.g. a TLS context's)
    wraps the listening socket."""
    server = Server(("127.0.0.1", 0), type(handler.__name__, (Counted, handler), {}))
    if wrap_socket:
        server.socket = wrap_socket(server.socket)
    server.state = state
    in_flight = [0]
    lock = threading.Lock()

    def busy(delta):
        with lock:
            in_flight[0] += delta
            _write(port_file + ".busy", "%d\n" % in_flight[0])
    server.busy = busy
    busy(0)
    _write(port_file, "%d\n" % server.server_address[1])

    parent = os.getppid()

    def watchdog():
        end = time.monotonic() + lifetime
        while time.monotonic() < end:
            if os.getppid() != parent:  # reparented: the test has ended
                os._exit(0)
            time.sleep(0.2)
        os._exit(exit_status)
    threading.Thread(target=watchdog, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    return 0
