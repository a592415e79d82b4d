using Sim.Cluster.Api;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Tests.Api;

public class ApiServerTests
{
    private Simulation _simulation = null!;
    private ApiServer _api = null!;

    [SetUp]
    public void CreateServer()
    {
        _simulation = new Simulation();
        _api = new ApiServer(_simulation);
        _api.AddIndex(TestPod.KindName, "spec.nodeName", static obj => ((TestPod)obj).NodeName is { Length: > 0 } node ? node : null);
    }

    [Test]
    public void Every_write_raises_the_resource_version()
    {
        var created = _api.Create(TestPod.Named("a")).Value!;
        var updated = _api.Update(created with { NodeName = "n1" }).Value!;
        var other = _api.Create(TestPod.Named("b")).Value!;
        var deleted = _api.Delete(other.Key).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(created.Metadata.ResourceVersion, Is.EqualTo(1));
            Assert.That(updated.Metadata.ResourceVersion, Is.EqualTo(2));
            Assert.That(other.Metadata.ResourceVersion, Is.EqualTo(3));
            Assert.That(deleted.Metadata.ResourceVersion, Is.EqualTo(4));
            Assert.That(_api.ResourceVersion, Is.EqualTo(4));
            Assert.That(updated.Metadata.Uid, Is.EqualTo(created.Metadata.Uid), "an update keeps the uid");
            Assert.That(other.Metadata.Uid, Is.Not.EqualTo(created.Metadata.Uid));
        });
    }

    [Test]
    public void A_stale_update_fails_with_a_conflict_and_returns_the_current_version()
    {
        var read = _api.Create(TestPod.Named("a")).Value!;
        var first = _api.Update(read with { NodeName = "n1" });

        var second = _api.Update(read with { NodeName = "n2" });

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(ApiStatus.Ok));
            Assert.That(second.Status, Is.EqualTo(ApiStatus.Conflict));
            Assert.That(second.Value!.NodeName, Is.EqualTo("n1"));
            Assert.That(second.Message, Does.Contain("resource version 1 is stale, the current one is 2"));
            Assert.That(_api.Get<TestPod>(read.Key)!.NodeName, Is.EqualTo("n1"));
        });
    }

    [Test]
    public void Create_update_and_delete_report_missing_and_duplicate_objects()
    {
        var pod = _api.Create(TestPod.Named("a")).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(_api.Create(TestPod.Named("a")).Status, Is.EqualTo(ApiStatus.AlreadyExists));
            Assert.That(_api.Update(TestPod.Named("ghost")).Status, Is.EqualTo(ApiStatus.NotFound));
            Assert.That(_api.Delete(TestPod.Named("ghost").Key).Status, Is.EqualTo(ApiStatus.NotFound));
            Assert.That(_api.Delete(pod.Key, expectedResourceVersion: 99).Status, Is.EqualTo(ApiStatus.Conflict));
            Assert.That(_api.Delete(pod.Key, expectedResourceVersion: 1).Status, Is.EqualTo(ApiStatus.Ok));
            Assert.That(_api.Get<TestPod>(pod.Key), Is.Null);
        });
    }

    [Test]
    public void Lists_come_in_key_order_and_can_use_an_index()
    {
        foreach (var (name, node) in new[] { ("c", "n1"), ("a", "n2"), ("b", "n1") })
        {
            _api.Create(TestPod.Named(name, node));
        }

        Assert.Multiple(() =>
        {
            Assert.That(_api.List(TestPod.KindName).Select(p => p.Metadata.Name), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(_api.List(TestPod.KindName, "spec.nodeName", "n1").Select(p => p.Metadata.Name), Is.EqualTo(new[] { "b", "c" }));
        });
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Lists_by_index_and_whole_follow_every_write_as_a_scan_does(int seed)
    {
        // Listing by the index reads the index's own keys once it was first used; the whole kind is kept
        // sorted until the next write. Both must always give what a scan of every object gives, whenever
        // the first listing happens and whatever an observer lists in the middle of a write.
        var random = new System.Random(seed);
        var nodes = new[] { "n1", "n2", "n3" };
        var observed = 0;
        var missed = new List<string>();
        _api.Observe(write =>
        {
            if (write.After is TestPod { NodeName.Length: > 0 } pod)
            {
                observed++;
                if (!_api.List(TestPod.KindName, "spec.nodeName", pod.NodeName).Contains(pod))
                {
                    missed.Add($"{pod.Metadata.Name} on {pod.NodeName}");
                }
            }
        });
        var firstListing = random.Next(60);
        for (var step = 0; step < 200; step++)
        {
            var name = $"p{random.Next(25)}";
            var key = new ObjectKey(TestPod.KindName, "default", name);
            var node = random.Next(4) == 0 ? string.Empty : nodes[random.Next(nodes.Length)];
            if (_api.Get<TestPod>(key) is not { } existing)
            {
                _api.Create(TestPod.Named(name, node));
            }
            else if (random.Next(3) == 0)
            {
                _api.Delete(key);
            }
            else
            {
                _api.Update(existing with { NodeName = node });
            }

            if (step < firstListing)
            {
                continue;
            }

            var all = _api.List(TestPod.KindName);
            var scan = all.Cast<TestPod>().ToList();
            Assert.That(scan.Select(p => p.Key), Is.Ordered, $"step {step}: whole list in key order");
            foreach (var value in nodes)
            {
                Assert.That(
                    _api.List(TestPod.KindName, "spec.nodeName", value),
                    Is.EqualTo(scan.Where(p => p.NodeName == value).ToList()),
                    $"step {step}: pods of {value}");
            }

            Assert.That(_api.List(TestPod.KindName, "spec.nodeName"), Is.EqualTo(scan.Where(p => p.NodeName.Length == 0).ToList()), $"step {step}: pods without a value");
            ((List<ApiObject>)all).Clear();
            Assert.That(_api.List(TestPod.KindName), Has.Count.EqualTo(scan.Count), "a list handed out is the caller's own");
        }

        // What an observer listed during each write already included that write.
        Assert.That((observed > 50, missed), Is.EqualTo((true, new List<string>())));
    }

    [Test]
    public void A_watch_sees_every_later_change_in_order_after_its_latency()
    {
        var seen = new List<(long Ticks, WatchEventType Type, string Name, long Version)>();
        _api.Watch(
            new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromMilliseconds(5) },
            e => seen.Add((_simulation.Now.Ticks, e.Type, e.Item.Metadata.Name, e.Item.Metadata.ResourceVersion)));

        _simulation.ScheduleAt(SimTime.FromSeconds(1), () =>
        {
            var pod = _api.Create(TestPod.Named("a")).Value!;
            _api.Update(pod with { NodeName = "n1" });
        });
        _simulation.ScheduleAt(SimTime.FromSeconds(2), () => _api.Delete(TestPod.Named("a").Key));
        _simulation.Run();

        var ms = TimeSpan.TicksPerMillisecond;
        Assert.That(seen, Is.EqualTo(new[]
        {
            ((1000 + 5) * ms, WatchEventType.Added, "a", 1L),
            ((1000 + 5) * ms, WatchEventType.Modified, "a", 2L),
            ((2000 + 5) * ms, WatchEventType.Deleted, "a", 3L),
        }));
    }

    [Test]
    public void Random_latency_never_reorders_a_watchs_events()
    {
        var random = new RandomStreams(3).For("watch-latency");
        var versions = new List<long>();
        _api.Watch(
            new WatchOptions { Kind = TestPod.KindName, Latency = () => random.Exponential(TimeSpan.FromMilliseconds(50)) },
            e => versions.Add(e.Item.Metadata.ResourceVersion));

        for (var i = 0; i < 500; i++)
        {
            var name = $"p{i}";
            _simulation.ScheduleAt(SimTime.FromTicks(i * TimeSpan.TicksPerMillisecond), () => _api.Create(TestPod.Named(name)));
        }

        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(versions, Has.Count.EqualTo(500));
            Assert.That(versions, Is.Ordered.Ascending);
        });
    }

    [Test]
    public void A_filtered_watch_gets_the_events_it_accepts_when_an_unfiltered_one_with_the_same_latencies_gets_them()
    {
        // Two watches with the same latency stream; the filter refuses every Modified event.
        var all = new List<(long Time, WatchEventType Type, long Version)>();
        var filtered = new List<(long Time, WatchEventType Type, long Version)>();
        var firstRandom = new RandomStreams(5).For("watch-latency");
        var secondRandom = new RandomStreams(5).For("watch-latency");
        _api.Watch(
            new WatchOptions { Kind = TestPod.KindName, Latency = () => firstRandom.Exponential(TimeSpan.FromMilliseconds(50)) },
            e => all.Add((_simulation.Now.Ticks, e.Type, e.Item.Metadata.ResourceVersion)));
        var watch = _api.Watch(
            new WatchOptions
            {
                Kind = TestPod.KindName,
                Latency = () => secondRandom.Exponential(TimeSpan.FromMilliseconds(50)),
                Filter = static e => e.Type != WatchEventType.Modified,
            },
            e => filtered.Add((_simulation.Now.Ticks, e.Type, e.Item.Metadata.ResourceVersion)));

        for (var i = 0; i < 200; i++)
        {
            var name = $"p{i % 20}";
            _simulation.ScheduleAt(SimTime.FromTicks(i * TimeSpan.TicksPerMillisecond), () =>
            {
                if (_api.Get<TestPod>(new ObjectKey(TestPod.KindName, "default", name)) is not { } pod)
                {
                    _api.Create(TestPod.Named(name));
                }
                else if (pod.NodeName.Length == 0)
                {
                    _api.Update(pod with { NodeName = "n1" });
                }
                else
                {
                    _api.Delete(pod.Key);
                }
            });
        }

        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(all.Count(e => e.Type == WatchEventType.Modified), Is.GreaterThan(20));
            Assert.That(filtered, Is.EqualTo(all.Where(e => e.Type != WatchEventType.Modified)));
            Assert.That(watch.Delivered, Is.EqualTo(filtered.Count));
        });
    }

    [Test]
    public void An_indexed_watch_sees_only_its_value_with_enter_and_leave_as_added_and_deleted()
    {
        // A kubelet's view: pods bound to its node. Binding enters the selection, rebinding leaves it.
        var node1 = new List<string>();
        var node2 = new List<string>();
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, IndexName = "spec.nodeName", IndexValue = "n1" }, e => node1.Add($"{e.Type} {e.Item.Metadata.Name}"));
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, IndexName = "spec.nodeName", IndexValue = "n2" }, e => node2.Add($"{e.Type} {e.Item.Metadata.Name}"));

        var pending = _api.Create(TestPod.Named("a")).Value!;
        var bound = _api.Update(pending with { NodeName = "n1" }).Value!;
        var touched = _api.Update(bound with { Metadata = bound.Metadata with { Labels = bound.Metadata.Labels.Add("x", "y") } }).Value!;
        var moved = _api.Update(touched with { NodeName = "n2" }).Value!;
        _api.Delete(moved.Key);
        _api.Create(TestPod.Named("elsewhere", "n3"));
        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(node1, Is.EqualTo(new[] { "Added a", "Modified a", "Deleted a" }));
            Assert.That(node2, Is.EqualTo(new[] { "Added a", "Deleted a" }));
        });
    }

    [Test]
    public void An_indexed_watch_started_after_writes_with_its_value_sees_the_writes_after_it()
    {
        // The index remembers the value it looked up last (by reference), also when no watch followed it:
        // a watch started on that very value afterwards must still see the next writes.
        var node = "n1";
        var seen = new List<string>();
        var early = _api.Create(TestPod.Named("early", node)).Value!;
        _api.Update(early with { Metadata = early.Metadata with { Labels = early.Metadata.Labels.Add("x", "y") } });
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, IndexName = "spec.nodeName", IndexValue = node }, e => seen.Add($"{e.Type} {e.Item.Metadata.Name}"));
        _api.Create(TestPod.Named("late", node));
        _api.Create(TestPod.Named("other", "n2"));
        _api.Create(TestPod.Named("again", node));
        _simulation.Run();

        Assert.That(seen, Is.EqualTo(new[] { "Added late", "Added again" }));
    }

    [Test]
    public void A_stopped_watch_delivers_nothing_more()
    {
        var count = 0;
        var watch = _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, _ => count++);

        _api.Create(TestPod.Named("a"));
        watch.Stop();
        _api.Create(TestPod.Named("b"));
        _simulation.Run();

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.Zero, "the queued event is dropped too");
            Assert.That(watch.Delivered, Is.Zero);
        });
    }

    [Test]
    public void Watching_an_unknown_index_is_a_programming_error()
    {
        Assert.That(
            () => _api.Watch(new WatchOptions { Kind = TestPod.KindName, IndexName = "status.phase", IndexValue = "Running" }, _ => { }),
            Throws.InvalidOperationException.With.Message.Contains("No index 'status.phase' over Pod"));
    }

    [Test]
    public void Creation_time_and_uids_are_deterministic()
    {
        _simulation.RunUntil(SimTime.FromSeconds(7));

        var pod = _api.Create(TestPod.Named("a")).Value!;

        Assert.Multiple(() =>
        {
            Assert.That(pod.Metadata.CreatedAt, Is.EqualTo(SimTime.FromSeconds(7)));
            Assert.That(pod.Metadata.Uid, Is.EqualTo(1));
        });
    }
    [Test]
    public void Observers_see_every_committed_write_at_once_with_its_component_and_change()
    {
        var seen = new List<string>();
        _api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromSeconds(1) }, _ => { });
        _api.Observe(w => seen.Add(
            $"{w.Type} {w.Item.Metadata.Name} [{(w.Before as TestPod)?.NodeName}]->[{(w.After as TestPod)?.NodeName}] by {w.Component}: {w.Change}, {_simulation.PendingCount} queued"));

        var created = _api.Create(TestPod.Named("a"), "kubectl").Value!;
        _api.Update(created with { NodeName = "n1" }, "default-scheduler", "bound to n1");
        _api.Update(created with { NodeName = "n2" }, "default-scheduler", "bound to n2");
        _api.Delete(created.Key, component: "kubelet/n1", change: "removed");

        Assert.That(seen, Is.EqualTo(new[]
        {
            "Added a []->[] by kubectl: created, 0 queued",
            "Modified a []->[n1] by default-scheduler: bound to n1, 1 queued",
            "Deleted a [n1]->[] by kubelet/n1: removed, 2 queued",
        }), "the stale update (a conflict) is not observed; each write is observed before the watch queues it");
    }

    [Test]
    public void A_rewrite_stores_and_reports_what_modify_would()
    {
        var twins = new[] { new Simulation(), new Simulation() }.Select(sim => (Sim: sim, Api: new ApiServer(sim, new Events.EventLog()))).ToArray();
        var seen = new[] { new List<string>(), new List<string>() };
        for (var i = 0; i < 2; i++)
        {
            var (sim, api) = twins[i];
            var log = seen[i];
            api.Observe(write => log.Add($"observed {write.Before?.Metadata.ResourceVersion} -> {write.After?.Metadata.ResourceVersion} {write.Component} {write.Change}"));
            api.Watch(new WatchOptions { Kind = TestPod.KindName, Latency = () => TimeSpan.FromMilliseconds(5) }, e => log.Add($"{sim.Now.Ticks} {e.Type} {e.Item.Metadata.ResourceVersion} {((TestPod)e.Item).NodeName}"));
            api.Create(TestPod.Named("a"));
            api.Create(TestPod.Named("b"));
            sim.RunUntil(SimTime.FromSeconds(1));
        }

        var key = new ObjectKey(TestPod.KindName, "default", "a");
        var modified = twins[0].Api.ClientFor("kubelet").Modify(key, static (TestPod pod, string node) => pod with { NodeName = node }, "n1", "moved");
        var rewritten = twins[1].Api.ClientFor("kubelet").Rewrite(key, static (TestPod pod, ObjectMeta metadata, string node) => pod with { Metadata = metadata, NodeName = node }, "n1", "moved");
        foreach (var (sim, _) in twins)
        {
            sim.RunUntil(SimTime.FromSeconds(2));
        }

        Assert.Multiple(() =>
        {
            Assert.That(
                (rewritten!.Metadata.ResourceVersion, rewritten.Metadata.Uid, rewritten.Metadata.CreatedAt, rewritten.NodeName),
                Is.EqualTo((modified!.Metadata.ResourceVersion, modified.Metadata.Uid, modified.Metadata.CreatedAt, modified.NodeName)));
            Assert.That(twins[1].Api.Get<TestPod>(key), Is.SameAs(rewritten));
            Assert.That(twins[1].Api.ResourceVersion, Is.EqualTo(twins[0].Api.ResourceVersion));
            Assert.That(seen[1], Is.EqualTo(seen[0]));
            Assert.That(twins[1].Api.Log.Events, Is.EqualTo(twins[0].Api.Log.Events));
            Assert.That(twins[1].Api.ClientFor("kubelet").Rewrite(new ObjectKey(TestPod.KindName, "default", "gone"), static (TestPod pod, ObjectMeta metadata, int _) => pod with { Metadata = metadata }, 0, "x"), Is.Null);
        });
    }

    [Test]
    public void An_invalid_rewrite_writes_nothing_and_one_that_drops_the_metadata_it_was_handed_throws()
    {
        _api.SetValidation(TestPod.KindName, obj => ((TestPod)obj).NodeName == "bad" ? ["spec.nodeName: bad"] : []);
        var created = _api.Create(TestPod.Named("a")).Value!;
        var version = _api.ResourceVersion;

        var invalid = _api.ClientFor("x").Rewrite(created.Key, static (TestPod pod, ObjectMeta metadata, int _) => pod with { Metadata = metadata, NodeName = "bad" }, 0, "bad");

        Assert.Multiple(() =>
        {
            Assert.That(invalid, Is.Null);
            Assert.That(_api.ResourceVersion, Is.EqualTo(version));
            Assert.That(_api.Get<TestPod>(created.Key), Is.SameAs(created));
            Assert.Throws<InvalidOperationException>(() => _api.ClientFor("x").Rewrite(created.Key, static (TestPod pod, ObjectMeta _, int _) => pod with { NodeName = "n1" }, 0, "dropped"));
            Assert.That(_api.ResourceVersion, Is.EqualTo(version));
        });
    }

    [Test]
    public void A_rewrite_that_returns_the_object_it_read_writes_a_new_version_as_modify_would()
    {
        var created = _api.Create(TestPod.Named("a", "n1")).Value!;
        var modified = _api.ClientFor("x").Modify(created.Key, static (TestPod pod, int _) => pod, 0, "again")!;
        var rewritten = _api.ClientFor("x").Rewrite(created.Key, static (TestPod pod, ObjectMeta _, int _) => pod, 0, "again")!;

        Assert.Multiple(() =>
        {
            Assert.That(modified.Metadata.ResourceVersion, Is.EqualTo(created.Metadata.ResourceVersion + 1));
            Assert.That(rewritten.Metadata.ResourceVersion, Is.EqualTo(modified.Metadata.ResourceVersion + 1));
            Assert.That((rewritten.Metadata.Uid, rewritten.Metadata.CreatedAt, rewritten.NodeName), Is.EqualTo((modified.Metadata.Uid, modified.Metadata.CreatedAt, modified.NodeName)));
            Assert.That(_api.Get<TestPod>(created.Key), Is.SameAs(rewritten));
        });
    }
}
