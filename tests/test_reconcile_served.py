"""The reconciliation service of `serge-graph serve`, started for real and asked by a real HTTP
client as OpenRefine asks it, checked against the W3C Reconciliation API 0.2 as its
specification states it: the manifest's fields, a batch posted form-encoded (`queries=`) and
its result batch, the suggest services found from the manifest, the preview, and bad input
answered 400 or 413 with a JSON message, never a 500."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import httpx
import pytest

from .serving import running_server

pytestmark = pytest.mark.slow  # the endpoint served in its own process: not in make check

MAX_BODY = 1_000_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("reconcile") / "server.log"
    # without the site (it would take longer to start than every test here takes to run):
    # the view template then leads to the IRIs (test_reconcile.py checks it with the site)
    with running_server(log, "--max-body", str(MAX_BODY), "--no-site") as running:
        yield running


@pytest.fixture(scope="module")
def described(server) -> dict:
    answer = httpx.get(server.url + "/reconcile", timeout=10)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    return answer.json()


def check_manifest(manifest: dict) -> None:
    """The service manifest as the 0.2 specification describes it."""
    for key in ("name", "identifierSpace", "schemaSpace"):
        assert isinstance(manifest[key], str) and manifest[key], key
    assert "0.2" in manifest["versions"]
    for item in manifest["defaultTypes"]:
        assert isinstance(item["id"], str) and isinstance(item["name"], str)
    assert "{{id}}" in manifest["view"]["url"] and "{{id}}" in manifest["preview"]["url"]
    assert isinstance(manifest["preview"]["width"], int)
    assert isinstance(manifest["preview"]["height"], int)
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        assert isinstance(service["service_url"], str) and service["service_path"].startswith("/")
    assert isinstance(manifest["batchSize"], int) and manifest["batchSize"] > 0


def check_result_batch(batch: dict, keys) -> None:
    """A reconciliation result batch: per query key, candidates best first, each with id,
    name, score (required), match and type as the specification describes them."""
    assert set(batch) == set(keys)
    for key, result in batch.items():
        candidates = result["result"]
        for candidate in candidates:
            assert isinstance(candidate["id"], str) and isinstance(candidate["name"], str)
            assert isinstance(candidate["score"], (int, float))
            assert isinstance(candidate["match"], bool)
            assert all(isinstance(t["id"], str) and "name" in t for t in candidate["type"])
        scores = [c["score"] for c in candidates]
        assert scores == sorted(scores, reverse=True), key


def test_the_manifest_names_the_graph_its_types_and_services(server, described):
    check_manifest(described)
    assert described["identifierSpace"] == "https://w3id.org/serge-graph/id/"
    assert described["schemaSpace"] == "https://w3id.org/serge-graph/ontology#"
    assert [t["id"] for t in described["defaultTypes"]] == [
        "Person",
        "Organisation",
        "Group",
        "Place",
        "Work",
        "Event",
    ]
    # JSONP, for old web clients
    script = httpx.get(server.url + "/reconcile", params={"callback": "take"}, timeout=10)
    assert script.headers["content-type"].startswith("application/javascript")
    assert json.loads(script.text.removeprefix("/**/take(").removesuffix(");")) == described
    # the view template leads to the entity's IRI (with the site served: its page here)
    view = described["view"]["url"].replace("{{id}}", "person/victor-serge")
    assert view == "https://w3id.org/serge-graph/id/person/victor-serge"


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.loaded += [attrs[a] for a in ("src", "srcset", "data", "poster") if attrs.get(a)]
        if tag == "link":
            self.loaded.append(attrs.get("href", ""))


def test_the_preview_is_a_page_that_loads_nothing(server, described):
    url = described["preview"]["url"].replace("{{id}}", "place%2Fpalace-of-fine-arts")
    preview = httpx.get(url, timeout=10)
    assert preview.status_code == 200 and preview.headers["content-type"].startswith("text/html")
    parsed = _Resources()
    parsed.feed(preview.text)
    assert parsed.loaded == [] and "url(" not in preview.text
    assert "Palace of Fine Arts" in preview.text and "Palacio de Bellas Artes" in preview.text
    missing = httpx.get(described["preview"]["url"].replace("{{id}}", "person%2Fnobody"))
    assert missing.status_code == 404 and "person/nobody" in missing.json()["error"]


BATCH = {
    "q0": {"query": "Victor Serge"},
    "q1": {"query": "Umanski"},
    "q2": {"query": "Oumansky", "type": "Person", "limit": 3},
    "q3": {"query": "Palacio de Bellas Artes"},
    "q4": {"query": "Mexico", "type": "Place", "type_strict": "any"},
    "q5": {"query": "Umansky", "properties": [{"pid": "birthDate", "v": "1902"}]},
    "q6": {
        "query": "Kibalchich",
        "properties": [{"pid": "relation", "v": {"id": "person/victor-serge"}}],
    },
}


def test_a_batch_posted_as_openrefine_posts_it_is_matched_in_a_worker(server):
    before = server.status()["quick_queries_remembered"]
    answer = httpx.post(server.url + "/reconcile", data={"queries": json.dumps(BATCH)}, timeout=30)
    assert answer.status_code == 200, answer.text
    batch = answer.json()
    check_result_batch(batch, BATCH)
    top = {key: result["result"][0] for key, result in batch.items()}
    assert top["q0"]["id"] == "person/victor-serge" and top["q0"]["match"] is True
    assert top["q0"]["score"] == 100
    for misspelt in ("q1", "q2"):
        assert top[misspelt]["id"] == "person/konstantin-umansky"
        assert top[misspelt]["match"] is False
    assert len(batch["q2"]["result"]) <= 3
    assert all(t["id"] == "Person" for c in batch["q2"]["result"] for t in c["type"])
    assert top["q3"]["id"] == "place/palace-of-fine-arts" and top["q3"]["match"] is True
    assert all(c["id"].startswith("place/") for c in batch["q4"]["result"])
    assert [c["id"] for c in batch["q4"]["result"][:2]] == ["place/mexico", "place/mexico-city"]
    assert top["q5"]["score"] == 100 and top["q5"]["match"] is True
    assert top["q6"]["id"] == "person/vlady"
    # the batch ran in a query worker: the pool remembers its text as a quick one
    assert server.status()["quick_queries_remembered"] == before + 1
    # the same batch by GET gives the same answer
    got = httpx.get(server.url + "/reconcile", params={"queries": json.dumps(BATCH)}, timeout=30)
    assert got.json() == batch


def test_the_suggest_services_of_the_manifest_complete_a_prefix(server, described):
    def ask(kind: str, prefix: str) -> list[dict]:
        service = described["suggest"][kind]
        url = service["service_url"] + service["service_path"]
        answer = httpx.get(url, params={"prefix": prefix}, timeout=10)
        assert answer.status_code == 200, answer.text
        found = answer.json()["result"]
        assert all(isinstance(f["id"], str) and isinstance(f["name"], str) for f in found)
        return found

    entity = ask("entity", "Uman")[0]
    assert entity["id"] == "person/konstantin-umansky" and entity["name"] == "Konstantin Umansky"
    assert entity["notable"] == [{"id": "Person", "name": "Person"}]
    assert [t["id"] for t in ask("type", "Place")] == ["Place"]
    assert [p["id"] for p in ask("property", "born")] == ["birthDate"]


def test_bad_input_gets_a_clear_400_or_413_never_a_500(server):
    url = server.url + "/reconcile"

    def refused(status: int, says: str, answer: httpx.Response) -> None:
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        assert says in answer.json()["error"]

    refused(400, "queries is not JSON", httpx.post(url, data={"queries": '{"q0": {"query"'}))
    unknown = {"q0": {"query": "Serge", "type": "Persn"}}
    refused(
        400,
        "no type 'Persn'; did you mean Person?",
        httpx.post(url, data={"queries": json.dumps(unknown)}),
    )
    many = {f"q{i}": {"query": "Serge"} for i in range(10_000)}
    refused(
        413, "at most 100 queries", httpx.post(url, data={"queries": json.dumps(many)}, timeout=30)
    )
    huge = b"queries=" + b"a" * 10_000_000
    refused(
        413,
        f"larger than this endpoint takes ({MAX_BODY:,} bytes)",
        httpx.post(
            url,
            content=huge,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
        ),
    )
    refused(
        400,
        "not text/plain",
        httpx.post(url, content=b"Serge", headers={"Content-Type": "text/plain"}),
    )
    refused(400, "callback must be", httpx.get(url, params={"callback": "alert(1)"}))
    refused(400, "sends queries=", httpx.post(url, data={"query": "Serge"}))
    draft = {"queries": [{"query": "Serge"}]}  # the 1.0 draft's shape, as a JSON body
    refused(400, "version 0.2", httpx.post(url, json=draft))
    refused(
        400, "cursor", httpx.get(url + "/suggest/entity", params={"prefix": "a", "cursor": "x"})
    )
    refused(404, "no suggest service", httpx.get(url + "/suggest/people", params={"prefix": "a"}))
    statuses = [line.split()[-2] for line in server.log_lines("/reconcile")]
    assert statuses and "500" not in statuses
    assert httpx.get(url, timeout=10).status_code == 200  # and the service still answers
