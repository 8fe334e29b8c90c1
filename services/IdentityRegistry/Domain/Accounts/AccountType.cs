namespace Medimail.IdentityRegistry.Domain.Accounts;

/// <summary>The "Type BAL". Never changes after creation.</summary>
public enum AccountType
{
    /// <summary>Personal: a professional with RPPS or ADELI.</summary>
    Per,
    /// <summary>Intern or foreign professional, no RPPS/ADELI.</summary>
    Int,
    /// <summary>Organisational shared box, reached through connection accounts.</summary>
    Org,
    /// <summary>Medimail: administrative, IT, secretarial or médico-social staff; never in the national directory.</summary>
    Med,
    /// <summary>Applicative: automated sending from business software.</summary>
    App,
}
