"""JSON Schema for every kind of YAML file handouts reads (filled in below)."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def schema_path(kind: str) -> Path:
    return FOLDER / f"{kind}.json"


def schema_uri(kind: str) -> str:
    return schema_path(kind).as_uri()
