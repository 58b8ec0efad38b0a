"""The one NinjaAPI instance and its routers."""

from ninja import NinjaAPI

from tracker.api import health

api = NinjaAPI(title="News tracker API", version="1", urls_namespace="api")
api.add_router("/", health.router)
