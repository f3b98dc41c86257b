"""The console's page routes, one module per part of the work."""
