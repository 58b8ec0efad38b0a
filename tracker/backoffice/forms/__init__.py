"""Forms of the backoffice: they parse what an editor typed, and nothing more."""
