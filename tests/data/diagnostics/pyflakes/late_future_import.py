"""Settings loader."""
from __future__ import annotations

import os
from __future__ import division


def home():
    return os.environ.get("HOME", "")
