#!/usr/bin/env bash
# Mail throughput benchmark (not a test): how fast does the outbox send to a real SMTP server?
#
#   flock /tmp/engagement-build.lock .ci/mail-benchmark.sh               # 10,000 messages
#   MESSAGES=2000 SAMPLE=200 .ci/mail-benchmark.sh
#
# Builds the app (Release), starts the integration tests' SMTP server (Debian's python3-aiosmtpd, saving every message
# to a temporary folder) on loopback, and runs `Engagement.Web.dll mail-benchmark` on a fresh SQLite data folder: it
# first times the transport alone on a sample (a new connection per message, as the dispatcher used to, against one
# connection for all), then queues MESSAGES outbox rows and runs the real dispatcher (claim, send, record) until none is
# due, and prints messages per second. The issue's target is at least 50 per second on this machine.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
messages="${MESSAGES:-10000}"
sample="${SAMPLE:-500}"
port="${PORT:-2599}"
work="$(mktemp -d /tmp/engagement-mail.XXXXXX)"
smtp_pid=""

cleanup() {
  exec 3>&- 2>/dev/null || true
  if [[ -n "$smtp_pid" ]]; then
    kill "$smtp_pid" 2>/dev/null || true
    wait "$smtp_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/Engagement.Web" -c Release --nologo -v q >/dev/null

# The server stops when its standard input closes: hold a FIFO open on descriptor 3 until the end.
mkfifo "$work/stdin"
/usr/bin/python3 "$root/tests/Engagement.IntegrationTests/Email/smtp_server.py" --port "$port" --folder "$work/mail" <"$work/stdin" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 1 100); do
  grep -q READY "$work/smtp.log" 2>/dev/null && break
  sleep 0.1
done
grep -q READY "$work/smtp.log" || { cat "$work/smtp.log"; exit 1; }

export ASPNETCORE_ENVIRONMENT=Production
export Storage__DataDirectory="$work/data"
export Database__MigrateOnStartup=true
export Jobs__RunServer=false
export Email__Smtp__Host=127.0.0.1
export Email__Smtp__Port="$port"
export Email__Smtp__SecureSocketOptions=None
export Email__From="Benchmark <no-reply@council.example>"
export Service__PublicBaseUrl="https://engagement.council.example"
export Logging__LogLevel__Default=Warning

cd "$root/src/Engagement.Web/bin/Release/net10.0"
echo "Sending $messages messages to the SMTP test server on 127.0.0.1:$port ($(nproc) cores)"
dotnet Engagement.Web.dll mail-benchmark --messages "$messages" --sample "$sample"
echo "SMTP server saved $(find "$work/mail" -name '*.eml' | wc -l) messages"
