"""Modules imported when first used, so a command pays only for what it runs."""

from __future__ import annotations

import importlib
from types import ModuleType


class OnFirstUse:
    """Stands for a module and imports it at the first attribute looked up on it."""

    def __init__(self, name: str):
        self._name = name

    def _module(self) -> ModuleType:
        return importlib.import_module(self._name)

    def __getattr__(self, attribute: str):
        return getattr(self._module(), attribute)
