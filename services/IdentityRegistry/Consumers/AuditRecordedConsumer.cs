using MassTransit;
using Medimail.Contracts;
using Medimail.IdentityRegistry.Audit;
using Medimail.IdentityRegistry.Data;
using Medimail.Messaging.Consumers;

namespace Medimail.IdentityRegistry.Consumers;

/// <summary>Another service's act, committed there with this event: stored once (processed_messages) in the one audit store.</summary>
public sealed class AuditRecordedConsumer(IdentityDbContext db, ILogger<AuditRecordedConsumer> logger)
    : IdempotentConsumer<IdentityDbContext, AuditRecorded>(db, logger)
{
    protected override Task HandleAsync(AuditRecorded message, ConsumeContext<AuditRecorded> context, CancellationToken cancellationToken)
    {
        Db.AuditEntries.Add(new AuditEntryRecord
        {
            Time = message.Time,
            Actor = Cut(message.Actor, 254),
            ActorRole = Cut(message.ActorRole, 20),
            Action = Cut(message.Action, 60),
            Target = Cut(message.Target, 254),
            StructureId = Guid.TryParse(message.StructureId, out var structure) ? structure : null,
            Before = message.Before,
            After = message.After,
            Outcome = Cut(message.Outcome, 10),
            Detail = message.Detail is null ? null : Cut(message.Detail, 2000),
            CorrelationId = message.CorrelationId is null ? null : Cut(message.CorrelationId, 64),
        });
        return Task.CompletedTask;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
