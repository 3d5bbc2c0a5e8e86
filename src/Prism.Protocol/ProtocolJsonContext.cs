using System.Text.Json.Serialization;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Protocol;

/// <summary>
/// The source-generated serializer for every message of the contract (snake_case members, absent optionals
/// omitted), so daemon and host serialize without reflection under Native AOT and trimming.
/// It also covers StreamJsonRpc's <see cref="CommonErrorData"/> (without it an error reply fails to
/// serialize and the connection drops) and <see cref="RequestId"/> (without it <c>$/cancelRequest</c> is ignored).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadyNotification))]
[JsonSerializable(typeof(EmptyParams))]
[JsonSerializable(typeof(GetStatusResult))]
[JsonSerializable(typeof(LoginParams))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(ConfirmTwoFactorParams))]
[JsonSerializable(typeof(ConfirmTwoFactorResult))]
[JsonSerializable(typeof(LogoutResult))]
[JsonSerializable(typeof(FetchPortfolioResult))]
[JsonSerializable(typeof(ShutdownResult))]
[JsonSerializable(typeof(ApplicationErrorData))]
[JsonSerializable(typeof(CommonErrorData))]
[JsonSerializable(typeof(RequestId))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
