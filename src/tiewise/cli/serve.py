"""``tiewise serve``: the local web app over the same core (see ``tiewise/web``)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from tiewise.cli.base import _state, app, console


def _url(address: str, port: int, token: str | None) -> str:
    shown = f"[{address}]" if ":" in address else address
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def _other_addresses(hosts: frozenset[str]) -> list[str]:
    """The machine's own addresses another device may use (not loopback, not link-local),
    IPv4 first."""
    found = []
    for name in hosts:
        try:
            address = ipaddress.ip_address(name.strip("[]"))
        except ValueError:  # a host name or name:port
            continue
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            found.append(address)
    return [str(a) for a in sorted(found, key=lambda a: (a.version, a))]


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
    from tiewise.web.safety import WILDCARD, allowed_hosts, is_loopback, new_token

    state = _state(ctx)
    token = None if is_loopback(host) else new_token()
    hosts = allowed_hosts(host, port)
    application = create_app(state.db, state.language, hosts, token)
    # bound to every address: the link for this machine first, then the machine's addresses
    shown = "127.0.0.1" if host in WILDCARD else host
    console.print(
        state.t("serve.open", url=_url(shown, port, token)), markup=False, highlight=False
    )
    others = _other_addresses(hosts) if host in WILDCARD else []
    if others:
        urls = "  ".join(_url(address, port, token) for address in others)
        console.print(state.t("serve.also", urls=urls), markup=False, highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
