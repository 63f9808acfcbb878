"""In-process runtime: per-run event logs that any number of subscribers can follow and resume."""
