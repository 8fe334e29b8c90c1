using MassTransit;
using Medimail.Contracts;
using Medimail.Directory.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Directory.Projection;

/// <summary>Identity-Registry says an account was created.</summary>
public sealed class AccountCreatedConsumer(DirectoryDbContext db, EntryProjection projection, ILogger<AccountCreatedConsumer> logger)
    : IdempotentConsumer<DirectoryDbContext, AccountCreated>(db, logger)
{
    protected override Task HandleAsync(AccountCreated message, ConsumeContext<AccountCreated> context, CancellationToken cancellationToken) =>
        projection.ApplyAsync([message.Account], cancellationToken);
}
