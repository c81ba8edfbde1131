#!/usr/bin/env bash
# Brings this machine to the state the node agent's tests need: a running Docker
# engine, the project's own images built locally, and a loopback registry that
# holds the busybox images so pulls are real. Idempotent: a second run only checks.
#
# Network rule: nothing here talks to any address but 127.0.0.1 (and apt's
# configured package mirror); every image is built from Debian packages.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_ROOT
readonly LOG_DIR=/var/log/orchestrator
readonly DOCKERD_LOG="$LOG_DIR/dockerd.log"
readonly REGISTRY_LOG="$LOG_DIR/registry.log"
readonly REGISTRY_DIR=/var/lib/orchestrator-registry
readonly REGISTRY_HOST=127.0.0.1
readonly REGISTRY_PORT=5000
readonly REGISTRY="$REGISTRY_HOST:$REGISTRY_PORT"
readonly DEADLINE_SECONDS="${ENSURE_DOCKER_DEADLINE:-60}"
readonly BUSYBOX_REPO=orchestrator/busybox
readonly PAUSE_IMAGE=orchestrator/pause:1
readonly PAUSE_SOURCE="$REPO_ROOT/images/pause/pause.c"
# Bump when the way the busybox rootfs is assembled changes, so old images get rebuilt.
readonly BUSYBOX_RECIPE=1
readonly HASH_LABEL=orchestrator.image.source-sha256
readonly PACKAGES=(docker.io containerd runc iptables procps busybox-static docker-registry gcc libc6-dev)

ENSURE_NAME=ensure-docker
# shellcheck source=lib/ensure-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-common.sh"
actions=()

[[ $EUID -eq 0 ]] || die "must run as root (installs packages and starts dockerd)"

mkdir -p "$LOG_DIR" "$REGISTRY_DIR"

# Two concurrent runs (e.g. two test suites) would race on dockerd's socket and image tags.
exec 9>/var/lock/orchestrator-ensure-docker.lock
flock -w 300 9 || die "another ensure-docker run held the lock for 300s"

# ---------------------------------------------------------------- packages

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

ensure_packages() {
    local missing=()
    local package
    for package in "${PACKAGES[@]}"; do
        is_installed "$package" || missing+=("$package")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    note "installing ${missing[*]}"
    # Package scripts must not start their own dockerd or a registry on 0.0.0.0:5000;
    # this script starts both itself, with its own settings. 101 = "action forbidden".
    local policy=/usr/sbin/policy-rc.d
    local added_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        added_policy=1
    fi
    local status=0
    # Another setup script may be installing at the same moment: wait for dpkg's lock instead of failing.
    local apt_options=(-o DPkg::Lock::Timeout=300)
    {
        DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing[@]}"
    } >"$LOG_DIR/apt.log" 2>&1 || status=$?
    [[ $added_policy -eq 1 ]] && rm -f "$policy"
    if [[ $status -ne 0 ]]; then
        tail -n 30 "$LOG_DIR/apt.log" >&2
        die "apt-get failed (exit $status) installing ${missing[*]}; full log: $LOG_DIR/apt.log"
    fi
    for package in "${missing[@]}"; do
        is_installed "$package" || die "package $package still not installed after apt-get"
    done
    actions+=("installed ${missing[*]}")
}

# ---------------------------------------------------------------- dockerd

docker_answers() {
    timeout 10 docker info >/dev/null 2>&1
}

ensure_dockerd() {
    docker_answers && return 0

    if ! pgrep -x dockerd >/dev/null; then
        # A socket or pid file without a daemon is left over from a killed dockerd (a session that
        # ended, a machine that stopped): the socket makes dockerd refuse to start, and the pid file
        # does too once its number belongs to another process.
        rm -f /var/run/docker.sock /var/run/docker.pid
    fi

    # The pid of the daemon this run starts: checked with kill -0, never by name, because right after
    # the fork the child is still a shell (not yet exec'd into dockerd) and `pgrep -x dockerd` misses it.
    local pid=""
    if ! pgrep -x dockerd >/dev/null; then
        note "starting dockerd (log: $DOCKERD_LOG)"
        echo "=== ensure-docker starting dockerd at $(date -Is)" >>"$DOCKERD_LOG"
        # setsid + nohup: the daemon must outlive this script and the test run that called it.
        # --ip-masq=false: containers get no NAT to the outside, so they can only reach
        # loopback-published ports and each other, never another address.
        setsid nohup dockerd \
            --host=unix:///var/run/docker.sock \
            --ip-masq=false \
            --log-level=warn \
            </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
        pid=$!
        actions+=("started dockerd")
    else
        note "dockerd is running but not answering yet; waiting"
    fi

    local deadline=$(($(date +%s) + DEADLINE_SECONDS))
    until docker_answers; do
        if { [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; } || { [[ -z $pid ]] && ! pgrep -x dockerd >/dev/null; }; then
            tail -n 40 "$DOCKERD_LOG" >&2 || true
            die "dockerd exited during start-up; see $DOCKERD_LOG"
        fi
        if (($(date +%s) >= deadline)); then
            tail -n 40 "$DOCKERD_LOG" >&2 || true
            die "dockerd did not answer 'docker info' within ${DEADLINE_SECONDS}s; see $DOCKERD_LOG"
        fi
        sleep 0.5
    done
}

# ---------------------------------------------------------------- images

image_label() {
    docker image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true
}

# Imports a directory as an image: docker import keeps no history, so the result is
# exactly the files we put there and nothing from any registry.
import_rootfs() {
    local rootfs=$1 tag=$2 hash=$3
    shift 3
    tar --numeric-owner -C "$rootfs" -cf - . |
        docker import \
            --change "LABEL $HASH_LABEL=$hash" \
            --change "LABEL orchestrator.image.built-by=ensure-docker" \
            "$@" - "$tag" >/dev/null ||
        die "docker import of $tag failed"
}

make_busybox_rootfs() {
    local rootfs=$1
    local busybox
    busybox=$(command -v busybox) || die "busybox not found although busybox-static is installed"
    mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var/www,var/run}
    chmod 1777 "$rootfs/tmp"
    cp "$busybox" "$rootfs/bin/busybox"
    local applet
    # Listing applets instead of `busybox --install`: that needs /proc inside a chroot.
    while IFS= read -r applet; do
        [[ -z $applet || $applet == bin/busybox ]] && continue
        mkdir -p "$rootfs/$(dirname "$applet")"
        ln -sf /bin/busybox "$rootfs/$applet"
    done < <("$busybox" --list-full)
    [[ -L $rootfs/bin/sh ]] || die "busybox rootfs has no /bin/sh applet"
    cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
    cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
}

ensure_busybox_images() {
    local busybox_hash
    busybox_hash=$(sha256sum "$(command -v busybox)" | cut -d' ' -f1)
    local wanted="recipe-$BUSYBOX_RECIPE-$busybox_hash"
    local rebuilt=()
    local version
    for version in 1 2; do
        if [[ $(image_label "$BUSYBOX_REPO:$version" "$HASH_LABEL") == "$wanted" ]]; then
            continue
        fi
        local work
        work=$(mktemp -d)
        make_busybox_rootfs "$work/rootfs"
        if [[ $version == 2 ]]; then
            echo 2 >"$work/rootfs/VERSION"
        fi
        import_rootfs "$work/rootfs" "$BUSYBOX_REPO:$version" "$wanted" \
            --change 'CMD ["/bin/sh"]' \
            --change "LABEL orchestrator.image.version=$version"
        rm -rf "$work"
        rebuilt+=("$version")
    done
    if [[ ${#rebuilt[@]} -gt 0 ]]; then
        actions+=("built $BUSYBOX_REPO:${rebuilt[*]}")
    fi
    busybox_rebuilt=("${rebuilt[@]+"${rebuilt[@]}"}")
}

ensure_pause_image() {
    [[ -f $PAUSE_SOURCE ]] || die "pause source missing: $PAUSE_SOURCE"
    local wanted
    wanted=$(sha256sum "$PAUSE_SOURCE" | cut -d' ' -f1)
    [[ $(image_label "$PAUSE_IMAGE" "$HASH_LABEL") == "$wanted" ]] && return 0

    local work
    work=$(mktemp -d)
    mkdir -p "$work/rootfs"
    gcc -static -O2 -Wall -Wextra -Werror -o "$work/rootfs/pause" "$PAUSE_SOURCE" ||
        die "compiling $PAUSE_SOURCE failed"
    strip "$work/rootfs/pause"
    import_rootfs "$work/rootfs" "$PAUSE_IMAGE" "$wanted" --change 'ENTRYPOINT ["/pause"]'
    rm -rf "$work"
    actions+=("built $PAUSE_IMAGE")
}

# ---------------------------------------------------------------- registry

# Minimal HTTP over bash's /dev/tcp so the script needs no curl; prints the status code.
# The inner script is single-quoted on purpose: it gets its values as positional arguments.
registry_status() {
    local method=$1 path=$2
    # shellcheck disable=SC2016
    timeout 5 bash -c '
        exec 3<>"/dev/tcp/$0/$1" || exit 1
        printf "%s %s HTTP/1.0\r\nHost: %s\r\nAccept: application/vnd.docker.distribution.manifest.v2+json\r\n\r\n" "$2" "$3" "$0" >&3
        read -r _ code _ <&3 && echo "$code"
    ' "$REGISTRY_HOST" "$REGISTRY_PORT" "$method" "$path" 2>/dev/null || true
}

ensure_registry() {
    if [[ $(registry_status GET /v2/) == 200 ]]; then
        return 0
    fi
    if (exec 3<>"/dev/tcp/$REGISTRY_HOST/$REGISTRY_PORT") 2>/dev/null; then
        die "$REGISTRY is taken by something that does not answer GET /v2/ with 200 like a registry"
    fi

    mkdir -p "$REGISTRY_DIR/data"
    cat >"$REGISTRY_DIR/config.yml" <<CONFIG
# Written by scripts/ensure-docker.sh; the project's loopback-only image registry.
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
CONFIG
    note "starting docker-registry on $REGISTRY (log: $REGISTRY_LOG)"
    echo "=== ensure-docker starting docker-registry at $(date -Is)" >>"$REGISTRY_LOG"
    setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" </dev/null >>"$REGISTRY_LOG" 2>&1 9>&- &
    local pid=$!
    actions+=("started registry")

    local deadline=$(($(date +%s) + DEADLINE_SECONDS))
    until [[ $(registry_status GET /v2/) == 200 ]]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$REGISTRY_LOG" >&2 || true
            die "docker-registry exited during start-up; see $REGISTRY_LOG"
        fi
        if (($(date +%s) >= deadline)); then
            tail -n 40 "$REGISTRY_LOG" >&2 || true
            die "docker-registry did not answer on $REGISTRY within ${DEADLINE_SECONDS}s; see $REGISTRY_LOG"
        fi
        sleep 0.2
    done
}

ensure_pushed() {
    local pushed=()
    local version
    for version in 1 2; do
        local source="$BUSYBOX_REPO:$version"
        local target="$REGISTRY/$BUSYBOX_REPO:$version"
        local rebuilt_now=0
        local v
        for v in "${busybox_rebuilt[@]+"${busybox_rebuilt[@]}"}"; do
            [[ $v == "$version" ]] && rebuilt_now=1
        done
        if [[ $rebuilt_now -eq 0 && $(registry_status HEAD "/v2/$BUSYBOX_REPO/manifests/$version") == 200 ]]; then
            continue
        fi
        docker tag "$source" "$target" || die "docker tag $source $target failed"
        local output
        output=$(docker push "$target" 2>&1) || {
            echo "$output" >&2
            die "docker push $target failed"
        }
        pushed+=("$version")
    done
    if [[ ${#pushed[@]} -gt 0 ]]; then
        actions+=("pushed $REGISTRY/$BUSYBOX_REPO:${pushed[*]}")
    fi
}

# ---------------------------------------------------------------- main

busybox_rebuilt=()
ensure_packages
ensure_dockerd
ensure_busybox_images
ensure_pause_image
ensure_registry
ensure_pushed

if [[ ${#actions[@]} -gt 0 ]]; then
    # A rebuild leaves the previous image untagged; only dangling images this script built are pruned.
    docker image prune --force --filter "label=orchestrator.image.built-by=ensure-docker" >/dev/null ||
        die "pruning replaced images failed"
fi

server_version=$(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null) ||
    die "docker version failed after start-up"
if [[ ${#actions[@]} -eq 0 ]]; then
    summary="nothing to do"
else
    summary=$(IFS=';'; echo "${actions[*]}")
    summary=${summary//;/; }
fi
echo "ensure-docker: ready in $(($(date +%s) - started_at))s: dockerd $server_version, images $BUSYBOX_REPO:1,2 $PAUSE_IMAGE, registry $REGISTRY ($summary)"
