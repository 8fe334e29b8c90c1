using MassTransit;
using Medimail.Contracts;
using Medimail.Mailbox.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.Mailbox.Projection;

/// <summary>An account was lifecycle moved: enrolled, validated, disabled, enabled, expired: the box projection and its delegations follow.</summary>
public sealed class AccountStateChangedConsumer(MailboxDbContext db, MailboxProjector projector, ILogger<AccountStateChangedConsumer> logger)
    : IdempotentConsumer<MailboxDbContext, AccountStateChanged>(db, logger)
{
    protected override Task HandleAsync(AccountStateChanged message, ConsumeContext<AccountStateChanged> context, CancellationToken cancellationToken) =>
        projector.ApplyAsync([message.Account], cancellationToken);
}
