# Sourced by ./orch and ./orchctl: builds the two programs (Release) when there is no build yet or a source
# file changed since the last one, so running them stays one command. Concurrent callers wait for one build.
: "${REPO_ROOT:?set REPO_ROOT before sourcing build-programs.sh}"

readonly BUILD_STAMP="$REPO_ROOT/.build/programs.stamp"
readonly ORCH_DLL="$REPO_ROOT/src/Orchestrator.Host/bin/Release/net10.0/orch.dll"
readonly ORCHCTL_DLL="$REPO_ROOT/src/Orchestrator.Ctl/bin/Release/net10.0/orchctl.dll"

sources_changed() {
    [[ -f $BUILD_STAMP && -f $ORCH_DLL && -f $ORCHCTL_DLL ]] || return 0
    [[ -n $(find "$REPO_ROOT/src" "$REPO_ROOT/Directory.Build.props" "$REPO_ROOT/Directory.Packages.props" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$BUILD_STAMP" -print -quit) ]]
}

ensure_programs_built() {
    command -v dotnet >/dev/null 2>&1 || {
        echo "error: the .NET SDK (dotnet) is not installed; install .NET 10 and try again" >&2
        exit 1
    }
    sources_changed || return 0
    mkdir -p "$(dirname "$BUILD_STAMP")"
    exec 8>"$BUILD_STAMP.lock"
    flock 8
    sources_changed || return 0
    echo "building orch and orchctl (Release; first run or sources changed)..." >&2
    local started
    started=$(date +%s)
    touch "$BUILD_STAMP.next"
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
    local log="$REPO_ROOT/.build/build.log"
    if ! dotnet build "$REPO_ROOT/src/Orchestrator.Host/Orchestrator.Host.csproj" -c Release -nologo -v quiet >"$log" 2>&1 ||
        ! dotnet build "$REPO_ROOT/src/Orchestrator.Ctl/Orchestrator.Ctl.csproj" -c Release -nologo -v quiet >>"$log" 2>&1; then
        grep -E 'error|Error' "$log" | sort -u | head -n 20 >&2
        echo "error: the build failed; full log: $log" >&2
        exit 1
    fi
    mv "$BUILD_STAMP.next" "$BUILD_STAMP"
    echo "built in $(($(date +%s) - started)) s" >&2
    flock -u 8
}
