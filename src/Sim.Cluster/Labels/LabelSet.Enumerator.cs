using System.Collections;

namespace Sim.Cluster.Labels;

/// <content>The allocation-free enumerator of a <see cref="LabelSet"/>.</content>
public sealed partial class LabelSet
{
    /// <summary>Enumerates a <see cref="LabelSet"/> in ordinal key order.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly LabelSet _set;
        private int _index;

        internal Enumerator(LabelSet set)
        {
            _set = set;
            _index = -1;
        }

        /// <summary>The current label.</summary>
        public readonly KeyValuePair<string, string> Current => new(_set._keys[_index], _set._values[_index]);

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next label; false after the last one.</summary>
        public bool MoveNext() => ++_index < _set._keys.Length;

        /// <summary>Moves back to before the first label.</summary>
        public void Reset() => _index = -1;

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}
