#!/usr/bin/env bash
# Adds one named migration to both providers' migrations projects, then regenerates both compiled models
# (migrations/optimize-model.sh, decision 0031).
# Usage: migrations/add-migration.sh AddSomething
set -euo pipefail
name="${1:?usage: migrations/add-migration.sh MigrationName}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project "migrations/Engagement.Migrations.$provider" \
    --startup-project "migrations/Engagement.Migrations.$provider" \
    --context EngagementDbContext \
    --output-dir Migrations
done
"$root/migrations/optimize-model.sh"
