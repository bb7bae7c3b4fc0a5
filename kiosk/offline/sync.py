"""Upload pass: send queued offline admissions to the host, in scan order.

Each item goes with ``force=true``, its original ``datetime`` and its original nonce, so
an upload whose answer was lost is harmless to repeat. Per item:

* ``ok`` (or ``already_redeemed`` from a server that ignores force) -> uploaded;
* a business rejection (``unknown_ticket``, ``unpaid``, ``product``, any other reason) ->
  the rejected list, never retried;
* HTTP 4xx other than 403/404/429 (e.g. 400 for a malformed value) -> rejected as ``invalid``;
* HTTP 5xx or an unreadable answer -> skipped for now. Only if another upload of the same
  pass got an answer does it count against the item (after ``max_attempts`` it is rejected
  as ``host_error``, so it cannot block the queue forever); a host failing on every redeem
  (say, its disk is full) never makes the station drop its queue. Two such failures with
  no other answer stop the pass;
* no answer, 403, 404, 429 -> the pass stops and everything stays queued for later.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.client import PretixdroidClient
from kiosk.client.errors import HostError, HostProblem
from kiosk.offline.queue import CheckinQueue

log = logging.getLogger(__name__)


@dataclass
class UploadReport:
    """What one pass did; ``error`` is the problem that stopped it early, if any."""

    uploaded: int = 0
    rejected: int = 0
    remaining: int = 0
    error: HostProblem | None = None


def upload_pending(
    client: PretixdroidClient,
    queue: CheckinQueue,
    limit: int = 50,
    max_attempts: int = 3,
) -> UploadReport:
    """Upload up to ``limit`` queued admissions; stops at the first problem that is not the item's."""
    report = UploadReport()
    host_answered = False  # another upload of this pass got an answer: the host's redeem works
    failed = []  # items answered with 5xx / unreadable: the item's fault only if the host works
    for item in queue.pending(limit):
        try:
            result = client.redeem(
                item.secret, item.nonce, when=item.when, force=True, ignore_unpaid=item.ignore_unpaid
            )
        except HostError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                log.warning("offline check-in %s rejected by the host: %s", item.id, exc.detail)
                queue.reject(item, "invalid")
                report.rejected += 1
                host_answered = True
                continue
            report.error = exc
            failed.append(item)
            if len(failed) >= 2 and not host_answered:
                break  # two in a row and nothing else answered: the host itself is failing
            continue
        except HostProblem as exc:
            report.error = exc
            break
        host_answered = True
        if result.status == "ok" or result.reason == "already_redeemed":
            queue.mark_uploaded(item)
            report.uploaded += 1
        else:
            queue.reject(item, result.reason or "invalid", result.data)
            report.rejected += 1
    if host_answered:
        for item in failed:
            if queue.count_failed_attempt(item) >= max_attempts:
                log.warning("offline check-in %s failed %d times; moved to rejected", item.id, max_attempts)
                queue.reject(item, "host_error")
                report.rejected += 1
    report.remaining = queue.pending_count()
    return report
