using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>The positions read from a portfolio payload, and what was unexpected about some of them.</summary>
internal sealed record PortfolioPositions(IReadOnlyList<PortfolioPosition> Positions, IReadOnlyList<PositionOddity> Oddities);

/// <summary>
/// A position Trade Republic described in an unexpected form: its id (null when it had none), what was wrong (member
/// names and JSON kinds only, never values), and whether it had to be left out (no id or no quantity) or is listed
/// with what could be read.
/// </summary>
internal sealed record PositionOddity(string? Id, IReadOnlyList<string> Problems, bool LeftOut);
