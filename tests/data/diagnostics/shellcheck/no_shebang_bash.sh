# Sourced by the deploy job; bash features are fine here.
if [[ -n "${DEPLOY_ENV:-}" ]]; then
    declare -A targets=([web]=1 [db]=2)
    echo "${!targets[@]}"
fi
