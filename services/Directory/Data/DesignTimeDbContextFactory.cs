using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Medimail.Directory.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service (which demands its whole
/// configuration). Same provider and naming convention as at run time; the connection is never opened.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DirectoryDbContext>
{
    public DirectoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DirectoryDbContext>()
            .UseNpgsql("Host=localhost;Database=directory")
            .UseSnakeCaseNamingConvention()
            .Options);
}
