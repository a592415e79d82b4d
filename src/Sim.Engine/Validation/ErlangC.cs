namespace Sim.Engine.Validation;

/// <summary>Textbook M/M/c values (Kleinrock; Gross and Harris), from the Erlang B recursion.</summary>
public static class ErlangC
{
    /// <summary>Erlang B: B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).</summary>
    public static double BlockingProbability(int servers, double offeredLoad)
    {
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = offeredLoad * b / (k + (offeredLoad * b));
        }

        return b;
    }

    /// <summary>Erlang C: C(c, a) = c·B / (c − a(1 − B)), the probability that an arrival waits.</summary>
    public static double ProbabilityOfWaiting(int servers, double offeredLoad)
    {
        var b = BlockingProbability(servers, offeredLoad);
        return servers * b / (servers - (offeredLoad * (1 - b)));
    }

    /// <summary>Wq = C / (cμ − λ).</summary>
    public static double MeanWait(int servers, double arrivalRate, double serviceRate) =>
        ProbabilityOfWaiting(servers, arrivalRate / serviceRate) / ((servers * serviceRate) - arrivalRate);

    /// <summary>W = Wq + 1/μ.</summary>
    public static double MeanTimeInSystem(int servers, double arrivalRate, double serviceRate) =>
        MeanWait(servers, arrivalRate, serviceRate) + (1 / serviceRate);
}
