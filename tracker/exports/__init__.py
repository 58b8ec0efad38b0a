"""Exchange formats: one module per format, each a pure function of a story's fold.

A format module exports `render(story: ExportInput) -> bytes` and knows nothing of Django,
the database or the clock; `registry.FORMATS` names every format with its media type, file
extension and rendering version. `tracker.services.exports` reads the story (now or at a
replay point), builds the `ExportInput` and calls the format.
"""
