"""The web's import result adds up like the CLI's: per file and kind, with whom each record
was merged and why, what was skipped and why, and the conflicts to review (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.ingest.test_import_tally import VCARDS
from tests.web.test_app import client_for, csrf_of


def test_the_import_page_lists_every_file_merge_skip_and_conflict(tmp_path: Path):
    db = tmp_path / "web.db"
    client = client_for(db)
    upload = {"file": ("phone.vcf", VCARDS.encode(), "text/vcard")}
    page = client.post("/import", data={"csrf": csrf_of(client), "kind": "vcard"}, files=upload)
    assert page.status_code == 200
    text = " ".join(page.text.split())
    table = text.split('data-testid="import-files"')[1].split("</table>")[0]
    table = re.sub(r"<td [^>]*>", "<td>", table)  # each cell names its column (data-label)
    cells = "<td>phone.vcf</td><td>people</td><td>10</td><td>7</td><td>0</td><td>0</td>"
    assert cells + "<td>1</td><td>2</td><td>0</td><td>0</td>" in table  # no "me" set: 0 conflicts
    merges = text.split('data-testid="import-merges"')[1]
    assert "line 22: Jansen, Jan → line 17: Jan Jansen: same valid phone +31622223333" in merges
    skips = text.split('data-testid="import-skips"')[1]
    assert "line 28: Jan Jansen: exact duplicate of line 17" in skips
    dutch = client.post(
        "/import?lang=nl", data={"csrf": csrf_of(client), "kind": "vcard"}, files=upload
    )
    assert "Ongewijzigd" in dutch.text and re.search(r"<td[^>]*>personen</td>", dutch.text)
