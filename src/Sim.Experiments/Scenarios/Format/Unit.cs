namespace Sim.Experiments.Scenarios.Format;

/// <summary>What a number in the scenario file measures, which decides how it is written and what the model holds.</summary>
internal enum Unit
{
    /// <summary>A duration (<c>90s</c>, <c>10m</c>, <c>1h30m</c>; a bare number is seconds), held as seconds.</summary>
    Seconds,

    /// <summary>A CPU quantity (<c>500m</c>, <c>2</c>), held as milli-CPU.</summary>
    MilliCpu,

    /// <summary>A byte quantity (<c>512Mi</c>, <c>1G</c>), held as bytes.</summary>
    Bytes,

    /// <summary>A plain count that is not negative (replicas, parallelism).</summary>
    Count,

    /// <summary>GPUs per pod, written as a quantity (<c>0.5</c>, <c>500m</c>, <c>2</c>), held as GPUs (0.5 is half of one GPU).</summary>
    Gpus,

    /// <summary>A plain real number of any sign (a log-normal's mu).</summary>
    Number,
}
