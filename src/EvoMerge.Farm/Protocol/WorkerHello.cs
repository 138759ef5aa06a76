namespace EvoMerge.Farm.Protocol;

/// <summary>
/// What a worker says about itself when it asks to join: its name, how many slots it offers, which build it
/// runs, and the identity of the run's input files as it sees them (so a model that differs on its machine is
/// caught before it scores anything). <paramref name="InputsJson"/> is null when the worker could not read
/// the run's config; <paramref name="SetupError"/> then says why.
/// </summary>
[GenerateSerializer]
public sealed record WorkerHello(string Name, int Slots, string BuildId, string? InputsJson, string? SetupError)
{
    /// <summary>The text the join proof signs, so no field can be altered on the way.</summary>
    public string SignedText() => string.Join("\n", Name, Slots, BuildId, InputsJson ?? "", SetupError ?? "");
}
