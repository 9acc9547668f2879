#!/usr/bin/env bash
# Public pages benchmark (not part of the test suite: it takes a few minutes).
#
#   .ci/benchmark.sh                # 20,000 entries, 200,000 feedback items, 10 s per scenario
#   ENTRIES=2000 FEEDBACK=20000 DURATION=5s .ci/benchmark.sh
#   ENTRIES=200000 FEEDBACK=2000000 .ci/benchmark.sh     # ten times the default volume
#   CONSULTATION_RESPONSES=5000 (the default) adds one closed consultation with that many responses and its outcome:
#   its public outcome page is a scenario, and the analysis page's queries are timed in process by the generator
#   (the analysis page itself is behind a staff sign-in with two-factor authentication, which wrk cannot do).
#
# Publishes the app (Release), generates volume into a temporary SQLite file (timed), and starts the app twice on
# loopback on the same database:
#   - instance A, as in production (output cache on): start-up time from process start to /health/ready and to the
#     first public page, then every public page served from the output cache;
#   - instance B with the output cache off (OutputCache:Enabled=false) for the forced misses; every miss request also
#     carries a fresh junk query parameter, which was how a miss was forced before the cache ignored unknown
#     parameters (so the same script measures misses on older builds too).
# Then, on instance B, the form journeys wrk cannot make (tests/Engagement.LoadClient, a .NET client in its own process
# that keeps cookies and posts antiforgery tokens): whole feedback journeys by USERS (32) people at once for DURATION,
# and BOOKINGS (200) people pressing "Book my place" at the same moment for a workshop of PLACES (30) places; then the
# staff inbox (each quick filter, a search, a deep page) at 8 connections, signed in as a commissioner the generator
# made for this throwaway database.
# wrk (32 connections) runs each scenario. The baseline, measured in the same run, is the same Kestrel serving the log
# page's bytes as a static file from its web root. Each figure is printed beside its target (docs: quality guide).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
entries="${ENTRIES:-20000}"
feedback="${FEEDBACK:-200000}"
consultation_responses="${CONSULTATION_RESPONSES:-5000}"
duration="${DURATION:-10s}"
places="${PLACES:-30}"          # the workshop's places for the simultaneous bookings
bookings="${BOOKINGS:-200}"     # people who book it at the same moment
users="${USERS:-32}"            # people going through the feedback journey at once
connections="${CONNECTIONS:-32}"
port="${PORT:-5399}"
miss_port="$((port + 1))"
work="$(mktemp -d /tmp/engagement-bench.XXXXXX)"
base="http://127.0.0.1:$port"
miss_base="http://127.0.0.1:$miss_port"
app_pid=""
miss_pid=""

cleanup() {
  for pid in "$app_pid" "$miss_pid"; do
    if [[ -n "$pid" ]]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk..."
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

now_ms() { date +%s%3N; }

echo "Publishing (Release) to $work/app..."
# For this machine's runtime, so ReadyToRun (precompiled) as the Dockerfile publishes it.
dotnet publish "$root/src/Engagement.Web" -c Release --use-current-runtime --self-contained false -o "$work/app" --nologo -v q >/dev/null
dotnet publish "$root/tests/Engagement.LoadClient" -c Release -o "$work/load" --nologo -v q >/dev/null

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
generate_start="$(now_ms)"
# A child shell, so that its /proc io counters (which include the reaped generator) give the bytes it wrote.
generate_written="$(bash -c 'dotnet Engagement.Web.dll generate-volume --entries "$1" --feedback "$2" --consultation-responses "$3" --workshop-places "$5" --commissioner >"$4" 2>&1; awk "/^write_bytes/ {print \$2}" /proc/$$/io' _ "$entries" "$feedback" "$consultation_responses" "$work/generate.log" "$places")"
grep -v '^Commissioner ' "$work/generate.log" >&2 || true
generate_ms="$(( $(now_ms) - generate_start ))"
db_bytes="$(du -cb "$work/data"/engagement.db* | tail -1 | cut -f1)"

# Instance A: start-up measured from process start (the database is already migrated, as on any restart).
start_ms="$(now_ms)"
ASPNETCORE_URLS="$base" dotnet Engagement.Web.dll >"$work/app.log" 2>&1 &
app_pid=$!
ready_ms=""
for _ in $(seq 1 3000); do
  if curl -fs -o /dev/null "$base/health/ready" 2>/dev/null; then ready_ms="$(( $(now_ms) - start_ms ))"; break; fi
  sleep 0.01
done
[[ -n "$ready_ms" ]] || { cat "$work/app.log"; exit 1; }
curl -fs -o /dev/null "$base/you-said-we-did"
first_page_ms="$(( $(now_ms) - start_ms ))"

# Instance B: the same database, output cache off. Its start is a restart (data protection keys exist by now).
restart_ms="$(now_ms)"
# It also takes the form journeys at the end, so its per-client form limits are raised: every simulated person comes
# from 127.0.0.1 (the limits themselves are tested at their defaults in the integration tests), the bot timing check
# is off (a client answers faster than a person; too-fast answers would be set aside rather than sent on), and cookies
# are not marked Secure, since wrk and the client talk plain http on loopback (in production TLS ends at the proxy).
OutputCache__Enabled=false RateLimiting__FormPostsPerMinute=100000000 RateLimiting__SubmissionsPerMinute=100000000 Feedback__MinimumSecondsToComplete=0 Cookies__Secure=false \
  ASPNETCORE_URLS="$miss_base" dotnet Engagement.Web.dll >"$work/miss.log" 2>&1 &
miss_pid=$!
restart_ready_ms=""
for _ in $(seq 1 3000); do
  if curl -fs -o /dev/null "$miss_base/health/ready" 2>/dev/null; then restart_ready_ms="$(( $(now_ms) - restart_ms ))"; break; fi
  sleep 0.01
done
curl -fs -o /dev/null "$miss_base/health/ready"
curl -fs -o /dev/null "$miss_base/you-said-we-did"
restart_page_ms="$(( $(now_ms) - restart_ms ))"

entry="$(curl -fs "$base/you-said-we-did" | grep -o 'data-reference="[^"]*"' | head -1 | cut -d'"' -f2)"
curl -fs "$base/you-said-we-did" >"$work/app/wwwroot/bench-baseline.html"
outcome="$(curl -fs "$base/you-said-we-did?kind=consultation" | grep -o 'data-reference="[^"]*"' | head -1 | cut -d'"' -f2)"

cat >"$work/miss.lua" <<'LUA'
-- A fresh junk parameter on every request: a miss on builds whose cache varied by every parameter.
local path = os.getenv("BENCH_PATH")
local separator = string.find(path, "?", 1, true) and "&" or "?"
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", path .. separator .. "nocache=" .. counter .. "-" .. math.random(1, 1000000000))
end
LUA

filtered="/you-said-we-did?priority=3&priority=5&status=completed&q=visit"
declare -a names=(
  "baseline: static file (log page's bytes)"
  "log page"
  "filtered log page"
  "entry page"
  "priority page /priorities/3"
  "Atom feed"
  "CSV download"
  "JSON list"
  "insights"
)
if [[ -n "$outcome" ]]; then names+=("consultation outcome ($consultation_responses responses)"); fi
declare -a paths=(
  "/bench-baseline.html"
  "/you-said-we-did"
  "$filtered"
  "/you-said-we-did/$entry"
  "/priorities/3"
  "/you-said-we-did/feed"
  "/you-said-we-did.csv"
  "/api/v1/you-said-we-did"
  "/insights"
)
if [[ -n "$outcome" ]]; then paths+=("/you-said-we-did/$outcome"); fi

for path in "${paths[@]}"; do  # warm up: JIT on both instances, and fill A's output cache
  for _ in 1 2 3; do
    curl -fs -o /dev/null "$base$path"
    [[ "$path" == "/bench-baseline.html" ]] || curl -fs -o /dev/null "$miss_base$path"
  done
done

to_ms() {  # wrk prints 812.00us, 1.20ms or 1.02s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else { printf "%s", v } }'
}

# Waits (up to 20 s) until the instance answers its liveness check within 50 ms: a scenario whose requests outlast wrk
# (32 streamed CSV downloads) would otherwise still be running during the next one and show up as its timeouts.
settle() {  # base url
  for _ in $(seq 1 200); do
    if awk -v t="$(curl -s -o /dev/null -w '%{time_total}' "$1/health/live" || echo 9)" 'BEGIN { exit !(t < 0.05) }'; then return 0; fi
    sleep 0.1
  done
}

baseline_rps=""
run() {  # name, url, target, [lua path]
  local name="$1" url="$2" target="$3" out rps p50 p99 ratio errors verdict
  if [[ $# -ge 4 ]]; then
    out="$(BENCH_PATH="$4" wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/miss.lua" "$url")"
  else
    out="$(wrk -t2 -c"$connections" -d"$duration" --latency "$url")"
  fi
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(to_ms "$(awk '/^ +50%/ {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '/^ +99%/ {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
  [[ -z "$baseline_rps" ]] && baseline_rps="$rps"
  ratio="$(awk -v a="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.0f", 100 * a / b }')"
  case "$target" in
    cached) verdict="$(awk -v r="$ratio" 'BEGIN { print (r >= 70 ? "met" : "MISSED") }')"; target=">=70% of static" ;;
    miss) verdict="$(awk -v r="$ratio" -v p="$p99" 'BEGIN { print (r >= 25 && p < 25 ? "met" : "MISSED") }')"; target="p99<25ms, >=25%" ;;
    *) verdict="" ;;
  esac
  printf '%-44s %11s %9s %9s %6s%%  %-17s %s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$target" "$verdict"
  [[ -n "$errors" ]] && echo "    $errors"
  # A rate only counts if the bodies were whole: wrk's bytes per response against one response's size.
  local expected average
  expected="$(curl -s -o /dev/null -w '%{size_download}' "$url${4:-}")"
  average="$(awk -v t="$(awk '/^Transfer\/sec:/ {print $2}' <<<"$out")" -v r="$rps" 'BEGIN {
    n = t + 0; if (t ~ /KB$/) n *= 1024; else if (t ~ /MB$/) n *= 1048576; else if (t ~ /GB$/) n *= 1073741824
    printf "%.0f", (r > 0 ? n / r : 0) }')"
  if [[ "$expected" -gt 4096 ]] && awk -v a="$average" -v e="$expected" 'BEGIN { exit !(a < 0.9 * e) }'; then
    echo "    SHORT BODIES: about $average bytes a response, one response is $expected bytes: this rate does not count"
  fi
  settle "$(grep -o '^http://[^/]*' <<<"$url")"
  return 0
}

printf '\n%-44s %11s %9s %9s %7s  %-17s %s\n' "scenario ($connections connections, $duration each)" "requests/s" "p50 ms" "p99 ms" "ratio" "target" ""
run "${names[0]}" "$base${paths[0]}" "baseline"
for i in $(seq 1 $((${#paths[@]} - 1))); do
  run "${names[$i]}, cached" "$base${paths[$i]}" "cached"
done
for i in $(seq 1 $((${#paths[@]} - 1))); do
  run "${names[$i]}, cache miss" "$miss_base" "miss" "${paths[$i]}"
done

# Form journeys on instance B (no output cache involved), by a .NET client in its own process that keeps each
# person's cookies and posts each page's antiforgery token (tests/Engagement.LoadClient). It prints its own CPU use:
# well under 100% of a core means the client was not the limit.
workshop="$(grep -o 'Workshop [0-9]* with' "$work/generate.log" | awk '{print $2}' || true)"
secs="${duration%s}"
echo
printf '%-44s %s\n' "form journeys (instance B)" "result"
feedback_out="$(dotnet "$work/load/Engagement.LoadClient.dll" feedback --base "$miss_base" --users "$users" --seconds "$secs")"
journeys_per_s="$(grep -o 'per_second=[0-9.]*' <<<"$feedback_out" | cut -d= -f2)"
feedback_errors="$(grep -o 'errors=[0-9]*' <<<"$feedback_out" | cut -d= -f2)"
printf '%-44s %s\n' "feedback journeys, $users at once" "$feedback_out"
printf '%-44s %-20s %s\n' "  submissions per second" "$journeys_per_s" "target >=300/s, 0 errors: $(awk -v r="$journeys_per_s" -v e="$feedback_errors" 'BEGIN { print (r >= 300 && e == 0 ? "met" : "MISSED") }')"
if [[ -n "$workshop" ]]; then
  bookings_out="$(dotnet "$work/load/Engagement.LoadClient.dll" bookings --base "$miss_base" --event "$workshop" --count "$bookings")"
  answered_ms="$(grep -o 'all_answered_ms=[0-9]*' <<<"$bookings_out" | cut -d= -f2)"
  confirmed="$(grep -o 'confirmed=[0-9]*' <<<"$bookings_out" | cut -d= -f2)"
  printf '%-44s %s\n' "$bookings bookings at once for $places places" "$bookings_out"
  printf '%-44s %-20s %s\n' "  all answered; confirmed" "$answered_ms ms; $confirmed" "target <2000 ms, exactly $places: $(awk -v a="$answered_ms" -v c="$confirmed" -v p="$places" 'BEGIN { print (a < 2000 && c == p ? "met" : "MISSED") }')"
fi

# The staff inbox on instance B, signed in as the generator's commissioner (password, then the authenticator code),
# with wrk sending that session's cookie: each quick filter, a search and a page 20 pages deep, at 8 connections.
commissioner="$(grep '^Commissioner ' "$work/generate.log" || true)"
if [[ -n "$commissioner" ]]; then
  email="$(awk '{print $2}' <<<"$commissioner")"
  password="$(sed 's/.* password=\(.*\) key=.*/\1/' <<<"$commissioner")"
  key="$(sed 's/.* key=//' <<<"$commissioner")"
  cookie="$(dotnet "$work/load/Engagement.LoadClient.dll" signin --base "$miss_base" --email "$email" --password "$password" --key "$key")"
  deep="/staff/feedback"
  for _ in $(seq 1 20); do
    next="$(curl -fs -H "$cookie" "$miss_base$deep" | grep -o 'href="/staff/feedback?[^"]*after=[^"]*"' | head -1 | cut -d'"' -f2 | sed 's/&amp;/\&/g' || true)"
    [[ -n "$next" ]] && deep="$next"
  done
  echo
  printf '%-44s %11s %9s %9s  %-17s %s\n' "staff inbox (instance B, 8 connections)" "requests/s" "p50 ms" "p99 ms" "target" ""
  for inbox_path in "/staff/feedback" "/staff/feedback?show=new" "/staff/feedback?show=safeguarding" \
    "/staff/feedback?show=unlinked" "/staff/feedback?show=mine" "/staff/feedback?show=due-this-week" \
    "/staff/feedback?show=overdue" "/staff/feedback?show=quarantined" "/staff/feedback?sort=due" \
    "/staff/feedback?q=late" "$deep"; do
    out="$(wrk -t2 -c8 -d"$duration" --latency -H "$cookie" "$miss_base$inbox_path")"
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    p50="$(to_ms "$(awk '/^ +50%/ {print $2}' <<<"$out")")"
    p99="$(to_ms "$(awk '/^ +99%/ {print $2}' <<<"$out")")"
    errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")"
    label="${inbox_path#/staff/feedback}"; [[ "$inbox_path" == "$deep" && "$deep" != "/staff/feedback" ]] && label="20 pages deep"
    printf '%-44s %11s %9s %9s  %-17s %s\n' "  ${label:-all}" "$rps" "$p50" "$p99" "p99<25ms" "$(awk -v p="$p99" 'BEGIN { print (p < 25 ? "met" : "MISSED") }')"
    [[ -n "$errors" ]] && echo "    $errors (a redirect to the sign-in page would show here)"
  done
fi

rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
hwm() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v < t ? "met" : "MISSED") }'; }

echo
printf '%-44s %10s  %-17s %s\n' "start-up (process start, at volume)" "ms" "target" ""
printf '%-44s %10s  %-17s %s\n' "first start: to /health/ready" "$ready_ms" "<1500 ms" "$(verdict "$ready_ms" 1500)"
printf '%-44s %10s  %-17s %s\n' "first start: to the first log page" "$first_page_ms" "<1500 ms" "$(verdict "$first_page_ms" 1500)"
printf '%-44s %10s  %-17s %s\n' "restart (instance B): to /health/ready" "$restart_ready_ms" "<1500 ms" "$(verdict "$restart_ready_ms" 1500)"
printf '%-44s %10s  %-17s %s\n' "restart (instance B): to the first log page" "$restart_page_ms" "<1500 ms" "$(verdict "$restart_page_ms" 1500)"
echo
printf '%-44s %10s  %-17s %s\n' "working set after the run" "MB" "target" ""
printf '%-44s %10s  %-17s %s\n' "instance A (cache on), now / peak" "$(rss "$app_pid") / $(hwm "$app_pid")" "<250 MB" "$(verdict "$(hwm "$app_pid")" 250)"
printf '%-44s %10s  %-17s %s\n' "instance B (cache off), now / peak" "$(rss "$miss_pid") / $(hwm "$miss_pid")" "<250 MB" "$(verdict "$(hwm "$miss_pid")" 250)"
echo
echo "generate-volume: $entries entries, $feedback feedback items in $((generate_ms / 1000)).$(( (generate_ms % 1000) / 100 )) s,"
echo "  writing $((generate_written / 1048576)) MiB to disk for a database of $((db_bytes / 1048576)) MiB."
grep -h "analysis queries" "$work/generate.log" || true
echo "Database: SQLite, WAL. Machine: $(nproc) cores, $(uname -m). Entry page: /you-said-we-did/$entry."
