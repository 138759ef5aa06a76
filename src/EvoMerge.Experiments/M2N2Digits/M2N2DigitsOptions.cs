namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Settings of <see cref="M2N2DigitsExperiment"/>; defaults reproduce the paper's figure.</summary>
public sealed record M2N2DigitsOptions
{
    public const long DefaultScratchPasses = 50_000;
    public const long DefaultPretrainedPasses = 10_000;

    /// <summary>Runs per method; run r uses seed <see cref="FirstSeed"/> + r.</summary>
    public int Runs { get; init; } = 10;

    /// <summary>Forward passes per run; null: 50,000 from scratch, 10,000 from pre-trained.</summary>
    public long? Passes { get; init; }

    public IReadOnlyList<DigitsPanel> Panels { get; init; } = [DigitsPanel.Scratch, DigitsPanel.Pretrained];

    /// <summary>Only these methods (names as in curves.csv); null: every method of each panel.</summary>
    public IReadOnlyList<string>? Methods { get; init; }

    public string OutputFolder { get; init; } = "experiments/m2n2-digits/results";

    public ulong FirstSeed { get; init; } = 42;

    /// <summary>Starting models of the pre-trained experts: one pair per run seed, or the reference's one pair.</summary>
    public ExpertInit Experts { get; init; } = ExpertInit.PerRunSeed;

    /// <summary>A curve point every this many forward passes (plus pass 0 and the final budget).</summary>
    public long RecordEvery { get; init; } = 500;

    /// <summary>The digits file; null: <see cref="DigitsDataset.Locate"/>.</summary>
    public string? DataPath { get; init; }

    /// <summary>Torch intra-op threads; null: one per processor.</summary>
    public int? TorchThreads { get; init; }

    public long PassesFor(DigitsPanel panel) =>
        Passes ?? (panel == DigitsPanel.Scratch ? DefaultScratchPasses : DefaultPretrainedPasses);

    public void Validate()
    {
        if (Runs < 1) throw new ArgumentException($"Runs must be at least 1 (got {Runs}).");
        if (Passes is < 1) throw new ArgumentException($"Passes must be at least 1 (got {Passes}).");
        if (RecordEvery < 1) throw new ArgumentException($"RecordEvery must be at least 1 (got {RecordEvery}).");
        if (Panels.Count == 0) throw new ArgumentException("Choose at least one panel.");
        if (string.IsNullOrWhiteSpace(OutputFolder)) throw new ArgumentException("An output folder is needed.");
        if (TorchThreads is < 1) throw new ArgumentException($"TorchThreads must be at least 1 (got {TorchThreads}).");
    }
}
