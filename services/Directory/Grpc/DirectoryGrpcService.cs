using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Medimail.Directory.Search;
using Medimail.Directory.Domain;
using Medimail.Directory.Reference;
using Medimail.Directory.V1;
using Medimail.ServiceDefaults.Auth;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.Directory.Grpc;

/// <summary>Search, read and export the regional and national directories.</summary>
public sealed class DirectoryGrpcService(DirectorySearch search, ReferenceLabels references) : DirectoryService.DirectoryServiceBase
{
    public override async Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var criteria = SearchCriteria.Create(request.Directory, request.Query, request.Profession, request.DepartmentCode,
            request.PostalCode, request.City, request.Type, request.PageSize, request.PageToken);
        EnsureMayRead(context, criteria.Directory);

        var page = await search.SearchAsync(criteria, context.CancellationToken);
        var labels = await references.GetAsync(context.CancellationToken);
        var response = new SearchResponse { NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
        response.Entries.AddRange(page.Entries.Select(e => e.ToProto(criteria.Directory, labels)));
        return response;
    }

    public override async Task<Entry> GetEntry(GetEntryRequest request, ServerCallContext context)
    {
        var directory = DirectoryKinds.Parse(request.Directory);
        if (string.IsNullOrWhiteSpace(request.Email))
            throw new ValidationFailedException("email", "L'adresse de la boîte est obligatoire.");
        EnsureMayRead(context, directory);

        var entry = await search.FindAsync(directory, request.Email, context.CancellationToken)
            ?? throw new NotFoundException($"Aucune entrée « {request.Email} » dans l'annuaire {DirectoryKinds.Name(directory)}.");
        return entry.ToProto(directory, await references.GetAsync(context.CancellationToken));
    }

    /// <summary>
    /// Operators only: the file holds every listed box at once. Each streamed message is whole lines without the last
    /// line break, because REST transcoding ends every message with one; gRPC clients join messages with "\n".
    /// </summary>
    public override async Task ExportDirectory(
        ExportDirectoryRequest request, IServerStreamWriter<HttpBody> responseStream, ServerCallContext context)
    {
        var directory = DirectoryKinds.Parse(request.Directory);
        MssanteExport.EnsureFormat(request.Format);
        if (!Caller.From(context.GetHttpContext().User).IsOperator)
            throw new PermissionDeniedException("Seul le centre de services peut exporter un annuaire.");

        var labels = await references.GetAsync(context.CancellationToken);
        await responseStream.WriteAsync(Body(MssanteExport.Header), context.CancellationToken);
        await foreach (var batch in search.ListAllAsync(directory, ExportBatch, context.CancellationToken))
        {
            var lines = string.Join('\n', batch.Select(entry => MssanteExport.Line(entry, directory, labels.Profession(entry.Profession))));
            await responseStream.WriteAsync(Body(lines), context.CancellationToken);
        }
    }

    private const int ExportBatch = 1000;

    private static HttpBody Body(string text) =>
        new() { ContentType = MssanteExport.ContentType, Data = ByteString.CopyFromUtf8(text) };

    private static void EnsureMayRead(ServerCallContext context, DirectoryKind directory)
    {
        var user = context.GetHttpContext().User;
        SearchAccess.EnsureMayRead(Caller.From(user), user.FindFirst(SearchAccess.MailboxTypeClaim)?.Value, directory);
    }
}
