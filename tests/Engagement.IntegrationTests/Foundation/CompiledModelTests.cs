using Engagement.Infrastructure.Data;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Foundation;

/// <summary>
/// The compiled models the app starts with (decision 0031) against the model built from the code: a change to an
/// entity, a configuration or a convention without migrations/optimize-model.sh afterwards fails here, for each provider.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "run migrations/optimize-model.sh";

    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=compiled-model.db" },
        { DatabaseProvider.SqlServer, "Server=localhost;Database=CompiledModel;TrustServerCertificate=True" },
    };

    private static EngagementDbContext Context(DatabaseProvider provider, string connectionString, bool useCompiledModel)
    {
        var options = new DbContextOptionsBuilder<EngagementDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString, useCompiledModel);
        return new EngagementDbContext(options.Options);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_app_uses_the_compiled_model_and_tools_still_build_the_model_from_the_code(DatabaseProvider provider, string connectionString)
    {
        using var compiled = Context(provider, connectionString, useCompiledModel: true);
        using var fromCode = Context(provider, connectionString, useCompiledModel: false);

        var compiledModel = DatabaseRegistration.CompiledModel(provider);
        Assert.Equal($"Engagement.Migrations.{provider}.CompiledModel", compiledModel.GetType().Namespace);
        Assert.Same(compiledModel, compiled.Model);
        Assert.IsNotType(compiledModel.GetType(), fromCode.Model);

        // What migrations compare with the snapshot (HasPendingModelChanges, MigrateAsync's check) is the design-time
        // model, which EF Core builds from the code even when the context is given a compiled model.
        Assert.IsNotType(compiledModel.GetType(), compiled.GetService<IDesignTimeModel>().Model);
    }

    [Fact]
    public void The_app_s_pooled_context_starts_with_the_compiled_model()
    {
        using var app = new EngagementFactory();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();

        Assert.Same(DatabaseRegistration.CompiledModel(DatabaseProvider.Sqlite), db.Model);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_matches_the_model_built_from_the_code(DatabaseProvider provider, string connectionString)
    {
        using var compiled = Context(provider, connectionString, useCompiledModel: true);
        using var fromCode = Context(provider, connectionString, useCompiledModel: false);

        // Both as the app reads them: the compiled model initialised for run time, and the run-time model EF Core makes
        // from the code (what the generator writes out: no design-time-only annotations such as "excluded from
        // migrations", which both lack alike). EF Core's own compiled model tests compare these two.
        var compiledModel = compiled.Model;
        var codeModel = fromCode.Model;

        // The entity types: CLR types, properties (type, nullability, converters), keys, foreign keys, navigations,
        // indexes and query filters; then the tables, columns, constraints and indexes they map to. (EF Core's migrations
        // differ cannot take a compiled model: it reads design-time configuration a run-time model does not keep.)
        var expected = Describe(codeModel).Concat(Describe(codeModel.GetRelationalModel())).ToList();
        var actual = Describe(compiledModel).Concat(Describe(compiledModel.GetRelationalModel())).ToList();
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"The {provider} compiled model is out of date with the model in the code: {Regenerate}.\n"
            + $"In the code, not in the compiled model:\n  {string.Join("\n  ", missing)}\n"
            + $"In the compiled model, not in the code:\n  {string.Join("\n  ", extra)}");
        Assert.Equal(codeModel.GetEntityTypes().Count(), expected.Count(l => l.StartsWith("entity ", StringComparison.Ordinal)));
        Assert.Contains(expected, l => l.StartsWith("table ", StringComparison.Ordinal));
    }

    /// <summary>One line per entity type, property, key, foreign key, navigation and index, in a stable order.</summary>
    private static SortedSet<string> Describe(IModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entity in model.GetEntityTypes())
        {
            var e = entity.Name;
            lines.Add($"entity {e}: clr {entity.ClrType.FullName}, shared {entity.HasSharedClrType}, base {entity.BaseType?.Name}, "
                + $"table {entity.GetSchemaQualifiedTableName()}, keyless {entity.FindPrimaryKey() is null}, "
                + $"query filters [{string.Join(", ", entity.GetDeclaredQueryFilters().Select(f => f.Key ?? "(unnamed)"))}]");

            foreach (var p in entity.GetDeclaredProperties())
            {
                var mapping = p.GetTypeMapping();
                lines.Add($"property {e}.{p.Name}: clr {p.ClrType}, nullable {p.IsNullable}, shadow {p.IsShadowProperty()}, "
                    + $"column {p.GetColumnName()}, store type {p.GetColumnType()}, max length {p.GetMaxLength()}, "
                    + $"converter {p.GetValueConverter()?.GetType().FullName ?? mapping.Converter?.GetType().FullName}, "
                    + $"provider clr {p.GetProviderClrType() ?? mapping.Converter?.ProviderClrType}, "
                    + $"generated {p.ValueGenerated}, concurrency token {p.IsConcurrencyToken}, access {p.GetPropertyAccessMode()}, "
                    + $"field {p.FieldInfo?.Name}");
            }

            foreach (var k in entity.GetDeclaredKeys())
            {
                lines.Add($"key {e}({Names(k.Properties)}): primary {k.IsPrimaryKey()}, name {k.GetName()}");
            }

            foreach (var fk in entity.GetDeclaredForeignKeys())
            {
                lines.Add($"foreign key {e}({Names(fk.Properties)}) -> {fk.PrincipalEntityType.Name}({Names(fk.PrincipalKey.Properties)}): "
                    + $"required {fk.IsRequired}, unique {fk.IsUnique}, delete {fk.DeleteBehavior}, "
                    + $"name {fk.GetConstraintName()}, navigations {fk.DependentToPrincipal?.Name}/{fk.PrincipalToDependent?.Name}");
            }

            foreach (var n in entity.GetDeclaredNavigations())
            {
                lines.Add($"navigation {e}.{n.Name}: to {n.TargetEntityType.Name}, collection {n.IsCollection}, "
                    + $"on dependent {n.IsOnDependent}, access {n.GetPropertyAccessMode()}, field {n.FieldInfo?.Name}");
            }

            foreach (var n in entity.GetDeclaredSkipNavigations())
            {
                lines.Add($"skip navigation {e}.{n.Name}: to {n.TargetEntityType.Name}, via {n.JoinEntityType.Name}");
            }

            foreach (var i in entity.GetDeclaredIndexes())
            {
                lines.Add($"index {e}({Names(i.Properties)}): name {i.GetDatabaseName()}, unique {i.IsUnique}, filter {i.GetFilter()}");
            }
        }

        return lines;
    }

    /// <summary>One line per table, column, key, foreign key and index the model maps to, in a stable order.</summary>
    private static SortedSet<string> Describe(IRelationalModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            var t = table.SchemaQualifiedName;
            lines.Add($"table {t}: entity types [{string.Join(", ", table.EntityTypeMappings.Select(m => m.TypeBase.Name).Order(StringComparer.Ordinal))}]");
            foreach (var c in table.Columns)
            {
                lines.Add($"column {t}.{c.Name}: {c.StoreType}, nullable {c.IsNullable}, max length {c.MaxLength}, "
                    + $"default {c.DefaultValueSql ?? c.DefaultValue?.ToString()}, computed {c.ComputedColumnSql}");
            }

            foreach (var k in table.UniqueConstraints)
            {
                lines.Add($"unique constraint {t}.{k.Name}({ColumnNames(k.Columns)}): primary {k.GetIsPrimaryKey()}");
            }

            foreach (var fk in table.ForeignKeyConstraints)
            {
                lines.Add($"foreign key constraint {t}.{fk.Name}({ColumnNames(fk.Columns)}) -> "
                    + $"{fk.PrincipalTable.SchemaQualifiedName}({ColumnNames(fk.PrincipalColumns)}): on delete {fk.OnDeleteAction}");
            }

            foreach (var i in table.Indexes)
            {
                lines.Add($"table index {t}.{i.Name}({ColumnNames(i.Columns)}): unique {i.IsUnique}, filter {i.Filter}");
            }
        }

        return lines;
    }

    private static string ColumnNames(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
