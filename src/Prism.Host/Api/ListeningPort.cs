using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Prism.Host.Api;

/// <summary>The TCP port Kestrel actually bound (the one it chose when asked for port 0), read from the server's addresses.</summary>
internal sealed class ListeningPort(IServer server)
{
    private int? known;

    /// <summary>The bound port, or null before Kestrel has bound its socket.</summary>
    public int? Current => known ??= Read();

    private int? Read()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? null : new Uri(address).Port;
    }
}
