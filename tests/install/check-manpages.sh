#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# Renders every built manual page the way man shows it, with groff's warnings on, and reads its
# NAME line the way whatis and apropos index it (lexgrog). Any warning, an empty page or a NAME
# line that does not name its program fails.
# Usage: check-manpages.sh MANPAGES_DIR PAGE...
set -eu

dir=$1
shift
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
for page in "$@"; do
    file=$dir/$page.gz
    name=${page%.*}
    if ! LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings=w -l "$file" >"$out" 2>"$err"; then
        echo "$page: man failed" >&2
        cat "$err" >&2
        exit 1
    fi
    if [ -s "$err" ]; then
        echo "$page: man warned" >&2
        cat "$err" >&2
        exit 1
    fi
    for heading in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
        if ! grep -qx "$heading" "$out"; then
            echo "$page: no $heading section in what man shows" >&2
            exit 1
        fi
    done
    whatis=$(lexgrog "$file")
    case $whatis in
    *": \"$name - "*) ;;
    *)
        echo "$page: whatis reads '$whatis'" >&2
        exit 1
        ;;
    esac
    # Nothing left of the template.
    if grep -q '@[A-Z_]*@' "$out"; then
        echo "$page: a placeholder was not filled in" >&2
        exit 1
    fi
    echo "$page: $(wc -l <"$out") lines, $whatis"
done
