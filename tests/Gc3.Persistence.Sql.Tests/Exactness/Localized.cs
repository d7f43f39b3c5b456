using System.Globalization;

namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>Cultures: as a member, and inside a list.</summary>
[Persistable]
public partial class Localized
{
    public CultureInfo? Culture { get; set; }

    public List<CultureInfo> Others { get; set; } = [];
}
