namespace Sim.Scheduling.Plugins;

/// <summary>The in-tree plugins, registered under upstream's names.</summary>
public static class InTreePlugins
{
    /// <summary>Registers every in-tree plugin in <paramref name="registry"/>.</summary>
    public static void RegisterAll(PluginRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(PrioritySort.PrioritySort.PluginName, (_, _) => new PrioritySort.PrioritySort());
        registry.Register(SchedulingGates.SchedulingGates.PluginName, (_, _) => new SchedulingGates.SchedulingGates());
        registry.Register(NodeName.NodeName.PluginName, (_, _) => new NodeName.NodeName());
        registry.Register(NodeUnschedulable.NodeUnschedulable.PluginName, (_, _) => new NodeUnschedulable.NodeUnschedulable());
        registry.Register<InterPodAffinity.InterPodAffinityArgs>(InterPodAffinity.InterPodAffinity.PluginName, (args, handle) => new InterPodAffinity.InterPodAffinity(args ?? new(), handle));
        registry.Register<NodeResourcesFit.NodeResourcesFitArgs>(NodeResourcesFit.NodeResourcesFit.PluginName, (args, _) => new NodeResourcesFit.NodeResourcesFit((args ?? new()).WithDefaults()));
        registry.Register<NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocationArgs>(NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation.PluginName, (args, _) => new NodeResourcesBalancedAllocation.NodeResourcesBalancedAllocation((args ?? new()).WithDefaults()));
        registry.Register(TaintToleration.TaintToleration.PluginName, (_, _) => new TaintToleration.TaintToleration());
        registry.Register<NodeAffinity.NodeAffinityArgs>(NodeAffinity.NodeAffinity.PluginName, (args, _) => new NodeAffinity.NodeAffinity(args ?? new()));
        registry.Register(NodePorts.NodePorts.PluginName, (_, _) => new NodePorts.NodePorts());
        registry.Register(ImageLocality.ImageLocality.PluginName, (_, handle) => new ImageLocality.ImageLocality(handle));
        registry.Register<PodTopologySpread.PodTopologySpreadArgs>(PodTopologySpread.PodTopologySpread.PluginName, (args, handle) => new PodTopologySpread.PodTopologySpread(args ?? new(), handle));
        registry.Register<DefaultPreemption.DefaultPreemptionArgs>(DefaultPreemption.DefaultPreemption.PluginName, (args, handle) => new DefaultPreemption.DefaultPreemption(args ?? new(), handle));
        registry.Register(DefaultBinder.DefaultBinder.PluginName, (_, handle) => new DefaultBinder.DefaultBinder(handle));
    }
}
