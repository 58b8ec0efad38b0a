"""The one NinjaAPI instance: its routers, its error handlers, its offline docs."""

from ninja import Swagger

from tracker.api import actors, developments, events, exports, feeds, handlers, health, stories
from tracker.api.parsing import StrictJSONParser
from tracker.api.rendering import TrackerRenderer
from tracker.api.routing import TrackerAPI

DESCRIPTION = (
    "Stories, their developments and actors, recorded as immutable events. "
    "Writes need `Authorization: Bearer <write token>`; errors are "
    '`{"code", "detail", "errors"?}`. A write is answered 201 once stored; when the read '
    "models could not be brought up to it in time, the answer says so in "
    "`X-Projection-Pending: <position>` (pass it as `min_position` to a read). A story whose "
    "later events could not be applied answers its last good state with a `stale` marker; "
    "`GET /health` lists such stories.\n\n"
    "The contract in prose: [API.md](/api/v1/docs/API.md); the development types and what "
    "the story state derives from them: [VOCABULARY.md](/api/v1/docs/VOCABULARY.md); "
    "running the tracker: [OPERATIONS.md](/api/v1/docs/OPERATIONS.md)."
)

api = TrackerAPI(
    title="News tracker API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    parser=StrictJSONParser(),
    renderer=TrackerRenderer(),
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
)
handlers.install(api)
for area in (stories, exports, feeds, developments, actors, events, health):
    api.add_router("/", area.router)
