"""A local HTTP server that answers like an Elasticsearch 8 cluster, recording each request.

It knows only what the engine's own requests need (indices with aliases, bulk, search,
alias swaps), and answers searches with whatever the test queues. It proves what the
engine *sends* and how it handles answers; what a real cluster returns for the fixed data
set is the contract suite's job (tests/search/test_contract.py, with ELASTICSEARCH_URL).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Request:
    method: str
    path: str
    body: object  # parsed JSON, a list of NDJSON lines, or None


@dataclass
class FakeCluster:
    indices: dict[str, set[str]] = field(default_factory=dict)  # index -> its aliases
    requests: list[Request] = field(default_factory=list)
    search_answers: list[tuple[int, dict]] = field(default_factory=list)
    url: str = ""

    def sent(self, path_end: str, method: str | None = None) -> list[object]:
        """Bodies of the requests whose path ends so (and with this method, if given)."""
        return [
            r.body
            for r in self.requests
            if r.path.endswith(path_end) and method in (None, r.method)
        ]

    def answer(self, request: Request) -> tuple[int, dict]:
        method, parts = request.method, [p for p in request.path.split("/") if p]
        if method == "GET" and parts[-1] == "_alias":
            return 200, {
                name: {"aliases": {alias: {} for alias in a}} for name, a in self.indices.items()
            }
        if parts == ["_bulk"]:
            return 200, {"errors": False, "items": self._bulk_items(request.body)}
        if method == "PUT" and len(parts) == 1:
            self.indices[parts[0]] = set(request.body.get("aliases", {}))
            return 200, {"acknowledged": True, "index": parts[0]}
        if method == "POST" and parts[-1] == "_search":
            return self.search_answers.pop(0)
        if method == "POST" and parts == ["_aliases"]:
            self._update_aliases(request.body["actions"])
            return 200, {"acknowledged": True}
        if method == "POST" and parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if method == "DELETE" and len(parts) == 1:
            self.indices.pop(parts[0], None)
            return 200, {"acknowledged": True}
        return 400, {"error": f"the fake cluster does not know {method} {request.path}"}

    def _bulk_items(self, lines: list[dict]) -> list[dict]:
        actions = [line for line in lines if {"index", "delete"} & line.keys()]
        return [
            {op: {"_index": meta["_index"], "_id": meta["_id"], "status": 201}}
            for action in actions
            for op, meta in action.items()
        ]

    def _update_aliases(self, actions: list[dict]) -> None:
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.indices[spec["index"]].add(spec["alias"])
            elif kind == "remove":
                self.indices[spec["index"]].discard(spec["alias"])
            elif kind == "remove_index":
                del self.indices[spec["index"]]


def _handler(cluster: FakeCluster) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _respond(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            body: object = None
            if raw and self.path.split("?")[0].endswith("_bulk"):
                body = [json.loads(line) for line in raw.splitlines() if line]
            elif raw:
                body = json.loads(raw)
            request = Request(self.command, urlsplit(self.path).path, body)
            cluster.requests.append(request)
            status, answer = cluster.answer(request)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _respond

        def log_message(self, *args) -> None:
            """Quiet: the requests are in `cluster.requests`."""

    return Handler


def serve(cluster: FakeCluster):
    """Start serving `cluster` on a free local port; returns the server (call shutdown())."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(cluster))
    cluster.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server
