using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Signing;

/// <summary>
/// Where Pack's secret key comes from: the environment variable <see cref="Variable"/> (its value is the key file's
/// text — how CI hands over a secret), or the file named by <c>--signing-key-file</c>. Never from the repository:
/// a key file inside it is refused. Neither the key nor any part of it is ever logged or put in an error.
/// </summary>
internal static class SigningKeySource
{
    public const string Variable = "PRISM_SIGNING_KEY";

    /// <summary>The key, or null when neither source gives one.</summary>
    public static MinisignSecretKey? Load(IReadOnlyDictionary<string, string> environment, AbsolutePath? keyFile, AbsolutePath repository)
    {
        var fromEnvironment = environment.GetValueOrDefault(Variable) is { Length: > 0 } text ? text : null;
        if (fromEnvironment is not null && keyFile is not null)
        {
            throw BuildException.Failure($"Both {Variable} and --signing-key-file name a signing key: give one of them.");
        }

        if (fromEnvironment is not null)
        {
            return MinisignSecretKey.Parse(fromEnvironment, $"The environment variable {Variable}");
        }

        if (keyFile is not { } file)
        {
            return null;
        }

        if (!Path.GetRelativePath(repository, file).StartsWith("..", StringComparison.Ordinal))
        {
            throw BuildException.Failure($"The signing key {file} lies inside the repository ({repository}), where a commit could publish it. " +
                "Keep it in a private folder outside (e.g. ~/.prism-release/), or hand it over in " + Variable + ".");
        }

        if (!file.FileExists)
        {
            throw BuildException.Failure($"The signing key file {file} does not exist. Make a key pair with `./build.sh NewSigningKey --signing-key-file {file}`.");
        }

        return MinisignSecretKey.Parse(File.ReadAllText(file), $"The signing key file {file}");
    }
}
