using System.Data.Common;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Engagement.Web.Features.PublicLog;

/// <summary>
/// One prepared INSERT for one entity type, built from the EF Core model (table and column names, each column's type
/// mapping and value conversion), reused for every row inside the caller's transaction: no change tracking, no SQL
/// text per row. For bulk loads only (<see cref="VolumeGenerator"/>); a model change reaches it through the model.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, DbParameter Parameter, Func<object?, object?>? ToProvider)[] _columns;
    private readonly bool _returnsKey;

    private BulkInsert(DbCommand command, (IProperty, DbParameter, Func<object?, object?>?)[] columns, bool returnsKey)
    {
        _command = command;
        _columns = columns;
        _returnsKey = returnsKey;
    }

    public static BulkInsert For<T>(EngagementDbContext db, DbTransaction transaction)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties;
        var generatedKey = key is [{ ValueGenerated: ValueGenerated.OnAdd } only] && only.ClrType == typeof(int) ? only : null;
        var properties = entityType.GetProperties().Where(p => p != generatedKey).ToList();

        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<(IProperty, DbParameter, Func<object?, object?>?)>();
        foreach (var property in properties)
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "@p" + columns.Count, null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, mapping.Converter?.ConvertToProvider));
        }

        var names = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)));
        var values = string.Join(", ", columns.Select(c => c.Item2.ParameterName));
        var keyColumn = generatedKey is null ? null : sql.DelimitIdentifier(generatedKey.GetColumnName(store)!);
        var sqlServer = db.Database.IsSqlServer();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} ({names})"
            + (keyColumn is not null && sqlServer ? $" OUTPUT INSERTED.{keyColumn}" : "")
            + $" VALUES ({values})"
            + (keyColumn is not null && !sqlServer ? $" RETURNING {keyColumn}" : "");
        command.Prepare();
        return new BulkInsert(command, [.. columns], keyColumn is not null);
    }

    /// <summary>
    /// Inserts one row. <paramref name="values"/> sets properties the object does not hold (a foreign key not known
    /// yet, a shadow property); a shadow property without one is an error. Returns the generated key, if any.
    /// </summary>
    public async Task<int> AddAsync(object entity, params (string Property, object Value)[] values)
    {
        foreach (var (property, parameter, toProvider) in _columns)
        {
            var given = Array.FindIndex(values, v => v.Property == property.Name);
            object? value = given >= 0
                ? values[given].Value
                : property.IsShadowProperty()
                    ? throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is a shadow property: pass its value.")
                    : property.GetGetter().GetClrValueUsingContainingEntity(entity);
            parameter.Value = value is null ? DBNull.Value : toProvider is null ? value : toProvider(value) ?? DBNull.Value;
        }

        if (_returnsKey)
        {
            return Convert.ToInt32(await _command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        await _command.ExecuteNonQueryAsync();
        return 0;
    }

    public void Dispose() => _command.Dispose();
}
