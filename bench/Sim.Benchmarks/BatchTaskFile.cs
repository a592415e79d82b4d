using System.Globalization;
using System.Text;

namespace Sim.Benchmarks;

/// <summary>
/// Writes a CSV shaped like Alibaba 2017's re-hosted batch_task.csv: its header line (with the leading
/// spaces), CRLF line endings, the same eight columns and value shapes (create times over a day,
/// durations of seconds to hours, heavy-tailed instance counts, mostly Terminated, Waiting tasks with
/// empty requests, 50 or 100 CPU, memory fractions with nine decimals). Seeded, so every run reads the
/// same bytes.
/// </summary>
internal static class BatchTaskFile
{
    public const string Header = "task_create_time, task_end_time, job_id, task_id,number_of_instances, status, number_of_cpus_requested_per_instance_in_the_task,normalized_memory_requested_per_instance_in_the_task";

    public static void Write(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header);
        writer.Write("\r\n");
        var job = 1L;
        for (var task = 1L; task <= rows; task++)
        {
            if (random.Next(6) == 0)
            {
                job++;
            }

            var create = random.Next(-1_000, 86_400);
            var end = create + (long)Math.Exp(random.NextDouble() * 10);
            var instances = (long)Math.Exp(random.NextDouble() * random.NextDouble() * 11) + 1;
            var roll = random.Next(100);
            var status = roll < 83 ? "Terminated" : roll < 94 ? "Waiting" : roll < 98 ? "Running" : "Failed";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{create},{end},{job},{task},{instances},{status},"));
            if (status != "Waiting")
            {
                var cpu = random.Next(4) == 0 ? 100 : 50;
                var memory = Math.Round(random.NextDouble() * 0.02, 9);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{cpu},{memory:0.#########}"));
            }
            else
            {
                writer.Write(',');
            }

            writer.Write("\r\n");
        }
    }
}
