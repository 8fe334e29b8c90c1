using Medimail.Mailbox.Data;
using Medimail.Mailbox.Domain;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Mailbox.Messages;

public sealed record ConnectionSettings(string Address, string Email, bool IsDefault, bool ReceptionNotice);

/// <summary>
/// An administrator's "Gestion des comptes de connexion" (seed 001): per connection account of a shared box,
/// "compte par défaut" (one per person: setting it clears the person's other default) and "notification de réception".
/// </summary>
public sealed class ConnectionSettingsStore(MailboxDbContext db)
{
    public async Task<ConnectionSettings> UpdateAsync(Caller caller, string address, string email, bool? isDefault, bool? receptionNotice,
        CancellationToken cancellationToken)
    {
        var boxAddress = Addresses.Normalize(address);
        var person = Addresses.Normalize(email);
        if (person.Length == 0)
            throw new ValidationFailedException("email", "L'adresse du compte de connexion est obligatoire.");
        if (isDefault is null && receptionNotice is null)
            throw new ValidationFailedException("isDefault", "Indiquez isDefault, receptionNotice ou les deux.");

        var box = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(b => b.Address == boxAddress, cancellationToken);
        if (box is null || !MailboxAccess.CanView(caller, box))
            throw MailboxAccess.NotFound(boxAddress);
        if (!caller.IsOperator && !(caller.IsStructureAdmin && caller.StructureIds.Contains(box.StructureId)))
            throw new PermissionDeniedException("Seul un administrateur de la structure règle les comptes de connexion d'une boîte partagée.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The person's delegations are locked in one order, as UpdateMyMailboxSettings does, so defaults never race.
        var delegations = await db.Delegations
            .FromSqlInterpolated($"SELECT * FROM delegations WHERE connection_account = {person} ORDER BY box_address FOR UPDATE")
            .ToListAsync(cancellationToken);
        var delegation = delegations.FirstOrDefault(d => d.BoxAddress == boxAddress)
            ?? throw new NotFoundException($"{person} n'est pas un compte de connexion de la boîte {boxAddress}.");
        if (isDefault == true)
        {
            foreach (var other in delegations.Where(d => d.IsDefault && d.BoxAddress != boxAddress))
                other.IsDefault = false;
            await db.SaveChangesAsync(cancellationToken);
        }
        delegation.IsDefault = isDefault ?? delegation.IsDefault;
        delegation.ReceptionNotice = receptionNotice ?? delegation.ReceptionNotice;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ConnectionSettings(boxAddress, person, delegation.IsDefault, delegation.ReceptionNotice);
    }
}
