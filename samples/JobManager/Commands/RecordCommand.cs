using System.CommandLine;
using Gc3.Persistence;

namespace JobManager.Commands;

/// <summary>A command about one record the user names by ID (<c>job.N</c>, <c>batch.N</c> or <c>exe.N</c>), which must exist.</summary>
internal abstract class RecordCommand : ICommand
{
    private readonly Argument<string> _id;

    protected RecordCommand(string name, string description, string idDescription)
    {
        _id = new("ID") { Description = idDescription };
        Definition = new(name, description) { _id };
    }

    public Command Definition { get; }

    public bool NeedsExistingStore => true;

    public int Execute(ParseResult parsed, CommandContext context)
    {
        var id = JobRepository.ParseId(parsed.GetRequiredValue(_id));
        var repository = new JobRepository(context.Store);
        Execute(id, repository.LoadExisting(id), repository, context.Out);
        return 0;
    }

    /// <summary>Carries the command out on <paramref name="record"/>, the record <paramref name="id"/> names.</summary>
    protected abstract void Execute(Id id, object record, JobRepository repository, TextWriter output);
}
