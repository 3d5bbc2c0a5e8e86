using System.Text.RegularExpressions;

namespace Prism.Protocol;

/// <summary>The JSON type a parameter must have: a string or true/false.</summary>
public enum ParameterKind
{
    Text,
    TrueOrFalse,
}

/// <summary>
/// One named parameter of a method: its JSON type, whether it must be present (unless the true/false parameter
/// <see cref="OptionalWhenTrue"/> names is true), and for strings the format the contract demands (described in
/// words so an error can say how to fix the request).
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
                // A restore uses the saved session only, so a launcher need not keep the PIN to restore one.
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

    // \A and \z, not ^ and $: $ also matches before a final "\n", which would let "1234\n" through to Trade Republic.
    [GeneratedRegex(@"\A\+[0-9]{7,15}\z")]
    private static partial Regex PhoneFormat();

    [GeneratedRegex(@"\A[0-9]{4}\z")]
    private static partial Regex PinFormat();

    [GeneratedRegex(@"\A[0-9]{4,8}\z")]
    private static partial Regex TokenFormat();
}
