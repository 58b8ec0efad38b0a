"""Request and response schemas of the REST API, named XxxIn / XxxOut."""
