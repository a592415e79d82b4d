using System.Collections.Immutable;
using System.Globalization;
using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.Fgd;

/// <summary>
/// The args of <see cref="Fgd"/>: the target workload M it measures fragmentation against (YAML field
/// <c>typicalPods</c>: a list of <c>{milliCpu, milliGpu, gpuNumber, gpuType, probability}</c>). Empty (the
/// default) makes the plugin learn M from the pods it scores (see <see cref="Fgd"/>).
/// </summary>
public sealed record FgdArgs
{
    /// <summary>The task shapes of M with their probabilities, e.g. from <see cref="TypicalPods.FromPods"/>.</summary>
    public ImmutableArray<TypicalPod> TypicalPods { get; init; } = [];

    /// <summary>
    /// The problems of these args under <paramref name="path"/>: every probability in 0..1, milli-GPU in
    /// 0..1000, no negative CPU or GPU count, and the probabilities adding up to 1 (within 0.001, as the
    /// FGD simulator checks its own).
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<string>();
        if (TypicalPods.IsDefaultOrEmpty)
        {
            return errors;
        }

        var field = path.Length == 0 ? "typicalPods" : path + ".typicalPods";
        var sum = 0.0;
        for (var i = 0; i < TypicalPods.Length; i++)
        {
            var pod = TypicalPods[i];
            var at = $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (pod is null)
            {
                errors.Add($"{at}: Required value");
                continue;
            }

            if (pod.Probability is < 0 or > 1 || double.IsNaN(pod.Probability))
            {
                errors.Add($"{at}.probability: Invalid value: {pod.Probability.ToString(CultureInfo.InvariantCulture)}: must be in 0..1");
            }

            if (pod.MilliGpu is < 0 or > 1000)
            {
                errors.Add($"{at}.milliGpu: Invalid value: {pod.MilliGpu.ToString(CultureInfo.InvariantCulture)}: must be in 0..1000");
            }

            if (pod.MilliCpu < 0)
            {
                errors.Add($"{at}.milliCpu: Invalid value: {pod.MilliCpu.ToString(CultureInfo.InvariantCulture)}: must not be negative");
            }

            if (pod.GpuNumber < 0)
            {
                errors.Add($"{at}.gpuNumber: Invalid value: {pod.GpuNumber.ToString(CultureInfo.InvariantCulture)}: must not be negative");
            }

            if (pod.GpuType is null)
            {
                errors.Add($"{at}.gpuType: Required value");
            }

            sum += pod.Probability;
        }

        if (errors.Count == 0 && Math.Abs(sum - 1) > 1e-3)
        {
            errors.Add($"{field}: Invalid value: the probabilities add up to {sum.ToString(CultureInfo.InvariantCulture)}, not 1");
        }

        return errors;
    }
}
