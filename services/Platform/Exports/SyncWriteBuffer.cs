namespace Network.Platform.Exports;

/// <summary>
/// Lets a writer that writes some bytes synchronously write to a response that accepts only asynchronous writes
/// (Kestrel's): SpreadCheetah writes its rows asynchronously, but .NET's zip archive under it writes each entry's data
/// descriptor and the closing central directory synchronously. Those few bytes are kept here and sent, in order, with
/// the next asynchronous write or flush; what is kept is never more than the zip records written between two rows.
/// </summary>
sealed class SyncWriteBuffer(Stream response) : Stream
{
    readonly MemoryStream pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => pending.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => pending.Write(buffer);
    public override void Flush() { } // sent by the next FlushAsync

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        await SendPendingAsync(ct);
        await response.WriteAsync(buffer, ct);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async Task FlushAsync(CancellationToken ct)
    {
        await SendPendingAsync(ct);
        await response.FlushAsync(ct);
    }

    async Task SendPendingAsync(CancellationToken ct)
    {
        if (pending.Length == 0) return;
        await response.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), ct);
        pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
