#!/bin/sh
# Installs the build tree into a scratch folder and checks one kind of desktop metadata there,
# as it is installed:
#   desktop    the .desktop file (desktop-file-validate)
#   appstream  the AppStream metainfo, against the installed tree (appstreamcli validate-tree)
#   mime       the MIME type definition, compiled as the system would (update-mime-database)
#   polkit     the polkit policy, against polkit's DTD (xmllint)
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
*)
    echo "validate-metadata: unknown kind '$kind'" >&2
    exit 2
    ;;
esac
