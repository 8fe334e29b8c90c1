using Medimail.Directory.V1;
using Medimail.Identity.V1;
using Medimail.Testing;

namespace Medimail.Directory.IntegrationTests;

[Collection(DirectoryCollection.Name)]
public sealed class ReferenceLabelTests(DirectoryPlatform platform)
{
    [Fact]
    public async Task Entries_carry_the_labels_of_identity_registry_reference_lists()
    {
        using var channel = Channels.Create(TestEnvironment.IdentityGrpcUrl, token: null);
        var reference = new ReferenceService.ReferenceServiceClient(channel);
        var professions = await reference.ListAsync(new ListReferenceRequest { List = "professions" });
        var specialties = await reference.ListAsync(new ListReferenceRequest { List = "specialties" });
        var profession = professions.Items.First(i => i.Code == "10");
        var specialty = specialties.Items.First(i => i.Code == "SM54");
        var account = Accounts.Person("LIBELLE", Accounts.Tag()) with { Profession = "10", Specialty = "SM54" };
        await platform.WaitProcessedAsync(await platform.PublishAsync(new Contracts.AccountCreated(account, "tests")));

        // The labels are read once at start-up, in the background: wait for them rather than for an event.
        var entry = await platform.FindUntilAsync("national", account.Email, e => e?.ProfessionLabel != "", "labels loaded");

        Assert.Equal((profession.Label, specialty.Label), (entry!.ProfessionLabel, entry.SpecialtyLabel));
    }
}
