using System.Globalization;

namespace PerfSuite.BuildingBlocks.Http;

public static class Money
{
    private static readonly HashSet<string> Currencies = BuildCurrencies();

    /// <summary>ISO 4217 codes known to .NET's culture data, plus a few that no culture uses as its own.</summary>
    public static bool IsKnownCurrency(string code) => code.Length == 3 && Currencies.Contains(code);

    private static HashSet<string> BuildCurrencies()
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { "USD", "EUR", "GBP", "JPY", "CHF", "XAU", "XAG" };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try { set.Add(new RegionInfo(culture.Name).ISOCurrencySymbol); }
            catch (ArgumentException) { }
        }
        return set;
    }

    /// <summary>Rounds to cents the way accountants do (away from zero on .5).</summary>
    public static decimal ToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
