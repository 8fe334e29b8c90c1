namespace Medimail.IdentityRegistry.Imports;

/// <summary>
/// What an XLSX package may inflate to while it is read: at most <see cref="ImportLimits.MaxInflatedBytes"/> in all,
/// and at most <see cref="ImportLimits.MaxInflationRatio"/> times the package's size (a zip bomb packs a thousand
/// times or more; a real spreadsheet five to twenty). Counted on the bytes actually read, not on the sizes the zip
/// declares, which a forged file can set to anything.
/// </summary>
internal sealed class InflationBudget(long packageBytes)
{
    private readonly long _limit = Math.Min(ImportLimits.MaxInflatedBytes,
        Math.Max(ImportLimits.MinInflationAllowance, packageBytes * ImportLimits.MaxInflationRatio));
    private long _read;

    public Stream Count(Stream inner) => new CountingStream(inner, this);

    private void Add(int bytes)
    {
        _read += bytes;
        if (_read > _limit)
            throw new InflatedTooMuchException();
    }

    private sealed class CountingStream(Stream inner, InflationBudget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Add(read);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Add(read);
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>The package holds far more than its size suggests: refused as a whole, with its own message.</summary>
internal sealed class InflatedTooMuchException() : Exception("The package inflates beyond the import's budget.");
