using System.Reflection;

namespace Prism.Pipeline.Engine;

/// <summary>A <see cref="ParameterAttribute"/> member of the build: its names, its type, and access to its value.</summary>
internal sealed class BuildParameter(MemberInfo member, string description)
{
    public string Name => member.Name;

    /// <summary>The command-line form, e.g. <c>--publish-mode</c>.</summary>
    public string Option => "--" + Names.ToKebabCase(member.Name);

    public string Description { get; } = description;

    public Type Type => member is FieldInfo fieldInfo ? fieldInfo.FieldType : ((PropertyInfo)member).PropertyType;

    /// <summary>Where the current value came from, for <c>--help</c>: "default" until a source sets it.</summary>
    public string Source { get; set; } = "default";

    public object? GetValue(object build) =>
        member is FieldInfo field ? field.GetValue(build) : ((PropertyInfo)member).GetValue(build);

    public void SetValue(object build, object? value)
    {
        if (member is FieldInfo field)
        {
            field.SetValue(build, value);
        }
        else
        {
            ((PropertyInfo)member).SetValue(build, value);
        }
    }

    /// <summary>Every parameter of the build type, base classes included, in declaration order.</summary>
    public static IReadOnlyList<BuildParameter> Discover(Type buildType) =>
        buildType.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(member => member is FieldInfo or PropertyInfo)
            .Select(member => (member, attribute: member.GetCustomAttribute<ParameterAttribute>()))
            .Where(pair => pair.attribute is not null)
            .OrderBy(pair => pair.member.MetadataToken)
            .Select(pair => new BuildParameter(pair.member, pair.attribute!.Description))
            .ToList();
}
