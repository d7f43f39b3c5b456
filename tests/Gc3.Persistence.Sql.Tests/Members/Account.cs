namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>A class with a primary constructor only (issue 13 §3).</summary>
[Persistable("members.account")]
public partial class Account(string owner, decimal opening)
{
    private readonly List<decimal> _movements = [opening];

    public string Owner { get; } = owner;

    public decimal Balance => _movements.Sum();

    public void Move(decimal amount) => _movements.Add(amount);
}
