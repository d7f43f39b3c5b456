namespace Gc3.Persistence.Tests.Schemas;

[Flags]
public enum SampleAccess
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
}
