"""Publishing: search engines, sharing, structured data, deployment."""
from __future__ import annotations

import datetime as dt
import json
import struct
import urllib.parse
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import EPOCH_OPEN, ROOT, canaries, public_strings
from macros import jsonld
from macros import pricing as pr
from macros import timeline as tl

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"


class Head(HTMLParser):
    """The <html lang>, <meta>, <link> and JSON-LD scripts of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self.anchors: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "meta":
            self.meta.append(values)
        elif tag == "link":
            self.links.append(values)
        elif tag == "a" and "href" in values:
            self.anchors.append(values["href"])
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data

    def values(self, key: str, name: str) -> list[str]:
        """Contents of every <meta key=name> (key: name or property)."""
        return [m.get("content", "") for m in self.meta if m.get(key) == name]

    def one(self, key: str, name: str) -> str:
        """The content of the only <meta key=name>."""
        found = self.values(key, name)
        assert len(found) == 1, f"{key}={name}: {found}"
        return found[0]

    def rel(self, rel: str) -> list[str]:
        """The href of every <link rel=rel>."""
        return [link.get("href", "") for link in self.links if link.get("rel") == rel]


def head(path: Path) -> Head:
    """Parse one built page."""
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def public_sources() -> dict[str, Path]:
    """Built page (relative path) -> its Markdown source, for public pages."""
    pages = {}
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.startswith("restricted/"):
            continue
        pages["index.html" if rel == "index.md" else rel[:-3] + "/index.html"] = md
    return pages


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site except the 404 page."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def canonical_of(page: str) -> str:
    """The public URL of a built page."""
    return SITE_URL + ("" if page == "index.html" else page.removesuffix("index.html"))


def build_day() -> dt.date:
    """The day of the session's SOURCE_DATE_EPOCH."""
    return dt.datetime.fromtimestamp(int(EPOCH_OPEN), tz=dt.UTC).date()


def home_jsonld(site: Path) -> dict:
    """The one JSON-LD document of the home page, parsed."""
    scripts = head(site / "index.html").jsonld
    assert len(scripts) == 1
    return json.loads(scripts[0])


# ------------------------------------------------------------ every page
def test_site_url_is_absolute_with_trailing_slash():
    assert SITE_URL.startswith("https://") and SITE_URL.endswith("/")


def test_every_doc_has_its_own_description():
    from macros.sources import is_locked

    descriptions = {}
    for md in sorted((ROOT / "docs").rglob("*.md")):
        if is_locked(md):  # docs/restricted/ in a clone without the key
            continue
        value = front_matter(md).get("description")
        assert isinstance(value, str) and len(value.strip()) >= 50, f"{md}: description manquante ou trop courte"
        assert len(value) <= 200, f"{md}: description trop longue pour un extrait de recherche"
        descriptions[md] = value
    assert len(set(descriptions.values())) == len(descriptions), "deux pages ont la même description"


def test_public_pages_are_exactly_the_public_docs(built):
    assert built_pages(built["public"]) == sorted(public_sources())


@pytest.mark.parametrize("page", sorted(public_sources()))
def test_public_page_head(built, page):
    """lang, canonical, the page's own description, Open Graph and Twitter tags."""
    h = head(built["public"] / page)
    description = front_matter(public_sources()[page])["description"]
    assert h.lang == "fr"
    assert h.rel("canonical") == [canonical_of(page)]
    assert h.one("name", "description") == description
    assert h.one("property", "og:description") == description
    assert h.one("name", "twitter:description") == description
    assert h.one("property", "og:url") == canonical_of(page)
    assert h.one("property", "og:locale") == "fr_FR"
    assert h.one("property", "og:type") == "website"
    title = h.one("property", "og:title")
    assert title and h.one("name", "twitter:title") == title
    assert h.one("name", "twitter:card") == "summary_large_image"
    image = h.one("property", "og:image")
    assert image.startswith(SITE_URL) and h.one("name", "twitter:image") == image
    assert h.one("property", "og:image:alt") and h.one("name", "twitter:image:alt")


def test_every_public_html_file_is_french_and_described(built):
    """No page of site/ (404 included) lacks lang="fr" or a description."""
    for path in built["public"].rglob("*.html"):
        h = head(path)
        assert h.lang == "fr", path
        assert h.one("name", "description").strip(), path


def test_page_titles_are_distinct(built):
    titles = [head(built["public"] / page).one("property", "og:title") for page in public_sources()]
    assert len(set(titles)) == len(titles)


def test_share_image_is_light_and_as_declared(built):
    h = head(built["public"] / "index.html")
    url = h.one("property", "og:image")
    image = built["public"] / url.removeprefix(SITE_URL)
    raw = image.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", raw[16:24])
    assert (str(width), str(height)) == (h.one("property", "og:image:width"), h.one("property", "og:image:height"))
    assert (width, height) == (1200, 630)
    assert len(raw) <= 40_000
    assert h.one("property", "og:image:type") == "image/png"


def test_favicon_is_one_inline_svg(built):
    for path in built["public"].rglob("*.html"):
        icons = head(path).rel("icon")
        assert len(icons) == 1, path
        assert icons[0].startswith("data:image/svg+xml,"), path
        svg = ET.fromstring(urllib.parse.unquote(icons[0].split(",", 1)[1]))
        assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(icons[0]) < 400


# ------------------------------------------------------ sitemap, robots, 404
def test_sitemap_lists_the_public_pages_at_the_build_date(built):
    tree = ET.parse(built["public"] / "sitemap.xml")
    urls = [u.findtext("s:loc", namespaces=SITEMAP_NS) for u in tree.findall("s:url", SITEMAP_NS)]
    printed_only = {page for page, md in public_sources().items() if "template: handout.html" in md.read_text(encoding="utf-8")}
    assert printed_only, "the handout page (printed to PDF, then removed) is never listed"
    assert sorted(urls) == sorted(canonical_of(p) for p in public_sources() if p not in printed_only)
    assert not any("restricted" in u for u in urls)
    dates = {u.findtext("s:lastmod", namespaces=SITEMAP_NS) for u in tree.findall("s:url", SITEMAP_NS)}
    assert dates == {build_day().isoformat()}


def test_only_the_plain_sitemap_is_published(built):
    """MkDocs also writes sitemap.xml.gz; nothing points at it (robots.txt names sitemap.xml): not published."""
    assert (built["public"] / "sitemap.xml").is_file()
    assert not (built["public"] / "sitemap.xml.gz").exists()


def test_restricted_variant_has_no_sitemap(built):
    assert not (built["restricted"] / "sitemap.xml").exists()
    assert not (built["restricted"] / "sitemap.xml.gz").exists()


def test_robots_public_allows_and_points_to_the_sitemap(built):
    lines = [line.strip() for line in (built["public"] / "robots.txt").read_text(encoding="utf-8").splitlines()]
    assert "User-agent: *" in lines
    assert not any(line.startswith("Disallow:") and line != "Disallow:" for line in lines)
    sitemaps = [line.removeprefix("Sitemap:").strip() for line in lines if line.startswith("Sitemap:")]
    assert sitemaps == [SITE_URL + "sitemap.xml"]
    assert (built["public"] / sitemaps[0].removeprefix(SITE_URL)).is_file()
    assert "{" not in "".join(lines)


def test_robots_restricted_disallows_everything(built):
    lines = [line.strip() for line in (built["restricted"] / "robots.txt").read_text(encoding="utf-8").splitlines()]
    assert "User-agent: *" in lines and "Disallow: /" in lines
    assert not any(line.startswith(("Allow:", "Sitemap:")) for line in lines)


def test_french_404_page(built):
    path = built["public"] / "404.html"
    source = path.read_text(encoding="utf-8")
    h = head(path)
    assert h.lang == "fr"
    assert "<h1>Page introuvable</h1>" in source and "Not found" not in source
    assert "<title>Page introuvable" in source
    assert h.rel("canonical") == [] and not h.values("property", "og:url")
    base = urllib.parse.urlsplit(SITE_URL).path
    targets = [a for a in h.anchors if a.startswith(base)]
    assert len(targets) >= 4
    for href in targets:
        rel = href.removeprefix(base).split("#")[0]
        target = built["public"] / rel
        assert (target / "index.html").is_file() or target.is_file(), href


# ----------------------------------------------------------- structured data
def test_restricted_pages_point_at_no_public_address(built):
    """The restricted variant is not served at site_url: no canonical, Open Graph or structured data there."""
    pages = sorted(built["restricted"].rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        h = head(path)
        assert h.rel("canonical") == [], path
        assert not [m for m in h.meta if m.get("property", "").startswith("og:") or m.get("name", "").startswith("twitter:")], path
        assert h.jsonld == [], path
        assert not [a for a in h.anchors if a.startswith(SITE_URL + "restricted")], path  # no public address of a restricted page


def test_restricted_404_page_stands_alone_wherever_served(built):
    """No link into the site and no stylesheet to fetch: it works at any address."""
    path = built["restricted"] / "404.html"
    source = path.read_text(encoding="utf-8")
    h = head(path)
    assert h.lang == "fr" and "<h1>Page introuvable</h1>" in source
    assert [a for a in h.anchors if not a.startswith(("#", "mailto:"))] == []  # the contact address only
    assert [link for link in h.links if link.get("rel") == "stylesheet"] == []
    assert "<style>" in source and "--petrol" in source
    assert 'class="restricted-banner"' in source


def test_jsonld_parses_and_describes_the_course(built, data):
    doc = home_jsonld(built["public"])
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Course"
    assert doc["provider"]["@type"] == "Organization" and doc["provider"]["name"] == data.offer.organiser
    assert doc["url"] == SITE_URL and doc["inLanguage"] == "fr"
    assert doc["timeRequired"] == f"P{tl.total_months(data.programme)}M"
    awarded = {c["name"] for c in doc["educationalCredentialAwarded"]}
    assert awarded == {data.offer.outcomes.knowledge, data.offer.outcomes.label}
    (instance,) = doc["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "blended"
    days = tl.training_days(data.programme) + tl.accompaniment_days(data.programme)
    assert Decimal(instance["courseWorkload"].removeprefix("P").removesuffix("D")) == days
    assert instance["startDate"] == data.planning.cohort.kickoff_from.isoformat()
    assert instance["maximumAttendeeCapacity"] == data.planning.cohort.places


def test_jsonld_prices_are_the_computed_ones(built, data):
    offers = home_jsonld(built["public"])["offers"]
    p = data.pricing
    expected = {}
    for tier in p.revenue_tiers:
        for member in p.memberships:
            for funding in pr.FUNDING_CASES:
                q = pr.quote(p, membership=member.id, revenue_tier=tier.id, funding=funding)
                if q.known:
                    expected[(member.label, tier.label, funding)] = q
    assert len(offers) == len(expected) >= 2
    seen = set()
    for offer in offers:
        key = next(k for k in expected if offer["name"].startswith(f"{k[0]}, {k[1]}, ") and offer["name"].endswith(pr.funding_label(p, k[2])))
        seen.add(key)
        q = expected[key]
        assert Decimal(offer["price"]) == q.total
        assert offer["priceCurrency"] == p.currency == "EUR"
        assert offer["validThrough"] == data.planning.cohort.commitment_deadline.isoformat()
        assert offer["availability"] == "https://schema.org/InStock"  # the session builds before the deadline
        if q.minimum:
            assert Decimal(offer["priceSpecification"]["minPrice"]) == q.total
    assert seen == set(expected)
    # the cheapest offer is the brochure's headline price (« à partir de »)
    best = pr.quote(p, membership=p.reference.membership, revenue_tier=p.reference.revenue_tier, funding="finance")
    assert min(Decimal(o["price"]) for o in offers) == best.total


def test_jsonld_only_on_the_home_page(built):
    for page in public_sources():
        assert bool(head(built["public"] / page).jsonld) == (page == "index.html"), page


def test_jsonld_carries_nothing_restricted(built, data):
    text = json.dumps(home_jsonld(built["public"]), ensure_ascii=False).casefold()
    for needle in canaries(data):
        assert needle.casefold() not in text, needle
    public = " ".join(public_strings(data)).casefold()
    titles = [m.title for m in data.restricted.programme.modules] + [r.title for r in data.restricted.planning.rows]
    secret = [t for t in titles if t.casefold() not in public]
    assert len(secret) >= 10
    for title in secret:
        assert title.casefold() not in text, title
    # the provisional planning's calendar months are restricted too
    assert data.planning.cohort.first_month.isoformat()[:7] not in text


def test_jsonld_builder_follows_the_data(data):
    """Pure builder: a price, the tax basis and the deadline move the JSON-LD."""
    items = tuple(i.model_copy(update={"amount": Decimal(600)}) if i.id == "redevance_lucie" else i for i in data.pricing.items)
    pricing = data.pricing.model_copy(update={"items": items, "tax_basis": "ht"})
    changed = data.model_copy(update={"pricing": pricing})
    after_deadline = data.planning.cohort.commitment_deadline + dt.timedelta(days=1)
    doc = jsonld.course(changed, site_url=SITE_URL, day=after_deadline)
    prices = sorted(Decimal(o["price"]) for o in doc["offers"])
    computed = sorted(
        pr.quote(pricing, membership=m.id, revenue_tier=pricing.reference.revenue_tier, funding=f).total
        for m in pricing.memberships for f in pr.FUNDING_CASES
    )
    assert prices == computed
    before = sorted(Decimal(o["price"]) for o in jsonld.course(data, site_url=SITE_URL, day=after_deadline)["offers"])
    assert [a - b for a, b in zip(prices, before, strict=True)] == [Decimal(200)] * len(prices)
    assert all(o["priceSpecification"]["valueAddedTaxIncluded"] is False for o in doc["offers"])
    assert {o["availability"] for o in doc["offers"]} == {"https://schema.org/Discontinued"}


def test_jsonld_script_cannot_close_its_element():
    text = jsonld.script({"name": "</script><script>alert(1)</script> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_durations_and_amounts():
    assert jsonld.amount(Decimal("4450")) == "4450"
    assert jsonld.amount(Decimal("12.5")) == "12.50"
    assert jsonld.days_duration(Decimal("9")) == "P9D"
    assert jsonld.days_duration(Decimal("2.5")) == "P2.5D"
    assert jsonld.months_duration(10) == "P10M"


# ---------------------------------------------------------------- deployment
def _workflow() -> dict:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def _steps(doc: dict) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, job in doc["jobs"].items() for step in job.get("steps", [])]


def test_workflow_tests_then_builds_then_deploys_site_only():
    doc = _workflow()
    assert "main" in doc["on"]["push"]["branches"]
    build_steps = [step for job, step in _steps(doc) if job == "build"]
    runs = [step.get("run", "") for step in build_steps]
    order = [i for i, run in enumerate(runs) if run.strip() in ("make test", "make site")]
    assert [runs[i].strip() for i in order] == ["make test", "make site"]
    pages = [(i, s) for i, s in enumerate(build_steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(pages) == 1
    index, upload = pages[0]
    assert index > order[-1]
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy = doc["jobs"]["deploy"]
    assert deploy["needs"] == "build" or "build" in deploy["needs"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert doc["permissions"] == {"contents": "read"}


def test_workflow_keeps_the_restricted_variant_private():
    doc = _workflow()
    text = WORKFLOW.read_text(encoding="utf-8")
    for forbidden in ("gh-deploy", "ghp-import", "gh-pages", "peaceiris", "rsync", "scp ", "netlify", "surge"):
        assert forbidden not in text, forbidden
    restricted = [s for _job, s in _steps(doc) if "site-restricted" in json.dumps(s) and "uses" in s]
    assert len(restricted) == 1
    (step,) = restricted
    assert step["uses"].startswith("actions/upload-artifact@")
    assert step["with"]["path"].rstrip("/") == "site-restricted"
    assert 1 <= int(step["with"]["retention-days"]) <= 7
    assert "github.event.repository.private" in step["if"]


def test_readme_explains_publishing():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publier", 1)[1].split("\n## ", 1)[0]
    assert ".github/workflows/deploy.yml" in section
    assert "site-restricted/" in section and "accès" in section
