using MassTransit;
using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Directory.Projection;

/// <summary>Identity-Registry says an account's attributes changed.</summary>
public sealed class AccountUpdatedConsumer(DirectoryDbContext db, EntryProjection projection, ILogger<AccountUpdatedConsumer> logger)
    : IdempotentConsumer<DirectoryDbContext, AccountUpdated>(db, logger)
{
    protected override Task HandleAsync(AccountUpdated message, ConsumeContext<AccountUpdated> context, CancellationToken cancellationToken) =>
        projection.ApplyAsync([message.Account], cancellationToken);
}
