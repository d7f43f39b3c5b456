using System.Collections;
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Text;

namespace Gc3.Persistence.Sql.Tests.RoundTrip;

/// <summary>Exact equality of the values the round-trip test compares: values (floating-point numbers bit for bit), sequences in order, the text and kind of a URI.</summary>
internal static class Same
{
    public static bool Values(object? expected, object? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (Uri e, Uri a):
                return e.Equals(a) && e.OriginalString == a.OriginalString && e.IsAbsoluteUri == a.IsAbsoluteUri;
            case (double e, double a):
                return BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a); // -0.0 is not 0.0, a NaN keeps its payload
            case (float e, float a):
                return BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a);
            case (Half e, Half a):
                return BitConverter.HalfToInt16Bits(e) == BitConverter.HalfToInt16Bits(a);
            case (Complex e, Complex a):
                return Values(e.Real, a.Real) && Values(e.Imaginary, a.Imaginary);
            case (decimal e, decimal a):
                return decimal.GetBits(e).SequenceEqual(decimal.GetBits(a)); // the scale too: 1.0m is not 1.00m
            case (DateTime e, DateTime a):
                return e.Ticks == a.Ticks && e.Kind == a.Kind;
            case (DateTimeOffset e, DateTimeOffset a):
                return e.Ticks == a.Ticks && e.Offset == a.Offset;
            case (StringBuilder e, StringBuilder a):
                return e.ToString() == a.ToString();
            case (TimeZoneInfo e, TimeZoneInfo a):
                return e.Id == a.Id && e.HasSameRules(a) && e.BaseUtcOffset == a.BaseUtcOffset;
            case (Lazy<int> e, Lazy<int> a):
                return e.Value == a.Value;
            case (Array e, Array a) when e.Rank > 1:
                return e.Rank == a.Rank
                    && Enumerable.Range(0, e.Rank).All(d => e.GetLength(d) == a.GetLength(d))
                    && Sequences(e, a);
            case (string e, string a):
                return e == a;
            case (BigInteger e, BigInteger a):
                return e == a;
            case (ITuple e, ITuple a):
                return e.Length == a.Length && Enumerable.Range(0, e.Length).All(i => Values(e[i], a[i]));
            case (IEnumerable e, IEnumerable a):
                return e.GetType() == a.GetType() && Sequences(e, a);
            default:
                return expected.GetType() == actual.GetType() && expected.Equals(actual);
        }
    }

    private static bool Sequences(IEnumerable expected, IEnumerable actual)
    {
        var e = expected.Cast<object?>().ToList();
        var a = actual.Cast<object?>().ToList();
        return e.Count == a.Count && e.Zip(a).All(p => Values(p.First, p.Second));
    }
}
