"""The repository stands on its own: nothing cites documents outside it, and the README's and the
docs pages' links to docs/ resolve.

The forbidden names are assembled at run time so that this file does not match itself.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUTSIDE_REFERENCES = ("DOMAIN" + ".md", "DESIGN" + ".md", ".." + "/shared")
# A Markdown link to a .md file: [text](target.md) or [text](target.md#anchor).
MARKDOWN_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    try:
        listing = subprocess.run(
            [git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listing.decode().split("\0") if name]


def test_no_tracked_file_cites_documents_outside_the_repository():
    offenders = []
    for path in tracked_files():
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for reference in OUTSIDE_REFERENCES:
                if reference in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {reference}")
    assert not offenders, "cite the page in docs/ instead:\n" + "\n".join(offenders)


def readme_docs_links() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [link for link in MARKDOWN_LINK.findall(readme) if link.startswith("docs/")]


def test_every_docs_link_in_the_readme_resolves():
    links = readme_docs_links()
    assert links, "the README links to no docs/ page"
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert not missing, f"README links to missing pages: {missing}"


def test_the_readme_lists_every_docs_page():
    linked = {Path(link).name for link in readme_docs_links()}
    unlisted = sorted(page.name for page in DOCS.glob("*.md") if page.name not in linked)
    assert not unlisted, f"add these to the README's Documentation list: {unlisted}"


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda page: page.name)
def test_links_between_docs_pages_resolve(page):
    text = page.read_text(encoding="utf-8")
    missing = [
        link
        for link in MARKDOWN_LINK.findall(text)
        if "://" not in link and not (page.parent / link).resolve().is_file()
    ]
    assert not missing, f"{page.name} links to missing files: {missing}"
