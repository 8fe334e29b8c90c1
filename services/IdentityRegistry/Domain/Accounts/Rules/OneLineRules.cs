namespace Medimail.IdentityRegistry.Domain.Accounts.Rules;

/// <summary>
/// Names are one line. They travel into e-mails (invitations, reception notices: subjects and display names), the
/// directory's pipe-separated export and log lines; a line break there is either a typing accident or an attempt to
/// forge a header ("Dupont\r\nBcc: x@evil"). Refused naming the field, rather than silently joined.
/// </summary>
internal static class OneLineRules
{
    private static readonly (string Field, Func<AccountDraft, string?> Value)[] Names =
    [
        (AccountFields.LastName, d => d.LastName),
        (AccountFields.FirstName, d => d.FirstName),
        (AccountFields.LegalName, d => d.LegalName),
        (AccountFields.ResponsibleLastName, d => d.Responsible.LastName),
        (AccountFields.ResponsibleFirstName, d => d.Responsible.FirstName),
    ];

    public static void Check(RuleContext context)
    {
        foreach (var (field, value) in Names)
        {
            if (HasLineBreak(value(context.Draft)))
                context.Error(field, $"{FieldLabels.Of(field)} tient sur une ligne : retirez les retours à la ligne.");
        }
    }

    /// <summary>CR, LF and the Unicode line and paragraph separators (U+0085, U+2028, U+2029).</summary>
    public static bool HasLineBreak(string? value) =>
        value is not null && value.AsSpan().IndexOfAny(['\r', '\n', '\u0085', '\u2028', '\u2029']) >= 0;
}
