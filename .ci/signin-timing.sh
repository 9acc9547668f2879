#!/usr/bin/env bash
# Sign-in timing benchmark (not a test): does the time a wrong sign-in takes tell whether the email has an account?
#
#   flock /tmp/engagement-build.lock .ci/signin-timing.sh          # 20 samples of each, interleaved
#   SAMPLES=40 .ci/signin-timing.sh
#
# Builds the app (Release), starts it on loopback with the demo accounts on a fresh data folder, then posts the real
# sign-in form (GET for the antiforgery token, then POST) with a wrong password: alternately for an unknown email
# and for one of the demo accounts. Each request comes from its own client address (X-Forwarded-For, trusted with
# ForwardedHeaders:Enabled) and each known account is tried at most 5 times, so no sign-in delay cuts the work short.
# Prints the median and 90th percentile POST time of each side by side, measured in the same run.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
samples="${SAMPLES:-20}"
port="${PORT:-5398}"
work="$(mktemp -d /tmp/engagement-signin.XXXXXX)"
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

dotnet build "$root/src/Engagement.Web" -c Release --nologo -v q >/dev/null

export ASPNETCORE_ENVIRONMENT=Development
export Storage__DataDirectory="$work/data"
export Jobs__RunServer=false
export Seed__DemoData=true
export Seed__DemoPassword="benchmark demo password 2026"
export ForwardedHeaders__Enabled=true
export RateLimiting__AnonymousPostsPerMinute=100000
export Logging__LogLevel__Default=Warning

cd "$root/src/Engagement.Web/bin/Release/net10.0"
ASPNETCORE_URLS="$base" dotnet Engagement.Web.dll >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 150); do
  curl -fs "$base/health/live" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$base/health/live" >/dev/null

python3 - "$base" "$samples" <<'PY'
import http.cookiejar, random, re, statistics, sys, time, urllib.parse, urllib.request

base, samples = sys.argv[1], int(sys.argv[2])
known_accounts = ["admin@demo.test", "commissioner@demo.test", "carehome.provider@demo.test", "homecare.provider@demo.test"]
if samples > 5 * len(known_accounts):
    sys.exit(f"at most {5 * len(known_accounts)} samples: each demo account takes 5 failures before its delay starts")

def attempt(email, n):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    address = f"10.{n // 250 % 250}.{n % 250}.{random.randint(1, 250)}"
    headers = {"X-Forwarded-For": address}
    page = opener.open(urllib.request.Request(base + "/account/login", headers=headers)).read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"Input.Email": email, "Input.Password": "not the password at all", "__RequestVerificationToken": token}).encode()
    started = time.perf_counter()
    answer = opener.open(urllib.request.Request(base + "/account/login", data=body, headers=headers)).read().decode()
    elapsed = (time.perf_counter() - started) * 1000
    assert "Enter a correct email address and password" in answer, "unexpected answer"
    return elapsed

# Warm up (JIT, connection pools) on unknown emails only.
for i in range(5):
    attempt(f"warm-up-{i}@example.org", 10_000 + i)

unknown, known = [], []
for i in range(samples):
    unknown.append(attempt(f"nobody-{i}-{random.randint(0, 10**9)}@example.org", 2 * i))
    known.append(attempt(known_accounts[i % len(known_accounts)], 2 * i + 1))

def p90(values):
    return sorted(values)[max(0, int(round(0.9 * len(values))) - 1)]

print(f"Sign-in with a wrong password, {samples} samples each, interleaved, same run:")
print(f"{'':18}{'median ms':>12}{'p90 ms':>10}")
print(f"{'unknown email':18}{statistics.median(unknown):12.1f}{p90(unknown):10.1f}")
print(f"{'known email':18}{statistics.median(known):12.1f}{p90(known):10.1f}")
print(f"ratio known/unknown (medians): {statistics.median(known) / statistics.median(unknown):.2f}")
PY
