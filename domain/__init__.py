"""The domain of gehoord: complaints, their lifecycle rules and events; no I/O."""
