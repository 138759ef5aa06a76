namespace EvoMerge.Merging.Methods;

/// <summary>
/// A method that needs each model's diagonal Fisher information: the executor then reads it from
/// the model's Fisher checkpoint (<see cref="Papers.FisherFiles"/>) into <see cref="MethodInputModel.Fisher"/>.
/// </summary>
public interface IUsesFisherInformation;
