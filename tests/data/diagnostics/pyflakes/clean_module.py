"""A small module pyflakes has nothing to say about."""
import json
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int

    def to_json(self) -> str:
        return json.dumps({"x": self.x, "y": self.y})


def parse(text: str) -> Point:
    data = json.loads(text)
    return Point(int(data["x"]), int(data["y"]))
