"""Benchmarks: every figure is a ratio against the bare stack measured in the same run."""
