namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>A persistable whose <see cref="Name"/> getter calls <see cref="Reading"/>: a test holds a save in the middle of encoding it.</summary>
[Persistable("test.gated")]
public partial class GatedPart
{
    [PersistIgnore]
    public Action? Reading { get; set; }

    public string Name
    {
        get
        {
            Reading?.Invoke();
            return field;
        }

        set;
    } = "";

    public GatedPart? Partner { get; set; }
}
