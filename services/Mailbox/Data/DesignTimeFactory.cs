using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Medimail.Mailbox.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs RabbitMQ and a token issuer).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailboxDbContext>
{
    public MailboxDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<MailboxDbContext>()
        .UseNpgsql("Host=localhost;Database=mailbox;Username=design-time-only")
        .UseSnakeCaseNamingConvention()
        .Options);
}
