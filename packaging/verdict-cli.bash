# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for verdict-cli
_verdict_cli()
{
    local cur prev words cword
    _init_completion || return
    local commands="parse import queue decide export check verify sync"
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case "$prev" in
        --db|--server) return ;;
        --format) COMPREPLY=($(compgen -W "csv jsonl" -- "$cur")); return ;;
        -o|--output) _filedir; return ;;
        --reviewer|--reason|--since|--filter|--head) return ;;
    esac
    local opts="--db --help"
    case "${words[1]}" in
        parse) opts+=" --json" ;;
        import) opts+=" --diagnose" ;;
        queue) opts+=" --json --filter" ;;
        decide) opts+=" --reviewer --reason --resolve"
            if [[ "$cur" != -* ]] && [ "$cword" -ge 3 ]; then
                COMPREPLY=($(compgen -W "approve reject changes" -- "$cur")); return
            fi ;;
        export) opts+=" --format -o --since" ;;
        check) opts+=" --json" ;;
        verify) opts+=" --head" ;;
        sync) opts+=" --server" ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        _filedir
    fi
}
complete -F _verdict_cli verdict-cli
