using MassTransit;
using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Directory.Projection;

/// <summary>Identity-Registry says an account moved in its lifecycle (it may enter or leave the directories).</summary>
public sealed class AccountStateChangedConsumer(DirectoryDbContext db, EntryProjection projection, ILogger<AccountStateChangedConsumer> logger)
    : IdempotentConsumer<DirectoryDbContext, AccountStateChanged>(db, logger)
{
    protected override Task HandleAsync(AccountStateChanged message, ConsumeContext<AccountStateChanged> context, CancellationToken cancellationToken) =>
        projection.ApplyAsync([message.Account], cancellationToken);
}
