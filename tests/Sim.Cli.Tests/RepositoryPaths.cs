namespace Sim.Cli.Tests;

/// <summary>Where the repository is, for tests that read its files.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Sim.sln, above the test directory.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sim.sln not found above the test directory.");
    }
}
