#!/usr/bin/env bash
# The one test command: installs what it needs, rebuilds the front end and checks it matches what is committed,
# builds with warnings as errors, checks formatting, runs every test project, and generates the SQL Server
# idempotent migration script. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=offline

step() { printf '\n== %s\n' "$*"; }

step "Installing what is missing"
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/redis-server ] || need_apt+=(redis-server)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_apt+=(python3-aiosmtpd)
fc-list 2>/dev/null | grep -qi liberation || need_apt+=(fonts-liberation)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Please install: ${need_apt[*]} (needs root)"; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
echo "redis-server: $(/usr/bin/redis-server --version 2>/dev/null || echo missing)"

step "Front end: rebuild from GOV.UK Frontend and check it matches the committed wwwroot/"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
if [ -n "$(git status --porcelain -- wwwroot 2>/dev/null)" ]; then
  git status --porcelain -- wwwroot
  echo "wwwroot/ differs from a fresh front-end build: run 'npm run build' and commit the result."
  exit 1
fi

step "Build (warnings are errors)"
dotnet tool restore >/dev/null
dotnet build Engagement.sln -c Release -warnaserror -nologo -v quiet

step "Formatting"
dotnet format Engagement.sln --verify-no-changes --no-restore --verbosity quiet

step "SQL Server idempotent migration script"
mkdir -p artifacts
dotnet ef migrations script --idempotent --no-build --configuration Release \
  --project migrations/Engagement.Migrations.SqlServer --startup-project migrations/Engagement.Migrations.SqlServer \
  --context EngagementDbContext --output artifacts/sqlserver-idempotent.sql >/dev/null
grep -q "__EFMigrationsHistory" artifacts/sqlserver-idempotent.sql
echo "artifacts/sqlserver-idempotent.sql: $(wc -l < artifacts/sqlserver-idempotent.sql) lines"

step "The first command: dotnet run on a fresh data folder starts, migrates, seeds and serves"
smoke_data=$(mktemp -d)
Storage__DataDirectory="$smoke_data" dotnet run --project src/Engagement.Web -c Release --no-build > artifacts/first-command.log 2>&1 &
smoke_pid=$!
smoke_ok=""
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null http://localhost:5080/health/ready 2>/dev/null; then smoke_ok=yes; break; fi
  kill -0 "$smoke_pid" 2>/dev/null || break
  sleep 1
done
if [ -n "$smoke_ok" ]; then
  for path in / /priorities /you-said-we-did /events /feedback; do
    curl -fsS -o /dev/null "http://localhost:5080$path" || { smoke_ok=""; echo "GET $path failed"; }
  done
fi
pkill -P "$smoke_pid" 2>/dev/null || true
kill "$smoke_pid" 2>/dev/null || true
wait "$smoke_pid" 2>/dev/null || true
rm -rf "$smoke_data"
if [ -z "$smoke_ok" ]; then
  cat artifacts/first-command.log
  echo "The first command did not serve the service."
  exit 1
fi
echo "dotnet run served /, /priorities, /you-said-we-did, /events and /feedback from a fresh data folder"

step "Tests"
passed=0; failed=0; status=0
for project in UnitTests ComponentTests IntegrationTests BrowserTests; do
  log="artifacts/test-$project.log"
  if dotnet test "tests/Engagement.$project" -c Release --no-build --nologo 2>&1 | tee "$log"; then :; else status=1; fi
  p=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
  f=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo
echo "Tests: $passed passed, $failed failed"
exit $status
