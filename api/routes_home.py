"""The home page and its JSON twin (graph statistics), and the API documentation page (offline)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from rekg.api.entities import Describer
from rekg.api.problems import error_responses
from rekg.api.rendering import render
from rekg.api.state import DescriberDep, StatisticsDep
from rekg.graph.statistics import GraphStatistics
from rekg.ontology import REK_IRI

router = APIRouter(tags=["Home"])


def stats_json(statistics: GraphStatistics, describer: Describer) -> dict[str, Any]:
    data = asdict(statistics)
    kinds = describer.vocabulary.kinds()
    data["entityLabels"] = {name: describer.vocabulary.term(REK_IRI + name) for name in statistics.entities}
    data["relationLabels"] = {name: describer.vocabulary.relation(name) for name in statistics.relations}
    data["kinds"] = kinds
    return data


@router.get("/api/stats", summary="Graph statistics", responses=error_responses(400))
def stats(statistics: StatisticsDep, describer: DescriberDep) -> dict[str, Any]:
    """Quads, graphs, entities per type, relations per property, assertions, documents, bilingual labels."""
    return stats_json(statistics, describer)


@router.get("/", summary="Home page", include_in_schema=False)
def home(request: Request, statistics: StatisticsDep, describer: DescriberDep) -> Response:
    """HTML twin of ``/api/stats``, with the search box."""
    return render(
        request, "home.html", {"stats": stats_json(statistics, describer)}, title="rekg · 稀土产业知识图谱"
    )


@router.get("/docs", summary="API documentation", include_in_schema=False)
def docs(request: Request) -> Response:
    """The OpenAPI description as a page (HTML twin of ``/openapi.json``), with no external resources."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append({
                "path": path,
                "method": method.upper(),
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "tags": operation.get("tags", []),
                "parameters": [
                    {"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                     "description": p.get("description", "")}
                    for p in operation.get("parameters", [])
                ],
            })  # fmt: skip
    return render(
        request, "docs.html", {"operations": operations, "info": schema.get("info", {})}, title="API"
    )
