"""Content negotiation: reading ``Accept`` (with q-values and wildcards) and ``format=`` overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from starlette.requests import Request

from rekg.api.problems import BadRequestError


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (by q, then by order); ``*/*`` when there is none."""
    if not header or not header.strip():
        return ["*/*"]
    if "," not in header and ";" not in header:  # one range, no parameters: what most clients send
        return [header.strip().lower()]
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranges)] or ["*/*"]


def choose(accepted: Iterable[str], offers: Mapping[str, str], default: str | None) -> str | None:
    """The format of the first accepted media range that an offer matches (``offers``: media type → format).

    ``*/*`` takes ``default``; ``type/*`` takes the first offer of that type. None when nothing matches.
    """
    for media in accepted:
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            for offered, fmt in offers.items():
                if offered.startswith(family):
                    return fmt
            continue
        if media in offers:
            return offers[media]
    return None


def format_values(params: Iterable[tuple[str, str]]) -> list[str]:
    """The values of ``format=`` (or ``output=``, as some clients send) among a query string's fields,
    lower-cased."""
    fields = list(params)
    values = [v for k, v in fields if k == "format"] or [v for k, v in fields if k == "output"]
    return [value.strip().lower() for value in values if value.strip()]


def pick_format(values: Iterable[str], names: Mapping[str, str], media: Mapping[str, str]) -> str | None:
    """The first of ``values`` that names a format (``json``) or a media type (``text/turtle``) offered."""
    for value in values:
        if value in names:
            return names[value]
        if value in media:
            return media[value]
    return None


def unknown_format(values: list[str], names: Iterable[str]) -> BadRequestError:
    return BadRequestError(f"unknown format {values[0]!r}; use one of {', '.join(sorted(set(names)))}")


def prefers_html(request: Request) -> bool:
    """Whether the client (a browser) ranks HTML first among what it accepts."""
    accepted = parse_accept(request.headers.get("accept"))
    return bool(accepted) and accepted[0] in {"text/html", "application/xhtml+xml"}
