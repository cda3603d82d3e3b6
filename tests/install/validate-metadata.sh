#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Installs the build tree into a scratch folder and checks one kind of desktop metadata there,
# as it is installed:
#   desktop    the .desktop file (desktop-file-validate)
#   appstream  the AppStream metainfo, against the installed tree (appstreamcli validate-tree)
#   mime       the MIME type definition, compiled as the system would (update-mime-database)
#   polkit     the polkit policy, against polkit's DTD (xmllint)
#   copyright  the Debian copyright file: machine-readable (DEP-5), every licence it names
#              spelled out or in /usr/share/common-licenses, and the project's LICENSE that licence
# Usage: validate-metadata.sh BUILD_DIR KIND
set -eu

build=$1
kind=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage cmake --install "$build" >/dev/null
share=$(find "$stage" -type d -name applications -path '*/share/*' | head -n 1)
share=${share%/applications}

case $kind in
desktop)
    # Hints too: they exit 0 but say the menus may misplace the entry.
    said=$(desktop-file-validate "$share"/applications/*.desktop 2>&1) || { echo "$said" >&2; exit 1; }
    if [ -n "$said" ]; then
        echo "$said" >&2
        exit 1
    fi
    ;;
appstream)
    appstreamcli validate-tree --no-net --explain "$stage"
    ;;
mime)
    # It exits 0 even when it rejects a type or a magic rule, and says so on stderr.
    said=$(XDG_DATA_DIRS="$share" update-mime-database "$share/mime" 2>&1)
    if [ -n "$said" ]; then
        echo "$said" >&2
        exit 1
    fi
    types=$(cat "$share/mime/types")
    if [ "$types" != "$3" ]; then
        echo "validate-metadata: the MIME database defines '$types', not '$3'" >&2
        exit 1
    fi
    ;;
polkit)
    xmllint --noout --dtdvalid /usr/share/polkit-1/policyconfig-1.dtd "$share"/polkit-1/actions/*.policy
    ;;
copyright)
    file=$(find "$stage" -type f -path '*/share/doc/hopscope/copyright')
    [ -n "$file" ] || { echo "validate-metadata: no share/doc/hopscope/copyright installed" >&2; exit 1; }
    head -n 1 "$file" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
        { echo "validate-metadata: $file does not start with the DEP-5 Format line" >&2; exit 1; }
    # A "Files:" paragraph names its licence in one line; a paragraph of its own, or Debian's
    # common licences, must give the text.
    for licence in $(awk '/^Files:/ { files = 1 } files && /^License:/ { print $2; files = 0 }' "$file" | sort -u); do
        awk -v l="$licence" '/^$/ { p = 0 } /^Files:/ { p = 1 } !p && $0 == "License: " l { found = 1 } END { exit !found }' "$file" ||
            { echo "validate-metadata: $file names $licence but gives no paragraph for it" >&2; exit 1; }
        [ -f "/usr/share/common-licenses/$licence" ] ||
            { echo "validate-metadata: $licence is not one of Debian's common licences" >&2; exit 1; }
        cmp -s "$3/LICENSE" "/usr/share/common-licenses/$licence" ||
            { echo "validate-metadata: $3/LICENSE is not the text of $licence" >&2; exit 1; }
    done
    ;;
*)
    echo "validate-metadata: unknown kind '$kind'" >&2
    exit 2
    ;;
esac
