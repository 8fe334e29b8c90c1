using MassTransit;
using Medimail.Contracts;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Consumers;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Consumers;

/// <summary>
/// The Directory owns the liste rouge flags once someone set them there (SetVisibility); this keeps the account's copy
/// in step, so account reads and later snapshots show them. The account's version moves on like any change (its etag
/// must change), but no account event is published: the Directory already has the flags, and it ignores the flags of
/// later account events anyway once it owns them, so a snapshot carrying an older copy changes nothing there.
/// </summary>
public sealed class VisibilityChangedConsumer(IdentityDbContext db, TimeProvider clock, ILogger<VisibilityChangedConsumer> logger)
    : IdempotentConsumer<IdentityDbContext, VisibilityChanged>(db, logger)
{
    protected override async Task HandleAsync(VisibilityChanged message, ConsumeContext<VisibilityChanged> context, CancellationToken cancellationToken)
    {
        var email = message.Email.Trim().ToLowerInvariant();
        var account = await Db.Accounts.SingleOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (account is null)
        {
            logger.LogWarning("Liste rouge change for unknown account {Email} ignored", email);
            return;
        }
        if (account.UnlistedRegional == message.UnlistedRegional && account.UnlistedNational == message.UnlistedNational)
            return;

        account.UnlistedRegional = message.UnlistedRegional;
        account.UnlistedNational = message.UnlistedNational;
        // Version is a concurrency token: an administrator's update racing with this one makes one of them retry.
        account.Version++;
        account.UpdatedAt = clock.GetUtcNow();
        logger.LogInformation("Liste rouge of {Email} copied from the Directory (visibility version {VisibilityVersion})", email, message.Version);
    }
}
