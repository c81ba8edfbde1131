#!/usr/bin/env bash
# Brings this machine to the state the SQL journal tests need: Debian's PostgreSQL
# installed and running, listening on 127.0.0.1:5432, with a login role
# `orchestrator` (password `orchestrator`, CREATEDB) that owns `orchestrator_test`
# and can log in with its password from 127.0.0.1. Idempotent: a second run only
# checks (a few psql calls, well under a second).
#
# Network rule: nothing here configures or talks to any address but loopback
# (and apt's configured package mirror when PostgreSQL is missing).
set -euo pipefail

readonly LOG_DIR=/var/log/orchestrator
readonly APT_LOG="$LOG_DIR/apt-postgres.log"
readonly DEADLINE_SECONDS="${ENSURE_POSTGRES_DEADLINE:-60}"
readonly CLUSTER=main
readonly HOST=127.0.0.1
readonly PORT=5432
readonly ROLE=orchestrator
readonly PASSWORD=orchestrator
readonly DATABASE=orchestrator_test
# Marks the lines this script adds, so a reader of pg_hba.conf knows where they came from.
readonly MARKER="# added by ActorOrchestrator scripts/ensure-postgres.sh"

ENSURE_NAME=ensure-postgres
# shellcheck source=lib/ensure-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-common.sh"
actions=()

[[ $EUID -eq 0 ]] || die "must run as root (installs packages and starts the cluster)"

mkdir -p "$LOG_DIR"

# Two concurrent runs (e.g. two test suites) would race on pg_hba.conf and CREATE ROLE.
exec 9>/var/lock/orchestrator-ensure-postgres.lock
flock -w 300 9 || die "another ensure-postgres run held the lock for 300s"

# psql changes into the caller's directory; as the postgres user that may be unreadable.
cd /

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
    is_installed postgresql && return 0
    note "installing postgresql (log: $APT_LOG)"
    local status=0
    {
        # Refreshing the lists costs time and network; only do it when apt does not know the package.
        if ! has_candidate postgresql; then
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
        fi &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
    } >"$APT_LOG" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
        tail -n 30 "$APT_LOG" >&2 || true
        die "apt-get failed (exit $status) installing postgresql; full log: $APT_LOG"
    fi
    is_installed postgresql || die "postgresql still not installed after apt-get"
    actions+=("installed postgresql")
}

# ---------------------------------------------------------------- cluster

# The newest installed server version: Debian 12 ships 15, but do not hard-code it.
detect_version() {
    local version
    version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
    [[ -n $version && -x /usr/lib/postgresql/$version/bin/postgres ]] ||
        die "no PostgreSQL server binaries under /usr/lib/postgresql"
    echo "$version"
}

cluster_field() {
    # pg_lsclusters -h: version cluster port status owner datadir logfile
    pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" -v c="$CLUSTER" -v f="$1" '$1 == v && $2 == c { print $f }'
}

log_file() {
    local file
    file=$(cluster_field 7)
    echo "${file:-/var/log/postgresql/postgresql-$VERSION-$CLUSTER.log}"
}

fail_with_log() {
    local file
    file=$(log_file)
    if [[ -r $file ]]; then
        echo "----- last lines of $file -----" >&2
        tail -n 40 "$file" >&2 || true
        echo "-----" >&2
    fi
    die "$*"
}

ensure_cluster_exists() {
    [[ -n $(cluster_field 2) ]] && return 0
    note "creating cluster $VERSION/$CLUSTER on port $PORT"
    pg_createcluster --port="$PORT" "$VERSION" "$CLUSTER" >"$LOG_DIR/pg_createcluster.log" 2>&1 9>&- || {
        tail -n 30 "$LOG_DIR/pg_createcluster.log" >&2 || true
        die "pg_createcluster $VERSION $CLUSTER failed"
    }
    actions+=("created cluster $VERSION/$CLUSTER")
}

# Listening on loopback only is what the tests need; the drop-in is written only when
# the cluster's own settings would not give 127.0.0.1:$PORT, so an admin's choice stays.
ensure_listen_config() {
    local conf_dir=/etc/postgresql/$VERSION/$CLUSTER
    local port listen
    port=$(cluster_field 3)
    # An unreadable configuration is not ours to "fix" with a drop-in; the start below reports it.
    listen=$(postgres_setting listen_addresses) || return 1
    local wanted_port=0 wanted_listen=0
    [[ $port == "$PORT" ]] || wanted_port=1
    if ! listen_covers_loopback "$listen"; then
        wanted_listen=1
    fi
    [[ $wanted_port -eq 0 && $wanted_listen -eq 0 ]] && return 1

    local drop_in="$conf_dir/conf.d/90-orchestrator.conf"
    mkdir -p "$conf_dir/conf.d"
    {
        echo "$MARKER"
        [[ $wanted_listen -eq 1 ]] && echo "listen_addresses = '$HOST'"
        [[ $wanted_port -eq 1 ]] && echo "port = $PORT"
    } >"$drop_in"
    chown postgres:postgres "$drop_in"
    actions+=("wrote $drop_in")
    return 0
}

# The value the server would use, read from the config files without a running server.
postgres_setting() {
    local conf=/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf
    runuser -u postgres -- "/usr/lib/postgresql/$VERSION/bin/postgres" \
        -D "$(cluster_field 6)" -c "config_file=$conf" -C "$1" 2>/dev/null
}

listen_covers_loopback() {
    local value=${1//[[:space:]]/}
    local item
    local -a items
    IFS=',' read -r -a items <<<"$value"
    for item in "${items[@]+"${items[@]}"}"; do
        case $item in
            '*' | 0.0.0.0 | localhost | "$HOST") return 0 ;;
        esac
    done
    return 1
}

cluster_running() {
    pg_ctlcluster "$VERSION" "$CLUSTER" status >/dev/null 2>&1
}

# Probes connect as an existing role (peer auth over the socket) to an existing database: the
# defaults (role and database "root") would make the server log a FATAL line per probe.
socket_ready() {
    runuser -u postgres -- pg_isready -q -h /var/run/postgresql -p "$PORT" -d postgres -t 2 >/dev/null 2>&1
}

tcp_ready() {
    pg_isready -q -h "$HOST" -p "$PORT" -U postgres -d postgres -t 2 >/dev/null 2>&1
}

wait_until_ready() {
    local deadline=$(($(date +%s) + DEADLINE_SECONDS))
    until socket_ready && tcp_ready; do
        cluster_running || fail_with_log "cluster $VERSION/$CLUSTER stopped during start-up"
        (($(date +%s) < deadline)) ||
            fail_with_log "cluster $VERSION/$CLUSTER did not accept connections on $HOST:$PORT within ${DEADLINE_SECONDS}s"
        sleep 0.2
    done
}

ensure_running() {
    local config_changed=$1
    if cluster_running; then
        if [[ $config_changed -eq 1 ]]; then
            note "restarting cluster $VERSION/$CLUSTER to apply the listen settings"
            # 9>&-: the new postmaster must not inherit (and hold) our lock.
            pg_ctlcluster "$VERSION" "$CLUSTER" restart >>"$LOG_DIR/pg_ctlcluster.log" 2>&1 9>&- ||
                fail_with_log "pg_ctlcluster $VERSION $CLUSTER restart failed"
            actions+=("restarted cluster $VERSION/$CLUSTER")
        fi
    else
        note "starting cluster $VERSION/$CLUSTER"
    # 9>&-: the postmaster outlives this script and must not inherit (and hold) our lock.
        # A postmaster.pid left by a killed server makes pg_ctl refuse; pg_ctlcluster handles
        # stale pid files itself when the pid is not alive, so no manual cleanup here.
        pg_ctlcluster "$VERSION" "$CLUSTER" start >>"$LOG_DIR/pg_ctlcluster.log" 2>&1 9>&- || {
            tail -n 10 "$LOG_DIR/pg_ctlcluster.log" >&2 || true
            fail_with_log "pg_ctlcluster $VERSION $CLUSTER start failed"
        }
        actions+=("started cluster $VERSION/$CLUSTER")
    fi
    wait_until_ready
}

# ---------------------------------------------------------------- role, database, access

as_postgres() {
    runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$PORT" -d postgres "$@"
}

ensure_role() {
    local row
    row=$(as_postgres -c "SELECT rolcanlogin::text || ',' || rolcreatedb::text FROM pg_roles WHERE rolname = '$ROLE'")
    if [[ -z $row ]]; then
        as_postgres -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >/dev/null
        actions+=("created role $ROLE")
    elif [[ $row != "true,true" ]]; then
        as_postgres -c "ALTER ROLE $ROLE LOGIN CREATEDB" >/dev/null
        actions+=("granted LOGIN CREATEDB to $ROLE")
    fi
}

ensure_database() {
    local owner
    owner=$(as_postgres -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$DATABASE'")
    if [[ -z $owner ]]; then
        as_postgres -c "CREATE DATABASE $DATABASE OWNER $ROLE" >/dev/null
        actions+=("created database $DATABASE")
    elif [[ $owner != "$ROLE" ]]; then
        as_postgres -c "ALTER DATABASE $DATABASE OWNER TO $ROLE" >/dev/null
        actions+=("made $ROLE owner of $DATABASE")
    fi
}

# The real test of everything above: what the test suite itself will do.
password_login_works() {
    PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -A -t -h "$HOST" -p "$PORT" -U "$ROLE" -d "$DATABASE" \
        -c 'SELECT 1' >/dev/null 2>"$LOG_DIR/psql-login.err"
}

ensure_hba() {
    local hba
    hba=$(as_postgres -c 'SHOW hba_file')
    [[ -f $hba ]] || die "pg_hba.conf not found at '$hba'"
    local rule="host    all             $ROLE    $HOST/32    scram-sha-256"
    if grep -qF "$MARKER" "$hba"; then
        return 1
    fi
    # pg_hba.conf is first-match: the rule goes before every existing one, so a broader
    # reject or peer line further down cannot shadow it.
    local tmp
    tmp=$(mktemp "$hba.XXXXXX")
    awk -v marker="$MARKER" -v rule="$rule" '
        !done && $0 !~ /^[[:space:]]*(#|$)/ { print marker; print rule; done = 1 }
        { print }
        END { if (!done) { print marker; print rule } }
    ' "$hba" >"$tmp"
    chown --reference="$hba" "$tmp"
    chmod --reference="$hba" "$tmp"
    mv "$tmp" "$hba"
    as_postgres -c 'SELECT pg_reload_conf()' >/dev/null
    actions+=("allowed $ROLE from $HOST/32 in $hba")
    return 0
}

ensure_access() {
    password_login_works && return 0

    # Either the password differs (role created by someone else) or pg_hba does not allow it.
    as_postgres -c "ALTER ROLE $ROLE PASSWORD '$PASSWORD'" >/dev/null
    actions+=("reset password of $ROLE")
    password_login_works && return 0

    if ensure_hba; then
        # A reload is asynchronous; the postmaster re-reads pg_hba.conf shortly after the signal.
        local deadline=$(($(date +%s) + 10))
        until password_login_works; do
            (($(date +%s) < deadline)) || break
            sleep 0.2
        done
        password_login_works && return 0
    fi
    cat "$LOG_DIR/psql-login.err" >&2 || true
    fail_with_log "$ROLE cannot log in to $DATABASE on $HOST:$PORT with its password"
}

# ---------------------------------------------------------------- main

ensure_package
VERSION=$(detect_version)
readonly VERSION
ensure_cluster_exists
config_changed=0
if ensure_listen_config; then
    config_changed=1
fi
ensure_running "$config_changed"
ensure_role
ensure_database
ensure_access

server_version=$(as_postgres -c 'SHOW server_version') || die "SHOW server_version failed"
if [[ ${#actions[@]} -eq 0 ]]; then
    summary="nothing to do"
else
    summary=$(IFS=';'; echo "${actions[*]}")
    summary=${summary//;/; }
fi
echo "ensure-postgres: ready in $(($(date +%s) - started_at))s: PostgreSQL $server_version cluster $VERSION/$CLUSTER on $HOST:$PORT, role $ROLE, database $DATABASE ($summary)"
