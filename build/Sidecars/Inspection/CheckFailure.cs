namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>One failed check on a staged binary: which check, and a message saying what, where and how to fix it.</summary>
public sealed record CheckFailure(string Check, string Message);
