namespace Sim.Scheduling;

/// <summary>Builds a plugin from its args (null when the config gives none) and the framework handle.</summary>
public delegate IPlugin PluginFactory(object? args, IFrameworkHandle handle);

/// <summary>
/// Plugin names and how to build them, as upstream's registry: the in-tree plugins, plus any a user
/// registers. A config can name every registered plugin.
/// </summary>
/// <example>
/// <code>
/// var registry = PluginRegistry.CreateDefault();
/// registry.Register("PreferEvenNodes", (_, _) => new PreferEvenNodes());
/// </code>
/// </example>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, (PluginFactory Factory, Type? ArgsType)> _plugins = new(StringComparer.Ordinal);

    /// <summary>The registered names, sorted.</summary>
    public IEnumerable<string> Names => _plugins.Keys.Order(StringComparer.Ordinal);

    /// <summary>A registry with every in-tree plugin.</summary>
    public static PluginRegistry CreateDefault()
    {
        var registry = new PluginRegistry();
        Plugins.InTreePlugins.RegisterAll(registry);
        return registry;
    }

    /// <summary>Registers a plugin without args.</summary>
    public PluginRegistry Register(string name, PluginFactory factory) => Add(name, factory, argsType: null);

    /// <summary>Registers a plugin whose args are a <typeparamref name="TArgs"/> (deserialized from a config's <c>pluginConfig</c>).</summary>
    public PluginRegistry Register<TArgs>(string name, Func<TArgs?, IFrameworkHandle, IPlugin> factory)
        where TArgs : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Add(name, (args, handle) => factory((TArgs?)args, handle), typeof(TArgs));
    }

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _plugins.ContainsKey(name);

    /// <summary>The args type of <paramref name="name"/>, or null when it takes none (or is unknown).</summary>
    public Type? ArgsType(string name) => _plugins.TryGetValue(name, out var entry) ? entry.ArgsType : null;

    /// <summary>Builds the plugin <paramref name="name"/>.</summary>
    public IPlugin Create(string name, object? args, IFrameworkHandle handle)
    {
        if (!_plugins.TryGetValue(name, out var entry))
        {
            throw new SchedulerConfigException($"plugin \"{name}\" does not exist (registered: {string.Join(", ", Names)})");
        }

        if (args is not null && entry.ArgsType is { } type && !type.IsInstanceOfType(args))
        {
            throw new SchedulerConfigException($"plugin \"{name}\" takes args of type {type.Name}, got {args.GetType().Name}");
        }

        return entry.Factory(args, handle);
    }

    private PluginRegistry Add(string name, PluginFactory factory, Type? argsType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_plugins.TryAdd(name, (factory, argsType)))
        {
            throw new ArgumentException($"A plugin named \"{name}\" is already registered.", nameof(name));
        }

        return this;
    }
}

/// <summary>A scheduler configuration that cannot be used: an unknown plugin, bad args, a missing queue sort.</summary>
public sealed class SchedulerConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchedulerConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchedulerConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchedulerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
