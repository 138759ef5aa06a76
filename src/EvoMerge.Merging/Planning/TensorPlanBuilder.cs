using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Planning;

/// <summary>Lays out the output tensors of normalized slices and resolves their parameters with each slice's method.</summary>
internal sealed class TensorPlanBuilder(
    MergeConfig config, Dictionary<string, ModelCheckpoint> models,
    SafeTensorDType? computeType, SafeTensorDType? outputType, MergePlanner.Problems problems)
{
    public List<string> Warnings { get; } = [];

    public List<PlannedTensor> Build(IReadOnlyList<SliceEntry> slices, IReadOnlyList<IMergeMethod> methods, out int outputLayers)
    {
        var result = new List<PlannedTensor>();
        var first = models[slices[0].Sources[0].Model].Layout;
        var last = models[slices[^1].Sources[0].Model].Layout;
        string? outPrefix = first.LayerPrefix;

        foreach (var name in first.PreTensors)
            Add(result, name, slices[0], methods[0], slices[0].Sources.Select(s => name).ToList(), 0);

        outputLayers = 0;
        for (int k = 0; k < slices.Count; k++)
        {
            var slice = slices[k];
            var layout = models[slice.Sources[0].Model].Layout;
            int count = slice.Sources[0].LayerCount;
            for (int i = 0; i < count; i++)
            {
                double t = count > 1 ? (double)i / (count - 1) : 1;
                foreach (var suffix in layout.LayerSuffixes)
                {
                    var inputs = slice.Sources.Select(s => models[s.Model].Layout.LayerTensorName(s.Start + i, suffix)).ToList();
                    Add(result, $"{outPrefix}.{outputLayers}.{suffix}", slice, methods[k], inputs, t);
                }
                outputLayers++;
            }
        }

        // mergekit evaluates gradients at t = 0 for every tensor outside the layers, the final norm and head included.
        foreach (var name in last.PostTensors)
            Add(result, name, slices[^1], methods[^1], slices[^1].Sources.Select(s => name).ToList(), 0);
        CheckNothingDropped(slices, first, last);
        return result;
    }

    /// <summary>
    /// The output's tensor names come from the first and last sources; a tensor only other models hold would be
    /// dropped without a word, so it is an error (the reverse case fails in <see cref="Add"/>).
    /// </summary>
    void CheckNothingDropped(IReadOnlyList<SliceEntry> slices, TensorLayout first, TensorLayout last)
    {
        var outer = first.PreTensors.Concat(last.PostTensors).ToHashSet(StringComparer.Ordinal);
        string firstModel = slices[0].Sources[0].Model, lastModel = slices[^1].Sources[0].Model;
        foreach (var slice in slices)
        {
            var reference = models[slice.Sources[0].Model];
            var suffixes = reference.Layout.LayerSuffixes.ToHashSet(StringComparer.Ordinal);
            foreach (var source in slice.Sources.Skip(1))
            {
                var layout = models[source.Model].Layout;
                foreach (var suffix in layout.LayerSuffixes.Where(x => !suffixes.Contains(x)))
                    problems.Add($"tensor '{layout.LayerTensorName(source.Start, suffix)}' is in {source.Model} but its layers' '{suffix}' is missing from {reference.Path}; the models of a slice must hold the same tensors.");
            }
        }
        foreach (var model in slices.SelectMany(s => s.Sources).Select(s => s.Model).Distinct())
        {
            var layout = models[model].Layout;
            foreach (var name in layout.PreTensors.Concat(layout.PostTensors).Where(n => !outer.Contains(n)))
            {
                string holder = first.PreTensors.Contains(name) || TensorLayout.IsEmbeddingLike(name) ? firstModel : lastModel;
                problems.Add($"tensor '{name}' is in {model} but missing from {holder}, so the output would lack it; the models must hold the same tensors.");
            }
        }
    }

    void Add(List<PlannedTensor> result, string outputName, SliceEntry slice, IMergeMethod method, IReadOnlyList<string> inputNames, double t)
    {
        var infos = new List<TensorInfo>();
        for (int k = 0; k < slice.Sources.Count; k++)
        {
            var model = models[slice.Sources[k].Model];
            if (!model.Header.Tensors.TryGetValue(inputNames[k], out var info))
            {
                problems.Add($"tensor '{inputNames[k]}' is missing from {model.Path} (needed for output '{outputName}').");
                return;
            }
            infos.Add(info);
        }

        long[] shape = infos[0].Shape;
        long? cropRows = null;
        for (int k = 1; k < infos.Count; k++)
        {
            if (infos[k].Shape.SequenceEqual(shape)) continue;
            bool vocabOnly = TensorLayout.IsEmbeddingLike(outputName) && infos[k].Shape.Length == shape.Length
                && infos[k].Shape.Skip(1).SequenceEqual(shape.Skip(1));
            if (!vocabOnly)
            {
                problems.Add($"tensor '{outputName}': shape [{string.Join(", ", infos[k].Shape)}] in {slice.Sources[k].Model} differs from [{string.Join(", ", infos[0].Shape)}] in {slice.Sources[0].Model}.");
                return;
            }
            cropRows = Math.Min(cropRows ?? shape[0], infos[k].Shape[0]);
        }
        if (cropRows is long rows)
        {
            shape = [rows, .. shape.Skip(1)];
            Warnings.Add($"tensor '{outputName}': vocabulary sizes differ between models; using the first {rows} rows common to all.");
        }

        var inputDType = infos[0].DType;
        if (infos.Any(i => i.DType != inputDType))
            Warnings.Add($"tensor '{outputName}': inputs have different dtypes ({string.Join(", ", infos.Select(i => i.DType).Distinct())}); all are converted to the compute dtype.");

        var floating = infos.Select(i => i.DType).Where(DTypeNames.IsFloating).Distinct().ToList();
        if (floating.Count > 0 && floating.Count < infos.Select(i => i.DType).Distinct().Count())
        {
            int k = infos.FindIndex(i => !DTypeNames.IsFloating(i.DType));
            problems.Add($"tensor '{outputName}': {slice.Sources[k].Model} stores it as {infos[k].DType} while other models store floating-point values; integer (quantized) weights cannot be merged with floating ones: dequantize that model first.");
            return;
        }

        if (floating.Count == 0)
        {
            // Integer buffers (position ids and the like) are not merged: copied from the base, or the first model.
            int pick = Math.Max(0, slice.Sources.ToList().FindIndex(s => s.Model == config.BaseModel));
            var only = new PlannedInput(slice.Sources[pick].Model, inputNames[pick], slice.Sources[pick].Model == config.BaseModel, new Dictionary<string, double>());
            result.Add(new PlannedTensor(outputName, [only], new Dictionary<string, double>(), shape, inputDType, inputDType, cropRows) { CopyOnly = true, Method = method });
            return;
        }

        var globals = new Dictionary<string, double>();
        foreach (var spec in method.GlobalParameters)
        {
            double? v = slice.Parameters.Evaluate(spec.Name, outputName, t) ?? config.Parameters.Evaluate(spec.Name, outputName, t) ?? spec.Default;
            if (v is double value) globals[spec.Name] = value;
            else if (spec.Required) problems.Add($"global:{spec.Name}", $"parameters.{spec.Name}: required by method '{method.Name}' (first missing for tensor '{outputName}').");
        }

        var inputs = new List<PlannedInput>();
        for (int k = 0; k < slice.Sources.Count; k++)
        {
            string model = slice.Sources[k].Model;
            bool isBase = model == config.BaseModel;
            var values = new Dictionary<string, double>();
            foreach (var spec in method.ModelParameters)
            {
                double? v = null;
                foreach (var src in slice.Sources)
                    if (src.Model == model && (v = src.Parameters.Evaluate(spec.Name, inputNames[k], t)) != null) break;
                v ??= slice.Parameters.Evaluate(spec.Name, inputNames[k], t) ?? config.Parameters.Evaluate(spec.Name, inputNames[k], t) ?? spec.Default;
                if (v is double value) values[spec.Name] = value;
                else if (spec.Required && !isBase)
                    problems.Add($"model:{model}:{spec.Name}", $"{model}: parameter '{spec.Name}' is required by method '{method.Name}' (first missing for tensor '{inputNames[k]}').");
            }
            inputs.Add(new PlannedInput(model, inputNames[k], isBase, values));
        }

        var context = new MergeValidationContext(globals,
            inputs.Select(i => (i.Model, i.IsBase, (IReadOnlyDictionary<string, double>)i.Parameters)).ToList(),
            config.BaseModel != null);
        foreach (var message in method.Validate(context)) problems.Add(message, $"{message} (first seen at tensor '{outputName}')");

        // From the config; without one, from all inputs (never from whichever model is listed first).
        var compute = computeType ?? WidestFloating(floating);
        result.Add(new PlannedTensor(outputName, inputs, globals, shape, compute, outputType ?? compute, cropRows) { LayerPosition = t, Method = method });
    }

    /// <summary>A dtype that holds every input's values: the one they share, else float64 if any uses it, else float32.</summary>
    static SafeTensorDType WidestFloating(IReadOnlyList<SafeTensorDType> dtypes) =>
        dtypes.Count == 1 ? dtypes[0] : dtypes.Contains(SafeTensorDType.F64) ? SafeTensorDType.F64 : SafeTensorDType.F32;
}
