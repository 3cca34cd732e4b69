"""The former name of :mod:`kerastour_helpers.cache`, kept only while modules move over to it."""

from .cache import *  # noqa: F401,F403
from .cache import DATA_DIR, DataFileError  # noqa: F401
