using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Rpc;
using Grpc.Core;
using Medimail.ServiceDefaults.Errors;

namespace Medimail.ServiceDefaults.UnitTests;

public sealed class CutShortFrameReaderTests
{
    private const int Limit = 4 * 1024 * 1024;

    [Fact]
    public async Task A_body_ending_before_the_length_its_prefix_announces_is_invalid_argument_naming_body()
    {
        var reader = Reader(Frame(new byte[10], announced: 1010));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ReadToEndAsync(reader));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["body"], refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Contains("10 octets reçus, 1010 annoncés", refused.Status.Detail);
    }

    [Fact]
    public async Task A_whole_frame_reaches_the_reader_as_it_came()
    {
        var frame = Frame([1, 2, 3, 4, 5, 6, 7], announced: 7);

        Assert.Equal(frame, await ReadToEndAsync(Reader(frame)));
    }

    [Fact]
    public async Task A_prefix_over_the_limit_is_left_to_grpc_even_when_the_data_ends_short_of_it()
    {
        var frame = Frame(new byte[10], announced: Limit + 1);

        Assert.Equal(frame, await ReadToEndAsync(Reader(frame)));
    }

    [Fact]
    public async Task What_follows_a_whole_first_frame_is_left_to_grpc()
    {
        // A second, cut frame after a whole one: grpc-dotnet answers "Additional data after the message received."
        byte[] first = Frame([1, 2], announced: 2), second = Frame([3], announced: 50);
        var reader = Reader([.. first, .. second]);

        var read = await reader.ReadAsync();
        reader.AdvanceTo(read.Buffer.GetPosition(first.Length));

        Assert.Equal(second, await ReadToEndAsync(reader));
    }

    private static CutShortFrameReader Reader(byte[] body) => new(PipeReader.Create(new ReadOnlySequence<byte>(body)), Limit);

    /// <summary>Reads as grpc-dotnet does before a frame is whole: consumes nothing, examines everything, until the end.</summary>
    private static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
                return read.Buffer.ToArray();
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static byte[] Frame(byte[] payload, int announced)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)announced);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
