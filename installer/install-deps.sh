#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Installs everything Hopscope needs to build, run and test on Debian 12, from Debian's packages.
# Idempotent: installs only what is missing. Quiet unless something fails, then loud.
set -euo pipefail

packages=(
    # build
    g++ cmake ninja-build pkg-config
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libgl-dev nlohmann-json3-dev
    libseccomp-dev libmaxminddb-dev
    # translations: Qt's lupdate and lrelease, and their CMake functions
    qt6-tools-dev qt6-l10n-tools
    # manual pages: compressed at build time, rendered and indexed by the tests and the package
    gzip man-db groff-base
    # style: the formatter that tests/run.sh checks every source with
    clang-format
    # tests: GUI under a virtual display; namespace lab (routers, firewall rules, unprivileged
    # runs, the helper's file capability)
    xvfb xauth iproute2 nftables procps util-linux libcap2-bin
    # tests: a private session bus for the window's desktop notifications
    dbus-daemon
    # tests: a DNS server answering AS lookups in the lab; MaxMind databases written by the tests
    dnsmasq-base libmaxmind-db-writer-perl
    # tests: reports opened the way people open them (HTML in a browser, PDF pages as images)
    chromium poppler-utils
    # packaging and its tests: the Debian package's dependencies (dpkg-shlibdeps), the desktop
    # file, AppStream, MIME and polkit checks, and what a desktop does with them (GIO's file types)
    dpkg-dev desktop-file-utils appstream shared-mime-info libglib2.0-bin polkitd libxml2-utils lintian
    # tests: the shell completions, run by the shells that load them
    bash-completion zsh
    # benchmark: the reference tools measured against Hopscope
    traceroute tcptraceroute iputils-ping mtr-tiny
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: these packages are missing and installing them needs root: ${missing[*]}" >&2
        exit 1
    fi
    as_root=(sudo)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "install-deps: installing ${missing[*]}"
if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 \
    || ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    echo "install-deps: apt-get failed; its output follows" >&2
    cat "$log" >&2
    exit 1
fi
