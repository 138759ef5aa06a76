using System.Text.RegularExpressions;

namespace EvoMerge.Models.HuggingFace;

/// <summary>
/// Finds a model named <c>org/name</c> in the local Hugging Face hub cache, offline:
/// <c>HUB/models--org--name/snapshots/REVISION/</c> with REVISION read from <c>refs/main</c>. HUB is
/// $HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub,
/// the same lookup as huggingface_hub, so models fetched with <c>huggingface-cli download</c> are found.
/// </summary>
public sealed partial class HubCache(Func<string, string?> environment)
{
    /// <summary>The cache of this process's environment variables.</summary>
    public static HubCache FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>The hub folder this cache reads.</summary>
    public string HubFolder
    {
        get
        {
            if (NonEmpty("HF_HUB_CACHE") is { } hub)
                return hub;
            if (NonEmpty("HF_HOME") is { } home)
                return Path.Combine(home, "hub");
            string cache = NonEmpty("XDG_CACHE_HOME") ?? Path.Combine(NonEmpty("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "huggingface", "hub");
        }
    }

    /// <summary>Whether the text has the shape of a hub model id (one slash, no path syntax), e.g. "Qwen/Qwen2.5-0.5B".</summary>
    public static bool IsModelId(string text) => ModelIdPattern().IsMatch(text);

    /// <summary>
    /// The snapshot folder of the model id; throws <see cref="FileNotFoundException"/> naming the folder that
    /// was looked for and how to fill it when the model is not in the cache.
    /// </summary>
    public string Resolve(string modelId)
    {
        if (!IsModelId(modelId))
            throw new ArgumentException($"'{modelId}' is not a Hugging Face model id of the form org/name.");
        string repo = Path.Combine(HubFolder, "models--" + modelId.Replace("/", "--", StringComparison.Ordinal));
        string download = $"download it first (huggingface-cli download {modelId}); EvoMerge reads the cache offline";
        if (!Directory.Exists(repo))
            throw new FileNotFoundException($"{modelId}: not a local path and not in the Hugging Face cache ({repo} does not exist); {download}.");
        string refFile = Path.Combine(repo, "refs", "main");
        if (!File.Exists(refFile))
            throw new FileNotFoundException($"{modelId}: {refFile} is missing, so the cached revision is unknown; {download}.");
        string revision = File.ReadAllText(refFile).Trim();
        string snapshot = Path.Combine(repo, "snapshots", revision);
        if (revision.Length == 0 || revision.Contains('/') || revision.Contains("..", StringComparison.Ordinal) || !Directory.Exists(snapshot))
            throw new FileNotFoundException($"{modelId}: {refFile} names revision '{revision}' but {snapshot} does not exist; {download}.");
        return snapshot;
    }

    string? NonEmpty(string name) => environment(name) is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ModelIdPattern();
}
