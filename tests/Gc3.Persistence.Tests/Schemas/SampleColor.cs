namespace Gc3.Persistence.Tests.Schemas;

public enum SampleColor : byte
{
    Red = 1,
    Green = 2,
}
