using Medimail.Directory.Data;
using Medimail.Directory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Medimail.Directory.Projection;

/// <summary>
/// Inserts new directory entries with PostgreSQL's binary COPY, inside the consumer's transaction: one round trip for
/// a batch of 500 instead of EF's tracked adds. The columns and values come from the EF model of
/// <see cref="DirectoryEntry"/>, so a column added to the entry is copied too, without a second list to keep in step.
/// Rows are built by <see cref="DirectoryEntry.Create"/>: the same folding and visibility rules as every other write.
/// A row inserted meanwhile by another consumer makes the COPY fail on the primary key; the message is then retried
/// and finds the row, which it updates like any existing entry. Columns the database computes (generated columns) are
/// left to it; a property of a type this class cannot write makes <see cref="For"/> answer null, and the caller falls
/// back to EF's adds (slower, never wrong).
/// </summary>
internal sealed class EntryCopy
{
    private static EntryCopy? _cached;
    private static volatile bool _built;

    private readonly string _command;
    private readonly Column[] _columns;

    private EntryCopy(string table, Column[] columns)
    {
        _columns = columns;
        _command = $"COPY {table} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>The copier for this model, or null when the model holds a column it cannot write; built once.</summary>
    public static EntryCopy? For(DirectoryDbContext db)
    {
        if (!_built)
        {
            _cached = Build(db.Model);
            _built = true;
        }
        return _cached;
    }

    /// <summary>The columns the COPY writes, in order.</summary>
    internal IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    public async Task WriteAsync(DirectoryDbContext db, IReadOnlyCollection<DirectoryEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(_command, cancellationToken);
        foreach (var entry in entries)
        {
            copy.StartRow();
            foreach (var column in _columns)
            {
                // Synchronous on purpose: the importer buffers, and an await per field costs more than the field.
                if (column.Read(entry) is { } value)
                    copy.Write(value, column.Type);
                else
                    copy.WriteNull();
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static EntryCopy? Build(IModel model)
    {
        var entity = model.FindEntityType(typeof(DirectoryEntry))
            ?? throw new InvalidOperationException("DirectoryEntry is not in the Directory's model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            // A shadow property has no value on the entity, and a generated column cannot be written: both are left
            // to the database (default, trigger or generation expression).
            .Where(p => p.PropertyInfo is not null && p.GetComputedColumnSql(table) is null)
            .Select(p => ToColumn(p, table))
            .ToArray();
        if (columns.Any(c => c is null))
            return null;
        var name = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);
        return new EntryCopy(name, columns.OfType<Column>().ToArray());
    }

    private static Column? ToColumn(IProperty property, StoreObjectIdentifier table)
    {
        var converter = property.GetTypeMapping().Converter;
        var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        var getter = property.PropertyInfo!;
        Func<DirectoryEntry, object?> read = converter is null
            ? e => getter.GetValue(e)
            : e => getter.GetValue(e) is { } v ? converter.ConvertToProvider(v) : null;
        if (TypeOf(providerType) is not { } type)
            return null;
        if (providerType == typeof(DateTimeOffset))
        {
            // timestamptz takes UTC offsets only.
            var raw = read;
            read = e => raw(e) is DateTimeOffset t ? t.ToUniversalTime() : null;
        }
        return new Column(property.GetColumnName(table) ?? property.GetColumnName(), type, read);
    }

    private static NpgsqlDbType? TypeOf(Type clrType) =>
        clrType == typeof(string) ? NpgsqlDbType.Text
        : clrType == typeof(bool) ? NpgsqlDbType.Boolean
        : clrType == typeof(long) ? NpgsqlDbType.Bigint
        : clrType == typeof(int) ? NpgsqlDbType.Integer
        : clrType == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
        : null;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, NpgsqlDbType Type, Func<DirectoryEntry, object?> Read);
}
