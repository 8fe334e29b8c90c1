using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Enrolment;
using Microsoft.AspNetCore.Authorization;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>The link is the credential: no token is needed. The gateway rate-limits these calls (policy "anonymous").</summary>
[AllowAnonymous]
internal sealed class EnrolmentGrpcService(EnrolmentRegistry enrolments) : EnrolmentService.EnrolmentServiceBase
{
    public override async Task<Medimail.Identity.V1.Enrolment> GetEnrolment(GetEnrolmentRequest request, ServerCallContext context) =>
        ToProto(await enrolments.GetAsync(request.Token, context.CancellationToken));

    public override async Task<Medimail.Identity.V1.Enrolment> CompleteEnrolment(CompleteEnrolmentRequest request, ServerCallContext context) =>
        ToProto(await enrolments.CompleteAsync(request.Token, request.Password, request.AcceptedTermsVersion, context.CancellationToken));

    private static Medimail.Identity.V1.Enrolment ToProto(EnrolmentView view) => new()
    {
        Account = view.Account.ToProto(),
        StructureName = view.StructureName,
        TermsVersion = view.TermsVersion,
        PasswordRules = Rules,
    };

    private static readonly PasswordRules Rules = new()
    {
        MinLength = PasswordPolicy.MinLength,
        MaxLength = PasswordPolicy.MaxLength,
        Descriptions = { PasswordPolicy.Descriptions },
    };
}
