"""Benchmarks of gehoord against the raw event-store library, measured in the same run."""
