#!/usr/bin/env bash
# Public log benchmark (not part of the test suite: it takes a few minutes).
#
#   .ci/benchmark.sh                # 20,000 entries, 200,000 feedback items, 10 s per scenario
#   ENTRIES=2000 FEEDBACK=20000 DURATION=5s .ci/benchmark.sh
#
# Publishes the app (Release), generates volume into a temporary SQLite file, starts the app on loopback, and runs
# wrk (32 connections) against the log page, an entry page, a filtered log page, a priority page and the log page
# with a fresh query string on every request (so never from the output cache). The baseline, measured in the same run,
# is the same app's Kestrel serving the log page's bytes as a static file from its web root.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
entries="${ENTRIES:-20000}"
feedback="${FEEDBACK:-200000}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
port="${PORT:-5399}"
work="$(mktemp -d /tmp/engagement-bench.XXXXXX)"
base="http://127.0.0.1:$port"
app_pid=""

cleanup() {
  if [[ -n "$app_pid" ]]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk..."
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

echo "Publishing (Release) to $work/app..."
dotnet publish "$root/src/Engagement.Web" -c Release -o "$work/app" --nologo -v q >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export Storage__DataDirectory="$work/data"
export Database__Provider=Sqlite
export Database__MigrateOnStartup=true
export Jobs__RunServer=false
export Seed__DemoData=false
export Service__PublicBaseUrl="$base"
export Logging__LogLevel__Default=Warning

cd "$work/app"   # so that the app uses its published wwwroot, not the repository's
echo "Generating $entries entries and $feedback feedback items..."
dotnet Engagement.Web.dll generate-volume --entries "$entries" --feedback "$feedback"

ASPNETCORE_URLS="$base" dotnet Engagement.Web.dll >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 100); do
  curl -fs "$base/health/live" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$base/health/live" >/dev/null

entry="$(curl -fs "$base/you-said-we-did" | grep -o 'data-reference="[^"]*"' | head -1 | cut -d'"' -f2)"
curl -fs "$base/you-said-we-did" >"$work/app/wwwroot/bench-baseline.html"

cat >"$work/uncached.lua" <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/you-said-we-did?status=in-progress&nocache=" .. counter .. "-" .. math.random(1, 1000000000))
end
LUA

declare -a names=(
  "baseline: static file (same bytes as the log page)"
  "log page (cached)"
  "entry page (cached)"
  "filtered log page (cached)"
  "priority page (cached)"
  "log page, filtered, never cached"
)
declare -a urls=(
  "/bench-baseline.html"
  "/you-said-we-did"
  "/you-said-we-did/$entry"
  "/you-said-we-did?priority=3&priority=5&status=completed&q=visit"
  "/priorities/3"
  "/you-said-we-did"
)

for url in "${urls[@]}"; do  # warm up: JIT, and fill the output cache
  for _ in 1 2 3; do curl -fs -o /dev/null "$base$url"; done
done

printf '\n%-52s %12s %10s %10s %8s\n' "scenario ($connections connections, $duration each)" "requests/s" "p50" "p99" "ratio"
baseline_rps=""
for i in "${!urls[@]}"; do
  if [[ $i -eq 5 ]]; then
    out="$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/uncached.lua" "$base")"
  else
    out="$(wrk -t2 -c"$connections" -d"$duration" --latency "$base${urls[$i]}")"
  fi
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(awk '/^ +50%/ {print $2}' <<<"$out")"
  p99="$(awk '/^ +99%/ {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
  [[ -z "$baseline_rps" ]] && baseline_rps="$rps"
  ratio="$(awk -v a="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
  printf '%-52s %12s %10s %10s %8s\n' "${names[$i]}" "$rps" "$p50" "$p99" "$ratio"
  [[ -n "$errors" ]] && echo "    $errors"
done
echo
echo "Database: $entries entries, $feedback feedback items (SQLite, WAL). Machine: $(nproc) cores, $(uname -m)."
echo "Working set of the app after the run: $(awk '/VmRSS/ {print $2 " " $3}' /proc/$app_pid/status)"
