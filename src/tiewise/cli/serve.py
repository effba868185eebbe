"""``tiewise serve``: the local web app over the same core (see ``tiewise/web``)."""

from __future__ import annotations

from typing import Annotated

import typer

from tiewise.cli.base import _state, app, console


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you need more.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
) -> None:
    """Open the web app: dashboard, network map, contacts, goals, advice, events, import.
    On a non-loopback address every browser needs the access token printed here."""
    import uvicorn

    from tiewise.web.app import create_app
    from tiewise.web.safety import allowed_hosts, is_loopback, new_token

    state = _state(ctx)
    token = None if is_loopback(host) else new_token()
    application = create_app(state.db, state.language, allowed_hosts(host, port), token)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    console.print(state.t("serve.open", url=url), markup=False, highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
