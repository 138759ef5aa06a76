namespace EvoMerge.Farm.Worker;

/// <summary>A job whose candidate is built and waits to be scored; disposing frees the candidate, scored or not.</summary>
public interface ISlotJob : IDisposable
{
    string Score(CancellationToken cancellationToken);
}
