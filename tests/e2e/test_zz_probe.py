import pytest
from tests.factories import UserFactory
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

def test_probe(live_server, page):
    log = []
    page.on("console", lambda m: log.append(("console", m.type, m.text)))
    page.on("response", lambda r: log.append(("resp", r.status, r.url)))
    page.on("requestfailed", lambda r: log.append(("failed", r.url, r.failure)))
    for url in ["/ar/", "/en/", "/ar/accounts/login/"]:
        page.goto(live_server.url + url)
        page.evaluate("document.fonts.ready.then(() => 1)")
        print(url, page.evaluate("""() => ({dir: document.documentElement.dir, lang: document.documentElement.lang,
          ff: getComputedStyle(document.body).fontFamily, fonts: [...document.fonts].map(f => [f.family, f.weight, f.status]),
          check: document.fonts.check('16px Amiri'), brand: document.querySelector('.brand').getBoundingClientRect().x, w: innerWidth})"""))
    open("/tmp/e2eprobe/login.html","w").write(page.content())
    print(*log, sep="\n")
