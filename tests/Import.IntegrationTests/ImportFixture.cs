using System.Text;
using Google.Protobuf;
using Grpc.Net.Client;
using Medimail.Identity.V1;
using Medimail.Testing;
using Npgsql;

namespace Medimail.Import.IntegrationTests;

/// <summary>An operator's clients through the gateway's gRPC port, and helpers to upload a file and wait for its job.</summary>
public sealed class ImportFixture : IAsyncLifetime
{
    private GrpcChannel? channel;

    public ImportService.ImportServiceClient Imports { get; private set; } = null!;
    public AccountService.AccountServiceClient Accounts { get; private set; } = null!;
    public StructureService.StructureServiceClient Structures { get; private set; } = null!;
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Token = await Tokens.OperatorAsync();
        channel = Channels.Create(TestEnvironment.GatewayGrpcUrl, Token);
        Imports = new ImportService.ImportServiceClient(channel);
        Accounts = new AccountService.AccountServiceClient(channel);
        Structures = new StructureService.StructureServiceClient(channel);
    }

    public async Task<Structure> NewStructureAsync() => await Structures.CreateStructureAsync(Testing.Accounts.NewStructure());

    public Task<ImportJob> StartAsync(Structure structure, byte[] content, bool dryRun = false, bool sendInvitations = false, string fileName = "loadusers.csv") =>
        Imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = fileName, Content = ByteString.CopyFrom(content), DryRun = dryRun, SendInvitations = sendInvitations,
        }).ResponseAsync;

    /// <summary>Polls GetImport until the job leaves RUNNING; every poll's progress is kept for the caller to check.</summary>
    public async Task<(ImportJob Job, List<ImportJob> Polls)> FinishAsync(ImportJob started, TimeSpan? timeout = null)
    {
        var polls = new List<ImportJob>();
        var job = await Eventually.GetAsync(async () =>
        {
            var current = await Imports.GetImportAsync(new GetImportRequest { Id = started.Id });
            polls.Add(current);
            return current;
        }, j => j.State != ImportJob.Types.State.Running, timeout ?? TimeSpan.FromSeconds(60), $"import {started.Id} to finish");
        return (job, polls);
    }

    public async Task<ImportJob> ImportAsync(Structure structure, byte[] content, bool dryRun = false, bool sendInvitations = false) =>
        (await FinishAsync(await StartAsync(structure, content, dryRun, sendInvitations))).Job;

    /// <summary>An open connection to Identity-Registry's database, for what no API shows (a crashed job, the outbox).</summary>
    public static async Task<NpgsqlConnection> OpenIdentityDatabaseAsync()
    {
        var database = Environment.GetEnvironmentVariable("MEDIMAIL_IDENTITY_DB") ?? "identity";
        var connection = new NpgsqlConnection(TestEnvironment.DatabaseConnection(database));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A committed fixture with "{run}" replaced, so each run imports fresh addresses.</summary>
    public static byte[] Fixture(string name, string run)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
        var latin = Encoding.Latin1.GetString(bytes).Replace("{run}", run, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(latin);
    }

    public Task DisposeAsync()
    {
        channel?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportFixture>
{
    public const string Name = "imports";
}
