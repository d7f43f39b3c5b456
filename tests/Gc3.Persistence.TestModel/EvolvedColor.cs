namespace Gc3.Persistence.TestModel;

/// <summary>Version 1 had <c>Red, Green, Purple</c>: <c>Purple</c> is gone, and names the enum lost load as <c>Unknown</c>.</summary>
public enum EvolvedColor
{
    Red,
    Green,
    [PersistUnknownEnumValue]
    Unknown,
}
