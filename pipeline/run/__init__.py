"""The batch runner: scanning, worker processes with limits, the cache and progress."""
