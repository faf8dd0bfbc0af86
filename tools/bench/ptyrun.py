"""ptyrun: run a full-screen program on a pseudo-terminal of a fixed size and
time what it draws (for tools/bench/bench.py; no third-party modules).

    s = Session(argv, env, rows=30, cols=100)   # starts it; s.t0 is the start
    t = s.first_frame(b"? help")     # seconds from start to the frame's end
    s.send(b"U"); s.settle(); ...
    kb = s.vm_hwm_kb()               # VmHWM from /proc/PID/status
    cpu = s.quit(b"q")               # utime + stime from os.wait4's rusage

A frame has arrived when the marker has been read and output then pauses for
`quiet` seconds; its time is that of the last byte read before the pause (the
pause itself is not counted).
"""
import errno
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time


class Timeout(Exception):
    pass


def _set_ctty():
    # Runs in the child after setsid(): the pty slave (fd 0) becomes its
    # controlling terminal, as a terminal emulator would make it.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Session:
    def __init__(self, argv, env, rows=30, cols=100):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.out = bytearray()
        self.last_byte = None
        self.eof = False
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, start_new_session=True,
                                     preexec_fn=_set_ctty)
        os.close(slave)
        self.pid = self.proc.pid
        self.rusage = None

    # -- reading ---------------------------------------------------------
    def _read(self, timeout):
        """Reads what is there within timeout; returns the bytes (b"" on
        timeout or end of output)."""
        if self.eof:
            if timeout:
                time.sleep(min(timeout, 0.01))
            return b""
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return b""
        try:
            d = os.read(self.master, 1 << 16)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            d = b""
        if not d:
            self.eof = True
            return b""
        self.last_byte = time.perf_counter()
        self.out += d
        return d

    def drain(self):
        """Reads whatever is ready now, without waiting."""
        while self._read(0):
            pass

    def wait_for(self, marker, quiet=0.05, limit=20.0, start=0):
        """Reads until marker is in the output (from offset start) and output
        pauses for quiet seconds. Returns the time of the last byte."""
        seen = False
        deadline = time.perf_counter() + limit
        while True:
            if not seen and self.out.find(marker, start) >= 0:
                seen = True
            if seen:
                if not self._read(quiet):
                    return self.last_byte
            else:
                if time.perf_counter() > deadline or self.eof:
                    raise Timeout("no %r on the screen after %.0f s" % (marker, limit))
                self._read(0.2)

    def first_frame(self, marker, quiet=0.05, limit=20.0):
        return self.wait_for(marker, quiet, limit) - self.t0

    def settle(self, quiet=0.2, limit=20.0):
        """Reads until output pauses for quiet seconds."""
        deadline = time.perf_counter() + limit
        while self._read(quiet):
            if time.perf_counter() > deadline:
                raise Timeout("output did not stop")

    # -- input -----------------------------------------------------------
    def send(self, data):
        view = memoryview(data)
        while view:
            _, w, _ = select.select([self.master], [self.master], [], 1.0)
            if w:
                n = os.write(self.master, view)
                view = view[n:]
            self.drain()  # never let the program block writing to us

    # -- the process -------------------------------------------------------
    def status_kb(self, key):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return None

    def vm_hwm_kb(self):
        return self.status_kb("VmHWM")

    def cpu_ticks(self):
        """utime + stime so far, in seconds (clock ticks, from /proc)."""
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def quit(self, keys=b"q", limit=10.0):
        """Sends keys, reads to the end, reaps; returns utime+stime (s)."""
        try:
            self.send(keys)
        except OSError:
            pass
        deadline = time.perf_counter() + limit
        status = None
        while True:
            self._read(0.05)
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(self.pid, 0)
                break
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        os.close(self.master)
        self.rusage = ru
        return ru.ru_utime + ru.ru_stime

    def kill(self):
        if self.proc.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.wait4(self.pid, 0)
            except OSError:
                pass
            self.proc.returncode = -9
            try:
                os.close(self.master)
            except OSError:
                pass
