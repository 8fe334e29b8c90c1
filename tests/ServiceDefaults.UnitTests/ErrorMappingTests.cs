using Google.Rpc;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class ErrorMappingTests
{
    [Fact]
    public void Validation_failures_become_invalid_argument_with_every_field_violation()
    {
        var status = ErrorMappingInterceptor.ToStatus(new ValidationFailedException(
        [
            new FieldViolation("account.rpps", "Le RPPS doit comporter 11 chiffres."),
            new FieldViolation("account.address.postalCode", "Le code postal doit comporter 5 chiffres."),
        ]));

        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.Equal(["account.rpps", "account.address.postalCode"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal("Le RPPS doit comporter 11 chiffres.", badRequest.FieldViolations[0].Description);
    }

    public static TheoryData<DomainException, Code> DomainErrors => new()
    {
        { new NotFoundException("Aucun compte."), Code.NotFound },
        { new PermissionDeniedException("Interdit."), Code.PermissionDenied },
        { new AlreadyExistsException("Existe déjà."), Code.AlreadyExists },
        { new FailedPreconditionException("Déjà désactivé."), Code.FailedPrecondition },
    };

    [Theory]
    [MemberData(nameof(DomainErrors))]
    public void Each_domain_error_has_its_precise_status(DomainException ex, Code expected) =>
        Assert.Equal((int)expected, ErrorMappingInterceptor.ToStatus(ex).Code);

    [Fact]
    public void A_conflict_on_a_field_names_that_field()
    {
        var status = ErrorMappingInterceptor.ToStatus(new AlreadyExistsException("Un compte existe déjà.", "account.email"));
        Assert.Equal("account.email", status.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }
}
