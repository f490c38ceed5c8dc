"""The pages in headless Chromium: the network page (search, focus, parents, language switch, side panel,
filters, growing, path highlight), the query page (examples run and show rows), the home page search —
and no request ever leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from api_server import CHROMIUM, CHROMIUM_ARGS, serve_store

pytestmark = pytest.mark.browser

LIANGSHAN = "https://w3id.org/rekg/id/company/liangshan-rare-earth"
NODE_IDS = "() => window.rekg.nodes.getIds()"


@pytest.fixture(scope="module")
def base_url(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir) as url:
        yield url


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    return []


@pytest.fixture(scope="module")
def browser(requests_seen: list[str]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    hosts = {urlsplit(url).hostname for url in requests_seen if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1"}, hosts


@pytest.fixture()
def page(browser: Any, requests_seen: list[str]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("request", lambda request: requests_seen.append(request.url))
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    tab.set_default_timeout(20_000)
    tab.problems = problems  # a test that provokes an error on purpose clears it
    yield tab
    context.close()
    assert problems == []
    assert {urlsplit(url).hostname for url in requests_seen} <= {"127.0.0.1"}


def _search_and_focus(page: Any, base_url: str, name: str) -> None:
    page.goto(base_url + "/graph")
    page.fill("#graph-search", name)
    page.wait_for_selector("#graph-search-list li")
    page.press("#graph-search", "Enter")
    _settled(page, f"window.rekg.state.focus === '{LIANGSHAN}'")


def _settled(page: Any, condition: str) -> None:
    """Wait until the network page has no load in flight and ``condition`` (JavaScript) holds."""
    page.wait_for_function(f"() => window.rekg && !window.rekg.busy && ({condition})")


def test_network_search_focus_parent_and_english(page: Any, base_url: str) -> None:
    _search_and_focus(page, base_url, "凉山稀土")
    shown = set(page.evaluate(NODE_IDS))
    assert LIANGSHAN in shown
    owners = httpx.get(f"{base_url}/api/entities/company/liangshan-rare-earth/ownership").json()["owners"][
        "owners"
    ]
    relations = httpx.get(f"{base_url}/api/entities/company/liangshan-rare-earth").json()["relations"]
    assert owners, "the graph built from the seeds knows 凉山稀土's parent"
    assert {owner["iri"] for owner in owners} <= shown  # its parent(s) are on the page
    assert {r["entity"]["iri"] for r in relations} <= shown
    assert page.evaluate(f"() => window.rekg.nodes.get('{LIANGSHAN}').label") == "中稀(凉山)稀土有限公司"
    page.wait_for_selector("#panel:not([hidden]) h2")  # the focused entity's facts open beside the network
    assert page.inner_text("#panel h2") == "中稀(凉山)稀土有限公司"
    for owner in owners:
        assert owner["labels"]["zh-Hans"] in page.inner_text("#panel")
    page.click(".lang-switch button[data-lang='en']")
    page.wait_for_function(f"() => window.rekg.nodes.get('{LIANGSHAN}').label.includes('Liangshan')")
    assert "Liangshan" in page.inner_text("#panel")
    assert page.get_attribute(".lang-switch button[data-lang='en']", "aria-pressed") == "true"
    page.click("#node-list summary")
    assert page.locator("#node-list li", has_text="Liangshan").count() >= 1
    assert "lang=en" in page.url and "focus=" in page.url


def test_network_side_panel_and_depth(page: Any, base_url: str) -> None:
    _search_and_focus(page, base_url, "Liangshan")
    page.evaluate(f"() => window.rekg.showPanel('{LIANGSHAN}')")
    page.wait_for_selector("#panel:not([hidden]) h2")
    assert page.inner_text("#panel h2") == "中稀(凉山)稀土有限公司"
    assert page.get_attribute("#panel a.button", "href") == "/id/company/liangshan-rare-earth"
    one = len(page.evaluate(NODE_IDS))
    page.select_option("#depth", "2")
    _settled(page, "new URL(location.href).searchParams.get('depth') === '2'")
    assert len(page.evaluate(NODE_IDS)) >= one
    assert LIANGSHAN in page.evaluate(NODE_IDS)


def test_network_overview_filters_and_growing(page: Any, base_url: str) -> None:
    page.goto(base_url + "/graph")
    _settled(page, "window.rekg.nodes.length > 0")
    first = page.evaluate("() => window.rekg.nodes.length")
    assert first <= 60
    if not page.is_disabled("#more"):
        page.click("#more")
        _settled(page, f"window.rekg.nodes.length > {first}")
    page.uncheck("#kind-filter input[value='place']")
    _settled(
        page, "window.rekg.state.kinds.length > 0 && !window.rekg.nodes.get().some(n => n.kind === 'place')"
    )
    assert page.evaluate("() => window.rekg.nodes.length") > 0
    legend = page.inner_text("#kind-filter")
    assert "公司" in legend and "Company" in legend


def test_network_highlights_a_path(page: Any, base_url: str) -> None:
    page.goto(base_url + "/graph")
    page.fill("#path-from", "凉山稀土")
    page.fill("#path-to", "中国稀土集团")
    page.click("#path-go")
    _settled(page, "document.getElementById('path-status').textContent.length > 0")
    data = httpx.get(f"{base_url}/api/path", params={"from": "凉山稀土", "to": "中国稀土集团"}).json()
    if data["paths"]:
        ends = [data["from"]["iri"], data["to"]["iri"]]
        assert set(ends) <= set(page.evaluate(NODE_IDS))
        widths = page.evaluate("() => window.rekg.edges.get().filter(e => e.width === 4).length")
        assert widths >= data["paths"][0]["length"]
    else:
        assert "No connection" in page.inner_text("#path-status")


def test_query_page_examples_show_rows(page: Any, base_url: str) -> None:
    page.goto(base_url + "/sparql")
    assert "PREFIX rek:" in page.input_value("#query")
    page.click("button.example[data-example='mines-operators']")
    page.wait_for_selector(".result-table tbody tr")
    assert page.locator(".result-table tbody tr").count() > 0
    assert "rows" in page.inner_text("#status")
    examples = page.locator("button.example")
    for index in range(examples.count()):
        examples.nth(index).click()
        page.wait_for_function("() => !document.getElementById('status').textContent.startsWith('运行中')")
        assert page.is_hidden("#error"), page.inner_text("#error")
    page.fill("#query", "SELECT * WHERE { ?s ?p ")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "malformed" in page.inner_text("#error")
    assert [p for p in page.problems if "status of 400" not in p] == []
    page.problems.clear()


def test_home_search_suggests_and_opens_the_entity(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("a[href='/sparql']").count() and page.locator("a[href='/graph']").count()
    page.fill("#home-search", "涼山稀土")
    page.wait_for_selector("#home-search-list li")
    page.click("#home-search-list li >> nth=0")
    page.wait_for_url("**/id/company/liangshan-rare-earth")
    assert page.inner_text("h1") == "中稀(凉山)稀土有限公司"
    assert "China Rare Earth (Liangshan) Rare Earth Co., Ltd." in page.inner_text(".en-name")


# -- names the graph lacks: "did you mean", never a silent guess ---------------------------------------------

HOSTILE_QUERY = (
    '<script>window.pwned = 1</script><b id="injected">华能集团</b><img src=x onerror="window.pwned = 2">'
)


def test_search_page_says_did_you_mean_for_a_miss(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search?" + urlencode({"q": "华能集团"}))
    assert "没有名为“华能集团”的实体" in page.inner_text(".not-found")
    assert "No entity is named “华能集团”" in page.inner_text(".not-found")
    assert "Did you mean" in page.inner_text("#did-you-mean-title")
    assert page.locator("main ol.hits:not(.suggestions-list)").count() == 0  # no hit list at all
    offered = page.locator(".suggestions-list > li")
    assert offered.count() >= 1
    assert offered.count() == page.locator(".suggestions-list > li.suggestion").count()
    assert "华润集团" in offered.first.inner_text()
    offered.first.locator("a").click()
    page.wait_for_url("**/id/group/hua-run-ji-tuan")


def test_search_page_escapes_every_string_of_a_miss(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search?" + urlencode({"q": HOSTILE_QUERY}))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("#injected").count() == 0 and page.locator("img[src='x']").count() == 0
    assert HOSTILE_QUERY in page.inner_text(".not-found")  # shown as text, whole
    assert page.input_value("main input[name='q']") == HOSTILE_QUERY
    assert (
        page.locator(".suggestions-list > li").count()
        == page.locator(".suggestions-list > li.suggestion").count()
    )


def test_autocomplete_heads_look_alikes_did_you_mean(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#home-search", "华能集团")
    page.wait_for_selector("#home-search-list li.guess")
    assert "Did you mean" in page.inner_text("#home-search-list li.did-you-mean")
    options = page.locator("#home-search-list li[role='option']")
    assert options.count() == page.locator("#home-search-list li.guess").count()
    page.fill("#home-search", "凉山稀土")
    page.wait_for_function(
        "() => document.querySelector('#home-search-list li[role=option]:not(.guess)') !== null"
    )
    assert page.locator("#home-search-list li.did-you-mean").count() == 0


def test_network_search_never_focuses_a_guess(page: Any, base_url: str) -> None:
    page.goto(base_url + "/graph")
    _settled(page, "window.rekg.nodes.length > 0")
    before = page.evaluate("() => window.rekg.state.focus")
    page.fill("#graph-search", "华能集团")
    page.wait_for_selector("#graph-search-list li.guess")
    page.press("#graph-search", "Enter")
    page.wait_for_load_state("networkidle")
    _settled(page, "true")
    assert page.evaluate("() => window.rekg.state.focus") == before
    assert page.is_visible("#graph-search-list li.did-you-mean")
    page.fill("#path-from", "华能集团")
    page.fill("#path-to", "中国稀土集团")
    page.click("#path-go")
    _settled(page, "document.getElementById('count').textContent.includes('Did you mean')")
    assert "华润集团" in page.inner_text("#count")
    assert [p for p in page.problems if "status of 404" not in p] == []
    page.problems.clear()


def test_path_page_offers_the_suggestions_in_the_missing_name_s_place(page: Any, base_url: str) -> None:
    page.goto(base_url + "/path?" + urlencode({"from": "华能集团", "to": "凉山稀土"}))
    assert "华能集团" in page.inner_text("p.message")
    assert "Did you mean" in page.inner_text("#did-you-mean-title")
    page.click(".did-you-mean li >> nth=0 >> a")
    page.wait_for_url("**/path?from=https*hua-run-ji-tuan*")
    assert page.locator("p.message").count() == 0  # both ends resolved
