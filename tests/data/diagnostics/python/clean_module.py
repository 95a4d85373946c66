#!/usr/bin/env python3
"""Small but real module: classes, decorators, f-strings, async, match."""
from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float

    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


async def fetch(session, url: str) -> str:
    async with session.get(url) as response:
        return await response.text()


def describe(value):
    match value:
        case Point(x=0, y=0):
            return "origin"
        case _:
            return f"point at {value.x:.1f}, {value.y:.1f} — ünïcode"
