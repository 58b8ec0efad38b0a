"""Routes of the backoffice pages, mounted under /admin/newsroom/ before the admin's own."""

from django.urls import path

from tracker.backoffice.views import actors, developments, exports, stories

app_name = "backoffice"

urlpatterns = [
    path("", stories.stories, name="home"),
    path("stories/", stories.stories, name="stories"),
    path("stories/new/", stories.story_open, name="story-open"),
    path("stories/<str:story>/", stories.story, name="story"),
    path("stories/<str:story>/timeline/", exports.timeline, name="story-timeline"),
    path("stories/<str:story>/export/<str:format_name>/", exports.download, name="story-export"),
    path("stories/<str:story>/record/<str:type_name>/", developments.record, name="record"),
    path(
        "stories/<str:story>/developments/<uuid:event_id>/correct/",
        developments.correct,
        name="correct",
    ),
    path(
        "stories/<str:story>/developments/<uuid:event_id>/retract/",
        developments.retract,
        name="retract",
    ),
    path("actors/", actors.actors, name="actors"),
    path("actors/suggest.json", actors.suggest, name="actor-suggest"),
    path("actors/<uuid:actor_id>/", actors.actor, name="actor"),
    path("actors/<uuid:actor_id>/alias/", actors.alias_add, name="actor-alias"),
    path("actors/<uuid:actor_id>/merge/", actors.merge, name="actor-merge"),
]
