"""The city API application: create_app(db_url) -> FastAPI."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

from city_api import blob_routes, sync_routes
from city_api.database import DEFAULT_URL, make_engine, make_sessionmakers
from city_api.errors import install_error_handlers
from city_api.models import load_all_models

TITLE = "City API 城市云脑接口"
VERSION = "1.0.0"
ENV_DB_URL = "CITY_API_DB_URL"


def _open311_router() -> Any | None:
    """Open311's router (city_api.open311, another module's job) when it is there."""
    try:
        from city_api import open311
    except ModuleNotFoundError:
        return None
    router = getattr(open311, "router", None)
    if router is None:
        try:
            from city_api.open311 import router as module  # type: ignore[attr-defined]
        except ModuleNotFoundError as exc:
            if exc.name != "city_api.open311.router":
                raise
            return None
        router = module
    return getattr(router, "router", router)  # a module holding `router`, or the APIRouter itself


def create_app(db_url: str = DEFAULT_URL, *, engine: Engine | None = None) -> FastAPI:
    """The app on the database at db_url (the schema must be at head: city_api.database.upgrade)."""
    load_all_models()
    engine = engine or make_engine(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title=TITLE, version=VERSION, lifespan=lifespan,
                  description="Sync feed and push for community devices, device enrolment, photos; "
                              "Open311 GeoReport v2. Protocol: docs in sync-protocol.md.")
    app.state.engine = engine
    app.state.read_sessions, app.state.write_sessions = make_sessionmakers(engine)
    app.state.enrol_limiter = sync_routes.FailureLimiter()
    install_error_handlers(app)
    app.include_router(sync_routes.router)
    app.include_router(blob_routes.router)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    open311 = _open311_router()
    if open311 is not None:
        app.include_router(open311)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers (`city-api serve --workers N`): the URL comes from the environment."""
    return create_app(os.environ.get(ENV_DB_URL, DEFAULT_URL))
