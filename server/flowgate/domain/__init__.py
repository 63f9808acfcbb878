"""Domain types shared by every layer: models, events and errors. Imports nothing of ours."""
