using System.Text;

namespace Prism.Pipeline.Engine.Output;

/// <summary><c>--help</c>: targets with descriptions and dependencies, parameters with descriptions and current values.</summary>
internal static class HelpRenderer
{
    public static string Render(TargetGraph graph, string defaultTarget, IReadOnlyList<BuildParameter> parameters, object build)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [targets] [--option value...]   (./build.ps1 in PowerShell 7)");
        text.AppendLine();
        text.AppendLine("Targets:");
        var listed = graph.Targets.Where(target => !target.Unlisted).ToList();
        var nameWidth = listed.Select(target => target.Name.Length + " (default)".Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var target in listed)
        {
            var name = target.Name == defaultTarget ? $"{target.Name} (default)" : target.Name;
            text.AppendLine($"  {name.PadRight(nameWidth)}{target.Description}");
            if (target.ExecutionDependencies.Count > 0)
            {
                text.AppendLine($"  {"".PadRight(nameWidth)}depends on: {string.Join(", ", target.ExecutionDependencies)}");
            }
        }

        text.AppendLine();
        text.AppendLine("Parameters (command line > environment variable [PRISM_/NUKE_ prefix optional] > .nuke/parameters.json > default):");
        var optionWidth = parameters.Select(parameter => parameter.Option.Length).DefaultIfEmpty(0).Max() + 2;
        foreach (var parameter in parameters)
        {
            text.AppendLine($"  {parameter.Option.PadRight(optionWidth)}{parameter.Description}");
            var value = ParameterValueConverter.Format(parameter.GetValue(build));
            text.AppendLine($"  {"".PadRight(optionWidth)}{ParameterValueConverter.Expected(parameter.Type)}; now: {value} ({parameter.Source})");
        }

        text.AppendLine();
        text.AppendLine("Engine options:");
        text.AppendLine("  --target <names>     Targets to run (same as the words before the first option)");
        text.AppendLine("  --skip [names]       Skip the named targets; bare: skip every target that was not invoked");
        text.AppendLine("  --plan               Print the execution order and why each target is in it; run nothing");
        text.AppendLine("  --root <folder>      Repository root (default: the folder above that holds .nuke/)");
        text.AppendLine("  --verbosity <level>  quiet, minimal, normal (default) or verbose");
        text.AppendLine("  --no-logo            Do not print the banner");
        text.AppendLine("  --help               This text");
        return text.ToString();
    }
}
