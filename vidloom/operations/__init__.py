"""Operations: one registry (named inputs, typed parameters, feature, provenance) under every face.

The CLI, the Python API, the API's checks at submit and the worker all go through it.
Importing it loads no torch and no feature; `produce` runs one, `files` writes the result as MP4s.
"""

from .params import Params
from .registry import OPERATIONS, Need, Operation, Slot, check_request, get_operation, check_engine

__all__ = ["OPERATIONS", "Need", "Operation", "Params", "Slot", "check_request", "get_operation", "check_engine"]
