namespace Sim.Traces.Tests;

/// <summary>
/// Finds the real trace files: they live in <c>shared/data</c> beside the repository (never copied into
/// it), found by walking up from the test directory. Tests that need them are ignored when absent.
/// </summary>
internal static class TraceData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var data = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(data))
            {
                return data;
            }
        }

        return null;
    });

    /// <summary>The path of <paramref name="relative"/> under shared/data; ignores the test when it is absent.</summary>
    public static string File(string relative)
    {
        var path = Root.Value is { } root ? Path.Combine(root, relative) : null;
        if (path is null || !System.IO.File.Exists(path))
        {
            Assert.Ignore($"The real trace file shared/data/{relative} is not here.");
        }

        return path!;
    }

    /// <summary>The first <paramref name="lines"/> lines of a real trace file, or null when it is absent.</summary>
    public static byte[]? Head(string relative, int lines)
    {
        if (Root.Value is not { } root || !System.IO.File.Exists(Path.Combine(root, relative)))
        {
            return null;
        }

        var head = System.IO.File.ReadLines(Path.Combine(root, relative)).Take(lines);
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', head) + "\n");
    }

    /// <summary>A file of the repository (found by walking up to Sim.sln), or null when absent.</summary>
    public static string? Repository(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
            {
                var path = Path.Combine(dir.FullName, relative);
                return System.IO.File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    /// <summary>A sample file written for these tests (tests/Sim.Traces.Tests/Samples).</summary>
    public static string Sample(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", name);
}
