"""OpenAI-compatible /v1/models: the sora-* names (and dated snapshots) and vidloom's own engines.

Each entry also says (vidloom extension fields) which sizes and lengths a create request may name
under it, and the native sizes its engine draws before the MP4 is resized to the requested size.
"""
from __future__ import annotations

from fastapi import APIRouter

from ..engines.catalog import capabilities, names
from ..service import sizes
from .deps import CurrentUser, Svc
from .errors import APIError
from .openai_contract import SECONDS, SORA_MODELS, SORA_SIZES
from .schemas import ModelList, ModelObject

router = APIRouter(prefix="/v1", tags=["models"])
CREATED = {"sora-2": 1759708800, "sora-2-pro": 1759708800, "sora-2-2025-10-06": 1759708800,
           "sora-2-pro-2025-10-06": 1759708800, "sora-2-2025-12-08": 1765152000}  # release dates (UTC)
ENGINES_CREATED = 1767225600  # vidloom's own entries: listed without a release date of their own


def _native(engine: str) -> list[str]:
    return [f"{w}x{h}" for w, h in capabilities(engine).sizes.values()]


def catalogue(sora_engine: str) -> list[ModelObject]:
    """Every model name a create request accepts; the sora-* names run on `sora_engine`."""
    out = [ModelObject(id=name, created=CREATED[name], owned_by="vidloom", sizes=list(SORA_SIZES[base]),
                       seconds=list(SECONDS), native_sizes=_native(sora_engine), engine=sora_engine)
           for name, base in SORA_MODELS.items()]
    for engine in names():
        caps = capabilities(engine)
        native = _native(engine)
        whole = [str(s) for s in range(1, int(caps.max_seconds) + 1)]
        out.append(ModelObject(id=engine, created=ENGINES_CREATED, owned_by="vidloom",
                               sizes=sorted(set(native) | set(sizes.OPENAI_SIZES)), seconds=whole,
                               native_sizes=native, engine=engine))
    return out


@router.get("/models", response_model=ModelList, responses={401: {}})
def list_models(_user: CurrentUser, svc: Svc):
    """The models this server runs."""
    return ModelList(data=catalogue(svc.settings.engine))


@router.get("/models/{model}", response_model=ModelObject, responses={401: {}, 404: {}})
def retrieve_model(model: str, _user: CurrentUser, svc: Svc):
    """One model by name."""
    for entry in catalogue(svc.settings.engine):
        if entry.id == model:
            return entry
    raise APIError(404, f"The model '{model}' does not exist", "model_not_found", "model")
