using Medimail.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Messaging.IntegrationTests;

/// <summary>A service-like model: one business table, the outbox and the processed-messages table.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Widget>().ToTable("widgets").HasKey(w => w.Id);
        model.Entity<Effect>().ToTable("effects").HasKey(e => e.Id);
        model.AddMessagingTables();
    }
}

public sealed class Widget
{
    public string Id { get; set; } = "";
}

/// <summary>One row per time a consumer applied a message: the thing idempotency must keep at one.</summary>
public sealed class Effect
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
}
