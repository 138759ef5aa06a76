using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Metrics;

namespace EvoMerge.Evaluation.Tests.Metrics;

public sealed class MetricTests
{
    private static TaskData Labels(params double[] labels) => new("labels", ["x"], new float[labels.Length], labels);

    [Theory]
    [InlineData(new float[] { 0.1f, 2f, -1f }, 1, 1.0)]
    [InlineData(new float[] { 0.1f, 2f, -1f }, 0, 0.0)]
    [InlineData(new float[] { 3f, 3f, 1f }, 0, 1.0)]
    [InlineData(new float[] { 3f, 3f, 1f }, 1, 0.0)]
    public void Accuracy_is_one_when_the_first_largest_logit_is_the_label(float[] logits, double label, double expected)
    {
        Assert.Equal(expected, MetricRegistry.Get("accuracy").Score(logits, label));
    }

    [Fact]
    public void Neg_log_loss_is_the_log_softmax_of_the_label()
    {
        float[] logits = [1f, 2f, 0.5f];
        var expected = Math.Log(Math.Exp(2) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(0.5)));

        Assert.Equal(expected, MetricRegistry.Get("neg_log_loss").Score(logits, 1), 12);
    }

    [Fact]
    public void Neg_log_loss_stays_finite_for_huge_logits()
    {
        var score = MetricRegistry.Get("neg_log_loss").Score([1000f, 0f], 1);

        Assert.Equal(-1000.0, score, 9);
    }

    [Fact]
    public void Neg_mse_is_minus_the_squared_error()
    {
        Assert.Equal(-2.25, MetricRegistry.Get("neg_mse").Score([1.5f], 3.0));
    }

    [Fact]
    public void Unknown_names_list_the_known_metrics()
    {
        var error = Assert.Throws<ArgumentException>(() => MetricRegistry.Get("f1"));

        Assert.Contains("unknown metric 'f1'; known metrics: accuracy, neg_log_loss, neg_mse", error.Message);
        Assert.Equal(["accuracy", "neg_log_loss", "neg_mse"], MetricRegistry.Names);
    }

    [Theory]
    [InlineData("accuracy", 1, "at least 2 outputs")]
    [InlineData("neg_log_loss", 3, "label 3")]
    [InlineData("accuracy", 4, "label 0.5")]
    [InlineData("neg_mse", 2, "one regression output")]
    public void Outputs_and_labels_must_suit_the_metric(string metric, int outputWidth, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => MetricRegistry.Get(metric).CheckCompatible(outputWidth, Labels(0, 2, outputWidth == 4 ? 0.5 : 3)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Class_labels_in_range_pass()
    {
        MetricRegistry.Get("accuracy").CheckCompatible(3, Labels(0, 1, 2));
        MetricRegistry.Get("neg_mse").CheckCompatible(1, Labels(0.25, -7));
    }
}
