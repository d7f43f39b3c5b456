namespace Gc3.Persistence.TestModel;

public enum JobState
{
    New,
    Submitted,
    Running,
    Terminated,
}
