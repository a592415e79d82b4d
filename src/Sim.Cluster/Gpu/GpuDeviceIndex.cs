using System.Globalization;
using System.Text;

namespace Sim.Cluster.Gpu;

/// <summary>The device list of <see cref="GpuAnnotations.DeviceIndex"/>: indices separated by <c>-</c>, e.g. <c>0-1-2</c>.</summary>
public static class GpuDeviceIndex
{
    /// <summary>The indices as the annotation writes them.</summary>
    public static string Format(ReadOnlySpan<int> devices)
    {
        var text = new StringBuilder();
        for (var i = 0; i < devices.Length; i++)
        {
            if (i > 0)
            {
                text.Append('-');
            }

            text.Append(devices[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads the indices into <paramref name="devices"/>; the number read, or −1 when the text is not a
    /// list of non-negative integers or has more than <paramref name="devices"/> can hold.
    /// </summary>
    public static int Parse(string text, Span<int> devices)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var range in text.AsSpan().Split('-'))
        {
            if (count == devices.Length
                || !int.TryParse(text.AsSpan(range), NumberStyles.None, CultureInfo.InvariantCulture, out var device))
            {
                return -1;
            }

            devices[count++] = device;
        }

        return count;
    }
}
