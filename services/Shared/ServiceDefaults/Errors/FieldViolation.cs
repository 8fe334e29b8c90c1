namespace Medimail.ServiceDefaults.Errors;

/// <summary>One invalid field: its JSON path as the client sent it (<c>account.rpps</c>) and a sentence an administrator understands.</summary>
public sealed record FieldViolation(string Field, string Description);
