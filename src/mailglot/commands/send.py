"""`mailglot send --to ADDR [--smtp HOST:PORT] JOB`: one built email to a test inbox."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import click
from click.core import ParameterSource

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.errors import UsageError, escape_control
from mailglot.output import BUILD_DIR
from mailglot.project.loader import find_root
from mailglot.reporting import errors_as_json, json_document, print_json, report_options
from mailglot.send import Delivery, current, find_job, send, server_name
from mailglot.send_message import Outgoing, prepare


def _hostport(value: str, from_env: bool = False) -> tuple[str, int]:
    """HOST:PORT, with an IPv6 address in brackets ([::1]:1025) as in a URL. A bad value the
    user did not type on this command line (MAILGLOT_SMTP) is named where it was set."""
    given = (
        f"MAILGLOT_SMTP={value!r} (set in the environment; --smtp overrides it):"
        if from_env
        else f"--smtp {value!r}:"
    )
    host, _, port = value.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:  # ::1, ::1:25: which part is the port?
        raise UsageError(f"{given} an IPv6 address goes in brackets, then the port: [::1]:25")
    if not host or not port.isascii() or not port.isdigit():
        raise UsageError(f"{given} expected HOST:PORT, e.g. localhost:1025")
    if not 1 <= int(port) <= 65535:
        raise UsageError(f"{given} the port must be from 1 to 65535")
    return host, int(port)


@click.command("send")
@click.argument("job")
@click.option("--to", "to", required=True, help="The test inbox.")
@click.option(
    "--smtp",
    default="localhost:25",
    show_default=True,
    envvar="MAILGLOT_SMTP",
    help="SMTP server as HOST:PORT (or MAILGLOT_SMTP).",
)
@click.option("--starttls", is_flag=True, help="Upgrade the connection with STARTTLS.")
@report_options
@click.pass_context
def command(
    ctx: click.Context, job: str, to: str, smtp: str, starttls: bool, as_json: bool, quiet: bool
) -> None:
    """Send a built JOB (campaign/locale/variant) to a test inbox, with the preview's sample data."""
    with errors_as_json("send", as_json):  # a wrong job, address or server: still JSON
        host, port = _hostport(
            smtp, ctx.get_parameter_source("smtp") is ParameterSource.ENVIRONMENT
        )
        root = find_root(project_dir(ctx))
        eml = find_job(root / BUILD_DIR, job)
        current(root / BUILD_DIR, eml)  # a failed job's .eml is an earlier build's
        name = eml.relative_to(root).as_posix()
        out = prepare(eml.read_bytes(), to, datetime.now(UTC).astimezone(), name)
        delivery = send(out, host, port, starttls=starttls)
    job = eml.parent.relative_to(root / BUILD_DIR).as_posix()  # with its variant
    where = server_name(host, port)
    if as_json:
        summary = {
            "job": job,
            "eml": eml.relative_to(root).as_posix(),
            "to": out.to,
            "accepted": list(delivery.accepted),
            "refused": [asdict(r) for r in delivery.refused],
            "subject": out.subject,  # as the inbox shows it: JSON escapes it
            "smtp": where,
            "starttls": starttls,
            "message_id": out.message_id,
            "bytes": delivery.size,  # as sent (CRLF line ends, 7-bit when re-encoded)
            "body": delivery.body,  # 7bit, 8bitmime, 7bit-reencoded or smtputf8
        }
        print_json(json_document("send", not delivery.refused, summary, []))
    elif delivery.refused or not quiet:  # a refused recipient is an error: --quiet shows it
        err.print(f"mailglot: {_outcome(job, out, where, delivery)}", markup=False, highlight=False)
    if delivery.refused:
        ctx.exit(1)


def _outcome(job: str, out: Outgoing, where: str, delivery: Delivery) -> str:
    refused = "; ".join(str(r) for r in delivery.refused)
    if not delivery.accepted:
        return f"could not send through {where}: {refused}"
    to = escape_control(", ".join(delivery.accepted))
    sent = f"sent {escape_control(job)} ({_shown(out.subject)}) to {to} via {where}"
    return f"{sent}; {refused}" if refused else sent


def _shown(subject: str) -> str:
    """The subject on the terminal: control characters escaped and on one line, so an .eml
    cannot clear the screen, retitle the window or start a line of its own choosing. A
    build writes no line break into a subject; one shown is one the file holds."""
    return escape_control(subject).replace("\n", "\\x0a").replace("\t", "\\x09")
