#!/usr/bin/env bash
# Bootstrapper of the Prism build (NUKE conventions): finds or installs the .NET SDK that global.json asks for,
# builds the build project only when it changed, and runs it with every argument passed through unchanged.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_OUTPUT="$TEMP/build"
BUILD_DLL="$BUILD_OUTPUT/_build.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "build.sh: $*" >&2; exit 1; }

# The SDK version global.json pins, read without jq.
sdk_version() {
    sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n 1
}

# A pinned value of .nuke/dotnet-install.txt (key=value lines).
pin() {
    sed -n "s/^$1=//p" "$ROOT/.nuke/dotnet-install.txt" | head -n 1
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}

# dotnet-install.sh into $1: downloaded over https only (redirects included) from the commit .nuke/dotnet-install.txt
# pins — or PRISM_DOTNET_INSTALL_SCRIPT, a copy already at hand (offline machines) — and kept only when its SHA-256
# is the pinned one. No other URL is ever taken.
fetch_dotnet_install() {
    local script="$1" expected url actual
    expected="$(pin dotnet-install.sh)"
    url="https://raw.githubusercontent.com/dotnet/install-scripts/$(pin commit)/src/dotnet-install.sh"
    [ -n "$expected" ] || fail "no dotnet-install.sh= value in $ROOT/.nuke/dotnet-install.txt; restore that file from the repository."
    if [ -n "${PRISM_DOTNET_INSTALL_SCRIPT:-}" ]; then
        url="$PRISM_DOTNET_INSTALL_SCRIPT (PRISM_DOTNET_INSTALL_SCRIPT)"
        cp "$PRISM_DOTNET_INSTALL_SCRIPT" "$script" || fail "could not read PRISM_DOTNET_INSTALL_SCRIPT=$PRISM_DOTNET_INSTALL_SCRIPT"
    elif command -v curl >/dev/null 2>&1; then
        curl --proto '=https' --proto-redir '=https' --tlsv1.2 -fsSL "$url" -o "$script" || fail "could not download $url"
    else
        wget --https-only --secure-protocol=TLSv1_2 -q "$url" -O "$script" || fail "could not download $url"
    fi
    actual="$(sha256_of "$script")"
    if [ "$actual" != "$expected" ]; then
        rm -f "$script"
        fail "dotnet-install.sh from $url has SHA-256 $actual, but .nuke/dotnet-install.txt expects $expected. It was NOT run: the file was altered on the way, or the pin is out of date (the comment in .nuke/dotnet-install.txt says how to update it). Or install the .NET SDK yourself from https://dotnet.microsoft.com/download."
    fi
}

# dotnet from PATH when `dotnet --version` succeeds in the repository (which proves global.json's SDK is there);
# otherwise the copy in .nuke/temp/dotnet, installed on first use with the official dotnet-install script.
find_dotnet() {
    if command -v dotnet >/dev/null 2>&1 && (cd "$ROOT" && dotnet --version >/dev/null 2>&1); then
        command -v dotnet
        return
    fi
    local local_dotnet="$TEMP/dotnet/dotnet"
    if [ -x "$local_dotnet" ] && (cd "$ROOT" && "$local_dotnet" --version >/dev/null 2>&1); then
        echo "$local_dotnet"
        return
    fi
    local version
    version="$(sdk_version)"
    if [ "${PRISM_NO_SDK_INSTALL:-}" = "1" ]; then
        fail "the .NET SDK $version (global.json) is not installed and PRISM_NO_SDK_INSTALL=1 forbids installing it. Install it from https://dotnet.microsoft.com/download or unset PRISM_NO_SDK_INSTALL."
    fi
    echo "build.sh: the .NET SDK $version (global.json) was not found; installing it into .nuke/temp/dotnet (set PRISM_NO_SDK_INSTALL=1 to prevent this)." >&2
    mkdir -p "$TEMP"
    local script="$TEMP/dotnet-install.sh"
    fetch_dotnet_install "$script"
    # Exactly this version: global.json does not roll forward (the lock files and the bytes depend on the SDK).
    bash "$script" --install-dir "$TEMP/dotnet" --version "$version" --no-path >&2 \
        || fail "dotnet-install.sh could not install the .NET SDK $version that global.json pins, and nothing else is installed in its place. Its output is above; or install that SDK yourself from https://dotnet.microsoft.com/download."
    echo "$local_dotnet"
}

# True when the compiled build is older than any of its inputs (or missing).
build_is_stale() {
    [ ! -f "$BUILD_DLL" ] && return 0
    local newer
    newer="$(find "$ROOT/build" "$ROOT/src/Prism.Platform" "$ROOT/global.json" "$ROOT/Directory.Build.props" \
        "$ROOT/Directory.Packages.props" "$ROOT/src/Directory.Build.props" "$ROOT/.editorconfig" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$BUILD_DLL" -print 2>/dev/null | head -n 1)"
    [ -n "$newer" ]
}

DOTNET="$(find_dotnet)"
if build_is_stale; then
    # Restored in locked mode like everything the build restores (build/packages.lock.json).
    if ! output="$("$DOTNET" build "$BUILD_PROJECT" -o "$BUILD_OUTPUT" /nodeReuse:false /p:UseSharedCompilation=false -p:RestoreLockedMode=true -nologo -v:q 2>&1)"; then
        echo "$output" >&2
        case "$output" in
            *NU1004*) fail "the build project's NuGet lock file disagrees with it (NU1004 above). If its packages changed on purpose, run \`dotnet restore build/_build.csproj --force-evaluate\`, then \`./build.sh UpdateLockFiles\`, and commit the lock files." ;;
        esac
        fail "the build project did not compile; its errors are above."
    fi
    touch "$BUILD_DLL"
fi

exec "$DOTNET" "$BUILD_DLL" "$@"
