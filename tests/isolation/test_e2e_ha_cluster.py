"""Our output in an Alertmanager HA cluster: three real peers gossip, every alert is posted to all
three (as Prometheus does), and each notification still reaches each of its tenant's receivers
exactly once, and no other tenant's, also after one peer is killed.

Peers deduplicate through the gossiped notification log: the peer at position n in the member list
waits n x ``--cluster.peer-timeout`` before it notifies, and skips what the log says is done. The
timings here are short (peer timeout 2 s, gossip 50 ms) and every wait runs past the last peer's
turn, so a duplicate would have arrived. The same servers show the metrics the health rules read
(receivers_cli/health/rules.py) with the labels they use.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, render_repo
from tests.judges import Judge, judge_exactly
from tests.tools import Sink, free_ports, post_alerts

FIXTURE = FIXTURES / "ha"
TENANTS = ("acme", "globex", "initech")
PEER_TIMEOUT = 2.0
# group_wait (1 s) + the last of three peers' turn (2 x peer timeout) + margin for a loaded machine.
QUIET = 1.0 + 2 * PEER_TIMEOUT + 3.0


@dataclass
class Peer:
    name: str
    url: str
    cluster: str
    proc: subprocess.Popen[bytes]
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        body = response.read()
    return json.loads(body) if url.endswith(("/status", "/alerts")) else body.decode()


def _start_cluster(judge: Judge, config: Path, work: Path, size: int = 3) -> list[Peer]:
    # Cluster and web ports drawn together: drawn one by one, a web port could be a peer's cluster port.
    ports = free_ports(2 * size)
    clusters = [f"127.0.0.1:{p}" for p in ports[:size]]
    peers = []
    for i, cluster in enumerate(clusters):
        port = ports[size + i]
        log = work / f"peer{i}.log"
        args = [
            f"--config.file={config}", f"--storage.path={work / f'data{i}'}",
            f"--web.listen-address=127.0.0.1:{port}", f"--cluster.listen-address={cluster}",
            *(f"--cluster.peer={other}" for other in clusters if other != cluster),
            f"--cluster.peer-timeout={PEER_TIMEOUT:g}s", "--cluster.gossip-interval=50ms",
            "--cluster.pushpull-interval=500ms", "--cluster.settle-timeout=3s", "--log.level=debug",
        ]
        with open(log, "wb") as out:
            proc = subprocess.Popen(judge.server_cmd(*args), stdout=out, stderr=subprocess.STDOUT)
        peers.append(Peer(f"peer{i}", f"http://127.0.0.1:{port}", cluster, proc, log))
    return peers


def _wait_formed(peers: list[Peer], expected: int, timeout: float = 30.0) -> None:
    """Every peer is ready and sees ``expected`` members."""
    deadline = time.monotonic() + timeout
    pending = list(peers)
    while pending:
        peer = pending[0]
        if peer.proc.poll() is not None:
            raise AssertionError(f"{peer.name} exited:\n{peer.log_tail()}")
        try:
            status = _get(f"{peer.url}/api/v2/status")
            if status["cluster"]["status"] == "ready" and len(status["cluster"]["peers"]) == expected:
                pending.pop(0)
                continue
        except (OSError, ValueError, KeyError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{peer.name} never saw {expected} members:\n{peer.log_tail()}")
        time.sleep(0.1)


def _stop(peer: Peer) -> None:
    if peer.proc.poll() is None:
        peer.proc.kill()
    peer.proc.wait(timeout=10)


@pytest.fixture(params=[(0, 25), (0, 33)], ids=["0.25", "0.33"])
def judge(request: pytest.FixtureRequest) -> Judge:
    version: tuple[int, int] = request.param
    return judge_exactly(version, server=True)


@pytest.fixture
def cluster(judge: Judge, sink: Sink, tmp_path: Path) -> Iterator[list[Peer]]:
    out = tmp_path / "out"
    render_repo(FIXTURE / "tenants", FIXTURE / "receivers.yaml", out, {"SINK": sink.url}, version=judge.label)
    peers = _start_cluster(judge, out / "alertmanager.yml", tmp_path)
    try:
        _wait_formed(peers, 3)
        yield peers
    finally:
        for peer in peers:
            _stop(peer)


def _alerts(batch: str) -> list[dict[str, Any]]:
    """Per tenant one critical and one warning alert; every alertname is unique to its tenant."""
    return [
        {"labels": {"alertname": f"{batch}-{tenant}-{severity}", "tenant": tenant, "severity": severity}}
        for tenant in TENANTS for severity in ("critical", "warning")
    ]


def _expected(batch: str) -> Counter[tuple[str, str]]:
    """(sink path, alertname) → 1: critical reaches both receivers of its tenant, warning only `everything`."""
    wanted: Counter[tuple[str, str]] = Counter()
    for tenant in TENANTS:
        wanted[(f"/{tenant}/everything", f"{batch}-{tenant}-critical")] = 1
        wanted[(f"/{tenant}/pager", f"{batch}-{tenant}-critical")] = 1
        wanted[(f"/{tenant}/everything", f"{batch}-{tenant}-warning")] = 1
    return wanted


def _deliveries(sink: Sink, batch: str) -> Counter[tuple[str, str]]:
    got: Counter[tuple[str, str]] = Counter()
    for path, body in list(sink.events):
        for alert in body.get("alerts", []) if isinstance(body, dict) else []:
            name = alert["labels"].get("alertname", "")
            if name.startswith(f"{batch}-"):
                got[(path, name)] += 1
    return got


def _post_everywhere(peers: list[Peer], alerts: list[dict[str, Any]]) -> None:
    """As Prometheus does: the same alerts to every peer that answers."""
    for peer in peers:
        post_alerts(peer.url, alerts)


def _assert_exactly_once(sink: Sink, batch: str) -> None:
    wanted = _expected(batch)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and set(_deliveries(sink, batch)) < set(wanted):
        time.sleep(0.1)
    time.sleep(QUIET)  # past the last peer's turn: a duplicate would be here by now
    got = _deliveries(sink, batch)
    for path, name in got:
        tenant = path.split("/")[1]
        assert name.startswith(f"{batch}-{tenant}-"), f"{name} reached another tenant's receiver {path}"
    assert got == wanted, f"deliveries differ: extra {got - wanted}, missing {wanted - got}"


@pytest.mark.alertmanager
def test_three_peers_notify_each_receiver_exactly_once_also_after_one_is_killed(
    cluster: list[Peer], sink: Sink
) -> None:
    _post_everywhere(cluster, _alerts("before"))
    _assert_exactly_once(sink, "before")

    # The first peer in the member order is the one that notifies first: kill it, not a bystander.
    victim = cluster[0]
    victim.proc.kill()
    victim.proc.wait(timeout=10)
    alive = cluster[1:]
    _post_everywhere(alive, _alerts("after"))
    _assert_exactly_once(sink, "after")
    # The first batch is not sent again by the survivors (they hold its log entries).
    assert _deliveries(sink, "before") == _expected("before")
    assert not [p for p, _ in sink.events if p.startswith("/_platform/")], "an alert fell to the platform default"


@pytest.mark.alertmanager
def test_a_clustered_peer_exposes_the_metrics_the_health_rules_read(cluster: list[Peer], judge: Judge) -> None:
    from receivers_cli.health.rules import REASON_LABEL_SINCE

    metrics = _get(f"{cluster[0].url}/metrics")
    assert re.search(r"^alertmanager_cluster_enabled 1$", metrics, re.M)
    assert re.search(r"^alertmanager_cluster_members 3$", metrics, re.M)
    assert re.search(r"^alertmanager_config_last_reload_successful 1$", metrics, re.M)
    failed = re.findall(r"^alertmanager_notifications_failed_total\{([^}]*)\}", metrics, re.M)
    assert failed
    labels = {pair.split("=")[0] for series in failed for pair in series.split(",")}
    expected = {"integration", "reason"} if judge.version >= REASON_LABEL_SINCE else {"integration"}
    assert labels == expected, "the health rules' by() labels no longer match this release"
