#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Checks that a translation is complete and current: extracting the strings again into a copy
# of it adds nothing and drops nothing, and no message is unfinished or left empty.
# Usage: check.sh LUPDATE SOURCE_DIR GENERATED_INCLUDE_DIR FILE.ts
set -eu

lupdate=$1
source=$2
generated=$3
ts=$4
copy=$(mktemp --suffix=.ts)
trap 'rm -f "$copy"' EXIT
cp "$ts" "$copy"
"$(dirname "$0")/extract.sh" "$lupdate" "$source" "$generated" "$copy"

name=$(basename "$ts")
if ! cmp -s "$ts" "$copy"; then
    echo "$name is not current: extracting the sources again changes it (run the update_translations target)" >&2
    diff -u "$ts" "$copy" | head -n 60 >&2
    exit 1
fi
unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
empty=$(grep -c '<translation></translation>\|<translation/>' "$ts" || true)
if [ "$unfinished" -ne 0 ] || [ "$empty" -ne 0 ]; then
    echo "$name: $unfinished unfinished and $empty empty translations" >&2
    grep -B2 'type="unfinished"' "$ts" | grep '<source>' | head -n 20 >&2
    exit 1
fi
echo "$name: $(grep -c '<message' "$ts") messages, all translated"
