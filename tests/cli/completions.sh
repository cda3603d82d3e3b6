#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0
# The shell completions of hopscope-cli, run by the shells that load them: bash through
# bash-completion completes commands, options, option values and file names; zsh reads its file
# without a syntax error.
# Usage: completions.sh SOURCE_DIR
set -euo pipefail

completions=$1/installer/completions
failures=0

# Prints the bash completions of a command line whose last word is being typed.
complete_bash() {
    bash -c '
        source /usr/share/bash-completion/bash_completion
        source "$1"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="${COMP_WORDS[*]}"
        COMP_POINT=${#COMP_LINE}
        _hopscope_cli hopscope-cli "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
        printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$completions/hopscope-cli.bash" "$@"
}

expect_bash() {
    local wanted=$1
    shift
    local found
    found=$(complete_bash "$@" | tr '\n' ' ')
    if [[ $found != "$wanted " ]]; then
        echo "bash: 'hopscope-cli ${*:2}': wanted '$wanted', found '$found'" >&2
        failures=$((failures + 1))
    fi
}

expect_bash "--help --verbose --version convert diff history monitor report show trace" hopscope-cli ""
expect_bash "monitor" hopscope-cli mon
expect_bash "icmp tcp udp" hopscope-cli trace --protocol ""
expect_bash "parallel sequential" hopscope-cli monitor --mode ""
expect_bash "csv html md pdf" hopscope-cli report --format ""
expect_bash "v3 v4" hopscope-cli convert --datadog ""
expect_bash "--mtu" hopscope-cli trace --mt
expect_bash "--interval" hopscope-cli monitor --inter
expect_bash "--record" hopscope-cli monitor --rec
expect_bash "--resume" hopscope-cli monitor --res
expect_bash "--alert --alert-command" hopscope-cli monitor --ale
expect_bash "--redact --redact-first" hopscope-cli report --red
expect_bash "" hopscope-cli show --mtu
expect_bash "--help export list prune" hopscope-cli history ""
expect_bash "--json" hopscope-cli history list --js
expect_bash "icmp tcp udp" hopscope-cli history list --protocol ""
expect_bash "--output" hopscope-cli history export --out
expect_bash "--older-than" hopscope-cli history prune --old

# File names where a file goes.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
touch "$scratch/week-one.json" "$scratch/week-two.json"
expect_bash "$scratch/week-one.json $scratch/week-two.json" hopscope-cli diff "$scratch/week"

if ! zsh -n "$completions/_hopscope-cli"; then
    echo "zsh: _hopscope-cli does not parse" >&2
    failures=$((failures + 1))
fi

exit $failures
