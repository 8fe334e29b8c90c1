using Medimail.IdentityRegistry.Data;
using Npgsql;
using NpgsqlTypes;

namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// Writes a batch with PostgreSQL's binary COPY, inside the caller's transaction: one round trip for hundreds of
/// accounts instead of one INSERT each. The columns are those of the accounts and import_issues migrations.
/// </summary>
internal static class AccountCopy
{
    private const string AccountColumns =
        "email, type, state, state_before_disable, structure_id, last_name, first_name, rpps, adeli, legal_name, service_unit, " +
        "phone1, phone2, profession, specialty, diploma, independent_practice, structure_identifier_type, structure_identifier, " +
        "return_address, description, exercise_title, mssante_particle, mssante_address, apicrypt_particle, apicrypt_specialty, " +
        "expires_on, connection_accounts, unlisted_regional, unlisted_national, warnings, search_words, password_hash, " +
        "created_at, updated_at, version, address_city, address_department_code, address_line1, address_line2, " +
        "address_postal_code, address_region_code, responsible_first_name, responsible_identifier, responsible_last_name, responsible_profession";

    public static async Task WriteAccountsAsync(NpgsqlConnection connection, IReadOnlyList<AccountRecord> accounts, CancellationToken cancellationToken)
    {
        if (accounts.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY accounts ({AccountColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var a in accounts)
        {
            copy.StartRow();
            Text(copy, a.Email);
            Text(copy, a.Type);
            Text(copy, a.State);
            Text(copy, a.StateBeforeDisable);
            copy.Write(a.StructureId, NpgsqlDbType.Uuid);
            Text(copy, a.LastName);
            Text(copy, a.FirstName);
            Text(copy, a.Rpps);
            Text(copy, a.Adeli);
            Text(copy, a.LegalName);
            Text(copy, a.ServiceUnit);
            Text(copy, a.Phone1);
            Text(copy, a.Phone2);
            Text(copy, a.Profession);
            Text(copy, a.Specialty);
            Text(copy, a.Diploma);
            copy.Write(a.IndependentPractice, NpgsqlDbType.Boolean);
            Text(copy, a.StructureIdentifierType);
            Text(copy, a.StructureIdentifier);
            Text(copy, a.ReturnAddress);
            Text(copy, a.Description);
            Text(copy, a.ExerciseTitle);
            Text(copy, a.MssanteParticle);
            Text(copy, a.MssanteAddress);
            Text(copy, a.ApicryptParticle);
            Text(copy, a.ApicryptSpecialty);
            if (a.ExpiresOn is { } expires) copy.Write(expires, NpgsqlDbType.Date);
            else copy.WriteNull();
            copy.Write(a.ConnectionAccounts.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            copy.Write(a.UnlistedRegional, NpgsqlDbType.Boolean);
            copy.Write(a.UnlistedNational, NpgsqlDbType.Boolean);
            copy.Write(a.Warnings.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Text(copy, a.SearchWords);
            Text(copy, a.PasswordHash);
            copy.Write(a.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            copy.Write(a.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            copy.Write(a.Version, NpgsqlDbType.Bigint);
            Text(copy, a.Address.City);
            Text(copy, a.Address.DepartmentCode);
            Text(copy, a.Address.Line1);
            Text(copy, a.Address.Line2);
            Text(copy, a.Address.PostalCode);
            Text(copy, a.Address.RegionCode);
            Text(copy, a.Responsible.FirstName);
            Text(copy, a.Responsible.Identifier);
            Text(copy, a.Responsible.LastName);
            Text(copy, a.Responsible.Profession);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public static async Task WriteIssuesAsync(NpgsqlConnection connection, Guid jobId, IEnumerable<(RowIssue Issue, bool IsError)> issues, CancellationToken cancellationToken)
    {
        var list = issues.ToList();
        if (list.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY import_issues (job_id, line, \"column\", message, is_error) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (issue, isError) in list)
        {
            copy.StartRow();
            copy.Write(jobId, NpgsqlDbType.Uuid);
            copy.Write(issue.Line, NpgsqlDbType.Integer);
            Text(copy, issue.Column.Length > 100 ? issue.Column[..100] : issue.Column);
            Text(copy, issue.Message);
            copy.Write(isError, NpgsqlDbType.Boolean);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    // Synchronous on purpose: the importer buffers rows and only a full buffer goes to the socket; an await per
    // field (46 per account) cost more than the copy itself.
    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }
}
