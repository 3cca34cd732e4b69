"""Kept for the pickers' imports: the tables live in :mod:`kerastour_helpers.display`."""

from ..display import Preformatted, Table  # noqa: F401
