using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Medimail.Identity.V1;
using Medimail.IdentityRegistry.Data;
using Medimail.IdentityRegistry.Imports;

namespace Medimail.IdentityRegistry.Grpc;

internal sealed class ImportGrpcService(ImportJobs imports) : ImportService.ImportServiceBase
{
    public override async Task<ImportJob> StartImport(StartImportRequest request, ServerCallContext context)
    {
        var command = new StartImportCommand(request.StructureId, request.FileName, request.Content.ToByteArray(), request.DryRun, request.SendInvitations, request.CheckedImportId);
        return ToProto(await imports.StartAsync(context.Caller(), command, context.CancellationToken));
    }

    public override async Task<ImportJob> GetImport(GetImportRequest request, ServerCallContext context) =>
        ToProto(await imports.GetAsync(context.Caller(), request.Id, context.CancellationToken));

    private static ImportJob ToProto(ImportView view)
    {
        var job = view.Job;
        var proto = new ImportJob
        {
            Id = job.Id.ToString(),
            State = job.State switch
            {
                ImportStates.Running => ImportJob.Types.State.Running,
                ImportStates.Succeeded => ImportJob.Types.State.Succeeded,
                _ => ImportJob.Types.State.Failed,
            },
            TotalRows = job.TotalRows,
            ProcessedRows = job.ProcessedRows,
            CreatedCount = job.CreatedCount,
            RejectedCount = job.RejectedCount,
            OmittedErrorCount = job.OmittedErrors,
            OmittedWarningCount = job.OmittedWarnings,
            DryRun = job.DryRun,
            CreateTime = Timestamp.FromDateTimeOffset(job.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(job.UpdatedAt),
        };
        proto.Errors.AddRange(view.Errors.Select(ToProto));
        // A failed job says why as its first error (line 0: the file, not a row).
        if (job.FailureReason is { } reason)
            proto.Errors.Insert(0, new ImportIssue { Line = 0, Column = "", Message = reason });
        proto.Warnings.AddRange(view.Warnings.Select(ToProto));
        return proto;
    }

    private static ImportIssue ToProto(ImportIssueRecord issue) => new() { Line = issue.Line, Column = issue.Column, Message = issue.Message };
}
