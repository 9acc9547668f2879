#!/usr/bin/env bash
# Regenerates both providers' EF Core compiled models from the model in the code (decision 0031), each into its
# migrations project's CompiledModel/ folder, beside that provider's migrations and snapshot. The app uses them instead
# of building the model at start-up; a test (CompiledModelTests) fails when either no longer matches the code.
# Usage: migrations/optimize-model.sh   (migrations/add-migration.sh runs it after adding a migration)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  project="migrations/Engagement.Migrations.$provider"
  # The old model goes first: after a property or an entity type is removed it no longer compiles. Nothing refers to
  # it by name (DatabaseRegistration finds it by its DbContextModel attribute), so the project builds without it.
  rm -rf "$project/CompiledModel"
  dotnet ef dbcontext optimize \
    --project "$project" \
    --startup-project "$project" \
    --context EngagementDbContext \
    --output-dir CompiledModel \
    --namespace "Engagement.Migrations.$provider.CompiledModel"
done
