namespace Sim.Scheduling;

/// <summary>
/// The host ports in use on a node, by address (upstream's <c>framework.HostPortInfo</c>): a port
/// bound on 0.0.0.0 conflicts with the same protocol and port on every address.
/// </summary>
public sealed class HostPortInfo
{
    private const string AnyAddress = "0.0.0.0";
    private readonly Dictionary<string, Dictionary<(string Protocol, int Port), int>> _byAddress = new(StringComparer.Ordinal);

    /// <summary>The number of (address, protocol, port) entries.</summary>
    public int Count => _byAddress.Values.Sum(ports => ports.Count);

    /// <summary>Claims a port (reference-counted).</summary>
    public void Add(string ip, string protocol, int port)
    {
        var key = Normalize(ip, protocol);
        if (!_byAddress.TryGetValue(key.Ip, out var ports))
        {
            ports = [];
            _byAddress[key.Ip] = ports;
        }

        ports[(key.Protocol, port)] = ports.GetValueOrDefault((key.Protocol, port)) + 1;
    }

    /// <summary>Releases a port claimed with <see cref="Add"/>.</summary>
    public void Remove(string ip, string protocol, int port)
    {
        var key = Normalize(ip, protocol);
        if (_byAddress.TryGetValue(key.Ip, out var ports) && ports.TryGetValue((key.Protocol, port), out var count))
        {
            if (count <= 1)
            {
                ports.Remove((key.Protocol, port));
                if (ports.Count == 0)
                {
                    _byAddress.Remove(key.Ip);
                }
            }
            else
            {
                ports[(key.Protocol, port)] = count - 1;
            }
        }
    }

    /// <summary>True when claiming (ip, protocol, port) would conflict with a port in use.</summary>
    public bool CheckConflict(string ip, string protocol, int port)
    {
        if (port <= 0)
        {
            return false;
        }

        var key = Normalize(ip, protocol);
        if (key.Ip == AnyAddress)
        {
            foreach (var ports in _byAddress.Values)
            {
                if (ports.ContainsKey((key.Protocol, port)))
                {
                    return true;
                }
            }

            return false;
        }

        return (_byAddress.TryGetValue(key.Ip, out var own) && own.ContainsKey((key.Protocol, port)))
            || (_byAddress.TryGetValue(AnyAddress, out var any) && any.ContainsKey((key.Protocol, port)));
    }

    /// <summary>A copy.</summary>
    public HostPortInfo Clone()
    {
        var copy = new HostPortInfo();
        foreach (var (ip, ports) in _byAddress)
        {
            copy._byAddress[ip] = new Dictionary<(string, int), int>(ports);
        }

        return copy;
    }

    private static (string Ip, string Protocol) Normalize(string ip, string protocol) =>
        (string.IsNullOrEmpty(ip) ? AnyAddress : ip, string.IsNullOrEmpty(protocol) ? "TCP" : protocol);
}
