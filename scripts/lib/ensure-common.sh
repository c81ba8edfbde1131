# Sourced by the scripts/ensure-*.sh set-up scripts after they set ENSURE_NAME: messages prefixed
# with the script's name, and a FAILED line on every non-zero exit (including one raised by set -e),
# so a set-up that fails is never silent.
: "${ENSURE_NAME:?set ENSURE_NAME before sourcing ensure-common.sh}"

started_at=$(date +%s)

die() {
    echo "$ENSURE_NAME: ERROR: $*" >&2
    exit 1
}

note() {
    echo "$ENSURE_NAME: $*" >&2
}

on_exit() {
    local status=$?
    if [[ $status -ne 0 ]]; then
        echo "$ENSURE_NAME: FAILED (exit $status) after $(($(date +%s) - started_at))s" >&2
    fi
}
trap on_exit EXIT
