"""The question import and the regrade pages take a question file the same way: one form base,
one upload limit (HIMAYA_MAX_UPLOAD_BYTES) and one list of the file's problems."""

import io
import re

import pytest
from django.test import override_settings

from tests.conftest import sign_in, with_mfa
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MALFORMED = b"- code: SCN-X-001\n  title: [unclosed\n"


def upload(content, name="bank.yaml"):
    file = io.BytesIO(content)
    file.name = name
    return file


@pytest.fixture
def pages(client, make_quiz):
    """Both pages' URLs, for a programme manager (who may import and regrade)."""
    version = make_quiz().current_version
    sign_in(client, with_mfa(UserFactory(role="Programme manager")))
    return "/admin/question-import/", f"/admin/regrade/{version.pk}/"


def problem_rows(html: str) -> list[str]:
    return re.findall(r'<tr class="import-problem">.*?</tr>', html, flags=re.S)


def test_a_malformed_file_shows_the_same_problems_on_both_pages(client, pages):
    import_url, regrade_url = pages
    imported = client.post(import_url, {"file": upload(MALFORMED)})
    regraded = client.post(regrade_url, {"file": upload(MALFORMED), "reason": "Key swapped"})
    assert (imported.status_code, regraded.status_code) == (400, 400)
    rows = problem_rows(imported.text)
    assert len(rows) == 1
    assert rows[0].startswith('<tr class="import-problem"><td>3</td>')
    assert problem_rows(regraded.text) == rows
    assert "1 problem; nothing was imported." in imported.text
    assert "1 problem; nothing was regraded." in regraded.text


def test_both_pages_state_and_apply_the_one_upload_limit(client, pages):
    import_url, regrade_url = pages
    for url in pages:
        assert "At most 5.0\xa0MB." in client.get(url).text
    with override_settings(HIMAYA_MAX_UPLOAD_BYTES=10):
        imported = client.post(import_url, {"file": upload(MALFORMED)})
        regraded = client.post(regrade_url, {"file": upload(MALFORMED), "reason": "x"})
    refusal = f"The file is {len(MALFORMED)}\xa0bytes; the limit is 10\xa0bytes."
    assert imported.context["form"].errors["file"] == [refusal]
    assert regraded.context["form"].errors["file"] == [refusal]
    assert not problem_rows(imported.text) and not problem_rows(regraded.text)


def test_each_page_keeps_its_own_file_types(client, pages):
    import_url, regrade_url = pages
    response = client.post(import_url, {"file": upload(b"- code: x\n", name="bank.csv")})
    assert response.context["form"].errors["file"] == [
        "Upload a .yaml, .yml, .gift, .txt or .xml file."
    ]
    # The regrade reads the corrected version whatever its name, as before.
    response = client.post(
        regrade_url, {"file": upload(MALFORMED, name="fixed.txt"), "reason": "x"}
    )
    assert len(problem_rows(response.text)) == 1
