using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Accounts;
using Medimail.IdentityRegistry.Exports;
using Medimail.IdentityRegistry.Enrolment;
using Medimail.IdentityRegistry.Structures;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class AccountGrpcService(AccountRegistry accounts, Invitations invitations, AccountExporter exporter) : AccountService.AccountServiceBase
{
    public override async Task<Account> CreateAccount(CreateAccountRequest request, ServerCallContext context)
    {
        if (request.Account is null)
            throw new ServiceDefaults.Errors.ValidationFailedException("account", "Le compte à créer est obligatoire.");
        // One spelling of the structure id, so that its replay spelled otherwise is the same request.
        request.StructureId = ServiceDefaults.Auth.CanonicalId.Normalize(request.StructureId.Trim());
        var command = new CreateAccountCommand(request.StructureId, request.Account.ToDraft(), request.SendInvitation, RequestIds.Of(request, request.RequestId));
        return (await accounts.CreateAsync(context.Caller(), command, context.CancellationToken)).ToProto();
    }

    public override async Task<Account> UpdateAccount(UpdateAccountRequest request, ServerCallContext context)
    {
        if (request.Account is null || string.IsNullOrWhiteSpace(request.Account.Email))
            throw new ServiceDefaults.Errors.ValidationFailedException("account.email", "L'adresse du compte à modifier est obligatoire.");
        var command = new UpdateAccountCommand(request.Account.Email, request.Account.Etag, request.Account.ToDraft(),
            UpdateMask.Parse(request.UpdateMask?.Paths ?? []));
        return (await accounts.UpdateAsync(context.Caller(), command, context.CancellationToken)).ToProto();
    }

    public override async Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        (await accounts.GetAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();

    public override async Task<SearchAccountsResponse> SearchAccounts(SearchAccountsRequest request, ServerCallContext context)
    {
        IReadOnlyCollection<Guid>? structures = string.IsNullOrEmpty(request.StructureId)
            ? null : [StructureRegistry.ParseId(request.StructureId, "structureId")];
        var filter = new AccountFilter(request.Query, AccountProtoMapper.StateName(request.State), AccountProtoMapper.TypeName(request.Type), structures,
            ExpiryDates.Parse(request.ExpiresBefore, "expiresBefore"));
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

    public override async Task<Account> SendInvitation(AccountActionRequest request, ServerCallContext context) =>
        (await invitations.SendOneAsync(context.Caller(), request.Email, context.CancellationToken)).ToProto();

    /// <summary>A file download in chunks (REST: GET /api/v1/accounts:export), filtered like SearchAccounts.</summary>
    public override async Task ExportAccounts(ExportAccountsRequest request, IServerStreamWriter<Google.Api.HttpBody> responseStream, ServerCallContext context)
    {
        // Exports are for administrators (docs/api.md): a connector manages its APP boxes one by one, never a file of them.
        if (context.Caller() is { IsConnector: true, IsOperator: false })
            throw new ServiceDefaults.Errors.PermissionDeniedException("Un connecteur ne peut pas exporter de comptes.");
        IReadOnlyCollection<Guid>? structures = string.IsNullOrEmpty(request.StructureId)
            ? null : [StructureRegistry.ParseId(request.StructureId, "structureId")];
        var filter = new AccountFilter(request.Query, AccountProtoMapper.StateName(request.State), AccountProtoMapper.TypeName(request.Type), structures,
            ExpiryDates.Parse(request.ExpiresBefore, "expiresBefore"));
        var xlsx = request.Format == ExportAccountsRequest.Types.Format.Xlsx;
        var contentType = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        // The headers go with the first chunk, not before: rights are checked when the query is built, and a refusal
        // must reach the caller as a status (403 over REST), not as a 200 file holding an error.
        var headersSent = false;
        // Over REST the transcoder ends every streamed message with "\n". CSV chunks end a row ("\r\n"): the REST
        // caller gets them without their "\n", which the transcoder puts back, so the file arrives byte for byte.
        var rest = context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true;
        await exporter.WriteAsync(context.Caller(), filter, xlsx ? ExportFormat.Xlsx : ExportFormat.Csv,
            async chunk =>
            {
                if (!headersSent)
                {
                    headersSent = true;
                    await context.WriteResponseHeadersAsync(new Metadata { { "content-disposition", $"attachment; filename=\"loadusers.{(xlsx ? "xlsx" : "csv")}\"" } });
                }
                await responseStream.WriteAsync(new Google.Api.HttpBody
                {
                    ContentType = contentType,
                    Data = Google.Protobuf.ByteString.CopyFrom(rest && !xlsx ? chunk.Span[..^1] : chunk.Span),
                });
            },
            context.CancellationToken);
    }
}
