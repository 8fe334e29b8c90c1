using MassTransit;
using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Mailbox.Projection;

/// <summary>A batch of a bulk import: applied in one transaction, so a batch is in the projection whole or not at all.</summary>
public sealed class AccountsImportedConsumer(MailboxDbContext db, MailboxProjector projector, ILogger<AccountsImportedConsumer> logger)
    : IdempotentConsumer<MailboxDbContext, AccountsImported>(db, logger)
{
    protected override Task HandleAsync(AccountsImported message, ConsumeContext<AccountsImported> context, CancellationToken cancellationToken) =>
        projector.ApplyAsync(message.Accounts.ToList(), cancellationToken);
}
