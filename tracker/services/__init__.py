"""Services (writes) and selectors (reads): the only entry points for the API and the admin."""
