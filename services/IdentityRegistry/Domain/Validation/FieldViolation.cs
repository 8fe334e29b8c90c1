namespace Medimail.IdentityRegistry.Domain.Validation;

/// <summary>
/// One problem on one field. <see cref="Field"/> is the JSON path relative to the account
/// ("rpps", "address.postalCode", "connectionAccounts[0]") so the gRPC layer only prefixes
/// "account." and the import maps it to a loadusers column.
/// </summary>
public sealed record FieldViolation(string Field, string Message);
