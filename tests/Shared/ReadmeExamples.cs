using System.Text.RegularExpressions;

namespace Sim.Tests.Shared;

/// <summary>
/// Reads README code blocks (<c>&lt;!-- readme-example: NAME --&gt;</c> before a csharp fence) and the
/// test-source regions they must match (<c>// readme:NAME</c> … <c>// readme:end</c>), normalized
/// line by line, so that a test can check that the README shows its code verbatim. Compiled into each
/// test project that has README examples.
/// </summary>
internal static partial class ReadmeExamples
{
    /// <summary>The README block called <paramref name="name"/>, normalized.</summary>
    public static string ReadmeBlock(string name) =>
        Named(ReadmeBlockPattern(), File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")), name);

    /// <summary>The block called <paramref name="name"/> of the Markdown file at <paramref name="relativePath"/> (from the repository root, e.g. a page in docs/), normalized.</summary>
    public static string DocBlock(string relativePath, string name) =>
        Named(ReadmeBlockPattern(), File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)), name);

    /// <summary>The region called <paramref name="name"/> of the file at <paramref name="relativePath"/> (from the repository root), normalized.</summary>
    public static string SourceRegion(string relativePath, string name) =>
        Named(SourceRegionPattern(), File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)), name);

    private static string Named(Regex pattern, string text, string name) =>
        Normalize(pattern.Matches(text).Single(m => m.Groups["name"].Value == name).Groups["code"].Value);

    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }

    [GeneratedRegex(@"<!-- readme-example: (?<name>\w+) -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlockPattern();

    [GeneratedRegex(@"// readme:(?<name>\w+)\n(?<code>.*?)// readme:end", RegexOptions.Singleline)]
    private static partial Regex SourceRegionPattern();
}
