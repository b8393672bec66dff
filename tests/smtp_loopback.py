"""A real SMTP server on loopback (aiosmtpd) for the send tests."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server(handler: Any, **options: Any) -> Iterator[str]:
    """`handler` serving SMTP on a free loopback port, as the HOST:PORT that --smtp takes;
    stopped when the block ends. `options` go to aiosmtpd's Controller (tls_context, ...)."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        controller.stop()
