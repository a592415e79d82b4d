using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Sim.Kubernetes.Objects;

/// <summary>
/// The shape of a Kubernetes API type as the official client models declare it (field names from
/// their <c>JsonPropertyName</c> attributes), used to check YAML against the schema before decoding.
/// </summary>
internal sealed class FieldType
{
    private static readonly Dictionary<Type, FieldType> Cache = [];
    private static readonly Lock CacheLock = new();
    private readonly Lazy<IReadOnlyDictionary<string, FieldType>> _fields;

    private FieldType(Type clr, FieldKind kind, FieldType? element)
    {
        Clr = clr;
        Kind = kind;
        Element = element;
        _fields = new Lazy<IReadOnlyDictionary<string, FieldType>>(() => FieldsOf(clr));
    }

    /// <summary>The .NET type.</summary>
    public Type Clr { get; }

    /// <summary>What kind of value it is.</summary>
    public FieldKind Kind { get; }

    /// <summary>The item type of a list or the value type of a map.</summary>
    public FieldType? Element { get; }

    /// <summary>An object's fields by their API name.</summary>
    public IReadOnlyDictionary<string, FieldType> Fields => _fields.Value;

    /// <summary>The schema of <paramref name="type"/>.</summary>
    public static FieldType Of(Type type)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(type, out var cached))
            {
                return cached;
            }
        }

        var created = Create(type);
        lock (CacheLock)
        {
            Cache.TryAdd(type, created);
            return Cache[type];
        }
    }

    /// <summary>A name for the expected value, for messages: <c>an integer</c>, <c>a list</c>, ….</summary>
    public string Expected => Kind switch
    {
        FieldKind.String => "a string",
        FieldKind.Integer => "an integer",
        FieldKind.Boolean => "true or false",
        FieldKind.Number => "a number",
        FieldKind.Quantity => "a quantity such as 500m, 2 or 1Gi",
        FieldKind.IntOrString => "an integer or a string",
        FieldKind.Object or FieldKind.Map => "a mapping",
        FieldKind.List => "a list",
        _ => "a value",
    };

    private static FieldType Create(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying == typeof(byte[]) || underlying.FullName is "System.DateTime" or "System.DateTimeOffset")
        {
            return new FieldType(underlying, FieldKind.String, null);
        }

        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short))
        {
            return new FieldType(underlying, FieldKind.Integer, null);
        }

        if (underlying == typeof(bool))
        {
            return new FieldType(underlying, FieldKind.Boolean, null);
        }

        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            return new FieldType(underlying, FieldKind.Number, null);
        }

        if (underlying == typeof(ResourceQuantity))
        {
            return new FieldType(underlying, FieldKind.Quantity, null);
        }

        if (underlying == typeof(IntOrString))
        {
            return new FieldType(underlying, FieldKind.IntOrString, null);
        }

        if (underlying.IsGenericType)
        {
            var definition = underlying.GetGenericTypeDefinition();
            var arguments = underlying.GetGenericArguments();
            if (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return new FieldType(underlying, FieldKind.Map, Of(arguments[1]));
            }

            if (definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(ICollection<>))
            {
                return new FieldType(underlying, FieldKind.List, Of(arguments[0]));
            }
        }

        if (underlying.IsClass && underlying.Namespace == typeof(V1Pod).Namespace)
        {
            return new FieldType(underlying, FieldKind.Object, null);
        }

        return new FieldType(underlying, FieldKind.Any, null);
    }

    private static Dictionary<string, FieldType> FieldsOf(Type type)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        if (!type.IsClass || type.Namespace != typeof(V1Pod).Namespace)
        {
            return fields;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is { } name)
            {
                fields[name.Name] = Of(property.PropertyType);
            }
        }

        return fields;
    }
}
