namespace JobManager.Domain;

/// <summary>
/// One entry of a job's history. An unmanaged struct: MemoryPack copies it as raw bytes, and a
/// <c>List&lt;StateChange&gt;</c> member makes the generator register a formatter for that shape.
/// </summary>
/// <param name="State">The state the job entered.</param>
/// <param name="At">When it entered it (UTC).</param>
public readonly record struct StateChange(JobState State, DateTime At);
