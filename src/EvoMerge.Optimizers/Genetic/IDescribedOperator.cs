namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// An operator that can say what it is as plain data, so an optimizer's exported state can name
/// its operators and a restore can rebuild them through the family's factory.
/// </summary>
public interface IDescribedOperator
{
    OperatorSpec Describe();
}
