using System.Text.Json;
using Prism.Daemon.Json;

namespace Prism.Daemon.Transport;

/// <summary>
/// Where a request object holds a string that is not Unicode text (see <see cref="JsonText"/>): in a member of its own
/// (<see cref="Member"/> its name, null when the name itself is the string), or in <c>params</c>
/// (<see cref="Member"/> is <c>params</c>, <see cref="Parameter"/> the parameter whose name or value it is in, null when
/// that name is unreadable too or the params are an array). Found before anything else reads the request, since every
/// read of such a string throws.
/// </summary>
internal sealed record UnreadableText(string? Member, string? Parameter)
{
    public const string ParamsMember = "params";

    /// <summary>Said after where the text is, so a client knows what to send instead.</summary>
    private const string Hint =
        "is not Unicode text: it holds an unpaired surrogate escape (\\uD800-\\uDFFF without its partner). " +
        "Send text as UTF-8, or escape a character beyond U+FFFF as a pair, e.g. \\uD83D\\uDE00.";

    public bool InParams => Member == ParamsMember;

    /// <summary>
    /// The first unreadable string among the request's own members, else the first in its params; null when there is
    /// none. A problem outside params comes first: until it is answered, nothing else of the request can be read safely.
    /// </summary>
    public static UnreadableText? Find(JsonElement request)
    {
        UnreadableText? inParams = null;
        foreach (var property in request.EnumerateObject())
        {
            if (!JsonText.TryGetName(property, out var member))
            {
                return new(null, null);
            }

            if (member == ParamsMember)
            {
                inParams ??= FindInParams(property.Value);
            }
            else if (!JsonText.IsText(property.Value))
            {
                return new(member, null);
            }
        }

        return inParams;
    }

    /// <summary>What is wrong, for an error message: where the text is (names shortened, values never repeated).</summary>
    public string Describe(string? method) => (Member, Parameter) switch
    {
        (null, _) => $"a member name of the request {Hint}",
        (ParamsMember, { } parameter) => $"parameter '{ErrorReply.Shorten(parameter)}' of '{method}' {Hint}",
        (ParamsMember, null) => $"a parameter of '{method}' {Hint}",
        (var member, _) => $"\"{ErrorReply.Shorten(member)}\" {Hint}",
    };

    private static UnreadableText? FindInParams(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return JsonText.IsText(parameters) ? null : new(ParamsMember, null);
        }

        foreach (var property in parameters.EnumerateObject())
        {
            if (!JsonText.TryGetName(property, out var parameter))
            {
                return new(ParamsMember, null);
            }

            if (!JsonText.IsText(property.Value))
            {
                return new(ParamsMember, parameter);
            }
        }

        return null;
    }
}
