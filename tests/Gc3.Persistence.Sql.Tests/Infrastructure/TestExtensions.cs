namespace Gc3.Persistence.Sql.Tests.Infrastructure;

internal static class TestExtensions
{
    /// <summary>Applies <paramref name="func"/> to <paramref name="value"/>, so a lambda can use a value built in an expression.</summary>
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> func) => func(value);
}
