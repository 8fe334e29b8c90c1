using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class SearchAccessTests
{
    private static Caller With(params string[] roles) => new("sub", roles.ToHashSet(), new HashSet<string>(), null);

    [Fact]
    public void A_med_person_may_not_read_the_national_directory() =>
        Assert.Throws<PermissionDeniedException>(() =>
            SearchAccess.EnsureMayRead(With(Roles.Person), "MED", DirectoryKind.National));

    [Fact]
    public void A_med_person_may_read_the_regional_directory() =>
        SearchAccess.EnsureMayRead(With(Roles.Person), "MED", DirectoryKind.Regional);

    [Theory]
    [InlineData(Roles.Person, "PER")]
    [InlineData(Roles.Person, "INT")]
    [InlineData(Roles.Person, "ORG")]
    [InlineData(Roles.Operator, null)]
    [InlineData(Roles.StructureAdmin, null)]
    [InlineData(Roles.Connector, null)]
    public void Other_callers_may_read_the_national_directory(string role, string? mailboxType) =>
        SearchAccess.EnsureMayRead(With(role), mailboxType, DirectoryKind.National);

    [Fact]
    public void A_token_with_no_role_reads_nothing() =>
        Assert.Throws<PermissionDeniedException>(() => SearchAccess.EnsureMayRead(With(), null, DirectoryKind.Regional));
}
