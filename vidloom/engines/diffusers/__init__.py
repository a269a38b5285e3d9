"""Open-weight engines through diffusers: the only package that imports diffusers.

`families` (the family table) and `registry` (models on this disk) import neither torch nor
diffusers, so what a registered model can do is known before it loads; the adapters
(`adapter` and one module per family) load and run it.
"""
