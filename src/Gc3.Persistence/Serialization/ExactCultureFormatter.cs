using System.Collections;
using System.Globalization;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Writes a <see cref="CultureInfo"/> as its name, as MemoryPack's own formatter does (same bytes), and reads it back
/// with <see cref="CultureInfo.GetCultureInfo(string)"/>; but refuses to write a culture whose number or date formats were
/// changed (<c>new CultureInfo("fr-FR") { NumberFormat = { NumberDecimalSeparator = "." } }</c>): the name alone would
/// load the culture without the change. Registered for the whole process by <see cref="PersistableRegistry"/>.
/// </summary>
internal sealed class ExactCultureFormatter : MemoryPackFormatter<CultureInfo>
{
    // The settings a program can change on a culture it made (a read-only one, such as GetCultureInfo's, cannot change).
    private static readonly Func<CultureInfo, object?>[] Settings =
    [
        c => c.TextInfo.ListSeparator,
        c => c.NumberFormat.CurrencyDecimalDigits, c => c.NumberFormat.CurrencyDecimalSeparator, c => c.NumberFormat.CurrencyGroupSeparator,
        c => c.NumberFormat.CurrencyGroupSizes, c => c.NumberFormat.CurrencyNegativePattern, c => c.NumberFormat.CurrencyPositivePattern,
        c => c.NumberFormat.CurrencySymbol, c => c.NumberFormat.DigitSubstitution, c => c.NumberFormat.NaNSymbol, c => c.NumberFormat.NativeDigits,
        c => c.NumberFormat.NegativeInfinitySymbol, c => c.NumberFormat.NegativeSign, c => c.NumberFormat.NumberDecimalDigits,
        c => c.NumberFormat.NumberDecimalSeparator, c => c.NumberFormat.NumberGroupSeparator, c => c.NumberFormat.NumberGroupSizes,
        c => c.NumberFormat.NumberNegativePattern, c => c.NumberFormat.PercentDecimalDigits, c => c.NumberFormat.PercentDecimalSeparator,
        c => c.NumberFormat.PercentGroupSeparator, c => c.NumberFormat.PercentGroupSizes, c => c.NumberFormat.PercentNegativePattern,
        c => c.NumberFormat.PercentPositivePattern, c => c.NumberFormat.PercentSymbol, c => c.NumberFormat.PerMilleSymbol,
        c => c.NumberFormat.PositiveInfinitySymbol, c => c.NumberFormat.PositiveSign,
        c => c.DateTimeFormat.AbbreviatedDayNames, c => c.DateTimeFormat.AbbreviatedMonthGenitiveNames, c => c.DateTimeFormat.AbbreviatedMonthNames,
        c => c.DateTimeFormat.AMDesignator, c => c.DateTimeFormat.Calendar.GetType(), c => c.DateTimeFormat.CalendarWeekRule,
        c => c.DateTimeFormat.DateSeparator, c => c.DateTimeFormat.DayNames, c => c.DateTimeFormat.FirstDayOfWeek,
        c => c.DateTimeFormat.FullDateTimePattern, c => c.DateTimeFormat.LongDatePattern, c => c.DateTimeFormat.LongTimePattern,
        c => c.DateTimeFormat.MonthDayPattern, c => c.DateTimeFormat.MonthGenitiveNames, c => c.DateTimeFormat.MonthNames,
        c => c.DateTimeFormat.PMDesignator, c => c.DateTimeFormat.ShortDatePattern, c => c.DateTimeFormat.ShortestDayNames,
        c => c.DateTimeFormat.ShortTimePattern, c => c.DateTimeFormat.TimeSeparator, c => c.DateTimeFormat.YearMonthPattern,
    ];

    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref CultureInfo? value)
    {
        if (value is { IsReadOnly: false })
        {
            CheckKeptByName(value);
        }

        writer.WriteString(value?.Name);
    }

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref CultureInfo? value)
    {
        var name = reader.ReadString();
        value = name is null ? null : CultureInfo.GetCultureInfo(name);
    }

    private static void CheckKeptByName(CultureInfo culture)
    {
        var named = CultureInfo.GetCultureInfo(culture.Name);
        foreach (var setting in Settings)
        {
            if (!StructuralComparisons.StructuralEqualityComparer.Equals(setting(culture), setting(named)))
            {
                throw new MemoryPackSerializationException(
                    $"The culture '{culture.Name}' has number or date formats of its own, which a record cannot keep: it keeps a culture's name, "
                    + "and loads the culture of that name without them. Keep the formats you chose in members of their own.");
            }
        }
    }
}
