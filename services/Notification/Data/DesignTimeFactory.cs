using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Medimail.Notification.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service (which needs RabbitMQ and a token issuer).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NotificationDbContext>
{
    public NotificationDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<NotificationDbContext>()
        .UseNpgsql("Host=localhost;Database=notification;Username=design-time-only")
        .UseSnakeCaseNamingConvention()
        .Options);
}
