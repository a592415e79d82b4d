using System.Text.RegularExpressions;
using Sim.Traces.AlibabaGpu2023;

namespace Sim.Traces.Tests;

/// <summary>The example in docs/traces.md is this test's code, and it runs.</summary>
public sealed partial class DocsExampleTests
{
    [Test]
    public void The_docs_example_reads_the_gpu_pods_and_reports_a_bad_row()
    {
        var path = TraceData.File("alibaba-gpu-2023/openb_pod_list_default.csv");
        var output = new StringWriter();

        // docs:example
        long gpuMilli = 0;
        try
        {
            foreach (var pod in OpenbTrace.ReadPods(path))
            {
                gpuMilli += pod.TotalGpuMilli;
            }
        }
        catch (TraceFormatException e)
        {
            output.WriteLine(e.Error); // openb_pod_list_default.csv:12:5: column 'cpu_milli': expected …
        }
        // docs:end

        Assert.Multiple(() =>
        {
            Assert.That(output.ToString(), Is.Empty);
            Assert.That(gpuMilli / 1000.0 / 6_212, Is.EqualTo(0.980).Within(0.0005));
            Assert.That(DocsBlock(), Is.EqualTo(SourceRegion()));
        });
    }

    private static string DocsBlock() =>
        Normalize(DocsPattern().Match(File.ReadAllText(TraceData.Repository("docs/traces.md")!)).Groups["code"].Value);

    private static string SourceRegion() =>
        Normalize(RegionPattern().Match(File.ReadAllText(TraceData.Repository("tests/Sim.Traces.Tests/DocsExampleTests.cs")!)).Groups["code"].Value);

    private static string Normalize(string code) =>
        string.Join("\n", code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));

    [GeneratedRegex(@"<!-- docs-example -->\s*```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex DocsPattern();

    [GeneratedRegex(@"// docs:example\n(?<code>.*?)// docs:end", RegexOptions.Singleline)]
    private static partial Regex RegionPattern();
}
