using Grpc.Core;
using Medimail.Contracts;
using Medimail.Directory.V1;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class ExportTests(DirectoryPlatform platform)
{
    /// <summary>No format is the MSSANTE layout (the default), whatever the case of the name.</summary>
    [Theory]
    [InlineData("MSSANTE")]
    [InlineData("")]
    [InlineData("mssante")]
    public async Task The_national_export_lists_published_boxes_in_the_extraction_layout(string format)
    {
        var tag = Accounts.Tag();
        var person = Accounts.Active("INT", tag, "Interne") with { MssanteAddress = $"{tag}@ch-test.mssante.fr" };
        var med = Accounts.Active("MED", tag, "Secrétaire");
        await platform.WaitProcessedAsync(await platform.PublishAsync(new AccountsImported("import-tests", [person, med], "tests")));

        using var call = platform.Directory.ExportDirectory(new ExportDirectoryRequest { Directory = "national", Format = format });
        var chunks = new List<string>();
        await foreach (var body in call.ResponseStream.ReadAllAsync())
        {
            Assert.StartsWith("text/plain", body.ContentType);
            chunks.Add(body.Data.ToStringUtf8());
        }
        var lines = string.Join('\n', chunks).Split('\n');

        Assert.StartsWith("type_bal|adresse_bal|type_identifiant_pp|identifiant_pp|", lines[0]);
        var mine = Assert.Single(lines, l => l.Contains(tag, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["PER", person.MssanteAddress, "", "", "", tag, "Interne"], mine.Split('|')[..7]);
        Assert.All(lines, l => Assert.Equal(13, l.Split('|').Length));
    }

    [Fact]
    public async Task An_unknown_export_format_names_the_format_field()
    {
        using var call = platform.Directory.ExportDirectory(new ExportDirectoryRequest { Directory = "regional", Format = "XLSX" });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("format", Errors.ViolatedField(ex));
    }
}
