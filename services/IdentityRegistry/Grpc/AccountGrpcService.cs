using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Structures;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class AccountGrpcService(AccountRegistry accounts) : AccountService.AccountServiceBase
{
    public override async Task<Account> CreateAccount(CreateAccountRequest request, ServerCallContext context)
    {
        if (request.Account is null)
            throw new ServiceDefaults.Errors.ValidationFailedException("account", "Le compte à créer est obligatoire.");
        var command = new CreateAccountCommand(request.StructureId, request.Account.ToDraft(), request.SendInvitation, RequestIds.Parse(request.RequestId));
        return (await accounts.CreateAsync(context.Caller(), command, context.CancellationToken)).ToProto();
    }

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        (await accounts.GetAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();

    public override async Task<SearchAccountsResponse> SearchAccounts(SearchAccountsRequest request, ServerCallContext context)
    {
        IReadOnlyCollection<Guid>? structures = string.IsNullOrEmpty(request.StructureId)
            ? null : [StructureRegistry.ParseId(request.StructureId, "structureId")];
        var filter = new AccountFilter(request.Query, AccountProtoMapper.StateName(request.State), AccountProtoMapper.TypeName(request.Type), structures);
        var (page, total, next) = await accounts.SearchAsync(context.Caller(), filter, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new SearchAccountsResponse { TotalSize = total, NextPageToken = next };
        response.Accounts.AddRange(page.Select(a => a.ToProto()));
        return response;
    }

    public override async Task<Account> DisableAccount(AccountActionRequest request, ServerCallContext context) =>
        (await accounts.DisableAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();

    public override async Task<Account> EnableAccount(AccountActionRequest request, ServerCallContext context) =>
        (await accounts.EnableAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();

    public override async Task<Account> ValidateAccount(AccountActionRequest request, ServerCallContext context) =>
        (await accounts.ValidateAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();
}
