"""The web app's static files — the stylesheet and the map's script — served from memory.

Starlette's ``StaticFiles`` stats, opens, reads and closes the file on each request through
worker threads: about 1 ms of CPU, three times what a cached page costs (bench/RESULTS.md,
issue 18). These files are small and change only with the program, so they are read once when
the app is made and each request is a dictionary lookup. Every answer carries an ``ETag`` (the
first 16 hex digits of the content's SHA-256) and ``Cache-Control: no-cache``: a browser asks
again each time, and gets ``304 Not Modified`` with no body when it already has this version,
so a new version of the program is never hidden behind an old cached file.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass(frozen=True, slots=True)
class StaticFile:
    body: bytes
    media_type: str
    etag: str


def load(folder: Path) -> dict[str, StaticFile]:
    """Every file directly in ``folder``, by name."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.is_file():
            body = path.read_bytes()
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type.endswith("javascript"):
                media_type += "; charset=utf-8"
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            files[path.name] = StaticFile(body, media_type, etag)
    return files


def routes(folder: Path) -> list[Route]:
    """``GET /static/{name}`` for the files of ``folder``; any other name is a 404."""
    files = load(folder)

    async def static(request: Request) -> Response:
        found = files.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404, "no such file")
        headers = {"ETag": found.etag, "Cache-Control": "no-cache"}
        asked = _etags(request.headers.get("if-none-match", ""))
        if found.etag in asked or "*" in asked:
            return Response(status_code=304, headers=headers)
        return Response(found.body, media_type=found.media_type, headers=headers)

    return [Route("/static/{name}", static, methods=["GET", "HEAD"], name="static")]


def _etags(header: str) -> set[str]:
    """The entity tags of an ``If-None-Match`` header, weak ones as strong (the weak comparison
    RFC 9110 §13.1.2 prescribes for this header); ``*`` stands for any."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
