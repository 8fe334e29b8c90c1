using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Medimail.ServiceDefaults.Errors;

/// <summary>
/// The request body of a unary gRPC call, passed through untouched except at its end: when the body has ended and its
/// first frame is cut short (fewer than the 5 prefix bytes, or fewer data bytes than the prefix announces), the read
/// throws INVALID_ARGUMENT on <c>body</c> (<see cref="UnreadableMessageGuard.Refusal"/>) instead of handing grpc-dotnet a
/// frame it would call "Incomplete message.". grpc-dotnet keeps the status and trailers of an RpcException thrown while
/// it reads, as it does for the marshaller's. Once a frame was consumed, what follows is grpc-dotnet's to judge
/// (a second message in a unary call).
/// </summary>
public sealed class CutShortFrameReader(PipeReader inner, int? maxReceiveMessageSize) : PipeReader
{
    private const int PrefixSize = 5;

    /// <summary>Where the last buffer handed out began: consuming past it means the first frame was read whole.</summary>
    private SequencePosition lastStart;
    private bool firstFrameRead;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(cancellationToken);
        // The usual case, data already there, allocates nothing more than the inner read.
        return read.IsCompletedSuccessfully ? new ValueTask<ReadResult>(Inspect(read.Result)) : InspectAsync(read);
    }

    private async ValueTask<ReadResult> InspectAsync(ValueTask<ReadResult> read) => Inspect(await read);

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
            return false;
        result = Inspect(result);
        return true;
    }

    private ReadResult Inspect(ReadResult result)
    {
        var buffer = result.Buffer;
        if (!firstFrameRead && result.IsCompleted && !result.IsCanceled && CutShort(buffer) is { } description)
        {
            inner.AdvanceTo(buffer.Start, buffer.End);
            throw UnreadableMessageGuard.Refusal(description);
        }
        lastStart = buffer.Start;
        return result;
    }

    /// <summary>Why the first frame is cut short, or null when it is whole (or absent, or over the limit: grpc-dotnet's).</summary>
    private string? CutShort(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
            return null;
        if (buffer.Length < PrefixSize)
            return $"Le message reçu s'arrête dans son préfixe gRPC ({buffer.Length} octet(s) sur {PrefixSize}) : rien n'a été fait.";
        Span<byte> prefix = stackalloc byte[PrefixSize];
        buffer.Slice(0, PrefixSize).CopyTo(prefix);
        // Byte 0 is the compression flag (0 or 1); any other value is grpc-dotnet's to refuse.
        if (prefix[0] > 1)
            return null;
        long announced = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        var carried = buffer.Length - PrefixSize;
        if (announced <= carried || announced > maxReceiveMessageSize)
            return null;
        return $"Le message reçu est plus court que la longueur annoncée par son préfixe gRPC ({carried} octets reçus, " +
            $"{announced} annoncés) : rien n'a été fait.";
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        firstFrameRead |= !consumed.Equals(lastStart);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        firstFrameRead |= !consumed.Equals(lastStart);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
