"""The console: Dutch web pages for staff, on the same use cases as the API."""
