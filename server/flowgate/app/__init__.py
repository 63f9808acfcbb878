"""Use cases. Each opens a unit of work, authorizes the caller, does one thing."""
