#!/usr/bin/env python3
"""Polls the job table and runs pending jobs."""
import logging
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Job:
    job_id: int
    payload: str


class Worker:
    def __init__(self, queue, interval=5.0):
        self.queue = queue
        self.interval = interval

    def run_once(self):
        job = self.queue.next()
        if job is None:
            return False
        try:
            self.handle(job)
        except ValueError as exc:
            log.warning("job %s failed: %s", job.job_id, exc)
        finally:
            self.queue.done(job)
        return True

    def handle(self, job):
        for line in job.payload.splitlines():
            print(line.upper())


if __name__ == "__main__":
    while True:
        time.sleep(1)
