namespace Prism.Daemon.Session;

/// <summary>Phone numbers as logs show them: country prefix and last three digits only, e.g. <c>+49•••••123</c>.</summary>
internal static class PhoneMask
{
    public static string Mask(string phone) =>
        phone.Length < 8 ? new string('•', phone.Length) : $"{phone[..3]}{new string('•', phone.Length - 6)}{phone[^3..]}";
}
