"""The tracker's own documents (docs/*.md) as plain text, so the API description can link them."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from tracker.api.errors import error_response

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
DOCUMENTS = frozenset({"API.md", "VOCABULARY.md", "OPERATIONS.md"})


@csrf_exempt  # reads only; any other method answers the JSON 405, not the CSRF page
def document(request: HttpRequest, name: str) -> HttpResponse:
    """Answer one of the documents as UTF-8 text; any other name is 404."""
    if request.method not in ("GET", "HEAD"):
        answer = error_response(
            405, "method_not_allowed", "This path allows only GET, HEAD.", allowed="GET, HEAD"
        )
        answer["Allow"] = "GET, HEAD"
        return answer
    path = DOCS_DIR / name
    if name not in DOCUMENTS or not path.is_file():
        known = ", ".join(sorted(DOCUMENTS))
        return error_response(404, "not_found", f"No document {name[:80]!r}; there are {known}.")
    response = HttpResponse(path.read_bytes(), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
