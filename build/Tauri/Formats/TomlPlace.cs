namespace Prism.Pipeline.Tauri.Formats;

/// <summary>Where a TOML table takes a new key, which depends on how the file defines it.</summary>
internal abstract record TomlPlace;

/// <summary>A table whose keys are lines of a section — its own <c>[header]</c>, or the section whose dotted keys
/// (<c>bundle.active = true</c>) define it, or the top of the file: a new line goes at <see cref="InsertAt"/> (after
/// the last key line of the table), as <see cref="Indent"/> + <see cref="KeyPrefix"/> + key.</summary>
/// <param name="AfterLastLine">True when the last line has no line break (the end of the file): one goes first.</param>
/// <param name="IsRoot">The top of the file, where a key below a missing table goes in a new section instead.</param>
internal sealed record TomlLinePlace(int InsertAt, string Indent, string KeyPrefix, bool AfterLastLine, bool IsRoot = false) : TomlPlace;

/// <summary>An inline table (<c>{ a = 1 }</c>) or a table its dotted keys define: a new key goes after its last item,
/// or into the braces when it is empty.</summary>
internal sealed record TomlInlinePlace(int OpenBrace, int CloseBrace, int LastItemEnd, string KeyPrefix) : TomlPlace;

/// <summary>A table only defined by the headers of tables below it (<c>[bundle.linux.deb]</c> defines
/// <c>bundle</c>): a new section <c>[<see cref="PathAsWritten"/>…]</c> goes at the end of the file.</summary>
internal sealed record TomlImplicitPlace(IReadOnlyList<string> PathAsWritten) : TomlPlace;
