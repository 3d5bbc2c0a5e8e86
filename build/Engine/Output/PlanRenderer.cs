using System.Text;

namespace Prism.Pipeline.Engine.Output;

/// <summary><c>--plan</c>: the execution order, why each target is in it, and which would be skipped.</summary>
internal static class PlanRenderer
{
    public static string Render(IReadOnlyList<PlannedTarget> plan, IReadOnlySet<ExecutableTarget> skipped)
    {
        var text = new StringBuilder();
        text.AppendLine("Execution plan (nothing was run):");
        var nameWidth = plan.Select(planned => planned.Target.Name.Length).DefaultIfEmpty(0).Max() + 2;
        for (var i = 0; i < plan.Count; i++)
        {
            var (target, reason) = (plan[i].Target, plan[i].Reason);
            var skip = skipped.Contains(target) ? " — skipped (--skip)" : "";
            text.AppendLine($"  {i + 1,2}. {target.Name.PadRight(nameWidth)}{reason}{skip}");
        }

        return text.ToString();
    }
}
