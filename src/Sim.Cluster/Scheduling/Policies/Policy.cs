namespace Sim.Scheduling.Policies;

/// <summary>
/// A named scheduling policy users compare: a scheduler configuration (one profile, built by
/// <see cref="SchedulerProfile.Build"/> like any <c>KubeSchedulerConfiguration</c>) with a description
/// and where the policy comes from.
/// </summary>
/// <param name="Name">The policy's name, kebab-case (a public contract: scenarios and <c>--policy</c> refer to it).</param>
/// <param name="Description">One line on what the policy prefers.</param>
/// <param name="Source">Where it comes from: a kube-scheduler profile or the paper that introduced the heuristic.</param>
/// <param name="Configuration">Makes the scheduler configuration; use it with the registry of <see cref="PolicyCatalogue.CreateRegistry"/>.</param>
public sealed record Policy(string Name, string Description, string Source, Func<SchedulerConfiguration> Configuration);
