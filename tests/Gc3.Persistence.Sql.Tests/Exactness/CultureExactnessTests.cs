using System.Globalization;

namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>
/// A record keeps a culture's name: a culture whose number or date formats a program changed would load as the culture
/// of its name, without the change, so its save fails and writes nothing. A culture as its name gives it is kept.
/// </summary>
public sealed class CultureExactnessTests() : TemporaryDirectoryTests("cultures")
{
    public static TheoryData<string> Changes => ["decimal separator", "date pattern", "list separator", "in a list"];

    [Fact]
    public void A_culture_as_its_name_gives_it_comes_back_even_one_the_program_made()
    {
        using var store = StoreFactory.Make("file://" + Folder.Combine("cultures"));
        var made = new CultureInfo("en-US");
        Assert.False(made.IsReadOnly);

        var loaded = store.Load<Localized>(store.Save(new Localized { Culture = made, Others = [CultureInfo.InvariantCulture, (CultureInfo)CultureInfo.InvariantCulture.Clone()] }));

        Assert.Equal("en-US", loaded.Culture!.Name);
        Assert.Equal(made.NumberFormat.CurrencySymbol, loaded.Culture.NumberFormat.CurrencySymbol);
        Assert.Equal(made.DateTimeFormat.ShortDatePattern, loaded.Culture.DateTimeFormat.ShortDatePattern);
        Assert.All(loaded.Others, c => Assert.Equal(CultureInfo.InvariantCulture, c));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_culture_with_formats_of_its_own_fails_the_save_and_the_stored_record_stays(string change)
    {
        using var store = StoreFactory.Make("file://" + Folder.Combine("cultures"));
        var localized = new Localized { Culture = CultureInfo.InvariantCulture };
        var id = store.Save(localized);

        var changed = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        switch (change)
        {
            case "decimal separator":
                changed.NumberFormat.NumberDecimalSeparator = ",";
                localized.Culture = changed;
                break;
            case "date pattern":
                changed.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
                localized.Culture = changed;
                break;
            case "list separator":
                changed.TextInfo.ListSeparator = ";";
                localized.Culture = changed;
                break;
            default:
                changed.NumberFormat.CurrencySymbol = "CHF";
                localized.Others.Add(changed);
                break;
        }

        var stored = RefusedSave.AssertRefused(store, localized, id, "formats of its own", "file://" + Folder.Combine("cultures"));

        Assert.Equal(CultureInfo.InvariantCulture, stored.Culture);
        Assert.Empty(stored.Others);
    }
}
