namespace Prism.Pipeline.Engine;

/// <summary>The command line, split into what the engine itself understands and the build's parameters.</summary>
internal sealed record BuildInvocation
{
    public List<string> Targets { get; } = [];

    /// <summary><c>null</c>: no <c>--skip</c>; empty: bare <c>--skip</c> (every target not invoked); else the named ones.</summary>
    public List<string>? Skip { get; set; }

    public bool Help { get; set; }
    public bool Plan { get; set; }
    public bool NoLogo { get; set; }
    public string? Root { get; set; }
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    /// <summary>Every other <c>--option</c> with its values, keyed by the option as typed (without dashes).</summary>
    public List<KeyValuePair<string, List<string>>> Options { get; } = [];
}

