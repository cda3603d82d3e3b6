# bash completion for hopscope-cli: its commands, each command's options, the values an option
# takes (protocols, modes, report formats, Datadog shapes) and file names where a file goes.
# SPDX-FileCopyrightText: 2026 The Hopscope authors
# SPDX-License-Identifier: Apache-2.0

_hopscope_cli()
{
    local cur prev words cword
    _init_completion || return

    local commands="trace monitor show diff report convert history"
    local probing="--protocol --port --source-port --max-ttl --timeout --queries --flows --mode
        --rate --tos --dscp -4 -6 --unprivileged --no-dns --statsd --tags --mmdb --no-asn --json
        --output -o --verbose --help"

    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version --verbose" -- "$cur"))
        return
    fi
    if [[ ${words[1]} == history ]] && ((cword == 2)); then
        COMPREPLY=($(compgen -W "list export prune --help" -- "$cur"))
        return
    fi

    local -A values=(
        [--protocol]="tcp udp icmp"
        [--mode]="parallel sequential"
        [--format]="html pdf csv md"
        [--datadog]="v3 v4"
    )
    if [[ -n $prev && -n ${values[$prev]-} ]]; then
        COMPREPLY=($(compgen -W "${values[$prev]}" -- "$cur"))
        return
    fi
    case $prev in
        --mmdb)
            _filedir mmdb
            return
            ;;
        --database)
            _filedir sqlite
            return
            ;;
        -o | --output)
            _filedir
            return
            ;;
        --port | --source-port | --max-ttl | --timeout | --queries | --flows | --rate | --tos | \
            --dscp | --interval | --count | --redact-first | --statsd | --tags | --search | --limit)
            return
            ;;
    esac

    local options
    case ${words[1]} in
        trace) options="$probing --mtu" ;;
        monitor) options="$probing --interval --count --record --resume --alert --alert-command" ;;
        show) options="--mmdb --no-asn --verbose --help" ;;
        diff) options="--json --verbose --help" ;;
        report) options="--format --output -o --redact --redact-first --mmdb --no-asn --verbose --help" ;;
        convert) options="--output -o --datadog --verbose --help" ;;
        history)
            case ${words[2]} in
                list) options="--database --search --protocol --limit --json --verbose --help" ;;
                export) options="--database --output -o --verbose --help" ;;
                prune) options="--database --older-than --verbose --help" ;;
                *) return ;;
            esac
            ;;
        *) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    case ${words[1]} in
        trace | monitor) _known_hosts_real -- "$cur" ;;
        history) ;; # an entry ID, from `hopscope-cli history list`
        *) _filedir ;;
    esac
} &&
    complete -F _hopscope_cli hopscope-cli
