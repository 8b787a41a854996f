# bash completion for breakeven. Installed as share/bash-completion/completions/breakeven;
# or try it with: source completions/breakeven.bash
# Kept in step with `breakeven <command> --help` by tests/docs/run.sh.

_breakeven_global_options="--pricing --format --color --version --help"
_breakeven_scenario_options="--scenario --requests --rps --duration-ms --memory-mb --cpu-ms --peak-to-average \
--utilization --min-instances --hours-per-month --task-vcpu --task-memory-mb --ephemeral-storage-gb --concurrency \
--response-kb --no-free-tier --node-type --addon --rps-per-instance --request-kb --egress-gb --nat-gb --cpu-credit-hours --disk-gb --disk-type --requests-per-connection --component --profile --scaling \
--max-instances --month-hours --hours-per-day --days-per-week --start-hour --provisioned-concurrency --provisioned-hours \
--provisioned-share --cold-start-share --init-ms --keep-warm-minutes --ops-hours --hourly-rate --interruptible --purchase --static-share \
--gpu-ms --batch-size --scale-down-window"
_breakeven_compare_options="--offering --output --breakdown --keep-going --samples --seed --distribution"
_breakeven_curve_options="--offering --output --from --to --points --log --log-x --log-y --plot --ascii"
_breakeven_crossover_options="--offering --output --from --to --all-pairs --keep-going"
_breakeven_check_options="--offering --output --max-monthly-cost --budget --baseline --junit --at"
_breakeven_advise_options="--offering --purchase --output --p99-ms --isolation --team --portability --budget --cold-start-ms"

_breakeven() {
  local cur prev command="" subcommand="" word
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case $word in
    compare | curve | crossover | check | advise | pricing) [[ -z $command ]] && command=$word ;;
    list | show | validate | diff | import) [[ $command == pricing && -z $subcommand ]] && subcommand=$word ;;
    esac
  done

  case $prev in
  --format)
    COMPREPLY=($(compgen -W "table csv tsv json jsonl markdown svg html" -- "$cur"))
    return
    ;;
  --color)
    COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
    return
    ;;
  --scaling)
    COMPREPLY=($(compgen -W "fixed autoscaled" -- "$cur"))
    return
    ;;
  --distribution)
    COMPREPLY=($(compgen -W "triangular uniform" -- "$cur"))
    return
    ;;
  --at)
    COMPREPLY=($(compgen -W "low expected high" -- "$cur"))
    return
    ;;
  --offering | --node-type)
    COMPREPLY=($(compgen -W "$(breakeven pricing list --format tsv 2>/dev/null | tail -n +2 | cut -f1)" -- "$cur"))
    return
    ;;
  --scenario | --pricing | --budget | --baseline | --junit | --output)
    COMPREPLY=($(compgen -f -- "$cur"))
    return
    ;;
  --requests | --rps | --duration-ms | --memory-mb | --cpu-ms | --peak-to-average | --utilization | --min-instances | \
    --hours-per-month | --task-vcpu | --task-memory-mb | --ephemeral-storage-gb | --concurrency | --response-kb | \
    --addon | --from | --to | --points | --max-monthly-cost | --rps-per-instance | --request-kb | --egress-gb | --nat-gb | --cpu-credit-hours | --disk-gb | --disk-type | \
    --requests-per-connection | --component | --profile | --max-instances | --month-hours | --hours-per-day | \
    --days-per-week | --start-hour | --provisioned-concurrency | --provisioned-hours | --provisioned-share | \
    --cold-start-share | --init-ms | --keep-warm-minutes | --ops-hours | --hourly-rate | --static-share | \
    --gpu-ms | --batch-size | --scale-down-window | --samples | --seed)
    return
    ;;
  --purchase)
    COMPREPLY=($(compgen -W "on-demand 1y 3y spot" -- "$cur"))
    return
    ;;
  --isolation)
    COMPREPLY=($(compgen -W "any kernel hardware" -- "$cur"))
    return
    ;;
  --portability)
    COMPREPLY=($(compgen -W "low medium high" -- "$cur"))
    return
    ;;
  --team)
    COMPREPLY=($(compgen -W "vm containers kubernetes serverless" -- "$cur"))
    return
    ;;
  --p99-ms | --cold-start-ms)
    return
    ;;
  esac

  local words
  case $command in
  "") words="compare curve crossover check advise pricing $_breakeven_global_options" ;;
  compare) words="$_breakeven_compare_options $_breakeven_scenario_options $_breakeven_global_options" ;;
  curve) words="$_breakeven_curve_options $_breakeven_scenario_options $_breakeven_global_options" ;;
  crossover) words="$_breakeven_crossover_options $_breakeven_scenario_options $_breakeven_global_options" ;;
  check) words="$_breakeven_check_options $_breakeven_scenario_options $_breakeven_global_options" ;;
  advise) words="$_breakeven_advise_options $_breakeven_scenario_options $_breakeven_global_options" ;;
  pricing)
    case $subcommand in
    "") words="list show validate diff import --help" ;;
    import)
      if [[ $prev == import ]]; then
        words="aws azure gcp"
      else
        COMPREPLY=($(compgen -f -- "$cur"))
        return
      fi
      ;;
    show)
      words="$(breakeven pricing list --format tsv 2>/dev/null | tail -n +2 | cut -f1) --help"
      ;;
    validate | diff)
      if [[ $cur == -* ]]; then
        [[ $subcommand == validate ]] && words="--max-age --help" || words="--common --help"
      else
        COMPREPLY=($(compgen -f -- "$cur"))
        return
      fi
      ;;
    *) words="--format --help" ;;
    esac
    ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _breakeven breakeven
