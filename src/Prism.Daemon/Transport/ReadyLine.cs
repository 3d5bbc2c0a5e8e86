using System.Buffers;
using System.Text.Json;
using Prism.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>The contract's first stdout line, written before any request is read.</summary>
internal static class ReadyLine
{
    public static Action<IBufferWriter<byte>> Writer(string version, int pid) => output =>
    {
        using var json = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(json, ReadyNotification.For(version, pid), ProtocolJsonContext.Default.ReadyNotification);
    };
}
