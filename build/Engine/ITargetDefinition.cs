using System.Runtime.CompilerServices;

namespace Prism.Pipeline.Engine;

/// <summary>The fluent vocabulary a target uses to describe itself; the names and meanings are NUKE's.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets run before this one, and are planned whenever this one is.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target runs before those, and is planned whenever they are.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this one runs after those.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Ordering only: when both are planned, this one runs before those.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Planning this target also plans those, to run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Planning one of those targets also plans this one, to run after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>The work of the target; a target without actions only groups its dependencies.</summary>
    ITargetDefinition Executes(Action action);

    /// <inheritdoc cref="Executes(Action)"/>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Skip the target when the condition is false before any target runs; the condition's text is the reason.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>Skip the target when the condition is false just before it runs; the condition's text is the reason.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>The value (usually a parameter) must be set; checked for every planned target before any runs.</summary>
    ITargetDefinition Requires(Func<object?> value, [CallerArgumentExpression(nameof(value))] string expression = "");

    /// <summary>When this target fails, the targets that do not depend on it still run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after a failure or Ctrl-C (clean-up, reports).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c> and the schema; still invocable by name.</summary>
    ITargetDefinition Unlisted();
}
