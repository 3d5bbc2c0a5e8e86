namespace Prism.Pipeline.Engine;

/// <summary>
/// Marks a field or property of the build as a parameter: <c>--kebab-name</c> on the command line, an environment
/// variable (exact, case/underscore-insensitive, with or without <c>NUKE_</c>/<c>PRISM_</c>), or <c>.nuke/parameters.json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
