import os
import sys
from typing import List, Optional


def first(items: List[str]) -> str:
    return items[0] if items else sys.argv[0]
