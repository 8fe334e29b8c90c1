using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Registrations;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class RegistrationGrpcService(RegistrationDesk desk) : RegistrationService.RegistrationServiceBase
{
    /// <summary>The public form's call: anyone may register; the queue's methods below need an operator's token.</summary>
    [Microsoft.AspNetCore.Authorization.AllowAnonymous]
    public override async Task<Registration> Register(RegisterRequest request, ServerCallContext context)
    {
        if (request.Box is null)
            throw new ServiceDefaults.Errors.ValidationFailedException("box", "La BAL partagée à créer est obligatoire.");
        var command = new RegisterCommand(
            request.Box.ToDraft(),
            request.ExistingAccounts.Select(e => new ExistingAccountInput(e.Email, e.Password)).ToList(),
            request.NewAccounts.Select(n => new NewAccountInput((n.Account ?? new Account()).ToDraft(), n.Password)).ToList(),
            RequestIds.Parse(request.RequestId));
        return await ToProtoAsync(await desk.RegisterAsync(command, context.CancellationToken), context.CancellationToken);
    }

    public override async Task<ListRegistrationsResponse> ListRegistrations(ListRegistrationsRequest request, ServerCallContext context)
    {
        var state = request.State == Registration.Types.State.Unspecified ? RegistrationStates.Pending : request.State.ToString().ToUpperInvariant();
        var (page, total, next) = await desk.ListAsync(context.Caller(), state, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListRegistrationsResponse { TotalSize = total, NextPageToken = next };
        foreach (var registration in page)
            response.Registrations.Add(await ToProtoAsync(registration, context.CancellationToken));
        return response;
    }

    public override async Task<Registration> GetRegistration(GetRegistrationRequest request, ServerCallContext context) =>
        await ToProtoAsync(await desk.GetAsync(context.Caller(), request.Id, context.CancellationToken), context.CancellationToken);

    public override async Task<Registration> ValidateRegistration(ValidateRegistrationRequest request, ServerCallContext context) =>
        await ToProtoAsync(await desk.ValidateAsync(context.Caller(), request.Id, context.CancellationToken), context.CancellationToken);

    public override async Task<Registration> RejectRegistration(RejectRegistrationRequest request, ServerCallContext context) =>
        await ToProtoAsync(await desk.RejectAsync(context.Caller(), request.Id, request.Reason, context.CancellationToken), context.CancellationToken);

    private async Task<Registration> ToProtoAsync(RegistrationRecord r, CancellationToken cancellationToken)
    {
        var accounts = await desk.AccountsOfAsync(r, cancellationToken);
        var proto = new Registration
        {
            Id = r.Id.ToString(),
            State = System.Enum.Parse<Registration.Types.State>(r.State, ignoreCase: true),
            Box = accounts.FirstOrDefault(a => a.Email == r.BoxEmail)?.ToProto() ?? new Account { Email = r.BoxEmail, Type = Account.Types.Type.Org },
            CreateTime = Timestamp.FromDateTimeOffset(r.CreatedAt),
            Reason = r.Reason ?? "",
            DecidedBy = r.DecidedBy ?? "",
            DecideTime = r.DecidedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        proto.Accounts.AddRange(accounts.Where(a => a.Email != r.BoxEmail).Select(a => a.ToProto()));
        return proto;
    }
}
