using MassTransit;
using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Directory.Projection;

/// <summary>A batch of accounts from a bulk import: applied in one transaction, one round trip to read what exists.</summary>
public sealed class AccountsImportedConsumer(DirectoryDbContext db, EntryProjection projection, ILogger<AccountsImportedConsumer> logger)
    : IdempotentConsumer<DirectoryDbContext, AccountsImported>(db, logger)
{
    protected override Task HandleAsync(AccountsImported message, ConsumeContext<AccountsImported> context, CancellationToken cancellationToken) =>
        projection.ApplyAsync(message.Accounts.ToList(), cancellationToken);
}
