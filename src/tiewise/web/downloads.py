"""Downloads (GET): the strategy report as PDF or HTML, and all my data as a zip of
``tiewise.json`` and ``contacts.vcf`` — the same files as ``tiewise report --output`` and
``tiewise export``."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tiewise.web.firstrun import first_run
from tiewise.web.site import Site

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _attachment(body: bytes, name: str, media: str) -> Response:
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def routes(site: Site) -> list[Route]:
    def report_file(kind: str, language: str) -> bytes:
        from tiewise.report.document import DocumentConsole, write_document
        from tiewise.report.text import render_report

        views = site.workspace.views()
        document = DocumentConsole()
        events = render_report(views.profile, language, document, document.place_charts)  # type: ignore[arg-type]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"report.{kind}"
            write_document(document.blocks, events, path, language)
            return path.read_bytes()

    def report(kind: str):  # type: ignore[no-untyped-def]
        async def handler(request: Request) -> Response:
            views = await run_in_threadpool(site.workspace.views)
            start = first_run(views.profile.snapshot)
            if not start.contacts:  # nothing to report: say so, and link to the first step
                return site.render(request, "nothing_yet.html", 409, start=start)
            body = await run_in_threadpool(report_file, kind, site.language_of(request))
            today = site.workspace.today().isoformat()
            return _attachment(body, f"tiewise-report-{today}.{kind}", MEDIA[kind])

        return handler

    def export_zip() -> bytes:
        from tiewise.export import export_data

        buffer = io.BytesIO()
        with tempfile.TemporaryDirectory() as folder:
            paths = export_data(site.workspace.store, Path(folder))
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in paths:
                    archive.write(path, path.name)
        return buffer.getvalue()

    async def export(request: Request) -> Response:
        body = await run_in_threadpool(export_zip)
        today = site.workspace.today().isoformat()
        return _attachment(body, f"tiewise-export-{today}.zip", "application/zip")

    return [
        *(Route(f"/report.{kind}", report(kind)) for kind in MEDIA),
        Route("/export.zip", export),
    ]
