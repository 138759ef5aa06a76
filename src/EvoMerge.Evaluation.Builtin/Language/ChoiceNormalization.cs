namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>How a choice's summed log-likelihood is normalized before the choices are compared.</summary>
public enum ChoiceNormalization
{
    /// <summary>The plain sum of the continuation's token log-probabilities.</summary>
    None,

    /// <summary>The sum divided by the continuation's token count.</summary>
    PerToken,

    /// <summary>The sum divided by the continuation's length in characters (as lm-eval's acc_norm does with bytes).</summary>
    PerCharacter,
}
