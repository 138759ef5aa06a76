using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Models.Tokenizers.ChatTemplates;
using EvoMerge.Search.Yaml;
using TorchSharp;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Tasks.Language;

/// <summary>
/// A language-model task (<c>evaluator: language</c>): the merged tensors become a Llama-family model in memory
/// (config.json of the base model, else the first expert), scored on a JSONL task file with the tokenizer of
/// that folder (or the task's <c>tokenizer</c>). Fields: <c>kind</c>, <c>template</c>, <c>few_shot</c>,
/// <c>few_shot_data</c>, <c>extraction</c>, <c>normalization</c>, <c>max_new_tokens</c>, <c>stop</c>, <c>limit</c>,
/// <c>batch_size</c>, <c>tokenizer</c>, <c>dtype</c>, <c>chat</c> (prompts as a user turn of the tokenizer folder's
/// chat template, checked when the config is read), <c>system</c> (the system turn before it). Metrics per kind: accuracy (multiple choice), exact_match
/// (generation), neg_nll or neg_perplexity (perplexity).
/// </summary>
public sealed class LanguageModelTaskKind : TaskKind
{
    static readonly Dictionary<string, string[]> MetricsByKind = new()
    {
        ["multiple_choice"] = ["accuracy"],
        ["generation"] = ["exact_match"],
        ["perplexity"] = ["neg_nll", "neg_perplexity"],
    };

    public override string Name => "language";

    public override TaskKindCapabilities Capabilities { get; } = new(ChecksTensorSpecs: true, ScoresModelView: true, PerExampleScores: true, ScoresSubsets: true);

    public override IReadOnlyList<string> Fields { get; } =
        ["kind", "template", "few_shot", "few_shot_data", "extraction", "normalization", "max_new_tokens", "stop", "limit", "batch_size", "tokenizer", "dtype", "chat", "system"];

    internal override object? Read(TaskReading reading)
    {
        var (f, map, field) = (reading.Fields, reading.Map, reading.Field);
        string? kind = f.String(map, "kind", field, required: true);
        if (kind is not null && !MetricsByKind.ContainsKey(kind))
        {
            f.Problems.Add($"{field}.kind: unknown kind '{kind}'; valid: {string.Join(", ", MetricsByKind.Keys)}.");
            kind = null;
        }
        foreach (var metric in reading.RecordedMetrics.Where(m => kind is not null && !MetricsByKind[kind].Contains(m)))
            f.Problems.Add($"{field}.metric: a {kind} task gives {string.Join(" or ", MetricsByKind[kind!])}, not '{metric}'.");
        string extraction = Choice(f, map, "extraction", field, "last_number", [.. LanguageChoices.Extractions.Keys]);
        string normalization = Choice(f, map, "normalization", field, "none", [.. LanguageChoices.Normalizations.Keys]);
        string dtype = YamlFields.Get(map, "dtype") is null ? reading.DefaultLanguageDType() : Choice(f, map, "dtype", field, "float32", ["float32", "bfloat16"]);
        string template = f.String(map, "template", field) ?? "{prompt}";
        if (!template.Contains("{prompt}") && !template.Contains("{question}"))
            f.Problems.Add($"{field}.template: must contain {{prompt}} or {{question}}, where each example's prompt goes.");
        var spec = new LanguageTaskSpec
        {
            Kind = kind ?? "generation",
            Template = template,
            FewShot = (int)(f.Integer(map, "few_shot", field, 0) ?? 0),
            FewShotData = reading.ExistingFile(f.String(map, "few_shot_data", field), $"{field}.few_shot_data"),
            Extraction = extraction,
            Normalization = normalization,
            MaxNewTokens = (int)(f.Integer(map, "max_new_tokens", field, 1) ?? 64),
            StopStrings = f.Strings(map, "stop", field),
            Limit = (int?)f.Integer(map, "limit", field, 1),
            BatchSize = (int)(f.Integer(map, "batch_size", field, 1) ?? 8),
            Tokenizer = reading.ExistingModel(f.String(map, "tokenizer", field), $"{field}.tokenizer"),
            DType = dtype,
            Chat = f.Bool(map, "chat", field) ?? false,
            System = f.String(map, "system", field),
        };
        CheckChat(spec, reading);
        return kind is null ? null : spec;
    }

    /// <summary>
    /// A chat task needs a chat template that parses, found now rather than after the experts are loaded; a system
    /// turn needs <c>chat: true</c>, and perplexity texts are scored as they are.
    /// </summary>
    static void CheckChat(LanguageTaskSpec spec, TaskReading reading)
    {
        var (f, field) = (reading.Fields, reading.Field);
        if (spec.System is not null && !spec.Chat)
            f.Problems.Add($"{field}.system: a system prompt goes into the chat template; add chat: true.");
        if (!spec.Chat)
            return;
        if (spec.Kind == "perplexity")
        {
            f.Problems.Add($"{field}.chat: perplexity tasks score texts as they are, without a chat template; remove chat.");
            return;
        }
        if ((spec.Tokenizer ?? reading.DefaultModelFolder()) is not { } folder || !Directory.Exists(folder))
            return;
        try
        {
            if (ModelChatTemplate.Load(folder) is null)
                f.Problems.Add($"{field}.chat: the model folder {folder} has no chat template (looked for {ModelChatTemplate.JinjaFileName}, " +
                               $"{ModelChatTemplate.JsonFileName} and chat_template in tokenizer_config.json); remove chat: true or set tokenizer: to a folder that has one.");
        }
        catch (ChatTemplateException e)
        {
            f.Problems.Add($"{field}.chat: {e.Message}");
        }
    }

    static string Choice(YamlFields f, YamlMappingNode map, string key, string field, string fallback, string[] valid)
    {
        string? value = f.String(map, key, field);
        if (value is null) return fallback;
        if (valid.Contains(value)) return value;
        f.Problems.Add($"{field}.{key}: '{value}' is not one of {string.Join(", ", valid)}.");
        return fallback;
    }

    public override IReadOnlyList<TaskField> Write(object settings)
    {
        var lm = (LanguageTaskSpec)settings;
        var fields = new List<TaskField>
        {
            new("kind", lm.Kind, true),
            new("template", Quote(lm.Template), true),
            new("few_shot", YamlText.Number(lm.FewShot), true),
        };
        if (lm.FewShotData is not null) fields.Add(new("few_shot_data", Quote(lm.FewShotData), true));
        fields.Add(new("extraction", lm.Extraction, true));
        fields.Add(new("normalization", lm.Normalization, true));
        fields.Add(new("max_new_tokens", YamlText.Number(lm.MaxNewTokens), true));
        if (lm.StopStrings.Count > 0) fields.Add(new("stop", YamlText.QuotedList(lm.StopStrings), true));
        if (lm.Limit is int limit) fields.Add(new("limit", YamlText.Number(limit), true));
        fields.Add(new("batch_size", YamlText.Number(lm.BatchSize), true));
        if (lm.Tokenizer is not null) fields.Add(new("tokenizer", Quote(lm.Tokenizer), true));
        fields.Add(new("dtype", lm.DType, true));
        if (lm.Chat) fields.Add(new("chat", "true", true));
        if (lm.System is not null) fields.Add(new("system", Quote(lm.System), true));
        return fields;
    }

    public override IEnumerable<string?> InputFiles(object settings) => [((LanguageTaskSpec)settings).FewShotData];

    public override TaskEvaluator Open(TaskOpening opening)
    {
        var task = opening.Task;
        var spec = task.SettingsAs<LanguageTaskSpec>();
        string model = opening.BaseModelPath ?? opening.FirstExpertPath;
        string folder = Directory.Exists(model) ? model : Path.GetDirectoryName(model)!;
        ITextTokenizer tokenizer;
        LlamaConfig llama;
        ModelChatTemplate? chat = null;
        try
        {
            tokenizer = TokenizerLoader.Load(spec.Tokenizer ?? folder);
            llama = LlamaConfigReader.ReadFolder(folder);
            if (spec.Chat)
                chat = ModelChatTemplate.Load(spec.Tokenizer ?? folder)
                    ?? throw new ArgumentException($"tasks.{task.Name}.chat: the model folder {spec.Tokenizer ?? folder} has no chat template; remove chat: true.");
        }
        catch (UnsupportedTokenizerException e)
        {
            throw new ArgumentException(e.Message, e);
        }
        catch (ChatTemplateException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        var evaluator = new LanguageTaskEvaluator(new LanguageEvaluatorOptions
        {
            Task = new LanguageTaskOptions
            {
                Name = task.Name,
                Kind = LanguageChoices.Of(LanguageChoices.Kinds, spec.Kind, $"tasks.{task.Name}.kind"),
                Tokenizer = tokenizer,
                TaskPath = opening.DataPath!,
                FewShotPath = spec.FewShotData,
                FewShotCount = spec.FewShot,
                Prompt = new PromptTemplate { Template = spec.Template },
                Limit = spec.Limit,
                Rows = opening.Subset,
                BatchSize = spec.BatchSize,
                Normalization = LanguageChoices.Of(LanguageChoices.Normalizations, spec.Normalization, $"tasks.{task.Name}.normalization"),
                Extraction = LanguageChoices.Of(LanguageChoices.Extractions, spec.Extraction, $"tasks.{task.Name}.extraction"),
                MaxNewTokens = spec.MaxNewTokens,
                StopStrings = spec.StopStrings,
                ChatTemplate = chat,
                SystemPrompt = spec.System,
            },
            ModelConfig = llama,
            DType = spec.DType == "bfloat16" ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32,
            Device = opening.Device == "cpu" ? torch.CPU : new torch.Device(opening.Device),
        });
        return new TaskEvaluator(task, evaluator, task.RecordedMetrics, evaluator.Scorer.Examples.Count, evaluator.FindProblems, evaluator.Score);
    }
}
