using System.Text;
using Google.Protobuf;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.IdentityRegistry.IntegrationTests.Imports;

/// <summary>Uploading a loadusers file through the fixture's import client and waiting for its job.</summary>
internal static class ImportRuns
{
    public static Task<ImportJob> StartAsync(this IdentityFixture fixture, Structure structure, byte[] content, bool dryRun = false,
        bool sendInvitations = false, string fileName = "loadusers.csv") =>
        fixture.Imports.StartImportAsync(new StartImportRequest
        {
            StructureId = structure.Id, FileName = fileName, Content = ByteString.CopyFrom(content), DryRun = dryRun, SendInvitations = sendInvitations,
        }).ResponseAsync;

    /// <summary>Polls GetImport until the job leaves RUNNING; every poll's progress is kept for the caller to check.</summary>
    public static async Task<(ImportJob Job, List<ImportJob> Polls)> FinishAsync(this IdentityFixture fixture, ImportJob started, TimeSpan? timeout = null)
    {
        var polls = new List<ImportJob>();
        var job = await Eventually.GetAsync(async () =>
        {
            var current = await fixture.Imports.GetImportAsync(new GetImportRequest { Id = started.Id });
            polls.Add(current);
            return current;
        }, j => j.State != ImportJob.Types.State.Running, timeout ?? TimeSpan.FromSeconds(60), $"import {started.Id} to finish");
        return (job, polls);
    }

    public static async Task<ImportJob> ImportAsync(this IdentityFixture fixture, Structure structure, byte[] content, bool dryRun = false,
        bool sendInvitations = false) =>
        (await fixture.FinishAsync(await fixture.StartAsync(structure, content, dryRun, sendInvitations))).Job;

    /// <summary>A committed fixture file (Imports/Fixtures) with "{run}" replaced, so each run imports fresh addresses.</summary>
    public static byte[] Fixture(string name, string run)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
        var latin = Encoding.Latin1.GetString(bytes).Replace("{run}", run, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(latin);
    }
}
