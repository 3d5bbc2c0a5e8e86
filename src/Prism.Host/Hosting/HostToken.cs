using System.Buffers.Text;
using System.Security.Cryptography;

namespace Prism.Host.Hosting;

/// <summary>The per-launch API token: the launcher's <c>PRISM_HOST_TOKEN</c>, or 256 fresh random bits.</summary>
internal static class HostToken
{
    public const string Variable = "PRISM_HOST_TOKEN";

    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : Generate();

    /// <summary>32 random bytes, base64url without padding: safe in a header and in a URL fragment.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
