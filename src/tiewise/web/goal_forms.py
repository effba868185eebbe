"""Removing a goal and restoring it on the goals page: *Remove* keeps the goal as it was and the
outcomes that served it; *Restore* under *Removed goals* puts both back (``tiewise.goallog``,
as ``tiewise goals remove | restore``)."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.routing import Route

from tiewise.goallog import remove_goal, restore_goal
from tiewise.goals import goal_label
from tiewise.i18n import text
from tiewise.web import posting
from tiewise.web.posting import Done, Form, form_routes
from tiewise.web.site import Site


def routes(site: Site) -> list[Route]:
    store = site.workspace.store

    def remove(request: Request, form: FormData, language: str) -> Done:
        removal = remove_goal(store, str(request.path_params["key"]), posting.now(site))
        label = goal_label(removal.goal, language)
        message = text("saved.goal_removed", language, goal=label)
        return "/goals", f"{message} {text('goals.restore_hint', language)}"

    def restore(request: Request, form: FormData, language: str) -> Done:
        goal = restore_goal(store, int(request.path_params["removal_id"]), posting.now(site))
        return "/goals", text("saved.goal_restored", language, goal=goal_label(goal, language))

    forms: list[Form] = [
        ("/goals/{key}/remove", remove, "goals", False),
        ("/goals/removed/{removal_id:int}/restore", restore, "goals", False),
    ]
    return form_routes(site, forms)
