namespace Network.Bench;

/// <summary>Reads a response body to its end and keeps nothing of it: a download's client that costs no memory.</summary>
public static class CountingSink
{
    /// <summary>The bytes the body came to.</summary>
    public static async Task<long> DrainAsync(Stream body)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    /// <summary>The characters a text reader (a PostgreSQL COPY to stdout) came to, read to its end.</summary>
    public static async Task<long> DrainAsync(TextReader text)
    {
        var buffer = new char[16 * 1024];
        long total = 0;
        int read;
        while ((read = await text.ReadAsync(buffer)) > 0) total += read;
        return total;
    }
}
