using System.Text.RegularExpressions;

namespace Prism.Protocol;

/// <summary>The JSON type a parameter must have: a string or true/false.</summary>
public enum ParameterKind
{
    Text,
    TrueOrFalse,
}

/// <summary>
/// One named parameter of a method: its JSON type, whether it must be present, and for strings the
/// format the contract demands (described in words so an error can say how to fix the request).
/// A required parameter may be left out when the parameter named <paramref name="OptionalWhenTrue"/> is true.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, bool Required, Regex? Format = null, string? FormatDescription = null, string? OptionalWhenTrue = null);

/// <summary>The named parameters each method of the contract accepts; anything else is -32602.</summary>
public static partial class MethodParameters
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<ParameterSpec>> ByMethod =
        new Dictionary<string, IReadOnlyList<ParameterSpec>>(StringComparer.Ordinal)
        {
            [MethodNames.GetStatus] = [],
            [MethodNames.Login] =
            [
                new("phone", ParameterKind.Text, Required: true, PhoneFormat(), "an international number: '+' and 7-15 digits"),
                new("pin", ParameterKind.Text, Required: true, PinFormat(), "4 digits", OptionalWhenTrue: "restore_only"),
                new("restore_only", ParameterKind.TrueOrFalse, Required: false),
            ],
            [MethodNames.ConfirmTwoFactor] =
            [
                new("token", ParameterKind.Text, Required: false, TokenFormat(), "4-8 digits"),
            ],
            [MethodNames.Logout] = [],
            [MethodNames.FetchPortfolio] = [],
            [MethodNames.Shutdown] = [],
        };

    /// <summary>The parameters of <paramref name="method"/>; throws for a method the contract does not define.</summary>
    public static IReadOnlyList<ParameterSpec> Of(string method) =>
        ByMethod.TryGetValue(method, out var parameters)
            ? parameters
            : throw new ArgumentException($"'{method}' is not a method of the tr-daemon contract; known methods: {string.Join(", ", ByMethod.Keys)}.", nameof(method));

    [GeneratedRegex(@"^\+[0-9]{7,15}$")]
    private static partial Regex PhoneFormat();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex PinFormat();

    [GeneratedRegex("^[0-9]{4,8}$")]
    private static partial Regex TokenFormat();
}
