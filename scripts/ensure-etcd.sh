#!/usr/bin/env bash
# Brings this machine to the state the etcd side-by-side benchmark (bench suite `etcd-compare`)
# needs: Debian's etcd-server installed and one etcd member running on loopback only, clients on
# 127.0.0.1:2379 and peers on 127.0.0.1:2380, data under /tmp/orch-etcd, with etcd's default
# durability (every commit fsyncs its WAL). Benchmarks only: no test depends on it.
# Idempotent: when our etcd is already up and healthy, a second run only checks (well under a second).
#
# Usage: bash scripts/ensure-etcd.sh          start (or check) the benchmark etcd
#        bash scripts/ensure-etcd.sh --stop   stop it (the data directory stays until the next start)
#
# Network rule: nothing here configures or talks to any address but loopback (and apt's configured
# package mirror when etcd-server is missing).
set -euo pipefail

readonly LOG_DIR=/var/log/orchestrator
readonly APT_LOG="$LOG_DIR/apt-etcd.log"
readonly DEADLINE_SECONDS="${ENSURE_ETCD_DEADLINE:-30}"
readonly HOST=127.0.0.1
readonly CLIENT_PORT=2379
readonly PEER_PORT=2380
readonly MEMBER=orch-bench
readonly BASE_DIR=/tmp/orch-etcd
readonly DATA_DIR="$BASE_DIR/data"
readonly PID_FILE="$BASE_DIR/etcd.pid"
readonly ETCD_LOG="$BASE_DIR/etcd.log"
readonly CLIENT_URL="http://$HOST:$CLIENT_PORT"
readonly PEER_URL="http://$HOST:$PEER_PORT"

ENSURE_NAME=ensure-etcd
# shellcheck source=lib/ensure-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-common.sh"
actions=()
installed_now=0

[[ $EUID -eq 0 ]] || die "must run as root (installs packages)"

mkdir -p "$LOG_DIR" "$BASE_DIR"

# Two concurrent runs would both try to start a member on the same ports.
exec 9>/var/lock/orchestrator-ensure-etcd.lock
flock -w 120 9 || die "another ensure-etcd run held the lock for 120s"

# ---------------------------------------------------------------- helpers

# The pid of our etcd, when the pid file names a live etcd started with our data directory.
our_pid() {
    [[ -r $PID_FILE ]] || return 1
    local pid
    pid=$(<"$PID_FILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    [[ $cmdline == *etcd* && $cmdline == *"--data-dir $DATA_DIR"* ]] || return 1
    echo "$pid"
}

# Who listens on a loopback TCP port ("" when nobody).
listener_of() {
    ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1
}

healthy() {
    local body
    body=$(curl -sS --max-time 2 --noproxy '*' "$CLIENT_URL/health" 2>/dev/null) || return 1
    [[ $body == *'"health":"true"'* ]]
}

show_log() {
    if [[ -r $ETCD_LOG ]]; then
        echo "----- last lines of $ETCD_LOG -----" >&2
        tail -n 30 "$ETCD_LOG" >&2 || true
        echo "-----" >&2
    fi
}

stop_ours() {
    local pid
    pid=$(our_pid) || return 0
    kill "$pid" 2>/dev/null || true
    local deadline=$(($(date +%s) + 10))
    while kill -0 "$pid" 2>/dev/null; do
        (($(date +%s) < deadline)) || {
            kill -9 "$pid" 2>/dev/null || true
            break
        }
        sleep 0.1
    done
    rm -f "$PID_FILE"
    actions+=("stopped etcd pid $pid")
}

# ---------------------------------------------------------------- package

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

has_candidate() {
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')
    [[ -n $candidate && $candidate != "(none)" ]]
}

ensure_package() {
    if is_installed etcd-server && [[ -x /usr/bin/etcd ]]; then
        return 0
    fi
    note "installing etcd-server (log: $APT_LOG)"
    local status=0
    {
        if ! has_candidate etcd-server; then
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
        fi &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server
    } >"$APT_LOG" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
        tail -n 30 "$APT_LOG" >&2 || true
        die "apt-get failed (exit $status) installing etcd-server; full log: $APT_LOG"
    fi
    [[ -x /usr/bin/etcd ]] || die "etcd-server installed but /usr/bin/etcd is missing"
    installed_now=1
    actions+=("installed etcd-server")
}

# Debian's package may start its own service (data in /var/lib/etcd, clients on localhost:2379) on a
# machine whose policy allows it. Only a service this run just installed is stopped; anything else
# on our ports belongs to someone else and is reported, never killed.
ensure_ports_free() {
    local port holder
    for port in "$CLIENT_PORT" "$PEER_PORT"; do
        holder=$(listener_of "$port")
        [[ -z $holder ]] && continue
        if [[ $installed_now -eq 1 && $holder == *etcd* ]]; then
            note "stopping the etcd service the package just started (it holds port $port)"
            service etcd stop >/dev/null 2>&1 || /etc/init.d/etcd stop >/dev/null 2>&1 || true
            local deadline=$(($(date +%s) + 10))
            while [[ -n $(listener_of "$port") ]]; do
                (($(date +%s) < deadline)) || break
                sleep 0.2
            done
            holder=$(listener_of "$port")
            [[ -z $holder ]] && {
                actions+=("stopped the distribution's etcd service")
                continue
            }
        fi
        die "port $HOST:$port is already in use and not by this script's etcd: $holder"
    done
}

# ---------------------------------------------------------------- member

start_member() {
    mkdir -p "$DATA_DIR"
    chmod 700 "$DATA_DIR"
    local state=new
    # An existing member directory is restarted as it is (its WAL holds the cluster identity).
    [[ -d $DATA_DIR/member ]] && state=existing
    note "starting etcd ($state data in $DATA_DIR, log $ETCD_LOG)"
    # A clean environment: ETCD_* variables of the caller would silently override the flags.
    # setsid: the member outlives this script; 9>&-: it must not inherit (and hold) our lock.
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$BASE_DIR" \
        setsid /usr/bin/etcd \
        --name "$MEMBER" \
        --data-dir "$DATA_DIR" \
        --listen-client-urls "$CLIENT_URL" \
        --advertise-client-urls "$CLIENT_URL" \
        --listen-peer-urls "$PEER_URL" \
        --initial-advertise-peer-urls "$PEER_URL" \
        --initial-cluster "$MEMBER=$PEER_URL" \
        --initial-cluster-state "$state" \
        --initial-cluster-token orch-bench \
        </dev/null >>"$ETCD_LOG" 2>&1 9>&- &
    local pid=$!
    echo "$pid" >"$PID_FILE"
    actions+=("started etcd pid $pid")

    local deadline=$(($(date +%s) + DEADLINE_SECONDS))
    until healthy; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            show_log
            die "etcd exited during start-up"
        fi
        if (($(date +%s) >= deadline)); then
            show_log
            kill "$pid" 2>/dev/null || true
            rm -f "$PID_FILE"
            die "etcd did not report healthy on $CLIENT_URL/health within ${DEADLINE_SECONDS}s"
        fi
        sleep 0.2
    done
}

# The JSON gateway's prefix differs across etcd releases (/v3beta in 3.3, /v3 from 3.4); the
# benchmark client probes the same way, and this check proves a put through the gateway works.
probe_gateway() {
    local prefix body
    for prefix in v3 v3beta; do
        # key "orch-probe", value "ok", base64-encoded as the gateway wants.
        body=$(curl -sS --max-time 3 --noproxy '*' -X POST "$CLIENT_URL/$prefix/kv/put" \
            -d '{"key":"b3JjaC1wcm9iZQ==","value":"b2s="}' 2>/dev/null) || continue
        if [[ $body == *'"header"'* ]]; then
            GATEWAY="/$prefix"
            return 0
        fi
    done
    show_log
    die "neither $CLIENT_URL/v3/kv/put nor /v3beta/kv/put accepted a put"
}

# ---------------------------------------------------------------- main

if [[ ${1:-} == --stop ]]; then
    stop_ours
    echo "ensure-etcd: ${actions[*]:-nothing was running}"
    exit 0
fi
[[ $# -eq 0 ]] || die "unknown argument '$1' (usage: ensure-etcd.sh [--stop])"

ensure_package
version=$(/usr/bin/etcd --version 2>/dev/null | awk '/etcd Version:/ { print $3 }')
[[ -n $version ]] || die "etcd --version printed no version"

if pid=$(our_pid) && healthy; then
    : # already up
else
    # A member of ours that is alive but unhealthy is restarted rather than trusted.
    stop_ours
    ensure_ports_free
    start_member
fi
probe_gateway

if [[ ${#actions[@]} -eq 0 ]]; then
    summary="nothing to do"
else
    summary=$(IFS=';'; echo "${actions[*]}")
    summary=${summary//;/; }
fi
echo "ensure-etcd: ready in $(($(date +%s) - started_at))s: etcd $version (pid $(our_pid)) on $CLIENT_URL, peers $PEER_URL, gateway $GATEWAY, data $DATA_DIR ($summary)"
