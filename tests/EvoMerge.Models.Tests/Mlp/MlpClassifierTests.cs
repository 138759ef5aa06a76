using EvoMerge.Models.Mlp;

namespace EvoMerge.Models.Tests.Mlp;

public class MlpClassifierTests
{
    // 2 inputs -> 2 hidden (ReLU) -> 2 classes. Flat layout: W1 input-major [2x2], b1, W2 [2x2], b2.
    static readonly MlpArchitecture Tiny = new(2, [2], 2);
    static readonly double[] Parameters =
    [
        1, -1,      // W1 row for input 0: weights to hidden 0 and hidden 1
        2, 0.5,     // W1 row for input 1
        0, -1,      // b1
        1, -2,      // W2 row for hidden 0: weights to class 0 and class 1
        0, 3,       // W2 row for hidden 1
        0.5, 0,     // b2
    ];

    [Fact]
    public void Forward_pass_matches_a_hand_computation()
    {
        // x = (1, 2): hidden = relu(1*1 + 2*2 + 0, 1*-1 + 2*0.5 - 1) = relu(5, -1) = (5, 0)
        //   logits = (5*1 + 0*0 + 0.5, 5*-2 + 0*3 + 0) = (5.5, -10)
        // x = (0, -1): hidden = relu(-2, -0.5 - 1) = (0, 0); logits = b2 = (0.5, 0)
        // x = (-1, 1): hidden = relu(-1 + 2, 1 + 0.5 - 1) = (1, 0.5); logits = (1 + 0.5, -2 + 1.5) = (1.5, -0.5)
        using var data = new ClassificationData([1, 2, 0, -1, -1, 1], [0, 1, 0], featureCount: 2);
        using var model = new MlpClassifier(Tiny);
        model.Load(Parameters);
        using var logits = model.Logits(data);
        Assert.Equal(new float[] { 5.5f, -10f, 0.5f, 0f, 1.5f, -0.5f }, logits.data<float>().ToArray());
    }

    [Fact]
    public void Score_reports_per_example_correctness_and_accuracy()
    {
        // Predictions from the hand computation above: classes 0, 0, 0.
        using var data = new ClassificationData([1, 2, 0, -1, -1, 1], [0, 1, 0], featureCount: 2);
        using var model = new MlpClassifier(Tiny);
        var correct = new double[3];
        double accuracy = model.Score(Parameters, data, correct);
        Assert.Equal(new double[] { 1, 0, 1 }, correct);
        Assert.Equal(2.0 / 3, accuracy, 12);
    }

    [Fact]
    public void Reloading_parameters_replaces_the_previous_ones()
    {
        using var data = new ClassificationData([1, 2], [1], featureCount: 2);
        using var model = new MlpClassifier(Tiny);
        Assert.Equal(0.0, model.Accuracy(Parameters, data));
        var flipped = (double[])Parameters.Clone();
        flipped[^2] = -100; // b2 for class 0
        Assert.Equal(1.0, model.Accuracy(flipped, data));
        Assert.Equal(0.0, model.Accuracy(Parameters, data));
    }

    [Fact]
    public void Mismatched_inputs_are_rejected()
    {
        using var model = new MlpClassifier(Tiny);
        using var data = new ClassificationData([1, 2, 3], [0], featureCount: 3);
        Assert.Throws<ArgumentException>(() => model.Load(new double[3]));
        Assert.Throws<ArgumentException>(() => model.Accuracy(Parameters, data));
        Assert.Throws<ArgumentException>(() => new ClassificationData([1, 2, 3], [0, 1], featureCount: 2));
    }

    [Fact]
    public void Where_keeps_matching_rows_in_order()
    {
        using var data = new ClassificationData([1, 2, 3, 4, 5, 6], [0, 7, 2], featureCount: 2);
        using var subset = data.Where(label => label != 7);
        Assert.Equal([0, 2], subset.LabelSpan.ToArray());
        Assert.Equal(new float[] { 1, 2, 5, 6 }, subset.Features.data<float>().ToArray());
    }

    [Fact]
    public void Models_and_data_outlive_the_dispose_scope_they_were_made_in()
    {
        MlpClassifier model;
        ClassificationData data;
        using (TorchSharp.torch.NewDisposeScope())
        {
            model = new MlpClassifier(Tiny);
            data = new ClassificationData([1, 2], [0], featureCount: 2);
        }
        using (model)
        using (data)
            Assert.Equal(1.0, model.Accuracy(Parameters, data));
    }
}
