using System.Diagnostics;
using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;

namespace EvoMerge.Experiments.Memory;

/// <summary>
/// Peak memory of a parameter-space search on Llama-shaped bf16 experts, per trial: writes a random base and two
/// experts, runs a short search scored by the `language` evaluator, and records the peak anonymous resident memory
/// (RssAnon, sampled every 5 ms) in each trial against the size of one model. The experts are memory-mapped, so they
/// count in RSS as page cache but not in anonymous memory; the candidate and the model built from it do.
/// </summary>
public static class SearchMemoryBenchmark
{
    public const string Header = "trial,parameters,model_bytes,vocab,largest_tensor_bytes,peak_rss_anon_bytes,peak_anon_over_model,vm_hwm_bytes,trial_seconds,status";

    /// <summary>Runs the benchmark and returns how the search ended (its trials may all have failed: the caller reports that).</summary>
    public static SearchOutcome Run(SearchMemoryOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        string work = Path.GetFullPath(options.WorkFolder);
        if (Directory.Exists(work)) throw new IOException($"{work} already exists; give --work a new folder.");
        try
        {
            var shape = options.Shape;
            long parameters = RandomLlamaCheckpoint.Parameters(shape, options.KeyValueHeads, options.Heads);
            long modelBytes = parameters * 2;
            long largest = 2L * shape.Vocab * shape.Hidden;
            log.WriteLine($"Writing a base and 2 experts of {parameters / 1e9:F2}B parameters ({modelBytes / 1e9:F2} GB bf16 each) to {work} ...");
            string[] texts = ["one two three four five six seven eight", "the cat sat on the mat and the dog sat on the log"];
            var tokenizer = WordLevelTokenizer.Build(texts);
            foreach (var (name, seed) in new[] { ("base", (ulong?)null), ("a", 2UL), ("b", 3UL) })
            {
                string folder = Path.Combine(work, name);
                RandomLlamaCheckpoint.Write(folder, shape, options.Heads, options.KeyValueHeads, seed);
                tokenizer.Save(folder);
            }
            File.WriteAllLines(Path.Combine(work, "text.jsonl"), texts.Select(t => $"{{\"text\": \"{t}\"}}"));
            string yaml = $$"""
                seed: 1
                models: {base: base, experts: [a, b]}
                merge: {method: task_arithmetic}
                optimizer: {name: cmaes, population: 4}
                budget: {evaluations: {{options.Trials}}}
                tasks:
                  - {name: text, evaluator: language, kind: perplexity, data: text.jsonl, metric: neg_nll, objective: own}
                """;
            var config = SearchConfigParser.Parse(yaml, work, "memory.yml", "memory");

            var rows = new List<string>();
            GC.Collect();
            using var sampler = new ProcessMemorySampler(TimeSpan.FromMilliseconds(5));
            void Row(long trial, double seconds, string status)
            {
                long peak = sampler.TakePeakAnon();
                var hwm = ProcessMemorySampler.Read().VmHwm;
                rows.Add(string.Join(',', trial.ToString(CultureInfo.InvariantCulture), parameters.ToString(CultureInfo.InvariantCulture),
                    modelBytes.ToString(CultureInfo.InvariantCulture), shape.Vocab.ToString(CultureInfo.InvariantCulture), largest.ToString(CultureInfo.InvariantCulture),
                    peak.ToString(CultureInfo.InvariantCulture), (peak / (double)modelBytes).ToString("F3", CultureInfo.InvariantCulture),
                    hwm.ToString(CultureInfo.InvariantCulture), seconds.ToString("F2", CultureInfo.InvariantCulture), status));
                log.WriteLine($"  trial {trial}: peak anonymous {peak / 1e9:F2} GB = {peak / (double)modelBytes:F2} x model, VmHWM {hwm / 1e9:F2} GB, {seconds:F1} s ({status})");
            }

            Row(0, 0, "before_search");
            var clock = Stopwatch.StartNew();
            long done = 0, failed = 0;
            SearchOutcome result;
            using (var run = SearchRun.Start(config, Path.Combine(work, "run")))
            {
                result = run.Run(new Reporter(p =>
                {
                    if (p.TrialsDone == done) return;
                    string status = p.Failed > failed ? "failed" : "ok";
                    (done, failed) = (p.TrialsDone, p.Failed);
                    Row(p.TrialsDone, clock.Elapsed.TotalSeconds, status);
                    clock.Restart();
                }));
                log.WriteLine($"Search: {result.Completed} trials completed, {result.Failed} failed.");
            }

            var csv = new StringBuilder(Header).Append('\n');
            rows.ForEach(r => csv.Append(r).Append('\n'));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputCsv))!);
            AtomicFile.WriteAllText(options.OutputCsv, csv.ToString(), fsync: true);
            log.WriteLine($"Wrote {options.OutputCsv}");
            return result;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Reports synchronously on the search thread, so each row is taken right after its trial.</summary>
    sealed class Reporter(Action<SearchProgress> report) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value) => report(value);
    }
}
