using Grpc.Core;
using Medimail.Identity.Internal.V1;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Structures;
using Medimail.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace Medimail.IdentityRegistry.Grpc;

/// <summary>
/// Every account, for rebuilding a projection (the Directory's rebuild, which only an operator may start). Only the
/// platform's services reach it (the internal policy on its mapping checks their service identity). Streamed straight from one
/// untracked query in address order, so memory stays flat whatever the number of accounts; the stream's flow control
/// paces the read when the caller writes slower than we read.
/// </summary>
internal sealed class AccountFeedGrpcService(IdentityDbContext db) : AccountFeedService.AccountFeedServiceBase
{
    public override async Task StreamAccounts(StreamAccountsRequest request, IServerStreamWriter<Account> responseStream, ServerCallContext context)
    {
        var accounts = db.Accounts.AsNoTracking();
        if (!string.IsNullOrEmpty(request.StructureId))
        {
            var structureId = StructureRegistry.ParseId(request.StructureId, "structureId");
            accounts = accounts.Where(a => a.StructureId == structureId);
        }
        await foreach (var account in accounts.OrderBy(a => a.Email).AsAsyncEnumerable().WithCancellation(context.CancellationToken))
            await responseStream.WriteAsync(account.ToProto(), context.CancellationToken);
    }
}
