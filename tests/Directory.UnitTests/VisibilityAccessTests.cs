using Medimail.Contracts;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.UnitTests;

public sealed class VisibilityAccessTests
{
    private static readonly DirectoryEntry Box = DirectoryEntry.Create(new AccountSnapshot
    {
        Email = "Marie.Curie@ch-test.fr", Type = "PER", State = "ACTIVE", StructureId = "s1", Version = 1,
    });

    private static Caller With(string role, string? structure = null, string? email = null) =>
        new("sub", new HashSet<string> { role }, structure is null ? new HashSet<string>() : [structure], email);

    [Fact]
    public void An_operator_may_change_any_box() => Assert.True(VisibilityAccess.MayChange(With(Roles.Operator), Box));

    [Fact]
    public void An_administrator_may_change_the_boxes_of_their_structure_only()
    {
        Assert.True(VisibilityAccess.MayChange(With(Roles.StructureAdmin, "s1"), Box));
        Assert.False(VisibilityAccess.MayChange(With(Roles.StructureAdmin, "s2"), Box));
    }

    [Fact]
    public void A_person_may_change_their_own_box_only()
    {
        Assert.True(VisibilityAccess.MayChange(With(Roles.Person, email: "marie.curie@CH-TEST.fr"), Box));
        Assert.False(VisibilityAccess.MayChange(With(Roles.Person, email: "pierre.curie@ch-test.fr"), Box));
    }

    [Fact]
    public void A_connector_may_not_change_the_liste_rouge()
    {
        Assert.False(VisibilityAccess.MayChange(With(Roles.Connector, "s1"), Box));
        Assert.Throws<PermissionDeniedException>(() => VisibilityAccess.EnsureMayChangeAny(With(Roles.Connector, "s1")));
    }

    [Fact]
    public void At_least_one_flag_is_required_and_the_violations_name_the_fields()
    {
        var ex = Assert.Throws<ValidationFailedException>(() => VisibilityAccess.Validate("", null, null));
        Assert.Equal(["email", "unlistedRegional"], ex.Violations.Select(v => v.Field));
    }

    [Fact]
    public void One_flag_is_enough() => VisibilityAccess.Validate("a@b.fr", null, false);
}
