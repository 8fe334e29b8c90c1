using Medimail.Directory.Data;
using Medimail.Directory.Projection;
using Microsoft.EntityFrameworkCore;

namespace Medimail.Directory.UnitTests;

public class EntryCopyTests
{
    [Fact]
    public void The_copy_writes_every_column_the_model_maps_for_a_directory_entry()
    {
        // The model only: no connection is opened.
        using var db = new DirectoryDbContext(new DbContextOptionsBuilder<DirectoryDbContext>()
            .UseNpgsql("Host=unused").UseSnakeCaseNamingConvention().Options);
        var entity = db.Model.FindEntityType(typeof(DirectoryEntry))!;

        var copy = EntryCopy.For(db);

        Assert.NotNull(copy);
        Assert.Equal(entity.GetProperties().Select(p => p.GetColumnName()).Order(), copy.ColumnNames.Order());
        Assert.Contains("search_words", copy.ColumnNames);
        Assert.Contains("listed_national", copy.ColumnNames);
    }
}
