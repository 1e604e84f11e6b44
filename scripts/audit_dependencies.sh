#!/usr/bin/env bash
# Known vulnerabilities in the installed (pinned) dependencies, with pip-audit against
# PyPI's vulnerability data. Exceptions live in .pip-audit-ignore, one per line:
#   <vulnerability id>  <date reviewed, YYYY-MM-DD>  <why it cannot be fixed yet>
# Exits non-zero when a vulnerability without an exception is found.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements="$(mktemp)"
report="$(mktemp)"
trap 'rm -f "$requirements" "$report"' EXIT
.venv/bin/pip freeze --exclude-editable > "$requirements"

ignore_args=()
if [[ -f .pip-audit-ignore ]]; then
  while read -r id _rest; do
    [[ -z "$id" || "$id" == \#* ]] && continue
    ignore_args+=(--ignore-vuln "$id")
  done < .pip-audit-ignore
fi

status=0
.venv/bin/pip-audit --vulnerability-service pypi --progress-spinner off \
  --requirement "$requirements" --no-deps --disable-pip "${ignore_args[@]}" \
  >"$report" 2>&1 || status=$?
cat "$report"

packages=$(grep -c '==' "$requirements" || true)
skipped=$(grep -c 'could not be audited' "$report" || true)
if [[ "$skipped" -ge "$packages" && "$packages" -gt 0 ]]; then
  echo "WARNING: pip-audit could not reach PyPI's vulnerability data for any of the"
  echo "WARNING: $packages packages: NOTHING WAS AUDITED. Run 'make audit' where pypi.org answers."
elif [[ "$skipped" -gt 0 ]]; then
  echo "WARNING: $skipped of $packages packages could not be audited (see above)."
fi
exit "$status"
