namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>The legend of the loadusers table.</summary>
public enum FieldPresence
{
    /// <summary>O: must be filled.</summary>
    Mandatory,
    /// <summary>OSC: mandatory under a condition a dedicated rule checks (PER's RPPS-or-ADELI, INT's diploma…).</summary>
    Conditional,
    /// <summary>R: recommended. Not reported: a warning on every account without a legal name would drown the useful ones.</summary>
    Recommended,
    /// <summary>F: optional.</summary>
    Optional,
    /// <summary>NC: "non concerné", must be empty.</summary>
    Forbidden,
}
