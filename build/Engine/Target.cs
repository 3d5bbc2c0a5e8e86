namespace Prism.Pipeline.Engine;

/// <summary>A target as a build declares it (NUKE's convention): a function that configures its definition.</summary>
/// <example><c>Target Compile => _ => _.Description("Builds everything").DependsOn(Restore).Executes(() => ...);</c></example>
public delegate ITargetDefinition Target(ITargetDefinition definition);
