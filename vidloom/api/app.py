"""The FastAPI app factory: create_app(settings) builds the whole service (nothing at import time)."""
from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from .. import __version__
from ..service.context import Service
from ..service.settings import Settings, get_settings
from .. import web
from . import accounts, characters, details, drafts, errors, files, limits, models, openapi, streams, studio, studio_jobs, video_edits, videos
from .middleware import ResponseHeaders


def create_process_app() -> FastAPI:
    """The app of one API process of `vidloom serve --processes N` (uvicorn calls this in each child): it
    ends when `vidloom serve` does."""
    import os

    from ..service.processes import die_with

    die_with(int(os.environ["VIDLOOM_SERVE_PID"]))
    return create_app(process_wide=True)


def create_app(settings: Settings | None = None, engine=None, process_wide: bool = False) -> FastAPI:
    """The vidloom HTTP service. The database is migrated and the worker started when the app starts;
    `engine` (an already loaded Engine) is handed to the embedded worker instead of loading one.
    `process_wide`: the app is this process's only one and lives as long as it (`vidloom serve`), so
    what its start-up loaded is frozen out of the garbage collector's full passes."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from ..media.provenance import ensure_chain
        from ..safety import warm_up

        app.state.service = Service.start(settings, engine)
        app.state.event_streams = streams.StreamSlots(app.state.service.db, settings.event_streams_per_user,
                                                      settings.event_stream_lease_seconds)
        ensure_chain(settings.signing_path)  # the C2PA signing chain exists from the first start
        warm_up()  # the moderation chain loads now, not in each of the first requests at once
        if process_wide:
            # A full collection walks every tracked object, ~170k after start-up (routes, moderation tables,
            # WordNet), holding the GIL 107-139 ms here: a stall of every request of the process, about twice
            # a minute under load. Objects that live as long as the process need no walking (5 ms after)
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            app.state.service.stop()

    app = FastAPI(title="vidloom", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Self-hosted video generation with an OpenAI-compatible Videos API.")
    app.add_middleware(limits.BodyLimit, body_bytes=settings.max_body_bytes,
                       upload_bytes=settings.max_upload_bytes + settings.max_body_bytes)  # the file plus its fields
    # /docs and /redoc are off: FastAPI serves them from a CDN; the schema stays at /openapi.json
    app.add_middleware(ResponseHeaders)
    errors.install(app)
    openapi.install(app)
    app.include_router(characters.router)
    app.include_router(video_edits.router)
    app.include_router(videos.router)
    app.include_router(files.router)
    app.include_router(models.router)
    app.include_router(accounts.router)
    app.include_router(studio.router)
    app.include_router(drafts.router)  # before studio_jobs: /v1/studio/drafts is not an operation
    app.include_router(studio_jobs.router)
    app.include_router(details.router)

    @app.get("/healthz", tags=["health"], responses={503: {}})
    def healthz(request: Request):
        """200 when the database answers a real query; 503 when it is unreachable or corrupt."""
        problem = request.app.state.service.db.check()
        if problem:
            raise errors.APIError(503, f"the database is not usable: {problem}", "database_unavailable")
        return {"ok": True}

    web.mount(app)  # the studio at /, after every API route
    return app
