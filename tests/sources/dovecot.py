"""A private Dovecot for the IMAP tests: Debian's ``dovecot-imapd`` run unprivileged on free
ports of 127.0.0.1, from a configuration written here (``dovecot -F -c …``).

Everything lives in one temporary folder: the configuration, ``base_dir`` and ``state_dir``,
the log, a throw-away self-signed certificate (``openssl``, for ``localhost`` and
``127.0.0.1``), a passwd file with plain passwords (users are added before the server starts)
and each user's Maildir. ``ssl = required``: one
port speaks TLS from the start (imaps), the other plain IMAP that must be upgraded with
STARTTLS before a login is allowed.

The server runs as the current user; when the tests run as root, as ``nobody`` (like the
PostgreSQL tests run their server as ``postgres``): Dovecot then never changes user, chroots
or opens a privileged port. ``make dovecot`` installs the package.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)
SERVER_USER = "nobody"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"dovecot did not listen on port {port}")


class Dovecot:
    """One Dovecot: ``start()``, ``kill()`` (the whole process group, at once, as a crash
    would), ``add_user(name, password)`` → the user's Maildir to fill, and the ports."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tiewise-dovecot-"))
        self.imaps_port = free_port()
        self.imap_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        account = pwd.getpwnam(SERVER_USER) if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        self.uid, self.gid, self.user = account.pw_uid, account.pw_gid, account.pw_name
        self.cert = self.root / "cert.pem"
        self.key = self.root / "key.pem"
        self.passwd = self.root / "passwd"
        self.log = self.root / "dovecot.log"
        self.config = self.root / "dovecot.conf"
        for part in ("run", "state", "home"):
            (self.root / part).mkdir()
        self._certificate()
        self.passwd.write_text("")
        self.config.write_text(self._configuration())

    def _certificate(self) -> None:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                str(self.key),
                "-out",
                str(self.cert),
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )

    def _configuration(self) -> str:
        root = self.root
        return f"""\
base_dir = {root}/run
state_dir = {root}/state
log_path = {self.log}
info_log_path = {self.log}
protocols = imap
listen = 127.0.0.1
default_internal_user = {self.user}
default_internal_group = {_group(self.gid)}
default_login_user = {self.user}
first_valid_uid = {self.uid}
last_valid_uid = {self.uid}
first_valid_gid = 0
ssl = required
ssl_cert = <{self.cert}
ssl_key = <{self.key}
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:~/Maildir
mail_uid = {self.uid}
mail_gid = {self.gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd}
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0600
  }}
}}
"""

    def maildir(self, user: str) -> Path:
        return self.root / "home" / user / "Maildir"

    def add_user(self, user: str, password: str) -> Path:
        """A user with this password; returns the Maildir to fill before the first login."""
        with self.passwd.open("a") as handle:
            handle.write(f"{user}:{{PLAIN}}{password}\n")
        folder = self.maildir(user)
        folder.mkdir(parents=True)
        return folder

    def own(self) -> None:
        """Give every file to the server's user (when the tests run as root)."""
        if os.geteuid() != 0:
            return
        for path, dirs, files in os.walk(self.root):
            os.chown(path, self.uid, self.gid)
            for name in dirs + files:
                os.chown(os.path.join(path, name), self.uid, self.gid, follow_symlinks=False)

    def start(self) -> None:
        assert DOVECOT is not None
        self.own()
        command = [DOVECOT, "-F", "-c", str(self.config)]
        if os.geteuid() == 0:
            command = [
                "setpriv",
                f"--reuid={self.uid}",
                f"--regid={self.gid}",
                "--clear-groups",
                *command,
            ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(self.root / "stderr").open("ab"),
            start_new_session=True,
        )
        try:
            _wait_for(self.imaps_port)
            _wait_for(self.imap_port)
        except RuntimeError as error:
            self.kill()
            raise RuntimeError(f"{error}: {self.logged()}") from None

    def kill(self) -> None:
        """Stop the server and every process of it at once (SIGKILL to its process group)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def logged(self) -> str:
        found = ""
        for name in ("stderr", "dovecot.log"):
            path = self.root / name
            if path.exists():
                found += path.read_text(errors="replace")[-4000:]
        return found

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def _group(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name
