using Sim.Traces.AlibabaGpu2023;

namespace Sim.Traces.Tests.AlibabaGpu2023;

/// <summary>Bad openb input is refused with the file, line, column and what was expected; nothing is guessed.</summary>
public sealed class OpenbTraceErrorTests
{
    private const string PodHeader = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n";

    private static TraceError PodError(string text) =>
        Assert.Throws<TraceFormatException>(() => OpenbTrace.ReadPods(new StringReader(text), "pods.csv").ToList())!.Error;

    private static TraceError NodeError(string text) =>
        Assert.Throws<TraceFormatException>(() => OpenbTrace.ReadNodes(new StringReader(text), "nodes.csv").ToList())!.Error;

    [Test]
    public void An_empty_file_is_refused_and_the_header_it_needs_is_named()
    {
        var error = PodError("");

        Assert.That(error.ToString(), Is.EqualTo("pods.csv: the file is empty; an openb pod list starts with a header line: " + PodHeader.TrimEnd()));
    }

    [Test]
    public void A_missing_required_column_is_named()
    {
        var error = NodeError("sn,cpu_milli,gpu,model\nnode-1,1000,0,\n");

        Assert.Multiple(() =>
        {
            Assert.That(error.Line, Is.EqualTo(1));
            Assert.That(error.ColumnName, Is.EqualTo("memory_mib"));
            Assert.That(error.Message, Does.StartWith("the header has no column 'memory_mib'"));
        });
    }

    [Test]
    public void A_negative_quantity_is_refused_with_its_line_and_column()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,0,0,,BE,Running,0,10,0\np-1,-5,2048,0,0,,BE,Running,0,10,0\n");

        Assert.That(error.ToString(), Is.EqualTo("pods.csv:3:5: column 'cpu_milli': expected a non-negative integer (CPU request in milli-cores), got '-5' (out of range)"));
    }

    [Test]
    public void Garbage_in_a_number_is_refused()
    {
        var error = PodError(PodHeader + "p-0,1000,2GiB,0,0,,BE,Running,0,10,0\n");

        Assert.That(error.ToString(), Is.EqualTo("pods.csv:2:10: column 'memory_mib': expected an integer from 0 to 8796093022207 (memory request in MiB), got '2GiB'"));
    }

    [Test]
    public void A_number_too_large_for_64_bits_is_refused_not_wrapped()
    {
        var error = PodError(PodHeader + "p-0,99999999999999999999,2048,0,0,,BE,Running,0,10,0\n");

        Assert.That(error.Message, Does.EndWith("got '99999999999999999999' (out of range)"));
    }

    [Test]
    public void An_unknown_qos_is_refused_with_the_known_ones()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,0,0,,Gold,Running,0,10,0\n");

        Assert.That(error.ToString(), Is.EqualTo("pods.csv:2:20: column 'qos': expected a QoS class: one of LS, BE, Burstable, Guaranteed, got 'Gold'"));
    }

    [Test]
    public void A_sharing_request_on_several_gpus_is_refused()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,2,500,,BE,Running,0,10,0\n");

        Assert.That(error.Message, Does.StartWith("only a pod with one GPU may share it"));
    }

    [Test]
    public void A_gpu_share_above_one_gpu_is_refused()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,1,1500,,BE,Running,0,10,0\n");

        Assert.That(error.Message, Is.EqualTo("expected an integer from 0 to 1000 (milli-GPU per GPU), got '1500' (out of range)"));
    }

    [Test]
    public void Only_a_pending_pod_may_lack_a_scheduled_time()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,0,0,,BE,Running,0,10,\n");

        Assert.That((error.ColumnName, error.Column), Is.EqualTo(("scheduled_time", 36L)));
    }

    [Test]
    public void An_empty_model_in_a_gpu_spec_is_refused()
    {
        var error = PodError(PodHeader + "p-0,1000,2048,1,1000,V100M16||T4,BE,Running,0,10,0\n");

        Assert.That(error.Message, Is.EqualTo("expected GPU models separated by '|' (e.g. V100M16|V100M32), got 'V100M16||T4'"));
    }

    [Test]
    public void A_row_with_too_few_fields_is_refused()
    {
        var error = NodeError("sn,cpu_milli,memory_mib,gpu,model\nnode-1,1000,2048\n");

        Assert.That(error.ToString(), Is.EqualTo("nodes.csv:2:17: expected 5 comma-separated fields (sn,cpu_milli,memory_mib,gpu,model), got 3"));
    }

    [Test]
    public void A_gpu_node_needs_its_model_and_a_cpu_node_has_none()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NodeError("sn,cpu_milli,memory_mib,gpu,model\nnode-1,1000,2048,2,\n").Message, Is.EqualTo("expected the GPU model of a node with GPUs, got an empty field"));
            Assert.That(NodeError("sn,cpu_milli,memory_mib,gpu,model\nnode-1,1000,2048,0,T4\n").Message, Is.EqualTo("a node without GPUs has no GPU model, got 'T4'"));
        });
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_named_as_such()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(PodHeader + "p-\u00010,1000,2048,0,0,,BE,Running,0,10,0\n");
        bytes[PodHeader.Length + 2] = 0xFF;
        var error = Assert.Throws<TraceFormatException>(() => OpenbTrace.ReadPods(new StreamReader(new MemoryStream(bytes)), "pods.csv").ToList())!.Error;

        Assert.That(error.Message, Does.EndWith("got 'p-\uFFFD0' (the file is not valid UTF-8 here)"));
    }

    [Test]
    public void Columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored()
    {
        var pods = OpenbTrace.ReadPods(new StringReader("gpu_milli,name,zone,num_gpu,memory_mib,cpu_milli\n500,p-0,a,1,2048,1000\n"), "pods.csv").ToList();

        Assert.That(pods.Single(), Is.EqualTo(new OpenbPod("p-0", 1000, 2048, 1, 500, [], null, null, null, null, null)));
    }

    [Test]
    public void A_missing_file_is_refused_as_a_trace_error()
    {
        var error = Assert.Throws<TraceFormatException>(() => OpenbTrace.ReadNodes("/nonexistent/nodes.csv").ToList())!.Error;

        Assert.That(error.ToString(), Is.EqualTo("/nonexistent/nodes.csv: file not found"));
    }
}
